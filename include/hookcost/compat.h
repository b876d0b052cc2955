/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the models (memcg.h, tcp_mem.h, slab_acct.h) need from their surroundings, spelled once
 * for hookcost.ko (__KERNEL__) and once for user space, so the models compile unchanged in both.
 * The models use only what is here, the static-key API of static_branch.h and the freestanding
 * types (bool, size_t, uint64_t).
 *
 * The models are compiled from kernel-module/models/ into both hookcost.ko and the harness;
 * the harness's share of the user-space side below (threads, RCU registration, deferred work)
 * is bench/suites/models.c.
 */
#ifndef HOOKCOST_COMPAT_H
#define HOOKCOST_COMPAT_H

#ifdef __KERNEL__

#include <linux/atomic.h>
#include <linux/compiler.h>
#include <linux/errno.h>
#include <linux/gfp.h>
#include <linux/kernel.h>
#include <linux/list.h>
#include <linux/minmax.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/types.h>
#include <linux/workqueue.h>

#define HC_PAGE_SIZE		PAGE_SIZE
#define HC_PAGE_SHIFT		PAGE_SHIFT

/* Allocation: process context may sleep, "atomic" callers pass atomic = true. */
static inline void *hc_zalloc(size_t size, bool atomic)
{
	return kzalloc(size, atomic ? GFP_ATOMIC : GFP_KERNEL);
}

static inline void hc_free(void *p)
{
	kfree(p);
}

/* One naturally aligned page: a slab. */
static inline void *hc_page_alloc(bool atomic)
{
	return (void *)__get_free_page(atomic ? GFP_ATOMIC : GFP_KERNEL);
}

static inline void hc_page_free(void *p)
{
	free_page((unsigned long)p);
}

typedef atomic_long_t hc_atomic_long_t;
#define hc_atomic_long_read(v)		atomic_long_read(v)
#define hc_atomic_long_set(v, i)	atomic_long_set(v, i)
#define hc_atomic_long_add_return(i, v)	atomic_long_add_return(i, v)
#define hc_atomic_long_sub_return(i, v)	atomic_long_sub_return(i, v)
#define hc_atomic_long_inc(v)		atomic_long_inc(v)
#define hc_atomic_long_inc_not_zero(v)	atomic_long_inc_not_zero(v)

/* Short critical sections on slow paths (slab lists) and sleeping ones (cgroup changes). */
typedef spinlock_t hc_spinlock_t;
#define hc_spin_lock_init(l)		spin_lock_init(l)
#define hc_spin_lock(l)			spin_lock(l)
#define hc_spin_unlock(l)		spin_unlock(l)
#define hc_spin_lock_destroy(l)		do { } while (0)
typedef struct mutex hc_mutex_t;
#define HC_DEFINE_MUTEX(name)		DEFINE_MUTEX(name)
#define hc_mutex_lock(m)		mutex_lock(m)
#define hc_mutex_unlock(m)		mutex_unlock(m)

/* Per-CPU data: real per-CPU areas; the fast paths pin the CPU with get/put. */
#define hc_percpu_alloc(type)		alloc_percpu(type)
#define hc_percpu_free(p)		free_percpu(p)
#define hc_get_cpu_ptr(p)		get_cpu_ptr(p)
#define hc_put_cpu_ptr(p)		put_cpu_ptr(p)
#define hc_per_cpu_ptr(p, cpu)		per_cpu_ptr(p, cpu)
#define hc_for_each_cpu(cpu)		for_each_possible_cpu(cpu)

/* "current": the model task a CPU runs for (the module sets it with preemption off). */
#define HC_DEFINE_PER_THREAD(type, name, init)	DEFINE_PER_CPU(type, name) = (init)
#define HC_DECLARE_PER_THREAD(type, name)	DECLARE_PER_CPU(type, name)
#define hc_this_read(name)			this_cpu_read(name)
#define hc_this_write(name, val)		this_cpu_write(name, val)

/* RCU: the kernel's own; every kernel thread is always an RCU reader. */
#define hc_rcu_read_lock()		rcu_read_lock()
#define hc_rcu_read_unlock()		rcu_read_unlock()
#define hc_synchronize_rcu()		synchronize_rcu()
#define hc_call_rcu(head, fn)		call_rcu(head, fn)
#define hc_rcu_barrier()		rcu_barrier()
#define hc_rcu_protected(p, lock)	rcu_dereference_protected(p, lockdep_is_held(lock))
#define hc_rcu_dereference_check(p, lock) rcu_dereference_check(p, lockdep_is_held(lock))
#define hc_rcu_thread_online()		do { } while (0)
#define hc_rcu_thread_offline()		do { } while (0)

/* Deferred work: the system workqueue. */
#define hc_work				work_struct
#define HC_INIT_WORK(w, fn)		INIT_WORK(w, fn)
#define hc_schedule_work(w)		schedule_work(w)
#define hc_flush_work(w)		flush_work(w)

#define hc_list_head			list_head
#define HC_INIT_LIST_HEAD(l)		INIT_LIST_HEAD(l)
#define hc_list_add(n, h)		list_add(n, h)
#define hc_list_add_tail(n, h)		list_add_tail(n, h)
#define hc_list_del(n)			list_del(n)
#define hc_list_empty(h)		list_empty(h)
#define hc_list_first_entry(h, t, m)	list_first_entry(h, t, m)
#define hc_list_for_each_entry(p, h, m)	list_for_each_entry(p, h, m)
#define hc_list_for_each_entry_safe(p, n, h, m) list_for_each_entry_safe(p, n, h, m)

#else /* !__KERNEL__ */

#include <errno.h>
#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

/*
 * RCU flavour: urcu-memb. Its read side is a nesting counter in thread-local storage plus a
 * compiler barrier (sys_membarrier moves the real fence to the writer), inlined here with
 * _LGPL_SOURCE. That is the shape of the kernel's preemptible RCU (a counter in the task), which
 * distribution kernels use; QSBR would make the read side free but needs every reader to
 * announce quiescent states, which a measuring thread that never leaves its loop cannot do, and
 * the signal flavour adds a signal handler to the measured thread. -lurcu is this flavour.
 */
#define _LGPL_SOURCE
#include <urcu/urcu-memb.h>
#include <urcu/list.h>

#ifndef likely
#define likely(x)		__builtin_expect(!!(x), 1)
#define unlikely(x)		__builtin_expect(!!(x), 0)
#endif
#ifndef READ_ONCE
#define READ_ONCE(x)		(*(const volatile __typeof__(x) *)&(x))
#define WRITE_ONCE(x, v)	(*(volatile __typeof__(x) *)&(x) = (v))
#endif
#ifndef noinline
#define noinline		__attribute__((noinline))
#endif
#ifndef __always_inline
#define __always_inline		inline __attribute__((always_inline))
#endif
#ifndef container_of
#define container_of(ptr, type, member)	((type *)((char *)(ptr) - offsetof(type, member)))
#endif
#ifndef __rcu
#define __rcu
#endif
#ifndef min_t
#define min_t(type, a, b)	((type)(a) < (type)(b) ? (type)(a) : (type)(b))
#define max_t(type, a, b)	((type)(a) > (type)(b) ? (type)(a) : (type)(b))
#endif
#ifndef ARRAY_SIZE
#define ARRAY_SIZE(a)		(sizeof(a) / sizeof((a)[0]))
#endif

#define HC_PAGE_SHIFT		12
#define HC_PAGE_SIZE		(1ul << HC_PAGE_SHIFT)

static inline void *hc_zalloc(size_t size, bool atomic)
{
	return calloc(1, size);
}

static inline void hc_free(void *p)
{
	free(p);
}

static inline void *hc_page_alloc(bool atomic)
{
	return aligned_alloc(HC_PAGE_SIZE, HC_PAGE_SIZE);
}

static inline void hc_page_free(void *p)
{
	free(p);
}

typedef struct {
	long counter;
} hc_atomic_long_t;

static inline long hc_atomic_long_read(const hc_atomic_long_t *v)
{
	return __atomic_load_n(&v->counter, __ATOMIC_RELAXED);
}

static inline void hc_atomic_long_set(hc_atomic_long_t *v, long i)
{
	__atomic_store_n(&v->counter, i, __ATOMIC_RELAXED);
}

/* Fully ordered, as the kernel's value-returning atomics are. */
static inline long hc_atomic_long_add_return(long i, hc_atomic_long_t *v)
{
	return __atomic_add_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline long hc_atomic_long_sub_return(long i, hc_atomic_long_t *v)
{
	return __atomic_sub_fetch(&v->counter, i, __ATOMIC_SEQ_CST);
}

static inline void hc_atomic_long_inc(hc_atomic_long_t *v)
{
	__atomic_add_fetch(&v->counter, 1, __ATOMIC_RELAXED);
}

static inline bool hc_atomic_long_inc_not_zero(hc_atomic_long_t *v)
{
	long old = hc_atomic_long_read(v);

	do {
		if (!old)
			return false;
	} while (!__atomic_compare_exchange_n(&v->counter, &old, old + 1, false,
					      __ATOMIC_SEQ_CST, __ATOMIC_RELAXED));
	return true;
}

/* A mutex, not a spinning lock: the benchmark shares its cores with other processes. */
typedef pthread_mutex_t hc_spinlock_t;
#define hc_spin_lock_init(l)		pthread_mutex_init(l, NULL)
#define hc_spin_lock(l)			pthread_mutex_lock(l)
#define hc_spin_unlock(l)		pthread_mutex_unlock(l)
#define hc_spin_lock_destroy(l)		pthread_mutex_destroy(l)
typedef pthread_mutex_t hc_mutex_t;
#define HC_DEFINE_MUTEX(name)		hc_mutex_t name = PTHREAD_MUTEX_INITIALIZER
#define hc_mutex_lock(m)		pthread_mutex_lock(m)
#define hc_mutex_unlock(m)		pthread_mutex_unlock(m)

/*
 * Per-CPU data becomes per-thread-slot data: a thread that runs a model claims a slot with
 * hc_cpu_slot_set(), and "this CPU" is that slot, found through thread-local storage as the
 * kernel finds its per-CPU area through a segment register. Slots are a cache line apart so
 * threads do not share lines.
 */
#define HC_NR_CPU_SLOTS		64
#define HC_CACHELINE		64
#define __percpu
#define hc_pcpu_stride(size)	(((size) + HC_CACHELINE - 1) & ~(size_t)(HC_CACHELINE - 1))
#define hc_percpu_alloc(type)						\
	((type *)hc_percpu_zalloc(hc_pcpu_stride(sizeof(type))))
#define hc_percpu_free(p)	free(p)
#define hc_per_cpu_ptr(p, cpu)						\
	((__typeof__(p))((char *)(p) + (size_t)(cpu) * hc_pcpu_stride(sizeof(*(p)))))
#define hc_get_cpu_ptr(p)	hc_per_cpu_ptr(p, hc_cpu_slot)
#define hc_put_cpu_ptr(p)	((void)(p))
#define hc_for_each_cpu(cpu)	for ((cpu) = 0; (cpu) < HC_NR_CPU_SLOTS; (cpu)++)

extern __thread unsigned int hc_cpu_slot;

static inline void *hc_percpu_zalloc(size_t stride)
{
	void *p = aligned_alloc(HC_CACHELINE, stride * HC_NR_CPU_SLOTS);

	if (p)
		__builtin_memset(p, 0, stride * HC_NR_CPU_SLOTS);
	return p;
}

static inline void hc_cpu_slot_set(unsigned int slot)
{
	hc_cpu_slot = slot % HC_NR_CPU_SLOTS;
}

#define HC_DEFINE_PER_THREAD(type, name, init)	__thread type name = (init)
#define HC_DECLARE_PER_THREAD(type, name)	extern __thread type name
#define hc_this_read(name)			(name)
#define hc_this_write(name, val)		((name) = (val))

#define hc_rcu_read_lock()		urcu_memb_read_lock()
#define hc_rcu_read_unlock()		urcu_memb_read_unlock()
#define hc_synchronize_rcu()		urcu_memb_synchronize_rcu()
#define hc_call_rcu(head, fn)		urcu_memb_call_rcu(head, fn)
#define hc_rcu_barrier()		urcu_memb_barrier()
/* An RCU pointer read by its updater, under lock; or read under RCU or lock. */
#define hc_rcu_protected(p, lock)	(p)
#define hc_rcu_dereference_check(p, lock) rcu_dereference(p)

/* Registers the calling thread as an RCU reader (idempotent); liburcu requires it. */
void hc_rcu_thread_online(void);
void hc_rcu_thread_offline(void);

/*
 * Deferred work: one worker thread runs queued items in order, as the system workqueue would.
 * Scheduling an item that is already pending does nothing; flushing waits until it has run.
 */
struct hc_work {
	struct hc_work *next;
	void (*fn)(struct hc_work *w);
	bool pending;
	bool running;
};

#define HC_INIT_WORK(w, f)						\
	do {								\
		(w)->next = NULL;					\
		(w)->fn = (f);						\
		(w)->pending = false;					\
		(w)->running = false;					\
	} while (0)
bool hc_schedule_work(struct hc_work *w);
void hc_flush_work(struct hc_work *w);
/* Stops the worker thread (it restarts on demand); for a clean exit under valgrind. */
void hc_work_shutdown(void);

#define hc_list_head			cds_list_head
#define HC_INIT_LIST_HEAD(l)		CDS_INIT_LIST_HEAD(l)
#define hc_list_add(n, h)		cds_list_add(n, h)
#define hc_list_add_tail(n, h)		cds_list_add_tail(n, h)
#define hc_list_del(n)			cds_list_del(n)
#define hc_list_empty(h)		cds_list_empty(h)
#define hc_list_first_entry(h, t, m)	cds_list_entry((h)->next, t, m)
#define hc_list_for_each_entry(p, h, m)	cds_list_for_each_entry(p, h, m)
#define hc_list_for_each_entry_safe(p, n, h, m) cds_list_for_each_entry_safe(p, n, h, m)

#endif /* __KERNEL__ */

#endif /* HOOKCOST_COMPAT_H */
