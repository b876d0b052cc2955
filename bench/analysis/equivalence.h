/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Three-way verdicts against a margin: what "free when unused" means is not "no difference was
 * detected" (a wide interval detects nothing) but "any difference is smaller than M".
 */
#ifndef HC_EQUIVALENCE_H
#define HC_EQUIVALENCE_H

#include <stdbool.h>
#include <stddef.h>

#include "analysis/interval.h"
#include "base/verdict.h"

/* The level of every test (intervals at 1 - alpha) unless --alpha says otherwise. */
#define HC_ALPHA_DEFAULT 0.05
/*
 * --alpha's bounds in every command: the two one-sided tests use the interval at
 * 1 - 2 alpha, which must keep a level of at least a half.
 */
#define HC_ALPHA_MIN 1e-9
#define HC_ALPHA_MAX 0.25

/* A margin per operation: absolute in the metric's unit, or a fraction of the base's median. */
struct hc_margin {
	double value;
	bool relative;
};

#define HC_MARGIN_DEFAULT ((struct hc_margin){ .value = 0.01, .relative = true })

/*
 * "0.5" (absolute) or "1%" (of the base configuration's median), optionally prefixed by
 * "METRIC=" (copied into metric, else metric is ""). Non-negative and finite; -1 and hc_err
 * otherwise (a usage error).
 */
int hc_margin_parse(const char *arg, struct hc_margin *m, char *metric, size_t len);

/* The margin in the metric's unit for a base whose median is base_median. */
double hc_margin_abs(const struct hc_margin *m, double base_median);

/* What the base of a comparison tells about the resolution of its metric. */
struct hc_margin_base {
	bool exact;		/* counts repeat exactly (qemu icount, valgrind) */
	double loop_per_op;	/* the baseline loop's cost per iteration; 0 or NAN: unknown */
	double reads_per_op;	/* the counter reads' cost a sample, per op; 0 or NAN: unknown */
};

/*
 * The least margin a relative one may shrink to, so that a base near 0 cannot make
 * "equivalent" unreachable, with its origin: in exact counts 0.5 per op (the question's
 * resolution is one instruction per op, which counts resolve exactly: halfway, one more
 * instruction in every op is an overhead and none is equivalent, whatever the rounding of
 * a net count in the last digits); in time (cycles, tsc, ns, ...) a tenth of the baseline
 * loop's cost per op, what loop alignment alone moves, or in a case without that loop (a
 * system call's) the cost of the two counter reads per op, the constant subtracted from
 * every sample: a shift below it cannot be told from an error in that constant; in other
 * event counts 1 per 100 ops. 0 and HC_MARGIN_NO_FLOOR when b is NULL or a time metric has
 * neither.
 */
double hc_margin_floor(const char *metric, const struct hc_margin_base *b,
		       enum hc_margin_origin *origin);

/* The margin m (of metric, over a base with median base_median and b) and its origin. */
double hc_margin_for(const struct hc_margin *m, const char *metric, double base_median,
		     const struct hc_margin_base *b, double *floor,
		     enum hc_margin_origin *origin);


/* "0.5" or "1%" */
void hc_margin_format(const struct hc_margin *m, char *buf, size_t len);

/* What a verdict is made of: one comparison of other against base. */
struct hc_judged {
	double delta;		/* estimated shift, other - base */
	struct hc_ci ci;	/* at 1 - alpha: the two-sided test of no shift at alpha */
	struct hc_ci ci_tost;	/* at 1 - 2 alpha: the two one-sided tests at alpha */
	double alpha;		/* this comparison's share of its family's: alpha_f / m */
	double margin;		/* absolute, > 0 for an equivalence to be possible */
	const char *margin_why;	/* where it comes from: "1 % of base", "floor: ...", or NULL */
	size_t n;		/* samples (pairs, or runs) behind the interval */
	bool paired;		/* the test is the signed-rank one, else Mann-Whitney */
	const char *family;	/* its name: "primary", "secondary", "compare" (or NULL) */
	unsigned int family_size;	/* m: comparisons alpha_f is shared by (Bonferroni) */
};

/*
 * The rule, decided by the intervals alone so that the line that prints one can be checked
 * from it (Bonferroni: each of the family's m comparisons at alpha = alpha_f / m holds the
 * family-wise error at alpha_f for every claim, equivalent or overhead, made in it):
 * - equivalent: ci_tost reaches its level 1 - 2 alpha and lies inside (-margin, margin): both
 *   one-sided tests reject a shift of margin or more at alpha (TOST, Schuirmann 1987);
 * - overhead (saving when negative): |delta| >= margin, and ci reaches its level 1 - alpha and
 *   excludes 0;
 * - inconclusive otherwise: *needed_n is the n estimated to settle it (intervals narrow as
 *   1/sqrt(n), and no rank interval reaches 1 - alpha below hc_rank_min_n()), 0 when no n
 *   would (delta on the margin, or a zero-width interval).
 * The interval a line prints is the one its question uses: ci_tost while |delta| < margin
 * (can it be equivalent?), else ci (is it an overhead?); hc_judged_ci() picks it.
 */
enum hc_verdict_kind hc_judge(const struct hc_judged *j, double *needed_n);

/* The interval the verdict of j rests on, and its level. */
const struct hc_ci *hc_judged_ci(const struct hc_judged *j, double *level);

/*
 * The least n per side whose exact rank interval can reach 1 - alpha (its smallest two-sided
 * p, 2^(1 - n) signed-rank or 2 / C(2n, n) Mann-Whitney with n per side, is <= alpha).
 */
unsigned int hc_rank_min_n(bool paired, double alpha);

/*
 * The sentence, with every number the rule needs: "overhead 3.10 [2.90, 3.30] instructions/op
 * at 99.4 %, margin 0.500, primary family of 8", "equivalent 0.01 [-0.20, 0.21] ... at
 * 98.8 %, margin 0.500, ...", "inconclusive ...; about 60 samples would settle it". An
 * interval below its requested level says what it reaches. unit may be NULL.
 */
void hc_judge_sentence(const struct hc_judged *j, const char *unit, char *buf, size_t len);

/* Prints v at n digits: significant ones (the sentence) or decimals (hc_fmt_decimals). */
typedef void (*hc_num_fmt)(char *buf, size_t len, double v, int n);
void hc_fmt_decimals(char *buf, size_t len, double v, int dec);

/*
 * Whether the rule reads j's numbers printed by fmt (delta and ci at n digits, the margin at
 * margin_n) as it reads the numbers themselves: |delta| and either end of ci on the same side
 * of the margin, either end on the same side of 0. A shift on its margin printed as "1.000"
 * beside "1.000" does not.
 */
bool hc_judged_reads_true(const struct hc_judged *j, const struct hc_ci *ci, hc_num_fmt fmt,
			  int n, int margin_n);

/*
 * The same sentence for a verdict k already settled (a loaded file's), needed_n as
 * hc_judge() gave it (0: no "about N samples" clause).
 */
void hc_judged_sentence(const struct hc_judged *j, enum hc_verdict_kind k, double needed_n,
			const char *unit, char *buf, size_t len);

#endif
