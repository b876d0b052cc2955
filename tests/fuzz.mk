# SPDX-License-Identifier: GPL-2.0
#
# Three libFuzzer targets (clang) with ASan and UBSan: the result loader and the compare/report
# pipeline (fuzz-result), the report manifest a report's directory holds (fuzz-manifest) and
# the VM matrix file (fuzz-matrix). `make fuzz` runs them one after the other for FUZZ_SECONDS
# in all, two thirds of it on the result pipeline (seeds: the result files in data/ and
# tests/fixtures/, a real manifest, scripts/matrices/); `make check` replays
# tests/fuzz/regressions/ (every crashing or accepted-invalid input found so far) and runs the
# loader unit test under the same sanitizers.
# The objects are the harness's own reading side (clang cannot build the measuring side's
# asm goto), rebuilt with clang under $(BUILD)/fuzz.

FUZZ_CC ?= clang
FUZZ_SECONDS ?= 600
FUZZ_BUILD := $(BUILD)/fuzz
FUZZ_SAN := -fsanitize=address,undefined -fno-sanitize-recover=undefined -Wno-format-security
FUZZ_SRCS := $(wildcard bench/analysis/*.c bench/output/*.c bench/report/*.c bench/base/*.c) \
	bench/core/result.c bench/core/groups.c bench/core/case.c \
	bench/cmd/cli.c bench/cmd/compare.c bench/cmd/report.c bench/vm/vm_matrix.c
FUZZ_OBJS := $(FUZZ_SRCS:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_BIN := $(FUZZ_BUILD)/fuzz-result
FUZZ_MANIFEST := $(FUZZ_BUILD)/fuzz-manifest
FUZZ_MATRIX := $(FUZZ_BUILD)/fuzz-matrix
FUZZ_UNIT := $(FUZZ_BUILD)/test_result_load

$(FUZZ_BUILD)/bench/%.o: bench/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer-no-link -c -o $@ $<

$(FUZZ_BUILD)/bench/core/env.o $(FUZZ_BUILD)/bench/report/report.o: $(BUILD)/version.h

$(FUZZ_BIN) $(FUZZ_MANIFEST) $(FUZZ_MATRIX): $(FUZZ_BUILD)/fuzz-%: tests/fuzz/fuzz_%.c $(FUZZ_OBJS)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -fsanitize=fuzzer \
		-DFUZZ_FAKE_GNUPLOT='"$(abspath tests/fuzz/fake-gnuplot)"' \
		-DFUZZ_GNUPLOT_DIR='"$(abspath scripts/gnuplot)"' \
		-DFUZZ_SEED='"$(abspath tests/fixtures/result-configs.json)"' \
		-o $@ $< $(FUZZ_OBJS) $(HC_LDLIBS)

$(FUZZ_UNIT): tests/unit/test_result_load.c $(FUZZ_OBJS)
	$(FUZZ_CC) -O1 -g $(HC_CFLAGS) $(FUZZ_SAN) -Itests -o $@ $< $(FUZZ_OBJS) $(HC_LDLIBS) \
		-lcmocka

CHECK_DEPS += $(FUZZ_BIN) $(FUZZ_MANIFEST) $(FUZZ_MATRIX) $(FUZZ_UNIT)
CLEAN_FILES += $(FUZZ_BUILD)

# Seeds: every result file of data/ and tests/fixtures/ small enough to be mutated whole, and
# the regressions.
FUZZ_SEEDS = $(shell find data tests/fixtures -maxdepth 1 -name '*.json' -size -32k) \
	$(wildcard tests/fuzz/regressions/*)

FUZZ_SEEDS_MANIFEST = $(wildcard tests/fuzz/seeds-manifest/*) $(wildcard tests/fuzz/regressions-manifest/*)
FUZZ_SEEDS_MATRIX = $(wildcard scripts/matrices/*.matrix) $(wildcard tests/fuzz/regressions-matrix/*)

# fuzz-run TARGET,SECONDS,SEEDS,OPTIONS: one target from its corpus (which grows in
# $(FUZZ_BUILD)/corpus-TARGET across runs) and seeds; findings go to $(FUZZ_BUILD)/found
# (copy them to tests/fuzz/regressions*/ once fixed). nice: the machine is shared.
define fuzz-run
	rm -rf $(FUZZ_BUILD)/seeds-$(1) $(FUZZ_BUILD)/report-$(1)
	@mkdir -p $(FUZZ_BUILD)/corpus-$(1) $(FUZZ_BUILD)/seeds-$(1) $(FUZZ_BUILD)/found
	cp $(3) $(FUZZ_BUILD)/seeds-$(1)/
	FUZZ_REPORT_DIR=$(abspath $(FUZZ_BUILD))/report-$(1) nice $(FUZZ_BUILD)/fuzz-$(1) \
		-max_total_time=$(2) -timeout=10 -rss_limit_mb=2048 -close_fd_mask=3 \
		-artifact_prefix=$(FUZZ_BUILD)/found/$(1)- -print_final_stats=1 $(4) \
		$(FUZZ_BUILD)/corpus-$(1) $(FUZZ_BUILD)/seeds-$(1)
endef

.PHONY: fuzz
fuzz: $(FUZZ_BIN) $(FUZZ_MANIFEST) $(FUZZ_MATRIX)
	$(call fuzz-run,result,$(shell echo $$(($(FUZZ_SECONDS) * 2 / 3))),$(FUZZ_SEEDS),\
		-max_len=32768 -dict=tests/fuzz/result.dict)
	$(call fuzz-run,manifest,$(shell echo $$(($(FUZZ_SECONDS) / 6))),$(FUZZ_SEEDS_MANIFEST),\
		-max_len=8192)
	$(call fuzz-run,matrix,$(shell echo $$(($(FUZZ_SECONDS) / 6))),$(FUZZ_SEEDS_MATRIX),\
		-max_len=16384 -dict=tests/fuzz/matrix.dict)

-include $(FUZZ_OBJS:.o=.d)
