/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Comparison of two result files variant by variant: `hookcost compare` prints it, and
 * `hookcost report` puts it in the report when it is given several runs.
 */
#ifndef HC_COMPARE_H
#define HC_COMPARE_H

#include <stdbool.h>

#include "report/doc.h"
#include "output/result_load.h"
#include "analysis/stats.h"

struct hc_cmp_row {
	const struct hc_rrow *base, *other;
	const char *metric;
	double base_median, other_median;
	struct hc_shift s;	/* other - base */
	bool significant;
};

struct hc_cmp {
	const struct hc_rfile *base, *other;
	double alpha;
	struct hc_cmp_row *rows;
	unsigned int nr_rows;
	unsigned int only_base, only_other;	/* variants measured in one file only */
	unsigned int skipped;			/* pairs where either side was skipped */
	unsigned int few_samples;		/* rows with fewer than advised samples */
	char context_diff[1024];		/* what differs between the contexts, or "" */
};

/*
 * Pairs the variants of other with those of base: same suite, case, gate, parameters and
 * configuration; a variant left alone on both sides (say `unused` in base and `active` in
 * other) is paired with its single counterpart. Then compares each metric of metrics.
 */
int hc_cmp_build(const struct hc_rfile *base, const struct hc_rfile *other,
		 const char *const *metrics, unsigned int nr_metrics, double alpha,
		 struct hc_cmp *c);
void hc_cmp_free(struct hc_cmp *c);

/* The table of one metric, its geometric-mean row and the notes that explain it. */
int hc_cmp_render(struct hc_doc *d, const struct hc_cmp *c, const char *metric);

/* "tcp.charge static/unused→active size=64" */
void hc_cmp_row_label(const struct hc_cmp_row *r, char *buf, size_t len);

/* What the tables do not show: context differences, unpaired and skipped variants. */
void hc_cmp_notes(struct hc_doc *d, const struct hc_cmp *c);

/* Rows of metric whose cost rose significantly by more than pct percent. */
unsigned int hc_cmp_regressions(const struct hc_cmp *c, const char *metric, double pct);

#endif
