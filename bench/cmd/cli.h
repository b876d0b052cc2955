/* SPDX-License-Identifier: GPL-2.0 */
/* Small helpers shared by the subcommands' command lines. */
#ifndef HC_CLI_H
#define HC_CLI_H

#include <stddef.h>

/* Parses a number in [min, max] for option opt; a usage error otherwise. */
int hc_parse_double(const char *opt, const char *s, double min, double max, double *out);

/* Appends arg to the command line in buf (len bytes) as one POSIX shell word. */
void hc_shell_word(char *buf, size_t len, const char *arg);

/*
 * Checks done before anything is measured, built or booted; each is a usage error naming opt.
 * hc_check_list: a comma list with no empty item ("", "a,", "a,,b" are errors).
 * hc_check_writable: a file can be created at path (tried: path.tmp.PID, then removed).
 * hc_check_dir: dir is a directory, or can be created, where files can be written, and is at
 * most max_len bytes long.
 */
int hc_check_list(const char *opt, const char *list);
int hc_check_writable(const char *opt, const char *path);
int hc_check_dir(const char *opt, const char *dir, size_t max_len);
/* A comma list of known cases and suites. */
int hc_check_cases(const char *opt, const char *list);
/* An executable regular file. */
int hc_check_program(const char *opt, const char *path);

#endif
