// SPDX-License-Identifier: GPL-2.0
/* The JSON summary of a run, schema hookcost-result/2 (data/hookcost-result.schema.json). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "output/output.h"

/* JSON has no NaN or infinity: an undefined number is null. */
static json_t *num(double x)
{
	return isfinite(x) ? json_real(x) : json_null();
}

static json_t *pair_of(double lo, double hi)
{
	json_t *a = json_array();

	json_array_append_new(a, num(lo));
	json_array_append_new(a, num(hi));
	return a;
}

json_t *hc_vid_params_json(const struct hc_vid *id)
{
	json_t *o = json_object();

	for (unsigned int i = 0; i < id->params.nr; i++)
		json_object_set_new(o, id->params.p[i].name, json_integer(id->params.p[i].value));
	return o;
}

/* A comparison names its two configurations itself, as "base" and "other". */
static void set_variant(json_t *o, const struct hc_vid *id, bool with_config)
{
	json_object_set_new(o, "suite", json_string(id->suite));
	json_object_set_new(o, "case", json_string(id->name));
	json_object_set_new(o, "gate", json_string(hc_gate_names[id->gate]));
	if (with_config)
		json_object_set_new(o, "config", json_string(hc_config_names[id->config]));
	json_object_set_new(o, "params", hc_vid_params_json(id));
}

static json_t *metric_json(const struct hc_result *r, unsigned int m)
{
	const struct hc_msummary *s = &r->summary[m];
	json_t *o = json_object(), *values = json_array();

	json_object_set_new(o, "median", num(s->median));
	json_object_set_new(o, "mad", num(s->mad));
	json_object_set_new(o, "min", num(s->min));
	json_object_set_new(o, "mean", num(s->mean));
	json_object_set_new(o, "stddev", num(s->stddev));
	json_object_set_new(o, "cv", num(s->cv));
	json_object_set_new(o, "ci", pair_of(s->ci_lo, s->ci_hi));
	json_object_set_new(o, "ci_level", num(s->level));
	json_object_set_new(o, "ci_coverage", num(s->coverage));
	for (unsigned int i = 0; i < r->nr_samples; i++)
		json_array_append_new(values, num(r->per_op[m][i]));
	json_object_set_new(o, "values", values);
	json_object_set_new(o, "multiplexed_samples", json_integer(s->multiplexed));
	return o;
}

static json_t *result_json(const struct hc_run *run, const struct hc_result *r)
{
	json_t *o = json_object(), *metrics, *overhead;

	set_variant(o, &r->id, true);
	if (r->skip_reason) {
		json_object_set_new(o, "skipped", json_string(r->skip_reason));
		return o;
	}
	json_object_set_new(o, "samples", json_integer(r->nr_samples));
	json_object_set_new(o, "iterations", json_integer(r->iterations));
	json_object_set_new(o, "counting", json_string(r->user_only ? "user" : "user+kernel"));
	json_object_set_new(o, "exact", json_boolean(r->exact));
	/* Looked for only where counts are exact. */
	json_object_set_new(o, "interruptions", !r->exact ? json_null() :
		json_pack("{s:i,s:i}", "remeasured", (json_int_t)r->remeasured, "kept",
			  (json_int_t)r->interrupted));
	metrics = json_object();
	overhead = json_object();
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		json_t *ov;

		if (!hc_result_has(r, m))
			continue;
		ov = json_object();

		json_object_set_new(metrics, run->metric[m], metric_json(r, m));
		json_object_set_new(ov, "per_sample", num(r->overhead_fixed[m]));
		json_object_set_new(ov, "per_iteration", num(r->overhead_per_iter[m]));
		json_object_set_new(overhead, run->metric[m], ov);
	}
	json_object_set_new(o, "metrics", metrics);
	json_object_set_new(o, "overhead", overhead);
	return o;
}

static json_t *comparison_json(const struct hc_comparison *c)
{
	json_t *o = json_object();

	set_variant(o, &c->base->id, false);
	json_object_set_new(o, "base", json_string(hc_config_names[c->base->id.config]));
	json_object_set_new(o, "other", json_string(hc_config_names[c->other->id.config]));
	json_object_set_new(o, "metric", json_string(c->metric));
	json_object_set_new(o, "test", json_string(c->method));
	json_object_set_new(o, "paired", json_boolean(c->paired));
	json_object_set_new(o, "n", json_pack("[i, i]", c->n_base, c->n_other));
	json_object_set_new(o, "delta", num(c->estimate));
	json_object_set_new(o, "ci", pair_of(c->ci_lo, c->ci_hi));
	json_object_set_new(o, "ci_level", num(c->level));
	json_object_set_new(o, "ci_coverage", num(c->coverage));
	json_object_set_new(o, "tost_ci", pair_of(c->tost_lo, c->tost_hi));
	json_object_set_new(o, "tost_coverage", num(c->tost_coverage));
	json_object_set_new(o, "rel_change", num(c->rel_change));
	json_object_set_new(o, "p_value", num(c->p));
	json_object_set_new(o, "p_adjusted", num(c->p_adjusted));
	json_object_set_new(o, "q_value", num(c->q));
	json_object_set_new(o, "family", json_integer(c->family));
	json_object_set_new(o, "margin", num(c->margin));
	json_object_set_new(o, "verdict_kind", json_string(hc_verdict_kind_name(c->verdict)));
	json_object_set_new(o, "needed_n", num(c->needed_n));
	json_object_set_new(o, "multiplexed", json_boolean(c->multiplexed));
	json_object_set_new(o, "verdict", json_string(c->text));
	return o;
}

json_t *hc_run_to_json(const struct hc_run *run)
{
	json_t *root = json_object(), *results = json_array(), *cmps = json_array();

	json_object_set_new(root, "schema", json_string(HC_RESULT_SCHEMA));
	json_object_set(root, "context", run->context ? run->context : json_object());
	for (unsigned int i = 0; i < run->nr_results; i++)
		json_array_append_new(results, result_json(run, &run->results[i]));
	json_object_set_new(root, "results", results);
	for (unsigned int i = 0; i < run->nr_cmps; i++)
		json_array_append_new(cmps, comparison_json(&run->cmps[i]));
	json_object_set_new(root, "comparisons", cmps);
	json_object_set_new(root, "complete", json_boolean(run->complete));
	return root;
}

int hc_output_json(const struct hc_run *run, const char *path)
{
	json_t *root = hc_run_to_json(run);
	char *text = json_dumps(root, JSON_INDENT(1) | JSON_REAL_PRECISION(17));
	int ret;

	json_decref(root);
	if (!text)
		return hc_err("out of memory rendering JSON");
	ret = hc_write_atomic(path, text, strlen(text));
	free(text);
	return ret;
}
