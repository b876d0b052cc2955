/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `hookcost report`: what the analysis stage computed, formatted for people. The parts:
 * headline.c (one table per mechanism: free when unused? what a bystander and a user pay),
 * sections.c (the details: method, environment, tables, figures, commands), figures.c
 * (gnuplot), text.c (plain text for mail), matrix.c (the matrices of hookcost vm) and
 * publish.c (the output directory). The command line is bench/cmd/report.c.
 */
#ifndef HC_REPORT_H
#define HC_REPORT_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

#include "analysis/compare.h"
#include "core/result.h"
#include "base/doc.h"
#include "report/outdir.h"
#include "report/plot.h"

#define HC_REPORT_FIG_PREFIX "fig-"

struct hc_report_figure {
	char name[200];
	char caption[400];
	unsigned int file;
};

/* How a run's numbers were measured: the label every number of it carries. */
enum hc_instrument {
	HC_INSTR_PMU,		/* hardware counters (perf) */
	HC_INSTR_TSC,		/* time in TSC ticks */
	HC_INSTR_ICOUNT,	/* qemu -icount: the guest TSC counts retired instructions */
	HC_INSTR_CLOCK,		/* clock_gettime nanoseconds */
};

struct hc_matrix;

struct hc_report {
	struct hc_run *files;		/* result files of `hookcost run` */
	unsigned int nr_files;
	struct hc_matrix **matrices;	/* matrices of `hookcost vm` among the inputs */
	unsigned int nr_matrices;
	const char *metrics[HC_MAX_COUNTERS];
	unsigned int nr_metrics;
	double alpha;
	struct hc_cmp *cmps;		/* files[i + 1] against files[0] */
	struct hc_plot plot;
	struct hc_report_figure *figs;
	unsigned int nr_figs;
	struct hc_outdir out;
	char stage[PATH_MAX - 300];
	char command[2048];		/* this report's command line */
};

/* report.c: what every part reads from a run. */
enum hc_instrument hc_report_instrument(const struct hc_run *f);
/*
 * Whether run fi can be compared with the first run: the same instrument. Ticks of a host TSC
 * against exact instructions in qemu would be a table of nothing (or worse, of something).
 */
bool hc_report_comparable(const struct hc_report *r, unsigned int fi);
const char *hc_instrument_name(enum hc_instrument in);
/* The unit of metric in a run: "instr" under icount, else the metric ("tsc", "cycles"). */
const char *hc_report_unit(const struct hc_run *f, const char *metric);
/* What a value of metric is, for an axis or a column: "TSC ticks/op", "instructions/op". */
void hc_report_unit_label(const struct hc_run *f, const char *metric, char *buf, size_t len);
/* A short name of a run without machine paths: "host run.json", "qemu vm-kernel.json". */
const char *hc_report_file_name(const struct hc_run *f);
/*
 * Command lines without the paths of the machine that ran them: an absolute path is shown by
 * its last part. hc_report_word appends one word, hc_report_command a run's command line.
 */
void hc_report_word(char *buf, size_t len, const char *arg);
void hc_report_command(json_t *context, char *buf, size_t len);
bool hc_report_metric_selected(const struct hc_report *r, const char *metric);
/* The metric a run's headline uses: instructions, else cycles, else the first one shown. */
const char *hc_report_headline_metric(const struct hc_report *r, const struct hc_run *f);

const char *hc_jstr(json_t *obj, const char *key);
/* The names of a comparison's gate and its two configurations. */
const char *hc_report_gate(const struct hc_comparison *c);
const char *hc_report_base(const struct hc_comparison *c);
const char *hc_report_other(const struct hc_comparison *c);
/* The summary of metric in result r of run f, or NULL where r lacks it. */
const struct hc_summary *hc_report_summary(const struct hc_run *f, const struct hc_result *r,
					   const char *metric);

/* " size=64 threads=1" per parameter, appended at off; returns the new end. */
size_t hc_report_params(char *buf, size_t len, size_t off, const struct hc_params *p);
/*
 * The text report's words wrapped at 72 columns, the first line indented by first and every
 * line after it by indent. Controls from a result file's context are written as \n or \xNN:
 * they start no line of their own.
 */
void hc_report_wrap(FILE *out, const char *raw, int first, int indent);
/*
 * "tcp.rr size=64": a result's case and the parameters that vary within it (its swept bits,
 * which the analysis stage sets).
 */
size_t hc_report_case_label(const struct hc_result *r, char *buf, size_t len);
/* Digits a shift's CI supports: its half-width to one significant digit, up to 3 decimals. */
int hc_report_shift_decimals(const struct hc_comparison *c);
/*
 * "+1.00 [1.00, 1.00]" for an overhead or saving, "≈0 (<0.39)" when equivalent within the
 * margin 0.39, else "? [-0.20, 0.90]": inconclusive at this precision.
 */
void hc_report_cell(const struct hc_comparison *c, char *buf, size_t len);

/* where.c: a profiled matrix's where tables (checked at load) */
int hc_where_check(const struct hc_matrix *m);
int hc_report_where(const struct hc_matrix *m, struct hc_doc *d);
void hc_report_where_text(FILE *out, const struct hc_matrix *m);

/* headline.c, sections.c, figures.c, text.c */
int hc_report_headline(struct hc_report *r, struct hc_doc *d);
int hc_report_details(struct hc_report *r, struct hc_doc *d);
int hc_report_figures(struct hc_report *r);
int hc_report_text(struct hc_report *r, FILE *out);
/* `hookcost compare --format text`: c in the same layout, a block per metric. */
int hc_report_text_compare(FILE *out, const struct hc_cmp *c, const char *const *metrics,
			   unsigned int nr_metrics);

/*
 * publish.c: renders every file into the staging directory of r->out (checked by
 * hc_outdir_check()), then publishes them.
 */
int hc_report_publish(struct hc_report *r);
/* Whether name is a file the report writes: the names its manifest may list. */
bool hc_report_owns(const char *name);

#endif
