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
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <time.h>
#include <unistd.h>

#include <linux/magic.h>

#include "core/case.h"
#include "core/cgroup.h"
#include "core/error.h"
#include "core/subprocess.h"
#include "suites/system.h"

#define SYS_CONFIGS	(HC_CONFIGS_ALL)
#define SYS_FLAGS	(HC_CASE_KERNEL | HC_CASE_NO_BASELINE)
/* Far above what one connection queues: `active` measures accounting, never pressure. */
#define SYS_TCP_LIMIT	(1ull << 30)
#define SYS_SHM		"/dev/shm"
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

struct sys_var;

/* What differs between the cases besides run(): resources made once, and per sample. */
struct sys_ops {
	int (*prepare)(struct sys_var *s);	/* in setup */
	int (*open)(struct sys_var *s);		/* in enter, after the switch (see top) */
	void (*close)(struct sys_var *s);	/* in leave */
};

struct sys_var {
	const struct hc_case *c;
	const struct sys_ops *ops;
	enum hc_config config;
	size_t size;
	char *buf, *rbuf;
	int fd[2];
	char dir[PATH_MAX], file[PATH_MAX + 8];
	int err;			/* errno of a failed run, reported by the next enter */
};

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

static void sys_teardown(void *state)
{
	struct sys_var *s = state;

	if (s->dir[0])
		rmdir(s->dir);
	free(s->buf);
	free(s->rbuf);
	free(s);
	ctx_put();
}

static int sys_setup(const struct hc_variant *v, void **state, const struct sys_ops *ops)
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
		sys_teardown(s);
		hc_err("%s", no);
		return -ENOTSUP;
	}
	if (s->size) {
		/* Touched now, outside hookcost's cgroup, so samples fault in no pages. */
		s->buf = malloc(s->size);
		s->rbuf = malloc(s->size);
		if (!s->buf || !s->rbuf) {
			sys_teardown(s);
			return hc_err("out of memory");
		}
		memset(s->buf, 'h', s->size);
		memset(s->rbuf, 0, s->size);
	}
	if (ops->prepare && ops->prepare(s)) {
		sys_teardown(s);
		return -ENOTSUP;
	}
	*state = s;
	return 0;
}

static int sys_enter(void *state)
{
	struct sys_var *s = state;

	if (s->err)
		return hc_err("%s: %s", s->c->name, strerror(s->err));
	if (sys_switch(s->config))
		return -1;
	return s->ops->open ? s->ops->open(s) : 0;
}

static void sys_leave(void *state)
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

static void tcp_close(struct sys_var *s)
{
	/* Linger 0: reset, so neither end lingers in TIME_WAIT or keeps the cgroup alive. */
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	for (int i = 0; i < 2; i++) {
		if (s->fd[i] < 0)
			continue;
		setsockopt(s->fd[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(s->fd[i]);
		s->fd[i] = -1;
	}
}

/* A connected loopback TCP pair: fd[0] the client, fd[1] the accepted end. */
static int tcp_open(struct sys_var *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int one = 1, l;

	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0)
		return hc_err("socket: %s", strerror(errno));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		goto fail;
	s->fd[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd[0] < 0 || connect(s->fd[0], (struct sockaddr *)&a, sizeof(a)))
		goto fail;
	s->fd[1] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (s->fd[1] < 0)
		goto fail;
	close(l);
	/* No Nagle: a request must not wait for the delayed ACK of the previous one. */
	for (int i = 0; i < 2; i++)
		if (setsockopt(s->fd[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
			return hc_err("TCP_NODELAY: %s", strerror(errno));
	return 0;
fail:
	hc_err("loopback TCP connection: %s", strerror(errno));
	close(l);
	tcp_close(s);
	return -1;
}

/*
 * Moves len bytes from a to b on one thread. The writer must not block on a full send buffer
 * while the reader (this same thread) is the one to drain it, so sends are non-blocking and
 * alternate with reads; a message that fits goes as one send and one read.
 */
static int xfer(int a, int b, const char *buf, char *rbuf, size_t len)
{
	size_t sent = 0, got = 0;

	while (got < len) {
		ssize_t n;

		if (sent < len) {
			n = send(a, buf + sent, len - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n > 0)
				sent += n;
			else if (errno != EAGAIN && errno != EINTR)
				return -1;
		}
		n = recv(b, rbuf + got, len - got, sent < len ? MSG_DONTWAIT : MSG_WAITALL);
		if (n > 0)
			got += n;
		else if (!n || (errno != EAGAIN && errno != EINTR))
			return n ? -1 : (errno = ECONNRESET, -1);
	}
	return 0;
}

static void tcp_rr_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		if (xfer(s->fd[0], s->fd[1], s->buf, s->rbuf, s->size) ||
		    xfer(s->fd[1], s->fd[0], s->buf, s->rbuf, s->size)) {
			s->err = errno;
			return;
		}
	});
}

static void tcp_stream_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		if (xfer(s->fd[0], s->fd[1], s->buf, s->rbuf, s->size)) {
			s->err = errno;
			return;
		}
	});
}

static void socket_create_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0) {
			s->err = errno;
			return;
		}
		close(fd);
	});
}

static void pipe_create_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int p[2];

		if (pipe2(p, O_CLOEXEC)) {
			s->err = errno;
			return;
		}
		close(p[0]);
		close(p[1]);
	});
}

unsigned int hc_system_sweep_shm(void)
{
	unsigned int removed = 0;
	struct dirent *e;
	DIR *d = opendir(SYS_SHM);

	while (d && (e = readdir(d))) {
		char p[PATH_MAX];

		if (!hc_stale_name(e->d_name))
			continue;
		snprintf(p, sizeof(p), SYS_SHM "/%s/f", e->d_name);
		unlink(p);
		snprintf(p, sizeof(p), SYS_SHM "/%s", e->d_name);
		removed += !rmdir(p);
	}
	if (d)
		closedir(d);
	return removed;
}

/*
 * A directory of this process and configuration on /dev/shm, named so that the next run
 * removes it (hc_system_sweep_shm) if this one is killed.
 */
static int tmpfs_prepare(struct sys_var *s)
{
	struct statfs st;

	if (statfs(SYS_SHM, &st) || st.f_type != TMPFS_MAGIC)
		return hc_err(SYS_SHM " is not a tmpfs mount");
	snprintf(s->dir, sizeof(s->dir), SYS_SHM "/" HC_NAME_PREFIX "%d-%s", (int)getpid(),
		 hc_config_names[s->config]);
	snprintf(s->file, sizeof(s->file), "%s/f", s->dir);
	if (mkdir(s->dir, 0700) && errno != EEXIST) {
		hc_err("cannot create %s: %s", s->dir, strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	return 0;
}

static void tmpfs_create_unlink_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int fd = open(s->file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

		if (fd < 0 || close(fd) || unlink(s->file)) {
			s->err = errno;
			return;
		}
	});
}

static const struct sys_ops tcp_ops = { .open = tcp_open, .close = tcp_close };
static const struct sys_ops plain_ops = { 0 };
static const struct sys_ops tmpfs_ops = { .prepare = tmpfs_prepare };

static const struct hc_param_def rr_params[] = {
	{ .name = "size", .unit = "B", .defaults = "1,1024,16384", .min = 1, .max = 1 << 20 },
	{ 0 },
};

static const struct hc_param_def stream_params[] = {
	{ .name = "size", .unit = "B", .defaults = "65536", .min = 1, .max = 1 << 24 },
	{ 0 },
};

#define SYS_CASE(sym, cname, cdesc, cparams, crun, cops)				\
	static int sym##_setup(const struct hc_variant *v, void **state)		\
	{										\
		return sys_setup(v, state, &cops);					\
	}										\
	HC_CASE(sym) = {								\
		.name = cname, .suite = "system", .desc = cdesc,			\
		.gates = HC_GATE_BIT(HC_GATE_STATIC), .configs = SYS_CONFIGS,		\
		.flags = SYS_FLAGS, .params = cparams, .setup = sym##_setup,		\
		.enter = sys_enter, .run = crun, .leave = sys_leave,			\
		.teardown = sys_teardown,						\
	}

SYS_CASE(sys_tcp_rr, "sys.tcp_rr",
	 "loopback TCP request/response of SIZE bytes each way, one thread, per round trip",
	 rr_params, tcp_rr_run, tcp_ops);
SYS_CASE(sys_tcp_stream, "sys.tcp_stream",
	 "loopback TCP: one SIZE-byte write and the read draining it, per write",
	 stream_params, tcp_stream_run, tcp_ops);
SYS_CASE(sys_socket_create, "sys.socket_create", "socket(AF_INET, SOCK_STREAM) + close",
	 NULL, socket_create_run, plain_ops);
SYS_CASE(sys_pipe_create, "sys.pipe_create", "pipe2 + two closes", NULL, pipe_create_run,
	 plain_ops);
SYS_CASE(sys_tmpfs_create_unlink, "sys.tmpfs_create_unlink",
	 "create + close + unlink of an empty file on tmpfs (dentry and inode are accounted "
	 "slab)", NULL, tmpfs_create_unlink_run, tmpfs_ops);
