/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading result files back (hookcost-result/1, written by `hookcost run`) for compare and
 * report. A file is validated as a whole when it is loaded, so the consumers can trust every
 * field they use; anything malformed is a usage error naming the file and the field.
 */
#ifndef HC_RESULT_LOAD_H
#define HC_RESULT_LOAD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#define HC_RFILE_MAX_METRICS 16

/* One metric of one row: the file's summary plus the per-op samples. */
struct hc_rmetric {
	const char *name;
	double median;
	double ci_lo, ci_hi;	/* NAN when the file has no ci95 */
	double mad, min, cv;	/* NAN when the file has none */
	double *values;
	size_t n;
};

/* One entry of "results": a variant. Strings point into the file's JSON. */
struct hc_rrow {
	const char *suite;
	const char *name;	/* the case */
	const char *gate;
	const char *config;
	json_t *params;		/* object; empty when the case has no parameters */
	char params_label[128];	/* "size=64,threads=2" or "" */
	unsigned int samples;
	uint64_t iterations;
	json_t *overhead;	/* object or NULL */
	const char *skipped;	/* non-NULL: not measured, and why */
	struct hc_rmetric metric[HC_RFILE_MAX_METRICS];
	unsigned int nr_metrics;
};

struct hc_rfile {
	const char *path;
	json_t *root;
	json_t *context;	/* object */
	json_t *comparisons;	/* array, possibly empty */
	struct hc_rrow *rows;
	unsigned int nr_rows;
	unsigned int nr_measured;	/* rows not skipped */
	bool complete;
};

/*
 * Loads and validates path. Bad input (unreadable, not JSON, truncated, other schema, no
 * measured result) is a one-line usage error; an interrupted run only warns.
 */
int hc_rfile_load(const char *path, struct hc_rfile *f);
void hc_rfile_free(struct hc_rfile *f);

const struct hc_rmetric *hc_rrow_metric(const struct hc_rrow *r, const char *name);
/* Same case, gate and parameters (the configuration may differ). */
bool hc_rrow_same_case(const struct hc_rrow *a, const struct hc_rrow *b);

/*
 * The metrics to show: the comma list spec, or by default instructions and cycles where the
 * files have them, else every metric of the first measured row. Each must be in some file.
 * Returns the count (<= max) or -1 with a usage error.
 */
int hc_rfile_metrics(const char *spec, const struct hc_rfile *files, unsigned int nr_files,
		     const char **out, unsigned int max);

/* A context flattened to its leaves: dotted keys and rendered values, in file order. */
struct hc_kv {
	char **key;
	char **val;
	unsigned int nr, cap;
};

int hc_context_flatten(json_t *context, struct hc_kv *kv);
const char *hc_kv_get(const struct hc_kv *kv, const char *key);
void hc_kv_free(struct hc_kv *kv);
/* Whether the top-level part of the dotted key is one of names. */
bool hc_context_key_in(const char *key, const char *const *names, size_t nr);
/* Keys that differ from run to run by nature (command line, date, warnings). */
bool hc_context_volatile(const char *key);

/*
 * The context keys whose values differ between a and b (run-specific keys such as command and
 * warnings excluded), as "key (A vs B), ..." into buf. Returns the number of differences.
 */
unsigned int hc_context_diff(json_t *a, json_t *b, char *buf, size_t len);

#endif
