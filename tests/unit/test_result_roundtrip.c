// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON writer and the loader are inverses: a run built here, analysed, written and loaded
 * back is the same model field by field. What the test put in (identities, samples, counts)
 * must come back exactly; so must what the analysis computed, since the writer keeps 17
 * significant digits (JSON_REAL_PRECISION(17)), enough for any double to read back the same.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "analysis/analysis.h"
#include "output/output.h"
#include "output/result_load.h"

#define NR_SAMPLES 9
#define PRECISION 0.0		/* relative: none lost */

/* Per-op samples of the three measured variants. */
static const double samples[3][2][NR_SAMPLES] = {
	{ { 10.5, 10.25, 10.75, 10.5, 10.0, 11.0, 10.5, 10.25, 10.5 },
	  { 30, 31, 29, 30, 30, 32, 28, 30, 31 } },
	{ { 12.5, 12.25, 12.75, 12.5, 12.0, 13.0, 12.5, 12.25, 12.5 },
	  { 30, 29, 31, 30, 30, 28, 32, 31, 30 } },
	{ { 20.125, 20.5, 19.875, 20.25, 20.0, 20.375, 19.75, 20.0, 20.5 },
	  { -1, 0, 1, 0, 0, 2, -2, 0, 1 } },
};

static const enum hc_config configs[3] = { HC_CONFIG_OFF, HC_CONFIG_UNUSED, HC_CONFIG_ACTIVE };

static void add_result(struct hc_run *run, unsigned int i)
{
	struct hc_result *r = hc_run_append(run);

	assert_non_null(r);
	r->id = (struct hc_vid){
		.suite = "user", .name = "tcp.rr", .gate = HC_GATE_STATIC, .config = configs[i],
		.params = { .nr = 2, .p = { { "size", 1448 }, { "threads", 2 } } },
	};
	r->iterations = 15913 + i;
	r->nr_samples = NR_SAMPLES;
	r->metrics = 3;
	/* Counting scope and exactness: each field differs from its default in some result. */
	r->user_only = i != 1;
	r->exact = i != 2;
	r->remeasured = i ? 0 : 3;
	r->interrupted = i ? 0 : 1;
	r->multiplexed = calloc(NR_SAMPLES, sizeof(bool));
	assert_non_null(r->multiplexed);
	r->multiplexed[4] = i == 2;
	for (unsigned int m = 0; m < 2; m++) {
		r->per_op[m] = malloc(sizeof(samples[i][m]));
		assert_non_null(r->per_op[m]);
		memcpy(r->per_op[m], samples[i][m], sizeof(samples[i][m]));
		r->overhead_fixed[m] = 812.5 + m;
		r->overhead_per_iter[m] = 1.25 * (m + 1);
	}
}

/* A run of one case in three configurations, a skipped one and a calibration case. */
static void build_run(struct hc_run *run)
{
	struct hc_result *r;

	hc_run_init(run);
	run->context = json_pack("{s:s, s:{s:f, s:i}}", "backend", "tsc", "method", "alpha",
				 0.05, "seed", 7);
	run->nr_metrics = 2;
	run->metric[0] = "instructions";
	run->metric[1] = "tsc";
	run->complete = true;
	for (unsigned int i = 0; i < 3; i++)
		add_result(run, i);
	r = hc_run_append(run);
	r->id = (struct hc_vid){ .suite = "user", .name = "tcp.rr", .gate = HC_GATE_STATIC,
				 .config = HC_CONFIG_BYSTANDER,
				 .params = { .nr = 2, .p = { { "size", 1448 }, { "threads", 2 } } } };
	r->skip_reason = strdup("no memory controller");
	r = hc_run_append(run);
	r->id = (struct hc_vid){ .suite = "calib", .name = "nop1" };
	r->iterations = 1666487;
	r->nr_samples = NR_SAMPLES;
	r->metrics = 1;
	r->multiplexed = calloc(NR_SAMPLES, sizeof(bool));
	r->per_op[0] = malloc(sizeof(samples[0][0]));
	memcpy(r->per_op[0], samples[0][0], sizeof(samples[0][0]));
}

static void assert_close(double want, double got)
{
	if (isnan(want)) {
		assert_true(isnan(got));
		return;
	}
	if (fabs(got - want) > PRECISION * fmax(fabs(want), 1e-300)) {
		fail_msg("%.17g != %.17g", got, want);
	}
}

static void check_summary(const struct hc_summary *a, const struct hc_summary *b)
{
	assert_int_equal(a->n, b->n);
	assert_close(a->median, b->median);
	assert_close(a->ci_lo, b->ci_lo);
	assert_close(a->ci_hi, b->ci_hi);
	assert_close(a->level, b->level);
	assert_close(a->coverage, b->coverage);
	assert_close(a->mad, b->mad);
	assert_close(a->min, b->min);
	assert_close(a->mean, b->mean);
	assert_close(a->stddev, b->stddev);
	assert_close(a->cv, b->cv);
	assert_int_equal(a->multiplexed, b->multiplexed);
}

/* What the test put in comes back exactly. */
static void check_inputs(const struct hc_run *l)
{
	assert_true(l->complete);
	assert_int_equal(l->nr_metrics, 2);
	assert_string_equal(l->metric[0], "instructions");
	assert_string_equal(l->metric[1], "tsc");
	assert_int_equal(l->nr_results, 5);
	for (unsigned int i = 0; i < 3; i++) {
		const struct hc_result *r = &l->results[i];

		assert_string_equal(r->id.suite, "user");
		assert_string_equal(r->id.name, "tcp.rr");
		assert_int_equal(r->id.gate, HC_GATE_STATIC);
		assert_int_equal(r->id.config, configs[i]);
		assert_int_equal(r->id.params.nr, 2);
		assert_string_equal(r->id.params.p[0].name, "size");
		assert_int_equal(r->id.params.p[0].value, 1448);
		assert_string_equal(r->id.params.p[1].name, "threads");
		assert_int_equal(r->id.params.p[1].value, 2);
		assert_null(r->skip_reason);
		assert_int_equal(r->iterations, 15913 + i);
		assert_int_equal(r->nr_samples, NR_SAMPLES);
		assert_int_equal(r->metrics, 3);
		for (unsigned int m = 0; m < 2; m++) {
			assert_memory_equal(r->per_op[m], samples[i][m], sizeof(samples[i][m]));
			assert_true(r->overhead_fixed[m] == 812.5 + m);
			assert_true(r->overhead_per_iter[m] == 1.25 * (m + 1));
			assert_int_equal(r->summary[m].multiplexed, i == 2);
		}
	}
	assert_true(l->results[0].user_only && l->results[0].exact);
	assert_int_equal(l->results[0].remeasured, 3);
	assert_int_equal(l->results[0].interrupted, 1);
	assert_true(!l->results[1].user_only && l->results[1].exact);
	assert_int_equal(l->results[1].remeasured, 0);
	assert_int_equal(l->results[1].interrupted, 0);
	assert_true(l->results[2].user_only && !l->results[2].exact);
	assert_int_equal(l->results[3].id.config, HC_CONFIG_BYSTANDER);
	assert_string_equal(l->results[3].skip_reason, "no memory controller");
	assert_string_equal(l->results[4].id.suite, "calib");
	assert_int_equal(l->results[4].id.gate, HC_GATE_NONE);
	assert_int_equal(l->results[4].id.config, HC_CONFIG_NONE);
	assert_int_equal(l->results[4].id.params.nr, 0);
	assert_int_equal(l->results[4].metrics, 1);
	assert_int_equal(l->results[4].iterations, 1666487);
	assert_true(!l->results[4].user_only && !l->results[4].exact);
	/* The medians of the samples above, by hand. */
	assert_true(l->results[0].summary[0].median == 10.5);
	assert_true(l->results[2].summary[1].median == 0);
}

static void check_comparisons(const struct hc_run *w, const struct hc_run *l)
{
	/* off-unused, off-active, unused-active, in two metrics each. */
	assert_int_equal(w->nr_cmps, 6);
	assert_int_equal(l->nr_cmps, w->nr_cmps);
	for (unsigned int i = 0; i < w->nr_cmps; i++) {
		const struct hc_comparison *a = &w->cmps[i], *b = &l->cmps[i];

		assert_int_equal(b->base - l->results, a->base - w->results);
		assert_int_equal(b->other - l->results, a->other - w->results);
		assert_string_equal(b->metric, a->metric);
		assert_string_equal(b->method, a->method);
		assert_int_equal(b->paired, a->paired);
		assert_int_equal(b->n_base, a->n_base);
		assert_int_equal(b->n_other, a->n_other);
		assert_close(a->base_median, b->base_median);
		assert_close(a->other_median, b->other_median);
		assert_close(a->estimate, b->estimate);
		assert_close(a->ci_lo, b->ci_lo);
		assert_close(a->ci_hi, b->ci_hi);
		assert_close(a->level, b->level);
		assert_close(a->coverage, b->coverage);
		assert_close(a->tost_lo, b->tost_lo);
		assert_close(a->tost_hi, b->tost_hi);
		assert_close(a->tost_coverage, b->tost_coverage);
		assert_close(a->rel_change, b->rel_change);
		assert_close(a->p, b->p);
		assert_close(a->p_adjusted, b->p_adjusted);
		assert_close(a->q, b->q);
		assert_close(a->margin, b->margin);
		assert_close(a->needed_n, b->needed_n);
		assert_int_equal(b->family, a->family);
		assert_int_equal(b->verdict, a->verdict);
		assert_string_equal(b->text, a->text);
		assert_int_equal(b->multiplexed, a->multiplexed);
	}
	/* unused against off in instructions: every sample 2 higher, a clear overhead. */
	assert_int_equal(l->cmps[0].verdict, HC_VERDICT_OVERHEAD);
	assert_true(l->cmps[0].estimate == 2);
	assert_true(l->cmps[0].paired && !strcmp(l->cmps[0].method, "wilcoxon-signed-rank"));
	/* The primary family: unused against off, in both metrics. */
	assert_int_equal(l->cmps[0].family, 2);
	assert_string_equal(l->cmps[0].family_name, "primary");
	assert_string_equal(l->cmps[1].family_name, "primary");
	assert_string_equal(l->cmps[2].family_name, "secondary");
	/* unused against off in tsc: the same samples reordered, within 1 % of 30 or not. */
	assert_int_equal(l->cmps[1].verdict, HC_VERDICT_INCONCLUSIVE);
	assert_true(l->cmps[5].multiplexed);
}

static void test_round_trip(void **state)
{
	const struct hc_analysis_opts o = HC_ANALYSIS_OPTS_DEFAULT;
	char path[] = "/tmp/hookcost-roundtrip-XXXXXX";
	struct hc_run w, l;
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	close(fd);
	build_run(&w);
	assert_int_equal(hc_analyze_run(&w, &o), 0);
	assert_int_equal(hc_writer_file(&hc_writer_json, &w, path), 0);
	assert_int_equal(hc_run_load(path, &l), 0);
	unlink(path);
	assert_int_equal(hc_analyze_run(&l, &o), 0);

	check_inputs(&l);
	assert_true(json_equal(w.context, l.context));
	for (unsigned int i = 0; i < w.nr_results; i++)
		for (unsigned int m = 0; m < 2; m++)
			if (hc_result_has(&w.results[i], m))
				check_summary(&w.results[i].summary[m], &l.results[i].summary[m]);
	check_comparisons(&w, &l);
	hc_run_free(&w);
	hc_run_free(&l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
