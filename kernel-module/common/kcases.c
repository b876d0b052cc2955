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

/* The module's part of each declaration: name, gates, configurations, parameter and range. */
#define HC_KPARAM(name, unit, min, max, sweep)	name, min, max
#define HC_KPARAM_NONE				NULL, 0, 0
#define HC_KCASE(id, name, desc, mech, gates, configs, setup, param) \
	[HC_KCASE_##id] = { name, gates, configs, param },

const struct hc_kcase_decl hc_kcase_decls[HC_KCASE__NR] = {
	[HC_KCASE_INVALID] = { "" },
#include <hookcost/kcases.def>
};

unsigned int hc_kcase_id(const char *name)
{
	unsigned int id;

	for (id = HC_KCASE__NR - 1; id; id--)
		if (!strcmp(hc_kcase_decls[id].name, name))
			break;
	return id;
}
