// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/groups.h"
#include "analysis/analysis.h"
#include "base/error.h"
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

/* "ci" (hookcost-result/2) or "ci95" (/1). */
static int get_ci(const struct where *w, json_t *o, bool required, double *lo, double *hi)
{
	const char *key = json_object_get(o, "ci") ? "ci" : "ci95";
	json_t *v = json_object_get(o, key);

	*lo = *hi = NAN;
	if (!v && !required)
		return 0;
	if (!json_is_array(v) || json_array_size(v) != 2 ||
	    num_or_null(json_array_get(v, 0), lo) || num_or_null(json_array_get(v, 1), hi))
		return bad(w, !strcmp(key, "ci") ? "\"ci\" must be [lo, hi]" :
				"\"ci95\" must be [lo, hi]");
	return 0;
}

/* "ci_level": 0.95 when absent (hookcost-result/1 knew no other). */
static int get_level(const struct where *w, json_t *o, double *level)
{
	if (get_optional(w, o, "ci_level", level))
		return -1;
	if (isnan(*level))
		*level = 0.95;
	return 0;
}

/* The elements of a [lo, hi] array that may be absent (NAN, NAN). */
static int get_pair(const struct where *w, json_t *o, const char *key, double *lo, double *hi)
{
	json_t *v = json_object_get(o, key);
	char msg[64];

	*lo = *hi = NAN;
	if (!v)
		return 0;
	if (json_is_array(v) && json_array_size(v) == 2 &&
	    !num_or_null(json_array_get(v, 0), lo) && !num_or_null(json_array_get(v, 1), hi))
		return 0;
	snprintf(msg, sizeof(msg), "\"%s\" must be [lo, hi]", key);
	return bad(w, msg);
}

/* Index of name in names[nr], or -1. */
static int name_index(const char *const *names, int nr, const char *name)
{
	for (int i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return i;
	return -1;
}

static int get_gate(const struct where *w, json_t *o, enum hc_gate *gate)
{
	const char *s;
	int i;

	if (get_string(w, o, "gate", true, &s))
		return -1;
	i = name_index(hc_gate_names, HC_GATE__NR, s);
	if (i < 0)
		return bad(w, "\"gate\" must be none, static, branch, indirect or field");
	*gate = i;
	return 0;
}

static int get_config(const struct where *w, json_t *o, const char *key, enum hc_config *config)
{
	char msg[96];
	const char *s;
	int i;

	if (get_string(w, o, key, true, &s))
		return -1;
	i = name_index(hc_config_names, HC_CONFIG__NR, s);
	if (i >= 0) {
		*config = i;
		return 0;
	}
	snprintf(msg, sizeof(msg), "\"%s\" must be none, off, unused, bystander or active", key);
	return bad(w, msg);
}

/*
 * A parameter as the long it is held in: an integer as it is, a real only when whole and
 * inside long's range (converting one outside it is undefined).
 */
static int param_value(json_t *v, long *out)
{
	double d;

	if (json_is_integer(v)) {
		*out = json_integer_value(v);
		return 0;
	}
	d = json_is_real(v) ? json_real_value(v) : NAN;
	if (!(d >= -0x1p63 && d < 0x1p63) || d != trunc(d))
		return -1;
	*out = (long)d;
	return 0;
}

static int get_params(const struct where *w, json_t *o, struct hc_params *p)
{
	json_t *params = json_object_get(o, "params"), *v;
	const char *key;

	p->nr = 0;
	if (!params)
		return 0;
	if (!json_is_object(params))
		return bad(w, "\"params\" must be an object");
	json_object_foreach(params, key, v) {
		if (p->nr == HC_MAX_PARAMS)
			return bad(w, "\"params\" has too many entries");
		p->p[p->nr].name = key;
		if (param_value(v, &p->p[p->nr++].value))
			return bad(w, "\"params\" values must be whole numbers of 64 bits");
	}
	return 0;
}

/* Suite, case, gate and parameters: what a result and a comparison both name. */
static int get_vid(const struct where *w, json_t *o, struct hc_vid *id)
{
	if (!json_is_object(o))
		return bad(w, "must be an object");
	return get_string(w, o, "suite", true, &id->suite) ||
	       get_string(w, o, "case", true, &id->name) ||
	       get_gate(w, o, &id->gate) || get_params(w, o, &id->params);
}

/* The index of metric name in run, added if new. */
static int metric_index(const struct where *w, struct hc_run *run, const char *name)
{
	int m = name_index(run->metric, run->nr_metrics, name);
	char msg[64];

	if (m >= 0)
		return m;
	if (run->nr_metrics == HC_MAX_COUNTERS) {
		snprintf(msg, sizeof(msg), "more than %d metrics in the file (metric-count)",
			 HC_MAX_COUNTERS);
		return bad(w, msg);
	}
	run->metric[run->nr_metrics] = name;
	return run->nr_metrics++;
}

static int load_values(const struct where *w, json_t *m, struct hc_result *r, unsigned int mi)
{
	json_t *vals = json_object_get(m, "values");
	char msg[96];

	if (!json_is_array(vals) || !json_array_size(vals))
		return bad(w, "\"values\" must be a non-empty array of per-op samples");
	if (json_array_size(vals) != r->nr_samples) {
		snprintf(msg, sizeof(msg), "\"values\" has %zu entries, \"samples\" says %u",
			 json_array_size(vals), r->nr_samples);
		return bad(w, msg);
	}
	r->per_op[mi] = calloc(r->nr_samples, sizeof(double));
	if (!r->per_op[mi])
		return hc_err("out of memory");
	for (unsigned int i = 0; i < r->nr_samples; i++) {
		json_t *v = json_array_get(vals, i);

		if (!json_is_number(v))
			return bad(w, "\"values\" must hold only numbers");
		r->per_op[mi][i] = json_number_value(v);
	}
	return 0;
}

static int load_metric(struct where *w, struct hc_run *run, const char *name, json_t *m,
		       struct hc_result *r)
{
	int mi = metric_index(w, run, name);
	struct hc_summary *s;
	json_t *mux;

	if (mi < 0)
		return -1;
	if (!json_is_object(m))
		return bad(w, "must be an object");
	s = &r->summary[mi];
	s->n = r->nr_samples;
	if (get_number(w, m, "median", &s->median) ||
	    get_ci(w, m, false, &s->ci_lo, &s->ci_hi) || get_level(w, m, &s->level) ||
	    get_optional(w, m, "ci_coverage", &s->coverage) ||
	    get_optional(w, m, "mad", &s->mad) || get_optional(w, m, "min", &s->min) ||
	    get_optional(w, m, "mean", &s->mean) || get_optional(w, m, "stddev", &s->stddev) ||
	    get_optional(w, m, "cv", &s->cv))
		return -1;
	mux = json_object_get(m, "multiplexed_samples");
	if (mux && (!json_is_integer(mux) || json_integer_value(mux) < 0))
		return bad(w, "\"multiplexed_samples\" must be a non-negative integer");
	s->multiplexed = json_integer_value(mux);
	r->metrics |= 1u << mi;
	return load_values(w, m, r, mi);
}

/* The harness cost of each metric the result has. */
static int load_overhead(const struct where *w, const struct hc_run *run, json_t *o,
			 struct hc_result *r)
{
	json_t *overhead = json_object_get(o, "overhead"), *v;
	const char *key;

	if (overhead && !json_is_object(overhead))
		return bad(w, "\"overhead\" must be an object");
	json_object_foreach(overhead, key, v) {
		int m = hc_result_metric(run, r, key);

		if (m < 0)
			continue;
		if (!json_is_object(v) ||
		    get_optional(w, v, "per_sample", &r->overhead_fixed[m]) ||
		    get_optional(w, v, "per_iteration", &r->overhead_per_iter[m]))
			return bad(w, "\"overhead\" must map metrics to per_sample, per_iteration");
	}
	return 0;
}

/*
 * Counting scope and exactness, as the validator let them through. Absent (a /1 file, or a /2
 * file older than them): counted user+kernel, not exact, no interruption looked for.
 */
static void load_scope(json_t *o, struct hc_result *r)
{
	json_t *counting = json_object_get(o, "counting");
	json_t *irq = json_object_get(o, "interruptions");

	r->user_only = json_is_string(counting) && !strcmp(json_string_value(counting), "user");
	r->exact = json_is_true(json_object_get(o, "exact"));
	r->remeasured = json_integer_value(json_object_get(irq, "remeasured"));
	r->interrupted = json_integer_value(json_object_get(irq, "kept"));
}

static int load_result(struct where *w, json_t *o, struct hc_run *run, struct hc_result *r)
{
	size_t at = strlen(w->at);
	const char *key, *skipped;
	json_t *metrics, *m, *v;

	if (get_vid(w, o, &r->id) || get_config(w, o, "config", &r->id.config) ||
	    get_string(w, o, "skipped", false, &skipped))
		return -1;
	if (skipped) {
		r->skip_reason = strdup(skipped);
		return r->skip_reason ? 0 : hc_err("out of memory");
	}
	v = json_object_get(o, "samples");
	if (!json_is_integer(v) || json_integer_value(v) < 1)
		return bad(w, "\"samples\" must be a positive integer");
	r->nr_samples = json_integer_value(v);
	v = json_object_get(o, "iterations");
	if (!json_is_integer(v) || json_integer_value(v) < 0)
		return bad(w, "\"iterations\" must be a non-negative integer");
	r->iterations = json_integer_value(v);
	load_scope(o, r);

	metrics = json_object_get(o, "metrics");
	if (!json_is_object(metrics) || !json_object_size(metrics))
		return bad(w, "\"metrics\" must be a non-empty object");
	json_object_foreach(metrics, key, m) {
		snprintf(w->at + at, sizeof(w->at) - at, ".metrics.%s", key);
		if (load_metric(w, run, key, m, r))
			return -1;
	}
	w->at[at] = '\0';
	r->summarized = true;
	return load_overhead(w, run, o, r);
}

/* The measured result of id's group in configuration config, or NULL. */
static const struct hc_result *find_result(const struct hc_groups *g, const struct hc_vid *id,
					   enum hc_config config)
{
	const struct hc_result *r = NULL;

	while ((r = hc_groups_next(g, id, r)))
		if (!r->skip_reason && r->id.config == config)
			return r;
	return NULL;
}

/* The file's verdict and its family, when it has them (hookcost-result/2 on). */
static int load_verdict(const struct where *w, json_t *o, struct hc_comparison *c)
{
	const char *kind = NULL, *family = NULL;

	if (get_string(w, o, "verdict_kind", false, &kind) ||
	    get_string(w, o, "family_name", false, &family) ||
	    get_optional(w, o, "family_alpha", &c->family_alpha))
		return -1;
	for (int k = HC_VERDICT_EQUIVALENT; kind && k <= HC_VERDICT_INCONCLUSIVE; k++)
		if (!strcmp(kind, hc_verdict_kind_name(k))) {
			c->verdict = k;
			c->from_file = true;
		}
	for (unsigned int k = 0; family && hc_family_names[k]; k++)
		if (!strcmp(family, hc_family_names[k]))
			c->family_name = hc_family_names[k];
	return 0;
}

/*
 * What the verdict is judged from, as far as the file has it: a hookcost-result/1 file has
 * no test name (it was Mann-Whitney), adjusted p, interval coverage nor margin.
 */
static int load_judged(const struct where *w, json_t *o, struct hc_comparison *c)
{
	json_t *paired = json_object_get(o, "paired"), *family = json_object_get(o, "family");
	const char *test = NULL;

	if (get_string(w, o, "test", false, &test) || get_level(w, o, &c->level) ||
	    get_optional(w, o, "ci_coverage", &c->coverage) ||
	    get_pair(w, o, "tost_ci", &c->tost_lo, &c->tost_hi) ||
	    get_optional(w, o, "tost_coverage", &c->tost_coverage) ||
	    get_optional(w, o, "p_adjusted", &c->p_adjusted) ||
	    get_optional(w, o, "q_value", &c->q) || get_optional(w, o, "margin", &c->margin) ||
	    get_optional(w, o, "needed_n", &c->needed_n))
		return -1;
	if ((paired && !json_is_boolean(paired)) || (family && !json_is_integer(family)))
		return bad(w, "\"paired\" must be true or false, \"family\" an integer");
	c->method = test ? test : "mann-whitney";
	c->paired = json_is_true(paired);
	c->family = json_integer_value(family);
	return load_verdict(w, o, c);
}

/* A comparison as the JSON writer wrote it; its verdict is judged again by the analysis. */
static int load_comparison(const struct where *w, json_t *o, const struct hc_run *run,
			   const struct hc_groups *g, struct hc_comparison *c)
{
	enum hc_config base, other;
	const char *metric, *text;
	struct hc_vid id;
	int m;

	if (get_vid(w, o, &id) || get_config(w, o, "base", &base) ||
	    get_config(w, o, "other", &other) || get_string(w, o, "metric", true, &metric) ||
	    get_string(w, o, "verdict", true, &text) ||
	    get_number(w, o, "delta", &c->estimate) || get_number(w, o, "p_value", &c->p) ||
	    get_optional(w, o, "rel_change", &c->rel_change) ||
	    get_ci(w, o, true, &c->ci_lo, &c->ci_hi))
		return -1;
	c->base = find_result(g, &id, base);
	c->other = find_result(g, &id, other);
	if (!c->base || !c->other)
		return bad(w, "no measured results of its two configurations (compared-measured)");
	m = hc_result_metric(run, c->base, metric);
	if (m < 0 || hc_result_metric(run, c->other, metric) != m)
		return bad(w, "\"metric\" is not measured in both configurations "
			   "(compared-measured)");
	c->metric = run->metric[m];
	c->n_base = c->base->nr_samples;
	c->n_other = c->other->nr_samples;
	c->base_median = c->base->summary[m].median;
	c->other_median = c->other->summary[m].median;
	if (load_judged(w, o, c))
		return -1;
	c->multiplexed = c->base->summary[m].multiplexed || c->other->summary[m].multiplexed;
	snprintf(c->text, sizeof(c->text), "%s", text);
	return 0;
}

static int load_comparisons(struct where *w, json_t *cmps, struct hc_run *run)
{
	struct hc_groups *g;
	json_t *c;
	size_t i;
	int ret = 0;

	if (!cmps)
		return 0;
	if (!json_is_array(cmps))
		return hc_usage_err("%s: \"comparisons\" must be an array", w->path);
	run->cmps = calloc(json_array_size(cmps) + 1, sizeof(*run->cmps));
	g = hc_groups_new(run);
	if (!run->cmps || !g) {
		hc_groups_free(g);
		return hc_err("out of memory");
	}
	json_array_foreach(cmps, i, c) {
		snprintf(w->at, sizeof(w->at), "comparisons[%zu]", i);
		ret = load_comparison(w, c, run, g, &run->cmps[run->nr_cmps++]);
		if (ret)
			break;
	}
	hc_groups_free(g);
	return ret;
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
	case json_error_numeric_overflow:
		return hc_usage_err("%s: an integer outside 64 bits (line %d, column %d; write it "
				    "with a fraction or an exponent) (integer-syntax)", path,
				    jerr.line, jerr.column);
	default:
		return hc_usage_err("%s: not a JSON file (line %d, column %d: %s)", path,
				    jerr.line, jerr.column, jerr.text);
	}
}

static int load_results(struct where *w, json_t *results, struct hc_run *run)
{
	unsigned int measured = 0;
	size_t i;

	if (!json_is_array(results))
		return bad(w, "\"results\" must be an array");
	if (!json_array_size(results))
		return hc_usage_err("%s: empty result (no results)", w->path);
	for (i = 0; i < json_array_size(results); i++) {
		struct hc_result *r = hc_run_append(run);

		if (!r)
			return hc_err("out of memory");
		snprintf(w->at, sizeof(w->at), "results[%zu]", i);
		if (load_result(w, json_array_get(results, i), run, r))
			return -1;
		measured += !r->skip_reason;
	}
	w->at[0] = '\0';
	if (!measured)
		return hc_usage_err("%s: empty result (every variant was skipped)", w->path);
	return 0;
}

int hc_run_load(const char *path, struct hc_run *run)
{
	struct where w = { .path = path };
	json_t *alpha;

	hc_run_init(run);
	run->path = path;
	/* The validator has checked the schema, the context and complete: used as they are. */
	if (read_json(path, &run->doc) || hc_result_validate(path, run->doc))
		return -1;
	run->context = json_incref(json_object_get(run->doc, "context"));
	run->complete = json_is_true(json_object_get(run->doc, "complete"));
	alpha = json_object_get(json_object_get(run->context, "method"), "alpha");
	run->alpha = json_is_number(alpha) ? json_number_value(alpha) : NAN;

	if (load_results(&w, json_object_get(run->doc, "results"), run) ||
	    load_comparisons(&w, json_object_get(run->doc, "comparisons"), run))
		return -1;
	if (!run->complete)
		hc_warn("%s: the run was interrupted; it holds only the cases that finished", path);
	return 0;
}

static const char *find_metric(const struct hc_run *runs, unsigned int nr_runs,
			       const char *name, size_t len)
{
	for (unsigned int i = 0; i < nr_runs; i++)
		for (unsigned int m = 0; m < runs[i].nr_metrics; m++) {
			const char *s = runs[i].metric[m];

			if (strlen(s) == len && !strncmp(s, name, len))
				return s;
		}
	return NULL;
}

int hc_runs_metrics(const char *spec, const struct hc_run *runs, unsigned int nr_runs,
		    const char **out, unsigned int max)
{
	static const char *const primary[] = { "instructions", "cycles" };
	const struct hc_result *first = NULL;
	unsigned int nr = 0, i;

	if (spec) {
		while (*spec) {
			size_t len = strcspn(spec, ",");
			const char *m = find_metric(runs, nr_runs, spec, len);

			if (!m)
				return hc_usage_err("--metric: no metric \"%.*s\" in the results",
						    (int)len, spec);
			for (i = 0; i < nr; i++)
				if (out[i] == m)
					return hc_usage_err("--metric: %s given twice", m);
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
		const char *m = find_metric(runs, nr_runs, primary[i], strlen(primary[i]));

		if (m && nr < max)
			out[nr++] = m;
	}
	if (nr)
		return nr;
	for (i = 0; !first && i < runs[0].nr_results; i++)
		if (!runs[0].results[i].skip_reason)
			first = &runs[0].results[i];
	for (i = 0; i < runs[0].nr_metrics && nr < max; i++)
		if (hc_result_has(first, i))
			out[nr++] = runs[0].metric[i];
	return nr;
}
