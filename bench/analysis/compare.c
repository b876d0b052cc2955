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

#define SAME_CASE (HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS)

static bool has_config(const struct hc_run *run, const struct hc_vid *like,
		       enum hc_config config)
{
	for (unsigned int i = 0; i < run->nr_results; i++)
		if (hc_vid_same(&run->results[i].id, like, SAME_CASE) &&
		    run->results[i].id.config == config)
			return true;
	return false;
}

/*
 * The variant of other that b is compared with: the same configuration, else the only
 * variant of the same case whose configuration base lacks, provided b is also the only one
 * of its case that other lacks (so "unused" in one run meets "active" in the other).
 */
static const struct hc_result *counterpart(const struct hc_run *base,
					   const struct hc_run *other, const struct hc_result *b)
{
	const struct hc_result *found = NULL;
	unsigned int i, lonely = 0;

	for (i = 0; i < other->nr_results; i++)
		if (hc_vid_same(&other->results[i].id, &b->id, HC_VID_ALL))
			return &other->results[i];
	for (i = 0; i < base->nr_results; i++)
		lonely += hc_vid_same(&base->results[i].id, &b->id, SAME_CASE) &&
			  !has_config(other, &b->id, base->results[i].id.config);
	if (lonely != 1)
		return NULL;
	for (i = 0; i < other->nr_results; i++) {
		const struct hc_result *o = &other->results[i];

		if (!hc_vid_same(&o->id, &b->id, SAME_CASE) || has_config(base, &o->id, o->id.config))
			continue;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

/* The runs of both sides, while the comparison is built. */
struct sides {
	const struct hc_run *const *base, *const *other;
	const struct hc_analysis_opts *opts;
};

/* The median of metric in the variant of each run with the identity of like. */
static unsigned int run_medians(const struct hc_run *const *runs, unsigned int n,
				const struct hc_result *like, const char *metric, double *out)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int j = 0; j < runs[i]->nr_results; j++) {
			const struct hc_result *r = &runs[i]->results[j];
			int m;

			if (r->skip_reason || !hc_vid_same(&r->id, &like->id, HC_VID_ALL))
				continue;
			m = hc_result_metric(runs[i], r, metric);
			if (m >= 0 && r->nr_samples)
				out[k++] = hc_median(r->per_op[m], r->nr_samples);
			break;
		}
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
	double xb[HC_CMP_MAX_RUNS], xo[HC_CMP_MAX_RUNS];
	struct hc_comparison *r;
	unsigned int nb, no;

	if (mb < 0 || mo < 0)
		return 0;
	r = &c->rows[c->nr_rows];
	r->base = b;
	r->other = o;
	r->multiplexed = b->summary[mb].multiplexed || o->summary[mo].multiplexed;
	if (!c->run_level) {
		if (hc_analysis_compare(b->per_op[mb], b->nr_samples, o->per_op[mo],
					o->nr_samples, false, metric, opts, r))
			return -1;
		c->few_samples += b->nr_samples < c->advised_samples ||
				  o->nr_samples < c->advised_samples;
		c->nr_rows++;
		return 0;
	}
	nb = run_medians(sd->base, c->nr_base_runs, b, metric, xb);
	no = run_medians(sd->other, c->nr_other_runs, o, metric, xo);
	if (!nb || !no)
		return 0;
	if (hc_analysis_compare(xb, nb, xo, no, false, metric, opts, r))
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
		t->nr++;
		t->nr_flagged += hc_verdict_flagged(r->verdict);
		t->nr_equivalent += r->verdict == HC_VERDICT_EQUIVALENT;
		t->nr_inconclusive += r->verdict == HC_VERDICT_INCONCLUSIVE;
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

int hc_cmp_build(const struct hc_run *const *base, unsigned int nr_base,
		 const struct hc_run *const *other, unsigned int nr_other,
		 const char *const *metrics, unsigned int nr_metrics,
		 const struct hc_analysis_opts *opts, struct hc_cmp *c)
{
	const struct sides sd = { base, other, opts };
	bool *paired;
	unsigned int i, m;

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
	if (!paired || !c->rows) {
		free(paired);
		return hc_err("out of memory");
	}
	for (i = 0; i < c->base->nr_results; i++) {
		const struct hc_result *b = &c->base->results[i];
		const struct hc_result *o = counterpart(c->base, c->other, b);

		if (!o) {
			c->only_base += !b->skip_reason;
			continue;
		}
		paired[o - c->other->results] = true;
		if (b->skip_reason || o->skip_reason) {
			c->skipped++;
			continue;
		}
		for (m = 0; m < nr_metrics; m++)
			if (add_row(c, b, o, metrics[m], &sd)) {
				free(paired);
				return -1;
			}
	}
	for (i = 0; i < c->other->nr_results; i++)
		c->only_other += !paired[i] && !c->other->results[i].skip_reason;
	free(paired);
	hc_context_diff(c->base->context, c->other->context, c->context_diff,
			sizeof(c->context_diff));
	/*
	 * Every row of every metric is one family: the verdicts are adjusted for all of them,
	 * before the totals count them.
	 */
	if (hc_analysis_family(c->rows, c->nr_rows, opts->alpha))
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
	memset(c, 0, sizeof(*c));
}

unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct)
{
	unsigned int i, nr = 0;

	/* A rise from a zero base has no finite ratio: it exceeds any threshold. */
	for (i = 0; i < c->nr_rows; i++)
		nr += !strcmp(c->rows[i].metric, metric) &&
		      c->rows[i].verdict == HC_VERDICT_OVERHEAD &&
		      !(100 * c->rows[i].rel_change <= pct);
	return nr;
}
