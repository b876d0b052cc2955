/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The environment probe: every fact that can change a number (kernel, CPU, VM, counters,
 * frequency, SMT, cpuset, cgroups, build) as a JSON object for the result's context, and the
 * advice a user needs to fix what can be fixed.
 */
#ifndef HC_ENV_H
#define HC_ENV_H

#include <stdio.h>

#include <jansson.h>

/* A new object with everything the probe found; "advice" is an array of strings. */
json_t *hc_env_probe(void);
/* The frequency governor of one PU ("" where there is no cpufreq). */
const char *hc_env_governor(int pu, char *buf, size_t len);
/* The probe as `hookcost env` prints it: aligned "key: value" lines, then the advice. */
void hc_env_print(FILE *f, const json_t *env);

#endif
