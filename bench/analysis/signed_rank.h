/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Wilcoxon signed-rank test of paired differences (is their distribution symmetric about 0?),
 * and the test's null distribution, which the one-sample Hodges-Lehmann interval also uses.
 */
#ifndef HC_SIGNED_RANK_H
#define HC_SIGNED_RANK_H

#include <stdbool.h>
#include <stddef.h>

/* Exact p-values up to this many differences, as scipy's method "auto". */
#define HC_SIGNED_RANK_EXACT_MAX_N 50

struct hc_signed_rank {
	size_t n;		/* differences, zeros included */
	size_t zeros;
	double t_plus;		/* sum of the ranks of the positive differences */
	double t;		/* min(T+, T-): scipy's two-sided statistic */
	double p;		/* two-sided */
	bool exact;		/* p from the exact null distribution */
};

/*
 * Two-sided test of d[0 .. n - 1], n >= 1: what scipy.stats.wilcoxon(d, zero_method="pratt",
 * correction=False) gives with method "exact" when n <= 50 and d has neither zeros nor ties in
 * |d|, else with method "approx" (normal approximation with Pratt's handling of zeros: ranked,
 * then dropped, and Cureton's correction of mean and variance for them; plus the tie correction
 * of the variance). Pratt rather than scipy's default "wilcox" because dropping the zeros
 * before ranking discards the evidence that many rounds showed no difference at all. Where
 * scipy refuses (every difference is zero) p is 1: nothing differs.
 */
int hc_signed_rank(const double *d, size_t n, struct hc_signed_rank *out);

/* cdf[k] = P(T+ <= k) for k = 0 .. kmax under H0 for n distinct non-zero differences. */
void hc_signed_rank_cdf(size_t n, size_t kmax, double *cdf);

#endif
