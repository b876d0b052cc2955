/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A model of TCP memory accounting with per-cgroup TCP buffer limits (seed: "Per-cgroup TCP
 * buffer limits").
 *
 * A socket reserves memory in page quanta (sk_forward_alloc) from the global
 * tcp_memory_allocated, checked against tcp_mem[min, pressure, max]; queued data is charged
 * against the reservation byte by byte, and whole free pages go back. Above tcp_mem[pressure]
 * the stack is under memory pressure until usage falls to tcp_mem[min]; above tcp_mem[max]
 * reservations are refused. Under pressure it does not grow the receive window, does not expand
 * the send buffer and refuses reservations of sockets above their minimum buffer, which drops
 * incoming data.
 *
 * The cgroup part sits behind the hc_tcp gate (gate.h), switched on while at least one non-root
 * cgroup is TCP-accounted: that happens when it first gets memory.kmem.tcp.limit_in_bytes and
 * lasts until it is removed (so charges and uncharges always pair). An accounted cgroup's
 * reservations are charged to its tcpmem counter (usage, max usage, failcnt) and, as kernel
 * memory, to kmem or memory as memory.independent_kmem_limit says (memcg.h); its view of
 * tcp_mem[] is the global one capped at its TCP limit, and its pressure follows it the same
 * way. A charge refused at a limit puts the cgroup under pressure and refuses the reservation,
 * as tcp_mem[max] does globally. Memory pressure for a socket = global pressure OR its cgroup's
 * (or an ancestor's).
 *
 * Which cgroup a socket belongs to: gates static, branch and indirect look up the current
 * task's cgroup under RCU on every hook (so the task must not change cgroups while its sockets
 * hold reservations); gate field stores it in the socket at creation (struct hc_sock_field:
 * "one more pointer in struct sock").
 */
#ifndef HOOKCOST_TCP_MEM_H
#define HOOKCOST_TCP_MEM_H

#include <hookcost/compat.h>
#include <hookcost/gate.h>
#include <hookcost/memcg.h>

enum hc_sk_dir {
	HC_SK_SEND,
	HC_SK_RECV,
};

struct hc_tcp_prot {
	hc_atomic_long_t memory_allocated;	/* tcp_memory_allocated, pages */
	long mem[3];				/* tcp_mem: min, pressure, max; pages */
	int wmem[3];				/* tcp_wmem: min, default, max; bytes */
	int rmem[3];				/* tcp_rmem */
	bool memory_pressure;			/* tcp_memory_pressure */
	unsigned int nr_accounted;		/* TCP-accounted cgroups (hc_memcg_mutex) */
	struct hc_memcg_notifier notifier;
	bool ready;
};

extern struct hc_tcp_prot hc_tcp_prot;

struct hc_sock {
	int sk_forward_alloc;		/* reserved, not yet charged; bytes */
	int sk_wmem_queued;
	int sk_rmem_alloc;
	int sk_sndbuf;
	int sk_rcvbuf;
	int rcv_ssthresh;		/* the receive window the stack offers */
	int window_clamp;
	unsigned long drops;
};

/* The socket of the field gate: one more pointer, set at creation. */
struct hc_sock_field {
	struct hc_sock sk;
	struct hc_memcg *sk_memcg;	/* NULL: not accounted (root) */
};

struct hc_tcp_hook_ops {
	bool (*pressure)(const struct hc_sock *sk);
	bool (*charge)(struct hc_sock *sk, long pages);
	bool (*uncharge)(struct hc_sock *sk, long pages);	/* returns true */
};

HC_GATE_DECLARE(hc_tcp, struct hc_tcp_hook_ops);

/* The hooks: the cgroup from the current task, or (_field) from the socket. */
HC_HOOK_DECLARE(bool, hc_tcp_pressure, (const struct hc_sock *sk));
HC_HOOK_DECLARE(bool, hc_tcp_pressure_field, (const struct hc_sock *sk));
HC_HOOK_DECLARE(bool, hc_tcp_charge, (struct hc_sock *sk, long pages));
HC_HOOK_DECLARE(bool, hc_tcp_charge_field, (struct hc_sock *sk, long pages));
HC_HOOK_DECLARE(bool, hc_tcp_uncharge, (struct hc_sock *sk, long pages));
HC_HOOK_DECLARE(bool, hc_tcp_uncharge_field, (struct hc_sock *sk, long pages));

static inline int hc_sk_mem_pages(int bytes)
{
	return (bytes + (int)HC_PAGE_SIZE - 1) >> HC_PAGE_SHIFT;
}

static __always_inline bool hc_tcp_under_memory_pressure(const enum hc_gate gate,
							 const struct hc_sock *sk)
{
	if (HC_HOOK(gate, hc_tcp, false, pressure, sk))
		return true;
	return READ_ONCE(hc_tcp_prot.memory_pressure);
}

static __always_inline bool hc_sk_above_min(const struct hc_sock *sk, const enum hc_sk_dir dir)
{
	if (dir == HC_SK_SEND)
		return sk->sk_wmem_queued >= hc_tcp_prot.wmem[0];
	return sk->sk_rmem_alloc >= hc_tcp_prot.rmem[0];
}

/* Grows the reservation by whole pages to cover size more bytes; false: refused. */
static __always_inline bool hc_sk_mem_raise(const enum hc_gate gate, struct hc_sock *sk,
					    int size, const enum hc_sk_dir dir)
{
	long pages = hc_sk_mem_pages(size);
	long allocated = hc_atomic_long_add_return(pages, &hc_tcp_prot.memory_allocated);

	if (!HC_HOOK(gate, hc_tcp, true, charge, sk, pages))
		goto suppress_global;
	if (unlikely(allocated > hc_tcp_prot.mem[2]))
		goto suppress;
	if (unlikely(allocated > hc_tcp_prot.mem[1])) {
		if (!READ_ONCE(hc_tcp_prot.memory_pressure))
			WRITE_ONCE(hc_tcp_prot.memory_pressure, true);
	} else if (unlikely(allocated <= hc_tcp_prot.mem[0] &&
			    READ_ONCE(hc_tcp_prot.memory_pressure))) {
		WRITE_ONCE(hc_tcp_prot.memory_pressure, false);
	}
	if (unlikely(hc_tcp_under_memory_pressure(gate, sk)) && hc_sk_above_min(sk, dir))
		goto suppress;
	sk->sk_forward_alloc += pages << HC_PAGE_SHIFT;
	return true;
suppress:
	(void)HC_HOOK(gate, hc_tcp, true, uncharge, sk, pages);
suppress_global:
	hc_atomic_long_sub_return(pages, &hc_tcp_prot.memory_allocated);
	return false;
}

static __always_inline bool hc_sk_mem_schedule(const enum hc_gate gate, struct hc_sock *sk,
					       int size, const enum hc_sk_dir dir)
{
	if (likely(size <= sk->sk_forward_alloc))
		return true;
	return hc_sk_mem_raise(gate, sk, size - sk->sk_forward_alloc, dir);
}

static __always_inline bool hc_sk_wmem_schedule(const enum hc_gate gate, struct hc_sock *sk,
						int size)
{
	return hc_sk_mem_schedule(gate, sk, size, HC_SK_SEND);
}

static __always_inline bool hc_sk_rmem_schedule(const enum hc_gate gate, struct hc_sock *sk,
						int size)
{
	return hc_sk_mem_schedule(gate, sk, size, HC_SK_RECV);
}

static inline void hc_sk_mem_charge(struct hc_sock *sk, int size)
{
	sk->sk_forward_alloc -= size;
}

static inline void hc_sk_mem_uncharge(struct hc_sock *sk, int size)
{
	sk->sk_forward_alloc += size;
}

/* Gives whole unused pages of the reservation back. */
static __always_inline void hc_sk_mem_reclaim(const enum hc_gate gate, struct hc_sock *sk)
{
	long pages, allocated;

	if (likely(sk->sk_forward_alloc < (int)HC_PAGE_SIZE))
		return;
	pages = sk->sk_forward_alloc >> HC_PAGE_SHIFT;
	sk->sk_forward_alloc -= pages << HC_PAGE_SHIFT;
	allocated = hc_atomic_long_sub_return(pages, &hc_tcp_prot.memory_allocated);
	(void)HC_HOOK(gate, hc_tcp, true, uncharge, sk, pages);
	if (unlikely(allocated <= hc_tcp_prot.mem[0] && READ_ONCE(hc_tcp_prot.memory_pressure)))
		WRITE_ONCE(hc_tcp_prot.memory_pressure, false);
}

static __always_inline bool hc_tcp_should_expand_sndbuf(const enum hc_gate gate,
							 const struct hc_sock *sk)
{
	if (hc_tcp_under_memory_pressure(gate, sk))
		return false;
	if (hc_atomic_long_read(&hc_tcp_prot.memory_allocated) >= hc_tcp_prot.mem[0])
		return false;
	return sk->sk_sndbuf < hc_tcp_prot.wmem[2];
}

static __always_inline void hc_tcp_grow_window(const enum hc_gate gate, struct hc_sock *sk,
					       int size)
{
	if (sk->rcv_ssthresh < sk->window_clamp && !hc_tcp_under_memory_pressure(gate, sk))
		sk->rcv_ssthresh = min_t(int, sk->rcv_ssthresh + 2 * size, sk->window_clamp);
}

/*
 * The fast paths, written once for every gate (HC_GATE_INSTANCES below gives
 * hc_tcp_sendmsg_static() and so on).
 *
 * sendmsg: queue size bytes for sending; size, -EAGAIN (send buffer full) or -ENOBUFS
 * (reservation refused). ack: the peer acknowledged size bytes, they are freed; the send buffer
 * grows unless under pressure. rcv: size bytes arrive; size, or -ENOBUFS when dropped.
 * recvmsg: the application reads up to size bytes; returns how many.
 */
static __always_inline int hc_tcp_sendmsg(const enum hc_gate gate, struct hc_sock *sk, int size)
{
	if (unlikely(sk->sk_wmem_queued + size > sk->sk_sndbuf))
		return -EAGAIN;
	if (unlikely(!hc_sk_wmem_schedule(gate, sk, size)))
		return -ENOBUFS;
	sk->sk_wmem_queued += size;
	hc_sk_mem_charge(sk, size);
	return size;
}

static __always_inline int hc_tcp_ack(const enum hc_gate gate, struct hc_sock *sk, int size)
{
	sk->sk_wmem_queued -= size;
	hc_sk_mem_uncharge(sk, size);
	hc_sk_mem_reclaim(gate, sk);
	if (hc_tcp_should_expand_sndbuf(gate, sk))
		sk->sk_sndbuf = min_t(int, 2 * sk->sk_sndbuf, hc_tcp_prot.wmem[2]);
	return size;
}

static __always_inline int hc_tcp_rcv(const enum hc_gate gate, struct hc_sock *sk, int size)
{
	if (unlikely(sk->sk_rmem_alloc + size > sk->sk_rcvbuf ||
		     !hc_sk_rmem_schedule(gate, sk, size))) {
		sk->drops++;
		return -ENOBUFS;
	}
	sk->sk_rmem_alloc += size;
	hc_sk_mem_charge(sk, size);
	hc_tcp_grow_window(gate, sk, size);
	return size;
}

static __always_inline int hc_tcp_recvmsg(const enum hc_gate gate, struct hc_sock *sk, int size)
{
	if (size > sk->sk_rmem_alloc)
		size = sk->sk_rmem_alloc;
	sk->sk_rmem_alloc -= size;
	hc_sk_mem_uncharge(sk, size);
	hc_sk_mem_reclaim(gate, sk);
	return size;
}

HC_GATE_INSTANCES_DECLARE(int, hc_tcp_sendmsg, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_DECLARE(int, hc_tcp_ack, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_DECLARE(int, hc_tcp_rcv, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_DECLARE(int, hc_tcp_recvmsg, (struct hc_sock *sk, int size));

/* tcp_mem defaults and the sysctl; pages. */
int hc_tcp_init(void);
void hc_tcp_exit(void);
void hc_tcp_set_mem(long min, long pressure, long max);
/*
 * A fresh socket with default buffers; memcg (field gate: struct hc_sock_field) is the cgroup
 * of the creating task, NULL or the root for none. hc_tcp_sock_release() returns what is
 * still reserved and drops the cgroup reference.
 */
void hc_tcp_sock_init(struct hc_sock *sk);
void hc_tcp_sock_init_field(struct hc_sock_field *skf, struct hc_memcg *memcg);
void hc_tcp_sock_release(struct hc_sock *sk, const enum hc_gate gate);
void hc_tcp_sock_release_field(struct hc_sock_field *skf);
/* memory.kmem.tcp.limit_in_bytes; a non-root cgroup becomes TCP-accounted. */
int hc_tcp_set_limit(struct hc_memcg *memcg, long bytes);
long hc_tcp_usage_bytes(const struct hc_memcg *memcg);
long hc_tcp_max_usage_bytes(const struct hc_memcg *memcg);
long hc_tcp_failcnt(const struct hc_memcg *memcg);

#ifdef HC_MODELS_DEFINE

struct hc_tcp_prot hc_tcp_prot;

/*
 * The cgroup parts of the hooks. Whether to account is decided by the socket's own cgroup,
 * which stays accounted when dead, so charges and uncharges pair; the counter is that of the
 * nearest live cgroup.
 */
static bool hc_tcp_memcg_pressure(struct hc_memcg *memcg, long unused)
{
	for (; memcg && !hc_memcg_is_root(memcg); memcg = memcg->parent)
		if (READ_ONCE(memcg->tcp_pressure))
			return true;
	return false;
}

static bool hc_tcp_memcg_charge(struct hc_memcg *memcg, long pages)
{
	struct hc_page_counter *fail;

	if (!READ_ONCE(memcg->tcp_active))
		return true;
	memcg = hc_memcg_live(memcg);
	if (!hc_page_counter_try_charge(&memcg->tcpmem, pages, &fail)) {
		WRITE_ONCE(container_of(fail, struct hc_memcg, tcpmem)->tcp_pressure, true);
		return false;
	}
	/* Socket buffers are kernel memory too, within the kmem or the memory limit. */
	if (!hc_memcg_charge_kmem(memcg, pages)) {
		hc_page_counter_uncharge(&memcg->tcpmem, pages);
		WRITE_ONCE(memcg->tcp_pressure, true);
		return false;
	}
	if (unlikely(hc_page_counter_read(&memcg->tcpmem) > memcg->tcp_prot_mem[1] &&
		     !READ_ONCE(memcg->tcp_pressure)))
		WRITE_ONCE(memcg->tcp_pressure, true);
	return true;
}

static bool hc_tcp_memcg_uncharge(struct hc_memcg *memcg, long pages)
{
	if (!READ_ONCE(memcg->tcp_active))
		return true;
	memcg = hc_memcg_live(memcg);
	hc_memcg_uncharge_kmem(memcg, pages);
	hc_page_counter_uncharge(&memcg->tcpmem, pages);
	if (unlikely(READ_ONCE(memcg->tcp_pressure) &&
		     hc_page_counter_read(&memcg->tcpmem) <= memcg->tcp_prot_mem[0]))
		WRITE_ONCE(memcg->tcp_pressure, false);
	return true;
}

static struct hc_memcg *hc_sk_field_memcg(const struct hc_sock *sk)
{
	return container_of(sk, const struct hc_sock_field, sk)->sk_memcg;
}

/*
 * Each hook in its two flavours: the cgroup of the current task, or the socket's own. Both
 * run the cgroup part in an RCU read-side section: the task's cgroup is RCU-protected, and
 * removal waits for charges in flight before it reparents.
 */
#define HC_TCP_HOOK(name, dflt, params, pages)					\
	bool hc_tcp_##name params						\
	{									\
		bool r;								\
										\
		hc_rcu_read_lock();						\
		r = hc_tcp_memcg_##name(hc_task_memcg(), pages);		\
		hc_rcu_read_unlock();						\
		return r;							\
	}									\
										\
	bool hc_tcp_##name##_field params					\
	{									\
		struct hc_memcg *memcg = hc_sk_field_memcg(sk);			\
		bool r;								\
										\
		if (!memcg)							\
			return dflt;						\
		hc_rcu_read_lock();						\
		r = hc_tcp_memcg_##name(memcg, pages);				\
		hc_rcu_read_unlock();						\
		return r;							\
	}									\
	HC_HOOK_THUNK_BOOL(hc_tcp_##name);					\
	HC_HOOK_THUNK_BOOL(hc_tcp_##name##_field)

HC_TCP_HOOK(pressure, false, (const struct hc_sock *sk), 0);
HC_TCP_HOOK(charge, true, (struct hc_sock *sk, long pages), pages);
HC_TCP_HOOK(uncharge, true, (struct hc_sock *sk, long pages), pages);

static bool hc_tcp_nop_pressure(const struct hc_sock *sk)
{
	return false;
}

static bool hc_tcp_nop_charge(struct hc_sock *sk, long pages)
{
	return true;
}

const struct hc_tcp_hook_ops hc_tcp_ops_nop = {
	.pressure = hc_tcp_nop_pressure,
	.charge = hc_tcp_nop_charge,
	.uncharge = hc_tcp_nop_charge,
};

const struct hc_tcp_hook_ops hc_tcp_ops_on = {
	.pressure = hc_tcp_pressure,
	.charge = hc_tcp_charge,
	.uncharge = hc_tcp_uncharge,
};

HC_GATE_DEFINE(hc_tcp, struct hc_tcp_hook_ops);

HC_GATE_INSTANCES(int, hc_tcp_sendmsg, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES(int, hc_tcp_ack, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES(int, hc_tcp_rcv, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES(int, hc_tcp_recvmsg, (struct hc_sock *sk, int size), (sk, size))

/* Caps the cgroup's view of tcp_mem[] at its limit. */
static void hc_tcp_memcg_update_mem(struct hc_memcg *memcg)
{
	for (int i = 0; i < 3; i++)
		memcg->tcp_prot_mem[i] = min_t(long, READ_ONCE(memcg->tcpmem.max),
					       hc_tcp_prot.mem[i]);
}

static int hc_tcp_online(struct hc_memcg *memcg, void *arg)
{
	return 0;
}

/* Removal ends TCP accounting; the last accounted cgroup turns the gate off. */
static void hc_tcp_offline(struct hc_memcg *memcg, void *arg)
{
	if (!memcg->tcp_active)
		return;
	if (!--hc_tcp_prot.nr_accounted)
		hc_gate_switch(hc_tcp, false);
}

int hc_tcp_init(void)
{
	int ret = hc_memcg_init();

	if (ret || hc_tcp_prot.ready)
		return ret;
	hc_tcp_set_mem(16384, 24576, 32768);
	hc_tcp_prot.wmem[0] = 4096;
	hc_tcp_prot.wmem[1] = 16384;
	hc_tcp_prot.wmem[2] = 4194304;
	hc_tcp_prot.rmem[0] = 4096;
	hc_tcp_prot.rmem[1] = 131072;
	hc_tcp_prot.rmem[2] = 6291456;
	hc_tcp_prot.notifier.online = hc_tcp_online;
	hc_tcp_prot.notifier.offline = hc_tcp_offline;
	ret = hc_memcg_register_notifier(&hc_tcp_prot.notifier);
	if (!ret)
		hc_tcp_prot.ready = true;
	return ret;
}

void hc_tcp_exit(void)
{
	if (!hc_tcp_prot.ready)
		return;
	hc_memcg_unregister_notifier(&hc_tcp_prot.notifier);
	hc_tcp_prot.ready = false;
}

void hc_tcp_set_mem(long min, long pressure, long max)
{
	struct hc_memcg *memcg;

	hc_mutex_lock(&hc_memcg_mutex);
	hc_tcp_prot.mem[0] = min;
	hc_tcp_prot.mem[1] = pressure;
	hc_tcp_prot.mem[2] = max;
	hc_list_for_each_entry(memcg, &hc_memcg_sys.all, all)
		hc_tcp_memcg_update_mem(memcg);
	hc_mutex_unlock(&hc_memcg_mutex);
}

void hc_tcp_sock_init(struct hc_sock *sk)
{
	*sk = (struct hc_sock){
		.sk_sndbuf = hc_tcp_prot.wmem[1],
		.sk_rcvbuf = hc_tcp_prot.rmem[1],
		.rcv_ssthresh = 4 * 1460,
		.window_clamp = hc_tcp_prot.rmem[1] / 2,
	};
}

void hc_tcp_sock_init_field(struct hc_sock_field *skf, struct hc_memcg *memcg)
{
	hc_tcp_sock_init(&skf->sk);
	skf->sk_memcg = NULL;
	if (memcg && !hc_memcg_is_root(memcg)) {
		hc_memcg_get(memcg);
		skf->sk_memcg = memcg;
	}
}

/* Whatever is still reserved goes back, through the gate the socket was used with. */
void hc_tcp_sock_release(struct hc_sock *sk, const enum hc_gate gate)
{
	int reserved = sk->sk_forward_alloc + sk->sk_wmem_queued + sk->sk_rmem_alloc;
	long pages = reserved >> HC_PAGE_SHIFT;

	sk->sk_forward_alloc = 0;
	sk->sk_wmem_queued = 0;
	sk->sk_rmem_alloc = 0;
	if (!pages)
		return;
	hc_atomic_long_sub_return(pages, &hc_tcp_prot.memory_allocated);
	switch (gate) {
	case HC_GATE_NONE:
		break;
	case HC_GATE_FIELD:
		if (hc_static_key_enabled(&hc_tcp_key))
			hc_tcp_uncharge_field(sk, pages);
		break;
	default:
		if (READ_ONCE(hc_tcp_flag))
			hc_tcp_uncharge(sk, pages);
		break;
	}
}

void hc_tcp_sock_release_field(struct hc_sock_field *skf)
{
	hc_tcp_sock_release(&skf->sk, HC_GATE_FIELD);
	if (skf->sk_memcg)
		hc_memcg_put(skf->sk_memcg);
	skf->sk_memcg = NULL;
}

int hc_tcp_set_limit(struct hc_memcg *memcg, long bytes)
{
	long pages = bytes < 0 ? HC_PAGE_COUNTER_MAX : (long)((unsigned long)bytes >> HC_PAGE_SHIFT);
	int ret;

	if (hc_memcg_is_root(memcg))
		return -EINVAL;
	hc_mutex_lock(&hc_memcg_mutex);
	ret = hc_page_counter_set_max(&memcg->tcpmem, pages);
	if (ret)
		goto out;
	hc_tcp_memcg_update_mem(memcg);
	if (!memcg->tcp_active) {
		if (!hc_tcp_prot.nr_accounted++)
			ret = hc_gate_switch(hc_tcp, true);
		WRITE_ONCE(memcg->tcp_active, true);
	}
out:
	hc_mutex_unlock(&hc_memcg_mutex);
	return ret;
}

long hc_tcp_usage_bytes(const struct hc_memcg *memcg)
{
	return hc_page_counter_read(&memcg->tcpmem) << HC_PAGE_SHIFT;
}

long hc_tcp_max_usage_bytes(const struct hc_memcg *memcg)
{
	return READ_ONCE(memcg->tcpmem.watermark) << HC_PAGE_SHIFT;
}

long hc_tcp_failcnt(const struct hc_memcg *memcg)
{
	return READ_ONCE(memcg->tcpmem.failcnt);
}

#endif /* HC_MODELS_DEFINE */

#endif /* HOOKCOST_TCP_MEM_H */
