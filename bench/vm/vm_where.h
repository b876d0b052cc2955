/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Where a matrix's deltas land (hookcost vm --profile): for each row and each delta of
 * columns, the functions whose instructions per op changed, from the per-function profiles
 * scripts/profile-merge wrote beside each boot's result.
 */
#ifndef HC_VM_WHERE_H
#define HC_VM_WHERE_H

#include <jansson.h>

#include "vm/vm.h"
#include "base/doc.h"

/* One column of a row: its median, and its result's profile in each run (NULL: none). */
struct vm_where_cell {
	double median;
	bool set;
	json_t *prof[VM_MAX_RUNS];
	const char *kernel_dir;		/* the kernel's build (System.map), NULL if unknown */
};

struct vm_where_row {
	const char *name, *params;
	struct vm_where_cell cell[VM_MAX_COLS];
};

/*
 * Renders a where table per (row, delta) with a profile on both sides into each of docs and
 * returns them as JSON (NULL when no row has a profile). *exact is false when a table's
 * functions do not add up to its cell, *same when a profile differs between runs.
 */
json_t *vm_where(const struct vm_args *a, const struct vm_where_row *rows, unsigned int nr,
		 struct hc_doc *docs, unsigned int nr_docs, bool *exact, bool *same);

#endif
