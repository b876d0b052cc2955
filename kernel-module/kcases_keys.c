// SPDX-License-Identifier: GPL-2.0
/*
 * Real static keys: a hook behind one in a loop (off / unused / active), and what changing a
 * key costs, both the patching path (enable + disable) and the counting one (inc + dec).
 */
#include <linux/compiler.h>
#include <linux/jump_label.h>
#include <linux/kernel.h>

#include "hookcost.h"

static DEFINE_STATIC_KEY_FALSE(hc_hook_key);
static DEFINE_STATIC_KEY_FALSE(hc_toggle_key);
static DEFINE_STATIC_KEY_FALSE(hc_inc_key);

static struct static_key_false *const hc_keys[] = {
	&hc_hook_key, &hc_toggle_key, &hc_inc_key,
};

static u64 hc_hook_calls;

/* Out of line, as a real hook is: the active path is a jump, a call and a counter update. */
static noinline void hc_hook(void)
{
	WRITE_ONCE(hc_hook_calls, hc_hook_calls + 1);
}

void hc_keys_reset(void)
{
	unsigned int i;

	/* static_branch_disable() refuses a key counted above one; dec takes any count down. */
	for (i = 0; i < ARRAY_SIZE(hc_keys); i++)
		while (static_key_count(&hc_keys[i]->key) > 0)
			static_branch_dec(hc_keys[i]);
}

bool hc_keys_all_off(void)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hc_keys); i++)
		if (static_key_enabled(hc_keys[i]))
			return false;
	return true;
}

static int hc_hook_prepare(struct hc_krun *run)
{
	if (run->config == HC_CONFIG_ACTIVE)
		static_branch_enable(&hc_hook_key);
	return 0;
}

/* off: the hook is not compiled in; the loop is the baseline's. */
static u64 hc_hook_off_run(u64 iters)
{
	u64 i;

	for (i = iters; i; i--)
		barrier();
	return iters;
}

static u64 hc_hook_on_run(u64 iters)
{
	u64 calls = READ_ONCE(hc_hook_calls);
	u64 i;

	for (i = iters; i; i--) {
		if (static_branch_unlikely(&hc_hook_key))
			hc_hook();
		barrier();
	}
	return iters + READ_ONCE(hc_hook_calls) - calls;
}

static u64 hc_hook_run(struct hc_krun *run, u64 iters)
{
	return run->config == HC_CONFIG_OFF ? hc_hook_off_run(iters) : hc_hook_on_run(iters);
}

const struct hc_kcase hc_kcase_key_hook = {
	.id = HC_KCASE_KEY_HOOK,
	.max_iters = HC_KREQ_MAX_ITERS,
	.prepare = hc_hook_prepare,
	.run = hc_hook_run,
};

/* A site of hc_toggle_key, so that enabling the key patches code. */
static noinline bool hc_toggle_site(void)
{
	return static_branch_unlikely(&hc_toggle_key);
}

static u64 hc_toggle_run(struct hc_krun *run, u64 iters)
{
	u64 i;

	for (i = iters; i; i--) {
		static_branch_enable(&hc_toggle_key);
		static_branch_disable(&hc_toggle_key);
	}
	return iters + hc_toggle_site();
}

const struct hc_kcase hc_kcase_key_toggle = {
	.id = HC_KCASE_KEY_TOGGLE,
	.flags = HC_KCASE_SLEEPS,
	.max_iters = 1u << 16,
	.run = hc_toggle_run,
};

static noinline bool hc_inc_site(void)
{
	return static_branch_unlikely(&hc_inc_key);
}

/* The key stays enabled throughout, so inc and dec only count: no code is patched. */
static int hc_inc_prepare(struct hc_krun *run)
{
	static_branch_inc(&hc_inc_key);
	return 0;
}

static u64 hc_inc_run(struct hc_krun *run, u64 iters)
{
	u64 i;

	for (i = iters; i; i--) {
		static_branch_inc(&hc_inc_key);
		static_branch_dec(&hc_inc_key);
	}
	return iters + hc_inc_site();
}

const struct hc_kcase hc_kcase_key_inc = {
	.id = HC_KCASE_KEY_INC,
	.flags = HC_KCASE_SLEEPS,
	.max_iters = 1u << 16,
	.prepare = hc_inc_prepare,
	.run = hc_inc_run,
};
