# SPDX-License-Identifier: GPL-2.0
#
# tests/schema-agree.t judges thousands of mutated result files: one process loads them all.

$(BUILD)/tests/load-check: tests/schema/load_check.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -o $@ $< $(LIB_OBJS) $(HC_LDLIBS) $(LDFLAGS)

CHECK_DEPS += $(BUILD)/tests/load-check
