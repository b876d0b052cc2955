/* SPDX-License-Identifier: GPL-2.0 */
/* Code size of a VM matrix's built kernels (vm_text.c). */
#ifndef HC_VM_TEXT_H
#define HC_VM_TEXT_H

#include <jansson.h>

#include "base/doc.h"

/*
 * Measures the kernels names[i] built in dirs[i] (scripts/vm-kernel directories) with
 * scripts/vm-kernel-text under the source tree top, renders the table into each of the
 * nr_out documents and returns the measurement (NULL, with a warning, if there is none).
 */
json_t *vm_text(const char *top, const char *key, const char *functions,
		const char *const *names, const char *const *dirs, unsigned int nr,
		struct hc_doc *out, unsigned int nr_out);

#endif
