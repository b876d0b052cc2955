/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparison of two runs variant by variant, by the analysis stage: `hookcost compare` prints it, and
 * `hookcost report` puts it in the report when it is given several runs.
 */
#ifndef HC_COMPARE_H
#define HC_COMPARE_H

#include "core/result.h"

/* Run other against run base: a comparison per variant both have and metric. */
struct hc_cmp {
	const struct hc_run *base, *other;
	double alpha;
	struct hc_comparison *rows;	/* base and other point into the two runs */
	unsigned int nr_rows;
	unsigned int only_base, only_other;	/* variants measured in one file only */
	unsigned int skipped;			/* pairs where either side was skipped */
	unsigned int few_samples;		/* rows with fewer than advised samples */
	unsigned int advised_samples;		/* what few_samples counts below */
	char context_diff[1024];		/* what differs between the contexts, or "" */
};

/*
 * Pairs the variants of other with those of base: same suite, case, gate, parameters and
 * configuration; a variant left alone on both sides (say `unused` in base and `active` in
 * other) is paired with its single counterpart. Then compares each metric of metrics.
 */
int hc_cmp_build(const struct hc_run *base, const struct hc_run *other,
		 const char *const *metrics, unsigned int nr_metrics, double alpha,
		 struct hc_cmp *c);
void hc_cmp_free(struct hc_cmp *c);

/* Rows of metric whose cost rose significantly by more than pct percent. */
unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct);

#endif
