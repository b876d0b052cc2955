// SPDX-License-Identifier: GPL-2.0
/*
 * Calibration cases: operations whose cost is known exactly in instructions, so the method
 * (loop shape, baseline subtraction, statistics) can be checked before any model is measured.
 * Bodies are inline asm so the compiler cannot change their instruction count.
 */
#include "core/case.h"

#define CALIB(sym, cname, text, fn)						\
	HC_CASE(sym) = {							\
		.name = cname, .suite = "calib", .desc = text,			\
		.gates = HC_GATE_BIT(HC_GATE_NONE),				\
		.configs = HC_CONFIG_BIT(HC_CONFIG_NONE),			\
		.run = fn,							\
	}

static void run_empty(void *state, uint64_t iters)
{
	HC_LOOP(iters, );
}

static void run_nop1(void *state, uint64_t iters)
{
	HC_LOOP(iters, __asm__ __volatile__("nop"));
}

static void run_nop5(void *state, uint64_t iters)
{
	HC_LOOP(iters, __asm__ __volatile__("nop; nop; nop; nop; nop"));
}

static void run_add_dep(void *state, uint64_t iters)
{
	uint64_t acc = 0;

	/* Each add needs the previous result: one cycle of latency per op. */
	HC_LOOP(iters, __asm__ __volatile__("add $1, %0" : "+r"(acc)));
	__asm__ __volatile__("" :: "r"(acc));
}

static void run_branch_taken(void *state, uint64_t iters)
{
	uint64_t one = 1;

	HC_LOOP(iters, __asm__ __volatile__("test %0, %0\n\tjnz 1f\n\tnop\n1:" :: "r"(one)));
}

static void __attribute__((noinline)) indirect_target(void)
{
	__asm__ __volatile__("");
}

/* volatile: the compiler must load the pointer each time, as for a real ops-table hook. */
static void (*volatile indirect_fn)(void) = indirect_target;

static void run_indirect_call(void *state, uint64_t iters)
{
	HC_LOOP(iters, indirect_fn());
}

CALIB(case_empty, "empty", "the loop alone: the baseline every user-space case subtracts",
      run_empty);
CALIB(case_nop1, "nop1", "one NOP per op (expect +1.00 instructions)", run_nop1);
CALIB(case_nop5, "nop5", "five NOPs per op (expect +5.00 instructions)", run_nop5);
CALIB(case_add_dep, "add_dep", "a chain of dependent adds (expect ~1 cycle per op)",
      run_add_dep);
CALIB(case_branch_taken, "branch_taken", "an always-taken conditional branch", run_branch_taken);
CALIB(case_indirect_call, "indirect_call", "a call through a function pointer",
      run_indirect_call);
