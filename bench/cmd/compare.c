// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost compare BASE NEW...`: every variant of each NEW run against the same variant of
 * BASE, one table per metric; `hookcost compare A1 A2 ... -- B1 B2 ...`: side B against side
 * A, several runs each, by their medians.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/compare.h"
#include "cmd/cli.h"
#include "cmd/command.h"
#include "base/error.h"
#include "output/compare.h"
#include "output/output.h"
#include "output/result_load.h"
#include "report/report.h"

static void compare_help(void)
{
	printf("usage: hookcost compare [OPTIONS] BASE.json NEW.json [NEW.json ...]\n"
	       "       hookcost compare [OPTIONS] A1.json [A2.json ...] -- B1.json [B2.json ...]\n\n"
	       "Compares every variant (case, gate, configuration, parameters) of each NEW\n"
	       "run with the same variant of BASE, from their samples; or, with '--', side B\n"
	       "with side A, several runs per side, from each run's median, so that the\n"
	       "spread between runs is part of the noise. Per row: medians, the Hodges-Lehmann\n"
	       "shift with its interval at 1 - alpha/m for the m rows compared (Bonferroni;\n"
	       "1 - 2 alpha/m while |shift| < margin: two one-sided tests), and the coverage\n"
	       "it reaches when less, the change relative to base and as a share of new, the\n"
	       "Mann-Whitney p-value Holm-adjusted over all rows, and the verdict against the\n"
	       "margin: overhead or saving (|shift| >= margin, the interval excludes 0),\n"
	       "equivalent (the interval inside +-margin), or inconclusive. A variant alone in\n"
	       "its case on both sides (e.g. `unused` in BASE, `active` in NEW) is compared\n"
	       "with its counterpart. Runs whose contexts differ (kernel, CPU, counter\n"
	       "backend, ...) are compared with a warning naming the differences.\n\n"
	       "options (before the files):\n"
	       "  -m, --metric LIST     metrics to compare (default: instructions and cycles\n"
	       "                        where present, else every metric)\n"
	       "  -a, --alpha A         family-wise level of the verdicts: intervals at 1 - A/m\n"
	       "                        for the m rows (default %g)\n"
	       "      --margin [METRIC=]M  equivalence margin per op: absolute (0.5) or\n"
	       "                        relative to the base's median (1%%, the default);\n"
	       "                        repeatable\n"
	       "      --fail-above PCT  exit 1 if a row called overhead rose by more than PCT %%;\n"
	       "                        of a base at or below 0 (or what the metric resolves)\n"
	       "                        no percentage is taken: its overhead, an absolute shift\n"
	       "                        beyond the margin, trips it\n"
	       "  -f, --format FMT      table (default), markdown, or text: for mail, 72\n"
	       "                        columns, laid out as kernel test robot mails are,\n"
	       "                        each row's verdict with its numbers under it\n"
	       "  -h, --help            this help\n\n"
	       "exit status: 0 compared; 1 --fail-above tripped; 2 bad command line or input\n"
	       "file\n", HC_ALPHA_DEFAULT);
}

static int print_cross(struct hc_doc *d, const struct hc_cmp *c, const char *const *metrics,
		       unsigned int nr_metrics, double fail_above, unsigned int *regressions)
{
	unsigned int m;
	int ret = 0;

	if (c->context_diff[0])
		hc_warn("%s and %s were measured in different contexts: %s", c->base->path,
			c->other->path, c->context_diff);
	if (!d->f) {
		for (m = 0; m < nr_metrics && fail_above >= 0; m++)
			*regressions += hc_cmp_regressions(c, metrics[m], fail_above);
		return hc_report_text_compare(stdout, c, metrics, nr_metrics);
	}
	if (c->run_level)
		hc_doc_heading(d, 1, "%u runs (%s, ...) vs %u runs (%s, ...) (base)",
			       c->nr_other_runs, c->other->path, c->nr_base_runs, c->base->path);
	else
		hc_doc_heading(d, 1, "%s vs %s (base)", c->other->path, c->base->path);
	for (m = 0; m < nr_metrics && !ret; m++) {
		hc_doc_heading(d, 2, "%s/op", metrics[m]);
		ret = hc_cmp_render(d, c, metrics[m]);
		if (fail_above >= 0)
			*regressions += hc_cmp_regressions(c, metrics[m], fail_above);
	}
	hc_cmp_notes(d, c);
	hc_doc_end(d);
	return ret;
}

struct compare_args {
	const char *metric_spec;
	struct hc_analysis_opts ao;
	double fail_above;
	enum hc_doc_fmt fmt;
	bool mail;		/* --format text: the layout of bench/report/text.c */
};

static int compare_option(int opt, char *arg, void *ctx)
{
	struct compare_args *a = ctx;

	switch (opt) {
	case 'm':
		a->metric_spec = arg;
		return hc_check_list("--metric", arg);
	case 'a':
		return hc_parse_double("--alpha", arg, HC_ALPHA_MIN, HC_ALPHA_MAX, &a->ao.alpha);
	case 'M':
		return hc_analysis_margin_arg(&a->ao, arg);
	case 'F':
		return hc_parse_double("--fail-above", arg, 0, 1e9, &a->fail_above);
	case 'f':
		a->mail = !strcmp(arg, "text");
		if (!strcmp(arg, "table") || a->mail)
			a->fmt = HC_DOC_TEXT;
		else if (!strcmp(arg, "markdown") || !strcmp(arg, "md"))
			a->fmt = HC_DOC_MARKDOWN;
		else
			return hc_usage_err("--format: '%s' is not table, markdown or text", arg);
		break;
	}
	return 0;
}

/*
 * Loads the file operands; *split is the index of the first file after "--", or -1. Every
 * file is checked before anything is printed: bad input yields one line.
 */
static int load_files(int argc, char **argv, struct hc_run *files, unsigned int *nr_files,
		      int *split)
{
	unsigned int n = 0;

	*split = -1;
	for (int i = optind; i < argc; i++) {
		if (!strcmp(argv[i], "--")) {
			if (*split >= 0)
				return hc_usage_err("'--' may separate the two sides only once");
			*split = n;
			continue;
		}
		*nr_files = n + 1;
		if (hc_run_load(argv[i], &files[n++]))
			return -1;
	}
	if (*split == 0 || (*split > 0 && (unsigned int)*split == n))
		return hc_usage_err("both sides of '--' need a result file");
	if (n < 2)
		return hc_usage_err("needs a base and at least one new result file "
				    "(see 'hookcost compare --help')");
	return 0;
}

/*
 * The analysis stage over the files: BASE NEW... gives a comparison per NEW run (cross[0 ..
 * nr - 2]), A... -- B... one of the two sides (cross[0]). Returns how many, or -1.
 */
static int analyse(struct hc_run *files, unsigned int nr, int split, const char *const *metrics,
		   unsigned int nr_metrics, const struct hc_analysis_opts *ao, struct hc_cmp *cross)
{
	const struct hc_run **runs;
	int ret;

	if (split < 0)
		return hc_analyze_runs(files, nr, metrics, nr_metrics, ao, cross) ? -1 : (int)nr - 1;
	runs = calloc(nr, sizeof(*runs));
	if (!runs)
		return hc_err("out of memory");
	for (unsigned int i = 0; i < nr; i++)
		runs[i] = &files[i];
	ret = hc_cmp_build(runs, split, runs + split, nr - split, metrics, nr_metrics, ao, cross);
	free(runs);
	return ret ? -1 : 1;
}

static int compare_main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "metric", required_argument, NULL, 'm' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "margin", required_argument, NULL, 'M' },
		{ "fail-above", required_argument, NULL, 'F' },
		{ "format", required_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct compare_args a = { .ao = HC_ANALYSIS_OPTS_DEFAULT, .fail_above = -1 };
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	const char *metrics[HC_MAX_COUNTERS];
	unsigned int nr_files = 0, i, regressions = 0;
	int nr_metrics = 0, nr_cross = 0, split = -1, ret;
	struct hc_run *files;
	struct hc_cmp *cross;

	/* '+': the files end the options, so that "--" between them stays in argv. */
	ret = hc_getopt(argc, argv, "+:m:a:f:h", opts, compare_option, compare_help, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	d.fmt = a.fmt;
	d.f = a.mail ? NULL : stdout;
	files = calloc(argc - optind + 1, sizeof(*files));
	cross = calloc(argc - optind + 1, sizeof(*cross));
	ret = files && cross ? load_files(argc, argv, files, &nr_files, &split) :
			       hc_err("out of memory");
	if (!ret) {
		nr_metrics = hc_runs_metrics(a.metric_spec, files, nr_files, metrics,
					      HC_MAX_COUNTERS);
		nr_cross = nr_metrics < 0 ? -1 : analyse(files, nr_files, split, metrics,
							   nr_metrics, &a.ao, cross);
		ret = nr_cross < 0 ? -1 : 0;
	}
	for (i = 0; i < (unsigned int)nr_cross && !ret; i++)
		ret = print_cross(&d, &cross[i], metrics, nr_metrics, a.fail_above, &regressions);
	for (i = 0; files && cross && i < nr_files; i++) {
		hc_cmp_free(&cross[i]);
		hc_run_free(&files[i]);
	}
	free(files);
	free(cross);
	if (ret)
		return -1;
	if (regressions)
		return hc_err("%u rows called overhead rose by more than %g%% (--fail-above), or "
			      "beyond their margin where the base is at or below 0",
			      regressions, a.fail_above);
	return HC_EXIT_OK;
}

HC_COMMAND(compare_cmd) = {
	.name = "compare", .summary = "compare result files: deltas, CIs, p-values, verdicts",
	.main = compare_main, .order = 4,
};
