// SPDX-License-Identifier: GPL-2.0
/*
 * Margins and the three-way verdict.
 */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "analysis/equivalence.h"

/* Coverage below the requested level by more than rounding. */
#define LEVEL_EPS 1e-9

int hc_margin_parse(const char *arg, struct hc_margin *m, char *metric, size_t len)
{
	const char *eq = strchr(arg, '='), *num = eq ? eq + 1 : arg;
	char *end;
	double v;

	metric[0] = '\0';
	if (eq) {
		if (eq == arg || (size_t)(eq - arg) >= len)
			return hc_usage_err("--margin %s: expected [METRIC=]VALUE[%%]", arg);
		memcpy(metric, arg, eq - arg);
		metric[eq - arg] = '\0';
	}
	errno = 0;
	v = strtod(num, &end);
	m->relative = *end == '%';
	if (m->relative)
		end++;
	if (end == num || *end || errno || !isfinite(v) || v < 0.0)
		return hc_usage_err("--margin %s: expected [METRIC=]VALUE[%%], a non-negative number",
				    arg);
	m->value = m->relative ? v / 100.0 : v;
	return 0;
}

double hc_margin_abs(const struct hc_margin *m, double base_median)
{
	return m->relative ? m->value * fabs(base_median) : m->value;
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

/*
 * The n (per side) below which no result of the rank test can pass alpha after Holm's
 * adjustment of a family: its smallest two-sided p is 2^(1 - n) for the signed-rank test,
 * 2 / C(2n, n) for Mann-Whitney with n per side; Holm multiplies it by the family at most.
 * The same n is the least for which its interval can reach 1 - alpha.
 */
static double rank_floor_n(bool paired, double family, double alpha)
{
	double n;

	for (n = 1.0; n < 1e4; n++) {
		double log_min_p = paired ? (1.0 - n) * M_LN2 :
				   M_LN2 - (lgamma(2.0 * n + 1.0) - 2.0 * lgamma(n + 1.0));

		if (log_min_p + log(family) < log(alpha))
			break;
	}
	return n;
}

/*
 * TOST at alpha needs the 1 - 2 alpha interval: a narrower one (the whole range at a small
 * n) holds less than that, and an equivalence drawn from it would claim more than it has.
 */
static bool tost_reaches_level(const struct hc_judged *j)
{
	return j->ci_tost.coverage >= 1.0 - 2.0 * j->alpha - LEVEL_EPS;
}

enum hc_verdict_kind hc_judge(const struct hc_judged *j, double *needed_n)
{
	double size = fabs(j->delta);

	*needed_n = 0.0;
	if (j->margin > 0.0 && j->ci_tost.lo > -j->margin && j->ci_tost.hi < j->margin &&
	    tost_reaches_level(j))
		return HC_VERDICT_EQUIVALENT;
	if (j->p_adj < j->alpha && (j->ci.lo > 0.0 || j->ci.hi < 0.0) && size >= j->margin)
		return j->delta < 0.0 ? HC_VERDICT_SAVING : HC_VERDICT_OVERHEAD;
	/* Within the margin: narrow the TOST interval to fit; beyond it: exclude 0. */
	if (size < j->margin)
		*needed_n = fmax(samples_for(j->n, (j->ci_tost.hi - j->ci_tost.lo) / 2.0,
					     j->margin - size),
				 rank_floor_n(j->paired, 1.0, 2.0 * j->alpha));
	else if (size > j->margin)
		*needed_n = fmax(samples_for(j->n, (j->ci.hi - j->ci.lo) / 2.0, size),
				 rank_floor_n(j->paired, j->family > 1 ? j->family : 1.0,
					      j->alpha));
	return HC_VERDICT_INCONCLUSIVE;
}

/* Three significant digits without an exponent for the magnitudes counters produce. */
static void fmt_num(char *buf, size_t len, double v)
{
	double mag = fabs(v);
	int decimals;

	if (mag == 0.0 || !isfinite(v)) {
		snprintf(buf, len, "%g", v);
		return;
	}
	if (mag < 1e-3 || mag >= 1e12) {
		snprintf(buf, len, "%.3g", v);
		return;
	}
	decimals = 2 - (int)floor(log10(mag));
	snprintf(buf, len, "%.*f", decimals > 0 ? decimals : 0, v);
}

/* " (89.1 % reached at n = 5)" when coverage is short of the requested level, else "". */
static void shortfall(char *buf, size_t len, double coverage, double want, size_t n)
{
	buf[0] = '\0';
	if (coverage < want - LEVEL_EPS)
		snprintf(buf, len, " (%.3g %% reached at n = %zu)", 100.0 * coverage, n);
}

void hc_judge_sentence(const struct hc_judged *j, const char *unit, char *buf, size_t len)
{
	const char *sep = unit && *unit ? " " : "";
	char d[32], lo[32], hi[32], m[32], note[64];
	double needed;
	enum hc_verdict_kind k = hc_judge(j, &needed);

	if (!unit)
		unit = "";
	fmt_num(d, sizeof(d), j->delta);
	fmt_num(lo, sizeof(lo), j->ci.lo);
	fmt_num(hi, sizeof(hi), j->ci.hi);
	fmt_num(m, sizeof(m), j->margin);
	shortfall(note, sizeof(note), j->ci.coverage, 1.0 - j->alpha, j->n);
	/* Inside the margin but not equivalent: what held it back is the TOST interval's level. */
	if (k == HC_VERDICT_INCONCLUSIVE && !tost_reaches_level(j) && j->margin > 0.0 &&
	    j->ci_tost.lo > -j->margin && j->ci_tost.hi < j->margin)
		shortfall(note, sizeof(note), j->ci_tost.coverage, 1.0 - 2.0 * j->alpha, j->n);
	switch (k) {
	case HC_VERDICT_EQUIVALENT:
		snprintf(buf, len, "equivalent: |delta| < %s%s%s at %.3g %%", m, sep, unit,
			 100.0 * (1.0 - j->alpha));
		return;
	case HC_VERDICT_OVERHEAD:
	case HC_VERDICT_SAVING:
		snprintf(buf, len, "%s %s [%s, %s]%s%s, adj. p = %.2g%s", hc_verdict_kind_name(k),
			 d, lo, hi, sep, unit, j->p_adj, note);
		return;
	case HC_VERDICT_INCONCLUSIVE:
		if (needed > 0.0)
			snprintf(buf, len, "inconclusive: CI [%s, %s]%s%s against the margin %s%s; "
				 "about %.0f samples would settle it", lo, hi, sep, unit, m, note,
				 needed);
		else
			snprintf(buf, len, "inconclusive: CI [%s, %s]%s%s against the margin %s%s",
				 lo, hi, sep, unit, m, note);
		return;
	}
}
