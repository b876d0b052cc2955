/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters around one sample. Backends: "perf" (libperf, a hardware event group read with time
 * enabled/running), "tsc" (lfence; rdtsc), "clock" (CLOCK_MONOTONIC_RAW ns). "auto" tries them
 * in that order and records why it fell back. "fake:SPEC" (counters_fake.c) is a test backend:
 * synthetic counts with known per-op costs, so the runner's arithmetic can be checked exactly.
 */
#ifndef HC_COUNTERS_H
#define HC_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>

#include "core/case.h"

#define HC_MAX_COUNTERS 12

enum hc_backend {
	HC_BACKEND_AUTO,
	HC_BACKEND_PERF,
	HC_BACKEND_TSC,
	HC_BACKEND_CLOCK,
	HC_BACKEND_FAKE,
	HC_BACKEND_VALGRIND,	/* callgrind's models, core/counters_valgrind.h */
	HC_BACKEND__NR,
};

struct hc_reading {
	uint64_t val[HC_MAX_COUNTERS];
	uint64_t time_enabled;
	uint64_t time_running;
};

struct hc_counters;

/*
 * Parses "perf", "tsc", "clock", "auto" or "fake:SPEC" (*spec is then SPEC, else NULL); -1 with
 * a usage error otherwise.
 */
int hc_backend_parse(const char *s, enum hc_backend *out, const char **spec);
const char *hc_backend_name(enum hc_backend b);

/*
 * events: comma list of perf event names added to the default group (cycles, instructions,
 * branches, branch-misses), or counted instead of it when only_these is set. Naming events
 * makes "auto" mean "perf": a fallback would drop them.
 * Returns NULL with hc_err()/hc_usage_err() set (unknown event: usage; blocked: fail, naming
 * perf_event_paranoid and the fix).
 */
struct hc_counters *hc_counters_new(enum hc_backend backend, const char *events,
				    bool only_these);
/* The test backend; NULL with a usage error for a bad SPEC (see counters_fake.c). */
struct hc_counters *hc_counters_new_fake(const char *spec);
/* Opens the counters for the calling (pinned) thread. */
int hc_counters_open(struct hc_counters *c);
/*
 * Which modes the following samples count: user mode only (kernel false) or user and kernel.
 * perf reopens its group with exclude_kernel/exclude_hv when the scope changes; tsc and clock
 * cannot leave the kernel out (hc_counters_user_only() says which one applies).
 */
int hc_counters_scope(struct hc_counters *c, bool kernel);
bool hc_counters_user_only(const struct hc_counters *c);
/* What the next sample runs; only the fake backend needs it, the others ignore it. */
void hc_counters_mark(struct hc_counters *c, const struct hc_variant *v, uint64_t iters,
		      unsigned int round);
int hc_counters_read(struct hc_counters *c, struct hc_reading *r);
/*
 * Entries into the kernel the measured thread did not ask for (interrupts on its PU, page
 * faults, context switches), as a running count; read before and after a sample, a difference
 * means the sample contains one. Costs a /proc read: never call it inside a sample.
 */
uint64_t hc_counters_interruptions(struct hc_counters *c);
void hc_counters_free(struct hc_counters *c);

enum hc_backend hc_counters_backend(const struct hc_counters *c);
unsigned int hc_counters_nr(const struct hc_counters *c);
/* Metric name as written in results: "cycles", "instructions", "tsc", "ns", ... */
const char *hc_counters_name(const struct hc_counters *c, unsigned int i);
/* Why auto did not get the first choice, or NULL. */
const char *hc_counters_fallback_reason(const struct hc_counters *c);

#endif
