// SPDX-License-Identifier: GPL-2.0
/*
 * Midranks by sorting an index: equal values are adjacent in it, so each run of them is one
 * tie group and gets the mean of the ranks it spans.
 */
#include <stdlib.h>

#include <gsl/gsl_sort.h>

#include "base/error.h"
#include "analysis/rank.h"

int hc_midranks(const double *v, size_t n, double *rank, double *tie_term)
{
	size_t *order = malloc(n * sizeof(*order));
	double ties = 0.0;

	if (!order)
		return hc_err("out of memory for ranking %zu values", n);
	gsl_sort_index(order, v, 1, n);
	for (size_t start = 0, end; start < n; start = end) {
		double t, midrank;

		for (end = start; end < n && v[order[end]] == v[order[start]]; end++)
			;
		t = (double)(end - start);
		/* The group holds ranks start + 1 .. end. */
		midrank = (double)(start + 1 + end) / 2.0;
		for (size_t k = start; k < end; k++)
			rank[order[k]] = midrank;
		ties += t * t * t - t;
	}
	if (tie_term)
		*tie_term = ties;
	free(order);
	return 0;
}
