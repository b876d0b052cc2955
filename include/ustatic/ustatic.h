/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the harness and the tests may ask the user-space static keys beyond the API in
 * <hookcost/static_branch.h>: where the sites are and how code gets patched here.
 */
#ifndef HC_USTATIC_H
#define HC_USTATIC_H

#include <link.h>
#include <stdbool.h>
#include <stdint.h>

#include <hookcost/static_branch.h>

struct hc_ustatic_site {
	const struct hc_jump_entry *entry;
	uintptr_t base;		/* load bias of the object: link-time address = code - base */
	const char *object;	/* path of the object, or "the program" */
	bool jumps;		/* the site holds a jmp now (else the 5-byte NOP) */
};

/* Calls fn for every registered site, in object order, until fn returns non-zero. */
int hc_ustatic_for_each_site(int (*fn)(const struct hc_ustatic_site *site, void *arg),
			     void *arg);

/* The loadable segment of a dl_iterate_phdr() object that holds addr, or NULL. */
const ElfW(Phdr) *hc_ustatic_segment(const struct dl_phdr_info *info, uintptr_t addr);

/* "mprotect" (text made RWX while patching), "alias" (W^X: a writable alias), or "none". */
const char *hc_ustatic_method(void);

/* Whether membarrier SYNC_CORE is registered, i.e. patching with threads running is safe. */
bool hc_ustatic_sync_core(void);

/* Sites passed on by the SIGTRAP handler since start (a thread hit an int3 mid-patch). */
unsigned long hc_ustatic_traps(void);

/*
 * Where the library's messages go: a failing call reports one line (no newline) with
 * hc_ustatic_report_error() and returns its value (-1), a warning goes to
 * hc_ustatic_report_warning(). The library's own (weak) definitions keep the error for
 * hc_ustatic_last_error() and print warnings to stderr; a program with an error convention of
 * its own defines both.
 */
int hc_ustatic_report_error(const char *msg);
void hc_ustatic_report_warning(const char *msg);
/* The last error message of the library in this thread, "" for none. */
const char *hc_ustatic_last_error(void);

#endif
