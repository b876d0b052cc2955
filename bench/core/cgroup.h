/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The cgroup side of the system suite: finds the memory controller (cgroup v1 or v2), creates
 * and removes hookcost's own cgroups, moves the calling thread between cgroups, and infers the
 * state of the kernel's two memcg static keys, which user space cannot read without debugfs or
 * kallsyms:
 *   - memcg_sockets_enabled_key: v1 turns it on per cgroup that was ever given a TCP limit
 *     (memory.kmem.tcp.limit_in_bytes), v2 per non-root memory cgroup; either way it only
 *     turns off when that cgroup is freed, which can be long after rmdir (a removed cgroup
 *     stays "dying" while pages or sockets still reference it);
 *   - memcg_kmem_online_key: on once any non-root memory cgroup existed, never off again.
 *
 * hookcost's cgroups are named hookcost-PID-TAG at the top of the memory hierarchy. Every one is
 * kept in a registry that an atexit handler (and hc_cg_cleanup(), async-signal-safe) empties;
 * those of a run that died are swept by hc_cg_sweep().
 */
#ifndef HC_CGROUP_H
#define HC_CGROUP_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include <jansson.h>

/* hookcost-PID-TAG: how hookcost names what it creates in shared places. */
#define HC_NAME_PREFIX "hookcost-"

enum hc_cg_version {
	HC_CG_NONE,	/* no usable memory controller; why says which case */
	HC_CG_V1,
	HC_CG_V2,
};

struct hc_cg_env {
	enum hc_cg_version version;
	bool compiled;		/* CONFIG_MEMCG: a "memory" line in /proc/cgroups */
	bool can_write;		/* may create cgroups and move tasks (root) */
	bool nosocket;		/* cgroup.memory=nosocket: v2 never accounts sockets */
	bool nokmem;		/* cgroup.memory=nokmem */
	char mount[PATH_MAX];	/* the memory hierarchy's mount point */
	char home[PATH_MAX];	/* the calling thread's memory cgroup when probed (absolute) */
	char why[256];		/* version NONE: why */
};

/* Fills env; never fails (an unusable controller is version NONE with a reason). */
void hc_cg_probe(struct hc_cg_env *env);

enum hc_key_state {
	HC_KEY_UNKNOWN,
	HC_KEY_OFF,
	HC_KEY_ON,
};

/* What the cgroup tree says about the keys; inferred, never read from the kernel. */
struct hc_cg_keys {
	enum hc_key_state sockets;
	enum hc_key_state kmem;
	unsigned int nr_memcgs;		/* visible non-root memory cgroups */
	unsigned int nr_dying;		/* removed, not yet freed; TCP limits unknown */
	unsigned int nr_tcp;		/* v1: others' cgroups with TCP accounting */
	unsigned int nr_ours;		/* cgroups of this process */
	bool self_tcp;			/* the calling thread's cgroup accounts its sockets */
	bool self_root;			/* the calling thread is in the root memory cgroup */
	char tcp_user[PATH_MAX];	/* one of the nr_tcp cgroups, for messages */
};

int hc_cg_keys(const struct hc_cg_env *env, struct hc_cg_keys *k);
/* One sentence for messages and the result context, saying what the state is inferred from. */
void hc_cg_keys_describe(const struct hc_cg_env *env, const struct hc_cg_keys *k, char *buf,
			 size_t len);
json_t *hc_cg_keys_json(const struct hc_cg_env *env, const struct hc_cg_keys *k);
const char *hc_key_state_name(enum hc_key_state s);

/*
 * Waits up to timeout_ms for the number of dying memory cgroups to drop to at most max_dying
 * (hookcost's removed cgroups have been freed, so their key references are gone); -1 with
 * hc_err() on timeout.
 */
int hc_cg_wait_freed(const struct hc_cg_env *env, unsigned int max_dying, unsigned int timeout_ms);

/* Freeing takes a few RCU grace periods; far longer means something still references it. */
#define HC_CG_FREE_MS 3000

/*
 * The memcg state is global: two hookcost runs switching it would spoil each other's
 * configurations. Takes an exclusive lock (waiting, with a warning, while another run holds
 * it); returns the descriptor to close to release it, or -1 with hc_err().
 */
int hc_cg_lock(void);

/* A cgroup created by hookcost. */
struct hc_cgroup {
	char path[PATH_MAX];
	int slot;		/* in the cleanup registry */
};

/* Creates MOUNT/hookcost-PID-TAG and registers it for cleanup. */
int hc_cg_create(const struct hc_cg_env *env, const char *tag, struct hc_cgroup *cg);
/* v1: memory.kmem.tcp.limit_in_bytes, which turns the socket key on for good (until freed). */
int hc_cg_set_tcp_limit(const struct hc_cgroup *cg, uint64_t bytes);
/*
 * Moves the calling thread (v1) or process (v2: a domain controller cannot split threads) into
 * the cgroup directory dir; the registry remembers where it started so cleanup can move it back.
 */
int hc_cg_move_self(const struct hc_cg_env *env, const char *dir);
/*
 * Reclaims what is still charged to cg (so cached pages do not keep it alive), removes it and
 * unregisters it. The calling thread must not be in it.
 */
int hc_cg_remove(struct hc_cgroup *cg);
/*
 * Is name "hookcost-PID-..." with PID gone? hookcost names what it leaves in shared places so
 * (cgroups, the tmpfs directory), and a later run removes them.
 */
bool hc_stale_name(const char *name);
/*
 * Removes hookcost cgroups whose process is gone, counts them in *nr (may be NULL), and waits
 * until the kernel has freed them.
 */
int hc_cg_sweep(const struct hc_cg_env *env, unsigned int *nr);
/*
 * Moves the thread back where it started and removes every registered cgroup. Uses only
 * async-signal-safe calls, so a fatal-signal handler may call it; also runs at exit.
 */
void hc_cg_cleanup(void);

#endif
