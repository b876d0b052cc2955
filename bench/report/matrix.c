// SPDX-License-Identifier: GPL-2.0
/*
 * A matrix of `hookcost vm` (report/matrix.h), read beside the result files: its rows, and its
 * columns and deltas as the file names them. A malformed one is a usage error naming the file
 * and the field. Its names (case, parameters, columns, labels) follow the result files' rule:
 * no control characters, so none reaches a table, a line of the text report or a figure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "report/matrix.h"
#include "report/report.h"

#define MATRIX_SCHEMA_V1 "hookcost-vm-matrix/1"
#define MATRIX_SCHEMA "hookcost-vm-matrix/2"

/* A file without columns is from the first, memcg-only command: memcg's columns and deltas. */
static const struct hc_matrix_col memcg_cols[] = {
	{ "off", "off" }, { "unused", "unused" }, { "unused_kmem", "unused+kmem" },
	{ "bystander", "bystander" }, { "active", "active" },
};

static const struct hc_matrix_delta memcg_deltas[] = {
	{ 1, 0, "unused-off" }, { 2, 1, "kmem key" }, { 3, 2, "bystander-unused" },
	{ 4, 2, "active-unused" },
};

bool hc_matrix_is(const char *path)
{
	json_t *root = json_load_file(path, 0, NULL);
	bool is = root && (!strcmp(hc_jstr(root, "schema"), MATRIX_SCHEMA) ||
			   !strcmp(hc_jstr(root, "schema"), MATRIX_SCHEMA_V1));

	json_decref(root);
	return is;
}

const char *hc_matrix_file(const struct hc_matrix *m)
{
	const char *slash = strrchr(m->path, '/');

	return slash ? slash + 1 : m->path;
}

int hc_matrix_col(const struct hc_matrix *m, const char *name)
{
	unsigned int c;

	for (c = 0; c < m->nr_cols; c++)
		if (!strcmp(m->cols[c].name, name))
			return c;
	return -1;
}

/* A name from the file: a non-empty string without control characters, or NULL. */
static const char *name_of(json_t *o, const char *key)
{
	const char *s = json_string_value(json_object_get(o, key));

	return s && *s && !hc_has_control(s) ? s : NULL;
}

/*
 * What the matrix measures: its title, or the title line of its definition (the files of
 * before the title was a field of its own); NULL where it has none.
 */
static const char *title_of(struct hc_matrix *m)
{
	const char *def = hc_jstr(m->root, "definition"), *line;
	size_t len;

	if (json_object_get(m->root, "title"))
		return name_of(m->root, "title");
	for (line = def; *line; line += strcspn(line, "\n"), line += !!*line) {
		if (strncmp(line, "title = ", 8))
			continue;
		len = strcspn(line + 8, "\n");
		m->title_buf = strndup(line + 8, len);
		return m->title_buf && *m->title_buf && !hc_has_control(m->title_buf) ?
			m->title_buf : NULL;
	}
	return NULL;
}

static int load_cols(struct hc_matrix *m)
{
	json_t *cols = json_object_get(m->root, "columns"), *o;
	size_t k;

	if (!cols) {
		m->nr_cols = sizeof(memcg_cols) / sizeof(memcg_cols[0]);
		memcpy(m->cols, memcg_cols, sizeof(memcg_cols));
		return 0;
	}
	if (!json_is_array(cols) || !json_array_size(cols) ||
	    json_array_size(cols) > HC_MATRIX_MAX_COLS)
		return hc_usage_err("%s: columns must be an array of 1 to %d columns", m->path,
				    HC_MATRIX_MAX_COLS);
	json_array_foreach(cols, k, o) {
		struct hc_matrix_col *c = &m->cols[m->nr_cols];

		c->name = name_of(o, "name");
		c->label = name_of(o, "label");
		if (!c->name || !c->label || hc_matrix_col(m, c->name) >= 0)
			return hc_usage_err("%s: column %zu needs a unique name and a label, "
					    "without control characters", m->path, k + 1);
		m->nr_cols++;
	}
	return 0;
}

static int load_deltas(struct hc_matrix *m)
{
	json_t *deltas = json_object_get(m->root, "deltas"), *o;
	size_t k;

	if (!json_object_get(m->root, "columns")) {
		m->nr_deltas = sizeof(memcg_deltas) / sizeof(memcg_deltas[0]);
		memcpy(m->deltas, memcg_deltas, sizeof(memcg_deltas));
		return 0;
	}
	if (!deltas)
		return 0;
	if (!json_is_array(deltas) || json_array_size(deltas) > HC_MATRIX_MAX_DELTAS)
		return hc_usage_err("%s: deltas must be an array of at most %d deltas", m->path,
				    HC_MATRIX_MAX_DELTAS);
	json_array_foreach(deltas, k, o) {
		const char *a = name_of(o, "a"), *b = name_of(o, "b");
		struct hc_matrix_delta *d = &m->deltas[m->nr_deltas];
		int ca = a ? hc_matrix_col(m, a) : -1, cb = b ? hc_matrix_col(m, b) : -1;

		d->label = name_of(o, "label");
		if (!d->label || ca < 0 || cb < 0)
			return hc_usage_err("%s: delta %zu needs a label and columns a and b of the "
					    "matrix", m->path, k + 1);
		d->a = ca;
		d->b = cb;
		m->nr_deltas++;
	}
	return 0;
}

static int load_row(const struct hc_matrix *m, json_t *o, struct hc_matrix_row *row)
{
	json_t *median = json_object_get(o, "median"), *params = json_object_get(o, "params"), *v;
	const char *key;
	unsigned int c;

	row->name = json_string_value(json_object_get(o, "case"));
	if (!row->name || !json_is_object(params) || !json_is_object(median) ||
	    json_object_size(params) > HC_MAX_PARAMS)
		return hc_usage_err("%s: a row without case, params or median", m->path);
	if (!*row->name || hc_has_control(row->name))
		return hc_usage_err("%s: a row's case must be a name without control characters",
				    m->path);
	json_object_foreach(params, key, v) {
		if (!*key || hc_has_control(key))
			return hc_usage_err("%s: %s: parameter names must be names without control "
					    "characters", m->path, row->name);
		if (!json_is_integer(v))
			return hc_usage_err("%s: %s: parameter %s is not an integer", m->path,
					    row->name, key);
		row->params.p[row->params.nr].name = key;
		row->params.p[row->params.nr++].value = json_integer_value(v);
	}
	for (c = 0; c < m->nr_cols; c++) {
		v = json_object_get(median, m->cols[c].name);
		row->median[c] = json_is_number(v) ? json_number_value(v) : NAN;
	}
	/* null: one run only, nothing to disagree with; the matrix's flag covers every row. */
	row->identical = !json_is_false(json_object_get(o, "identical")) &&
			 !json_is_false(json_object_get(m->root, "identical"));
	return 0;
}

int hc_matrix_load(const char *path, struct hc_matrix **out)
{
	struct hc_matrix *m = calloc(1, sizeof(*m));
	json_error_t jerr;
	json_t *rows, *o;
	size_t k;

	if (!m)
		return hc_err("out of memory");
	*out = m;
	m->path = path;
	m->root = json_load_file(path, 0, &jerr);
	if (!m->root)
		return hc_usage_err("%s: not a JSON file (%s)", path, jerr.text);
	m->name = json_object_get(m->root, "matrix") ? name_of(m->root, "matrix") : "memcg";
	if (!m->name)
		return hc_usage_err("%s: the matrix's name must be a name without control "
				    "characters", path);
	m->title = title_of(m);
	if (load_cols(m) || load_deltas(m))
		return -1;
	rows = json_object_get(m->root, "rows");
	if (!json_is_array(rows) || !json_array_size(rows))
		return hc_usage_err("%s: no rows in the matrix", path);
	m->runs = json_integer_value(json_object_get(m->root, "runs"));
	m->samples = json_integer_value(json_object_get(m->root, "samples"));
	m->rows = calloc(json_array_size(rows), sizeof(*m->rows));
	if (!m->rows)
		return hc_err("out of memory");
	json_array_foreach(rows, k, o) {
		if (load_row(m, o, &m->rows[k]))
			return -1;
		m->nr_rows++;
	}
	return 0;
}

void hc_matrix_free(struct hc_matrix *m)
{
	if (!m)
		return;
	json_decref(m->root);
	free(m->title_buf);
	free(m->rows);
	free(m);
}

/*
 * Instructions per operation are whole numbers; a median over a sample's iterations has a
 * fraction from the loop's amortised edges, so two counts are compared as whole numbers.
 */
enum hc_verdict_kind hc_matrix_kind(double base, double other)
{
	if (rint(other) == rint(base))
		return HC_VERDICT_EQUIVALENT;
	return other > base ? HC_VERDICT_OVERHEAD : HC_VERDICT_SAVING;
}

double hc_matrix_delta(const struct hc_matrix_row *row, const struct hc_matrix_delta *d)
{
	return rint(row->median[d->a]) - rint(row->median[d->b]);
}

static void count_cell(struct hc_table *t, double v, bool sign)
{
	if (isnan(v))
		hc_table_cell(t, "-");
	else
		hc_table_cell(t, sign ? "%+.0f" : "%.0f", v);
}

int hc_matrix_table(struct hc_doc *d, const struct hc_matrix *m)
{
	const char *h[HC_TABLE_MAX_COLS + 1] = { "case", "params" };
	char align[HC_TABLE_MAX_COLS + 1] = "ll", params[200];
	unsigned int n = 2, i, c;
	struct hc_table *t;

	for (c = 0; c < m->nr_cols && n < HC_TABLE_MAX_COLS - 1; c++)
		h[n++] = m->cols[c].label;
	for (c = 0; c < m->nr_deltas && n < HC_TABLE_MAX_COLS - 1; c++)
		h[n++] = m->deltas[c].label;
	h[n++] = "identical";
	memset(align + 2, 'r', n - 3);
	align[n - 1] = 'l';
	align[n] = '\0';
	t = hc_table_new(align, h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7], h[8], h[9],
			 h[10], h[11], h[12], h[13], h[14], h[15], h[16], h[17], h[18], h[19],
			 h[20], h[21], h[22], h[23], NULL);
	if (!t)
		return hc_err("out of memory");
	for (i = 0; i < m->nr_rows; i++) {
		const struct hc_matrix_row *row = &m->rows[i];

		hc_table_row(t, !row->identical);
		hc_table_cell(t, "%s", row->name);
		params[0] = '\0';
		hc_report_params(params, sizeof(params), 0, &row->params);
		hc_table_cell(t, "%s", params + strspn(params, " "));
		for (c = 0; c < m->nr_cols && c + 2 < n - 1; c++)
			count_cell(t, rint(row->median[c]), false);
		for (c = 0; c < m->nr_deltas && m->nr_cols + c + 2 < n - 1; c++)
			count_cell(t, hc_matrix_delta(row, &m->deltas[c]), true);
		hc_table_cell(t, "%s", m->runs < 2 ? "n/a (1 run)" : row->identical ? "yes" : "NO");
	}
	return hc_doc_table(d, t);
}
