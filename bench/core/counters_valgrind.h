/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The valgrind backend: hookcost runs itself under callgrind with cache and branch
 * simulation, and each sample's counts come from a callgrind dump taken at the sample's end.
 * The metrics and the geometry syntax are the qemu plugin's (include/hookcost/cache_model.h).
 */
#ifndef HC_COUNTERS_VALGRIND_H
#define HC_COUNTERS_VALGRIND_H

#include <stdint.h>

#define HC_VALGRIND_NR_METRICS 9

extern const char *const hc_valgrind_metrics[HC_VALGRIND_NR_METRICS];

/* The caches to simulate, "l1i=32K:8,l1d=32K:8,ll=2M:16,line=64" or part of it; -1 on a
 * usage error. */
int hc_valgrind_set_geometry(const char *geometry);
/* The geometry simulated, in bytes: "l1i=32768:8,l1d=32768:8,ll=2097152:16,line=64". */
const char *hc_valgrind_geometry(void);
/*
 * Outside valgrind: runs this command again under callgrind, waits for it and exits with its
 * status (never returns), or returns -1 with a usage error when valgrind is missing. Under the
 * callgrind this started: 0.
 */
int hc_valgrind_start(void);
/*
 * Reads alternate: the first of a pair zeroes callgrind's counters, the second dumps them and
 * adds the dump to val[] (running totals, so a pair's difference is what ran between them).
 */
int hc_valgrind_read(uint64_t *val);

#endif
