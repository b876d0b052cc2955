// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer target: one input is the text of a VM matrix (as scripts/matrices/ holds), parsed
 * as `hookcost vm --matrix FILE` parses it (bench/cmd/vm_matrix.c). Besides crashes and
 * sanitizer reports, abort() marks a matrix accepted that breaks what vm relies on: every
 * index in range, every name non-empty and free of control characters (a newline in one
 * would start a new line in the guest's script or in a table).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "vm/vm_matrix.h"
#include "base/error.h"

static void name_ok(const char *s)
{
	if (!s || !*s || hc_has_control(s))
		abort();
}

static void check_parsed(const struct vm_matrix *m)
{
	unsigned int i, j;

	if (m->nr_kernels > VM_MAX_KERNELS || m->nr_boots > VM_MAX_BOOTS ||
	    m->nr_cols > VM_MAX_COLS || m->nr_deltas > VM_MAX_DELTAS ||
	    m->nr_workloads > VM_MAX_WORKLOADS)
		abort();
	for (i = 0; i < m->nr_kernels; i++)
		name_ok(m->kernel[i].name);
	for (i = 0; i < m->nr_cols; i++)
		name_ok(m->col[i].name);
	for (i = 0; i < m->nr_deltas; i++)
		if (m->delta[i].a >= m->nr_cols || m->delta[i].b >= m->nr_cols)
			abort();
	for (i = 0; i < m->nr_boots; i++) {
		const struct vm_boot *b = &m->boot[i];

		name_ok(b->name);
		if (b->kernel >= m->nr_kernels || !b->nr_measures || b->nr_measures > VM_MAX_ITEMS)
			abort();
		for (j = 0; j < b->nr_measures; j++)
			if (b->measure[j].col >= m->nr_cols)
				abort();
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1);
	struct vm_matrix m;

	if (!text)
		abort();
	memcpy(text, data, size);
	text[size] = '\0';
	memset(&m, 0, sizeof(m));
	m.name = "fuzz";
	hc_err_clear();
	if (!vm_matrix_parse(&m, text, "fuzz.matrix", NULL))
		check_parsed(&m);
	vm_matrix_free(&m);
	free(text);
	return 0;
}
