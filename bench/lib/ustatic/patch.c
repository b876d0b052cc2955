// SPDX-License-Identifier: GPL-2.0
/*
 * Applying a batch of pokes. Sites are rewritten with the kernel's text_poke_bp protocol, which
 * is safe while other threads execute them:
 *
 *	1. write int3 on the first byte of every site, serialize all cores;
 *	2. write bytes 1..4 of the new instruction, serialize;
 *	3. write the first byte of the new instruction, serialize.
 *
 * A thread that meets an int3 in between gets SIGTRAP (trap.c). membarrier SYNC_CORE makes
 * every core running one of our threads execute a serializing instruction, so no core keeps a
 * stale decoded copy.
 */
#include <errno.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "internal.h"

static bool sync_core_ok;
static char sync_core_why[128];

static void sync_core_register(void)
{
	long cmds = syscall(__NR_membarrier, MEMBARRIER_CMD_QUERY, 0, 0);

	sync_core_ok = false;
	if (cmds < 0) {
		snprintf(sync_core_why, sizeof(sync_core_why), "membarrier: %s", strerror(errno));
		return;
	}
	if (!(cmds & MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE)) {
		snprintf(sync_core_why, sizeof(sync_core_why),
			 "membarrier has no PRIVATE_EXPEDITED_SYNC_CORE on this kernel");
		return;
	}
	if (syscall(__NR_membarrier, MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0)) {
		snprintf(sync_core_why, sizeof(sync_core_why),
			 "membarrier SYNC_CORE registration: %s", strerror(errno));
		return;
	}
	sync_core_ok = true;
}

/* A forked child has a new mm, which starts unregistered. */
static void __attribute__((constructor(101))) ustatic_init(void)
{
	sync_core_register();
	pthread_atfork(NULL, NULL, sync_core_register);
}

/*
 * IRET to the next instruction: serializing like CPUID, but CPUID exits to the hypervisor in
 * a VM (microseconds) and IRET does not. The 128 bytes skipped are the red zone.
 */
static void serialize_self(void)
{
	unsigned long tmp;

	__asm__ __volatile__("sub $128, %%rsp\n\t"
			     "mov %%ss, %0\n\t"
			     "pushq %0\n\t"
			     "leaq 8(%%rsp), %0\n\t"
			     "pushq %0\n\t"
			     "pushfq\n\t"
			     "mov %%cs, %0\n\t"
			     "pushq %0\n\t"
			     "leaq 1f(%%rip), %0\n\t"
			     "pushq %0\n\t"
			     "iretq\n"
			     "1:\n\t"
			     "add $128, %%rsp"
			     : "=&r"(tmp) : : "memory", "cc");
}

static void serialize_all(void)
{
	if (sync_core_ok)
		syscall(__NR_membarrier, MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE, 0, 0);
	serialize_self();
}

static int nr_threads(void)
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[128];
	int n = -1;

	if (!f)
		return -1;
	while (fgets(line, sizeof(line), f))
		if (sscanf(line, "Threads: %d", &n) == 1)
			break;
	fclose(f);
	return n;
}

/*
 * Apply the pokes. live: other threads may run the sites, use the int3 protocol; otherwise
 * (an object still being loaded) write the instructions at once.
 */
int ustatic_poke_apply(const struct poke *p, size_t n, bool live)
{
	static const uint8_t int3 = OP_INT3;
	struct text_page *pages;
	size_t nr, i;
	int threads, ret = 0;

	if (!n)
		return 0;
	if (live && !sync_core_ok) {
		threads = nr_threads();
		if (threads < 0)
			return ustatic_err("static keys: cannot count threads (/proc/self/status) and "
				      "cores cannot be serialized (%s)", sync_core_why);
		if (threads > 1)
			return ustatic_err("static keys: refusing to patch code while %d threads run: "
				      "cores cannot be serialized (%s)", threads, sync_core_why);
	}
	pages = calloc(2 * n, sizeof(*pages));
	if (!pages)
		return ustatic_err("static keys: out of memory");
	nr = ustatic_text_pages(p, n, pages);
	if (ustatic_text_writable(pages, nr) < 0) {
		free(pages);
		return -1;
	}
	if (live && ustatic_trap_install() < 0) {
		ret = -1;
		goto out;
	}
	if (live) {
		for (i = 0; i < n; i++)
			ustatic_text_write(p[i].addr, &int3, 1);
		serialize_all();
		for (i = 0; i < n; i++)
			ustatic_text_write(p[i].addr + 1, p[i].insn + 1, INSN_SIZE - 1);
		serialize_all();
		for (i = 0; i < n; i++)
			ustatic_text_write(p[i].addr, p[i].insn, 1);
	} else {
		for (i = 0; i < n; i++)
			ustatic_text_write(p[i].addr, p[i].insn, INSN_SIZE);
	}
	serialize_all();
out:
	ustatic_text_restore(pages, nr);
	free(pages);
	return ret;
}

bool hc_ustatic_sync_core(void)
{
	return sync_core_ok;
}

