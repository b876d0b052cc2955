// SPDX-License-Identifier: GPL-2.0
/*
 * The shared models (models/, declared in include/hookcost/) in kernel context, with real
 * static keys: the same fast-path code the user suite measures, so a difference between the
 * two is the environment.
 *
 * Configurations, as in DESIGN.md: off runs the instance with the hooks compiled out; unused
 * has no accounted cgroup, so the gate is off; bystander has one (a TCP limit, a kmem limit),
 * so the gate is on, but the model task stays in the root; active moves the task into it (a
 * socket records its cgroup at creation).
 */
#include <linux/sched.h>

#include <hookcost/memcg.h>
#include <hookcost/slab_acct.h>
#include <hookcost/tcp_mem.h>

#include "hookcost.h"

#define HC_MODEL_ITERS	BIT(22)

/* The TCP and slab cases (their gates and sizes: <hookcost/kcases.h>). */
#define HC_MODEL_KCASE(_id, _prepare, _run, _finish) {				\
	.id = _id,								\
	.max_iters = HC_MODEL_ITERS,						\
	.prepare = _prepare,							\
	.run = _run,								\
	.finish = _finish,							\
}

/* A limit far above what a run reserves: active is measured without pressure. */
#define HC_TCP_LIMIT	(1L << 30)

struct hc_tcp_state {
	enum hc_gate code;	/* the instance that runs: NONE for config off */
	struct hc_sock sk;
	struct hc_task task;
	struct hc_memcg *memcg;	/* the TCP-accounted cgroup, bystander and active */
	int size;
};

static struct hc_tcp_state hc_tcp_state;
static struct hc_memcg *hc_memcg_chain[HC_KCASE_MEMCG_DEPTH];

static int hc_models_init(void)
{
	return hc_tcp_init() ?: hc_slab_init();
}

static int hc_tcp_prepare(struct hc_krun *run)
{
	struct hc_tcp_state *st = &hc_tcp_state;
	int err = hc_models_init();

	memset(st, 0, sizeof(*st));
	hc_task_init(&st->task);
	if (err)
		return err;
	st->code = hc_gate_code(run->gate, run->config);
	st->size = run->param;
	if (run->config == HC_CONFIG_BYSTANDER || run->config == HC_CONFIG_ACTIVE) {
		st->memcg = hc_memcg_create(hc_root_memcg);
		if (!st->memcg)
			return -ENOMEM;
		err = hc_tcp_set_limit(st->memcg, HC_TCP_LIMIT);
		if (err) {
			hc_memcg_remove(st->memcg);
			st->memcg = NULL;
			return err;
		}
	}
	if (run->config == HC_CONFIG_ACTIVE)
		hc_task_attach(&st->task, st->memcg);
	hc_tcp_sock_init(&st->sk, run->config == HC_CONFIG_ACTIVE ? st->memcg : NULL);
	return 0;
}

static void hc_tcp_finish(struct hc_krun *run)
{
	struct hc_tcp_state *st = &hc_tcp_state;

	hc_tcp_sock_release(&st->sk);
	hc_task_attach(&st->task, hc_root_memcg);
	if (st->memcg)
		hc_memcg_remove(st->memcg);
	st->memcg = NULL;
}

typedef u64 (*hc_tcp_loop_fn)(struct hc_sock *sk, int size, u64 iters);

/* One loop per instance, calling it directly, as the fast path of a real stack does. */
#define HC_TCP_LOOP(name, first, second, sfx)					\
	static u64 name##_##sfx(struct hc_sock *sk, int size, u64 iters)	\
	{									\
		u64 i, sum = 0;							\
										\
		for (i = iters; i; i--) {					\
			sum += first##_##sfx(sk, size);				\
			sum += second##_##sfx(sk, size);			\
		}								\
		return sum;							\
	}

#define HC_TCP_LOOPS(name, first, second)					\
	HC_TCP_LOOP(name, first, second, off)					\
	HC_TCP_LOOP(name, first, second, static)				\
	HC_TCP_LOOP(name, first, second, branch)				\
	HC_TCP_LOOP(name, first, second, indirect)

HC_TCP_LOOPS(hc_tcp_send_loops, hc_tcp_sendmsg, hc_tcp_ack)
HC_TCP_LOOPS(hc_tcp_rcv_loops, hc_tcp_rcv, hc_tcp_recvmsg)

#define HC_TCP_LOOP_TABLE(name) {						\
	[HC_GATE_NONE] = name##_off,						\
	[HC_GATE_STATIC] = name##_static,					\
	[HC_GATE_BRANCH] = name##_branch,					\
	[HC_GATE_INDIRECT] = name##_indirect,					\
}

static const hc_tcp_loop_fn hc_tcp_send_loops[HC_GATE__NR] = HC_TCP_LOOP_TABLE(hc_tcp_send_loops);
static const hc_tcp_loop_fn hc_tcp_rcv_loops[HC_GATE__NR] = HC_TCP_LOOP_TABLE(hc_tcp_rcv_loops);

/* The model's "current" is per CPU; samples run with interrupts off, so it stays ours. */
static u64 hc_tcp_loop(const hc_tcp_loop_fn *loops, u64 iters)
{
	struct hc_tcp_state *st = &hc_tcp_state;
	u64 sum;

	hc_task_set_current(&st->task);
	sum = loops[st->code](&st->sk, st->size, iters);
	hc_task_set_current(&hc_memcg_sys.init_task);
	return sum;
}

static u64 hc_tcp_sendmsg_run(struct hc_krun *run, u64 iters)
{
	return hc_tcp_loop(hc_tcp_send_loops, iters);
}

static u64 hc_tcp_rcv_run(struct hc_krun *run, u64 iters)
{
	return hc_tcp_loop(hc_tcp_rcv_loops, iters);
}

const struct hc_kcase hc_kcase_tcp_sendmsg =
	HC_MODEL_KCASE(HC_KCASE_TCP_SENDMSG, hc_tcp_prepare, hc_tcp_sendmsg_run, hc_tcp_finish);
const struct hc_kcase hc_kcase_tcp_rcv =
	HC_MODEL_KCASE(HC_KCASE_TCP_RCV, hc_tcp_prepare, hc_tcp_rcv_run, hc_tcp_finish);

typedef u64 (*hc_slab_loop_fn)(struct hc_slab_cache *s, u64 iters);

/* A design's instances by gate: what prepare warms up with and what the samples run. */
struct hc_slab_design {
	void *(*alloc[HC_GATE__NR])(struct hc_slab_cache *s, unsigned int gfp);
	void (*free[HC_GATE__NR])(struct hc_slab_cache *s, void *obj);
	hc_slab_loop_fn loop[HC_GATE__NR];
};

struct hc_slab_state {
	const struct hc_slab_design *design;
	enum hc_gate code;
	struct hc_slab_cache *cache;
	struct hc_task task;
	struct hc_memcg *memcg;	/* kmem-limited, bystander and active */
};

static struct hc_slab_state hc_slab_state;

/* Opt-in's shrinker: the runs free every object at once, so there is nothing to give back. */
static unsigned long hc_slab_shrink_nop(struct hc_slab_cache *s, struct hc_memcg *memcg,
					void *arg)
{
	return 0;
}

/*
 * Allocations in a sample are atomic (interrupts are off), so a page the slow path needs
 * never sleeps; prepare has done the split that the first allocation may need.
 */
#define HC_SLAB_LOOP(design, sfx)						\
	static u64 hc_##design##_loop_##sfx(struct hc_slab_cache *s, u64 iters)	\
	{									\
		u64 i, sum = 0;							\
		void *obj;							\
										\
		for (i = iters; i; i--) {					\
			obj = hc_##design##_alloc_##sfx(s, HC_GFP_ATOMIC);	\
			if (unlikely(!obj))					\
				break;						\
			sum++;							\
			hc_##design##_free_##sfx(s, obj);			\
		}								\
		return sum;							\
	}

#define HC_SLAB_DESIGN_DEFINE(design)						\
	HC_SLAB_LOOP(design, off)						\
	HC_SLAB_LOOP(design, static)						\
	HC_SLAB_LOOP(design, branch)						\
	HC_SLAB_LOOP(design, indirect)						\
	HC_SLAB_LOOP(design, field)						\
	static const struct hc_slab_design hc_##design##_design = {		\
		.alloc = {							\
			[HC_GATE_NONE] = hc_##design##_alloc_off,		\
			[HC_GATE_STATIC] = hc_##design##_alloc_static,		\
			[HC_GATE_BRANCH] = hc_##design##_alloc_branch,		\
			[HC_GATE_INDIRECT] = hc_##design##_alloc_indirect,	\
			[HC_GATE_FIELD] = hc_##design##_alloc_field,		\
		},								\
		.free = {							\
			[HC_GATE_NONE] = hc_##design##_free_off,		\
			[HC_GATE_STATIC] = hc_##design##_free_static,		\
			[HC_GATE_BRANCH] = hc_##design##_free_branch,		\
			[HC_GATE_INDIRECT] = hc_##design##_free_indirect,	\
			[HC_GATE_FIELD] = hc_##design##_free_field,		\
		},								\
		.loop = {							\
			[HC_GATE_NONE] = hc_##design##_loop_off,		\
			[HC_GATE_STATIC] = hc_##design##_loop_static,		\
			[HC_GATE_BRANCH] = hc_##design##_loop_branch,		\
			[HC_GATE_INDIRECT] = hc_##design##_loop_indirect,	\
			[HC_GATE_FIELD] = hc_##design##_loop_field,		\
		},								\
	}

HC_SLAB_DESIGN_DEFINE(optin);
HC_SLAB_DESIGN_DEFINE(optout);

static int hc_slab_prepare(struct hc_krun *run, const struct hc_slab_design *design)
{
	struct hc_slab_state *st = &hc_slab_state;
	bool optout = design == &hc_optout_design;
	unsigned int flags = optout ? HC_SLAB_OPTOUT : 0;
	int err = hc_models_init();
	void *obj;

	memset(st, 0, sizeof(*st));
	hc_task_init(&st->task);
	if (err)
		return err;
	st->design = design;
	st->code = hc_gate_code(run->gate, run->config);
	if (run->gate == HC_GATE_FIELD)
		flags |= HC_SLAB_FIELD;
	st->cache = hc_slab_cache_create("hookcost", run->param, flags);
	if (!st->cache)
		return -ENOMEM;
	if (!optout) {
		err = hc_slab_register_memcg_cache(st->cache, hc_slab_shrink_nop, NULL);
		if (err)
			return err;
	}
	if (run->config == HC_CONFIG_BYSTANDER || run->config == HC_CONFIG_ACTIVE) {
		st->memcg = hc_memcg_create(hc_root_memcg);
		if (!st->memcg)
			return -ENOMEM;
		err = hc_kmem_set_limit(st->memcg, HC_PAGE_COUNTER_MAX);
		if (err)
			return err;
	}
	if (run->config == HC_CONFIG_ACTIVE)
		hc_task_attach(&st->task, st->memcg);
	/* The split and this CPU's first slab, where sleeping is allowed. */
	migrate_disable();
	hc_task_set_current(&st->task);
	obj = design->alloc[st->code](st->cache, 0);
	if (obj)
		design->free[st->code](st->cache, obj);
	hc_task_set_current(&hc_memcg_sys.init_task);
	migrate_enable();
	return obj ? 0 : -ENOMEM;
}

static int hc_optin_prepare(struct hc_krun *run)
{
	return hc_slab_prepare(run, &hc_optin_design);
}

static int hc_optout_prepare(struct hc_krun *run)
{
	return hc_slab_prepare(run, &hc_optout_design);
}

static u64 hc_slab_run(struct hc_krun *run, u64 iters)
{
	struct hc_slab_state *st = &hc_slab_state;
	u64 sum;

	hc_task_set_current(&st->task);
	sum = st->design->loop[st->code](st->cache, iters);
	hc_task_set_current(&hc_memcg_sys.init_task);
	if (sum != iters)
		run->err = -ENOMEM;
	return sum;
}

static void hc_slab_finish(struct hc_krun *run)
{
	struct hc_slab_state *st = &hc_slab_state;

	hc_task_attach(&st->task, hc_root_memcg);
	if (st->cache)
		hc_slab_cache_destroy(st->cache);
	if (st->memcg)
		hc_memcg_remove(st->memcg);
	st->cache = NULL;
	st->memcg = NULL;
}

const struct hc_kcase hc_kcase_slab_optin =
	HC_MODEL_KCASE(HC_KCASE_SLAB_OPTIN, hc_optin_prepare, hc_slab_run, hc_slab_finish);
const struct hc_kcase hc_kcase_slab_optout =
	HC_MODEL_KCASE(HC_KCASE_SLAB_OPTOUT, hc_optout_prepare, hc_slab_run, hc_slab_finish);

/* A chain of depth cgroups below the root; charges go to the deepest (the root for 0). */
static int hc_memcg_prepare(struct hc_krun *run)
{
	unsigned int d;
	int err = hc_models_init();

	if (err)
		return err;
	run->priv = hc_root_memcg;
	for (d = 0; d < run->param; d++) {
		hc_memcg_chain[d] = hc_memcg_create(run->priv);
		if (!hc_memcg_chain[d])
			return -ENOMEM;
		run->priv = hc_memcg_chain[d];
	}
	return 0;
}

static u64 hc_memcg_run(struct hc_krun *run, u64 iters)
{
	struct hc_memcg *memcg = run->priv;
	u64 i, sum = 0;

	for (i = iters; i; i--) {
		sum += hc_memcg_charge_kmem(memcg, 1);
		hc_memcg_uncharge_kmem(memcg, 1);
	}
	return sum;
}

static void hc_memcg_finish(struct hc_krun *run)
{
	unsigned int d;

	for (d = HC_KCASE_MEMCG_DEPTH; d; d--) {
		if (hc_memcg_chain[d - 1])
			hc_memcg_remove(hc_memcg_chain[d - 1]);
		hc_memcg_chain[d - 1] = NULL;
	}
}

const struct hc_kcase hc_kcase_memcg_charge = {
	.id = HC_KCASE_MEMCG_CHARGE,
	.max_iters = HC_MODEL_ITERS,
	.prepare = hc_memcg_prepare,
	.run = hc_memcg_run,
	.finish = hc_memcg_finish,
};

/* What a run leaves behind: the model gates must be off once its cgroups are gone. */
#define hc_gate_is_off(prefix)							\
	(!hc_static_key_enabled(&prefix##_key) && !READ_ONCE(prefix##_flag) &&	\
	 READ_ONCE(prefix##_ops) == &prefix##_ops_nop)

bool hc_models_all_off(void)
{
	return hc_gate_is_off(hc_tcp) && hc_gate_is_off(hc_optin) && hc_gate_is_off(hc_optout);
}

/* Only a run that failed half-way can leave a gate on; its cgroups are gone by now. */
void hc_models_reset(void)
{
	if (!hc_gate_is_off(hc_tcp) && !hc_tcp_prot.nr_accounted)
		hc_gate_switch(hc_tcp, false);
	if (!hc_slab_sys.nr_kmem_active) {
		if (!hc_gate_is_off(hc_optin))
			hc_gate_switch(hc_optin, false);
		if (!hc_gate_is_off(hc_optout))
			hc_gate_switch(hc_optout, false);
	}
}

void hc_models_exit(void)
{
	hc_slab_exit();
	hc_tcp_exit();
	hc_memcg_exit();
}
