// SPDX-License-Identifier: GPL-2.0
/*
 * The runner. For each group (one case with one parameter set):
 *   0. count user mode only, unless the case works in the kernel (HC_CASE_KERNEL), where the
 *      backend can leave the kernel out;
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
 * Where those samples at 0 iterations repeat exactly (qemu icount), counts are exact: samples
 * are kept short and one an interrupt landed in is measured again, so every sample is exact.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include "core/marker.h"
#include "core/runner_priv.h"
#include "base/median.h"

#define MAX_ITERS		(1ull << 40)
#define READ_COST_FACTOR	1000
/*
 * The sample length with exact counts: nothing to average, so a sample only has to be short
 * enough that most contain no timer tick (one every 1-4 ms), which an interrupted one needs.
 */
#define EXACT_TARGET_SEC	0.0002

volatile sig_atomic_t hc_runner_stop;

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

static int calibrate(double target, const struct hc_case *c, void *state, uint64_t *iters)
{
	uint64_t n = 1;
	double t;

	for (;;) {
		t = time_run(c, state, n);
		if (t < 0)
			return -1;
		if (t >= target / 8 || n >= MAX_ITERS)
			break;
		n *= t > 0 ? (t * 64 < target ? 16 : 2) : 16;
	}
	n = (uint64_t)ceil(n * (target / (t > 0 ? t : 1e-9)));
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
 * One group in the making: n variants of the plan (a case with one parameter set). Slot n of
 * state[], order[] and irq[] is the baseline, measured in every round like a variant.
 */
struct group {
	const struct hc_variant *vs;
	unsigned int n, nr_live;
	struct hc_result **res;
	void **state;
	unsigned int *order;
	bool *irq;			/* [i * samples + s]: sample s of slot i was interrupted */
	uint64_t *base_raw[HC_MAX_COUNTERS];
	bool *base_mux;
	struct hc_variant bv;
	struct baseline *b;
	bool b_ready;
	uint64_t iters;
	unsigned int base_remeasured;
	unsigned int first;		/* the index of res[0] in the run (core/marker.h) */
};

/* Sets up the baseline and every variant; a variant this machine cannot reach is skipped. */
static int group_setup(struct runner *r, struct group *g)
{
	const struct hc_case *c = g->vs[0].c;

	if (g->b->c->setup && g->b->c->setup(&g->bv, &g->state[g->n]))
		return -1;
	g->b_ready = true;
	for (unsigned int m = 0; m < r->nr_metrics; m++) {
		g->base_raw[m] = calloc(r->o->samples, sizeof(uint64_t));
		if (!g->base_raw[m])
			return hc_err("out of memory");
	}
	for (unsigned int i = 0; i < g->n; i++) {
		int err = c->setup ? c->setup(&g->vs[i], &g->state[i]) : 0;

		if (err == -ENOTSUP) {
			g->res[i]->skip_reason = strdup(hc_err_msg());
			hc_err_clear();
			continue;
		}
		if (err)
			return -1;
		g->order[g->nr_live++] = i;
	}
	return 0;
}

/*
 * One count for the whole group keeps its samples comparable; the largest calibrated count
 * keeps even the cheapest variant's sample above the target length.
 */
static int group_calibrate(struct runner *r, struct group *g)
{
	double target = g->b->exact ? fmin(r->target_sec, EXACT_TARGET_SEC) : r->target_sec;

	g->iters = r->o->iterations;
	for (unsigned int k = 0; k < g->nr_live && !g->iters; k++) {
		uint64_t it;

		if (calibrate(target, g->vs[0].c, g->state[g->order[k]], &it))
			return -1;
		if (it > g->iters)
			g->iters = it;
	}
	return 0;
}

/* Warm-up and kept rounds; 1 when stopped by a signal. */
static int group_rounds(struct runner *r, struct group *g)
{
	unsigned int rounds = r->o->warmup + r->o->samples, n = g->n;
	struct sample_out d;

	g->order[g->nr_live] = n;
	for (unsigned int round = 0; round < rounds; round++) {
		bool keep = round >= r->o->warmup;
		unsigned int s = round - r->o->warmup;

		if (hc_runner_stop)
			return 1;
		progress(r, &g->vs[0], round + 1, rounds);
		shuffle(g->order, g->nr_live + 1, &r->rng);
		for (unsigned int k = 0; k <= g->nr_live; k++) {
			unsigned int i = g->order[k], dummy = 0;
			bool base = i == n;

			hc_marker_tag(base ? HC_MARKER_BASE : HC_MARKER_CASE,
				      g->first + (base ? 0 : i), keep ? (int)s : HC_MARKER_WARMUP);
			if (hc_sample_measure(r, base ? &g->bv : &g->vs[i], g->state[i], g->iters,
					      round, g->b->exact, &d, !keep ? &dummy :
					      base ? &g->base_remeasured :
					      &g->res[i]->remeasured))
				return -1;
			if (!keep)
				continue;
			for (unsigned int m = 0; m < r->nr_metrics; m++)
				*(base ? &g->base_raw[m][s] : &g->res[i]->raw[m][s]) = d.delta[m];
			*(base ? &g->base_mux[s] : &g->res[i]->multiplexed[s]) = d.multiplexed;
			g->irq[i * r->o->samples + s] = d.interrupted;
		}
	}
	return 0;
}

/* Net values and flags of every measured variant. */
static int group_finish(struct runner *r, struct group *g)
{
	const struct hc_case *c = g->vs[0].c;
	unsigned int ns = r->o->samples;
	const bool *base_irq = &g->irq[g->n * ns];

	for (unsigned int i = 0; i < g->n; i++) {
		struct hc_result *x = g->res[i];

		if (x->skip_reason)
			continue;
		x->iterations = g->iters;
		x->nr_samples = ns;
		x->user_only = hc_counters__user_only(r->ctr);
		x->exact = g->b->exact;
		x->remeasured += g->base_remeasured;
		/* A sample is only as good as the baseline sample subtracted from it. */
		for (unsigned int k = 0; k < ns; k++) {
			x->multiplexed[k] |= g->base_mux[k];
			x->interrupted += g->irq[i * ns + k] || base_irq[k];
		}
		x->metrics = (1u << r->nr_counters) - 1;
		/* The own count only means something net of a baseline that has one too. */
		if (r->nr_metrics > r->nr_counters && c->own_count && g->b->c->own_count)
			x->metrics |= 1u << r->nr_counters;
		net_values(r, c, x, g->b, g->base_raw);
	}
	return 0;
}

static int group_alloc(struct runner *r, struct group *g, struct hc_run *run)
{
	unsigned int first = run->nr_results;

	g->first = first;
	g->res = calloc(g->n, sizeof(*g->res));
	g->state = calloc(g->n + 1, sizeof(*g->state));
	g->order = calloc(g->n + 1, sizeof(*g->order));
	g->irq = calloc((g->n + 1) * (size_t)r->o->samples, sizeof(*g->irq));
	g->base_mux = calloc(r->o->samples, sizeof(*g->base_mux));
	if (!g->res || !g->state || !g->order || !g->irq || !g->base_mux)
		return hc_err("out of memory");
	for (unsigned int i = 0; i < g->n; i++)
		if (!hc_run_add(run, &g->vs[i], r->o->samples))
			return hc_err("out of memory");
	/* Only now: hc_run_add() may move the array while it grows. */
	for (unsigned int i = 0; i < g->n; i++)
		g->res[i] = &run->results[first + i];
	return 0;
}

static void group_free(struct runner *r, struct group *g)
{
	const struct hc_case *c = g->vs[0].c;

	for (unsigned int i = 0; g->state && i < g->n; i++)
		if (g->state[i] && c->teardown)
			c->teardown(g->state[i]);
	if (g->b_ready && g->b->c->teardown)
		g->b->c->teardown(g->state[g->n]);
	for (unsigned int m = 0; m < r->nr_metrics; m++)
		free(g->base_raw[m]);
	free(g->res);
	free(g->state);
	free(g->order);
	free(g->irq);
	free(g->base_mux);
}

/*
 * Runs n variants of the plan that form one group, in the counting scope of its case.
 * Returns 0 when done, 1 when stopped before its last round (nothing kept), -1 on error.
 */
static int run_group(struct runner *r, const struct hc_variant *vs, unsigned int n,
		     struct hc_run *run)
{
	const struct hc_case *c = vs[0].c;
	bool kernel = c->flags & HC_CASE_KERNEL;
	struct group g = { .vs = vs, .n = n };
	unsigned int first_result = run->nr_results;
	int ret = -1;

	if (group_alloc(r, &g, run) || hc_counters__scope(r->ctr, kernel))
		goto out;
	g.b = hc_baseline_get(r, c->baseline ? c->baseline : "empty", kernel);
	if (!g.b) {
		hc_err("too many baseline cases in one run");
		goto out;
	}
	if (!g.b->ok) {
		skip_all(g.res, n, g.b->why);
		ret = 0;
		goto out;
	}
	g.bv.c = g.b->c;
	hc_marker_group(first_result, g.b - r->baselines, !(c->flags & HC_CASE_NO_BASELINE));
	if (group_setup(r, &g))
		goto out;
	ret = 0;
	if (!g.nr_live)
		goto out;
	ret = group_calibrate(r, &g);
	if (!ret)
		ret = group_rounds(r, &g);
	if (!ret)
		ret = group_finish(r, &g);
out:
	group_free(r, &g);
	/* An unfinished group is dropped whole: a result file only holds finished cases. */
	if (ret)
		hc_run_truncate(run, first_result);
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

/* Multiplexed counts, and interrupted samples where counts are otherwise exact. */
static void warn_flags(const struct hc_run *run, unsigned int from)
{
	char label[160];

	for (unsigned int i = from; i < run->nr_results; i++) {
		const struct hc_result *x = &run->results[i];
		unsigned int mux = hc_result_multiplexed(x);

		if (x->skip_reason || (!mux && !(x->exact && x->interrupted)))
			continue;
		hc_vid_label(&x->id, HC_VID_ALL, &hc_label_path, label, sizeof(label));
		if (mux)
			hc_warn("%s: counters were multiplexed in %u of %u samples (values are not "
				"scaled); use fewer -e events", label, mux, x->nr_samples);
		if (x->exact && x->interrupted)
			hc_warn("%s: %u of %u samples still contain an interrupt after %d "
				"re-measurements", label, x->interrupted, x->nr_samples,
				IRQ_RETRIES);
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
		warn_flags(run, from);
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
