/* SPDX-License-Identifier: GPL-2.0 */
/* What slab_cache.c and slab_acct.c share besides <hookcost/slab_acct.h>. */
#ifndef HOOKCOST_MODELS_SLAB_H
#define HOOKCOST_MODELS_SLAB_H

#include <hookcost/slab_acct.h>

/* Sets up cache s (no copies, no accounting yet); 0, -EINVAL or -ENOMEM. */
int hc_slab_cache_init(struct hc_slab_cache *s, const char *name, unsigned int size,
		       unsigned int flags);
/* Every page back; nobody uses the cache any more. */
void hc_slab_cache_release(struct hc_slab_cache *s);
/* The opt-out design's deferred splits (the cache's split_work). */
void hc_slab_split_work(struct hc_work *w);

#endif /* HOOKCOST_MODELS_SLAB_H */
