// SPDX-License-Identifier: GPL-2.0
/*
 * The user suite's slab model cases (slab.{optin,optout}.{alloc_free,alloc_burst}): objects of
 * a cache charged to the sample's cgroup, by the opt-in and the opt-out design.
 */
#include <stdlib.h>

#include "base/error.h"
#include "suites/user_case.h"

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

/* The two designs differ only in the cache slab_setup() makes. */
#define SLAB_MODEL(is_optout) {							\
	.init = hc_slab_init,							\
	.account = slab_account,						\
	.setup = slab_setup,							\
	.enter = slab_enter,							\
	.teardown = slab_teardown,						\
	.optout = is_optout,							\
}

static const struct user_model slab_optin_model = SLAB_MODEL(false);
static const struct user_model slab_optout_model = SLAB_MODEL(true);

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
