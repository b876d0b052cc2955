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
 * the verdict is three-way against a margin (analysis/equivalence.h), on intervals at the
 * level the comparison's family leaves it: a run's comparisons form two families, the primary
 * question (unused vs off, "free when unused") and the secondary one (every other pair);
 * `compare` makes one. Each of a family's m comparisons is judged at alpha / m (Bonferroni),
 * so every verdict can be checked from its own interval.
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
	bool from_samples;		/* a loaded run is analysed again, from its samples */
};

#define HC_ANALYSIS_OPTS_DEFAULT \
	((struct hc_analysis_opts){ .alpha = HC_ALPHA_DEFAULT, .margin = HC_MARGIN_DEFAULT })

/* --margin [METRIC=]VALUE[%]: the global margin, or one metric's. -1 (usage error) if bad. */
int hc_analysis_margin_arg(struct hc_analysis_opts *o, const char *arg);

/* The margin that applies to metric. */
const struct hc_margin *hc_analysis_margin(const struct hc_analysis_opts *o, const char *metric);

/* What r's metric m resolves, for the margin's floor (hc_margin_floor()). */
struct hc_margin_base hc_margin_base_of(const struct hc_result *r, unsigned int m);

/*
 * Summarises the results of run that are not summarised yet (the runner calls this after every
 * finished case, so each summary is computed once), then compares every pair of
 * configurations of one case, gate and parameter set, base being the cheaper configuration,
 * in every metric both have, paired: run->cmps, in result order, metric by metric; then
 * tests each at its family's level and settles every verdict. A run loaded from a file keeps
 * the file's summaries, comparisons and verdicts, unless o->from_samples: then it is analysed
 * again from its samples, at o's alpha and margins.
 */
int hc_analyze_run(struct hc_run *run, const struct hc_analysis_opts *o);

/*
 * Sets up the comparison of the samples y of other with the samples x of base in metric: c
 * (its base and other stay as they are) points to x and y, which must live until
 * hc_analysis_family() has tested it at its family's level. Paired: nx == ny and x[i], y[i]
 * share a round. Unpaired: two independent samples. mb: what the base's metric resolves, for
 * the margin's floor (hc_margin_floor()), or NULL for none.
 */
int hc_analysis_compare(const double *x, unsigned int nx, const double *y, unsigned int ny,
			bool paired, const char *metric, const struct hc_analysis_opts *o,
			const struct hc_margin_base *mb, struct hc_comparison *c);

/*
 * Whether a change of c is a percentage of its base: only of a positive base above what the
 * metric resolves (its margin floor). A net cost at or below 0 has none: -100 % of a
 * negative base is a rise, and a few percent of nothing is anything.
 */
bool hc_comparison_has_ratio(const struct hc_comparison *c);

/* The interval c's verdict rests on (hc_judged_ci()) into ci, and its level. */
const struct hc_ci *hc_comparison_ci(const struct hc_comparison *c, struct hc_ci *ci,
				     double *level);

/*
 * Decimals for c's shift and interval (*dec) and its margin (*margin_dec), each at least as
 * given, at which the rule reads the printed numbers as it reads the true ones: |shift| and
 * the interval's ends on the same side of the margin, the ends on the same side of 0.
 */
#define HC_MAX_DECIMALS 12
void hc_comparison_decimals(const struct hc_comparison *c, int *dec, int *margin_dec);

/*
 * c's verdict with the numbers its rule reads, short for a row under its medians:
 * "overhead 2.00 [2.00, 2.00] at 99.38 %, margin 0.500" (no unit, family or margin origin:
 * the table they head says those once).
 */
void hc_comparison_brief(const struct hc_comparison *c, char *buf, size_t len);

/* The families' names, NULL-terminated: a family_name is one of these pointers. */
extern const char *const hc_family_names[];

/*
 * c's family: "primary" (unused vs off) or "secondary" by_question, else "compare".
 */
const char *hc_analysis_family_of(const struct hc_comparison *c, bool by_question);

/*
 * Before measuring: warns for each family of the run that variants v[0 .. nr - 1] make, with
 * nr_metrics metrics, whose comparisons cannot reach a verdict (an interval at 1 - alpha / m)
 * at samples pairs; returns the n that can, or 0 when samples can.
 */
unsigned int hc_analysis_check_n(const struct hc_variant *v, unsigned int nr,
				 unsigned int nr_metrics, unsigned int samples, double alpha);

/*
 * The families of cmps[0 .. n - 1] (hc_analysis_family_of): each member of a family of m is
 * tested with its intervals at 1 - alpha / m (and 1 - 2 alpha / m for equivalence), gets its
 * Holm-adjusted p and BH q-value within the family, then its verdict and sentence.
 */
int hc_analysis_family(struct hc_comparison *cmps, unsigned int n, double alpha,
		       bool by_question);

#endif
