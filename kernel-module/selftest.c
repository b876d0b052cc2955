// SPDX-License-Identifier: GPL-2.0
/*
 * KTAP self test, run at load with selftest=1: static key states through enable, disable,
 * inc and dec; the run path (validation, results, keys reset after a run); the invariants of
 * the shared models in kernel context.
 */
#define pr_fmt(fmt) fmt

#include <linux/jump_label.h>
#include <linux/kernel.h>
#include <linux/printk.h>
#include <linux/sched.h>
#include <linux/slab.h>

#include <hookcost/memcg.h>
#include <hookcost/slab_acct.h>
#include <hookcost/tcp_mem.h>

#include "hookcost.h"

static DEFINE_STATIC_KEY_FALSE(hc_st_false);
static DEFINE_STATIC_KEY_TRUE(hc_st_true);

/* Out of line, so the answer comes from the patched site and not from a folded constant. */
static noinline bool hc_st_false_taken(void)
{
	return static_branch_unlikely(&hc_st_false);
}

static noinline bool hc_st_true_taken(void)
{
	return static_branch_likely(&hc_st_true);
}

static bool hc_st_false_state(bool on, int count)
{
	return static_key_enabled(&hc_st_false) == on && hc_st_false_taken() == on &&
	       static_key_count(&hc_st_false.key) == count;
}

static bool hc_st_key_initial(void)
{
	return hc_st_false_state(false, 0) && hc_st_true_taken() && hc_keys_all_off();
}

static bool hc_st_key_enable_disable(void)
{
	bool ok;

	static_branch_enable(&hc_st_false);
	ok = hc_st_false_state(true, 1);
	static_branch_enable(&hc_st_false);
	ok &= hc_st_false_state(true, 1);
	static_branch_disable(&hc_st_false);
	return ok && hc_st_false_state(false, 0);
}

static bool hc_st_key_inc_dec(void)
{
	bool ok;

	static_branch_inc(&hc_st_false);
	static_branch_inc(&hc_st_false);
	ok = hc_st_false_state(true, 2);
	static_branch_dec(&hc_st_false);
	ok &= hc_st_false_state(true, 1);
	static_branch_dec(&hc_st_false);
	return ok && hc_st_false_state(false, 0);
}

static bool hc_st_key_true(void)
{
	bool ok;

	static_branch_disable(&hc_st_true);
	ok = !hc_st_true_taken() && !static_key_enabled(&hc_st_true);
	static_branch_enable(&hc_st_true);
	return ok && hc_st_true_taken() && static_key_enabled(&hc_st_true);
}

static struct hc_kreq hc_st_req(u32 id, u32 gate, u32 config, u64 iters, u64 param)
{
	return (struct hc_kreq){
		.magic = HC_KABI_MAGIC, .version = HC_KABI_VERSION, .case_id = id,
		.gate = gate, .config = config, .samples = 2, .iters = iters, .param = param,
	};
}

static struct hc_kres hc_st_res;
/* Stand for the file that owns an open case and for another one. */
static const char hc_st_owner, hc_st_other;

static int hc_st_run(const struct hc_kreq *req)
{
	return hc_krun_request(req, &hc_st_owner, &hc_st_res);
}

/* active: every iteration calls the hook once, so the check is twice the iterations. */
static bool hc_st_run_hook(void)
{
	struct hc_kreq act = hc_st_req(HC_KCASE_KEY_HOOK, HC_GATE_STATIC, HC_CONFIG_ACTIVE,
				       100, 0);
	struct hc_kreq unused = act;
	bool ok;

	ok = !hc_st_run(&act) && hc_st_res.check == 2 * 2 * 100 &&
	     hc_st_res.flags & HC_KRES_IRQS_OFF && hc_keys_all_off();
	unused.config = HC_CONFIG_UNUSED;
	return ok && !hc_st_run(&unused) && hc_st_res.check == 2 * 100;
}

static bool hc_st_run_key_cases(void)
{
	struct hc_kreq tog = hc_st_req(HC_KCASE_KEY_TOGGLE, HC_GATE_STATIC, HC_CONFIG_NONE, 3, 0);
	struct hc_kreq inc = hc_st_req(HC_KCASE_KEY_INC, HC_GATE_STATIC, HC_CONFIG_NONE, 3, 0);

	/* The inc case's site sees its key enabled, the toggle case's sees it disabled. */
	return !hc_st_run(&tog) && hc_st_res.check == 2 * 3 &&
	       hc_keys_all_off() && !hc_st_run(&inc) &&
	       hc_st_res.check == 2 * 4 && hc_keys_all_off();
}

static bool hc_st_run_slab(void)
{
	struct hc_kreq cache = hc_st_req(HC_KCASE_SLAB_CACHE, HC_GATE_NONE, HC_CONFIG_ACTIVE,
					 10, 64);
	struct hc_kreq km = hc_st_req(HC_KCASE_KMALLOC_UNACCT, HC_GATE_NONE, HC_CONFIG_NONE, 10,
				      4096);

	return !hc_st_run(&cache) && !(hc_st_res.flags & HC_KRES_IRQS_OFF) &&
	       !hc_st_run(&km) && hc_st_res.seq >= 2;
}

static bool hc_st_run_rejects(void)
{
	struct hc_kreq ok = hc_st_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 10, 0);
	struct hc_kreq bad[11];
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++)
		bad[i] = ok;
	bad[0].magic = 0;
	bad[1].version = HC_KABI_VERSION + 1;
	bad[2].case_id = HC_KCASE__NR;
	bad[3].gate = HC_GATE_STATIC;
	bad[4].config = HC_CONFIG__NR;
	bad[5].samples = 0;
	bad[6].iters = HC_KREQ_MAX_ITERS + 1ull;
	bad[7].reserved = 1;
	bad[8].op = HC_KREQ__NR;
	bad[9].op = HC_KREQ_SAMPLE;	/* nothing is open */
	bad[10].op = HC_KREQ_OPEN;	/* OPEN takes no samples */
	for (i = 0; i < ARRAY_SIZE(bad); i++)
		if (hc_st_run(&bad[i]) != -EINVAL)
			return false;
	return !hc_st_run(&ok);
}

/* An open case keeps its set-up between samples, is its owner's alone, and closes clean. */
static bool hc_st_open_sample_close(void)
{
	struct hc_kreq req = hc_st_req(HC_KCASE_KEY_HOOK, HC_GATE_STATIC, HC_CONFIG_ACTIVE, 0, 0);
	struct hc_kreq other = hc_st_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 10, 0);
	bool ok;

	req.op = HC_KREQ_OPEN;
	req.samples = 0;
	ok = !hc_st_run(&req) && !hc_keys_all_off();
	req.op = HC_KREQ_SAMPLE;
	req.samples = 1;
	req.iters = 10;
	ok &= !hc_st_run(&req) && hc_st_res.check == 2 * 10 && !hc_st_run(&req);
	ok &= hc_krun_request(&other, &hc_st_other, NULL) == -EBUSY;
	req.op = HC_KREQ_CLOSE;
	req.samples = 0;
	req.iters = 0;
	ok &= !hc_st_run(&req) && hc_keys_all_off();
	req.op = HC_KREQ_SAMPLE;
	req.samples = 1;
	return ok && hc_st_run(&req) == -EINVAL && !hc_st_run(&other);
}

/* Hierarchical charges reach the root, a limit refuses and counts, removal reparents. */
static bool hc_st_memcg(void)
{
	struct hc_memcg *parent, *child;
	bool ok;

	if (hc_tcp_init())
		return false;
	parent = hc_memcg_create(hc_root_memcg);
	child = parent ? hc_memcg_create(parent) : NULL;
	if (!child)
		return false;
	ok = hc_memcg_charge_kmem(child, 3) && hc_page_counter_read(&parent->memory) == 3 &&
	     hc_page_counter_read(&parent->kmem) == 3;
	hc_memcg_uncharge_kmem(child, 3);
	ok &= !hc_page_counter_read(&parent->memory) && !hc_memcg_set_limit(child, 2) &&
	      !hc_memcg_charge_kmem(child, 3) && child->memory.failcnt == 1 &&
	      !hc_page_counter_read(&parent->memory);
	/* An object charged to child and freed after it died uncharges the parent. */
	ok &= hc_memcg_charge_kmem(child, 2);
	hc_memcg_get(child);
	ok &= !hc_memcg_remove(child) && hc_page_counter_read(&parent->memory) == 2 &&
	      hc_memcg_live(child) == parent;
	hc_memcg_uncharge_kmem(hc_memcg_live(child), 2);
	hc_memcg_put(child);
	ok &= !hc_page_counter_read(&parent->memory);
	return !hc_memcg_remove(parent) && ok;
}

/* sendmsg charges the socket's cgroup in pages, ack gives them back, the limit refuses. */
static bool hc_st_tcp(void)
{
	struct hc_memcg *memcg = hc_tcp_init() ? NULL : hc_memcg_create(hc_root_memcg);
	struct hc_sock sk;
	bool ok;

	if (!memcg || hc_tcp_set_limit(memcg, 1L << 20))
		return false;
	ok = !hc_models_all_off();
	/* A socket created in an accounted cgroup records it. */
	hc_tcp_sock_init(&sk, memcg);
	ok &= sk.sk_memcg == memcg;
	ok &= hc_tcp_sendmsg_static(&sk, 1000) == 1000 &&
	      hc_tcp_usage_bytes(memcg) == HC_PAGE_SIZE;
	ok &= hc_tcp_ack_static(&sk, 1000) == 1000 && !hc_tcp_usage_bytes(memcg);
	ok &= !hc_tcp_set_limit(memcg, HC_PAGE_SIZE);
	ok &= hc_tcp_sendmsg_static(&sk, 2 * HC_PAGE_SIZE) == -ENOBUFS &&
	      hc_tcp_failcnt(memcg) == 1 && !hc_tcp_usage_bytes(memcg);
	hc_tcp_sock_release(&sk);
	/* The last TCP-accounted cgroup going away turns the gate off. */
	return !hc_memcg_remove(memcg) && hc_models_all_off() && ok;
}

/* Opt-out: an accounted cgroup's first allocation splits the cache and charges its page. */
static bool hc_st_slab(void)
{
	struct hc_slab_cache *s = hc_slab_init() ? NULL :
				  hc_slab_cache_create("hookcost-st", 64, HC_SLAB_OPTOUT);
	struct hc_memcg *memcg = s ? hc_memcg_create(hc_root_memcg) : NULL;
	struct hc_task task;
	void *obj;
	bool ok;

	if (!memcg || hc_kmem_set_limit(memcg, 16))
		return false;
	hc_task_init(&task);
	hc_task_attach(&task, memcg);
	migrate_disable();
	hc_task_set_current(&task);
	obj = hc_optout_alloc_static(s, 0);
	ok = obj && hc_obj_cache(obj)->memcg == memcg && hc_page_counter_read(&memcg->kmem) == 1;
	if (obj)
		hc_optout_free_static(s, obj);
	hc_task_set_current(&hc_memcg_sys.init_task);
	migrate_enable();
	hc_task_attach(&task, hc_root_memcg);
	hc_slab_cache_destroy(s);
	ok &= !hc_page_counter_read(&memcg->kmem);
	return !hc_memcg_remove(memcg) && hc_models_all_off() && ok;
}

/* A model run in every configuration leaves no cgroup behind and every gate off. */
static bool hc_st_run_tcp(void)
{
	struct hc_kreq req = hc_st_req(HC_KCASE_TCP_SENDMSG, HC_GATE_INDIRECT, HC_CONFIG_OFF, 100,
				       1000);
	bool ok = true;

	for (; req.config <= HC_CONFIG_ACTIVE; req.config++)
		ok &= !hc_st_run(&req) && hc_st_res.check == 2 * 2 * 100 * 1000 &&
		      hc_models_all_off() && !hc_memcg_sys.nr_memcgs;
	return ok;
}

/* The same hook behind each gate: called once per iteration when active, never else. */
static bool hc_st_run_gates(void)
{
	struct hc_kreq req = hc_st_req(HC_KCASE_GATE_HOOK, HC_GATE_STATIC, HC_CONFIG_OFF, 100, 0);
	bool ok = true;

	for (; req.gate <= HC_GATE_INDIRECT; req.gate++)
		for (req.config = HC_CONFIG_OFF; req.config <= HC_CONFIG_ACTIVE; req.config++)
			if (req.config != HC_CONFIG_BYSTANDER)
				ok &= !hc_st_run(&req) && hc_gate_hook_off() &&
				      hc_st_res.check == 2 * 100 *
				      (req.config == HC_CONFIG_ACTIVE ? 2 : 1);
	return ok;
}

static bool hc_st_run_slab_models(void)
{
	struct hc_kreq req = hc_st_req(HC_KCASE_SLAB_OPTIN, HC_GATE_STATIC, HC_CONFIG_OFF, 100,
				       64);
	bool ok = true;

	for (; req.case_id <= HC_KCASE_SLAB_OPTOUT; req.case_id++)
		for (req.config = HC_CONFIG_OFF; req.config <= HC_CONFIG_ACTIVE; req.config++)
			ok &= !hc_st_run(&req) && hc_st_res.check == 2 * 100 &&
			      hc_models_all_off() && !hc_memcg_sys.nr_memcgs;
	return ok;
}

static const struct {
	const char *name;
	bool (*fn)(void);
} hc_st_tests[] = {
	{ "key_initial_states", hc_st_key_initial },
	{ "key_enable_disable", hc_st_key_enable_disable },
	{ "key_inc_dec", hc_st_key_inc_dec },
	{ "key_default_true", hc_st_key_true },
	{ "run_hook_counts_and_reset", hc_st_run_hook },
	{ "run_key_toggle_inc", hc_st_run_key_cases },
	{ "run_slab", hc_st_run_slab },
	{ "run_rejects_malformed", hc_st_run_rejects },
	{ "open_sample_close", hc_st_open_sample_close },
	{ "model_memcg_hierarchy", hc_st_memcg },
	{ "model_tcp_accounting", hc_st_tcp },
	{ "model_slab_optout_split", hc_st_slab },
	{ "run_tcp_configs_reset", hc_st_run_tcp },
	{ "run_gate_hook_every_gate", hc_st_run_gates },
	{ "run_slab_models_reset", hc_st_run_slab_models },
};

int hc_selftest(void)
{
	unsigned int i, failed = 0;
	bool ok;

	pr_info("KTAP version 1\n");
	pr_info("1..%zu\n", ARRAY_SIZE(hc_st_tests));
	for (i = 0; i < ARRAY_SIZE(hc_st_tests); i++) {
		ok = hc_st_tests[i].fn();
		failed += !ok;
		pr_info("%sok %u %s\n", ok ? "" : "not ", i + 1, hc_st_tests[i].name);
	}
	pr_info("# hookcost: pass:%zu fail:%u\n", ARRAY_SIZE(hc_st_tests) - failed, failed);
	return failed;
}
