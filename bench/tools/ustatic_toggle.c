// SPDX-License-Identifier: GPL-2.0
/*
 * Latency of switching a user-space static key (hc_static_key_enable/disable), with no other
 * thread and with threads executing the key's sites: what the int3 protocol, the core
 * serialization (membarrier SYNC_CORE) and the text permission changes cost, and how much
 * worse they get when other cores run the code being patched. Writes JSON with the
 * environment probe as context:
 *
 *	ustatic-toggle [-n toggles] [-o data/ustatic-toggle-latency.json]
 */
#include <errno.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "core/env.h"
#include "base/error.h"
#include "output/output.h"
#include <ustatic/ustatic.h>

#define SCHEMA		"hookcost-ustatic-toggle/1"
#define DEFAULT_OUT	"data/ustatic-toggle-latency.json"
#define DEFAULT_TOGGLES	20000
#define MAX_THREADS	64
#define DESCRIPTION	"wall-clock time of one hc_static_key_enable or hc_static_key_disable " \
			"call on a key with `sites` sites while `threads` other threads execute " \
			"them; `traps`: threads sent on by the SIGTRAP handler and `site_calls`: " \
			"calls of the sites by those threads, both while toggling. The toggling " \
			"thread runs on the first allowed CPU, thread i on the (i+1)-th, wrapping"

static HC_DEFINE_STATIC_KEY_FALSE(toggle_key);

struct spinner {
	pthread_t tid;
	unsigned long calls;	/* atomic: read by the toggling thread */
	unsigned long enabled;	/* calls that saw the key enabled */
} __attribute__((aligned(64)));

static int stop;
static int cpu_list[CPU_SETSIZE];	/* the CPUs we may run on */
static unsigned int nr_cpus;

/* Two sites of the key, as a hook with a likely and an unlikely test would have. */
static void __attribute__((noinline)) hook(struct spinner *s)
{
	if (hc_static_branch_unlikely(&toggle_key))
		s->enabled++;
	if (!hc_static_branch_likely(&toggle_key))
		__asm__ __volatile__("" ::: "memory");
}

/* The main thread toggles on the first CPU; thread i spins on the CPU after it, wrapping. */
static int pin(pthread_t t, unsigned int slot)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu_list[slot % nr_cpus], &set);
	errno = pthread_setaffinity_np(t, sizeof(set), &set);
	return errno ? hc_err("cannot pin to CPU %d: %s", cpu_list[slot % nr_cpus],
			      strerror(errno)) : 0;
}

static int cpus_allowed(void)
{
	cpu_set_t set;
	int cpu;

	if (sched_getaffinity(0, sizeof(set), &set))
		return hc_err("sched_getaffinity: %s", strerror(errno));
	for (cpu = 0; cpu < CPU_SETSIZE; cpu++)
		if (CPU_ISSET(cpu, &set))
			cpu_list[nr_cpus++] = cpu;
	return pin(pthread_self(), 0);
}

static void *spin(void *arg)
{
	struct spinner *s = arg;

	while (!__atomic_load_n(&stop, __ATOMIC_ACQUIRE)) {
		hook(s);
		__atomic_store_n(&s->calls, s->calls + 1, __ATOMIC_RELAXED);
	}
	return NULL;
}

static unsigned long spinner_calls(const struct spinner *s, unsigned int n)
{
	unsigned long sum = 0;

	while (n--)
		sum += __atomic_load_n(&s[n].calls, __ATOMIC_RELAXED);
	return sum;
}

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static json_t *summary(const char *op, unsigned int threads, uint64_t *ns, unsigned int n,
		       unsigned long traps, unsigned long calls)
{
	double sum = 0;
	unsigned int i;

	qsort(ns, n, sizeof(*ns), cmp_u64);
	for (i = 0; i < n; i++)
		sum += (double)ns[i];
	return json_pack("{s:s, s:I, s:I, s:f, s:I, s:I, s:I, s:I, s:I, s:I, s:I}",
			 "op", op, "threads", (json_int_t)threads, "samples", (json_int_t)n,
			 "mean_ns", sum / n, "min_ns", (json_int_t)ns[0],
			 "p10_ns", (json_int_t)ns[n / 10], "median_ns", (json_int_t)ns[n / 2],
			 "p90_ns", (json_int_t)ns[n * 9 / 10], "max_ns", (json_int_t)ns[n - 1],
			 "traps", (json_int_t)traps, "site_calls", (json_int_t)calls);
}

/* Toggles n times (n/2 enables, n/2 disables) while threads run the sites. */
static int measure(unsigned int threads, unsigned int n, json_t *results)
{
	uint64_t *on = calloc(n / 2, sizeof(*on)), *off = calloc(n / 2, sizeof(*off)), t;
	struct spinner *sp = calloc(MAX_THREADS, sizeof(*sp));
	unsigned long traps = 0, calls = 0;
	unsigned int i, started = 0;
	int ret = 0;

	if (!on || !off || !sp) {
		ret = hc_err("out of memory");
		goto out;
	}
	__atomic_store_n(&stop, 0, __ATOMIC_RELAXED);
	for (; started < threads; started++) {
		if (pthread_create(&sp[started].tid, NULL, spin, &sp[started])) {
			ret = hc_err("cannot start thread %u", started);
			goto join;
		}
		if (pin(sp[started].tid, started + 1) < 0) {
			started++;
			ret = -1;
			goto join;
		}
	}
	/* Let the threads reach the sites before the first toggle. */
	usleep(20000);
	traps = hc_ustatic_traps();
	calls = spinner_calls(sp, threads);
	for (i = 0; i < n / 2 && !ret; i++) {
		t = now_ns();
		ret = hc_static_key_enable(&toggle_key);
		on[i] = now_ns() - t;
		t = now_ns();
		ret = ret ? ret : hc_static_key_disable(&toggle_key);
		off[i] = now_ns() - t;
	}
	traps = hc_ustatic_traps() - traps;
	calls = spinner_calls(sp, threads) - calls;
join:
	__atomic_store_n(&stop, 1, __ATOMIC_RELEASE);
	while (started)
		pthread_join(sp[--started].tid, NULL);
	if (!ret) {
		json_array_append_new(results, summary("enable", threads, on, n / 2, traps, calls));
		json_array_append_new(results, summary("disable", threads, off, n / 2, traps,
						       calls));
		fprintf(stderr, "threads %u: enable median %" PRIu64 " ns, disable median %"
			PRIu64 " ns, %lu traps, %lu site calls\n", threads, on[n / 4], off[n / 4],
			traps, calls);
	}
out:
	free(on);
	free(off);
	free(sp);
	return ret;
}

static int count_sites(const struct hc_ustatic_site *s, void *arg)
{
	if ((s->entry->key & ~(uintptr_t)1) == (uintptr_t)&toggle_key.key)
		++*(unsigned int *)arg;
	return 0;
}

int main(int argc, char **argv)
{
	const char *out = DEFAULT_OUT;
	unsigned int toggles = DEFAULT_TOGGLES, sites = 0, cpus, counts[3], i;
	json_t *doc, *results;
	char *text;
	int c;

	while ((c = getopt(argc, argv, "n:o:")) != -1) {
		if (c == 'n' && atoi(optarg) >= 20) {
			toggles = (unsigned int)atoi(optarg) & ~1u;
		} else if (c == 'o') {
			out = optarg;
		} else {
			fprintf(stderr,
				"usage: ustatic-toggle [-n toggles (>= 20)] [-o file.json]\n");
			return HC_EXIT_USAGE;
		}
	}
	if (cpus_allowed() < 0) {
		fprintf(stderr, "ustatic-toggle: %s\n", hc_err_msg());
		return HC_EXIT_FAIL;
	}
	cpus = nr_cpus;
	counts[0] = 0;
	counts[1] = 1;
	counts[2] = cpus < MAX_THREADS ? cpus : MAX_THREADS;
	hc_ustatic_for_each_site(count_sites, &sites);
	results = json_array();
	for (i = 0; i < 3; i++) {
		if (i && counts[i] == counts[i - 1])
			continue;
		if (measure(counts[i], toggles, results) < 0) {
			fprintf(stderr, "ustatic-toggle: %s\n", hc_err_msg());
			return hc_err_exit_code();
		}
	}
	doc = json_pack("{s:s, s:s, s:o, s:s, s:b, s:I, s:I, s:o}", "schema", SCHEMA,
			"description", DESCRIPTION, "context", hc_env_probe(),
			"method", hc_ustatic_method(),
			"sync_core", hc_ustatic_sync_core(), "sites", (json_int_t)sites,
			"cpus", (json_int_t)cpus, "results", results);
	text = json_dumps(doc, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	if (!text || hc_write_atomic(out, text, strlen(text)) < 0) {
		fprintf(stderr, "ustatic-toggle: %s\n", text ? hc_err_msg() : "out of memory");
		return HC_EXIT_FAIL;
	}
	fprintf(stderr, "wrote %s\n", out);
	free(text);
	json_decref(doc);
	return HC_EXIT_OK;
}
