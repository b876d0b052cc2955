/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One metric of one variant over its samples, per operation: what hc_summarize()
 * (analysis/stats.h) computes and the result model (core/result.h) keeps. NAN where undefined.
 */
#ifndef HC_SUMMARY_H
#define HC_SUMMARY_H

struct hc_summary {
	unsigned int n;			/* samples */
	double median;
	double ci_lo, ci_hi;		/* order-statistic CI of the median (median_ci.h) */
	double level;			/* the confidence asked for, 1 - alpha */
	double coverage;		/* what [ci_lo, ci_hi] achieves; NAN: not known */
	double mad;			/* median absolute deviation, unscaled */
	double min, mean;
	double stddev;			/* sample (n - 1); 0 when n is 1 */
	double cv;			/* stddev / |mean|; 0 when mean is 0 */
	unsigned int multiplexed;	/* samples whose counters were multiplexed */
};

#endif
