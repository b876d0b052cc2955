// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost list: the cases, their gates, configurations and parameter sweeps, as a run would
 * plan them here; a kernel case's come from the loaded hookcost.ko (a list does not load it).
 */
#include <stdio.h>
#include <string.h>

#include "core/case.h"
#include "cmd/command.h"
#include "base/error.h"

static void print_case(const struct hc_case *c, const struct hc_offer *o)
{
	char gates[96], configs[96];

	printf("%-8s %-28s %s\n", c->suite, c->name, c->desc);
	hc_mask_str(o->gates, hc_gate_names, HC_GATE__NR, gates, sizeof(gates));
	hc_mask_str(o->configs, hc_config_names, HC_CONFIG__NR, configs, sizeof(configs));
	if (o->gates & HC_GATES_HOOKED)
		printf("%-8s %-28s gates %s; configs %s\n", "", "", gates, configs);
	else if (o->configs & HC_CONFIGS_ALL)
		printf("%-8s %-28s configs %s\n", "", "", configs);
	for (const struct hc_param_def *p = o->params; p->name; p++)
		printf("%-8s %-28s --param %s=%s  (%ld..%ld%s%s)\n", "", "", p->name,
		       p->defaults, p->min, p->max, p->unit && *p->unit ? " " : "",
		       p->unit ? p->unit : "");
}

static int list_main(int argc, char **argv)
{
	const char *suite = NULL, *source = NULL;
	struct hc_offer o;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		printf("usage: hookcost list [SUITE]\n\nLists every case (or the cases of SUITE: "
		       "calib, user, kernel, system)\nwith its gates, configurations and default "
		       "parameter sweeps.\n");
		return HC_EXIT_OK;
	}
	if (argc > 2)
		return hc_usage_err("usage: hookcost list [SUITE]");
	suite = argc > 1 ? argv[1] : NULL;
	if (suite && suite[0] == '-')
		return hc_usage_err("unknown option '%s' (usage: hookcost list [SUITE])", suite);
	if (suite && !hc_suite_exists(suite))
		return hc_usage_err("unknown suite '%s' (the suites: calib, user, kernel, system)",
				    suite);
	for (unsigned int i = 0; i < hc_case_count(); i++) {
		const struct hc_case *c = hc_case_get(i);

		if (suite && strcmp(c->suite, suite))
			continue;
		if (hc_case_offer(c, false, &o))
			return -1;
		print_case(c, &o);
		source = o.source ? o.source : source;
	}
	if (source)
		printf("\nKernel cases: gates, configurations and ranges from %s.\n", source);
	return HC_EXIT_OK;
}

HC_COMMAND(list_cmd) = {
	.name = "list", .summary = "list the cases, gates, configurations and sweeps",
	.main = list_main, .order = 1,
};
