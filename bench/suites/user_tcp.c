// SPDX-License-Identifier: GPL-2.0
/*
 * The user suite's TCP model cases (tcp.sendmsg, tcp.recvmsg, tcp.rr): socket buffers charged
 * to the sample's cgroup, one, two or (tcp.rr) many sockets per thread.
 */
#include <stdlib.h>

#include "base/error.h"
#include "suites/user_case.h"

/* Sends size bytes and takes the acknowledgement. */
#define TCP_SEND(g, sk, size)							\
	do {									\
		int __n = hc_tcp_sendmsg_##g(sk, size);				\
										\
		if (__n > 0)							\
			hc_tcp_ack_##g(sk, __n);				\
	} while (0)

/* size bytes arrive and the application reads them. */
#define TCP_RECV(g, sk, size)							\
	do {									\
		int __n = hc_tcp_rcv_##g(sk, size);				\
										\
		if (__n > 0)							\
			hc_tcp_recvmsg_##g(sk, __n);				\
	} while (0)

/* A request from a to b and its response, both of size bytes, across the pair. */
#define TCP_RR(g, a, b, size)							\
	do {									\
		int __n = hc_tcp_sendmsg_##g(a, size);				\
										\
		TCP_RECV(g, b, size);						\
		if (__n > 0)							\
			hc_tcp_ack_##g(a, __n);					\
		__n = hc_tcp_sendmsg_##g(b, size);				\
		TCP_RECV(g, a, size);						\
		if (__n > 0)							\
			hc_tcp_ack_##g(b, __n);					\
	} while (0)

static void op_tcp_sendmsg(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *sk = t->sk[0];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_SEND, sk, size);
}

static void op_tcp_recvmsg(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *sk = t->sk[0];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_RECV, sk, size);
}

/*
 * tcp.rr over more than two sockets: the next pair each time, round the ring (with an odd
 * number, the last socket pairs with the first).
 */
#define TCP_RR_NEXT(g, ring, n, k, size)					\
	do {									\
		unsigned int __b = (k) + 1 < (n) ? (k) + 1 : 0;			\
										\
		TCP_RR(g, (ring)[k], (ring)[__b], size);			\
		(k) = (k) + 2 < (n) ? (k) + 2 : (k) + 2 - (n);			\
	} while (0)

static void op_tcp_rr(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *a = t->sk[0], *b = t->sk[1];
	struct hc_sock **ring = t->sk;
	unsigned int n = uv->nr_socks, k = 0;
	int size = uv->size;
	/* The field gate runs the static gate's very loop; only its sockets differ (tcp_setup()). */
	enum hc_gate code = uv->code == HC_GATE_FIELD ? HC_GATE_STATIC : uv->code;

	if (n > 2)
		GATE_LOOP_NO_FIELD(code, iters, TCP_RR_NEXT, ring, n, k, size);
	else
		GATE_LOOP_NO_FIELD(code, iters, TCP_RR, a, b, size);
}

static int tcp_account(struct hc_memcg *memcg)
{
	return hc_tcp_set_limit(memcg, UNREACHED_PAGES << HC_PAGE_SHIFT);
}

_Static_assert(sizeof(struct hc_sock_field) <= HC_CACHELINE, "a socket fits a cache line");

/*
 * More than two sockets model a server's many, packed as a slab packs struct sock: each
 * object a cold part and then the hot fields, back to back. The cold part makes a struct
 * hc_sock object exactly a cache line; the field gate's pointer grows it to
 * HC_CACHELINE + sizeof(void *) bytes, so most objects' hot fields straddle two lines, as one
 * more pointer in struct sock moves hot fields into another line. The code is the same (the
 * field gate runs the static gate's), so the instructions are; which lines a sample touches
 * is the cache models' business (scripts/vm run --cache-model, --backend valgrind). Two
 * sockets get a cache line each, as before.
 */
#define SOCK_COLD_BYTES	(HC_CACHELINE - sizeof(struct hc_sock))

static int tcp_setup(struct user_var *uv)
{
	bool packed = uv->nr_socks > 2;
	size_t hot = uv->code == HC_GATE_FIELD ? sizeof(struct hc_sock_field) :
		     sizeof(struct hc_sock);
	size_t stride = packed ? SOCK_COLD_BYTES + hot : HC_CACHELINE;
	size_t bytes = (uv->nr_socks * stride + HC_CACHELINE - 1) & ~(HC_CACHELINE - 1);

	for (unsigned int i = 0; i < uv->nr_threads; i++) {
		struct user_thread *t = &uv->th[i];

		/* Cache-line aligned: sockets of different threads share nothing. */
		t->sk = calloc(uv->nr_socks, sizeof(*t->sk));
		t->arena = aligned_alloc(HC_CACHELINE, bytes);
		if (!t->sk || !t->arena)
			return hc_err("out of memory");
		for (unsigned int s = 0; s < uv->nr_socks; s++)
			t->sk[s] = (void *)((char *)t->arena + s * stride +
					    (packed ? SOCK_COLD_BYTES : 0));
	}
	return 0;
}

/*
 * Sockets are created for each sample by tasks in the sample's cgroup, so an active socket
 * records it (sk_memcg); buffers are set to the maximum as with SO_SNDBUF/SO_RCVBUF.
 */
static void tcp_enter(struct user_var *uv)
{
	struct hc_memcg *memcg = uv->config == HC_CONFIG_ACTIVE ? uv->cg : NULL;

	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (unsigned int s = 0; s < uv->nr_socks; s++) {
			struct hc_sock *sk = uv->th[i].sk[s];

			/* Only the field gate's sockets have room for the second pointer. */
			if (uv->code == HC_GATE_FIELD)
				hc_tcp_sock_init_field(container_of(sk, struct hc_sock_field, sk),
						       memcg);
			else
				hc_tcp_sock_init(sk, memcg);
			sk->sk_sndbuf = hc_tcp_prot.wmem[2];
			sk->sk_rcvbuf = hc_tcp_prot.rmem[2];
		}
}

static void tcp_leave(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (unsigned int s = 0; s < uv->nr_socks; s++)
			hc_tcp_sock_release(uv->th[i].sk[s]);
}

static void tcp_teardown(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++) {
		free(uv->th[i].sk);
		free(uv->th[i].arena);
	}
}

static const struct user_model tcp_model = {
	.init = hc_tcp_init,
	.account = tcp_account,
	.setup = tcp_setup,
	.enter = tcp_enter,
	.leave = tcp_leave,
	.teardown = tcp_teardown,
};

static const struct hc_param_def tcp_params[] = {
	{ "size", "B", "1,1448,65536", 1, 65536 },
	CGROUPS_PARAM,
	THREADS_PARAM,
	{ NULL },
};

/* Two sockets, a cache line each, unless asked for more (tcp_setup()). */
static const struct hc_param_def tcp_rr_params[] = {
	{ "size", "B", "1,1448,65536", 1, 65536 },
	{ "sockets", "", "2", 2, 65536 },
	CGROUPS_PARAM,
	THREADS_PARAM,
	{ NULL },
};

#define TCP_GATES	(HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH) |	\
			 HC_GATE_BIT(HC_GATE_INDIRECT))
/*
 * The field gate (tcp_mem.h: static's code, one more pointer per socket) only where the
 * sockets can be many: on one socket a pointer more can cost no cache line.
 */
#define TCP_RR_GATES	(TCP_GATES | HC_GATE_BIT(HC_GATE_FIELD))

USER_CASE(case_tcp_sendmsg, "tcp.sendmsg",
	  "TCP model: send a message of size bytes and take its ack (charge, schedule, reclaim)",
	  tcp_model, op_tcp_sendmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_recvmsg, "tcp.recvmsg",
	  "TCP model: receive size bytes and read them (rmem schedule, window, reclaim)",
	  tcp_model, op_tcp_recvmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_rr, "tcp.rr",
	  "TCP model: one request/response of size bytes each way on a socket pair "
	  "(sockets > 2: the next pair each time)",
	  tcp_model, op_tcp_rr, tcp_rr_params, TCP_RR_GATES);
