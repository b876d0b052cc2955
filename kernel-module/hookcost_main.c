// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost.ko: runs fast paths in kernel context with real static keys and times them with
 * the TSC, driven through debugfs by the hookcost harness (ABI in <hookcost/abi.h>).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cgroup.h>
#include <linux/debugfs.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/irqflags.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/sched.h>
#include <linux/sched/signal.h>
#include <linux/seq_file.h>
#include <linux/smp.h>
#include <linux/timex.h>
#include <linux/uaccess.h>

#include "hookcost.h"

static bool selftest;
module_param(selftest, bool, 0444);
MODULE_PARM_DESC(selftest, "run the KTAP self test at load; a failure fails the load");

static const struct hc_kcase *const hc_kcases[] = {
	&hc_kcase_empty,
	&hc_kcase_nop1,
	&hc_kcase_key_hook,
	&hc_kcase_key_toggle,
	&hc_kcase_key_inc,
	&hc_kcase_slab_cache,
	&hc_kcase_kmalloc,
	&hc_kcase_slab_cache_unacct,
	&hc_kcase_kmalloc_unacct,
	&hc_kcase_gate_hook,
	&hc_kcase_memcg_charge,
	&hc_kcase_tcp_sendmsg,
	&hc_kcase_tcp_rcv,
	&hc_kcase_slab_optin,
	&hc_kcase_slab_optout,
};

/*
 * One request at a time, and while a file has a case open no other request but that file's:
 * the keys, the cases' state and the result buffers are global.
 */
static DEFINE_MUTEX(hc_lock);
static struct hc_kres hc_work;
static struct hc_kres hc_last;
static u64 hc_seq;
static struct dentry *hc_dir;

static struct {
	const void *owner;	/* NULL: no case open */
	const struct hc_kcase *c;
	struct hc_kreq req;
	struct hc_krun run;
} hc_open;

const struct hc_kcase *hc_kcase_get(u32 id)
{
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(hc_kcases); i++)
		if (hc_kcases[i]->id == id)
			return hc_kcases[i];
	return NULL;
}

static inline u64 hc_tsc(void)
{
#ifdef CONFIG_X86
	return rdtsc_ordered();
#else
	return get_cycles();
#endif
}

static bool hc_in_child_memcg(void)
{
#ifdef CONFIG_MEMCG
	struct cgroup_subsys_state *css = task_get_css(current, memory_cgrp_id);
	bool child = css->parent;

	css_put(css);
	return child;
#else
	return false;
#endif
}

static const struct hc_kcase *hc_validate(const struct hc_kreq *req)
{
	bool timed = req->op == HC_KREQ_RUN || req->op == HC_KREQ_SAMPLE;
	const struct hc_kcase_decl *d;
	const struct hc_kcase *c;

	if (req->magic != HC_KABI_MAGIC || req->version != HC_KABI_VERSION ||
	    req->op >= HC_KREQ__NR || req->reserved32 || req->reserved)
		return ERR_PTR(-EINVAL);
	c = hc_kcase_get(req->case_id);
	if (!c)
		return ERR_PTR(-EINVAL);
	d = &hc_kcase_decls[c->id];
	if (req->gate >= HC_GATE__NR || !(d->gates & HC_GATE_BIT(req->gate)) ||
	    req->config >= HC_CONFIG__NR || !(d->configs & HC_CONFIG_BIT(req->config)))
		return ERR_PTR(-EINVAL);
	if (timed && (!req->samples || req->samples > HC_KREQ_MAX_SAMPLES ||
		      req->iters > c->max_iters))
		return ERR_PTR(-EINVAL);
	if (!timed && (req->samples || req->iters))
		return ERR_PTR(-EINVAL);
	if (d->param ? req->param < d->min || req->param > d->max : req->param)
		return ERR_PTR(-EINVAL);
	return c;
}

/* Does req name the open case? Only its opener may sample or close it. */
static bool hc_is_open(const struct hc_kreq *req, const void *owner)
{
	return hc_open.owner == owner && req->case_id == hc_open.req.case_id &&
	       req->gate == hc_open.req.gate && req->config == hc_open.req.config &&
	       req->param == hc_open.req.param;
}

static int hc_prepare(const struct hc_kcase *c, const struct hc_kreq *req, struct hc_krun *run)
{
	*run = (struct hc_krun){ .gate = req->gate, .config = req->config, .param = req->param };
	return c->prepare ? c->prepare(run) : 0;
}

/* finish runs even after a failed prepare, so it undoes what prepare got done. */
static void hc_finish(const struct hc_kcase *c, struct hc_krun *run)
{
	if (c->finish)
		c->finish(run);
	hc_keys_reset();
	hc_models_reset();
}

/*
 * A sample of a case that cannot sleep runs with interrupts off, so under qemu -icount its
 * count is exactly the instructions of the loop; one that may sleep runs preemptible.
 */
static int hc_samples(const struct hc_kcase *c, struct hc_krun *run, const struct hc_kreq *req,
		      struct hc_kres *res)
{
	unsigned long flags;
	unsigned int s;
	u64 t0, t1;
	int err = 0;

	memset(res, 0, sizeof(*res));
	res->magic = HC_KABI_MAGIC;
	res->version = HC_KABI_VERSION;
	res->case_id = req->case_id;
	res->gate = req->gate;
	res->config = req->config;
	res->samples = req->samples;
	res->iters = req->iters;
	res->param = req->param;
	if (hc_in_child_memcg())
		res->flags |= HC_KRES_MEMCG_CHILD;
	if (!(c->flags & HC_KCASE_SLEEPS))
		res->flags |= HC_KRES_IRQS_OFF;
	res->cpu = raw_smp_processor_id();
	for (s = 0; !err && s < req->samples; s++) {
		if (c->flags & HC_KCASE_SLEEPS) {
			t0 = hc_tsc();
			res->check += c->run(run, req->iters);
			t1 = hc_tsc();
		} else {
			local_irq_save(flags);
			t0 = hc_tsc();
			res->check += c->run(run, req->iters);
			t1 = hc_tsc();
			local_irq_restore(flags);
		}
		res->tsc[s] = t1 - t0;
		err = run->err;
		if (!err && signal_pending(current))
			err = -EINTR;
		cond_resched();
	}
	if (!err) {
		res->seq = ++hc_seq;
		hc_last = *res;
	}
	return err;
}

static int hc_request_locked(const struct hc_kcase *c, const struct hc_kreq *req,
			     const void *owner, struct hc_kres *res)
{
	struct hc_krun run;
	int err;

	if (req->op != HC_KREQ_RUN && req->op != HC_KREQ_OPEN && !hc_is_open(req, owner))
		return hc_open.owner && hc_open.owner != owner ? -EBUSY : -EINVAL;
	if ((req->op == HC_KREQ_RUN || req->op == HC_KREQ_OPEN) && hc_open.owner)
		return -EBUSY;

	switch (req->op) {
	case HC_KREQ_RUN:
		err = hc_prepare(c, req, &run);
		if (!err)
			err = hc_samples(c, &run, req, res);
		hc_finish(c, &run);
		return err;
	case HC_KREQ_OPEN:
		err = hc_prepare(c, req, &hc_open.run);
		if (err) {
			hc_finish(c, &hc_open.run);
			return err;
		}
		hc_open.owner = owner;
		hc_open.c = c;
		hc_open.req = *req;
		return 0;
	case HC_KREQ_SAMPLE:
		return hc_samples(c, &hc_open.run, req, res);
	default:
		hc_finish(c, &hc_open.run);
		hc_open.owner = NULL;
		return 0;
	}
}

int hc_krun_request(const struct hc_kreq *req, const void *owner, struct hc_kres *res)
{
	const struct hc_kcase *c = hc_validate(req);
	int err;

	if (IS_ERR(c))
		return PTR_ERR(c);
	if (!mutex_trylock(&hc_lock))
		return -EBUSY;
	err = hc_request_locked(c, req, owner, &hc_work);
	if (!err && res)
		*res = hc_work;
	mutex_unlock(&hc_lock);
	return err;
}

static ssize_t hc_request_write(struct file *file, const char __user *buf, size_t len,
				loff_t *ppos)
{
	struct hc_kreq req;
	int err;

	/* The position never moves, so a harness can write request after request on one fd. */
	if (*ppos || len != sizeof(req))
		return -EINVAL;
	if (copy_from_user(&req, buf, sizeof(req)))
		return -EFAULT;
	err = hc_krun_request(&req, file, NULL);
	return err ? err : len;
}

/* A harness that dies with a case open must not leave its keys enabled. */
static int hc_request_release(struct inode *inode, struct file *file)
{
	mutex_lock(&hc_lock);
	if (hc_open.owner == file) {
		hc_finish(hc_open.c, &hc_open.run);
		hc_open.owner = NULL;
	}
	mutex_unlock(&hc_lock);
	return 0;
}

static ssize_t hc_result_read(struct file *file, char __user *buf, size_t len, loff_t *ppos)
{
	ssize_t ret;

	if (!mutex_trylock(&hc_lock))
		return -EBUSY;
	if (hc_last.seq)
		ret = simple_read_from_buffer(buf, len, ppos, &hc_last, sizeof(hc_last));
	else
		ret = -ENODATA;
	mutex_unlock(&hc_lock);
	return ret;
}

/* "NAME,NAME,..." of a name table, as the cases file's first line gives it. */
static void hc_show_names(struct seq_file *m, const char *what, const char *const *names,
			  unsigned int nr)
{
	unsigned int i;

	seq_printf(m, " %s ", what);
	for (i = 0; i < nr; i++)
		seq_printf(m, "%s%s", i ? "," : "", names[i]);
}

static int hc_cases_show(struct seq_file *m, void *v)
{
	unsigned int i;

	seq_printf(m, "%s %u", HC_CASES_MAGIC, HC_KABI_VERSION);
	hc_show_names(m, "gates", hc_gate_names, HC_GATE__NR);
	hc_show_names(m, "configs", hc_config_names, HC_CONFIG__NR);
	seq_putc(m, '\n');
	for (i = 0; i < ARRAY_SIZE(hc_kcases); i++) {
		const struct hc_kcase *c = hc_kcases[i];
		const struct hc_kcase_decl *d = &hc_kcase_decls[c->id];

		seq_printf(m, "%u %s %#x %#x %llu %s %llu %llu %#x\n", c->id, d->name, d->gates,
			   d->configs, c->max_iters, d->param ? d->param : "-", d->min, d->max,
			   c->flags & HC_KCASE_SLEEPS ? 0 : HC_KRES_IRQS_OFF);
	}
	return 0;
}
DEFINE_SHOW_ATTRIBUTE(hc_cases);

static const struct file_operations hc_request_fops = {
	.owner = THIS_MODULE,
	.open = nonseekable_open,
	.write = hc_request_write,
	.release = hc_request_release,
	.llseek = no_llseek,
};

static const struct file_operations hc_result_fops = {
	.owner = THIS_MODULE,
	.read = hc_result_read,
	.llseek = default_llseek,
};

static int __init hc_init(void)
{
	int failed;

	BUILD_BUG_ON(ARRAY_SIZE(hc_kcases) != HC_KCASE__NR - 1);
	if (selftest) {
		failed = hc_selftest();
		hc_keys_reset();
		hc_models_reset();
		if (failed) {
			hc_models_exit();
			return -EINVAL;
		}
	}
	hc_dir = debugfs_create_dir(HC_DEBUGFS_DIR, NULL);
	debugfs_create_file(HC_DEBUGFS_CASES, 0444, hc_dir, NULL, &hc_cases_fops);
	debugfs_create_file(HC_DEBUGFS_REQUEST, 0200, hc_dir, NULL, &hc_request_fops);
	debugfs_create_file(HC_DEBUGFS_RESULT, 0400, hc_dir, NULL, &hc_result_fops);
	return 0;
}

static void __exit hc_exit(void)
{
	/* Removing the files waits for running handlers, so no run outlives this. */
	debugfs_remove_recursive(hc_dir);
	hc_keys_reset();
	hc_models_reset();
	hc_models_exit();
}

module_init(hc_init);
module_exit(hc_exit);
MODULE_DESCRIPTION("hookcost: static key and kernel fast path overhead microbenchmarks");
MODULE_LICENSE("GPL");
