// SPDX-License-Identifier: GPL-2.0
/*
 * The figures, through gnuplot (scripts/gnuplot): per case and metric, the configurations as
 * bars in fixed colours, a panel per gate and a group per parameter value (bars.gp); per run,
 * unused against off for every case at once (forest.gp). Values and intervals are the
 * analysis stage's: medians with their CI, shifts with theirs.
 */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "report/report.h"

#define FIG_MAX_GATES 5
#define FIG_MAX_GROUPS 32
#define FIG_NR_CFGS 4
#define FIG_LABEL 64

/* The configurations a figure shows, in the ABI's order: off, unused, bystander, active. */
static const char *const *const fig_cfgs = &hc_config_names[HC_CONFIG_OFF];

/* Registers one more figure, named after its run, case, metric and kind. */
static struct hc_report_figure *add_figure(struct hc_report *r, unsigned int file,
					   const char *kind, const char *kase, const char *metric)
{
	struct hc_report_figure *f = realloc(r->figs, (r->nr_figs + 1) * sizeof(*f));
	char *s;

	if (!f) {
		hc_err("out of memory");
		return NULL;
	}
	r->figs = f;
	f = &r->figs[r->nr_figs++];
	f->file = file;
	snprintf(f->name, sizeof(f->name), HC_REPORT_FIG_PREFIX "%u-%s-%s-%s", file + 1, kase,
		 metric, kind);
	/* Case and metric names become file names: keep them to a portable alphabet. */
	for (s = f->name; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr(".-_", *s))
			*s = '_';
	return f;
}

/* 65536 as "64k", 1448 as is: tick labels that stay short. */
static size_t short_number(char *buf, size_t len, double v)
{
	if (v >= 1024 && fmod(v, 1024) == 0)
		return snprintf(buf, len, "%gk", v / 1024);
	return snprintf(buf, len, "%g", v);
}

/* The group of a row: the values of the parameters that vary in its case, "64k/4". */
static void group_label(const struct hc_result *row, char *buf, size_t len, char *xlab,
			size_t xlen)
{
	const struct hc_params *p = &row->id.params;
	size_t off = 0, xoff = 0;
	unsigned int i;

	buf[0] = xlab[0] = '\0';
	for (i = 0; i < p->nr; i++) {
		if (!(row->swept & (1u << i)) || off >= len || xoff >= xlen)
			continue;
		if (off)
			off += snprintf(buf + off, len - off, "/");
		off += short_number(buf + off, len - off, p->p[i].value);
		xoff += snprintf(xlab + xoff, xlen - xoff, "%s%s", xoff ? "/" : "", p->p[i].name);
	}
}

static int index_of(const char *const *names, unsigned int nr, const char *name)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

/* One case's bars: medians [gate][group][configuration] with their CIs. */
struct bars {
	const char *gate[FIG_MAX_GATES];
	char group[FIG_MAX_GROUPS][FIG_LABEL];
	unsigned int nr_gates, nr_groups;
	double v[FIG_MAX_GATES][FIG_MAX_GROUPS][FIG_NR_CFGS][3];
	bool cfg[FIG_NR_CFGS];
	double min, max;
	char xlab[FIG_LABEL];
};

static void bars_add(struct bars *b, const struct hc_run *f, const struct hc_result *row,
		     const struct hc_summary *m)
{
	int c = index_of(fig_cfgs, FIG_NR_CFGS, hc_config_names[row->id.config]);
	int g = index_of(b->gate, b->nr_gates, hc_gate_names[row->id.gate]);
	char label[FIG_LABEL];
	int k;

	group_label(row, label, sizeof(label), b->xlab, sizeof(b->xlab));
	for (k = 0; k < (int)b->nr_groups && strcmp(b->group[k], label); k++)
		;
	if (c < 0 || (g < 0 && b->nr_gates == FIG_MAX_GATES) ||
	    (k == (int)b->nr_groups && k == FIG_MAX_GROUPS))
		return;
	if (g < 0) {
		g = b->nr_gates++;
		b->gate[g] = hc_gate_names[row->id.gate];
	}
	if (k == (int)b->nr_groups)
		snprintf(b->group[b->nr_groups++], FIG_LABEL, "%s", label);
	b->v[g][k][c][0] = m->median;
	b->v[g][k][c][1] = isnan(m->ci_lo) ? m->median : m->ci_lo;
	b->v[g][k][c][2] = isnan(m->ci_hi) ? m->median : m->ci_hi;
	b->cfg[c] = true;
	b->min = fmin(b->min, b->v[g][k][c][1]);
	b->max = fmax(b->max, b->v[g][k][c][2]);
}

static void bars_write(const struct bars *b, FILE *dat)
{
	unsigned int g, k, c;

	for (g = 0; g < b->nr_gates; g++) {
		fprintf(dat, "%s", g ? "\n\n" : "");
		for (k = 0; k < b->nr_groups; k++) {
			fprintf(dat, "\"%s\"", b->group[k]);
			for (c = 0; c < FIG_NR_CFGS; c++)
				fprintf(dat, " %.10g %.10g %.10g", b->v[g][k][c][0], b->v[g][k][c][1],
					b->v[g][k][c][2]);
			fputc('\n', dat);
		}
	}
}

static int figure_bars(struct hc_report *r, unsigned int fi, const struct hc_result *first,
		       const char *metric)
{
	const struct hc_run *f = &r->files[fi];
	struct bars *b = calloc(1, sizeof(*b));
	struct hc_report_figure *fig;
	char gates[128] = "", cfgs[16] = "", vars[256], ylab[80];
	unsigned int i, g, k, c, nr_bars;
	FILE *dat;

	if (!b)
		return hc_err("out of memory");
	b->min = INFINITY;
	b->max = -INFINITY;
	for (g = 0; g < FIG_MAX_GATES; g++)
		for (k = 0; k < FIG_MAX_GROUPS; k++)
			for (c = 0; c < FIG_NR_CFGS; c++)
				b->v[g][k][c][0] = b->v[g][k][c][1] = b->v[g][k][c][2] = NAN;
	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];
		const struct hc_summary *m = hc_report_summary(f, row, metric);

		if (m && hc_vid_same(&row->id, &first->id, HC_VID_CASE))
			bars_add(b, f, row, m);
	}
	if (!b->nr_gates) {
		free(b);
		return 0;
	}
	fig = add_figure(r, fi, "bars", first->id.name, metric);
	dat = fig ? hc_plot_data(&r->plot, fig->name) : NULL;
	if (!dat) {
		free(b);
		return -1;
	}
	bars_write(b, dat);
	fclose(dat);
	for (g = 0; g < b->nr_gates; g++)
		snprintf(gates + strlen(gates), sizeof(gates) - strlen(gates), "%s%s",
			 g ? " " : "", strcmp(b->gate[g], "none") ? b->gate[g] : "-");
	for (c = 0, nr_bars = 0; c < FIG_NR_CFGS; c++)
		if (b->cfg[c]) {
			snprintf(cfgs + strlen(cfgs), sizeof(cfgs) - strlen(cfgs), "%s%u",
				 cfgs[0] ? " " : "", c);
			nr_bars += b->nr_gates * b->nr_groups;
		}
	/* Values that span decades are read on a log axis; it needs them all positive. */
	/* One y range for every panel: small multiples are read against each other. */
	snprintf(vars, sizeof(vars), "gates = '%s'; cfgs = '%s'; logy = %d; ymin = %.6g; "
		 "ymax = %.6g", gates, cfgs, b->min > 0 && b->max / b->min >= 100, b->min, b->max);
	hc_report_unit_label(f, metric, ylab, sizeof(ylab));
	snprintf(fig->caption, sizeof(fig->caption), "%s: median %s per op of each "
		 "configuration, a panel per gate%s%s (error bars: 95%% CI of the median)",
		 first->id.name, hc_report_unit(f, metric), b->xlab[0] ? ", a group per " : "",
		 b->xlab);
	nr_bars = 160 + 22 * nr_bars + 60 * b->nr_gates;
	hc_plot_add(&r->plot, fig->name, "bars", nr_bars < 560 ? 560 : nr_bars > 1400 ? 1400 :
		    nr_bars, 400, first->id.name, b->xlab, ylab, vars);
	free(b);
	return 0;
}

/*
 * One row of the forest: unused - off in % of off, with its CI and margin. A case's rows in
 * its gates follow each other: only the first is labelled, the colour tells the gates apart.
 */
static bool forest_row(const struct hc_run *f, const struct hc_comparison *c,
		       const char *metric, const char *const *gates, unsigned int nr_gates,
		       char *last, FILE *dat)
{
	const struct hc_summary *m = hc_report_summary(f, c->base, metric);
	int g = index_of(gates, nr_gates, hc_report_gate(c));
	char label[200];
	struct hc_ci ci;
	double scale, level;

	if (!m || g < 0 || strcmp(c->metric, metric) || strcmp(hc_report_other(c), "unused") ||
	    strcmp(hc_report_base(c), "off"))
		return false;
	/*
	 * Exact counts are shown as they are: "+1 instruction" is the answer. Time varies with
	 * the case by decades and is shown relative to off, where off has a cost to relate to:
	 * a positive one (a percentage of a negative cost flips its sign).
	 */
	if (hc_report_instrument(f) == HC_INSTR_ICOUNT)
		scale = 1;
	else if (m->median >= 1)
		scale = 100 / m->median;
	else
		return false;
	/* The interval the verdict rests on. */
	hc_comparison_ci(c, &ci, &level);
	hc_report_case_label(c->base, label, sizeof(label));
	hc_plot_label(label);
	fprintf(dat, "\"%s\" %d %.6g %.6g %.6g %.6g\n", strcmp(label, last) ? label : "", g,
		c->estimate * scale, ci.lo * scale, ci.hi * scale, c->margin * scale);
	snprintf(last, 200, "%s", label);
	return true;
}

static int figure_forest(struct hc_report *r, unsigned int fi)
{
	/* The gates in the ABI's order, none last. */
	const char *const gates[FIG_MAX_GATES] = {
		hc_gate_names[HC_GATE_STATIC], hc_gate_names[HC_GATE_BRANCH],
		hc_gate_names[HC_GATE_INDIRECT], hc_gate_names[HC_GATE_FIELD],
		hc_gate_names[HC_GATE_NONE],
	};
	const struct hc_run *f = &r->files[fi];
	const char *metric = hc_report_headline_metric(r, f);
	struct hc_report_figure *fig;
	char vars[160], xlab[160], unit[64], last[200] = "";
	unsigned int nr = 0, nr_margins = 0, g, k;
	bool present[FIG_MAX_GATES] = { false };
	char shown[16] = "";
	FILE *dat;

	for (k = 0; k < f->nr_cmps; k++)
		nr += metric && !strcmp(f->cmps[k].metric, metric) &&
		      !strcmp(hc_report_other(&f->cmps[k]), "unused") &&
		      !strcmp(hc_report_base(&f->cmps[k]), "off");
	if (!nr)
		return 0;
	fig = add_figure(r, fi, "unused-vs-off", "all", metric);
	dat = fig ? hc_plot_data(&r->plot, fig->name) : NULL;
	if (!dat)
		return -1;
	nr = 0;
	for (k = 0; k < f->nr_cmps; k++)
		if (forest_row(f, &f->cmps[k], metric, gates, FIG_MAX_GATES, last, dat)) {
			nr++;
			nr_margins += !isnan(f->cmps[k].margin);
			present[index_of(gates, FIG_MAX_GATES, hc_report_gate(&f->cmps[k]))] = true;
		}
	fclose(dat);
	for (g = 0; g < FIG_MAX_GATES; g++)
		if (present[g])
			snprintf(shown + strlen(shown), sizeof(shown) - strlen(shown), "%s%u",
				 shown[0] ? " " : "", g);
	snprintf(vars, sizeof(vars), "gates = 'static branch indirect field no-gate'; "
		 "shown = '%s'; nrows = %u; hasmargin = %d", shown, nr, nr_margins > 0);
	hc_report_unit_label(f, metric, unit, sizeof(unit));
	if (hc_report_instrument(f) == HC_INSTR_ICOUNT)
		snprintf(xlab, sizeof(xlab), "unused - off, %s", unit);
	else
		snprintf(xlab, sizeof(xlab), "unused - off, %% of off (%s)", unit);
	snprintf(fig->caption, sizeof(fig->caption), "Is it free when unused? unused against "
		 "off for every case of %s, %s: the Hodges-Lehmann shift with its 95%% CI, colour "
		 "by gate; grey: the equivalence margin where one was set", hc_report_file_name(f),
		 hc_report_instrument(f) == HC_INSTR_ICOUNT ? "in instructions" :
		 "in % of off (cases where off costs under one unit left out)");
	hc_plot_add(&r->plot, fig->name, "forest", 900, 130 + 15 * nr, "unused vs off", xlab, "",
		    vars);
	return 0;
}

int hc_report_figures(struct hc_report *r)
{
	unsigned int fi, i, j, m;

	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		if (figure_forest(r, fi))
			return -1;
		for (i = 0; i < f->nr_results; i++) {
			const struct hc_result *first = &f->results[i];
			bool seen = first->skip_reason;

			for (j = 0; j < i && !seen; j++)
				seen = !f->results[j].skip_reason &&
				       hc_vid_same(&f->results[j].id, &first->id, HC_VID_CASE);
			for (m = 0; m < r->nr_metrics && !seen; m++)
				if (hc_report_summary(f, first, r->metrics[m]) &&
				    figure_bars(r, fi, first, r->metrics[m]))
					return -1;
		}
	}
	return hc_plot_run(&r->plot);
}
