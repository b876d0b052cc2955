// SPDX-License-Identifier: GPL-2.0
/*
 * doc.c, cli.c and result_load.c: one table in the three formats, text from a result file kept
 * text in each, number formatting, shell quoting of recorded command lines, and the context
 * comparison behind compare's warning.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "base/numfmt.h"
#include "cmd/cli.h"
#include "base/doc.h"
#include "output/result_load.h"

static char *render(enum hc_doc_fmt fmt)
{
	struct hc_doc d = { .fmt = fmt };
	struct hc_table *t;
	char *buf = NULL;
	size_t len;

	d.f = open_memstream(&buf, &len);
	t = hc_table_new("lr", "case", "delta", NULL);
	hc_table_row(t, false);
	hc_table_cell(t, "nop1");
	hc_table_cell(t, "+0.00");
	hc_table_row(t, true);
	hc_table_cell(t, "a|b<c");
	hc_table_cell(t, "+1.00 *");
	hc_table_row(t, false);
	hc_table_cell(t, "p <0.01 [x](y) &#60;<1a@b.c>");
	hc_table_cell(t, "6.1\n## H\033[31m");
	assert_int_equal(hc_table_rows(t), 3);
	assert_int_equal(hc_doc_table(&d, t), 0);
	fclose(d.f);
	return buf;
}

static void test_table_formats(void **unused)
{
	char *text = render(HC_DOC_TEXT), *md = render(HC_DOC_MARKDOWN);
	char *html = render(HC_DOC_HTML);

	/* Text: padded columns, numbers right-aligned, no trailing blanks. */
	/* Controls from a result file never end a row, start a line or reach a terminal. */
	assert_string_equal(text, "case                                      delta\n"
			    "----------------------------  -----------------\n"
			    "nop1                                      +0.00\n"
			    "a|b<c                                   +1.00 *\n"
			    "p <0.01 [x](y) &#60;<1a@b.c>  6.1\\n## H\\x1b[31m\n\n");
	/* Markdown: no tag, entity, link or cell end; "p <0.01" stays readable. */
	assert_string_equal(md, "| case | delta |\n| :--- | ---: |\n| nop1 | +0.00 |\n"
			    "| a\\|b&lt;c | +1.00 \\* |\n"
			    "| p <0.01 [x\\](y) &amp;#60;&lt;1a@b.c> | "
			    "6.1\\\\n## H\\\\x1b[31m |\n\n");
	assert_non_null(strstr(html, "<tr class=\"marked\"><td>a|b&lt;c</td>"));
	assert_non_null(strstr(html, "<td class=\"r\">+0.00</td>"));
	free(text);
	free(md);
	free(html);
}

static void test_numbers(void **unused)
{
	char buf[32];

	hc_fmt_fixed(buf, sizeof(buf), -0.0004, 3, true, "");
	assert_string_equal(buf, "+0.000");
	hc_fmt_fixed(buf, sizeof(buf), 12.345, 2, true, "%");
	assert_string_equal(buf, "+12.35%");
	hc_fmt_fixed(buf, sizeof(buf), 0.0 / 0.0, 2, false, "");
	assert_string_equal(buf, "n/a");
	assert_int_equal(hc_value_decimals(21830), 0);
	assert_int_equal(hc_value_decimals(1.0), 2);
	/* The digits a value needs are counted once it is rounded: no "100.00" beside "100.0". */
	assert_int_equal(hc_value_decimals(99.9999), 1);
	assert_int_equal(hc_value_decimals(-0.99996), 2);
	assert_int_equal(hc_value_decimals(999.96), 0);
	assert_int_equal(hc_value_decimals(99.99), 2);
	assert_int_equal(hc_decimals(0.004, 1, 0), 3);
	assert_int_equal(hc_decimals(0.00001, 1, 0), 4);
	hc_fmt_p(buf, sizeof(buf), 0.0004);
	assert_string_equal(buf, "<0.001");
}

static void test_shell_word(void **unused)
{
	char buf[128] = "";

	hc_shell_word(buf, sizeof(buf), "hookcost");
	hc_shell_word(buf, sizeof(buf), "--case=nop1,nop5");
	hc_shell_word(buf, sizeof(buf), "it's a file");
	hc_shell_word(buf, sizeof(buf), "");
	assert_string_equal(buf, "hookcost --case=nop1,nop5 'it'\\''s a file' ''");
}

static void test_context_diff(void **unused)
{
	json_t *a = json_pack("{s:{s:s},s:s,s:s,s:[s]}", "kernel", "release", "6.1.0",
			      "backend", "perf", "date", "monday", "warnings", "w");
	json_t *b = json_pack("{s:{s:s},s:s,s:s,s:i}", "kernel", "release", "6.18.0",
			      "backend", "perf", "date", "tuesday", "pu", 3);
	char buf[256];

	assert_int_equal(hc_context_diff(a, a, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
	/* Date and warnings differ by nature and are not named. */
	assert_int_equal(hc_context_diff(a, b, buf, sizeof(buf)), 2);
	assert_string_equal(buf, "kernel.release (6.1.0 vs 6.18.0), pu (missing vs 3)");
	json_decref(a);
	json_decref(b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_formats),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_shell_word),
		cmocka_unit_test(test_context_diff),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
