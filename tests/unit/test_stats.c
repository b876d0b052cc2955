// SPDX-License-Identifier: GPL-2.0
/*
 * bench/analysis/stats.c and median_ci.c against reference values from numpy/scipy
 * (tests/fixtures/stats_fixtures.h, made by scripts/gen-stats-fixtures), plus the edge cases
 * and the analysis stage's verdict on fixture data.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "analysis/analysis.h"
#include "analysis/stats.h"
#include "fixtures/stats_fixtures.h"

/* Sums and interpolations may round differently from numpy's. */
#define REL_EXACT 1e-9
/* Normal tail areas from GSL and from scipy differ in the last digits. */
#define REL_P 1e-6
/* The coverage the reference computes as 1 - p, the C code as 1 - 2 P(tail). */
#define REL_COVERAGE 1e-9

static void check_close(const char *what, const char *name, double got, double want,
			double rel)
{
	if (isnan(want) && isnan(got))
		return;
	if (fabs(got - want) <= rel * fabs(want) + 1e-12)
		return;
	print_error("%s of %s: got %.17g, want %.17g\n", what, name, got, want);
	fail();
}

static double *sorted_copy(const struct fixture_sample *s)
{
	double *copy = malloc(s->n * sizeof(*copy));

	assert_non_null(copy);
	memcpy(copy, s->v, s->n * sizeof(*copy));
	for (size_t i = 1; i < s->n; i++) {
		double v = copy[i];
		size_t j = i;

		for (; j > 0 && copy[j - 1] > v; j--)
			copy[j] = copy[j - 1];
		copy[j] = v;
	}
	return copy;
}

static void check_sample(const char *name, const struct fixture_sample *s)
{
	struct hc_summary sum;
	double *sorted = sorted_copy(s);

	for (size_t i = 0; i < FIXTURE_NR_QUANTILES; i++) {
		double q = hc_quantile_sorted(sorted, s->n, fixture_quantile_ps[i]);

		check_close("quantile", name, q, s->q[i], REL_EXACT);
	}
	free(sorted);
	check_close("hc_median", name, hc_median(s->v, s->n), s->median, REL_EXACT);

	assert_int_equal(hc_summarize(s->v, s->n, FIXTURE_ALPHA, &sum), 0);
	assert_int_equal(sum.n, s->n);
	check_close("median", name, sum.median, s->median, REL_EXACT);
	check_close("MAD", name, sum.mad, s->mad, REL_EXACT);
	check_close("min", name, sum.min, s->min, REL_EXACT);
	check_close("mean", name, sum.mean, s->mean, REL_EXACT);
	check_close("stddev", name, sum.stddev, s->stddev, REL_EXACT);
	check_close("CV", name, sum.cv, s->mean ? s->stddev / fabs(s->mean) : 0.0, REL_EXACT);
	check_close("median CI low", name, sum.ci_lo, s->ci.lo, REL_EXACT);
	check_close("median CI high", name, sum.ci_hi, s->ci.hi, REL_EXACT);
	check_close("median CI coverage", name, sum.coverage, s->ci.coverage, REL_COVERAGE);
}

static void test_summaries(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(stats_fixtures); i++) {
		check_sample(stats_fixtures[i].name, &stats_fixtures[i].x);
		check_sample(stats_fixtures[i].name, &stats_fixtures[i].y);
	}
}

static void test_quantile_edges(void **state)
{
	static const double one[] = { 4.5 };
	static const double two[] = { 1.0, 3.0 };

	assert_true(isnan(hc_quantile_sorted(one, 0, 0.5)));
	assert_true(isnan(hc_quantile_sorted(two, 2, -0.1)));
	assert_true(isnan(hc_quantile_sorted(two, 2, 1.1)));
	assert_true(isnan(hc_quantile_sorted(two, 2, NAN)));
	assert_true(hc_quantile_sorted(one, 1, 0.3) == 4.5);
	assert_true(hc_quantile_sorted(two, 2, 0.25) == 1.5);
	assert_true(isnan(hc_median(one, 0)));
}

static void test_mann_whitney(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(stats_fixtures); i++) {
		const struct stats_fixture *f = &stats_fixtures[i];
		double u = -1.0;
		double p = hc_mann_whitney(f->x.v, f->x.n, f->y.v, f->y.n, &u);

		check_close("U", f->name, u, f->u, REL_EXACT);
		check_close("p-value", f->name, p, f->p_auto, REL_P);
		check_close("p-value (auto = exact/asymptotic)", f->name, p,
			    f->exact_used ? f->p_exact : f->p_asymptotic, REL_P);
		check_close("p-value without u", f->name,
			    hc_mann_whitney(f->x.v, f->x.n, f->y.v, f->y.n, NULL), f->p_auto,
			    REL_P);
	}
}

static void test_compare(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(stats_fixtures); i++) {
		const struct stats_fixture *f = &stats_fixtures[i];
		struct hc_shift s;

		assert_int_equal(hc_compare(f->x.v, f->x.n, f->y.v, f->y.n, FIXTURE_ALPHA, &s), 0);
		check_close("delta", f->name, s.delta, f->hl, REL_EXACT);
		check_close("CI low", f->name, s.ci_lo, f->ci.lo, REL_EXACT);
		check_close("CI high", f->name, s.ci_hi, f->ci.hi, REL_EXACT);
		check_close("CI coverage", f->name, s.ci_coverage, f->ci.coverage, REL_COVERAGE);
		check_close("U", f->name, s.u, f->u, REL_EXACT);
		check_close("p-value", f->name, s.p_value, f->p_auto, REL_P);
		check_close("relative change", f->name, s.rel_change, f->rel_change, REL_EXACT);
		assert_true(s.ci_lo <= s.delta && s.delta <= s.ci_hi);

		/* At a family's share of alpha, as a run asks for its intervals. */
		assert_int_equal(hc_compare(f->x.v, f->x.n, f->y.v, f->y.n, FIXTURE_FAMILY_ALPHA,
					    &s), 0);
		check_close("family CI low", f->name, s.ci_lo, f->ci_family.lo, REL_EXACT);
		check_close("family CI high", f->name, s.ci_hi, f->ci_family.hi, REL_EXACT);
		check_close("family CI coverage", f->name, s.ci_coverage, f->ci_family.coverage,
			    REL_COVERAGE);
	}
}

/* A level the sample cannot reach gives the range and says what it reaches. */
static void test_unreachable_level(void **state)
{
	static const double x[] = { 4.0, 1.0, 3.0, 2.0, 5.0 };
	struct hc_summary sum;
	struct hc_shift s;

	assert_int_equal(hc_summarize(x, 5, 0.05, &sum), 0);
	assert_true(sum.ci_lo == 1.0 && sum.ci_hi == 5.0);
	check_close("coverage at n = 5", "range", sum.coverage, 1.0 - 2.0 / 32.0, REL_EXACT);
	/* At 60 % the same sample can do better than its range: P(B <= 1) = 6/32 <= 0.2. */
	assert_int_equal(hc_summarize(x, 5, 0.4, &sum), 0);
	assert_true(sum.ci_lo == 2.0 && sum.ci_hi == 4.0);
	check_close("coverage at 60 %", "x(2)..x(4)", sum.coverage, 1.0 - 2.0 * 6.0 / 32.0,
		    REL_EXACT);

	/* Two against two: U takes 5 values, the range covers 1 - 2/6. */
	assert_int_equal(hc_compare(x, 2, x + 2, 2, 0.05, &s), 0);
	assert_true(s.ci_lo == -2.0 && s.ci_hi == 2.0);
	check_close("Moses coverage 2 x 2", "range", s.ci_coverage, 2.0 / 3.0, REL_EXACT);
}

static void test_single_value(void **state)
{
	static const double x[] = { 12.5 }, y[] = { 14.0 };
	struct hc_summary sum;
	struct hc_shift s;

	assert_int_equal(hc_summarize(x, 1, 0.05, &sum), 0);
	assert_true(sum.n == 1 && sum.median == 12.5 && sum.min == 12.5 && sum.mean == 12.5);
	assert_true(sum.mad == 0.0 && sum.stddev == 0.0 && sum.cv == 0.0);
	/* One value covers the median with probability 0 for a continuous distribution. */
	assert_true(sum.ci_lo == 12.5 && sum.ci_hi == 12.5 && sum.coverage == 0.0);

	assert_int_equal(hc_compare(x, 1, y, 1, 0.05, &s), 0);
	assert_true(s.delta == 1.5 && s.ci_lo == 1.5 && s.ci_hi == 1.5);
	assert_true(s.u == 1.0 && s.p_value == 1.0);
	check_close("relative change", "one value", s.rel_change, 1.5 / 12.5, REL_EXACT);
}

static void test_identical(void **state)
{
	static const double x[] = { 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0, 3.0 };
	struct hc_summary sum;
	struct hc_shift s;

	assert_int_equal(hc_summarize(x, FIXTURE_LEN(x), 0.05, &sum), 0);
	assert_true(sum.mad == 0.0 && sum.stddev == 0.0 && sum.cv == 0.0);
	assert_true(sum.ci_lo == 3.0 && sum.ci_hi == 3.0);

	/* Small and all tied: the asymptotic branch with a zero variance. */
	assert_int_equal(hc_compare(x, 3, x, 4, 0.05, &s), 0);
	assert_true(s.delta == 0.0 && s.ci_lo == 0.0 && s.ci_hi == 0.0);
	assert_true(s.u == 6.0 && s.p_value == 1.0);
	assert_int_equal(hc_compare(x, FIXTURE_LEN(x), x, FIXTURE_LEN(x), 0.05, &s), 0);
	assert_true(s.p_value == 1.0 && s.rel_change == 0.0);
}

static void test_zero_base_median(void **state)
{
	static const double x[] = { -1.0, 0.0, 1.0 }, y[] = { 2.0, 3.0, 4.0 };
	struct hc_shift s;

	assert_int_equal(hc_compare(x, 3, y, 3, 0.05, &s), 0);
	assert_true(s.delta == 3.0);
	assert_true(isnan(s.rel_change));
}

static const struct stats_fixture *fixture(const char *name)
{
	for (size_t i = 0; i < FIXTURE_LEN(stats_fixtures); i++)
		if (!strcmp(stats_fixtures[i].name, name))
			return &stats_fixtures[i];
	fail_msg("no fixture %s", name);
	return NULL;
}

/* The analysis stage's verdict on fixture data: unpaired as across runs, paired as in a run. */
static void test_verdict_from_fixture(void **state)
{
	static const struct {
		const char *name;
		bool paired;
		const char *verdict;
	} want[] = {
		{ "shifted", false, "overhead 250 [245, 255] ns/op at 95 %, margin 9.97 (1 % of "
				    "base), compare family of 1" },
		{ "shifted", true, "overhead 250 [250, 250] ns/op at 95 %, margin 9.97 (1 % of "
				   "base), compare family of 1" },
		/* Margin 1 % of 198.526; delta 1.34 leaves 0.647 for the TOST half-width. */
		{ "n15_same", false, "inconclusive 1.34 [-2.61, 4.17] ns/op at 90 %, margin 1.99 "
				     "(1 % of base), compare family of 1; about 412 samples would "
				     "settle it" },
		{ "identical", true, "equivalent 0 [0, 0] ns/op at 90 %, margin 0.0725 (1 % of "
				     "base), compare family of 1" },
	};
	struct hc_analysis_opts o = HC_ANALYSIS_OPTS_DEFAULT;

	for (size_t j = 0; j < FIXTURE_LEN(want); j++) {
		const struct stats_fixture *f = fixture(want[j].name);
		struct hc_comparison c = { 0 };

		assert_int_equal(hc_analysis_compare(f->x.v, f->x.n, f->y.v, f->y.n,
						     want[j].paired, "ns", &o, NULL, &c), 0);
		assert_int_equal(hc_analysis_family(&c, 1, o.alpha, false), 0);
		assert_true(c.p_adjusted == c.p);
		assert_string_equal(c.text, want[j].verdict);
	}
}

static void test_errors(void **state)
{
	static const double x[] = { 1.0 };
	struct hc_summary sum;
	struct hc_shift s;

	hc_err_clear();
	assert_int_equal(hc_summarize(x, 0, 0.05, &sum), -1);
	assert_string_equal(hc_err_msg(), "statistics of an empty sample");
	assert_int_equal(hc_compare(x, 1, x, 0, 0.05, &s), -1);
	assert_int_equal(hc_compare(x, 0, x, 1, 0.05, &s), -1);
	assert_true(isnan(hc_mann_whitney(x, 0, x, 1, NULL)));
	hc_err_clear();
}

/* n = 1000 per side: a million pairwise differences and the normal-approximation CI. */
static void test_large(void **state)
{
	enum { N = 1000 };
	double *x = malloc(2 * N * sizeof(*x)), *y = x + N;
	struct hc_shift s;

	assert_non_null(x);
	for (int i = 0; i < N; i++) {
		/* Two interleaved grids: y sits 0.5 above x with overlapping ranges. */
		x[i] = (double)((i * 7919) % N);
		y[i] = (double)((i * 104729) % N) + 0.5;
	}
	assert_int_equal(hc_compare(x, N, y, N, 0.05, &s), 0);
	assert_true(s.delta == 0.5);
	assert_true(s.ci_lo < 0.5 && s.ci_hi > 0.5);
	assert_true(s.u == (double)N * (N + 1) / 2.0);
	assert_true(s.p_value > 0.9);
	free(x);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_summaries),
		cmocka_unit_test(test_quantile_edges),
		cmocka_unit_test(test_mann_whitney),
		cmocka_unit_test(test_compare),
		cmocka_unit_test(test_unreachable_level),
		cmocka_unit_test(test_single_value),
		cmocka_unit_test(test_identical),
		cmocka_unit_test(test_zero_base_median),
		cmocka_unit_test(test_verdict_from_fixture),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_large),
	};

	return cmocka_run_group_tests_name("stats", tests, NULL, NULL);
}
