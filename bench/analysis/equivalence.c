// SPDX-License-Identifier: GPL-2.0
/*
 * Margins and the three-way verdict.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "analysis/equivalence.h"
#include "hookcost/number.h"

/* Coverage below the requested level by more than rounding. */
#define LEVEL_EPS 1e-9

int hc_margin_parse(const char *arg, struct hc_margin *m, char *metric, size_t len)
{
	const char *eq = strchr(arg, '='), *num = eq ? eq + 1 : arg, *end;
	double v;
	bool ok;

	metric[0] = '\0';
	if (eq) {
		if (eq == arg || (size_t)(eq - arg) >= len)
			return hc_usage_err("--margin %s: expected [METRIC=]VALUE[%%]", arg);
		memcpy(metric, arg, eq - arg);
		metric[eq - arg] = '\0';
	}
	ok = hc_scan_double(num, &end, &v);
	m->relative = ok && *end == '%';
	if (!ok || end[m->relative] || v < 0.0)
		return hc_usage_err("--margin %s: expected [METRIC=]VALUE[%%], a non-negative number",
				    arg);
	m->value = m->relative ? v / 100.0 : v;
	return 0;
}

double hc_margin_abs(const struct hc_margin *m, double base_median)
{
	return m->relative ? m->value * fabs(base_median) : m->value;
}

double hc_margin_floor(const char *metric, const struct hc_margin_base *b,
		       enum hc_margin_origin *origin)
{
	static const char *const time_metrics[] = {
		"cycles", "ref-cycles", "tsc", "ns", "task-clock", "cpu-clock", NULL,
	};
	bool is_time = false;

	*origin = HC_MARGIN_NO_FLOOR;
	if (!b)
		return 0.0;
	if (b->exact) {
		*origin = HC_MARGIN_FLOOR_EXACT;
		return 0.5;
	}
	for (unsigned int i = 0; time_metrics[i]; i++)
		is_time |= !strcmp(metric, time_metrics[i]);
	if (!is_time) {
		*origin = HC_MARGIN_FLOOR_EVENTS;
		return 0.01;
	}
	if (b->loop_per_op > 0.0) {
		*origin = HC_MARGIN_FLOOR_LOOP;
		return b->loop_per_op / 10.0;
	}
	if (b->reads_per_op > 0.0) {
		*origin = HC_MARGIN_FLOOR_READS;
		return b->reads_per_op;
	}
	return 0.0;
}

double hc_margin_for(const struct hc_margin *m, const char *metric, double base_median,
		     const struct hc_margin_base *b, double *floor,
		     enum hc_margin_origin *origin)
{
	enum hc_margin_origin why;
	double rel;

	*floor = hc_margin_floor(metric, b, &why);
	if (!m->relative) {
		*origin = HC_MARGIN_GIVEN;
		return m->value;
	}
	rel = hc_margin_abs(m, base_median);
	/* Above the floor, or without one, the relative margin stands. */
	*origin = why == HC_MARGIN_NO_FLOOR ? why : rel >= *floor ? HC_MARGIN_RELATIVE : why;
	return fmax(rel, *floor);
}

void hc_margin_format(const struct hc_margin *m, char *buf, size_t len)
{
	if (m->relative)
		snprintf(buf, len, "%g%%", 100.0 * m->value);
	else
		snprintf(buf, len, "%g", m->value);
}

/* Samples for an interval now half as wide as half_now to narrow to half_want. */
static double samples_for(size_t n, double half_now, double half_want)
{
	double want;

	if (!(half_now > 0.0) || !(half_want > 0.0))
		return 0.0;
	want = ceil((double)n * (half_now / half_want) * (half_now / half_want));
	return fmax(want, (double)n + 1.0);
}

unsigned int hc_rank_min_n(bool paired, double alpha)
{
	unsigned int n;

	for (n = 1; n < 10000; n++) {
		double log_min_p = paired ? (1.0 - n) * M_LN2 :
				   M_LN2 - (lgamma(2.0 * n + 1.0) - 2.0 * lgamma(n + 1.0));

		if (log_min_p <= log(alpha) + LEVEL_EPS)
			break;
	}
	return n;
}

static bool reaches(const struct hc_ci *ci, double level)
{
	return ci->coverage >= level - LEVEL_EPS;
}

const struct hc_ci *hc_judged_ci(const struct hc_judged *j, double *level)
{
	bool within = fabs(j->delta) < j->margin;

	*level = within ? 1.0 - 2.0 * j->alpha : 1.0 - j->alpha;
	return within ? &j->ci_tost : &j->ci;
}

enum hc_verdict_kind hc_judge(const struct hc_judged *j, double *needed_n)
{
	double size = fabs(j->delta);

	*needed_n = 0.0;
	if (j->margin > 0.0 && j->ci_tost.lo > -j->margin && j->ci_tost.hi < j->margin &&
	    reaches(&j->ci_tost, 1.0 - 2.0 * j->alpha))
		return HC_VERDICT_EQUIVALENT;
	if (size >= j->margin && (j->ci.lo > 0.0 || j->ci.hi < 0.0) &&
	    reaches(&j->ci, 1.0 - j->alpha))
		return j->delta < 0.0 ? HC_VERDICT_SAVING : HC_VERDICT_OVERHEAD;
	/* Within the margin: narrow the TOST interval to fit; beyond it: exclude 0. */
	if (size < j->margin)
		*needed_n = fmax(samples_for(j->n, (j->ci_tost.hi - j->ci_tost.lo) / 2.0,
					     j->margin - size),
				 hc_rank_min_n(j->paired, 2.0 * j->alpha));
	else if (size > j->margin)
		*needed_n = fmax(samples_for(j->n, (j->ci.hi - j->ci.lo) / 2.0, size),
				 hc_rank_min_n(j->paired, j->alpha));
	return HC_VERDICT_INCONCLUSIVE;
}

/*
 * sig significant digits, without an exponent for the magnitudes counters produce; counted
 * once rounded, so that 0.99996 is 1.00 and not 1.000.
 */
static void fmt_num(char *buf, size_t len, double v, int sig)
{
	double mag = fabs(v);
	int decimals;

	if (mag == 0.0 || !isfinite(v)) {
		snprintf(buf, len, "%g", v);
		return;
	}
	if (mag < 1e-3 || mag >= 1e12) {
		snprintf(buf, len, "%.*g", sig, v);
		return;
	}
	decimals = sig - 1 - (int)floor(log10(mag));
	if (decimals > 0 && round(mag * pow(10, decimals)) >= pow(10, sig))
		decimals--;
	snprintf(buf, len, "%.*f", decimals > 0 ? decimals : 0, v);
}

void hc_fmt_decimals(char *buf, size_t len, double v, int dec)
{
	snprintf(buf, len, "%.*f", dec, v);
}

static int side(double a, double b)
{
	return (a > b) - (a < b);
}

/* Which side of w v is on once both are printed by fmt, at n and nw digits. */
static int printed_side(hc_num_fmt fmt, double v, int n, double w, int nw)
{
	char a[400], b[400];

	fmt(a, sizeof(a), v, n);
	fmt(b, sizeof(b), w, nw);
	return side(strtod(a, NULL), strtod(b, NULL));
}

bool hc_judged_reads_true(const struct hc_judged *j, const struct hc_ci *ci, hc_num_fmt fmt,
			  int n, int margin_n)
{
	const double x[] = { fabs(j->delta), fabs(ci->lo), fabs(ci->hi) };

	for (unsigned int i = 0; i < 3; i++)
		if (isfinite(x[i]) &&
		    printed_side(fmt, x[i], n, j->margin, margin_n) != side(x[i], j->margin))
			return false;
	return printed_side(fmt, ci->lo, n, 0.0, n) == side(ci->lo, 0.0) &&
	       printed_side(fmt, ci->hi, n, 0.0, n) == side(ci->hi, 0.0);
}

/* The significant digits, 3 or more, at which the sentence reads as its numbers do. */
static int digits_apart(const struct hc_judged *j, const struct hc_ci *ci)
{
	int sig = 3;

	while (sig < 17 && !hc_judged_reads_true(j, ci, fmt_num, sig, sig))
		sig++;
	return sig;
}

/* " (89.1 % reached at n = 5)" when coverage is short of the requested level, else "". */
static void shortfall(char *buf, size_t len, double coverage, double want, size_t n)
{
	buf[0] = '\0';
	if (coverage < want - LEVEL_EPS)
		snprintf(buf, len, " (%.4g %% reached at n = %zu)", 100.0 * coverage, n);
}

void hc_judged_sentence(const struct hc_judged *j, enum hc_verdict_kind k, double needed,
			const char *unit, char *buf, size_t len)
{
	const char *sep = unit && *unit ? " " : "";
	char d[32], lo[32], hi[32], m[32], note[64], fam[64], more[64], why[64];
	double level;
	const struct hc_ci *ci = hc_judged_ci(j, &level);
	int sig = digits_apart(j, ci);

	if (!unit)
		unit = "";
	fmt_num(d, sizeof(d), j->delta, sig);
	fmt_num(lo, sizeof(lo), ci->lo, sig);
	fmt_num(hi, sizeof(hi), ci->hi, sig);
	fmt_num(m, sizeof(m), j->margin, sig);
	shortfall(note, sizeof(note), ci->coverage, level, j->n);
	fam[0] = more[0] = why[0] = '\0';
	if (j->margin_why)
		snprintf(why, sizeof(why), " (%s)", j->margin_why);
	if (j->family)
		snprintf(fam, sizeof(fam), ", %s family of %u", j->family, j->family_size);
	if (k == HC_VERDICT_INCONCLUSIVE && needed > 0.0)
		snprintf(more, sizeof(more), "; about %.0f samples would settle it", needed);
	snprintf(buf, len, "%s %s [%s, %s]%s%s at %.4g %%%s, margin %s%s%s%s",
		 hc_verdict_kind_name(k), d, lo, hi, sep, unit, 100.0 * level, note, m, why, fam,
		 more);
}

void hc_judge_sentence(const struct hc_judged *j, const char *unit, char *buf, size_t len)
{
	double needed;
	enum hc_verdict_kind k = hc_judge(j, &needed);

	hc_judged_sentence(j, k, needed, unit, buf, len);
}
