/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the user suite share: user.c drives every case's setup/enter/run/leave/
 * teardown, its threads and background cgroups; the models' files (user_tcp.c, user_slab.c)
 * supply the operations and what differs between the models (struct user_model).
 */
#ifndef HC_SUITE_USER_CASE_H
#define HC_SUITE_USER_CASE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include <hookcost/memcg.h>
#include <hookcost/slab_acct.h>
#include <hookcost/tcp_mem.h>

#include "core/case.h"

#define MAX_THREADS		HC_NR_CPU_SLOTS
/* A limit that the measured traffic never reaches: active pays for accounting, not failing. */
#define UNREACHED_PAGES		(1L << 30)

struct user_var;

struct user_thread {
	struct user_var *uv;
	unsigned int idx;
	pthread_t tid;
	struct hc_task task;
	struct hc_sock **sk;	/* tcp: nr_socks sockets, pairs connected (rr uses both) */
	void *arena;		/* where the sockets live */
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
	unsigned int nr_socks;		/* tcp: sockets per thread (tcp.rr: pair after pair) */
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

#define CGROUPS_PARAM	{ "cgroups", "", "1", 1, 10000 }
#define THREADS_PARAM	{ "threads", "", "1", 1, MAX_THREADS }

/* The case callbacks (user.c). */
int user_setup(const struct hc_variant *v, void **state, const struct user_model *m,
	       user_op_fn op);
int user_enter(void *state);
void user_run(void *state, uint64_t iters);
void user_leave(void *state);
void user_teardown(void *state);

#define USER_CASE(sym, cname, text, model, fn, pdefs, gatemask, mech)		\
	static int sym##_setup(const struct hc_variant *v, void **state)	\
	{									\
		return user_setup(v, state, &model, fn);			\
	}									\
										\
	HC_CASE(sym) = {							\
		.name = cname,							\
		.suite = "user",						\
		.desc = text,							\
		.mechanism = mech,						\
		.gates = gatemask,						\
		.configs = HC_CONFIGS_ALL,					\
		.params = pdefs,						\
		.setup = sym##_setup,						\
		.enter = user_enter,						\
		.run = user_run,						\
		.leave = user_leave,						\
		.teardown = user_teardown,					\
	}

#endif
