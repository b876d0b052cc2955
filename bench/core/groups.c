// SPDX-License-Identifier: GPL-2.0
/*
 * The results of a run chained by the hash of their group (core/groups.h). Chains keep the
 * run's order, so a lookup finds what a scan from the start would have found first.
 */
#include <stdint.h>
#include <stdlib.h>

#include "core/groups.h"

#define GROUP (HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS)
#define NONE UINT32_MAX

struct hc_groups {
	const struct hc_run *run;
	size_t mask;		/* buckets - 1, a power of two */
	uint32_t *head;		/* per bucket: its first result's index, or NONE */
	uint32_t *next;		/* per result: the next in its bucket, or NONE */
};

/* FNV-1a over what hc_vid_same(GROUP) compares. */
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

static size_t bucket(const struct hc_groups *g, const struct hc_vid *id)
{
	uint64_t h = 0xcbf29ce484222325ull;

	h = mix_str(mix_str(h, id->suite), id->name);
	h = mix(h, &id->gate, sizeof(id->gate));
	for (unsigned int i = 0; i < id->params.nr; i++) {
		h = mix_str(h, id->params.p[i].name);
		h = mix(h, &id->params.p[i].value, sizeof(id->params.p[i].value));
	}
	return h & g->mask;
}

struct hc_groups *hc_groups_new(const struct hc_run *run)
{
	struct hc_groups *g = calloc(1, sizeof(*g));
	size_t n = 16;

	if (!g || run->nr_results >= NONE)
		goto fail;
	while (n < 2 * (size_t)run->nr_results)
		n *= 2;
	g->run = run;
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

const struct hc_result *hc_groups_next(const struct hc_groups *g, const struct hc_vid *id,
				       const struct hc_result *prev)
{
	uint32_t i = prev ? g->next[prev - g->run->results] : g->head[bucket(g, id)];

	for (; i != NONE; i = g->next[i])
		if (hc_vid_same(&g->run->results[i].id, id, GROUP))
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
