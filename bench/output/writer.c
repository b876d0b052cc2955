// SPDX-License-Identifier: GPL-2.0
/* A writer's output into a file: rendered in memory, then written whole. */
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "output/output.h"

int hc_writer_file(const struct hc_writer *w, const struct hc_run *run, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f)
		return hc_err("out of memory");
	ret = w->write(f, run);
	if (fclose(f) && !ret)
		ret = hc_err("out of memory");
	if (!ret)
		ret = hc_write_atomic(path, buf, len);
	free(buf);
	return ret;
}
