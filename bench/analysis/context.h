/* SPDX-License-Identifier: GPL-2.0 */
/* A run's context (environment, build, method) flattened, and compared with another's. */
#ifndef HC_CONTEXT_H
#define HC_CONTEXT_H

#include <stdbool.h>
#include <stddef.h>

#include <jansson.h>

/* A context flattened to its leaves: dotted keys and rendered values, in file order. */
struct hc_kv {
	char **key;
	char **val;
	unsigned int nr, cap;
};

int hc_context_flatten(json_t *context, struct hc_kv *kv);
const char *hc_kv_get(const struct hc_kv *kv, const char *key);
void hc_kv_free(struct hc_kv *kv);
/* Whether the top-level part of the dotted key is one of names. */
bool hc_context_key_in(const char *key, const char *const *names, size_t nr);
/* Keys that differ from run to run by nature (command line, date, warnings). */
bool hc_context_volatile(const char *key);

/*
 * The context keys whose values differ between a and b (run-specific keys such as command and
 * warnings excluded), as "key (A vs B), ..." into buf. Returns the number of differences.
 */
unsigned int hc_context_diff(json_t *a, json_t *b, char *buf, size_t len);

#endif
