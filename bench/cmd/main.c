// SPDX-License-Identifier: GPL-2.0
/* hookcost: dispatch to a subcommand; print the one error line and pick the exit status. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/command.h"
#include "base/error.h"
#include "version.h"

extern const struct hc_command *const __start_hc_commands[];
extern const struct hc_command *const __stop_hc_commands[];

static void usage(FILE *f)
{
	const struct hc_command *const *c;
	int order;

	fprintf(f, "usage: hookcost [--help] [--version] COMMAND [ARGS]\n\n"
		"Measures what a kernel fast-path feature costs compiled out (off), compiled in "
		"but unused,\nenabled for someone else (bystander) and active.\n\ncommands:\n");
	for (order = 0; order < 100; order++)
		for (c = __start_hc_commands; c < __stop_hc_commands; c++)
			if ((*c)->order == order)
				fprintf(f, "  %-10s %s\n", (*c)->name, (*c)->summary);
	fprintf(f, "\n'hookcost COMMAND --help' describes a command. See README.md for the "
		"method.\n");
}

int main(int argc, char **argv)
{
	const struct hc_command *const *c;
	int ret;

	if (argc < 2) {
		usage(stderr);
		return HC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return HC_EXIT_OK;
	}
	if (!strcmp(argv[1], "--version")) {
		printf("hookcost %s (git %s)\n", HC_VERSION, HC_GIT_REV);
		return HC_EXIT_OK;
	}
	for (c = __start_hc_commands; c < __stop_hc_commands; c++) {
		if (strcmp((*c)->name, argv[1]))
			continue;
		ret = (*c)->main(argc - 1, argv + 1);
		if (ret < 0) {
			fprintf(stderr, "hookcost %s: %s\n", argv[1], hc_err_msg());
			return hc_err_exit_code();
		}
		return ret;
	}
	fprintf(stderr, "hookcost: unknown command '%s' (see 'hookcost --help')\n", argv[1]);
	return HC_EXIT_USAGE;
}
