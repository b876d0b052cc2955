/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Robust statistics for samples of per-operation costs, and the comparison of two
 * configurations: median shift (Hodges-Lehmann) with a distribution-free CI and the
 * Mann-Whitney U test.
 */
#ifndef HC_STATS_H
#define HC_STATS_H

#include <stddef.h>

#include "base/median.h"

#define HC_MIN_SAMPLES_ADVISED 9

struct hc_summary {
	size_t n;
	double median;
	double mad;		/* median absolute deviation, unscaled */
	double min;
	double mean;
	double stddev;		/* sample (n - 1); 0 when n is 1 */
	double cv;		/* stddev / |mean|; 0 when mean is 0 */
	double ci_lo, ci_hi;	/* order-statistic CI of the median (analysis/median_ci.h) */
	double ci_coverage;	/* achieved by [ci_lo, ci_hi]; below 1 - alpha when n is small */
};

struct hc_shift {
	double delta;		/* Hodges-Lehmann estimate of other - base */
	double ci_lo, ci_hi;	/* CI of delta from the U distribution (Moses/Bauer) */
	double ci_coverage;	/* achieved by [ci_lo, ci_hi]; below 1 - alpha when n is small */
	double u;		/* Mann-Whitney U of `other`: pairs other > base, ties 1/2 */
	double p_value;		/* two-sided, as hc_mann_whitney */
	double rel_change;	/* delta / median(base); NAN if the base median is 0 */
};

/* Linear-interpolation quantile of sorted data (numpy/R type 7). p in [0, 1], else NAN. */
double hc_quantile_sorted(const double *sorted, size_t n, double p);

/* The summary with a 1 - alpha interval of the median. n >= 1, else an error. */
int hc_summarize(const double *x, size_t n, double alpha, struct hc_summary *out);

/*
 * Mann-Whitney U test; returns the two-sided p-value and sets *u (U of y over x) unless u is
 * NULL. Exact when either sample has at most 8 values and there are no ties, else the
 * tie-corrected normal approximation with continuity correction: what
 * scipy.stats.mannwhitneyu(y, x, method="auto") gives. NAN (and hc_err) on
 * an empty sample or out of memory.
 */
double hc_mann_whitney(const double *x, size_t nx, const double *y, size_t ny, double *u);

/*
 * Everything in struct hc_shift for other (y) against base (x), with a 1 - alpha interval.
 * nx, ny >= 1. The CI's critical value comes from the exact U distribution while that is cheap
 * (up to ~270 per side), else from its normal approximation; samples too small for the level
 * give the range of the differences and the coverage that reaches.
 */
int hc_compare(const double *base, size_t nx, const double *other, size_t ny, double alpha,
	       struct hc_shift *out);

#endif
