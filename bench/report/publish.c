// SPDX-License-Identifier: GPL-2.0
/*
 * The report's files: figures, report.html (one file that renders offline: the figures are
 * embedded), report.md and report.txt are made in a staging directory inside the output
 * directory and then renamed into place file by file, so a reader of it sees either the old
 * or the new version of each file, never half of one.
 */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
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

static int mkdir_parents(const char *path)
{
	char buf[PATH_MAX];
	char *s = buf;

	snprintf(buf, sizeof(buf), "%s", path);
	do {
		char c;

		s += 1 + strcspn(s + 1, "/");
		c = *s;
		*s = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return hc_usage_err("cannot create %s: %s", buf, strerror(errno));
		*s = c;
	} while (*s);
	return 0;
}

/* Removes the staging directory and whatever is left in it. */
void hc_report_stage_remove(struct hc_report *r)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *dir;

	if (!r->stage[0])
		return;
	dir = opendir(r->stage);
	while (dir && (e = readdir(dir))) {
		if (e->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "%s/%s", r->stage, e->d_name);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	rmdir(r->stage);
	r->stage[0] = '\0';
}

/* Whether file (a figure's .png, .svg or .dat) belongs to this report. */
static bool figure_known(const struct hc_report *r, const char *file)
{
	const char *ext = strrchr(file, '.');
	unsigned int i;

	for (i = 0; ext && i < r->nr_figs; i++)
		if (strlen(r->figs[i].name) == (size_t)(ext - file) &&
		    !strncmp(r->figs[i].name, file, ext - file))
			return true;
	return false;
}

static int move(struct hc_report *r, const char *out_dir, const char *name)
{
	char from[PATH_MAX], to[PATH_MAX];

	snprintf(from, sizeof(from), "%s/%s", r->stage, name);
	snprintf(to, sizeof(to), "%s/%s", out_dir, name);
	if (rename(from, to))
		return hc_err("cannot move %s to %s: %s", from, to, strerror(errno));
	return 0;
}

/*
 * Renames the staged files into out_dir, the two reports last so that they never name a
 * figure that is not there yet, then removes the figures of an earlier report that this one
 * does not have.
 */
static int publish(struct hc_report *r, const char *out_dir)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *dir;
	int ret = 0;

	snprintf(path, sizeof(path), "%s/gnuplot.log", r->stage);
	unlink(path);
	dir = opendir(r->stage);
	if (!dir)
		return hc_err("cannot read %s: %s", r->stage, strerror(errno));
	while (!ret && (e = readdir(dir)))
		if (e->d_name[0] != '.' && strncmp(e->d_name, "report.", 7))
			ret = move(r, out_dir, e->d_name);
	closedir(dir);
	if (ret || move(r, out_dir, "report.txt") || move(r, out_dir, "report.md") ||
	    move(r, out_dir, "report.html"))
		return -1;

	dir = opendir(out_dir);
	while (dir && (e = readdir(dir))) {
		if (strncmp(e->d_name, HC_REPORT_FIG_PREFIX, strlen(HC_REPORT_FIG_PREFIX)) ||
		    figure_known(r, e->d_name))
			continue;
		snprintf(path, sizeof(path), "%s/%s", out_dir, e->d_name);
		unlink(path);
	}
	if (dir)
		closedir(dir);
	return 0;
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
	char tmpl[sizeof(r->stage)];

	if (mkdir_parents(out_dir))
		return -1;
	snprintf(tmpl, sizeof(tmpl), "%s/.report.XXXXXX", out_dir);
	if (!mkdtemp(tmpl))
		return hc_err("cannot create a directory in %s: %s", out_dir, strerror(errno));
	snprintf(r->stage, sizeof(r->stage), "%s", tmpl);
	if (hc_plot_open(&r->plot, r->stage) || hc_report_figures(r) ||
	    write_doc(r, "report.md", HC_DOC_MARKDOWN) ||
	    write_doc(r, "report.html", HC_DOC_HTML) || write_text(r))
		return -1;
	return publish(r, out_dir);
}
