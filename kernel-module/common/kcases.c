// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost.ko's case table (<hookcost/kcases.h>): compiled into the module, which offers what
 * it says and prints it in its debugfs `cases` file, and into the harness, which shows it where
 * no module is loaded.
 */
#ifdef __KERNEL__
#include <linux/string.h>
#else
#include <string.h>
#endif

#include <hookcost/kcases.h>

#define HC_KCASE_NO_GATE	HC_GATE_BIT(HC_GATE_NONE)
#define HC_KCASE_NO_CONFIG	HC_CONFIG_BIT(HC_CONFIG_NONE)
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

/* name; gates, configurations, parameter, min, max */
const struct hc_kcase_decl hc_kcase_decls[HC_KCASE__NR] = {
	[HC_KCASE_INVALID] = { "" },
	[HC_KCASE_EMPTY] = { "kernel.empty",
		HC_KCASE_NO_GATE, HC_KCASE_NO_CONFIG, NULL, 0, 0 },
	[HC_KCASE_NOP1] = { "kernel.nop1",
		HC_KCASE_NO_GATE, HC_KCASE_NO_CONFIG, NULL, 0, 0 },
	[HC_KCASE_KEY_HOOK] = { "kernel.key.hook",
		HC_GATE_BIT(HC_GATE_STATIC), HC_KCASE_KEY_CONFIGS, NULL, 0, 0 },
	[HC_KCASE_KEY_TOGGLE] = { "kernel.key.toggle",
		HC_GATE_BIT(HC_GATE_STATIC), HC_KCASE_NO_CONFIG, NULL, 0, 0 },
	[HC_KCASE_KEY_INC] = { "kernel.key.inc",
		HC_GATE_BIT(HC_GATE_STATIC), HC_KCASE_NO_CONFIG, NULL, 0, 0 },
	[HC_KCASE_SLAB_CACHE] = { "kernel.slab.cache",
		HC_KCASE_NO_GATE, HC_KCASE_SLAB_CONFIGS, "size", 8, 8192 },
	[HC_KCASE_KMALLOC] = { "kernel.slab.kmalloc",
		HC_KCASE_NO_GATE, HC_KCASE_SLAB_CONFIGS, "size", 8, 8192 },
	[HC_KCASE_MEMCG_CHARGE] = { "kernel.memcg.charge",
		HC_KCASE_NO_GATE, HC_KCASE_NO_CONFIG, "depth", 0, HC_KCASE_MEMCG_DEPTH },
	[HC_KCASE_TCP_SENDMSG] = { "kernel.tcp.sendmsg",
		HC_KCASE_CALL_GATES, HC_CONFIGS_ALL, "size", 1, 65536 },
	[HC_KCASE_TCP_RCV] = { "kernel.tcp.rcv",
		HC_KCASE_CALL_GATES, HC_CONFIGS_ALL, "size", 1, 65536 },
	[HC_KCASE_SLAB_OPTIN] = { "kernel.slab.optin",
		HC_GATES_HOOKED, HC_CONFIGS_ALL, "size", 8, 2048 },
	[HC_KCASE_SLAB_OPTOUT] = { "kernel.slab.optout",
		HC_GATES_HOOKED, HC_CONFIGS_ALL, "size", 8, 2048 },
	[HC_KCASE_SLAB_CACHE_UNACCT] = { "kernel.slab.cache.unaccounted",
		HC_KCASE_NO_GATE, HC_KCASE_NO_CONFIG, "size", 8, 8192 },
	[HC_KCASE_KMALLOC_UNACCT] = { "kernel.slab.kmalloc.unaccounted",
		HC_KCASE_NO_GATE, HC_KCASE_NO_CONFIG, "size", 8, 8192 },
	[HC_KCASE_GATE_HOOK] = { "kernel.gate.hook",
		HC_KCASE_CALL_GATES, HC_KCASE_KEY_CONFIGS, NULL, 0, 0 },
};

unsigned int hc_kcase_id(const char *name)
{
	unsigned int id;

	for (id = HC_KCASE__NR - 1; id; id--)
		if (!strcmp(hc_kcase_decls[id].name, name))
			break;
	return id;
}
