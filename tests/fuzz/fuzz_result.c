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
#include "core/error.h"
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
	abort();
}

static bool in(const char *s, const char *const *set)
{
	for (; *set; set++)
		if (!strcmp(s, *set))
			return true;
	return false;
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

/* What a consumer relies on in a loaded file; abort() marks an accepted-invalid input. */
static void check_loaded(const struct hc_rfile *f)
{
	static const char *const gates[] = { "none", "static", "branch", "indirect", "field",
					      NULL };
	static const char *const configs[] = { "none", "off", "unused", "bystander", "active",
						NULL };
	unsigned int i, j;

	for (i = 0; i < f->nr_rows; i++) {
		const struct hc_rrow *r = &f->rows[i];

		if (!name_ok(r->suite) || !name_ok(r->name) || !in(r->gate, gates) ||
		    !in(r->config, configs))
			abort();
		for (j = 0; !r->skipped && j < r->nr_metrics; j++)
			if (!name_ok(r->metric[j].name) || r->metric[j].n != r->samples ||
			    !r->metric[j].n)
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
	struct hc_rfile f;
	int ret;

	if (ftruncate(input_fd, 0) || pwrite(input_fd, data, size, 0) != (ssize_t)size)
		abort();
	hc_err_clear();
	ret = hc_rfile_load(input, &f);
	if (!ret)
		check_loaded(&f);
	hc_rfile_free(&f);
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
