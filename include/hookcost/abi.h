/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The vocabulary shared by hookcost.ko and the user-space harness: gates, configurations and
 * (added by the module) the debugfs request/result layouts. Compiled in both worlds, so it
 * uses only fixed-width types.
 */
#ifndef HOOKCOST_ABI_H
#define HOOKCOST_ABI_H

#ifdef __KERNEL__
#include <linux/types.h>
#else
#include <stdint.h>
#endif

/* How a hook is guarded (DESIGN.md, "Gates"). NONE is for cases that have no hook. */
enum hc_gate {
	HC_GATE_NONE,
	HC_GATE_STATIC,
	HC_GATE_BRANCH,
	HC_GATE_INDIRECT,
	HC_GATE_FIELD,
	HC_GATE__NR,
};

/* The state of a hook (DESIGN.md, "Configurations"), in increasing order of cost. */
enum hc_config {
	HC_CONFIG_NONE,
	HC_CONFIG_OFF,
	HC_CONFIG_UNUSED,
	HC_CONFIG_BYSTANDER,
	HC_CONFIG_ACTIVE,
	HC_CONFIG__NR,
};

/* The name tables below: not every file that includes this header uses all of them. */
#define HC_ABI_NAMES		__attribute__((unused)) static const char *const

#define HC_GATE_BIT(g)		(1u << (g))
#define HC_CONFIG_BIT(c)	(1u << (c))
#define HC_GATES_HOOKED		(HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH) | \
				 HC_GATE_BIT(HC_GATE_INDIRECT) | HC_GATE_BIT(HC_GATE_FIELD))
#define HC_CONFIGS_ALL		(HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED) | \
				 HC_CONFIG_BIT(HC_CONFIG_BYSTANDER) | \
				 HC_CONFIG_BIT(HC_CONFIG_ACTIVE))

HC_ABI_NAMES hc_gate_names[HC_GATE__NR] = {
	[HC_GATE_NONE] = "none",
	[HC_GATE_STATIC] = "static",
	[HC_GATE_BRANCH] = "branch",
	[HC_GATE_INDIRECT] = "indirect",
	[HC_GATE_FIELD] = "field",
};

HC_ABI_NAMES hc_config_names[HC_CONFIG__NR] = {
	[HC_CONFIG_NONE] = "none",
	[HC_CONFIG_OFF] = "off",
	[HC_CONFIG_UNUSED] = "unused",
	[HC_CONFIG_BYSTANDER] = "bystander",
	[HC_CONFIG_ACTIVE] = "active",
};

/*
 * hookcost.ko's debugfs interface, in /sys/kernel/debug/hookcost/:
 *   cases    read: the module's case table (<hookcost/kcases.h>). A first line
 *            "hookcost-cases VERSION gates NAME,... configs NAME,..." gives the ABI version and
 *            the gate and configuration names in bit order, then one line per case, "id name
 *            gates configs max_iters param min max flags" (masks in hex; param "-", min and
 *            max 0 when the case takes none; flags: the HC_KRES_* flags the case's results
 *            always carry, i.e. HC_KRES_IRQS_OFF or not)
 *   request  write exactly one struct hc_kreq at offset 0: runs it in the writer's context
 *            (so allocations are charged to the writer's memory cgroup) and returns when it
 *            is done; -EINVAL for a malformed request, -EBUSY while another run is going on
 *            or another file has a case open
 *   result   read: the struct hc_kres of the last successful run or sample request
 *
 * A case's set-up (caches, model cgroups, key flips) can cost far more than its samples, so a
 * harness that times the write opens the case first (HC_KREQ_OPEN, untimed), writes
 * HC_KREQ_SAMPLE requests (timed) and closes it (HC_KREQ_CLOSE); closing the file closes the
 * case too. HC_KREQ_RUN does all three in one request.
 */
#define HC_KMOD_NAME		"hookcost"
#define HC_DEBUGFS_DIR		"hookcost"
#define HC_DEBUGFS_CASES	"cases"
#define HC_DEBUGFS_REQUEST	"request"
#define HC_DEBUGFS_RESULT	"result"
#define HC_DEBUGFS_PATH		"/sys/kernel/debug/" HC_DEBUGFS_DIR
#define HC_CASES_MAGIC		"hookcost-cases"

#define HC_KABI_MAGIC		0x48434b52u	/* "HCKR" */
#define HC_KABI_VERSION		2u	/* 2: the cases file's first line */

enum hc_kreq_op {
	HC_KREQ_RUN,		/* set up, take the samples, tear down */
	HC_KREQ_OPEN,		/* set up and keep the case open for this file; no samples */
	HC_KREQ_SAMPLE,		/* samples of the open case (same case, gate, config, param) */
	HC_KREQ_CLOSE,		/* tear the open case down and reset every key */
	HC_KREQ__NR,
};

/*
 * Bounds that keep a sample with interrupts off well below any watchdog; a case may have a
 * lower one (its max_iters in the cases file): callers split larger counts into requests.
 */
#define HC_KREQ_MAX_ITERS	(1u << 24)
#define HC_KREQ_MAX_SAMPLES	64u

/*
 * samples x iters operations of a case. The reserved fields must be zero, so that a later
 * version can give them a meaning without old modules misreading them.
 */
struct hc_kreq {
	uint32_t magic;		/* HC_KABI_MAGIC */
	uint32_t version;	/* HC_KABI_VERSION */
	uint32_t op;		/* enum hc_kreq_op */
	uint32_t case_id;	/* enum hc_kcase_id (kcases.h) */
	uint32_t gate;		/* enum hc_gate, one the case has */
	uint32_t config;	/* enum hc_config, one the case has */
	uint32_t samples;	/* RUN, SAMPLE: 1..HC_KREQ_MAX_SAMPLES; OPEN, CLOSE: 0 */
	uint32_t reserved32;
	uint64_t iters;		/* operations per sample, 0..max_iters; OPEN, CLOSE: 0 */
	uint64_t param;		/* the case's parameter (bytes for slab cases), else 0 */
	uint64_t reserved;
};

/* How the samples were taken. */
#define HC_KRES_IRQS_OFF	(1u << 0)	/* interrupts off within each sample */
#define HC_KRES_MEMCG_CHILD	(1u << 1)	/* the caller was in a non-root memory cgroup */

struct hc_kres {
	uint32_t magic;
	uint32_t version;
	uint32_t case_id;
	uint32_t gate;
	uint32_t config;
	uint32_t samples;
	uint64_t iters;
	uint64_t param;
	uint32_t flags;		/* HC_KRES_* */
	uint32_t cpu;		/* where the first sample started */
	uint64_t seq;		/* runs completed since load, this one included */
	uint64_t check;		/* what the case computed, so the work cannot be optimised away */
	uint64_t tsc[HC_KREQ_MAX_SAMPLES];	/* rdtsc ticks per sample (lfence-ordered) */
};

#endif /* HOOKCOST_ABI_H */
