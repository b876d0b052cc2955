/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading result files back (hookcost-result/1, written by `hookcost run`) for compare and
 * report: the inverse of the JSON writer, into the same model (core/result.h) a measured run
 * has. A file is validated as a whole when it is loaded, so the consumers can trust every
 * field they use; anything malformed is a usage error naming the file and the field.
 */
#ifndef HC_RESULT_LOAD_H
#define HC_RESULT_LOAD_H

#include "core/result.h"
#include "analysis/context.h"

/*
 * Loads and validates path into run (hc_run_free() frees it, also after an error). Bad input
 * (unreadable, not JSON, truncated, other schema, no measured result) is a one-line usage
 * error; an interrupted run only warns. The comparisons keep the file's numbers; the analysis
 * stage judges their verdicts again at the reader's alpha.
 */
int hc_run_load(const char *path, struct hc_run *run);

/*
 * The metrics to show: the comma list spec, or by default instructions and cycles where the
 * runs have them, else every metric of the first measured result. Each must be in some run.
 * Returns the count (<= max) or -1 with a usage error.
 */
int hc_runs_metrics(const char *spec, const struct hc_run *runs, unsigned int nr_runs,
		    const char **out, unsigned int max);

#endif
