// SPDX-License-Identifier: GPL-2.0
/*
 * The rules of data/hookcost-result.schema.json's x-hookcost-rules that tie rows together,
 * which JSON Schema cannot state: each message ends with the rule's name. Rows are found by
 * sorted keys, so a file of n rows is checked in n log n.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "output/validate.h"

/* "FILE: results[3]: message (rule)", as the validator's tables word theirs. */
static int bad(const char *file, const char *at, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hc_usage_err("%s: %s: %s", file, at, msg);
}

/* A row's identity, and where it is: results[i] or comparisons[i]. */
struct row_key {
	char *key;
	size_t i;
};

static int by_name(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The parameters in key order, each as the whole number it is ("cgroups=1,size=64"). */
static int put_params(char *buf, size_t len, json_t *params)
{
	const char **keys = malloc((json_object_size(params) + 1) * sizeof(*keys));
	size_t n = 0, off = 0, i;
	const char *key;
	json_t *v;

	if (!keys)
		return -1;
	json_object_foreach(params, key, v)
		keys[n++] = key;
	qsort(keys, n, sizeof(*keys), by_name);
	for (i = 0; i < n && off < len; i++) {
		v = json_object_get(params, keys[i]);
		off += snprintf(buf + off, len - off, "%s=%lld,", keys[i], json_is_integer(v) ?
				(long long)json_integer_value(v) : (long long)json_real_value(v));
	}
	free(keys);
	return 0;
}

/* "suite\x1fcase\x1fgate\x1fparams\x1fconfig[\x1fother\x1fmetric]", to free; NULL on ENOMEM. */
static char *row_key(json_t *o, const char *config, const char *other, const char *metric)
{
	char params[1024] = "", *key;

	if (put_params(params, sizeof(params), json_object_get(o, "params")))
		return NULL;
	if (asprintf(&key, "%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s\x1f%s",
		     json_string_value(json_object_get(o, "suite")),
		     json_string_value(json_object_get(o, "case")),
		     json_string_value(json_object_get(o, "gate")), params, config,
		     other ? other : "", metric ? metric : "") < 0)
		return NULL;
	return key;
}

static int by_key(const void *a, const void *b)
{
	const struct row_key *x = a, *y = b;
	int c = strcmp(x->key, y->key);

	return c ? c : (x->i > y->i) - (x->i < y->i);
}

static void free_keys(struct row_key *k, size_t n)
{
	for (size_t i = 0; k && i < n; i++)
		free(k[i].key);
	free(k);
}

/*
 * The keys of every row of list, sorted; the first pair of rows alike is a violation of rule
 * (its message names both). Comparisons are keyed by their base, other and metric.
 */
static struct row_key *sorted_keys(const char *file, json_t *list, const char *what,
				   const char *rule)
{
	struct row_key *k = calloc(json_array_size(list) + 1, sizeof(*k));
	bool cmp = !strcmp(what, "comparisons");
	size_t i, n = json_array_size(list);
	json_t *o;

	if (!k) {
		hc_err("out of memory");
		return NULL;
	}
	json_array_foreach(list, i, o) {
		k[i].i = i;
		k[i].key = cmp ? row_key(o, json_string_value(json_object_get(o, "base")),
					 json_string_value(json_object_get(o, "other")),
					 json_string_value(json_object_get(o, "metric"))) :
			   row_key(o, json_string_value(json_object_get(o, "config")), NULL, NULL);
		if (!k[i].key) {
			free_keys(k, n);
			hc_err("out of memory");
			return NULL;
		}
	}
	qsort(k, n, sizeof(*k), by_key);
	for (i = 1; i < n; i++)
		if (!strcmp(k[i - 1].key, k[i].key)) {
			char at[64];

			snprintf(at, sizeof(at), "%s[%zu]", what, k[i].i);
			bad(file, at, "the same %s as %s[%zu] (%s)", cmp ? "comparison" : "variant",
			    what, k[i - 1].i, rule);
			free_keys(k, n);
			return NULL;
		}
	return k;
}

/* The row of results that variant key names, or NULL. */
static json_t *find_row(json_t *results, struct row_key *k, const char *key)
{
	size_t lo = 0, hi = json_array_size(results), mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (strcmp(k[mid].key, key) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < json_array_size(results) && !strcmp(k[lo].key, key))
		return json_array_get(results, k[lo].i);
	return NULL;
}

/* The samples of the row of results that comparison c names in config, or -1. */
static json_int_t samples_of(json_t *results, struct row_key *k, json_t *c, const char *config)
{
	char *key = row_key(c, config, NULL, NULL);
	json_t *row = key ? find_row(results, k, key) : NULL;

	free(key);
	if (!row || json_object_get(row, "skipped"))
		return -1;
	return json_integer_value(json_object_get(row, "samples"));
}

/*
 * Its two configurations differ; n is their sample counts, equal when paired by round (a
 * comparison of several runs' medians counts runs instead). Rows it names that are missing
 * or skipped are the loader's to report.
 */
static int check_comparison(const char *file, const char *at, json_t *results,
			    struct row_key *k, json_t *c)
{
	const char *base = json_string_value(json_object_get(c, "base"));
	const char *other = json_string_value(json_object_get(c, "other"));
	const char *test = json_string_value(json_object_get(c, "test"));
	json_t *n = json_object_get(c, "n");
	json_int_t nb, no;

	if (!strcmp(base, other))
		return bad(file, at, "compares %s with itself (distinct-configurations)", base);
	if (json_is_true(json_object_get(c, "paired")) !=
	    (test && !strcmp(test, "wilcoxon-signed-rank")))
		return bad(file, at, "\"paired\" is true exactly when \"test\" is "
			   "wilcoxon-signed-rank (paired-test)");
	if (!n || (test && !strcmp(test, "mann-whitney-run-medians")))
		return 0;
	nb = samples_of(results, k, c, base);
	no = samples_of(results, k, c, other);
	if (nb < 0 || no < 0)
		return 0;
	if (json_integer_value(json_array_get(n, 0)) != nb ||
	    json_integer_value(json_array_get(n, 1)) != no)
		return bad(file, at, "\"n\" is [%" JSON_INTEGER_FORMAT ", %" JSON_INTEGER_FORMAT
			   "], the results have %" JSON_INTEGER_FORMAT " and %" JSON_INTEGER_FORMAT
			   " samples (n-matches-samples)", json_integer_value(json_array_get(n, 0)),
			   json_integer_value(json_array_get(n, 1)), nb, no);
	return 0;
}

int hc_validate_rules(const char *path, json_t *root)
{
	json_t *results = json_object_get(root, "results");
	json_t *cmps = json_object_get(root, "comparisons"), *c;
	struct row_key *k = sorted_keys(path, results, "results", "unique-variants"), *kc;
	char at[64];
	int ret;
	size_t i;

	kc = k ? sorted_keys(path, cmps, "comparisons", "unique-comparisons") : NULL;
	ret = kc ? 0 : -1;
	json_array_foreach(cmps, i, c) {
		if (ret)
			break;
		snprintf(at, sizeof(at), "comparisons[%zu]", i);
		ret = check_comparison(path, at, results, k, c);
	}
	free_keys(kc, json_array_size(cmps));
	free_keys(k, json_array_size(results));
	return ret;
}
