/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shell words for the command lines results record, and the checks on paths and programs
 * done before anything is measured, built or booted (each a usage error naming opt).
 */
#ifndef HC_SHELL_H
#define HC_SHELL_H

#include <stddef.h>

/* Appends arg to the command line in buf (len bytes) as one POSIX shell word. */
void hc_shell_word(char *buf, size_t len, const char *arg);

/*
 * hc_check_writable: a file can be created at path (tried: path.tmp.PID, then removed).
 * hc_check_dir: dir is a directory, or can be created, where files can be written, and is at
 * most max_len bytes long.
 * hc_check_program: an executable regular file.
 */
int hc_check_writable(const char *opt, const char *path);
int hc_check_dir(const char *opt, const char *dir, size_t max_len);
int hc_check_program(const char *opt, const char *path);

#endif
