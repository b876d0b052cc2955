/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model of the memory controller as the seeds use it: hierarchical page counters (a charge
 * walks to the root and fails at the first level over its limit, counting a failure there),
 * a cgroup tree with creation and removal, and tasks attached to cgroups.
 *
 * Removal reparents: counters are hierarchical, so the parent's usage already includes the
 * child's; the dead child's own counters are zeroed and every later charge or uncharge meant
 * for it goes to its nearest live ancestor (hc_memcg_live()). An object freed after its cgroup
 * died therefore uncharges the parent, and the local usages of the live cgroups always add up
 * to the charge of the live objects.
 *
 * Concurrency as in the kernel: configuration under hc_memcg_mutex (process context); the
 * task -> cgroup pointer and "dead" are read under RCU; removal waits for a grace period before
 * it zeroes the dead counters, so no charge can land on them afterwards; a cgroup is freed by
 * call_rcu once the last reference (tree, sockets, caches) is gone.
 */
#ifndef HOOKCOST_MEMCG_H
#define HOOKCOST_MEMCG_H

#include <hookcost/compat.h>

#define HC_MEMCG_ID_MAX		65535	/* ids index per-cgroup caches; 0 is the root */
#define HC_PAGE_COUNTER_MAX	(0x7fffffffffffffffL / (long)HC_PAGE_SIZE)

struct hc_page_counter {
	hc_atomic_long_t usage;		/* pages, this cgroup and its descendants */
	long max;			/* limit, pages */
	long watermark;			/* max usage */
	long failcnt;			/* charges refused at this level */
	struct hc_page_counter *parent;
};

struct hc_memcg {
	struct hc_memcg *parent;
	struct hc_list_head children;
	struct hc_list_head sibling;
	struct hc_list_head all;	/* hc_memcg_sys.all, for notifier replay */
	unsigned int id;
	bool dead;
	unsigned int nr_tasks;
	hc_atomic_long_t refcnt;
	struct hc_page_counter memory;	/* memory.limit_in_bytes (and kmem, see below) */
	struct hc_page_counter kmem;	/* memory.kmem.limit_in_bytes, usage, max usage */
	struct hc_page_counter tcpmem;	/* memory.kmem.tcp.limit_in_bytes and friends */
	/*
	 * memory.independent_kmem_limit: when false, kernel memory is charged to the memory
	 * counter (and only recorded in kmem, whose limit is ignored); when true it is charged
	 * to kmem alone, against the kmem limit.
	 */
	bool independent_kmem_limit;
	/* Owned by slab_acct.h: kernel-memory accounting, switched on by a kmem limit. */
	bool kmem_active;
	/* Owned by tcp_mem.h: TCP accounting (on with a TCP limit), tcp_mem[] view, pressure. */
	bool tcp_active;
	bool tcp_pressure;
	long tcp_prot_mem[3];
	struct rcu_head rcu;
};

struct hc_task {
	struct hc_memcg __rcu *memcg;
};

/* Something that keeps per-cgroup state (per-cgroup caches): told when cgroups come and go. */
struct hc_memcg_notifier {
	int (*online)(struct hc_memcg *memcg, void *arg);
	void (*offline)(struct hc_memcg *memcg, void *arg);
	void *arg;
	struct hc_list_head node;
};

struct hc_memcg_sys {
	struct hc_memcg root;
	struct hc_task init_task;
	struct hc_list_head all;
	struct hc_list_head notifiers;
	unsigned long id_map[(HC_MEMCG_ID_MAX + 1) / (8 * sizeof(unsigned long))];
	unsigned int id_hint;
	unsigned int nr_memcgs;		/* live, not counting the root */
	hc_atomic_long_t nr_allocated;	/* not yet freed, dead ones included */
	bool ready;
};

extern struct hc_memcg_sys hc_memcg_sys;
extern hc_mutex_t hc_memcg_mutex;
HC_DECLARE_PER_THREAD(struct hc_task *, hc_current);

#define hc_root_memcg	(&hc_memcg_sys.root)

/* Page counters */

static inline void hc_page_counter_init(struct hc_page_counter *c, struct hc_page_counter *parent)
{
	hc_atomic_long_set(&c->usage, 0);
	c->max = HC_PAGE_COUNTER_MAX;
	c->watermark = 0;
	c->failcnt = 0;
	c->parent = parent;
}

static inline long hc_page_counter_read(const struct hc_page_counter *c)
{
	return hc_atomic_long_read(&c->usage);
}

static inline void hc_page_counter_uncharge(struct hc_page_counter *counter, long nr)
{
	struct hc_page_counter *c;

	for (c = counter; c; c = c->parent)
		hc_atomic_long_sub_return(nr, &c->usage);
}

static inline void hc_page_counter_account(struct hc_page_counter *c, long usage)
{
	/* Racy like the kernel's: a lost update only makes the watermark a little low. */
	if (usage > READ_ONCE(c->watermark))
		WRITE_ONCE(c->watermark, usage);
}

/* Charges without a limit check (kmem recorded beside the memory counter). */
static inline void hc_page_counter_charge(struct hc_page_counter *counter, long nr)
{
	struct hc_page_counter *c;

	for (c = counter; c; c = c->parent)
		hc_page_counter_account(c, hc_atomic_long_add_return(nr, &c->usage));
}

/* Charges nr pages up to the root, or charges nothing and counts a failure at *fail. */
static inline bool hc_page_counter_try_charge(struct hc_page_counter *counter, long nr,
					      struct hc_page_counter **fail)
{
	struct hc_page_counter *c;

	for (c = counter; c; c = c->parent) {
		long usage = hc_atomic_long_add_return(nr, &c->usage);

		if (unlikely(usage > READ_ONCE(c->max))) {
			hc_atomic_long_sub_return(nr, &c->usage);
			WRITE_ONCE(c->failcnt, c->failcnt + 1);
			*fail = c;
			goto undo;
		}
		hc_page_counter_account(c, usage);
	}
	return true;
undo:
	for (c = counter; c != *fail; c = c->parent)
		hc_atomic_long_sub_return(nr, &c->usage);
	return false;
}

/* Cgroups */

static inline bool hc_memcg_is_root(const struct hc_memcg *memcg)
{
	return memcg == hc_root_memcg;
}

static inline void hc_memcg_get(struct hc_memcg *memcg)
{
	hc_atomic_long_inc(&memcg->refcnt);
}

/* A reference to a cgroup found under RCU, unless it is already being freed. */
static inline bool hc_memcg_tryget(struct hc_memcg *memcg)
{
	return hc_atomic_long_inc_not_zero(&memcg->refcnt);
}

void hc_memcg_put(struct hc_memcg *memcg);

/* The cgroup that receives charges meant for memcg: itself or, once dead, a live ancestor. */
static inline struct hc_memcg *hc_memcg_live(struct hc_memcg *memcg)
{
	while (unlikely(READ_ONCE(memcg->dead)))
		memcg = memcg->parent;
	return memcg;
}

/* The calling task's cgroup; the caller holds hc_rcu_read_lock(). */
static inline struct hc_memcg *hc_task_memcg(void)
{
	return rcu_dereference(hc_this_read(hc_current)->memcg);
}

/*
 * Kernel-memory charge (pages) with independent_kmem_limit semantics; the caller holds
 * hc_rcu_read_lock() and passes a cgroup from hc_memcg_live(). Returns false at a limit.
 */
static inline bool hc_memcg_charge_kmem(struct hc_memcg *memcg, long nr)
{
	struct hc_page_counter *fail;

	if (READ_ONCE(memcg->independent_kmem_limit))
		return hc_page_counter_try_charge(&memcg->kmem, nr, &fail);
	if (!hc_page_counter_try_charge(&memcg->memory, nr, &fail))
		return false;
	hc_page_counter_charge(&memcg->kmem, nr);
	return true;
}

static inline void hc_memcg_uncharge_kmem(struct hc_memcg *memcg, long nr)
{
	if (!READ_ONCE(memcg->independent_kmem_limit))
		hc_page_counter_uncharge(&memcg->memory, nr);
	hc_page_counter_uncharge(&memcg->kmem, nr);
}

/* Local usage: what is charged to this cgroup itself, not through its children. */
long hc_memcg_local_usage(struct hc_memcg *memcg, size_t counter_offset);
/* Sets a counter's limit; -EBUSY if its usage is already above. */
int hc_page_counter_set_max(struct hc_page_counter *c, long pages);

int hc_memcg_init(void);
void hc_memcg_exit(void);
struct hc_memcg *hc_memcg_create(struct hc_memcg *parent);
int hc_memcg_remove(struct hc_memcg *memcg);
int hc_memcg_set_limit(struct hc_memcg *memcg, long pages);
int hc_memcg_set_kmem_limit(struct hc_memcg *memcg, long pages);
int hc_memcg_set_independent_kmem(struct hc_memcg *memcg, bool on);
void hc_task_init(struct hc_task *task);
void hc_task_attach(struct hc_task *task, struct hc_memcg *memcg);
/* Makes task the calling thread's "current" (user space) or this CPU's (kernel). */
void hc_task_set_current(struct hc_task *task);
int hc_memcg_register_notifier(struct hc_memcg_notifier *n);
void hc_memcg_unregister_notifier(struct hc_memcg_notifier *n);

#ifdef HC_MODELS_DEFINE

struct hc_memcg_sys hc_memcg_sys;
HC_DEFINE_MUTEX(hc_memcg_mutex);
HC_DEFINE_PER_THREAD(struct hc_task *, hc_current, &hc_memcg_sys.init_task);

#define HC_ID_BITS	(8 * sizeof(unsigned long))

static void hc_memcg_counters_init(struct hc_memcg *memcg, struct hc_memcg *parent)
{
	hc_page_counter_init(&memcg->memory, parent ? &parent->memory : NULL);
	hc_page_counter_init(&memcg->kmem, parent ? &parent->kmem : NULL);
	hc_page_counter_init(&memcg->tcpmem, parent ? &parent->tcpmem : NULL);
}

int hc_memcg_init(void)
{
	struct hc_memcg *root = hc_root_memcg;

	hc_mutex_lock(&hc_memcg_mutex);
	if (hc_memcg_sys.ready)
		goto out;
	HC_INIT_LIST_HEAD(&hc_memcg_sys.all);
	HC_INIT_LIST_HEAD(&hc_memcg_sys.notifiers);
	HC_INIT_LIST_HEAD(&root->children);
	HC_INIT_LIST_HEAD(&root->sibling);
	HC_INIT_LIST_HEAD(&root->all);
	hc_memcg_counters_init(root, NULL);
	hc_atomic_long_set(&root->refcnt, 1);
	hc_memcg_sys.id_map[0] = 1;
	hc_memcg_sys.id_hint = 1;
	hc_task_init(&hc_memcg_sys.init_task);
	hc_memcg_sys.ready = true;
out:
	hc_mutex_unlock(&hc_memcg_mutex);
	return 0;
}

/*
 * Called with every cgroup but the root removed and released: waits until they are freed (a
 * freed cgroup drops its parent, which may queue another free).
 */
void hc_memcg_exit(void)
{
	long left, before;

	do {
		before = hc_atomic_long_read(&hc_memcg_sys.nr_allocated);
		hc_rcu_barrier();
		left = hc_atomic_long_read(&hc_memcg_sys.nr_allocated);
	} while (left && left < before);
}

static int hc_memcg_id_alloc(void)
{
	unsigned int i, id;

	for (i = 0; i < HC_MEMCG_ID_MAX; i++) {
		id = (hc_memcg_sys.id_hint + i) % (HC_MEMCG_ID_MAX + 1);
		if (!(hc_memcg_sys.id_map[id / HC_ID_BITS] & (1ul << (id % HC_ID_BITS)))) {
			hc_memcg_sys.id_map[id / HC_ID_BITS] |= 1ul << (id % HC_ID_BITS);
			hc_memcg_sys.id_hint = id + 1;
			return id;
		}
	}
	return -ENOSPC;
}

static void hc_memcg_id_free(unsigned int id)
{
	hc_memcg_sys.id_map[id / HC_ID_BITS] &= ~(1ul << (id % HC_ID_BITS));
}

static void hc_memcg_free_rcu(struct rcu_head *head)
{
	struct hc_memcg *memcg = container_of(head, struct hc_memcg, rcu);
	struct hc_memcg *parent = memcg->parent;

	hc_free(memcg);
	hc_atomic_long_sub_return(1, &hc_memcg_sys.nr_allocated);
	hc_memcg_put(parent);
}

void hc_memcg_put(struct hc_memcg *memcg)
{
	if (!hc_atomic_long_sub_return(1, &memcg->refcnt))
		hc_call_rcu(&memcg->rcu, hc_memcg_free_rcu);
}

/* Runs the offline callbacks of the notifiers before stop (all of them for stop = NULL). */
static void hc_memcg_offline(struct hc_memcg *memcg, struct hc_memcg_notifier *stop)
{
	struct hc_memcg_notifier *n;

	hc_list_for_each_entry(n, &hc_memcg_sys.notifiers, node) {
		if (n == stop)
			break;
		n->offline(memcg, n->arg);
	}
}

struct hc_memcg *hc_memcg_create(struct hc_memcg *parent)
{
	struct hc_memcg_notifier *n;
	struct hc_memcg *memcg;
	int id;

	memcg = hc_zalloc(sizeof(*memcg), false);
	if (!memcg)
		return NULL;
	hc_mutex_lock(&hc_memcg_mutex);
	id = hc_memcg_id_alloc();
	if (id < 0 || parent->dead)
		goto fail;
	memcg->id = id;
	memcg->parent = parent;
	HC_INIT_LIST_HEAD(&memcg->children);
	hc_memcg_counters_init(memcg, parent);
	hc_atomic_long_set(&memcg->refcnt, 1);
	hc_list_for_each_entry(n, &hc_memcg_sys.notifiers, node) {
		if (n->online(memcg, n->arg)) {
			hc_memcg_offline(memcg, n);
			hc_memcg_id_free(id);
			goto fail;
		}
	}
	hc_memcg_get(parent);
	hc_atomic_long_inc(&hc_memcg_sys.nr_allocated);
	hc_list_add_tail(&memcg->sibling, &parent->children);
	hc_list_add_tail(&memcg->all, &hc_memcg_sys.all);
	hc_memcg_sys.nr_memcgs++;
	hc_mutex_unlock(&hc_memcg_mutex);
	return memcg;
fail:
	hc_mutex_unlock(&hc_memcg_mutex);
	hc_free(memcg);
	return NULL;
}

/* Zeroes a dead counter: its usage stays with the ancestors, where it is uncharged later. */
static void hc_page_counter_reparent(struct hc_page_counter *c)
{
	hc_atomic_long_set(&c->usage, 0);
}

int hc_memcg_remove(struct hc_memcg *memcg)
{
	hc_mutex_lock(&hc_memcg_mutex);
	if (hc_memcg_is_root(memcg) || !hc_list_empty(&memcg->children) || memcg->nr_tasks) {
		hc_mutex_unlock(&hc_memcg_mutex);
		return -EBUSY;
	}
	hc_memcg_offline(memcg, NULL);
	WRITE_ONCE(memcg->dead, true);
	hc_list_del(&memcg->sibling);
	hc_list_del(&memcg->all);
	hc_memcg_sys.nr_memcgs--;
	hc_memcg_id_free(memcg->id);
	hc_mutex_unlock(&hc_memcg_mutex);

	/* Charges that saw it alive have finished; later ones go to the parent. */
	hc_synchronize_rcu();
	hc_page_counter_reparent(&memcg->memory);
	hc_page_counter_reparent(&memcg->kmem);
	hc_page_counter_reparent(&memcg->tcpmem);
	hc_memcg_put(memcg);
	return 0;
}

int hc_page_counter_set_max(struct hc_page_counter *c, long pages)
{
	if (pages < 0 || pages > HC_PAGE_COUNTER_MAX)
		return -EINVAL;
	if (hc_page_counter_read(c) > pages)
		return -EBUSY;
	WRITE_ONCE(c->max, pages);
	return 0;
}

int hc_memcg_set_limit(struct hc_memcg *memcg, long pages)
{
	return hc_page_counter_set_max(&memcg->memory, pages);
}

int hc_memcg_set_kmem_limit(struct hc_memcg *memcg, long pages)
{
	return hc_page_counter_set_max(&memcg->kmem, pages);
}

int hc_memcg_set_independent_kmem(struct hc_memcg *memcg, bool on)
{
	int ret = 0;

	/* Switching with kernel memory charged would uncharge the wrong counter. */
	hc_mutex_lock(&hc_memcg_mutex);
	if (hc_page_counter_read(&memcg->kmem))
		ret = -EBUSY;
	else
		WRITE_ONCE(memcg->independent_kmem_limit, on);
	hc_mutex_unlock(&hc_memcg_mutex);
	return ret;
}

long hc_memcg_local_usage(struct hc_memcg *memcg, size_t counter_offset)
{
	struct hc_page_counter *c = (void *)((char *)memcg + counter_offset);
	long usage = hc_page_counter_read(c);
	struct hc_memcg *child;

	hc_mutex_lock(&hc_memcg_mutex);
	hc_list_for_each_entry(child, &memcg->children, sibling)
		usage -= hc_page_counter_read((void *)((char *)child + counter_offset));
	hc_mutex_unlock(&hc_memcg_mutex);
	return usage;
}

void hc_task_init(struct hc_task *task)
{
	rcu_assign_pointer(task->memcg, hc_root_memcg);
}

/* Tasks are counted in non-root cgroups only: those are the ones removal must check. */
void hc_task_attach(struct hc_task *task, struct hc_memcg *memcg)
{
	struct hc_memcg *old;

	hc_mutex_lock(&hc_memcg_mutex);
	old = hc_rcu_protected(task->memcg, &hc_memcg_mutex);
	if (!hc_memcg_is_root(old))
		old->nr_tasks--;
	if (!hc_memcg_is_root(memcg))
		memcg->nr_tasks++;
	rcu_assign_pointer(task->memcg, memcg);
	hc_mutex_unlock(&hc_memcg_mutex);
}

void hc_task_set_current(struct hc_task *task)
{
	hc_this_write(hc_current, task);
}

int hc_memcg_register_notifier(struct hc_memcg_notifier *n)
{
	struct hc_memcg *memcg, *undo;
	int ret = 0;

	hc_mutex_lock(&hc_memcg_mutex);
	hc_list_for_each_entry(memcg, &hc_memcg_sys.all, all) {
		ret = n->online(memcg, n->arg);
		if (ret)
			break;
	}
	if (ret) {
		hc_list_for_each_entry(undo, &hc_memcg_sys.all, all) {
			if (undo == memcg)
				break;
			n->offline(undo, n->arg);
		}
	} else {
		hc_list_add_tail(&n->node, &hc_memcg_sys.notifiers);
	}
	hc_mutex_unlock(&hc_memcg_mutex);
	return ret;
}

void hc_memcg_unregister_notifier(struct hc_memcg_notifier *n)
{
	struct hc_memcg *memcg;

	hc_mutex_lock(&hc_memcg_mutex);
	hc_list_del(&n->node);
	hc_list_for_each_entry(memcg, &hc_memcg_sys.all, all)
		n->offline(memcg, n->arg);
	hc_mutex_unlock(&hc_memcg_mutex);
}

#endif /* HC_MODELS_DEFINE */

#endif /* HOOKCOST_MEMCG_H */
