// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cli.h"
#include "core/error.h"

int hc_parse_double(const char *opt, const char *s, double min, double max, double *out)
{
	char *end;
	double v;

	errno = 0;
	v = strtod(s, &end);
	if (errno || *end || end == s || !(v >= min && v <= max))
		return hc_usage_err("%s: '%s' is not a number in [%g, %g]", opt, s, min, max);
	*out = v;
	return 0;
}

void hc_shell_word(char *buf, size_t len, const char *arg)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_-+=/.,:@%";
	size_t off = strnlen(buf, len);

	if (off && off + 1 < len)
		buf[off++] = ' ';
	if (*arg && strspn(arg, plain) == strlen(arg)) {
		snprintf(buf + off, len - off, "%s", arg);
		return;
	}
	/* Single quotes keep everything literal; a quote itself becomes '\''. */
	if (off + 1 < len)
		buf[off++] = '\'';
	for (; *arg && off + 5 < len; arg++) {
		if (*arg == '\'') {
			memcpy(buf + off, "'\\''", 4);
			off += 4;
		} else {
			buf[off++] = *arg;
		}
	}
	snprintf(buf + off, len - off, "'");
}
