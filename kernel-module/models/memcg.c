// SPDX-License-Identifier: GPL-2.0
/*
 * The memory controller model (declared in <hookcost/memcg.h>): cgroup creation and removal
 * with reparenting, limits, tasks and notifiers. Compiled into hookcost.ko and the harness.
 */
#include <hookcost/memcg.h>

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

