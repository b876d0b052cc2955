// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost compare BASE NEW...`: every variant of each NEW run against the same variant of
 * BASE, one table per metric.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare.h"
#include "cmd/cli.h"
#include "cmd/command.h"
#include "core/error.h"
#include "output/compare.h"
#include "output/output.h"
#include "output/result_load.h"
#include "report/report.h"

static void compare_help(void)
{
	printf("usage: hookcost compare [OPTIONS] BASE.json NEW.json [NEW.json ...]\n\n"
	       "Compares every variant (case, gate, configuration, parameters) of each NEW\n"
	       "run with the same variant of BASE: medians, the Hodges-Lehmann shift with its\n"
	       "95%% CI, the change relative to base and as a share of new, the Mann-Whitney\n"
	       "p-value and a '*' where the change is significant; a geometric-mean row per\n"
	       "metric. A variant alone in its case on both sides (e.g. `unused` in BASE,\n"
	       "`active` in NEW) is compared with its counterpart. Runs whose contexts differ\n"
	       "(kernel, CPU, counter backend, ...) are compared with a warning naming the\n"
	       "differences.\n\n"
	       "options:\n"
	       "  -m, --metric LIST     metrics to compare (default: instructions and cycles\n"
	       "                        where present, else every metric)\n"
	       "  -a, --alpha A         significance level (default %g)\n"
	       "      --fail-above PCT  exit 1 if a significant rise in cost exceeds PCT %%\n"
	       "  -f, --format FMT      table (default), markdown, or text: for mail, 72\n"
	       "                        columns, laid out as kernel test robot mails are\n"
	       "  -h, --help            this help\n\n"
	       "exit status: 0 compared; 1 --fail-above tripped; 2 bad command line or input\n"
	       "file\n", HC_ALPHA_DEFAULT);
}

static int compare_files(struct hc_doc *d, const struct hc_run *base,
			 const struct hc_run *other, const char *const *metrics,
			 unsigned int nr_metrics, double alpha, double fail_above,
			 unsigned int *regressions)
{
	struct hc_cmp c;
	unsigned int m;
	int ret = 0;

	if (hc_cmp_build(base, other, metrics, nr_metrics, alpha, &c))
		return -1;
	if (c.context_diff[0])
		hc_warn("%s and %s were measured in different contexts: %s", base->path,
			other->path, c.context_diff);
	if (!d->f) {
		ret = hc_report_text_compare(stdout, &c, metrics, nr_metrics);
		for (m = 0; m < nr_metrics && fail_above >= 0; m++)
			*regressions += hc_cmp_regressions(&c, metrics[m], fail_above);
		hc_cmp_free(&c);
		return ret;
	}
	hc_doc_heading(d, 1, "%s vs %s (base)", other->path, base->path);
	for (m = 0; m < nr_metrics && !ret; m++) {
		hc_doc_heading(d, 2, "%s/op", metrics[m]);
		ret = hc_cmp_render(d, &c, metrics[m]);
		if (fail_above >= 0)
			*regressions += hc_cmp_regressions(&c, metrics[m], fail_above);
	}
	hc_cmp_notes(d, &c);
	hc_doc_end(d);
	hc_cmp_free(&c);
	return ret;
}

static int compare_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "fail-above", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	double alpha = HC_ALPHA_DEFAULT, fail_above = -1;
	const char *metric_spec = NULL, *metrics[HC_MAX_COUNTERS];
	unsigned int nr_files, i, regressions = 0;
	struct hc_run *files;
	int opt, nr_metrics, ret = 0;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, ":m:a:f:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'm':
			metric_spec = optarg;
			break;
		case 'a':
			if (hc_parse_double("--alpha", optarg, 1e-9, 0.5, &alpha))
				return -1;
			break;
		case 'F':
			if (hc_parse_double("--fail-above", optarg, 0, 1e9, &fail_above))
				return -1;
			break;
		case 'f':
			/* text is the mail layout of bench/report/text.c: no doc. */
			d.f = strcmp(optarg, "text") ? stdout : NULL;
			if (!strcmp(optarg, "table") || !strcmp(optarg, "text"))
				d.fmt = HC_DOC_TEXT;
			else if (!strcmp(optarg, "markdown") || !strcmp(optarg, "md"))
				d.fmt = HC_DOC_MARKDOWN;
			else
				return hc_usage_err("--format: '%s' is not table, markdown or "
						    "text", optarg);
			break;
		case 'h':
			compare_help();
			return HC_EXIT_OK;
		case ':':
			return hc_usage_err("option '%s' needs a value", argv[optind - 1]);
		default:
			return hc_usage_err("unknown option '%s' (see 'hookcost compare --help')",
					    argv[optind - 1]);
		}
	}
	if (argc - optind < 2)
		return hc_usage_err("needs a base and at least one new result file "
				    "(see 'hookcost compare --help')");

	nr_files = argc - optind;
	files = calloc(nr_files, sizeof(*files));
	if (!files)
		return hc_err("out of memory");
	/* Every file is checked before anything is printed: bad input yields one line. */
	for (i = 0; i < nr_files && !ret; i++)
		ret = hc_run_load(argv[optind + i], &files[i]);
	if (!ret) {
		nr_metrics = hc_runs_metrics(metric_spec, files, nr_files, metrics,
					      HC_MAX_COUNTERS);
		ret = nr_metrics < 0 ? -1 : 0;
	}
	for (i = 1; i < nr_files && !ret; i++)
		ret = compare_files(&d, &files[0], &files[i], metrics, nr_metrics, alpha,
				    fail_above, &regressions);
	for (i = 0; i < nr_files; i++)
		hc_run_free(&files[i]);
	free(files);
	if (ret)
		return -1;
	if (regressions)
		return hc_err("%u significant rises in cost above %g%% (--fail-above)", regressions,
			      fail_above);
	return HC_EXIT_OK;
}

HC_COMMAND(compare_cmd) = {
	.name = "compare", .summary = "compare result files: deltas, CIs, p-values, verdicts",
	.main = compare_main, .order = 4,
};
