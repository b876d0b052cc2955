// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "core/case.h"
#include "base/error.h"

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

int hc_check_list(const char *opt, const char *list)
{
	size_t len = strlen(list);

	if (!len)
		return hc_usage_err("%s: empty list", opt);
	if (list[0] == ',' || list[len - 1] == ',' || strstr(list, ",,"))
		return hc_usage_err("%s '%s': an empty item in the list", opt, list);
	return 0;
}

/* Creates and removes path.tmp.PID (what hc_write_atomic() writes first); 0 or an errno. */
int hc_check_cases(const char *opt, const char *list)
{
	char *copy, *t, *save = NULL;
	int ret;

	ret = hc_check_list(opt, list);
	copy = ret ? NULL : strdup(list);
	if (!ret && !copy)
		return hc_err("out of memory");
	for (t = copy ? strtok_r(copy, ",", &save) : NULL; t && !ret; t = strtok_r(NULL, ",", &save))
		if (!hc_case_find(t) && !hc_suite_exists(t))
			ret = hc_usage_err("%s: unknown case or suite '%s' (see 'hookcost list')",
					   opt, t);
	free(copy);
	return ret;
}
