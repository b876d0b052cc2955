// SPDX-License-Identifier: GPL-2.0
/*
 * Holm (Scand. J. Statist. 6 (1979)) and Benjamini-Hochberg (JRSS B 57 (1995)) adjustments,
 * checked against statsmodels' multipletests by tests/unit/test_stats_family.c.
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include <gsl/gsl_sort.h>

#include "base/error.h"
#include "analysis/multiplicity.h"

/*
 * The indices of the non-NaN p-values in ascending order of p; returns how many. NaN would sort
 * unpredictably: it sorts last as infinity instead, which no p-value is.
 */
static size_t sorted_family(const double *p, size_t n, size_t *order, double *scratch)
{
	size_t m = 0;

	for (size_t i = 0; i < n; i++) {
		m += !isnan(p[i]);
		scratch[i] = isnan(p[i]) ? INFINITY : p[i];
	}
	gsl_sort_index(order, scratch, 1, n);
	return m;
}

/* Step down from the smallest p for Holm, else up from the largest (BH). */
static int adjust(const double *p, size_t n, double *out, bool holm)
{
	size_t *order, m;
	double *scratch, run;

	if (!n)
		return 0;
	order = malloc(n * sizeof(*order));
	scratch = malloc(n * sizeof(*scratch));
	if (!order || !scratch) {
		free(order);
		free(scratch);
		return hc_err("out of memory for adjusting %zu p-values", n);
	}
	m = sorted_family(p, n, order, scratch);
	for (size_t j = 0; j < m; j++)
		scratch[j] = p[order[j]];
	for (size_t i = 0; i < n; i++)
		if (isnan(p[i]))
			out[i] = NAN;
	if (holm) {
		/* (m - j) p(j) for 0-based j, made monotone upwards. */
		run = 0.0;
		for (size_t j = 0; j < m; j++) {
			run = fmax(run, fmin(1.0, (double)(m - j) * scratch[j]));
			out[order[j]] = run;
		}
	} else {
		/* m p(j) / (j + 1), made monotone downwards. */
		run = 1.0;
		for (size_t j = m; j-- > 0;) {
			run = fmin(run, (double)m * scratch[j] / (double)(j + 1));
			out[order[j]] = run;
		}
	}
	free(order);
	free(scratch);
	return 0;
}

int hc_holm(const double *p, size_t n, double *adj)
{
	return adjust(p, n, adj, true);
}

int hc_bh(const double *p, size_t n, double *q)
{
	return adjust(p, n, q, false);
}
