// SPDX-License-Identifier: GPL-2.0
/*
 * The user-space static keys' messages (bench/lib/ustatic/) under the harness's one error
 * convention: an error is recorded with hc_err(), a warning collected with hc_warn().
 */
#include <ustatic/ustatic.h>

#include "base/error.h"

int hc_ustatic_report_error(const char *msg)
{
	return hc_err("%s", msg);
}

void hc_ustatic_report_warning(const char *msg)
{
	hc_warn("%s", msg);
}
