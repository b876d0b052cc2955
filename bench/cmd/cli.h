/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the subcommands' command lines. */
#ifndef HC_CLI_H
#define HC_CLI_H

#include <stddef.h>

/* Parses a number in [min, max] for option opt; a usage error otherwise. */
int hc_parse_double(const char *opt, const char *s, double min, double max, double *out);

/* Appends arg to the command line in buf (len bytes) as one POSIX shell word. */
void hc_shell_word(char *buf, size_t len, const char *arg);

#endif
