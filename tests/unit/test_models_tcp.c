// SPDX-License-Identifier: GPL-2.0
/*
 * tcp_mem.h: the gate follows the TCP-accounted cgroups; a cgroup's TCP limit is enforced
 * with failcnt and max usage, and its kmem limit when independent_kmem_limit is set; memory
 * pressure (global, or the socket's cgroup) stops window growth and send-buffer expansion and
 * drops; charges survive the cgroup's removal; and every gate runs the same model. A socket
 * is accounted by the cgroup it was created in (sk_memcg), not by the task using it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>

#include <cmocka.h>

#include <hookcost/tcp_mem.h>

#include "models_fixture.h"

#define PAGE	((int)HC_PAGE_SIZE)

typedef int (*tcp_op)(struct hc_sock *sk, int size);

struct gate_ops {
	enum hc_gate gate;
	tcp_op sendmsg, ack, rcv, recvmsg;
};

static const struct gate_ops gates[] = {
	{ HC_GATE_STATIC, hc_tcp_sendmsg_static, hc_tcp_ack_static, hc_tcp_rcv_static,
	  hc_tcp_recvmsg_static },
	{ HC_GATE_BRANCH, hc_tcp_sendmsg_branch, hc_tcp_ack_branch, hc_tcp_rcv_branch,
	  hc_tcp_recvmsg_branch },
	{ HC_GATE_INDIRECT, hc_tcp_sendmsg_indirect, hc_tcp_ack_indirect, hc_tcp_rcv_indirect,
	  hc_tcp_recvmsg_indirect },
};

static struct hc_task task;

static int group_setup(void **unused)
{
	return models_group_setup(hc_tcp_init, &task);
}

static int group_teardown(void **unused)
{
	return models_group_teardown(hc_tcp_exit);
}

static int test_setup(void **unused)
{
	hc_tcp_set_mem(16384, 24576, 32768);
	return 0;
}

/* A socket created by a task of memcg: accounted there if memcg is TCP-accounted. */
static void sock_open(struct hc_sock *sk, struct hc_memcg *memcg)
{
	hc_tcp_sock_init(sk, memcg);
	sk->sk_sndbuf = 1 << 20;
	sk->sk_rcvbuf = 1 << 20;
}

static void test_gate_follows_limits(void **unused)
{
	struct hc_memcg *a = hc_memcg_create(hc_root_memcg);
	struct hc_memcg *b = hc_memcg_create(hc_root_memcg);

	assert_false(hc_static_key_enabled(&hc_tcp_key));
	assert_int_equal(hc_tcp_set_limit(hc_root_memcg, 1 << 20), -EINVAL);
	assert_int_equal(hc_tcp_set_limit(a, 1 << 20), 0);
	assert_true(hc_static_key_enabled(&hc_tcp_key));
	assert_true(hc_tcp_flag);
	assert_ptr_equal(hc_tcp_ops, &hc_tcp_ops_on);
	assert_int_equal(hc_tcp_set_limit(b, 1 << 20), 0);
	assert_int_equal(hc_memcg_remove(a), 0);
	assert_true(hc_static_key_enabled(&hc_tcp_key));
	assert_int_equal(hc_memcg_remove(b), 0);
	assert_false(hc_static_key_enabled(&hc_tcp_key));
	assert_false(hc_tcp_flag);
	assert_ptr_equal(hc_tcp_ops, &hc_tcp_ops_nop);
}

static void test_limit_enforced(void **unused)
{
	for (unsigned int g = 0; g < ARRAY_SIZE(gates); g++) {
		const struct gate_ops *o = &gates[g];
		struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
		struct hc_sock skf;
		int sent = 0, n;

		assert_int_equal(hc_tcp_set_limit(cg, 4 * PAGE), 0);
		hc_task_attach(&task, cg);
		sock_open(&skf, cg);
		while ((n = o->sendmsg(&skf, 1000)) > 0)
			sent += n;
		assert_int_equal(n, -ENOBUFS);
		assert_true(sent <= 4 * PAGE && sent > 3 * PAGE);
		assert_int_equal(hc_tcp_usage_bytes(cg), 4 * PAGE);
		assert_int_equal(hc_tcp_max_usage_bytes(cg), 4 * PAGE);
		assert_int_equal(hc_tcp_failcnt(cg), 1);
		assert_true(cg->tcp_pressure);

		/* Acked data gives the pages back and ends the cgroup's pressure. */
		o->ack(&skf, sent);
		assert_int_equal(hc_tcp_usage_bytes(cg), 0);
		assert_false(cg->tcp_pressure);
		assert_int_equal(hc_atomic_long_read(&hc_tcp_prot.memory_allocated), 0);
		hc_tcp_sock_release(&skf);
		hc_task_attach(&task, hc_root_memcg);
		assert_int_equal(hc_memcg_remove(cg), 0);
	}
}

static void test_global_pressure(void **unused)
{
	const struct gate_ops *o = &gates[0];
	struct hc_sock skf, peer;
	int sndbuf, window;

	hc_tcp_set_mem(2, 4, 8);
	sock_open(&skf, NULL);
	sock_open(&peer, NULL);
	skf.sk_sndbuf = 4 * PAGE;

	/* Below tcp_mem[min], an ack grows the send buffer and data grows the window. */
	assert_int_equal(o->sendmsg(&skf, PAGE), PAGE);
	o->ack(&skf, PAGE);
	assert_int_equal(skf.sk_sndbuf, 8 * PAGE);
	window = peer.rcv_ssthresh;
	assert_int_equal(o->rcv(&peer, 100), 100);
	assert_true(peer.rcv_ssthresh > window);
	o->recvmsg(&peer, 100);

	/* Past tcp_mem[pressure]: pressure; no window growth, no send-buffer expansion. */
	assert_int_equal(o->sendmsg(&skf, 5 * PAGE), 5 * PAGE);
	assert_true(hc_tcp_prot.memory_pressure);
	window = peer.rcv_ssthresh;
	assert_int_equal(o->rcv(&peer, 100), 100);
	assert_int_equal(peer.rcv_ssthresh, window);
	sndbuf = skf.sk_sndbuf;
	o->ack(&skf, PAGE);
	assert_int_equal(skf.sk_sndbuf, sndbuf);

	/* Past tcp_mem[max]: the reservation is refused and incoming data dropped. */
	assert_int_equal(o->rcv(&peer, 5 * PAGE), -ENOBUFS);
	assert_int_equal(peer.drops, 1);

	/* Falling to tcp_mem[min] ends it. */
	o->ack(&skf, 4 * PAGE);
	o->recvmsg(&peer, 1 << 20);
	assert_false(hc_tcp_prot.memory_pressure);
	assert_int_equal(hc_atomic_long_read(&hc_tcp_prot.memory_allocated), 0);
	hc_tcp_sock_release(&skf);
	hc_tcp_sock_release(&peer);
}

static void test_cgroup_pressure(void **unused)
{
	for (unsigned int g = 0; g < ARRAY_SIZE(gates); g++) {
		const struct gate_ops *o = &gates[g];
		struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
		struct hc_sock in, out;
		int window;

		assert_int_equal(hc_tcp_set_limit(cg, 2 * PAGE), 0);
		sock_open(&out, NULL);
		hc_task_attach(&task, cg);
		sock_open(&in, cg);

		assert_int_equal(o->rcv(&in, 2 * PAGE), 2 * PAGE);
		assert_false(cg->tcp_pressure);
		/* Over its limit: the cgroup's socket drops and stops growing its window... */
		window = in.rcv_ssthresh;
		assert_int_equal(o->rcv(&in, 100), -ENOBUFS);
		assert_int_equal(in.drops, 1);
		assert_true(cg->tcp_pressure);
		assert_false(hc_tcp_prot.memory_pressure);
		assert_int_equal(in.rcv_ssthresh, window);

		/* ...while a socket of the root, from a root task, is not under pressure. */
		hc_task_attach(&task, hc_root_memcg);
		window = out.rcv_ssthresh;
		assert_int_equal(o->rcv(&out, 100), 100);
		assert_true(out.rcv_ssthresh > window);
		o->recvmsg(&out, 100);

		hc_task_attach(&task, cg);
		o->recvmsg(&in, 2 * PAGE);
		assert_false(cg->tcp_pressure);
		assert_int_equal(hc_tcp_usage_bytes(cg), 0);
		hc_tcp_sock_release(&in);
		hc_tcp_sock_release(&out);
		hc_task_attach(&task, hc_root_memcg);
		assert_int_equal(hc_memcg_remove(cg), 0);
	}
}

/* TCP buffers are kernel memory: the kmem limit counts when independent, else memory's. */
static void test_kmem_limit(void **unused)
{
	const struct gate_ops *o = &gates[0];
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct hc_sock skf;

	assert_int_equal(hc_tcp_set_limit(cg, 8 * PAGE), 0);
	assert_int_equal(hc_memcg_set_kmem_limit(cg, 2), 0);
	hc_task_attach(&task, cg);
	sock_open(&skf, cg);

	/* Not independent: the kmem limit is ignored. */
	assert_int_equal(o->sendmsg(&skf, 4 * PAGE), 4 * PAGE);
	assert_int_equal(hc_page_counter_read(&cg->kmem), 4);
	assert_int_equal(hc_page_counter_read(&cg->memory), 4);
	o->ack(&skf, 4 * PAGE);
	assert_int_equal(hc_page_counter_read(&cg->memory), 0);

	/* Independent: refused at the kmem limit, under the TCP one; the cgroup is pressed. */
	assert_int_equal(hc_memcg_set_independent_kmem(cg, true), 0);
	assert_int_equal(o->sendmsg(&skf, 2 * PAGE), 2 * PAGE);
	assert_int_equal(o->sendmsg(&skf, PAGE), -ENOBUFS);
	assert_int_equal(cg->kmem.failcnt, 1);
	assert_int_equal(hc_tcp_failcnt(cg), 0);
	assert_int_equal(hc_tcp_usage_bytes(cg), 2 * PAGE);
	assert_true(cg->tcp_pressure);
	o->ack(&skf, 2 * PAGE);
	assert_int_equal(hc_page_counter_read(&cg->kmem), 0);
	assert_int_equal(hc_tcp_usage_bytes(cg), 0);

	hc_tcp_sock_release(&skf);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
}

/* A socket outlives its cgroup: the charge moves to the parent and is returned there. */
static void test_reparent(void **unused)
{
	const struct gate_ops *o = &gates[2];
	struct hc_memcg *parent = hc_memcg_create(hc_root_memcg);
	struct hc_memcg *cg = hc_memcg_create(parent);
	struct hc_sock skf;

	assert_int_equal(hc_tcp_set_limit(parent, 1 << 20), 0);
	assert_int_equal(hc_tcp_set_limit(cg, 1 << 20), 0);
	sock_open(&skf, cg);
	assert_int_equal(o->sendmsg(&skf, 3 * PAGE), 3 * PAGE);
	assert_int_equal(hc_tcp_usage_bytes(cg), 3 * PAGE);
	assert_int_equal(hc_memcg_remove(cg), 0);
	assert_int_equal(hc_tcp_usage_bytes(parent), 3 * PAGE);
	assert_int_equal(hc_memcg_local_usage(parent, offsetof(struct hc_memcg, tcpmem)), 3);
	o->ack(&skf, 3 * PAGE);
	assert_int_equal(hc_tcp_usage_bytes(parent), 0);
	hc_tcp_sock_release(&skf);
	assert_int_equal(hc_memcg_remove(parent), 0);
	assert_false(hc_static_key_enabled(&hc_tcp_key));
}

/* Same traffic, same socket state, whichever gate and whether or not accounting is on. */
static void test_gates_agree(void **unused)
{
	struct hc_memcg *cg = hc_memcg_create(hc_root_memcg);
	struct hc_sock ref, skf;

	sock_open(&ref, NULL);
	for (int i = 1; i < 40; i++) {
		hc_tcp_sendmsg_off(&ref, i * 97);
		hc_tcp_rcv_off(&ref, i * 89);
	}
	hc_tcp_set_limit(cg, 1 << 30);
	hc_task_attach(&task, cg);
	for (unsigned int g = 0; g < ARRAY_SIZE(gates); g++) {
		sock_open(&skf, cg);
		assert_ptr_equal(skf.sk_memcg, cg);
		for (int i = 1; i < 40; i++) {
			gates[g].sendmsg(&skf, i * 97);
			gates[g].rcv(&skf, i * 89);
		}
		ref.sk_memcg = cg;
		assert_memory_equal(&skf, &ref, sizeof(ref));
		ref.sk_memcg = NULL;
		assert_int_equal(hc_tcp_usage_bytes(cg),
				 skf.sk_forward_alloc + skf.sk_wmem_queued +
				 skf.sk_rmem_alloc);
		hc_tcp_sock_release(&skf);
		assert_int_equal(hc_tcp_usage_bytes(cg), 0);
	}
	hc_tcp_sock_release(&ref);
	hc_task_attach(&task, hc_root_memcg);
	assert_int_equal(hc_memcg_remove(cg), 0);
	assert_int_equal(hc_atomic_long_read(&hc_tcp_prot.memory_allocated), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(test_gate_follows_limits, test_setup),
		cmocka_unit_test_setup(test_limit_enforced, test_setup),
		cmocka_unit_test_setup(test_global_pressure, test_setup),
		cmocka_unit_test_setup(test_cgroup_pressure, test_setup),
		cmocka_unit_test_setup(test_kmem_limit, test_setup),
		cmocka_unit_test_setup(test_reparent, test_setup),
		cmocka_unit_test_setup(test_gates_agree, test_setup),
	};

	return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
