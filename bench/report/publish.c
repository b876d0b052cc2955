// SPDX-License-Identifier: GPL-2.0
/*
 * The report's files: figures, report.html (one file that renders offline: the figures are
 * embedded), report.md and report.txt, made in the output directory's staging directory and
 * published by report/outdir.c.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/error.h"
#include "report/outdir.h"
#include "report/report.h"
#include "version.h"

static int render(struct hc_report *r, struct hc_doc *d)
{
	hc_doc_begin(d, "hookcost report");
	hc_doc_heading(d, 1, "hookcost report");
	hc_doc_para(d, "What a kernel fast-path hook costs compiled out (off), compiled in but "
		    "unused, enabled for someone else (bystander) and active, measured by "
		    "hookcost %s (git %s): the answer per mechanism first, then how it was "
		    "measured and every number behind it.", HC_VERSION, HC_GIT_REV);
	if (hc_report_headline(r, d) || hc_report_details(r, d))
		return -1;
	hc_doc_end(d);
	return 0;
}

static int write_doc(struct hc_report *r, const char *name, enum hc_doc_fmt fmt)
{
	char path[PATH_MAX];
	struct hc_doc d = { .fmt = fmt, .fig_dir = r->stage };
	int ret;

	snprintf(path, sizeof(path), "%s/%s", r->stage, name);
	d.f = fopen(path, "w");
	if (!d.f)
		return hc_err("cannot write %s: %s", path, strerror(errno));
	ret = render(r, &d);
	if (fflush(d.f) || fsync(fileno(d.f)))
		ret = hc_err("cannot write %s: %s", path, strerror(errno));
	if (fclose(d.f) && !ret)
		ret = hc_err("cannot write %s: %s", path, strerror(errno));
	return ret;
}

/* The text report for mail, beside the others. */
static int write_text(struct hc_report *r)
{
	char path[PATH_MAX];
	FILE *f;
	int ret;

	snprintf(path, sizeof(path), "%s/report.txt", r->stage);
	f = fopen(path, "w");
	if (!f)
		return hc_err("cannot write %s: %s", path, strerror(errno));
	ret = hc_report_text(r, f);
	if (fclose(f) && !ret)
		ret = hc_err("cannot write %s: %s", path, strerror(errno));
	return ret;
}

int hc_report_publish(struct hc_report *r, const char *out_dir)
{
	static const char *const last[] = { "report.txt", "report.md", "report.html", NULL };

	if (hc_outdir_open(&r->out, out_dir))
		return -1;
	snprintf(r->stage, sizeof(r->stage), "%s", r->out.stage);
	if (hc_plot_open(&r->plot, r->stage) || hc_report_figures(r) ||
	    write_doc(r, "report.md", HC_DOC_MARKDOWN) ||
	    write_doc(r, "report.html", HC_DOC_HTML) || write_text(r))
		return -1;
	/* Not published once interrupted: the directory keeps the previous report whole. */
	return hc_outdir_stop ? -1 : hc_outdir_publish(&r->out, last);
}
