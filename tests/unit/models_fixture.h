/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cmocka group fixture of the model tests (test_models_*.c): the test thread online for
 * RCU, the model up and, for the models that charge the current task's cgroup, a task of the
 * root cgroup current for every test. The teardown takes it all down again, so that
 * valgrind finds nothing left.
 */
#ifndef HC_TESTS_MODELS_FIXTURE_H
#define HC_TESTS_MODELS_FIXTURE_H

#include <stddef.h>

#include <hookcost/memcg.h>

/* init: the model's; task: made current, or NULL to keep the initial task. */
static inline int models_group_setup(int (*init)(void), struct hc_task *task)
{
	int err;

	hc_rcu_thread_online();
	err = init();
	if (err || !task)
		return err;
	hc_task_init(task);
	hc_task_set_current(task);
	return 0;
}

/* model_exit: the model's, run before memcg.h's own exit; NULL for memcg.h alone. */
static inline int models_group_teardown(void (*model_exit)(void))
{
	hc_task_set_current(&hc_memcg_sys.init_task);
	if (model_exit)
		model_exit();
	hc_memcg_exit();
	hc_work_shutdown();
	hc_rcu_thread_offline();
	return 0;
}

#endif /* HC_TESTS_MODELS_FIXTURE_H */
