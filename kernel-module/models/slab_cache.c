// SPDX-License-Identifier: GPL-2.0
/*
 * The slab allocator of the slab accounting model (<hookcost/slab_acct.h>): pages charged to a
 * cache's cgroup, slabs, the slow paths and caches. The accounting designs are slab_acct.c.
 * Compiled into hookcost.ko and the harness.
 */
#include <hookcost/slab_acct.h>

#include "slab.h"

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

int hc_slab_cache_init(struct hc_slab_cache *s, const char *name, unsigned int size,
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
void hc_slab_cache_release(struct hc_slab_cache *s)
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
