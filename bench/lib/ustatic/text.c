// SPDX-License-Identifier: GPL-2.0
/*
 * Making text writable for a patch. Text is made writable with mprotect(RWX) while patching;
 * where W+X is refused (SELinux, PR_SET_MDWE) a patched page is replaced once by an executable
 * mapping of a memfd copy (mremap moves it over the original atomically) and later written
 * through a second, writable but not executable, mapping of the same memfd.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "internal.h"

#ifndef MFD_EXEC
#define MFD_EXEC 0x0010U	/* Linux 6.3: exec allowed even with vm.memfd_noexec=1 */
#endif

struct alias_page {
	uintptr_t page;
	uint8_t *rw;
};

enum poke_method {
	METHOD_NONE,		/* nothing patched yet */
	METHOD_MPROTECT,
	METHOD_ALIAS,
};

static enum poke_method method;
static char mprotect_why[128];
static struct alias_page *aliases;
static size_t nr_aliases;
static int alias_fd = -1;

static uintptr_t page_of(uintptr_t addr)
{
	return addr & ~((uintptr_t)sysconf(_SC_PAGESIZE) - 1);
}

static int alias_open(void)
{
	alias_fd = memfd_create("hookcost-text", MFD_CLOEXEC | MFD_EXEC);
	if (alias_fd < 0 && errno == EINVAL)
		alias_fd = memfd_create("hookcost-text", MFD_CLOEXEC);
	if (alias_fd < 0)
		return ustatic_err("static keys: W+X refused (%s) and memfd_create failed: %s",
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
		return ustatic_err("static keys: out of memory");
	aliases = grown;
	if (ftruncate(alias_fd, off + (off_t)len) ||
	    pwrite(alias_fd, (void *)page, len, off) != (ssize_t)len)
		return ustatic_err("static keys: copying text to a memfd: %s", strerror(errno));
	rw = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, alias_fd, off);
	if (rw == MAP_FAILED)
		return ustatic_err("static keys: mapping the text alias: %s", strerror(errno));
	x = mmap(NULL, len, prot & ~PROT_WRITE, MAP_SHARED, alias_fd, off);
	if (x == MAP_FAILED) {
		munmap(rw, len);
		return ustatic_err("static keys: W+X refused (%s) and an executable memfd mapping "
			      "too: %s", mprotect_why, strerror(errno));
	}
	if (mremap(x, len, len, MREMAP_MAYMOVE | MREMAP_FIXED, (void *)page) == MAP_FAILED) {
		munmap(x, len);
		munmap(rw, len);
		return ustatic_err("static keys: W+X refused (%s) and mremap over the text failed: %s",
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
size_t ustatic_text_pages(const struct poke *p, size_t n, struct text_page *pages)
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

void ustatic_text_restore(const struct text_page *pages, size_t nr)
{
	if (method == METHOD_MPROTECT)
		text_protect(pages, nr);
}

int ustatic_text_writable(const struct text_page *pages, size_t nr)
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
			return ustatic_err("static keys: mprotect(RWX) of text at %#lx: %s",
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

void ustatic_text_write(uint8_t *addr, const uint8_t *src, size_t len)
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

const char *hc_ustatic_method(void)
{
	static const char *const names[] = {
		[METHOD_NONE] = "none",
		[METHOD_MPROTECT] = "mprotect",
		[METHOD_ALIAS] = "alias",
	};

	return names[method];
}
