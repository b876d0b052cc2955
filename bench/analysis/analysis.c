// SPDX-License-Identifier: GPL-2.0
/* The analysis stage: summaries, comparisons and verdicts, each computed once. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/hl_one.h"
#include "analysis/multiplicity.h"
#include "analysis/signed_rank.h"
#include "analysis/stats.h"
#include "base/error.h"

int hc_analysis_margin_arg(struct hc_analysis_opts *o, const char *arg)
{
	struct hc_margin m;
	char metric[sizeof(o->per_metric[0].metric)];

	if (hc_margin_parse(arg, &m, metric, sizeof(metric)))
		return -1;
	if (!metric[0]) {
		o->margin = m;
		return 0;
	}
	for (unsigned int i = 0; i < o->nr_per_metric; i++) {
		if (!strcmp(o->per_metric[i].metric, metric)) {
			o->per_metric[i].m = m;
			return 0;
		}
	}
	if (o->nr_per_metric == HC_MAX_MARGINS)
		return hc_usage_err("--margin: at most %d metrics have their own margin",
				    HC_MAX_MARGINS);
	strcpy(o->per_metric[o->nr_per_metric].metric, metric);
	o->per_metric[o->nr_per_metric++].m = m;
	return 0;
}

const struct hc_margin *hc_analysis_margin(const struct hc_analysis_opts *o, const char *metric)
{
	for (unsigned int i = 0; i < o->nr_per_metric; i++)
		if (!strcmp(o->per_metric[i].metric, metric))
			return &o->per_metric[i].m;
	return &o->margin;
}

static int summarize(const struct hc_run *run, struct hc_result *r,
		     const struct hc_analysis_opts *o)
{
	unsigned int mux = hc_result_multiplexed(r);

	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		struct hc_msummary *out = &r->summary[m];
		struct hc_summary s;

		if (!hc_result_has(r, m))
			continue;
		if (hc_summarize(r->per_op[m], r->nr_samples, o->alpha, &s))
			return -1;
		*out = (struct hc_msummary){
			.n = s.n, .median = s.median, .ci_lo = s.ci_lo, .ci_hi = s.ci_hi,
			.level = 1 - o->alpha, .coverage = s.ci_coverage, .mad = s.mad,
			.min = s.min, .mean = s.mean, .stddev = s.stddev, .cv = s.cv,
			.multiplexed = mux,
		};
	}
	r->summarized = true;
	return 0;
}

/* Settles c's verdict and its sentence from its numbers at alpha. */
static void judge(struct hc_comparison *c, double alpha)
{
	struct hc_judged j = {
		.delta = c->estimate,
		.ci = { c->ci_lo, c->ci_hi, c->coverage },
		.ci_tost = { c->tost_lo, c->tost_hi, c->tost_coverage },
		/* A file without adjusted p-values (hookcost-result/1) is judged on its own. */
		.p_adj = isnan(c->p_adjusted) ? c->p : c->p_adjusted,
		.alpha = alpha,
		.margin = isnan(c->margin) ? 0.0 : c->margin,
		.n = c->n_base < c->n_other ? c->n_base : c->n_other,
		.paired = c->paired,
		.family = c->family,
	};
	char unit[64];

	c->verdict = hc_judge(&j, &c->needed_n);
	snprintf(unit, sizeof(unit), "%s/op", c->metric);
	hc_judge_sentence(&j, unit, c->text, sizeof(c->text));
}

/* What either test leaves in the record: its name, p, and the intervals at 1 - a and 1 - 2a. */
static void set_test(struct hc_comparison *c, const char *method, double p,
		     const struct hc_ci *ci, const struct hc_ci *tost)
{
	c->method = method;
	c->p = p;
	c->ci_lo = ci->lo;
	c->ci_hi = ci->hi;
	c->coverage = ci->coverage;
	c->tost_lo = tost->lo;
	c->tost_hi = tost->hi;
	c->tost_coverage = tost->coverage;
}

/* Per-round differences: the signed-rank test and the Walsh-average intervals. */
static int compare_paired(const double *x, const double *y, unsigned int n, double alpha,
			  struct hc_comparison *c)
{
	double *d = malloc(n * sizeof(*d)), tost_est;
	struct hc_signed_rank sr;
	struct hc_ci ci, tost;
	int ret;

	if (!d)
		return hc_err("out of memory for %u differences", n);
	for (unsigned int i = 0; i < n; i++)
		d[i] = y[i] - x[i];
	ret = hc_signed_rank(d, n, &sr) || hc_hl_one(d, n, alpha, &c->estimate, &ci) ||
	      hc_hl_one(d, n, 2 * alpha, &tost_est, &tost);
	free(d);
	if (ret)
		return -1;
	set_test(c, "wilcoxon-signed-rank", sr.p, &ci, &tost);
	return 0;
}

static int compare_unpaired(const double *x, unsigned int nx, const double *y, unsigned int ny,
			    double alpha, struct hc_comparison *c)
{
	struct hc_shift s, tost;

	if (hc_compare(x, nx, y, ny, alpha, &s) || hc_compare(x, nx, y, ny, 2 * alpha, &tost))
		return -1;
	c->estimate = s.delta;
	set_test(c, "mann-whitney", s.p_value,
		 &(struct hc_ci){ s.ci_lo, s.ci_hi, s.ci_coverage },
		 &(struct hc_ci){ tost.ci_lo, tost.ci_hi, tost.ci_coverage });
	return 0;
}

int hc_analysis_compare(const double *x, unsigned int nx, const double *y, unsigned int ny,
			bool paired, const char *metric, const struct hc_analysis_opts *o,
			struct hc_comparison *c)
{
	if (!nx || !ny)
		return hc_err("comparison with an empty sample");
	if (paired && nx != ny)
		return hc_err("paired comparison of %u and %u samples", nx, ny);
	if (paired ? compare_paired(x, y, nx, o->alpha, c) :
		     compare_unpaired(x, nx, y, ny, o->alpha, c))
		return -1;
	c->metric = metric;
	c->paired = paired;
	c->n_base = nx;
	c->n_other = ny;
	/* From the samples, so that ratios of the medians share rel_change's denominator. */
	c->base_median = hc_median(x, nx);
	c->other_median = hc_median(y, ny);
	c->level = 1 - o->alpha;
	c->rel_change = c->base_median != 0.0 ? c->estimate / c->base_median : NAN;
	c->margin = hc_margin_abs(hc_analysis_margin(o, metric), c->base_median);
	c->p_adjusted = NAN;
	c->q = NAN;
	c->verdict = HC_VERDICT_INCONCLUSIVE;
	c->text[0] = '\0';
	return 0;
}

int hc_analysis_family(struct hc_comparison *cmps, unsigned int n, double alpha)
{
	double *p = malloc((3 * (size_t)n + 1) * sizeof(*p)), *holm = p + n, *bh = holm + n;

	if (!p)
		return hc_err("out of memory for %u p-values", n);
	for (unsigned int i = 0; i < n; i++)
		p[i] = cmps[i].p;
	if (hc_holm(p, n, holm) || hc_bh(p, n, bh)) {
		free(p);
		return -1;
	}
	for (unsigned int i = 0; i < n; i++) {
		cmps[i].p_adjusted = holm[i];
		cmps[i].q = bh[i];
		cmps[i].family = n;
		judge(&cmps[i], alpha);
	}
	free(p);
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
			const struct hc_analysis_opts *o, unsigned int *cap)
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
		/* One case's configurations ran in the same rounds: paired (core/runner.c). */
		if (hc_analysis_compare(a->per_op[m], a->nr_samples, b->per_op[m], b->nr_samples,
					a->nr_samples == b->nr_samples, run->metric[m], o, c)) {
			/* A pair that cannot be compared (no samples) is left out. */
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
	 * The pairs are rebuilt (they are cheap): the results
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
			if (compare_pair(run, a, b, o, &cap))
				return -1;
		}
	}
	/* Every comparison of the run is one family: the verdicts are adjusted for all. */
	return hc_analysis_family(run->cmps, run->nr_cmps, o->alpha);
}
