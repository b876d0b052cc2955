/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The analysis stage: from the samples of a run to everything the writers print. One call
 * after measuring computes every summary and every comparison with its verdict, into the model
 * (core/result.h); the writers (table, JSON, CSV, compare, report) only format what it
 * computed. `hookcost compare` is the same stage over loaded runs.
 *
 * Within a run, the configurations of one case were measured in the same rounds (sample i of
 * each from round i, see core/runner.c), so they are compared paired: the Wilcoxon signed-rank
 * test and the one-sample Hodges-Lehmann interval of the per-round differences. Across runs
 * the samples are not paired: Mann-Whitney and the two-sample (Moses) interval. Either way
 * the verdict is three-way against a margin (analysis/equivalence.h), on p-values adjusted
 * across the family of comparisons (Holm).
 */
#ifndef HC_ANALYSIS_H
#define HC_ANALYSIS_H

#include "analysis/equivalence.h"
#include "core/result.h"

#define HC_MAX_MARGINS 8

struct hc_analysis_opts {
	double alpha;			/* every interval is at 1 - alpha, every test at alpha */
	struct hc_margin margin;	/* of every metric without its own */
	struct {
		char metric[32];
		struct hc_margin m;
	} per_metric[HC_MAX_MARGINS];
	unsigned int nr_per_metric;
};

#define HC_ANALYSIS_OPTS_DEFAULT \
	((struct hc_analysis_opts){ .alpha = HC_ALPHA_DEFAULT, .margin = HC_MARGIN_DEFAULT })

/* --margin [METRIC=]VALUE[%]: the global margin, or one metric's. -1 (usage error) if bad. */
int hc_analysis_margin_arg(struct hc_analysis_opts *o, const char *arg);

/* The margin that applies to metric. */
const struct hc_margin *hc_analysis_margin(const struct hc_analysis_opts *o, const char *metric);

/*
 * Summarises the results of run that are not summarised yet (the runner calls this after every
 * finished case, so each summary is computed once), then compares every pair of
 * configurations of one case, gate and parameter set, base being the cheaper configuration,
 * in every metric both have, paired: run->cmps, in result order, metric by metric; then
 * adjusts the family's p-values and settles every verdict. A run loaded from a file has its
 * summaries and comparisons from the file: their verdicts are judged at alpha.
 */
int hc_analyze_run(struct hc_run *run, const struct hc_analysis_opts *o);

/*
 * Compares the samples y of other with the samples x of base in metric: fills c (its base and
 * other stay as they are) but for the verdict, which needs the family (hc_analysis_family).
 * Paired: nx == ny and x[i], y[i] share a round. Unpaired: two independent samples.
 */
int hc_analysis_compare(const double *x, unsigned int nx, const double *y, unsigned int ny,
			bool paired, const char *metric, const struct hc_analysis_opts *o,
			struct hc_comparison *c);

/*
 * The family: Holm-adjusted p-values and BH q-values over cmps[0 .. n - 1], then every
 * verdict and its sentence at alpha.
 */
int hc_analysis_family(struct hc_comparison *cmps, unsigned int n, double alpha);

#endif
