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

static int add_row(struct hc_cmp *c, const struct hc_rrow *b, const struct hc_rrow *o,
		   const char *metric)
{
	const struct hc_rmetric *mb = hc_rrow_metric(b, metric), *mo = hc_rrow_metric(o, metric);
	struct hc_cmp_row *r;

	if (!mb || !mo)
		return 0;
	r = &c->rows[c->nr_rows];
	r->base = b;
	r->other = o;
	if (hc_analysis_compare(mb->values, mb->n, mo->values, mo->n, metric, c->alpha, &r->c))
		return -1;
	c->few_samples += mb->n < c->advised_samples || mo->n < c->advised_samples;
	c->nr_rows++;
	return 0;
}

int hc_cmp_build(const struct hc_rfile *base, const struct hc_rfile *other,
		 const char *const *metrics, unsigned int nr_metrics, double alpha,
		 struct hc_cmp *c)
{
	bool *paired = calloc(other->nr_rows + 1, sizeof(*paired));
	unsigned int i, m;

	memset(c, 0, sizeof(*c));
	c->base = base;
	c->other = other;
	c->alpha = alpha;
	c->advised_samples = HC_MIN_SAMPLES_ADVISED;
	c->rows = calloc((size_t)base->nr_rows * nr_metrics + 1, sizeof(*c->rows));
	if (!paired || !c->rows) {
		free(paired);
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
			if (add_row(c, b, o, metrics[m])) {
				free(paired);
				return -1;
			}
	}
	for (i = 0; i < other->nr_rows; i++)
		c->only_other += !paired[i] && !other->rows[i].skipped;
	free(paired);
	hc_context_diff(base->context, other->context, c->context_diff, sizeof(c->context_diff));
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
		nr += !strcmp(c->rows[i].c.metric, metric) &&
		      c->rows[i].c.verdict == HC_VERDICT_OVERHEAD &&
		      !(100 * c->rows[i].c.rel_change <= pct);
	return nr;
}
