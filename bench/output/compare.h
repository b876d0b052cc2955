/* SPDX-License-Identifier: GPL-2.0 */
/* The tables and notes of a comparison of two runs (analysis/compare.h), as a document. */
#ifndef HC_OUTPUT_COMPARE_H
#define HC_OUTPUT_COMPARE_H

#include <stddef.h>

#include "analysis/compare.h"
#include "base/doc.h"

/* The table of one metric, its geometric-mean row and the notes that explain it. */
int hc_cmp_render(struct hc_doc *d, const struct hc_cmp *c, const char *metric);

/* "tcp.charge static/unused→active size=64" */
void hc_cmp_row_label(const struct hc_comparison *r, char *buf, size_t len);

/* What the tables do not show: context differences, unpaired and skipped variants. */
void hc_cmp_notes(struct hc_doc *d, const struct hc_cmp *c);

#endif
