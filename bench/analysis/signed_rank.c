// SPDX-License-Identifier: GPL-2.0
/*
 * Wilcoxon signed-rank test, checked against scipy.stats.wilcoxon by tests/unit/test_stats.c
 * (fixtures from scripts/gen-stats-fixtures).
 */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "base/error.h"
#include "analysis/rank.h"
#include "analysis/signed_rank.h"

void hc_signed_rank_cdf(size_t n, size_t kmax, double *cdf)
{
	/*
	 * Each rank i is in T+ with probability 1/2, independently: adding rank i maps the
	 * distribution P to (P(k) + P(k - i)) / 2. Halving at every step keeps it a probability
	 * distribution instead of a count of subsets that overflows.
	 */
	cdf[0] = 1.0;
	for (size_t k = 1; k <= kmax; k++)
		cdf[k] = 0.0;
	for (size_t i = 1; i <= n; i++) {
		for (size_t k = kmax; k >= i; k--)
			cdf[k] = (cdf[k] + cdf[k - i]) / 2.0;
		for (size_t k = 0; k < i && k <= kmax; k++)
			cdf[k] /= 2.0;
	}
	for (size_t k = 1; k <= kmax; k++)
		cdf[k] += cdf[k - 1];
}

/* 2 min(P(T+ <= t), P(T+ >= t)), at most 1; the distribution is symmetric about N / 2. */
static int exact_p(size_t n, double t_plus, double *p)
{
	size_t total = n * (n + 1) / 2, t = (size_t)t_plus;
	size_t k = t < total - t ? t : total - t;
	double *cdf = malloc((k + 1) * sizeof(*cdf));

	if (!cdf)
		return hc_err("out of memory for the signed-rank distribution");
	hc_signed_rank_cdf(n, k, cdf);
	*p = fmin(2.0 * cdf[k], 1.0);
	free(cdf);
	return 0;
}

/* Normal approximation without continuity correction; zeros as Pratt and Cureton. */
static double approx_p(const struct hc_signed_rank *s, double tie_term)
{
	double n = (double)s->n, z0 = (double)s->zeros;
	double mean = (n * (n + 1.0) - z0 * (z0 + 1.0)) / 4.0;
	/* The zeros are one tie group of |d|; their ranks are dropped, so is their term. */
	double var = (n * (n + 1.0) * (2.0 * n + 1.0) - z0 * (z0 + 1.0) * (2.0 * z0 + 1.0) -
		      0.5 * (tie_term - (z0 * z0 * z0 - z0))) / 24.0;

	if (!(var > 0.0))
		return 1.0;
	return fmin(2.0 * gsl_cdf_ugaussian_Q(fabs(s->t - mean) / sqrt(var)), 1.0);
}

int hc_signed_rank(const double *d, size_t n, struct hc_signed_rank *out)
{
	double *mag, *rank, t_minus = 0.0, tie_term;
	int ret = -1;

	if (!n)
		return hc_err("signed-rank test of no differences");
	mag = malloc(2 * n * sizeof(*mag));
	if (!mag)
		return hc_err("out of memory for a signed-rank test of %zu differences", n);
	rank = mag + n;
	for (size_t i = 0; i < n; i++)
		mag[i] = fabs(d[i]);
	if (hc_midranks(mag, n, rank, &tie_term))
		goto out;
	out->n = n;
	out->zeros = 0;
	out->t_plus = 0.0;
	for (size_t i = 0; i < n; i++) {
		out->zeros += d[i] == 0.0;
		if (d[i] > 0.0)
			out->t_plus += rank[i];
		else if (d[i] < 0.0)
			t_minus += rank[i];
	}
	out->t = fmin(out->t_plus, t_minus);
	out->exact = n <= HC_SIGNED_RANK_EXACT_MAX_N && !out->zeros && tie_term == 0.0;
	if (out->zeros == n)
		out->p = 1.0;
	else if (!out->exact)
		out->p = approx_p(out, tie_term);
	else if (exact_p(n, out->t_plus, &out->p))
		goto out;
	ret = 0;
out:
	free(mag);
	return ret;
}
