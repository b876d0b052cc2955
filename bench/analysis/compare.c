// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost compare BASE NEW...`: every variant of each NEW run against the same variant of
 * BASE, one table per metric, in the shape maintainers know from mmtests compare-kernels and
 * Google Benchmark's compare.py.
 */
#include <getopt.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/cli.h"
#include "cmd/command.h"
#include "analysis/compare.h"
#include "core/error.h"
#include "output/output.h"
#include "report/report.h"

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
	r->metric = metric;
	/* From the samples, so that the ratios below share rel_change's denominator. */
	r->base_median = hc_median(mb->values, mb->n);
	r->other_median = hc_median(mo->values, mo->n);
	if (hc_compare(mb->values, mb->n, mo->values, mo->n, &r->s))
		return -1;
	r->significant = hc_shift_significant(&r->s, c->alpha);
	c->few_samples += mb->n < HC_MIN_SAMPLES_ADVISED || mo->n < HC_MIN_SAMPLES_ADVISED;
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

void hc_cmp_row_label(const struct hc_cmp_row *r, char *buf, size_t len)
{
	bool cross = strcmp(r->base->config, r->other->config);

	snprintf(buf, len, "%s %s/%s%s%s%s%s", r->base->name, r->base->gate, r->base->config,
		 cross ? "→" : "", cross ? r->other->config : "",
		 r->base->params_label[0] ? " " : "", r->base->params_label);
}

static void row_cells(struct hc_table *t, const struct hc_cmp_row *r)
{
	const struct hc_shift *s = &r->s;
	double bm = r->base_median, half = (s->ci_hi - s->ci_lo) / 2;
	char base[32], other[32], d[32], lo[32], hi[32], rel[32], rlo[32], rhi[32], share[32];
	int dd = hc_decimals(half, 1, hc_value_decimals(bm));
	int pd = hc_decimals(100 * half / bm, 1, 1);

	/* Past the third decimal a count per op is noise; past the second a percentage is. */
	dd = dd > 3 ? 3 : dd;
	pd = pd > 2 ? 2 : pd;
	char p[16];

	hc_fmt_fixed(base, sizeof(base), bm, hc_value_decimals(bm), false, "");
	hc_fmt_fixed(other, sizeof(other), r->other_median, hc_value_decimals(r->other_median),
		     false, "");
	hc_fmt_fixed(d, sizeof(d), s->delta, dd, true, "");
	hc_fmt_fixed(lo, sizeof(lo), s->ci_lo, dd, true, "");
	hc_fmt_fixed(hi, sizeof(hi), s->ci_hi, dd, true, "");
	hc_fmt_fixed(rel, sizeof(rel), 100 * s->rel_change, pd, true, "%");
	hc_fmt_fixed(rlo, sizeof(rlo), 100 * s->ci_lo / bm, pd, true, "%");
	hc_fmt_fixed(rhi, sizeof(rhi), 100 * s->ci_hi / bm, pd, true, "%");
	hc_fmt_fixed(share, sizeof(share),
		     bm + s->delta > 0 ? 100 * s->delta / (bm + s->delta) : NAN, pd, true, "%");
	hc_fmt_p(p, sizeof(p), s->p_value);

	hc_table_row(t, r->significant);
	hc_table_cell(t, "%s%s%s", r->base->name, r->base->params_label[0] ? " " : "",
		      r->base->params_label);
	hc_table_cell(t, "%s", r->base->gate);
	if (strcmp(r->base->config, r->other->config))
		hc_table_cell(t, "%s→%s", r->base->config, r->other->config);
	else
		hc_table_cell(t, "%s", r->base->config);
	hc_table_cell(t, "%s", base);
	hc_table_cell(t, "%s", other);
	hc_table_cell(t, "%s [%s, %s]", d, lo, hi);
	hc_table_cell(t, "%s [%s, %s]", rel, rlo, rhi);
	hc_table_cell(t, "%s", share);
	hc_table_cell(t, "%s", p);
	hc_table_cell(t, "%s", r->significant ? "*" : "");
}

int hc_cmp_render(struct hc_doc *d, const struct hc_cmp *c, const char *metric)
{
	struct hc_table *t = hc_table_new("lllrrrrrrl", "case", "gate", "config", "base", "new",
					  "delta [95% CI]", "change [95% CI]", "of new", "p", "sig",
					  NULL);
	unsigned int i, nr = 0, nr_geo = 0, nr_sig = 0;
	double log_sum = 0, ratio;
	char geo[32], share[32];

	for (i = 0; i < c->nr_rows; i++) {
		const struct hc_cmp_row *r = &c->rows[i];

		if (strcmp(r->metric, metric))
			continue;
		row_cells(t, r);
		nr++;
		nr_sig += r->significant;
		/* Ratios exist only for positive costs; the others cannot enter a geomean. */
		ratio = 1 + r->s.rel_change;
		if (r->base_median > 0 && isfinite(ratio) && ratio > 0) {
			log_sum += log(ratio);
			nr_geo++;
		}
	}
	if (!nr) {
		hc_table_free(t);
		hc_doc_para(d, "No variant has this metric in both runs.");
		return 0;
	}
	ratio = nr_geo ? exp(log_sum / nr_geo) : NAN;
	hc_fmt_fixed(geo, sizeof(geo), 100 * (ratio - 1), 2, true, "%");
	hc_fmt_fixed(share, sizeof(share), 100 * (1 - 1 / ratio), 2, true, "%");
	hc_table_row(t, false);
	hc_table_cell(t, "geomean (%u of %u rows)", nr_geo, nr);
	for (i = 0; i < 5; i++)
		hc_table_cell(t, "%s", "");
	hc_table_cell(t, "%s", geo);
	hc_table_cell(t, "%s", share);
	if (hc_doc_table(d, t))
		return -1;

	hc_doc_para(d, "%u of %u rows significant (*: p < %g and the 95%% CI of delta excludes 0). "
		    "delta: Hodges-Lehmann shift new - base per op; change: delta / base "
		    "(new/base - 1); of new: delta / (base + delta) (1 - base/new), the share "
		    "of the new cost that the change is; p: two-sided Mann-Whitney U.",
		    nr_sig, nr, c->alpha);
	return 0;
}

unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct)
{
	unsigned int i, nr = 0;

	/* A rise from a zero base has no finite ratio: it exceeds any threshold. */
	for (i = 0; i < c->nr_rows; i++)
		nr += !strcmp(c->rows[i].metric, metric) && c->rows[i].significant &&
		      c->rows[i].s.delta > 0 && !(100 * c->rows[i].s.rel_change <= pct);
	return nr;
}

void hc_cmp_notes(struct hc_doc *d, const struct hc_cmp *c)
{
	unsigned int i;
	bool cross = false;

	for (i = 0; i < c->nr_rows; i++)
		cross |= strcmp(c->rows[i].base->config, c->rows[i].other->config) != 0;
	if (c->context_diff[0])
		hc_doc_item(d, "The runs' contexts differ: %s.", c->context_diff);
	if (cross)
		hc_doc_item(d, "Rows shown as A→B compare configuration A of the base run with "
			    "configuration B of the new run (each run had only that one).");
	if (c->only_base || c->only_other)
		hc_doc_item(d, "Not compared: variants measured only in the base run: %u, only in "
			    "the new run: %u.", c->only_base, c->only_other);
	if (c->skipped)
		hc_doc_item(d, "Not compared: variants skipped in either run: %u.", c->skipped);
	if (c->few_samples)
		hc_doc_item(d, "%u rows have fewer than %d samples on a side: their p-values and "
			    "CIs are coarse.", c->few_samples, HC_MIN_SAMPLES_ADVISED);
	if (!c->base->complete || !c->other->complete)
		hc_doc_item(d, "A run was interrupted: only its finished cases are compared.");
}

static void compare_help(void)
{
	printf("usage: hookcost compare [OPTIONS] BASE.json NEW.json [NEW.json ...]\n\n"
	       "Compares every variant (case, gate, configuration, parameters) of each NEW\n"
	       "run with the same variant of BASE: medians, the Hodges-Lehmann shift with its\n"
	       "95%% CI, the change relative to base and as a share of new, the Mann-Whitney\n"
	       "p-value and a '*' where the change is significant; a geometric-mean row per\n"
	       "metric. A variant alone in its case on both sides (e.g. `unused` in BASE,\n"
	       "`active` in NEW) is compared with its counterpart. Runs whose contexts differ\n"
	       "(kernel, CPU, counter backend, ...) are compared with a warning naming the\n"
	       "differences.\n\n"
	       "options:\n"
	       "  -m, --metric LIST     metrics to compare (default: instructions and cycles\n"
	       "                        where present, else every metric)\n"
	       "  -a, --alpha A         significance level (default %g)\n"
	       "      --fail-above PCT  exit 1 if a significant rise in cost exceeds PCT %%\n"
	       "  -f, --format FMT      table (default), markdown, or text: for mail, 72\n"
	       "                        columns, laid out as kernel test robot mails are\n"
	       "  -h, --help            this help\n\n"
	       "exit status: 0 compared; 1 --fail-above tripped; 2 bad command line or input\n"
	       "file\n", HC_ALPHA_DEFAULT);
}

static int compare_files(struct hc_doc *d, const struct hc_rfile *base,
			 const struct hc_rfile *other, const char *const *metrics,
			 unsigned int nr_metrics, double alpha, double fail_above,
			 unsigned int *regressions)
{
	struct hc_cmp c;
	unsigned int m;
	int ret = 0;

	if (hc_cmp_build(base, other, metrics, nr_metrics, alpha, &c))
		return -1;
	if (c.context_diff[0])
		hc_warn("%s and %s were measured in different contexts: %s", base->path,
			other->path, c.context_diff);
	if (!d->f) {
		ret = hc_report_text_compare(stdout, &c, metrics, nr_metrics);
		for (m = 0; m < nr_metrics && fail_above >= 0; m++)
			*regressions += hc_cmp_regressions(&c, metrics[m], fail_above);
		hc_cmp_free(&c);
		return ret;
	}
	hc_doc_heading(d, 1, "%s vs %s (base)", other->path, base->path);
	for (m = 0; m < nr_metrics && !ret; m++) {
		hc_doc_heading(d, 2, "%s/op", metrics[m]);
		ret = hc_cmp_render(d, &c, metrics[m]);
		if (fail_above >= 0)
			*regressions += hc_cmp_regressions(&c, metrics[m], fail_above);
	}
	hc_cmp_notes(d, &c);
	hc_doc_end(d);
	hc_cmp_free(&c);
	return ret;
}

static int compare_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "fail-above", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	double alpha = HC_ALPHA_DEFAULT, fail_above = -1;
	const char *metric_spec = NULL, *metrics[HC_RFILE_MAX_METRICS];
	unsigned int nr_files, i, regressions = 0;
	struct hc_rfile *files;
	int opt, nr_metrics, ret = 0;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":m:a:f:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			metric_spec = optarg;
			break;
		case 'a':
			if (hc_parse_double("--alpha", optarg, 1e-9, 0.5, &alpha))
				return -1;
			break;
		case 'F':
			if (hc_parse_double("--fail-above", optarg, 0, 1e9, &fail_above))
				return -1;
			break;
		case 'f':
			/* text is the mail layout of bench/report/text.c: no doc. */
			d.f = strcmp(optarg, "text") ? stdout : NULL;
			if (!strcmp(optarg, "table") || !strcmp(optarg, "text"))
				d.fmt = HC_DOC_TEXT;
			else if (!strcmp(optarg, "markdown") || !strcmp(optarg, "md"))
				d.fmt = HC_DOC_MARKDOWN;
			else
				return hc_usage_err("--format: '%s' is not table, markdown or "
						    "text", optarg);
			break;
		case 'h':
			compare_help();
			return HC_EXIT_OK;
		case ':':
			return hc_usage_err("option '%s' needs a value", argv[optind - 1]);
		default:
			return hc_usage_err("unknown option '%s' (see 'hookcost compare --help')",
					    argv[optind - 1]);
		}
	}
	if (argc - optind < 2)
		return hc_usage_err("needs a base and at least one new result file "
				    "(see 'hookcost compare --help')");

	nr_files = argc - optind;
	files = calloc(nr_files, sizeof(*files));
	if (!files)
		return hc_err("out of memory");
	/* Every file is checked before anything is printed: bad input yields one line. */
	for (i = 0; i < nr_files && !ret; i++)
		ret = hc_rfile_load(argv[optind + i], &files[i]);
	if (!ret) {
		nr_metrics = hc_rfile_metrics(metric_spec, files, nr_files, metrics,
					      HC_RFILE_MAX_METRICS);
		ret = nr_metrics < 0 ? -1 : 0;
	}
	for (i = 1; i < nr_files && !ret; i++)
		ret = compare_files(&d, &files[0], &files[i], metrics, nr_metrics, alpha,
				    fail_above, &regressions);
	for (i = 0; i < nr_files; i++)
		hc_rfile_free(&files[i]);
	free(files);
	if (ret)
		return -1;
	if (regressions)
		return hc_err("%u significant rises in cost above %g%% (--fail-above)", regressions,
			      fail_above);
	return HC_EXIT_OK;
}

HC_COMMAND(compare_cmd) = {
	.name = "compare", .summary = "compare result files: deltas, CIs, p-values, verdicts",
	.main = compare_main, .order = 4,
};
