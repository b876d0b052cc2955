# SPDX-License-Identifier: GPL-2.0
#
# hookcost with one more case, declared in tests/cases/demo.c only (tests/case-declaration.t).

$(BUILD)/tests/hookcost-demo: tests/cases/demo.c $(LIB_OBJS) $(BUILD)/bench/cmd/main.o
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -o $@ $< $(LIB_OBJS) $(BUILD)/bench/cmd/main.o $(HC_LDLIBS) \
		$(LDFLAGS)

CHECK_DEPS += $(BUILD)/tests/hookcost-demo
