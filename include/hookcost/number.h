/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The one grammar of numbers that people type (options, backend specs, cache geometries),
 * for the harness and the qemu plugin (user space only). strtoul and strtod are more
 * forgiving than a command line should be: they skip blanks, take a sign ("-1" wraps to
 * 2^64 - 1), saturate on overflow without failing, and read hex, "inf" and "nan". Here a
 * number is plain digits, all of them consumed, or it is no number:
 *   whole:   DIGITS (base 10; base 16 where the caller says so), below 2^64
 *   size:    a whole number with an optional k/K (x 1024) or m/M (x 1024^2) suffix
 *   decimal: [-]DIGITS[.DIGITS][e[+-]DIGITS] or [-].DIGITS..., finite
 * Each scan stops at the first character past the number (*end): the caller says what may
 * follow ('%', ',', ':' or the end of the string).
 */
#ifndef HC_NUMBER_H
#define HC_NUMBER_H

#include <errno.h>
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

static inline int hc_digit_value(char c, unsigned int base)
{
	int v = c >= '0' && c <= '9' ? c - '0' :
		c >= 'a' && c <= 'f' ? c - 'a' + 10 :
		c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;

	return v < (int)base ? v : -1;
}

/* A whole number in base 10 or 16 at s; false if there is no digit or it overflows. */
static inline bool hc_scan_u64(const char *s, const char **end, unsigned int base, uint64_t *v)
{
	const char *p = s;
	int d;

	*v = 0;
	for (; (d = hc_digit_value(*p, base)) >= 0; p++)
		if (__builtin_mul_overflow(*v, base, v) || __builtin_add_overflow(*v, d, v))
			return false;
	*end = p;
	return p != s;
}

/* A decimal whole number with an optional k/K or m/M suffix (powers of 1024). */
static inline bool hc_scan_size(const char *s, const char **end, uint64_t *v)
{
	uint64_t unit = 1;

	if (!hc_scan_u64(s, end, 10, v))
		return false;
	if (**end == 'k' || **end == 'K')
		unit = 1024;
	else if (**end == 'm' || **end == 'M')
		unit = 1024 * 1024;
	if (unit > 1)
		(*end)++;
	return !__builtin_mul_overflow(*v, unit, v);
}

/* The digits at p, if any; the position after them. */
static inline const char *hc_skip_digits(const char *p)
{
	while (*p >= '0' && *p <= '9')
		p++;
	return p;
}

/* A finite decimal number at s (the grammar above); false otherwise. */
static inline bool hc_scan_double(const char *s, const char **end, double *v)
{
	const char *p = s + (*s == '-'), *q = hc_skip_digits(p);
	char *stop;

	if (*q == '.')
		q = hc_skip_digits(q + 1);
	/* At least one digit before or after the point. */
	if (q == p || (q == p + 1 && *p == '.'))
		return false;
	if (*q == 'e' || *q == 'E') {
		const char *x = q + 1 + (q[1] == '+' || q[1] == '-'), *y = hc_skip_digits(x);

		if (y == x)
			return false;
		q = y;
	}
	errno = 0;
	*v = strtod(s, &stop);
	*end = stop;
	return stop == q && isfinite(*v) && !(errno == ERANGE && fabs(*v) > 1.0);
}

#endif
