// SPDX-License-Identifier: GPL-2.0
/*
 * The two accounting designs of the slab model (<hookcost/slab_acct.h>): the gates and their
 * hooks, per-cgroup caches (lookup, split, deferred split), registration and kmem limits. The
 * allocator itself is slab_cache.c. Compiled into hookcost.ko and the harness.
 */
#include <hookcost/slab_acct.h>

#include "slab.h"

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

/* The indirect gate's hooks: the tests the other gates make inline, then the hook. */
static struct hc_slab_cache *hc_optin_ind_select(struct hc_slab_cache *s, unsigned int gfp)
{
	return hc_optin_accounts(s, gfp) ? hc_optin_select(s, gfp) : s;
}

static struct hc_slab_cache *hc_optout_ind_select(struct hc_slab_cache *s, unsigned int gfp)
{
	return hc_optout_accounts(s, gfp) ? hc_optout_select(s, gfp) : s;
}

static struct hc_slab_cache *hc_slab_ind_cache_from_obj(struct hc_slab_cache *s, void *obj)
{
	return hc_slab_accounted(s) ? hc_slab_cache_from_obj(s, obj) : s;
}

const struct hc_slab_hook_ops hc_optin_ops_on = {
	.select = hc_optin_ind_select,
	.cache_from_obj = hc_slab_ind_cache_from_obj,
};

const struct hc_slab_hook_ops hc_optout_ops_on = {
	.select = hc_optout_ind_select,
	.cache_from_obj = hc_slab_ind_cache_from_obj,
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

void hc_slab_split_work(struct hc_work *w)
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

/*
 * Opt-in, out of line once the cache is known to be registered: the current task's cgroup
 * and its copy of the cache, looked up by cgroup id (Glauber Costa's "memcg kernel memory
 * tracking", 2012; merged in 3.8 as __memcg_kmem_get_cache(), mm/memcontrol.c). Copies are
 * created when accounting starts, so there is nothing to create here.
 */
struct hc_slab_cache *hc_optin_select(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab_cache *c = NULL;
	struct hc_memcg *memcg;

	hc_rcu_read_lock();
	memcg = hc_task_memcg();
	if (READ_ONCE(memcg->kmem_active))
		c = hc_slab_child_lookup(s, memcg->id);
	hc_rcu_read_unlock();
	return c ? c : s;
}

/*
 * Opt-out, out of line for an accounted root cache: the current task's cgroup and its copy,
 * which the first allocation creates; in atomic context the split goes to a worker and this
 * allocation is served from the root cache (Suleiman Souhlal's "memcg: Kernel Memory
 * Accounting", 2012, with SLAB).
 */
struct hc_slab_cache *hc_optout_select(struct hc_slab_cache *s, unsigned int gfp)
{
	struct hc_slab_cache *c;
	struct hc_memcg *memcg;

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
