// SPDX-License-Identifier: GPL-2.0
/*
 * Code size beside time: what a feature costs in the kernel image, from the built kernels'
 * vmlinux (scripts/vm-kernel-text): the code in .text, the functions on the measured path, and how many
 * jump-label sites (a NOP each while the key is off) the static key has.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include <jansson.h>

#include "base/shell.h"
#include "vm/vm_text.h"
#include "base/error.h"

static json_t *measure(const char *top, const char *key, const char *functions,
		       const char *const *names, const char *const *dirs, unsigned int nr)
{
	char cmd[16384] = "", arg[PATH_MAX + 128];
	json_error_t e;
	json_t *o;
	FILE *p;
	int st;

	snprintf(arg, sizeof(arg), "%s/scripts/vm-kernel-text", top);
	hc_shell_word(cmd, sizeof(cmd), arg);
	hc_shell_word(cmd, sizeof(cmd), key ? key : "-");
	hc_shell_word(cmd, sizeof(cmd), functions ? functions : "");
	for (unsigned int i = 0; i < nr; i++) {
		snprintf(arg, sizeof(arg), "%s=%s", names[i], dirs[i]);
		hc_shell_word(cmd, sizeof(cmd), arg);
	}
	fflush(NULL);
	p = popen(cmd, "re");
	if (!p) {
		hc_warn("cannot run scripts/vm-kernel-text: %s", strerror(errno));
		return NULL;
	}
	o = json_loadf(p, 0, &e);
	st = pclose(p);
	if (!o || st) {
		hc_warn("scripts/vm-kernel-text failed (status %d): no code sizes", st);
		json_decref(o);
		return NULL;
	}
	return o;
}

static void num(struct hc_table *t, json_t *v, long long base, bool delta)
{
	if (!json_is_integer(v))
		hc_table_cell(t, "n/a");
	else if (delta)
		hc_table_cell(t, "%+lld", (long long)json_integer_value(v) - base);
	else
		hc_table_cell(t, "%lld", (long long)json_integer_value(v));
}

static int render(struct hc_doc *d, json_t *o, const char *key, const char *functions)
{
	json_t *ks = json_object_get(o, "kernels"), *k0 = json_array_get(ks, 0), *k;
	const char *h[HC_TABLE_MAX_COLS + 1] = { "kernel", "code bytes", "vs first",
						 "key sites" };
	char align[HC_TABLE_MAX_COLS + 1] = "lrrr", fn[HC_TABLE_MAX_COLS][64];
	unsigned int n = 4;
	struct hc_table *t;
	const char *f;
	size_t i;

	for (const char *s = functions ? functions : ""; *s && n < HC_TABLE_MAX_COLS; n++) {
		s += strspn(s, " ");
		if (!*s)
			break;
		snprintf(fn[n], sizeof(fn[n]), "%.*s", (int)strcspn(s, " "), s);
		h[n] = fn[n];
		align[n] = 'r';
		s += strcspn(s, " ");
	}
	align[n] = '\0';
	t = hc_table_new_array(align, h);
	if (!t)
		return hc_err("out of memory");
	json_array_foreach(ks, i, k) {
		json_t *fs = json_object_get(k, "functions");

		hc_table_row(t, false);
		hc_table_cell(t, "%s", json_string_value(json_object_get(k, "name")));
		num(t, json_object_get(k, "text"), 0, false);
		num(t, json_object_get(k, "text"),
		    json_integer_value(json_object_get(k0, "text")), true);
		num(t, json_object_get(k, "key_sites"), 0, false);
		for (unsigned int c = 4; c < n; c++) {
			f = h[c];
			num(t, json_object_get(fs, f), 0, false);
		}
	}
	hc_doc_para(d, "Code size of each kernel (scripts/vm-kernel-text on its vmlinux): "
		    "the bytes of the functions in .text (the section itself is padded to 2 MiB) "
		    "and against the first kernel; key sites: jump-label entries "
		    "of %s (a NOP each while the key is off; n/a: no such key in that kernel); "
		    "then the size in bytes of each function on the measured path (0: not in "
		    "that kernel, or inlined).", key ? key : "the key");
	return hc_doc_table(d, t);
}

json_t *vm_text(const char *top, const char *key, const char *functions,
		const char *const *names, const char *const *dirs, unsigned int nr,
		struct hc_doc *out, unsigned int nr_out)
{
	json_t *o;

	if (!nr)
		return NULL;
	o = measure(top, key, functions, names, dirs, nr);
	for (unsigned int i = 0; o && i < nr_out; i++)
		if (render(&out[i], o, key, functions)) {
			json_decref(o);
			return NULL;
		}
	return o;
}
