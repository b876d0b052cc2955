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

#endif /* HOOKCOST_MEMCG_H */
