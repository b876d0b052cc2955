// SPDX-License-Identifier: GPL-2.0
/*
 * suites/kernel.h: the kernel suite takes hookcost.ko's case table as the truth. A table as
 * the module prints it is accepted; one that differs from the harness's cases in gates,
 * configurations, parameter or range, lacks a case, names an unknown one or is not a case
 * table at all is refused with a message that says which case and what differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "suites/kernel.h"

/* hookcost.ko's `cases` file, as kernel-module/ declares its cases. */
static const char module_table[] =
	"1 kernel.empty 0x1 0x1 16777216 - 0 0 0x1\n"
	"2 kernel.nop1 0x1 0x1 16777216 - 0 0 0x1\n"
	"3 kernel.key.hook 0x2 0x16 16777216 - 0 0 0x1\n"
	"4 kernel.key.toggle 0x2 0x1 65536 - 0 0 0\n"
	"5 kernel.key.inc 0x2 0x1 65536 - 0 0 0\n"
	"6 kernel.slab.cache 0x1 0x18 1048576 size 8 8192 0\n"
	"7 kernel.slab.kmalloc 0x1 0x18 1048576 size 8 8192 0\n"
	"13 kernel.slab.cache.unaccounted 0x1 0x1 1048576 size 8 8192 0\n"
	"14 kernel.slab.kmalloc.unaccounted 0x1 0x1 1048576 size 8 8192 0\n"
	"8 kernel.memcg.charge 0x1 0x1 4194304 depth 0 16 0x1\n"
	"9 kernel.tcp.sendmsg 0xe 0x1e 4194304 size 1 65536 0x1\n"
	"10 kernel.tcp.rcv 0xe 0x1e 4194304 size 1 65536 0x1\n"
	"11 kernel.slab.optin 0x1e 0x1e 4194304 size 8 2048 0x1\n"
	"12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048 0x1\n"
	"15 kernel.gate.hook 0xe 0x16 16777216 - 0 0 0x1\n";

/* Parses text and checks it; the return value of whichever step failed first. */
static int load(const char *text, struct hc_kcase_table *t)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	assert_non_null(f);
	hc_err_clear();
	ret = hc_kcases_parse(f, "cases", t);
	fclose(f);
	return ret ?: hc_kcases_check(t);
}

/* The module's table with the line of case id (not the first line) replaced. */
static const char *with_line(const char *id, const char *line)
{
	static char buf[sizeof(module_table) + 128];
	char start[16];
	const char *at, *end;

	snprintf(start, sizeof(start), "\n%s ", id);
	at = strstr(module_table, start);
	assert_non_null(at);
	at++;
	end = strchr(at, '\n') + 1;
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - module_table), module_table, line, end);
	return buf;
}

static void assert_refused(const char *text, const char *msg)
{
	struct hc_kcase_table t;

	assert_int_equal(load(text, &t), -1);
	if (!strstr(hc_err_msg(), msg))
		fail_msg("message '%s' lacks '%s'", hc_err_msg(), msg);
}

static void test_module_table_accepted(void **unused)
{
	struct hc_kcase_table t;

	assert_int_equal(load(module_table, &t), 0);
	assert_true(t.c[HC_KCASE_TCP_SENDMSG].present);
	assert_int_equal(t.c[HC_KCASE_TCP_SENDMSG].max_iters, 4194304);
	assert_string_equal(t.c[HC_KCASE_TCP_SENDMSG].param, "size");
	assert_int_equal(t.c[HC_KCASE_SLAB_CACHE].flags, 0);
	assert_int_equal(t.c[HC_KCASE_EMPTY].flags, HC_KRES_IRQS_OFF);
	assert_string_equal(t.c[HC_KCASE_EMPTY].param, "");
}

static void test_mismatch_refused(void **unused)
{
	/* A module whose TCP model had a field gate, as before the sk_memcg shape. */
	assert_refused(with_line("9", "9 kernel.tcp.sendmsg 0x1e 0x1e 4194304 size 1 65536 0x1\n"),
		       "disagree on kernel.tcp.sendmsg: gates static,branch,indirect,field in the "
		       "module, static,branch,indirect here");
	/* The real slab's unaccounted allocations as config off. */
	assert_refused(with_line("6", "6 kernel.slab.cache 0x1 0x1a 1048576 size 8 8192 0\n"),
		       "disagree on kernel.slab.cache: configurations off,bystander,active");
	assert_refused(with_line("11", "11 kernel.slab.optin 0x1e 0x1e 4194304 size 8 4096 0x1\n"),
		       "disagree on kernel.slab.optin: size in [8, 4096] in the module, [8, 2048]");
	assert_refused(with_line("8", "8 kernel.memcg.charge 0x1 0x1 4194304 levels 0 16 0x1\n"),
		       "parameter 'levels' in the module, 'depth' here");
}

static void test_bad_tables_refused(void **unused)
{
	assert_refused(with_line("12", ""), "has no case kernel.slab.optout");
	assert_refused(with_line("12", "12 kernel.slab.optaway 0x1e 0x1e 4194304 size 8 2048 0x1\n"),
		       "case 12 kernel.slab.optaway is not one this harness knows");
	assert_refused(with_line("12", "99 kernel.x 0x1 0x1 1 - 0 0 0\n"),
		       "case 99 kernel.x is not one this harness knows (no such id)");
	assert_refused(with_line("12", "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048\n"),
		       "cases:14: not a case line of hookcost.ko");
	assert_refused(with_line("15", "15 kernel.gate.hook 0x6 0x16 16777216 - 0 0 0x1\n"),
		       "disagree on kernel.gate.hook: gates static,branch in the module");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_table_accepted),
		cmocka_unit_test(test_mismatch_refused),
		cmocka_unit_test(test_bad_tables_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
