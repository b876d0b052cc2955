/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the subcommands' command lines. */
#ifndef HC_CLI_H
#define HC_CLI_H

#include <getopt.h>
#include <stddef.h>

#include "base/shell.h"

/* Parses a number in [min, max] for option opt; a usage error otherwise. */
int hc_parse_double(const char *opt, const char *s, double min, double max, double *out);
/* Parses a whole number in [min, max] for option opt; a usage error otherwise. */
int hc_parse_ulong(const char *opt, const char *s, unsigned long min, unsigned long max,
		   unsigned long *out);

/* One option of a command: getopt's value and its argument; 0, or -1 with the error recorded. */
typedef int (*hc_option_fn)(int opt, char *arg, void *ctx);

/*
 * getopt_long over a command's argv (argv[0] is the command's name) with the conventions every
 * command shares: -h/--help prints help and returns 1; an option without its value and an
 * unknown option are usage errors naming it and pointing to 'hookcost NAME --help'. Every
 * other option goes to fn. Returns 0 when done (optind is the first operand), 1 after the
 * help, -1 on an error. shortopts must start with ':' and hold 'h'.
 */
int hc_getopt(int argc, char **argv, const char *shortopts, const struct option *longopts,
	      hc_option_fn fn, void (*help)(void), void *ctx);

/*
 * Checks done before anything is measured, built or booted; each is a usage error naming opt.
 * hc_check_list: a comma list with no empty item ("", "a,", "a,,b" are errors).
 * (Paths and programs: base/shell.h.)
 */
int hc_check_list(const char *opt, const char *list);
/* A comma list of known cases and suites. */
int hc_check_cases(const char *opt, const char *list);

#endif
