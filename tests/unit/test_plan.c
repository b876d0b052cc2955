// SPDX-License-Identifier: GPL-2.0
/*
 * Plan expansion: suites, filters, parameter sweeps and their errors, and cases whose offer
 * (hookcost.ko's table for the kernel suite) is not their declaration.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "core/runner.h"

static const struct hc_param_def sweep_params[] = {
	{ .name = "size", .unit = "B", .defaults = "1,64", .min = 1, .max = 65536 },
	{ .name = "n", .unit = "", .defaults = "2", .min = 1, .max = 100 },
	{ 0 }
};

static void run_nothing(void *state, uint64_t iters)
{
}

HC_CASE(test_hooked) = {
	.name = "test.hooked", .suite = "testsuite", .desc = "a hooked case with two sweeps",
	.gates = HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH),
	.configs = HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED) |
		   HC_CONFIG_BIT(HC_CONFIG_ACTIVE),
	.params = sweep_params, .run = run_nothing,
};

/* What offered_case offers: less than it declares, as a module built without a gate would. */
static struct {
	long min, max;
	bool fail;
	bool active;		/* offer a configuration the case cannot set up */
	unsigned int calls;
} offered;

/* Each test starts from an offer of sizes [1, 100] in the static gate, off and unused. */
static int offered_reset(void **unused)
{
	offered.min = 1;
	offered.max = 100;
	offered.fail = false;
	offered.active = false;
	offered.calls = 0;
	return 0;
}

static const struct hc_param_def offered_params[] = {
	{ .name = "size", .unit = "B", .defaults = "1,64,4096" },
	{ 0 }
};

static int offer_less(const struct hc_case *c, bool probe, struct hc_offer *o)
{
	offered.calls++;
	if (offered.fail)
		return hc_err("the source of %s is unreadable", c->name);
	o->gates = HC_GATE_BIT(HC_GATE_STATIC);
	o->configs = HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED) |
		     (offered.active ? HC_CONFIG_BIT(HC_CONFIG_ACTIVE) : 0);
	o->params[0] = c->params[0];
	o->params[0].min = offered.min;
	o->params[0].max = offered.max;
	o->source = "a test";
	return 0;
}

HC_CASE(test_offered) = {
	.name = "test.offered", .suite = "offersuite", .desc = "a case offered from elsewhere",
	.gates = HC_GATES_HOOKED, .configs = HC_CONFIG_BIT(HC_CONFIG_OFF) |
	HC_CONFIG_BIT(HC_CONFIG_UNUSED) | HC_CONFIG_BIT(HC_CONFIG_BYSTANDER),
	.params = offered_params, .run = run_nothing, .offer = offer_less,
};

static unsigned int build(struct hc_plan_spec *spec, int expect_ret)
{
	struct hc_plan plan;
	unsigned int n;
	int ret;

	hc_err_clear();
	ret = hc_plan_build(spec, &plan);
	assert_int_equal(ret, expect_ret);
	if (ret)
		return 0;
	n = plan.nr;
	hc_plan_free(&plan);
	return n;
}

static void test_defaults_expand(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.hooked" };

	/* 2 sizes x 1 n x 2 gates x 3 configs */
	assert_int_equal(build(&spec, 0), 12);
}

static void test_filters(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.hooked", .gates = "static",
				     .configs = "unused,active" };

	assert_int_equal(build(&spec, 0), 4);
}

static void test_param_override(void **unused)
{
	struct hc_plan_spec spec = { .cases = "testsuite", .params = { "size=1,2,4k" },
				     .nr_params = 1 };
	struct hc_plan plan;

	assert_int_equal(hc_plan_build(&spec, &plan), 0);
	assert_int_equal(plan.nr, 18);
	assert_int_equal(plan.v[plan.nr - 1].params.p[0].value, 4096);
	/* Variants of one parameter set are contiguous: the runner groups on that. */
	assert_int_equal(plan.v[5].params.p[0].value, 1);
	assert_int_equal(plan.v[6].params.p[0].value, 2);
	hc_plan_free(&plan);
}

static void test_calib_ignores_gate_filter(void **unused)
{
	struct hc_plan_spec spec = { .cases = "empty,nop1", .gates = "static" };

	assert_int_equal(build(&spec, 0), 2);
}

static void test_errors_are_usage_errors(void **unused)
{
	struct hc_plan_spec bad[] = {
		{ .cases = "no.such.case" },
		{ .cases = "test.hooked", .gates = "golden" },
		{ .cases = "test.hooked", .configs = "sometimes" },
		{ .cases = "test.hooked", .params = { "size=0" }, .nr_params = 1 },
		{ .cases = "test.hooked", .params = { "size=abc" }, .nr_params = 1 },
		{ .cases = "test.hooked", .params = { "size" }, .nr_params = 1 },
		{ .cases = "empty", .params = { "size=4" }, .nr_params = 1 },
		{ .cases = "test.hooked", .configs = "bystander" },
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		build(&bad[i], -1);
		assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	}
}

static void test_plan_takes_the_offer(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.offered" };
	unsigned int warnings = hc_warn_count();
	struct hc_plan plan;

	/* Gates and configurations offered, not declared; the default 4096 is out of range. */
	assert_int_equal(hc_plan_build(&spec, &plan), 0);
	assert_int_equal(hc_warn_count(), warnings + 1);
	assert_non_null(strstr(hc_warn_get(warnings), "size=4096 left out of the default sweep"));
	assert_int_equal(plan.nr, 4);
	for (unsigned int i = 0; i < plan.nr; i++) {
		assert_int_equal(plan.v[i].gate, HC_GATE_STATIC);
		assert_true(plan.v[i].config == HC_CONFIG_OFF ||
			    plan.v[i].config == HC_CONFIG_UNUSED);
		assert_true(plan.v[i].params.p[0].value == (i < 2 ? 1 : 64));
	}
	hc_plan_free(&plan);
}

static void test_offer_errors(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.offered", .params = { "size=4096" },
				     .nr_params = 1 };

	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	assert_string_equal(hc_err_msg(), "--param size=4096 is out of range [1, 100]");
	spec.nr_params = 0;
	offered.min = 200;
	offered.max = 300;
	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	assert_string_equal(hc_err_msg(), "--param size: none of the default sweep 1,64,4096 is "
			    "in the range offered, [200, 300]; give the values");
	offered.fail = true;
	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_FAIL);
	assert_string_equal(hc_err_msg(), "the source of test.offered is unreadable");
}

/* An offer beyond what the case can set up would be measured as one thing, labelled another. */
static void test_offer_beyond_the_case(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.offered" };

	offered.active = true;
	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_FAIL);
	assert_string_equal(hc_err_msg(), "a test offers test.offered in configuration active; the "
			    "harness sets up off,unused,bystander only");
}

/* Bad input is refused before any offer is read (reading one may load a module). */
static void test_usage_before_offer(void **unused)
{
	struct hc_plan_spec spec = { .cases = "test.offered", .params = { "bogus=1" },
				     .nr_params = 1 };

	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	spec.nr_params = 0;
	spec.gates = "golden";
	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	spec.gates = NULL;
	spec.params[0] = "size=abc";
	spec.nr_params = 1;
	build(&spec, -1);
	assert_string_equal(hc_err_msg(), "--param size: 'abc' is not a number");
	spec.nr_params = 0;
	spec.cases = "test.offered,no.such";
	build(&spec, -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	assert_int_equal(offered.calls, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_defaults_expand),
		cmocka_unit_test(test_filters),
		cmocka_unit_test(test_param_override),
		cmocka_unit_test(test_calib_ignores_gate_filter),
		cmocka_unit_test(test_errors_are_usage_errors),
		cmocka_unit_test_setup(test_plan_takes_the_offer, offered_reset),
		cmocka_unit_test_setup(test_offer_errors, offered_reset),
		cmocka_unit_test_setup(test_offer_beyond_the_case, offered_reset),
		cmocka_unit_test_setup(test_usage_before_offer, offered_reset),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
