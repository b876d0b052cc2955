// SPDX-License-Identifier: GPL-2.0
/*
 * Order-statistic interval of the median (Hollander & Wolfe, "Nonparametric Statistical
 * Methods", 3.6): no resampling, so no seed and no Monte Carlo error in its level.
 */
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "base/error.h"
#include "analysis/median_ci.h"

int hc_median_ci_sorted(const double *sorted, size_t n, double alpha, struct hc_ci *ci)
{
	size_t kmax = n / 2, k;
	double *cdf;

	if (!n)
		return hc_err("interval of the median of an empty sample");
	cdf = malloc((kmax + 1) * sizeof(*cdf));
	if (!cdf)
		return hc_err("out of memory for the binomial distribution");
	for (size_t j = 0; j <= kmax; j++)
		cdf[j] = gsl_cdf_binomial_P((unsigned int)j, 0.5, (unsigned int)n);
	k = hc_ci_depth(cdf, kmax, alpha, &ci->coverage);
	free(cdf);
	ci->lo = sorted[k - 1];
	ci->hi = sorted[n - k];
	return 0;
}
