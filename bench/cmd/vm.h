/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The parts of `hookcost vm`: vm.c reads the command line and builds the kernels, vm_boot.c
 * boots them (side by side with -j) and describes each boot in a boot.json, vm_report.c
 * merges boot directories into the matrix table and its files.
 */
#ifndef HC_VM_H
#define HC_VM_H

#include <limits.h>
#include <stdbool.h>

#include "cmd/vm_matrix.h"

#define VM_MAX_RUNS	5
#define VM_METRIC	"tsc"

struct vm_args {
	struct vm_matrix m;
	const char *guest_bin;		/* a static hookcost for the guest (--hookcost) */
	const char *out_dir;
	unsigned int runs, samples, warmup, timeout, jobs;
	bool v1;			/* --cgroup v1 in guests that switch memcg state */
	bool cache_model;		/* --cache-model: the qemu plugin counts too */
	const char *sfx;		/* "-v1" in file names for v1, else "" */
	char top[PATH_MAX];		/* the source tree: scripts/, build/ */
	char work[PATH_MAX + 256];		/* build/vm-matrix/NAME: the boot directories */
	char cmdline[4096];		/* how hookcost vm was run, for the outputs */
};

/* The boot directory of boot b's run (0-based). */
void vm_boot_dir(const struct vm_args *a, unsigned int run, unsigned int b, char *buf,
		 size_t len);
/* Runs every boot a->runs times, a->jobs at a time; each directory gets a boot.json. */
int vm_boot_all(struct vm_args *a, double *wall);

/*
 * Loads the boot directories (a boot.json each), checks that every run of a boot gave the
 * same samples (an error names the first that differs), prints the table and writes
 * vm-NAME-matrix.{md,json} to a->out_dir. The matrix is taken from the first boot.json when
 * a->m has none (--merge).
 */
int vm_report(struct vm_args *a, char *const *dirs, unsigned int nr_dirs, double wall);

#endif
