// SPDX-License-Identifier: GPL-2.0
/*
 * The user suite's TCP model cases (tcp.sendmsg, tcp.recvmsg, tcp.rr): socket buffers charged
 * to the sample's cgroup, one or two sockets per thread.
 */
#include <stdlib.h>

#include "core/error.h"
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

static void op_tcp_rr(struct user_var *uv, struct user_thread *t, uint64_t iters)
{
	struct hc_sock *a = t->sk[0], *b = t->sk[1];
	int size = uv->size;

	GATE_LOOP_NO_FIELD(uv->code, iters, TCP_RR, a, b, size);
}

static int tcp_account(struct hc_memcg *memcg)
{
	return hc_tcp_set_limit(memcg, UNREACHED_PAGES << HC_PAGE_SHIFT);
}

_Static_assert(sizeof(struct hc_sock) <= HC_CACHELINE, "a socket fits a cache line");

static int tcp_setup(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++) {
			/* A cache line each: sockets of different threads share nothing. */
			uv->th[i].sk[s] = aligned_alloc(HC_CACHELINE, HC_CACHELINE);
			if (!uv->th[i].sk[s])
				return hc_err("out of memory");
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
		for (int s = 0; s < 2; s++) {
			struct hc_sock *sk = uv->th[i].sk[s];

			hc_tcp_sock_init(sk, memcg);
			sk->sk_sndbuf = hc_tcp_prot.wmem[2];
			sk->sk_rcvbuf = hc_tcp_prot.rmem[2];
		}
}

static void tcp_leave(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++)
			hc_tcp_sock_release(uv->th[i].sk[s]);
}

static void tcp_teardown(struct user_var *uv)
{
	for (unsigned int i = 0; i < uv->nr_threads; i++)
		for (int s = 0; s < 2; s++)
			free(uv->th[i].sk[s]);
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

/* The TCP model's socket carries its cgroup in every gate: no field gate (tcp_mem.h). */
#define TCP_GATES	(HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH) |	\
			 HC_GATE_BIT(HC_GATE_INDIRECT))

USER_CASE(case_tcp_sendmsg, "tcp.sendmsg",
	  "TCP model: send a message of size bytes and take its ack (charge, schedule, reclaim)",
	  tcp_model, op_tcp_sendmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_recvmsg, "tcp.recvmsg",
	  "TCP model: receive size bytes and read them (rmem schedule, window, reclaim)",
	  tcp_model, op_tcp_recvmsg, tcp_params, TCP_GATES);
USER_CASE(case_tcp_rr, "tcp.rr",
	  "TCP model: one request/response of size bytes each way on a socket pair",
	  tcp_model, op_tcp_rr, tcp_params, TCP_GATES);
