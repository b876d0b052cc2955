// SPDX-License-Identifier: GPL-2.0
/*
 * suites/kernel.h: the kernel suite takes hookcost.ko's case table as the truth. What a case
 * offers (gates, configurations, parameter range) is the module's, also where it differs from
 * the harness's copy; a table the harness cannot run as labelled (another ABI, other names,
 * an unknown or missing case, another parameter, a malformed line) is refused with a message
 * that says which case and what differs.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "core/error.h"
#include "suites/kernel.h"

#define HEADER "hookcost-cases 2 gates none,static,branch,indirect,field " \
	       "configs none,off,unused,bystander,active\n"

/* hookcost.ko's `cases` file, as kernel-module/ prints it from <hookcost/kcases.h>. */
static const char module_table[] = HEADER
	"1 kernel.empty 0x1 0x1 16777216 - 0 0 0x1\n"
	"2 kernel.nop1 0x1 0x1 16777216 - 0 0 0x1\n"
	"3 kernel.key.hook 0x2 0x16 16777216 - 0 0 0x1\n"
	"4 kernel.key.toggle 0x2 0x1 65536 - 0 0 0\n"
	"5 kernel.key.inc 0x2 0x1 65536 - 0 0 0\n"
	"6 kernel.slab.cache 0x1 0x18 1048576 size 8 8192 0\n"
	"7 kernel.slab.kmalloc 0x1 0x18 1048576 size 8 8192 0\n"
	"13 kernel.slab.cache.unaccounted 0x1 0x1 1048576 size 8 8192 0\n"
	"14 kernel.slab.kmalloc.unaccounted 0x1 0x1 1048576 size 8 8192 0\n"
	"15 kernel.gate.hook 0xe 0x16 16777216 - 0 0 0x1\n"
	"8 kernel.memcg.charge 0x1 0x1 4194304 depth 0 16 0x1\n"
	"9 kernel.tcp.sendmsg 0xe 0x1e 4194304 size 1 65536 0x1\n"
	"10 kernel.tcp.rcv 0xe 0x1e 4194304 size 1 65536 0x1\n"
	"11 kernel.slab.optin 0x1e 0x1e 4194304 size 8 2048 0x1\n"
	"12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048 0x1\n";

static struct hc_kcase_table table;

static int parse(const char *text)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	int ret;

	assert_non_null(f);
	hc_err_clear();
	ret = hc_kcases_parse(f, "cases", &table);
	fclose(f);
	return ret;
}

/* The module's table with the line that starts with start replaced by line. */
static const char *with_line(const char *start, const char *line)
{
	static char buf[sizeof(module_table) + 256];
	char nl_start[64];
	const char *at = module_table, *end;

	snprintf(nl_start, sizeof(nl_start), "\n%s", start);
	if (strncmp(at, start, strlen(start))) {
		at = strstr(module_table, nl_start);
		assert_non_null(at);
		at++;
	}
	end = strchr(at, '\n') + 1;
	snprintf(buf, sizeof(buf), "%.*s%s%s", (int)(at - module_table), module_table, line, end);
	return buf;
}

static void assert_msg(const char *msg)
{
	if (!strstr(hc_err_msg(), msg))
		fail_msg("message '%s' lacks '%s'", hc_err_msg(), msg);
}

static void assert_refused(const char *text, const char *msg)
{
	assert_int_equal(parse(text), -1);
	assert_msg(msg);
}

/* What case name offers by the table parsed last; the return value of the offer. */
static int offer(const char *name, struct hc_offer *o)
{
	const struct hc_case *c = hc_case_find(name);

	assert_non_null(c);
	hc_err_clear();
	return hc_kcases_offer(&table, c, o);
}

static void test_module_table_offered(void **unused)
{
	struct hc_offer o;

	assert_int_equal(parse(module_table), 0);
	assert_int_equal(table.c[HC_KCASE_TCP_SENDMSG].max_iters, 4194304);
	assert_int_equal(table.c[HC_KCASE_SLAB_CACHE].flags, 0);
	assert_int_equal(table.c[HC_KCASE_EMPTY].flags, HC_KRES_IRQS_OFF);
	assert_int_equal(offer("kernel.tcp.sendmsg", &o), 0);
	assert_int_equal(o.gates, 0xe);
	assert_int_equal(o.configs, 0x1e);
	assert_string_equal(o.params[0].name, "size");
	assert_int_equal(o.params[0].min, 1);
	assert_int_equal(o.params[0].max, 65536);
	/* The default sweep is the harness's own. */
	assert_string_equal(o.params[0].defaults, "64,1460,16384");
	assert_null(o.params[1].name);
	assert_string_equal(o.source, "cases");
	assert_int_equal(offer("kernel.key.hook", &o), 0);
	assert_int_equal(o.gates, 0x2);
	assert_int_equal(o.configs, 0x16);
	assert_null(o.params[0].name);
}

/*
 * The harness's copy is the module's table as kernel-module/ prints it, and offers every
 * kernel case of the harness, each with the parameter the harness sweeps.
 */
static void test_builtin_is_the_module_table(void **unused)
{
	struct hc_kcase_table builtin;
	unsigned int kernel_cases = 0;
	struct hc_offer o;

	assert_int_equal(parse(module_table), 0);
	hc_kcases_builtin(&builtin);
	for (unsigned int id = 1; id < HC_KCASE__NR; id++)
		if (!hc_kcases_same(&table, &builtin, id))
			fail_msg("case %s differs", hc_kcase_decls[id].name);
	table = builtin;
	for (unsigned int i = 0; i < hc_case_count(); i++) {
		if (strcmp(hc_case_get(i)->suite, "kernel"))
			continue;
		kernel_cases++;
		if (offer(hc_case_get(i)->name, &o))
			fail_msg("%s", hc_err_msg());
	}
	assert_int_equal(kernel_cases, HC_KCASE__NR - 1);
}

/* A module that offers more (or less) than the harness's copy is measured as it is. */
static void test_module_wins(void **unused)
{
	struct hc_kcase_table builtin;
	struct hc_offer o;

	hc_kcases_builtin(&builtin);
	assert_int_equal(parse(with_line("9 ", "9 kernel.tcp.sendmsg 0x1e 0x6 4194304 size 1 4096 "
					 "0x1\n")), 0);
	assert_false(hc_kcases_same(&table, &builtin, HC_KCASE_TCP_SENDMSG));
	assert_int_equal(offer("kernel.tcp.sendmsg", &o), 0);
	assert_int_equal(o.gates, HC_GATES_HOOKED);
	assert_int_equal(o.configs, HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED));
	assert_int_equal(o.params[0].max, 4096);
}

static void test_other_abi_refused(void **unused)
{
	assert_refused(module_table + strlen(HEADER), "cases: no 'hookcost-cases' first line: "
		       "hookcost.ko from before ABI 2 (rebuild hookcost.ko and the harness");
	assert_refused(with_line("hookcost-cases 2", "hookcost-cases 3 gates "
				 "none,static,branch,indirect,field configs "
				 "none,off,unused,bystander,active\n"),
		       "hookcost.ko speaks ABI 3, this harness 2");
	assert_refused(with_line("hookcost-cases 2", "hookcost-cases 2 gates "
				 "none,static,branch,indirect,field,ptr configs "
				 "none,off,unused,bystander,active\n"),
		       "the module's gates are none,static,branch,indirect,field,ptr, the "
		       "harness's none,static,branch,indirect,field");
	assert_refused(with_line("hookcost-cases 2", "hookcost-cases 2 gates "
				 "none,static,branch,indirect,field configs "
				 "none,off,unused,active,bystander\n"),
		       "the module's configurations are none,off,unused,active,bystander");
	assert_refused("", "cases: empty, not hookcost.ko's case table");
}

static void test_bad_lines_refused(void **unused)
{
	assert_refused(with_line("12 ", "12 kernel.slab.optaway 0x1e 0x1e 4194304 size 8 2048 "
				 "0x1\n"),
		       "cases:16: a case this harness does not know (rebuild hookcost.ko and "
		       "the harness from the same tree): 12 kernel.slab.optaway");
	assert_refused(with_line("12 ", "99 kernel.x 0x1 0x1 1 - 0 0 0\n"),
		       "a case this harness does not know");
	assert_refused(with_line("12 ", "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048\n"),
		       "cases:16: not a case line of hookcost.ko");
	assert_refused(with_line("12 ", "11 kernel.slab.optin 0x1e 0x1e 4194304 size 8 2048 "
				 "0x1\n"), "a case given twice");
	assert_refused(with_line("12 ", "12 kernel.slab.optout 0x3e 0x1e 4194304 size 8 2048 "
				 "0x1\n"), "gates or configurations outside the names");
	assert_refused(with_line("12 ", "12 kernel.slab.optout 0x1e 0 4194304 size 8 2048 0x1\n"),
		       "gates or configurations outside the names");
	assert_refused(with_line("12 ", "12 kernel.slab.optout 0x1e 0x1e 4194304 size 2048 8 "
				 "0x1\n"), "a parameter range that is not one");
	assert_refused(with_line("12 ", "12 kernel.slab.optout 0x1e 0x1e 0 size 8 2048 0x1\n"),
		       "an iteration bound or flags outside the ABI");
}

/* Tables that parse but cannot be run as the harness labels them. */
static void test_offer_refused(void **unused)
{
	struct hc_offer o;

	assert_int_equal(parse(with_line("12 ", "")), 0);
	assert_int_equal(offer("kernel.slab.optout", &o), -1);
	assert_msg("cases has no case kernel.slab.optout (rebuild hookcost.ko and the harness");
	assert_int_equal(offer("kernel.slab.optin", &o), 0);

	assert_int_equal(parse(with_line("8 ", "8 kernel.memcg.charge 0x1 0x1 4194304 levels 0 16 "
					 "0x1\n")), 0);
	assert_int_equal(offer("kernel.memcg.charge", &o), -1);
	assert_msg("cases gives kernel.memcg.charge the parameter 'levels', the harness sweeps "
		   "'depth'");
	assert_int_equal(parse(with_line("3 ", "3 kernel.key.hook 0x2 0x16 16777216 size 1 8 "
					 "0x1\n")), 0);
	assert_int_equal(offer("kernel.key.hook", &o), -1);
	assert_msg("the parameter 'size', the harness sweeps '(none)'");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_table_offered),
		cmocka_unit_test(test_builtin_is_the_module_table),
		cmocka_unit_test(test_module_wins),
		cmocka_unit_test(test_other_abi_refused),
		cmocka_unit_test(test_bad_lines_refused),
		cmocka_unit_test(test_offer_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
