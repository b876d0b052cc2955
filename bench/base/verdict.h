/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The kinds of verdict a comparison gets (analysis/equivalence.c decides them) and their
 * names: what every layer from the result model to the report speaks of.
 */
#ifndef HC_VERDICT_H
#define HC_VERDICT_H

#include <stdbool.h>

enum hc_verdict_kind {
	HC_VERDICT_EQUIVALENT,
	HC_VERDICT_OVERHEAD,
	HC_VERDICT_SAVING,
	HC_VERDICT_INCONCLUSIVE,
};

/* "equivalent", "overhead", "saving", "inconclusive" */
const char *hc_verdict_kind_name(enum hc_verdict_kind k);

/* Whether the verdict is a change: overhead or saving. */
static inline bool hc_verdict_flagged(enum hc_verdict_kind k)
{
	return k == HC_VERDICT_OVERHEAD || k == HC_VERDICT_SAVING;
}

#endif
