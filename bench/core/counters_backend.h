/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What a counter backend implements (private to bench/core/counters*.c). A backend is one entry
 * of the table in counters.c; hc_counters__*() dispatch through it.
 */
#ifndef HC_COUNTERS_BACKEND_H
#define HC_COUNTERS_BACKEND_H

#include <linux/perf_event.h>

#include "core/counters.h"

struct hc_counters;
struct hc_irqcount;

struct hc_backend_ops {
	const char *name;
	const char *metric;	/* the one metric of a single-counter backend; NULL: events */
	bool user_only;		/* can count user mode alone (hc_counters__scope) */
	int (*open)(struct hc_counters *c);			/* optional */
	void (*close)(struct hc_counters *c);			/* optional, also if not open */
	int (*read)(struct hc_counters *c, struct hc_reading *r);
	void (*mark)(struct hc_counters *c, const struct hc_variant *v, uint64_t iters,
		     unsigned int round);			/* optional */
	uint64_t (*interruptions)(struct hc_counters *c);	/* optional: the real ones */
	void (*free)(struct hc_counters *c);			/* optional: priv */
};

struct perf_evlist;
struct perf_evsel;
struct perf_thread_map;

struct hc_counters {
	enum hc_backend backend;
	const struct hc_backend_ops *ops;
	unsigned int nr;
	char *names[HC_MAX_COUNTERS];
	bool kernel;			/* the scope: count kernel mode too */
	int cpu;			/* the PU the thread was pinned to when opened */
	struct hc_irqcount *irq;	/* the interruption count, once open */
	/* perf */
	struct perf_event_attr attr[HC_MAX_COUNTERS];
	struct perf_evlist *evlist;
	bool opened;
	struct perf_evsel *evsel[HC_MAX_COUNTERS];
	struct perf_thread_map *threads;
	char *fallback_reason;
	void *priv;			/* the backend's own state */
};

extern const struct hc_backend_ops hc_fake_ops;
extern const struct hc_backend_ops hc_valgrind_ops;
/* Under callgrind (started here when outside it, core/counters_valgrind.h), its metrics. */
int hc_valgrind_setup(struct hc_counters *c);
/* Parses the fake backend's SPEC into c->priv; usage error on a bad one. */
int hc_fake_parse(struct hc_counters *c, const char *spec);

#endif
