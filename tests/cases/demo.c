// SPDX-License-Identifier: GPL-2.0
/*
 * A case of one's own, declared in this one place and nowhere else: tests/case-declaration.t
 * links it into a hookcost and finds it in `list`, a run, the report and its headline, in a
 * table of its own mechanism.
 */
#include "core/case.h"

static void run_demo(void *state, uint64_t iters)
{
	HC_LOOP(iters, __asm__ __volatile__("nop"));
}

HC_CASE(case_demo_hook) = {
	.name = "demo.hook",
	.suite = "user",
	.desc = "a case declared in one place (tests/cases/demo.c)",
	.mechanism = "demo",
	.gates = HC_GATE_BIT(HC_GATE_STATIC),
	.configs = HC_CONFIGS_ALL,
	.run = run_demo,
};
