// SPDX-License-Identifier: GPL-2.0
/*
 * slab_acct.h: the allocator itself (objects are distinct, pages come back), opt-in (limit,
 * failcnt, shrinker at the limit, root untracked), opt-out (split on first use, no-account
 * flag, deferred split in atomic context), reparenting with conservation of charges, and the
 * gates switching with the kmem-accounted cgroups.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include <cmocka.h>

#include <hookcost/slab_acct.h>

#include "models_fixture.h"

#define KMEM	offsetof(struct hc_memcg, kmem)
#define NR_OBJS	1000

static struct hc_task task;

static int group_setup(void **unused)
{
	return models_group_setup(hc_slab_init, &task);
}

static int group_teardown(void **unused)
{
	return models_group_teardown(hc_slab_exit);
}

static long kmem_pages(struct hc_memcg *memcg)
{
	return hc_page_counter_read(&memcg->kmem);
}

static void test_allocator(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("plain", 100, 0);
	void **objs = calloc(NR_OBJS, sizeof(*objs));

	assert_non_null(s);
	assert_int_equal(s->size, 104);
	for (int i = 0; i < NR_OBJS; i++) {
		objs[i] = hc_optin_alloc_static(s, 0);
		assert_non_null(objs[i]);
		assert_ptr_equal(hc_obj_cache(objs[i]), s);
		*(int *)objs[i] = i;
	}
	for (int i = 0; i < NR_OBJS; i++)
		assert_int_equal(*(int *)objs[i], i);
	assert_int_equal(s->nr_slabs, (NR_OBJS + s->objects - 1) / s->objects);
	/* Freed in a different order than allocated: slow frees, then pages go back. */
	for (int i = 0; i < NR_OBJS; i += 2)
		hc_optin_free_static(s, objs[i]);
	for (int i = 1; i < NR_OBJS; i += 2)
		hc_optin_free_static(s, objs[i]);
	assert_true(s->nr_slabs <= HC_SLAB_MIN_PARTIAL + 1);
	hc_slab_cache_shrink(s);
	assert_int_equal(s->nr_slabs, 0);
	/* The same object comes back on the fast path. */
	objs[0] = hc_optin_alloc_branch(s, 0);
	hc_optin_free_branch(s, objs[0]);
	assert_ptr_equal(hc_optin_alloc_indirect(s, 0), objs[0]);
	hc_optin_free_indirect(s, objs[0]);
	hc_slab_cache_destroy(s);
	free(objs);
}

struct shrink_ctx {
	struct hc_slab_cache *s;
	void **objs;
	int nr;		/* live objects in objs */
	int give;	/* how many the shrinker frees */
	unsigned long calls;
};

static unsigned long shrink(struct hc_slab_cache *s, struct hc_memcg *memcg, void *arg)
{
	struct shrink_ctx *ctx = arg;
	int n = 0;

	ctx->calls++;
	while (n < ctx->give && ctx->nr) {
		hc_optin_free_static(ctx->s, ctx->objs[--ctx->nr]);
		n++;
	}
	hc_slab_cache_shrink(hc_slab_cache_child(ctx->s, memcg));
	return n;
}

static void test_optin_limit_and_shrinker(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("optin", 256, 0);
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct shrink_ctx ctx = { .s = s, .objs = calloc(NR_OBJS, sizeof(void *)) };
	long root_before = kmem_pages(hc_root_memcg);
	struct hc_slab_cache *child;
	void *obj;

	assert_int_equal(hc_slab_register_memcg_cache(s, shrink, &ctx), 0);
	assert_int_equal(hc_memcg_set_independent_kmem(cg, true), 0);
	assert_false(hc_static_key_enabled(&hc_optin_key));
	assert_int_equal(hc_kmem_set_limit(cg, 3), 0);
	assert_true(hc_static_key_enabled(&hc_optin_key));
	child = hc_slab_cache_child(s, cg);
	assert_non_null(child);
	assert_ptr_equal(child->memcg, cg);

	/* Root tasks are not tracked. */
	obj = hc_optin_alloc_static(s, 0);
	assert_ptr_equal(hc_obj_cache(obj), s);
	hc_optin_free_static(s, obj);
	assert_int_equal(kmem_pages(hc_root_memcg), root_before);

	hc_task_attach(&task, cg);
	while (ctx.nr < NR_OBJS && (obj = hc_optin_alloc_static(s, 0)))
		ctx.objs[ctx.nr++] = obj;
	/* Three pages' worth, then the limit: the shrinker had nothing to give. */
	assert_null(obj);
	assert_int_equal(ctx.nr, 3 * child->objects);
	assert_int_equal(kmem_pages(cg), 3);
	assert_int_equal(cg->kmem.failcnt, 2);
	assert_int_equal(ctx.calls, 1);
	assert_int_equal(s->nr_shrink, 1);
	assert_ptr_equal(hc_obj_cache(ctx.objs[0]), child);

	/* A shrinker that frees a page's worth lets the allocation through. */
	ctx.give = child->objects;
	obj = hc_optin_alloc_static(s, 0);
	assert_non_null(obj);
	assert_int_equal(ctx.calls, 2);
	assert_int_equal(kmem_pages(cg), 3);
	ctx.objs[ctx.nr++] = obj;

	while (ctx.nr)
		hc_optin_free_static(s, ctx.objs[--ctx.nr]);
	hc_slab_cache_shrink(child);
	assert_int_equal(kmem_pages(cg), 0);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
	assert_false(hc_static_key_enabled(&hc_optin_key));
	hc_slab_cache_destroy(s);
	free(ctx.objs);
}

static void test_optout_split(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("optout", 64, HC_SLAB_OPTOUT);
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct hc_slab_cache *child;
	void *a, *b, *c;

	assert_int_equal(hc_kmem_set_limit(cg, 1000), 0);
	assert_true(hc_static_key_enabled(&hc_optout_key));
	hc_task_attach(&task, cg);
	assert_null(hc_slab_cache_child(s, cg));

	/* Not accounted on request: served by the root cache, no split. */
	a = hc_optout_alloc_static(s, HC_GFP_NOACCOUNT);
	assert_ptr_equal(hc_obj_cache(a), s);
	assert_null(hc_slab_cache_child(s, cg));

	/* The first accounted allocation splits the cache. */
	b = hc_optout_alloc_static(s, 0);
	child = hc_slab_cache_child(s, cg);
	assert_non_null(child);
	assert_ptr_equal(hc_obj_cache(b), child);
	assert_int_equal(s->nr_splits, 1);
	assert_int_equal(kmem_pages(cg), 1);
	c = hc_optout_alloc_static(s, 0);
	assert_ptr_equal(hc_obj_cache(c), child);
	assert_int_equal(s->nr_splits, 1);

	hc_optout_free_static(s, a);
	hc_optout_free_static(s, b);
	hc_optout_free_static(s, c);
	hc_slab_cache_shrink(child);
	assert_int_equal(kmem_pages(cg), 0);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
	hc_slab_cache_destroy(s);
}

static void test_optout_deferred_split(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("optout", 64, HC_SLAB_OPTOUT);
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct hc_slab_cache *child;
	void *a, *b, *c;

	assert_int_equal(hc_kmem_set_limit(cg, 1000), 0);
	hc_task_attach(&task, cg);

	/* Atomic: no split now; the object comes from the root cache, uncharged. */
	a = hc_optout_alloc_branch(s, HC_GFP_ATOMIC);
	assert_ptr_equal(hc_obj_cache(a), s);
	assert_int_equal(s->nr_deferred, 1);
	assert_int_equal(kmem_pages(cg), 0);

	hc_slab_flush_splits(s);
	child = hc_slab_cache_child(s, cg);
	assert_non_null(child);
	assert_int_equal(s->nr_splits, 1);

	/* Later allocations, atomic or not, hit the cgroup's cache. */
	b = hc_optout_alloc_branch(s, HC_GFP_ATOMIC);
	c = hc_optout_alloc_branch(s, 0);
	assert_ptr_equal(hc_obj_cache(b), child);
	assert_ptr_equal(hc_obj_cache(c), child);
	assert_int_equal(s->nr_deferred, 1);
	assert_int_equal(kmem_pages(cg), 1);

	hc_optout_free_branch(s, a);
	hc_optout_free_branch(s, b);
	hc_optout_free_branch(s, c);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
	hc_slab_cache_destroy(s);
}

/* The live slab pages of every per-cgroup copy of s. */
static long copies_pages(struct hc_slab_cache *s)
{
	struct hc_slab_cache *c;
	long pages = 0;

	hc_list_for_each_entry(c, &s->all_children, child_node)
		pages += c->nr_slabs;
	return pages;
}

/* Charges are conserved across removal; objects freed after death uncharge the parent. */
static void test_reparent_conservation(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("optout", 128, HC_SLAB_OPTOUT);
	struct hc_memcg *parent = hc_memcg_create(hc_root_memcg);
	struct hc_memcg *a = hc_memcg_create(parent), *b = hc_memcg_create(parent);
	void **objs = calloc(2 * NR_OBJS, sizeof(void *));
	long root_before = kmem_pages(hc_root_memcg);
	struct hc_memcg *live[] = { parent, b };

	assert_int_equal(hc_kmem_set_limit(parent, 1000), 0);
	assert_int_equal(hc_kmem_set_limit(a, 1000), 0);
	assert_int_equal(hc_kmem_set_limit(b, 1000), 0);
	hc_task_attach(&task, a);
	for (int i = 0; i < NR_OBJS; i++)
		objs[i] = hc_optout_alloc_field(s, 0);
	hc_task_attach(&task, b);
	for (int i = NR_OBJS; i < 2 * NR_OBJS; i++)
		objs[i] = hc_optout_alloc_field(s, 0);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(kmem_pages(parent), copies_pages(s));

	assert_int_equal(hc_memcg_remove(a), 0);
	assert_int_equal(kmem_pages(parent), copies_pages(s));
	assert_int_equal(hc_memcg_local_usage(parent, KMEM) + hc_memcg_local_usage(b, KMEM),
			 copies_pages(s));
	assert_true(hc_memcg_local_usage(parent, KMEM) > 0);

	/* a's objects, freed after its death, uncharge the parent as pages empty. */
	for (int i = 0; i < NR_OBJS; i++) {
		hc_optout_free_static(s, objs[i]);
		if (i % 97 == 0) {
			long sum = 0;

			for (unsigned int k = 0; k < ARRAY_SIZE(live); k++)
				sum += hc_memcg_local_usage(live[k], KMEM);
			assert_int_equal(sum, copies_pages(s));
		}
	}
	for (int i = NR_OBJS; i < 2 * NR_OBJS; i++)
		hc_optout_free_static(s, objs[i]);
	hc_slab_cache_destroy(s);
	assert_int_equal(kmem_pages(parent), 0);
	assert_int_equal(kmem_pages(hc_root_memcg), root_before);
	assert_int_equal(hc_memcg_remove(b), 0);
	assert_int_equal(hc_memcg_remove(parent), 0);
	assert_false(hc_static_key_enabled(&hc_optout_key));
	free(objs);
}

/* Objects carry their cache for the field gate; any gate frees any object correctly. */
static void test_field_and_mixed_gates(void **unused)
{
	struct hc_slab_cache *s = hc_slab_cache_create("field", 60, HC_SLAB_OPTOUT | HC_SLAB_FIELD);
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	void *obj[4];

	assert_int_equal(s->size, 64 + sizeof(void *));
	assert_int_equal(hc_kmem_set_limit(cg, 1000), 0);
	hc_task_attach(&task, cg);
	obj[0] = hc_optout_alloc_field(s, 0);
	obj[1] = hc_optout_alloc_indirect(s, 0);
	obj[2] = hc_optout_alloc_off(s, 0);
	obj[3] = hc_optout_alloc_static(s, 0);
	assert_ptr_equal(*hc_obj_field(s, obj[0]), hc_obj_cache(obj[0]));
	assert_ptr_equal(hc_obj_cache(obj[0]), hc_slab_cache_child(s, cg));
	assert_ptr_equal(hc_obj_cache(obj[2]), s);
	hc_optout_free_off(s, obj[0]);
	hc_optout_free_field(s, obj[1]);
	hc_optout_free_static(s, obj[2]);
	hc_optout_free_indirect(s, obj[3]);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
	hc_slab_cache_destroy(s);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_allocator),
		cmocka_unit_test(test_optin_limit_and_shrinker),
		cmocka_unit_test(test_optout_split),
		cmocka_unit_test(test_optout_deferred_split),
		cmocka_unit_test(test_reparent_conservation),
		cmocka_unit_test(test_field_and_mixed_gates),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
