// SPDX-License-Identifier: GPL-2.0
/* The median of a sample (base/median.h), on a sorted copy: the caller's order is kept. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_statistics_double.h>

#include "base/median.h"

double hc_median(const double *x, size_t n)
{
	double *copy, median;

	if (!n)
		return NAN;
	copy = malloc(n * sizeof(*copy));
	if (!copy)
		return NAN;
	memcpy(copy, x, n * sizeof(*copy));
	median = gsl_stats_median(copy, 1, n);
	free(copy);
	return median;
}
