// SPDX-License-Identifier: GPL-2.0
/*
 * vm_matrix.c: a matrix file's kernels, boots, columns and deltas, and its bad input as
 * one usage error naming the line.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "cmd/vm_matrix.h"
#include "base/error.h"

static const char good[] =
	"# a comment\n"
	"[matrix]\n"
	"title = Two keys\n"
	"about = first half\n"
	"about = second half\n"
	"cases = sys.tcp_rr\n"
	"cases = sys.pipe_create\n"
	"workload = ls: ls -R / >/dev/null; echo ops=3\n"
	"column = off\n"
	"column = unused_kmem: unused+kmem\n"
	"delta = unused_kmem - off: kmem key\n"
	"[kernel n]\n"
	"patch = a.patch\n"
	"config = CONFIG_A=n CONFIG_B=y\n"
	"config = CONFIG_C\n"
	"[kernel img]\n"
	"image = /abs/bzImage\n"
	"[boot one]\n"
	"kernel = n\n"
	"measure = off\n"
	"[boot two]\n"
	"kernel = img\n"
	"setup = echo 1 >/x\n"
	"setup = echo 2 >/y\n"
	"measure = unused:unused_kmem active\n";

static void test_parse(void **unused)
{
	struct vm_matrix m = { 0 };

	assert_int_equal(vm_matrix_parse(&m, good, "good", "/dir"), 0);
	assert_string_equal(m.title, "Two keys");
	assert_string_equal(m.about, "first half second half");
	assert_string_equal(m.cases, "sys.tcp_rr,sys.pipe_create");
	assert_int_equal(m.nr_workloads, 1);
	assert_string_equal(m.workload[0].name, "ls");
	assert_string_equal(m.workload[0].cmd, "ls -R / >/dev/null; echo ops=3");
	assert_int_equal(m.nr_kernels, 2);
	assert_string_equal(m.kernel[0].patch[0], "/dir/a.patch");
	assert_int_equal(m.kernel[0].nr_options, 3);
	assert_string_equal(m.kernel[0].option[2], "CONFIG_C");
	assert_string_equal(m.kernel[1].image, "/abs/bzImage");
	/* off, unused_kmem declared; active added by the boot that measures it. */
	assert_int_equal(m.nr_cols, 3);
	assert_string_equal(m.col[1].label, "unused+kmem");
	assert_string_equal(m.col[2].name, "active");
	assert_int_equal(m.nr_deltas, 1);
	assert_int_equal(m.delta[0].a, 1);
	assert_int_equal(m.delta[0].b, 0);
	assert_string_equal(m.delta[0].label, "kmem key");
	assert_int_equal(m.boot[1].kernel, 1);
	assert_int_equal(m.boot[1].nr_setup, 2);
	assert_int_equal(m.boot[1].nr_measures, 2);
	assert_string_equal(m.boot[1].measure[0].config, "unused");
	assert_int_equal(m.boot[1].measure[0].col, 1);
	assert_int_equal(m.boot[1].measure[1].col, 2);
	vm_matrix_free(&m);
}

/* bad, and the start of the message it must give. */
static const struct {
	const char *text, *msg;
} bad[] = {
	{ "[matrix]\ncases = system\n[boot b]\nkernel = k\n", "t:4: unknown kernel" },
	{ "[matrix]\ncases = x\n[kernel k]\nimage = /i\n[boot b]\nkernel = k\nmeasure = on\n",
	  "t:7: unknown configuration" },
	{ "[matrix]\ndelta = a - b\n", "t:2: unknown column in delta" },
	{ "[matrix]\ncases = x\ncolour = red\n", "t:3: unknown matrix key" },
	{ "cases = x\n", "t:1: a key before any section" },
	{ "[matrix\n", "t:1: unclosed section" },
	{ "[kernel k]\n[kernel k]\n", "t:2: kernel defined twice" },
	{ "[matrix]\ncases = x\n[kernel k]\nimage = /i\n[boot b]\nkernel = k\n",
	  "t: boot b measures nothing" },
	{ "[matrix]\ncases = x\n[kernel k]\nimage = /i\nconfig = CONFIG_X\n[boot b]\n"
	  "kernel = k\nmeasure = off\n", "t: kernel k: an image or a recipe" },
	{ "[matrix]\ntitle = t\n[kernel k]\nimage = /i\n[boot b]\nkernel = k\nmeasure = off\n",
	  "t: nothing to measure" },
};

static void test_bad(void **unused)
{
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct vm_matrix m = { 0 };

		hc_err_clear();
		assert_int_equal(vm_matrix_parse(&m, bad[i].text, "t", NULL), -1);
		assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
		if (strncmp(hc_err_msg(), bad[i].msg, strlen(bad[i].msg)))
			fail_msg("case %zu: '%s' does not start with '%s'", i, hc_err_msg(),
				 bad[i].msg);
		vm_matrix_free(&m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse),
		cmocka_unit_test(test_bad),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
