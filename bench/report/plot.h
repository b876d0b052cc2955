/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Figures through gnuplot: data files and one script are written into a directory, then one
 * gnuplot child process renders every figure as PNG and SVG from the templates in
 * scripts/gnuplot (installed to PREFIX/share/hookcost/gnuplot).
 */
#ifndef HC_PLOT_H
#define HC_PLOT_H

#include <limits.h>
#include <stdbool.h>
#include <stdio.h>

#define HC_PLOT_SCRIPT "figures.gp"

struct hc_plot {
	char dir[PATH_MAX];		/* data, script and figures; gnuplot runs here */
	char tpl_dir[PATH_MAX];
	char gnuplot[PATH_MAX];		/* the program: $HOOKCOST_GNUPLOT or "gnuplot" */
	char version[64];		/* "5.4 patchlevel 4" */
	char png_terminal[16];		/* "pngcairo", or "png" where cairo is missing */
	FILE *script;
	unsigned int nr_figures;
};

/*
 * Finds gnuplot and the templates and asks gnuplot what it can draw. Fails with an actionable
 * message when gnuplot or the templates are missing.
 */
int hc_plot_open(struct hc_plot *p, const char *dir);
/* Opens dir/name.dat for writing the figure's data. */
FILE *hc_plot_data(struct hc_plot *p, const char *name);
/*
 * Makes s fit between double quotes in a data file: a '"' becomes '\'' and a control character
 * a space (labels come from result files, which may be anyone's).
 */
void hc_plot_label(char *s);
/*
 * Adds figure name (name.png and name.svg, from name.dat, width x height pixels) drawn by
 * template tpl ("bars"),
 * with the template's variables: the strings title, xlab, ylab and the gnuplot assignments
 * in vars ("ncurves = 3; logx = 1", may be "").
 */
void hc_plot_add(struct hc_plot *p, const char *name, const char *tpl, unsigned int width,
		 unsigned int height, const char *title, const char *xlab, const char *ylab,
		 const char *vars);
/* Runs gnuplot on the script; a failure names gnuplot's first error line. */
int hc_plot_run(struct hc_plot *p);
void hc_plot_close(struct hc_plot *p);

#endif
