// SPDX-License-Identifier: GPL-2.0
/*
 * The matrix table from boot directories. A row is a (case, parameters) of the system suite
 * or a workload; a cell is the median of a column's samples in the first run, and every
 * other run of the same boot must have given the very same samples: qemu -icount makes a
 * boot deterministic, so any difference is an error (naming the first differing sample),
 * never noise to average away.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <jansson.h>

#include "base/numfmt.h"
#include "vm/vm.h"
#include "vm/vm_text.h"
#include "vm/vm_where.h"
#include "base/error.h"
#include "base/median.h"
#include "output/output.h"
#include "output/result_load.h"
#include "base/doc.h"

#define VM_MAX_ROWS	64
#define VM_MAX_DIRS	(VM_MAX_BOOTS * VM_MAX_RUNS)

/* One column's samples of a row in one run. */
struct series {
	const double *v;
	size_t n;
	double iters;		/* operations per sample */
	double median;
	bool set;
	json_t *prof;		/* its profile (hookcost vm --profile), or NULL */
};

struct row {
	char name[96], params[128];
	json_t *params_json;
	struct series s[VM_MAX_COLS][VM_MAX_RUNS];
	const char *skipped[VM_MAX_COLS];	/* why a column was not measured (the guest's) */
};

struct loaded {
	json_t *boot[VM_MAX_DIRS];
	struct hc_run sys[VM_MAX_DIRS];
	json_t *prof[VM_MAX_DIRS];	/* system.profile.json, when the boot was profiled */
	json_t *wl[VM_MAX_DIRS][VM_MAX_WORKLOADS * VM_MAX_ITEMS];
	double *wl_per_op[VM_MAX_DIRS][VM_MAX_WORKLOADS * VM_MAX_ITEMS];
	char dir[VM_MAX_DIRS][PATH_MAX];
	unsigned int nr;
	struct row rows[VM_MAX_ROWS];
	unsigned int nr_rows;
	char first_diff[512];
};

static struct row *row_of(struct loaded *l, const char *name, const char *params)
{
	struct row *r;

	for (unsigned int i = 0; i < l->nr_rows; i++)
		if (!strcmp(l->rows[i].name, name) && !strcmp(l->rows[i].params, params))
			return &l->rows[i];
	if (l->nr_rows == VM_MAX_ROWS)
		return NULL;
	r = &l->rows[l->nr_rows++];
	snprintf(r->name, sizeof(r->name), "%s", name);
	snprintf(r->params, sizeof(r->params), "%s", params);
	return r;
}

/* A system case's row, with its parameters as a JSON object for the matrix's file. */
static struct row *row_of_vid(struct loaded *l, const struct hc_vid *id)
{
	char params[sizeof(l->rows[0].params)];
	struct row *r;

	hc_vid_label(id, HC_VID_PARAMS, &hc_label_path, params, sizeof(params));
	r = row_of(l, id->name, params);
	if (!r || r->params_json)
		return r;
	r->params_json = hc_vid_params_json(id);
	return r;
}

static int column_of(const struct vm_matrix *m, json_t *boot, const char *config)
{
	json_t *e;
	size_t i;

	json_array_foreach(json_object_get(boot, "measure"), i, e) {
		const char *c = json_string_value(json_object_get(e, "config"));

		if (c && (!strcmp(c, config) || !strcmp(c, "auto")))
			return vm_col_find(m, json_string_value(json_object_get(e, "column")));
	}
	return -1;
}

static int put(struct loaded *l, struct row *r, int col, unsigned int run, struct series s,
	       const char *boot)
{
	if (!r)
		return hc_err("more than %d rows in the matrix", VM_MAX_ROWS);
	if (col < 0 || run >= VM_MAX_RUNS)
		return hc_usage_err("boot %s run %u: a result outside the matrix", boot, run + 1);
	if (r->s[col][run].set)
		return hc_usage_err("boot %s run %u: %s %s measured twice in one column", boot,
				    run + 1, r->name, r->params);
	s.set = true;
	r->s[col][run] = s;
	return 0;
}

static int add_system(struct loaded *l, const struct vm_matrix *m, unsigned int k,
		      unsigned int run, const char *boot)
{
	const struct hc_run *f = &l->sys[k];
	char idx[16];

	for (unsigned int i = 0; i < f->nr_results; i++) {
		const struct hc_result *r = &f->results[i];
		int t = hc_result_metric(f, r, VM_METRIC);
		struct series s;

		if (r->skip_reason) {
			struct row *row = row_of_vid(l, &r->id);
			int col = column_of(m, l->boot[k], hc_config_names[r->id.config]);

			if (row && col >= 0 && !row->skipped[col])
				row->skipped[col] = r->skip_reason;
			continue;
		}
		if (t < 0)
			continue;
		snprintf(idx, sizeof(idx), "%u", i);
		s = (struct series){ .v = r->per_op[t], .n = r->nr_samples,
				     .iters = r->iterations, .median = r->summary[t].median,
				     .prof = json_object_get(json_object_get(l->prof[k], "results"),
							     idx) };
		if (put(l, row_of_vid(l, &r->id),
			column_of(m, l->boot[k], hc_config_names[r->id.config]), run, s, boot))
			return -1;
	}
	return 0;
}

/* A workload's file: ticks per run, and per op when the workload printed its op count. */
static int add_workload(struct loaded *l, const struct vm_matrix *m, unsigned int k,
			unsigned int w, unsigned int run, const char *boot)
{
	json_t *o = l->wl[k][w], *ticks = json_object_get(o, "ticks");
	const char *name = json_string_value(json_object_get(o, "name"));
	const char *config = json_string_value(json_object_get(o, "config"));
	json_t *ops = json_object_get(o, "ops");
	size_t n = json_array_size(ticks);
	double *v = calloc(2 * n + 1, sizeof(*v));
	char label[128];
	struct series s;
	int col;

	if (!v)
		return hc_err("out of memory");
	l->wl_per_op[k][w] = v;
	if (!name || !config || !n)
		return hc_usage_err("boot %s: a malformed workload result", boot);
	for (size_t i = 0; i < n; i++)
		v[i] = json_number_value(json_array_get(ticks, i));
	col = column_of(m, l->boot[k], config);
	snprintf(label, sizeof(label), "workload:%s", name);
	s = (struct series){ .v = v, .n = n, .iters = 1, .median = hc_median(v, n) };
	if (put(l, row_of(l, label, "per run"), col, run, s, boot))
		return -1;
	if (!json_is_integer(ops) || json_integer_value(ops) <= 0)
		return 0;
	for (size_t i = 0; i < n; i++)
		v[n + i] = v[i] / json_integer_value(ops);
	s = (struct series){ .v = v + n, .n = n, .iters = json_integer_value(ops),
			     .median = hc_median(v + n, n) };
	return put(l, row_of(l, label, "per op"), col, run, s, boot);
}

static json_t *load_json(const char *path)
{
	json_error_t e;
	json_t *o = json_load_file(path, 0, &e);

	if (!o)
		hc_usage_err("%s: %s (line %d)", path, e.text, e.line);
	return o;
}

static int load_dir(struct loaded *l, struct vm_args *a, const char *dir)
{
	unsigned int k = l->nr;
	char path[PATH_MAX + 64];
	const char *boot, *sch;
	json_t *o;
	int run;

	if (k == VM_MAX_DIRS)
		return hc_usage_err("more than %d boot directories", VM_MAX_DIRS);
	snprintf(l->dir[k], sizeof(l->dir[k]), "%s", dir);
	snprintf(path, sizeof(path), "%s/boot.json", dir);
	o = l->boot[l->nr++] = load_json(path);
	if (!o)
		return -1;
	sch = json_string_value(json_object_get(o, "schema"));
	boot = json_string_value(json_object_get(o, "boot"));
	run = json_integer_value(json_object_get(o, "run"));
	if (!sch || strcmp(sch, "hookcost-vm-boot/1") || !boot || run < 1 || run > VM_MAX_RUNS)
		return hc_usage_err("%s: not a hookcost-vm-boot/1 file", path);
	if (!a->m.nr_boots) {
		const char *def = json_string_value(json_object_get(o, "definition"));

		a->m.name = json_string_value(json_object_get(o, "matrix"));
		if (!def || vm_matrix_parse(&a->m, def, path, NULL))
			return -1;
		a->samples = json_integer_value(json_object_get(o, "samples"));
		a->v1 = !strcmp(json_string_value(json_object_get(o, "cgroup")) ?: "", "v1");
	}
	if (strcmp(json_string_value(json_object_get(o, "matrix")) ?: "", a->m.name))
		return hc_usage_err("%s: a boot of another matrix", path);
	if ((unsigned int)run > a->runs)
		a->runs = run;
	snprintf(path, sizeof(path), "%s/system.profile.json", dir);
	if (a->m.cases && !access(path, F_OK) && !(l->prof[k] = load_json(path)))
		return -1;
	snprintf(path, sizeof(path), "%s/system.json", dir);
	if (a->m.cases && (hc_run_load(path, &l->sys[k]) || add_system(l, &a->m, k, run - 1,
									  boot)))
		return -1;
	for (unsigned int w = 0; w < a->m.nr_workloads; w++) {
		for (unsigned int i = 0; i < VM_MAX_ITEMS; i++) {
			unsigned int x = w * VM_MAX_ITEMS + i;

			snprintf(path, sizeof(path), "%s/workload-%s-%u.json", dir,
				 a->m.workload[w].name, i);
			if (access(path, F_OK))
				break;
			l->wl[k][x] = load_json(path);
			if (!l->wl[k][x] || add_workload(l, &a->m, k, x, run - 1, boot))
				return -1;
		}
	}
	return 0;
}

/* Every run of every cell gave the first run's samples; else the first difference. */
static bool identical(struct loaded *l, const struct vm_matrix *m, unsigned int runs)
{
	for (unsigned int i = 0; i < l->nr_rows; i++) {
		struct row *r = &l->rows[i];

		for (unsigned int c = 0; c < m->nr_cols; c++) {
			const struct series *s0 = &r->s[c][0];

			for (unsigned int run = 1; run < runs && s0->set; run++) {
				const struct series *s = &r->s[c][run];
				size_t j = 0;

				if (s->set && s->n == s0->n && s->iters == s0->iters)
					for (j = 0; j < s->n && s->v[j] == s0->v[j]; j++)
						;
				if (s->set && s->n == s0->n && s->iters == s0->iters && j == s->n)
					continue;
				if (!s->set || s->n != s0->n || s->iters != s0->iters)
					snprintf(l->first_diff, sizeof(l->first_diff),
						 "%s%s%s, column %s: run %u has %zu samples of "
						 "%.0f ops, run 1 %zu of %.0f", r->name,
						 *r->params ? " " : "", r->params,
						 m->col[c].name, run + 1, s->set ? s->n : 0,
						 s->iters, s0->n, s0->iters);
				else
					snprintf(l->first_diff, sizeof(l->first_diff),
						 "%s%s%s, column %s, sample %zu: run 1 %.6g, run %u "
						 "%.6g", r->name, *r->params ? " " : "", r->params,
						 m->col[c].name, j + 1,
						 s0->v[j], run + 1, s->v[j]);
				return false;
			}
		}
	}
	return true;
}

static void cell(struct hc_table *t, double v, bool sign)
{
	char buf[32];

	hc_fmt_fixed(buf, sizeof(buf), v, 0, sign, "");
	hc_table_cell(t, "%s", buf);
}

static double med(const struct row *r, unsigned int c)
{
	return r->s[c][0].set ? r->s[c][0].median : NAN;
}

/* Every n/a cell the guest declined to measure, and its reason. */
static void not_measured(struct hc_doc *d, const struct vm_matrix *m, const struct loaded *l)
{
	for (unsigned int i = 0; i < l->nr_rows; i++)
		for (unsigned int c = 0; c < m->nr_cols; c++)
			if (l->rows[i].skipped[c] && !l->rows[i].s[c][0].set)
				hc_doc_item(d, "n/a: %s%s%s, %s: %s", l->rows[i].name,
					    *l->rows[i].params ? " " : "", l->rows[i].params,
					    m->col[c].label, l->rows[i].skipped[c]);
}

static int render(struct hc_doc *d, const struct vm_args *a, struct loaded *l, bool same)
{
	const struct vm_matrix *m = &a->m;
	const char *h[HC_TABLE_MAX_COLS + 1] = { "case", "params" };
	char align[HC_TABLE_MAX_COLS + 1] = "ll";
	unsigned int n = 2;
	struct hc_table *t;

	for (unsigned int c = 0; c < m->nr_cols; c++, n++)
		h[n] = m->col[c].label;
	for (unsigned int i = 0; i < m->nr_deltas; i++, n++)
		h[n] = m->delta[i].label;
	h[n++] = "identical";
	memset(align + 2, 'r', n - 3);
	align[n - 1] = 'l';
	t = hc_table_new_array(align, h);
	if (!t)
		return hc_err("out of memory");
	for (unsigned int i = 0; i < l->nr_rows; i++) {
		const struct row *r = &l->rows[i];

		hc_table_row(t, false);
		hc_table_cell(t, "%s", r->name);
		hc_table_cell(t, "%s", r->params);
		for (unsigned int c = 0; c < m->nr_cols; c++)
			cell(t, med(r, c), false);
		/* The printed medians' difference, so a reader can check it; where tables are exact. */
		for (unsigned int k = 0; k < m->nr_deltas; k++)
			cell(t, rint(med(r, m->delta[k].a)) - rint(med(r, m->delta[k].b)), true);
		hc_table_cell(t, "%s", a->runs < 2 ? "n/a (1 run)" : same ? "yes" : "NO");
	}
	hc_doc_para(d, "Median TSC ticks per operation (workloads: per run, and per op where "
		    "the workload printed ops=N) in qemu -icount shift=0,sleep=off, where a tick "
		    "is a retired instruction; %u samples per variant, each boot done %u times; "
		    "'identical': every sample of every run equal.", a->samples, a->runs);
	if (hc_doc_table(d, t))
		return -1;
	not_measured(d, m, l);
	return 0;
}

static json_t *rows_json(const struct vm_matrix *m, const struct loaded *l)
{
	json_t *arr = json_array();

	for (unsigned int i = 0; i < l->nr_rows; i++) {
		const struct row *r = &l->rows[i];
		json_t *med_o = json_object();

		for (unsigned int c = 0; c < m->nr_cols; c++)
			if (r->s[c][0].set)
				json_object_set_new(med_o, m->col[c].name,
						    json_real(r->s[c][0].median));
		json_array_append_new(arr, json_pack("{s:s, s:O, s:o}", "case", r->name,
			"params", r->params_json ? r->params_json : json_string(r->params),
			"median", med_o));
	}
	return arr;
}

static void free_loaded(struct loaded *l)
{
	for (unsigned int k = 0; k < l->nr; k++) {
		for (unsigned int w = 0; w < VM_MAX_WORKLOADS * VM_MAX_ITEMS; w++) {
			json_decref(l->wl[k][w]);
			free(l->wl_per_op[k][w]);
		}
		hc_run_free(&l->sys[k]);
		json_decref(l->boot[k]);
		json_decref(l->prof[k]);
	}
	for (unsigned int i = 0; i < l->nr_rows; i++)
		json_decref(l->rows[i].params_json);
	free(l);
}

/* The code size of the built kernels the boots name (their builds still on this machine). */
static json_t *code_size(const struct vm_args *a, const struct loaded *l, struct hc_doc *docs)
{
	const char *names[VM_MAX_KERNELS], *dirs[VM_MAX_KERNELS];
	char vmlinux[PATH_MAX + 16];
	unsigned int nr = 0, i;

	for (unsigned int k = 0; k < l->nr; k++) {
		json_t *kern = json_object_get(l->boot[k], "kernel");
		const char *name = json_string_value(json_object_get(kern, "name"));
		const char *dir = json_string_value(json_object_get(kern, "build"));

		for (i = 0; i < nr && strcmp(names[i], name); i++)
			;
		snprintf(vmlinux, sizeof(vmlinux), "%s/vmlinux", dir ? dir : "");
		if (i < nr || nr == VM_MAX_KERNELS || !dir || access(vmlinux, R_OK))
			continue;
		names[nr] = name;
		dirs[nr++] = dir;
	}
	return nr < 2 ? NULL : vm_text(a->top, a->m.key, a->m.functions, names, dirs, nr,
				       docs, 2);
}

/*
 * The files a report wrote into the output directory: when it fails, those it wrote into a
 * directory it made go again, and the directory with them.
 */
struct outputs {
	char made[PATH_MAX];
	char *file[VM_MAX_DIRS * 2 + 2];
	unsigned int nr;
};

/* Records a file once written (ret 0); returns ret. */
static int written(struct outputs *o, const char *path, int ret)
{
	if (!ret && o->nr < sizeof(o->file) / sizeof(o->file[0]))
		o->file[o->nr++] = strdup(path);
	return ret;
}

static void outputs_done(struct outputs *o, const char *dir, bool failed)
{
	for (unsigned int i = 0; i < o->nr; i++) {
		if (failed && o->made[0] && o->file[i])
			unlink(o->file[i]);
		free(o->file[i]);
	}
	if (failed && o->made[0])
		hc_rmdirs(dir, o->made);
}

/* The per-boot result of run 1 and each kernel's configuration, beside the matrix. */
static int copy_sources(const struct vm_args *a, const struct loaded *l, json_t *results,
			struct outputs *out)
{
	char from[PATH_MAX + 32], to[PATH_MAX * 2], file[256];

	for (unsigned int k = 0; k < l->nr; k++) {
		json_t *b = l->boot[k], *kern = json_object_get(b, "kernel");
		const char *boot = json_string_value(json_object_get(b, "boot"));
		const char *kname = json_string_value(json_object_get(kern, "name"));
		size_t nl = strlen(a->m.name);

		if (json_integer_value(json_object_get(b, "run")) != 1)
			continue;
		if (!strncmp(boot, a->m.name, nl) && boot[nl] == '-')
			snprintf(file, sizeof(file), "vm-%s%s.json", boot, a->sfx);
		else
			snprintf(file, sizeof(file), "vm-%s-%s%s.json", a->m.name, boot, a->sfx);
		snprintf(from, sizeof(from), "%s/system.json", l->dir[k]);
		snprintf(to, sizeof(to), "%s/%s", a->out_dir, file);
		if (a->m.cases && written(out, to, hc_copy_file(from, to)))
			return -1;
		json_object_set_new(results, boot, json_string(a->m.cases ? file : ""));
		snprintf(from, sizeof(from), "%s/kernel.config", l->dir[k]);
		snprintf(file, sizeof(file), "vm-kernel-%s-%s.config", a->m.name, kname);
		snprintf(to, sizeof(to), "%s/%s", a->out_dir, file);
		if (!access(from, F_OK) && written(out, to, hc_copy_file(from, to)))
			return -1;
		json_object_set_new(kern, "config", json_string(access(from, F_OK) ? "" : file));
		json_object_del(b, "definition");
	}
	return 0;
}

static int write_outputs(const struct vm_args *a, const struct loaded *l, json_t *rows,
			 json_t *size, json_t *where, bool same, const char *md, size_t md_len,
			 double wall, struct outputs *out)
{
	json_t *cols = json_array(), *deltas = json_array(), *results = json_object(), *o;
	char path[PATH_MAX + 64], *js;
	int ret;

	for (unsigned int c = 0; c < a->m.nr_cols; c++)
		json_array_append_new(cols, json_pack("{s:s, s:s}", "name", a->m.col[c].name,
						      "label", a->m.col[c].label));
	for (unsigned int i = 0; i < a->m.nr_deltas; i++)
		json_array_append_new(deltas, json_pack("{s:s, s:s, s:s}", "label",
			a->m.delta[i].label, "a", a->m.col[a->m.delta[i].a].name,
			"b", a->m.col[a->m.delta[i].b].name));
	if (hc_mkdirs(a->out_dir, out->made, sizeof(out->made)) ||
	    copy_sources(a, l, results, out)) {
		json_decref(rows);
		json_decref(size);
		json_decref(where);
		return -1;
	}
	snprintf(path, sizeof(path), "%s/vm-%s-matrix%s.md", a->out_dir, a->m.name, a->sfx);
	if (written(out, path, hc_write_atomic(path, md, md_len))) {
		json_decref(rows);
		json_decref(size);
		json_decref(where);
		return -1;
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:s, s:o, s:o, s:o, s:o, s:s, "
		      "s:o, s:i, s:s, s:o, s:o}",
		      "schema", "hookcost-vm-matrix/3", "matrix", a->m.name, "metric", VM_METRIC,
		      "cgroup", a->v1 ? "v1" : "v2",
		      "qemu", "scripts/vm: -icount shift=0,sleep=off -smp 1",
		      "runs", (int)a->runs, "samples", (int)a->samples,
		      "identical", a->runs < 2 ? json_null() : json_boolean(same),
		      "first_difference", same ? "" : l->first_diff,
		      "columns", cols, "deltas", deltas, "rows", rows, "results", results,
		      "definition", a->m.text, "boot_wall_seconds", isnan(wall) ? json_null() : json_real(wall), "jobs", (int)a->jobs,
		      "command", a->cmdline,
		      "code_size", size ? size : json_null(),
		      "where", where ? where : json_null());
	js = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
	if (js) {
		json_t *boots = json_array();

		for (unsigned int k = 0; k < l->nr; k++)
			json_array_append(boots, l->boot[k]);
		json_object_set_new(o, "boots", boots);
		free(js);
		js = json_dumps(o, JSON_INDENT(2));
	}
	json_decref(o);
	if (!js)
		return hc_err("out of memory");
	snprintf(path, sizeof(path), "%s/vm-%s-matrix%s.json", a->out_dir, a->m.name, a->sfx);
	ret = written(out, path, hc_write_atomic(path, js, strlen(js)));
	free(js);
	if (!ret)
		fprintf(stderr, "hookcost vm: wrote %s/vm-%s-matrix%s.md and .json\n",
			a->out_dir, a->m.name, a->sfx);
	return ret;
}

/* The where tables of the profiled cells (run 1's profile; every run's for the identity). */
static json_t *where_of(const struct vm_args *a, const struct loaded *l, struct hc_doc *docs,
			bool *exact, bool *same)
{
	struct vm_where_row *rows = calloc(l->nr_rows, sizeof(*rows));
	const char *kdir[VM_MAX_COLS] = { 0 };
	json_t *out;

	if (!rows) {
		hc_err("out of memory");
		return NULL;
	}
	for (unsigned int k = 0; k < l->nr; k++) {
		json_t *kern = json_object_get(l->boot[k], "kernel"), *e;
		size_t i;

		json_array_foreach(json_object_get(l->boot[k], "measure"), i, e) {
			int c = vm_col_find(&a->m, json_string_value(json_object_get(e, "column")));

			if (c >= 0)
				kdir[c] = json_string_value(json_object_get(kern, "build"));
		}
	}
	for (unsigned int i = 0; i < l->nr_rows; i++) {
		rows[i].name = l->rows[i].name;
		rows[i].params = l->rows[i].params;
		for (unsigned int c = 0; c < a->m.nr_cols; c++) {
			struct vm_where_cell *w = &rows[i].cell[c];

			w->median = l->rows[i].s[c][0].median;
			w->set = l->rows[i].s[c][0].set;
			w->kernel_dir = kdir[c];
			for (unsigned int run = 0; run < a->runs && run < VM_MAX_RUNS; run++)
				w->prof[run] = l->rows[i].s[c][run].prof;
		}
	}
	out = vm_where(a, rows, l->nr_rows, docs, 2, exact, same);
	free(rows);
	return out;
}

int vm_report(struct vm_args *a, char *const *dirs, unsigned int nr_dirs, double wall)
{
	struct loaded *l = calloc(1, sizeof(*l));
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	struct hc_doc md = { .fmt = HC_DOC_MARKDOWN };
	struct outputs *out = calloc(1, sizeof(*out));
	json_t *size = NULL, *where = NULL;
	char *text = NULL;
	size_t len = 0;
	bool same = false, exact = true, prof_same = true;
	int ret = 0;

	if (!l || !out) {
		free(l);
		free(out);
		return hc_err("out of memory");
	}
	for (unsigned int i = 0; i < nr_dirs && !ret; i++)
		ret = load_dir(l, a, dirs[i]);
	if (!ret) {
		same = identical(l, &a->m, a->runs);
		md.f = open_memstream(&text, &len);
		ret = !md.f ? hc_err("out of memory") : render(&d, a, l, same);
	}
	if (!ret) {
		hc_doc_heading(&md, 1, "%s", a->m.title ? a->m.title : a->m.name);
		if (a->m.about)
			hc_doc_para(&md, "%s", a->m.about);
		hc_doc_para(&md, "Written by: %s. Every boot's result is in vm-%s-matrix%s.json "
			    "and beside it.", a->cmdline, a->m.name, a->sfx);
		ret = render(&md, a, l, same);
	}
	if (!ret) {
		struct hc_doc docs[2] = { d, md };

		size = code_size(a, l, docs);
		where = where_of(a, l, docs, &exact, &prof_same);
		fclose(md.f);
		md.f = NULL;
		ret = write_outputs(a, l, rows_json(&a->m, l), size, where, same, text, len, wall,
				    out);
		outputs_done(out, a->out_dir, ret);
	}
	free(out);
	if (md.f)
		fclose(md.f);
	free(text);
	if (!ret && !same && a->runs > 1)
		ret = hc_err("the counts differ between runs, so the matrix is not deterministic: "
			     "%s", l->first_diff);
	if (!ret && !prof_same)
		ret = hc_err("the profiles differ between runs of a boot (see the where section)");
	if (!ret && !exact)
		ret = hc_err("a where table's functions do not add up to its cell (see the where "
			     "section)");
	free_loaded(l);
	return ret;
}
