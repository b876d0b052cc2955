// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/doc.h"
#include "base/error.h"

struct hc_table {
	char *align;
	unsigned int ncols;
	char **cell;		/* row-major; row 0 holds the headings */
	unsigned int nr_cells, cap;
	bool *marked;		/* per row */
	unsigned int nr_rows;	/* including the heading row */
	bool oom;
};

/*
 * Text for an element: a control character from a result file (a newline that would end a
 * table row or start a heading, a terminal escape) is written as \n or \xNN, in every format.
 */
static void vtext(const char *fmt, va_list ap, char *buf, size_t len)
{
	char raw[4096];

	vsnprintf(raw, sizeof(raw), fmt, ap);
	hc_escape_controls(buf, len, raw);
}

/* A copy of src with its controls escaped, to free; NULL without memory. */
static char *escape_dup(const char *src, size_t n)
{
	char *raw = strndup(src, n), *out = raw ? malloc(4 * n + 8) : NULL;

	if (out)
		hc_escape_controls(out, 4 * n + 8, raw);
	free(raw);
	return out;
}

/* The same for text of many lines: its newlines stay. */
static char *escape_lines(const char *text)
{
	size_t len = 4 * strlen(text) + 8, off = 0, n;
	char *out = malloc(len), *line;

	for (const char *l = text; out && *l; l += n + (l[n] == '\n')) {
		n = strcspn(l, "\n");
		line = escape_dup(l, n);
		if (!line) {
			free(out);
			return NULL;
		}
		off += snprintf(out + off, len - off, "%s\n", line);
		free(line);
	}
	if (out)
		out[off] = '\0';
	return out;
}

/* Whether the '<' at s could open raw HTML (a tag, comment, declaration) or an autolink. */
static bool opens_markup(const char *s)
{
	size_t n = strcspn(s + 1, " \t<>");

	return isalpha((unsigned char)s[1]) || (s[1] && strchr("/!?", s[1])) || s[1 + n] == '>';
}

static void put_escaped(struct hc_doc *d, const char *s)
{
	for (; *s; s++) {
		if (d->fmt == HC_DOC_HTML) {
			switch (*s) {
			case '&':
				fputs("&amp;", d->f);
				continue;
			case '<':
				fputs("&lt;", d->f);
				continue;
			case '>':
				fputs("&gt;", d->f);
				continue;
			case '"':
				fputs("&quot;", d->f);
				continue;
			}
		} else if (d->fmt == HC_DOC_MARKDOWN) {
			/*
			 * Text from a result file stays text: no raw HTML or autolink (a '<' that
			 * could open one, CommonMark 6.5, 6.6), no entity, no link (a ']' that
			 * would close its text), no table cell's end, no code span or '*'
			 * emphasis. Readable text ("p <0.001", "tcp_rr") is left as it is.
			 */
			if (*s == '<' && opens_markup(s)) {
				fputs("&lt;", d->f);
				continue;
			}
			if (*s == '&' && (isalnum((unsigned char)s[1]) || s[1] == '#')) {
				fputs("&amp;", d->f);
				continue;
			}
			if (strchr("|*`\\", *s) || (*s == ']' && s[1] && strchr("([:", s[1])))
				fputc('\\', d->f);
		}
		fputc(*s, d->f);
	}
}

static void close_list(struct hc_doc *d)
{
	if (!d->in_list)
		return;
	d->in_list = false;
	fputs(d->fmt == HC_DOC_HTML ? "</ul>\n" : "\n", d->f);
}

void hc_doc_begin(struct hc_doc *d, const char *title)
{
	if (d->fmt != HC_DOC_HTML)
		return;
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>",
	      d->f);
	put_escaped(d, title);
	fputs("</title>\n<style>\n"
	      "body { font-family: sans-serif; max-width: 80em; margin: 1em auto; "
	      "padding: 0 1em; }\n"
	      "table { border-collapse: collapse; margin: 0.5em 0 1em; font-size: 90%; }\n"
	      "th, td { border: 1px solid #bbb; padding: 0.15em 0.5em; }\n"
	      "th { background: #eee; }\n"
	      "td.r { text-align: right; font-variant-numeric: tabular-nums; }\n"
	      "tr.marked td { background: #fde2e2; }\n"
	      "pre { background: #f4f4f4; padding: 0.5em; overflow-x: auto; }\n"
	      "figure { margin: 1em 0; }\n"
	      "img { max-width: 100%; height: auto; }\n"
	      "</style>\n</head>\n<body>\n", d->f);
}

void hc_doc_end(struct hc_doc *d)
{
	close_list(d);
	if (d->fmt == HC_DOC_HTML)
		fputs("</body>\n</html>\n", d->f);
}

void hc_doc_heading(struct hc_doc *d, int level, const char *fmt, ...)
{
	char text[512];
	size_t i, n;
	va_list ap;

	va_start(ap, fmt);
	vtext(fmt, ap, text, sizeof(text));
	va_end(ap);
	close_list(d);
	switch (d->fmt) {
	case HC_DOC_HTML:
		fprintf(d->f, "<h%d>", level);
		put_escaped(d, text);
		fprintf(d->f, "</h%d>\n", level);
		break;
	case HC_DOC_MARKDOWN:
		fprintf(d->f, "%.*s ", level, "######");
		put_escaped(d, text);
		fputs("\n\n", d->f);
		break;
	case HC_DOC_TEXT:
		fprintf(d->f, "%s\n", text);
		/* Underline by characters, not bytes: the text may hold UTF-8. */
		for (i = 0, n = 0; text[i]; i++)
			n += (text[i] & 0xc0) != 0x80;
		while (n--)
			fputc(level <= 1 ? '=' : '-', d->f);
		fputs("\n\n", d->f);
		break;
	}
}

void hc_doc_para(struct hc_doc *d, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vtext(fmt, ap, text, sizeof(text));
	va_end(ap);
	close_list(d);
	if (d->fmt == HC_DOC_HTML)
		fputs("<p>", d->f);
	put_escaped(d, text);
	fputs(d->fmt == HC_DOC_HTML ? "</p>\n" : "\n\n", d->f);
}

void hc_doc_item(struct hc_doc *d, const char *fmt, ...)
{
	char text[2048];
	va_list ap;

	va_start(ap, fmt);
	vtext(fmt, ap, text, sizeof(text));
	va_end(ap);
	if (!d->in_list && d->fmt == HC_DOC_HTML)
		fputs("<ul>\n", d->f);
	d->in_list = true;
	fputs(d->fmt == HC_DOC_HTML ? "<li>" : d->fmt == HC_DOC_MARKDOWN ? "- " : "  - ", d->f);
	put_escaped(d, text);
	fputs(d->fmt == HC_DOC_HTML ? "</li>\n" : "\n", d->f);
}

static void put_fence(struct hc_doc *d, size_t n)
{
	while (n--)
		fputc('`', d->f);
	fputc('\n', d->f);
}

void hc_doc_pre(struct hc_doc *d, const char *raw)
{
	char *text = escape_lines(raw);
	const char *line;
	size_t n = 0;

	if (!text)
		return;
	close_list(d);
	switch (d->fmt) {
	case HC_DOC_HTML:
		fputs("<pre>", d->f);
		put_escaped(d, text);
		fputs("</pre>\n", d->f);
		break;
	case HC_DOC_MARKDOWN:
		/* A fence longer than any run of backticks inside: nothing in it can close it. */
		n = 3;
		for (line = text; *line; line++) {
			size_t run = strspn(line, "`");

			n = run >= n ? run + 1 : n;
			line += run ? run - 1 : 0;
		}
		put_fence(d, n);
		fprintf(d->f, "%s%s", text, text[0] && text[strlen(text) - 1] == '\n' ? "" : "\n");
		put_fence(d, n);
		fputc('\n', d->f);
		break;
	case HC_DOC_TEXT:
		for (line = text; *line; line += n + (line[n] == '\n')) {
			n = strcspn(line, "\n");
			fprintf(d->f, "    %.*s\n", (int)n, line);
		}
		fputc('\n', d->f);
		break;
	}
	free(text);
}

void hc_doc_fold_begin(struct hc_doc *d, const char *summary)
{
	if (d->fmt != HC_DOC_HTML) {
		hc_doc_para(d, "%s", summary);
		return;
	}
	close_list(d);
	fputs("<details>\n<summary>", d->f);
	put_escaped(d, summary);
	fputs("</summary>\n", d->f);
}

void hc_doc_fold_end(struct hc_doc *d)
{
	close_list(d);
	if (d->fmt == HC_DOC_HTML)
		fputs("</details>\n", d->f);
}

static void put_base64(FILE *out, FILE *in)
{
	static const char digits[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char b[3];
	size_t n;

	while ((n = fread(b, 1, 3, in)) > 0) {
		uint32_t v = b[0] << 16 | (n > 1 ? b[1] << 8 : 0) | (n > 2 ? b[2] : 0);

		fputc(digits[v >> 18 & 63], out);
		fputc(digits[v >> 12 & 63], out);
		fputc(n > 1 ? digits[v >> 6 & 63] : '=', out);
		fputc(n > 2 ? digits[v & 63] : '=', out);
	}
}

int hc_doc_figure(struct hc_doc *d, const char *name, const char *raw)
{
	char path[4096], caption[4096];
	FILE *svg;

	/* The caption names the file it plots: its controls are escaped like all text. */
	hc_escape_controls(caption, sizeof(caption), raw);
	close_list(d);
	switch (d->fmt) {
	case HC_DOC_HTML:
		/* An image of its own rather than inline <svg>: gnuplot's ids repeat per figure. */
		snprintf(path, sizeof(path), "%s/%s.svg", d->fig_dir, name);
		svg = fopen(path, "rb");
		if (!svg)
			return hc_err("cannot read figure %s: %m", path);
		fputs("<figure>\n<img src=\"data:image/svg+xml;base64,", d->f);
		put_base64(d->f, svg);
		fclose(svg);
		fputs("\" alt=\"", d->f);
		put_escaped(d, caption);
		fputs("\">\n<figcaption>", d->f);
		put_escaped(d, caption);
		fprintf(d->f, " (<a href=\"%s.png\">PNG</a>)</figcaption>\n</figure>\n", name);
		break;
	case HC_DOC_MARKDOWN:
		fputs("![", d->f);
		put_escaped(d, caption);
		fprintf(d->f, "](%s.png)\n\n", name);
		put_escaped(d, caption);
		fprintf(d->f, " ([SVG](%s.svg))\n\n", name);
		break;
	case HC_DOC_TEXT:
		fprintf(d->f, "[figure %s.png: %s]\n\n", name, caption);
		break;
	}
	return 0;
}

static void table_push(struct hc_table *t, char *s)
{
	if (!s) {
		t->oom = true;
		return;
	}
	if (t->nr_cells == t->cap) {
		unsigned int cap = t->cap ? 2 * t->cap : 64;
		char **cell = realloc(t->cell, cap * sizeof(*cell));

		if (!cell) {
			free(s);
			t->oom = true;
			return;
		}
		t->cell = cell;
		t->cap = cap;
	}
	t->cell[t->nr_cells++] = s;
}

static struct hc_table *table_alloc(const char *align)
{
	struct hc_table *t = calloc(1, sizeof(*t));

	if (!t)
		return NULL;
	t->align = strdup(align);
	t->ncols = strlen(align);
	if (t->ncols > HC_TABLE_MAX_COLS)
		t->oom = true;
	hc_table_row(t, false);
	return t;
}

static struct hc_table *table_done(struct hc_table *t)
{
	if (t && (!t->align || t->nr_cells != t->ncols))
		t->oom = true;
	return t;
}

struct hc_table *hc_table_new(const char *align, ...)
{
	struct hc_table *t = table_alloc(align);
	const char *h;
	va_list ap;

	if (!t)
		return NULL;
	va_start(ap, align);
	/* A heading may be a file name: escaped as cells are. */
	while ((h = va_arg(ap, const char *)))
		table_push(t, escape_dup(h, strlen(h)));
	va_end(ap);
	return table_done(t);
}

struct hc_table *hc_table_new_array(const char *align, const char *const *heads)
{
	struct hc_table *t = table_alloc(align);
	size_t i;

	for (i = 0; t && i < t->ncols && i < HC_TABLE_MAX_COLS && heads[i]; i++)
		table_push(t, strdup(heads[i]));
	return table_done(t);
}

void hc_table_row(struct hc_table *t, bool marked)
{
	bool *m;

	if (!t)
		return;
	/* Pad a short row, so that every row has ncols cells. */
	while (t->nr_rows && t->nr_cells < t->nr_rows * t->ncols && !t->oom)
		table_push(t, strdup(""));
	m = realloc(t->marked, (t->nr_rows + 1) * sizeof(*m));
	if (!m) {
		t->oom = true;
		return;
	}
	t->marked = m;
	t->marked[t->nr_rows++] = marked;
}

void hc_table_cell(struct hc_table *t, const char *fmt, ...)
{
	char *raw = NULL, *s;
	va_list ap;

	if (!t)
		return;
	va_start(ap, fmt);
	if (vasprintf(&raw, fmt, ap) < 0)
		raw = NULL;
	va_end(ap);
	/* As vtext(): a newline from a result file must not end the row. */
	s = raw ? escape_dup(raw, strlen(raw)) : NULL;
	free(raw);
	if (t->nr_cells >= t->nr_rows * t->ncols) {
		free(s);
		return;
	}
	table_push(t, s);
}

unsigned int hc_table_rows(const struct hc_table *t)
{
	return t ? t->nr_rows - 1 : 0;
}

static unsigned int width(const char *s)
{
	unsigned int n = 0;

	for (; *s; s++)
		n += (*s & 0xc0) != 0x80;
	return n;
}

/* One line of cells padded to the column widths w, without trailing blanks. */
static void text_line(struct hc_doc *d, const struct hc_table *t, const unsigned int *w,
		      char *const *cells)
{
	char line[8192];
	size_t off = 0;
	unsigned int c;

	for (c = 0; c < t->ncols && off < sizeof(line); c++) {
		int pad = w[c] - width(cells[c]);
		bool right = t->align[c] == 'r';

		off += snprintf(line + off, sizeof(line) - off, "%s%*s%s%*s", c ? "  " : "",
				right ? pad : 0, "", cells[c], right ? 0 : pad, "");
	}
	off = strnlen(line, sizeof(line));
	while (off && line[off - 1] == ' ')
		off--;
	fprintf(d->f, "%.*s\n", (int)off, line);
}

static void table_text(struct hc_doc *d, const struct hc_table *t)
{
	unsigned int w[HC_TABLE_MAX_COLS] = { 0 }, widest = 0, r, c;
	char *rule[HC_TABLE_MAX_COLS], *dashes;

	for (r = 0; r < t->nr_rows; r++)
		for (c = 0; c < t->ncols; c++)
			if (width(t->cell[r * t->ncols + c]) > w[c])
				w[c] = width(t->cell[r * t->ncols + c]);
	for (c = 0; c < t->ncols; c++)
		widest = w[c] > widest ? w[c] : widest;
	/* The rule under the headings: each column's cell is the tail of one run of dashes. */
	dashes = malloc(widest + 1);
	if (dashes) {
		memset(dashes, '-', widest);
		dashes[widest] = '\0';
		for (c = 0; c < t->ncols; c++)
			rule[c] = dashes + widest - w[c];
	}
	for (r = 0; r < t->nr_rows; r++) {
		text_line(d, t, w, &t->cell[r * t->ncols]);
		if (!r && dashes)
			text_line(d, t, w, rule);
	}
	free(dashes);
	fputc('\n', d->f);
}

static void table_markdown(struct hc_doc *d, const struct hc_table *t)
{
	unsigned int r, c;

	for (r = 0; r < t->nr_rows; r++) {
		for (c = 0; c < t->ncols; c++) {
			fputs("| ", d->f);
			put_escaped(d, t->cell[r * t->ncols + c]);
			fputc(' ', d->f);
		}
		fputs("|\n", d->f);
		if (r)
			continue;
		for (c = 0; c < t->ncols; c++)
			fputs(t->align[c] == 'r' ? "| ---: " : "| :--- ", d->f);
		fputs("|\n", d->f);
	}
	fputc('\n', d->f);
}

static void table_html(struct hc_doc *d, const struct hc_table *t)
{
	unsigned int r, c;

	fputs("<table>\n", d->f);
	for (r = 0; r < t->nr_rows; r++) {
		fputs(r && t->marked[r] ? "<tr class=\"marked\">" : "<tr>", d->f);
		for (c = 0; c < t->ncols; c++) {
			if (!r)
				fputs("<th>", d->f);
			else
				fputs(t->align[c] == 'r' ? "<td class=\"r\">" : "<td>", d->f);
			put_escaped(d, t->cell[r * t->ncols + c]);
			fputs(r ? "</td>" : "</th>", d->f);
		}
		fputs("</tr>\n", d->f);
	}
	fputs("</table>\n", d->f);
}

void hc_table_free(struct hc_table *t)
{
	unsigned int i;

	if (!t)
		return;
	for (i = 0; i < t->nr_cells; i++)
		free(t->cell[i]);
	free(t->cell);
	free(t->marked);
	free(t->align);
	free(t);
}

int hc_doc_table(struct hc_doc *d, struct hc_table *t)
{
	int ret = 0;

	if (!t)
		return hc_err("out of memory for a table");
	hc_table_row(t, false);
	t->nr_rows--;
	if (t->oom) {
		ret = hc_err("out of memory for a table");
	} else {
		close_list(d);
		if (d->fmt == HC_DOC_HTML)
			table_html(d, t);
		else if (d->fmt == HC_DOC_MARKDOWN)
			table_markdown(d, t);
		else
			table_text(d, t);
	}
	hc_table_free(t);
	return ret;
}
