// SPDX-License-Identifier: GPL-2.0
/*
 * Two runs side by side, variant by variant: the pairing of `hookcost compare` and of a report
 * of several runs. Each pair is compared by the analysis stage.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/compare.h"
#include "analysis/stats.h"
#include "base/error.h"
#include "analysis/context.h"
#include "core/groups.h"

/*
 * The variant of other that b is compared with: the same configuration, else the only
 * variant of the same case whose configuration base lacks, provided b is also the only one
 * of its case that other lacks (so "unused" in one run meets "active" in the other).
 */
static const struct hc_result *counterpart(const struct hc_groups *base,
					   const struct hc_groups *other, const struct hc_result *b)
{
	const struct hc_result *found = hc_groups_find(other, &b->id, b->id.config), *r = NULL;
	unsigned int lonely = 0;

	if (found)
		return found;
	while ((r = hc_groups_next(base, &b->id, r)))
		lonely += !hc_groups_find(other, &b->id, r->id.config);
	if (lonely != 1)
		return NULL;
	while ((r = hc_groups_next(other, &b->id, r))) {
		if (hc_groups_find(base, &r->id, r->id.config))
			continue;
		if (found)
			return NULL;
		found = r;
	}
	return found;
}

/* The runs of both sides and their groups, while the comparison is built. */
struct sides {
	const struct hc_run *const *base, *const *other;
	struct hc_groups *base_g[HC_CMP_MAX_RUNS], *other_g[HC_CMP_MAX_RUNS];
	const struct hc_analysis_opts *opts;
};

/* The median of metric in the variant of each run with the identity of like. */
static unsigned int run_medians(const struct hc_run *const *runs, struct hc_groups *const *g,
				unsigned int n, const struct hc_result *like, const char *metric,
				double *out)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < n; i++) {
		const struct hc_result *r = NULL;
		int m;

		while ((r = hc_groups_next(g[i], &like->id, r)))
			if (!r->skip_reason && r->id.config == like->id.config)
				break;
		if (!r)
			continue;
		m = hc_result_metric(runs[i], r, metric);
		if (m >= 0 && r->nr_samples)
			out[k++] = hc_median(r->per_op[m], r->nr_samples);
	}
	return k;
}

/*
 * One run per side: the samples of the two runs, unpaired. Several: the runs' medians, so that
 * the spread between runs is part of the noise (Kalibera and Jones).
 */
static int add_row(struct hc_cmp *c, const struct hc_result *b, const struct hc_result *o,
		   const char *metric, const struct sides *sd)
{
	const struct hc_analysis_opts *opts = sd->opts;
	int mb = hc_result_metric(c->base, b, metric), mo = hc_result_metric(c->other, o, metric);
	struct hc_comparison *r;
	struct hc_margin_base m;
	double *xb, *xo;
	unsigned int nb, no;

	if (mb < 0 || mo < 0)
		return 0;
	r = &c->rows[c->nr_rows];
	r->base = b;
	r->other = o;
	r->multiplexed = b->summary[mb].multiplexed || o->summary[mo].multiplexed;
	m = hc_margin_base_of(b, mb);
	if (!c->run_level) {
		if (hc_analysis_compare(b->per_op[mb], b->nr_samples, o->per_op[mo],
					o->nr_samples, false, metric, opts, &m, r))
			return -1;
		c->few_samples += b->nr_samples < c->advised_samples ||
				  o->nr_samples < c->advised_samples;
		c->nr_rows++;
		return 0;
	}
	/* The analysis reads them after every row is built: they live with the rows. */
	xb = &c->medians[2 * HC_CMP_MAX_RUNS * c->nr_rows];
	xo = xb + HC_CMP_MAX_RUNS;
	nb = run_medians(sd->base, sd->base_g, c->nr_base_runs, b, metric, xb);
	no = run_medians(sd->other, sd->other_g, c->nr_other_runs, o, metric, xo);
	if (!nb || !no)
		return 0;
	if (hc_analysis_compare(xb, nb, xo, no, false, metric, opts, &m, r))
		return -1;
	r->method = "mann-whitney-run-medians";
	c->few_samples += nb < c->nr_base_runs || no < c->nr_other_runs;
	c->nr_rows++;
	return 0;
}

static void total(const struct hc_cmp *c, const char *metric, struct hc_cmp_total *t)
{
	double log_sum = 0, ratio;

	memset(t, 0, sizeof(*t));
	t->metric = metric;
	for (unsigned int i = 0; i < c->nr_rows; i++) {
		const struct hc_comparison *r = &c->rows[i];

		if (strcmp(r->metric, metric))
			continue;
		hc_verdict_count(&t->verdicts, r->verdict);
		/* Ratios exist only for positive costs; the others cannot enter a geomean. */
		ratio = 1 + r->rel_change;
		if (r->base_median > 0 && isfinite(ratio) && ratio > 0) {
			log_sum += log(ratio);
			t->nr_geo++;
		}
	}
	t->geomean = t->nr_geo ? exp(log_sum / t->nr_geo) : NAN;
}

const struct hc_cmp_total *hc_cmp_total(const struct hc_cmp *c, const char *metric)
{
	for (unsigned int i = 0; i < c->nr_totals; i++)
		if (!strcmp(c->totals[i].metric, metric))
			return &c->totals[i];
	return NULL;
}

/* Rows for every variant of base with a counterpart in other; paired marks other's. */
static int pair_rows(struct hc_cmp *c, const struct sides *sd, const char *const *metrics,
		     unsigned int nr_metrics, bool *paired)
{
	for (unsigned int i = 0; i < c->base->nr_results; i++) {
		const struct hc_result *b = &c->base->results[i];
		const struct hc_result *o = counterpart(sd->base_g[0], sd->other_g[0], b);

		if (!o) {
			c->only_base += !b->skip_reason;
			continue;
		}
		paired[o - c->other->results] = true;
		if (b->skip_reason || o->skip_reason) {
			c->skipped++;
			continue;
		}
		for (unsigned int m = 0; m < nr_metrics; m++)
			if (add_row(c, b, o, metrics[m], sd))
				return -1;
	}
	for (unsigned int i = 0; i < c->other->nr_results; i++)
		c->only_other += !paired[i] && !c->other->results[i].skip_reason;
	return 0;
}

/* The groups of every run of both sides; -1 when one could not be made. */
static int sides_index(struct sides *sd, unsigned int nr_base, unsigned int nr_other)
{
	int ret = 0;

	for (unsigned int i = 0; i < nr_base; i++)
		ret |= !(sd->base_g[i] = hc_groups_new(sd->base[i]));
	for (unsigned int i = 0; i < nr_other; i++)
		ret |= !(sd->other_g[i] = hc_groups_new(sd->other[i]));
	return ret ? -1 : 0;
}

static void sides_free(struct sides *sd)
{
	for (unsigned int i = 0; i < HC_CMP_MAX_RUNS; i++) {
		hc_groups_free(sd->base_g[i]);
		hc_groups_free(sd->other_g[i]);
	}
}

int hc_cmp_build(const struct hc_run *const *base, unsigned int nr_base,
		 const struct hc_run *const *other, unsigned int nr_other,
		 const char *const *metrics, unsigned int nr_metrics,
		 const struct hc_analysis_opts *opts, struct hc_cmp *c)
{
	struct sides sd = { .base = base, .other = other, .opts = opts };
	bool *paired;
	unsigned int m;
	int ret;

	memset(c, 0, sizeof(*c));
	if (nr_base > HC_CMP_MAX_RUNS || nr_other > HC_CMP_MAX_RUNS)
		return hc_usage_err("at most %d runs per side", HC_CMP_MAX_RUNS);
	c->base = base[0];
	c->other = other[0];
	c->nr_base_runs = nr_base;
	c->nr_other_runs = nr_other;
	c->run_level = nr_base > 1 || nr_other > 1;
	c->alpha = opts->alpha;
	c->advised_samples = HC_MIN_SAMPLES_ADVISED;
	paired = calloc(c->other->nr_results + 1, sizeof(*paired));
	c->rows = calloc((size_t)c->base->nr_results * nr_metrics + 1, sizeof(*c->rows));
	if (c->run_level)
		c->medians = calloc(((size_t)c->base->nr_results * nr_metrics + 1) * 2 *
				    HC_CMP_MAX_RUNS, sizeof(*c->medians));
	if (!paired || !c->rows || (c->run_level && !c->medians) ||
	    sides_index(&sd, nr_base, nr_other))
		ret = hc_err("out of memory");
	else
		ret = pair_rows(c, &sd, metrics, nr_metrics, paired);
	free(paired);
	sides_free(&sd);
	if (ret)
		return ret;
	hc_context_diff(c->base->context, c->other->context, c->context_diff,
			sizeof(c->context_diff));
	/*
	 * Every row of every metric is one family: the verdicts are adjusted for all of them,
	 * before the totals count them.
	 */
	if (hc_analysis_family(c->rows, c->nr_rows, opts->alpha, false))
		return -1;
	for (m = 0; m < nr_metrics && c->nr_totals < HC_MAX_COUNTERS; m++)
		total(c, metrics[m], &c->totals[c->nr_totals++]);
	return 0;
}

int hc_analyze_runs(struct hc_run *runs, unsigned int nr, const char *const *metrics,
		    unsigned int nr_metrics, const struct hc_analysis_opts *o, struct hc_cmp *cross)
{
	const struct hc_run *first = &runs[0], *other;

	for (unsigned int i = 0; i < nr; i++)
		if (hc_analyze_run(&runs[i], o))
			return -1;
	for (unsigned int i = 1; i < nr; i++) {
		other = &runs[i];
		if (hc_cmp_build(&first, 1, &other, 1, metrics, nr_metrics, o, &cross[i - 1]))
			return -1;
	}
	return 0;
}

void hc_cmp_free(struct hc_cmp *c)
{
	free(c->rows);
	free(c->medians);
	memset(c, 0, sizeof(*c));
}

unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct)
{
	unsigned int i, nr = 0;

	/*
	 * A row without a ratio (a base at or below 0, or below its margin floor) is gated on
	 * its absolute shift: an overhead's reaches its margin, so it exceeds any threshold.
	 */
	for (i = 0; i < c->nr_rows; i++)
		nr += !strcmp(c->rows[i].metric, metric) &&
		      c->rows[i].verdict == HC_VERDICT_OVERHEAD &&
		      !(100 * c->rows[i].rel_change <= pct);
	return nr;
}
