// SPDX-License-Identifier: GPL-2.0
/*
 * What the models (kernel-module/models/) need from user space that the kernel has of its
 * own: the calling thread's CPU slot, RCU reader registration and the deferred-work thread
 * declared in <hookcost/compat.h>. The models themselves are compiled into the harness from
 * kernel-module/models/, the same files hookcost.ko is built from.
 */
#include <hookcost/compat.h>


__thread unsigned int hc_cpu_slot;
static __thread bool hc_rcu_registered;

void hc_rcu_thread_online(void)
{
	if (hc_rcu_registered)
		return;
	urcu_memb_register_thread();
	hc_rcu_registered = true;
}

void hc_rcu_thread_offline(void)
{
	if (!hc_rcu_registered)
		return;
	urcu_memb_unregister_thread();
	hc_rcu_registered = false;
}

static pthread_mutex_t hc_work_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t hc_work_cond = PTHREAD_COND_INITIALIZER;
static struct hc_work *hc_work_head, **hc_work_tail = &hc_work_head;
static pthread_t hc_work_thread;
static bool hc_work_started, hc_work_stop;

static void *hc_work_main(void *arg)
{
	hc_rcu_thread_online();
	pthread_mutex_lock(&hc_work_lock);
	for (;;) {
		struct hc_work *w = hc_work_head;

		if (!w) {
			if (hc_work_stop)
				break;
			pthread_cond_wait(&hc_work_cond, &hc_work_lock);
			continue;
		}
		hc_work_head = w->next;
		if (!hc_work_head)
			hc_work_tail = &hc_work_head;
		w->pending = false;
		w->running = true;
		pthread_mutex_unlock(&hc_work_lock);
		w->fn(w);
		pthread_mutex_lock(&hc_work_lock);
		w->running = false;
		pthread_cond_broadcast(&hc_work_cond);
	}
	pthread_mutex_unlock(&hc_work_lock);
	hc_rcu_thread_offline();
	return NULL;
}

bool hc_schedule_work(struct hc_work *w)
{
	bool queued = false;

	pthread_mutex_lock(&hc_work_lock);
	if (!hc_work_started) {
		hc_work_stop = false;
		if (pthread_create(&hc_work_thread, NULL, hc_work_main, NULL))
			goto out;
		hc_work_started = true;
	}
	if (!w->pending) {
		w->pending = true;
		w->next = NULL;
		*hc_work_tail = w;
		hc_work_tail = &w->next;
		queued = true;
		pthread_cond_broadcast(&hc_work_cond);
	}
out:
	pthread_mutex_unlock(&hc_work_lock);
	return queued;
}

void hc_flush_work(struct hc_work *w)
{
	pthread_mutex_lock(&hc_work_lock);
	while (w->pending || w->running)
		pthread_cond_wait(&hc_work_cond, &hc_work_lock);
	pthread_mutex_unlock(&hc_work_lock);
}

void hc_work_shutdown(void)
{
	pthread_mutex_lock(&hc_work_lock);
	if (!hc_work_started) {
		pthread_mutex_unlock(&hc_work_lock);
		return;
	}
	hc_work_stop = true;
	pthread_cond_broadcast(&hc_work_cond);
	pthread_mutex_unlock(&hc_work_lock);
	pthread_join(hc_work_thread, NULL);
	hc_work_started = false;
}

