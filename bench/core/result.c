// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/result.h"

void hc_run_init(struct hc_run *run)
{
	memset(run, 0, sizeof(*run));
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
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		free(r->per_op[m]);
		free(r->raw[m]);
	}
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

void hc_run_free(struct hc_run *run)
{
	for (unsigned int i = 0; i < run->nr_results; i++) {
		struct hc_result *r = &run->results[i];

		for (unsigned int m = 0; m < run->nr_metrics; m++) {
			free(r->per_op[m]);
			free(r->raw[m]);
		}
		free(r->multiplexed);
		free(r->skip_reason);
	}
	free(run->results);
	json_decref(run->context);
	memset(run, 0, sizeof(*run));
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

int hc_run_pairs(const struct hc_run *run, struct hc_pair **pairs)
{
	unsigned int n = 0, cap = 0;
	struct hc_pair *p = NULL;

	for (unsigned int i = 0; i < run->nr_results; i++) {
		const struct hc_result *a = &run->results[i];

		if (a->skip_reason || a->v.config == HC_CONFIG_NONE)
			continue;
		for (unsigned int j = 0; j < run->nr_results; j++) {
			const struct hc_result *b = &run->results[j];

			if (b->skip_reason || b->v.config <= a->v.config ||
			    !hc_result_same_group(a, b))
				continue;
			if (n == cap) {
				struct hc_pair *np;

				cap = cap ? 2 * cap : 32;
				np = realloc(p, cap * sizeof(*np));
				if (!np) {
					free(p);
					return -1;
				}
				p = np;
			}
			p[n].base = a;
			p[n].other = b;
			n++;
		}
	}
	*pairs = p;
	return n;
}
