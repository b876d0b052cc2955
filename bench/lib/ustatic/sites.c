// SPDX-License-Identifier: GPL-2.0
/*
 * The registry of sites. Every object registers its table of sites (hc_jump_table) from a
 * constructor; the table is sorted by key so a key's sites are one range per object, and
 * brought in line with keys changed before the object was loaded.
 */
#include <link.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include "internal.h"

pthread_mutex_t ustatic_lock = PTHREAD_MUTEX_INITIALIZER;
struct jump_object *ustatic_objects;
static char register_error[320];	/* sticky: a table that could not be registered */

static const uint8_t nop5[INSN_SIZE] = { 0x0f, 0x1f, 0x44, 0x00, 0x00 };

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
				return ustatic_err("static keys: out of memory");
			*p = grown;
		}
		(*p)[*n].addr = (uint8_t *)e->code;
		(*p)[*n].prot = o->text_prot;
		entry_insn(e, jump, (*p)[*n].insn);
		(*n)++;
	}
	return 0;
}

int ustatic_key_update(const struct hc_static_key *key)
{
	const struct jump_object *o;
	struct poke *p = NULL;
	size_t n = 0, cap = 0;
	int ret = 0;

	for (o = ustatic_objects; o && !ret; o = o->next)
		if (o->alive)
			ret = object_pokes(o, key, &p, &n, &cap);
	if (!ret)
		ret = ustatic_poke_apply(p, n, true);
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
			return ustatic_err("static keys: %s: site %#lx or its target %#lx is outside "
				      "the object's text", o->name, (unsigned long)e->code,
				      (unsigned long)e->target);
		entry_insn(e, true, jmp);
		if (memcmp((void *)e->code, nop5, INSN_SIZE) &&
		    memcmp((void *)e->code, jmp, INSN_SIZE))
			return ustatic_err("static keys: %s: site %#lx is neither the 5-byte NOP nor "
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
		return ustatic_err("static keys: no loaded object holds the jump table at %p",
			      (void *)o->start);
	if (object_check(o) < 0)
		return -1;
	qsort(o->start, (size_t)(o->stop - o->start), sizeof(*o->start), entry_cmp);
	/* Keys changed before the object was loaded: no thread runs its code yet. */
	ret = object_pokes(o, NULL, &p, &n, &cap);
	if (!ret)
		ret = ustatic_poke_apply(p, n, false);
	free(p);
	return ret;
}

void hc_jump_table_register(struct hc_jump_entry *start, struct hc_jump_entry *stop)
{
	struct jump_object *o;

	if (start == stop)
		return;
	pthread_mutex_lock(&ustatic_lock);
	for (o = ustatic_objects; o; o = o->next) {
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
		snprintf(register_error, sizeof(register_error), "%s", hc_ustatic_last_error());
		ustatic_warn("%s", register_error);
		free(o->name);
		free(o);
		goto out;
	}
	o->alive = 1;
	o->next = ustatic_objects;
	__atomic_store_n(&ustatic_objects, o, __ATOMIC_RELEASE);
out:
	pthread_mutex_unlock(&ustatic_lock);
}

void hc_jump_table_unregister(struct hc_jump_entry *start)
{
	struct jump_object *o;

	if (!start)
		return;
	pthread_mutex_lock(&ustatic_lock);
	for (o = ustatic_objects; o; o = o->next) {
		if (o->alive && o->start == start) {
			if (!--o->refs)
				__atomic_store_n(&o->alive, 0, __ATOMIC_RELEASE);
			break;
		}
	}
	pthread_mutex_unlock(&ustatic_lock);
}

int hc_ustatic_for_each_site(int (*fn)(const struct hc_ustatic_site *site, void *arg),
			     void *arg)
{
	const struct jump_object *o;
	struct hc_ustatic_site s;
	int ret = 0;

	pthread_mutex_lock(&ustatic_lock);
	for (o = ustatic_objects; o && !ret; o = o->next) {
		if (!o->alive)
			continue;
		s.base = o->base;
		s.object = o->name;
		for (s.entry = o->start; s.entry < o->stop && !ret; s.entry++) {
			s.jumps = site_jumps(s.entry);
			ret = fn(&s, arg);
		}
	}
	pthread_mutex_unlock(&ustatic_lock);
	return ret;
}

/* Why keys refuse to change (a table could not be registered), or NULL. */
const char *ustatic_register_error(void)
{
	return register_error[0] ? register_error : NULL;
}
