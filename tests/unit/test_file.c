// SPDX-License-Identifier: GPL-2.0
/*
 * base/file.c: hc_write_atomic() never replaces what is not a regular file, hc_mkdirs() says
 * which directory it created and hc_rmdirs() removes no more than that, and hc_sweep_tmp()
 * removes a dead writer's PATH.tmp.PID only.
 */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/file.h"

static char top[] = "/tmp/hookcost-test-file.XXXXXX";

static void path(char *buf, const char *name)
{
	snprintf(buf, PATH_MAX, "%s/%s", top, name);
}

static void touch(const char *name)
{
	char p[PATH_MAX];
	FILE *f;

	path(p, name);
	f = fopen(p, "w");
	assert_non_null(f);
	fclose(f);
}

static bool exists(const char *name)
{
	char p[PATH_MAX];

	path(p, name);
	return !access(p, F_OK);
}

static void test_write_atomic_refuses_fifo(void **unused)
{
	char p[PATH_MAX];
	struct stat st;

	path(p, "fifo");
	assert_int_equal(mkfifo(p, 0600), 0);
	assert_int_not_equal(hc_write_atomic(p, "x", 1), 0);
	assert_int_equal(lstat(p, &st), 0);
	assert_true(S_ISFIFO(st.st_mode));
	path(p, "file");
	assert_int_equal(hc_write_atomic(p, "x", 1), 0);
	assert_int_equal(hc_write_atomic(p, "yz", 2), 0);
	assert_int_equal(stat(p, &st), 0);
	assert_int_equal(st.st_size, 2);
}

/* A link planted at the temporary file's name is not followed: what it names stays as it is. */
static void test_write_atomic_planted_link(void **unused)
{
	char p[PATH_MAX], tmp[PATH_MAX + 32], victim[PATH_MAX], buf[16] = "";
	FILE *f;

	path(victim, "victim");
	touch("victim");
	path(p, "out");
	snprintf(tmp, sizeof(tmp), "%s.tmp.%d", p, (int)getpid());
	assert_int_equal(symlink(victim, tmp), 0);
	assert_int_equal(hc_write_atomic(p, "data", 4), 0);
	f = fopen(victim, "r");
	assert_non_null(f);
	assert_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	f = fopen(p, "r");
	assert_non_null(f);
	assert_non_null(fgets(buf, sizeof(buf), f));
	fclose(f);
	assert_string_equal(buf, "data");
	assert_int_equal(access(tmp, F_OK), -1);
}

static void test_mkdirs_rmdirs(void **unused)
{
	char dir[PATH_MAX], made[PATH_MAX];

	path(dir, "old/a/b/c");
	assert_int_equal(hc_mkdirs(dir, NULL, 0), 0);
	/* "old" exists: the next call creates from "old/new" down and says so. */
	path(dir, "old/new/x/y/");
	assert_int_equal(hc_mkdirs(dir, made, sizeof(made)), 0);
	assert_true(exists("old/new/x/y"));
	assert_string_equal(made + strlen(top), "/old/new");
	hc_rmdirs(dir, made);
	assert_false(exists("old/new"));
	assert_true(exists("old/a/b/c"));
	/* Nothing created: nothing removed. */
	path(dir, "old/a/b/c");
	assert_int_equal(hc_mkdirs(dir, made, sizeof(made)), 0);
	assert_string_equal(made, "");
	hc_rmdirs(dir, made);
	assert_true(exists("old/a/b/c"));
	/* A directory that is not empty stays, and so do its parents. */
	path(dir, "old/m/n");
	assert_int_equal(hc_mkdirs(dir, made, sizeof(made)), 0);
	touch("old/m/n/keep");
	hc_rmdirs(dir, made);
	assert_true(exists("old/m/n/keep"));
}

static void test_sweep_tmp(void **unused)
{
	char out[PATH_MAX], name[64];
	pid_t dead = fork();

	assert_true(dead >= 0);
	if (!dead)
		_exit(0);
	waitpid(dead, NULL, 0);
	snprintf(name, sizeof(name), "r.json.tmp.%d", (int)dead);
	touch(name);
	snprintf(name, sizeof(name), "r.json.tmp.%d", (int)getppid());
	touch(name);
	snprintf(name, sizeof(name), "x.json.tmp.%d", (int)dead);
	touch(name);
	touch("r.json.tmp.0");
	touch("r.json.tmp.12ab");
	path(out, "r.json");
	assert_int_equal(hc_sweep_tmp(out), 1);
	snprintf(name, sizeof(name), "r.json.tmp.%d", (int)dead);
	assert_false(exists(name));
	snprintf(name, sizeof(name), "r.json.tmp.%d", (int)getppid());
	assert_true(exists(name));
	snprintf(name, sizeof(name), "x.json.tmp.%d", (int)dead);
	assert_true(exists(name));
	assert_true(exists("r.json.tmp.0") && exists("r.json.tmp.12ab"));
}

static int setup(void **unused)
{
	return mkdtemp(top) ? 0 : -1;
}

static int teardown(void **unused)
{
	char cmd[PATH_MAX + 16];

	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", top);
	return system(cmd) ? -1 : 0;
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_write_atomic_refuses_fifo),
		cmocka_unit_test(test_write_atomic_planted_link),
		cmocka_unit_test(test_mkdirs_rmdirs),
		cmocka_unit_test(test_sweep_tmp),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
