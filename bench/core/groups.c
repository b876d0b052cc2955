// SPDX-License-Identifier: GPL-2.0
/*
 * The results of a run chained by the hash of their group (core/groups.h). Chains keep the
 * run's order, so a lookup finds what a scan from the start would have found first.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/groups.h"

#define GROUP (HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS)
#define NONE UINT32_MAX

struct hc_groups {
	const struct hc_run *run;
	size_t mask;		/* buckets - 1, a power of two */
	uint32_t *head;		/* per bucket: its first result's index, or NONE */
	uint32_t *next;		/* per result: the next in its bucket, or NONE */
	bool by_case;		/* chained by case alone (hc_run_mark_swept) */
};

/* FNV-1a over what hc_vid_same(GROUP), or (HC_VID_CASE) alone, compares. */
static uint64_t mix(uint64_t h, const void *p, size_t n)
{
	const unsigned char *c = p;

	while (n--)
		h = (h ^ *c++) * 0x100000001b3ull;
	return h;
}

static uint64_t mix_str(uint64_t h, const char *s)
{
	for (; *s; s++)
		h = mix(h, s, 1);
	return mix(h, "", 1);
}

static uint64_t case_hash(const struct hc_vid *id)
{
	return mix_str(mix_str(0xcbf29ce484222325ull, id->suite), id->name);
}

static size_t bucket(const struct hc_groups *g, const struct hc_vid *id)
{
	uint64_t h = case_hash(id);

	if (g->by_case)
		return h & g->mask;
	h = mix(h, &id->gate, sizeof(id->gate));
	for (unsigned int i = 0; i < id->params.nr; i++) {
		h = mix_str(h, id->params.p[i].name);
		h = mix(h, &id->params.p[i].value, sizeof(id->params.p[i].value));
	}
	return h & g->mask;
}

static struct hc_groups *groups_new(const struct hc_run *run, bool by_case)
{
	struct hc_groups *g = calloc(1, sizeof(*g));
	size_t n = 16;

	if (!g || run->nr_results >= NONE)
		goto fail;
	while (n < 2 * (size_t)run->nr_results)
		n *= 2;
	g->run = run;
	g->by_case = by_case;
	g->mask = n - 1;
	g->head = malloc(n * sizeof(*g->head));
	g->next = malloc((run->nr_results + 1) * sizeof(*g->next));
	if (!g->head || !g->next)
		goto fail;
	for (size_t b = 0; b < n; b++)
		g->head[b] = NONE;
	/* From the last to the first, each in front: every chain in the run's order. */
	for (uint32_t i = run->nr_results; i-- > 0;) {
		size_t b = bucket(g, &run->results[i].id);

		g->next[i] = g->head[b];
		g->head[b] = i;
	}
	return g;
fail:
	hc_groups_free(g);
	return NULL;
}

struct hc_groups *hc_groups_new(const struct hc_run *run)
{
	return groups_new(run, false);
}

const struct hc_result *hc_groups_next(const struct hc_groups *g, const struct hc_vid *id,
				       const struct hc_result *prev)
{
	uint32_t i = prev ? g->next[prev - g->run->results] : g->head[bucket(g, id)];

	for (; i != NONE; i = g->next[i])
		if (hc_vid_same(&g->run->results[i].id, id, g->by_case ? HC_VID_CASE : GROUP))
			return &g->run->results[i];
	return NULL;
}

const struct hc_result *hc_groups_find(const struct hc_groups *g, const struct hc_vid *id,
				       enum hc_config config)
{
	const struct hc_result *r = NULL;

	while ((r = hc_groups_next(g, id, r)))
		if (r->id.config == config)
			return r;
	return NULL;
}

void hc_groups_free(struct hc_groups *g)
{
	if (!g)
		return;
	free(g->head);
	free(g->next);
	free(g);
}

/* The parameter slot of r named key, or -1. */
static int slot_of(const struct hc_result *r, const char *key)
{
	for (unsigned int i = 0; i < r->id.params.nr; i++)
		if (!strcmp(r->id.params.p[i].name, key))
			return i;
	return -1;
}

/*
 * The swept bits of every result of first's case, the first of it in run order. A key is the
 * same in all measured results only if the first measured one has it: so at most its few
 * keys are checked across the case, and any other key varies (some measured result lacks it).
 */
static void mark_case(struct hc_run *run, const struct hc_groups *g,
		      const struct hc_result *first)
{
	const struct hc_result *r, *lead = NULL;
	bool constant[HC_MAX_PARAMS];
	unsigned int k;

	for (r = first; r && !lead; r = hc_groups_next(g, &first->id, r))
		if (!r->skip_reason)
			lead = r;
	for (k = 0; lead && k < lead->id.params.nr; k++) {
		constant[k] = true;
		for (r = first; r && constant[k]; r = hc_groups_next(g, &first->id, r)) {
			int i = slot_of(r, lead->id.params.p[k].name);

			if (!r->skip_reason)
				constant[k] = i >= 0 &&
					      r->id.params.p[i].value == lead->id.params.p[k].value;
		}
	}
	for (r = first; r; r = hc_groups_next(g, &first->id, r)) {
		struct hc_result *w = &run->results[r - run->results];

		w->swept = 0;
		for (unsigned int i = 0; lead && i < r->id.params.nr; i++) {
			int j = slot_of(lead, r->id.params.p[i].name);

			if (j < 0 || !constant[j] ||
			    r->id.params.p[i].value != lead->id.params.p[j].value)
				w->swept |= 1u << i;
		}
	}
}

int hc_run_mark_swept(struct hc_run *run)
{
	struct hc_groups *g = groups_new(run, true);

	if (!g)
		return -1;
	for (unsigned int i = 0; i < run->nr_results; i++) {
		const struct hc_result *r = &run->results[i];

		/* Once per case: from its first result in run order. */
		if (hc_groups_next(g, &r->id, NULL) == r)
			mark_case(run, g, r);
	}
	hc_groups_free(g);
	return 0;
}
