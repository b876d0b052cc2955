// SPDX-License-Identifier: GPL-2.0
/* The names of the verdict kinds and of the margins' origins (base/verdict.h). */
#include <stddef.h>

#include "base/verdict.h"

const char *const hc_verdict_kind_names[] = {
	[HC_VERDICT_EQUIVALENT] = "equivalent",
	[HC_VERDICT_OVERHEAD] = "overhead",
	[HC_VERDICT_SAVING] = "saving",
	[HC_VERDICT_INCONCLUSIVE] = "inconclusive",
	NULL
};

const char *hc_verdict_kind_name(enum hc_verdict_kind k)
{
	return hc_verdict_kind_names[k];
}

const char *const hc_margin_origin_names[] = {
	[HC_MARGIN_UNKNOWN] = "unknown",
	[HC_MARGIN_GIVEN] = "absolute",
	[HC_MARGIN_RELATIVE] = "relative",
	[HC_MARGIN_FLOOR_EXACT] = "exact-resolution",
	[HC_MARGIN_FLOOR_LOOP] = "loop-fraction",
	[HC_MARGIN_FLOOR_EVENTS] = "event-resolution",
	[HC_MARGIN_NO_FLOOR] = "none",
	[HC_MARGIN_FLOOR_READS] = "read-cost",
	NULL
};

const char *hc_margin_origin_name(enum hc_margin_origin o)
{
	return hc_margin_origin_names[o];
}
