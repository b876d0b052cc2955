/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The plugin's per-instruction profile (profile=FILE): how many times each guest instruction
 * ran in each sample window, for scripts/profile-merge to symbolize.
 */
#ifndef HC_PLUGIN_PROFILE_H
#define HC_PLUGIN_PROFILE_H

#include <stdbool.h>
#include <stdint.h>

#include <qemu-plugin.h>

bool hc_prof_open(const char *path);
/* A block is translated: each instruction gets a counter of its own, added to inline. */
void hc_prof_translate(struct qemu_plugin_tb *tb);
/* A sample begins: every counter back to 0. */
void hc_prof_begin(void);
/* A sample ends: the counters that moved, after a line "s SEQ WHOLE". */
void hc_prof_end(uint64_t seq, bool whole);
void hc_prof_close(void);

#endif
