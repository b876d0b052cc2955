// SPDX-License-Identifier: GPL-2.0
/*
 * The report's "where" section of a profiled matrix (hookcost vm --profile): per row and
 * delta, the functions whose instructions per op changed and whether they add up to the
 * cell. The matrix file is data from anyone: every name is checked for control characters
 * and every count for being a number when it is loaded, before anything is written.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
#include "base/error.h"
#include "report/matrix.h"
#include "report/report.h"

#define TEXT_FUNCTIONS	8	/* per table in the mail-sized text; the rest summed */

static bool name_ok(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s && !hc_has_control(s);
}

int hc_where_check(const struct hc_matrix *m)
{
	json_t *where = json_object_get(m->root, "where"), *w, *f;
	size_t i, j;

	if (!where || json_is_null(where))
		return 0;
	if (!json_is_array(where))
		return hc_usage_err("%s: 'where' is not an array", m->path);
	json_array_foreach(where, i, w) {
		json_t *fns = json_object_get(w, "functions");

		if (!name_ok(w, "case") || !name_ok(w, "params") || !name_ok(w, "delta") ||
		    !name_ok(w, "a") || !name_ok(w, "b") || !json_is_array(fns) ||
		    !json_is_number(json_object_get(w, "cell")) ||
		    !json_is_number(json_object_get(w, "sum")))
			return hc_usage_err("%s: where[%zu]: case, params, delta, a, b (names "
					    "without control characters), cell, sum and functions "
					    "expected", m->path, i);
		json_array_foreach(fns, j, f)
			if (!name_ok(f, "function") || !json_is_number(json_object_get(f, "a")) ||
			    !json_is_number(json_object_get(f, "b")) ||
			    !json_is_number(json_object_get(f, "delta")) ||
			    (!json_is_null(json_object_get(f, "only")) &&
			     json_object_get(f, "only") && !name_ok(f, "only")))
				return hc_usage_err("%s: where[%zu].functions[%zu]: a function name "
						    "without control characters and numbers a, b, "
						    "delta expected", m->path, i, j);
	}
	return 0;
}

/* "only in X's kernel", or NULL (absent or null: in both kernels). */
static const char *only_of(json_t *f)
{
	return json_string_value(json_object_get(f, "only"));
}

static double num(json_t *o, const char *key)
{
	return json_number_value(json_object_get(o, key));
}

static void fmt(char *buf, size_t len, double v, bool sign)
{
	hc_fmt_fixed(buf, len, v, v == round(v) ? 0 : 2, sign, "");
}

/* "sum of functions = +84 = cell", or what it is not. */
static void sum_line(json_t *w, char *buf, size_t len)
{
	char s[32], c[32];

	fmt(s, sizeof(s), num(w, "sum"), true);
	fmt(c, sizeof(c), num(w, "cell"), true);
	if (!json_array_size(json_object_get(w, "functions")) && num(w, "cell") == 0)
		snprintf(buf, len, "no function's count changed (cell 0)");
	else if (fabs(num(w, "sum") - num(w, "cell")) < 1e-6)
		snprintf(buf, len, "sum of functions = %s = cell%s", s,
			 num(w, "cell") == round(num(w, "cell")) ? "" :
			 " (unrounded: the matrix table rounds each median first)");
	else
		snprintf(buf, len, "sum of functions = %s, NOT the cell %s", s, c);
}

static void title(json_t *w, char *buf, size_t len)
{
	const char *params = hc_jstr(w, "params");

	snprintf(buf, len, "%s%s%s, %s - %s", hc_jstr(w, "case"), *params ? " " : "", params,
		 hc_jstr(w, "a"), hc_jstr(w, "b"));
}

int hc_report_where(const struct hc_matrix *m, struct hc_doc *d)
{
	json_t *where = json_object_get(m->root, "where"), *w, *f;
	char head[320], line[128], v[3][32];
	size_t i, j;

	if (!json_array_size(where))
		return 0;
	hc_doc_heading(d, 2, "Where the deltas land (%s)", hc_matrix_file(m));
	hc_doc_para(d, "Per function, instructions per op of each column's median sample, from "
		    "the qemu plugin's exact count of every executed instruction (hookcost vm "
		    "--profile); the functions whose count changed, largest change first.");
	json_array_foreach(where, i, w) {
		struct hc_table *t = hc_table_new("lrrrl", "function", hc_jstr(w, "b"),
						  hc_jstr(w, "a"), "delta", "", NULL);

		if (!t)
			return hc_err("out of memory");
		title(w, head, sizeof(head));
		sum_line(w, line, sizeof(line));
		hc_doc_heading(d, 3, "%s", head);
		json_array_foreach(json_object_get(w, "functions"), j, f) {
			fmt(v[0], sizeof(v[0]), num(f, "b"), false);
			fmt(v[1], sizeof(v[1]), num(f, "a"), false);
			fmt(v[2], sizeof(v[2]), num(f, "delta"), true);
			hc_table_row(t, false);
			hc_table_cell(t, "%s", hc_jstr(f, "function"));
			hc_table_cell(t, "%s", v[0]);
			hc_table_cell(t, "%s", v[1]);
			hc_table_cell(t, "%s", v[2]);
			hc_table_cell(t, "%s", only_of(f) ? only_of(f) : "");
		}
		if (!hc_table_rows(t))
			hc_table_free(t);
		else if (hc_doc_table(d, t))
			return -1;
		hc_doc_para(d, "%s.", line);
	}
	return 0;
}

/* The text report's: the largest functions of each table, the rest as one line. */
void hc_report_where_text(FILE *out, const struct hc_matrix *m)
{
	json_t *where = json_object_get(m->root, "where"), *w, *f;
	char head[320], line[128], v[3][32];
	size_t i, j;

	json_array_foreach(where, i, w) {
		json_t *fns = json_object_get(w, "functions");
		double rest = 0;

		title(w, head, sizeof(head));
		sum_line(w, line, sizeof(line));
		fprintf(out, "\n== where: %.60s\n", head);
		hc_report_wrap(out, line, 3, 5);
		if (!json_array_size(fns))
			continue;
		fprintf(out, "%11.11s %11.11s %8s  function\n", hc_jstr(w, "b"), hc_jstr(w, "a"),
			"delta");
		json_array_foreach(fns, j, f) {
			if (j >= TEXT_FUNCTIONS && json_array_size(fns) > TEXT_FUNCTIONS + 1) {
				rest += num(f, "delta");
				continue;
			}
			fmt(v[0], sizeof(v[0]), num(f, "b"), false);
			fmt(v[1], sizeof(v[1]), num(f, "a"), false);
			fmt(v[2], sizeof(v[2]), num(f, "delta"), true);
			if (only_of(f))
				fprintf(out, "%11s %11s %8s  %.25s (one kernel)\n", v[0], v[1],
					v[2], hc_jstr(f, "function"));
			else
				fprintf(out, "%11s %11s %8s  %.38s\n", v[0], v[1], v[2],
					hc_jstr(f, "function"));
		}
		if (json_array_size(fns) > TEXT_FUNCTIONS + 1) {
			fmt(v[2], sizeof(v[2]), rest, true);
			fprintf(out, "%11s %11s %8s  (%zu more functions)\n", "", "", v[2],
				json_array_size(fns) - TEXT_FUNCTIONS);
		}
	}
}
