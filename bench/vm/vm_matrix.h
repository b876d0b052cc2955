/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A VM matrix (hookcost vm): which kernels, which guest boots of them, and which columns of
 * the table each boot's measurements fill. Read from a hand-written INI file (format in
 * scripts/matrices/README) or put together from the command line.
 */
#ifndef HC_VM_MATRIX_H
#define HC_VM_MATRIX_H

#include <limits.h>
#include <stdbool.h>

#define VM_MAX_KERNELS		8
#define VM_MAX_BOOTS		16
#define VM_MAX_COLS		10
#define VM_MAX_DELTAS		10
#define VM_MAX_WORKLOADS	8
#define VM_MAX_ITEMS		16	/* patches, fragments, options, setup lines, measures */
#define VM_MAX_STRINGS		512

/* A kernel: a bzImage, or a recipe for scripts/vm-kernel. */
struct vm_kernel {
	const char *name;
	const char *image;		/* a bzImage given as is */
	const char *tree, *tarball;	/* the recipe's source (default: the tarball) */
	const char *patch[VM_MAX_ITEMS], *fragment[VM_MAX_ITEMS], *option[VM_MAX_ITEMS];
	unsigned int nr_patches, nr_fragments, nr_options;
	char dir[PATH_MAX];		/* the built kernel's cache directory, once built */
};

/* One configuration measured in a boot: hookcost run's --config, into a column. */
struct vm_measure {
	const char *config;		/* off, unused, bystander, active, or auto */
	unsigned int col;
};

struct vm_boot {
	const char *name;
	unsigned int kernel;
	const char *setup[VM_MAX_ITEMS];	/* guest shell commands run before measuring */
	unsigned int nr_setup;
	struct vm_measure measure[VM_MAX_ITEMS];
	unsigned int nr_measures;
};

struct vm_col {
	const char *name, *label;
};

struct vm_delta {
	unsigned int a, b;		/* column a minus column b */
	const char *label;
};

struct vm_workload {
	const char *name, *cmd;
};

struct vm_matrix {
	const char *name;
	const char *title, *about;
	const char *cases;		/* hookcost run --case; NULL: workloads only */
	const char *key;		/* the static key's symbol, for its jump-label sites */
	const char *functions;		/* space-separated functions on the measured path */
	struct vm_kernel kernel[VM_MAX_KERNELS];
	struct vm_boot boot[VM_MAX_BOOTS];
	struct vm_col col[VM_MAX_COLS];
	struct vm_delta delta[VM_MAX_DELTAS];
	struct vm_workload workload[VM_MAX_WORKLOADS];
	unsigned int nr_kernels, nr_boots, nr_cols, nr_deltas, nr_workloads;
	char *text;			/* the definition, as INI text */
	char *strings[VM_MAX_STRINGS];	/* owned copies */
	unsigned int nr_strings;
};

/*
 * Parses INI text (origin names it in errors; dir resolves relative file names, NULL for
 * none) into m and checks it: every reference resolves, every name is unique. Bad input is
 * a one-line usage error "ORIGIN:LINE: ...".
 */
int vm_matrix_parse(struct vm_matrix *m, const char *text, const char *origin, const char *dir);
int vm_matrix_load(struct vm_matrix *m, const char *path);
void vm_matrix_free(struct vm_matrix *m);

int vm_col_find(const struct vm_matrix *m, const char *name);

#endif
