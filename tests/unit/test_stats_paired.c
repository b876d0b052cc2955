// SPDX-License-Identifier: GPL-2.0
/*
 * Paired comparisons: the Wilcoxon signed-rank test (bench/analysis/signed_rank.c) and the
 * one-sample Hodges-Lehmann interval (bench/analysis/hl_one.c) against scipy.stats.wilcoxon
 * and the interval that inverts it (tests/fixtures/stats_fixtures.h).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <cmocka.h>

#include "base/error.h"
#include "analysis/hl_one.h"
#include "analysis/signed_rank.h"
#include "fixtures/stats_fixtures.h"

#define REL_EXACT 1e-9
/* Normal tail areas from GSL and from scipy differ in the last digits. */
#define REL_P 1e-6

static void check_close(const char *what, const char *name, double got, double want,
			double rel)
{
	if (fabs(got - want) <= rel * fabs(want) + 1e-12)
		return;
	print_error("%s of %s: got %.17g, want %.17g\n", what, name, got, want);
	fail();
}

static void test_signed_rank(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(signed_rank_fixtures); i++) {
		const struct signed_rank_fixture *f = &signed_rank_fixtures[i];
		struct hc_signed_rank s;

		assert_int_equal(hc_signed_rank(f->d, f->n, &s), 0);
		check_close("T", f->name, s.t, f->t, REL_EXACT);
		check_close("p-value", f->name, s.p, f->p, f->exact ? REL_EXACT : REL_P);
		if (s.exact != f->exact || s.zeros != f->zeros || s.n != f->n) {
			print_error("%s: exact %d zeros %zu, want %d %zu\n", f->name, s.exact,
				    s.zeros, f->exact, f->zeros);
			fail();
		}
	}
}

static void test_hl_one(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(signed_rank_fixtures); i++) {
		const struct signed_rank_fixture *f = &signed_rank_fixtures[i];
		struct hc_ci ci;
		double est;

		assert_int_equal(hc_hl_one(f->d, f->n, f->alpha, &est, &ci), 0);
		check_close("estimate", f->name, est, f->hl, REL_EXACT);
		check_close("CI low", f->name, ci.lo, f->ci.lo, REL_EXACT);
		check_close("CI high", f->name, ci.hi, f->ci.hi, REL_EXACT);
		/* The normal approximation's coverage: GSL's and scipy's tails again. */
		check_close("coverage", f->name, ci.coverage, f->ci.coverage,
			    f->n > 300 ? REL_P : REL_EXACT);
	}
}

/* The fixtures cross both boundaries; a fixture set that stopped doing so would test less. */
static void test_fixtures_span(void **state)
{
	unsigned int exact = 0, approx = 0, short_level = 0, zeros = 0;

	for (size_t i = 0; i < FIXTURE_LEN(signed_rank_fixtures); i++) {
		const struct signed_rank_fixture *f = &signed_rank_fixtures[i];

		exact += f->exact;
		approx += !f->exact;
		zeros += f->zeros > 0;
		short_level += f->ci.coverage < 1.0 - f->alpha;
	}
	assert_true(exact >= 30 && approx >= 4 && zeros >= 2 && short_level >= 5);
}

/* Every difference zero: scipy refuses; nothing differs, so p is 1 and the interval [0, 0]. */
static void test_all_zero(void **state)
{
	static const double d[] = { 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0 };
	struct hc_signed_rank s;
	struct hc_ci ci;
	double est;

	assert_int_equal(hc_signed_rank(d, FIXTURE_LEN(d), &s), 0);
	assert_true(s.p == 1.0 && s.zeros == 8 && !s.exact && s.t == 0.0);
	assert_int_equal(hc_hl_one(d, FIXTURE_LEN(d), 0.05, &est, &ci), 0);
	assert_true(est == 0.0 && ci.lo == 0.0 && ci.hi == 0.0);
}

/* The null distribution itself: n = 3 has T+ in 0..6 with counts 1 1 1 2 1 1 1. */
static void test_cdf(void **state)
{
	static const double want[] = { 1, 2, 3, 5, 6, 7, 8 };
	double cdf[7];

	hc_signed_rank_cdf(3, 6, cdf);
	for (size_t k = 0; k < 7; k++)
		check_close("cdf n = 3", "T+", cdf[k], want[k] / 8.0, REL_EXACT);
	/* Truncated at kmax, the lower values do not change. */
	hc_signed_rank_cdf(3, 2, cdf);
	check_close("cdf n = 3 to 2", "T+", cdf[2], 3.0 / 8.0, REL_EXACT);
}

static void test_errors(void **state)
{
	static const double d[] = { 1.0 };
	struct hc_signed_rank s;
	struct hc_ci ci;
	double est;

	hc_err_clear();
	assert_int_equal(hc_signed_rank(d, 0, &s), -1);
	assert_string_equal(hc_err_msg(), "signed-rank test of no differences");
	assert_int_equal(hc_hl_one(d, 0, 0.05, &est, &ci), -1);
	hc_err_clear();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_signed_rank),
		cmocka_unit_test(test_hl_one),
		cmocka_unit_test(test_fixtures_span),
		cmocka_unit_test(test_all_zero),
		cmocka_unit_test(test_cdf),
		cmocka_unit_test(test_errors),
	};

	return cmocka_run_group_tests_name("stats_paired", tests, NULL, NULL);
}
