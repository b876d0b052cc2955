// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup.c: stale-name detection, the key-state sentences, and (as root with a memory
 * controller) the create / limit / move / remove / cleanup cycle on the real hierarchy.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/cgroup.h"
#include "base/error.h"

static void test_stale_name(void **unused)
{
	char name[64];
	pid_t child = fork();

	assert_true(child >= 0);
	if (!child)
		_exit(0);
	waitpid(child, NULL, 0);
	snprintf(name, sizeof(name), HC_NAME_PREFIX "%d-sys", (int)child);
	assert_true(hc_stale_name(name));
	snprintf(name, sizeof(name), HC_NAME_PREFIX "%d-sys", (int)getpid());
	assert_false(hc_stale_name(name));
	snprintf(name, sizeof(name), HC_NAME_PREFIX "%d-sys", (int)getppid());
	assert_false(hc_stale_name(name));
	assert_false(hc_stale_name("hookcost-x-sys"));
	assert_false(hc_stale_name("system.slice"));
}

static void test_describe(void **unused)
{
	struct hc_cg_env env = { .version = HC_CG_V1, .compiled = true };
	struct hc_cg_keys k = { .sockets = HC_KEY_OFF, .kmem = HC_KEY_ON };
	char buf[PATH_MAX + 512];
	json_t *j;

	hc_cg_keys_describe(&env, &k, buf, sizeof(buf));
	assert_non_null(strstr(buf, "socket key off (inferred: no non-root memory cgroup shows"));
	assert_non_null(strstr(buf, "kernel-memory key on"));
	assert_null(strstr(buf, "not yet freed"));

	k.nr_dying = 3;
	hc_cg_keys_describe(&env, &k, buf, sizeof(buf));
	assert_non_null(strstr(buf, "3 removed memory cgroups not yet freed"));

	k.sockets = HC_KEY_ON;
	k.nr_tcp = 2;
	snprintf(k.tcp_user, sizeof(k.tcp_user), "/sys/fs/cgroup/memory/db");
	hc_cg_keys_describe(&env, &k, buf, sizeof(buf));
	assert_non_null(strstr(buf, "key on (inferred: /sys/fs/cgroup/memory/db and 1 more"));

	env.compiled = false;
	hc_cg_keys_describe(&env, &k, buf, sizeof(buf));
	assert_non_null(strstr(buf, "CONFIG_MEMCG is not set"));

	env = (struct hc_cg_env){ .version = HC_CG_V2, .compiled = true, .nosocket = true };
	hc_cg_keys_describe(&env, &k, buf, sizeof(buf));
	assert_non_null(strstr(buf, "nosocket"));

	j = hc_cg_keys_json(&env, &k);
	assert_non_null(j);
	assert_true(json_is_true(json_object_get(j, "inferred")));
	assert_string_equal(json_string_value(json_object_get(j, "version")), "v2");
	json_decref(j);
}

static void test_probe(void **unused)
{
	struct hc_cg_env env;
	struct hc_cg_keys k;

	hc_cg_probe(&env);
	if (env.version == HC_CG_NONE) {
		assert_true(env.why[0]);
		return;
	}
	assert_int_equal(strncmp(env.home, env.mount, strlen(env.mount)), 0);
	assert_int_equal(hc_cg_keys(&env, &k), 0);
	assert_int_equal(k.nr_ours, 0);
}

static bool writable(struct hc_cg_env *env)
{
	hc_cg_probe(env);
	return env->version != HC_CG_NONE && env->can_write;
}

static bool is_dir(const char *path)
{
	struct stat st;

	return !stat(path, &st) && S_ISDIR(st.st_mode);
}

static void test_lifecycle(void **unused)
{
	struct hc_cg_env env;
	struct hc_cg_keys before, k;
	struct hc_cgroup cg;

	if (!writable(&env))
		skip();
	assert_int_equal(hc_cg_keys(&env, &before), 0);
	assert_int_equal(hc_cg_create(&env, "unit", &cg), 0);
	assert_true(is_dir(cg.path));
	if (env.version == HC_CG_V1)
		assert_int_equal(hc_cg_set_tcp_limit(&cg, 1 << 30), 0);
	assert_int_equal(hc_cg_keys(&env, &k), 0);
	assert_int_equal(k.nr_ours, 1);
	assert_int_equal(k.sockets, HC_KEY_ON);
	assert_int_equal(k.nr_tcp, before.nr_tcp);

	assert_int_equal(hc_cg_move_self(&env, cg.path), 0);
	assert_int_equal(hc_cg_keys(&env, &k), 0);
	assert_true(k.self_tcp);
	assert_int_equal(hc_cg_move_self(&env, env.home), 0);

	assert_int_equal(hc_cg_remove(&cg), 0);
	assert_false(is_dir(cg.path));
	assert_int_equal(hc_cg_wait_freed(&env, before.nr_dying, 3000), 0);
	assert_int_equal(hc_cg_keys(&env, &k), 0);
	assert_int_equal(k.sockets, before.sockets);
	assert_int_equal(k.nr_ours, 0);
}

/* What the signal path relies on: one call moves the thread home and removes everything. */
static void test_cleanup(void **unused)
{
	struct hc_cg_env env;
	struct hc_cg_keys k;
	struct hc_cgroup a, b;

	if (!writable(&env))
		skip();
	assert_int_equal(hc_cg_create(&env, "unit-a", &a), 0);
	assert_int_equal(hc_cg_create(&env, "unit-b", &b), 0);
	assert_int_equal(hc_cg_move_self(&env, a.path), 0);
	hc_cg_cleanup();
	assert_false(is_dir(a.path));
	assert_false(is_dir(b.path));
	assert_int_equal(hc_cg_keys(&env, &k), 0);
	assert_false(k.self_root && strcmp(env.home, env.mount));
	assert_int_equal(k.nr_ours, 0);
}

/* A run killed with SIGKILL leaves its cgroup; the next one sweeps it. */
static void test_sweep(void **unused)
{
	struct hc_cg_env env;
	char path[PATH_MAX + 64];
	unsigned int nr;
	pid_t child;

	if (!writable(&env))
		skip();
	child = fork();
	assert_true(child >= 0);
	if (!child)
		_exit(0);
	waitpid(child, NULL, 0);
	snprintf(path, sizeof(path), "%s/" HC_NAME_PREFIX "%d-sys", env.mount, (int)child);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(hc_cg_sweep(&env, &nr), 0);
	assert_true(nr >= 1);
	assert_false(is_dir(path));
}

/* Like a system run, the tests that switch memcg state hold the lock that serialises them. */
static int lock_fd = -1;

static int take_lock(void **unused)
{
	struct hc_cg_env env;

	if (writable(&env))
		lock_fd = hc_cg_lock();
	return 0;
}

static int drop_lock(void **unused)
{
	if (lock_fd >= 0)
		close(lock_fd);
	return 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_stale_name),
		cmocka_unit_test(test_describe),
		cmocka_unit_test(test_probe),
		cmocka_unit_test(test_lifecycle),
		cmocka_unit_test(test_cleanup),
		cmocka_unit_test(test_sweep),
	};

	return cmocka_run_group_tests(tests, take_lock, drop_lock);
}
