// SPDX-License-Identifier: GPL-2.0
/*
 * Samples for the runner: one sample of a variant, read so that the interruption count costs
 * no sample anything; where counts are exact (qemu icount), an interrupted sample measured
 * again; and a baseline's samples at 0 iterations, which give its fixed per-sample cost and
 * tell whether counts are exact at all.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/marker.h"
#include "core/runner_priv.h"
#include "base/median.h"

/* Interrupt-free samples at 0 iterations that must agree before counts are called exact. */
#define EXACT_MIN_AGREE		5

/*
 * One sample: counter deltas for iters operations of a set-up variant. The interruption count
 * (with check_irq) is read outside the two counter reads, so its cost is in no sample; it
 * costs ~80 us of CPU a read on a host, so only samples that need it pay.
 */
static int sample(struct runner *r, const struct hc_variant *v, void *state, uint64_t iters,
		  unsigned int round, bool check_irq, struct sample_out *out)
{
	const struct hc_case *c = v->c;
	struct hc_reading a, b;
	uint64_t irq = 0;

	if (c->enter && c->enter(state))
		return -1;
	hc_counters__mark(r->ctr, v, iters, round);
	if (check_irq)
		irq = hc_counters__interruptions(r->ctr);
	hc_marker_begin();
	if (hc_counters__read(r->ctr, &a))
		goto fail;
	c->run(state, iters);
	if (hc_counters__read(r->ctr, &b))
		goto fail;
	hc_marker_end();
	hc_marker_note();
	out->interrupted = check_irq && hc_counters__interruptions(r->ctr) != irq;
	/* Before leave: the case's own count is of this run() and may be reset by leave. */
	if (r->nr_metrics > r->nr_counters) {
		out->delta[r->nr_counters] = 0;
		if (c->own_count && c->own_count(state, &out->delta[r->nr_counters]))
			goto fail;
	}
	if (c->leave)
		c->leave(state);
	if (hc_counters__backend(r->ctr) == HC_BACKEND_PERF && b.time_enabled > a.time_enabled &&
	    b.time_running == a.time_running)
		return hc_err("the counters never ran during a sample of %s: the PMU could not "
			      "schedule the group (too many events, or the NMI watchdog holds a "
			      "counter: sysctl -w kernel.nmi_watchdog=0)", c->name);
	for (unsigned int m = 0; m < r->nr_counters; m++)
		out->delta[m] = b.val[m] - a.val[m];
	out->multiplexed = (b.time_enabled - a.time_enabled) != (b.time_running - a.time_running);
	return 0;
fail:
	if (c->leave)
		c->leave(state);
	return -1;
}

/*
 * A sample to keep. With exact counts an interrupted sample is measured again, up to
 * IRQ_RETRIES times, and *remeasured counts how often. Otherwise interruptions are not looked
 * for: on a host a timer tick lands in most samples, and its cost is noise the statistics
 * handle.
 */
int hc_sample_measure(struct runner *r, const struct hc_variant *v, void *state, uint64_t iters,
		      unsigned int round, bool exact, struct sample_out *out,
		      unsigned int *remeasured)
{
	for (unsigned int t = 0;; t++) {
		if (sample(r, v, state, iters, round, exact, out))
			return -1;
		if (!exact || !out->interrupted || t == IRQ_RETRIES)
			return 0;
		(*remeasured)++;
	}
}

static double median_u64(const uint64_t *v, unsigned int n)
{
	double *d = malloc(n * sizeof(*d)), m;

	if (!d)
		return NAN;
	for (unsigned int i = 0; i < n; i++)
		d[i] = v[i];
	m = hc_median(d, n);
	free(d);
	return m;
}

/*
 * Exact counts: every interrupt-free sample at 0 iterations read the same on every metric
 * (qemu icount's TSC, user-mode instructions), and enough of them to say so. The wall clock
 * never is, whatever it reads.
 */
static bool counts_exact(struct runner *r, uint64_t *const *at0, const bool *irq, unsigned int n)
{
	unsigned int first = n, agree = 0;

	if (hc_counters__backend(r->ctr) == HC_BACKEND_CLOCK)
		return false;
	for (unsigned int s = 0; s < n; s++) {
		bool same = true;

		if (irq[s])
			continue;
		if (first == n)
			first = s;
		for (unsigned int m = 0; m < r->nr_metrics; m++)
			same &= at0[m][s] == at0[m][first];
		if (!same)
			return false;
		agree++;
	}
	return agree >= EXACT_MIN_AGREE;
}

/* Samples at 0 iterations: the fixed cost, and whether counts are exact. */
static int baseline_measure(struct runner *r, struct baseline *b, const struct hc_variant *v,
			    void *state)
{
	unsigned int n = r->o->samples < 9 ? 9 : r->o->samples, w = r->o->warmup;
	uint64_t *at0[HC_MAX_COUNTERS] = { 0 };
	bool *irq = calloc(n, sizeof(*irq));
	struct sample_out d;
	int ret = irq ? 0 : hc_err("out of memory");

	for (unsigned int m = 0; m < r->nr_metrics && !ret; m++)
		if (!(at0[m] = calloc(n, sizeof(uint64_t))))
			ret = hc_err("out of memory");
	for (unsigned int s = 0; s < n + w && !ret; s++) {
		hc_marker_tag(HC_MARKER_FIXED, b - r->baselines,
			      s >= w ? (int)(s - w) : HC_MARKER_WARMUP);
		ret = sample(r, v, state, 0, 0, true, &d);
		if (ret || s < w)
			continue;
		irq[s - w] = d.interrupted;
		for (unsigned int m = 0; m < r->nr_metrics; m++)
			at0[m][s - w] = d.delta[m];
	}
	for (unsigned int m = 0; m < r->nr_metrics && !ret; m++)
		b->fixed[m] = median_u64(at0[m], n);
	if (!ret)
		b->exact = counts_exact(r, at0, irq, n);
	for (unsigned int m = 0; m < r->nr_metrics; m++)
		free(at0[m]);
	free(irq);
	return ret;
}

/*
 * The fixed per-sample cost of a baseline (counter reads, the call) from samples at 0
 * iterations, per counting scope. A baseline this machine cannot run (a kernel suite without
 * the module) is remembered as failed, and the cases that need it are skipped with the same
 * reason.
 */
struct baseline *hc_baseline_get(struct runner *r, const char *name, bool kernel)
{
	const struct hc_case *c = hc_case_find(name);
	struct hc_variant v = { .c = c };
	struct baseline *b;
	void *state = NULL;

	for (unsigned int i = 0; i < r->nr_baselines; i++)
		if (!strcmp(r->baselines[i].name, name) && r->baselines[i].kernel == kernel)
			return &r->baselines[i];
	if (r->nr_baselines == MAX_BASELINES)
		return NULL;
	b = &r->baselines[r->nr_baselines++];
	b->name = name;
	b->c = c;
	b->kernel = kernel;
	if (!c) {
		snprintf(b->why, sizeof(b->why), "baseline case '%s' is not built in", name);
		return b;
	}
	if (c->setup && c->setup(&v, &state)) {
		snprintf(b->why, sizeof(b->why), "baseline '%s' unavailable: %s", name,
			 hc_err_msg());
		hc_err_clear();
		return b;
	}
	b->ok = !baseline_measure(r, b, &v, state);
	if (!b->ok) {
		snprintf(b->why, sizeof(b->why), "baseline '%s' failed: %s", name, hc_err_msg());
		hc_err_clear();
	}
	if (c->teardown)
		c->teardown(state);
	return b;
}
