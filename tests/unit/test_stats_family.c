// SPDX-License-Identifier: GPL-2.0
/*
 * Multiplicity (bench/analysis/multiplicity.c) against statsmodels' multipletests, and the
 * three-way verdict with its margin (bench/analysis/equivalence.c).
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "base/error.h"
#include "analysis/equivalence.h"
#include "analysis/multiplicity.h"
#include "fixtures/stats_fixtures.h"

#define REL_EXACT 1e-12

static void check_close(const char *what, const char *name, size_t i, double got, double want)
{
	if (fabs(got - want) <= REL_EXACT * fabs(want) + 1e-15)
		return;
	print_error("%s of %s[%zu]: got %.17g, want %.17g\n", what, name, i, got, want);
	fail();
}

static void test_holm_bh(void **state)
{
	for (size_t i = 0; i < FIXTURE_LEN(family_fixtures); i++) {
		const struct family_fixture *f = &family_fixtures[i];
		double holm[64], bh[64];

		assert_true(f->n <= 64);
		assert_int_equal(hc_holm(f->p, f->n, holm), 0);
		assert_int_equal(hc_bh(f->p, f->n, bh), 0);
		for (size_t j = 0; j < f->n; j++) {
			check_close("Holm", f->name, j, holm[j], f->holm[j]);
			check_close("BH", f->name, j, bh[j], f->bh[j]);
		}
	}
}

/* NaN (a comparison that could not be made) is no member of the family. */
static void test_nan_outside_family(void **state)
{
	const double p[] = { 0.01, NAN, 0.04, 0.03 }, without[] = { 0.01, 0.04, 0.03 };
	double adj[4], ref[3];

	assert_int_equal(hc_holm(p, 4, adj), 0);
	assert_int_equal(hc_holm(without, 3, ref), 0);
	assert_true(isnan(adj[1]));
	assert_true(adj[0] == ref[0] && adj[2] == ref[1] && adj[3] == ref[2]);
	assert_int_equal(hc_bh(p, 4, adj), 0);
	assert_int_equal(hc_bh(without, 3, ref), 0);
	assert_true(isnan(adj[1]));
	assert_true(adj[0] == ref[0] && adj[2] == ref[1] && adj[3] == ref[2]);
	/* In place, and an empty family. */
	memcpy(adj, p, sizeof(adj));
	assert_int_equal(hc_holm(adj, 4, adj), 0);
	assert_true(adj[0] == 0.03 && isnan(adj[1]));
	assert_int_equal(hc_holm(p, 0, adj), 0);
}

static void test_margin_parse(void **state)
{
	struct hc_margin m;
	char metric[32], buf[32];

	assert_int_equal(hc_margin_parse("0.5", &m, metric, sizeof(metric)), 0);
	assert_true(m.value == 0.5 && !m.relative && !metric[0]);
	assert_true(hc_margin_abs(&m, 1000.0) == 0.5);
	assert_int_equal(hc_margin_parse("1%", &m, metric, sizeof(metric)), 0);
	assert_true(m.value == 0.01 && m.relative);
	assert_true(hc_margin_abs(&m, -200.0) == 2.0);
	hc_margin_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "1%");
	assert_int_equal(hc_margin_parse("instructions=0.25", &m, metric, sizeof(metric)), 0);
	assert_true(m.value == 0.25 && !m.relative);
	assert_string_equal(metric, "instructions");
	hc_margin_format(&m, buf, sizeof(buf));
	assert_string_equal(buf, "0.25");

	hc_err_clear();
	assert_int_equal(hc_margin_parse("-1", &m, metric, sizeof(metric)), -1);
	assert_string_equal(hc_err_msg(),
			    "--margin -1: expected [METRIC=]VALUE[%], a non-negative number");
	assert_int_equal(hc_margin_parse("1%%", &m, metric, sizeof(metric)), -1);
	assert_int_equal(hc_margin_parse("=1", &m, metric, sizeof(metric)), -1);
	assert_int_equal(hc_margin_parse("cycles=", &m, metric, sizeof(metric)), -1);
	assert_int_equal(hc_margin_parse("nan", &m, metric, sizeof(metric)), -1);
	assert_int_equal(hc_margin_parse("1e999", &m, metric, sizeof(metric)), -1);
	assert_int_equal(hc_margin_parse("averyveryverylongmetricname=1", &m, metric, 8), -1);
	hc_err_clear();
}

static struct hc_judged judged(double delta, double lo, double hi, double lo2, double hi2,
			       double p_adj, double margin)
{
	return (struct hc_judged){
		.delta = delta, .ci = { lo, hi, 0.95 }, .ci_tost = { lo2, hi2, 0.90 },
		.p_adj = p_adj, .alpha = 0.05, .margin = margin, .n = 15,
	};
}

static void test_judge(void **state)
{
	struct hc_judged j;
	double need;
	char buf[160];

	/* Inside the margin at 90 %: equivalent, whatever the test of no shift says. */
	j = judged(0.1, -0.3, 0.45, -0.2, 0.4, 0.6, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_EQUIVALENT);
	hc_judge_sentence(&j, "instructions/op", buf, sizeof(buf));
	assert_string_equal(buf, "equivalent: |delta| < 0.500 instructions/op at 95 %");
	j.p_adj = 0.001;
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_EQUIVALENT);
	/* The TOST interval touching the margin is not inside it. */
	j.ci_tost.hi = 0.5;
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);

	/* Significant after adjustment and beyond the margin. */
	j = judged(3.1, 2.9, 3.3, 2.95, 3.25, 0.0012, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_OVERHEAD);
	hc_judge_sentence(&j, "instructions/op", buf, sizeof(buf));
	assert_string_equal(buf, "overhead 3.10 [2.90, 3.30] instructions/op, adj. p = 0.0012");
	j = judged(-1234.5, -1300.25, -1100.0, -1290.0, -1110.0, 1.5e-7, 12.0);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_SAVING);
	hc_judge_sentence(&j, NULL, buf, sizeof(buf));
	assert_string_equal(buf, "saving -1234 [-1300, -1100], adj. p = 1.5e-07");
	/* The unadjusted test would flag it, the family's adjustment does not. */
	j = judged(3.1, 2.9, 3.3, 2.95, 3.25, 0.2, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	/* A NaN p-value never claims a change. */
	j.p_adj = NAN;
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);

	/* Wide around 0: the TOST half-width 1.0 must shrink to 0.5 - 0.1: 15 * 6.25 -> 94. */
	j = judged(0.1, -1.2, 1.4, -0.9, 1.1, 0.8, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	assert_true(need == 94.0);
	hc_judge_sentence(&j, "", buf, sizeof(buf));
	assert_string_equal(buf, "inconclusive: CI [-1.20, 1.40] against the margin 0.500; "
			    "about 94 samples would settle it");
	/* Beyond the margin but not significant: the 95 % half-width 2 must fall below 1. */
	j = judged(1.0, -1.0, 3.0, -0.5, 2.5, 0.3, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	assert_true(need == 60.0);
	/*
	 * The interval is narrow, but 9 pairs cannot pass Holm over 333 tests: the smallest
	 * signed-rank p is 2^(1 - n), and 333 * 2^-13 < 0.05 first at n = 14.
	 */
	j = judged(2.0, 1.98, 2.03, 1.99, 2.02, 0.094, 0.5);
	j.n = 9;
	j.paired = true;
	j.family = 333;
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	assert_true(need == 14.0);
	/* Mann-Whitney: 2 / C(2n, n) < 0.05 / 333 first at n = 9, here; the estimate says n + 1. */
	j.paired = false;
	hc_judge(&j, &need);
	assert_true(need == 10.0);
	j.family = 30000;
	hc_judge(&j, &need);
	assert_true(need == 12.0);
		/* A significant shift inside the margin whose interval reaches past it. */
	j = judged(0.4, 0.2, 0.7, 0.25, 0.6, 0.001, 0.5);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	/* No margin: never equivalent. */
	j = judged(0.0, 0.0, 0.0, 0.0, 0.0, 1.0, 0.0);
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	assert_true(need == 0.0);
	assert_string_equal(hc_verdict_kind_name(HC_VERDICT_SAVING), "saving");
}

/* An interval short of its level says what it reaches. */
static void test_sentence_shortfall(void **state)
{
	struct hc_judged j = judged(4.0, 1.0, 6.0, 1.0, 6.0, 0.01, 0.5);
	double need;
	char buf[160];

	j.ci.coverage = j.ci_tost.coverage = 0.875;
	j.n = 4;
	hc_judge_sentence(&j, "cycles/op", buf, sizeof(buf));
	assert_string_equal(buf, "overhead 4.00 [1.00, 6.00] cycles/op, adj. p = 0.01 "
			    "(87.5 % reached at n = 4)");
	/*
	 * Inside the margin, but the TOST interval is short of the 90 % it needs (the range at
	 * a small n): not an equivalence at alpha, and the sentence says what it reached.
	 */
	j = judged(0.0, -0.2, 0.2, -0.2, 0.2, 1.0, 0.5);
	j.ci_tost.coverage = 0.875;
	assert_int_equal(hc_judge(&j, &need), HC_VERDICT_INCONCLUSIVE);
	hc_judge_sentence(&j, "cycles/op", buf, sizeof(buf));
	assert_string_equal(buf, "inconclusive: CI [-0.200, 0.200] cycles/op against the margin "
			    "0.500 (87.5 % reached at n = 15); about 16 samples would settle it");
	j.ci_tost.coverage = 0.90;
	hc_judge_sentence(&j, "cycles/op", buf, sizeof(buf));
	assert_string_equal(buf, "equivalent: |delta| < 0.500 cycles/op at 95 %");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_holm_bh),
		cmocka_unit_test(test_nan_outside_family),
		cmocka_unit_test(test_margin_parse),
		cmocka_unit_test(test_judge),
		cmocka_unit_test(test_sentence_shortfall),
	};

	return cmocka_run_group_tests_name("stats_family", tests, NULL, NULL);
}
