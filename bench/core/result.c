// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"

void hc_run_init(struct hc_run *run)
{
	memset(run, 0, sizeof(*run));
}

static void result_free(struct hc_run *run, struct hc_result *r)
{
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		free(r->per_op[m]);
		free(r->raw[m]);
	}
	free(r->multiplexed);
	free(r->skip_reason);
}

struct hc_result *hc_run_add(struct hc_run *run, const struct hc_variant *v,
			     unsigned int nr_samples)
{
	struct hc_result *r;

	if (run->nr_results == run->cap_results) {
		unsigned int cap = run->cap_results ? 2 * run->cap_results : 32;
		struct hc_result *n = realloc(run->results, cap * sizeof(*n));

		if (!n)
			return NULL;
		run->results = n;
		run->cap_results = cap;
	}
	r = &run->results[run->nr_results];
	memset(r, 0, sizeof(*r));
	r->v = *v;
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		r->per_op[m] = calloc(nr_samples ? nr_samples : 1, sizeof(double));
		r->raw[m] = calloc(nr_samples ? nr_samples : 1, sizeof(uint64_t));
		if (!r->per_op[m] || !r->raw[m])
			goto fail;
	}
	r->multiplexed = calloc(nr_samples ? nr_samples : 1, sizeof(bool));
	if (!r->multiplexed)
		goto fail;
	run->nr_results++;
	return r;
fail:
	result_free(run, r);
	return NULL;
}

void hc_variant_label(const struct hc_variant *v, char *buf, size_t len)
{
	size_t off = snprintf(buf, len, "%s", v->c->name);

	if (v->gate != HC_GATE_NONE && off < len)
		off += snprintf(buf + off, len - off, "/%s", hc_gate_names[v->gate]);
	if (v->config != HC_CONFIG_NONE && off < len)
		off += snprintf(buf + off, len - off, "/%s", hc_config_names[v->config]);
	for (unsigned int i = 0; i < v->params.nr && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%s=%ld", i ? "," : "/",
				v->params.p[i].name, v->params.p[i].value);
}

void hc_run_truncate(struct hc_run *run, unsigned int from)
{
	while (run->nr_results > from)
		result_free(run, &run->results[--run->nr_results]);
}

void hc_run_free(struct hc_run *run)
{
	hc_run_truncate(run, 0);
	free(run->results);
	free(run->cmps);
	json_decref(run->context);
	memset(run, 0, sizeof(*run));
}

unsigned int hc_result_multiplexed(const struct hc_result *r)
{
	unsigned int n = 0;

	for (unsigned int i = 0; r->multiplexed && i < r->nr_samples; i++)
		n += r->multiplexed[i];
	return n;
}

bool hc_result_same_group(const struct hc_result *a, const struct hc_result *b)
{
	if (a->v.c != b->v.c || a->v.gate != b->v.gate || a->v.params.nr != b->v.params.nr)
		return false;
	for (unsigned int i = 0; i < a->v.params.nr; i++)
		if (a->v.params.p[i].value != b->v.params.p[i].value)
			return false;
	return true;
}
