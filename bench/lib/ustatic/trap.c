// SPDX-License-Identifier: GPL-2.0
/*
 * The SIGTRAP handler of the patching protocol (patch.c): a thread that meets an int3 on a
 * site being patched is moved to where the new instruction would have sent it. Any other
 * SIGTRAP goes to the handler that was installed before ours.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include <ucontext.h>

#include "internal.h"

static struct sigaction old_trap;
static unsigned long nr_traps;

/*
 * The SIGTRAP handler must not take locks: it walks the object list, whose nodes are never
 * freed, and reads only tables of live objects that contain the trapping address (an object
 * cannot be unloaded while a thread runs its code).
 */
static const struct hc_jump_entry *trap_find(uintptr_t addr)
{
	const struct jump_object *o;
	const struct hc_jump_entry *e;

	for (o = __atomic_load_n(&ustatic_objects, __ATOMIC_ACQUIRE); o; o = o->next) {
		if (!__atomic_load_n(&o->alive, __ATOMIC_ACQUIRE) || addr < o->text_lo ||
		    addr >= o->text_hi)
			continue;
		for (e = o->start; e < o->stop; e++)
			if (e->code == addr)
				return e;
	}
	return NULL;
}

static void trap_chain(int sig, siginfo_t *si, void *uc)
{
	if (old_trap.sa_flags & SA_SIGINFO) {
		old_trap.sa_sigaction(sig, si, uc);
	} else if (old_trap.sa_handler == SIG_DFL) {
		/* Not our int3: die of it as if no handler had been installed. */
		sigaction(SIGTRAP, &old_trap, NULL);
		raise(SIGTRAP);
	} else if (old_trap.sa_handler != SIG_IGN) {
		old_trap.sa_handler(sig);
	}
}

static void trap_handler(int sig, siginfo_t *si, void *ucv)
{
	ucontext_t *uc = ucv;
	greg_t *rip = &uc->uc_mcontext.gregs[REG_RIP];
	uintptr_t site = (uintptr_t)*rip - 1;
	const struct hc_jump_entry *e;

	/* int3 raises SIGTRAP with a kernel si_code; kill() and friends do not. */
	e = si->si_code > 0 ? trap_find(site) : NULL;
	if (!e) {
		trap_chain(sig, si, ucv);
		return;
	}
	__atomic_fetch_add(&nr_traps, 1, __ATOMIC_RELAXED);
	/*
	 * If the patch finished before this handler ran, the site holds a whole instruction
	 * again: run it. Otherwise emulate the new instruction, as the kernel does; both
	 * destinations are valid while the key changes.
	 */
	if (__atomic_load_n((const uint8_t *)site, __ATOMIC_RELAXED) != OP_INT3)
		*rip = (greg_t)site;
	else if (entry_wants_jump(e))
		*rip = (greg_t)e->target;
	else
		*rip = (greg_t)(site + INSN_SIZE);
}

int ustatic_trap_install(void)
{
	struct sigaction sa = { .sa_sigaction = trap_handler, .sa_flags = SA_SIGINFO | SA_RESTART };
	struct sigaction cur;

	if (sigaction(SIGTRAP, NULL, &cur))
		return ustatic_err("static keys: sigaction(SIGTRAP): %s", strerror(errno));
	if ((cur.sa_flags & SA_SIGINFO) && cur.sa_sigaction == trap_handler)
		return 0;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, &old_trap))
		return ustatic_err("static keys: sigaction(SIGTRAP): %s", strerror(errno));
	return 0;
}

unsigned long hc_ustatic_traps(void)
{
	return __atomic_load_n(&nr_traps, __ATOMIC_RELAXED);
}
