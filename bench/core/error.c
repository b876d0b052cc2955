// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/error.h"

#define HC_MAX_WARNINGS 64

static char err_buf[512];
static enum hc_exit err_code = HC_EXIT_OK;
static char *warnings[HC_MAX_WARNINGS];
static unsigned int nr_warnings;

static void err_vset(enum hc_exit code, const char *fmt, va_list ap)
{
	vsnprintf(err_buf, sizeof(err_buf), fmt, ap);
	err_code = code;
}

int hc_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(HC_EXIT_FAIL, fmt, ap);
	va_end(ap);
	return -1;
}

int hc_usage_err(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	err_vset(HC_EXIT_USAGE, fmt, ap);
	va_end(ap);
	return -1;
}

const char *hc_err_msg(void)
{
	return err_buf[0] ? err_buf : "unknown error";
}

enum hc_exit hc_err_exit_code(void)
{
	return err_code == HC_EXIT_OK ? HC_EXIT_FAIL : err_code;
}

void hc_err_clear(void)
{
	err_buf[0] = '\0';
	err_code = HC_EXIT_OK;
}

void hc_warn(const char *fmt, ...)
{
	char buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	fprintf(stderr, "hookcost: warning: %s\n", buf);
	if (nr_warnings < HC_MAX_WARNINGS)
		warnings[nr_warnings++] = strdup(buf);
}

unsigned int hc_warn_count(void)
{
	return nr_warnings;
}

const char *hc_warn_get(unsigned int i)
{
	return i < nr_warnings ? warnings[i] : NULL;
}
