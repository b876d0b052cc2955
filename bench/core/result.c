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

void hc_run_truncate(struct hc_run *run, unsigned int from)
{
	while (run->nr_results > from)
		result_free(run, &run->results[--run->nr_results]);
}

struct hc_result *hc_run_append(struct hc_run *run)
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
	r = &run->results[run->nr_results++];
	memset(r, 0, sizeof(*r));
	return r;
}

struct hc_result *hc_run_add(struct hc_run *run, const struct hc_variant *v,
			     unsigned int nr_samples)
{
	struct hc_result *r = hc_run_append(run);

	if (!r)
		return NULL;
	hc_vid_of(&r->id, v);
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		r->per_op[m] = calloc(nr_samples ? nr_samples : 1, sizeof(double));
		r->raw[m] = calloc(nr_samples ? nr_samples : 1, sizeof(uint64_t));
		if (!r->per_op[m] || !r->raw[m])
			goto fail;
	}
	r->multiplexed = calloc(nr_samples ? nr_samples : 1, sizeof(bool));
	if (!r->multiplexed)
		goto fail;
	return r;
fail:
	hc_run_truncate(run, run->nr_results - 1);
	return NULL;
}

void hc_run_free(struct hc_run *run)
{
	hc_run_truncate(run, 0);
	free(run->results);
	free(run->cmps);
	json_decref(run->context);
	json_decref(run->doc);
	memset(run, 0, sizeof(*run));
}

unsigned int hc_result_multiplexed(const struct hc_result *r)
{
	unsigned int n = 0;

	for (unsigned int i = 0; r->multiplexed && i < r->nr_samples; i++)
		n += r->multiplexed[i];
	return n;
}

int hc_result_metric(const struct hc_run *run, const struct hc_result *r, const char *name)
{
	for (unsigned int m = 0; m < run->nr_metrics; m++)
		if (hc_result_has(r, m) && !strcmp(run->metric[m], name))
			return m;
	return -1;
}

void hc_vid_of(struct hc_vid *id, const struct hc_variant *v)
{
	id->suite = v->c->suite;
	id->name = v->c->name;
	id->gate = v->gate;
	id->config = v->config;
	id->params = v->params;
}

bool hc_vid_same(const struct hc_vid *a, const struct hc_vid *b, unsigned int parts)
{
	if ((parts & HC_VID_CASE) && (strcmp(a->suite, b->suite) || strcmp(a->name, b->name)))
		return false;
	if ((parts & HC_VID_GATE) && a->gate != b->gate)
		return false;
	if ((parts & HC_VID_CONFIG) && a->config != b->config)
		return false;
	if (!(parts & HC_VID_PARAMS))
		return true;
	if (a->params.nr != b->params.nr)
		return false;
	for (unsigned int i = 0; i < a->params.nr; i++)
		if (strcmp(a->params.p[i].name, b->params.p[i].name) ||
		    a->params.p[i].value != b->params.p[i].value)
			return false;
	return true;
}

const struct hc_label_style hc_label_path = { .sep = "/", .params_sep = "/", .param_sep = "," };
const struct hc_label_style hc_label_words = { .sep = " ", .params_sep = " ", .param_sep = "," };
const struct hc_label_style hc_label_spaced = { .sep = " ", .params_sep = " ", .param_sep = " " };

/* Appends text after sep (none at the start of buf); returns the new length. */
static size_t put(char *buf, size_t len, size_t off, const char *sep, const char *text, long v,
		  bool with_value)
{
	if (off >= len)
		return off;
	if (with_value)
		return off + snprintf(buf + off, len - off, "%s%s=%ld", off ? sep : "", text, v);
	return off + snprintf(buf + off, len - off, "%s%s", off ? sep : "", text);
}

size_t hc_vid_label(const struct hc_vid *id, unsigned int parts,
		    const struct hc_label_style *style, char *buf, size_t len)
{
	size_t off = 0;
	bool first = true;

	buf[0] = '\0';
	if (parts & HC_VID_CASE)
		off = put(buf, len, off, style->sep, id->name, 0, false);
	if ((parts & HC_VID_GATE) && id->gate != HC_GATE_NONE)
		off = put(buf, len, off, style->sep, hc_gate_names[id->gate], 0, false);
	if ((parts & HC_VID_CONFIG) && id->config != HC_CONFIG_NONE)
		off = put(buf, len, off, style->sep, hc_config_names[id->config], 0, false);
	for (unsigned int i = 0; (parts & HC_VID_PARAMS) && i < id->params.nr; i++) {
		if (style->skip && !strcmp(id->params.p[i].name, style->skip))
			continue;
		off = put(buf, len, off, first ? style->params_sep : style->param_sep,
			  id->params.p[i].name, id->params.p[i].value, true);
		first = false;
	}
	return off < len ? off : len ? len - 1 : 0;
}
