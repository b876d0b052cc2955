/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hookcost.ko's cases and what each offers: its gates, configurations and parameter range, in
 * one table (hc_kcase_decls), made from the one declaration of each case (kcases.def). The module is built from it and prints it in its debugfs `cases`
 * file; the harness plans its kernel suite from that file, so a measurement asks the loaded
 * module for exactly what it offers. The harness compiles the table too, only to show a kernel
 * case where no module is loaded (hookcost list).
 */
#ifndef HOOKCOST_KCASES_H
#define HOOKCOST_KCASES_H

#include <hookcost/abi.h>

/* The masks the declarations (<hookcost/kcases.def>) use. */
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

/* The memcg model's deepest chain: the module sizes its array with it. */
#define HC_KCASE_MEMCG_DEPTH	16

/* Case ids (ABI: append only), one per declaration of <hookcost/kcases.def>. */
enum hc_kcase_id {
	HC_KCASE_INVALID,
#define HC_KCASE(id, name, desc, mech, gates, configs, setup, param) HC_KCASE_##id,
#include <hookcost/kcases.def>
#undef HC_KCASE
	HC_KCASE__NR,
};

struct hc_kcase_decl {
	const char *name;
	uint32_t gates;		/* HC_GATE_BIT() mask */
	uint32_t configs;	/* HC_CONFIG_BIT() mask */
	const char *param;	/* NULL: the case takes none */
	uint64_t min, max;	/* the parameter's range */
};

/* kernel-module/common/kcases.c, compiled into hookcost.ko and into the harness. */
extern const struct hc_kcase_decl hc_kcase_decls[HC_KCASE__NR];
/* The id of the case called name, HC_KCASE_INVALID for none. */
unsigned int hc_kcase_id(const char *name);

#endif /* HOOKCOST_KCASES_H */
