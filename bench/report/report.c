// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost report RUN.json... -o DIR`: figures (gnuplot, PNG and SVG), report.html (one file
 * that renders offline: the figures are embedded) and report.md. Everything is made in a
 * staging directory inside DIR and then renamed into place file by file, so a reader of DIR
 * sees either the old or the new version of each file, never half of one.
 */
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "cmd/command.h"
#include "analysis/compare.h"
#include "report/doc.h"
#include "core/error.h"
#include "output/compare.h"
#include "output/output.h"
#include "report/outdir.h"
#include "report/plot.h"
#include "output/result_load.h"
#include "version.h"

#define FIG_PREFIX "fig-"
#define FIG_MIN_WIDTH 640
#define FIG_MAX_WIDTH 1600

struct figure {
	char name[200];
	char caption[300];
	unsigned int file;
};

struct report {
	const char *out_dir, *metric_spec;	/* -o, --metric */
	bool force;				/* --force */
	struct hc_outdir out;
	struct hc_run *files;
	unsigned int nr_files;
	const char *metrics[HC_MAX_COUNTERS];
	unsigned int nr_metrics;
	double alpha;
	struct hc_cmp *cmps;		/* files[i + 1] against files[0] */
	struct hc_plot plot;
	struct figure *figs;
	unsigned int nr_figs;
	char stage[PATH_MAX - 300];
	char command[2048];		/* this report's command line */
};

/* Registers one more figure, named after its run, case, metric and kind. */
static struct figure *add_figure(struct report *r, unsigned int file, const char *kind,
				 const struct hc_result *row, const char *metric)
{
	struct figure *f = realloc(r->figs, (r->nr_figs + 1) * sizeof(*f));
	char *s;

	if (!f) {
		hc_err("out of memory");
		return NULL;
	}
	r->figs = f;
	f = &r->figs[r->nr_figs++];
	f->file = file;
	snprintf(f->name, sizeof(f->name), FIG_PREFIX "%u-%s-%s-%s", file + 1, row->id.name, metric,
		 kind);
	/* Case and metric names become file names: keep them to a portable alphabet. */
	for (s = f->name; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".-_", *s))
			*s = '_';
	return f;
}

/* Appends " key=value" per parameter but skip (no blank first when off is 0); the new end. */
static size_t put_params(char *buf, size_t len, size_t off, const struct hc_vid *id,
			 const char *skip)
{
	const struct hc_label_style style = { .param_sep = " ", .skip = skip };
	char params[160];

	if (hc_vid_label(id, HC_VID_PARAMS, &style, params, sizeof(params)) && off < len)
		off += snprintf(buf + off, len - off, "%s%s", off ? " " : "", params);
	return off;
}

/*
 * "static/unused size=64" ("none" gates and configurations left out), without the parameter
 * skip (the one a sweep plots along); the case name if nothing is left.
 */
static void variant_label(const struct hc_result *row, const char *skip, char *buf, size_t len)
{
	const struct hc_label_style style = {
		.sep = "/", .params_sep = " ", .param_sep = " ", .skip = skip,
	};

	if (!hc_vid_label(&row->id, HC_VID_GATE | HC_VID_CONFIG | HC_VID_PARAMS, &style, buf, len))
		snprintf(buf, len, "%s", row->id.name);
}

static bool same_case(const struct hc_result *a, const struct hc_result *b)
{
	return hc_vid_same(&a->id, &b->id, HC_VID_CASE);
}

static unsigned int fig_width(unsigned int nr_items)
{
	unsigned int w = 160 + 90 * nr_items;

	return w < FIG_MIN_WIDTH ? FIG_MIN_WIDTH : w > FIG_MAX_WIDTH ? FIG_MAX_WIDTH : w;
}

static int figure_distribution(struct report *r, unsigned int fi, const struct hc_result *first,
			       const char *metric)
{
	const struct hc_run *f = &r->files[fi];
	struct figure *fig = add_figure(r, fi, "dist", first, metric);
	FILE *dat = fig ? hc_plot_data(&r->plot, fig->name) : NULL;
	unsigned int i, k, nr = 0;
	char label[160], ylab[80], vars[32];

	if (!dat)
		return -1;
	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];
		int m = hc_result_metric(f, row, metric);

		if (m < 0 || !same_case(row, first))
			continue;
		variant_label(row, NULL, label, sizeof(label));
		hc_plot_label(label);
		for (k = 0; k < row->nr_samples; k++)
			fprintf(dat, "\"%s\" %.10g\n", label, row->per_op[m][k]);
		nr++;
	}
	fclose(dat);
	snprintf(fig->caption, sizeof(fig->caption), "%s: %s per op of each variant (box: "
		 "quartiles, line: median)", first->id.name, metric);
	snprintf(ylab, sizeof(ylab), "%s/op", metric);
	snprintf(vars, sizeof(vars), "nboxes = %u", nr);
	hc_plot_add(&r->plot, fig->name, "distribution", fig_width(nr), first->id.name, "", ylab,
		    vars);
	return 0;
}



static bool comparison_of(const struct hc_comparison *c, const struct hc_result *row,
			  const char *metric)
{
	return hc_vid_same(&c->base->id, &row->id, HC_VID_CASE) && !strcmp(c->metric, metric);
}

/* "static: active vs off size=64" */
static void comparison_label(const struct hc_comparison *c, char *buf, size_t len)
{
	const struct hc_vid *id = &c->base->id;
	bool gated = id->gate != HC_GATE_NONE;
	size_t off;

	off = snprintf(buf, len, "%s%s%s vs %s", gated ? hc_gate_names[id->gate] : "",
		       gated ? ": " : "", hc_config_names[c->other->id.config],
		       hc_config_names[id->config]);
	put_params(buf, len, off, id, NULL);
}

/* Like compare: the CI's half-width sets the digits, up to three decimals. */
static int shift_decimals(const struct hc_comparison *s)
{
	int dec = hc_decimals((s->ci_hi - s->ci_lo) / 2, 1, 2);

	return dec > 3 ? 3 : dec;
}

static int figure_overhead(struct report *r, unsigned int fi, const struct hc_result *first,
			   const char *metric)
{
	const struct hc_run *f = &r->files[fi];
	struct figure *fig;
	char label[160], ylab[80];
	unsigned int i, nr = 0;
	FILE *dat;

	for (i = 0; i < f->nr_cmps; i++)
		nr += comparison_of(&f->cmps[i], first, metric);
	if (!nr)
		return 0;
	fig = add_figure(r, fi, "overhead", first, metric);
	dat = fig ? hc_plot_data(&r->plot, fig->name) : NULL;
	if (!dat)
		return -1;
	for (i = 0; i < f->nr_cmps; i++) {
		const struct hc_comparison *c = &f->cmps[i];

		if (!comparison_of(c, first, metric))
			continue;
		comparison_label(c, label, sizeof(label));
		hc_plot_label(label);
		/* gnuplot skips a row with a missing value ("NaN" parses as one). */
		fprintf(dat, "\"%s\" %.10g %.10g %.10g %d\n", label, c->estimate, c->ci_lo,
			c->ci_hi, hc_verdict_flagged(c->verdict));
	}
	fclose(dat);
	snprintf(fig->caption, sizeof(fig->caption), "%s: overhead in %s per op against the "
		 "base configuration, per gate (bar: Hodges-Lehmann shift, whiskers: its CI; "
		 "red: overhead or saving at %g)", first->id.name, metric, r->alpha);
	snprintf(ylab, sizeof(ylab), "delta %s/op", metric);
	hc_plot_add(&r->plot, fig->name, "overhead", fig_width(nr), first->id.name, "", ylab, "");
	return 0;
}

/* The first parameter of the case that takes more than one value, or NULL. */
static const long *param_of(const struct hc_vid *id, const char *name)
{
	for (unsigned int i = 0; i < id->params.nr; i++)
		if (!strcmp(id->params.p[i].name, name))
			return &id->params.p[i].value;
	return NULL;
}

static const char *sweep_param(const struct hc_run *f, const struct hc_result *first)
{
	const struct hc_params *p = &first->id.params;

	for (unsigned int k = 0; k < p->nr; k++)
		for (unsigned int i = 0; i < f->nr_results; i++) {
			const long *v = param_of(&f->results[i].id, p->p[k].name);

			if (same_case(&f->results[i], first) && (v ? *v : 0) != p->p[k].value)
				return p->p[k].name;
		}
	return NULL;
}

static int cmp_x(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static int figure_scaling(struct report *r, unsigned int fi, const struct hc_result *first,
			  const char *metric)
{
	const struct hc_run *f = &r->files[fi];
	const char *sweep = sweep_param(f, first);
	char label[160], other[160], ylab[80], vars[64];
	unsigned int i, j, nr_curves = 0, nr_points;
	double xmin = INFINITY, xmax = -INFINITY, (*pt)[4];
	bool *done;
	struct figure *fig;
	FILE *dat;

	if (!sweep)
		return 0;
	fig = add_figure(r, fi, "scaling", first, metric);
	done = calloc(f->nr_results, sizeof(*done));
	pt = calloc(f->nr_results, sizeof(*pt));
	dat = fig && done && pt ? hc_plot_data(&r->plot, fig->name) : NULL;
	if (!dat) {
		free(done);
		free(pt);
		return fig && done && pt ? -1 : hc_err("out of memory");
	}
	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];

		if (done[i] || !same_case(row, first) || hc_result_metric(f, row, metric) < 0)
			continue;
		/* A curve: a gate, a configuration and the parameters not swept. */
		variant_label(row, sweep, label, sizeof(label));
		nr_points = 0;
		for (j = i; j < f->nr_results; j++) {
			const struct hc_result *p = &f->results[j];
			int mi = hc_result_metric(f, p, metric);
			const struct hc_msummary *m = mi < 0 ? NULL : &p->summary[mi];
			const long *x = param_of(&p->id, sweep);

			if (!m || !same_case(p, first))
				continue;
			variant_label(p, sweep, other, sizeof(other));
			if (strcmp(label, other))
				continue;
			done[j] = true;
			pt[nr_points][0] = x ? *x : 0;
			pt[nr_points][1] = m->median;
			pt[nr_points][2] = isnan(m->ci_lo) ? m->median : m->ci_lo;
			pt[nr_points][3] = isnan(m->ci_hi) ? m->median : m->ci_hi;
			xmin = fmin(xmin, pt[nr_points][0]);
			xmax = fmax(xmax, pt[nr_points][0]);
			nr_points++;
		}
		qsort(pt, nr_points, sizeof(*pt), cmp_x);
		hc_plot_label(label);
		fprintf(dat, "%s\"%s\"\n", nr_curves ? "\n\n" : "", label);
		for (j = 0; j < nr_points; j++)
			fprintf(dat, "%.10g %.10g %.10g %.10g\n", pt[j][0], pt[j][1], pt[j][2],
				pt[j][3]);
		nr_curves++;
	}
	fclose(dat);
	free(done);
	free(pt);
	snprintf(fig->caption, sizeof(fig->caption), "%s: median %s per op against %s, per "
		 "variant (whiskers: CI of the median)", first->id.name, metric, sweep);
	snprintf(ylab, sizeof(ylab), "%s/op", metric);
	/* A sweep over powers of two reads best on a logarithmic axis. */
	snprintf(vars, sizeof(vars), "ncurves = %u; logx = %d", nr_curves,
		 xmin > 0 && xmax / xmin >= 16);
	hc_plot_add(&r->plot, fig->name, "scaling", FIG_MIN_WIDTH + 160, first->id.name, sweep, ylab,
		    vars);
	return 0;
}

static int make_figures(struct report *r)
{
	unsigned int fi, i, j, m;

	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		for (i = 0; i < f->nr_results; i++) {
			const struct hc_result *first = &f->results[i];
			bool seen = first->skip_reason;

			for (j = 0; j < i && !seen; j++)
				seen = !f->results[j].skip_reason && same_case(&f->results[j], first);
			if (seen)
				continue;
			for (m = 0; m < r->nr_metrics; m++) {
				if (hc_result_metric(f, first, r->metrics[m]) < 0)
					continue;
				if (figure_distribution(r, fi, first, r->metrics[m]) ||
				    figure_overhead(r, fi, first, r->metrics[m]) ||
				    figure_scaling(r, fi, first, r->metrics[m]))
					return -1;
			}
		}
	}
	return hc_plot_run(&r->plot);
}

static bool metric_selected(const struct report *r, const char *metric)
{
	unsigned int m;

	for (m = 0; m < r->nr_metrics; m++)
		if (!strcmp(r->metrics[m], metric))
			return true;
	return false;
}

/*
 * The headline answers "is it free when unused?" and then what a bystander and a user pay:
 * other against base, or against the fallback base when the run has no comparison with the
 * first (a run without the unused configuration, say).
 */
static const struct headline_pair {
	const char *other;
	const char *base[2];
	bool cost;		/* the summary counts increases rather than undetectable changes */
} headline_pairs[] = {
	{ "unused", { "off", NULL }, false },
	{ "bystander", { "unused", "off" }, false },
	{ "active", { "unused", "off" }, true },
};

#define HEADLINE_PAIRS (sizeof(headline_pairs) / sizeof(headline_pairs[0]))
#define HEADLINE_MAX_GATES 6

/* One suite of one run in the headline, in one metric. */
struct headline {
	const struct hc_run *f;
	const char *suite;
	const char *metric;
	const char *base[HEADLINE_PAIRS];	/* NULL: the run lacks the pair */
	const char *gate[HEADLINE_MAX_GATES];	/* the table columns */
	unsigned int nr_gates;
};

static bool in_pair(const struct headline *h, const struct hc_comparison *c, unsigned int pair,
		    const char *base)
{
	return base && !strcmp(c->base->id.suite, h->suite) && !strcmp(c->metric, h->metric) &&
	       !strcmp(hc_config_names[c->other->id.config], headline_pairs[pair].other) &&
	       !strcmp(hc_config_names[c->base->id.config], base);
}

/* Whether two comparisons are of one row of the headline: case and parameters. */
static bool same_row(const struct hc_comparison *a, const struct hc_comparison *b)
{
	return hc_vid_same(&a->base->id, &b->base->id, HC_VID_CASE | HC_VID_PARAMS);
}

static bool file_has_metric(const struct hc_run *f, const char *metric)
{
	unsigned int i;

	for (i = 0; i < f->nr_results; i++)
		if (hc_result_metric(f, &f->results[i], metric) >= 0)
			return true;
	return false;
}

/* Instructions, else cycles, else the first metric shown that the run has. */
static const char *headline_metric(const struct report *r, const struct hc_run *f)
{
	static const char *const preferred[] = { "instructions", "cycles" };
	unsigned int i;

	for (i = 0; i < sizeof(preferred) / sizeof(preferred[0]); i++)
		if (metric_selected(r, preferred[i]) && file_has_metric(f, preferred[i]))
			return preferred[i];
	for (i = 0; i < r->nr_metrics; i++)
		if (file_has_metric(f, r->metrics[i]))
			return r->metrics[i];
	return NULL;
}

/* Picks each pair's base and the gates; returns how many pairs the suite has. */
static unsigned int headline_init(struct headline *h, const struct hc_run *f,
				  const char *suite, const char *metric)
{
	unsigned int p, b, g, k, nr = 0;

	memset(h, 0, sizeof(*h));
	h->f = f;
	h->suite = suite;
	h->metric = metric;
	for (p = 0; p < HEADLINE_PAIRS; p++) {
		for (b = 0; b < 2 && !h->base[p]; b++)
			for (k = 0; k < f->nr_cmps; k++)
				if (in_pair(h, &f->cmps[k], p, headline_pairs[p].base[b]))
					h->base[p] = headline_pairs[p].base[b];
		nr += !!h->base[p];
		for (k = 0; k < f->nr_cmps; k++) {
			const char *gate = hc_gate_names[f->cmps[k].base->id.gate];

			if (!in_pair(h, &f->cmps[k], p, h->base[p]))
				continue;
			for (g = 0; g < h->nr_gates; g++)
				if (!strcmp(h->gate[g], gate))
					break;
			if (g == h->nr_gates && g < HEADLINE_MAX_GATES)
				h->gate[h->nr_gates++] = gate;
		}
	}
	return nr;
}

/*
 * An active user pays when an overhead is called; unused and bystander are free when
 * equivalent.
 */
static bool pair_hit(unsigned int pair, const struct hc_comparison *c)
{
	if (headline_pairs[pair].cost)
		return c->verdict == HC_VERDICT_OVERHEAD;
	return c->verdict == HC_VERDICT_EQUIVALENT;
}

/* "static: unused vs off equivalent in 5 of 7 cases, active costs more than ..." */
static void headline_summary(const struct report *r, struct hc_doc *d, const struct headline *h)
{
	char text[2048];
	unsigned int g, p, n, hits, k;
	size_t off = 0;

	for (g = 0; g < h->nr_gates && off < sizeof(text); g++) {
		bool first = true;

		if (g)
			off += snprintf(text + off, sizeof(text) - off, "; ");
		if (strcmp(h->gate[g], "none") && off < sizeof(text))
			off += snprintf(text + off, sizeof(text) - off, "%s: ", h->gate[g]);
		for (p = 0; p < HEADLINE_PAIRS && off < sizeof(text); p++) {
			n = hits = 0;
			for (k = 0; k < h->f->nr_cmps; k++) {
				const struct hc_comparison *c = &h->f->cmps[k];

				if (!in_pair(h, c, p, h->base[p]) ||
				    strcmp(hc_gate_names[c->base->id.gate], h->gate[g]))
					continue;
				n++;
				hits += pair_hit(p, c);
			}
			if (!n)
				continue;
			off += snprintf(text + off, sizeof(text) - off,
					"%s%s %s %s%s in %u of %u%s", first ? "" : ", ",
					headline_pairs[p].other,
					headline_pairs[p].cost ? "costs more than" : "vs",
					h->base[p], headline_pairs[p].cost ? "" : " equivalent",
					hits, n, !first ? "" : n == 1 ? " case" : " cases");
			first = false;
		}
	}
	hc_doc_para(d, "%s.", text);
}

/*
 * "tcp.sendmsg size=1448": the case and the parameters that vary across its rows of the table;
 * the others are the same for every row and would only widen it.
 */
static void headline_label(const struct headline *h, unsigned int pair,
			   const struct hc_comparison *c, char *buf, size_t len)
{
	const struct hc_vid *id = &c->base->id;
	struct hc_vid shown = *id;
	unsigned int i, k;

	shown.params.nr = 0;
	for (i = 0; i < id->params.nr; i++)
		for (k = 0; k < h->f->nr_cmps; k++) {
			const struct hc_comparison *e = &h->f->cmps[k];
			const long *v = param_of(&e->base->id, id->params.p[i].name);

			if (in_pair(h, e, pair, h->base[pair]) &&
			    !strcmp(e->base->id.name, id->name) &&
			    (!v || *v != id->params.p[i].value)) {
				shown.params.p[shown.params.nr++] = id->params.p[i];
				break;
			}
		}
	put_params(buf, len, snprintf(buf, len, "%s", id->name), &shown, NULL);
}

/*
 * "+1.00 [1.00, 1.00] *" for an overhead or saving, "≈0 (<0.39)" when equivalent within the
 * margin 0.39, else "? [-0.20, 0.90]": inconclusive.
 */
static void headline_cell(const struct report *r, struct hc_table *t,
			  const struct hc_comparison *c)
{
	char delta[32], lo[32], hi[32];
	double bound;
	int dec;

	if (!c) {
		hc_table_cell(t, "–");
		return;
	}
	bound = fmax(fabs(c->ci_lo), fabs(c->ci_hi));
	/* No more digits than the CI supports, nor than a cost of that size needc-> */
	dec = shift_decimals(c);
	dec = hc_value_decimals(bound) < dec ? hc_value_decimals(bound) : dec;
	if (c->verdict == HC_VERDICT_EQUIVALENT) {
		hc_fmt_fixed(hi, sizeof(hi), c->margin, hc_value_decimals(c->margin), false, "");
		hc_table_cell(t, "≈0 (<%s)", hi);
		return;
	}
	hc_fmt_fixed(delta, sizeof(delta), c->estimate, dec, true, "");
	hc_fmt_fixed(lo, sizeof(lo), c->ci_lo, dec, false, "");
	hc_fmt_fixed(hi, sizeof(hi), c->ci_hi, dec, false, "");
	if (hc_verdict_flagged(c->verdict))
		hc_table_cell(t, "%s [%s, %s] *", delta, lo, hi);
	else
		hc_table_cell(t, "? [%s, %s]", lo, hi);
}

/* Rows: case and parameters; columns: gates. */
static int headline_table(const struct report *r, struct hc_doc *d, const struct headline *h,
			  unsigned int pair)
{
	const char *col[HEADLINE_MAX_GATES] = { NULL };
	char align[HEADLINE_MAX_GATES + 2] = "l", label[200];
	const struct hc_comparison *cmps = h->f->cmps, *cell;
	struct hc_table *t;
	unsigned int g, k, j;
	bool seen;

	for (g = 0; g < h->nr_gates; g++) {
		col[g] = strcmp(h->gate[g], "none") ? h->gate[g] : "shift";
		align[g + 1] = 'r';
	}
	/* The NULL entries of col past the gates end the list of headings early. */
	t = hc_table_new(align, "case", col[0], col[1], col[2], col[3], col[4], col[5], NULL);
	for (k = 0; k < h->f->nr_cmps; k++) {
		if (!in_pair(h, &cmps[k], pair, h->base[pair]))
			continue;
		seen = false;
		for (j = 0; j < k && !seen; j++)
			seen = in_pair(h, &cmps[j], pair, h->base[pair]) &&
			       same_row(&cmps[j], &cmps[k]);
		if (seen)
			continue;
		headline_label(h, pair, &cmps[k], label, sizeof(label));
		hc_table_row(t, false);
		hc_table_cell(t, "%s", label);
		for (g = 0; g < h->nr_gates; g++) {
			cell = NULL;
			for (j = 0; j < h->f->nr_cmps; j++)
				if (in_pair(h, &cmps[j], pair, h->base[pair]) &&
				    same_row(&cmps[j], &cmps[k]) &&
				    !strcmp(hc_gate_names[cmps[j].base->id.gate], h->gate[g]))
					cell = &cmps[j];
			headline_cell(r, t, cell);
		}
	}
	hc_doc_para(d, "%s vs %s, in %s/op:", headline_pairs[pair].other, h->base[pair],
		    h->metric);
	return hc_doc_table(d, t);
}

/* One line per suite and reason, with the count: a missing kernel skips hundreds alike. */
static void skipped_summary(struct hc_doc *d, const struct hc_run *f)
{
	const struct hc_result *rs = f->results;
	unsigned int i, j, nr;
	bool seen;

	for (i = 0; i < f->nr_results; i++) {
		if (!rs[i].skip_reason)
			continue;
		seen = false;
		for (j = 0; j < i && !seen; j++)
			seen = rs[j].skip_reason && !strcmp(rs[j].id.suite, rs[i].id.suite) &&
			       !strcmp(rs[j].skip_reason, rs[i].skip_reason);
		if (seen)
			continue;
		for (j = i, nr = 0; j < f->nr_results; j++)
			nr += rs[j].skip_reason && !strcmp(rs[j].id.suite, rs[i].id.suite) &&
			      !strcmp(rs[j].skip_reason, rs[i].skip_reason);
		hc_doc_item(d, "%s: %u variant%s skipped: %s", rs[i].id.suite, nr,
			    nr == 1 ? "" : "s", rs[i].skip_reason);
	}
}

static int headline_file(struct report *r, struct hc_doc *d, const struct hc_run *f)
{
	const char *metric = headline_metric(r, f);
	struct headline h;
	unsigned int p, k, j;
	bool seen;

	for (k = 0; k < f->nr_cmps; k++) {
		const char *suite = f->cmps[k].base->id.suite;

		seen = false;
		for (j = 0; j < k && !seen; j++)
			seen = !strcmp(f->cmps[j].base->id.suite, suite);
		if (seen || !metric || !headline_init(&h, f, suite, metric))
			continue;
		hc_doc_heading(d, 4, "%s suite", h.suite);
		headline_summary(r, d, &h);
		for (p = 0; p < HEADLINE_PAIRS; p++)
			if (h.base[p] && headline_table(r, d, &h, p))
				return -1;
	}
	return 0;
}

static int section_verdicts(struct report *r, struct hc_doc *d)
{
	unsigned int fi, i, nr;

	hc_doc_heading(d, 2, "Verdicts");
	for (fi = 0, nr = 0; fi < r->nr_files; fi++)
		nr += r->files[fi].nr_cmps > 0;
	if (nr)
		hc_doc_para(d, "Is the hook free when unused, and what do a bystander and a "
			    "user pay? Each cell: the Hodges-Lehmann shift per op with its CI and * "
			    "for an overhead or saving (Holm-adjusted p < %g, the CI excludes 0 and "
			    "the shift reaches the margin); ≈0 (<M): equivalent, |shift| < M (the "
			    "margin) by two one-sided tests; ? [lo, hi]: inconclusive at this "
			    "precision. Parameters that are the same in every row of a case are left "
			    "out (see the tables).", r->alpha);
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_heading(d, 3, "%s", f->path);
		if (!f->nr_cmps)
			hc_doc_para(d, "This run compares no configurations (its cases have no "
				    "hook): see its tables.");
		else if (headline_file(r, d, f))
			return -1;
		skipped_summary(d, f);
	}
	for (fi = 1; fi < r->nr_files; fi++) {
		const struct hc_cmp *cmp = &r->cmps[fi - 1];

		for (i = 0, nr = 0; i < cmp->nr_rows; i++)
			nr += hc_verdict_flagged(cmp->rows[i].verdict);
		hc_doc_heading(d, 3, "%s against %s", cmp->other->path, cmp->base->path);
		hc_doc_para(d, "%u of %u rows called overhead or saving (Holm-adjusted p < %g, a CI "
			    "that excludes 0, a shift that reaches the margin); the tables below "
			    "show every row, All comparisons at the end lists those.", nr,
			    cmp->nr_rows, r->alpha);
	}
	return 0;
}

/* A comparison of a selected metric: its metric, with its label filled; else NULL. */
static const char *selected_comparison(const struct report *r, const struct hc_comparison *c,
				       char *label, size_t len)
{
	if (!metric_selected(r, c->metric))
		return NULL;
	comparison_label(c, label, len);
	return c->metric;
}

/* Every comparison as a verdict sentence: the detail behind the headline, folded away. */
static void section_all_comparisons(struct report *r, struct hc_doc *d)
{
	char label[200];
	unsigned int fi, i, nr = 0;

	for (fi = 0; fi < r->nr_files; fi++)
		for (i = 0; i < r->files[fi].nr_cmps; i++)
			nr += metric_selected(r, r->files[fi].cmps[i].metric);
	for (fi = 1; fi < r->nr_files; fi++)
		for (i = 0; i < r->cmps[fi - 1].nr_rows; i++)
			nr += hc_verdict_flagged(r->cmps[fi - 1].rows[i].verdict);
	hc_doc_heading(d, 2, "All comparisons");
	snprintf(label, sizeof(label), "%u comparisons, one sentence each, run by run", nr);
	hc_doc_fold_begin(d, label);
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_heading(d, 3, "%s: configurations against their base", f->path);
		for (i = 0; i < f->nr_cmps; i++) {
			const struct hc_comparison *c = &f->cmps[i];

			if (selected_comparison(r, c, label, sizeof(label)))
				hc_doc_item(d, "%s %s: %s", c->base->id.name, label, c->text);
		}
	}
	for (fi = 1; fi < r->nr_files; fi++) {
		const struct hc_cmp *cmp = &r->cmps[fi - 1];

		hc_doc_heading(d, 3, "%s against %s: overheads and savings", cmp->other->path,
			       cmp->base->path);
		for (i = 0; i < cmp->nr_rows; i++) {
			const struct hc_comparison *row = &cmp->rows[i];

			if (!hc_verdict_flagged(row->verdict))
				continue;
			hc_cmp_row_label(row, label, sizeof(label));
			hc_doc_item(d, "%s: %s", label, row->text);
		}
	}
	hc_doc_fold_end(d);
}

static void section_method(struct report *r, struct hc_doc *d)
{
	hc_doc_heading(d, 2, "Method");
	hc_doc_para(d, "Each variant (case x gate x configuration x parameters) is sampled "
		    "repeatedly on one pinned CPU. A sample runs the fast path a calibrated number "
		    "of times, so that reading the counters costs under 0.1 %% of it; rounds run "
		    "every configuration of a case once in a shuffled order, so drift hits all of "
		    "them alike; warm-up rounds are discarded. The harness cost, measured the same "
		    "way on an empty case, is subtracted and every value is per operation.");
	hc_doc_para(d, "Per metric: the median with its order-statistic (binomial) CI and the "
		    "coverage that reaches, the median absolute deviation (MAD), the coefficient "
		    "of variation (CV) and the minimum. Two configurations of a run were measured "
		    "in the same rounds and are compared paired: the Wilcoxon signed-rank test and "
		    "the one-sample Hodges-Lehmann shift of the per-round differences with its "
		    "distribution-free CI. Two runs: Mann-Whitney and the two-sample "
		    "Hodges-Lehmann shift. p-values are Holm-adjusted over the run's comparisons. "
		    "Verdicts at %g against a margin M (by default 1 %% of the base's median): "
		    "overhead or saving (adjusted p < alpha, CI excludes 0, |shift| >= M), "
		    "equivalent (the 1 - 2 alpha CI inside ±M: two one-sided tests), else "
		    "inconclusive. A CI that cannot reach its level at this n says what it "
		    "reaches.", r->alpha);
	hc_doc_para(d, "Each run's own parameters (samples, warm-up, seed, ...) are the method.* "
		    "rows under Environment.");
}

/* Shown elsewhere in the report: the command line and, as lists, warnings and advice. */
static bool env_listed(const char *key)
{
	static const char *const listed[] = { "command", "warnings", "advice" };

	return hc_context_key_in(key, listed, sizeof(listed) / sizeof(listed[0]));
}

static void env_row(struct hc_table *t, const struct hc_kv *kv, unsigned int nr, const char *key)
{
	const char *a = hc_kv_get(&kv[0], key), *b = nr > 1 ? hc_kv_get(&kv[1], key) : NULL;

	hc_table_row(t, nr > 1 && (!a || !b || strcmp(a, b)) && !hc_context_volatile(key));
	hc_table_cell(t, "%s", key);
	hc_table_cell(t, "%s", a ? a : "");
	if (nr > 1)
		hc_table_cell(t, "%s", b ? b : "");
}

static void env_list(struct hc_doc *d, const struct hc_run *f, const char *key,
		     const char *what)
{
	json_t *list = json_object_get(f->context, key), *item;
	size_t k;

	if (!json_array_size(list))
		return;
	hc_doc_para(d, "%s of %s:", what, f->path);
	json_array_foreach(list, k, item)
		hc_doc_item(d, "%s", json_is_string(item) ? json_string_value(item) : "?");
}

static int section_environment(struct report *r, struct hc_doc *d)
{
	/* Two runs side by side, differences marked; a third would make the table too wide. */
	unsigned int nr = r->nr_files > 1 ? 2 : 1, fi, i;
	struct hc_kv kv[2] = { { 0 } };
	struct hc_table *t;
	int ret = 0;

	hc_doc_heading(d, 2, "Environment");
	for (fi = 0; fi < nr && !ret; fi++)
		ret = hc_context_flatten(r->files[fi].context, &kv[fi]);
	t = hc_table_new(nr > 1 ? "lll" : "ll", "context", r->files[0].path,
			 nr > 1 ? r->files[1].path : NULL, NULL);
	for (i = 0; i < kv[0].nr && !ret; i++)
		if (!env_listed(kv[0].key[i]))
			env_row(t, kv, nr, kv[0].key[i]);
	for (i = 0; nr > 1 && i < kv[1].nr && !ret; i++)
		if (!env_listed(kv[1].key[i]) && !hc_kv_get(&kv[0], kv[1].key[i]))
			env_row(t, kv, nr, kv[1].key[i]);
	ret = ret ? ret : hc_doc_table(d, t);
	for (fi = 2; fi < r->nr_files && !ret; fi++)
		if (r->cmps[fi - 1].context_diff[0])
			hc_doc_para(d, "%s differs from %s in: %s.", r->files[fi].path,
				    r->files[0].path, r->cmps[fi - 1].context_diff);
	for (fi = 0; fi < r->nr_files; fi++) {
		env_list(d, &r->files[fi], "warnings", "Warnings recorded by");
		env_list(d, &r->files[fi], "advice", "Advice on the machine");
	}
	for (fi = 0; fi < nr; fi++)
		hc_kv_free(&kv[fi]);
	return ret;
}

/* "[lo, hi]", and what it covers when that is short of the level asked for. */
static void ci_cell(struct hc_table *t, const char *lo, const char *hi, double coverage,
		    double level)
{
	if (coverage < level - 1e-9)
		hc_table_cell(t, "[%s, %s] (covers %.1f%%)", lo, hi, 100 * coverage);
	else
		hc_table_cell(t, "[%s, %s]", lo, hi);
}

static int table_results(struct report *r, struct hc_doc *d, const struct hc_run *f,
			 const char *metric)
{
	struct hc_table *t = hc_table_new("lllrrrrrrr", "case", "gate", "config", "n",
					  "iterations", "median", "CI", "MAD", "CV", "min",
					  NULL);
	char label[200], med[32], lo[32], hi[32], mad[32], min[32], cv[32];
	unsigned int i;

	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];
		int mi = hc_result_metric(f, row, metric);
		const struct hc_msummary *m = mi < 0 ? NULL : &row->summary[mi];
		int dec = m ? hc_value_decimals(m->median) : 0;

		if (!m)
			continue;
		hc_fmt_fixed(med, sizeof(med), m->median, dec, false, "");
		hc_fmt_fixed(lo, sizeof(lo), m->ci_lo, dec, false, "");
		hc_fmt_fixed(hi, sizeof(hi), m->ci_hi, dec, false, "");
		hc_fmt_fixed(mad, sizeof(mad), m->mad, hc_decimals(m->mad, 2, dec), false, "");
		hc_fmt_fixed(min, sizeof(min), m->min, dec, false, "");
		hc_fmt_fixed(cv, sizeof(cv), 100 * m->cv, 2, false, "%");
		hc_vid_label(&row->id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_words, label,
			     sizeof(label));
		hc_table_row(t, false);
		hc_table_cell(t, "%s", label);
		hc_table_cell(t, "%s", hc_gate_names[row->id.gate]);
		hc_table_cell(t, "%s", hc_config_names[row->id.config]);
		hc_table_cell(t, "%u", m->n);
		hc_table_cell(t, "%llu", (unsigned long long)row->iterations);
		hc_table_cell(t, "%s", med);
		ci_cell(t, lo, hi, m->coverage, m->level);
		hc_table_cell(t, "%s", mad);
		hc_table_cell(t, "%s", cv);
		hc_table_cell(t, "%s", min);
	}
	hc_doc_heading(d, 4, "%s/op", metric);
	return hc_doc_table(d, t);
}

/* A table under its own heading, or nothing at all when it has no rows. */
static int table_under_heading(struct hc_doc *d, struct hc_table *t, const char *heading)
{
	if (!hc_table_rows(t)) {
		hc_table_free(t);
		return 0;
	}
	hc_doc_heading(d, 4, heading);
	return hc_doc_table(d, t);
}

static int table_comparisons(struct report *r, struct hc_doc *d, const struct hc_run *f)
{
	struct hc_table *t = hc_table_new("lllrrrrl", "case", "comparison", "metric", "delta/op",
					  "CI", "change", "adj. p", "verdict", NULL);
	char label[200], delta[32], lo[32], hi[32], rel[32], p[16];
	unsigned int k;
	int dec;

	for (k = 0; k < f->nr_cmps; k++) {
		const struct hc_comparison *c = &f->cmps[k];
		const char *metric = selected_comparison(r, c, label, sizeof(label));

		if (!metric)
			continue;
		dec = shift_decimals(c);
		hc_fmt_fixed(delta, sizeof(delta), c->estimate, dec, true, "");
		hc_fmt_fixed(lo, sizeof(lo), c->ci_lo, dec, true, "");
		hc_fmt_fixed(hi, sizeof(hi), c->ci_hi, dec, true, "");
		hc_fmt_fixed(rel, sizeof(rel), 100 * c->rel_change, 2, true, "%");
		/* A hookcost-result/1 file has no adjusted p-values. */
		hc_fmt_p(p, sizeof(p), isnan(c->p_adjusted) ? c->p : c->p_adjusted);
		hc_table_row(t, hc_verdict_flagged(c->verdict));
		hc_table_cell(t, "%s", c->base->id.name);
		hc_table_cell(t, "%s", label);
		hc_table_cell(t, "%s", metric);
		hc_table_cell(t, "%s", delta);
		ci_cell(t, lo, hi, c->coverage, c->level);
		hc_table_cell(t, "%s", rel);
		hc_table_cell(t, "%s", p);
		hc_table_cell(t, "%s", hc_verdict_kind_name(c->verdict));
	}
	return table_under_heading(d, t, "Configurations against their base");
}

static int table_overhead(struct report *r, struct hc_doc *d, const struct hc_run *f)
{
	struct hc_table *t = hc_table_new("llllrr", "case", "gate", "config", "metric",
					  "per sample", "per iteration", NULL);
	char label[200], per_sample[32], per_iter[32];
	unsigned int i, m;

	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];

		hc_vid_label(&row->id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_words, label,
			     sizeof(label));
		for (m = 0; m < r->nr_metrics; m++) {
			int mi = hc_result_metric(f, row, r->metrics[m]);

			if (mi < 0)
				continue;
			hc_fmt_fixed(per_sample, sizeof(per_sample), row->overhead_fixed[mi], 1,
				     false, "");
			hc_fmt_fixed(per_iter, sizeof(per_iter), row->overhead_per_iter[mi], 3,
				     false, "");
			hc_table_row(t, false);
			hc_table_cell(t, "%s", label);
			hc_table_cell(t, "%s", hc_gate_names[row->id.gate]);
			hc_table_cell(t, "%s", hc_config_names[row->id.config]);
			hc_table_cell(t, "%s", r->metrics[m]);
			hc_table_cell(t, "%s", per_sample);
			hc_table_cell(t, "%s", per_iter);
		}
	}
	return table_under_heading(d, t, "Harness overhead subtracted from every sample");
}

static int section_tables(struct report *r, struct hc_doc *d)
{
	unsigned int fi, m;

	hc_doc_heading(d, 2, "Tables");
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_heading(d, 3, "%s", f->path);
		hc_doc_para(d, "Per operation, net of the harness overhead; n samples of "
			    "'iterations' operations each.");
		for (m = 0; m < r->nr_metrics; m++)
			if (table_results(r, d, f, r->metrics[m]))
				return -1;
		if (table_comparisons(r, d, f) || table_overhead(r, d, f))
			return -1;
	}
	for (fi = 1; fi < r->nr_files; fi++) {
		hc_doc_heading(d, 3, "%s against %s", r->files[fi].path, r->files[0].path);
		for (m = 0; m < r->nr_metrics; m++) {
			hc_doc_heading(d, 4, "%s/op", r->metrics[m]);
			if (hc_cmp_render(d, &r->cmps[fi - 1], r->metrics[m]))
				return -1;
		}
		hc_cmp_notes(d, &r->cmps[fi - 1]);
	}
	return 0;
}

static int section_figures(struct report *r, struct hc_doc *d)
{
	unsigned int i;

	hc_doc_heading(d, 2, "Figures");
	for (i = 0; i < r->nr_figs; i++) {
		if (!i || r->figs[i].file != r->figs[i - 1].file)
			hc_doc_heading(d, 3, "%s", r->files[r->figs[i].file].path);
		if (hc_doc_figure(d, r->figs[i].name, r->figs[i].caption))
			return -1;
	}
	return 0;
}

static void section_commands(struct report *r, struct hc_doc *d)
{
	char text[8192] = "", line[2048];
	unsigned int fi;
	size_t k, off;
	json_t *cmd, *arg;

	hc_doc_heading(d, 2, "Command lines and versions");
	for (fi = 0; fi < r->nr_files; fi++) {
		cmd = json_object_get(r->files[fi].context, "command");
		line[0] = '\0';
		if (json_is_string(cmd))
			snprintf(line, sizeof(line), "%s", json_string_value(cmd));
		json_array_foreach(cmd, k, arg)
			hc_shell_word(line, sizeof(line),
				      json_is_string(arg) ? json_string_value(arg) : "?");
		off = strlen(text);
		snprintf(text + off, sizeof(text) - off, "# %s\n%s\n", r->files[fi].path,
			 line[0] ? line : "(not recorded)");
	}
	off = strlen(text);
	snprintf(text + off, sizeof(text) - off, "# this report\n%s\n# its figures, in the "
		 "report directory\n%s %s\n", r->command, r->plot.gnuplot, HC_PLOT_SCRIPT);
	hc_doc_pre(d, text);
	hc_doc_item(d, "this report: hookcost %s (git %s)", HC_VERSION, HC_GIT_REV);
	hc_doc_item(d, "gnuplot %s, terminals %s and svg", r->plot.version,
		    r->plot.png_terminal);
	for (fi = 0; fi < r->nr_files; fi++) {
		json_t *b = json_object_get(r->files[fi].context, "build");
		char *text_b = b ? json_dumps(b, JSON_COMPACT) : NULL;

		hc_doc_item(d, "%s was measured by: %s", r->files[fi].path,
			    text_b ? text_b : "(not recorded)");
		free(text_b);
	}
}

static int render(struct report *r, struct hc_doc *d)
{
	unsigned int fi;

	hc_doc_begin(d, "hookcost report");
	hc_doc_heading(d, 1, "hookcost report");
	hc_doc_para(d, "What a kernel fast-path hook costs compiled out (off), compiled in but "
		    "unused, enabled for someone else (bystander) and active, measured by "
		    "hookcost %s (git %s). Runs:", HC_VERSION, HC_GIT_REV);
	for (fi = 0; fi < r->nr_files; fi++)
		hc_doc_item(d, "%s%s", r->files[fi].path, r->files[fi].complete ? "" :
			    " (interrupted: only the finished cases)");
	if (section_verdicts(r, d))
		return -1;
	section_method(r, d);
	if (section_environment(r, d) || section_tables(r, d) || section_figures(r, d))
		return -1;
	section_commands(r, d);
	section_all_comparisons(r, d);
	hc_doc_end(d);
	return 0;
}

static int write_doc(struct report *r, const char *name, enum hc_doc_fmt fmt)
{
	char path[PATH_MAX];
	struct hc_doc d = { .fmt = fmt, .fig_dir = r->stage };
	int ret;

	snprintf(path, sizeof(path), "%s/%s", r->stage, name);
	d.f = fopen(path, "w");
	if (!d.f)
		return hc_err("cannot write %s: %s", path, strerror(errno));
	ret = render(r, &d);
	if (fflush(d.f) || fsync(fileno(d.f)))
		ret = hc_err("cannot write %s: %s", path, strerror(errno));
	if (fclose(d.f) && !ret)
		ret = hc_err("cannot write %s: %s", path, strerror(errno));
	return ret;
}

static void report_help(void)
{
	printf("usage: hookcost report [OPTIONS] -o DIR RUN.json [RUN.json ...]\n\n"
	       "Writes DIR/report.html (self-contained: figures embedded) and DIR/report.md with\n"
	       "the figures as PNG and SVG files beside it: verdicts first (per suite a table\n"
	       "of unused vs off, bystander vs unused and active vs unused, case by gate),\n"
	       "then method, environment, tables, figures (per case the distribution of every\n"
	       "variant, the overhead per gate with its CI, parameter sweeps as curves), the\n"
	       "exact command lines and versions, and last every comparison as a sentence\n"
	       "(folded in HTML). With several runs the later ones are also compared with the\n"
	       "first, as 'hookcost compare' does. DIR is created; files in it are replaced\n"
	       "atomically, and those of the previous report (listed in DIR/.hookcost-report)\n"
	       "that this one does not write are removed. A non-empty DIR that no report wrote\n"
	       "is refused unless --force. Needs gnuplot (HOOKCOST_GNUPLOT names another\n"
	       "binary).\n\n"
	       "options:\n"
	       "  -o, --output DIR      where the report goes (required)\n"
	       "  -m, --metric LIST     metrics to show (default: instructions and cycles where\n"
	       "                        present, else every metric)\n"
	       "  -a, --alpha A         significance level (default %g)\n"
	       "      --force           write into a non-empty DIR that no report wrote\n"
	       "                        (only the report's own files are replaced)\n"
	       "  -h, --help            this help\n", HC_ALPHA_DEFAULT);
}

static int build(struct report *r, const char *out_dir)
{
	static const char *const last[] = { "report.md", "report.html", NULL };
	struct hc_analysis_opts ao = HC_ANALYSIS_OPTS_DEFAULT;

	ao.alpha = r->alpha;
	if (hc_analyze_runs(r->files, r->nr_files, r->metrics, r->nr_metrics, &ao, r->cmps))
		return -1;
	if (hc_outdir_open(&r->out, out_dir))
		return -1;
	snprintf(r->stage, sizeof(r->stage), "%s", r->out.stage);
	if (hc_plot_open(&r->plot, r->stage) || make_figures(r) ||
	    write_doc(r, "report.md", HC_DOC_MARKDOWN) || write_doc(r, "report.html", HC_DOC_HTML))
		return -1;
	/* Not published once interrupted: the directory keeps the previous report whole. */
	return hc_outdir_stop ? -1 : hc_outdir_publish(&r->out, last);
}

static int report_option(int opt, char *arg, void *ctx)
{
	struct report *r = ctx;

	switch (opt) {
	case 'o':
		r->out_dir = arg;
		break;
	case 'm':
		r->metric_spec = arg;
		break;
	case 'a':
		return hc_parse_double("--alpha", arg, 1e-9, 0.5, &r->alpha);
	case 'f':
		r->force = true;
		break;
	}
	return 0;
}

static int report_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "metric", required_argument, NULL, 'm' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct report r = { .alpha = HC_ALPHA_DEFAULT, .out.lock_fd = -1 };
	unsigned int i;
	int ret;

	ret = hc_getopt(argc, argv, ":o:m:a:fh", opts, report_option, report_help, &r);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	if (!r.out_dir || !*r.out_dir)
		return hc_usage_err("-o DIR is required (see 'hookcost report --help')");
	if (optind == argc)
		return hc_usage_err("needs at least one result file "
				    "(see 'hookcost report --help')");
	if (hc_outdir_check(r.out_dir, r.force))
		return -1;

	hc_shell_word(r.command, sizeof(r.command), "hookcost");
	for (i = 0; i < (unsigned int)argc; i++)
		hc_shell_word(r.command, sizeof(r.command), argv[i]);
	r.nr_files = argc - optind;
	r.files = calloc(r.nr_files, sizeof(*r.files));
	r.cmps = calloc(r.nr_files, sizeof(*r.cmps));
	if (!r.files || !r.cmps)
		ret = hc_err("out of memory");
	for (i = 0; i < r.nr_files && !ret; i++)
		ret = hc_run_load(argv[optind + i], &r.files[i]);
	if (!ret) {
		ret = hc_runs_metrics(r.metric_spec, r.files, r.nr_files, r.metrics, HC_MAX_COUNTERS);
		r.nr_metrics = ret > 0 ? ret : 0;
		ret = ret < 0 ? -1 : build(&r, r.out_dir);
	}

	hc_plot_close(&r.plot);
	hc_outdir_close(&r.out);
	for (i = 0; r.cmps && i + 1 < r.nr_files; i++)
		hc_cmp_free(&r.cmps[i]);
	for (i = 0; r.files && i < r.nr_files; i++)
		hc_run_free(&r.files[i]);
	free(r.cmps);
	free(r.files);
	free(r.figs);
	if (hc_outdir_stop) {
		fprintf(stderr, "hookcost report: interrupted; %s is unchanged\n", r.out_dir);
		return 128 + hc_outdir_stop;
	}
	if (ret)
		return -1;
	printf("%s/report.html\n%s/report.md\n", r.out_dir, r.out_dir);
	return HC_EXIT_OK;
}

HC_COMMAND(report_cmd) = {
	.name = "report", .summary = "render results as an HTML and a Markdown report with figures",
	.main = report_main, .order = 5,
};
