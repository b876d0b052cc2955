// SPDX-License-Identifier: GPL-2.0
/*
 * The "user" suite: the models of include/hookcost run in user space, every gate in every
 * configuration, with sweeps of message size, number of cgroups and number of threads.
 *
 * A configuration is model state, switched around each sample (the runner interleaves the
 * variants of a case): off and unused leave every cgroup unaccounted; bystander creates an
 * accounted cgroup (a TCP or kmem limit) while the measuring threads stay in the root; active
 * also moves them into it. The cgroup is removed after the sample, which turns the gates off
 * again. "cgroups" is how many non-root cgroups exist while measuring: the sample's own plus
 * unaccounted ones shared by all variants, so the measured cgroup's id (the index of its
 * per-cgroup caches) grows with it.
 *
 * With several threads, each runs the same number of operations on its own sockets or CPU
 * slot, started together; the runner's counters see only its own thread, so the figure is the
 * cost per operation of one thread among that many.
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <hookcost/memcg.h>
#include <hookcost/slab_acct.h>
#include <hookcost/tcp_mem.h>

#include "core/case.h"
#include "core/error.h"

#define MAX_THREADS		HC_NR_CPU_SLOTS
/* A limit that the measured traffic never reaches: active pays for accounting, not failing. */
#define UNREACHED_PAGES		(1L << 30)

struct user_var;

struct user_thread {
	struct user_var *uv;
	unsigned int idx;
	pthread_t tid;
	struct hc_task task;
	struct hc_sock *sk[2];	/* tcp: a connected pair (rr uses both) */
	void **objs;			/* slab bursts */
};

/* One operation of a case, per gate: iters repetitions on one thread. */
typedef void (*user_op_fn)(struct user_var *uv, struct user_thread *t, uint64_t iters);

struct user_var {
	const struct user_model *model;
	user_op_fn op;
	enum hc_gate code;		/* the code that runs: HC_GATE_NONE for config off */
	enum hc_config config;
	int size;
	unsigned int burst;
	unsigned int nr_threads;
	unsigned int nr_bg;		/* background cgroups this variant holds */
	struct hc_slab_cache *cache;
	struct hc_memcg *cg;		/* the sample's cgroup, accounted or not */
	struct user_thread th[MAX_THREADS];
	unsigned int nr_started;	/* helper threads */
	pthread_mutex_t lock;
	pthread_cond_t cond;
	unsigned long gen;		/* run() calls so far */
	unsigned int running;		/* helpers still in this one */
	uint64_t iters;
	bool stop;
};

/* What differs between the TCP and the slab models. */
struct user_model {
	int (*init)(void);
	int (*account)(struct hc_memcg *memcg);	/* the limit that turns accounting on */
	int (*setup)(struct user_var *uv);
	void (*enter)(struct user_var *uv);
	void (*leave)(struct user_var *uv);	/* optional */
	void (*teardown)(struct user_var *uv);
	bool optout;				/* slab: the opt-out design */
};

/* Background cgroups, shared by every variant that exists at the same time. */
static struct {
	struct hc_memcg **cg;
	unsigned int nr, users;
} bg;

static int bg_get(unsigned int nr)
{
	if (nr > bg.nr) {
		struct hc_memcg **cg = realloc(bg.cg, nr * sizeof(*cg));

		if (!cg)
			return hc_err("out of memory");
		bg.cg = cg;
		for (; bg.nr < nr; bg.nr++) {
			bg.cg[bg.nr] = hc_memcg_create(hc_root_memcg);
			if (!bg.cg[bg.nr])
				return hc_err("cannot create background cgroup %u", bg.nr + 1);
		}
	}
	bg.users++;
	return 0;
}

static void bg_put(void)
{
	if (--bg.users)
		return;
	while (bg.nr)
		hc_memcg_remove(bg.cg[--bg.nr]);
	free(bg.cg);
	bg.cg = NULL;
}

/* Gate dispatch outside the loop, so each loop calls one gate's instances directly. */
#define GATE_LOOP_NO_FIELD(code, iters, BODY, ...)				\
	do {									\
		switch (code) {							\
		case HC_GATE_STATIC:						\
			HC_LOOP(iters, BODY(static, __VA_ARGS__));		\
			break;							\
		case HC_GATE_BRANCH:						\
			HC_LOOP(iters, BODY(branch, __VA_ARGS__));		\
			break;							\
		case HC_GATE_INDIRECT:						\
			HC_LOOP(iters, BODY(indirect, __VA_ARGS__));		\
			break;							\
		default:							\
			HC_LOOP(iters, BODY(off, __VA_ARGS__));			\
			break;							\
		}								\
	} while (0)

#define GATE_LOOP(code, iters, BODY, ...)					\
	do {									\
		if ((code) == HC_GATE_FIELD)					\
			HC_LOOP(iters, BODY(field, __VA_ARGS__));		\
		else								\
			GATE_LOOP_NO_FIELD(code, iters, BODY, __VA_ARGS__);	\
	} while (0)

/* TCP */

/* Sends size bytes and takes the acknowledgement. */
#define TCP_SEND(g, sk, size)							\
	do {									\
		int __n = hc_tcp_sendmsg_##g(sk, size);				\
										\
		if (__n > 0)							\
			hc_tcp_ack_##g(sk, __n);				\
	} while (0)

/* size bytes arrive and the application reads them. */
#define TCP_RECV(g, sk, size)							\
	do {									\
		int __n = hc_tcp_rcv_##g(sk, size);				\
										\
		if (__n > 0)							\
			hc_tcp_recvmsg_##g(sk, __n);				\
	} while (0)

/* A request from a to b and its response, both of size bytes, across the pair. */
#define TCP_RR(g, a, b, size)							\
	do {									\
		int __n = hc_tcp_sendmsg_##g(a, size);				\
										\
		TCP_RECV(g, b, size);						\
		if (__n > 0)							\
			hc_tcp_ack_##g(a, __n);					\
		__n = hc_tcp_sendmsg_##g(b, size);				\
		TCP_RECV(g, a, size);						\
		if (__n > 0)							\
			hc_tcp_ack_##g(b, __n);					\
	} while (0)

static void op_tcp_sendmsg(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *sk = t->sk[0];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_SEND, sk, size);
}

static void op_tcp_recvmsg(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *sk = t->sk[0];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_RECV, sk, size);
}

static void op_tcp_rr(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *a = t->sk[0], *b = t->sk[1];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_RR, a, b, size);
}

static int tcp_account(struct hc_memcg *memcg)
{
	return hc_tcp_set_limit(memcg, UNREACHED_PAGES << HC_PAGE_SHIFT);
}

_Static_assert(sizeof(struct hc_sock) <= HC_CACHELINE, "a socket fits a cache line");

static int tcp_setup(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++) {
			/* A cache line each: sockets of different threads share nothing. */
			uv->th[i].sk[s] = aligned_alloc(HC_CACHELINE, HC_CACHELINE);
			if (!uv->th[i].sk[s])
				return hc_err("out of memory");
		}
	return 0;
}

/*
 * Sockets are created for each sample by tasks in the sample's cgroup, so an active socket
 * records it (sk_memcg); buffers are set to the maximum as with SO_SNDBUF/SO_RCVBUF.
 */
static void tcp_enter(struct user_var *uv)
{
	struct hc_memcg *memcg = uv->config == HC_CONFIG_ACTIVE ? uv->cg : NULL;

	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++) {
			struct hc_sock *sk = uv->th[i].sk[s];

			hc_tcp_sock_init(sk, memcg);
			sk->sk_sndbuf = hc_tcp_prot.wmem[2];
			sk->sk_rcvbuf = hc_tcp_prot.rmem[2];
		}
}

static void tcp_leave(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++)
			hc_tcp_sock_release(uv->th[i].sk[s]);
}

static void tcp_teardown(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++)
			free(uv->th[i].sk[s]);
}

static const struct user_model tcp_model = {
	.init = hc_tcp_init,
	.account = tcp_account,
	.setup = tcp_setup,
	.enter = tcp_enter,
	.leave = tcp_leave,
	.teardown = tcp_teardown,
};

/* Slab */

#define SLAB_ALLOC_FREE(g, design, s)						\
	hc_##design##_free_##g(s, hc_##design##_alloc_##g(s, 0))

#define SLAB_BURST(g, design, s, objs, n)					\
	do {									\
		for (unsigned int __i = 0; __i < (n); __i++)			\
			(objs)[__i] = hc_##design##_alloc_##g(s, 0);		\
		for (unsigned int __i = 0; __i < (n); __i++)			\
			hc_##design##_free_##g(s, (objs)[__i]);			\
	} while (0)

static void op_optin_alloc_free(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_slab_cache *s = uv->cache;

	GATE_LOOP(uv->code, iters, SLAB_ALLOC_FREE, optin, s);
}

static void op_optout_alloc_free(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_slab_cache *s = uv->cache;

	GATE_LOOP(uv->code, iters, SLAB_ALLOC_FREE, optout, s);
}

static void op_optin_burst(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_slab_cache *s = uv->cache;
	unsigned int n = uv->burst;
	void **objs = t->objs;

	GATE_LOOP(uv->code, iters, SLAB_BURST, optin, s, objs, n);
}

static void op_optout_burst(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_slab_cache *s = uv->cache;
	unsigned int n = uv->burst;
	void **objs = t->objs;

	GATE_LOOP(uv->code, iters, SLAB_BURST, optout, s, objs, n);
}

static int slab_account(struct hc_memcg *memcg)
{
	return hc_kmem_set_limit(memcg, UNREACHED_PAGES);
}

/* A shrinker with nothing to give back: the limits are never reached here. */
static unsigned long slab_shrink_none(struct hc_slab_cache *s, struct hc_memcg *memcg, void *arg)
{
	return 0;
}

static int slab_setup(struct user_var *uv)
{
	bool optout = uv->model->optout;
	unsigned int flags = (optout ? HC_SLAB_OPTOUT : 0) |
			     (uv->code == HC_GATE_FIELD ? HC_SLAB_FIELD : 0);

	uv->cache = hc_slab_cache_create("hookcost", uv->size, flags);
	if (!uv->cache)
		return hc_err("cannot create a slab cache of %d-byte objects", uv->size);
	if (!optout && hc_slab_register_memcg_cache(uv->cache, slab_shrink_none, NULL))
		return hc_err("cannot register the slab cache for accounting");
	for (unsigned int i = 0; i < uv->nr_threads; i++) {
		uv->th[i].objs = calloc(uv->burst, sizeof(void *));
		if (!uv->th[i].objs)
			return hc_err("out of memory");
	}
	return 0;
}

/* One operation outside the measurement: a first allocation splits an opt-out cache. */
static void slab_enter(struct user_var *uv)
{
	uv->op(uv, &uv->th[0], 1);
}

static void slab_teardown(struct user_var *uv)
{
	if (uv->cache)
		hc_slab_cache_destroy(uv->cache);
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		free(uv->th[i].objs);
}

static const struct user_model slab_optin_model = {
	.init = hc_slab_init,
	.account = slab_account,
	.setup = slab_setup,
	.enter = slab_enter,
	.teardown = slab_teardown,
};

static const struct user_model slab_optout_model = {
	.init = hc_slab_init,
	.account = slab_account,
	.setup = slab_setup,
	.enter = slab_enter,
	.teardown = slab_teardown,
	.optout = true,
};

/* Threads */

static void thread_start(struct user_thread *t)
{
	hc_rcu_thread_online();
	hc_cpu_slot_set(t->idx);
	hc_task_set_current(&t->task);
}

/* Helpers wait for a new generation, run it, and the last one to finish wakes the runner. */
static void *helper_main(void *arg)
{
	struct user_thread *t = arg;
	struct user_var *uv = t->uv;
	unsigned long seen = 0;

	thread_start(t);
	pthread_mutex_lock(&uv->lock);
	for (;;) {
		while (uv->gen == seen && !uv->stop)
			pthread_cond_wait(&uv->cond, &uv->lock);
		if (uv->stop)
			break;
		seen = uv->gen;
		pthread_mutex_unlock(&uv->lock);
		uv->op(uv, t, uv->iters);
		pthread_mutex_lock(&uv->lock);
		if (!--uv->running)
			pthread_cond_broadcast(&uv->cond);
	}
	pthread_mutex_unlock(&uv->lock);
	hc_task_set_current(&hc_memcg_sys.init_task);
	hc_rcu_thread_offline();
	return NULL;
}

/* Helpers may run anywhere but on the runner's CPU. */
static int helpers_start(struct user_var *uv)
{
	long nr_cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_attr_t attr;
	cpu_set_t set;

	if (uv->nr_threads > nr_cpus) {
		hc_err("%u threads but %ld CPUs online", uv->nr_threads, nr_cpus);
		return -ENOTSUP;
	}
	CPU_ZERO(&set);
	for (long c = 0; c < nr_cpus && c < CPU_SETSIZE; c++)
		CPU_SET(c, &set);
	if (nr_cpus > 1)
		CPU_CLR(sched_getcpu(), &set);
	pthread_attr_init(&attr);
	pthread_attr_setaffinity_np(&attr, sizeof(set), &set);
	for (unsigned int i = 1; i < uv->nr_threads; i++) {
		int err = pthread_create(&uv->th[i].tid, &attr, helper_main, &uv->th[i]);

		if (err) {
			pthread_attr_destroy(&attr);
			return hc_err("cannot start thread %u: %s", i, strerror(err));
		}
		uv->nr_started++;
	}
	pthread_attr_destroy(&attr);
	return 0;
}

static void helpers_stop(struct user_var *uv)
{
	pthread_mutex_lock(&uv->lock);
	uv->stop = true;
	pthread_cond_broadcast(&uv->cond);
	pthread_mutex_unlock(&uv->lock);
	for (unsigned int i = 1; i <= uv->nr_started; i++)
		pthread_join(uv->th[i].tid, NULL);
}

/* The case callbacks */

static void user_teardown(void *state)
{
	struct user_var *uv = state;

	helpers_stop(uv);
	uv->model->teardown(uv);
	if (uv->nr_bg)
		bg_put();
	pthread_cond_destroy(&uv->cond);
	pthread_mutex_destroy(&uv->lock);
	free(uv);
}

static int user_setup(const struct hc_variant *v, void **state, const struct user_model *m,
		      user_op_fn op)
{
	struct user_var *uv = calloc(1, sizeof(*uv));
	long cgroups = hc_variant_param(v, "cgroups", 1);
	int ret;

	if (!uv)
		return hc_err("out of memory");
	*state = uv;
	pthread_mutex_init(&uv->lock, NULL);
	pthread_cond_init(&uv->cond, NULL);
	uv->model = m;
	uv->op = op;
	uv->config = v->config;
	uv->code = hc_gate_code(v->gate, v->config);
	uv->size = hc_variant_param(v, "size", 64);
	uv->burst = hc_variant_param(v, "burst", 1);
	uv->nr_threads = hc_variant_param(v, "threads", 1);
	for (unsigned int i = 0; i < MAX_THREADS; i++) {
		uv->th[i].uv = uv;
		uv->th[i].idx = i;
		hc_task_init(&uv->th[i].task);
	}
	hc_rcu_thread_online();
	if (m->init())
		return hc_err("cannot initialise the model");
	/* The sample's own cgroup is one of them, in every configuration for comparability. */
	if (cgroups > 1) {
		uv->nr_bg = cgroups - 1;
		ret = bg_get(uv->nr_bg);
		if (ret) {
			uv->nr_bg = 0;
			return ret;
		}
	}
	ret = m->setup(uv);
	if (ret)
		return ret;
	return helpers_start(uv);
}

static int user_enter(void *state)
{
	struct user_var *uv = state;
	bool accounted = uv->config == HC_CONFIG_BYSTANDER || uv->config == HC_CONFIG_ACTIVE;
	int ret;

	uv->cg = hc_memcg_create(hc_root_memcg);
	if (!uv->cg)
		return hc_err("cannot create the sample's cgroup");
	ret = accounted ? uv->model->account(uv->cg) : 0;
	if (ret) {
		hc_memcg_remove(uv->cg);
		uv->cg = NULL;
		/* -1: the static key could not be patched, and said why. */
		return ret == -1 ? -1 : hc_err("cannot switch accounting on: %s", strerror(-ret));
	}
	if (uv->config == HC_CONFIG_ACTIVE)
		for (unsigned int i = 0; i < uv->nr_threads; i++)
			hc_task_attach(&uv->th[i].task, uv->cg);
	thread_start(&uv->th[0]);
	uv->model->enter(uv);
	return 0;
}

static void user_leave(void *state)
{
	struct user_var *uv = state;

	if (uv->model->leave)
		uv->model->leave(uv);
	hc_task_set_current(&hc_memcg_sys.init_task);
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		hc_task_attach(&uv->th[i].task, hc_root_memcg);
	hc_memcg_remove(uv->cg);
	uv->cg = NULL;
}

static void user_run(void *state, uint64_t iters)
{
	struct user_var *uv = state;

	if (!uv->nr_started) {
		uv->op(uv, &uv->th[0], iters);
		return;
	}
	pthread_mutex_lock(&uv->lock);
	uv->iters = iters;
	uv->running = uv->nr_started;
	uv->gen++;
	pthread_cond_broadcast(&uv->cond);
	pthread_mutex_unlock(&uv->lock);
	uv->op(uv, &uv->th[0], iters);
	pthread_mutex_lock(&uv->lock);
	while (uv->running)
		pthread_cond_wait(&uv->cond, &uv->lock);
	pthread_mutex_unlock(&uv->lock);
}

#define CGROUPS_PARAM	{ "cgroups", "", "1", 1, 10000 }
#define THREADS_PARAM	{ "threads", "", "1", 1, MAX_THREADS }

static const struct hc_param_def tcp_params[] = {
	{ "size", "B", "1,1448,65536", 1, 65536 },
	CGROUPS_PARAM,
	THREADS_PARAM,
	{ NULL },
};

static const struct hc_param_def slab_params[] = {
	{ "size", "B", "64", 8, 2048 },
	CGROUPS_PARAM,
	THREADS_PARAM,
	{ NULL },
};

static const struct hc_param_def slab_burst_params[] = {
	{ "size", "B", "64", 8, 2048 },
	{ "burst", "", "256", 1, 65536 },
	CGROUPS_PARAM,
	THREADS_PARAM,
	{ NULL },
};

/* The TCP model's socket carries its cgroup in every gate: no field gate (tcp_mem.h). */
#define TCP_GATES	(HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH) |	\
			 HC_GATE_BIT(HC_GATE_INDIRECT))

#define USER_CASE(sym, cname, text, model, fn, pdefs, gatemask)		\
	static int sym##_setup(const struct hc_variant *v, void **state)	\
	{									\
		return user_setup(v, state, &model, fn);			\
	}									\
										\
	HC_CASE(sym) = {							\
		.name = cname,							\
		.suite = "user",						\
		.desc = text,							\
		.gates = gatemask,						\
		.configs = HC_CONFIGS_ALL,					\
		.params = pdefs,						\
		.setup = sym##_setup,						\
		.enter = user_enter,						\
		.run = user_run,						\
		.leave = user_leave,						\
		.teardown = user_teardown,					\
	}

USER_CASE(case_tcp_sendmsg, "tcp.sendmsg",
	  "TCP model: send a message of size bytes and take its ack (charge, schedule, reclaim)",
	  tcp_model, op_tcp_sendmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_recvmsg, "tcp.recvmsg",
	  "TCP model: receive size bytes and read them (rmem schedule, window, reclaim)",
	  tcp_model, op_tcp_recvmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_rr, "tcp.rr",
	  "TCP model: one request/response of size bytes each way on a socket pair",
	  tcp_model, op_tcp_rr, tcp_params, TCP_GATES);
USER_CASE(case_optin_alloc_free, "slab.optin.alloc_free",
	  "slab model, opt-in accounting: allocate and free one object",
	  slab_optin_model, op_optin_alloc_free, slab_params, HC_GATES_HOOKED);
USER_CASE(case_optin_burst, "slab.optin.alloc_burst",
	  "slab model, opt-in accounting: allocate burst objects, then free them",
	  slab_optin_model, op_optin_burst, slab_burst_params, HC_GATES_HOOKED);
USER_CASE(case_optout_alloc_free, "slab.optout.alloc_free",
	  "slab model, opt-out accounting: allocate and free one object",
	  slab_optout_model, op_optout_alloc_free, slab_params, HC_GATES_HOOKED);
USER_CASE(case_optout_burst, "slab.optout.alloc_burst",
	  "slab model, opt-out accounting: allocate burst objects, then free them",
	  slab_optout_model, op_optout_burst, slab_burst_params, HC_GATES_HOOKED);
