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
#include "core/groups.h"

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
		if (!hc_result_has(r, m))
			continue;
		if (hc_summarize(r->per_op[m], r->nr_samples, o->alpha, &r->summary[m]))
			return -1;
		r->summary[m].multiplexed = mux;
	}
	r->summarized = true;
	return 0;
}

static struct hc_judged judged_of(const struct hc_comparison *c)
{
	/* A file without coverages (hookcost-result/1) claimed its intervals' levels. */
	return (struct hc_judged){
		.delta = c->estimate,
		.ci = { c->ci_lo, c->ci_hi, isnan(c->coverage) ? c->level : c->coverage },
		.ci_tost = { c->tost_lo, c->tost_hi,
			     isnan(c->tost_coverage) ? 2 * c->level - 1 : c->tost_coverage },
		.alpha = 1.0 - c->level,
		.margin = isnan(c->margin) ? 0.0 : c->margin,
		.n = c->n_base < c->n_other ? c->n_base : c->n_other,
		.paired = c->paired,
		.family = c->family_name,
		.family_size = c->family,
	};
}

const struct hc_ci *hc_comparison_ci(const struct hc_comparison *c, struct hc_ci *ci,
				     double *level)
{
	struct hc_judged j = judged_of(c);

	*ci = *hc_judged_ci(&j, level);
	return ci;
}

void hc_comparison_decimals(const struct hc_comparison *c, int *dec, int *margin_dec)
{
	struct hc_judged j = judged_of(c);
	double level;
	const struct hc_ci *ci = hc_judged_ci(&j, &level);

	if (!isfinite(ci->lo) || !isfinite(ci->hi))
		return;
	for (int d = *dec; d <= HC_MAX_DECIMALS; d++) {
		/* The margin no finer than it was asked for unless the shift needs it. */
		int top = d > *margin_dec ? d : *margin_dec;

		for (int md = *margin_dec; md <= top; md++)
			if (hc_judged_reads_true(&j, ci, hc_fmt_decimals, d, md)) {
				*dec = d;
				*margin_dec = md;
				return;
			}
	}
}

void hc_comparison_brief(const struct hc_comparison *c, char *buf, size_t len)
{
	struct hc_judged j = judged_of(c);

	j.family = NULL;
	hc_judged_sentence(&j, c->verdict, 0.0, NULL, buf, len);
}

/* Where c's margin comes from, in words: "1 % of base", "floor: 0.5/op, exact counts". */
static const char *margin_why(const struct hc_comparison *c, char *buf, size_t len)
{
	switch (c->margin_origin) {
	case HC_MARGIN_UNKNOWN:
		return NULL;
	case HC_MARGIN_GIVEN:
		return "--margin";
	case HC_MARGIN_RELATIVE:
	case HC_MARGIN_NO_FLOOR:
		snprintf(buf, len, "%.3g %% of base", c->base_median != 0.0 ?
			 100.0 * c->margin / fabs(c->base_median) : 0.0);
		return buf;
	case HC_MARGIN_FLOOR_EXACT:
		return "floor: 0.5/op, exact counts";
	case HC_MARGIN_FLOOR_LOOP:
		snprintf(buf, len, "floor: a tenth of the loop's %.3g/op", 10.0 * c->margin);
		return buf;
	case HC_MARGIN_FLOOR_EVENTS:
		return "floor: 1 per 100 ops";
	case HC_MARGIN_FLOOR_READS:
		return "floor: the counter reads' cost per op";
	}
	return NULL;
}

/* Settles c's verdict and its sentence from its numbers. */
static void judge(struct hc_comparison *c)
{
	struct hc_judged j = judged_of(c);
	char unit[64], why[64];

	j.margin_why = margin_why(c, why, sizeof(why));
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
			const struct hc_margin_base *mb, struct hc_comparison *c)
{
	if (!nx || !ny)
		return hc_err("comparison with an empty sample");
	if (paired && nx != ny)
		return hc_err("paired comparison of %u and %u samples", nx, ny);
	c->x = x;
	c->y = y;
	c->metric = metric;
	c->paired = paired;
	c->n_base = nx;
	c->n_other = ny;
	/* From the samples, so that ratios of the medians share rel_change's denominator. */
	c->base_median = hc_median(x, nx);
	c->other_median = hc_median(y, ny);
	c->margin = hc_margin_for(hc_analysis_margin(o, metric), metric, c->base_median, mb,
				  &c->margin_floor, &c->margin_origin);
	c->p_adjusted = NAN;
	c->q = NAN;
	c->verdict = HC_VERDICT_INCONCLUSIVE;
	c->text[0] = '\0';
	return 0;
}

/* The test and the intervals of c at the level its family leaves it: 1 - alpha / m. */
static int test_at(struct hc_comparison *c, double alpha)
{
	if (c->paired ? compare_paired(c->x, c->y, c->n_base, alpha, c) :
			compare_unpaired(c->x, c->n_base, c->y, c->n_other, alpha, c))
		return -1;
	c->level = 1 - alpha;
	c->rel_change = hc_comparison_has_ratio(c) ? c->estimate / c->base_median : NAN;
	return 0;
}

bool hc_comparison_has_ratio(const struct hc_comparison *c)
{
	double floor = isnan(c->margin_floor) ? 0.0 : c->margin_floor;

	return c->base_median > 0.0 && c->base_median > floor;
}

/* The question a pair of configurations answers: is the hook free when unused, or another. */
static bool primary_pair(enum hc_config base, enum hc_config other)
{
	return base == HC_CONFIG_OFF && other == HC_CONFIG_UNUSED;
}

const char *const hc_family_names[HC_NR_FAMILIES + 1] = { "primary", "secondary", "compare", NULL };

const char *hc_analysis_family_of(const struct hc_comparison *c, bool by_question)
{
	if (!by_question)
		return hc_family_names[2];
	return hc_family_names[!primary_pair(c->base->id.config, c->other->id.config)];
}

unsigned int hc_analysis_check_n(const struct hc_variant *v, unsigned int nr,
				 unsigned int nr_metrics, unsigned int samples, double alpha)
{
	unsigned int m[2] = { 0, 0 }, worst = 0;

	/* The pairs hc_analyze_run() will compare: one case, gate and parameters. */
	for (unsigned int i = 0; i < nr; i++) {
		struct hc_vid a, b;

		hc_vid_of(&a, &v[i]);
		for (unsigned int j = 0; j < nr; j++) {
			hc_vid_of(&b, &v[j]);
			if (a.config != HC_CONFIG_NONE && b.config > a.config &&
			    hc_vid_same(&a, &b, HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS))
				m[!primary_pair(a.config, b.config)] += nr_metrics;
		}
	}
	for (unsigned int k = 0; k < 2; k++) {
		unsigned int need = m[k] ? hc_rank_min_n(true, alpha / m[k]) : 0;

		if (samples >= need)
			continue;
		hc_warn("-n %u cannot reach a verdict in the %s family: its %u comparisons are "
			"each tested at %g / %u, and the smallest p of %u pairs is %.2g; -n %u can",
			samples, hc_family_names[k], m[k], alpha, m[k], samples,
			ldexp(1.0, 1 - (int)samples), need);
		worst = need > worst ? need : worst;
	}
	return worst;
}

/* Holm and BH over the members of family name, which are m. */
static int adjust_family(struct hc_comparison *cmps, unsigned int n, const char *name,
			 unsigned int m)
{
	double *p = malloc((3 * (size_t)n + 1) * sizeof(*p)), *holm = p + n, *bh = holm + n;

	if (!p)
		return hc_err("out of memory for %u p-values", n);
	for (unsigned int i = 0; i < n; i++)
		p[i] = cmps[i].family_name == name ? cmps[i].p : NAN;
	if (hc_holm(p, n, holm) || hc_bh(p, n, bh)) {
		free(p);
		return -1;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (cmps[i].family_name != name)
			continue;
		cmps[i].p_adjusted = holm[i];
		cmps[i].q = bh[i];
		cmps[i].family = m;
	}
	free(p);
	return 0;
}

int hc_analysis_family(struct hc_comparison *cmps, unsigned int n, double alpha,
		       bool by_question)
{
	const char *const *names = hc_family_names;

	/* One pointer per name, which adjust_family() tells families apart by. */
	for (unsigned int i = 0; i < n; i++)
		cmps[i].family_name = hc_analysis_family_of(&cmps[i], by_question);
	for (unsigned int k = 0; names[k]; k++) {
		unsigned int m = 0;

		for (unsigned int i = 0; i < n; i++)
			m += cmps[i].family_name == names[k];
		for (unsigned int i = 0; i < n; i++) {
			struct hc_comparison *c = &cmps[i];

			if (c->family_name != names[k])
				continue;
			c->family_alpha = alpha;
			if (test_at(c, alpha / m))
				return -1;
		}
		if (m && adjust_family(cmps, n, names[k], m))
			return -1;
	}
	for (unsigned int i = 0; i < n; i++)
		judge(&cmps[i]);
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
	struct hc_margin_base mb;

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
		mb = hc_margin_base_of(a, m);
		if (hc_analysis_compare(a->per_op[m], a->nr_samples, b->per_op[m], b->nr_samples,
					a->nr_samples == b->nr_samples, run->metric[m], o, &mb, c)) {
			/* A pair that cannot be compared (no samples) is left out. */
			hc_err_clear();
			continue;
		}
		run->nr_cmps++;
	}
	return 0;
}

struct hc_margin_base hc_margin_base_of(const struct hc_result *r, unsigned int m)
{
	/*
	 * The runner calls counts exact when they repeat at 0 iterations; a host's TSC can do
	 * that too. The floor of exact counts is for samples that repeat at N as well.
	 */
	return (struct hc_margin_base){
		.exact = r->exact && r->summary[m].mad == 0.0,
		.loop_per_op = r->overhead_per_iter[m],
		.reads_per_op = r->iterations ? r->overhead_fixed[m] / r->iterations : 0.0,
	};
}

/* The verdicts counted once, for every writer: per family, and per metric and pair. */
static void count_verdicts(struct hc_run *run)
{
	memset(run->family_verdicts, 0, sizeof(run->family_verdicts));
	memset(run->pair_verdicts, 0, sizeof(run->pair_verdicts));
	memset(run->gate_verdicts, 0, sizeof(run->gate_verdicts));
	for (unsigned int i = 0; i < run->nr_cmps; i++) {
		const struct hc_comparison *c = &run->cmps[i];
		int m = hc_result_metric(run, c->base, c->metric);

		for (unsigned int k = 0; k < HC_NR_FAMILIES; k++)
			if (c->family_name && !strcmp(c->family_name, hc_family_names[k]))
				hc_verdict_count(&run->family_verdicts[k], c->verdict);
		if (m < 0 || hc_result_metric(run, c->other, c->metric) != m)
			continue;
		hc_verdict_count(&run->pair_verdicts[m][c->base->id.config][c->other->id.config],
				 c->verdict);
		if (c->base->id.config == HC_CONFIG_OFF && c->other->id.config == HC_CONFIG_UNUSED)
			hc_verdict_count(&run->gate_verdicts[m][c->base->id.gate], c->verdict);
	}
}

static int analyze_run(struct hc_run *run, const struct hc_analysis_opts *o)
{
	unsigned int cap = 0;

	/*
	 * A loaded run says what its file says, at the file's level, unless asked again; a
	 * file without verdict kinds (hookcost-result/1) is judged from its numbers.
	 */
	if (run->doc && !o->from_samples) {
		for (unsigned int i = 0; i < run->nr_cmps; i++)
			if (!run->cmps[i].from_file)
				judge(&run->cmps[i]);
		return 0;
	}
	for (unsigned int i = 0; run->doc && i < run->nr_results; i++)
		run->results[i].summarized = false;
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
	/* Two families: the primary question, unused vs off, and every other pair. */
	return hc_analysis_family(run->cmps, run->nr_cmps, o->alpha, true);
}

int hc_analyze_run(struct hc_run *run, const struct hc_analysis_opts *o)
{
	if (hc_run_mark_swept(run))
		return hc_err("out of memory");
	if (analyze_run(run, o))
		return -1;
	count_verdicts(run);
	return 0;
}
