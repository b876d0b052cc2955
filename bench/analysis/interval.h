/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Distribution-free confidence intervals and the coverage they achieve.
 *
 * Every interval here is [s(k), s(N + 1 - k)] of N sorted candidates (order statistics, Walsh
 * averages, pairwise differences), where the count of candidates below the true value has a
 * known null distribution. Its coverage is a step function of k: a small sample may not reach
 * the requested level, and then the interval says what it does reach instead of claiming more.
 */
#ifndef HC_INTERVAL_H
#define HC_INTERVAL_H

#include <stddef.h>

struct hc_ci {
	double lo, hi;
	double coverage;	/* achieved; below 1 - alpha when the sample is too small */
};

/*
 * The depth k: the largest with cdf[k - 1] <= alpha / 2, at least 1 (the whole range) when even
 * k = 1 is beyond that. cdf[j] = P(count <= j) for j = 0 .. kmax, and cdf[kmax] > alpha / 2
 * (kmax at the distribution's median ensures it). *coverage = 1 - 2 cdf[k - 1].
 */
size_t hc_ci_depth(const double *cdf, size_t kmax, double alpha, double *coverage);

/*
 * The same from a normal approximation of the count (mean, sd), continuity-corrected: for
 * samples whose exact distribution would cost too much.
 */
size_t hc_ci_depth_normal(double mean, double sd, double alpha, double *coverage);

#endif
