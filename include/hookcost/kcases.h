/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hookcost.ko's cases and what each offers: its gates, configurations and parameter range, in
 * one table (hc_kcase_decls). The module is built from it and prints it in its debugfs `cases`
 * file; the harness plans its kernel suite from that file, so a measurement asks the loaded
 * module for exactly what it offers. The harness compiles the table too, only to show a kernel
 * case where no module is loaded (hookcost list).
 */
#ifndef HOOKCOST_KCASES_H
#define HOOKCOST_KCASES_H

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

/* kernel-module/common/kcases.c, compiled into hookcost.ko and into the harness. */
extern const struct hc_kcase_decl hc_kcase_decls[HC_KCASE__NR];
/* The id of the case called name, HC_KCASE_INVALID for none. */
unsigned int hc_kcase_id(const char *name);

#endif /* HOOKCOST_KCASES_H */
