/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hookcost.ko's cases and what each offers: its gates, configurations and parameter range.
 * This table is the one declaration. The module is built from it and prints it in its debugfs
 * `cases` file; the harness plans its kernel suite from that file, so a measurement asks the
 * loaded module for exactly what it offers. The harness compiles the table too, only to show
 * and check a kernel case where no module is loaded (hookcost list, hookcost vm before a boot).
 */
#ifndef HOOKCOST_KCASES_H
#define HOOKCOST_KCASES_H

#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif

#include <hookcost/abi.h>

/* Case ids are ABI: append only. */
enum hc_kcase_id {
	HC_KCASE_INVALID,
	HC_KCASE_EMPTY,		/* the kernel loop alone: the suite's baseline */
	HC_KCASE_NOP1,		/* the loop plus one NOP: what a disabled static key costs */
	HC_KCASE_KEY_HOOK,	/* a hook behind a real static key, off/unused/active */
	HC_KCASE_KEY_TOGGLE,	/* static_branch_enable + static_branch_disable */
	HC_KCASE_KEY_INC,	/* static_branch_inc + static_branch_dec on an enabled key */
	HC_KCASE_SLAB_CACHE,	/* kmem_cache_alloc + free from a SLAB_ACCOUNT cache */
	HC_KCASE_KMALLOC,	/* kmalloc + kfree with GFP_KERNEL_ACCOUNT */
	HC_KCASE_MEMCG_CHARGE,	/* model: kmem charge + uncharge of a page, depth levels */
	HC_KCASE_TCP_SENDMSG,	/* model: tcp sendmsg + ack of size bytes */
	HC_KCASE_TCP_RCV,	/* model: tcp rcv + recvmsg of size bytes */
	HC_KCASE_SLAB_OPTIN,	/* model: slab alloc + free, opt-in design */
	HC_KCASE_SLAB_OPTOUT,	/* model: slab alloc + free, opt-out design */
	HC_KCASE_SLAB_CACHE_UNACCT,	/* kmem_cache_alloc + free, a cache without SLAB_ACCOUNT */
	HC_KCASE_KMALLOC_UNACCT,	/* kmalloc + kfree with GFP_KERNEL */
	HC_KCASE_GATE_HOOK,	/* one hook body behind each gate of gate.h, off/unused/active */
	HC_KCASE__NR,
};

struct hc_kcase_decl {
	const char *name;
	uint32_t gates;		/* HC_GATE_BIT() mask */
	uint32_t configs;	/* HC_CONFIG_BIT() mask */
	const char *param;	/* NULL: the case takes none */
	uint64_t min, max;	/* the parameter's range */
};

/* The memcg model's deepest chain: the module sizes its array with it. */
#define HC_KCASE_MEMCG_DEPTH	16

#define HC_KCASE_NO_HOOK	HC_GATE_BIT(HC_GATE_NONE), HC_CONFIG_BIT(HC_CONFIG_NONE)
/*
 * The gates that guard a call. The field gate is a pointer in an object: the TCP model's socket
 * carries its cgroup in every gate, and gate.hook has no object.
 */
#define HC_KCASE_CALL_GATES	(HC_GATE_BIT(HC_GATE_STATIC) | HC_GATE_BIT(HC_GATE_BRANCH) | \
				 HC_GATE_BIT(HC_GATE_INDIRECT))
/* A real static key has no bystander: the key is the only user. */
#define HC_KCASE_KEY_CONFIGS	(HC_CONFIG_BIT(HC_CONFIG_OFF) | HC_CONFIG_BIT(HC_CONFIG_UNUSED) | \
				 HC_CONFIG_BIT(HC_CONFIG_ACTIVE))
/* The real slab is accounted from the root (bystander) or from a child (active). */
#define HC_KCASE_SLAB_CONFIGS	(HC_CONFIG_BIT(HC_CONFIG_BYSTANDER) | \
				 HC_CONFIG_BIT(HC_CONFIG_ACTIVE))

__attribute__((unused)) static const struct hc_kcase_decl hc_kcase_decls[HC_KCASE__NR] = {
	[HC_KCASE_INVALID] = { "", 0, 0, NULL, 0, 0 },
	[HC_KCASE_EMPTY] = { "kernel.empty", HC_KCASE_NO_HOOK, NULL, 0, 0 },
	[HC_KCASE_NOP1] = { "kernel.nop1", HC_KCASE_NO_HOOK, NULL, 0, 0 },
	[HC_KCASE_KEY_HOOK] = { "kernel.key.hook", HC_GATE_BIT(HC_GATE_STATIC),
				HC_KCASE_KEY_CONFIGS, NULL, 0, 0 },
	[HC_KCASE_KEY_TOGGLE] = { "kernel.key.toggle", HC_GATE_BIT(HC_GATE_STATIC),
				  HC_CONFIG_BIT(HC_CONFIG_NONE), NULL, 0, 0 },
	[HC_KCASE_KEY_INC] = { "kernel.key.inc", HC_GATE_BIT(HC_GATE_STATIC),
			       HC_CONFIG_BIT(HC_CONFIG_NONE), NULL, 0, 0 },
	[HC_KCASE_SLAB_CACHE] = { "kernel.slab.cache", HC_GATE_BIT(HC_GATE_NONE),
				  HC_KCASE_SLAB_CONFIGS, "size", 8, 8192 },
	[HC_KCASE_KMALLOC] = { "kernel.slab.kmalloc", HC_GATE_BIT(HC_GATE_NONE),
			       HC_KCASE_SLAB_CONFIGS, "size", 8, 8192 },
	[HC_KCASE_MEMCG_CHARGE] = { "kernel.memcg.charge", HC_KCASE_NO_HOOK, "depth", 0,
				    HC_KCASE_MEMCG_DEPTH },
	[HC_KCASE_TCP_SENDMSG] = { "kernel.tcp.sendmsg", HC_KCASE_CALL_GATES, HC_CONFIGS_ALL,
				   "size", 1, 65536 },
	[HC_KCASE_TCP_RCV] = { "kernel.tcp.rcv", HC_KCASE_CALL_GATES, HC_CONFIGS_ALL, "size", 1,
			       65536 },
	[HC_KCASE_SLAB_OPTIN] = { "kernel.slab.optin", HC_GATES_HOOKED, HC_CONFIGS_ALL, "size", 8,
				  2048 },
	[HC_KCASE_SLAB_OPTOUT] = { "kernel.slab.optout", HC_GATES_HOOKED, HC_CONFIGS_ALL, "size",
				   8, 2048 },
	[HC_KCASE_SLAB_CACHE_UNACCT] = { "kernel.slab.cache.unaccounted", HC_KCASE_NO_HOOK,
					 "size", 8, 8192 },
	[HC_KCASE_KMALLOC_UNACCT] = { "kernel.slab.kmalloc.unaccounted", HC_KCASE_NO_HOOK,
				      "size", 8, 8192 },
	[HC_KCASE_GATE_HOOK] = { "kernel.gate.hook", HC_KCASE_CALL_GATES, HC_KCASE_KEY_CONFIGS,
				 NULL, 0, 0 },
};

/* The id of the case called name, HC_KCASE_INVALID for none. */
static inline unsigned int hc_kcase_id(const char *name)
{
	unsigned int id;

	for (id = HC_KCASE__NR - 1; id; id--)
		if (!strcmp(hc_kcase_decls[id].name, name))
			break;
	return id;
}

#endif /* HOOKCOST_KCASES_H */
