// SPDX-License-Identifier: GPL-2.0
/*
 * Static keys patched under fire: worker threads run two sites of a key in a tight loop while
 * the main thread switches the key 100,000 times. Every execution must take one of the two
 * valid paths (a thread sent astray by a half-written instruction would crash or skip code),
 * both paths must be seen, and once the final disable has returned every thread must see
 * only the disabled path. Then again where W+X mappings are refused.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "base/error.h"
#include <ustatic/ustatic.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE			65
#define PR_MDWE_REFUSE_EXEC_GAIN	1
#endif

#define CHILD_SKIP	77
#define NR_WORKERS	2
#define NR_TOGGLES	100000
#define NR_AFTER	100000	/* executions per thread after the final disable */

static HC_DEFINE_STATIC_KEY_FALSE(stress_key);

struct worker {
	pthread_t thread;
	unsigned long on, off, mixed, after_on, after;
};

static int finished;	/* set once the final disable has returned */

/* Bit 0: the unlikely site took its out-of-line block; bit 1: the likely site its inline one. */
static int __attribute__((noinline)) site_pair(void)
{
	int v = 0;

	if (hc_static_branch_unlikely(&stress_key))
		v |= 1;
	if (hc_static_branch_likely(&stress_key))
		v |= 2;
	return v;
}

static void *worker_run(void *arg)
{
	struct worker *w = arg;

	while (!__atomic_load_n(&finished, __ATOMIC_ACQUIRE)) {
		switch (site_pair()) {
		case 0:
			w->off++;
			break;
		case 3:
			w->on++;
			break;
		default:
			w->mixed++;	/* the key changed between the two sites */
			break;
		}
	}
	for (; w->after < NR_AFTER; w->after++)
		if (site_pair() != 0)
			w->after_on++;
	return NULL;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/*
 * The run, without cmocka asserts so a forked child can use it too: 0 if every check held,
 * else 1 with the reason printed as a TAP comment.
 */
static int toggle_under_load(void)
{
	struct worker w[NR_WORKERS] = { 0 };
	unsigned long traps = hc_ustatic_traps();
	int i, started, ret = 0;
	double t0;

	__atomic_store_n(&finished, 0, __ATOMIC_RELEASE);
	for (started = 0; started < NR_WORKERS; started++)
		if (pthread_create(&w[started].thread, NULL, worker_run, &w[started]))
			break;
	if (started < NR_WORKERS) {
		printf("# cannot start worker %d\n", started);
		ret = 1;
	}
	t0 = now();
	for (i = 0; i < NR_TOGGLES && !ret; i++) {
		if ((i & 1 ? hc_static_key_disable(&stress_key) :
			     hc_static_key_enable(&stress_key)) < 0) {
			printf("# toggle %d failed: %s\n", i, hc_err_msg());
			ret = 1;
		}
	}
	if (!ret && hc_static_key_enabled(&stress_key)) {
		printf("# the key is still enabled after the final disable\n");
		ret = 1;
	}
	__atomic_store_n(&finished, 1, __ATOMIC_RELEASE);
	for (i = 0; i < started; i++)
		pthread_join(w[i].thread, NULL);
	if (ret)
		return ret;

	printf("# %d toggles in %.2f s (%s), %lu threads sent on by the trap handler\n",
	       NR_TOGGLES, now() - t0, hc_ustatic_method(), hc_ustatic_traps() - traps);
	for (i = 0; i < NR_WORKERS; i++) {
		printf("# worker %d: %lu enabled, %lu disabled, %lu mixed; %lu enabled after the "
		       "final disable\n", i, w[i].on, w[i].off, w[i].mixed, w[i].after_on);
		if (!w[i].on || !w[i].off || w[i].after != NR_AFTER || w[i].after_on) {
			printf("# worker %d: expected both paths while toggling and only the "
			       "disabled one after\n", i);
			ret = 1;
		}
	}
	return ret;
}

static void skip_without_sync_core(void)
{
	if (!hc_ustatic_sync_core()) {
		printf("# SKIP membarrier SYNC_CORE unavailable: patching with threads running "
		       "is refused here\n");
		skip();
	}
}

static void test_toggle_under_load(void **state)
{
	skip_without_sync_core();
	assert_int_equal(toggle_under_load(), 0);
}

/* The same where W+X is refused: the code is written through the memfd alias. */
static void test_toggle_under_load_wx_refused(void **state)
{
	int status;
	pid_t pid;

	skip_without_sync_core();
	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0)) {
			printf("# SKIP PR_SET_MDWE: %s: this kernel cannot refuse W+X mappings\n",
			       strerror(errno));
			fflush(stdout);
			_exit(CHILD_SKIP);
		}
		status = toggle_under_load();
		fflush(stdout);
		_exit(status);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("child died of signal %d", WTERMSIG(status));
	if (WEXITSTATUS(status) == CHILD_SKIP)
		skip();
	assert_int_equal(WEXITSTATUS(status), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_toggle_under_load),
		cmocka_unit_test(test_toggle_under_load_wx_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
