// SPDX-License-Identifier: GPL-2.0
/*
 * The sample notes behind the markers (core/marker.h); nothing is written unless
 * HOOKCOST_MARKERS names a file. Each run starts with "# run" and its command line, so the
 * merge finds the run's output file.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>

#include "core/marker.h"

static FILE *notes(void)
{
	static FILE *f;
	static bool tried;
	const char *path;
	FILE *cmd;
	int ch;

	if (tried)
		return f;
	tried = true;
	path = getenv("HOOKCOST_MARKERS");
	/* Appended: several runs in one boot follow each other, as the plugin sees them. */
	f = path && *path ? fopen(path, "a") : NULL;
	if (!f)
		return NULL;
	fputs("# run ", f);
	cmd = fopen("/proc/self/cmdline", "r");
	while (cmd && (ch = fgetc(cmd)) != EOF)
		fputc(ch ? ch : ' ', f);
	if (cmd)
		fclose(cmd);
	fputc('\n', f);
	return f;
}

static struct {
	enum hc_marker_kind kind;
	int id, sample;
} tag;

void hc_marker_tag(enum hc_marker_kind kind, int id, int sample)
{
	tag.kind = kind;
	tag.id = id;
	tag.sample = sample;
}

void hc_marker_note(void)
{
	FILE *f = notes();

	if (f)
		fprintf(f, "%c %d %d\n", tag.kind, tag.id, tag.sample);
}

void hc_marker_group(int first_result, int baseline, bool loop)
{
	FILE *f = notes();

	if (f)
		fprintf(f, "g %d %d %d\n", first_result, baseline, loop);
}
