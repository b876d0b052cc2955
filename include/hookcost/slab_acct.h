/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model of slab allocation with per-cgroup kernel-memory accounting, in both designs of the
 * seed "Two approaches to kernel memory usage accounting".
 *
 * The allocator is SLUB-like: a cache hands out objects from a per-CPU freelist (the fast path:
 * one load and one store each way); a slab is one naturally aligned page whose header names
 * its cache; objects freed to a slab another CPU is using, partial slabs and new pages are the
 * slow path under the cache lock. Pages are what is charged: a per-cgroup cache charges each
 * new slab page to its cgroup (kmem, with independent_kmem_limit semantics) and uncharges it
 * when the page goes back.
 *
 * Accounting is switched on for a non-root cgroup by its first kmem limit (hc_kmem_set_limit())
 * and lasts until the cgroup is removed; the gates hc_optin and hc_optout are on while such a
 * cgroup exists. Two hooks per design: on allocation, after the design's inline test of the
 * cache (and gfp), pick the cache of the current task's cgroup out of line (select); on free,
 * for an accounted cache, find the cache the object came from inline (cache_from_obj), so the
 * free stays on the fast path. Gate field keeps a pointer to the cache in every object ("one
 * more pointer" in the hot object) instead of reading the slab header.
 *
 * Opt-in (Glauber Costa): only caches registered with hc_slab_register_memcg_cache(), with a
 * shrink callback, are accounted. An accounted cgroup gets a parallel cache of every registered
 * cache, created when its accounting starts and found by cgroup id. A charge past the limit
 * calls the shrinker once and retries, then fails. The root cgroup is never tracked.
 *
 * Opt-out (Suleiman Souhlal): every cache created with HC_SLAB_OPTOUT is accounted unless the
 * allocation passes HC_GFP_NOACCOUNT. The first allocation by an accounted cgroup splits the
 * cache (creates the cgroup's copy); in atomic context (HC_GFP_ATOMIC) the split is handed to a
 * worker and the allocation is served, unaccounted, from the root cache meanwhile. Root
 * tracking (charging root-cache pages to the root cgroup) is the build option
 * HC_SLAB_TRACK_ROOT.
 *
 * Both: on removal a cgroup's copies are unhooked from the lookup but live on until their root
 * cache is destroyed (so a lookup under RCU may return one without a reference); their pages
 * stay charged to the dead cgroup, which memcg.h reparents, and pages released later uncharge
 * its live ancestor.
 */
#ifndef HOOKCOST_SLAB_ACCT_H
#define HOOKCOST_SLAB_ACCT_H

#include <hookcost/compat.h>
#include <hookcost/gate.h>
#include <hookcost/memcg.h>

#ifndef HC_SLAB_TRACK_ROOT
#define HC_SLAB_TRACK_ROOT	0
#endif

/* Cache flags */
#define HC_SLAB_OPTOUT		(1u << 0)	/* opt-out design: accounted by default */
#define HC_SLAB_FIELD		(1u << 1)	/* objects carry their cache (gate field) */

/* Allocation flags (the model's gfp) */
#define HC_GFP_ATOMIC		(1u << 0)	/* may not sleep: defer a split */
#define HC_GFP_NOACCOUNT	(1u << 1)	/* opt-out: do not account this object */

#define HC_SLAB_MIN_PARTIAL	2	/* empty slabs kept before pages go back */
#define HC_SLAB_SPLIT_QUEUE	16
#define HC_SLAB_HEADER		64	/* objects start a cache line into the page */

enum hc_slab_mode {
	HC_SLAB_PLAIN,
	HC_SLAB_MODE_OPTIN,
	HC_SLAB_MODE_OPTOUT,
};

struct hc_slab_cache;

struct hc_slab {
	struct hc_slab_cache *cache;
	void *freelist;			/* free objects not held by a CPU */
	unsigned int nr_free;		/* on freelist */
	bool frozen;			/* a CPU's current slab */
	bool on_partial;
	struct hc_list_head node;	/* partial or full list */
};

struct hc_slab_cpu {
	void *freelist;
	struct hc_slab *slab;
};

struct hc_slab_children {
	unsigned int nr;
	struct rcu_head rcu;
	struct hc_slab_cache __rcu *cache[];
};

/* Opt-in shrink callback: free some objects charged to memcg; returns how many. */
typedef unsigned long (*hc_slab_shrink_fn)(struct hc_slab_cache *s, struct hc_memcg *memcg,
					   void *arg);

struct hc_slab_cache {
	const char *name;
	unsigned int obj_size;		/* requested, pointer aligned */
	unsigned int size;		/* stride: obj_size plus the field gate's pointer */
	unsigned int objects;		/* per slab */
	unsigned int flags;
	enum hc_slab_mode mode;
	struct hc_slab_cpu __percpu *cpu;
	hc_spinlock_t lock;
	struct hc_list_head partial;
	struct hc_list_head full;
	unsigned int nr_partial;
	long nr_slabs;			/* pages, cpu slabs included */

	struct hc_memcg *memcg;		/* a per-cgroup copy's cgroup (referenced); NULL: root */
	struct hc_slab_cache *root;	/* the root cache; itself for a root cache */
	struct hc_slab_children __rcu *children;	/* root: copies by cgroup id */
	struct hc_list_head all_children;		/* root: every copy, dead ones too */
	struct hc_list_head child_node;
	struct hc_list_head tracked_node;		/* hc_slab_sys.caches */

	hc_slab_shrink_fn shrink;	/* opt-in */
	void *shrink_arg;
	unsigned long nr_shrink;

	struct hc_work split_work;	/* opt-out: deferred splits */
	struct hc_memcg *split_queue[HC_SLAB_SPLIT_QUEUE];
	unsigned int nr_split_queue;
	unsigned long nr_deferred;
	unsigned long nr_splits;
};

struct hc_slab_sys {
	struct hc_list_head caches;	/* accounted root caches (hc_memcg_mutex) */
	unsigned int nr_kmem_active;
	struct hc_memcg_notifier notifier;
	bool ready;
};

extern struct hc_slab_sys hc_slab_sys;

struct hc_slab_hook_ops {
	struct hc_slab_cache *(*select)(struct hc_slab_cache *s, unsigned int gfp);
	struct hc_slab_cache *(*cache_from_obj)(struct hc_slab_cache *s, void *obj);
};

HC_GATE_DECLARE(hc_optin, struct hc_slab_hook_ops);
HC_GATE_DECLARE(hc_optout, struct hc_slab_hook_ops);

/*
 * The out-of-line hooks of the allocation: the current task's per-cgroup cache (opt-in: a
 * lookup by cgroup id; opt-out: the same, or the split, deferred in atomic context).
 */
struct hc_slab_cache *hc_optin_select(struct hc_slab_cache *s, unsigned int gfp);
struct hc_slab_cache *hc_optout_select(struct hc_slab_cache *s, unsigned int gfp);

/* Gate field changes only where the free path finds the cache; selection is the same. */
#define hc_optin_select_field		hc_optin_select
#define hc_optout_select_field		hc_optout_select
#define hc_optin_cache_from_obj		hc_slab_cache_from_obj
#define hc_optin_cache_from_obj_field	hc_slab_cache_from_obj_field
#define hc_optout_cache_from_obj	hc_slab_cache_from_obj
#define hc_optout_cache_from_obj_field	hc_slab_cache_from_obj_field

void *hc_slab_alloc_slow(struct hc_slab_cache *s, unsigned int gfp);
void hc_slab_free_slow(struct hc_slab *slab, void *obj);

static inline struct hc_slab *hc_obj_to_slab(const void *obj)
{
	return (struct hc_slab *)((uintptr_t)obj & ~(uintptr_t)(HC_PAGE_SIZE - 1));
}

static inline struct hc_slab_cache **hc_obj_field(const struct hc_slab_cache *s, void *obj)
{
	return (struct hc_slab_cache **)((char *)obj + s->obj_size);
}

/* The cache an object belongs to, whatever the gates say. */
static inline struct hc_slab_cache *hc_obj_cache(const void *obj)
{
	return hc_obj_to_slab(obj)->cache;
}

/*
 * The free hooks: the cache the object came from, inline as 3.8's cache_from_obj() (mm/slab.h:
 * behind memcg_kmem_enabled(), the slab's page names its cache) or, gate field, from the
 * pointer the object carries.
 */
static inline struct hc_slab_cache *hc_slab_cache_from_obj(struct hc_slab_cache *s, void *obj)
{
	return hc_obj_cache(obj);
}

static inline struct hc_slab_cache *hc_slab_cache_from_obj_field(struct hc_slab_cache *s,
								 void *obj)
{
	return *hc_obj_field(s, obj);
}

/*
 * The inline tests after the gate. Opt-in: is the cache registered (Glauber Costa's
 * register_memcg_cache(), 2012; the shape 3.8 merged as memcg_kmem_get_cache() in
 * include/linux/memcontrol.h, and 6.1 keeps in memcg_slab_pre_alloc_hook(), mm/slab.h:
 * "!(flags & __GFP_ACCOUNT) && !(s->flags & SLAB_ACCOUNT)" inline, the cgroup's cache or
 * objcg out of line). Opt-out (Suleiman Souhlal's "memcg: Kernel Memory Accounting", 2012):
 * every root cache is accounted unless the allocation says __GFP_NOACCOUNT. Free: is the
 * cache accounted at all.
 */
static inline bool hc_optin_accounts(const struct hc_slab_cache *s, unsigned int gfp)
{
	return s->mode == HC_SLAB_MODE_OPTIN;
}

static inline bool hc_optout_accounts(const struct hc_slab_cache *s, unsigned int gfp)
{
	return s->mode == HC_SLAB_MODE_OPTOUT && s->root == s && !(gfp & HC_GFP_NOACCOUNT);
}

static inline bool hc_slab_accounted(const struct hc_slab_cache *s)
{
	return s->mode != HC_SLAB_PLAIN;
}

static __always_inline void *hc_slab_cache_alloc(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab_cpu *c = hc_get_cpu_ptr(s->cpu);
	void *obj = c->freelist;

	if (likely(obj)) {
		c->freelist = *(void **)obj;
		hc_put_cpu_ptr(s->cpu);
		return obj;
	}
	hc_put_cpu_ptr(s->cpu);
	return hc_slab_alloc_slow(s, gfp);
}

/*
 * s is where the caller believes the object belongs; only an object of this CPU's slab of s
 * takes the fast path, anything else is sorted out by its slab header on the slow path.
 */
static __always_inline void hc_slab_cache_free(struct hc_slab_cache *s, void *obj)
{
	struct hc_slab_cpu *c = hc_get_cpu_ptr(s->cpu);
	struct hc_slab *slab = hc_obj_to_slab(obj);

	if (likely(slab == c->slab)) {
		*(void **)obj = c->freelist;
		c->freelist = obj;
		hc_put_cpu_ptr(s->cpu);
		return;
	}
	hc_put_cpu_ptr(s->cpu);
	hc_slab_free_slow(slab, obj);
}

/*
 * The fast paths of both designs from one source: hc_optin_alloc()/hc_optin_free() and
 * hc_optout_alloc()/hc_optout_free(), with per-gate instances (hc_optin_alloc_static() ...).
 * For gate field the cache must have been created with HC_SLAB_FIELD.
 */
#define HC_SLAB_DESIGN(design)							\
	static __always_inline void *hc_##design##_alloc(const enum hc_gate gate,	\
			struct hc_slab_cache *s, unsigned int gfp)		\
	{									\
		return hc_slab_cache_alloc(HC_HOOK(gate, hc_##design,		\
						   hc_##design##_accounts(s, gfp), s,	\
						   select, s, gfp), gfp);	\
	}									\
										\
	static __always_inline void hc_##design##_free(const enum hc_gate gate,	\
			struct hc_slab_cache *s, void *obj)			\
	{									\
		hc_slab_cache_free(HC_HOOK(gate, hc_##design, hc_slab_accounted(s), s,	\
					   cache_from_obj, s, obj), obj);	\
	}									\
										\
	HC_GATE_INSTANCES_DECLARE(void *, hc_##design##_alloc,			\
				  (struct hc_slab_cache *s, unsigned int gfp));	\
	HC_GATE_INSTANCES_DECLARE(void, hc_##design##_free, (struct hc_slab_cache *s, void *obj))

HC_SLAB_DESIGN(optin);
HC_SLAB_DESIGN(optout);

int hc_slab_init(void);
void hc_slab_exit(void);
/* A root cache; flags HC_SLAB_OPTOUT, HC_SLAB_FIELD. NULL when out of memory. */
struct hc_slab_cache *hc_slab_cache_create(const char *name, unsigned int size,
					   unsigned int flags);
/* Every object must have been freed; copies and their pages go too. */
void hc_slab_cache_destroy(struct hc_slab_cache *s);
/* Opt-in: account s, with shrink called at a cgroup's limit. */
int hc_slab_register_memcg_cache(struct hc_slab_cache *s, hc_slab_shrink_fn shrink, void *arg);
/* memory.kmem.limit_in_bytes in pages: sets the limit, and accounting on for a non-root cgroup. */
int hc_kmem_set_limit(struct hc_memcg *memcg, long pages);
/* The copy of root cache s for memcg, or NULL (process context). */
struct hc_slab_cache *hc_slab_cache_child(struct hc_slab_cache *s, struct hc_memcg *memcg);
/* Puts this CPU's slab back on the lists and frees every empty slab (kmem_cache_shrink()). */
void hc_slab_cache_shrink(struct hc_slab_cache *s);
/* Waits for the deferred splits queued so far. */
void hc_slab_flush_splits(struct hc_slab_cache *s);

#endif /* HOOKCOST_SLAB_ACCT_H */
