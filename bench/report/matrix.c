// SPDX-License-Identifier: GPL-2.0
/*
 * A matrix of `hookcost vm` (schema hookcost-vm-matrix/3 or /2, or /1 from the first, memcg-only
 * command: both have the rows read here): medians of exact instruction counts per
 * configuration, from boots of real kernels. The report reads it beside the result files; a
 * malformed one is a usage error naming the file and the field. Its names (case, parameters)
 * follow the result files' rule: no control characters, so none reaches a table, a line of the
 * text report or a figure.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"
#include "report/report.h"

#define MATRIX_SCHEMA_V1 "hookcost-vm-matrix/1"
#define MATRIX_SCHEMA_V2 "hookcost-vm-matrix/2"
#define MATRIX_SCHEMA "hookcost-vm-matrix/3"	/* /2 and a where section (--profile) */

const char *const hc_matrix_cols[HC_MATRIX_COLS] = {
	"off", "unused", "unused_kmem", "bystander", "active",
};

bool hc_matrix_is(const char *path)
{
	json_t *root = json_load_file(path, 0, NULL);
	bool is = root && (!strcmp(hc_jstr(root, "schema"), MATRIX_SCHEMA) ||
			   !strcmp(hc_jstr(root, "schema"), MATRIX_SCHEMA_V2) ||
			   !strcmp(hc_jstr(root, "schema"), MATRIX_SCHEMA_V1));

	json_decref(root);
	return is;
}

const char *hc_matrix_name(const struct hc_matrix *m)
{
	const char *slash = strrchr(m->path, '/');

	return slash ? slash + 1 : m->path;
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
	for (c = 0; c < HC_MATRIX_COLS; c++) {
		v = json_object_get(median, hc_matrix_cols[c]);
		row->median[c] = json_is_number(v) ? json_number_value(v) : NAN;
	}
	/* null: one run only, nothing to disagree with. */
	row->identical = !json_is_false(json_object_get(o, "identical"));
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
	return hc_where_check(m);
}

void hc_matrix_free(struct hc_matrix *m)
{
	if (!m)
		return;
	json_decref(m->root);
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
