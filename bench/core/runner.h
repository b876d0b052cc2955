/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The runner: from a plan of variants to samples. Calibrates iterations per sample, runs
 * warm-up rounds, then rounds in which every variant of a case runs once in shuffled order,
 * and subtracts the baseline ("empty") cost measured the same way.
 */
#ifndef HC_RUNNER_H
#define HC_RUNNER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>

#include "core/case.h"
#include "core/counters.h"
#include "core/result.h"

struct hc_plan {
	struct hc_variant *v;	/* variants of one case are contiguous */
	unsigned int nr;
};

struct hc_plan_spec {
	const char *cases;	/* comma list of case names or suite names; NULL: "calib" */
	const char *gates;	/* comma list; NULL: all the case has */
	const char *configs;	/* comma list; NULL: all the case has */
	const char *params[HC_MAX_PARAMS];	/* "name=v1,v2" overrides of sweeps */
	unsigned int nr_params;
};

struct hc_run_opts {
	unsigned int samples;	/* kept samples per variant */
	unsigned int warmup;	/* discarded rounds */
	double min_time;	/* seconds per sample, at least */
	uint64_t iterations;	/* operations per sample; 0: calibrated from min_time */
	uint64_t seed;		/* shuffling */
	bool progress;		/* one updating line on stderr */
};

/*
 * 31 samples of 2.5 ms rather than 15 of 5 ms: the same sampling time, and on a shared host
 * narrower intervals per second (up to 2x, data/method/gb-compare*.md), since a variant's
 * sample and its baseline sample are closer in time (drift cancels better) and the
 * order-statistic interval of the median has more ranks to choose from. That holds for counts
 * of the thread alone (perf events); counting wall time (tsc, clock) on an overloaded host,
 * where preemption lands in every sample, 15 samples of 5 ms did better.
 */
#define HC_RUN_OPTS_DEFAULT { .samples = 31, .warmup = 2, .min_time = 0.0025, .seed = 1 }

/* Expands the spec into variants; usage error for an unknown name or an unreachable filter. */
int hc_plan_build(const struct hc_plan_spec *spec, struct hc_plan *plan);
void hc_plan_free(struct hc_plan *plan);

/* Called after each case's variants are finished (for incremental, atomic result files). */
typedef int (*hc_case_done_fn)(struct hc_run *run, void *arg);

/*
 * Runs the plan on the calling (already pinned) thread and sets run->complete when every case
 * finished. Stops early, leaving every finished case in place, when hc_runner_stop is set
 * (to the number of the signal that asked for it); a case cut short is dropped whole.
 */
int hc_runner_run(const struct hc_plan *plan, const struct hc_run_opts *o,
		  struct hc_counters *ctr, struct hc_run *run, hc_case_done_fn done, void *arg);

extern volatile sig_atomic_t hc_runner_stop;

#endif
