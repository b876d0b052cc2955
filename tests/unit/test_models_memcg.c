// SPDX-License-Identifier: GPL-2.0
/*
 * memcg.h: hierarchical page counters (limit, failcnt, max usage), cgroup removal rules,
 * independent_kmem_limit, and reparenting: after a removal the parent holds the charges and
 * later uncharges reach it, so local usages always add up to what is charged.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <hookcost/memcg.h>

#include "models_fixture.h"

#define KMEM	offsetof(struct hc_memcg, kmem)

static int group_setup(void **unused)
{
	return models_group_setup(hc_memcg_init, NULL);
}

static int group_teardown(void **unused)
{
	return models_group_teardown(NULL);
}

static bool charge(struct hc_memcg *memcg, long nr)
{
	bool ok;

	hc_rcu_read_lock();
	ok = hc_memcg_charge_kmem(hc_memcg_live(memcg), nr);
	hc_rcu_read_unlock();
	return ok;
}

static void uncharge(struct hc_memcg *memcg, long nr)
{
	hc_rcu_read_lock();
	hc_memcg_uncharge_kmem(hc_memcg_live(memcg), nr);
	hc_rcu_read_unlock();
}

static void test_page_counter_hierarchy(void **unused)
{
	struct hc_page_counter parent, child, *fail = NULL;

	hc_page_counter_init(&parent, NULL);
	hc_page_counter_init(&child, &parent);
	assert_int_equal(hc_page_counter_set_max(&parent, 10), 0);
	assert_int_equal(hc_page_counter_set_max(&child, 6), 0);

	assert_true(hc_page_counter_try_charge(&child, 6, &fail));
	assert_false(hc_page_counter_try_charge(&child, 1, &fail));
	assert_ptr_equal(fail, &child);
	assert_int_equal(child.failcnt, 1);
	assert_int_equal(parent.failcnt, 0);

	/* The parent's limit stops a charge that the child's allows. */
	hc_page_counter_uncharge(&child, 6);
	hc_page_counter_charge(&parent, 8);
	assert_false(hc_page_counter_try_charge(&child, 3, &fail));
	assert_ptr_equal(fail, &parent);
	assert_int_equal(parent.failcnt, 1);
	assert_int_equal(hc_page_counter_read(&child), 0);
	assert_int_equal(hc_page_counter_read(&parent), 8);

	assert_int_equal(child.watermark, 6);
	assert_int_equal(parent.watermark, 8);
	assert_int_equal(hc_page_counter_set_max(&parent, 7), -EBUSY);
}

static void test_remove_rules(void **unused)
{
	struct hc_memcg *parent = hc_memcg_create(hc_root_memcg);
	struct hc_memcg *child = hc_memcg_create(parent);
	struct hc_task task;

	assert_non_null(parent);
	assert_non_null(child);
	assert_int_equal(hc_memcg_remove(hc_root_memcg), -EBUSY);
	assert_int_equal(hc_memcg_remove(parent), -EBUSY);

	hc_task_init(&task);
	hc_task_attach(&task, child);
	assert_int_equal(hc_memcg_remove(child), -EBUSY);
	hc_task_attach(&task, hc_root_memcg);

	assert_int_equal(hc_memcg_remove(child), 0);
	assert_int_equal(hc_memcg_remove(parent), 0);
	assert_int_equal(hc_memcg_sys.nr_memcgs, 0);
}

static void test_independent_kmem_limit(void **unused)
{
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);

	assert_non_null(cg);
	assert_int_equal(hc_memcg_set_kmem_limit(cg, 2), 0);
	assert_int_equal(hc_memcg_set_limit(cg, 5), 0);

	/* Not independent: the kmem limit is ignored, the memory limit counts. */
	assert_true(charge(cg, 4));
	assert_int_equal(hc_page_counter_read(&cg->memory), 4);
	assert_int_equal(hc_page_counter_read(&cg->kmem), 4);
	assert_false(charge(cg, 2));
	assert_int_equal(cg->memory.failcnt, 1);
	assert_int_equal(hc_memcg_set_independent_kmem(cg, true), -EBUSY);
	uncharge(cg, 4);

	/* Independent: the kmem limit counts, user memory is left alone. */
	assert_int_equal(hc_memcg_set_independent_kmem(cg, true), 0);
	assert_true(charge(cg, 2));
	assert_false(charge(cg, 1));
	assert_int_equal(cg->kmem.failcnt, 1);
	assert_int_equal(hc_page_counter_read(&cg->memory), 0);
	assert_int_equal(cg->kmem.watermark, 4);
	uncharge(cg, 2);
	assert_int_equal(hc_page_counter_read(&cg->kmem), 0);
	assert_int_equal(hc_memcg_remove(cg), 0);
}

static void test_reparent(void **unused)
{
	struct hc_memcg *parent = hc_memcg_create(hc_root_memcg);
	struct hc_memcg *a = hc_memcg_create(parent), *b = hc_memcg_create(parent);
	long root_before = hc_page_counter_read(&hc_root_memcg->kmem);

	assert_non_null(a);
	assert_non_null(b);
	hc_memcg_get(a);	/* an object charged to a outlives it */
	assert_true(charge(a, 3));
	assert_true(charge(b, 2));
	assert_true(charge(parent, 1));
	assert_int_equal(hc_memcg_local_usage(parent, KMEM), 1);

	assert_int_equal(hc_memcg_remove(a), 0);
	assert_true(a->dead);
	assert_ptr_equal(hc_memcg_live(a), parent);
	/* Nothing charged is lost: the parent holds a's charges as its own. */
	assert_int_equal(hc_page_counter_read(&parent->kmem), 6);
	assert_int_equal(hc_memcg_local_usage(parent, KMEM), 4);
	assert_int_equal(hc_memcg_local_usage(parent, KMEM) +
			 hc_memcg_local_usage(b, KMEM), 6);

	/* Freed after death: the parent is uncharged; charges go there too. */
	uncharge(a, 3);
	assert_int_equal(hc_page_counter_read(&parent->kmem), 3);
	assert_true(charge(a, 1));
	assert_int_equal(hc_memcg_local_usage(parent, KMEM), 2);
	uncharge(a, 1);
	hc_memcg_put(a);

	uncharge(b, 2);
	uncharge(parent, 1);
	assert_int_equal(hc_memcg_remove(b), 0);
	assert_int_equal(hc_memcg_remove(parent), 0);
	assert_int_equal(hc_page_counter_read(&hc_root_memcg->kmem), root_before);
	assert_int_equal(hc_page_counter_read(&hc_root_memcg->memory), 0);
}

static void test_task_lookup(void **unused)
{
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct hc_task task;

	hc_task_init(&task);
	hc_task_set_current(&task);
	hc_rcu_read_lock();
	assert_ptr_equal(hc_task_memcg(), hc_root_memcg);
	hc_rcu_read_unlock();
	hc_task_attach(&task, cg);
	hc_rcu_read_lock();
	assert_ptr_equal(hc_task_memcg(), cg);
	hc_rcu_read_unlock();
	hc_task_attach(&task, hc_root_memcg);
	hc_task_set_current(&hc_memcg_sys.init_task);
	assert_int_equal(hc_memcg_remove(cg), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_page_counter_hierarchy),
		cmocka_unit_test(test_remove_rules),
		cmocka_unit_test(test_independent_kmem_limit),
		cmocka_unit_test(test_reparent),
		cmocka_unit_test(test_task_lookup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
