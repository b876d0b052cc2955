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
 */#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "suites/user_case.h"

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

void user_teardown(void *state)
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

int user_setup(const struct hc_variant *v, void **state, const struct user_model *m,
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
	uv->nr_socks = hc_variant_param(v, "sockets", 2);
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

int user_enter(void *state)
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

void user_leave(void *state)
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

void user_run(void *state, uint64_t iters)
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
