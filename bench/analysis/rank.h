/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Midranks, the common ground of the rank tests (Mann-Whitney, Wilcoxon signed-rank).
 */
#ifndef HC_RANK_H
#define HC_RANK_H

#include <stddef.h>

/*
 * rank[i] is the 1-based rank of v[i] among v, tied values sharing the mean of their ranks
 * (scipy.stats.rankdata's "average"). *tie_term, unless NULL, is sum(t^3 - t) over the groups
 * of t equal values: what the tie corrections of both tests subtract. n >= 1; -1 (and hc_err)
 * when memory runs out.
 */
int hc_midranks(const double *v, size_t n, double *rank, double *tie_term);

#endif
