// SPDX-License-Identifier: GPL-2.0
/*
 * runner.c against the fake counter backend, whose counts are known in advance: the net of the
 * baseline must come out as the exact per-op cost the spec names, whatever drift, interrupts
 * or multiplexing the spec adds; skipped variants and baselines must be reported as such.
 */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "analysis/analysis.h"
#include "base/error.h"
#include "core/runner.h"

#define SAMPLES	9
#define ITERS	1000

static void run_nothing(void *state, uint64_t iters)
{
}

/* Refuses "active", as a case does whose configuration this machine cannot reach. */
static int setup_no_active(const struct hc_variant *v, void **state)
{
	if (v->config == HC_CONFIG_ACTIVE) {
		hc_err("active needs something this host lacks");
		return -ENOTSUP;
	}
	return 0;
}

static int setup_fails(const struct hc_variant *v, void **state)
{
	return hc_err("no module here");
}

HC_CASE(test_empty) = {
	.name = "test.empty", .suite = "testsuite", .desc = "the tests' baseline",
	.gates = HC_GATE_BIT(HC_GATE_NONE), .configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.run = run_nothing,
};

#define TEST_CONFIGS (HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED) | \
		      HC_CONFIG_BIT(HC_CONFIG_ACTIVE))

HC_CASE(test_work) = {
	.name = "test.work", .suite = "testsuite", .desc = "three configurations",
	.gates = HC_GATE_BIT(HC_GATE_STATIC), .configs = TEST_CONFIGS,
	.baseline = "test.empty", .run = run_nothing,
};

HC_CASE(test_partial) = {
	.name = "test.partial", .suite = "testsuite", .desc = "active is unreachable",
	.gates = HC_GATE_BIT(HC_GATE_STATIC), .configs = TEST_CONFIGS,
	.baseline = "test.empty", .setup = setup_no_active, .run = run_nothing,
};

HC_CASE(test_nobase_base) = {
	.name = "test.broken_base", .suite = "testsuite", .desc = "a baseline that fails",
	.gates = HC_GATE_BIT(HC_GATE_NONE), .configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.setup = setup_fails, .run = run_nothing,
};

HC_CASE(test_orphan) = {
	.name = "test.orphan", .suite = "testsuite", .desc = "its baseline fails",
	.gates = HC_GATE_BIT(HC_GATE_NONE), .configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.baseline = "test.broken_base", .run = run_nothing,
};

HC_CASE(test_syscall) = {
	.name = "test.syscall", .suite = "testsuite", .desc = "no loop subtracted",
	.gates = HC_GATE_BIT(HC_GATE_NONE), .configs = HC_CONFIG_BIT(HC_CONFIG_NONE),
	.flags = HC_CASE_KERNEL | HC_CASE_NO_BASELINE, .baseline = "test.empty",
	.run = run_nothing,
};

struct fixture {
	struct hc_plan plan;
	struct hc_run run;
	struct hc_counters *ctr;
};

/* Runs cases with the fake backend SPEC; the run is freed by done(). */
static struct hc_run *run_fake(struct fixture *f, const char *cases, const char *spec)
{
	struct hc_plan_spec ps = { .cases = cases };
	struct hc_run_opts o = HC_RUN_OPTS_DEFAULT;

	o.samples = SAMPLES;
	o.iterations = ITERS;
	memset(f, 0, sizeof(*f));
	assert_int_equal(hc_plan_build(&ps, &f->plan), 0);
	f->ctr = hc_counters__new_fake(spec);
	assert_non_null(f->ctr);
	assert_int_equal(hc_counters__open(f->ctr), 0);
	hc_run_init(&f->run);
	f->run.context = json_object();
	assert_int_equal(hc_runner_run(&f->plan, &o, f->ctr, &f->run, NULL, NULL), 0);
	assert_true(f->run.complete);
	assert_string_equal(f->run.metric[0], "fake");
	return &f->run;
}

static void done(struct fixture *f)
{
	hc_run_free(&f->run);
	hc_counters__delete(f->ctr);
	hc_plan_free(&f->plan);
}

static const struct hc_result *find(const struct hc_run *run, const char *name,
				    enum hc_config config)
{
	for (unsigned int i = 0; i < run->nr_results; i++)
		if (!strcmp(run->results[i].id.name, name) &&
		    run->results[i].id.config == config)
			return &run->results[i];
	fail_msg("no result for %s/%s", name, hc_config_names[config]);
	return NULL;
}

/* Every sample of r reads exactly cost per op, with no flag raised. */
static void assert_exact(const struct hc_result *r, double cost)
{
	assert_null(r->skip_reason);
	assert_int_equal(r->nr_samples, SAMPLES);
	assert_int_equal(r->iterations, ITERS);
	for (unsigned int s = 0; s < r->nr_samples; s++)
		if (r->per_op[0][s] != cost)
			fail_msg("%s sample %u: %.17g, not %g", r->id.name, s, r->per_op[0][s],
				 cost);
}

static void test_net_of_baseline(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.work",
				      "test.work=7,test.work/active=11,loop=3,fixed=40");

	assert_int_equal(run->nr_results, 3);
	assert_exact(find(run, "test.work", HC_CONFIG_OFF), 7);
	assert_exact(find(run, "test.work", HC_CONFIG_UNUSED), 7);
	assert_exact(find(run, "test.work", HC_CONFIG_ACTIVE), 11);
	/* The subtracted harness: the counter reads per sample, the loop per iteration. */
	assert_true(find(run, "test.work", HC_CONFIG_OFF)->overhead_fixed[0] == 40);
	assert_true(find(run, "test.work", HC_CONFIG_OFF)->overhead_per_iter[0] == 3);
	/* Raw counts as read: reads + iterations x (loop + cost). */
	assert_int_equal(find(run, "test.work", HC_CONFIG_ACTIVE)->raw[0][0], 40 + ITERS * 14);
	assert_true(find(run, "test.work", HC_CONFIG_OFF)->exact);
	done(&f);
}

/*
 * A user-space case counts user mode only, a case flagged HC_CASE_KERNEL kernel mode too: the
 * fake backend's interrupts (kernel work) then enter only the latter's counts. Every sample
 * is interrupted, so nothing shows the counts are exact and nothing is measured again.
 */
static void test_counting_scope(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.work,test.syscall",
				      "test.work=7,test.syscall=4,loop=3,fixed=40,irq=1:300");
	const struct hc_result *user = find(run, "test.work", HC_CONFIG_OFF);
	const struct hc_result *kernel = find(run, "test.syscall", HC_CONFIG_NONE);

	assert_true(user->user_only);
	assert_false(user->exact);
	assert_int_equal(user->raw[0][0], 40 + ITERS * 10);
	assert_exact(user, 7);
	assert_false(kernel->user_only);
	/* Each sample's interrupt is in its count, and in the fixed cost subtracted. */
	assert_int_equal(kernel->raw[0][0], 40 + 300 + ITERS * 7);
	assert_exact(kernel, 7);
	done(&f);
}

/*
 * The loop costs 5 more per op in every round: only subtracting the same round's baseline
 * sample cancels that exactly; any other pairing leaves a multiple of 5 in the values.
 */
static void test_rounds_are_paired(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.work", "test.work=7,drift=5");

	for (unsigned int s = 1; s < SAMPLES; s++)
		assert_true(find(run, "test.work", HC_CONFIG_OFF)->raw[0][s] >
			    find(run, "test.work", HC_CONFIG_OFF)->raw[0][s - 1]);
	assert_exact(find(run, "test.work", HC_CONFIG_OFF), 7);
	assert_exact(find(run, "test.work", HC_CONFIG_ACTIVE), 7);
	done(&f);
}

/* Exact counts: every interrupted sample is measured again and none is kept. */
static void test_interrupts_remeasured(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.work", "test.work=1,irq=7:5000");
	static const enum hc_config configs[] = { HC_CONFIG_OFF, HC_CONFIG_UNUSED,
						  HC_CONFIG_ACTIVE };
	unsigned int remeasured = 0;

	for (unsigned int i = 0; i < 3; i++) {
		const struct hc_result *r = find(run, "test.work", configs[i]);

		assert_exact(r, 1);
		assert_true(r->exact);
		assert_int_equal(r->interrupted, 0);
		remeasured += r->remeasured;
	}
	assert_true(remeasured > 0);
	done(&f);
}

/*
 * Every sample interrupted, the baseline's at 0 iterations too: nothing shows the counts are
 * exact, so interruptions are not looked for and nothing is measured again. The interrupt
 * costs the same in the variant's and the baseline's sample and cancels.
 */
static void test_interrupts_kept_when_not_exact(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.work", "test.work=2,irq=1:300");
	const struct hc_result *r = find(run, "test.work", HC_CONFIG_UNUSED);

	assert_exact(r, 2);
	assert_false(r->exact);
	assert_int_equal(r->remeasured, 0);
	assert_int_equal(r->interrupted, 0);
	done(&f);
}

/*
 * Every second sample is multiplexed; a round holds one variant sample and one baseline
 * sample, so one of the two is, in every round: the variant's flag must be raised in every
 * sample, half of them through the baseline sample subtracted from it.
 */
static void test_multiplexing_propagates(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.syscall", "test.syscall=4,mux=2");
	const struct hc_result *r = find(run, "test.syscall", HC_CONFIG_NONE);

	assert_int_equal(hc_result_multiplexed(r), SAMPLES);
	for (unsigned int s = 0; s < SAMPLES; s++)
		assert_true(r->multiplexed[s]);
	done(&f);

	run = run_fake(&f, "test.syscall", "test.syscall=4,mux=1000");
	assert_int_equal(hc_result_multiplexed(find(run, "test.syscall", HC_CONFIG_NONE)), 0);
	done(&f);
}

/* The flag reaches every comparison the analysis stage makes, and only where it was raised. */
static void test_multiplexing_reaches_comparisons(void **unused)
{
	const struct hc_analysis_opts o = HC_ANALYSIS_OPTS_DEFAULT;
	static const char *const specs[] = { "test.work/active=3,mux=1", "test.work/active=3" };
	struct fixture f;

	for (unsigned int k = 0; k < 2; k++) {
		struct hc_run *run = run_fake(&f, "test.work", specs[k]);

		assert_int_equal(hc_analyze_run(run, &o), 0);
		assert_int_equal(run->nr_cmps, 3);
		for (unsigned int i = 0; i < run->nr_cmps; i++)
			assert_int_equal(run->cmps[i].multiplexed, k == 0);
		done(&f);
	}
}

/* HC_CASE_NO_BASELINE: only the fixed cost is subtracted, the loop stays in. */
static void test_no_baseline_loop(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.syscall", "test.syscall=4,loop=3,fixed=40");

	assert_exact(find(run, "test.syscall", HC_CONFIG_NONE), 7);
	assert_true(find(run, "test.syscall", HC_CONFIG_NONE)->overhead_per_iter[0] == 0);
	done(&f);
}

static void test_skips(void **unused)
{
	struct fixture f;
	struct hc_run *run = run_fake(&f, "test.partial,test.orphan", "test.partial=3");
	const struct hc_result *r;

	assert_exact(find(run, "test.partial", HC_CONFIG_OFF), 3);
	assert_exact(find(run, "test.partial", HC_CONFIG_UNUSED), 3);
	r = find(run, "test.partial", HC_CONFIG_ACTIVE);
	assert_non_null(r->skip_reason);
	assert_string_equal(r->skip_reason, "active needs something this host lacks");
	assert_false(hc_result_has(r, 0));
	r = find(run, "test.orphan", HC_CONFIG_NONE);
	assert_non_null(r->skip_reason);
	assert_non_null(strstr(r->skip_reason, "baseline 'test.broken_base' unavailable"));
	assert_non_null(strstr(r->skip_reason, "no module here"));
	done(&f);
}

static void test_bad_specs(void **unused)
{
	const char *const bad[] = {
		"test.work", "test.work=x", "test.work=-1", "test.work/sometimes=1", "irq=",
		"irq=3:y", "=4",
	};

	for (unsigned int i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		hc_err_clear();
		assert_null(hc_counters__new_fake(bad[i]));
		assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	}
}

static void test_backend_parse(void **unused)
{
	enum hc_backend b;
	const char *spec;

	assert_int_equal(hc_backend_parse("fake:nop1=1", &b, &spec), 0);
	assert_int_equal(b, HC_BACKEND_FAKE);
	assert_string_equal(spec, "nop1=1");
	assert_int_equal(hc_backend_parse("tsc", &b, &spec), 0);
	assert_int_equal(b, HC_BACKEND_TSC);
	assert_null(spec);
	assert_int_equal(hc_backend_parse("fake", &b, &spec), -1);
	assert_int_equal(hc_backend_parse("tsc:1", &b, &spec), -1);
	assert_int_equal(hc_backend_parse("perfect", &b, &spec), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_net_of_baseline),
		cmocka_unit_test(test_counting_scope),
		cmocka_unit_test(test_rounds_are_paired),
		cmocka_unit_test(test_interrupts_remeasured),
		cmocka_unit_test(test_interrupts_kept_when_not_exact),
		cmocka_unit_test(test_multiplexing_propagates),
		cmocka_unit_test(test_multiplexing_reaches_comparisons),
		cmocka_unit_test(test_no_baseline_loop),
		cmocka_unit_test(test_skips),
		cmocka_unit_test(test_bad_specs),
		cmocka_unit_test(test_backend_parse),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
