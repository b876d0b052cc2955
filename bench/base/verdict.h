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
	HC_VERDICT__NR,
};

/* How many comparisons got each verdict, of total: counted by the analysis stage, once. */
struct hc_verdict_counts {
	unsigned int n[HC_VERDICT__NR];
	unsigned int total;
};

static inline void hc_verdict_count(struct hc_verdict_counts *c, enum hc_verdict_kind k)
{
	c->n[k]++;
	c->total++;
}

/* What a margin comes from: the floor's origins are documented at analysis/equivalence.h: hc_margin_floor(). */
enum hc_margin_origin {
	HC_MARGIN_UNKNOWN,		/* a file's margin, of unrecorded origin */
	HC_MARGIN_GIVEN,		/* an absolute --margin */
	HC_MARGIN_RELATIVE,		/* a fraction of the base's median, above the floor */
	HC_MARGIN_FLOOR_EXACT,		/* exact counts: half an instruction per op */
	HC_MARGIN_FLOOR_LOOP,		/* time: a tenth of the harness loop's cost per op */
	HC_MARGIN_FLOOR_EVENTS,		/* other counts: 1 per 100 ops */
	HC_MARGIN_NO_FLOOR,		/* relative, and no floor known (no loop measured) */
	HC_MARGIN_FLOOR_READS,		/* time, no loop: the counter reads' cost per op */
};

/* The origins' names as the result files spell them, NULL-terminated; one by origin. */
extern const char *const hc_margin_origin_names[];
const char *hc_margin_origin_name(enum hc_margin_origin o);

/* "equivalent", "overhead", "saving", "inconclusive"; the list NULL-terminated, by kind. */
extern const char *const hc_verdict_kind_names[];
const char *hc_verdict_kind_name(enum hc_verdict_kind k);

/* Whether the verdict is a change: overhead or saving. */
static inline bool hc_verdict_flagged(enum hc_verdict_kind k)
{
	return k == HC_VERDICT_OVERHEAD || k == HC_VERDICT_SAVING;
}

#endif
