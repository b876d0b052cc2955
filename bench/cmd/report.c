// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost report [--format text] [-o DIR] RUN.json... [MATRIX.json...]`: the report of one or
 * more runs (bench/report/): into DIR as HTML, Markdown, text and figures, or as text for
 * mail on stdout.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "cmd/cli.h"
#include "cmd/command.h"
#include "base/error.h"
#include "output/output.h"
#include "output/result_load.h"
#include "report/outdir.h"
#include "report/matrix.h"
#include "report/report.h"

static void report_help(void)
{
	printf("usage: hookcost report [OPTIONS] -o DIR RUN.json [RUN.json ...] [MATRIX.json ...]\n"
	       "       hookcost report --format text RUN.json [RUN.json ...] [MATRIX.json ...]\n\n"
	       "Writes DIR/report.html (self-contained: figures inline as SVG), DIR/report.md\n"
	       "and DIR/report.txt, with the figures as SVG and PNG files beside them. The\n"
	       "headline comes first: per mechanism (TCP accounting, slab opt-in and opt-out,\n"
	       "the real memcg paths) whether the hook is free when unused, what a bystander\n"
	       "and an active user pay, each row labelled with its instrument; then method,\n"
	       "environment, tables, figures, command lines and every comparison as a sentence.\n"
	       "MATRIX.json is a matrix of 'hookcost vm' (memcg, rps, slab or your own), any\n"
	       "number of them, each shown with its own columns. With several runs the later\n"
	       "ones are also compared with the first, as 'hookcost compare' does. DIR is\n"
	       "created; files in it are replaced atomically, and those of the\n"
	       "previous report (listed in DIR/.hookcost-report) that this one does not write\n"
	       "are removed. A non-empty DIR that no report wrote is refused unless --force;\n"
	       "a DIR/.hookcost-report that names a file no report writes, or an input of\n"
	       "this one, makes DIR a stranger's, and nothing it names is removed.\n"
	       "Needs gnuplot (HOOKCOST_GNUPLOT names another binary). --format text prints\n"
	       "the report for mail (72 columns, base, %%change, %%stddev, new, metric; under\n"
	       "each row its verdict, interval, level and margin) and needs neither.\n\n"
	       "options:\n"
	       "  -o, --output DIR      where the report goes (required unless --format text)\n"
	       "  -f, --format FMT      all (default: files into DIR) or text (stdout)\n"
	       "  -m, --metric LIST     metrics to show (default: instructions and cycles where\n"
	       "                        present, else every metric)\n"
	       "  -a, --alpha A         analyse every file again from its samples, with its\n"
	       "                        verdicts at family-wise level A (intervals at\n"
	       "                        1 - A/m for a family of m); without -a or --margin a\n"
	       "                        file's verdicts are its own, at the level it was run\n"
	       "                        with (the report says which)\n"
	       "      --margin [METRIC=]M  the same, against this margin: absolute (0.5) or\n"
	       "                        relative to the base's median (1%%, the default);\n"
	       "                        repeatable\n"
	       "      --force           write into a non-empty DIR that no report wrote\n"
	       "                        (only the report's own files are replaced)\n"
	       "  -h, --help            this help\n");
}

struct report_args {
	struct hc_report *r;
	const char *out_dir, *metric_spec;
	bool text, force;
	struct hc_analysis_opts ao;
	bool again;		/* -a or --margin: the files are analysed again */
	bool margin_set;	/* --margin: not the first file's margins */
};

static int report_option(int opt, char *arg, void *ctx)
{
	struct report_args *a = ctx;

	switch (opt) {
	case 'o':
		a->out_dir = arg;
		break;
	case 'f':
		if (strcmp(arg, "text") && strcmp(arg, "all"))
			return hc_usage_err("--format: '%s' is neither all nor text", arg);
		a->text = !strcmp(arg, "text");
		break;
	case 'm':
		a->metric_spec = arg;
		return hc_check_list("--metric", arg);
	case 'a':
		a->again = true;
		return hc_parse_double("--alpha", arg, HC_ALPHA_MIN, HC_ALPHA_MAX, &a->ao.alpha);
	case 'M':
		a->again = a->margin_set = true;
		return hc_analysis_margin_arg(&a->ao, arg);
	case 'F':
		a->force = true;
		break;
	}
	return 0;
}

static int parse(int argc, char **argv, struct report_args *a)
{
	static const struct option opts[] = {
		{ "output", required_argument, NULL, 'o' },
		{ "format", required_argument, NULL, 'f' },
		{ "metric", required_argument, NULL, 'm' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "margin", required_argument, NULL, 'M' },
		{ "force", no_argument, NULL, 'F' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	int ret = hc_getopt(argc, argv, ":o:f:m:a:h", opts, report_option, report_help, a);

	if (ret)
		return ret;
	if (!a->text && (!a->out_dir || !*a->out_dir))
		return hc_usage_err("-o DIR is required (see 'hookcost report --help')");
	if (optind == argc)
		return hc_usage_err("needs at least one result file "
				    "(see 'hookcost report --help')");
	return a->text ? 0 : hc_outdir_check(&a->r->out, a->out_dir, a->force, hc_report_owns,
					     argv + optind, argc - optind);
}

/* A matrix, unless one of the same file name is in already: the report names them by it. */
static int load_matrix(struct hc_report *r, const char *path)
{
	struct hc_matrix *m;
	unsigned int i;

	r->matrices[r->nr_matrices++] = NULL;	/* freed also after an error */
	if (hc_matrix_load(path, &r->matrices[r->nr_matrices - 1]))
		return -1;
	m = r->matrices[r->nr_matrices - 1];
	for (i = 0; i + 1 < r->nr_matrices; i++)
		if (!strcmp(hc_matrix_file(r->matrices[i]), hc_matrix_file(m)))
			return hc_usage_err("%s: a matrix named %s is in the report already", path,
					    hc_matrix_file(m));
	return 0;
}

/* Result files and matrices in order; at least one result file. */
static int load(struct hc_report *r, int argc, char **argv)
{
	unsigned int i;
	int ret = 0;

	r->files = calloc(argc, sizeof(*r->files));
	r->cmps = calloc(argc, sizeof(*r->cmps));
	r->matrices = calloc(argc, sizeof(*r->matrices));
	if (!r->files || !r->cmps || !r->matrices)
		return hc_err("out of memory");
	for (i = 0; i < (unsigned int)argc && !ret; i++) {
		if (hc_matrix_is(argv[i])) {
			ret = load_matrix(r, argv[i]);
		} else {
			ret = hc_run_load(argv[i], &r->files[r->nr_files]);
			r->nr_files++;	/* freed also after an error */
		}
	}
	if (!ret && !r->nr_files)
		ret = hc_usage_err("needs a result file of 'hookcost run' besides the matrices");
	return ret;
}

/* The margins the first file was run with ({"default": "1%", "instructions": "0.5"}). */
static int file_margins(const struct hc_run *f, struct hc_analysis_opts *ao)
{
	json_t *m = json_object_get(json_object_get(f->context, "method"), "margin"), *v;
	const char *key;
	char arg[96];

	json_object_foreach(m, key, v) {
		if (!json_is_string(v))
			continue;
		snprintf(arg, sizeof(arg), "%s%s%s", strcmp(key, "default") ? key : "",
			 strcmp(key, "default") ? "=" : "", json_string_value(v));
		if (hc_analysis_margin_arg(ao, arg))
			return hc_usage_err("%s: its margin %s is not one hookcost reads", f->path,
					    arg);
	}
	return 0;
}

/*
 * The analysis stage over the loaded runs, in the metrics shown: from their samples again
 * with -a or --margin, else each keeps its verdicts, at the first file's level.
 */
static int analyze(struct hc_report *r, struct report_args *a)
{
	int ret = hc_runs_metrics(a->metric_spec, r->files, r->nr_files, r->metrics,
				  HC_MAX_COUNTERS);

	if (ret < 0)
		return -1;
	r->nr_metrics = ret;
	a->ao.from_samples = a->again;
	if (a->again && !a->margin_set && file_margins(&r->files[0], &a->ao))
		return -1;
	if (!a->again && isfinite(r->files[0].alpha))
		a->ao.alpha = r->files[0].alpha;
	r->alpha = a->ao.alpha;
	return hc_analyze_runs(r->files, r->nr_files, r->metrics, r->nr_metrics, &a->ao,
			       r->cmps);
}

static void report_free(struct hc_report *r)
{
	unsigned int i;

	hc_plot_close(&r->plot);
	hc_outdir_close(&r->out);
	for (i = 0; r->cmps && i + 1 < r->nr_files; i++)
		hc_cmp_free(&r->cmps[i]);
	for (i = 0; r->files && i < r->nr_files; i++)
		hc_run_free(&r->files[i]);
	for (i = 0; r->matrices && i < r->nr_matrices; i++)
		hc_matrix_free(r->matrices[i]);
	free(r->matrices);
	free(r->cmps);
	free(r->files);
	free(r->figs);
}

static int report_main(int argc, char **argv)
{
	struct hc_report r = { .out.lock_fd = -1 };
	struct report_args a = { .r = &r, .ao = HC_ANALYSIS_OPTS_DEFAULT };
	unsigned int i;
	int ret;

	ret = parse(argc, argv, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	hc_report_word(r.command, sizeof(r.command), "hookcost");
	for (i = 0; i < (unsigned int)argc; i++)
		hc_report_word(r.command, sizeof(r.command), argv[i]);
	ret = load(&r, argc - optind, argv + optind);
	if (!ret)
		ret = analyze(&r, &a);
	if (!ret)
		ret = a.text ? hc_report_text(&r, stdout) : hc_report_publish(&r);
	report_free(&r);
	if (hc_outdir_stop) {
		fprintf(stderr, "hookcost report: interrupted; %s is unchanged\n", a.out_dir);
		return 128 + hc_outdir_stop;
	}
	if (ret)
		return -1;
	if (!a.text)
		printf("%s/report.html\n%s/report.md\n%s/report.txt\n", a.out_dir, a.out_dir,
		       a.out_dir);
	return HC_EXIT_OK;
}

HC_COMMAND(report_cmd) = {
	.name = "report", .summary = "render results as a report: HTML, Markdown, text, figures",
	.main = report_main, .order = 5,
};
