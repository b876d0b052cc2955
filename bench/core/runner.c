// SPDX-License-Identifier: GPL-2.0
/*
 * The runner. For each group (one case with one parameter set):
 *   1. set up every variant (a variant this machine cannot reach is recorded as skipped);
 *   2. calibrate one iteration count for the group, so a sample lasts at least --min-time and
 *      at least 1000 times the cost of reading the counters (the read is < 0.1 % of a sample);
 *   3. warm-up rounds, discarded;
 *   4. rounds: every variant once, in a freshly shuffled order, so drift hits all alike;
 *   5. per-op values net of the baseline: the baseline case ("empty" or the suite's own) runs
 *      in every round at the group's iteration count, and each sample has the same round's
 *      baseline sample subtracted, which removes the loop and the counter reads and cancels
 *      drift (frequency, a busy neighbour) the way the shuffled rounds do between variants.
 *      The baseline at 0 iterations gives the fixed per-sample part, reported alone, and
 *      the only part subtracted from cases whose loop is negligible (HC_CASE_NO_BASELINE).
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/error.h"
#include "core/marker.h"
#include "core/runner.h"
#include "analysis/stats.h"

#define MAX_ITERS		(1ull << 40)
#define READ_COST_FACTOR	1000
#define MAX_BASELINES		4

volatile sig_atomic_t hc_runner_stop;

struct baseline {
	const char *name;
	const struct hc_case *c;
	bool ok;
	char why[512];			/* why it cannot run, when !ok */
	double fixed[HC_MAX_COUNTERS];	/* median cost of a sample of 0 iterations */
};

struct runner {
	const struct hc_run_opts *o;
	struct hc_counters *ctr;
	unsigned int nr_counters;	/* metrics [0, nr_counters) come from the counters */
	unsigned int nr_metrics;	/* plus HC_OWN_METRIC when a case in the plan has it */
	uint64_t rng;
	double target_sec;
	struct baseline baselines[MAX_BASELINES];
	unsigned int nr_baselines;
	/* progress */
	unsigned int group, nr_groups;
	time_t started;
};

static double now_sec(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec * 1e-9;
}

/* xorshift64*: enough for shuffling, and reproducible from --seed. */
static uint64_t rng_next(uint64_t *s)
{
	*s ^= *s >> 12;
	*s ^= *s << 25;
	*s ^= *s >> 27;
	return *s * 0x2545f4914f6cdd1dull;
}

static void shuffle(unsigned int *a, unsigned int n, uint64_t *rng)
{
	for (unsigned int i = n; i > 1; i--) {
		unsigned int j = rng_next(rng) % i, t = a[i - 1];

		a[i - 1] = a[j];
		a[j] = t;
	}
}

/* One sample: counter deltas for iters operations of a set-up variant. */
static int sample(struct runner *r, const struct hc_case *c, void *state, uint64_t iters,
		  uint64_t *delta, bool *multiplexed)
{
	struct hc_reading a, b;

	if (c->enter && c->enter(state))
		return -1;
	hc_marker_begin();
	if (hc_counters__read(r->ctr, &a))
		goto fail;
	c->run(state, iters);
	if (hc_counters__read(r->ctr, &b))
		goto fail;
	hc_marker_end();
	/* Before leave: the case's own count is of this run() and may be reset by leave. */
	if (r->nr_metrics > r->nr_counters) {
		delta[r->nr_counters] = 0;
		if (c->own_count && c->own_count(state, &delta[r->nr_counters]))
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
		delta[m] = b.val[m] - a.val[m];
	*multiplexed = (b.time_enabled - a.time_enabled) != (b.time_running - a.time_running);
	return 0;
fail:
	if (c->leave)
		c->leave(state);
	return -1;
}

/* Seconds one run(iters) takes, best of three (calibration only; not a sample). */
static double time_run(const struct hc_case *c, void *state, uint64_t iters)
{
	double best = INFINITY;

	for (int i = 0; i < 3; i++) {
		double t0, t;

		if (c->enter && c->enter(state))
			return -1;
		t0 = now_sec();
		c->run(state, iters);
		t = now_sec() - t0;
		if (c->leave)
			c->leave(state);
		if (t < best)
			best = t;
	}
	return best;
}

static int calibrate(struct runner *r, const struct hc_case *c, void *state, uint64_t *iters)
{
	uint64_t n = 1;
	double t;

	for (;;) {
		t = time_run(c, state, n);
		if (t < 0)
			return -1;
		if (t >= r->target_sec / 8 || n >= MAX_ITERS)
			break;
		n *= t > 0 ? (t * 64 < r->target_sec ? 16 : 2) : 16;
	}
	n = (uint64_t)ceil(n * (r->target_sec / (t > 0 ? t : 1e-9)));
	*iters = n < 1 ? 1 : n > MAX_ITERS ? MAX_ITERS : n;
	return 0;
}

/* The cost of reading the counters twice, the thing a sample must dwarf. */
static double read_cost(struct runner *r)
{
	struct hc_reading x;
	double best = INFINITY;

	for (int i = 0; i < 51; i++) {
		double t0 = now_sec(), t;

		hc_counters__read(r->ctr, &x);
		hc_counters__read(r->ctr, &x);
		t = now_sec() - t0;
		if (t < best)
			best = t;
	}
	return best;
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
 * The fixed per-sample cost of a baseline (counter reads, the call) from samples at 0
 * iterations. A baseline this machine cannot run (a kernel suite without the module) is
 * remembered as failed, and the cases that need it are skipped with the same reason.
 */
static struct baseline *baseline_get(struct runner *r, const char *name)
{
	const struct hc_case *c = hc_case_find(name);
	struct hc_variant v = { .c = c };
	unsigned int n = r->o->samples < 9 ? 9 : r->o->samples;
	uint64_t *at0[HC_MAX_COUNTERS] = { 0 }, d[HC_MAX_COUNTERS];
	struct baseline *b;
	void *state = NULL;
	bool mux;

	for (unsigned int i = 0; i < r->nr_baselines; i++)
		if (!strcmp(r->baselines[i].name, name))
			return &r->baselines[i];
	if (r->nr_baselines == MAX_BASELINES)
		return NULL;
	b = &r->baselines[r->nr_baselines++];
	b->name = name;
	b->c = c;
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
	for (unsigned int m = 0; m < r->nr_metrics; m++) {
		at0[m] = calloc(n, sizeof(uint64_t));
		if (!at0[m]) {
			hc_err("out of memory");
			goto out;
		}
	}
	for (unsigned int s = 0; s < n + r->o->warmup; s++) {
		if (sample(r, c, state, 0, d, &mux))
			goto out;
		hc_marker_note(HC_MARKER_FIXED, b - r->baselines,
			       s >= r->o->warmup ? (int)(s - r->o->warmup) : HC_MARKER_WARMUP);
		for (unsigned int m = 0; m < r->nr_metrics && s >= r->o->warmup; m++)
			at0[m][s - r->o->warmup] = d[m];
	}
	for (unsigned int m = 0; m < r->nr_metrics; m++)
		b->fixed[m] = median_u64(at0[m], n);
	b->ok = true;
out:
	if (!b->ok) {
		snprintf(b->why, sizeof(b->why), "baseline '%s' failed: %s", name, hc_err_msg());
		hc_err_clear();
	}
	for (unsigned int m = 0; m < r->nr_metrics; m++)
		free(at0[m]);
	if (c->teardown)
		c->teardown(state);
	return b;
}

static void progress(struct runner *r, const struct hc_variant *v, unsigned int round,
		     unsigned int rounds)
{
	char label[160];
	struct hc_vid id;

	if (!r->o->progress)
		return;
	hc_vid_of(&id, v);
	hc_vid_label(&id, HC_VID_ALL, &hc_label_path, label, sizeof(label));
	fprintf(stderr, "\r\033[K[%u/%u] %-48.48s round %u/%u  %lds", r->group + 1,
		r->nr_groups, label, round, rounds, (long)(time(NULL) - r->started));
	fflush(stderr);
}

/*
 * Per-op values: each sample minus the same round's baseline sample, over the iterations.
 * base_raw[m][s] is the baseline's raw count in round s.
 */
static void net_values(struct runner *r, const struct hc_case *c, struct hc_result *res,
		       const struct baseline *b, uint64_t *const *base_raw)
{
	bool loop = !(c->flags & HC_CASE_NO_BASELINE);
	double *per_iter = malloc(res->nr_samples * sizeof(*per_iter));

	for (unsigned int m = 0; m < r->nr_metrics; m++) {
		if (!hc_result_has(res, m))
			continue;
		res->overhead_fixed[m] = b->fixed[m];
		for (unsigned int s = 0; s < res->nr_samples; s++) {
			double base = loop ? (double)base_raw[m][s] : b->fixed[m];

			res->per_op[m][s] = ((double)res->raw[m][s] - base) / res->iterations;
			if (per_iter)
				per_iter[s] = ((double)base_raw[m][s] - b->fixed[m]) /
					      res->iterations;
		}
		res->overhead_per_iter[m] = loop && per_iter ? hc_median(per_iter,
									 res->nr_samples) : 0;
	}
	free(per_iter);
}

static void skip_all(struct hc_result **res, unsigned int n, const char *why)
{
	for (unsigned int i = 0; i < n; i++)
		if (res[i] && !res[i]->skip_reason)
			res[i]->skip_reason = strdup(why);
}

/*
 * Runs n variants of the plan that form one group (a case with one parameter set). Slot n of
 * state[] and of the shuffled order is the baseline, measured in every round like a variant.
 * Returns 0 when done, 1 when stopped before its last round (nothing kept), -1 on error.
 */
static int run_group(struct runner *r, const struct hc_variant *vs, unsigned int n,
		     struct hc_run *run)
{
	const struct hc_case *c = vs[0].c;
	unsigned int first_result = run->nr_results, nr_live = 0, rounds;
	struct hc_result **res = calloc(n, sizeof(*res));
	void **state = calloc(n + 1, sizeof(*state));
	unsigned int *order = calloc(n + 1, sizeof(*order));
	uint64_t *base_raw[HC_MAX_COUNTERS] = { 0 };
	bool *base_mux = calloc(r->o->samples, sizeof(*base_mux));
	uint64_t iters = 1, d[HC_MAX_COUNTERS];
	struct hc_variant bv = { 0 };
	struct baseline *b;
	bool b_ready = false;
	int ret = -1;

	if (!res || !state || !order || !base_mux) {
		hc_err("out of memory");
		goto out_free;
	}
	for (unsigned int i = 0; i < n; i++) {
		if (!hc_run_add(run, &vs[i], r->o->samples)) {
			hc_err("out of memory");
			goto out;
		}
	}
	/* Only now: hc_run_add() may move the array while it grows. */
	for (unsigned int i = 0; i < n; i++)
		res[i] = &run->results[first_result + i];
	b = baseline_get(r, c->baseline ? c->baseline : "empty");
	if (!b) {
		hc_err("too many baseline cases in one run");
		goto out;
	}
	if (!b->ok) {
		skip_all(res, n, b->why);
		ret = 0;
		goto out;
	}
	bv.c = b->c;
	hc_marker_group(first_result, b - r->baselines, !(c->flags & HC_CASE_NO_BASELINE));
	if (b->c->setup && b->c->setup(&bv, &state[n]))
		goto out;
	b_ready = true;
	for (unsigned int m = 0; m < r->nr_metrics; m++) {
		base_raw[m] = calloc(r->o->samples, sizeof(uint64_t));
		if (!base_raw[m]) {
			hc_err("out of memory");
			goto out;
		}
	}

	for (unsigned int i = 0; i < n; i++) {
		int err = c->setup ? c->setup(&vs[i], &state[i]) : 0;

		if (err == -ENOTSUP) {
			res[i]->skip_reason = strdup(hc_err_msg());
			hc_err_clear();
			continue;
		}
		if (err)
			goto out;
		order[nr_live++] = i;
	}
	if (!nr_live) {
		ret = 0;
		goto out;
	}

	/*
	 * One count for the whole group keeps its samples comparable; the largest calibrated
	 * count keeps even the cheapest variant's sample above the target length.
	 */
	for (unsigned int k = 0; k < nr_live; k++) {
		uint64_t it;

		if (calibrate(r, c, state[order[k]], &it))
			goto out;
		if (it > iters)
			iters = it;
	}

	order[nr_live] = n;
	rounds = r->o->warmup + r->o->samples;
	for (unsigned int round = 0; round < rounds; round++) {
		bool keep = round >= r->o->warmup;
		unsigned int s = round - r->o->warmup;

		if (hc_runner_stop) {
			ret = 1;
			goto out;
		}
		progress(r, &vs[0], round + 1, rounds);
		shuffle(order, nr_live + 1, &r->rng);
		for (unsigned int k = 0; k <= nr_live; k++) {
			unsigned int i = order[k];
			const struct hc_case *sc = i == n ? b->c : c;
			bool mux;

			if (sample(r, sc, state[i], iters, d, &mux))
				goto out;
			hc_marker_note(i == n ? HC_MARKER_BASE : HC_MARKER_CASE,
				       first_result + (i == n ? 0 : i), keep ? (int)s : HC_MARKER_WARMUP);
			if (!keep)
				continue;
			for (unsigned int m = 0; m < r->nr_metrics; m++) {
				if (i == n)
					base_raw[m][s] = d[m];
				else
					res[i]->raw[m][s] = d[m];
			}
			if (i == n)
				base_mux[s] = mux;
			else
				res[i]->multiplexed[s] = mux;
		}
	}
	for (unsigned int i = 0; i < n; i++) {
		if (res[i]->skip_reason)
			continue;
		res[i]->iterations = iters;
		res[i]->nr_samples = r->o->samples;
		/* A sample is only as good as the baseline sample subtracted from it. */
		for (unsigned int k = 0; k < r->o->samples; k++)
			res[i]->multiplexed[k] |= base_mux[k];
		res[i]->metrics = (1u << r->nr_counters) - 1;
		/* The own count only means something net of a baseline that has one too. */
		if (r->nr_metrics > r->nr_counters && c->own_count && b->c->own_count)
			res[i]->metrics |= 1u << r->nr_counters;
		net_values(r, c, res[i], b, base_raw);
	}
	ret = 0;
out:
	for (unsigned int i = 0; i < n; i++)
		if (state[i] && c->teardown)
			c->teardown(state[i]);
	if (b_ready && b->c->teardown)
		b->c->teardown(state[n]);
	for (unsigned int m = 0; m < r->nr_metrics; m++)
		free(base_raw[m]);
	/* An unfinished group is dropped whole: a result file only holds finished cases. */
	if (ret)
		hc_run_truncate(run, first_result);
out_free:
	free(res);
	free(state);
	free(order);
	free(base_mux);
	return ret;
}

/* The variants of a group run in the same rounds: one case with one parameter set. */
static bool same_group(const struct hc_variant *a, const struct hc_variant *b)
{
	struct hc_vid x, y;

	hc_vid_of(&x, a);
	hc_vid_of(&y, b);
	return hc_vid_same(&x, &y, HC_VID_CASE | HC_VID_PARAMS);
}

static void warn_multiplexed(const struct hc_run *run, unsigned int from)
{
	char label[160];

	for (unsigned int i = from; i < run->nr_results; i++) {
		const struct hc_result *x = &run->results[i];
		unsigned int mux = hc_result_multiplexed(x);

		if (!mux)
			continue;
		hc_vid_label(&x->id, HC_VID_ALL, &hc_label_path, label, sizeof(label));
		hc_warn("%s: counters were multiplexed in %u of %u samples (values are not "
			"scaled); use fewer -e events", label, mux, x->nr_samples);
	}
}

int hc_runner_run(const struct hc_plan *plan, const struct hc_run_opts *o,
		  struct hc_counters *ctr, struct hc_run *run, hc_case_done_fn done, void *arg)
{
	struct runner r = {
		.o = o, .ctr = ctr, .nr_counters = hc_counters__nr(ctr),
		.rng = o->seed ? o->seed : 1, .started = time(NULL),
	};
	int ret = 0;

	r.nr_metrics = r.nr_counters;
	for (unsigned int m = 0; m < r.nr_counters; m++)
		run->metric[m] = hc_counters__name(ctr, m);
	for (unsigned int i = 0; i < plan->nr && r.nr_metrics == r.nr_counters; i++) {
		if (plan->v[i].c->own_count && r.nr_counters < HC_MAX_COUNTERS) {
			run->metric[r.nr_counters] = HC_OWN_METRIC;
			r.nr_metrics++;
		}
	}
	run->nr_metrics = r.nr_metrics;
	/* A simulator's counts are exact: its slow reads are subtracted, not noise to dwarf. */
	r.target_sec = hc_counters__backend(ctr) == HC_BACKEND_VALGRIND ? o->min_time :
		       fmax(o->min_time, READ_COST_FACTOR * read_cost(&r));
	json_object_set_new(run->context, "sample_target_seconds", json_real(r.target_sec));

	for (unsigned int i = 0; i < plan->nr; i++)
		if (!i || !same_group(&plan->v[i - 1], &plan->v[i]))
			r.nr_groups++;
	run->complete = false;
	for (unsigned int i = 0; i < plan->nr; r.group++) {
		unsigned int n = 1, from = run->nr_results;

		if (hc_runner_stop)
			break;
		while (i + n < plan->nr && same_group(&plan->v[i], &plan->v[i + n]))
			n++;
		ret = run_group(&r, &plan->v[i], n, run);
		if (ret)
			break;
		warn_multiplexed(run, from);
		i += n;
		/* A signal after the last group's last round stops nothing. */
		run->complete = i == plan->nr;
		if (!run->complete && done && done(run, arg)) {
			ret = -1;
			break;
		}
	}
	if (o->progress)
		fprintf(stderr, "\r\033[K");
	return ret < 0 ? -1 : 0;
}
