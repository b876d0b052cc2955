// SPDX-License-Identifier: GPL-2.0
/*
 * The real kernel's slab fast path: an allocation freed at once, from a kmem_cache created
 * with or without SLAB_ACCOUNT and from kmalloc with GFP_KERNEL or GFP_KERNEL_ACCOUNT.
 * Accounted objects are charged to the memory cgroup of the task writing the request, so
 * the configuration is the caller's: bystander = accounted from the root cgroup (nothing is
 * charged), active = accounted from a child cgroup (charged). The unaccounted allocations are
 * cases of their own (config none): on a MEMCG=y kernel they are not `off`, which is a kernel
 * built without the feature (hookcost vm --matrix memcg).
 */
#include <linux/slab.h>

#include "hookcost.h"

#define HC_SLAB_ITERS	BIT(20)

/* The real allocator, which may sleep (its configurations and sizes: <hookcost/kcases.h>). */
#define HC_SLAB_KCASE(_id, _prepare, _run, _finish) {				\
	.id = _id,								\
	.flags = HC_KCASE_SLEEPS,						\
	.max_iters = HC_SLAB_ITERS,						\
	.prepare = _prepare,							\
	.run = _run,								\
	.finish = _finish,							\
}

static int hc_cache_prepare(struct hc_krun *run)
{
	bool account = run->config != HC_CONFIG_NONE;

	run->priv = kmem_cache_create(account ? "hookcost_acct" : "hookcost", run->param, 0,
				      account ? SLAB_ACCOUNT : 0, NULL);
	return run->priv ? 0 : -ENOMEM;
}

static u64 hc_cache_run(struct hc_krun *run, u64 iters)
{
	struct kmem_cache *cache = run->priv;
	u64 i, sum = 0;
	void *p;

	for (i = iters; i; i--) {
		p = kmem_cache_alloc(cache, GFP_KERNEL);
		if (unlikely(!p)) {
			run->err = -ENOMEM;
			break;
		}
		sum += (unsigned long)p & 0xff;
		kmem_cache_free(cache, p);
	}
	return sum;
}

static void hc_cache_finish(struct hc_krun *run)
{
	kmem_cache_destroy(run->priv);
}

const struct hc_kcase hc_kcase_slab_cache =
	HC_SLAB_KCASE(HC_KCASE_SLAB_CACHE, hc_cache_prepare, hc_cache_run, hc_cache_finish);
const struct hc_kcase hc_kcase_slab_cache_unacct =
	HC_SLAB_KCASE(HC_KCASE_SLAB_CACHE_UNACCT, hc_cache_prepare, hc_cache_run,
		      hc_cache_finish);

static u64 hc_kmalloc_run(struct hc_krun *run, u64 iters)
{
	gfp_t gfp = run->config == HC_CONFIG_NONE ? GFP_KERNEL : GFP_KERNEL_ACCOUNT;
	size_t size = run->param;
	u64 i, sum = 0;
	void *p;

	for (i = iters; i; i--) {
		p = kmalloc(size, gfp);
		if (unlikely(!p)) {
			run->err = -ENOMEM;
			break;
		}
		sum += (unsigned long)p & 0xff;
		kfree(p);
	}
	return sum;
}

const struct hc_kcase hc_kcase_kmalloc =
	HC_SLAB_KCASE(HC_KCASE_KMALLOC, NULL, hc_kmalloc_run, NULL);
const struct hc_kcase hc_kcase_kmalloc_unacct =
	HC_SLAB_KCASE(HC_KCASE_KMALLOC_UNACCT, NULL, hc_kmalloc_run, NULL);
