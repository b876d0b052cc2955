/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the cache models (the hookcost qemu plugin, the valgrind backend) report, and the one
 * formula for the estimated cycles they both use.
 *
 * est_cycles = L1 hits + 5 x LL hits + 35 x LL misses, where every instruction is one L1I
 * access and every data access one L1D access: the weights of iai's and CodSpeed's cachegrind
 * estimate (L1 hit ~1 cycle, LL hit ~5, memory ~35). It ignores pipelining, so it is an
 * estimate of cost, never a cycle count, and only differences between configurations
 * measured the same way mean anything.
 */
#ifndef HC_CACHE_MODEL_H
#define HC_CACHE_MODEL_H

#include <stdbool.h>
#include <stdint.h>

#include "hookcost/number.h"

/* The default geometry: a typical current x86 core, 64-byte lines. */
#define HC_CACHE_DEFAULT_GEOMETRY "l1i=32K:8,l1d=32K:8,ll=2M:16,line=64"

/*
 * One cache of the geometry, "SIZE:WAYS" (SIZE in bytes or with a K/M suffix), up to end
 * (a ',' or the string's end); false when malformed.
 */
static inline bool hc_cache_size_parse(const char *s, uint64_t *size, uint64_t *ways)
{
	const char *end;

	return hc_scan_size(s, &end, size) && *size && *end == ':' &&
	       hc_scan_u64(end + 1, &end, 10, ways) && *ways && (!*end || *end == ',');
}

#define HC_EST_LL_HIT	5
#define HC_EST_MEMORY	35

static inline uint64_t hc_est_cycles(uint64_t instructions, uint64_t data_accesses,
				     uint64_t l1_misses, uint64_t ll_misses)
{
	uint64_t l1_hits = instructions + data_accesses - l1_misses;

	return l1_hits + HC_EST_LL_HIT * (l1_misses - ll_misses) + HC_EST_MEMORY * ll_misses;
}

#endif
