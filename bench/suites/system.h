/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The system suite's knobs for `hookcost run`.
 */
#ifndef HC_SUITE_SYSTEM_H
#define HC_SUITE_SYSTEM_H

#include <jansson.h>

/*
 * --on-cmd/--off-cmd: shell commands that switch some key-guarded feature on and off. With
 * them the system suite measures `active` (after on) against `unused` (after off) instead of
 * switching memcg state, and runs off once more at the end. Both or neither; usage error else.
 */
int hc_system_set_switch_cmds(const char *on, const char *off);

/*
 * For the result's context once the run is over: how configurations were switched and the
 * inferred memcg key state before and after the system suite; NULL if it did not run.
 */
json_t *hc_system_context(void);

/*
 * Removes the /dev/shm directories of hookcost runs that were killed (their process is gone),
 * as hc_cg_sweep() does for cgroups; every run calls it at its start. Returns how many.
 */
unsigned int hc_system_sweep_shm(void);

#endif
