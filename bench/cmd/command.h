/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Subcommands of the hookcost program (`hookcost NAME ...`). Each registers itself with
 * HC_COMMAND() in a linker section, so adding one is adding a file.
 *
 * A command's main returns an enum hc_exit. It prints its own --help (exit 0); on an error it
 * records it with hc_err()/hc_usage_err() and returns -1, and main() prints
 * "hookcost: MESSAGE" once and exits with hc_err_exit_code().
 */
#ifndef HC_COMMAND_H
#define HC_COMMAND_H

struct hc_command {
	const char *name;
	const char *summary;	/* one line for `hookcost --help` */
	int (*main)(int argc, char **argv);	/* argv[0] is the command name */
	int order;		/* position in `hookcost --help` */
};

#define HC_COMMAND(sym)								\
	static const struct hc_command sym;					\
	static const struct hc_command *const sym##__entry			\
		__attribute__((used, section("hc_commands"), aligned(sizeof(void *)))) = &sym; \
	static const struct hc_command sym

#endif
