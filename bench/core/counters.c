// SPDX-License-Identifier: GPL-2.0
/*
 * Counters around a sample.
 *
 * A backend is one entry of the backends[] table (struct hc_backend_ops); the functions below
 * dispatch through it.
 *
 * The perf backend opens one libperf event group on the calling thread, counting user mode
 * and, for a case that works in the kernel (HC_CASE_KERNEL), kernel mode too: a user-space
 * case then counts no interrupt, page fault or timer tick. Each event is read on its own with
 * perf_evsel__read(): libperf returns only the leader's value for a PERF_FORMAT_GROUP read,
 * and with the events mmapped it reads them with rdpmc where user rdpmc is allowed, which is
 * far cheaper than a read() per event. Reading one event after another skews each sample by
 * a constant, which the baseline removes.
 * time_enabled and time_running are kept so multiplexing is reported, never scaled away.
 */
#include <errno.h>
#include <sched.h>
#include <stdbool.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/perf_event.h>
#include <perf/core.h>
#include <perf/cpumap.h>
#include <perf/evlist.h>
#include <perf/evsel.h>
#include <perf/threadmap.h>

#include "core/counters.h"
#include "core/counters_backend.h"
#include "base/error.h"
#include "core/irqcount.h"

struct hc_event_def {
	const char *name;
	uint32_t type;
	uint64_t config;
};

static const struct hc_event_def event_defs[] = {
	{ "cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CPU_CYCLES },
	{ "instructions", PERF_TYPE_HARDWARE, PERF_COUNT_HW_INSTRUCTIONS },
	{ "branches", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_INSTRUCTIONS },
	{ "branch-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BRANCH_MISSES },
	{ "cache-references", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_REFERENCES },
	{ "cache-misses", PERF_TYPE_HARDWARE, PERF_COUNT_HW_CACHE_MISSES },
	{ "bus-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_BUS_CYCLES },
	{ "ref-cycles", PERF_TYPE_HARDWARE, PERF_COUNT_HW_REF_CPU_CYCLES },
	{ "stalled-cycles-frontend", PERF_TYPE_HARDWARE, PERF_COUNT_HW_STALLED_CYCLES_FRONTEND },
	{ "stalled-cycles-backend", PERF_TYPE_HARDWARE, PERF_COUNT_HW_STALLED_CYCLES_BACKEND },
	{ "task-clock", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_TASK_CLOCK },
	{ "context-switches", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CONTEXT_SWITCHES },
	{ "cpu-migrations", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_CPU_MIGRATIONS },
	{ "page-faults", PERF_TYPE_SOFTWARE, PERF_COUNT_SW_PAGE_FAULTS },
};

#define NR_DEFAULT_EVENTS 4	/* the first four of event_defs */

static const struct hc_backend_ops perf_ops, tsc_ops, clock_ops;

static const struct hc_backend_ops *const backends[HC_BACKEND__NR] = {
	[HC_BACKEND_PERF] = &perf_ops,
	[HC_BACKEND_TSC] = &tsc_ops,
	[HC_BACKEND_CLOCK] = &clock_ops,
	[HC_BACKEND_FAKE] = &hc_fake_ops,
	[HC_BACKEND_VALGRIND] = &hc_valgrind_ops,
};

int hc_backend_parse(const char *s, enum hc_backend *out, const char **spec)
{
	*spec = NULL;
	if (!strcmp(s, "auto")) {
		*out = HC_BACKEND_AUTO;
		return 0;
	}
	for (unsigned int i = 0; i < HC_BACKEND__NR; i++) {
		const char *name = backends[i] ? backends[i]->name : NULL;
		size_t len = name ? strlen(name) : 0;

		if (!name || strncmp(s, name, len))
			continue;
		/* Only the test backend takes an argument. */
		if (i == HC_BACKEND_FAKE && s[len] == ':') {
			*spec = s + len + 1;
			*out = i;
			return 0;
		}
		if (!s[len] && i != HC_BACKEND_FAKE) {
			*out = i;
			return 0;
		}
	}
	return hc_usage_err("unknown backend '%s' (expected auto, perf, tsc, clock or valgrind)",
			    s);
}

const char *hc_backend_name(enum hc_backend b)
{
	return b < HC_BACKEND__NR && backends[b] ? backends[b]->name : "auto";
}

/* "cycles", a table name, or a raw "rHEX" event of the core PMU. */
static int event_parse(const char *name, struct perf_event_attr *attr)
{
	char *end;

	memset(attr, 0, sizeof(*attr));
	attr->size = sizeof(*attr);
	for (unsigned int i = 0; i < sizeof(event_defs) / sizeof(event_defs[0]); i++) {
		if (!strcmp(name, event_defs[i].name)) {
			attr->type = event_defs[i].type;
			attr->config = event_defs[i].config;
			return 0;
		}
	}
	if (name[0] == 'r' && name[1]) {
		attr->type = PERF_TYPE_RAW;
		attr->config = strtoull(name + 1, &end, 16);
		if (!*end)
			return 0;
	}
	return hc_usage_err("unknown event '%s' (known: cycles, instructions, branches, "
			    "branch-misses, cache-references, cache-misses, ref-cycles, "
			    "task-clock, page-faults, ... or rHEX)", name);
}

static int add_event(struct hc_counters *c, const char *name)
{
	for (unsigned int i = 0; i < c->nr; i++)
		if (!strcmp(c->names[i], name))
			return 0;
	if (c->nr == HC_MAX_COUNTERS)
		return hc_usage_err("too many events (at most %d)", HC_MAX_COUNTERS);
	if (event_parse(name, &c->attr[c->nr]))
		return -1;
	c->names[c->nr] = strdup(name);
	if (!c->names[c->nr])
		return hc_err("out of memory");
	c->nr++;
	return 0;
}

static int read_paranoid(void)
{
	FILE *f = fopen("/proc/sys/kernel/perf_event_paranoid", "r");
	int v = -99;

	if (f) {
		if (fscanf(f, "%d", &v) != 1)
			v = -99;
		fclose(f);
	}
	return v;
}

/* Which event the PMU refuses, opening each on its own; -1 if each opens alone. */
static int refused_event(struct hc_counters *c, int *err)
{
	struct perf_cpu_map *cpus = perf_cpu_map__dummy_new();
	struct perf_thread_map *threads = perf_thread_map__new_dummy();
	int bad = -1;

	if (!cpus || !threads)
		goto out;
	perf_thread_map__set_pid(threads, 0, 0);
	for (unsigned int i = 0; i < c->nr && bad < 0; i++) {
		struct perf_evsel *e = perf_evsel__new(&c->attr[i]);
		int r;

		if (!e)
			break;
		r = perf_evsel__open(e, cpus, threads);
		if (r) {
			bad = i;
			*err = -r;
		}
		perf_evsel__close(e);
		perf_evsel__delete(e);
	}
out:
	perf_cpu_map__put(cpus);
	perf_thread_map__put(threads);
	return bad;
}

static int perf_open_error(struct hc_counters *c, int err)
{
	int paranoid = read_paranoid();
	int bad = err == EACCES || err == EPERM ? -1 : refused_event(c, &err);

	/* One refused extra event is the user's to drop, not a missing PMU. */
	if (bad >= 0 && strcmp(c->names[bad], "cycles") && strcmp(c->names[bad], "instructions"))
		return hc_err("perf_event_open: event %s: %s: this CPU or PMU does not count it; "
			      "leave it out of -e/-E", c->names[bad], strerror(err));
	if (err == EACCES || err == EPERM)
		return hc_err("perf_event_open: permission denied (kernel.perf_event_paranoid = %d); "
			      "counting user and kernel mode needs root or "
			      "'sysctl -w kernel.perf_event_paranoid=1', or use --backend tsc",
			      paranoid);
	if (err == ENOENT || err == EOPNOTSUPP || err == ENODEV)
		return hc_err("perf_event_open: no hardware counters (%s): a VM without a "
			      "virtual PMU? use --backend tsc", strerror(err));
	return hc_err("perf_event_open: %s", strerror(err));
}

static void perf_close(struct hc_counters *c);

/* Opens the group on the calling thread; on failure nothing is left open. */
static int perf_open(struct hc_counters *c)
{
	struct perf_cpu_map *cpus = perf_cpu_map__dummy_new();
	int err;

	c->threads = perf_thread_map__new_dummy();
	c->evlist = perf_evlist__new();
	if (!cpus || !c->threads || !c->evlist) {
		perf_cpu_map__put(cpus);
		perf_close(c);
		return hc_err("out of memory");
	}
	perf_thread_map__set_pid(c->threads, 0, 0);
	for (unsigned int i = 0; i < c->nr; i++) {
		c->attr[i].read_format = PERF_FORMAT_TOTAL_TIME_ENABLED |
					 PERF_FORMAT_TOTAL_TIME_RUNNING;
		c->attr[i].disabled = 1;
		c->attr[i].exclude_kernel = !c->kernel;
		c->attr[i].exclude_hv = !c->kernel;
		c->evsel[i] = perf_evsel__new(&c->attr[i]);
		if (!c->evsel[i]) {
			perf_cpu_map__put(cpus);
			perf_close(c);
			return hc_err("out of memory");
		}
		perf_evlist__add(c->evlist, c->evsel[i]);
	}
	perf_evlist__set_leader(c->evlist);
	perf_evlist__set_maps(c->evlist, cpus, c->threads);
	perf_cpu_map__put(cpus);

	err = perf_evlist__open(c->evlist);
	if (err) {
		perf_close(c);
		return perf_open_error(c, -err);
	}
	/* The mmapped user page is what lets perf_evsel__read() use rdpmc. */
	c->opened = true;
	for (unsigned int i = 0; i < c->nr; i++)
		perf_evsel__mmap(c->evsel[i], 0);
	perf_evlist__enable(c->evlist);
	return 0;
}

static void perf_close(struct hc_counters *c)
{
	/* libperf's disable and munmap assume open events; delete copes with any state. */
	if (c->opened) {
		perf_evlist__disable(c->evlist);
		for (unsigned int i = 0; i < c->nr; i++)
			perf_evsel__munmap(c->evsel[i]);
		c->opened = false;
	}
	/*
	 * The evsels hold a reference to each map that libperf 6.1 (what install-deps builds)
	 * never drops: perf_evsel__delete() only frees the evsel. The evlist keeps its own
	 * references until it is deleted, so the maps outlive this.
	 */
	for (unsigned int i = 0; i < c->nr && c->evlist; i++) {
		if (!c->evsel[i])
			continue;
		perf_cpu_map__put(perf_evsel__cpus(c->evsel[i]));
		perf_thread_map__put(perf_evsel__threads(c->evsel[i]));
	}
	perf_evlist__delete(c->evlist);	/* closes and deletes the evsels too */
	c->evlist = NULL;
	perf_thread_map__put(c->threads);
	c->threads = NULL;
	memset(c->evsel, 0, sizeof(c->evsel));
}

static bool tsc_usable(char *why, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[4096];
	bool constant = false;

	if (!f) {
		snprintf(why, len, "cannot read /proc/cpuinfo");
		return false;
	}
	while (fgets(line, sizeof(line), f)) {
		if (!strncmp(line, "flags", 5)) {
			constant = strstr(line, " constant_tsc") != NULL;
			break;
		}
	}
	fclose(f);
	if (!constant)
		snprintf(why, len, "the CPU has no constant_tsc");
	return constant;
}

static int libperf_print(enum libperf_print_level level, const char *fmt, va_list ap)
{
	return 0;
}

static void set_single(struct hc_counters *c, const char *name)
{
	c->nr = 1;
	c->names[0] = strdup(name);
}

static int add_events(struct hc_counters *c, const char *list)
{
	char *copy = strdup(list), *save = NULL;
	int ret = 0;

	if (!copy)
		return hc_err("out of memory");
	for (char *t = strtok_r(copy, ",", &save); t && !ret; t = strtok_r(NULL, ",", &save))
		ret = add_event(c, t);
	free(copy);
	return ret;
}

static struct hc_counters *counters_alloc(enum hc_backend backend)
{
	struct hc_counters *c = calloc(1, sizeof(*c));

	if (!c) {
		hc_err("out of memory");
		return NULL;
	}
	c->backend = backend;
	c->ops = backends[backend];
	c->kernel = true;
	c->cpu = -1;
	return c;
}

struct hc_counters *hc_counters__new(enum hc_backend backend, const char *events,
				     bool only_these)
{
	struct hc_counters *c;
	char why[256] = "";

	if (backend == HC_BACKEND_FAKE) {
		hc_usage_err("the fake backend needs a spec: fake:SPEC");
		return NULL;
	}
	/* Events asked for by name are wanted: falling back would silently drop them. */
	if (backend == HC_BACKEND_AUTO && events && *events)
		backend = HC_BACKEND_PERF;
	c = counters_alloc(backend);
	if (!c)
		return NULL;
	if (backend == HC_BACKEND_AUTO || backend == HC_BACKEND_PERF) {
		for (unsigned int i = 0; i < NR_DEFAULT_EVENTS && !only_these; i++)
			if (add_event(c, event_defs[i].name))
				goto fail;
		if (events && *events && add_events(c, events))
			goto fail;
		if (!c->nr) {
			hc_usage_err("no events to count");
			goto fail;
		}
	} else if (events && *events) {
		hc_usage_err("-e needs the perf backend (backend is %s)", hc_backend_name(backend));
		goto fail;
	}

	if (backend == HC_BACKEND_PERF)
		return c;
	if (backend == HC_BACKEND_AUTO) {
		libperf_init(libperf_print);
		if (!perf_open(c)) {
			perf_close(c);
			c->backend = HC_BACKEND_PERF;
			c->ops = &perf_ops;
			return c;
		}
		snprintf(why, sizeof(why), "perf backend unavailable: %s", hc_err_msg());
		hc_err_clear();
		for (unsigned int i = 0; i < c->nr; i++)
			free(c->names[i]);
		c->nr = 0;
		c->backend = tsc_usable(why + strlen(why), sizeof(why) - strlen(why)) ?
			     HC_BACKEND_TSC : HC_BACKEND_CLOCK;
		c->ops = backends[c->backend];
		c->fallback_reason = strdup(why);
	}
	if (backend == HC_BACKEND_VALGRIND) {
		if (hc_valgrind_setup(c))
			goto fail;
		return c;
	}
	set_single(c, c->ops->metric);
	return c;
fail:
	hc_counters__delete(c);
	return NULL;
}

struct hc_counters *hc_counters__new_fake(const char *spec)
{
	struct hc_counters *c = counters_alloc(HC_BACKEND_FAKE);

	if (!c)
		return NULL;
	set_single(c, c->ops->metric);
	if (hc_fake_parse(c, spec)) {
		hc_counters__delete(c);
		return NULL;
	}
	return c;
}

int hc_counters__open(struct hc_counters *c)
{
	c->cpu = sched_getcpu();
	if (c->ops->interruptions) {
		c->irq = hc_irqcount_new(c->cpu);
		if (!c->irq)
			return hc_err("out of memory");
	}
	return c->ops->open ? c->ops->open(c) : 0;
}

int hc_counters__scope(struct hc_counters *c, bool kernel)
{
	if (!c->ops->user_only || c->kernel == kernel)
		return 0;
	c->kernel = kernel;
	if (!c->opened)
		return 0;
	c->ops->close(c);
	return c->ops->open(c);
}

bool hc_counters__user_only(const struct hc_counters *c)
{
	return c->ops->user_only && !c->kernel;
}

void hc_counters__mark(struct hc_counters *c, const struct hc_variant *v, uint64_t iters,
		       unsigned int round)
{
	if (c->ops->mark)
		c->ops->mark(c, v, iters, round);
}

int hc_counters__read(struct hc_counters *c, struct hc_reading *r)
{
	r->time_enabled = r->time_running = 0;
	return c->ops->read(c, r);
}

uint64_t hc_counters__interruptions(struct hc_counters *c)
{
	return c->ops->interruptions ? c->ops->interruptions(c) : 0;
}

static int perf_read(struct hc_counters *c, struct hc_reading *r)
{
	struct perf_counts_values v;

	for (unsigned int i = 0; i < c->nr; i++) {
		memset(&v, 0, sizeof(v));
		if (perf_evsel__read(c->evsel[i], 0, 0, &v))
			return hc_err("reading counter %s failed", c->names[i]);
		r->val[i] = v.val;
		/* The group is scheduled as one: the leader's times stand for all. */
		if (i == 0) {
			r->time_enabled = v.ena;
			r->time_running = v.run;
		}
	}
	return 0;
}

static inline uint64_t read_tsc(void)
{
	uint32_t lo, hi;

	/* lfence keeps rdtsc from being hoisted above the work before it. */
	__asm__ __volatile__("lfence; rdtsc" : "=a"(lo), "=d"(hi) :: "memory");
	return (uint64_t)hi << 32 | lo;
}

static int tsc_read(struct hc_counters *c, struct hc_reading *r)
{
	r->val[0] = read_tsc();
	return 0;
}

static int clock_read(struct hc_counters *c, struct hc_reading *r)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	r->val[0] = (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
	return 0;
}

static uint64_t real_interruptions(struct hc_counters *c)
{
	return c->irq ? hc_irqcount_read(c->irq) : 0;
}

static int perf_open_lib(struct hc_counters *c)
{
	libperf_init(libperf_print);
	return perf_open(c);
}

static const struct hc_backend_ops perf_ops = {
	.name = "perf", .user_only = true, .open = perf_open_lib, .close = perf_close,
	.read = perf_read, .interruptions = real_interruptions,
};

static const struct hc_backend_ops tsc_ops = {
	.name = "tsc", .metric = "tsc", .read = tsc_read, .interruptions = real_interruptions,
};

static const struct hc_backend_ops clock_ops = {
	.name = "clock", .metric = "ns", .read = clock_read,
	.interruptions = real_interruptions,
};

void hc_counters__delete(struct hc_counters *c)
{
	if (!c)
		return;
	perf_close(c);
	if (c->ops && c->ops->free)
		c->ops->free(c);
	hc_irqcount_free(c->irq);
	for (unsigned int i = 0; i < c->nr; i++)
		free(c->names[i]);
	free(c->fallback_reason);
	free(c);
}

enum hc_backend hc_counters__backend(const struct hc_counters *c)
{
	return c->backend;
}

unsigned int hc_counters__nr(const struct hc_counters *c)
{
	return c->nr;
}

const char *hc_counters__name(const struct hc_counters *c, unsigned int i)
{
	return i < c->nr ? c->names[i] : NULL;
}

const char *hc_counters__fallback_reason(const struct hc_counters *c)
{
	return c->fallback_reason;
}
