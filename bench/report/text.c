// SPDX-License-Identifier: GPL-2.0
/*
 * The report as plain ASCII within 72 columns, for a mailing-list reply, laid out as kernel
 * test robot mails are: per pair of configurations the base value with its %stddev, the
 * %change, the new value with its %stddev and the metric's name, then a one-line verdict; the
 * command line and the machine in a footer. Every number is one the analysis stage wrote
 * (medians, CVs, relative changes), rounded; the matrix's exact counts are its medians.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
#include "base/error.h"
#include "report/matrix.h"
#include "report/report.h"
#include "version.h"

#define TEXT_WIDTH 72
#define NAME_WIDTH 24		/* what is left of 72 for the metric's name */

static const struct text_pair {
	enum hc_config other, base;
} text_pairs[] = {
	{ HC_CONFIG_UNUSED, HC_CONFIG_OFF }, { HC_CONFIG_BYSTANDER, HC_CONFIG_UNUSED },
	{ HC_CONFIG_ACTIVE, HC_CONFIG_UNUSED },
};

#define NR_TEXT_PAIRS (sizeof(text_pairs) / sizeof(text_pairs[0]))

void hc_report_wrap(FILE *out, const char *raw, int first, int indent)
{
	char buf[4096], *text = buf;
	int col = first;

	hc_escape_controls(buf, sizeof(buf), raw);
	text += strspn(text, " ");
	fprintf(out, "%*s", first, "");

	while (*text) {
		size_t n = strcspn(text, " ");

		if (col > first && col + 1 + (int)n > TEXT_WIDTH) {
			fprintf(out, "\n%*s", indent, "");
			col = indent;
		} else if (col > first) {
			fputc(' ', out);
			col++;
		}
		/* A word longer than a line is cut rather than let past column 72. */
		if (col + (int)n > TEXT_WIDTH)
			n = TEXT_WIDTH - col;
		fprintf(out, "%.*s", (int)n, text);
		col += n;
		text += n;
		text += strspn(text, " ");
	}
	fputc('\n', out);
}

static void wrap(FILE *out, const char *raw, int indent)
{
	hc_report_wrap(out, raw, 0, indent);
}

/*
 * Under a row, its verdict with the numbers the rule reads: "overhead 2.00 [2.00, 2.00] at
 * 99.38 %, margin 0.500", so that every verdict counted below can be checked where it is.
 */
static void brief_line(FILE *out, const struct hc_comparison *c)
{
	char text[HC_VERDICT_TEXT_LEN];

	hc_comparison_brief(c, text, sizeof(text));
	hc_report_wrap(out, text, 6, 10);
}

static void header(FILE *out, const char *base, const char *other)
{
	/* A longer label pushes its neighbour right rather than losing its end. */
	fprintf(out, "\n%17.26s  %27.26s\n", base, other);
	fprintf(out, "----------------- -----------------------------\n");
	fprintf(out, "%17s  %8s  %17s\n", "%stddev", "%change", "%stddev");
	fprintf(out, "%14s%13s%19s\n", "\\", "|", "\\");
}

/* "   1234.5 +-  2%": a value and its CV in percent (ASCII for mail), or blank. */
static void value(char *buf, size_t len, double v, double cv)
{
	char num[32], sd[16] = "";

	hc_fmt_fixed(num, sizeof(num), v, hc_value_decimals(v), false, "");
	/* A CV of 1000 % and more is a mean of about nothing: left blank, as none. */
	if (!isnan(cv) && cv < 9.995)
		snprintf(sd, sizeof(sd), "+-%3.0f%%", 100 * cv);
	snprintf(buf, len, "%10s %6s", num, sd);
}

static void row_line(FILE *out, double base, double base_cv, double change, double other,
		double other_cv, const char *name)
{
	char a[40], b[40], pct[16], line[160];
	size_t end;

	value(a, sizeof(a), base, base_cv);
	value(b, sizeof(b), other, other_cv);
	/* Against a base of about nothing a percentage says nothing (and would not fit). */
	if (isnan(change) || fabs(change) >= 10000)
		snprintf(pct, sizeof(pct), "n/a");
	else
		snprintf(pct, sizeof(pct), "%+.1f%%", change);
	snprintf(line, sizeof(line), "%s  %8s  %s  %.*s", a, pct, b, NAME_WIDTH, name);
	/* A row without a name or a CV would end in blanks, which mail clients mangle. */
	for (end = strlen(line); end && line[end - 1] == ' '; end--)
		;
	fprintf(out, "%.*s\n", (int)end, line);
}

/*
 * "verdict: WHAT (HOW): overhead in 3, ...": what the analysis stage called the rows of one
 * table, and how: the family whose level their intervals are at, or the matrix's rule.
 */
static void verdict_line(FILE *out, const char *what, const char *how,
			 const struct hc_verdict_counts *t)
{
	char text[512];

	snprintf(text, sizeof(text), "verdict: %s%s%s%s: overhead in %u, saving in %u, "
		 "equivalent in %u, inconclusive in %u of %u", what, *how ? " (" : "", how,
		 *how ? ")" : "", t->n[HC_VERDICT_OVERHEAD], t->n[HC_VERDICT_SAVING],
		 t->n[HC_VERDICT_EQUIVALENT], t->n[HC_VERDICT_INCONCLUSIVE], t->total);
	wrap(out, text, 4);
}

/* "primary family of 8 at alpha 0.05": where the levels of c's block come from. */
static const char *family_of(const struct hc_comparison *c, char *buf, size_t len)
{
	buf[0] = '\0';
	if (c && c->family_name)
		snprintf(buf, len, "%s family of %u at alpha %g", c->family_name, c->family,
			 c->family_alpha);
	return buf;
}

static void pair_verdict_line(FILE *out, const char *other, const char *base, const char *how,
			      const struct hc_verdict_counts *t)
{
	char what[64];

	snprintf(what, sizeof(what), "%s vs %s", other, base);
	verdict_line(out, what, how, t);
}

/* One pair of configurations of one run: a block per case, rows per gate and parameters. */
static void file_pair(FILE *out, const struct hc_run *f, const char *metric,
		      const struct text_pair *p)
{
	const char *other = hc_config_names[p->other], *base = hc_config_names[p->base];
	const struct hc_comparison *first = NULL;
	char name[200], last[200] = "", family[96];
	int m = -1;
	unsigned int k;

	for (k = 0; k < f->nr_cmps; k++) {
		const struct hc_comparison *c = &f->cmps[k];
		const struct hc_summary *bm = hc_report_summary(f, c->base, metric);
		const struct hc_summary *om = hc_report_summary(f, c->other, metric);

		if (strcmp(c->metric, metric) || c->other->id.config != p->other ||
		    c->base->id.config != p->base || !bm || !om)
			continue;
		if (m < 0)
			header(out, base, other);
		m = hc_result_metric(f, c->base, metric);
		/* A block per case and parameters, a row per gate in it. */
		hc_report_case_label(c->base, name, sizeof(name));
		if (strcmp(last, name)) {
			snprintf(last, sizeof(last), "%s", name);
			fprintf(out, "%.*s:\n", TEXT_WIDTH - 1, last);
		}
		snprintf(name, sizeof(name), "%s", strcmp(hc_report_gate(c), "none") ?
			 hc_report_gate(c) : "");
		row_line(out, bm->median, bm->cv, 100 * c->rel_change, om->median, om->cv, name);
		brief_line(out, c);
		if (!first)
			first = c;
	}
	if (m >= 0)
		pair_verdict_line(out, other, base, family_of(first, family, sizeof(family)),
				  &f->pair_verdicts[m][p->base][p->other]);
}

static void footer_file(FILE *out, const struct hc_run *f)
{
	json_t *ctx = f->context;
	json_t *kernel = json_object_get(ctx, "kernel"), *cpu = json_object_get(ctx, "cpu");
	char line[1024], text[1400];

	hc_report_command(ctx, line, sizeof(line));
	snprintf(text, sizeof(text), "%s: %s", hc_report_file_name(f), line);
	wrap(out, text, 4);
	snprintf(text, sizeof(text), "  kernel %s %s, CPU %s, %lld PUs%s; %s",
		 hc_jstr(kernel, "release"), hc_jstr(kernel, "machine"), hc_jstr(cpu, "model"),
		 json_integer_value(json_object_get(cpu, "online_pus")),
		 json_is_true(json_object_get(ctx, "vm")) ? ", a VM" : "",
		 hc_instrument_name(hc_report_instrument(f)));
	wrap(out, text, 4);
}

/* One delta of a matrix: a row per case and parameters, the exact counts as they are. */
static void matrix_delta(FILE *out, const struct hc_matrix *m, const struct hc_matrix_delta *d)
{
	const char *other = m->cols[d->a].label, *base = m->cols[d->b].label;
	struct hc_verdict_counts t = { { 0 } };
	char name[200];
	unsigned int i;

	header(out, base, other);
	for (i = 0; i < m->nr_rows; i++) {
		const double *v = m->rows[i].median;

		if (isnan(v[d->a]) || isnan(v[d->b]))
			continue;
		/* Like the runs' blocks: a case with parameters heads its rows. */
		name[0] = '\0';
		if (!m->rows[i].params.nr)
			snprintf(name, sizeof(name), "%s", m->rows[i].name);
		else if (!i || strcmp(m->rows[i - 1].name, m->rows[i].name))
			fprintf(out, "%.*s:\n", TEXT_WIDTH - 1, m->rows[i].name);
		hc_report_params(name, sizeof(name), strlen(name), &m->rows[i].params);
		row_line(out, v[d->b], NAN, 100 * (v[d->a] - v[d->b]) / v[d->b], v[d->a], NAN,
			 name);
		/* A matrix's exact medians are not analysed: their kind is their difference. */
		hc_verdict_count(&t, hc_matrix_kind(v[d->b], v[d->a]));
	}
	pair_verdict_line(out, other, base, "exact counts", &t);
}

static void text_matrix(FILE *out, const struct hc_matrix *m)
{
	char text[512];
	unsigned int i;

	snprintf(text, sizeof(text), "== %s: %s%s%s, instr/op (%s)", hc_matrix_file(m),
		 m->title ? m->title : "", m->title ? ", " : "", hc_instrument_name(HC_INSTR_ICOUNT),
		 m->runs < 2 ? "exact counts, one run" :
		 json_is_true(json_object_get(m->root, "identical")) ?
		 "exact: every sample the same in every run" : "the runs DIFFER");
	fputc('\n', out);
	wrap(out, text, 3);
	for (i = 0; i < m->nr_deltas; i++)
		matrix_delta(out, m, &m->deltas[i]);
}

/* "static unused->active": a compared row's name in ASCII, under its case and parameters. */
static void cmp_row_name(const struct hc_comparison *row, char *buf, size_t len)
{
	size_t off = hc_vid_label(&row->base->id, HC_VID_GATE | HC_VID_CONFIG, &hc_label_spaced,
				  buf, len);

	if (row->base->id.config != row->other->id.config)
		snprintf(buf + off, len - off, "->%s", hc_report_other(row));
}

static void cmp_metric(FILE *out, const struct hc_cmp *c, const char *metric)
{
	const struct hc_cmp_total *tot = hc_cmp_total(c, metric);
	const struct hc_comparison *first = NULL;
	char name[200], last[200] = "", family[96];
	unsigned int i;

	header(out, "base", "new");
	fprintf(out, "%s/op:\n", metric);
	for (i = 0; i < c->nr_rows; i++) {
		const struct hc_comparison *row = &c->rows[i];
		const struct hc_summary *bm = hc_report_summary(c->base, row->base, metric);
		const struct hc_summary *om = hc_report_summary(c->other, row->other, metric);

		if (strcmp(row->metric, metric) || !bm || !om)
			continue;
		hc_report_params(name, sizeof(name),
				 snprintf(name, sizeof(name), "%s", row->base->id.name),
				 &row->base->id.params);
		if (strcmp(last, name)) {
			snprintf(last, sizeof(last), "%s", name);
			fprintf(out, "%.*s:\n", TEXT_WIDTH - 1, last);
		}
		cmp_row_name(row, name, sizeof(name));
		row_line(out, row->base_median, bm->cv, 100 * row->rel_change, row->other_median,
			 om->cv, name);
		brief_line(out, row);
		if (!first)
			first = row;
	}
	snprintf(name, sizeof(name), "%s against %s in %s/op", hc_report_file_name(c->other),
		 hc_report_file_name(c->base), metric);
	verdict_line(out, name, family_of(first, family, sizeof(family)),
		     tot ? &tot->verdicts : &(struct hc_verdict_counts){ { 0 } });
}

/* What the columns and the line under each row say, and the rule that makes the verdict. */
static void legend(FILE *out, const char *lead, bool matrices)
{
	char text[1200];

	snprintf(text, sizeof(text), "%s%%change: the Hodges-Lehmann shift over the base median; "
		 "%%stddev: the coefficient of variation. Under each row: its verdict, the shift "
		 "per op with the interval and level it rests on, and the margin. Overhead (or "
		 "saving): |shift| >= margin and the interval, at 1 - alpha/m for a family of m, "
		 "excludes 0; equivalent: |shift| < margin and the interval, at 1 - 2 alpha/m, "
		 "lies inside +-margin; else inconclusive. A level followed by what it reached "
		 "was not reached.%s", lead, matrices ? " Exact counts (a matrix): a row is an "
		 "overhead or a saving when its medians differ in whole instructions, else "
		 "equivalent." : "");
	wrap(out, text, 4);
}

int hc_report_text_compare(FILE *out, const struct hc_cmp *c, const char *const *metrics,
			   unsigned int nr_metrics)
{
	char other[256], base[256];
	unsigned int m;

	/* File names are anyone's: a terminal escape in one is shown, not sent. */
	hc_escape_controls(other, sizeof(other), hc_report_file_name(c->other));
	hc_escape_controls(base, sizeof(base), hc_report_file_name(c->base));
	fprintf(out, "\n== %.*s against %.*s (base)\n", 32, other, 24, base);
	for (m = 0; m < nr_metrics; m++)
		cmp_metric(out, c, metrics[m]);
	if (c->context_diff[0]) {
		char text[1200];

		snprintf(text, sizeof(text), "The runs' contexts differ: %s.", c->context_diff);
		wrap(out, text, 4);
	}
	fprintf(out, "\n---\n");
	footer_file(out, c->base);
	footer_file(out, c->other);
	legend(out, "", false);
	return ferror(out) ? -1 : 0;
}

int hc_report_text(struct hc_report *r, FILE *out)
{
	char text[512];
	unsigned int fi, p, i;

	fprintf(out, "hookcost report: what a hook costs off, unused, bystander, active\n");
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];
		const char *metric = hc_report_headline_metric(r, f);

		if (!metric || !f->nr_cmps)
			continue;
		snprintf(text, sizeof(text), "== %s: %s, %s/op, median of each variant",
			 hc_report_file_name(f), hc_instrument_name(hc_report_instrument(f)),
			 hc_report_unit(f, metric));
		fputc('\n', out);
		wrap(out, text, 3);
		for (p = 0; p < NR_TEXT_PAIRS; p++)
			file_pair(out, f, metric, &text_pairs[p]);
	}
	for (i = 0; i < r->nr_matrices; i++) {
		text_matrix(out, r->matrices[i]);
		hc_report_where_text(out, r->matrices[i]);
	}
	fprintf(out, "\n---\n");
	for (fi = 0; fi < r->nr_files; fi++)
		footer_file(out, &r->files[fi]);
	for (i = 0; i < r->nr_matrices; i++) {
		const struct hc_matrix *m = r->matrices[i];

		snprintf(text, sizeof(text), "%s: hookcost vm --matrix %s (%s, %s cgroup)",
			 hc_matrix_file(m), m->name, hc_jstr(m->root, "qemu"),
			 hc_jstr(m->root, "cgroup"));
		wrap(out, text, 4);
	}
	snprintf(text, sizeof(text), "hookcost %s (git %s); ", HC_VERSION, HC_GIT_REV);
	legend(out, text, r->nr_matrices > 0);
	return ferror(out) ? -1 : 0;
}
