/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparison of two sides, one or several runs each, variant by variant, by the analysis
 * stage: `hookcost compare` prints it, and `hookcost report` puts it in the report when it is
 * given several runs.
 */
#ifndef HC_COMPARE_H
#define HC_COMPARE_H

#include "analysis/analysis.h"
#include "core/result.h"

#define HC_CMP_MAX_RUNS 64

/* The rows of one metric taken together. */
struct hc_cmp_total {
	const char *metric;
	struct hc_verdict_counts verdicts;	/* of its rows */
	unsigned int nr_geo;		/* rows with a ratio, which enter the geometric mean */
	double geomean;			/* of other/base over those rows; NAN if none */
};

/* Side other against side base: a comparison per variant both have and metric. */
struct hc_cmp {
	const struct hc_run *base, *other;	/* the first run of each side */
	unsigned int nr_base_runs, nr_other_runs;
	bool run_level;				/* several runs: compared by their medians */
	double alpha;
	struct hc_comparison *rows;	/* base and other point into the two runs */
	double *medians;		/* run_level: the runs' medians each row compares */
	unsigned int nr_rows;
	unsigned int only_base, only_other;	/* variants measured in one file only */
	unsigned int skipped;			/* pairs where either side was skipped */
	unsigned int few_samples;		/* rows with fewer than advised samples, or
						   missing from some runs (run_level) */
	unsigned int advised_samples;		/* what few_samples counts below */
	char context_diff[1024];		/* what differs between the contexts, or "" */
	struct hc_cmp_total totals[HC_MAX_COUNTERS];	/* one per metric compared */
	unsigned int nr_totals;
};

/*
 * Pairs the variants of other[0] with those of base[0]: same suite, case, gate, parameters and
 * configuration; a variant left alone on both sides (say `unused` in base and `active` in
 * other) is paired with its single counterpart. Then compares each metric of metrics: with
 * one run per side their samples, with several the runs' medians (Mann-Whitney, two-sample
 * Hodges-Lehmann); every row of the comparison is one family for the adjusted p-values.
 */
int hc_cmp_build(const struct hc_run *const *base, unsigned int nr_base,
		 const struct hc_run *const *other, unsigned int nr_other,
		 const char *const *metrics, unsigned int nr_metrics,
		 const struct hc_analysis_opts *opts, struct hc_cmp *c);
void hc_cmp_free(struct hc_cmp *c);
/* The totals of metric, or NULL when it was not compared. */
const struct hc_cmp_total *hc_cmp_total(const struct hc_cmp *c, const char *metric);

/*
 * The analysis stage over loaded runs: each run's own comparisons judged at o->alpha, then
 * every later run against runs[0] into cross[i - 1], one run per side. cross holds nr - 1
 * zeroed entries; each is freed with hc_cmp_free(), also after an error.
 */
int hc_analyze_runs(struct hc_run *runs, unsigned int nr, const char *const *metrics,
		    unsigned int nr_metrics, const struct hc_analysis_opts *o,
		    struct hc_cmp *cross);

/*
 * Rows of metric called overhead whose cost rose by more than pct percent; a row without a
 * percentage (hc_comparison_has_ratio()) counts when called overhead: its absolute shift
 * reaches its margin.
 */
unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct);

#endif
