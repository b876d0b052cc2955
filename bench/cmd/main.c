// SPDX-License-Identifier: GPL-2.0
/* hookcost: dispatch to a subcommand; print the one error line and pick the exit status. */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/command.h"
#include "base/error.h"
#include "version.h"

extern const struct hc_command *const __start_hc_commands[];
extern const struct hc_command *const __stop_hc_commands[];

/* The commands in their order: one per line with its summary, or their names on one line. */
static void print_commands(FILE *f, bool names_only)
{
	const struct hc_command *const *c;
	const char *sep = "";
	int order;

	for (order = 0; order < 100; order++) {
		for (c = __start_hc_commands; c < __stop_hc_commands; c++) {
			if ((*c)->order != order)
				continue;
			if (names_only)
				fprintf(f, "%s%s", sep, (*c)->name);
			else
				fprintf(f, "  %-10s %s\n", (*c)->name, (*c)->summary);
			sep = ", ";
		}
	}
}

static void usage(void)
{
	printf("usage: hookcost [--help] [--version] COMMAND [ARGS]\n\n"
	       "Measures what a kernel fast-path feature costs compiled out (off), compiled in "
	       "but unused,\nenabled for someone else (bystander) and active.\n\ncommands:\n");
	print_commands(stdout, false);
	printf("\n'hookcost COMMAND --help' describes a command. See README.md for the method.\n"
	       "\nexit status: 0 done; 1 failed; 2 bad command line or input file (also 'hookcost'\n"
	       "alone): one line on stderr, before anything is measured, built or booted.\n");
}

int main(int argc, char **argv)
{
	const struct hc_command *const *c;
	int ret;

	/* A usage error like any other: one line on stderr (--help has the long text), exit 2. */
	if (argc < 2) {
		fprintf(stderr, "hookcost: no command given (");
		print_commands(stderr, true);
		fprintf(stderr, "; see 'hookcost --help')\n");
		return HC_EXIT_USAGE;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage();
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
	/* Through the error convention, which escapes what the user typed (a newline, ESC). */
	hc_usage_err("unknown command '%s' (see 'hookcost --help')", argv[1]);
	fprintf(stderr, "hookcost: %s\n", hc_err_msg());
	return HC_EXIT_USAGE;
}
