// SPDX-License-Identifier: GPL-2.0
/*
 * The depth of a distribution-free interval from the null distribution of its count.
 */
#include <math.h>

#include <gsl/gsl_cdf.h>

#include "analysis/interval.h"

/* Slack for comparing tail probabilities with alpha / 2, which they can hit exactly. */
#define PROB_EPS 1e-9

size_t hc_ci_depth(const double *cdf, size_t kmax, double alpha, double *coverage)
{
	size_t k = 0;

	while (k <= kmax && cdf[k] <= alpha / 2 * (1.0 + PROB_EPS))
		k++;
	if (!k)
		k = 1;
	*coverage = 1.0 - 2.0 * cdf[k - 1];
	return k;
}

size_t hc_ci_depth_normal(double mean, double sd, double alpha, double *coverage)
{
	/* P(count <= k - 1) ~ Phi((k - 1 + 0.5 - mean) / sd) <= alpha / 2. */
	double k = floor(mean - gsl_cdf_ugaussian_Qinv(alpha / 2) * sd + 0.5);

	if (k < 1.0)
		k = 1.0;
	*coverage = 1.0 - 2.0 * gsl_cdf_ugaussian_P((k - 0.5 - mean) / sd);
	return (size_t)k;
}
