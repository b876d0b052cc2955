/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the user-space static keys share; the API is <hookcost/static_branch.h>
 * and <ustatic/ustatic.h>.
 *
 *	sites.c	the registry of objects and their sites; what a key's sites should hold
 *	key.c	the four key calls and their counting
 *	patch.c	applying a batch of pokes safely while other threads run the sites
 *	text.c	making text writable: mprotect, or a W^X alias where W+X is refused
 *	trap.c	the SIGTRAP handler for a thread that meets an int3 mid-patch
 */
#ifndef HC_USTATIC_INTERNAL_H
#define HC_USTATIC_INTERNAL_H

#include <pthread.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <ustatic/ustatic.h>

#define INSN_SIZE	5
#define OP_INT3		0xcc
#define OP_JMP32	0xe9

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

/* A page the pokes touch, and the protection to give back. */
struct text_page {
	uintptr_t page;
	int prot;
};

/* error.c: a message through hc_ustatic_report_error(), returning its value; a warning. */
int ustatic_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
void ustatic_warn(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* sites.c */
extern pthread_mutex_t ustatic_lock;		/* serializes registration and key changes */
extern struct jump_object *ustatic_objects;	/* atomic head: the trap handler walks it */
int ustatic_key_update(const struct hc_static_key *key);
const char *ustatic_register_error(void);

/* patch.c */
int ustatic_poke_apply(const struct poke *p, size_t n, bool live);

/* text.c */
size_t ustatic_text_pages(const struct poke *p, size_t n, struct text_page *pages);
int ustatic_text_writable(const struct text_page *pages, size_t nr);
void ustatic_text_write(uint8_t *addr, const uint8_t *src, size_t len);
void ustatic_text_restore(const struct text_page *pages, size_t nr);

/* trap.c */
int ustatic_trap_install(void);

static inline struct hc_static_key *entry_key(const struct hc_jump_entry *e)
{
	return (struct hc_static_key *)(e->key & ~(uintptr_t)1);
}

/* The site jumps when the key's state differs from the branch direction. */
static inline bool entry_wants_jump(const struct hc_jump_entry *e)
{
	bool on = __atomic_load_n(&entry_key(e)->enabled, __ATOMIC_ACQUIRE) != 0;

	return on != (e->key & 1);
}

#endif
