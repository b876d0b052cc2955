/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A matrix of `hookcost vm` (hookcost-vm-matrix/2, or /1 from the first, memcg-only command):
 * medians of exact instruction counts per configuration column, from boots of real kernels.
 * Its columns and the differences of columns it reports (deltas) come from the file, so a
 * memcg, rps, slab or user's own matrix is read and rendered alike.
 */
#ifndef HC_REPORT_MATRIX_H
#define HC_REPORT_MATRIX_H

#include <stdbool.h>

#include <jansson.h>

#include "core/result.h"
#include "base/doc.h"

#define HC_MATRIX_MAX_COLS	10
#define HC_MATRIX_MAX_DELTAS	10

struct hc_matrix_col {
	const char *name, *label;
};

/* Column a minus column b, under label. */
struct hc_matrix_delta {
	unsigned int a, b;
	const char *label;
};

struct hc_matrix_row {
	const char *name;
	struct hc_params params;
	double median[HC_MATRIX_MAX_COLS];	/* NAN where the column was not measured */
	bool identical;			/* every run gave the same samples (or only one run) */
};

struct hc_matrix {
	const char *path;
	json_t *root;
	const char *name;		/* the matrix's name: memcg, rps, ... */
	const char *title;		/* what it measures, in a line; or NULL */
	char *title_buf;
	struct hc_matrix_col cols[HC_MATRIX_MAX_COLS];
	struct hc_matrix_delta deltas[HC_MATRIX_MAX_DELTAS];
	unsigned int nr_cols, nr_deltas;
	struct hc_matrix_row *rows;
	unsigned int nr_rows, runs, samples;
};

bool hc_matrix_is(const char *path);
/*
 * Loads the matrix at path into *out (to be freed with hc_matrix_free, also after an error).
 * Malformed input is a usage error naming the file and the field.
 */
int hc_matrix_load(const char *path, struct hc_matrix **out);
void hc_matrix_free(struct hc_matrix *m);
/* The file's name without its directories: "vm-memcg-matrix.json". */
const char *hc_matrix_file(const struct hc_matrix *m);
/* The index of the column named name, or -1. */
int hc_matrix_col(const struct hc_matrix *m, const char *name);
/* The verdict of two exact counts: equal as whole instructions, or which way they differ. */
enum hc_verdict_kind hc_matrix_kind(double base, double other);
/* A delta of row in whole instructions: rint(a) - rint(b), NAN where either is missing. */
double hc_matrix_delta(const struct hc_matrix_row *row, const struct hc_matrix_delta *d);
/* The matrix as a table: case, params, every column, every delta, identical. */
int hc_matrix_table(struct hc_doc *d, const struct hc_matrix *m);

#endif
