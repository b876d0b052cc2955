/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a run produced, in memory: per variant the samples of every metric, as raw counts and as
 * net per-operation values, plus the run's context. Writers and statistics read only this.
 */
#ifndef HC_RESULT_H
#define HC_RESULT_H

#include <stdbool.h>
#include <stdint.h>

#include <jansson.h>

#include "core/case.h"
#include "core/counters.h"
#include "analysis/stats.h"

struct hc_result {
	struct hc_variant v;
	uint64_t iterations;		/* operations per sample */
	unsigned int nr_samples;
	double *per_op[HC_MAX_COUNTERS];	/* net of the baseline, per operation */
	uint64_t *raw[HC_MAX_COUNTERS];	/* counter deltas per sample, as read */
	bool *multiplexed;		/* per sample: time_running < time_enabled */
	/* Kept samples with multiplexed counts, theirs or their baseline's: the result's flag. */
	unsigned int nr_multiplexed;
	bool user_only;			/* the counters left kernel mode out (HC_CASE_KERNEL unset) */
	bool exact;			/* deterministic counts: interrupted samples re-measured */
	unsigned int remeasured;	/* samples measured again for an interruption */
	unsigned int interrupted;	/* kept samples with one, theirs or their baseline's */
	/* The baseline subtracted from every sample (per sample and per iteration). */
	double overhead_fixed[HC_MAX_COUNTERS];
	double overhead_per_iter[HC_MAX_COUNTERS];
	struct hc_summary summary[HC_MAX_COUNTERS];	/* of per_op, filled by the runner */
	unsigned int metrics;		/* bit m: metric m was measured (own_tsc is per case) */
	char *skip_reason;		/* non-NULL: not measured, and why */
};

static inline bool hc_result_has(const struct hc_result *r, unsigned int m)
{
	return !r->skip_reason && (r->metrics & (1u << m));
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
};

void hc_run_init(struct hc_run *run);
/* Appends an empty result for v with room for nr_samples samples; NULL on ENOMEM. */
struct hc_result *hc_run_add(struct hc_run *run, const struct hc_variant *v,
			     unsigned int nr_samples);
/* Two measured variants of one case, parameter set and gate: base is the cheaper config. */
struct hc_pair {
	const struct hc_result *base;
	const struct hc_result *other;
};

/*
 * Every pair of configurations the run can compare, in result order; *pairs is malloc'ed.
 * Returns the count, or -1 on ENOMEM.
 */
int hc_run_pairs(const struct hc_run *run, struct hc_pair **pairs);
/* Same case, parameters and gate. */
bool hc_result_same_group(const struct hc_result *a, const struct hc_result *b);
/* Renders "case/gate/config/k=v,..." into buf. */
void hc_variant_label(const struct hc_variant *v, char *buf, size_t len);
void hc_run_free(struct hc_run *run);

#endif
