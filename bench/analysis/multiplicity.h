/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Adjusted p-values for a family of comparisons: one run makes hundreds, and at alpha 0.05
 * chance alone would flag one in twenty of them.
 */
#ifndef HC_MULTIPLICITY_H
#define HC_MULTIPLICITY_H

#include <stddef.h>

/*
 * Holm's step-down adjustment (controls the family-wise error rate under any dependence):
 * adj[i] <= alpha exactly when Holm's procedure at alpha rejects hypothesis i. NaN p-values are
 * not part of the family and stay NaN; m is the number of the others. p and adj may alias.
 */
int hc_holm(const double *p, size_t n, double *adj);

/*
 * Benjamini-Hochberg q-values (false discovery rate, for independent or positively dependent
 * tests): q[i] <= alpha exactly when the BH step-up procedure at alpha rejects i. NaN as above.
 */
int hc_bh(const double *p, size_t n, double *q);

#endif
