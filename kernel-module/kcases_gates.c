// SPDX-License-Identifier: GPL-2.0
/*
 * One hook body behind every gate of <hookcost/gate.h>, in the loop of the calibration cases:
 * with the body the same and every hook an ordinary call, what differs between gates when the
 * hook is taken is the gate's own guard (static: a jmp; branch: a load, test and jump;
 * indirect: the call through a pointer), and when it is not taken, the disabled guard.
 */
#include <linux/compiler.h>

#include <hookcost/gate.h>

#include "hookcost.h"

struct hc_gh_ops {
	bool (*body)(u64 *calls);
};

HC_GATE_DECLARE(hc_gh, struct hc_gh_ops);

/* The hook: out of line, a counter update. */
static noinline bool hc_gh_body(u64 *calls)
{
	WRITE_ONCE(*calls, *calls + 1);
	return true;
}

/* HC_HOOK names a field hook for every gate; this case has no field gate. */
#define hc_gh_body_field	hc_gh_body

static bool hc_gh_nop(u64 *calls)
{
	return false;
}

const struct hc_gh_ops hc_gh_ops_nop = { .body = hc_gh_nop };
const struct hc_gh_ops hc_gh_ops_on = { .body = hc_gh_body };

HC_GATE_DEFINE(hc_gh, struct hc_gh_ops);

static u64 hc_gh_calls;

#define HC_GH_SITE(gate)	((void)HC_HOOK(gate, hc_gh, true, false, body, &hc_gh_calls))

#define HC_GH_LOOP(sfx, gate)							\
	static noinline u64 hc_gh_loop_##sfx(u64 iters)			\
	{									\
		u64 i, calls = READ_ONCE(hc_gh_calls);				\
										\
		for (i = iters; i; i--) {					\
			HC_GH_SITE(gate);					\
			barrier();						\
		}								\
		return iters + READ_ONCE(hc_gh_calls) - calls;			\
	}

HC_GH_LOOP(off, HC_GATE_NONE)
HC_GH_LOOP(static, HC_GATE_STATIC)
HC_GH_LOOP(branch, HC_GATE_BRANCH)
HC_GH_LOOP(indirect, HC_GATE_INDIRECT)

static u64 (*const hc_gh_loops[HC_GATE__NR])(u64 iters) = {
	[HC_GATE_NONE] = hc_gh_loop_off,
	[HC_GATE_STATIC] = hc_gh_loop_static,
	[HC_GATE_BRANCH] = hc_gh_loop_branch,
	[HC_GATE_INDIRECT] = hc_gh_loop_indirect,
};

static int hc_gh_prepare(struct hc_krun *run)
{
	return run->config == HC_CONFIG_ACTIVE ? hc_gate_switch(hc_gh, true) : 0;
}

static u64 hc_gh_run(struct hc_krun *run, u64 iters)
{
	return hc_gh_loops[hc_gate_code(run->gate, run->config)](iters);
}

static void hc_gh_finish(struct hc_krun *run)
{
	hc_gate_switch(hc_gh, false);
}

bool hc_gate_hook_off(void)
{
	return !static_key_enabled(&hc_gh_key) && !READ_ONCE(hc_gh_flag) &&
	       READ_ONCE(hc_gh_ops) == &hc_gh_ops_nop;
}

const struct hc_kcase hc_kcase_gate_hook = {
	.id = HC_KCASE_GATE_HOOK,
	.max_iters = HC_KREQ_MAX_ITERS,
	.prepare = hc_gh_prepare,
	.run = hc_gh_run,
	.finish = hc_gh_finish,
};
