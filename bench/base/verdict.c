// SPDX-License-Identifier: GPL-2.0
/* The names of the verdict kinds (base/verdict.h). */
#include "base/verdict.h"

const char *hc_verdict_kind_name(enum hc_verdict_kind k)
{
	static const char *const names[] = {
		[HC_VERDICT_EQUIVALENT] = "equivalent",
		[HC_VERDICT_OVERHEAD] = "overhead",
		[HC_VERDICT_SAVING] = "saving",
		[HC_VERDICT_INCONCLUSIVE] = "inconclusive",
	};

	return names[k];
}
