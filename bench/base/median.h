/* SPDX-License-Identifier: GPL-2.0 */
/* The median of a sample: what the runner, the analysis and the VM matrix all take. */
#ifndef HC_MEDIAN_H
#define HC_MEDIAN_H

#include <stddef.h>

/* The median of x[0..n) (the mean of the middle two for an even n); NAN when n is 0. */
double hc_median(const double *x, size_t n);

#endif
