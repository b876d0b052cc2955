/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The analysis stage: from the samples of a run to everything the writers print. One call
 * after measuring computes every summary and every comparison with its verdict, into the model
 * (core/result.h); the writers (table, JSON, CSV, compare, report) only format what it
 * computed. `hookcost compare` is the same stage over two loaded runs.
 */
#ifndef HC_ANALYSIS_H
#define HC_ANALYSIS_H

#include <stdint.h>

#include "core/result.h"

struct hc_analysis_opts {
	double alpha;			/* significance level of the verdicts */
	uint64_t seed;			/* bootstrap seed: metric m resamples with seed + m */
	unsigned int boot_reps;		/* bootstrap resamples per summary */
};

/*
 * Summarises the results of run that are not summarised yet (the runner calls this after every
 * finished case, so each summary is computed once), then compares every pair of
 * configurations of one case, gate and parameter set, base being the cheaper configuration,
 * in every metric both have: run->cmps, in result order, metric by metric. A run loaded from
 * a file has its summaries and comparisons from the file: their verdicts are judged at alpha.
 */
int hc_analyze_run(struct hc_run *run, const struct hc_analysis_opts *o);

/*
 * Compares the samples y of other with the samples x of base in metric, at alpha: fills c
 * (its base and other stay as they are). The one place a comparison is computed.
 */
int hc_analysis_compare(const double *x, unsigned int nx, const double *y, unsigned int ny,
			const char *metric, double alpha, struct hc_comparison *c);

#endif
