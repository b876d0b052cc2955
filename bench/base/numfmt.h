/* SPDX-License-Identifier: GPL-2.0 */
#ifndef HC_NUMFMT_H
#define HC_NUMFMT_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Numbers in tables. hc_value_decimals: decimals for a cost per op (1.00 and 21830 alike);
 * hc_decimals: decimals showing x to sig significant digits, within [lo, 4]; hc_fmt_fixed:
 * "n/a" for NaN, a plain zero for what rounds to zero; hc_fmt_p: a p-value, "<0.001" below.
 */
int hc_value_decimals(double v);
int hc_decimals(double x, int sig, int lo);
void hc_fmt_fixed(char *buf, size_t len, double v, int dec, bool sign, const char *suffix);
void hc_fmt_p(char *buf, size_t len, double p);

#endif
