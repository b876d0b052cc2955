// SPDX-License-Identifier: GPL-2.0
/*
 * Keys: what changes a key, and when its sites (sites.c) are patched.
 */
#include <pthread.h>

#include "internal.h"

static int key_set(struct hc_static_key *key, int from, int during, int to)
{
	int ret;

	__atomic_store_n(&key->enabled, during, __ATOMIC_RELEASE);
	ret = ustatic_key_update(key);
	/* A failed update wrote nothing: ustatic_poke_apply fails only before its first write. */
	__atomic_store_n(&key->enabled, ret ? from : to, __ATOMIC_RELEASE);
	return ret;
}

/*
 * The four calls keep the kernel's semantics: enable/disable act only between 0 and 1,
 * inc/dec count, and the sites change when the count crosses zero. -1 marks a key whose
 * first enable is patching, as in the kernel.
 */
static int key_change(struct hc_static_key *key, int delta, bool counted)
{
	const char *broken;
	int n, ret = 0;

	pthread_mutex_lock(&ustatic_lock);
	n = key->enabled;
	broken = ustatic_register_error();
	if (broken) {
		ret = ustatic_err("%s", broken);
	} else if (delta > 0) {
		if (!n)
			ret = key_set(key, 0, -1, 1);
		else if (counted)
			__atomic_store_n(&key->enabled, n + 1, __ATOMIC_RELEASE);
	} else if (counted && n <= 0) {
		ret = ustatic_err("static keys: hc_static_key_dec() of a disabled key");
	} else if (n == 1) {
		ret = key_set(key, 1, 0, 0);
	} else if (counted) {
		__atomic_store_n(&key->enabled, n - 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&ustatic_lock);
	return ret;
}

int hc_ustatic_enable(struct hc_static_key *key)
{
	return key_change(key, 1, false);
}

int hc_ustatic_disable(struct hc_static_key *key)
{
	return key_change(key, -1, false);
}

int hc_ustatic_inc(struct hc_static_key *key)
{
	return key_change(key, 1, true);
}

int hc_ustatic_dec(struct hc_static_key *key)
{
	return key_change(key, -1, true);
}
