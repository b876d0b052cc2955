/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a run produced, in memory: per variant the samples of every metric, as raw counts and as
 * net per-operation values, plus the run's context; and what the analysis stage
 * (analysis/analysis.h) computed from them: a summary per metric and the comparisons of
 * configurations with their verdicts. Writers read only this.
 */
#ifndef HC_RESULT_H
#define HC_RESULT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/case.h"
#include "core/counters.h"

/* One metric of one variant over its samples, per operation. NAN where undefined. */
struct hc_msummary {
	unsigned int n;			/* samples */
	double median;
	double ci_lo, ci_hi;		/* confidence interval of the median */
	double level;			/* the confidence asked for (0.95) */
	double coverage;		/* what [ci_lo, ci_hi] achieves; NAN: not known */
	double mad;			/* median absolute deviation, unscaled */
	double min, mean;
	double stddev;			/* sample (n - 1); 0 when n is 1 */
	double cv;			/* stddev / |mean|; 0 when mean is 0 */
	unsigned int multiplexed;	/* samples whose counters were multiplexed */
};

struct hc_result {
	struct hc_variant v;
	uint64_t iterations;		/* operations per sample */
	unsigned int nr_samples;
	double *per_op[HC_MAX_COUNTERS];	/* net of the baseline, per operation */
	uint64_t *raw[HC_MAX_COUNTERS];	/* counter deltas per sample, as read */
	bool *multiplexed;		/* per sample: time_running < time_enabled */
	bool user_only;			/* the counters left kernel mode out (HC_CASE_KERNEL unset) */
	/* Deterministic counts: interrupted samples were measured again (only then looked for). */
	bool exact;
	unsigned int remeasured;	/* samples measured again for an interruption */
	unsigned int interrupted;	/* kept samples with one, theirs or their baseline's */
	/* The baseline subtracted from every sample (per sample and per iteration). */
	double overhead_fixed[HC_MAX_COUNTERS];
	double overhead_per_iter[HC_MAX_COUNTERS];
	struct hc_msummary summary[HC_MAX_COUNTERS];	/* of per_op, by the analysis stage */
	bool summarized;		/* summary[] is filled */
	unsigned int metrics;		/* bit m: metric m was measured (own_tsc is per case) */
	char *skip_reason;		/* non-NULL: not measured, and why */
};

static inline bool hc_result_has(const struct hc_result *r, unsigned int m)
{
	return !r->skip_reason && (r->metrics & (1u << m));
}

/* How many of r's samples were multiplexed. */
unsigned int hc_result_multiplexed(const struct hc_result *r);

/* What a comparison concludes (DESIGN.md, "Verdicts"). */
enum hc_verdict_kind {
	HC_VERDICT_NO_DETECTABLE,	/* the CI holds 0 or p >= alpha: |delta| < R */
	HC_VERDICT_OVERHEAD,		/* significant rise */
	HC_VERDICT_SAVING,		/* significant fall */
	HC_VERDICT_EQUIVALENT,		/* |delta| < margin at the level */
	HC_VERDICT_INCONCLUSIVE,	/* the CI is wider than the margin */
};

#define HC_VERDICT_TEXT_LEN 256

/*
 * Variant other against variant base in one metric: the same case, gate and parameters in two
 * configurations of one run, or the same variant in two runs. NAN or false where the method
 * does not provide a field.
 */
struct hc_comparison {
	const struct hc_result *base, *other;
	const char *metric;
	const char *method;		/* the test: "mann-whitney" */
	bool paired;			/* samples paired by round */
	unsigned int n_base, n_other;
	double base_median, other_median;
	double estimate;		/* shift other - base per op (Hodges-Lehmann) */
	double ci_lo, ci_hi;		/* confidence interval of estimate */
	double level;			/* the confidence asked for (0.95) */
	double coverage;		/* what [ci_lo, ci_hi] achieves; NAN: not known */
	double rel_change;		/* estimate / base median; NAN when that is 0 */
	double p, p_adjusted;		/* two-sided; adjusted for the family of tests */
	double margin;			/* equivalence margin per op */
	enum hc_verdict_kind verdict;
	bool multiplexed;		/* either side had multiplexed samples */
	char text[HC_VERDICT_TEXT_LEN];	/* the verdict as a sentence, with its numbers */
};

/* Whether the verdict is a change: overhead or saving. */
static inline bool hc_verdict_flagged(enum hc_verdict_kind k)
{
	return k == HC_VERDICT_OVERHEAD || k == HC_VERDICT_SAVING;
}

#define HC_BOOTSTRAP_REPS 2000

struct hc_run {
	json_t *context;		/* environment, build, command line, warnings */
	unsigned int nr_metrics;
	const char *metric[HC_MAX_COUNTERS];
	struct hc_result *results;
	unsigned int nr_results;
	unsigned int cap_results;
	bool complete;
	/* Filled by the analysis stage. */
	double alpha;			/* significance level of the verdicts */
	struct hc_comparison *cmps;	/* configurations against each other, in result order */
	unsigned int nr_cmps;
};

void hc_run_init(struct hc_run *run);
/* Appends an empty result for v with room for nr_samples samples; NULL on ENOMEM. */
struct hc_result *hc_run_add(struct hc_run *run, const struct hc_variant *v,
			     unsigned int nr_samples);
/* Frees the results from index from on. */
void hc_run_truncate(struct hc_run *run, unsigned int from);
/* Same case, parameters and gate. */
bool hc_result_same_group(const struct hc_result *a, const struct hc_result *b);
/* Renders "case/gate/config/k=v,..." into buf. */
void hc_variant_label(const struct hc_variant *v, char *buf, size_t len);
void hc_run_free(struct hc_run *run);

#endif
