// SPDX-License-Identifier: GPL-2.0
/*
 * One-sample Hodges-Lehmann: T+ of the differences shifted by theta counts the Walsh averages
 * above theta, so the set of shifts the signed-rank test accepts is an interval between two
 * order statistics of the Walsh averages (Hollander & Wolfe, "Nonparametric Statistical
 * Methods", 3.2).
 */
#include <math.h>
#include <stdint.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#include "base/error.h"
#include "analysis/hl_one.h"
#include "analysis/signed_rank.h"

/* Work bound (multiply-adds) below which the depth uses the exact distribution. */
#define EXACT_MAX_WORK 10000000.0

static int depth(size_t n, double alpha, size_t *k, double *coverage)
{
	double total = (double)n * ((double)n + 1.0) / 2.0;
	size_t kmax = (size_t)(total / 2.0);
	double *cdf;

	if ((double)n * (double)kmax > EXACT_MAX_WORK) {
		double sd = sqrt(total * (2.0 * (double)n + 1.0) / 12.0);

		*k = hc_ci_depth_normal(total / 2.0, sd, alpha, coverage);
		return 0;
	}
	cdf = malloc((kmax + 1) * sizeof(*cdf));
	if (!cdf)
		return hc_err("out of memory for the signed-rank distribution");
	hc_signed_rank_cdf(n, kmax, cdf);
	*k = hc_ci_depth(cdf, kmax, alpha, coverage);
	free(cdf);
	return 0;
}

int hc_hl_one(const double *d, size_t n, double alpha, double *est, struct hc_ci *ci)
{
	size_t total, k = 1, w = 0;
	double *walsh;

	if (!n)
		return hc_err("Hodges-Lehmann estimate of no differences");
	if (n > (size_t)1 << 20)
		return hc_err("too many differences for Walsh averages (%zu)", n);
	total = n * (n + 1) / 2;
	if (depth(n, alpha, &k, &ci->coverage))
		return -1;
	walsh = malloc(total * sizeof(*walsh));
	if (!walsh)
		return hc_err("out of memory for %zu Walsh averages", total);
	for (size_t i = 0; i < n; i++)
		for (size_t j = i; j < n; j++)
			walsh[w++] = (d[i] + d[j]) / 2.0;
	gsl_sort(walsh, 1, total);
	*est = gsl_stats_median_from_sorted_data(walsh, 1, total);
	ci->lo = walsh[k - 1];
	ci->hi = walsh[total - k];
	free(walsh);
	return 0;
}
