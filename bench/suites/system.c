// SPDX-License-Identifier: GPL-2.0
/*
 * The system suite: the running kernel through system calls, in the memcg configurations the
 * kernel can reach by cgroup state (DESIGN.md, "The three suites"):
 *   off        the kernel has no memory controller (CONFIG_MEMCG=n, as in the VM matrix);
 *   unused     no cgroup holds memcg_sockets_enabled_key on; the thread is in the root memcg;
 *   bystander  hookcost's cgroup has a TCP limit (v1) or merely exists (v2), which turns the
 *              key on; the thread stays in the root memcg, so nothing of it is accounted;
 *   active     the thread is in that cgroup: its sockets and kernel memory are charged.
 * Without root only the configuration the kernel is already in can be measured, in place.
 * With --on-cmd/--off-cmd the user's commands switch between unused and active instead.
 *
 * The kernel state is global, so one context serves every variant and each sample's enter()
 * puts the kernel into the variant's configuration. Sockets are created by enter() after the
 * switch and closed by leave(): the kernel binds a socket to its creator's memcg once, at
 * creation (mem_cgroup_sk_alloc()), so a socket made in the root memcg stays unaccounted after
 * the thread moves, and one made in hookcost's cgroup pins it (and the key) until closed.
 *
 * This file holds the switching and the setup/enter/leave/teardown every case shares; the
 * cases are in system_ipc.c (sockets, pipes) and system_tmpfs.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/case.h"
#include "core/cgroup.h"
#include "base/error.h"
#include "core/subprocess.h"
#include "suites/system.h"
#include "suites/system_case.h"

/* Far above what one connection queues: `active` measures accounting, never pressure. */
#define SYS_TCP_LIMIT	(1ull << 30)
/*
 * Creating or freeing a cgroup leaves kernel work behind (workqueues, RCU callbacks) that
 * would otherwise run inside the next sample and be counted by time-based backends.
 */
#define SYS_SETTLE_NS	10000000

/* The one switchable kernel state, shared by all variants of the suite. */
static struct {
	unsigned int users;		/* variants set up */
	bool used;			/* the suite ran: hc_system_context() reports */
	struct hc_cg_env env;
	struct hc_cg_keys before, after;	/* around the current use; after: the last */
	struct hc_cg_keys initial;	/* before the first use, for the context */
	enum hc_config native;		/* the configuration the kernel is in by itself */
	bool switching;			/* hookcost may create cgroups and move the thread */
	struct hc_cgroup cg;		/* slot < 0: does not exist */
	unsigned int dying;		/* dying memcgs before cg was created */
	unsigned int swept;		/* stale cgroups removed, over the run */
	unsigned int unconfirmed;	/* removals whose freeing was not seen in time */
	int lock_fd;			/* hc_cg_lock() while switching */
	/* --on-cmd/--off-cmd */
	const char *on_cmd, *off_cmd;
	enum hc_config cmd_state;	/* what the commands last set; NONE: not run yet */
} sys = { .cg.slot = -1, .lock_fd = -1 };

int hc_system_set_switch_cmds(const char *on, const char *off)
{
	if (!on != !off)
		return hc_usage_err("--on-cmd and --off-cmd go together");
	sys.on_cmd = on;
	sys.off_cmd = off;
	return 0;
}

json_t *hc_system_context(void)
{
	json_t *o;

	if (!sys.used)
		return NULL;
	if (sys.on_cmd)
		return json_pack("{s:s, s:s, s:s}", "switch", "commands", "on_cmd", sys.on_cmd,
				 "off_cmd", sys.off_cmd);
	o = json_pack("{s:s, s:s, s:o, s:o, s:i, s:i}",
		      "switch", sys.switching ? "cgroups" : "none (in place)",
		      "native", hc_config_names[sys.native],
		      "keys_before", hc_cg_keys_json(&sys.env, &sys.initial),
		      "keys_after", hc_cg_keys_json(&sys.env, &sys.after),
		      "stale_cgroups_removed", (int)sys.swept,
		      "frees_not_confirmed", (int)sys.unconfirmed);
	if (sys.switching)
		json_object_set_new(o, "cgroup_mount", json_string(sys.env.mount));
	return o;
}

static int run_cmd(const char *opt, const char *cmd)
{
	char *argv[] = { "/bin/sh", "-c", (char *)cmd, NULL };
	int st = hc_spawn(argv);

	if (st > 0)
		return hc_err("%s '%s' failed (status %d)", opt, cmd, st);
	return st;
}

static enum hc_config native_config(void)
{
	if (!sys.env.compiled)
		return HC_CONFIG_OFF;
	if (sys.before.self_tcp)
		return HC_CONFIG_ACTIVE;
	return sys.before.sockets == HC_KEY_ON ? HC_CONFIG_BYSTANDER : HC_CONFIG_UNUSED;
}

static int ctx_get(void)
{
	char desc[PATH_MAX + 512];
	unsigned int swept;

	if (sys.users++)
		return 0;
	sys.cmd_state = HC_CONFIG_NONE;
	hc_cg_probe(&sys.env);
	sys.switching = sys.env.version != HC_CG_NONE && sys.env.can_write && !sys.on_cmd;
	if (sys.switching) {
		sys.lock_fd = hc_cg_lock();
		if (sys.lock_fd < 0)
			goto fail;
	}
	if (hc_cg_sweep(&sys.env, &swept) || hc_cg_keys(&sys.env, &sys.before))
		goto fail;
	if (swept)
		hc_warn("removed %u hookcost cgroups left by runs that were killed", swept);
	sys.swept += swept;
	sys.native = native_config();
	if (sys.used)
		return 0;
	sys.used = true;
	sys.initial = sys.before;
	hc_cg_keys_describe(&sys.env, &sys.before, desc, sizeof(desc));
	if (sys.before.nr_dying && sys.switching)
		hc_warn("system suite: %s", desc);
	return 0;
fail:
	if (sys.lock_fd >= 0)
		close(sys.lock_fd);
	sys.lock_fd = -1;
	sys.users--;
	return -1;
}

/* Removes hookcost's cgroup and waits until the kernel has freed it (and dropped its key). */
static int cg_remove(void)
{
	if (sys.cg.slot < 0)
		return 0;
	if (hc_cg_move_self(&sys.env, sys.env.mount) || hc_cg_remove(&sys.cg))
		return -1;
	/*
	 * Other processes' cgroups dying at the same time blur the count this waits on, so a
	 * timeout is reported rather than fatal.
	 */
	if (hc_cg_wait_freed(&sys.env, sys.dying, HC_CG_FREE_MS)) {
		if (!sys.unconfirmed++)
			hc_warn("%s; 'unused' samples may have run with the key on", hc_err_msg());
		hc_err_clear();
	}
	return 0;
}

/* Nobody else may turn the key on while hookcost measures 'unused'. */
static int check_unused(void)
{
	struct hc_cg_keys k;

	if (hc_cg_keys(&sys.env, &k))
		return -1;
	if (sys.env.version == HC_CG_V1 && k.nr_tcp)
		return hc_err("the socket key was turned on during the run: %s has TCP "
			      "accounting now", k.tcp_user);
	if (sys.env.version == HC_CG_V2 && !sys.env.nosocket && k.nr_memcgs > k.nr_ours)
		return hc_err("the socket key was turned on during the run: %u memory cgroups "
			      "were created", k.nr_memcgs - k.nr_ours);
	return 0;
}

static int cg_ensure(void)
{
	struct hc_cg_keys k;

	if (sys.cg.slot >= 0)
		return 0;
	if (hc_cg_keys(&sys.env, &k))
		return -1;
	sys.dying = k.nr_dying;
	if (hc_cg_create(&sys.env, "sys", &sys.cg))
		return -1;
	if (sys.env.version == HC_CG_V1 && hc_cg_set_tcp_limit(&sys.cg, SYS_TCP_LIMIT))
		return -1;
	return 0;
}

static void ctx_put(void)
{
	char a[PATH_MAX + 512], b[PATH_MAX + 512];

	if (--sys.users)
		return;
	if (sys.on_cmd && sys.cmd_state == HC_CONFIG_ACTIVE &&
	    run_cmd("--off-cmd", sys.off_cmd))
		hc_warn("%s", hc_err_msg());
	if (!sys.switching) {
		if (hc_cg_keys(&sys.env, &sys.after))
			hc_err_clear();
		return;
	}
	if (cg_remove() || hc_cg_move_self(&sys.env, sys.env.home) ||
	    hc_cg_keys(&sys.env, &sys.after)) {
		hc_warn("system suite cleanup: %s", hc_err_msg());
		hc_err_clear();
		hc_cg_cleanup();
	} else if (sys.after.sockets != sys.before.sockets ||
		   sys.after.nr_tcp != sys.before.nr_tcp || sys.after.nr_ours) {
		hc_cg_keys_describe(&sys.env, &sys.before, b, sizeof(b));
		hc_cg_keys_describe(&sys.env, &sys.after, a, sizeof(a));
		hc_warn("the memcg key state is not back where it was: before: %s; after: %s",
			b, a);
	}
	close(sys.lock_fd);
	sys.lock_fd = -1;
}

/* Why config cannot be reached here, or NULL. */
static const char *unreachable(enum hc_config config, char *why, size_t len)
{
	const struct hc_cg_env *env = &sys.env;

	if (config == HC_CONFIG_OFF)
		return env->compiled ? "needs a kernel built without CONFIG_MEMCG (hookcost vm "
				       "--matrix memcg boots one)" : NULL;
	if (!env->compiled)
		return "the kernel has no memory controller (CONFIG_MEMCG is not set)";
	if (sys.on_cmd)
		return config == HC_CONFIG_BYSTANDER ?
		       "--on-cmd/--off-cmd switch between unused and active only" : NULL;
	if (!sys.switching) {
		if (config == sys.native)
			return NULL;
		snprintf(why, len, "the kernel is '%s' and hookcost cannot switch it: %s",
			 hc_config_names[sys.native], env->version == HC_CG_NONE ? env->why :
			 "creating cgroups and moving tasks needs root");
		return why;
	}
	if (env->version == HC_CG_V2 && env->nosocket && config != HC_CONFIG_UNUSED)
		return "cgroup.memory=nosocket: the kernel never accounts sockets";
	if (config != HC_CONFIG_UNUSED)
		return NULL;
	if (env->version == HC_CG_V1 && sys.before.nr_tcp) {
		snprintf(why, len, "the socket key is held on by %s (it has TCP accounting)",
			 sys.before.tcp_user);
		return why;
	}
	if (env->version == HC_CG_V2 && !env->nosocket &&
	    (sys.before.nr_memcgs || sys.before.nr_dying)) {
		snprintf(why, len, "cgroup v2: %u other memory cgroups (%u dying) hold the socket "
			 "key on", sys.before.nr_memcgs, sys.before.nr_dying);
		return why;
	}
	return NULL;
}

static int sys_switch(enum hc_config config)
{
	const struct timespec settle = { .tv_nsec = SYS_SETTLE_NS };
	bool existed;

	if (sys.on_cmd) {
		if (config == sys.cmd_state)
			return 0;
		if (run_cmd(config == HC_CONFIG_ACTIVE ? "--on-cmd" : "--off-cmd",
			    config == HC_CONFIG_ACTIVE ? sys.on_cmd : sys.off_cmd))
			return -1;
		sys.cmd_state = config;
		return 0;
	}
	if (!sys.switching)
		return 0;
	existed = sys.cg.slot >= 0;
	if (config == HC_CONFIG_UNUSED) {
		if (cg_remove() || check_unused())
			return -1;
	} else if (cg_ensure()) {
		return -1;
	}
	if (existed != (sys.cg.slot >= 0))
		nanosleep(&settle, NULL);
	return hc_cg_move_self(&sys.env, config == HC_CONFIG_ACTIVE ? sys.cg.path :
				sys.env.mount);
}

void hc_sys_teardown(void *state)
{
	struct sys_var *s = state;

	if (s->dir[0])
		rmdir(s->dir);
	free(s->buf);
	free(s->rbuf);
	free(s);
	ctx_put();
}

int hc_sys_setup(const struct hc_variant *v, void **state, const struct sys_ops *ops)
{
	struct sys_var *s;
	char why[PATH_MAX + 160];
	const char *no;

	if (ctx_get())
		return -1;
	s = calloc(1, sizeof(*s));
	if (!s) {
		ctx_put();
		return hc_err("out of memory");
	}
	s->c = v->c;
	s->ops = ops;
	s->config = v->config;
	s->fd[0] = s->fd[1] = -1;
	s->size = hc_variant_param(v, "size", 0);
	no = unreachable(v->config, why, sizeof(why));
	if (no) {
		hc_sys_teardown(s);
		hc_err("%s", no);
		return -ENOTSUP;
	}
	if (s->size) {
		/* Touched now, outside hookcost's cgroup, so samples fault in no pages. */
		s->buf = malloc(s->size);
		s->rbuf = malloc(s->size);
		if (!s->buf || !s->rbuf) {
			hc_sys_teardown(s);
			return hc_err("out of memory");
		}
		memset(s->buf, 'h', s->size);
		memset(s->rbuf, 0, s->size);
	}
	if (ops->prepare && ops->prepare(s)) {
		hc_sys_teardown(s);
		return -ENOTSUP;
	}
	*state = s;
	return 0;
}

int hc_sys_enter(void *state)
{
	struct sys_var *s = state;

	if (s->err)
		return hc_err("%s: %s", s->c->name, strerror(s->err));
	if (sys_switch(s->config))
		return -1;
	return s->ops->open ? s->ops->open(s) : 0;
}

void hc_sys_leave(void *state)
{
	struct sys_var *s = state;

	if (s->ops->close)
		s->ops->close(s);
	/* Out of hookcost's cgroup between samples, so the runner's own pages are not charged. */
	if (s->config == HC_CONFIG_ACTIVE && sys.switching &&
	    hc_cg_move_self(&sys.env, sys.env.mount)) {
		hc_warn("%s", hc_err_msg());
		hc_err_clear();
	}
}

