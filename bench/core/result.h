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
#include "base/summary.h"
#include "base/verdict.h"

struct hc_run;

/*
 * What a variant is: the identity the runner, the writers, compare and report share. The
 * strings belong to a built-in case or to the file the run was loaded from.
 */
struct hc_vid {
	const char *suite;
	const char *name;		/* the case */
	enum hc_gate gate;
	enum hc_config config;
	struct hc_params params;
};

/* Parts of an identity, for hc_vid_same() and hc_vid_label(). */
#define HC_VID_CASE	(1u << 0)	/* suite and case */
#define HC_VID_GATE	(1u << 1)
#define HC_VID_CONFIG	(1u << 2)
#define HC_VID_PARAMS	(1u << 3)
#define HC_VID_ALL	(HC_VID_CASE | HC_VID_GATE | HC_VID_CONFIG | HC_VID_PARAMS)

void hc_vid_of(struct hc_vid *id, const struct hc_variant *v);
/* Whether a and b agree in parts: one case and gate in two configurations, say. */
bool hc_vid_same(const struct hc_vid *a, const struct hc_vid *b, unsigned int parts);

/*
 * How a label joins the parts: sep between case, gate and configuration ("none" ones are left
 * out), params_sep before the first parameter, param_sep between parameters; the parameter
 * skip (or NULL) is left out.
 */
struct hc_label_style {
	const char *sep, *params_sep, *param_sep, *skip;
};

/* "case/gate/config/k=v,k=v" */
extern const struct hc_label_style hc_label_path;
/* "case gate config k=v,k=v" */
extern const struct hc_label_style hc_label_words;
/* "case gate config k=v k=v" */
extern const struct hc_label_style hc_label_spaced;

/* Renders parts of id into buf; returns the length written. */
size_t hc_vid_label(const struct hc_vid *id, unsigned int parts,
		    const struct hc_label_style *style, char *buf, size_t len);

struct hc_result {
	struct hc_vid id;
	uint64_t iterations;		/* operations per sample */
	unsigned int nr_samples;
	double *per_op[HC_MAX_COUNTERS];	/* net of the baseline, per operation */
	uint64_t *raw[HC_MAX_COUNTERS];	/* counter deltas per sample; NULL when loaded */
	bool *multiplexed;		/* per sample: time_running < time_enabled; or NULL */
	bool user_only;			/* the counters left kernel mode out (HC_CASE_KERNEL unset) */
	/* Deterministic counts: interrupted samples were measured again (only then looked for). */
	bool exact;
	unsigned int remeasured;	/* samples measured again for an interruption */
	unsigned int interrupted;	/* kept samples with one, theirs or their baseline's */
	/* The baseline subtracted from every sample (per sample and per iteration). */
	double overhead_fixed[HC_MAX_COUNTERS];
	double overhead_per_iter[HC_MAX_COUNTERS];
	struct hc_summary summary[HC_MAX_COUNTERS];	/* of per_op, by the analysis stage */
	bool summarized;		/* summary[] is filled */
	unsigned int metrics;		/* bit m: metric m was measured (own_tsc is per case) */
	char *skip_reason;		/* non-NULL: not measured, and why */
	/* Bit i: params.p[i] takes another value, or none, in a measured result of the case. */
	unsigned int swept;
};

static inline bool hc_result_has(const struct hc_result *r, unsigned int m)
{
	return !r->skip_reason && (r->metrics & (1u << m));
}

/* The index of metric name in run when r has it, else -1. */
int hc_result_metric(const struct hc_run *run, const struct hc_result *r, const char *name);

/* How many of r's samples were multiplexed. */
unsigned int hc_result_multiplexed(const struct hc_result *r);

#define HC_VERDICT_TEXT_LEN 256

/* The families of comparisons: primary, secondary, compare (analysis/analysis.h). */
#define HC_NR_FAMILIES 3

/*
 * Variant other against variant base in one metric: the same case, gate and parameters in two
 * configurations of one run, or the same variant in two runs. NAN or false where the method
 * does not provide a field.
 */
struct hc_comparison {
	const struct hc_result *base, *other;
	const char *metric;
	const char *method;		/* the test: "wilcoxon-signed-rank", "mann-whitney" */
	bool paired;			/* samples paired by round */
	unsigned int n_base, n_other;	/* samples (or runs) per side; equal when paired */
	double base_median, other_median;
	double estimate;		/* shift other - base per op (Hodges-Lehmann) */
	double ci_lo, ci_hi;		/* confidence interval of estimate */
	double level;			/* the confidence asked for, 1 - family_alpha / family */
	double coverage;		/* what [ci_lo, ci_hi] achieves; NAN: not known */
	double tost_lo, tost_hi;	/* the 1 - 2 (1 - level) interval of the equivalence test */
	double tost_coverage;
	double rel_change;		/* estimate / base median; NAN when that is 0 */
	double p;			/* two-sided test of no shift */
	double p_adjusted;		/* Holm, across the family (shown, not used by the verdict) */
	double q;			/* Benjamini-Hochberg q-value, same family */
	double margin;			/* equivalence margin per op; NAN: none */
	double margin_floor;		/* the least a relative margin may be; 0: none */
	enum hc_margin_origin margin_origin;	/* what margin comes from */
	double needed_n;		/* inconclusive: samples per side estimated to settle it */
	unsigned int family;		/* comparisons in its family, which share family_alpha */
	const char *family_name;	/* "primary" (unused vs off), "secondary", "compare" */
	double family_alpha;		/* the family-wise error rate its verdicts hold */
	const double *x, *y;		/* base's and other's samples, while the analysis runs */
	bool from_file;			/* verdict and text are a loaded file's */
	enum hc_verdict_kind verdict;
	bool multiplexed;		/* either side had multiplexed samples */
	char text[HC_VERDICT_TEXT_LEN];	/* the verdict as a sentence, with its numbers */
};

struct hc_run {
	const char *path;		/* the file it was loaded from, or NULL */
	json_t *doc;			/* that file's JSON, which loaded strings point into */
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
	/*
	 * Their verdicts: per family (by hc_family_names' index), per metric and pair, and the
	 * primary question's (unused vs off) per metric and gate.
	 */
	struct hc_verdict_counts family_verdicts[HC_NR_FAMILIES];
	struct hc_verdict_counts pair_verdicts[HC_MAX_COUNTERS][HC_CONFIG__NR][HC_CONFIG__NR];
	struct hc_verdict_counts gate_verdicts[HC_MAX_COUNTERS][HC_GATE__NR];
};

void hc_run_init(struct hc_run *run);
/* Appends a zeroed result; NULL on ENOMEM. */
struct hc_result *hc_run_append(struct hc_run *run);
/* Appends an empty result for v with room for nr_samples samples; NULL on ENOMEM. */
struct hc_result *hc_run_add(struct hc_run *run, const struct hc_variant *v,
			     unsigned int nr_samples);
/* Frees the results from index from on. */
void hc_run_truncate(struct hc_run *run, unsigned int from);
void hc_run_free(struct hc_run *run);

#endif
