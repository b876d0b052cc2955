// SPDX-License-Identifier: GPL-2.0
/*
 * The cache model: sets of ways, LRU by a per-cache clock. Sets need not be a power of two
 * (a 1.5 MiB LL has 1536 sets at 16 ways); the set is the line number modulo the sets.
 */
#include <stdlib.h>

#include "cache.h"

bool hc_cache_init(struct hc_cache *c, uint64_t size, uint64_t ways, unsigned int line_shift)
{
	uint64_t per_set = ways << line_shift;

	if (!ways || size % per_set)
		return false;
	c->sets = size / per_set;
	c->ways = ways;
	c->line_shift = line_shift;
	c->line = calloc(c->sets * ways, sizeof(*c->line));
	c->used = calloc(c->sets * ways, sizeof(*c->used));
	c->clock = c->misses = 0;
	return c->line && c->used;
}

bool hc_cache_access(struct hc_cache *c, uint64_t addr)
{
	uint64_t line = addr >> c->line_shift;
	uint64_t base = (line % c->sets) * c->ways, victim = base;

	c->clock++;
	for (uint64_t w = base; w < base + c->ways; w++) {
		if (c->line[w] == line + 1) {
			c->used[w] = c->clock;
			return true;
		}
		if (c->used[w] < c->used[victim])
			victim = w;
	}
	c->misses++;
	c->line[victim] = line + 1;
	c->used[victim] = c->clock;
	return false;
}
