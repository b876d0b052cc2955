// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/error.h"
#include "output/output.h"
#include "output/result_load.h"
#include "output/validate.h"

/* Where in the file a check failed, for the error message: "results[3].metrics.cycles". */
struct where {
	const char *path;
	char at[160];
};

static int bad(const struct where *w, const char *what)
{
	return hc_usage_err("%s: %s%s%s", w->path, w->at, w->at[0] ? ": " : "", what);
}

static int get_string(const struct where *w, json_t *o, const char *key, bool required,
		      const char **out)
{
	json_t *v = json_object_get(o, key);
	char msg[96];

	*out = NULL;
	if (!v && !required)
		return 0;
	if (!json_is_string(v)) {
		snprintf(msg, sizeof(msg), "\"%s\" must be a string", key);
		return bad(w, msg);
	}
	*out = json_string_value(v);
	return 0;
}

/* A number, or null (NAN) where the writer had an undefined value: JSON has no NaN. */
static int num_or_null(json_t *v, double *out)
{
	if (json_is_null(v))
		*out = NAN;
	else if (json_is_number(v))
		*out = json_number_value(v);
	else
		return -1;
	return 0;
}

static int get_number(const struct where *w, json_t *o, const char *key, double *out)
{
	char msg[96];

	if (!json_object_get(o, key) || num_or_null(json_object_get(o, key), out)) {
		snprintf(msg, sizeof(msg), "\"%s\" must be a number or null", key);
		return bad(w, msg);
	}
	return 0;
}

static int get_optional(const struct where *w, json_t *o, const char *key, double *out)
{
	*out = NAN;
	return json_object_get(o, key) ? get_number(w, o, key, out) : 0;
}

static int get_ci(const struct where *w, json_t *o, bool required, double *lo, double *hi)
{
	json_t *v = json_object_get(o, "ci95");

	*lo = *hi = NAN;
	if (!v && !required)
		return 0;
	if (!json_is_array(v) || json_array_size(v) != 2 ||
	    num_or_null(json_array_get(v, 0), lo) || num_or_null(json_array_get(v, 1), hi))
		return bad(w, "\"ci95\" must be [lo, hi]");
	return 0;
}

static int load_metric(struct where *w, const char *name, json_t *m, unsigned int samples,
		       struct hc_rmetric *out)
{
	json_t *vals = json_object_get(m, "values");
	size_t i;

	out->name = name;
	if (!json_is_object(m))
		return bad(w, "must be an object");
	if (get_number(w, m, "median", &out->median) ||
	    get_ci(w, m, false, &out->ci_lo, &out->ci_hi) ||
	    get_optional(w, m, "mad", &out->mad) || get_optional(w, m, "min", &out->min) ||
	    get_optional(w, m, "cv", &out->cv))
		return -1;
	if (!json_is_array(vals) || !json_array_size(vals))
		return bad(w, "\"values\" must be a non-empty array of per-op samples");
	if (samples && json_array_size(vals) != samples) {
		char msg[96];

		snprintf(msg, sizeof(msg), "\"values\" has %zu entries, \"samples\" says %u",
			 json_array_size(vals), samples);
		return bad(w, msg);
	}
	out->n = json_array_size(vals);
	out->values = calloc(out->n, sizeof(*out->values));
	if (!out->values)
		return hc_err("out of memory");
	for (i = 0; i < out->n; i++) {
		json_t *v = json_array_get(vals, i);

		if (!json_is_number(v))
			return bad(w, "\"values\" must hold only numbers");
		out->values[i] = json_number_value(v);
	}
	return 0;
}

static void params_label(json_t *params, char *buf, size_t len)
{
	const char *key;
	json_t *v;
	size_t off = 0;

	buf[0] = '\0';
	json_object_foreach(params, key, v) {
		if (off >= len)
			break;
		off += snprintf(buf + off, len - off, "%s%s=%g", off ? "," : "", key,
				json_number_value(v));
	}
}

static int load_row(struct where *w, json_t *o, struct hc_rrow *r)
{
	size_t at = strlen(w->at);
	const char *key;
	json_t *metrics, *m, *v;

	if (!json_is_object(o))
		return bad(w, "must be an object");
	if (get_string(w, o, "suite", true, &r->suite) ||
	    get_string(w, o, "case", true, &r->name) ||
	    get_string(w, o, "gate", true, &r->gate) ||
	    get_string(w, o, "config", true, &r->config) ||
	    get_string(w, o, "skipped", false, &r->skipped))
		return -1;

	r->params = json_object_get(o, "params");
	if (!r->params) {
		r->params = json_object();
		json_object_set_new(o, "params", r->params);
	}
	if (!json_is_object(r->params))
		return bad(w, "\"params\" must be an object");
	json_object_foreach(r->params, key, v)
		if (!json_is_number(v))
			return bad(w, "\"params\" values must be numbers");
	params_label(r->params, r->params_label, sizeof(r->params_label));

	r->overhead = json_object_get(o, "overhead");
	if (r->skipped)
		return 0;

	v = json_object_get(o, "samples");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return bad(w, "\"samples\" must be a positive integer");
	r->samples = json_integer_value(v);
	v = json_object_get(o, "iterations");
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return bad(w, "\"iterations\" must be a non-negative integer");
	r->iterations = json_integer_value(v);

	metrics = json_object_get(o, "metrics");
	if (!json_is_object(metrics) || !json_object_size(metrics))
		return bad(w, "\"metrics\" must be a non-empty object");
	json_object_foreach(metrics, key, m) {
		if (r->nr_metrics == HC_RFILE_MAX_METRICS)
			return bad(w, "too many metrics");
		snprintf(w->at + at, sizeof(w->at) - at, ".metrics.%s", key);
		if (load_metric(w, key, m, r->samples, &r->metric[r->nr_metrics++]))
			return -1;
	}
	w->at[at] = '\0';
	return 0;
}

static int check_comparison(const struct where *w, json_t *c)
{
	static const char *const strings[] = {
		"suite", "case", "gate", "base", "other", "metric", "verdict",
	};
	const char *s;
	double d, lo, hi;
	size_t i;

	if (!json_is_object(c))
		return bad(w, "must be an object");
	for (i = 0; i < sizeof(strings) / sizeof(strings[0]); i++)
		if (get_string(w, c, strings[i], true, &s))
			return -1;
	if (json_object_get(c, "params") && !json_is_object(json_object_get(c, "params")))
		return bad(w, "\"params\" must be an object");
	return get_number(w, c, "delta", &d) || get_number(w, c, "p_value", &d) ||
	       get_optional(w, c, "rel_change", &d) ||
	       get_ci(w, c, true, &lo, &hi);
}

static int read_json(const char *path, json_t **root)
{
	json_error_t jerr;
	struct stat st;

	if (stat(path, &st))
		return hc_usage_err("%s: %s", path, strerror(errno));
	if (!S_ISREG(st.st_mode))
		return hc_usage_err("%s: not a regular file", path);
	if (!st.st_size)
		return hc_usage_err("%s: empty file", path);
	*root = json_load_file(path, JSON_REJECT_DUPLICATES, &jerr);
	if (*root)
		return 0;
	switch (json_error_code(&jerr)) {
	case json_error_premature_end_of_input:
		return hc_usage_err("%s: truncated JSON (input ends at line %d)", path,
				    jerr.line);
	case json_error_cannot_open_file:
		return hc_usage_err("%s: %s", path, jerr.text);
	default:
		return hc_usage_err("%s: not a JSON file (line %d, column %d: %s)", path,
				    jerr.line, jerr.column, jerr.text);
	}
}

int hc_rfile_load(const char *path, struct hc_rfile *f)
{
	struct where w = { .path = path };
	json_t *results, *complete, *c;
	const char *schema;
	size_t i;

	memset(f, 0, sizeof(*f));
	f->path = path;
	if (read_json(path, &f->root) || hc_result_validate(path, f->root))
		return -1;
	if (!json_is_object(f->root) || !json_object_get(f->root, "schema"))
		return hc_usage_err("%s: not a hookcost result (no \"schema\" key)", path);
	if (get_string(&w, f->root, "schema", true, &schema))
		return -1;
	if (strcmp(schema, HC_RESULT_SCHEMA))
		return hc_usage_err("%s: schema \"%s\" is not supported (this hookcost reads %s)",
				    path, schema, HC_RESULT_SCHEMA);

	f->context = json_object_get(f->root, "context");
	if (!json_is_object(f->context))
		return bad(&w, "\"context\" must be an object");
	complete = json_object_get(f->root, "complete");
	if (!json_is_boolean(complete))
		return bad(&w, "\"complete\" must be true or false");
	f->complete = json_is_true(complete);

	results = json_object_get(f->root, "results");
	if (!json_is_array(results))
		return bad(&w, "\"results\" must be an array");
	if (!json_array_size(results))
		return hc_usage_err("%s: empty result (no results)", path);
	f->rows = calloc(json_array_size(results), sizeof(*f->rows));
	if (!f->rows)
		return hc_err("out of memory");
	for (i = 0; i < json_array_size(results); i++) {
		snprintf(w.at, sizeof(w.at), "results[%zu]", i);
		if (load_row(&w, json_array_get(results, i), &f->rows[f->nr_rows++]))
			return -1;
		f->nr_measured += !f->rows[i].skipped;
	}
	if (!f->nr_measured)
		return hc_usage_err("%s: empty result (every variant was skipped)", path);

	f->comparisons = json_object_get(f->root, "comparisons");
	if (!f->comparisons) {
		f->comparisons = json_array();
		json_object_set_new(f->root, "comparisons", f->comparisons);
	}
	if (!json_is_array(f->comparisons))
		return hc_usage_err("%s: \"comparisons\" must be an array", path);
	json_array_foreach(f->comparisons, i, c) {
		snprintf(w.at, sizeof(w.at), "comparisons[%zu]", i);
		if (check_comparison(&w, c))
			return -1;
	}

	if (!f->complete)
		hc_warn("%s: the run was interrupted; it holds only the cases that finished", path);
	return 0;
}

void hc_rfile_free(struct hc_rfile *f)
{
	unsigned int i, j;

	for (i = 0; i < f->nr_rows; i++)
		for (j = 0; j < f->rows[i].nr_metrics; j++)
			free(f->rows[i].metric[j].values);
	free(f->rows);
	json_decref(f->root);
	memset(f, 0, sizeof(*f));
}

const struct hc_rmetric *hc_rrow_metric(const struct hc_rrow *r, const char *name)
{
	unsigned int i;

	for (i = 0; i < r->nr_metrics; i++)
		if (!strcmp(r->metric[i].name, name))
			return &r->metric[i];
	return NULL;
}

bool hc_rrow_same_case(const struct hc_rrow *a, const struct hc_rrow *b)
{
	return !strcmp(a->suite, b->suite) && !strcmp(a->name, b->name) &&
	       !strcmp(a->gate, b->gate) && !strcmp(a->params_label, b->params_label);
}

static const char *find_metric(const struct hc_rfile *files, unsigned int nr_files,
			       const char *name, size_t len)
{
	unsigned int i, j, k;

	for (i = 0; i < nr_files; i++)
		for (j = 0; j < files[i].nr_rows; j++)
			for (k = 0; k < files[i].rows[j].nr_metrics; k++) {
				const char *m = files[i].rows[j].metric[k].name;

				if (strlen(m) == len && !strncmp(m, name, len))
					return m;
			}
	return NULL;
}

int hc_rfile_metrics(const char *spec, const struct hc_rfile *files, unsigned int nr_files,
		     const char **out, unsigned int max)
{
	static const char *const primary[] = { "instructions", "cycles" };
	const struct hc_rrow *first = NULL;
	unsigned int nr = 0, i;

	if (spec) {
		while (*spec) {
			size_t len = strcspn(spec, ",");
			const char *m = find_metric(files, nr_files, spec, len);

			if (!m)
				return hc_usage_err("--metric: no metric \"%.*s\" in the results",
						    (int)len, spec);
			if (nr == max)
				return hc_usage_err("--metric: at most %u metrics", max);
			out[nr++] = m;
			spec += len + (spec[len] == ',');
		}
		if (!nr)
			return hc_usage_err("--metric: empty list");
		return nr;
	}
	for (i = 0; i < 2; i++) {
		const char *m = find_metric(files, nr_files, primary[i], strlen(primary[i]));

		if (m && nr < max)
			out[nr++] = m;
	}
	if (nr)
		return nr;
	for (i = 0; !first && i < files[0].nr_rows; i++)
		if (!files[0].rows[i].skipped)
			first = &files[0].rows[i];
	for (i = 0; i < first->nr_metrics && nr < max; i++)
		out[nr++] = first->metric[i].name;
	return nr;
}

static int kv_add(struct hc_kv *kv, const char *key, const char *val)
{
	if (kv->nr == kv->cap) {
		unsigned int cap = kv->cap ? 2 * kv->cap : 32;
		char **k = realloc(kv->key, cap * sizeof(*k));

		if (!k)
			return hc_err("out of memory");
		kv->key = k;
		k = realloc(kv->val, cap * sizeof(*k));
		if (!k)
			return hc_err("out of memory");
		kv->val = k;
		kv->cap = cap;
	}
	kv->key[kv->nr] = strdup(key);
	kv->val[kv->nr] = strdup(val);
	if (!kv->key[kv->nr] || !kv->val[kv->nr]) {
		free(kv->key[kv->nr]);
		free(kv->val[kv->nr]);
		return hc_err("out of memory");
	}
	kv->nr++;
	return 0;
}

static int flatten(json_t *node, char *key, size_t klen, size_t cap, struct hc_kv *kv)
{
	const char *k;
	json_t *v;
	char *text;
	int ret;

	if (json_is_object(node)) {
		json_object_foreach(node, k, v) {
			snprintf(key + klen, cap - klen, "%s%s", klen ? "." : "", k);
			ret = flatten(v, key, strlen(key), cap, kv);
			key[klen] = '\0';
			if (ret)
				return ret;
		}
		return 0;
	}
	if (json_is_string(node))
		return kv_add(kv, key, json_string_value(node));
	text = json_dumps(node, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
	if (!text)
		return hc_err("out of memory");
	ret = kv_add(kv, key, text);
	free(text);
	return ret;
}

int hc_context_flatten(json_t *context, struct hc_kv *kv)
{
	char key[256] = "";

	memset(kv, 0, sizeof(*kv));
	return flatten(context, key, 0, sizeof(key), kv);
}

const char *hc_kv_get(const struct hc_kv *kv, const char *key)
{
	unsigned int i;

	for (i = 0; i < kv->nr; i++)
		if (!strcmp(kv->key[i], key))
			return kv->val[i];
	return NULL;
}

void hc_kv_free(struct hc_kv *kv)
{
	unsigned int i;

	for (i = 0; i < kv->nr; i++) {
		free(kv->key[i]);
		free(kv->val[i]);
	}
	free(kv->key);
	free(kv->val);
	memset(kv, 0, sizeof(*kv));
}

bool hc_context_key_in(const char *key, const char *const *names, size_t nr)
{
	size_t top = strcspn(key, "."), i;

	for (i = 0; i < nr; i++)
		if (strlen(names[i]) == top && !strncmp(key, names[i], top))
			return true;
	return false;
}

bool hc_context_volatile(const char *key)
{
	/* Advice is derived from the other keys: their difference is reported already. */
	static const char *const keys[] = {
		"command", "warnings", "advice", "date", "time", "timestamp", "started",
		"finished", "duration",
	};

	return hc_context_key_in(key, keys, sizeof(keys) / sizeof(keys[0]));
}

static size_t append_diff(char *buf, size_t len, size_t off, const char *key, const char *a,
			  const char *b)
{
	if (off >= len)
		return off;
	return off + snprintf(buf + off, len - off, "%s%s (%.40s vs %.40s)", off ? ", " : "",
			      key, a ? a : "missing", b ? b : "missing");
}

unsigned int hc_context_diff(json_t *a, json_t *b, char *buf, size_t len)
{
	struct hc_kv ka = { 0 }, kb = { 0 };
	unsigned int i, nr = 0;
	size_t off = 0;

	buf[0] = '\0';
	if (hc_context_flatten(a, &ka) || hc_context_flatten(b, &kb)) {
		hc_kv_free(&ka);
		hc_kv_free(&kb);
		snprintf(buf, len, "(out of memory comparing the contexts)");
		return 1;
	}
	for (i = 0; i < ka.nr; i++) {
		const char *vb = hc_kv_get(&kb, ka.key[i]);

		if (hc_context_volatile(ka.key[i]) || (vb && !strcmp(vb, ka.val[i])))
			continue;
		off = append_diff(buf, len, off, ka.key[i], ka.val[i], vb);
		nr++;
	}
	for (i = 0; i < kb.nr; i++) {
		if (hc_context_volatile(kb.key[i]) || hc_kv_get(&ka, kb.key[i]))
			continue;
		off = append_diff(buf, len, off, kb.key[i], NULL, kb.val[i]);
		nr++;
	}
	hc_kv_free(&ka);
	hc_kv_free(&kb);
	return nr;
}
