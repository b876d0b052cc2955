// SPDX-License-Identifier: GPL-2.0
/*
 * The TCP memory accounting model (declared in <hookcost/tcp_mem.h>): the out-of-line charge
 * and uncharge, the indirect gate's hooks, sockets, limits. Compiled into hookcost.ko and the
 * harness.
 */
#include <hookcost/tcp_mem.h>

struct hc_tcp_prot hc_tcp_prot;

/*
 * The charge of an accounted socket's cgroup (6.1: mem_cgroup_charge_skmem(), v1 branch:
 * page_counter_try_charge() of tcpmem). The counter is that of the nearest live cgroup; the
 * RCU section keeps removal from zeroing it meanwhile.
 */
bool hc_tcp_charge(struct hc_memcg *memcg, long pages)
{
	struct hc_page_counter *fail;
	bool ok = false;

	hc_rcu_read_lock();
	memcg = hc_memcg_live(memcg);
	if (!hc_page_counter_try_charge(&memcg->tcpmem, pages, &fail)) {
		WRITE_ONCE(container_of(fail, struct hc_memcg, tcpmem)->tcp_pressure, true);
		goto out;
	}
	/* Socket buffers are kernel memory too, within the kmem or the memory limit. */
	if (!hc_memcg_charge_kmem(memcg, pages)) {
		hc_page_counter_uncharge(&memcg->tcpmem, pages);
		WRITE_ONCE(memcg->tcp_pressure, true);
		goto out;
	}
	if (unlikely(hc_page_counter_read(&memcg->tcpmem) > memcg->tcp_prot_mem[1] &&
		     !READ_ONCE(memcg->tcp_pressure)))
		WRITE_ONCE(memcg->tcp_pressure, true);
	ok = true;
out:
	hc_rcu_read_unlock();
	return ok;
}

bool hc_tcp_uncharge(struct hc_memcg *memcg, long pages)
{
	hc_rcu_read_lock();
	memcg = hc_memcg_live(memcg);
	hc_memcg_uncharge_kmem(memcg, pages);
	hc_page_counter_uncharge(&memcg->tcpmem, pages);
	if (unlikely(READ_ONCE(memcg->tcp_pressure) &&
		     hc_page_counter_read(&memcg->tcpmem) <= memcg->tcp_prot_mem[0]))
		WRITE_ONCE(memcg->tcp_pressure, false);
	hc_rcu_read_unlock();
	return true;
}

/* The indirect gate's hooks: the sk_memcg test the other gates make inline. */
static bool hc_tcp_ind_pressure(const struct hc_memcg *memcg)
{
	return memcg && hc_tcp_pressure(memcg);
}

static bool hc_tcp_ind_charge(struct hc_memcg *memcg, long pages)
{
	return !memcg || hc_tcp_charge(memcg, pages);
}

static bool hc_tcp_ind_uncharge(struct hc_memcg *memcg, long pages)
{
	return !memcg || hc_tcp_uncharge(memcg, pages);
}

static bool hc_tcp_nop_pressure(const struct hc_memcg *memcg)
{
	return false;
}

static bool hc_tcp_nop_charge(struct hc_memcg *memcg, long pages)
{
	return true;
}

const struct hc_tcp_hook_ops hc_tcp_ops_nop = {
	.pressure = hc_tcp_nop_pressure,
	.charge = hc_tcp_nop_charge,
	.uncharge = hc_tcp_nop_charge,
};

const struct hc_tcp_hook_ops hc_tcp_ops_on = {
	.pressure = hc_tcp_ind_pressure,
	.charge = hc_tcp_ind_charge,
	.uncharge = hc_tcp_ind_uncharge,
};

HC_GATE_DEFINE(hc_tcp, struct hc_tcp_hook_ops);

HC_GATE_INSTANCES_NO_FIELD(int, hc_tcp_sendmsg, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES_NO_FIELD(int, hc_tcp_ack, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES_NO_FIELD(int, hc_tcp_rcv, (struct hc_sock *sk, int size), (sk, size))
HC_GATE_INSTANCES_NO_FIELD(int, hc_tcp_recvmsg, (struct hc_sock *sk, int size), (sk, size))

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

void hc_tcp_sock_init(struct hc_sock *sk, struct hc_memcg *memcg)
{
	*sk = (struct hc_sock){
		.sk_sndbuf = hc_tcp_prot.wmem[1],
		.sk_rcvbuf = hc_tcp_prot.rmem[1],
		.rcv_ssthresh = 4 * 1460,
		.window_clamp = hc_tcp_prot.rmem[1] / 2,
	};
	if (!memcg || hc_memcg_is_root(memcg) || !hc_static_key_enabled(&hc_tcp_key))
		return;
	hc_mutex_lock(&hc_memcg_mutex);
	if (READ_ONCE(memcg->tcp_active)) {
		hc_memcg_get(memcg);
		sk->sk_memcg = memcg;
	}
	hc_mutex_unlock(&hc_memcg_mutex);
}

/* Whatever is still reserved goes back, to the cgroup it was charged to. */
void hc_tcp_sock_release(struct hc_sock *sk)
{
	int reserved = sk->sk_forward_alloc + sk->sk_wmem_queued + sk->sk_rmem_alloc;
	long pages = reserved >> HC_PAGE_SHIFT;

	sk->sk_forward_alloc = 0;
	sk->sk_wmem_queued = 0;
	sk->sk_rmem_alloc = 0;
	if (pages)
		hc_atomic_long_sub_return(pages, &hc_tcp_prot.memory_allocated);
	if (!sk->sk_memcg)
		return;
	if (pages)
		hc_tcp_uncharge(sk->sk_memcg, pages);
	hc_memcg_put(sk->sk_memcg);
	sk->sk_memcg = NULL;
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

