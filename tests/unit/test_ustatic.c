// SPDX-License-Identifier: GPL-2.0
/*
 * User-space static keys: likely/unlikely sites on initially true and false keys through
 * enable, disable, inc and dec (the value taken and the bytes at every site), nested counts
 * with the kernel's semantics, sites in a dlopen'ed object, patching where W+X is refused,
 * and the refusal to patch a running multi-threaded process that cannot serialize cores.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include <dlfcn.h>
#include <errno.h>
#include <limits.h>
#include <linux/filter.h>
#include <linux/seccomp.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/error.h"
#include <ustatic/ustatic.h>

#ifndef PR_SET_MDWE
#define PR_SET_MDWE			65
#define PR_MDWE_REFUSE_EXEC_GAIN	1
#endif

#define DSO_NAME	"libustatic_dso.so"
#define CHILD_SKIP	77

/* Exported: the dlopen'ed object uses this key too. */
HC_DEFINE_STATIC_KEY_FALSE(hc_test_key_false);
HC_DEFINE_STATIC_KEY_TRUE(hc_test_key_true);

static int __attribute__((noinline)) unlikely_false(void)
{
	return hc_static_branch_unlikely(&hc_test_key_false);
}

static int __attribute__((noinline)) likely_false(void)
{
	return hc_static_branch_likely(&hc_test_key_false);
}

static int __attribute__((noinline)) unlikely_true(void)
{
	return hc_static_branch_unlikely(&hc_test_key_true);
}

static int __attribute__((noinline)) likely_true(void)
{
	return hc_static_branch_likely(&hc_test_key_true);
}

struct site_check {
	const struct hc_static_key *key;
	const char *object;	/* count sites whose object path contains this, if set */
	unsigned int sites, in_object, bad;
};

static int site_check_one(const struct hc_ustatic_site *s, void *arg)
{
	struct site_check *c = arg;
	const struct hc_jump_entry *e = s->entry;
	const uint8_t *code = (const uint8_t *)e->code;
	static const uint8_t nop5[5] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };
	bool want;
	int32_t rel;

	if ((e->key & ~(uintptr_t)1) != (uintptr_t)c->key)
		return 0;
	c->sites++;
	if (c->object && strstr(s->object, c->object))
		c->in_object++;
	want = (__atomic_load_n(&c->key->enabled, __ATOMIC_RELAXED) != 0) != (e->key & 1);
	memcpy(&rel, code + 1, sizeof(rel));
	if (want != s->jumps ||
	    (want && (code[0] != 0xe9 || e->code + 5 + rel != e->target)) ||
	    (!want && memcmp(code, nop5, sizeof(nop5))))
		c->bad++;
	return 0;
}

/* Every site of key holds the instruction its key and direction call for. */
static struct site_check check_sites(const struct hc_static_key *key, const char *object)
{
	struct site_check c = { .key = key, .object = object };

	hc_ustatic_for_each_site(site_check_one, &c);
	return c;
}

static void assert_false_key(bool on)
{
	struct site_check c = check_sites(&hc_test_key_false.key, NULL);

	assert_int_equal(hc_static_key_enabled(&hc_test_key_false), on);
	assert_int_equal(unlikely_false(), on);
	assert_int_equal(likely_false(), on);
	assert_true(c.sites >= 2);
	assert_int_equal(c.bad, 0);
}

static void assert_true_key(bool on)
{
	struct site_check c = check_sites(&hc_test_key_true.key, NULL);

	assert_int_equal(hc_static_key_enabled(&hc_test_key_true), on);
	assert_int_equal(unlikely_true(), on);
	assert_int_equal(likely_true(), on);
	assert_true(c.sites >= 2);
	assert_int_equal(c.bad, 0);
}

static void test_initial(void **state)
{
	assert_false_key(false);
	assert_true_key(true);
	assert_int_equal(hc_test_key_true.key.enabled, 1);
}

static void test_false_enable_disable(void **state)
{
	assert_int_equal(hc_static_key_enable(&hc_test_key_false), 0);
	assert_false_key(true);
	assert_int_equal(hc_static_key_enable(&hc_test_key_false), 0);
	assert_int_equal(hc_test_key_false.key.enabled, 1);
	assert_int_equal(hc_static_key_disable(&hc_test_key_false), 0);
	assert_false_key(false);
	assert_int_equal(hc_static_key_disable(&hc_test_key_false), 0);
	assert_false_key(false);
}

static void test_true_disable_enable(void **state)
{
	assert_int_equal(hc_static_key_disable(&hc_test_key_true), 0);
	assert_true_key(false);
	assert_int_equal(hc_static_key_enable(&hc_test_key_true), 0);
	assert_true_key(true);
}

static void test_false_inc_dec(void **state)
{
	assert_int_equal(hc_static_key_inc(&hc_test_key_false), 0);
	assert_false_key(true);
	assert_int_equal(hc_static_key_dec(&hc_test_key_false), 0);
	assert_false_key(false);
	hc_err_clear();
	assert_int_equal(hc_static_key_dec(&hc_test_key_false), -1);
	assert_non_null(strstr(hc_err_msg(), "disabled key"));
	assert_false_key(false);
}

static void test_true_dec_inc(void **state)
{
	assert_int_equal(hc_static_key_dec(&hc_test_key_true), 0);
	assert_true_key(false);
	assert_int_equal(hc_static_key_inc(&hc_test_key_true), 0);
	assert_true_key(true);
	assert_int_equal(hc_test_key_true.key.enabled, 1);
}

/* As the kernel: the sites change only when the count crosses zero; enable/disable act
 * only between 0 and 1.
 */
static void test_nested(void **state)
{
	int i;

	for (i = 1; i <= 3; i++) {
		assert_int_equal(hc_static_key_inc(&hc_test_key_false), 0);
		assert_int_equal(hc_test_key_false.key.enabled, i);
		assert_false_key(true);
	}
	assert_int_equal(hc_static_key_disable(&hc_test_key_false), 0);
	assert_int_equal(hc_static_key_enable(&hc_test_key_false), 0);
	assert_int_equal(hc_test_key_false.key.enabled, 3);
	for (i = 2; i >= 1; i--) {
		assert_int_equal(hc_static_key_dec(&hc_test_key_false), 0);
		assert_int_equal(hc_test_key_false.key.enabled, i);
		assert_false_key(true);
	}
	assert_int_equal(hc_static_key_dec(&hc_test_key_false), 0);
	assert_false_key(false);

	assert_int_equal(hc_static_key_inc(&hc_test_key_true), 0);
	assert_int_equal(hc_test_key_true.key.enabled, 2);
	assert_int_equal(hc_static_key_dec(&hc_test_key_true), 0);
	assert_true_key(true);
	assert_int_equal(hc_static_key_disable(&hc_test_key_true), 0);
	assert_true_key(false);
	assert_int_equal(hc_static_key_enable(&hc_test_key_true), 0);
	assert_true_key(true);
}

static void *dso_open(void)
{
	char path[PATH_MAX], *slash;
	ssize_t n = readlink("/proc/self/exe", path, sizeof(path) - sizeof(DSO_NAME) - 1);

	assert_true(n > 0);
	path[n] = '\0';
	slash = strrchr(path, '/');
	assert_non_null(slash);
	strcpy(slash + 1, DSO_NAME);
	return dlopen(path, RTLD_NOW | RTLD_LOCAL);
}

static void test_dlopen(void **state)
{
	int (*unl_false)(void), (*lik_false)(void), (*unl_true)(void);
	struct hc_static_key_true *dso_key;
	struct site_check c;
	void *h;

	/* Changed before the object is loaded: its sites must come up already patched. */
	assert_int_equal(hc_static_key_enable(&hc_test_key_false), 0);
	h = dso_open();
	if (!h)
		fail_msg("dlopen %s: %s", DSO_NAME, dlerror());
	unl_false = (int (*)(void))dlsym(h, "hc_dso_unlikely_false");
	lik_false = (int (*)(void))dlsym(h, "hc_dso_likely_false");
	unl_true = (int (*)(void))dlsym(h, "hc_dso_unlikely_true");
	dso_key = dlsym(h, "hc_dso_key_true");
	assert_non_null(unl_false);
	assert_non_null(lik_false);
	assert_non_null(unl_true);
	assert_non_null(dso_key);

	c = check_sites(&hc_test_key_false.key, DSO_NAME);
	assert_int_equal(c.in_object, 2);
	assert_int_equal(c.bad, 0);
	assert_int_equal(unl_false(), 1);
	assert_int_equal(lik_false(), 1);
	assert_int_equal(unl_true(), 1);

	assert_int_equal(hc_static_key_disable(&hc_test_key_false), 0);
	assert_int_equal(unl_false(), 0);
	assert_int_equal(lik_false(), 0);
	assert_false_key(false);
	c = check_sites(&hc_test_key_false.key, DSO_NAME);
	assert_int_equal(c.in_object, 2);
	assert_int_equal(c.bad, 0);

	/* A key defined in the object, switched from the program. */
	assert_int_equal(hc_static_key_dec(dso_key), 0);
	assert_int_equal(unl_true(), 0);
	c = check_sites(&dso_key->key, DSO_NAME);
	assert_int_equal(c.in_object, 1);
	assert_int_equal(c.bad, 0);
	assert_int_equal(hc_static_key_inc(dso_key), 0);
	assert_int_equal(unl_true(), 1);

	/* After dlclose its sites are gone from the registry and keys still switch. */
	assert_int_equal(dlclose(h), 0);
	c = check_sites(&hc_test_key_false.key, DSO_NAME);
	assert_int_equal(c.in_object, 0);
	assert_int_equal(hc_static_key_enable(&hc_test_key_false), 0);
	assert_false_key(true);
	assert_int_equal(hc_static_key_disable(&hc_test_key_false), 0);
	assert_false_key(false);
}

/* Runs fn in a child; CHILD_SKIP means the capability is missing (fn said why). */
static int run_child(int (*fn)(void))
{
	int status;
	pid_t pid;

	fflush(stdout);
	pid = fork();
	assert_true(pid >= 0);
	if (!pid) {
		status = fn();
		fflush(stdout);
		_exit(status);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	if (!WIFEXITED(status))
		fail_msg("child died of signal %d", WTERMSIG(status));
	return WEXITSTATUS(status);
}

static int child_wx_refused(void)
{
	if (prctl(PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN, 0, 0, 0)) {
		printf("# SKIP PR_SET_MDWE: %s: this kernel cannot refuse W+X mappings\n",
		       strerror(errno));
		return CHILD_SKIP;
	}
	if (hc_static_key_enable(&hc_test_key_false) || unlikely_false() != 1 ||
	    likely_false() != 1 || check_sites(&hc_test_key_false.key, NULL).bad ||
	    hc_static_key_disable(&hc_test_key_false) || unlikely_false() != 0 ||
	    check_sites(&hc_test_key_false.key, NULL).bad) {
		printf("# %s\n", hc_err_msg());
		return 1;
	}
	if (strcmp(hc_ustatic_method(), "alias")) {
		printf("# patched with %s, expected the alias mapping\n", hc_ustatic_method());
		return 1;
	}
	return 0;
}

/* W^X (PR_SET_MDWE): the code is patched through a writable alias instead of mprotect. */
static void test_wx_refused(void **state)
{
	int ret = run_child(child_wx_refused);

	if (ret == CHILD_SKIP)
		skip();
	assert_int_equal(ret, 0);
}

static void *idle_thread(void *arg)
{
	char c;

	return (void *)(intptr_t)read(*(int *)arg, &c, 1);
}

static int grandchild_no_sync_core(void)
{
	pthread_t t;
	int fds[2], ret = 0;

	if (hc_ustatic_sync_core()) {
		printf("# membarrier still registered although blocked\n");
		return 1;
	}
	if (hc_static_key_enable(&hc_test_key_false) || hc_static_key_disable(&hc_test_key_false)) {
		printf("# single-threaded patching failed: %s\n", hc_err_msg());
		return 1;
	}
	if (pipe(fds) || pthread_create(&t, NULL, idle_thread, &fds[0]))
		return 1;
	if (hc_static_key_enable(&hc_test_key_false) != -1 ||
	    !strstr(hc_err_msg(), "refusing to patch code while 2 threads run") ||
	    unlikely_false() != 0 || hc_static_key_enabled(&hc_test_key_false)) {
		printf("# patched with 2 threads and no SYNC_CORE: %s\n", hc_err_msg());
		ret = 1;
	}
	if (write(fds[1], "x", 1) != 1 || pthread_join(t, NULL))
		return 1;
	return ret;
}

static int child_no_sync_core(void)
{
	struct sock_filter insns[] = {
		BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr)),
		BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, __NR_membarrier, 0, 1),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | EPERM),
		BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW),
	};
	struct sock_fprog prog = { .len = sizeof(insns) / sizeof(insns[0]), .filter = insns };
	int status;
	pid_t pid;

	if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) ||
	    prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, &prog, 0, 0)) {
		printf("# SKIP seccomp: %s: cannot hide membarrier to test the refusal\n",
		       strerror(errno));
		return CHILD_SKIP;
	}
	/* The fork handler registers membarrier again, and now fails. */
	fflush(stdout);
	pid = fork();
	if (pid < 0)
		return 1;
	if (!pid) {
		status = grandchild_no_sync_core();
		fflush(stdout);
		_exit(status);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	return WEXITSTATUS(status);
}

static void test_no_sync_core_refused(void **state)
{
	int ret = run_child(child_no_sync_core);

	if (ret == CHILD_SKIP)
		skip();
	assert_int_equal(ret, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_initial),
		cmocka_unit_test(test_false_enable_disable),
		cmocka_unit_test(test_true_disable_enable),
		cmocka_unit_test(test_false_inc_dec),
		cmocka_unit_test(test_true_dec_inc),
		cmocka_unit_test(test_nested),
		cmocka_unit_test(test_dlopen),
		cmocka_unit_test(test_wx_refused),
		cmocka_unit_test(test_no_sync_core_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
