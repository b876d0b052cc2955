// SPDX-License-Identifier: GPL-2.0
/*
 * Calibration of the two cheapest gates while their feature is unused: a disabled static
 * branch (one 5-byte NOP: expect empty + 1.00 instructions and no cycle difference) and a
 * global flag tested by a conditional branch (a load-and-compare plus the branch: more
 * instructions than the static branch). Both guard the same out-of-line work, so only the
 * gate differs; the loop is HC_LOOP as in "empty".
 */
#include <stdbool.h>
#include <stdint.h>

#include <hookcost/static_branch.h>

#include "core/case.h"

static HC_DEFINE_STATIC_KEY_FALSE(calib_key);
static bool calib_flag;
/* What the guarded path does; never reached while the gate is unused. */
static uint64_t calib_hits;

static inline void static_unused_op(void)
{
	if (hc_static_branch_unlikely(&calib_key))
		calib_hits++;
}

/* READ_ONCE(flag) and unlikely(), as a kernel fast path tests a global switch. */
static inline void branch_unused_op(void)
{
	if (__builtin_expect(__atomic_load_n(&calib_flag, __ATOMIC_RELAXED), 0))
		calib_hits++;
}

static void run_static_unused(void *state, uint64_t iters)
{
	HC_LOOP(iters, static_unused_op());
}

static void run_branch_unused(void *state, uint64_t iters)
{
	HC_LOOP(iters, branch_unused_op());
}

HC_CASE(case_static_unused) = {
	.name = "static_unused",
	.suite = "calib",
	.desc = "a disabled static branch per op (expect +1.00 instructions, no cycles)",
	.gates = HC_GATE_BIT(HC_GATE_NONE),
	.configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.run = run_static_unused,
};

HC_CASE(case_branch_unused) = {
	.name = "branch_unused",
	.suite = "calib",
	.desc = "a false global flag tested per op (load, compare, branch)",
	.gates = HC_GATE_BIT(HC_GATE_NONE),
	.configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.run = run_branch_unused,
};
