// SPDX-License-Identifier: GPL-2.0
/*
 * The "where" tables of a profiled matrix. A cell's profile is its result's median sample,
 * per function, net of the baseline the run subtracts, in exact fractions (num / den) that
 * add up to the guest TSC; so a delta's functions add up to the delta, and the table says
 * so ("sum of functions = +84 = cell") or flags it. A function with no instructions on one
 * side and no symbol in that side's kernel (inlined, renamed, compiled out) is marked as
 * being in one kernel only rather than dropped.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numfmt.h"
#include "vm/vm_where.h"
#include "base/error.h"

#define TEXT_ROWS	12	/* the terminal's table: the largest, then the rest summed */
#define EXACT_EPS	1e-6	/* medians are doubles of exact fractions */

struct fn {
	const char *name;
	double a, b, d;
	const char *only;	/* "only in COLUMN's kernel", or NULL */
};

/* A kernel's function names (System.map), sorted, for "is it in that kernel at all". */
static struct symmap {
	char dir[PATH_MAX];
	char **names;
	size_t n;
} maps[VM_MAX_KERNELS];

static int cmp_str(const void *x, const void *y)
{
	return strcmp(*(char *const *)x, *(char *const *)y);
}

static struct symmap *map_of(const char *dir)
{
	char path[PATH_MAX + 16], line[512], type, name[256];
	unsigned long long addr;
	size_t cap = 0;
	FILE *f;
	int i;

	for (i = 0; i < VM_MAX_KERNELS && maps[i].dir[0]; i++)
		if (!strcmp(maps[i].dir, dir))
			return &maps[i];
	if (i == VM_MAX_KERNELS)
		return NULL;
	snprintf(path, sizeof(path), "%s/System.map", dir);
	f = fopen(path, "re");
	if (!f)
		return NULL;
	snprintf(maps[i].dir, sizeof(maps[i].dir), "%s", dir);
	while (fgets(line, sizeof(line), f)) {
		char **p;

		if (sscanf(line, "%llx %c %255s", &addr, &type, name) != 3 || !strchr("tTwW", type))
			continue;
		if (maps[i].n == cap) {
			cap = cap ? 2 * cap : 4096;
			p = realloc(maps[i].names, cap * sizeof(*p));
			if (!p)
				break;
			maps[i].names = p;
		}
		maps[i].names[maps[i].n] = strdup(name);
		if (maps[i].names[maps[i].n])
			maps[i].n++;
	}
	fclose(f);
	qsort(maps[i].names, maps[i].n, sizeof(char *), cmp_str);
	return &maps[i];
}

/* False only when the kernel's System.map is there and has no such function. */
static bool in_kernel(const char *dir, const char *name)
{
	struct symmap *m = dir ? map_of(dir) : NULL;

	if (!m || strchr(name, ' ') || name[0] == '[')
		return true;
	return bsearch(&name, m->names, m->n, sizeof(char *), cmp_str);
}

static double per_op(json_t *prof, const char *name)
{
	double den = json_number_value(json_object_get(prof, "den"));
	json_t *v = json_object_get(json_object_get(prof, "functions"), name);

	return v && den > 0 ? json_number_value(v) / den : 0;
}

static int cmp_fn(const void *x, const void *y)
{
	const struct fn *p = x, *q = y;

	if (fabs(p->d) != fabs(q->d))
		return fabs(p->d) < fabs(q->d) ? 1 : -1;
	return strcmp(p->name, q->name);
}

/* The functions of either side whose per-op count differs, largest change first. */
static struct fn *changed(const struct vm_where_cell *ca, const struct vm_where_cell *cb,
			  const char *col_a, const char *col_b, size_t *nr, double *sum)
{
	json_t *fa = json_object_get(ca->prof[0], "functions");
	json_t *fb = json_object_get(cb->prof[0], "functions");
	struct fn *out = calloc(json_object_size(fa) + json_object_size(fb) + 1, sizeof(*out));
	static char only[2][96];
	const char *name;
	json_t *v;

	*nr = 0;
	*sum = 0;
	if (!out)
		return NULL;
	snprintf(only[0], sizeof(only[0]), "only in %s's kernel", col_a);
	snprintf(only[1], sizeof(only[1]), "only in %s's kernel", col_b);
	for (int side = 0; side < 2; side++) {
		json_object_foreach(side ? fb : fa, name, v) {
			struct fn f = { .name = name, .a = per_op(ca->prof[0], name),
					.b = per_op(cb->prof[0], name) };

			if (side && json_object_get(fa, name))
				continue;
			f.d = f.a - f.b;
			if (f.d == 0)
				continue;
			if (f.b == 0 && !in_kernel(cb->kernel_dir, name))
				f.only = only[0];
			else if (f.a == 0 && !in_kernel(ca->kernel_dir, name))
				f.only = only[1];
			*sum += f.d;
			out[(*nr)++] = f;
		}
	}
	qsort(out, *nr, sizeof(*out), cmp_fn);
	return out;
}

static void num(struct hc_table *t, double v, bool sign)
{
	char buf[32];

	hc_fmt_fixed(buf, sizeof(buf), v, v == round(v) ? 0 : 2, sign, "");
	hc_table_cell(t, "%s", buf);
}

static int render(struct hc_doc *d, const char *title, const struct fn *fns, size_t nr,
		  const char *col_a, const char *col_b, double cell, double sum)
{
	struct hc_table *t = hc_table_new("lrrrl", "function", col_b, col_a, "delta", "", NULL);
	size_t shown = d->fmt == HC_DOC_TEXT && nr > TEXT_ROWS + 1 ? TEXT_ROWS : nr;
	char s[32], c[32];
	double rest = 0;

	if (!t)
		return hc_err("out of memory");
	for (size_t i = 0; i < nr; i++) {
		if (i >= shown) {
			rest += fns[i].d;
			continue;
		}
		hc_table_row(t, false);
		hc_table_cell(t, "%s", fns[i].name);
		num(t, fns[i].b, false);
		num(t, fns[i].a, false);
		num(t, fns[i].d, true);
		hc_table_cell(t, "%s", fns[i].only ? fns[i].only : "");
	}
	if (shown < nr) {
		hc_table_row(t, false);
		hc_table_cell(t, "(%zu more, in the .md)", nr - shown);
		hc_table_cell(t, "%s", "");
		hc_table_cell(t, "%s", "");
		num(t, rest, true);
		hc_table_cell(t, "%s", "");
	}
	hc_fmt_fixed(s, sizeof(s), sum, sum == round(sum) ? 0 : 2, true, "");
	hc_fmt_fixed(c, sizeof(c), cell, cell == round(cell) ? 0 : 2, true, "");
	hc_doc_heading(d, 3, "where: %s", title);
	if (!nr)
		hc_table_free(t);
	else if (hc_doc_table(d, t))
		return -1;
	if (!nr && fabs(cell) < EXACT_EPS)
		hc_doc_para(d, "no function's count changed: sum of functions = 0 = cell");
	else if (fabs(sum - cell) < EXACT_EPS)
		hc_doc_para(d, "sum of functions = %s = cell (instructions per op%s)", s,
			    cell == round(cell) ? "" : "; the matrix table rounds each median to "
			    "whole instructions before it subtracts");
	else
		hc_doc_para(d, "sum of functions = %s, NOT the cell %s", s, c);
	return 0;
}

/* Every run's profile of the cell has run 1's digest (of every kept sample). */
static bool cell_same(const struct vm_where_cell *c, unsigned int runs)
{
	const char *d0 = json_string_value(json_object_get(c->prof[0], "digest"));

	for (unsigned int r = 1; r < runs; r++) {
		const char *d = json_string_value(json_object_get(c->prof[r], "digest"));

		if (c->prof[r] && (!d0 || !d || strcmp(d, d0)))
			return false;
	}
	return true;
}

static json_t *fns_json(const struct fn *fns, size_t nr)
{
	json_t *arr = json_array();

	for (size_t i = 0; i < nr; i++)
		json_array_append_new(arr, json_pack("{s:s, s:f, s:f, s:f, s:s?}", "function",
						     fns[i].name, "a", fns[i].a, "b", fns[i].b,
						     "delta", fns[i].d, "only", fns[i].only));
	return arr;
}

static int one(const struct vm_args *a, const struct vm_where_row *r, unsigned int k,
	       struct hc_doc *docs, unsigned int nr_docs, json_t *out, bool *exact)
{
	const struct vm_delta *dl = &a->m.delta[k];
	const struct vm_where_cell *ca = &r->cell[dl->a], *cb = &r->cell[dl->b];
	const char *col_a = a->m.col[dl->a].label, *col_b = a->m.col[dl->b].label;
	double cell = ca->median - cb->median, sum;
	char title[320];
	size_t nr;
	struct fn *fns;
	int ret = 0;

	if (!ca->set || !cb->set || !ca->prof[0] || !cb->prof[0])
		return 0;
	fns = changed(ca, cb, col_a, col_b, &nr, &sum);
	if (!fns)
		return hc_err("out of memory");
	snprintf(title, sizeof(title), "%s%s%s, %s", r->name, *r->params ? " " : "", r->params,
		 dl->label);
	for (unsigned int i = 0; i < nr_docs && !ret; i++)
		ret = render(&docs[i], title, fns, nr, col_a, col_b, cell, sum);
	*exact &= fabs(sum - cell) < EXACT_EPS;
	json_array_append_new(out, json_pack("{s:s, s:s, s:s, s:s, s:s, s:f, s:f, s:b, s:o}",
		"case", r->name, "params", r->params, "delta", dl->label,
		"a", a->m.col[dl->a].name, "b", a->m.col[dl->b].name, "cell", cell,
		"sum", sum, "exact", fabs(sum - cell) < EXACT_EPS, "functions",
		fns_json(fns, nr)));
	free(fns);
	return ret;
}

json_t *vm_where(const struct vm_args *a, const struct vm_where_row *rows, unsigned int nr,
		 struct hc_doc *docs, unsigned int nr_docs, bool *exact, bool *same)
{
	json_t *out = json_array();
	bool any = false;

	*exact = *same = true;
	for (unsigned int i = 0; i < nr; i++)
		for (unsigned int c = 0; c < a->m.nr_cols; c++)
			if (rows[i].cell[c].prof[0]) {
				any = true;
				*same &= cell_same(&rows[i].cell[c], a->runs);
			}
	if (!any) {
		json_decref(out);
		return NULL;
	}
	for (unsigned int i = 0; i < nr_docs; i++) {
		hc_doc_heading(&docs[i], 2, "Where the deltas land");
		hc_doc_para(&docs[i], "Per function, instructions per op of each column's median "
			    "sample net of its baseline (the qemu plugin's exact count of every "
			    "executed instruction, symbolized against each boot's vmlinux and the "
			    "guest's hookcost); functions whose count changed, largest change "
			    "first. Profiles identical in every run of every boot: %s.",
			    a->runs < 2 ? "n/a (1 run)" : *same ? "yes" : "NO");
	}
	for (unsigned int i = 0; i < nr; i++)
		for (unsigned int k = 0; k < a->m.nr_deltas; k++)
			if (one(a, &rows[i], k, docs, nr_docs, out, exact)) {
				json_decref(out);
				return NULL;
			}
	return out;
}
