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
 * cgroup exists. Two hooks per design: on allocation, pick the cache of the current task's
 * cgroup (select); on free, find the cache the object came from (cache_from_obj), so the free
 * stays on the fast path. Gate field keeps a pointer to the cache in every object ("one more
 * pointer" in the hot object) instead of reading the slab header.
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
	struct hc_slab_cpu HC_PERCPU *cpu;
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

HC_HOOK_DECLARE(struct hc_slab_cache *, hc_optin_select,
		(struct hc_slab_cache *s, unsigned int gfp));
HC_HOOK_DECLARE(struct hc_slab_cache *, hc_optout_select,
		(struct hc_slab_cache *s, unsigned int gfp));
HC_HOOK_DECLARE(struct hc_slab_cache *, hc_slab_cache_from_obj,
		(struct hc_slab_cache *s, void *obj));
HC_HOOK_DECLARE(struct hc_slab_cache *, hc_slab_cache_from_obj_field,
		(struct hc_slab_cache *s, void *obj));

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
		return hc_slab_cache_alloc(HC_HOOK(gate, hc_##design, s, select, s, gfp), gfp); \
	}									\
										\
	static __always_inline void hc_##design##_free(const enum hc_gate gate,	\
			struct hc_slab_cache *s, void *obj)			\
	{									\
		hc_slab_cache_free(HC_HOOK(gate, hc_##design, s, cache_from_obj, s, obj), obj); \
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

#ifdef HC_MODELS_DEFINE

struct hc_slab_sys hc_slab_sys;

static struct hc_slab_cache *hc_slab_nop_select(struct hc_slab_cache *s, unsigned int gfp)
{
	return s;
}

static struct hc_slab_cache *hc_slab_nop_cache_from_obj(struct hc_slab_cache *s, void *obj)
{
	return s;
}

const struct hc_slab_hook_ops hc_optin_ops_nop = {
	.select = hc_slab_nop_select,
	.cache_from_obj = hc_slab_nop_cache_from_obj,
};

const struct hc_slab_hook_ops hc_optout_ops_nop = {
	.select = hc_slab_nop_select,
	.cache_from_obj = hc_slab_nop_cache_from_obj,
};

const struct hc_slab_hook_ops hc_optin_ops_on = {
	.select = hc_optin_select,
	.cache_from_obj = hc_slab_cache_from_obj,
};

const struct hc_slab_hook_ops hc_optout_ops_on = {
	.select = hc_optout_select,
	.cache_from_obj = hc_slab_cache_from_obj,
};

HC_GATE_DEFINE(hc_optin, struct hc_slab_hook_ops);
HC_GATE_DEFINE(hc_optout, struct hc_slab_hook_ops);

HC_GATE_INSTANCES(void *, hc_optin_alloc, (struct hc_slab_cache *s, unsigned int gfp), (s, gfp))
HC_GATE_INSTANCES(void, hc_optin_free, (struct hc_slab_cache *s, void *obj), (s, obj))
HC_GATE_INSTANCES(void *, hc_optout_alloc, (struct hc_slab_cache *s, unsigned int gfp), (s, gfp))
HC_GATE_INSTANCES(void, hc_optout_free, (struct hc_slab_cache *s, void *obj), (s, obj))

/* The copy for cgroup id; under hc_rcu_read_lock() or hc_memcg_mutex. */
static struct hc_slab_cache *hc_slab_child_lookup(struct hc_slab_cache *s, unsigned int id)
{
	struct hc_slab_children *ch = hc_rcu_dereference_check(s->children, &hc_memcg_mutex);

	return ch && id < ch->nr ? hc_rcu_dereference_check(ch->cache[id], &hc_memcg_mutex) : NULL;
}

struct hc_slab_cache *hc_slab_cache_from_obj(struct hc_slab_cache *s, void *obj)
{
	return hc_obj_to_slab(obj)->cache;
}

struct hc_slab_cache *hc_slab_cache_from_obj_field(struct hc_slab_cache *s, void *obj)
{
	return *hc_obj_field(s, obj);
}

HC_HOOK_THUNK(hc_optin_select);
HC_HOOK_THUNK(hc_optout_select);
HC_HOOK_THUNK(hc_slab_cache_from_obj);
HC_HOOK_THUNK(hc_slab_cache_from_obj_field);

/* Accounting, pages */

/* The cgroup a cache's pages are charged to, NULL for none. */
static struct hc_memcg *hc_slab_owner(const struct hc_slab_cache *s)
{
	if (s->memcg)
		return s->memcg;
	if (HC_SLAB_TRACK_ROOT && s->mode == HC_SLAB_MODE_OPTOUT)
		return hc_root_memcg;
	return NULL;
}

static bool hc_slab_try_charge(struct hc_memcg *memcg)
{
	bool ok;

	hc_rcu_read_lock();
	ok = hc_memcg_charge_kmem(hc_memcg_live(memcg), 1);
	hc_rcu_read_unlock();
	return ok;
}

static bool hc_slab_charge(struct hc_slab_cache *s)
{
	struct hc_slab_cache *root = s->root;
	struct hc_memcg *memcg = hc_slab_owner(s);

	if (!memcg || hc_slab_try_charge(memcg))
		return true;
	if (!root->shrink)
		return false;
	WRITE_ONCE(root->nr_shrink, root->nr_shrink + 1);
	root->shrink(root, memcg, root->shrink_arg);
	return hc_slab_try_charge(memcg);
}

static void hc_slab_uncharge(struct hc_slab_cache *s)
{
	struct hc_memcg *memcg = hc_slab_owner(s);

	if (!memcg)
		return;
	hc_rcu_read_lock();
	hc_memcg_uncharge_kmem(hc_memcg_live(memcg), 1);
	hc_rcu_read_unlock();
}

/* Slabs */

static struct hc_slab *hc_slab_new(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab *slab;
	void *head = NULL;

	if (!hc_slab_charge(s))
		return NULL;
	slab = hc_page_alloc(gfp & HC_GFP_ATOMIC);
	if (!slab) {
		hc_slab_uncharge(s);
		return NULL;
	}
	for (unsigned int i = s->objects; i; i--) {
		void *obj = (char *)slab + HC_SLAB_HEADER + (i - 1) * s->size;

		*(void **)obj = head;
		head = obj;
		if (s->flags & HC_SLAB_FIELD)
			*hc_obj_field(s, obj) = s;
	}
	slab->cache = s;
	slab->freelist = head;
	slab->nr_free = s->objects;
	slab->frozen = false;
	slab->on_partial = false;
	return slab;
}

static void hc_slab_discard(struct hc_slab_cache *s, struct hc_slab *slab)
{
	hc_page_free(slab);
	hc_slab_uncharge(s);
}

/* Lock held. Takes an unfrozen slab off its list. */
static void hc_slab_unlist(struct hc_slab_cache *s, struct hc_slab *slab)
{
	hc_list_del(&slab->node);
	if (slab->on_partial)
		s->nr_partial--;
	slab->on_partial = false;
}

/* Lock held. Puts an unfrozen slab where its state says; true: the caller discards it. */
static bool hc_slab_place(struct hc_slab_cache *s, struct hc_slab *slab)
{
	if (!slab->nr_free) {
		hc_list_add(&slab->node, &s->full);
		return false;
	}
	if (slab->nr_free == s->objects && s->nr_partial >= HC_SLAB_MIN_PARTIAL) {
		s->nr_slabs--;
		return true;
	}
	hc_list_add(&slab->node, &s->partial);
	slab->on_partial = true;
	s->nr_partial++;
	return false;
}

/* Lock held. Returns a CPU's slab and the objects on its freelist to the slab lists. */
static struct hc_slab *hc_slab_deactivate(struct hc_slab_cache *s, struct hc_slab_cpu *c)
{
	struct hc_slab *slab = c->slab;
	void *obj, *next;

	if (!slab)
		return NULL;
	for (obj = c->freelist; obj; obj = next) {
		next = *(void **)obj;
		*(void **)obj = slab->freelist;
		slab->freelist = obj;
		slab->nr_free++;
	}
	c->freelist = NULL;
	c->slab = NULL;
	slab->frozen = false;
	return hc_slab_place(s, slab) ? slab : NULL;
}

/*
 * Lock held. An object for this CPU: from objects freed meanwhile to its slab, else from a
 * partial slab that becomes its slab; NULL when a new page is needed.
 */
static void *hc_slab_refill(struct hc_slab_cache *s)
{
	struct hc_slab_cpu *c = hc_get_cpu_ptr(s->cpu);
	struct hc_slab *slab = c->slab;
	void *obj = c->freelist;

	if (!obj && slab && slab->freelist) {
		obj = slab->freelist;
		slab->freelist = NULL;
		slab->nr_free = 0;
	}
	if (!obj && !hc_list_empty(&s->partial)) {
		/* The CPU's slab is full: it goes to the full list, nothing to discard. */
		hc_slab_deactivate(s, c);
		slab = hc_list_first_entry(&s->partial, struct hc_slab, node);
		hc_slab_unlist(s, slab);
		slab->frozen = true;
		c->slab = slab;
		obj = slab->freelist;
		slab->freelist = NULL;
		slab->nr_free = 0;
	}
	if (obj)
		c->freelist = *(void **)obj;
	hc_put_cpu_ptr(s->cpu);
	return obj;
}

void *hc_slab_alloc_slow(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab *slab;
	void *obj;

	hc_spin_lock(&s->lock);
	obj = hc_slab_refill(s);
	hc_spin_unlock(&s->lock);
	if (obj)
		return obj;
	slab = hc_slab_new(s, gfp);
	if (!slab)
		return NULL;
	hc_spin_lock(&s->lock);
	s->nr_slabs++;
	hc_list_add(&slab->node, &s->partial);
	slab->on_partial = true;
	s->nr_partial++;
	obj = hc_slab_refill(s);
	hc_spin_unlock(&s->lock);
	return obj;
}

void hc_slab_free_slow(struct hc_slab *slab, void *obj)
{
	struct hc_slab_cache *s = slab->cache;
	bool discard = false;

	hc_spin_lock(&s->lock);
	*(void **)obj = slab->freelist;
	slab->freelist = obj;
	slab->nr_free++;
	if (!slab->frozen) {
		hc_slab_unlist(s, slab);
		discard = hc_slab_place(s, slab);
	}
	hc_spin_unlock(&s->lock);
	if (discard)
		hc_slab_discard(s, slab);
}

void hc_slab_cache_shrink(struct hc_slab_cache *s)
{
	struct hc_slab *slab, *next, *gone;
	struct hc_slab_cpu *c;
	struct hc_list_head empty;

	HC_INIT_LIST_HEAD(&empty);
	hc_spin_lock(&s->lock);
	c = hc_get_cpu_ptr(s->cpu);
	gone = hc_slab_deactivate(s, c);
	hc_put_cpu_ptr(s->cpu);
	hc_list_for_each_entry_safe(slab, next, &s->partial, node) {
		if (slab->nr_free != s->objects)
			continue;
		hc_slab_unlist(s, slab);
		hc_list_add(&slab->node, &empty);
		s->nr_slabs--;
	}
	hc_spin_unlock(&s->lock);
	if (gone)
		hc_slab_discard(s, gone);
	hc_list_for_each_entry_safe(slab, next, &empty, node)
		hc_slab_discard(s, slab);
}

/* Caches */

static void hc_slab_split_work(struct hc_work *w);

static int hc_slab_cache_init(struct hc_slab_cache *s, const char *name, unsigned int size,
			      unsigned int flags)
{
	s->name = name;
	s->obj_size = (max_t(unsigned int, size, sizeof(void *)) + sizeof(void *) - 1) &
		      ~(unsigned int)(sizeof(void *) - 1);
	s->size = s->obj_size + (flags & HC_SLAB_FIELD ? sizeof(void *) : 0);
	s->objects = (HC_PAGE_SIZE - HC_SLAB_HEADER) / s->size;
	if (!s->objects)
		return -EINVAL;
	s->flags = flags;
	s->mode = flags & HC_SLAB_OPTOUT ? HC_SLAB_MODE_OPTOUT : HC_SLAB_PLAIN;
	s->cpu = hc_percpu_alloc(struct hc_slab_cpu);
	if (!s->cpu)
		return -ENOMEM;
	hc_spin_lock_init(&s->lock);
	HC_INIT_LIST_HEAD(&s->partial);
	HC_INIT_LIST_HEAD(&s->full);
	HC_INIT_LIST_HEAD(&s->all_children);
	HC_INIT_WORK(&s->split_work, hc_slab_split_work);
	s->root = s;
	return 0;
}

/* Every page back; nobody uses the cache any more. */
static void hc_slab_cache_release(struct hc_slab_cache *s)
{
	struct hc_slab *slab, *next;
	unsigned int cpu;

	hc_for_each_cpu(cpu) {
		struct hc_slab *gone;

		hc_spin_lock(&s->lock);
		gone = hc_slab_deactivate(s, hc_per_cpu_ptr(s->cpu, cpu));
		hc_spin_unlock(&s->lock);
		if (gone)
			hc_slab_discard(s, gone);
	}
	hc_list_for_each_entry_safe(slab, next, &s->partial, node)
		hc_slab_discard(s, slab);
	hc_list_for_each_entry_safe(slab, next, &s->full, node)
		hc_slab_discard(s, slab);
	hc_percpu_free(s->cpu);
	hc_spin_lock_destroy(&s->lock);
}

struct hc_slab_cache *hc_slab_cache_create(const char *name, unsigned int size,
					   unsigned int flags)
{
	struct hc_slab_cache *s = hc_zalloc(sizeof(*s), false);

	if (!s)
		return NULL;
	if (hc_slab_cache_init(s, name, size, flags)) {
		hc_free(s);
		return NULL;
	}
	if (s->mode == HC_SLAB_MODE_OPTOUT) {
		hc_mutex_lock(&hc_memcg_mutex);
		hc_list_add_tail(&s->tracked_node, &hc_slab_sys.caches);
		hc_mutex_unlock(&hc_memcg_mutex);
	}
	return s;
}

static void hc_slab_children_free_rcu(struct rcu_head *head)
{
	hc_free(container_of(head, struct hc_slab_children, rcu));
}

/* hc_memcg_mutex held. Makes c the copy of root cache s for cgroup id. */
static int hc_slab_children_set(struct hc_slab_cache *s, unsigned int id,
				struct hc_slab_cache *c)
{
	struct hc_slab_children *old = hc_rcu_protected(s->children, &hc_memcg_mutex), *ch = old;

	if (!ch || id >= ch->nr) {
		unsigned int nr = max_t(unsigned int, id + 1, old ? 2 * old->nr : 16);

		nr = min_t(unsigned int, nr, HC_MEMCG_ID_MAX + 1);
		ch = hc_zalloc(sizeof(*ch) + nr * sizeof(ch->cache[0]), false);
		if (!ch)
			return -ENOMEM;
		ch->nr = nr;
		for (unsigned int i = 0; old && i < old->nr; i++)
			ch->cache[i] = old->cache[i];
		rcu_assign_pointer(s->children, ch);
		if (old)
			hc_call_rcu(&old->rcu, hc_slab_children_free_rcu);
	}
	rcu_assign_pointer(ch->cache[id], c);
	return 0;
}

/* hc_memcg_mutex held. The copy of s for memcg, created if missing. */
static struct hc_slab_cache *hc_slab_split_locked(struct hc_slab_cache *s,
						  struct hc_memcg *memcg)
{
	struct hc_slab_cache *c = hc_slab_child_lookup(s, memcg->id);

	if (c || memcg->dead)
		return c;
	c = hc_zalloc(sizeof(*c), false);
	if (!c)
		return NULL;
	if (hc_slab_cache_init(c, s->name, s->obj_size, s->flags))
		goto fail;
	c->mode = s->mode;
	c->root = s;
	c->memcg = memcg;
	if (hc_slab_children_set(s, memcg->id, c)) {
		hc_slab_cache_release(c);
		goto fail;
	}
	hc_memcg_get(memcg);
	hc_list_add_tail(&c->child_node, &s->all_children);
	s->nr_splits++;
	return c;
fail:
	hc_free(c);
	return NULL;
}

static struct hc_slab_cache *hc_slab_split(struct hc_slab_cache *s, struct hc_memcg *memcg)
{
	struct hc_slab_cache *c;

	hc_mutex_lock(&hc_memcg_mutex);
	c = hc_slab_split_locked(s, memcg);
	hc_mutex_unlock(&hc_memcg_mutex);
	return c;
}

struct hc_slab_cache *hc_slab_cache_child(struct hc_slab_cache *s, struct hc_memcg *memcg)
{
	struct hc_slab_cache *c;

	hc_mutex_lock(&hc_memcg_mutex);
	c = hc_slab_child_lookup(s, memcg->id);
	hc_mutex_unlock(&hc_memcg_mutex);
	return c;
}

static void hc_slab_split_work(struct hc_work *w)
{
	struct hc_slab_cache *s = container_of(w, struct hc_slab_cache, split_work);
	struct hc_memcg *memcg;

	for (;;) {
		hc_spin_lock(&s->lock);
		memcg = s->nr_split_queue ? s->split_queue[--s->nr_split_queue] : NULL;
		hc_spin_unlock(&s->lock);
		if (!memcg)
			break;
		hc_slab_split(s, memcg);
		hc_memcg_put(memcg);
	}
}

/* Atomic context: queue the split (taking over the reference to memcg) for the worker. */
static void hc_slab_defer_split(struct hc_slab_cache *s, struct hc_memcg *memcg)
{
	bool queued = false;

	hc_spin_lock(&s->lock);
	s->nr_deferred++;
	for (unsigned int i = 0; i < s->nr_split_queue; i++)
		if (s->split_queue[i] == memcg)
			goto out;
	if (s->nr_split_queue < HC_SLAB_SPLIT_QUEUE) {
		s->split_queue[s->nr_split_queue++] = memcg;
		queued = true;
	}
out:
	hc_spin_unlock(&s->lock);
	if (queued)
		hc_schedule_work(&s->split_work);
	else
		hc_memcg_put(memcg);
}

void hc_slab_flush_splits(struct hc_slab_cache *s)
{
	hc_flush_work(&s->split_work);
}

struct hc_slab_cache *hc_optin_select(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab_cache *c = NULL;
	struct hc_memcg *memcg;

	if (s->mode != HC_SLAB_MODE_OPTIN)
		return s;
	hc_rcu_read_lock();
	memcg = hc_task_memcg();
	if (READ_ONCE(memcg->kmem_active))
		c = hc_slab_child_lookup(s, memcg->id);
	hc_rcu_read_unlock();
	return c ? c : s;
}

struct hc_slab_cache *hc_optout_select(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab_cache *c;
	struct hc_memcg *memcg;

	if (s->mode != HC_SLAB_MODE_OPTOUT || (gfp & HC_GFP_NOACCOUNT))
		return s;
	hc_rcu_read_lock();
	memcg = hc_task_memcg();
	if (!READ_ONCE(memcg->kmem_active)) {
		hc_rcu_read_unlock();
		return s;
	}
	c = hc_slab_child_lookup(s, memcg->id);
	if (likely(c) || !hc_memcg_tryget(memcg)) {
		hc_rcu_read_unlock();
		return c ? c : s;
	}
	hc_rcu_read_unlock();

	/* First allocation by this cgroup: split now, or later when we may not sleep. */
	if (gfp & HC_GFP_ATOMIC) {
		hc_slab_defer_split(s, memcg);
		return s;
	}
	c = hc_slab_split(s, memcg);
	hc_memcg_put(memcg);
	return c ? c : s;
}

int hc_slab_register_memcg_cache(struct hc_slab_cache *s, hc_slab_shrink_fn shrink, void *arg)
{
	struct hc_memcg *memcg;
	int ret = 0;

	hc_mutex_lock(&hc_memcg_mutex);
	if (s->mode != HC_SLAB_PLAIN) {
		ret = -EINVAL;
		goto out;
	}
	s->shrink = shrink;
	s->shrink_arg = arg;
	s->mode = HC_SLAB_MODE_OPTIN;
	hc_list_add_tail(&s->tracked_node, &hc_slab_sys.caches);
	hc_list_for_each_entry(memcg, &hc_memcg_sys.all, all)
		if (memcg->kmem_active && !hc_slab_split_locked(s, memcg))
			ret = -ENOMEM;
out:
	hc_mutex_unlock(&hc_memcg_mutex);
	return ret;
}

void hc_slab_cache_destroy(struct hc_slab_cache *s)
{
	struct hc_slab_cache *c, *next;

	if (s->mode != HC_SLAB_PLAIN) {
		hc_mutex_lock(&hc_memcg_mutex);
		hc_list_del(&s->tracked_node);
		hc_mutex_unlock(&hc_memcg_mutex);
	}
	hc_flush_work(&s->split_work);
	hc_list_for_each_entry_safe(c, next, &s->all_children, child_node) {
		hc_slab_cache_release(c);
		hc_memcg_put(c->memcg);
		hc_free(c);
	}
	hc_synchronize_rcu();
	hc_free(s->children);
	hc_slab_cache_release(s);
	hc_free(s);
}

int hc_kmem_set_limit(struct hc_memcg *memcg, long pages)
{
	struct hc_slab_cache *s;
	int ret;

	if (hc_memcg_is_root(memcg))
		return -EINVAL;
	hc_mutex_lock(&hc_memcg_mutex);
	ret = hc_page_counter_set_max(&memcg->kmem, pages);
	if (ret || memcg->kmem_active)
		goto out;
	hc_list_for_each_entry(s, &hc_slab_sys.caches, tracked_node)
		if (s->mode == HC_SLAB_MODE_OPTIN && !hc_slab_split_locked(s, memcg))
			ret = -ENOMEM;
	WRITE_ONCE(memcg->kmem_active, true);
	if (!hc_slab_sys.nr_kmem_active++) {
		int err = hc_gate_switch(hc_optin, true);

		ret = hc_gate_switch(hc_optout, true) ?: err ?: ret;
	}
out:
	hc_mutex_unlock(&hc_memcg_mutex);
	return ret;
}

static int hc_slab_online(struct hc_memcg *memcg, void *arg)
{
	return 0;
}

/* Removal: the cgroup's copies leave the lookup; its end of accounting may end the gates'. */
static void hc_slab_offline(struct hc_memcg *memcg, void *arg)
{
	struct hc_slab_cache *s;

	hc_list_for_each_entry(s, &hc_slab_sys.caches, tracked_node)
		if (hc_slab_child_lookup(s, memcg->id))
			hc_slab_children_set(s, memcg->id, NULL);
	if (memcg->kmem_active && !--hc_slab_sys.nr_kmem_active) {
		hc_gate_switch(hc_optin, false);
		hc_gate_switch(hc_optout, false);
	}
}

int hc_slab_init(void)
{
	int ret = hc_memcg_init();

	if (ret || hc_slab_sys.ready)
		return ret;
	HC_INIT_LIST_HEAD(&hc_slab_sys.caches);
	hc_slab_sys.notifier.online = hc_slab_online;
	hc_slab_sys.notifier.offline = hc_slab_offline;
	ret = hc_memcg_register_notifier(&hc_slab_sys.notifier);
	if (!ret)
		hc_slab_sys.ready = true;
	return ret;
}

void hc_slab_exit(void)
{
	if (!hc_slab_sys.ready)
		return;
	hc_memcg_unregister_notifier(&hc_slab_sys.notifier);
	hc_slab_sys.ready = false;
}

#endif /* HC_MODELS_DEFINE */

#endif /* HOOKCOST_SLAB_ACCT_H */
