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
 * The shape of the merged design (Glauber Costa's "per-cgroup tcp buffer pressure settings",
 * v3.3, and as it is in 6.1): a socket records its cgroup at creation (sk->sk_memcg, set by
 * mem_cgroup_sk_alloc() only while the key is on and only for an accounted non-root cgroup),
 * and every site tests, inline after the key, whether the socket is accounted
 * ("mem_cgroup_sockets_enabled && sk->sk_memcg": __sk_mem_raise_allocated() and
 * __sk_mem_reduce_allocated() in net/core/sock.c, tcp_under_memory_pressure() in
 * include/net/tcp.h). Only an accounted socket calls out: the charge and uncharge out of line
 * (mem_cgroup_charge_skmem()/mem_cgroup_uncharge_skmem()), the pressure test inline
 * (mem_cgroup_under_socket_pressure()). A bystander's socket (created in the root) thus pays
 * the key's jump plus one load and test per site, and nothing else.
 *
 * Gates: static is the merged design; branch replaces the key by a flag; indirect is the first
 * posting's shape that David Miller rejected ("just one indirect function call"), the call made
 * whether or not the feature is in use, its hooks making the sk_memcg test. The pointer in the
 * socket is part of the design in every gate; the field gate adds one more (struct
 * hc_sock_field) and runs the static gate's instances unchanged, so it differs from static in
 * the socket's layout only: the seeds' "just one more pointer in struct sock".
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
	struct hc_memcg *sk_memcg;	/* the accounted cgroup; NULL: not accounted */
};

/*
 * The field gate's socket: one more pointer beside sk_memcg, as the 2011 posting's sk_cgrp in
 * struct sock. The fast paths never read it; it only makes the object bigger, so that packed
 * sockets move their hot fields into other cache lines. It names the socket's cgroup, as
 * sk_memcg does, and holds no reference of its own.
 */
struct hc_sock_field {
	struct hc_sock sk;
	struct hc_memcg *sk_cgrp;
};

struct hc_tcp_hook_ops {
	bool (*pressure)(const struct hc_memcg *memcg);
	bool (*charge)(struct hc_memcg *memcg, long pages);
	bool (*uncharge)(struct hc_memcg *memcg, long pages);	/* returns true */
};

HC_GATE_DECLARE(hc_tcp, struct hc_tcp_hook_ops);

/*
 * The accounted-socket test every site makes inline after the gate, as 6.1's
 * "mem_cgroup_sockets_enabled && sk->sk_memcg" (include/net/sock.h, net/core/sock.c).
 */
static inline bool hc_sk_accounted(const struct hc_sock *sk)
{
	return sk->sk_memcg;
}

/*
 * Whether memcg or an ancestor is under TCP memory pressure: inline, as 6.1's
 * mem_cgroup_under_socket_pressure() (include/linux/memcontrol.h) is.
 */
static inline bool hc_tcp_pressure(const struct hc_memcg *memcg)
{
	for (; memcg && !hc_memcg_is_root(memcg); memcg = memcg->parent)
		if (READ_ONCE(memcg->tcp_pressure))
			return true;
	return false;
}

/* Out of line, as 6.1's mem_cgroup_charge_skmem()/mem_cgroup_uncharge_skmem() (mm/memcontrol.c). */
bool hc_tcp_charge(struct hc_memcg *memcg, long pages);
bool hc_tcp_uncharge(struct hc_memcg *memcg, long pages);

/*
 * HC_HOOK names a field hook for every gate; this model's field gate runs the static gate's
 * instances (on a struct hc_sock_field's sk), so these are never reached.
 */
#define hc_tcp_pressure_field	hc_tcp_pressure
#define hc_tcp_charge_field	hc_tcp_charge
#define hc_tcp_uncharge_field	hc_tcp_uncharge

static inline int hc_sk_mem_pages(int bytes)
{
	return (bytes + (int)HC_PAGE_SIZE - 1) >> HC_PAGE_SHIFT;
}

static __always_inline bool hc_tcp_under_memory_pressure(const enum hc_gate gate,
							 const struct hc_sock *sk)
{
	if (HC_HOOK(gate, hc_tcp, hc_sk_accounted(sk), false, pressure, sk->sk_memcg))
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

	if (!HC_HOOK(gate, hc_tcp, hc_sk_accounted(sk), true, charge, sk->sk_memcg, pages))
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
	(void)HC_HOOK(gate, hc_tcp, hc_sk_accounted(sk), true, uncharge, sk->sk_memcg, pages);
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
	(void)HC_HOOK(gate, hc_tcp, hc_sk_accounted(sk), true, uncharge, sk->sk_memcg, pages);
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
 * The fast paths, written once for every gate (HC_GATE_INSTANCES_NO_FIELD in tcp_mem.c gives
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

HC_GATE_INSTANCES_NO_FIELD_DECLARE(int, hc_tcp_sendmsg, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_NO_FIELD_DECLARE(int, hc_tcp_ack, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_NO_FIELD_DECLARE(int, hc_tcp_rcv, (struct hc_sock *sk, int size));
HC_GATE_INSTANCES_NO_FIELD_DECLARE(int, hc_tcp_recvmsg, (struct hc_sock *sk, int size));

/* tcp_mem defaults and the sysctl; pages. */
int hc_tcp_init(void);
void hc_tcp_exit(void);
void hc_tcp_set_mem(long min, long pressure, long max);
/*
 * A fresh socket with default buffers, created by a task of memcg (NULL or the root: none); it
 * is accounted (sk_memcg set, a reference taken) when memcg is TCP-accounted and the gate is
 * on, as mem_cgroup_sk_alloc() does. hc_tcp_sock_release() returns what is still reserved and
 * drops the reference.
 */
void hc_tcp_sock_init(struct hc_sock *sk, struct hc_memcg *memcg);
void hc_tcp_sock_release(struct hc_sock *sk);

static inline void hc_tcp_sock_init_field(struct hc_sock_field *skf, struct hc_memcg *memcg)
{
	hc_tcp_sock_init(&skf->sk, memcg);
	skf->sk_cgrp = skf->sk.sk_memcg;
}
/* memory.kmem.tcp.limit_in_bytes; a non-root cgroup becomes TCP-accounted. */
int hc_tcp_set_limit(struct hc_memcg *memcg, long bytes);
long hc_tcp_usage_bytes(const struct hc_memcg *memcg);
long hc_tcp_max_usage_bytes(const struct hc_memcg *memcg);
long hc_tcp_failcnt(const struct hc_memcg *memcg);

#endif /* HOOKCOST_TCP_MEM_H */
