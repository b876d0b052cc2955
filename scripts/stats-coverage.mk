# SPDX-License-Identifier: GPL-2.0
#
# The coverage benchmark of the statistics (bench/tools/stats_coverage.c): run on demand by
# scripts/stats-coverage, result kept in data/method/. It links only the statistics.

STATS_OBJS := $(patsubst %,$(BUILD)/bench/analysis/%.o,equivalence hl_one interval median_ci \
	rank signed_rank stats) $(BUILD)/bench/base/error.o $(BUILD)/bench/base/median.o \
	$(BUILD)/bench/base/verdict.o

$(BUILD)/stats-coverage: $(BUILD)/bench/tools/stats_coverage.o $(STATS_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ -lgsl -lgslcblas -lm $(LDFLAGS)

-include $(BUILD)/bench/tools/stats_coverage.d

.PHONY: stats-coverage
stats-coverage: $(BUILD)/stats-coverage
	scripts/stats-coverage

CLEAN_FILES += $(BUILD)/stats-coverage
