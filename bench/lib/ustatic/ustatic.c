// SPDX-License-Identifier: GPL-2.0
/*
 * User-space jump labels: the run-time half of <hookcost/static_branch.h>.
 *
 * Every object registers its table of sites (hc_jump_table) from a constructor; the table is
 * sorted by key so a key's sites are one range per object. Changing a key rewrites its sites
 * with the kernel's text_poke_bp protocol, which is safe while other threads execute them:
 *
 *	1. write int3 on the first byte of every site, serialize all cores;
 *	2. write bytes 1..4 of the new instruction, serialize;
 *	3. write the first byte of the new instruction, serialize.
 *
 * A thread that meets an int3 in between gets SIGTRAP; the handler moves it to where the new
 * instruction would have sent it. membarrier SYNC_CORE makes every core running one of our
 * threads execute a serializing instruction, so no core keeps a stale decoded copy.
 *
 * Text is made writable with mprotect(RWX) while patching; where W+X is refused (SELinux,
 * PR_SET_MDWE) a patched page is replaced once by an executable mapping of a memfd copy
 * (mremap moves it over the original atomically) and later written through a second,
 * writable but not executable, mapping of the same memfd.
 */
#include <errno.h>
#include <link.h>
#include <linux/membarrier.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

#include "core/error.h"
#include <ustatic/ustatic.h>

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U	/* Linux 6.3: exec allowed even with vm.memfd_noexec=1 */
#endif

#define INSN_SIZE	5
#define OP_INT3		0xcc
#define OP_JMP32	0xe9

static const uint8_t nop5[INSN_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

struct jump_object {
	struct hc_jump_entry *start, *stop;	/* sorted by key, then code */
	uintptr_t text_lo, text_hi;		/* executable segments of the object */
	uintptr_t base;
	int text_prot;
	unsigned int refs;			/* constructors that registered the table */
	int alive;				/* atomic: cleared when the object goes away */
	char *name;
	struct jump_object *next;		/* never freed: a late trap handler may read it */
};

struct poke {
	uint8_t *addr;
	uint8_t insn[INSN_SIZE];
	int prot;				/* of the text holding addr */
};

struct text_page {
	uintptr_t page;
	int prot;
};

struct alias_page {
	uintptr_t page;
	uint8_t *rw;
};

enum poke_method {
	METHOD_NONE,		/* nothing patched yet */
	METHOD_MPROTECT,
	METHOD_ALIAS,
};

static pthread_mutex_t jump_lock = PTHREAD_MUTEX_INITIALIZER;
static struct jump_object *objects;	/* atomic head: the trap handler walks it */
static char register_error[320];	/* sticky: a table that could not be registered */
static bool sync_core_ok;
static char sync_core_why[128];
static enum poke_method method;
static char mprotect_why[128];
static struct alias_page *aliases;
static size_t nr_aliases;
static int alias_fd = -1;
static struct sigaction old_trap;
static unsigned long nr_traps;

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

static uintptr_t page_of(uintptr_t addr)
{
	return addr & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
}

static struct hc_static_key *entry_key(const struct hc_jump_entry *e)
{
	return (struct hc_static_key *)(e->key & ~(uintptr_t)1);
}

/* The site jumps when the key's state differs from the branch direction. */
static bool entry_wants_jump(const struct hc_jump_entry *e)
{
	bool on = __atomic_load_n(&entry_key(e)->enabled, __ATOMIC_ACQUIRE) != 0;

	return on != (e->key & 1);
}

static bool site_jumps(const struct hc_jump_entry *e)
{
	return __atomic_load_n((const uint8_t *)e->code, __ATOMIC_RELAXED) == OP_JMP32;
}

static void entry_insn(const struct hc_jump_entry *e, bool jump, uint8_t *insn)
{
	int32_t rel = (int32_t)(e->target - (e->code + INSN_SIZE));

	if (!jump) {
		memcpy(insn, nop5, INSN_SIZE);
		return;
	}
	insn[0] = OP_JMP32;
	memcpy(insn + 1, &rel, sizeof(rel));
}

/*
 * The SIGTRAP handler must not take locks: it walks the object list, whose nodes are never
 * freed, and reads only tables of live objects that contain the trapping address (an object
 * cannot be unloaded while a thread runs its code).
 */
static const struct hc_jump_entry *trap_find(uintptr_t addr)
{
	const struct jump_object *o;
	const struct hc_jump_entry *e;

	for (o = __atomic_load_n(&objects, __ATOMIC_ACQUIRE); o; o = o->next) {
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

static int trap_install(void)
{
	struct sigaction sa = { .sa_sigaction = trap_handler, .sa_flags = SA_SIGINFO | SA_RESTART };
	struct sigaction cur;

	if (sigaction(SIGTRAP, NULL, &cur))
		return hc_err("static keys: sigaction(SIGTRAP): %s", strerror(errno));
	if ((cur.sa_flags & SA_SIGINFO) && cur.sa_sigaction == trap_handler)
		return 0;
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGTRAP, &sa, &old_trap))
		return hc_err("static keys: sigaction(SIGTRAP): %s", strerror(errno));
	return 0;
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

static int alias_open(void)
{
	alias_fd = memfd_create("hookcost-text", MFD_CLOEXEC | MFD_EXEC);
	if (alias_fd < 0 && errno == EINVAL)
		alias_fd = memfd_create("hookcost-text", MFD_CLOEXEC);
	if (alias_fd < 0)
		return hc_err("static keys: W+X refused (%s) and memfd_create failed: %s",
			      mprotect_why, strerror(errno));
	return 0;
}

static uint8_t *alias_find(uintptr_t page)
{
	size_t i;

	for (i = 0; i < nr_aliases; i++)
		if (aliases[i].page == page)
			return aliases[i].rw;
	return NULL;
}

/* Replace the text page by an executable memfd copy and keep a writable view of it. */
static int alias_adopt(uintptr_t page, int prot)
{
	size_t len = (size_t)sysconf(_SC_PAGESIZE);
	off_t off = (off_t)(nr_aliases * len);
	struct alias_page *grown;
	void *rw, *x;

	if (alias_fd < 0 && alias_open() < 0)
		return -1;
	grown = realloc(aliases, (nr_aliases + 1) * sizeof(*aliases));
	if (!grown)
		return hc_err("static keys: out of memory");
	aliases = grown;
	if (ftruncate(alias_fd, off + (off_t)len) ||
	    pwrite(alias_fd, (void *)page, len, off) != (ssize_t)len)
		return hc_err("static keys: copying text to a memfd: %s", strerror(errno));
	rw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, alias_fd, off);
	if (rw == MAP_FAILED)
		return hc_err("static keys: mapping the text alias: %s", strerror(errno));
	x = mmap(NULL, len, prot & ~PROT_WRITE, MAP_SHARED, alias_fd, off);
	if (x == MAP_FAILED) {
		munmap(rw, len);
		return hc_err("static keys: W+X refused (%s) and an executable memfd mapping "
			      "too: %s", mprotect_why, strerror(errno));
	}
	if (mremap(x, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)page) == MAP_FAILED) {
		munmap(x, len);
		munmap(rw, len);
		return hc_err("static keys: W+X refused (%s) and mremap over the text failed: %s",
			      mprotect_why, strerror(errno));
	}
	aliases[nr_aliases].page = page;
	aliases[nr_aliases].rw = rw;
	nr_aliases++;
	return 0;
}

static int text_page_cmp(const void *a, const void *b)
{
	uintptr_t x = ((const struct text_page *)a)->page, y = ((const struct text_page *)b)->page;

	return x < y ? -1 : x > y;
}

/* The pages the pokes touch (a site may straddle two), sorted and unique. */
static size_t text_pages(const struct poke *p, size_t n, struct text_page *pages)
{
	size_t i, nr = 0, out = 0;

	for (i = 0; i < n; i++) {
		pages[nr].page = page_of((uintptr_t)p[i].addr);
		pages[nr++].prot = p[i].prot;
		pages[nr].page = page_of((uintptr_t)p[i].addr + INSN_SIZE - 1);
		pages[nr++].prot = p[i].prot;
	}
	qsort(pages, nr, sizeof(*pages), text_page_cmp);
	for (i = 0; i < nr; i++)
		if (!out || pages[out - 1].page != pages[i].page)
			pages[out++] = pages[i];
	return out;
}

static void text_protect(const struct text_page *pages, size_t nr)
{
	size_t len = (size_t)sysconf(_SC_PAGESIZE), i;

	for (i = 0; i < nr; i++)
		mprotect((void *)pages[i].page, len, pages[i].prot);
}

static void text_restore(const struct text_page *pages, size_t nr)
{
	if (method == METHOD_MPROTECT)
		text_protect(pages, nr);
}

static int text_writable(const struct text_page *pages, size_t nr)
{
	const int rwx = PROT_READ | PROT_WRITE | PROT_EXEC;
	size_t len = (size_t)sysconf(_SC_PAGESIZE), i;
	int err;

	if (method != METHOD_ALIAS) {
		for (i = 0; i < nr; i++)
			if (mprotect((void *)pages[i].page, len, rwx))
				break;
		if (i == nr) {
			method = METHOD_MPROTECT;
			return 0;
		}
		err = errno;
		text_protect(pages, i);
		if (err != EACCES && err != EPERM)
			return hc_err("static keys: mprotect(RWX) of text at %#lx: %s",
				      (unsigned long)pages[i].page, strerror(err));
		snprintf(mprotect_why, sizeof(mprotect_why), "mprotect(PROT_WRITE|PROT_EXEC): %s",
			 strerror(err));
		method = METHOD_ALIAS;
	}
	for (i = 0; i < nr; i++)
		if (!alias_find(pages[i].page) && alias_adopt(pages[i].page, pages[i].prot) < 0)
			return -1;
	return 0;
}

static void text_write(uint8_t *addr, const uint8_t *src, size_t len)
{
	size_t pg = (size_t)sysconf(_SC_PAGESIZE), i;
	uint8_t *dst;

	for (i = 0; i < len; i++) {
		dst = addr + i;
		if (method == METHOD_ALIAS)
			dst = alias_find(page_of((uintptr_t)dst)) + ((uintptr_t)dst & (pg - 1));
		__atomic_store_n(dst, src[i], __ATOMIC_RELAXED);
	}
}

/*
 * Apply the pokes. live: other threads may run the sites, use the int3 protocol; otherwise
 * (an object still being loaded) write the instructions at once.
 */
static int poke_apply(const struct poke *p, size_t n, bool live)
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
			return hc_err("static keys: cannot count threads (/proc/self/status) and "
				      "cores cannot be serialized (%s)", sync_core_why);
		if (threads > 1)
			return hc_err("static keys: refusing to patch code while %d threads run: "
				      "cores cannot be serialized (%s)", threads, sync_core_why);
	}
	pages = calloc(2 * n, sizeof(*pages));
	if (!pages)
		return hc_err("static keys: out of memory");
	nr = text_pages(p, n, pages);
	if (text_writable(pages, nr) < 0) {
		free(pages);
		return -1;
	}
	if (live && trap_install() < 0) {
		ret = -1;
		goto out;
	}
	if (live) {
		for (i = 0; i < n; i++)
			text_write(p[i].addr, &int3, 1);
		serialize_all();
		for (i = 0; i < n; i++)
			text_write(p[i].addr + 1, p[i].insn + 1, INSN_SIZE - 1);
		serialize_all();
		for (i = 0; i < n; i++)
			text_write(p[i].addr, p[i].insn, 1);
	} else {
		for (i = 0; i < n; i++)
			text_write(p[i].addr, p[i].insn, INSN_SIZE);
	}
	serialize_all();
out:
	text_restore(pages, nr);
	free(pages);
	return ret;
}

static int entry_cmp(const void *a, const void *b)
{
	const struct hc_jump_entry *x = a, *y = b;
	uintptr_t kx = (uintptr_t)entry_key(x), ky = (uintptr_t)entry_key(y);

	if (kx != ky)
		return kx < ky ? -1 : 1;
	return x->code < y->code ? -1 : x->code > y->code;
}

/* First entry of key in a sorted table. */
static struct hc_jump_entry *object_key_first(const struct jump_object *o,
					      const struct hc_static_key *key)
{
	struct hc_jump_entry *lo = o->start, *hi = o->stop, *mid;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if ((uintptr_t)entry_key(mid) < (uintptr_t)key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Pokes that bring the sites of o (of key, or all if key is NULL) in line with their keys. */
static int object_pokes(const struct jump_object *o, const struct hc_static_key *key,
			struct poke **p, size_t *n, size_t *cap)
{
	struct hc_jump_entry *e = key ? object_key_first(o, key) : o->start;
	struct poke *grown;
	bool jump;

	for (; e < o->stop && (!key || entry_key(e) == key); e++) {
		jump = entry_wants_jump(e);
		if (site_jumps(e) == jump)
			continue;
		if (*n == *cap) {
			*cap = *cap ? 2 * *cap : 16;
			grown = realloc(*p, *cap * sizeof(**p));
			if (!grown)
				return hc_err("static keys: out of memory");
			*p = grown;
		}
		(*p)[*n].addr = (uint8_t *)e->code;
		(*p)[*n].prot = o->text_prot;
		entry_insn(e, jump, (*p)[*n].insn);
		(*n)++;
	}
	return 0;
}

static int key_update(const struct hc_static_key *key)
{
	const struct jump_object *o;
	struct poke *p = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	for (o = objects; o && !ret; o = o->next)
		if (o->alive)
			ret = object_pokes(o, key, &p, &n, &cap);
	if (!ret)
		ret = poke_apply(p, n, true);
	free(p);
	return ret;
}

struct object_query {
	uintptr_t addr;
	struct jump_object *o;
	bool found;
};

const ElfW(Phdr) *hc_ustatic_segment(const struct dl_phdr_info *info, uintptr_t addr)
{
	const ElfW(Phdr) *ph;
	uintptr_t lo;
	int i;

	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		lo = info->dlpi_addr + ph->p_vaddr;
		if (ph->p_type == PT_LOAD && addr >= lo && addr < lo + ph->p_memsz)
			return ph;
	}
	return NULL;
}

static int object_find(struct dl_phdr_info *info, size_t size, void *arg)
{
	struct object_query *q = arg;
	struct jump_object *o = q->o;
	const ElfW(Phdr) *ph;
	uintptr_t lo;
	int i;

	if (!hc_ustatic_segment(info, q->addr))
		return 0;
	o->base = info->dlpi_addr;
	o->name = strdup(info->dlpi_name && *info->dlpi_name ? info->dlpi_name : "the program");
	o->text_lo = UINTPTR_MAX;
	for (i = 0; i < info->dlpi_phnum; i++) {
		ph = &info->dlpi_phdr[i];
		if (ph->p_type != PT_LOAD || !(ph->p_flags & PF_X))
			continue;
		lo = info->dlpi_addr + ph->p_vaddr;
		if (lo < o->text_lo)
			o->text_lo = lo;
		if (lo + ph->p_memsz > o->text_hi)
			o->text_hi = lo + ph->p_memsz;
		o->text_prot = PROT_EXEC | (ph->p_flags & PF_R ? PROT_READ : 0);
	}
	q->found = o->text_lo < o->text_hi;
	return 1;
}

static int object_check(const struct jump_object *o)
{
	const struct hc_jump_entry *e;
	uint8_t jmp[INSN_SIZE];
	int64_t rel;

	for (e = o->start; e < o->stop; e++) {
		rel = (int64_t)(e->target - (e->code + INSN_SIZE));
		if (e->code < o->text_lo || e->code + INSN_SIZE > o->text_hi ||
		    e->target < o->text_lo || e->target >= o->text_hi || rel != (int32_t)rel)
			return hc_err("static keys: %s: site %#lx or its target %#lx is outside "
				      "the object's text", o->name, (unsigned long)e->code,
				      (unsigned long)e->target);
		entry_insn(e, true, jmp);
		if (memcmp((void *)e->code, nop5, INSN_SIZE) &&
		    memcmp((void *)e->code, jmp, INSN_SIZE))
			return hc_err("static keys: %s: site %#lx is neither the 5-byte NOP nor "
				      "its jmp", o->name, (unsigned long)e->code);
	}
	return 0;
}

static int object_register(struct jump_object *o)
{
	struct object_query q = { .addr = (uintptr_t)o->start, .o = o };
	struct poke *p = NULL;
	size_t n = 0, cap = 0;
	int ret;

	dl_iterate_phdr(object_find, &q);
	if (!q.found)
		return hc_err("static keys: no loaded object holds the jump table at %p",
			      (void *)o->start);
	if (object_check(o) < 0)
		return -1;
	qsort(o->start, (size_t)(o->stop - o->start), sizeof(*o->start), entry_cmp);
	/* Keys changed before the object was loaded: no thread runs its code yet. */
	ret = object_pokes(o, NULL, &p, &n, &cap);
	if (!ret)
		ret = poke_apply(p, n, false);
	free(p);
	return ret;
}

void hc_jump_table_register(struct hc_jump_entry *start, struct hc_jump_entry *stop)
{
	struct jump_object *o;

	if (start == stop)
		return;
	pthread_mutex_lock(&jump_lock);
	for (o = objects; o; o = o->next) {
		if (o->alive && o->start == start) {
			o->refs++;
			goto out;
		}
	}
	o = calloc(1, sizeof(*o));
	if (!o) {
		snprintf(register_error, sizeof(register_error),
			 "static keys: out of memory registering a jump table");
		goto out;
	}
	o->start = start;
	o->stop = stop;
	o->refs = 1;
	if (object_register(o) < 0) {
		/* Nobody to return the error to: keys refuse to change from now on. */
		snprintf(register_error, sizeof(register_error), "%s", hc_err_msg());
		hc_warn("%s", register_error);
		free(o->name);
		free(o);
		goto out;
	}
	o->alive = 1;
	o->next = objects;
	__atomic_store_n(&objects, o, __ATOMIC_RELEASE);
out:
	pthread_mutex_unlock(&jump_lock);
}

void hc_jump_table_unregister(struct hc_jump_entry *start)
{
	struct jump_object *o;

	if (!start)
		return;
	pthread_mutex_lock(&jump_lock);
	for (o = objects; o; o = o->next) {
		if (o->alive && o->start == start) {
			if (!--o->refs)
				__atomic_store_n(&o->alive, 0, __ATOMIC_RELEASE);
			break;
		}
	}
	pthread_mutex_unlock(&jump_lock);
}

static int key_set(struct hc_static_key *key, int from, int during, int to)
{
	int ret;

	__atomic_store_n(&key->enabled, during, __ATOMIC_RELEASE);
	ret = key_update(key);
	/* A failed update wrote nothing: poke_apply fails only before its first write. */
	__atomic_store_n(&key->enabled, ret ? from : to, __ATOMIC_RELEASE);
	return ret;
}

/*
 * The four calls keep the kernel's semantics: enable/disable act only between 0 and 1,
 * inc/dec count, and the sites change when the count crosses zero. -1 marks a key whose
 * first enable is patching, as in the kernel.
 */
static int key_change(struct hc_static_key *key, int delta, bool counted)
{
	int n, ret = 0;

	pthread_mutex_lock(&jump_lock);
	n = key->enabled;
	if (register_error[0]) {
		ret = hc_err("%s", register_error);
	} else if (delta > 0) {
		if (!n)
			ret = key_set(key, 0, -1, 1);
		else if (counted)
			__atomic_store_n(&key->enabled, n + 1, __ATOMIC_RELEASE);
	} else if (counted && n <= 0) {
		ret = hc_err("static keys: hc_static_key_dec() of a disabled key");
	} else if (n == 1) {
		ret = key_set(key, 1, 0, 0);
	} else if (counted) {
		__atomic_store_n(&key->enabled, n - 1, __ATOMIC_RELEASE);
	}
	pthread_mutex_unlock(&jump_lock);
	return ret;
}

int hc_ustatic_enable(struct hc_static_key *key)
{
	return key_change(key, 1, false);
}

int hc_ustatic_disable(struct hc_static_key *key)
{
	return key_change(key, -1, false);
}

int hc_ustatic_inc(struct hc_static_key *key)
{
	return key_change(key, 1, true);
}

int hc_ustatic_dec(struct hc_static_key *key)
{
	return key_change(key, -1, true);
}

int hc_ustatic_for_each_site(int (*fn)(const struct hc_ustatic_site *site, void *arg),
			     void *arg)
{
	const struct jump_object *o;
	struct hc_ustatic_site s;
	int ret = 0;

	pthread_mutex_lock(&jump_lock);
	for (o = objects; o && !ret; o = o->next) {
		if (!o->alive)
			continue;
		s.base = o->base;
		s.object = o->name;
		for (s.entry = o->start; s.entry < o->stop && !ret; s.entry++) {
			s.jumps = site_jumps(s.entry);
			ret = fn(&s, arg);
		}
	}
	pthread_mutex_unlock(&jump_lock);
	return ret;
}

const char *hc_ustatic_method(void)
{
	static const char *const names[] = {
		[METHOD_NONE] = "none",
		[METHOD_MPROTECT] = "mprotect",
		[METHOD_ALIAS] = "alias",
	};

	return names[method];
}

bool hc_ustatic_sync_core(void)
{
	return sync_core_ok;
}

unsigned long hc_ustatic_traps(void)
{
	return __atomic_load_n(&nr_traps, __ATOMIC_RELAXED);
}
