/* SPDX-License-Identifier: GPL-2.0 */
/* Running a helper program (a user's switch command, the VM scripts) to completion. */
#ifndef HC_SUBPROCESS_H
#define HC_SUBPROCESS_H

/*
 * Runs argv[0] (a path) with argv, its stdout sent to stderr so it cannot mix with hookcost's
 * table on stdout, and waits. Returns its exit status (128 + N if killed by signal N), or -1
 * with hc_err() if it could not be run.
 */
int hc_spawn(char *const argv[]);

#endif
