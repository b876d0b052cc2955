// SPDX-License-Identifier: GPL-2.0
/*
 * Two runs side by side, variant by variant: the pairing of `hookcost compare` and of a report
 * of several runs. Each pair is compared by the analysis stage.
 */
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "analysis/compare.h"
#include "analysis/stats.h"
#include "core/error.h"

static bool has_config(const struct hc_rfile *f, const struct hc_rrow *like, const char *config)
{
	unsigned int i;

	for (i = 0; i < f->nr_rows; i++)
		if (hc_rrow_same_case(&f->rows[i], like) && !strcmp(f->rows[i].config, config))
			return true;
	return false;
}

/*
 * The variant of other that b is compared with: the same configuration, else the only
 * variant of the same case whose configuration base lacks, provided b is also the only one
 * of its case that other lacks (so "unused" in one run meets "active" in the other).
 */
static const struct hc_rrow *counterpart(const struct hc_rfile *base,
					 const struct hc_rfile *other, const struct hc_rrow *b)
{
	const struct hc_rrow *found = NULL;
	unsigned int i, lonely = 0;

	for (i = 0; i < other->nr_rows; i++) {
		const struct hc_rrow *o = &other->rows[i];

		if (hc_rrow_same_case(o, b) && !strcmp(o->config, b->config))
			return o;
	}
	for (i = 0; i < base->nr_rows; i++)
		lonely += hc_rrow_same_case(&base->rows[i], b) &&
			  !has_config(other, &base->rows[i], base->rows[i].config);
	if (lonely != 1)
		return NULL;
	for (i = 0; i < other->nr_rows; i++) {
		const struct hc_rrow *o = &other->rows[i];

		if (!hc_rrow_same_case(o, b) || has_config(base, o, o->config))
			continue;
		if (found)
			return NULL;
		found = o;
	}
	return found;
}

/* The median of metric in the variant of each run like row in configuration config. */
static unsigned int run_medians(const struct hc_rfile *f, unsigned int n, const struct hc_rrow *like,
				const char *config, const char *metric, double *out)
{
	unsigned int k = 0;

	for (unsigned int i = 0; i < n; i++) {
		for (unsigned int j = 0; j < f[i].nr_rows; j++) {
			const struct hc_rrow *r = &f[i].rows[j];
			const struct hc_rmetric *m;

			if (r->skipped || !hc_rrow_same_case(r, like) || strcmp(r->config, config))
				continue;
			m = hc_rrow_metric(r, metric);
			if (m && m->n)
				out[k++] = hc_median(m->values, m->n);
			break;
		}
	}
	return k;
}

/*
 * One run per side: the samples of the two runs, unpaired. Several: the runs' medians, so that
 * the spread between runs is part of the noise (Kalibera and Jones).
 */
static int add_row(struct hc_cmp *c, const struct hc_rrow *b, const struct hc_rrow *o,
		   const char *metric, const struct hc_analysis_opts *opts)
{
	const struct hc_rmetric *mb = hc_rrow_metric(b, metric), *mo = hc_rrow_metric(o, metric);
	double xb[HC_CMP_MAX_RUNS], xo[HC_CMP_MAX_RUNS];
	struct hc_cmp_row *r;
	unsigned int nb, no;

	if (!mb || !mo)
		return 0;
	r = &c->rows[c->nr_rows];
	r->base = b;
	r->other = o;
	if (!c->run_level) {
		if (hc_analysis_compare(mb->values, mb->n, mo->values, mo->n, false, metric, opts,
					&r->c))
			return -1;
		c->few_samples += mb->n < c->advised_samples || mo->n < c->advised_samples;
		c->nr_rows++;
		return 0;
	}
	nb = run_medians(c->base, c->nr_base_runs, b, b->config, metric, xb);
	no = run_medians(c->other, c->nr_other_runs, o, o->config, metric, xo);
	if (!nb || !no)
		return 0;
	if (hc_analysis_compare(xb, nb, xo, no, false, metric, opts, &r->c))
		return -1;
	r->c.method = "mann-whitney-run-medians";
	c->few_samples += nb < c->nr_base_runs || no < c->nr_other_runs;
	c->nr_rows++;
	return 0;
}

/* Every row of every metric is one family: the verdicts are adjusted for all of them. */
static int cmp_family(struct hc_cmp *c, double alpha)
{
	struct hc_comparison **all = malloc((c->nr_rows + 1) * sizeof(*all));
	int ret;

	if (!all)
		return hc_err("out of memory");
	for (unsigned int i = 0; i < c->nr_rows; i++)
		all[i] = &c->rows[i].c;
	ret = hc_analysis_family(all, c->nr_rows, alpha);
	free(all);
	return ret;
}

int hc_cmp_build(const struct hc_rfile *base, unsigned int nr_base,
		 const struct hc_rfile *other, unsigned int nr_other,
		 const char *const *metrics, unsigned int nr_metrics,
		 const struct hc_analysis_opts *opts, struct hc_cmp *c)
{
	bool *paired = calloc(other->nr_rows + 1, sizeof(*paired));
	unsigned int i, m;

	memset(c, 0, sizeof(*c));
	c->base = base;
	c->other = other;
	c->nr_base_runs = nr_base;
	c->nr_other_runs = nr_other;
	c->run_level = nr_base > 1 || nr_other > 1;
	c->alpha = opts->alpha;
	c->advised_samples = HC_MIN_SAMPLES_ADVISED;
	c->rows = calloc((size_t)base->nr_rows * nr_metrics + 1, sizeof(*c->rows));
	if (nr_base > HC_CMP_MAX_RUNS || nr_other > HC_CMP_MAX_RUNS) {
		free(paired);
		free(c->rows);
		return hc_usage_err("at most %d runs per side", HC_CMP_MAX_RUNS);
	}
	if (!paired || !c->rows) {
		free(paired);
		free(c->rows);
		return hc_err("out of memory");
	}
	for (i = 0; i < base->nr_rows; i++) {
		const struct hc_rrow *b = &base->rows[i], *o = counterpart(base, other, b);

		if (!o) {
			c->only_base += !b->skipped;
			continue;
		}
		paired[o - other->rows] = true;
		if (b->skipped || o->skipped) {
			c->skipped++;
			continue;
		}
		for (m = 0; m < nr_metrics; m++)
			if (add_row(c, b, o, metrics[m], opts)) {
				free(paired);
				return -1;
			}
	}
	for (i = 0; i < other->nr_rows; i++)
		c->only_other += !paired[i] && !other->rows[i].skipped;
	free(paired);
	hc_context_diff(base->context, other->context, c->context_diff, sizeof(c->context_diff));
	return cmp_family(c, opts->alpha);
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
		nr += !strcmp(c->rows[i].c.metric, metric) &&
		      c->rows[i].c.verdict == HC_VERDICT_OVERHEAD &&
		      !(100 * c->rows[i].c.rel_change <= pct);
	return nr;
}
