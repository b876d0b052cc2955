// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: one input is one result file, fed to the loader and, when it loads, to
 * `hookcost compare` (input against itself and against the seed file) and `hookcost report`
 * (figures drawn by tests/fuzz/fake-gnuplot, so the report's own code is what runs).
 *
 * Besides crashes and sanitizer reports it finds accepted-invalid files: a file the loader
 * accepts must hold what the schema promises, checked here independently of validate.c.
 */
#include <fcntl.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "cmd/command.h"
#include "base/error.h"
#include "core/result.h"
#include "output/result_load.h"

extern const struct hc_command *const __start_hc_commands[];
extern const struct hc_command *const __stop_hc_commands[];

static char input[64], report_dir[4096];
static int input_fd = -1;

static int command(const char *name, int argc, char **argv)
{
	const struct hc_command *const *c;

	for (c = __start_hc_commands; c < __stop_hc_commands; c++)
		if (!strcmp((*c)->name, name))
			return (*c)->main(argc, argv);
	/* A command the harness drives is not linked in: fix FUZZ_SRCS in tests/fuzz.mk. */
	fprintf(stderr, "fuzz-result: no command '%s' linked in\n", name);
	abort();
}

static bool name_ok(const char *s)
{
	if (!s || !*s)
		return false;
	for (; *s; s++)
		if (hc_control_len(s))
			return false;
	return true;
}

/*
 * What a consumer relies on in a loaded run; abort() marks an accepted-invalid input. The
 * loader keeps the results in file order, so results[i] is the file's results[i].
 */
static void check_loaded(const struct hc_run *run)
{
	json_t *rows = json_object_get(run->doc, "results");
	unsigned int i, m;

	for (m = 0; m < run->nr_metrics; m++)
		if (!name_ok(run->metric[m]))
			abort();
	for (i = 0; i < run->nr_results; i++) {
		const struct hc_result *r = &run->results[i];
		json_t *samples = json_object_get(json_array_get(rows, i), "samples");

		if (!name_ok(r->id.suite) || !name_ok(r->id.name) || r->id.gate >= HC_GATE__NR ||
		    r->id.config >= HC_CONFIG__NR)
			abort();
		if (r->skip_reason)
			continue;
		/* A count the loader would truncate must not have passed validation. */
		if (!r->nr_samples || (json_int_t)r->nr_samples != json_integer_value(samples))
			abort();
		for (m = 0; m < run->nr_metrics; m++)
			if (hc_result_has(r, m) && !r->per_op[m])
				abort();
	}
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char gp[4096];

	input_fd = memfd_create("hookcost-fuzz-input", 0);
	if (input_fd < 0)
		abort();
	snprintf(input, sizeof(input), "/proc/self/fd/%d", input_fd);
	snprintf(report_dir, sizeof(report_dir), "%s", getenv("FUZZ_REPORT_DIR") ?
		 getenv("FUZZ_REPORT_DIR") : "/tmp/hookcost-fuzz-report");
	/* The fake gnuplot lives next to this source; the Makefile passes its path. */
	snprintf(gp, sizeof(gp), "%s", getenv("HOOKCOST_GNUPLOT") ? getenv("HOOKCOST_GNUPLOT") :
		 FUZZ_FAKE_GNUPLOT);
	setenv("HOOKCOST_GNUPLOT", gp, 1);
	if (!getenv("HOOKCOST_GNUPLOT_DIR"))
		setenv("HOOKCOST_GNUPLOT_DIR", FUZZ_GNUPLOT_DIR, 1);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *cmp[] = { "compare", input, input, NULL };
	char *cmp_seed[] = { "compare", FUZZ_SEED, input, NULL };
	char *rep[] = { "report", "-o", report_dir, input, NULL };
	struct hc_run run;
	int ret;

	if (ftruncate(input_fd, 0) || pwrite(input_fd, data, size, 0) != (ssize_t)size)
		abort();
	hc_err_clear();
	ret = hc_run_load(input, &run);
	if (!ret)
		check_loaded(&run);
	hc_run_free(&run);
	if (ret)
		return 0;
	command("compare", 3, cmp);
	hc_err_clear();
	command("compare", 3, cmp_seed);
	hc_err_clear();
	command("report", 4, rep);
	hc_err_clear();
	return 0;
}
