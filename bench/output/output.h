/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Writers of a run: a perf-stat-like terminal table, raw samples as CSV, and the JSON summary
 * (schema hookcost-result/2, data/hookcost-result.schema.json). Files are written to a
 * temporary name in the same directory and renamed, so a reader never sees half a file.
 */
#ifndef HC_OUTPUT_H
#define HC_OUTPUT_H

#include <stdio.h>

#include <jansson.h>

#include "base/file.h"
#include "core/result.h"

#define HC_RESULT_SCHEMA "hookcost-result/2"
/* Still read: the same without the fields of the paired, three-way analysis. */
#define HC_RESULT_SCHEMA_V1 "hookcost-result/1"
#define HC_ALPHA_DEFAULT 0.05

/* Each writer formats what the analysis stage (analysis/analysis.h) put in run. */
json_t *hc_run_to_json(const struct hc_run *run);
/* A variant's parameters as the JSON object {"name": value, ...}. */
json_t *hc_vid_params_json(const struct hc_vid *id);
int hc_output_json(const struct hc_run *run, const char *path);
int hc_output_csv(const struct hc_run *run, const char *path);
void hc_output_table(FILE *f, const struct hc_run *run);


#endif
