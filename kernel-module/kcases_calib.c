// SPDX-License-Identifier: GPL-2.0
/*
 * Calibration cases: the bare loop every kernel case is built on (the suite's baseline) and
 * the loop plus one NOP, the instruction a disabled static key leaves in a fast path.
 */
#include <linux/compiler.h>

#include "hookcost.h"

/* Same shape as the user-space HC_LOOP: down-counting, with a compiler barrier. */
static u64 hc_empty_run(struct hc_krun *run, u64 iters)
{
	u64 i;

	for (i = iters; i; i--)
		barrier();
	return iters;
}

static u64 hc_nop1_run(struct hc_krun *run, u64 iters)
{
	u64 i;

	for (i = iters; i; i--)
		asm volatile("nop" ::: "memory");
	return iters;
}

const struct hc_kcase hc_kcase_empty = {
	.id = HC_KCASE_EMPTY,
	.max_iters = HC_KREQ_MAX_ITERS,
	.run = hc_empty_run,
};

const struct hc_kcase hc_kcase_nop1 = {
	.id = HC_KCASE_NOP1,
	.max_iters = HC_KREQ_MAX_ITERS,
	.run = hc_nop1_run,
};
