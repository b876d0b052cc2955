// SPDX-License-Identifier: GPL-2.0
/*
 * The headline: one table per mechanism, every run that measured it in one table, each row
 * labelled with its instrument. Is the hook free when unused (the analysis stage's verdict),
 * what does a bystander pay, what does an active user pay.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
#include "report/matrix.h"
#include "report/report.h"

#define MAX_OTHER_MECHS 16
#define MECH_MAX_DESIGNS 2

/*
 * One of the designs a matrix sets side by side (slab: opt-in, opt-out), as its columns: the
 * headline's unused vs off is unused - off, bystander and active pay over kmem (unused once
 * the one-way kernel-memory key is on).
 */
struct design {
	const char *tag;
	const char *off, *unused, *kmem, *bystander, *active;
};

/* A headline table: the cases whose declaration names mechanism id (hc_case.mechanism). */
struct mechanism {
	const char *title;
	const char *about;
	const char *id;
	const char *gate;			/* its gate; "none" rows always qualify */
	const char *matrix;			/* the hookcost vm matrix of its rows, or NULL */
	const char *matrix_note;		/* what that matrix's columns are */
	/* Rows per design of the matrix alone (no run has them), else by the matrix's deltas */
	struct design designs[MECH_MAX_DESIGNS];
};

static const struct mechanism mechanisms[] = {
	{ "Seed: TCP memory accounting", "the per-cgroup TCP buffer accounting model (charge, "
	  "schedule, reclaim) behind a static key", HC_MECH_TCP, "static" },
	{ "Slab accounting, opt-in", "the slab accounting model where caches register for "
	  "accounting, behind a static key", HC_MECH_SLAB_OPTIN, "static" },
	{ "Slab accounting, opt-out", "the slab accounting model where every cache is accounted "
	  "unless exempt, behind a static key", HC_MECH_SLAB_OPTOUT, "static" },
	{ "Slab accounting: opt-in vs opt-out, real kernel", "Linux 6.1's slab accounting, "
	  "opt-in (only SLAB_ACCOUNT caches and __GFP_ACCOUNT callers are charged), against "
	  "data/slab-optout.patch, opt-out (every slab allocation of a task in a memory cgroup is "
	  "charged unless the cache or the caller opts out), on the system suite's calls in qemu",
	  HC_MECH_MEMCG, "static", "slab", "Both designs sit behind memcg_kmem_enabled_key, which "
	  "the first memory cgroup turns on for good",
	  { { "opt-in", "off", "optin", "optin_kmem", "optin_by", "optin_act" },
	    { "opt-out", "off", "optout", "optout_kmem", "optout_by", "optout_act" } } },
	{ "Real memcg: TCP and slab paths", "the running kernel's memory cgroup paths: system "
	  "calls on the host, the memcg matrix (CONFIG_MEMCG=n against =y) and accounted slab "
	  "allocations in qemu", HC_MECH_MEMCG, "static", "memcg", "unused vs off is a CONFIG_MEMCG=y kernel where no memory cgroup "
	  "ever existed against a CONFIG_MEMCG=n one; bystander and active are against unused "
	  "once the one-way kernel-memory key is on, as after any memory cgroup existed" },
};

#define NR_MECHANISMS (sizeof(mechanisms) / sizeof(mechanisms[0]))

/* The headline's pairs: other against base, or the fallback base when the run lacks it. */
static const struct pair {
	const char *other;
	const char *base[2];
} pairs[] = {
	{ "unused", { "off", NULL } },
	{ "bystander", { "unused", "off" } },
	{ "active", { "unused", "off" } },
};

#define NR_PAIRS (sizeof(pairs) / sizeof(pairs[0]))

/*
 * The mechanism the case called kase declares; a case this harness does not have (an older or
 * newer one's) takes that of the first case of its family, the same name up to its last dot
 * ("tcp.charge": tcp.*). NULL: none.
 */
static const char *case_mechanism(const char *kase)
{
	const struct hc_case *c = hc_case_find(kase);
	const char *dot = strrchr(kase, '.');
	unsigned int i;

	if (c || !dot)
		return c ? c->mechanism : NULL;
	for (i = 0; i < hc_case_count(); i++) {
		c = hc_case_get(i);
		if (!strncmp(c->name, kase, dot + 1 - kase) && c->mechanism)
			return c->mechanism;
	}
	return NULL;
}

static bool mech_case(const struct mechanism *m, const char *kase)
{
	const char *id = case_mechanism(kase);

	return id && !strcmp(id, m->id);
}

/* Same suite, case, gate, parameters and metric: one row of a headline table. */
static bool same_variant(const struct hc_comparison *a, const struct hc_comparison *b)
{
	return hc_vid_same(&a->base->id, &b->base->id,
			   HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS) &&
	       !strcmp(a->metric, b->metric);
}

/* The comparison of pair p for the variant of c, falling back to the second base. */
static const struct hc_comparison *pair_of(const struct hc_run *f,
					   const struct hc_comparison *c, unsigned int p)
{
	unsigned int b, k;

	for (b = 0; b < 2 && pairs[p].base[b]; b++)
		for (k = 0; k < f->nr_cmps; k++)
			if (same_variant(&f->cmps[k], c) &&
			    !strcmp(hc_report_other(&f->cmps[k]), pairs[p].other) &&
			    !strcmp(hc_report_base(&f->cmps[k]), pairs[p].base[b]))
				return &f->cmps[k];
	return NULL;
}

static bool first_of_variant(const struct hc_run *f, unsigned int k)
{
	unsigned int j;

	for (j = 0; j < k; j++)
		if (same_variant(&f->cmps[j], &f->cmps[k]))
			return false;
	return true;
}

/* "bystander vs unused: +3438 [3344, 3543]"; the base is named where it is not unused. */
static void pair_cell(struct hc_table *t, const struct hc_comparison *c, unsigned int p)
{
	char cell[128];

	hc_report_cell(c, cell, sizeof(cell));
	if (c && p && strcmp(hc_report_base(c), "unused"))
		hc_table_cell(t, "%s (vs %s)", cell, hc_report_base(c));
	else
		hc_table_cell(t, "%s", cell);
}

static unsigned int file_rows(const struct hc_report *r, const struct mechanism *m,
			      const struct hc_run *f, struct hc_table *t)
{
	const char *metric = hc_report_headline_metric(r, f);
	const struct hc_comparison *cmp[NR_PAIRS];
	char label[200], unit[64];
	unsigned int p, k, nr = 0;

	for (k = 0; k < f->nr_cmps; k++) {
		const struct hc_comparison *c = &f->cmps[k];
		const char *gate = hc_report_gate(c);

		if (!metric || strcmp(c->metric, metric) || !mech_case(m, c->base->id.name) ||
		    (strcmp(gate, "none") && strcmp(gate, m->gate)) || !first_of_variant(f, k))
			continue;
		for (p = 0; p < NR_PAIRS; p++)
			cmp[p] = pair_of(f, c, p);
		hc_report_case_label(c->base, label, sizeof(label));
		hc_report_unit_label(f, metric, unit, sizeof(unit));
		hc_table_row(t, cmp[0] && hc_verdict_flagged(cmp[0]->verdict));
		hc_table_cell(t, "%s", label);
		hc_table_cell(t, "%s", unit);
		hc_table_cell(t, "%s", cmp[0] ? hc_verdict_kind_name(cmp[0]->verdict) : "-");
		for (p = 0; p < NR_PAIRS; p++)
			pair_cell(t, cmp[p], p);
		nr++;
	}
	return nr;
}

/* "+146": an exact count's difference in whole instructions, "-" where one is missing. */
static void matrix_cell(struct hc_table *t, double base, double other)
{
	if (isnan(base) || isnan(other))
		hc_table_cell(t, "-");
	else
		hc_table_cell(t, "%+.0f", rint(other) - rint(base));
}

/* The delta of mx that a headline column shows: the one from the column named other. */
static const struct hc_matrix_delta *matrix_pair(const struct hc_matrix *mx, const char *other)
{
	int a = hc_matrix_col(mx, other);
	unsigned int i;

	for (i = 0; a >= 0 && i < mx->nr_deltas; i++)
		if (mx->deltas[i].a == (unsigned int)a)
			return &mx->deltas[i];
	return NULL;
}

/*
 * The matrix counts instructions exactly and its runs agree sample by sample, so a difference
 * of medians is the cost itself (hc_matrix_kind). Pair p's cell is other[p] - base[p]; the
 * row is tagged with its design where the matrix has two.
 */
static void matrix_cells(struct hc_table *t, const struct hc_matrix *mx,
			 const struct hc_matrix_row *row, const char *tag,
			 const double base[NR_PAIRS], const double other[NR_PAIRS])
{
	bool known = !isnan(base[0]) && !isnan(other[0]);
	enum hc_verdict_kind kind = known ? hc_matrix_kind(base[0], other[0]) :
					    HC_VERDICT_EQUIVALENT;
	char label[200];
	unsigned int p;

	hc_report_params(label, sizeof(label),
			 snprintf(label, sizeof(label), "%s", row->name), &row->params);
	hc_table_row(t, known && hc_verdict_flagged(kind));
	hc_table_cell(t, "%s (%s%s%s matrix)", label, tag ? tag : "", tag ? ", " : "", mx->name);
	hc_table_cell(t, "instructions/op (qemu icount)");
	hc_table_cell(t, "%s%s", known ? hc_verdict_kind_name(kind) : "-",
		      row->identical ? " (exact)" : " (runs differ!)");
	for (p = 0; p < NR_PAIRS; p++)
		matrix_cell(t, base[p], other[p]);
}

/*
 * Each headline column is the matrix's own delta from that configuration (memcg: bystander
 * and active against unused once the one-way kernel-memory key is on).
 */
static void matrix_row(struct hc_table *t, const struct hc_matrix *mx,
		       const struct hc_matrix_row *row)
{
	const struct hc_matrix_delta *d;
	double base[NR_PAIRS], other[NR_PAIRS];
	unsigned int p;

	for (p = 0; p < NR_PAIRS; p++) {
		d = matrix_pair(mx, pairs[p].other);
		base[p] = d ? row->median[d->b] : NAN;
		other[p] = d ? row->median[d->a] : NAN;
	}
	matrix_cells(t, mx, row, NULL, base, other);
}

/* The median of the column named col, NAN where the matrix has no such column. */
static double median_of(const struct hc_matrix *mx, const struct hc_matrix_row *row,
			const char *col)
{
	int c = hc_matrix_col(mx, col);

	return c < 0 ? NAN : row->median[c];
}

static void design_row(struct hc_table *t, const struct hc_matrix *mx,
		       const struct hc_matrix_row *row, const struct design *g)
{
	const double base[NR_PAIRS] = { median_of(mx, row, g->off), median_of(mx, row, g->kmem),
					median_of(mx, row, g->kmem) };
	const double other[NR_PAIRS] = { median_of(mx, row, g->unused),
					 median_of(mx, row, g->bystander),
					 median_of(mx, row, g->active) };

	matrix_cells(t, mx, row, g->tag, base, other);
}

/* The rows of mx in mechanism m's table (every row where m is NULL). */
static unsigned int matrix_rows(const struct hc_matrix *mx, const struct mechanism *m,
				struct hc_table *t)
{
	unsigned int i, g, nr = 0;

	for (i = 0; i < mx->nr_rows; i++) {
		if (m && !mech_case(m, mx->rows[i].name))
			continue;
		if (!m || !m->designs[0].tag)
			matrix_row(t, mx, &mx->rows[i]);
		for (g = 0; m && g < MECH_MAX_DESIGNS && m->designs[g].tag; g++)
			design_row(t, mx, &mx->rows[i], &m->designs[g]);
		nr++;
	}
	return nr;
}

/* "unused vs off is unused - off; ...": which of the matrix's columns each cell sets apart. */
static void matrix_para(struct hc_doc *d, const struct hc_matrix *mx, const char *note)
{
	static const char *const heads[NR_PAIRS] = { "unused vs off", "bystander pays",
						      "active pays" };
	const struct hc_matrix_delta *dl;
	char text[600];
	size_t off = 0;
	unsigned int p;

	for (p = 0; p < NR_PAIRS && off < sizeof(text); p++) {
		dl = matrix_pair(mx, pairs[p].other);
		if (dl)
			off += snprintf(text + off, sizeof(text) - off, "%s%s is %s - %s",
					off ? "; " : "", heads[p], mx->cols[dl->a].label,
					mx->cols[dl->b].label);
	}
	hc_doc_para(d, "Rows of the %s matrix (%s), in whole instructions per op: %s%s%s.",
		    mx->name, hc_matrix_file(mx), off ? text : "no column of the headline",
		    note ? ". " : "", note ? note : "");
}

/* The label of the matrix's column named col (the name where it has none such). */
static const char *col_label(const struct hc_matrix *mx, const char *col)
{
	int c = hc_matrix_col(mx, col);

	return c < 0 ? col : mx->cols[c].label;
}

/* "opt-in: unused vs off is opt-in unused - off, ...": the columns of each design's cells. */
static void design_para(struct hc_doc *d, const struct hc_matrix *mx, const struct mechanism *m)
{
	char text[1000];
	size_t off = 0;
	unsigned int g;

	text[0] = '\0';
	for (g = 0; g < MECH_MAX_DESIGNS && m->designs[g].tag && off < sizeof(text); g++) {
		const struct design *x = &m->designs[g];

		off += snprintf(text + off, sizeof(text) - off, "%s%s rows: unused vs off is %s - %s, "
				"bystander pays %s - %s, active pays %s - %s", off ? "; " : "",
				x->tag, col_label(mx, x->unused), col_label(mx, x->off),
				col_label(mx, x->bystander), col_label(mx, x->kmem),
				col_label(mx, x->active), col_label(mx, x->kmem));
	}
	hc_doc_para(d, "Rows of the %s matrix (%s), in whole instructions per op: %s. %s.",
		    mx->name, hc_matrix_file(mx), text, m->matrix_note);
}

static bool matrix_of(const struct mechanism *m, const struct hc_matrix *mx)
{
	return m->matrix && !strcmp(m->matrix, mx->name);
}

static struct hc_table *headline_table(void)
{
	return hc_table_new("lllrrr", "case", "unit (instrument)", "free when unused?",
			    "unused vs off", "bystander pays", "active pays", NULL);
}

static int mechanism_table(struct hc_report *r, struct hc_doc *d, const struct mechanism *m)
{
	struct hc_table *t = headline_table();
	unsigned int fi, i, nr = 0, nr_matrix = 0;
	int ret;

	/* A mechanism of designs is the matrix's alone: no run has its kernels. */
	for (fi = 0; fi < r->nr_files && !m->designs[0].tag; fi++)
		nr += file_rows(r, m, &r->files[fi], t);
	for (i = 0; i < r->nr_matrices; i++)
		if (matrix_of(m, r->matrices[i]))
			nr_matrix += matrix_rows(r->matrices[i], m, t);
	hc_doc_heading(d, 3, "%s", m->title);
	if (!nr && !nr_matrix) {
		hc_table_free(t);
		hc_doc_para(d, "Not measured by these runs (%s).", m->about);
		return 0;
	}
	hc_doc_para(d, "What is measured: %s.", m->about);
	ret = hc_doc_table(d, t);
	for (i = 0; nr_matrix && i < r->nr_matrices; i++) {
		if (!matrix_of(m, r->matrices[i]))
			continue;
		if (m->designs[0].tag)
			design_para(d, r->matrices[i], m);
		else
			matrix_para(d, r->matrices[i], m->matrix_note);
	}
	return ret;
}

/* A matrix of no mechanism above (rps, a user's own change): a table of its own. */
static int matrix_table(struct hc_doc *d, const struct hc_matrix *mx)
{
	struct hc_table *t;
	unsigned int i;

	for (i = 0; i < NR_MECHANISMS; i++)
		if (matrix_of(&mechanisms[i], mx))
			return 0;
	t = headline_table();
	matrix_rows(mx, NULL, t);
	hc_doc_heading(d, 3, "The %s matrix of hookcost vm", mx->name);
	if (mx->title)
		hc_doc_para(d, "What is measured: %s.", mx->title);
	if (hc_doc_table(d, t))
		return -1;
	matrix_para(d, mx, NULL);
	return 0;
}

/*
 * Per gate and run: how often unused vs off is an overhead (the analysis stage's counts), and
 * the range of the shifts.
 */
static void gate_row(struct hc_table *t, const struct hc_report *r, const struct hc_run *f,
		     enum hc_gate gate)
{
	const char *metric = hc_report_headline_metric(r, f);
	const struct hc_verdict_counts *n;
	double lo = INFINITY, hi = -INFINITY;
	char a[32], b[32], unit[64];
	unsigned int k;
	int m = -1;

	for (k = 0; k < f->nr_cmps; k++) {
		const struct hc_comparison *c = &f->cmps[k];

		if (!metric || strcmp(c->metric, metric) || c->base->id.gate != gate ||
		    c->base->id.config != HC_CONFIG_OFF || c->other->id.config != HC_CONFIG_UNUSED)
			continue;
		m = hc_result_metric(f, c->base, metric);
		lo = fmin(lo, c->estimate);
		hi = fmax(hi, c->estimate);
	}
	if (m < 0)
		return;
	n = &f->gate_verdicts[m][gate];
	hc_fmt_fixed(a, sizeof(a), lo, hc_value_decimals(lo), true, "");
	hc_fmt_fixed(b, sizeof(b), hi, hc_value_decimals(hi), true, "");
	hc_table_row(t, false);
	hc_table_cell(t, "%s", hc_gate_names[gate]);
	hc_report_unit_label(f, metric, unit, sizeof(unit));
	hc_table_cell(t, "%s: %s", hc_report_file_name(f), unit);
	hc_table_cell(t, "%u of %u", n->n[HC_VERDICT_OVERHEAD], n->total);
	hc_table_cell(t, "%s to %s", a, b);
}

static int gates_table(struct hc_report *r, struct hc_doc *d)
{
	struct hc_table *t = hc_table_new("llrr", "gate", "run, instrument", "unused costs more",
					  "unused vs off, shifts", NULL);
	unsigned int fi, g;

	for (fi = 0; fi < r->nr_files; fi++)
		for (g = HC_GATE_NONE + 1; g < HC_GATE__NR; g++)
			gate_row(t, r, &r->files[fi], g);
	hc_doc_heading(d, 3, "User-space static key against the other gates");
	if (!hc_table_rows(t)) {
		hc_table_free(t);
		hc_doc_para(d, "Not measured by these runs (the user and kernel suites).");
		return 0;
	}
	hc_doc_para(d, "The same models behind each gate: static (a static key: code patching, "
		    "user space in the user suite, the kernel's in the kernel suite), branch (a "
		    "global flag), indirect (a function pointer), field (a per-object flag). "
		    "In how many cases unused is an overhead over off, and the range of the "
		    "shifts:");
	return hc_doc_table(d, t);
}

/* One line per suite and reason, with the count: a missing kernel skips hundreds alike. */
static bool same_skip(const struct hc_result *a, const struct hc_result *b)
{
	return a->skip_reason && b->skip_reason && !strcmp(a->id.suite, b->id.suite) &&
	       !strcmp(a->skip_reason, b->skip_reason);
}

/*
 * Which other input of the report measured what f skipped in suite: another run of it, or
 * a matrix for the system suite (memcg's off is its MEMCG=n kernel); or NULL.
 */
static const char *measured_by(const struct hc_report *r, const struct hc_run *f,
			       const char *suite)
{
	unsigned int fi, i;

	for (fi = 0; fi < r->nr_files; fi++)
		for (i = 0; i < r->files[fi].nr_results && &r->files[fi] != f; i++)
			if (!r->files[fi].results[i].skip_reason &&
			    !strcmp(r->files[fi].results[i].id.suite, suite))
				return hc_report_file_name(&r->files[fi]);
	return r->nr_matrices && !strcmp(suite, "system") ? hc_matrix_file(r->matrices[0]) : NULL;
}

static void skipped_summary(const struct hc_report *r, struct hc_doc *d,
			    const struct hc_run *f)
{
	const char *other;
	unsigned int i, j, nr;
	bool seen;

	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];

		if (!row->skip_reason)
			continue;
		for (j = 0, seen = false; j < i && !seen; j++)
			seen = same_skip(&f->results[j], row);
		if (seen)
			continue;
		for (j = i, nr = 0; j < f->nr_results; j++)
			nr += same_skip(&f->results[j], row);
		other = measured_by(r, f, row->id.suite);
		hc_doc_item(d, "%s, %s suite: %u variant%s skipped: %s%s%s", hc_report_file_name(f),
			    row->id.suite, nr, nr == 1 ? "" : "s", row->skip_reason,
			    other ? "; measured in " : "", other ? other : "");
	}
}

static void instruments(const struct hc_report *r, struct hc_doc *d)
{
	unsigned int fi;

	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_item(d, "%s: %s%s", hc_report_file_name(f),
			    hc_instrument_name(hc_report_instrument(f)),
			    f->complete ? "" : " (interrupted: only the finished cases)");
	}
	for (fi = 0; fi < r->nr_matrices; fi++) {
		const struct hc_matrix *mx = r->matrices[fi];

		hc_doc_item(d, "%s: %s, %u sample%s per variant, every boot done %u time%s",
			    hc_matrix_file(mx), hc_instrument_name(HC_INSTR_ICOUNT), mx->samples,
			    mx->samples == 1 ? "" : "s", mx->runs, mx->runs == 1 ? "" : "s");
	}
	for (fi = 0; fi < r->nr_files; fi++)
		skipped_summary(r, d, &r->files[fi]);
}

static bool known_mechanism(const char *id, const char *const *others, unsigned int nr)
{
	unsigned int i;

	for (i = 0; i < NR_MECHANISMS; i++)
		if (!strcmp(mechanisms[i].id, id))
			return true;
	for (i = 0; i < nr; i++)
		if (!strcmp(others[i], id))
			return true;
	return false;
}

/*
 * A table for every other mechanism the runs' cases declare (a case of one's own): titled by
 * its name, in the order the runs first show it.
 */
static int other_mechanisms(struct hc_report *r, struct hc_doc *d)
{
	const char *ids[MAX_OTHER_MECHS], *id;
	unsigned int fi, k, i, nr = 0;

	for (fi = 0; fi < r->nr_files; fi++)
		for (k = 0; k < r->files[fi].nr_cmps && nr < MAX_OTHER_MECHS; k++) {
			id = case_mechanism(r->files[fi].cmps[k].base->id.name);
			if (id && !known_mechanism(id, ids, nr))
				ids[nr++] = id;
		}
	for (i = 0; i < nr; i++) {
		const struct mechanism m = {
			.title = ids[i], .id = ids[i], .gate = "static",
			.about = "the cases that declare this mechanism, behind a static key",
		};

		if (mechanism_table(r, d, &m))
			return -1;
	}
	return 0;
}

int hc_report_headline(struct hc_report *r, struct hc_doc *d)
{
	unsigned int i;

	hc_doc_heading(d, 2, "Headline");
	hc_doc_para(d, "Per mechanism: is the hook free when unused (the analysis stage's verdict "
		    "of unused against off: overhead, saving, equivalent within the margin, or "
		    "inconclusive), and what a bystander and an active user pay over unused. "
		    "Cells: the Hodges-Lehmann shift per op with its CI for an overhead or saving; "
		    "≈0 (<M) when equivalent within the margin M; ? [lo, hi] when inconclusive at "
		    "this precision. Rows are the static-key gate; the other gates follow. Each "
		    "row names its unit and instrument. The runs:");
	instruments(r, d);
	for (i = 0; i < NR_MECHANISMS; i++)
		if (mechanism_table(r, d, &mechanisms[i]))
			return -1;
	if (other_mechanisms(r, d))
		return -1;
	for (i = 0; i < r->nr_matrices; i++)
		if (matrix_table(d, r->matrices[i]))
			return -1;
	return gates_table(r, d);
}
