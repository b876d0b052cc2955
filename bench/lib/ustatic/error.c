// SPDX-License-Identifier: GPL-2.0
/*
 * The library's messages (<ustatic/ustatic.h>): formatted here, kept as the thread's last
 * error, and handed to the program's reporters, or to the weak ones below, so the library
 * links and runs on its own.
 */
#include <stdarg.h>
#include <stdio.h>

#include "internal.h"

static __thread char last_error[512];

const char *hc_ustatic_last_error(void)
{
	return last_error;
}

__attribute__((weak)) int hc_ustatic_report_error(const char *msg)
{
	return -1;
}

__attribute__((weak)) void hc_ustatic_report_warning(const char *msg)
{
	fprintf(stderr, "ustatic: warning: %s\n", msg);
}

int ustatic_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(last_error, sizeof(last_error), fmt, ap);
	va_end(ap);
	return hc_ustatic_report_error(last_error);
}

void ustatic_warn(const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	hc_ustatic_report_warning(msg);
}
