// SPDX-License-Identifier: GPL-2.0
/*
 * suites/kernel.h: the kernel suite takes hookcost.ko's case table as the truth. What a case
 * offers (gates, configurations, parameter range) is the module's, also where it differs from
 * the harness's copy; a table the harness cannot run as labelled (another ABI, other names, a
 * case known by another name or missing, another parameter, a malformed line) is refused with
 * a message that says which case and what differs, and so is a result that does not answer
 * its request (hc_kres_mismatch).
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
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

/* The harness's copy is the table the module prints (module_table, as kernel-module/ has it). */
static void test_builtin_is_the_module_table(void **unused)
{
	struct hc_kcase_table builtin;

	assert_int_equal(parse(module_table), 0);
	hc_kcases_builtin(&builtin);
	for (unsigned int id = 1; id < HC_KCASE__NR; id++)
		if (!hc_kcases_same(&table, &builtin, id))
			fail_msg("case %s differs", hc_kcase_decls[id].name);
}

/*
 * The harness's copy of the table offers every kernel case of the harness, with the parameter
 * the harness sweeps, in gates and configurations the harness can carry out for it.
 */
static void test_builtin_offers_every_case(void **unused)
{
	unsigned int kernel_cases = 0;
	struct hc_offer o;

	hc_kcases_builtin(&table);
	for (unsigned int i = 0; i < hc_case_count(); i++) {
		const struct hc_case *c = hc_case_get(i);

		if (strcmp(c->suite, "kernel"))
			continue;
		kernel_cases++;
		if (offer(c->name, &o))
			fail_msg("%s", hc_err_msg());
		if ((o.gates & ~c->gates) || (o.configs & ~c->configs))
			fail_msg("%s: offered beyond what the harness sets up", c->name);
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

/* Case ids are append only: a newer module's cases are counted, not refused, not run. */
static void test_newer_cases_skipped(void **unused)
{
	struct hc_offer o;

	assert_int_equal(parse(with_line("12 ", "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 "
					 "2048 0x1\n99 kernel.newer 0x1 0x1 1 - 0 0 0\n")), 0);
	assert_int_equal(table.unknown, 1);
	assert_int_equal(offer("kernel.nop1", &o), 0);
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

/* Line 16 of the table (case 12's) replaced by each of these is refused, saying why. */
static void test_bad_lines_refused(void **unused)
{
	static const struct {
		const char *line, *msg;
	} bad[] = {
		{ "12 kernel.slab.optaway 0x1e 0x1e 4194304 size 8 2048 0x1\n",
		  "cases:16: a case this harness knows by another name (rebuild hookcost.ko and "
		  "the harness from the same tree): 12 kernel.slab.optaway" },
		{ "0 kernel.x 0x1 0x1 1 - 0 0 0\n", "a case this harness knows by another name" },
		{ "-4 kernel.x 0x1 0x1 1 - 0 0 0\n", "cases:16: not a case line" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048 0x1 7\n",
		  "cases:16: not a case line" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048\n",
		  "cases:16: not a case line of hookcost.ko" },
		{ "11 kernel.slab.optin 0x1e 0x1e 4194304 size 8 2048 0x1\n",
		  "a case given twice" },
		{ "12 kernel.slab.optout 0x3e 0x1e 4194304 size 8 2048 0x1\n",
		  "gates or configurations outside the names" },
		{ "12 kernel.slab.optout 0x1e 0 4194304 size 8 2048 0x1\n",
		  "gates or configurations outside the names" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 2048 0x3\n",
		  "an iteration bound or flags outside the ABI" },
		{ "12 kernel.slab.optout 0x1e 0x1e 0 size 8 2048 0x1\n",
		  "an iteration bound or flags outside the ABI" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 size 2048 8 0x1\n",
		  "a parameter range that is not one" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 size 8 18446744073709551615 0x1\n",
		  "a parameter range that is not one" },
		{ "12 kernel.slab.optout 0x1e 0x1e 4194304 - 0 8 0x1\n",
		  "a parameter range that is not one" },
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		assert_refused(with_line("12 ", bad[i].line), bad[i].msg);
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

/* hc_kres_mismatch: one result answering one request, then each way it can fail to. */
static void test_result_checks(void **unused)
{
	const struct hc_kreq q = {
		.magic = HC_KABI_MAGIC, .version = HC_KABI_VERSION, .op = HC_KREQ_SAMPLE,
		.case_id = HC_KCASE_SLAB_CACHE, .gate = HC_GATE_NONE, .config = HC_CONFIG_ACTIVE,
		.samples = 1, .iters = 1000, .param = 64,
	};
	const struct hc_kres good = {
		.magic = HC_KABI_MAGIC, .version = HC_KABI_VERSION, .case_id = q.case_id,
		.gate = q.gate, .config = q.config, .samples = 1, .iters = 1000, .param = 64,
		.flags = HC_KRES_MEMCG_CHILD, .seq = 8,
	};
	const struct hc_kres_want want = { .irqs_off = 0, .child = HC_KCHILD_YES };
	static const struct {
		size_t off, size;
		uint64_t value;
		const char *what;
	} bad[] = {
#define BAD(field, v, w)							\
		{ offsetof(struct hc_kres, field), sizeof(((struct hc_kres *)0)->field), v, w }
		BAD(version, HC_KABI_VERSION + 1, "magic or ABI version"),
		BAD(case_id, HC_KCASE_KMALLOC, "case id"),
		BAD(config, HC_CONFIG_BYSTANDER, "gate or configuration"),
		BAD(param, 128, "parameter, iterations or samples"),
		BAD(iters, 999, "parameter, iterations or samples"),
		BAD(seq, 7, "sequence number (a stale result)"),
		BAD(flags, HC_KRES_MEMCG_CHILD | 4, "flags (a flag this harness does not know)"),
		BAD(flags, HC_KRES_MEMCG_CHILD | HC_KRES_IRQS_OFF, "interrupts-off flag"),
		BAD(flags, 0, "memory cgroup flag"),
#undef BAD
	};
	struct hc_kres_want root = want;

	assert_null(hc_kres_mismatch(&q, &good, &want, 7));
	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		struct hc_kres res = good;
		uint32_t v32 = bad[i].value;

		memcpy((char *)&res + bad[i].off, bad[i].size == 4 ? (void *)&v32 :
		       (void *)&bad[i].value, bad[i].size);
		assert_string_equal(hc_kres_mismatch(&q, &res, &want, 7), bad[i].what);
	}
	/* From the root (bystander) a child's result is as wrong as the reverse. */
	root.child = HC_KCHILD_NO;
	assert_string_equal(hc_kres_mismatch(&q, &good, &root, 7), "memory cgroup flag");
	root.child = HC_KCHILD_ANY;
	assert_null(hc_kres_mismatch(&q, &good, &root, 7));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_module_table_offered),
		cmocka_unit_test(test_builtin_is_the_module_table),
		cmocka_unit_test(test_builtin_offers_every_case),
		cmocka_unit_test(test_newer_cases_skipped),
		cmocka_unit_test(test_result_checks),
		cmocka_unit_test(test_module_wins),
		cmocka_unit_test(test_other_abi_refused),
		cmocka_unit_test(test_bad_lines_refused),
		cmocka_unit_test(test_offer_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
