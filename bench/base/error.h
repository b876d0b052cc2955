/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One error convention for the whole harness: a failing function records a one-line message
 * with hc_err() and returns a negative value; main() prints it once and picks the exit code.
 */
#ifndef HC_ERROR_H
#define HC_ERROR_H

#include <stdbool.h>
#include <stddef.h>

enum hc_exit {
	HC_EXIT_OK = 0,
	HC_EXIT_FAIL = 1,	/* the environment or the measurement failed */
	HC_EXIT_USAGE = 2,	/* the command line or an input file is wrong */
};

/* Records the message (printf-style, no trailing newline) and returns -1. */
int hc_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Records the message as a usage error (exit status 2) and returns -1. */
int hc_usage_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
const char *hc_err_msg(void);
enum hc_exit hc_err_exit_code(void);
void hc_err_clear(void);

/* Warnings are collected: they go to stderr at once and into the result's context. */
void hc_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
unsigned int hc_warn_count(void);
const char *hc_warn_get(unsigned int i);

/* Bytes of the control character (C0, DEL or UTF-8 C1) at s: 1 or 2, or 0 for none. */
size_t hc_control_len(const char *s);
/* Whether s holds one: names from someone else's file (cases, parameters) must not. */
bool hc_has_control(const char *s);
/*
 * src into dst (len bytes, truncated) with every control character written as \n, \t or \xNN,
 * so text from someone else's file can neither break a line nor send a terminal escape.
 * Errors and warnings go through it.
 */
void hc_escape_controls(char *dst, size_t len, const char *src);

#endif
