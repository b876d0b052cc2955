// SPDX-License-Identifier: GPL-2.0
/* A run's context as flat key/value pairs, and what differs between two contexts. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "analysis/context.h"

static int kv_add(struct hc_kv *kv, const char *key, const char *val)
{
	if (kv->nr == kv->cap) {
		unsigned int cap = kv->cap ? 2 * kv->cap : 32;
		char **k = realloc(kv->key, cap * sizeof(*k));

		if (!k)
			return hc_err("out of memory");
		kv->key = k;
		k = realloc(kv->val, cap * sizeof(*k));
		if (!k)
			return hc_err("out of memory");
		kv->val = k;
		kv->cap = cap;
	}
	kv->key[kv->nr] = strdup(key);
	kv->val[kv->nr] = strdup(val);
	if (!kv->key[kv->nr] || !kv->val[kv->nr]) {
		free(kv->key[kv->nr]);
		free(kv->val[kv->nr]);
		return hc_err("out of memory");
	}
	kv->nr++;
	return 0;
}

static int flatten(json_t *node, char *key, size_t klen, size_t cap, struct hc_kv *kv)
{
	const char *k;
	json_t *v;
	char *text;
	int ret;

	if (json_is_object(node)) {
		json_object_foreach(node, k, v) {
			snprintf(key + klen, cap - klen, "%s%s", klen ? "." : "", k);
			ret = flatten(v, key, strlen(key), cap, kv);
			key[klen] = '\0';
			if (ret)
				return ret;
		}
		return 0;
	}
	if (json_is_string(node))
		return kv_add(kv, key, json_string_value(node));
	text = json_dumps(node, JSON_COMPACT | JSON_ENCODE_ANY | JSON_REAL_PRECISION(12));
	if (!text)
		return hc_err("out of memory");
	ret = kv_add(kv, key, text);
	free(text);
	return ret;
}

int hc_context_flatten(json_t *context, struct hc_kv *kv)
{
	char key[256] = "";

	memset(kv, 0, sizeof(*kv));
	return flatten(context, key, 0, sizeof(key), kv);
}

const char *hc_kv_get(const struct hc_kv *kv, const char *key)
{
	unsigned int i;

	for (i = 0; i < kv->nr; i++)
		if (!strcmp(kv->key[i], key))
			return kv->val[i];
	return NULL;
}

void hc_kv_free(struct hc_kv *kv)
{
	unsigned int i;

	for (i = 0; i < kv->nr; i++) {
		free(kv->key[i]);
		free(kv->val[i]);
	}
	free(kv->key);
	free(kv->val);
	memset(kv, 0, sizeof(*kv));
}

bool hc_context_key_in(const char *key, const char *const *names, size_t nr)
{
	size_t top = strcspn(key, "."), i;

	for (i = 0; i < nr; i++)
		if (strlen(names[i]) == top && !strncmp(key, names[i], top))
			return true;
	return false;
}

bool hc_context_volatile(const char *key)
{
	/* Advice is derived from the other keys: their difference is reported already. */
	static const char *const keys[] = {
		"command", "warnings", "advice", "date", "time", "timestamp", "started",
		"finished", "duration",
	};

	return hc_context_key_in(key, keys, sizeof(keys) / sizeof(keys[0]));
}

static size_t append_diff(char *buf, size_t len, size_t off, const char *key, const char *a,
			  const char *b)
{
	if (off >= len)
		return off;
	return off + snprintf(buf + off, len - off, "%s%s (%.40s vs %.40s)", off ? ", " : "",
			      key, a ? a : "missing", b ? b : "missing");
}

unsigned int hc_context_diff(json_t *a, json_t *b, char *buf, size_t len)
{
	struct hc_kv ka = { 0 }, kb = { 0 };
	unsigned int i, nr = 0;
	size_t off = 0;

	buf[0] = '\0';
	if (hc_context_flatten(a, &ka) || hc_context_flatten(b, &kb)) {
		hc_kv_free(&ka);
		hc_kv_free(&kb);
		snprintf(buf, len, "(out of memory comparing the contexts)");
		return 1;
	}
	for (i = 0; i < ka.nr; i++) {
		const char *vb = hc_kv_get(&kb, ka.key[i]);

		if (hc_context_volatile(ka.key[i]) || (vb && !strcmp(vb, ka.val[i])))
			continue;
		off = append_diff(buf, len, off, ka.key[i], ka.val[i], vb);
		nr++;
	}
	for (i = 0; i < kb.nr; i++) {
		if (hc_context_volatile(kb.key[i]) || hc_kv_get(&ka, kb.key[i]))
			continue;
		off = append_diff(buf, len, off, kb.key[i], NULL, kb.val[i]);
		nr++;
	}
	hc_kv_free(&ka);
	hc_kv_free(&kb);
	return nr;
}
