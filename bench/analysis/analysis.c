// SPDX-License-Identifier: GPL-2.0
/* The analysis stage: summaries, comparisons and verdicts, each computed once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/stats.h"
#include "core/error.h"

/* The confidence of every interval today; --alpha sets only the tests' level. */
#define HC_CI_LEVEL 0.95

static int summarize(const struct hc_run *run, struct hc_result *r,
		     const struct hc_analysis_opts *o)
{
	unsigned int mux = hc_result_multiplexed(r);

	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		struct hc_msummary *out = &r->summary[m];
		struct hc_summary s;

		if (!hc_result_has(r, m))
			continue;
		if (hc_summarize(r->per_op[m], r->nr_samples, o->boot_reps, o->seed + m, &s))
			return -1;
		*out = (struct hc_msummary){
			.n = s.n, .median = s.median, .ci_lo = s.ci_lo, .ci_hi = s.ci_hi,
			.level = HC_CI_LEVEL, .coverage = NAN, .mad = s.mad, .min = s.min,
			.mean = s.mean, .stddev = s.stddev, .cv = s.cv, .multiplexed = mux,
		};
	}
	r->summarized = true;
	return 0;
}

/* Settles c's verdict and its sentence from its numbers at alpha. */
static void judge(struct hc_comparison *c, double alpha)
{
	struct hc_shift s = {
		.delta = c->estimate, .ci_lo = c->ci_lo, .ci_hi = c->ci_hi, .p_value = c->p,
		.rel_change = c->rel_change,
	};
	char unit[64];

	if (!hc_shift_significant(&s, alpha))
		c->verdict = HC_VERDICT_NO_DETECTABLE;
	else
		c->verdict = s.delta < 0 ? HC_VERDICT_SAVING : HC_VERDICT_OVERHEAD;
	snprintf(unit, sizeof(unit), "%s/op", c->metric);
	hc_verdict(&s, alpha, unit, c->text, sizeof(c->text));
}

int hc_analysis_compare(const double *x, unsigned int nx, const double *y, unsigned int ny,
			const char *metric, double alpha, struct hc_comparison *c)
{
	struct hc_shift s;

	if (hc_compare(x, nx, y, ny, &s))
		return -1;
	c->metric = metric;
	c->method = "mann-whitney";
	c->paired = false;
	c->n_base = nx;
	c->n_other = ny;
	/* From the samples, so that ratios of the medians share rel_change's denominator. */
	c->base_median = hc_median(x, nx);
	c->other_median = hc_median(y, ny);
	c->estimate = s.delta;
	c->ci_lo = s.ci_lo;
	c->ci_hi = s.ci_hi;
	c->level = HC_CI_LEVEL;
	c->coverage = NAN;
	c->rel_change = s.rel_change;
	c->p = s.p_value;
	c->p_adjusted = NAN;
	c->margin = NAN;
	judge(c, alpha);
	return 0;
}

static struct hc_comparison *cmp_new(struct hc_run *run, unsigned int *cap)
{
	if (run->nr_cmps == *cap) {
		unsigned int n = *cap ? 2 * *cap : 32;
		struct hc_comparison *p = realloc(run->cmps, n * sizeof(*p));

		if (!p)
			return NULL;
		run->cmps = p;
		*cap = n;
	}
	memset(&run->cmps[run->nr_cmps], 0, sizeof(run->cmps[0]));
	return &run->cmps[run->nr_cmps];
}

/* Every metric of the pair base, other that both have. */
static int compare_pair(struct hc_run *run, const struct hc_result *a, const struct hc_result *b,
			double alpha, unsigned int *cap)
{
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		struct hc_comparison *c;

		if (!hc_result_has(a, m) || !hc_result_has(b, m))
			continue;
		c = cmp_new(run, cap);
		if (!c)
			return hc_err("out of memory");
		c->base = a;
		c->other = b;
		c->multiplexed = a->summary[m].multiplexed || b->summary[m].multiplexed;
		/* A pair that cannot be compared (no samples) is left out, as before. */
		if (hc_analysis_compare(a->per_op[m], a->nr_samples, b->per_op[m], b->nr_samples,
					run->metric[m], alpha, c)) {
			hc_err_clear();
			continue;
		}
		run->nr_cmps++;
	}
	return 0;
}

int hc_analyze_run(struct hc_run *run, const struct hc_analysis_opts *o)
{
	unsigned int cap = 0;

	/* A loaded run keeps the file's numbers: only its verdicts are judged at this alpha. */
	if (run->doc) {
		for (unsigned int i = 0; i < run->nr_cmps; i++)
			judge(&run->cmps[i], o->alpha);
		run->alpha = o->alpha;
		return 0;
	}
	/*
	 * The pairs are rebuilt (they are cheap, unlike the bootstrap of a summary): the results
	 * array may have moved since the last call, so the old ones go first.
	 */
	free(run->cmps);
	run->cmps = NULL;
	run->nr_cmps = 0;
	run->alpha = o->alpha;
	for (unsigned int i = 0; i < run->nr_results; i++)
		if (!run->results[i].skip_reason && !run->results[i].summarized &&
		    summarize(run, &run->results[i], o))
			return -1;
	for (unsigned int i = 0; i < run->nr_results; i++) {
		const struct hc_result *a = &run->results[i];

		if (a->skip_reason || a->id.config == HC_CONFIG_NONE)
			continue;
		for (unsigned int j = 0; j < run->nr_results; j++) {
			const struct hc_result *b = &run->results[j];

			if (b->skip_reason || b->id.config <= a->id.config ||
			    !hc_vid_same(&a->id, &b->id, HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS))
				continue;
			if (compare_pair(run, a, b, o->alpha, &cap))
				return -1;
		}
	}
	return 0;
}
