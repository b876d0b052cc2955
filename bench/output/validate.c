// SPDX-License-Identifier: GPL-2.0
/*
 * data/hookcost-result.schema.json as tables: an object is a list of rules, one per key, each
 * naming the key's type and, for a nested value, the table that checks it. Adding a field to
 * the schema is adding a row here; rules that tie fields together are an object's check(),
 * or validate_rules.c across rows, each named in the schema's x-hookcost-rules.
 * tests/schema-agree.t holds the two to the same files.
 */
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <hookcost/abi.h>

#include "analysis/analysis.h"
#include "base/error.h"
#include "core/counters.h"
#include "output/output.h"
#include "output/validate.h"

/* Every schema this reader understands; a new major version is one more entry. */
static const char *const schemas[] = {
	HC_RESULT_SCHEMA, HC_RESULT_SCHEMA_V2, HC_RESULT_SCHEMA_V1, NULL
};
static const char *const tests[] = {
	"wilcoxon-signed-rank", "mann-whitney", "mann-whitney-run-medians", NULL
};

/* The ABI's names (<hookcost/abi.h>) as NULL-terminated lists, made on first use. */
static const char *gates[HC_GATE__NR + 1], *configs[HC_CONFIG__NR + 1];

static void abi_lists(void)
{
	memcpy(gates, hc_gate_names, sizeof(hc_gate_names));
	memcpy(configs, hc_config_names, sizeof(hc_config_names));
}

enum vtype {
	V_NAME,		/* non-empty string without control characters */
	V_STR,		/* string without control characters */
	V_TEXTS,	/* array of free-text strings (escaped wherever shown) */
	V_COMMAND,	/* free-text string, or array of them */
	V_NUM,		/* number, or null where undefined (JSON has no NaN) */
	V_COUNT,	/* integer >= 0, 64-bit */
	V_BOOL,
	V_ENUM,		/* one of the NULL-terminated strings in arg */
	V_CI,		/* [num, num], lo <= hi where both are numbers */
	V_COUNTS,	/* [count, count], each in [min, max] */
	V_VALUES,	/* non-empty array of numbers */
	V_OBJ,		/* object checked by the struct vobj in arg */
	V_LIST,		/* array of objects checked by arg */
	V_MAP,		/* object: name -> object checked by arg, at most max entries */
	V_PARAMS,	/* object: name -> whole number, at most max entries */
};

#define REQUIRED	(1u << 0)
#define MEASURED	(1u << 1)	/* required unless the object has "skipped" */
#define NON_EMPTY	(1u << 2)	/* V_MAP: at least one entry */
#define RANGE		(1u << 3)	/* V_NUM, V_COUNT: in [min, max] unless null */
#define NULLABLE	(1u << 4)	/* V_OBJ: or null */
#define ABOVE_MIN	(1u << 5)	/* RANGE: in (min, max] */
#define NOT_NULL	(1u << 6)	/* V_NUM: a number, never null */

/* The largest count a reader holds (an unsigned int). */
#define COUNT_MAX	4294967295.0

struct vctx {
	const char *file;
	char at[512];		/* JSON path of the value being checked */
};

struct vrule {
	const char *key;
	enum vtype type;
	unsigned int flags;
	const void *arg;
	double min, max;
};

struct vobj {
	const struct vrule *rules;	/* ends with a NULL key */
	int (*check)(struct vctx *v, json_t *o);
};

static int check_obj(struct vctx *v, const struct vobj *t, json_t *o);

static int bad(struct vctx *v, const char *fmt, ...)
{
	char msg[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return hc_usage_err("%s: %s%s%s", v->file, v->at, v->at[0] ? ": " : "", msg);
}

static size_t push_key(struct vctx *v, const char *key)
{
	size_t len = strlen(v->at);

	snprintf(v->at + len, sizeof(v->at) - len, "%s%s", len ? "." : "", key);
	return len;
}

static size_t push_index(struct vctx *v, size_t i)
{
	size_t len = strlen(v->at);

	snprintf(v->at + len, sizeof(v->at) - len, "[%zu]", i);
	return len;
}

static int check_string(struct vctx *v, json_t *j, bool name)
{
	if (!json_is_string(j))
		return bad(v, "must be a string");
	if (name && !json_string_length(j))
		return bad(v, "must not be empty");
	if (hc_has_control(json_string_value(j)))
		return bad(v, "must not contain control characters");
	return 0;
}

static int check_texts(struct vctx *v, json_t *j)
{
	size_t i;
	json_t *e;

	if (!json_is_array(j))
		return bad(v, "must be an array of strings");
	json_array_foreach(j, i, e)
		if (!json_is_string(e))
			return bad(v, "[%zu] must be a string", i);
	return 0;
}

static int check_range(struct vctx *v, const struct vrule *r, double d)
{
	bool above = r->flags & ABOVE_MIN;

	if ((r->flags & RANGE) && !((above ? d > r->min : d >= r->min) && d <= r->max))
		return bad(v, "%.17g is outside %c%.17g, %.17g]", d, above ? '(' : '[',
			       r->min, r->max);
	return 0;
}

static int check_num(struct vctx *v, const struct vrule *r, json_t *j)
{
	if (json_is_null(j) && !(r->flags & NOT_NULL))
		return 0;
	if (!json_is_number(j))
		return bad(v, r->flags & NOT_NULL ? "must be a number" :
			       "must be a number or null");
	return check_range(v, r, json_number_value(j));
}

/* A whole number >= 0 written as an integer (as a count is read), in the rule's range. */
static int check_count(struct vctx *v, const struct vrule *r, json_t *j)
{
	if (json_is_real(j) && json_real_value(j) == trunc(json_real_value(j)))
		return bad(v, "must be written as an integer (integer-syntax)");
	if (!json_is_integer(j) || json_integer_value(j) < 0)
		return bad(v, "must be a whole number >= 0");
	return check_range(v, r, json_integer_value(j));
}

static int check_enum(struct vctx *v, json_t *j, const char *const *names)
{
	char list[128] = "";
	size_t off = 0;

	if (!json_is_string(j))
		return bad(v, "must be a string");
	for (; *names; names++) {
		if (!strcmp(*names, json_string_value(j)))
			return 0;
		if (off < sizeof(list))
			off += snprintf(list + off, sizeof(list) - off, "%s%s", off ? ", " : "",
					*names);
	}
	return bad(v, "must be one of: %s", list);
}

static int check_ci(struct vctx *v, json_t *j)
{
	json_t *lo = json_array_get(j, 0), *hi = json_array_get(j, 1);

	if (!json_is_array(j) || json_array_size(j) != 2 ||
	    !(json_is_number(lo) || json_is_null(lo)) || !(json_is_number(hi) || json_is_null(hi)))
		return bad(v, "must be [lo, hi], numbers or null");
	if (json_is_number(lo) && json_is_number(hi) &&
	    json_number_value(lo) > json_number_value(hi))
		return bad(v, "lo %g is above hi %g (ordered-intervals)", json_number_value(lo),
			       json_number_value(hi));
	return 0;
}

static int check_counts(struct vctx *v, const struct vrule *r, json_t *j)
{
	size_t i, at;
	json_t *e;

	if (!json_is_array(j) || json_array_size(j) != 2)
		return bad(v, "must be [base, other], two whole numbers");
	json_array_foreach(j, i, e) {
		at = push_index(v, i);
		if (check_count(v, r, e))
			return -1;
		v->at[at] = '\0';
	}
	return 0;
}

/* A parameter is a whole number of 64 bits (the loader holds it in a long). */
static int check_param(struct vctx *v, json_t *j)
{
	double d = json_is_real(j) ? json_real_value(j) : NAN;

	if (json_is_integer(j) || (d >= -0x1p63 && d < 0x1p63 && d == trunc(d)))
		return 0;
	return bad(v, "must be a whole number of 64 bits");
}

static int check_values(struct vctx *v, json_t *j)
{
	size_t i;
	json_t *e;

	if (!json_is_array(j) || !json_array_size(j))
		return bad(v, "must be a non-empty array of numbers");
	json_array_foreach(j, i, e)
		if (!json_is_number(e))
			return bad(v, "[%zu] must be a number", i);
	return 0;
}

/* An object whose keys are names: metrics, overhead, params. */
static int check_map(struct vctx *v, const struct vrule *r, json_t *j)
{
	const char *key;
	json_t *e;
	size_t at;

	if (!json_is_object(j))
		return bad(v, "must be an object");
	if ((r->flags & NON_EMPTY) && !json_object_size(j))
		return bad(v, "must not be empty");
	if (r->max && json_object_size(j) > r->max)
		return bad(v, "has more than %g entries", r->max);
	json_object_foreach(j, key, e) {
		if (!*key || hc_has_control(key))
			return bad(v, "keys must be non-empty names without control characters");
		at = push_key(v, key);
		if (r->type == V_PARAMS && check_param(v, e))
			return -1;
		if (r->type == V_MAP && check_obj(v, r->arg, e))
			return -1;
		v->at[at] = '\0';
	}
	return 0;
}

static int check_list(struct vctx *v, const struct vobj *t, json_t *j)
{
	size_t i, at;
	json_t *e;

	if (!json_is_array(j))
		return bad(v, "must be an array");
	json_array_foreach(j, i, e) {
		at = push_index(v, i);
		if (check_obj(v, t, e))
			return -1;
		v->at[at] = '\0';
	}
	return 0;
}

static int check_value(struct vctx *v, const struct vrule *r, json_t *j)
{
	switch (r->type) {
	case V_NAME:
	case V_STR:
		return check_string(v, j, r->type == V_NAME);
	case V_TEXTS:
		return check_texts(v, j);
	case V_COMMAND:
		return json_is_string(j) ? 0 : check_texts(v, j);
	case V_NUM:
		return check_num(v, r, j);
	case V_COUNT:
		return check_count(v, r, j);
	case V_COUNTS:
		return check_counts(v, r, j);
	case V_BOOL:
		return json_is_boolean(j) ? 0 : bad(v, "must be true or false");
	case V_ENUM:
		return check_enum(v, j, r->arg);
	case V_CI:
		return check_ci(v, j);
	case V_VALUES:
		return check_values(v, j);
	case V_OBJ:
		return check_obj(v, r->arg, j);
	case V_LIST:
		return check_list(v, r->arg, j);
	case V_MAP:
	case V_PARAMS:
		return check_map(v, r, j);
	}
	return bad(v, "unknown rule");
}

static int check_obj(struct vctx *v, const struct vobj *t, json_t *o)
{
	bool skipped = json_object_get(o, "skipped") != NULL;
	const struct vrule *r;
	json_t *j;
	size_t at;

	if (!json_is_object(o))
		return bad(v, "must be an object");
	for (r = t->rules; r->key; r++) {
		j = json_object_get(o, r->key);
		at = push_key(v, r->key);
		if (!j && ((r->flags & REQUIRED) || ((r->flags & MEASURED) && !skipped)))
			return bad(v, "missing");
		if (j && !((r->flags & NULLABLE) && json_is_null(j)) && check_value(v, r, j))
			return -1;
		v->at[at] = '\0';
	}
	return t->check ? t->check(v, o) : 0;
}

/* Every metric has one value per kept sample: "samples" is the count of each "values". */
static int check_row(struct vctx *v, json_t *o)
{
	json_t *samples = json_object_get(o, "samples"), *m;
	const char *key;
	size_t at;

	json_object_foreach(json_object_get(o, "metrics"), key, m) {
		size_t n = json_array_size(json_object_get(m, "values"));

		at = push_key(v, "metrics");
		push_key(v, key);
		push_key(v, "values");
		if (!samples)
			return bad(v, "present but the row has no \"samples\"");
		if ((json_int_t)n != json_integer_value(samples))
			return bad(v, "has %zu entries, \"samples\" says %" JSON_INTEGER_FORMAT
				       " (values-per-sample)", n, json_integer_value(samples));
		v->at[at] = '\0';
	}
	return 0;
}

static const struct vobj metric = {
	.rules = (const struct vrule[]) {
		{ "median", V_NUM, REQUIRED },
		{ "values", V_VALUES, REQUIRED },
		{ "mad", V_NUM, RANGE, NULL, 0, HUGE_VAL },
		{ "min", V_NUM },
		{ "mean", V_NUM },
		{ "stddev", V_NUM, RANGE, NULL, 0, HUGE_VAL },
		{ "cv", V_NUM },
		{ "ci", V_CI },
		{ "ci_level", V_NUM, RANGE | ABOVE_MIN | NOT_NULL, NULL, 0, 1 },
		{ "ci_coverage", V_NUM, RANGE, NULL, 0, 1 },
		{ "ci95", V_CI },
		{ "multiplexed_samples", V_COUNT, RANGE, NULL, 0, COUNT_MAX },
		{ NULL }
	},
};

static const struct vobj overhead = {
	.rules = (const struct vrule[]) {
		{ "per_sample", V_NUM },
		{ "per_iteration", V_NUM },
		{ NULL }
	},
};

static const char *const countings[] = { "user", "user+kernel", NULL };

static const struct vobj interruptions = {
	.rules = (const struct vrule[]) {
		{ "remeasured", V_COUNT, REQUIRED | RANGE, NULL, 0, COUNT_MAX },
		{ "kept", V_COUNT, REQUIRED | RANGE, NULL, 0, COUNT_MAX },
		{ NULL }
	},
};

static const struct vobj result = {
	.rules = (const struct vrule[]) {
		{ "suite", V_NAME, REQUIRED },
		{ "case", V_NAME, REQUIRED },
		{ "gate", V_ENUM, REQUIRED, gates },
		{ "config", V_ENUM, REQUIRED, configs },
		{ "params", V_PARAMS, 0, NULL, 0, HC_MAX_PARAMS },
		{ "samples", V_COUNT, MEASURED | RANGE, NULL, 1, COUNT_MAX },
		{ "iterations", V_COUNT, MEASURED },
		{ "counting", V_ENUM, 0, countings },
		{ "exact", V_BOOL },
		{ "interruptions", V_OBJ, NULLABLE, &interruptions },
		{ "metrics", V_MAP, MEASURED | NON_EMPTY, &metric, 0, HC_MAX_COUNTERS },
		{ "overhead", V_MAP, 0, &overhead, 0, HC_MAX_COUNTERS },
		{ "skipped", V_STR },
		{ NULL }
	},
	.check = check_row,
};

/* One interval at least: "ci" (hookcost-result/2) or "ci95" (/1). */
static int check_comparison(struct vctx *v, json_t *o)
{
	if (!json_object_get(o, "ci") && !json_object_get(o, "ci95"))
		return bad(v, "has neither \"ci\" nor \"ci95\"");
	return 0;
}

/*
 * The rows of /1, /2 and /3 alike; V2 is REQUIRED from /2 on (the fields of the paired,
 * three-way analysis), optional in a /1 file, which has none of them; V3 likewise from /3 on
 * (named families, margin floors).
 */
#define COMPARISON_RULES(V2, V3)							\
	{ "suite", V_NAME, REQUIRED },							\
	{ "case", V_NAME, REQUIRED },							\
	{ "gate", V_ENUM, REQUIRED, gates },						\
	{ "params", V_PARAMS, 0, NULL, 0, HC_MAX_PARAMS },				\
	{ "base", V_ENUM, REQUIRED, configs },						\
	{ "other", V_ENUM, REQUIRED, configs },						\
	{ "metric", V_NAME, REQUIRED },							\
	{ "delta", V_NUM, REQUIRED },							\
	{ "ci95", V_CI },								\
	{ "rel_change", V_NUM },							\
	{ "p_value", V_NUM, REQUIRED | RANGE, NULL, 0, 1 },				\
	{ "verdict", V_STR, REQUIRED },							\
	{ "test", V_ENUM, V2, tests },							\
	{ "paired", V_BOOL, V2 },							\
	{ "ci", V_CI, V2 },								\
	{ "n", V_COUNTS, V2 | RANGE, NULL, 1, COUNT_MAX },				\
	{ "ci_level", V_NUM, V2 | RANGE | ABOVE_MIN | NOT_NULL, NULL, 0, 1 },		\
	{ "ci_coverage", V_NUM, V2 | RANGE, NULL, 0, 1 },				\
	{ "tost_ci", V_CI, V2 },							\
	{ "tost_coverage", V_NUM, V2 | RANGE, NULL, 0, 1 },				\
	{ "p_adjusted", V_NUM, V2 | RANGE, NULL, 0, 1 },				\
	{ "q_value", V_NUM, V2 | RANGE, NULL, 0, 1 },					\
	{ "family", V_COUNT, V2 | RANGE, NULL, 1, COUNT_MAX },				\
	{ "margin", V_NUM, V2 },							\
	{ "family_name", V_ENUM, V3, hc_family_names },				\
	{ "family_alpha", V_NUM, V3 | RANGE, NULL, 0, 1 },				\
	{ "margin_floor", V_NUM, V3 },							\
	{ "margin_origin", V_ENUM, V3, hc_margin_origin_names },				\
	{ "verdict_kind", V_ENUM, V2, hc_verdict_kind_names },					\
	{ "needed_n", V_NUM },								\
	{ "multiplexed", V_BOOL },							\
	{ NULL }

static const struct vobj comparison_v1 = {
	.rules = (const struct vrule[]) { COMPARISON_RULES(0, 0) },
	.check = check_comparison,
};

static const struct vobj comparison_v2 = {
	.rules = (const struct vrule[]) { COMPARISON_RULES(REQUIRED, 0) },
	.check = check_comparison,
};

static const struct vobj comparison = {
	.rules = (const struct vrule[]) { COMPARISON_RULES(REQUIRED, REQUIRED) },
	.check = check_comparison,
};

/* The context's bounds, as the schema's $defs context_* state them. */
#define HC_CONTEXT_DEPTH	3	/* objects nested in the context, itself included */
#define HC_CONTEXT_MAX_ITEMS	256	/* items of an array */
#define HC_CONTEXT_MAX_STRING	4096	/* characters of a string */
#define HC_CONTEXT_MAX_KEY	64	/* characters of a key */

/* Characters (code points, as the schema's maxLength counts them) of a UTF-8 string. */
static size_t utf8_length(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* A string, number, boolean or null: a leaf of the context, or an item of a leaf array. */
static int check_context_scalar(struct vctx *v, json_t *j)
{
	if (json_is_string(j) && utf8_length(json_string_value(j)) > HC_CONTEXT_MAX_STRING)
		return bad(v, "longer than %u characters", HC_CONTEXT_MAX_STRING);
	if (json_is_object(j) || json_is_array(j))
		return bad(v, "must be a string, number, boolean or null");
	return 0;
}

/*
 * The context is free-form but bounded (what two runs' contexts cost to compare grows with
 * it): objects nested HC_CONTEXT_DEPTH deep at most, ctx_props[depth] keys each, leaves
 * that are scalars or short arrays of scalars.
 */
static const unsigned int ctx_props[HC_CONTEXT_DEPTH] = { 64, 32, 16 };

static int check_context_value(struct vctx *v, json_t *j, unsigned int depth)
{
	const char *key;
	size_t i, at;
	json_t *e;

	if (json_is_array(j)) {
		if (json_array_size(j) > HC_CONTEXT_MAX_ITEMS)
			return bad(v, "more than %u items", HC_CONTEXT_MAX_ITEMS);
		json_array_foreach(j, i, e) {
			at = push_index(v, i);
			if (check_context_scalar(v, e))
				return -1;
			v->at[at] = '\0';
		}
		return 0;
	}
	if (!json_is_object(j))
		return check_context_scalar(v, j);
	if (depth == HC_CONTEXT_DEPTH)
		return bad(v, "nested deeper than %u objects", HC_CONTEXT_DEPTH);
	if (json_object_size(j) > ctx_props[depth])
		return bad(v, "more than %u keys", ctx_props[depth]);
	json_object_foreach(j, key, e) {
		if (!*key || utf8_length(key) > HC_CONTEXT_MAX_KEY)
			return bad(v, "keys must have 1 to %u characters", HC_CONTEXT_MAX_KEY);
		at = push_key(v, key);
		if (check_context_value(v, e, depth + 1))
			return -1;
		v->at[at] = '\0';
	}
	return 0;
}

static int check_context(struct vctx *v, json_t *o)
{
	return check_context_value(v, o, 0);
}

/* Free-form apart from these: its strings are shown escaped, never interpreted. */
static const struct vobj context = {
	.rules = (const struct vrule[]) {
		{ "command", V_COMMAND },
		{ "warnings", V_TEXTS },
		{ NULL }
	},
	.check = check_context,
};

#define ROOT_RULES(COMPARISON)							\
	{ "schema", V_ENUM, REQUIRED, schemas },					\
	{ "context", V_OBJ, REQUIRED, &context },					\
	{ "samples_csv", V_STR },							\
	{ "results", V_LIST, REQUIRED, &result },					\
	{ "comparisons", V_LIST, 0, &COMPARISON },					\
	{ "complete", V_BOOL, REQUIRED },						\
	{ NULL }

static const struct vobj root = { .rules = (const struct vrule[]) { ROOT_RULES(comparison) } };
static const struct vobj root_v2 = {
	.rules = (const struct vrule[]) { ROOT_RULES(comparison_v2) },
};
static const struct vobj root_v1 = {
	.rules = (const struct vrule[]) { ROOT_RULES(comparison_v1) },
};

/* The rules of a file of that schema (a string, or NULL: the rest of the check says why). */
static const struct vobj *schema_root(const char *schema)
{
	if (schema && !strcmp(schema, HC_RESULT_SCHEMA_V1))
		return &root_v1;
	if (schema && !strcmp(schema, HC_RESULT_SCHEMA_V2))
		return &root_v2;
	return &root;
}

int hc_result_validate(const char *path, json_t *root_json)
{
	struct vctx v = { .file = path };
	json_t *schema = json_object_get(root_json, "schema");

	abi_lists();
	if (!json_is_object(root_json) || !schema)
		return hc_usage_err("%s: not a hookcost result (no \"schema\" key)", path);
	if (json_is_string(schema) && check_enum(&v, schema, schemas))
		return hc_usage_err("%s: schema \"%.64s\" is not supported (this hookcost reads "
				    "%s, %s and %s)", path, json_string_value(schema),
				    HC_RESULT_SCHEMA, HC_RESULT_SCHEMA_V2, HC_RESULT_SCHEMA_V1);
	if (check_obj(&v, schema_root(json_string_value(schema)), root_json))
		return -1;
	return hc_validate_rules(path, root_json);
}
