/* SPDX-License-Identifier: GPL-2.0 */
/* Pinning the measuring thread to one PU, and its memory to that PU's NUMA node. */
#ifndef HC_PIN_H
#define HC_PIN_H

#include <stdbool.h>

struct hc_pin_info {
	int pu;			/* OS index of the PU the thread is bound to */
	int core;		/* logical index of its core */
	int numa_node;		/* OS index of its NUMA node, -1 if unknown */
	unsigned int smt_siblings;	/* other PUs on the same core */
	bool mem_bound;		/* memory binding succeeded */
	char allowed[128];	/* the process cpuset, as a list "0-3,6" */
	char how[64];		/* "requested", "least busy core, not PU 0", ... */
};

/* Number of PUs the process may run on (for validation and sweeps), -1 on error. */
int hc_pin_nr_allowed(void);
/* cpu < 0: choose. Usage error for a PU that does not exist or is outside the cpuset. */
int hc_pin_self(int cpu, struct hc_pin_info *info);

#endif
