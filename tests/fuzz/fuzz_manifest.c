// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: one input is the manifest (.hookcost-report) found in a report's output
 * directory, which bench/report/outdir.c reads when a report replaces the previous one. Each
 * input goes through the steps of `hookcost report -o DIR` (check, open, stage two files,
 * publish, close) with DIR holding the manifest and a file of the previous report, and a
 * sentinel next to DIR. Besides crashes and sanitizer reports, abort() marks a manifest that
 * made the report touch anything outside DIR or lose a file it has just written.
 */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "report/outdir.h"
#include "report/report.h"

static char root[4096], dir[4200], sentinel[4200];

static void put_file(const char *path, const void *data, size_t size)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0644);

	if (fd < 0 || write(fd, data, size) != (ssize_t)size || close(fd))
		abort();
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	snprintf(root, sizeof(root), "%s", getenv("FUZZ_REPORT_DIR") ?
		 getenv("FUZZ_REPORT_DIR") : "/tmp/hookcost-fuzz-manifest");
	snprintf(dir, sizeof(dir), "%s/out", root);
	snprintf(sentinel, sizeof(sentinel), "%s/sentinel", root);
	if ((mkdir(root, 0755) && access(root, W_OK)) || (mkdir(dir, 0755) && access(dir, W_OK)))
		abort();
	return 0;
}

static void must_exist(const char *d, const char *name, off_t size)
{
	char path[4400];
	struct stat st;

	snprintf(path, sizeof(path), "%s/%s", d, name);
	if (stat(path, &st) || st.st_size != size)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char *const last[] = { "report.md", NULL };
	char path[4400];
	struct hc_outdir o = { .lock_fd = -1 };

	put_file(sentinel, "keep\n", 5);
	snprintf(path, sizeof(path), "%s/old.png", dir);
	put_file(path, "old\n", 4);
	snprintf(path, sizeof(path), "%s/%s", dir, HC_OUTDIR_MANIFEST);
	put_file(path, data, size);
	hc_err_clear();
	if (!hc_outdir_check(&o, dir, false, hc_report_owns, NULL, 0) && !hc_outdir_open(&o)) {
		snprintf(path, sizeof(path), "%s/fig.svg", o.stage);
		put_file(path, "svg\n", 4);
		snprintf(path, sizeof(path), "%s/report.md", o.stage);
		put_file(path, "md\n", 3);
		if (!hc_outdir_publish(&o, last)) {
			must_exist(dir, "fig.svg", 4);
			must_exist(dir, "report.md", 3);
		}
	}
	hc_outdir_close(&o);
	hc_err_clear();
	must_exist(root, "sentinel", 5);
	return 0;
}
