// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "base/error.h"
#include "report/outdir.h"
#include "report/plot.h"

#define PLOT_LOG "gnuplot.log"

/* Where the templates are: next to the binary in the source tree, or installed beside it. */
static int find_templates(struct hc_plot *p)
{
	static const char *const rel[] = { "../scripts/gnuplot", "../share/hookcost/gnuplot" };
	const char *env = getenv("HOOKCOST_GNUPLOT_DIR");
	char exe[PATH_MAX], bin_dir[PATH_MAX - 64], probe[PATH_MAX + 32];
	ssize_t n;
	size_t i;

	if (env) {
		snprintf(p->tpl_dir, sizeof(p->tpl_dir), "%s", env);
		snprintf(probe, sizeof(probe), "%s/bars.gp", p->tpl_dir);
		if (access(probe, R_OK))
			return hc_err("HOOKCOST_GNUPLOT_DIR=%s has no bars.gp", env);
		return 0;
	}
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n < 0)
		return hc_err("cannot find the hookcost binary: %s", strerror(errno));
	exe[n] = '\0';
	snprintf(bin_dir, sizeof(bin_dir), "%s", dirname(exe));
	for (i = 0; i < sizeof(rel) / sizeof(rel[0]); i++) {
		snprintf(p->tpl_dir, sizeof(p->tpl_dir), "%s/%s", bin_dir, rel[i]);
		snprintf(probe, sizeof(probe), "%s/bars.gp", p->tpl_dir);
		if (!access(probe, R_OK))
			return 0;
	}
	return hc_err("gnuplot templates not found in %s/../scripts/gnuplot or "
		      "%s/../share/hookcost/gnuplot; set HOOKCOST_GNUPLOT_DIR", bin_dir, bin_dir);
}

/* Runs gnuplot with args in p->dir, its output going to PLOT_LOG there. */
static int run_gnuplot(struct hc_plot *p, const char *arg1, const char *arg2)
{
	char *argv[] = { p->gnuplot, (char *)arg1, (char *)arg2, NULL };
	posix_spawn_file_actions_t fa;
	int err, status;
	pid_t pid;

	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addchdir_np(&fa, p->dir);
	posix_spawn_file_actions_addopen(&fa, 1, PLOT_LOG, O_WRONLY | O_CREAT | O_TRUNC, 0644);
	posix_spawn_file_actions_adddup2(&fa, 1, 2);
	posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	err = posix_spawnp(&pid, p->gnuplot, &fa, NULL, argv, environ);
	posix_spawn_file_actions_destroy(&fa);
	if (err == ENOENT)
		return hc_err("%s not found: install gnuplot (apt-get install gnuplot-nox; "
			      "scripts/install-deps does) or set HOOKCOST_GNUPLOT to its path",
			      p->gnuplot);
	if (err)
		return hc_err("cannot run %s: %s", p->gnuplot, strerror(err));
	/* An interrupted report ends its gnuplot rather than leave it running alone. */
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR)
			return hc_err("waiting for %s: %s", p->gnuplot, strerror(errno));
		if (hc_outdir_stop)
			kill(pid, SIGTERM);
	}
	if (hc_outdir_stop)
		return hc_err("interrupted by signal %d", (int)hc_outdir_stop);
	if (WIFSIGNALED(status))
		return hc_err("%s was killed by signal %d", p->gnuplot, WTERMSIG(status));
	return WEXITSTATUS(status);
}

/* The log's last line that is not blank: gnuplot ends an error with the message. */
static void log_error(struct hc_plot *p, char *buf, size_t len)
{
	char path[PATH_MAX + 16], line[512];
	FILE *f;

	snprintf(buf, len, "no message");
	snprintf(path, sizeof(path), "%s/%s", p->dir, PLOT_LOG);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (line[strspn(line, " \t^")])
			snprintf(buf, len, "%s", line);
	}
	fclose(f);
}

static int probe(struct hc_plot *p)
{
	char path[PATH_MAX + 16], terminals[4096] = "", msg[512];
	FILE *f;
	int ret;

	ret = run_gnuplot(p, "-e", "print sprintf('%g patchlevel %s', GPVAL_VERSION, "
			  "GPVAL_PATCHLEVEL); print ' ', GPVAL_TERMINALS, ' '");
	if (ret < 0)
		return -1;
	if (ret) {
		log_error(p, msg, sizeof(msg));
		return hc_err("%s does not work (exit %d): %s", p->gnuplot, ret, msg);
	}
	snprintf(path, sizeof(path), "%s/%s", p->dir, PLOT_LOG);
	f = fopen(path, "r");
	if (!f || !fgets(p->version, sizeof(p->version), f) ||
	    !fgets(terminals, sizeof(terminals), f)) {
		if (f)
			fclose(f);
		return hc_err("%s printed no version: is it gnuplot?", p->gnuplot);
	}
	fclose(f);
	unlink(path);
	p->version[strcspn(p->version, "\n")] = '\0';
	if (!strstr(terminals, " svg "))
		return hc_err("%s has no svg terminal: install Debian's gnuplot-nox", p->gnuplot);
	if (strstr(terminals, " pngcairo ")) {
		strcpy(p->png_terminal, "pngcairo");
	} else if (strstr(terminals, " png ")) {
		strcpy(p->png_terminal, "png");
		hc_warn("%s has no pngcairo terminal: PNG figures use the plainer png (libgd) "
			"terminal; Debian's gnuplot-nox has cairo", p->gnuplot);
	} else {
		return hc_err("%s has no png terminal: install Debian's gnuplot-nox", p->gnuplot);
	}
	return 0;
}

int hc_plot_open(struct hc_plot *p, const char *dir)
{
	const char *prog = getenv("HOOKCOST_GNUPLOT");
	char path[PATH_MAX + 16];

	memset(p, 0, sizeof(*p));
	snprintf(p->dir, sizeof(p->dir), "%s", dir);
	snprintf(p->gnuplot, sizeof(p->gnuplot), "%s", prog && *prog ? prog : "gnuplot");
	if (find_templates(p) || probe(p))
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, HC_PLOT_SCRIPT);
	p->script = fopen(path, "w");
	if (!p->script)
		return hc_err("cannot write %s: %s", path, strerror(errno));
	fprintf(p->script, "# Written by hookcost report: `gnuplot %s` in this directory redraws "
		"the figures.\n", HC_PLOT_SCRIPT);
	return 0;
}

FILE *hc_plot_data(struct hc_plot *p, const char *name)
{
	char path[PATH_MAX + 256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s.dat", p->dir, name);
	f = fopen(path, "w");
	if (!f)
		hc_err("cannot write %s: %s", path, strerror(errno));
	return f;
}

/*
 * A gnuplot single-quoted string: a quote is doubled, nothing else is special inside it, but a
 * newline would end the command and start a new one (`system "..."`), so every control
 * character becomes a space. Labels come from result files, which may be anyone's.
 */
static void put_string(FILE *f, const char *s)
{
	size_t n;

	fputc('\'', f);
	for (; *s; s += n ? n : 1) {
		n = hc_control_len(s);
		if (*s == '\'')
			fputc('\'', f);
		fputc(n ? ' ' : *s, f);
	}
	fputc('\'', f);
}

void hc_plot_label(char *s)
{
	size_t n;

	for (; *s; s += n ? n : 1) {
		n = hc_control_len(s);
		if (n || *s == '"')
			memset(s, *s == '"' ? '\'' : ' ', n ? n : 1);
	}
}

void hc_plot_add(struct hc_plot *p, const char *name, const char *tpl, unsigned int width,
		 unsigned int height, const char *title, const char *xlab, const char *ylab,
		 const char *vars)
{
	const char *font = strcmp(p->png_terminal, "pngcairo") ? "" : " font 'sans,10'";
	FILE *f = p->script;

	fprintf(f, "\nreset\ndatafile = '%s.dat'\nplottitle = ", name);
	put_string(f, title);
	fputs("\nxlab = ", f);
	put_string(f, xlab);
	fputs("\nylab = ", f);
	put_string(f, ylab);
	fprintf(f, "\n%s\n", vars);
	/* The template is loaded once per terminal: a multiplot cannot be replotted. */
	fprintf(f, "set terminal %s size %u,%u noenhanced%s\nset output '%s.png'\n",
		p->png_terminal, width, height, font, name);
	fprintf(f, "load '%s/%s.gp'\nunset output\n", p->tpl_dir, tpl);
	/* reset keeps the variables, not what the first pass left set (ranges, key, ...). */
	fprintf(f, "reset\nset terminal svg size %u,%u noenhanced font 'sans,10' "
		"background '#ffffff'\nset output '%s.svg'\nload '%s/%s.gp'\nunset output\n",
		width, height, name, p->tpl_dir, tpl);
	p->nr_figures++;
}

int hc_plot_run(struct hc_plot *p)
{
	char msg[512], log[PATH_MAX + 16];
	int ret;

	if (fclose(p->script)) {
		p->script = NULL;
		return hc_err("cannot write %s/%s: %s", p->dir, HC_PLOT_SCRIPT, strerror(errno));
	}
	p->script = NULL;
	ret = run_gnuplot(p, HC_PLOT_SCRIPT, NULL);
	if (ret < 0)
		return -1;
	if (ret) {
		log_error(p, msg, sizeof(msg));
		return hc_err("%s %s failed (exit %d): %s", p->gnuplot, HC_PLOT_SCRIPT, ret, msg);
	}
	/* The log only explains a failure: it is not part of the report. */
	snprintf(log, sizeof(log), "%s/%s", p->dir, PLOT_LOG);
	unlink(log);
	return 0;
}

void hc_plot_close(struct hc_plot *p)
{
	if (p->script)
		fclose(p->script);
	p->script = NULL;
}
