// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"

#define HC_MAX_WARNINGS 64

static char err_buf[512];
static enum hc_exit err_code = HC_EXIT_OK;
static char *warnings[HC_MAX_WARNINGS];
static unsigned int nr_warnings;

size_t hc_control_len(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;

	if ((*s && *s < 0x20) || *s == 0x7f)
		return 1;
	return s[0] == 0xc2 && s[1] >= 0x80 && s[1] <= 0x9f ? 2 : 0;
}

bool hc_has_control(const char *s)
{
	for (; *s; s++)
		if (hc_control_len(s))
			return true;
	return false;
}

void hc_escape_controls(char *dst, size_t len, const char *src)
{
	size_t off = 0, n;

	for (; *src && off + 5 < len; src += n ? n : 1) {
		n = hc_control_len(src);
		if (*src == '\n')
			off += snprintf(dst + off, len - off, "\\n");
		else if (*src == '\t')
			off += snprintf(dst + off, len - off, "\\t");
		else if (n)
			off += snprintf(dst + off, len - off, n == 1 ? "\\x%02x" : "\\u%04x",
					(unsigned char)src[n - 1]);
		else
			dst[off++] = *src;
	}
	dst[off < len ? off : len - 1] = '\0';
}

/* Messages quote file names and file contents: they stay one line and inert on a terminal. */
static void err_vset(enum hc_exit code, const char *fmt, va_list ap)
{
	char raw[sizeof(err_buf)];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	hc_escape_controls(err_buf, sizeof(err_buf), raw);
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
	char raw[512], buf[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(raw, sizeof(raw), fmt, ap);
	va_end(ap);
	hc_escape_controls(buf, sizeof(buf), raw);
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
