// SPDX-License-Identifier: GPL-2.0
/*
 * The exact modes: qemu -icount (instructions), the hookcost qemu plugin in it (caches), and
 * valgrind (user space, caches and branches). The plugin lives in the build tree beside the
 * hookcost binary (build/qemu-plugin/), with a file saying why when it could not be built.
 * The costs are measured by scripts/cache-model-data into data/method/cache-model.md.
 */
#include <libgen.h>
#include <stdbool.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/exact_modes.h"

#define COST_DATA "data/method/cache-model.md"

static json_t *mode(const char *why_not, const char *what)
{
	char buf[512];

	if (why_not)
		snprintf(buf, sizeof(buf), "unavailable: %s", why_not);
	else
		snprintf(buf, sizeof(buf), "available: %s; cost measured in %s", what, COST_DATA);
	return json_string(buf);
}

static bool on_path(const char *cmd)
{
	char sh[128];

	snprintf(sh, sizeof(sh), "command -v %s >/dev/null 2>&1", cmd);
	return !system(sh);
}

const char *hc_qemu_plugin_missing(const char *build, char *why, size_t len)
{
	char path[PATH_MAX + 64];
	FILE *f;

	snprintf(path, sizeof(path), "%s/qemu-plugin/hookcost-plugin.so", build);
	if (!access(path, R_OK))
		return NULL;
	snprintf(path, sizeof(path), "%s/qemu-plugin/unavailable", build);
	f = fopen(path, "r");
	if (!f || !fgets(why, len, f))
		snprintf(why, len, "the qemu plugin is not built (make qemu-plugin in the source "
			 "tree; it needs Debian's qemu source package)");
	if (f)
		fclose(f);
	why[strcspn(why, "\n")] = '\0';
	return why;
}

json_t *hc_exact_modes(void)
{
	json_t *o = json_object();
	bool qemu = on_path("qemu-system-x86_64");
	const char *no_qemu = qemu ? NULL : "qemu-system-x86_64 not installed";
	char why[256], exe[PATH_MAX];
	const char *plugin = no_qemu;

	if (qemu)
		plugin = realpath("/proc/self/exe", exe) ?
			 hc_qemu_plugin_missing(dirname(exe), why, sizeof(why)) :
			 "cannot find the hookcost binary's build directory";

	json_object_set_new(o, "icount", mode(no_qemu,
		"qemu -icount shift=0,sleep=off: guest TSC = retired instructions, every suite "
		"(scripts/vm run, make vm-check, hookcost vm)"));
	json_object_set_new(o, "qemu_cache_model", mode(plugin,
		"the hookcost qemu plugin: per sample user/kernel instructions, L1I/L1D/LL "
		"misses, est_cycles, every suite (scripts/vm run --cache-model, hookcost vm "
		"--cache-model)"));
	json_object_set_new(o, "valgrind", mode(on_path("valgrind") ? NULL :
		"valgrind not installed (apt-get install valgrind)",
		"callgrind: instructions, L1I/L1D/LL misses, est_cycles, branch misses of the "
		"calib and user suites (hookcost run --backend valgrind)"));
	return o;
}
