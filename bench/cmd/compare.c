// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost compare BASE NEW...`: every variant of each NEW run against the same variant of
 * BASE, one table per metric.
 */
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

/* One NEW run against BASE: a table per metric and the notes. */
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
	double alpha, fail_above;
	enum hc_doc_fmt fmt;
	bool mail;		/* --format text: the layout of bench/report/text.c */
};

static int compare_option(int opt, char *arg, void *ctx)
{
	struct compare_args *a = ctx;

	switch (opt) {
	case 'm':
		a->metric_spec = arg;
		break;
	case 'a':
		return hc_parse_double("--alpha", arg, 1e-9, 0.5, &a->alpha);
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
	struct compare_args a = { .alpha = HC_ALPHA_DEFAULT, .fail_above = -1 };
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	const char *metrics[HC_MAX_COUNTERS];
	unsigned int nr_files, i, regressions = 0;
	struct hc_run *files;
	struct hc_cmp *cross;
	int nr_metrics, ret;

	ret = hc_getopt(argc, argv, ":m:a:f:h", opts, compare_option, compare_help, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	d.fmt = a.fmt;
	d.f = a.mail ? NULL : stdout;
	if (argc - optind < 2)
		return hc_usage_err("needs a base and at least one new result file "
				    "(see 'hookcost compare --help')");

	nr_files = argc - optind;
	files = calloc(nr_files, sizeof(*files));
	cross = calloc(nr_files, sizeof(*cross));
	if (!files || !cross)
		ret = hc_err("out of memory");
	/* Every file is checked before anything is printed: bad input yields one line. */
	for (i = 0; i < nr_files && !ret; i++)
		ret = hc_run_load(argv[optind + i], &files[i]);
	if (!ret) {
		nr_metrics = hc_runs_metrics(a.metric_spec, files, nr_files, metrics,
					      HC_MAX_COUNTERS);
		ret = nr_metrics < 0 ? -1 : hc_analyze_runs(files, nr_files, metrics, nr_metrics,
							      a.alpha, cross);
	}
	for (i = 1; i < nr_files && !ret; i++)
		ret = print_cross(&d, &cross[i - 1], metrics, nr_metrics, a.fail_above,
				  &regressions);
	for (i = 0; files && cross && i < nr_files; i++) {
		hc_cmp_free(&cross[i]);
		hc_run_free(&files[i]);
	}
	free(files);
	free(cross);
	if (ret)
		return -1;
	if (regressions)
		return hc_err("%u significant rises in cost above %g%% (--fail-above)", regressions,
			      a.fail_above);
	return HC_EXIT_OK;
}

HC_COMMAND(compare_cmd) = {
	.name = "compare", .summary = "compare result files: deltas, CIs, p-values, verdicts",
	.main = compare_main, .order = 4,
};
