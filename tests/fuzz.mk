# SPDX-License-Identifier: GPL-2.0
#
# The result loader and the compare/report pipeline under libFuzzer (clang) with ASan and
# UBSan: `make fuzz` runs for FUZZ_SECONDS (seeds: the result files in data/ and
# tests/fixtures/); `make check` replays tests/fuzz/regressions/ (every crashing or
# accepted-invalid input found so far) and runs the loader unit test under the same sanitizers.
# The objects are the harness's own reading side (clang cannot build the measuring side's
# asm goto), rebuilt with clang under $(BUILD)/fuzz.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wno-format-security
FUZZ_SRCS := $(wildcard bench/analysis/*.c bench/output/*.c bench/report/*.c bench/base/*.c) \
	bench/core/result.c bench/core/case.c \
	bench/cmd/cli.c bench/cmd/compare.c bench/cmd/report.c
FUZZ_OBJS := $(FUZZ_SRCS:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN := $(FUZZ_BUILD)/fuzz-result
FUZZ_UNIT := $(FUZZ_BUILD)/test_result_load

$(FUZZ_BUILD)/bench/%.o: bench/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/bench/core/env.o $(FUZZ_BUILD)/bench/report/report.o: $(BUILD)/version.h

$(FUZZ_BIN): tests/fuzz/fuzz_result.c $(FUZZ_OBJS)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer \
		-DFUZZ_FAKE_GNUPLOT='"$(abspath tests/fuzz/fake-gnuplot)"' \
		-DFUZZ_GNUPLOT_DIR='"$(abspath scripts/gnuplot)"' \
		-DFUZZ_SEED='"$(abspath tests/fixtures/result-configs.json)"' \
		-o $@ $< $(FUZZ_OBJS) $(HC_LDLIBS)

$(FUZZ_UNIT): tests/unit/test_result_load.c $(FUZZ_OBJS)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -Itests -o $@ $< $(FUZZ_OBJS) $(HC_LDLIBS) \
		-lcmocka

CHECK_DEPS += $(FUZZ_BIN) $(FUZZ_UNIT)
CLEAN_FILES += $(FUZZ_BUILD)

# Seeds: every result file of data/ and tests/fixtures/ small enough to be mutated whole, and
# the regressions.
FUZZ_SEEDS = $(shell find data tests/fixtures -maxdepth 1 -name '*.json' -size -32k) \
	$(wildcard tests/fuzz/regressions/*)

# The corpus grows in $(FUZZ_BUILD)/corpus across runs; findings go to $(FUZZ_BUILD)/found
# (copy them to tests/fuzz/regressions/ once fixed). nice: the machine is shared.
.PHONY: fuzz
fuzz: $(FUZZ_BIN)
	rm -rf $(FUZZ_BUILD)/seeds $(FUZZ_BUILD)/report
	@mkdir -p $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds $(FUZZ_BUILD)/found
	cp $(FUZZ_SEEDS) $(FUZZ_BUILD)/seeds/
	FUZZ_REPORT_DIR=$(abspath $(FUZZ_BUILD))/report nice $(FUZZ_BIN) \
		-max_total_time=$(FUZZ_SECONDS) -max_len=32768 -timeout=10 -rss_limit_mb=2048 \
		-close_fd_mask=3 \
		-dict=tests/fuzz/result.dict -artifact_prefix=$(FUZZ_BUILD)/found/ \
		-print_final_stats=1 $(FUZZ_BUILD)/corpus $(FUZZ_BUILD)/seeds

-include $(FUZZ_OBJS:.o=.d)
