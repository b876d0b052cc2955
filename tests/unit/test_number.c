// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost/number.h, the grammar of typed numbers: what strtoul and strtod would take and the
 * command line must not (blanks, signs, overflow, hex, inf, nan), and the suffixes each kind
 * allows; then cli.c's parsers and the margin, which build on it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "analysis/equivalence.h"
#include "cmd/cli.h"
#include "base/error.h"
#include "hookcost/number.h"

/* s as a whole number (base) with nothing after it; UINT64_MAX stands for "refused". */
static uint64_t whole(const char *s, unsigned int base)
{
	const char *end;
	uint64_t v;

	return hc_scan_u64(s, &end, base, &v) && !*end ? v : UINT64_MAX;
}

static uint64_t size(const char *s)
{
	const char *end;
	uint64_t v;

	return hc_scan_size(s, &end, &v) && !*end ? v : UINT64_MAX;
}

static bool decimal(const char *s, double want)
{
	const char *end;
	double v;

	return hc_scan_double(s, &end, &v) && !*end && v == want;
}

static void test_whole(void **unused)
{
	static const char *const refused[] = {
		"", " 5", "5 ", "+5", "-5", "-0", "5.0", "1e3", "0x10",
		"18446744073709551616", "99999999999999999999999",
	};

	assert_int_equal(whole("0", 10), 0);
	assert_int_equal(whole("007", 10), 7);
	assert_true(whole("18446744073709551614", 10) == UINT64_MAX - 1);
	assert_int_equal(whole("c0", 16), 0xc0);
	assert_int_equal(whole("C0", 16), 0xc0);
	assert_true(whole("c0", 10) == UINT64_MAX);
	assert_true(whole("10000000000000000", 16) == UINT64_MAX);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_true(whole(refused[i], 10) == UINT64_MAX);
}

static void test_size(void **unused)
{
	static const char *const refused[] = {
		"", "k", " 1k", "+1k", "-1k", "1kk", "1 k", "1g", "1.5k",
		"17592186044416m", "18014398509481984k",
	};

	assert_int_equal(size("64"), 64);
	assert_int_equal(size("1k"), 1024);
	assert_int_equal(size("32K"), 32768);
	assert_int_equal(size("2M"), 2 << 20);
	assert_int_equal(size("17592186044415m"), 17592186044415ull << 20);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_true(size(refused[i]) == UINT64_MAX);
}

static void test_decimal(void **unused)
{
	static const char *const refused[] = {
		"", " 1", "1 ", "+1", "--1", ".", "-", "-.", "e3", "1e", "1e+", "1.2.3",
		"0x10", "0x1p3", "inf", "-inf", "nan", "infinity", "1e400", "-1e400", "1,5",
	};
	const char *end;
	double v;

	assert_true(decimal("0.05", 0.05));
	assert_true(decimal("-2", -2.0));
	assert_true(decimal(".5", 0.5));
	assert_true(decimal("5.", 5.0));
	assert_true(decimal("-.5", -0.5));
	assert_true(decimal("1e-3", 1e-3));
	assert_true(decimal("2.5E+2", 250.0));
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++)
		assert_false(hc_scan_double(refused[i], &end, &v) && !*end);
	/* The scan stops at the first character past the number, for the caller's suffix. */
	assert_true(hc_scan_double("1.5%", &end, &v) && v == 1.5 && *end == '%');
}

static void test_cli_parsers(void **unused)
{
	unsigned long u;
	unsigned int n;
	double d;

	assert_int_equal(hc_parse_ulong("-n", "31", 1, 100, &u), 0);
	assert_int_equal(u, 31);
	assert_int_equal(hc_parse_ulong("-n", " 5", 1, 100, &u), -1);
	assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	assert_int_equal(hc_parse_ulong("-n", "+5", 1, 100, &u), -1);
	assert_int_equal(hc_parse_ulong("-n", "101", 1, 100, &u), -1);
	assert_int_equal(hc_parse_uint("--jobs", "64", 1, 64, &n), 0);
	assert_int_equal(n, 64);
	assert_int_equal(hc_parse_uint("--jobs", "4294967297", 1, 64, &n), -1);
	assert_int_equal(hc_parse_uint("--jobs", "1e1", 1, 64, &n), -1);
	assert_int_equal(hc_parse_double("--alpha", "0.05", 1e-9, 0.25, &d), 0);
	assert_true(d == 0.05);
	assert_int_equal(hc_parse_double("--alpha", "nan", 1e-9, 0.25, &d), -1);
	assert_int_equal(hc_parse_double("--alpha", " 0.05", 1e-9, 0.25, &d), -1);
}

static void test_margin(void **unused)
{
	static const char *const refused[] = {
		"%", "=1", "x=", "x=%", "-1%", "1%%", "%1", " 1%", "+1%", "1 %", "nan%", "inf",
	};
	struct hc_margin m;
	char metric[32];

	assert_int_equal(hc_margin_parse("1%", &m, metric, sizeof(metric)), 0);
	assert_true(m.relative && m.value == 0.01 && !metric[0]);
	assert_int_equal(hc_margin_parse("instructions=0.5", &m, metric, sizeof(metric)), 0);
	assert_true(!m.relative && m.value == 0.5);
	assert_string_equal(metric, "instructions");
	assert_int_equal(hc_margin_parse("0%", &m, metric, sizeof(metric)), 0);
	assert_true(m.relative && m.value == 0.0);
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		assert_int_equal(hc_margin_parse(refused[i], &m, metric, sizeof(metric)), -1);
		assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_whole),
		cmocka_unit_test(test_size),
		cmocka_unit_test(test_decimal),
		cmocka_unit_test(test_cli_parsers),
		cmocka_unit_test(test_margin),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
