/* SPDX-License-Identifier: GPL-2.0 */
/* What the validator's tables (validate.c) and its rules across rows (validate_rules.c) share. */
#ifndef HC_VALIDATE_PRIV_H
#define HC_VALIDATE_PRIV_H

#include <stddef.h>

#include <jansson.h>

struct vctx {
	const char *file;
	char at[512];		/* JSON path of the value being checked */
};

/* A usage error "FILE: PATH: message"; returns -1. */
int hc_vbad(struct vctx *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Appends .key or [i] to the path; returns the length to cut it back to. */
size_t hc_vpush_key(struct vctx *v, const char *key);
size_t hc_vpush_index(struct vctx *v, size_t i);

/*
 * The rules between rows of a file the tables found well-formed: variants and comparisons
 * unique, a comparison of two configurations whose sample counts it states.
 */
int hc_validate_rules(struct vctx *v, json_t *root);

#endif
