/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of a run: a perf-stat-like terminal table, raw samples as CSV, and the JSON summary
 * (schema hookcost-result/3, data/hookcost-result.schema.json).
 *
 * A writer only formats, as Google Benchmark's reporters do: it renders what the analysis
 * stage (analysis/analysis.h) put in the run into a stream and decides nothing. Where the
 * bytes go is the caller's: a terminal, or a file through hc_writer_file(), written to a
 * temporary name in the same directory and renamed, so a reader never sees half a file. A new
 * format is one file that defines a struct hc_writer.
 */
#ifndef HC_OUTPUT_H
#define HC_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "base/file.h"
#include "core/result.h"

#define HC_RESULT_SCHEMA "hookcost-result/3"
/* Still read: /3 without the comparisons' named families and margin floors. */
#define HC_RESULT_SCHEMA_V2 "hookcost-result/2"
/* Still read: the same without the fields of the paired, three-way analysis. */
#define HC_RESULT_SCHEMA_V1 "hookcost-result/1"

struct hc_writer {
	const char *name;
	/* Renders run into f; 0, or -1 with hc_err() set. */
	int (*write)(FILE *f, const struct hc_run *run);
};

extern const struct hc_writer hc_writer_table;	/* table.c */
extern const struct hc_writer hc_writer_json;	/* json.c */
extern const struct hc_writer hc_writer_csv;	/* csv.c */

/* Renders run with w and replaces path with it whole (hc_write_atomic()). */
int hc_writer_file(const struct hc_writer *w, const struct hc_run *run, const char *path);

/* The JSON summary as a tree, which the JSON writer renders. */
json_t *hc_run_to_json(const struct hc_run *run);
/* A variant's parameters as the JSON object {"name": value, ...}. */
json_t *hc_vid_params_json(const struct hc_vid *id);

#endif
