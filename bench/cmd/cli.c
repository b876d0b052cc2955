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

int hc_parse_ulong(const char *opt, const char *s, unsigned long min, unsigned long max,
		   unsigned long *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || *end || end == s || s[0] == '-' || v < min || v > max)
		return hc_usage_err("%s: '%s' is not a whole number in [%lu, %lu]", opt, s, min,
				    max);
	*out = v;
	return 0;
}

int hc_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	      hc_option_fn fn, void (*help)(void), void *ctx)
{
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, shortopts, longopts, NULL)) != -1) {
		switch (opt) {
		case 'h':
			help();
			return 1;
		case ':':
			return hc_usage_err("option '%s' needs a value", argv[optind - 1]);
		case '?':
			return hc_usage_err("unknown option '%s' (see 'hookcost %s --help')",
					    argv[optind - 1], argv[0]);
		default:
			if (fn(opt, optarg, ctx))
				return -1;
		}
	}
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
