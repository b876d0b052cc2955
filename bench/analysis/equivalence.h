/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Three-way verdicts against a margin: what "free when unused" means is not "no difference was
 * detected" (a wide interval detects nothing) but "any difference is smaller than M".
 */
#ifndef HC_EQUIVALENCE_H
#define HC_EQUIVALENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/interval.h"
#include "base/verdict.h"

/* The level of every test (intervals at 1 - alpha) unless --alpha says otherwise. */
#define HC_ALPHA_DEFAULT 0.05

/* A margin per operation: absolute in the metric's unit, or a fraction of the base's median. */
struct hc_margin {
	double value;
	bool relative;
};

#define HC_MARGIN_DEFAULT ((struct hc_margin){ .value = 0.01, .relative = true })

/*
 * "0.5" (absolute) or "1%" (of the base configuration's median), optionally prefixed by
 * "METRIC=" (copied into metric, else metric is ""). Non-negative and finite; -1 and hc_err
 * otherwise (a usage error).
 */
int hc_margin_parse(const char *arg, struct hc_margin *m, char *metric, size_t len);

/* The margin in the metric's unit for a base whose median is base_median. */
double hc_margin_abs(const struct hc_margin *m, double base_median);

/* "0.5" or "1%" */
void hc_margin_format(const struct hc_margin *m, char *buf, size_t len);

/* What a verdict is made of: one comparison of other against base. */
struct hc_judged {
	double delta;		/* estimated shift, other - base */
	struct hc_ci ci;	/* at 1 - alpha */
	struct hc_ci ci_tost;	/* at 1 - 2 alpha: the two one-sided tests at alpha */
	double p_adj;		/* test of no shift, adjusted for the family */
	double alpha;
	double margin;		/* absolute, > 0 for an equivalence to be possible */
	size_t n;		/* samples (pairs, or runs) behind the interval */
	bool paired;		/* the test is the signed-rank one, else Mann-Whitney */
	unsigned int family;	/* tests p_adj is adjusted for (Holm), 0 or 1 for none */
};

/*
 * - equivalent: ci_tost reaches its level 1 - 2 alpha and lies inside (-margin, margin): both
 *   one-sided tests reject a shift of margin or more at alpha (TOST, Schuirmann 1987), so
 *   |shift| < margin at 1 - alpha; an interval short of its level (the range, at a small n)
 *   cannot say that;
 * - overhead (saving when negative): p_adj < alpha, ci excludes 0 and |delta| >= margin;
 * - inconclusive otherwise: *needed_n is the n estimated to settle it (intervals narrow as
 *   1/sqrt(n); and an overhead needs an n whose smallest attainable p, times the family, is
 *   below alpha), 0 when no n would (delta on the margin, or a zero-width interval).
 * A significant shift smaller than the margin whose interval still reaches past it is
 * inconclusive: it may or may not matter.
 */
enum hc_verdict_kind hc_judge(const struct hc_judged *j, double *needed_n);

/*
 * The sentence: "overhead 3.10 [2.90, 3.30] instructions/op, adj. p = 0.0012", "equivalent:
 * |delta| < 0.500 instructions/op at 95 %", "inconclusive: CI [-1.00, 1.54] against the
 * margin 0.500; about 60 samples would settle it". An interval below its requested level says
 * what it reaches. unit may be NULL.
 */
void hc_judge_sentence(const struct hc_judged *j, const char *unit, char *buf, size_t len);

#endif
