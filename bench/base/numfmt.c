// SPDX-License-Identifier: GPL-2.0
/*
 * Numbers as the tables and the text report print them: decimals that follow a value's size
 * or its interval's width, and p-values.
 */
#include <math.h>
#include <stdio.h>

#include "base/numfmt.h"

static int decimals_of(double a)
{
	return a >= 1000 ? 0 : a >= 100 ? 1 : a >= 1 || a == 0 ? 2 : 3;
}

int hc_value_decimals(double v)
{
	double a = fabs(v);
	int d = decimals_of(a), r;

	/* Digits are counted once rounded: 99.999 is 100.0, not 100.00. */
	r = decimals_of(round(a * pow(10, d)) / pow(10, d));
	return r < d ? r : d;
}

int hc_decimals(double x, int sig, int lo)
{
	int d;

	if (!isfinite(x) || x == 0)
		return lo;
	d = sig - 1 - (int)floor(log10(fabs(x)));
	return d < lo ? lo : d > 4 ? 4 : d;
}

void hc_fmt_fixed(char *buf, size_t len, double v, int dec, bool sign, const char *suffix)
{
	/* What rounds to zero prints as zero, not as "-0.00". */
	if (fabs(v) < 0.5 * pow(10, -dec))
		v = 0;
	if (!isfinite(v))
		snprintf(buf, len, "n/a");
	else
		snprintf(buf, len, sign ? "%+.*f%s" : "%.*f%s", dec, v, suffix);
}

void hc_fmt_p(char *buf, size_t len, double p)
{
	if (!isfinite(p))
		snprintf(buf, len, "n/a");
	else if (p < 0.001)
		snprintf(buf, len, "<0.001");
	else
		snprintf(buf, len, "%.3f", p);
}
