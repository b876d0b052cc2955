/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Counters around one sample. Backends: "perf" (libperf, a hardware event group read with time
 * enabled/running), "tsc" (lfence; rdtsc), "clock" (CLOCK_MONOTONIC_RAW ns). "auto" tries them
 * in that order and records why it fell back. "valgrind" (only when asked for) counts the
 * instructions, cache and branch misses of callgrind's models.
 */
#ifndef HC_COUNTERS_H
#define HC_COUNTERS_H

#include <stdbool.h>
#include <stdint.h>

#define HC_MAX_COUNTERS 12

enum hc_backend {
	HC_BACKEND_AUTO,
	HC_BACKEND_PERF,
	HC_BACKEND_TSC,
	HC_BACKEND_CLOCK,
	HC_BACKEND_VALGRIND,	/* callgrind's models, core/counters_valgrind.h */
};

struct hc_reading {
	uint64_t val[HC_MAX_COUNTERS];
	uint64_t time_enabled;
	uint64_t time_running;
};

struct hc_counters;

/* Parses "perf", "tsc", "clock", "valgrind", "auto"; -1 with a usage error otherwise. */
int hc_backend_parse(const char *s, enum hc_backend *out);
const char *hc_backend_name(enum hc_backend b);

/*
 * events: comma list of perf event names added to the default group (cycles, instructions,
 * branches, branch-misses), or counted instead of it when only_these is set. Naming events
 * makes "auto" mean "perf": a fallback would drop them.
 * Returns NULL with hc_err()/hc_usage_err() set (unknown event: usage; blocked: fail, naming
 * perf_event_paranoid and the fix).
 */
struct hc_counters *hc_counters__new(enum hc_backend backend, const char *events,
				     bool only_these);
/* Opens the counters for the calling thread. */
int hc_counters__open(struct hc_counters *c);
int hc_counters__read(struct hc_counters *c, struct hc_reading *r);
void hc_counters__delete(struct hc_counters *c);

enum hc_backend hc_counters__backend(const struct hc_counters *c);
unsigned int hc_counters__nr(const struct hc_counters *c);
/* Metric name as written in results: "cycles", "instructions", "tsc", "ns", ... */
const char *hc_counters__name(const struct hc_counters *c, unsigned int i);
/* Why auto did not get the first choice, or NULL. */
const char *hc_counters__fallback_reason(const struct hc_counters *c);

#endif
