/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A document written once and rendered as plain text (terminal, mail), Markdown or HTML:
 * headings, paragraphs, preformatted blocks, tables and figures. compare prints its tables
 * through it and report writes both of its files with it, so the two always agree.
 */
#ifndef HC_DOC_H
#define HC_DOC_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum hc_doc_fmt {
	HC_DOC_TEXT,
	HC_DOC_MARKDOWN,
	HC_DOC_HTML,
};

struct hc_doc {
	FILE *f;
	enum hc_doc_fmt fmt;
	const char *fig_dir;	/* HTML: where figure files are read from to embed them */
	bool in_list;
};

/* HTML: the page head (title, style) and its end; nothing in the other formats. */
void hc_doc_begin(struct hc_doc *d, const char *title);
void hc_doc_end(struct hc_doc *d);

void hc_doc_heading(struct hc_doc *d, int level, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void hc_doc_para(struct hc_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* One bullet of a list; consecutive items form one list, closed by any other element. */
void hc_doc_item(struct hc_doc *d, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void hc_doc_pre(struct hc_doc *d, const char *text);
/*
 * What is between these two is folded away in HTML (<details>) behind the line summary; the
 * other formats have no folding and show summary as a paragraph before it.
 */
void hc_doc_fold_begin(struct hc_doc *d, const char *summary);
void hc_doc_fold_end(struct hc_doc *d);
/*
 * A figure whose file is fig_dir/name.svg (and .png beside it): HTML embeds the SVG as a data
 * URI and links the PNG, Markdown shows the PNG and links the SVG. Returns -1 with hc_err() if it cannot be read.
 */
int hc_doc_figure(struct hc_doc *d, const char *name, const char *caption);

/* A table built cell by cell; align has one 'l' or 'r' per column. */
#define HC_TABLE_MAX_COLS 24

struct hc_table;

struct hc_table *hc_table_new(const char *align, ...);	/* column headings, NULL-terminated */
/* The same with the headings in an array, one per character of align (NULL ends it early). */
struct hc_table *hc_table_new_array(const char *align, const char *const *heads);
/* Starts a row; a marked row is emphasised in HTML (a significant change, say). */
void hc_table_row(struct hc_table *t, bool marked);
void hc_table_cell(struct hc_table *t, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
unsigned int hc_table_rows(const struct hc_table *t);
void hc_table_free(struct hc_table *t);
/* Renders and frees the table; returns -1 if building it ran out of memory. */
int hc_doc_table(struct hc_doc *d, struct hc_table *t);

#endif
