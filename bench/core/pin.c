// SPDX-License-Identifier: GPL-2.0
/*
 * Choose and bind the PU the measurement runs on. By default: inside the process cpuset, not
 * on PU 0's core (interrupts and housekeeping like PU 0), on the core whose PUs were idlest
 * over a short look at /proc/stat, so SMT siblings are as quiet as this machine allows.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <hwloc.h>

#include "base/error.h"
#include "core/pin.h"

#define MAX_PUS 1024

/* Busy jiffies per PU from /proc/stat. */
static void read_busy(unsigned long long *busy)
{
	FILE *f = fopen("/proc/stat", "r");
	char line[512];

	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long u, n, s, idle, io, irq, sirq;
		int cpu;

		if (sscanf(line, "cpu%d %llu %llu %llu %llu %llu %llu %llu", &cpu, &u, &n, &s,
			   &idle, &io, &irq, &sirq) == 8 && cpu >= 0 && cpu < MAX_PUS)
			busy[cpu] = u + n + s + irq + sirq;
	}
	fclose(f);
}

static hwloc_obj_t choose_core(hwloc_topology_t topo, hwloc_const_cpuset_t allowed)
{
	static unsigned long long before[MAX_PUS], after[MAX_PUS];
	const struct timespec look = { .tv_nsec = 100 * 1000 * 1000 };
	hwloc_obj_t best = NULL, core = NULL;
	unsigned long long best_busy = ~0ull;
	bool best_has_pu0 = true;

	read_busy(before);
	nanosleep(&look, NULL);
	read_busy(after);

	while ((core = hwloc_get_next_obj_by_type(topo, HWLOC_OBJ_CORE, core))) {
		unsigned long long busy = 0;
		bool has_pu0 = hwloc_bitmap_isset(core->cpuset, 0);
		int pu;

		if (!hwloc_bitmap_intersects(core->cpuset, allowed))
			continue;
		hwloc_bitmap_foreach_begin(pu, core->cpuset)
			if (pu < MAX_PUS)
				busy += after[pu] - before[pu];
		hwloc_bitmap_foreach_end();
		/* Not PU 0's core beats idleness; among equals the idlest wins. */
		if (!best || (best_has_pu0 && !has_pu0) ||
		    (best_has_pu0 == has_pu0 && busy < best_busy)) {
			best = core;
			best_busy = busy;
			best_has_pu0 = has_pu0;
		}
	}
	return best;
}

static hwloc_obj_t allowed_pu_of(hwloc_topology_t topo, hwloc_obj_t core,
				 hwloc_const_cpuset_t allowed)
{
	hwloc_obj_t pu = NULL;

	while ((pu = hwloc_get_next_obj_inside_cpuset_by_type(topo, core->cpuset,
							      HWLOC_OBJ_PU, pu)))
		if (hwloc_bitmap_isset(allowed, pu->os_index))
			return pu;
	return NULL;
}

static int get_allowed(hwloc_topology_t topo, hwloc_cpuset_t allowed)
{
	if (hwloc_get_cpubind(topo, allowed, HWLOC_CPUBIND_PROCESS))
		return hc_err("cannot read the process cpuset: %s", strerror(errno));
	hwloc_bitmap_and(allowed, allowed, hwloc_topology_get_allowed_cpuset(topo));
	return 0;
}

/* A loaded topology, or -1 with nothing left to destroy. */
static int topology_open(hwloc_topology_t *topo)
{
	if (hwloc_topology_init(topo))
		return -1;
	if (hwloc_topology_load(*topo)) {
		hwloc_topology_destroy(*topo);
		return -1;
	}
	return 0;
}

int hc_pin_nr_allowed(void)
{
	hwloc_topology_t topo;
	hwloc_cpuset_t allowed = hwloc_bitmap_alloc();
	int n = -1;

	if (!allowed || topology_open(&topo)) {
		hwloc_bitmap_free(allowed);
		return hc_err("hwloc cannot read the topology");
	}
	if (!get_allowed(topo, allowed))
		n = hwloc_bitmap_weight(allowed);
	hwloc_bitmap_free(allowed);
	hwloc_topology_destroy(topo);
	return n;
}

static void fill_info(hwloc_topology_t topo, hwloc_obj_t pu, struct hc_pin_info *info)
{
	hwloc_obj_t core = hwloc_get_ancestor_obj_by_type(topo, HWLOC_OBJ_CORE, pu);

	info->pu = pu->os_index;
	info->core = core ? (int)core->logical_index : -1;
	info->smt_siblings = core ? hwloc_bitmap_weight(core->cpuset) - 1 : 0;
	/* hwloc 2 hangs NUMA nodes off the side of the tree: the PU's nodeset names its node. */
	info->numa_node = pu->nodeset ? hwloc_bitmap_first(pu->nodeset) : -1;
}

int hc_pin_self(int cpu, struct hc_pin_info *info)
{
	hwloc_topology_t topo;
	hwloc_cpuset_t allowed = hwloc_bitmap_alloc();
	hwloc_obj_t pu = NULL;
	int ret = -1;

	memset(info, 0, sizeof(*info));
	if (!allowed)
		return hc_err("out of memory");
	if (topology_open(&topo)) {
		hwloc_bitmap_free(allowed);
		return hc_err("hwloc cannot read the topology");
	}
	if (get_allowed(topo, allowed))
		goto out;
	hwloc_bitmap_list_snprintf(info->allowed, sizeof(info->allowed), allowed);

	if (cpu >= 0) {
		pu = hwloc_get_pu_obj_by_os_index(topo, cpu);
		if (!pu || !hwloc_bitmap_isset(allowed, cpu)) {
			hc_usage_err("--cpu %d: no such PU in this process's cpuset (allowed: %s)",
				     cpu, info->allowed);
			goto out;
		}
		snprintf(info->how, sizeof(info->how), "requested with --cpu");
	} else {
		hwloc_obj_t core = choose_core(topo, allowed);

		pu = core ? allowed_pu_of(topo, core, allowed) : NULL;
		if (!pu)
			pu = hwloc_get_obj_inside_cpuset_by_type(topo, allowed, HWLOC_OBJ_PU, 0);
		if (!pu) {
			hc_err("no PU found in the process cpuset (%s)", info->allowed);
			goto out;
		}
		snprintf(info->how, sizeof(info->how), "%s",
			 hwloc_bitmap_isset(core ? core->cpuset : pu->cpuset, 0) ?
			 "idlest core (only PU 0's core allowed)" : "idlest core that is not PU 0's");
	}

	if (hwloc_set_cpubind(topo, pu->cpuset, HWLOC_CPUBIND_THREAD | HWLOC_CPUBIND_STRICT) &&
	    hwloc_set_cpubind(topo, pu->cpuset, HWLOC_CPUBIND_THREAD)) {
		hc_err("cannot bind to PU %u: %s", pu->os_index, strerror(errno));
		goto out;
	}
	fill_info(topo, pu, info);
	/* Single-node machines refuse or ignore a bind; that is not an error. */
	info->mem_bound = pu->nodeset &&
			  !hwloc_set_membind(topo, pu->nodeset, HWLOC_MEMBIND_BIND,
					     HWLOC_MEMBIND_THREAD | HWLOC_MEMBIND_BYNODESET);
	ret = 0;
out:
	hwloc_bitmap_free(allowed);
	hwloc_topology_destroy(topo);
	return ret;
}
