// SPDX-License-Identifier: GPL-2.0
/*
 * The VM matrix file: INI, one "key = value" a line, "#" or ";" comments, sections
 * [matrix], [kernel NAME] and [boot NAME]; repeatable keys accumulate. The format is
 * described for users in scripts/matrices/README.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cmd/vm_matrix.h"
#include "base/error.h"

static const char *const vm_configs[] = { "off", "unused", "bystander", "active", "auto" };

struct parser {
	struct vm_matrix *m;
	const char *origin, *dir;
	unsigned int line;
	enum { SEC_NONE, SEC_MATRIX, SEC_KERNEL, SEC_BOOT } sec;
};

static int perr(const struct parser *p, const char *what, const char *s)
{
	return hc_usage_err("%s:%u: %s '%s'", p->origin, p->line, what, s);
}

static const char *keep(struct vm_matrix *m, const char *s, size_t len)
{
	char *c;

	if (m->nr_strings == VM_MAX_STRINGS)
		return NULL;
	c = strndup(s, len);
	if (c)
		m->strings[m->nr_strings++] = c;
	return c;
}

static char *trim(char *s)
{
	char *e;

	s += strspn(s, " \t");
	e = s + strlen(s);
	while (e > s && strchr(" \t\r\n", e[-1]))
		*--e = '\0';
	return s;
}

/* A file name of the matrix, relative to its directory. */
static const char *path_of(struct parser *p, const char *v)
{
	char buf[PATH_MAX * 2];

	if (v[0] == '/' || !p->dir)
		return keep(p->m, v, strlen(v));
	snprintf(buf, sizeof(buf), "%s/%s", p->dir, v);
	return keep(p->m, buf, strlen(buf));
}

static int add(struct parser *p, const char **arr, unsigned int *nr, const char *v)
{
	if (*nr == VM_MAX_ITEMS)
		return perr(p, "too many values for", v);
	arr[(*nr)++] = v;
	return v ? 0 : hc_err("out of memory");
}

/* "a b c" joined to the value so far with sep. */
static const char *append(struct parser *p, const char *old, const char *v, const char *sep)
{
	char *buf;
	const char *r;

	if (!old)
		return keep(p->m, v, strlen(v));
	if (asprintf(&buf, "%s%s%s", old, sep, v) < 0)
		return NULL;
	r = keep(p->m, buf, strlen(buf));
	free(buf);
	return r;
}

static int add_col(struct parser *p, const char *name, size_t len, const char *label)
{
	struct vm_matrix *m = p->m;
	struct vm_col *c;
	char n[64];

	snprintf(n, sizeof(n), "%.*s", (int)len, name);
	if (!len || strspn(n, "abcdefghijklmnopqrstuvwxyz0123456789_-+") != len)
		return perr(p, "bad column name", n);
	if (vm_col_find(m, n) >= 0)
		return label ? perr(p, "column defined twice:", n) : 0;
	if (m->nr_cols == VM_MAX_COLS)
		return perr(p, "too many columns at", n);
	c = &m->col[m->nr_cols++];
	c->name = keep(m, n, len);
	c->label = label ? keep(m, label, strlen(label)) : c->name;
	return c->name && c->label ? 0 : hc_err("out of memory");
}

/* "NAME[: LABEL]" */
static int parse_column(struct parser *p, char *v)
{
	char *colon = strchr(v, ':');

	if (colon)
		*colon = '\0';
	v = trim(v);
	return add_col(p, v, strlen(v), colon ? trim(colon + 1) : NULL);
}

/* "A - B[: LABEL]" */
static int parse_delta(struct parser *p, char *v)
{
	struct vm_matrix *m = p->m;
	char *colon = strchr(v, ':'), *minus, lbl[160];
	struct vm_delta *d;
	int a, b;

	if (colon)
		*colon = '\0';
	minus = strstr(v, " - ");
	if (!minus)
		return perr(p, "a delta is 'A - B[: LABEL]', not", v);
	*minus = '\0';
	a = vm_col_find(m, trim(v));
	b = vm_col_find(m, trim(minus + 3));
	if (a < 0 || b < 0)
		return perr(p, "unknown column in delta", a < 0 ? trim(v) : trim(minus + 3));
	if (m->nr_deltas == VM_MAX_DELTAS)
		return perr(p, "too many deltas at", v);
	d = &m->delta[m->nr_deltas++];
	d->a = a;
	d->b = b;
	snprintf(lbl, sizeof(lbl), "%s-%s", m->col[a].name, m->col[b].name);
	d->label = colon ? keep(m, trim(colon + 1), strlen(trim(colon + 1))) :
		   keep(m, lbl, strlen(lbl));
	return d->label ? 0 : hc_err("out of memory");
}

/* "CONFIG[:COLUMN] ..." */
static int parse_measure(struct parser *p, struct vm_boot *b, char *v)
{
	for (char *save, *w = strtok_r(v, " \t", &save); w; w = strtok_r(NULL, " \t", &save)) {
		char *colon = strchr(w, ':');
		const char *col = colon ? colon + 1 : w;
		unsigned int i;
		int c;

		if (colon)
			*colon = '\0';
		for (i = 0; i < sizeof(vm_configs) / sizeof(vm_configs[0]); i++)
			if (!strcmp(w, vm_configs[i]))
				break;
		if (i == sizeof(vm_configs) / sizeof(vm_configs[0]))
			return perr(p, "unknown configuration (off, unused, bystander, active, "
				    "auto)", w);
		if (b->nr_measures == VM_MAX_ITEMS)
			return perr(p, "too many measures at", w);
		if (add_col(p, col, strlen(col), NULL))
			return -1;
		c = vm_col_find(p->m, col);
		b->measure[b->nr_measures].config = vm_configs[i];
		b->measure[b->nr_measures++].col = c;
	}
	return 0;
}

static int kernel_key(struct parser *p, struct vm_kernel *k, const char *key, char *v)
{
	if (!strcmp(key, "image"))
		return (k->image = path_of(p, v)) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "tree"))
		return (k->tree = path_of(p, v)) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "tarball"))
		return (k->tarball = path_of(p, v)) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "patch"))
		return add(p, k->patch, &k->nr_patches, path_of(p, v));
	if (!strcmp(key, "fragment"))
		return add(p, k->fragment, &k->nr_fragments, path_of(p, v));
	if (strcmp(key, "config"))
		return perr(p, "unknown kernel key", key);
	for (char *save, *w = strtok_r(v, " \t", &save); w; w = strtok_r(NULL, " \t", &save))
		if (add(p, k->option, &k->nr_options, keep(p->m, w, strlen(w))))
			return -1;
	return 0;
}

static int boot_key(struct parser *p, struct vm_boot *b, const char *key, char *v)
{
	struct vm_matrix *m = p->m;
	unsigned int i;

	if (!strcmp(key, "setup"))
		return add(p, b->setup, &b->nr_setup, keep(m, v, strlen(v)));
	if (!strcmp(key, "measure"))
		return parse_measure(p, b, v);
	if (strcmp(key, "kernel"))
		return perr(p, "unknown boot key", key);
	for (i = 0; i < m->nr_kernels; i++)
		if (!strcmp(m->kernel[i].name, v))
			break;
	if (i == m->nr_kernels)
		return perr(p, "unknown kernel (define it above)", v);
	b->kernel = i;
	return 0;
}

static int matrix_key(struct parser *p, const char *key, char *v)
{
	struct vm_matrix *m = p->m;
	struct vm_workload *w;
	char *colon;

	if (!strcmp(key, "title"))
		return (m->title = keep(m, v, strlen(v))) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "about"))
		return (m->about = append(p, m->about, v, " ")) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "cases"))
		return (m->cases = append(p, m->cases, v, ",")) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "key"))
		return (m->key = keep(m, v, strlen(v))) ? 0 : hc_err("out of memory");
	if (!strcmp(key, "functions"))
		return (m->functions = append(p, m->functions, v, " ")) ? 0 :
		       hc_err("out of memory");
	if (!strcmp(key, "column"))
		return parse_column(p, v);
	if (!strcmp(key, "delta"))
		return parse_delta(p, v);
	if (strcmp(key, "workload"))
		return perr(p, "unknown matrix key", key);
	colon = strchr(v, ':');
	if (!colon || colon == v)
		return perr(p, "a workload is 'NAME: COMMAND', not", v);
	if (m->nr_workloads == VM_MAX_WORKLOADS)
		return perr(p, "too many workloads at", v);
	*colon = '\0';
	w = &m->workload[m->nr_workloads++];
	w->name = keep(m, trim(v), strlen(trim(v)));
	w->cmd = keep(m, trim(colon + 1), strlen(trim(colon + 1)));
	if (strspn(w->name, "abcdefghijklmnopqrstuvwxyz0123456789_-") != strlen(w->name))
		return perr(p, "bad workload name", w->name);
	return w->cmd ? 0 : hc_err("out of memory");
}

static int section(struct parser *p, char *s)
{
	struct vm_matrix *m = p->m;
	char *name = strchr(s, ' ');

	if (name)
		*name++ = '\0';
	name = name ? trim(name) : NULL;
	if (!strcmp(s, "matrix") && !name) {
		p->sec = SEC_MATRIX;
		return 0;
	}
	if (!name || !*name || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_-.") !=
	    strlen(name))
		return perr(p, "a section is [matrix], [kernel NAME] or [boot NAME], not", s);
	if (!strcmp(s, "kernel") && m->nr_kernels < VM_MAX_KERNELS) {
		for (unsigned int i = 0; i < m->nr_kernels; i++)
			if (!strcmp(m->kernel[i].name, name))
				return perr(p, "kernel defined twice:", name);
		p->sec = SEC_KERNEL;
		m->kernel[m->nr_kernels++].name = keep(m, name, strlen(name));
		return 0;
	}
	if (!strcmp(s, "boot") && m->nr_boots < VM_MAX_BOOTS) {
		for (unsigned int i = 0; i < m->nr_boots; i++)
			if (!strcmp(m->boot[i].name, name))
				return perr(p, "boot defined twice:", name);
		p->sec = SEC_BOOT;
		m->boot[m->nr_boots].kernel = VM_MAX_KERNELS;
		m->boot[m->nr_boots++].name = keep(m, name, strlen(name));
		return 0;
	}
	return perr(p, "unknown section or too many of them:", s);
}

static int line(struct parser *p, char *s)
{
	char *eq;

	s = trim(s);
	if (!*s || *s == '#' || *s == ';')
		return 0;
	if (*s == '[') {
		if (s[strlen(s) - 1] != ']')
			return perr(p, "unclosed section", s);
		s[strlen(s) - 1] = '\0';
		return section(p, trim(s + 1));
	}
	eq = strchr(s, '=');
	if (!eq)
		return perr(p, "expected 'key = value', not", s);
	*eq = '\0';
	s = trim(s);
	eq = trim(eq + 1);
	if (!*eq)
		return perr(p, "no value for", s);
	switch (p->sec) {
	case SEC_MATRIX:
		return matrix_key(p, s, eq);
	case SEC_KERNEL:
		return kernel_key(p, &p->m->kernel[p->m->nr_kernels - 1], s, eq);
	case SEC_BOOT:
		return boot_key(p, &p->m->boot[p->m->nr_boots - 1], s, eq);
	default:
		return perr(p, "a key before any section:", s);
	}
}

/* What a parse cannot see line by line. */
static int validate(const struct parser *p)
{
	const struct vm_matrix *m = p->m;

	if (!m->nr_boots)
		return hc_usage_err("%s: no [boot NAME] section", p->origin);
	if (!m->cases && !m->nr_workloads)
		return hc_usage_err("%s: nothing to measure (no cases, no workload)", p->origin);
	for (unsigned int i = 0; i < m->nr_kernels; i++) {
		const struct vm_kernel *k = &m->kernel[i];
		bool recipe = k->tree || k->tarball || k->nr_patches || k->nr_fragments ||
			      k->nr_options;

		if (k->image && recipe)
			return hc_usage_err("%s: kernel %s: an image or a recipe, not both",
					    p->origin, k->name);
		if (k->tree && k->tarball)
			return hc_usage_err("%s: kernel %s: a tree or a tarball, not both",
					    p->origin, k->name);
	}
	for (unsigned int i = 0; i < m->nr_boots; i++) {
		if (m->boot[i].kernel == VM_MAX_KERNELS)
			return hc_usage_err("%s: boot %s names no kernel", p->origin,
					    m->boot[i].name);
		if (!m->boot[i].nr_measures)
			return hc_usage_err("%s: boot %s measures nothing (measure = CONFIG)",
					    p->origin, m->boot[i].name);
	}
	return 0;
}

int vm_matrix_parse(struct vm_matrix *m, const char *text, const char *origin, const char *dir)
{
	struct parser p = { .m = m, .origin = origin, .dir = dir };
	char *copy = strdup(text), *save, *s;
	int ret = 0;

	if (!copy)
		return hc_err("out of memory");
	m->text = strdup(text);
	for (s = copy; s && !ret; s = save) {
		save = strchr(s, '\n');
		if (save)
			*save++ = '\0';
		p.line++;
		ret = line(&p, s);
	}
	free(copy);
	if (!ret && !m->text)
		ret = hc_err("out of memory");
	return ret ? ret : validate(&p);
}

int vm_matrix_load(struct vm_matrix *m, const char *path)
{
	char dir[PATH_MAX], *text = NULL, *slash;
	size_t len = 0;
	FILE *f = fopen(path, "re");
	ssize_t n;
	int ret;

	if (!f)
		return hc_usage_err("cannot read the matrix %s: %s", path, strerror(errno));
	n = getdelim(&text, &len, '\0', f);
	fclose(f);
	if (n < 0) {
		free(text);
		return hc_usage_err("cannot read the matrix %s", path);
	}
	snprintf(dir, sizeof(dir), "%s", path);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	else
		snprintf(dir, sizeof(dir), ".");
	if (!m->name) {
		const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
		size_t blen = strcspn(base, ".");

		m->name = keep(m, base, blen);
	}
	ret = vm_matrix_parse(m, text, path, dir);
	free(text);
	return ret;
}

void vm_matrix_free(struct vm_matrix *m)
{
	for (unsigned int i = 0; i < m->nr_strings; i++)
		free(m->strings[i]);
	free(m->text);
	memset(m, 0, sizeof(*m));
}

int vm_col_find(const struct vm_matrix *m, const char *name)
{
	for (unsigned int i = 0; i < m->nr_cols; i++)
		if (!strcmp(m->col[i].name, name))
			return i;
	return -1;
}
