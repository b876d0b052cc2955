/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Inside the runner: its state, and what runner.c asks of sample.c (one sample, an
 * interrupted one measured again, a baseline's fixed cost and whether counts are exact).
 * Private to bench/core/runner.c and bench/core/sample.c; runner.h is the interface.
 */
#ifndef HC_RUNNER_PRIV_H
#define HC_RUNNER_PRIV_H

#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "core/runner.h"

#define MAX_BASELINES		8
/* Re-measurements of one interrupted sample before it is kept as it is. */
#define IRQ_RETRIES		10

struct baseline {
	const char *name;
	const struct hc_case *c;
	bool kernel;			/* the counting scope it was measured in */
	bool ok;
	bool exact;			/* its samples at 0 iterations repeat exactly */
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

/* What one sample gives: counter deltas and what may spoil them. */
struct sample_out {
	uint64_t delta[HC_MAX_COUNTERS];
	bool multiplexed;	/* the counters did not run all the time */
	bool interrupted;	/* the kernel was entered for something else during it */
};

/*
 * A sample of iters operations of a set-up variant to keep. With exact counts an interrupted
 * sample is measured again, up to IRQ_RETRIES times, and *remeasured counts how often.
 */
int hc_sample_measure(struct runner *r, const struct hc_variant *v, void *state, uint64_t iters,
		      unsigned int round, bool exact, struct sample_out *out,
		      unsigned int *remeasured);

/*
 * The baseline case name in one counting scope, measured on first use; NULL when a run holds
 * too many. A baseline this machine cannot run comes back with !ok and the reason in why.
 */
struct baseline *hc_baseline_get(struct runner *r, const char *name, bool kernel);

#endif
