// SPDX-License-Identifier: GPL-2.0
/* hookcost env: what this machine will let the measurement do, and how to improve it. */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "cmd/command.h"
#include "core/env.h"
#include "base/error.h"
#include "core/exact_modes.h"

static int env_main(int argc, char **argv)
{
	bool as_json = false;
	json_t *env;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--json")) {
			as_json = true;
		} else if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			printf("usage: hookcost env [--json]\n\nPrints the environment probe that "
			       "goes into every result's context:\nkernel, CPU, VM, counters "
			       "(perf_event_paranoid, PMU, rdpmc), frequency\ngovernor and boost, "
			       "SMT, cpuset, cgroup version; the exact (simulated) modes this machine\n"
			       "offers; then advice on what to fix.\n");
			return HC_EXIT_OK;
		} else {
			return hc_usage_err("unknown option '%s' (usage: hookcost env [--json])",
					    argv[i]);
		}
	}
	env = hc_env_probe();
	json_object_set_new(env, "exact_modes", hc_exact_modes());
	if (as_json)
		json_dumpf(env, stdout, JSON_INDENT(2)), putchar('\n');
	else
		hc_env_print(stdout, env);
	json_decref(env);
	return HC_EXIT_OK;
}

HC_COMMAND(env_cmd) = {
	.name = "env", .summary = "probe this machine: counters, CPU, VM, cgroups; with advice",
	.main = env_main, .order = 3,
};
