// SPDX-License-Identifier: GPL-2.0
/*
 * cgroup handling for the system suite; see cgroup.h for what is inferred and why.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/cgroup.h"
#include "base/error.h"

#define MAX_OWNED	4
#define STABLE_TRIES	8

/*
 * The cleanup registry: plain arrays written before the state they describe exists, so that
 * hc_cg_cleanup() can run from a signal handler without allocating or formatting.
 */
static struct {
	char path[PATH_MAX];
	bool used;
} owned[MAX_OWNED];
static char moved_back_to[PATH_MAX];	/* HOME/tasks or HOME/cgroup.procs */
static char moved_id[24];		/* the tid or pid that was moved, as text */
static bool moved;
static bool cleanup_registered;
static bool owned_v1;

static int write_str(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;
	int err;

	if (fd < 0)
		return -errno;
	n = write(fd, s, strlen(s));
	err = n < 0 ? -errno : 0;
	close(fd);
	return err;
}

/* dir + "/" + name, or "" if too long; async-signal-safe (no formatting). */
static void join(char *buf, size_t len, const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);

	if (a + 1 + b >= len) {
		buf[0] = '\0';
		return;
	}
	memcpy(buf, dir, a);
	buf[a] = '/';
	memcpy(buf + a + 1, name, b + 1);
}

static char *read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "re");

	buf[0] = '\0';
	if (!f)
		return NULL;
	if (!fgets(buf, len, f))
		buf[0] = '\0';
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

static bool has_token(const char *list, const char *tok, char sep)
{
	size_t n = strlen(tok);

	for (const char *p = list; p; p = strchr(p, sep) ? strchr(p, sep) + 1 : NULL)
		if (!strncmp(p, tok, n) && (p[n] == sep || p[n] == '\0'))
			return true;
	return false;
}

/* /proc/cgroups: the memory controller's line, or -1 when the kernel has none. */
static int proc_cgroups_memory(unsigned int *num_cgroups, bool *enabled)
{
	FILE *f = fopen("/proc/cgroups", "re");
	char name[64];
	unsigned int hier, num, en;
	int ret = -1;

	if (!f)
		return -1;
	fscanf(f, "%*[^\n]\n");
	while (fscanf(f, "%63s %u %u %u", name, &hier, &num, &en) == 4) {
		if (!strcmp(name, "memory")) {
			*num_cgroups = num;
			*enabled = en;
			ret = 0;
			break;
		}
	}
	fclose(f);
	return ret;
}

/* Finds a v1 hierarchy with the memory controller, else a cgroup2 mount that offers it. */
static void find_mount(struct hc_cg_env *env)
{
	FILE *f = fopen("/proc/self/mountinfo", "re");
	char *line = NULL, v2[PATH_MAX] = "";
	size_t cap = 0;

	if (!f)
		return;
	while (getline(&line, &cap, f) > 0) {
		char mnt[PATH_MAX], fstype[32], opts[512], ctl[512], path[PATH_MAX];
		char *sep = strstr(line, " - ");

		if (!sep || sscanf(line, "%*s %*s %*s %*s %4095s", mnt) != 1 ||
		    sscanf(sep + 3, "%31s %*s %511s", fstype, opts) != 2)
			continue;
		if (!strcmp(fstype, "cgroup") && has_token(opts, "memory", ',')) {
			snprintf(env->mount, sizeof(env->mount), "%s", mnt);
			env->version = HC_CG_V1;
			break;
		}
		if (!strcmp(fstype, "cgroup2") && !v2[0]) {
			join(path, sizeof(path), mnt, "cgroup.controllers");
			if (has_token(read_line(path, ctl, sizeof(ctl)), "memory", ' '))
				snprintf(v2, sizeof(v2), "%s", mnt);
		}
	}
	if (env->version == HC_CG_NONE && v2[0]) {
		snprintf(env->mount, sizeof(env->mount), "%s", v2);
		env->version = HC_CG_V2;
	}
	free(line);
	fclose(f);
}

/* The calling thread's memory cgroup as an absolute path under env->mount. */
static int self_cgroup(const struct hc_cg_env *env, char *buf, size_t len)
{
	FILE *f = fopen("/proc/thread-self/cgroup", "re");
	char line[PATH_MAX + 128];
	int ret = -1;

	if (!f)
		return hc_err("cannot read /proc/thread-self/cgroup: %s", strerror(errno));
	while (fgets(line, sizeof(line), f)) {
		char *ctl = strchr(line, ':'), *path = ctl ? strchr(ctl + 1, ':') : NULL;

		if (!path)
			continue;
		*path++ = '\0';
		path[strcspn(path, "\n")] = '\0';
		if (env->version == HC_CG_V1 ? has_token(ctl + 1, "memory", ',') :
		    !strncmp(line, "0:", 2)) {
			snprintf(buf, len, "%s%s", env->mount, strcmp(path, "/") ? path : "");
			ret = 0;
			break;
		}
	}
	fclose(f);
	return ret ? hc_err("no memory cgroup in /proc/thread-self/cgroup") : 0;
}

void hc_cg_probe(struct hc_cg_env *env)
{
	char cmdline[4096];
	unsigned int num;
	bool enabled;

	memset(env, 0, sizeof(*env));
	read_line("/proc/cmdline", cmdline, sizeof(cmdline));
	env->nosocket = strstr(cmdline, "cgroup.memory=") && strstr(cmdline, "nosocket");
	env->nokmem = strstr(cmdline, "cgroup.memory=") && strstr(cmdline, "nokmem");
	if (proc_cgroups_memory(&num, &enabled)) {
		snprintf(env->why, sizeof(env->why),
			 "the kernel has no memory controller (CONFIG_MEMCG is not set)");
		return;
	}
	env->compiled = true;
	if (!enabled) {
		snprintf(env->why, sizeof(env->why),
			 "the memory controller is disabled (cgroup_disable=memory)");
		return;
	}
	find_mount(env);
	if (env->version == HC_CG_NONE) {
		snprintf(env->why, sizeof(env->why),
			 "the memory controller is not mounted (v1: mount -t cgroup -o memory "
			 "none /sys/fs/cgroup/memory; v2: add it to cgroup.subtree_control)");
		return;
	}
	if (self_cgroup(env, env->home, sizeof(env->home))) {
		hc_err_clear();
		snprintf(env->home, sizeof(env->home), "%s", env->mount);
	}
	env->can_write = access(env->mount, W_OK) == 0;
}

const char *hc_key_state_name(enum hc_key_state s)
{
	return s == HC_KEY_ON ? "on" : s == HC_KEY_OFF ? "off" : "unknown";
}

static bool is_ours(const char *name)
{
	char mine[32];

	snprintf(mine, sizeof(mine), HC_NAME_PREFIX "%d-", (int)getpid());
	return !strncmp(name, mine, strlen(mine));
}

/*
 * v1: does the cgroup at dir account sockets? A TCP limit below the root's (which is always
 * "unlimited") or any recorded TCP usage says it does. A limit written back to the maximum
 * leaves the key on but shows nothing: one reason this is an inference.
 */
static bool v1_tcp_active(const char *mount, const char *dir)
{
	char p[PATH_MAX], lim[32], root_lim[32], use[32];

	join(p, sizeof(p), dir, "memory.kmem.tcp.limit_in_bytes");
	read_line(p, lim, sizeof(lim));
	join(p, sizeof(p), mount, "memory.kmem.tcp.limit_in_bytes");
	read_line(p, root_lim, sizeof(root_lim));
	join(p, sizeof(p), dir, "memory.kmem.tcp.max_usage_in_bytes");
	read_line(p, use, sizeof(use));
	return (lim[0] && strcmp(lim, root_lim)) || strtoull(use, NULL, 10) > 0;
}

static void walk(const struct hc_cg_env *env, const char *dir, struct hc_cg_keys *k,
		 bool *ours_tcp)
{
	DIR *d = opendir(dir);
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d))) {
		char sub[PATH_MAX], probe[PATH_MAX];

		if (e->d_type != DT_DIR || e->d_name[0] == '.')
			continue;
		join(sub, sizeof(sub), dir, e->d_name);
		if (!sub[0])
			continue;
		if (env->version == HC_CG_V2) {
			join(probe, sizeof(probe), sub, "memory.current");
			if (access(probe, F_OK))
				continue;
		}
		k->nr_memcgs++;
		if (dir == env->mount && is_ours(e->d_name)) {
			k->nr_ours++;
			if (env->version == HC_CG_V1)
				*ours_tcp |= v1_tcp_active(env->mount, sub);
		} else if (env->version == HC_CG_V1 && v1_tcp_active(env->mount, sub)) {
			if (!k->nr_tcp++)
				snprintf(k->tcp_user, sizeof(k->tcp_user), "%s", sub);
		}
		walk(env, sub, k, ours_tcp);
	}
	closedir(d);
}

static unsigned int v2_dying(const struct hc_cg_env *env)
{
	char p[PATH_MAX], line[128];
	unsigned int n = 0;
	FILE *f;

	join(p, sizeof(p), env->mount, "cgroup.stat");
	f = fopen(p, "re");
	if (!f)
		return 0;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "nr_dying_descendants %u", &n) == 1)
			break;
	fclose(f);
	return n;
}

/* Walks the tree; v1 counts dying cgroups as /proc/cgroups' total minus the visible ones. */
static int count(const struct hc_cg_env *env, struct hc_cg_keys *k, bool *ours_tcp)
{
	for (int i = 0; i < STABLE_TRIES; i++) {
		unsigned int before, after;
		bool en;

		memset(k, 0, sizeof(*k));
		*ours_tcp = false;
		if (proc_cgroups_memory(&before, &en))
			return hc_err("/proc/cgroups has no memory line");
		walk(env, env->mount, k, ours_tcp);
		if (env->version == HC_CG_V2) {
			k->nr_dying = v2_dying(env);
			return 0;
		}
		proc_cgroups_memory(&after, &en);
		/* Someone created or freed a cgroup during the walk: count again. */
		if (before == after && before >= k->nr_memcgs + 1) {
			k->nr_dying = before - 1 - k->nr_memcgs;
			return 0;
		}
	}
	return hc_err("the memory cgroup tree keeps changing; cannot count it");
}

int hc_cg_keys(const struct hc_cg_env *env, struct hc_cg_keys *k)
{
	char self[PATH_MAX];
	bool ours_tcp = false;

	memset(k, 0, sizeof(*k));
	if (!env->compiled || env->version == HC_CG_NONE) {
		/* Compiled out there is no key; unmounted, no cgroup can have switched it on. */
		k->sockets = HC_KEY_OFF;
		k->kmem = env->compiled && !env->nokmem ? HC_KEY_UNKNOWN : HC_KEY_OFF;
		k->self_root = true;
		return 0;
	}
	if (count(env, k, &ours_tcp) || self_cgroup(env, self, sizeof(self)))
		return -1;
	k->self_root = !strcmp(self, env->mount);
	if (env->version == HC_CG_V1) {
		k->self_tcp = !k->self_root && v1_tcp_active(env->mount, self);
		k->sockets = k->nr_tcp || ours_tcp ? HC_KEY_ON : HC_KEY_OFF;
	} else {
		k->self_tcp = !k->self_root && !env->nosocket;
		k->sockets = env->nosocket ? HC_KEY_OFF : k->nr_memcgs ? HC_KEY_ON :
			     k->nr_dying ? HC_KEY_UNKNOWN : HC_KEY_OFF;
	}
	k->kmem = env->nokmem ? HC_KEY_OFF : k->nr_memcgs || k->nr_dying ? HC_KEY_ON :
		  HC_KEY_UNKNOWN;
	return 0;
}

void hc_cg_keys_describe(const struct hc_cg_env *env, const struct hc_cg_keys *k, char *buf,
			 size_t len)
{
	char sock[PATH_MAX + 160], dying[128] = "";

	if (k->nr_dying)
		snprintf(dying, sizeof(dying), "; %u removed memory cgroups not yet freed, "
			 "their state unknown", k->nr_dying);
	if (!env->compiled)
		snprintf(sock, sizeof(sock), "no memcg keys (CONFIG_MEMCG is not set)");
	else if (env->version == HC_CG_NONE)
		snprintf(sock, sizeof(sock), "socket key off (inferred: %s)", env->why);
	else if (env->version == HC_CG_V2 && env->nosocket)
		snprintf(sock, sizeof(sock), "socket key off (cgroup.memory=nosocket)");
	else if (env->version == HC_CG_V2)
		snprintf(sock, sizeof(sock), "socket key %s (inferred: %u non-root memory "
			 "cgroups%s)", hc_key_state_name(k->sockets), k->nr_memcgs, dying);
	else if (k->nr_tcp)
		snprintf(sock, sizeof(sock), "socket key on (inferred: %s and %u more have "
			 "TCP accounting)", k->tcp_user, k->nr_tcp - 1);
	else
		snprintf(sock, sizeof(sock), "socket key %s (inferred: %s%s)",
			 hc_key_state_name(k->sockets), k->sockets == HC_KEY_ON ?
			 "hookcost's cgroup has a TCP limit" :
			 "no non-root memory cgroup shows a TCP limit", dying);
	snprintf(buf, len, "%s; kernel-memory key %s (%s)", sock, hc_key_state_name(k->kmem),
		 !env->compiled || env->nokmem ? "not available" :
		 k->kmem == HC_KEY_ON ? "memory cgroups exist; it never turns off" :
		 "on if any memory cgroup existed since boot; it never turns off");
}

json_t *hc_cg_keys_json(const struct hc_cg_env *env, const struct hc_cg_keys *k)
{
	static const char *const names[] = {
		[HC_CG_NONE] = NULL, [HC_CG_V1] = "v1", [HC_CG_V2] = "v2",
	};
	char desc[PATH_MAX + 512];

	hc_cg_keys_describe(env, k, desc, sizeof(desc));
	return json_pack("{s:b, s:s?, s:s, s:s, s:b, s:i, s:i, s:i, s:b, s:b, s:s}",
			 "inferred", 1, "version", names[env->version],
			 "sockets", hc_key_state_name(k->sockets),
			 "kmem", hc_key_state_name(k->kmem), "memcg_compiled", env->compiled,
			 "memcgs", (int)k->nr_memcgs, "dying", (int)k->nr_dying,
			 "tcp_limited", (int)k->nr_tcp, "self_root", k->self_root,
			 "self_tcp", k->self_tcp, "description", desc);
}

int hc_cg_wait_freed(const struct hc_cg_env *env, unsigned int max_dying, unsigned int timeout_ms)
{
	const struct timespec ms = { .tv_nsec = 1000000 };
	struct hc_cg_keys k;
	bool ours_tcp;

	for (unsigned int t = 0;; t++) {
		if (count(env, &k, &ours_tcp))
			return -1;
		if (k.nr_dying <= max_dying)
			return 0;
		if (t >= timeout_ms)
			break;
		nanosleep(&ms, NULL);
	}
	return hc_err("a removed hookcost cgroup was not freed within %u ms (%u dying memory "
		      "cgroups, expected at most %u): something still references it",
		      timeout_ms, k.nr_dying, max_dying);
}

int hc_cg_lock(void)
{
	const char *path = access("/run/lock", W_OK) ? "/tmp/hookcost-system.lock" :
			   "/run/lock/hookcost-system.lock";
	int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);

	if (fd < 0)
		return hc_err("cannot open %s: %s", path, strerror(errno));
	/* A kernel without CONFIG_FILE_LOCKING (a minimal VM guest) runs nothing else. */
	if (!flock(fd, LOCK_EX | LOCK_NB) || errno == ENOSYS)
		return fd;
	if (errno == EWOULDBLOCK) {
		hc_warn("waiting for another hookcost run that switches memcg state (%s)", path);
		if (!flock(fd, LOCK_EX))
			return fd;
	}
	hc_err("cannot lock %s: %s", path, strerror(errno));
	close(fd);
	return -1;
}

static void cleanup_at_exit(void)
{
	hc_cg_cleanup();
}

static void cleanup_register(void)
{
	if (!cleanup_registered && !atexit(cleanup_at_exit))
		cleanup_registered = true;
}

static int registry_add(const char *path, bool v1)
{
	for (int i = 0; i < MAX_OWNED; i++) {
		if (owned[i].used)
			continue;
		cleanup_register();
		snprintf(owned[i].path, sizeof(owned[i].path), "%s", path);
		owned_v1 = v1;
		owned[i].used = true;
		return i;
	}
	return hc_err("more than %d hookcost cgroups at once", MAX_OWNED);
}

int hc_cg_create(const struct hc_cg_env *env, const char *tag, struct hc_cgroup *cg)
{
	if (env->version == HC_CG_NONE)
		return hc_err("cannot create a cgroup: %s", env->why);
	if (snprintf(cg->path, sizeof(cg->path), "%s/" HC_NAME_PREFIX "%d-%s", env->mount,
		     (int)getpid(), tag) >= (int)sizeof(cg->path))
		return hc_err("cgroup path too long");
	/* Registered first: a signal between mkdir and registration would leak it. */
	cg->slot = registry_add(cg->path, env->version == HC_CG_V1);
	if (cg->slot < 0)
		return -1;
	if (mkdir(cg->path, 0755) && errno != EEXIST) {
		owned[cg->slot].used = false;
		cg->slot = -1;
		return hc_err("cannot create %s: %s", cg->path, strerror(errno));
	}
	return 0;
}

int hc_cg_set_tcp_limit(const struct hc_cgroup *cg, uint64_t bytes)
{
	char p[PATH_MAX + 32], v[24];
	int err;

	join(p, sizeof(p), cg->path, "memory.kmem.tcp.limit_in_bytes");
	snprintf(v, sizeof(v), "%llu", (unsigned long long)bytes);
	err = write_str(p, v);
	return err ? hc_err("cannot write %s: %s", p, strerror(-err)) : 0;
}

int hc_cg_move_self(const struct hc_cg_env *env, const char *dir)
{
	const char *file = env->version == HC_CG_V1 ? "tasks" : "cgroup.procs";
	pid_t id = env->version == HC_CG_V1 ? gettid() : getpid();
	char p[PATH_MAX + 16], v[24];
	int err;

	if (!moved) {
		snprintf(moved_id, sizeof(moved_id), "%d", (int)id);
		join(moved_back_to, sizeof(moved_back_to), env->home, file);
		moved = true;
		cleanup_register();
	}
	join(p, sizeof(p), dir, file);
	snprintf(v, sizeof(v), "%d", (int)id);
	err = write_str(p, v);
	if (err)
		return hc_err("cannot move %s %d into %s: %s",
			      env->version == HC_CG_V1 ? "thread" : "process", (int)id, dir,
			      strerror(-err));
	if (!strcmp(dir, env->home))
		moved = false;
	return 0;
}

/* Async-signal-safe: force_empty (v1) so cached pages do not pin it, then rmdir. */
static int remove_dir(const char *path, bool v1)
{
	char p[PATH_MAX];

	if (v1) {
		join(p, sizeof(p), path, "memory.force_empty");
		write_str(p, "0");
	}
	return rmdir(path) && errno != ENOENT ? -errno : 0;
}

int hc_cg_remove(struct hc_cgroup *cg)
{
	int err;

	if (cg->slot < 0)
		return 0;
	err = remove_dir(cg->path, owned_v1);
	if (err)
		return hc_err("cannot remove %s: %s", cg->path, strerror(-err));
	owned[cg->slot].used = false;
	cg->slot = -1;
	return 0;
}

bool hc_stale_name(const char *name)
{
	int pid;

	return sscanf(name, HC_NAME_PREFIX "%d-", &pid) == 1 && pid != getpid() && pid > 0 &&
	       kill(pid, 0) && errno == ESRCH;
}

int hc_cg_sweep(const struct hc_cg_env *env, unsigned int *nr)
{
	struct hc_cg_keys k;
	unsigned int removed = 0;
	struct dirent *e;
	DIR *d;

	if (nr)
		*nr = 0;
	if (env->version == HC_CG_NONE || !env->can_write)
		return 0;
	if (hc_cg_keys(env, &k))
		return -1;
	d = opendir(env->mount);
	if (!d)
		return hc_err("cannot read %s: %s", env->mount, strerror(errno));
	while ((e = readdir(d))) {
		char path[PATH_MAX];
		int err;

		if (!hc_stale_name(e->d_name))
			continue;
		join(path, sizeof(path), env->mount, e->d_name);
		err = remove_dir(path, env->version == HC_CG_V1);
		if (err) {
			hc_warn("cannot remove %s, left by a hookcost process that is gone: %s",
				path, strerror(-err));
			continue;
		}
		removed++;
	}
	closedir(d);
	if (nr)
		*nr = removed;
	/* Until they are freed, the key references of what was removed are still held. */
	return removed ? hc_cg_wait_freed(env, k.nr_dying, HC_CG_FREE_MS) : 0;
}

void hc_cg_cleanup(void)
{
	int saved = errno;

	if (moved) {
		write_str(moved_back_to, moved_id);
		moved = false;
	}
	for (int i = 0; i < MAX_OWNED; i++) {
		if (owned[i].used && !remove_dir(owned[i].path, owned_v1))
			owned[i].used = false;
	}
	errno = saved;
}
