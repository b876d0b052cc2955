# SPDX-License-Identifier: GPL-2.0
#
# User-space static keys (bench/lib/ustatic/): what their tests need beyond the unit-test rule,
# and the toggle-latency benchmark. The helpers link only the objects they use, so they do
# not depend on the rest of the harness.

USTATIC_HDRS := include/hookcost/static_branch.h include/ustatic/ustatic.h bench/lib/ustatic/internal.h
# The library stands alone; these programs report its errors the harness's way (hc_err).
USTATIC_OBJS := $(patsubst %.c,$(BUILD)/%.o,$(wildcard bench/lib/ustatic/*.c)) \
	$(BUILD)/bench/base/error.o $(BUILD)/bench/core/ustatic_msgs.o

# Sites in an object loaded with dlopen: it calls back into the test program's registry.
$(BUILD)/tests/libustatic_dso.so: tests/ustatic/dso.c $(USTATIC_HDRS) | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -fPIC -shared -o $@ $<

$(BUILD)/tests/test_ustatic: LDFLAGS += -rdynamic

$(BUILD)/tests/ustatic-disasm: tests/ustatic/disasm.c $(USTATIC_OBJS) $(USTATIC_HDRS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -o $@ $< $(USTATIC_OBJS) -ldl -lpthread $(LDFLAGS)

CHECK_DEPS += $(BUILD)/tests/libustatic_dso.so $(BUILD)/tests/ustatic-disasm

$(BUILD)/ustatic-toggle: $(BUILD)/bench/tools/ustatic_toggle.o $(USTATIC_OBJS) \
		$(BUILD)/bench/core/env.o $(BUILD)/bench/core/cgroup.o $(BUILD)/bench/base/file.o
	$(CC) $(CFLAGS) -o $@ $^ -ljansson -ldl -lpthread $(LDFLAGS)

-include $(BUILD)/bench/tools/ustatic_toggle.d

# A benchmark, not a test: run on demand, result kept in data/.
.PHONY: ustatic-latency
ustatic-latency: $(BUILD)/ustatic-toggle
	$(BUILD)/ustatic-toggle -o data/ustatic-toggle-latency.json
CLEAN_FILES += $(BUILD)/ustatic-toggle
