// SPDX-License-Identifier: GPL-2.0
/*
 * Loading result files: a valid file loads, and every kind of schema violation is one usage
 * error naming the JSON path. Each case mutates tests/fixtures/result-configs.json at one path.
 * Also built with ASan/UBSan (tests/fuzz.mk) for `make check`.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "base/error.h"
#include "output/result_load.h"

#define FIXTURE "tests/fixtures/result-configs.json"

struct mutation {
	const char *path;	/* dot separated; numbers index arrays; '*' is the first key */
	const char *value;	/* JSON text, or NULL to delete the key */
	const char *expect;	/* in the error message */
};

static const struct mutation mutations[] = {
	{ "results.0.samples", "4294967296", "\"samples\" says 4294967296" },
	{ "results.0.samples", "18446744073709551616", "not a JSON file" },
	{ "results.0.gate", "\"golden\"", "results[0].gate: must be one of: none, static" },
	{ "results.0.config", "\"<b>x</b>\"", "results[0].config: must be one of" },
	{ "results.0.case", "\"a\\nsystem \\\"touch x\\\"\\n#\"",
	  "results[0].case: must not contain control characters" },
	{ "results.0.suite", "\"\"", "results[0].suite: must not be empty" },
	{ "results.0.skipped", "\"why\\u001b[2J\"", "results[0].skipped: must not contain" },
	{ "results.0.metrics", "{}", "results[0].metrics: must not be empty" },
	{ "results.0.metrics", NULL, "results[0].metrics: missing" },
	{ "results.0.metrics.*.values", "[]", ".values: must be a non-empty array" },
	{ "results.0.metrics.*.values", "[1, \"2\"]", ".values: [1] must be a number" },
	{ "results.0.metrics.*.median", NULL, ".median: missing" },
	{ "results.0.metrics.*.median", "\"1\"", ".median: must be a number or null" },
	{ "results.0.metrics.*.ci95", "[1]", ".ci95: must be [lo, hi]" },
	{ "results.0.metrics.*.mad", "-1", ".mad: -1 is outside [0, inf]" },
	{ "results.0.metrics.*.multiplexed_samples", "1.5", "must be a whole number >= 0" },
	{ "results.0.metrics.\xc2\x85" "x", "{}", "keys must be non-empty names" },
	{ "results.0.overhead", "3", "results[0].overhead: must be an object" },
	{ "results.0.overhead", "{\"cycles\": {\"per_sample\": \"a\"}}",
	  "results[0].overhead.cycles.per_sample: must be a number or null" },
	{ "results.0.params", "{\"size\": \"64\"}", "results[0].params.size: must be a number" },
	{ "results.0.iterations", "-1", "results[0].iterations: must be a whole number >= 0" },
	{ "results.0.counting", "\"kernel\"", "results[0].counting: must be one of: user, user+k" },
	{ "results.0.exact", "1", "results[0].exact: must be true or false" },
	{ "results.0.interruptions", "[]", "results[0].interruptions: must be an object" },
	{ "results.0.interruptions", "{\"remeasured\": 1}", "results[0].interruptions.kept: missing" },
	{ "results.0.interruptions", "{\"remeasured\": -1, \"kept\": 0}",
	  "results[0].interruptions.remeasured: must be a whole number >= 0" },
	{ "results.0", "[]", "results[0]: must be an object" },
	{ "results", "\"x\"", "results: must be an array" },
	{ "context", "[]", "context: must be an object" },
	{ "context", NULL, "context: missing" },
	{ "context.warnings", "[1]", "context.warnings: [0] must be a string" },
	{ "context.command", "7", "context.command: must be an array of strings" },
	{ "comparisons.0.p_value", "2", "comparisons[0].p_value: 2 is outside [0, 1]" },
	{ "comparisons.0.base", "\"<script>\"", "comparisons[0].base: must be one of" },
	{ "comparisons.0.metric", "\"\"", "comparisons[0].metric: must not be empty" },
	{ "comparisons.0.verdict", NULL, "comparisons[0].verdict: missing" },
	{ "comparisons", "{}", "comparisons: must be an array" },
	{ "samples_csv", "5", "samples_csv: must be a string" },
	{ "complete", NULL, "complete: missing" },
	{ "complete", "1", "complete: must be true or false" },
	{ "schema", "\"hookcost-result/9\"", "schema \"hookcost-result/9\" is not supported" },
	{ "schema", "1", "schema: must be a string" },
	{ "schema", NULL, "not a hookcost result (no \"schema\" key)" },
};

/* The container of the last component of path, and that component in last. */
static json_t *walk(json_t *node, const char *path, char *last, size_t len)
{
	char buf[256], *tok, *next, *save = NULL;

	snprintf(buf, sizeof(buf), "%s", path);
	tok = strtok_r(buf, ".", &save);
	while ((next = strtok_r(NULL, ".", &save))) {
		if (json_is_array(node))
			node = json_array_get(node, atoi(tok));
		else if (!strcmp(tok, "*"))
			node = json_object_iter_value(json_object_iter(node));
		else
			node = json_object_get(node, tok);
		assert_non_null(node);
		tok = next;
	}
	snprintf(last, len, "%s", tok);
	return node;
}

static const char *write_mutated(const struct mutation *m, char *tmp)
{
	json_t *root = json_load_file(FIXTURE, 0, NULL), *parent, *v;
	char last[128];
	FILE *f;
	int fd;

	assert_non_null(root);
	parent = walk(root, m->path, last, sizeof(last));
	if (json_is_array(parent)) {
		v = json_loads(m->value, JSON_DECODE_ANY, NULL);
		assert_non_null(v);
		json_array_set_new(parent, atoi(last), v);
	} else if (!m->value) {
		assert_int_equal(json_object_del(parent, last), 0);
	} else {
		char *text = json_dumps(root, 0);

		v = json_loads(m->value, JSON_DECODE_ANY, NULL);
		/* A number jansson cannot hold goes into the text as it is. */
		if (!v) {
			json_object_set_new(parent, last, json_string("@@"));
			free(text);
			text = json_dumps(root, 0);
			fd = mkstemp(tmp);
			assert_true(fd >= 0);
			f = fdopen(fd, "w");
			fprintf(f, "%.*s%s%s", (int)(strstr(text, "\"@@\"") - text), text, m->value,
				strstr(text, "\"@@\"") + 4);
			fclose(f);
			free(text);
			json_decref(root);
			return tmp;
		}
		free(text);
		json_object_set_new(parent, last, v);
	}
	fd = mkstemp(tmp);
	assert_true(fd >= 0);
	close(fd);
	assert_int_equal(json_dump_file(root, tmp, 0), 0);
	json_decref(root);
	return tmp;
}

static void test_fixture_loads(void **unused)
{
	unsigned int measured = 0;
	struct hc_run run;

	hc_err_clear();
	assert_int_equal(hc_run_load(FIXTURE, &run), 0);
	for (unsigned int i = 0; i < run.nr_results; i++)
		measured += !run.results[i].skip_reason;
	assert_true(measured > 0);
	hc_run_free(&run);
}

static void test_violations(void **unused)
{
	size_t i;

	for (i = 0; i < sizeof(mutations) / sizeof(mutations[0]); i++) {
		char tmp[] = "/tmp/hookcost-test-load.XXXXXX";
		struct hc_run run;
		int ret;

		write_mutated(&mutations[i], tmp);
		hc_err_clear();
		ret = hc_run_load(tmp, &run);
		hc_run_free(&run);
		unlink(tmp);
		print_message("# %s = %s: %s\n", mutations[i].path,
			      mutations[i].value ? mutations[i].value : "(deleted)", hc_err_msg());
		assert_int_equal(ret, -1);
		assert_int_equal(hc_err_exit_code(), HC_EXIT_USAGE);
		assert_non_null(strstr(hc_err_msg(), mutations[i].expect));
		assert_null(strchr(hc_err_msg(), '\n'));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fixture_loads),
		cmocka_unit_test(test_violations),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
