/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sample boundaries for the cache models. The runner brackets every sample with the begin and
 * end markers (include/hookcost/marker.h), which the hookcost qemu plugin counts between, and
 * notes which sample it was; with HOOKCOST_MARKERS=FILE set the notes go to FILE, one line per
 * sample in the order they ran, so the plugin's n-th sample is the n-th line. scripts/cache-merge
 * joins the two into the run's results.
 */
#ifndef HC_MARKER_H
#define HC_MARKER_H

#include <stdbool.h>

#include "hookcost/marker.h"

/* What a noted sample was: a case's (id: result index), its round's baseline (id: the group's
 * first result index), a baseline's at 0 iterations (id: which baseline). */
enum hc_marker_kind { HC_MARKER_CASE = 'c', HC_MARKER_BASE = 'b', HC_MARKER_FIXED = 'f' };
#define HC_MARKER_WARMUP	(-1)	/* sample: a warm-up round, not kept */

static inline void hc_marker_begin(void)
{
	HC_MARKER_NOP(HC_MARKER_BEGIN);
}

static inline void hc_marker_end(void)
{
	HC_MARKER_NOP(HC_MARKER_END);
}

/*
 * What the next samples are; each sample notes it after its end marker, so a sample measured
 * again (an interrupted one under -icount) is noted again, and the last note is the one kept.
 */
void hc_marker_tag(enum hc_marker_kind kind, int id, int sample);
void hc_marker_note(void);
/*
 * A group of results from first_result on, net of baseline number `baseline`: of its round
 * samples when loop, else of the median of its samples at 0 iterations.
 */
void hc_marker_group(int first_result, int baseline, bool loop);

#endif
