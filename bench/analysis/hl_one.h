/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One-sample Hodges-Lehmann estimate of the centre of paired differences, with the
 * distribution-free interval that inverts the Wilcoxon signed-rank test.
 */
#ifndef HC_HL_ONE_H
#define HC_HL_ONE_H

#include <stddef.h>

#include "analysis/interval.h"

/*
 * *est: the median of the n (n + 1) / 2 Walsh averages (d[i] + d[j]) / 2, i <= j. ci:
 * [W(k), W(N + 1 - k)] of the sorted Walsh averages W, where k is the depth (interval.h) under
 * the exact signed-rank distribution, or its normal approximation for samples past about 300.
 * For differences symmetric about their centre it covers the centre with probability
 * ci->coverage (at least that when values tie); below 1 - alpha when n is too small for the
 * level (n <= 5 at 95 %). n >= 1.
 */
int hc_hl_one(const double *d, size_t n, double alpha, double *est, struct hc_ci *ci);

#endif
