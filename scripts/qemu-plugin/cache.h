/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A set-associative cache with LRU replacement, the model behind the hookcost qemu plugin's
 * L1I, L1D and last-level caches. Geometry strings are "SIZE:WAYS" (SIZE in bytes, or with a
 * K/M suffix), the same syntax `hookcost run --cache-geometry` passes to valgrind.
 */
#ifndef HC_QEMU_CACHE_H
#define HC_QEMU_CACHE_H

#include <stdbool.h>
#include <stdint.h>

struct hc_cache {
	uint64_t sets, ways;
	unsigned int line_shift;
	uint64_t *line;		/* sets x ways: line number + 1, 0 when empty */
	uint64_t *used;		/* sets x ways: when last used, for LRU */
	uint64_t clock;
	uint64_t misses;
};

/* false when the geometry is impossible (size not a multiple of ways x line). */
bool hc_cache_init(struct hc_cache *c, uint64_t size, uint64_t ways, unsigned int line_shift);
/* Looks up the line holding addr, fills it on a miss; true on a hit. */
bool hc_cache_access(struct hc_cache *c, uint64_t addr);

#endif
