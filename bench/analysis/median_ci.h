/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The distribution-free confidence interval of a median from order statistics.
 */
#ifndef HC_MEDIAN_CI_H
#define HC_MEDIAN_CI_H

#include <stddef.h>

#include "analysis/interval.h"

/*
 * [x(k), x(n + 1 - k)] of sorted[0 .. n - 1], n >= 1, where the count of values below the
 * median is Binomial(n, 1/2) and k is the depth (interval.h): coverage is exact for any
 * continuous distribution, at least that with ties; below 1 - alpha when n is too small (n <= 5
 * at 95 %: the range, 1 - 2^(1 - n)).
 */
int hc_median_ci_sorted(const double *sorted, size_t n, double alpha, struct hc_ci *ci);

#endif
