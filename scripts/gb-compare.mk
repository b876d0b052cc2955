# SPDX-License-Identifier: GPL-2.0
# The Google Benchmark side of scripts/gb-compare (Debian libbenchmark-dev); not part of all.
CXX ?= g++

$(BUILD)/gb-ops: bench/tools/gb_ops.cc
	@mkdir -p $(@D)
	$(CXX) $(CFLAGS) -Wall -Wextra -Werror -o $@ $< -lbenchmark -lpthread $(LDFLAGS)

CLEAN_FILES += $(BUILD)/gb-ops
