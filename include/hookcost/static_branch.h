/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One static-key API for the module and the harness. In the kernel the names map onto
 * <linux/jump_label.h>; in user space they are hookcost's own jump labels (the ustatic
 * library, bench/lib/ustatic/): a disabled site is one 5-byte NOP, an enabled one a 5-byte
 * jmp, patched at run time with the kernel's int3 protocol so other threads may execute the
 * site meanwhile.
 *
 *	HC_DEFINE_STATIC_KEY_FALSE(key);
 *	if (hc_static_branch_unlikely(&key))
 *		slow_path();
 *	hc_static_key_enable(&key);	(returns 0, or -1 with the reason in hc_err_msg())
 *
 * hc_static_key_inc/dec count like static_branch_inc/dec: the key is enabled while the count
 * is above zero. A TRUE key starts with a count of one.
 *
 * User space only: a thread that executes a site while its key changes must not block SIGTRAP
 * (one that hits the int3 of a site being patched is sent on by a SIGTRAP handler; with the
 * signal blocked the kernel kills the process). The code is x86-64 only.
 */
#ifndef HOOKCOST_STATIC_BRANCH_H
#define HOOKCOST_STATIC_BRANCH_H

#ifdef __KERNEL__

#include <linux/jump_label.h>

#define hc_static_key_true			static_key_true
#define hc_static_key_false			static_key_false

#define HC_DEFINE_STATIC_KEY_TRUE(name)		DEFINE_STATIC_KEY_TRUE(name)
#define HC_DEFINE_STATIC_KEY_FALSE(name)	DEFINE_STATIC_KEY_FALSE(name)
#define HC_DECLARE_STATIC_KEY_TRUE(name)	DECLARE_STATIC_KEY_TRUE(name)
#define HC_DECLARE_STATIC_KEY_FALSE(name)	DECLARE_STATIC_KEY_FALSE(name)

#define hc_static_branch_likely(x)		static_branch_likely(x)
#define hc_static_branch_unlikely(x)		static_branch_unlikely(x)
#define hc_static_key_enabled(x)		static_key_enabled(x)

/* The kernel's calls cannot fail; return 0 so callers are the same in both worlds. */
#define hc_static_key_enable(x)		({ static_branch_enable(x); 0; })
#define hc_static_key_disable(x)	({ static_branch_disable(x); 0; })
#define hc_static_key_inc(x)		({ static_branch_inc(x); 0; })
#define hc_static_key_dec(x)		({ static_branch_dec(x); 0; })

#else /* !__KERNEL__ */

#ifndef __x86_64__
#error "hookcost user-space static keys patch x86-64 code; this target is not supported"
#endif

#include <stdbool.h>
#include <stdint.h>

struct hc_static_key {
	/* Reference count; -1 while the first enable is patching (read by the trap handler). */
	int enabled;
};

struct hc_static_key_true {
	struct hc_static_key key;
};

struct hc_static_key_false {
	struct hc_static_key key;
};

/*
 * One per site, in the section hc_jump_table of the object holding the site. Bit 0 of key
 * is the branch direction (1 for hc_static_branch_likely): the site jumps when the key's
 * state differs from it, exactly as the kernel's struct jump_entry.
 */
struct hc_jump_entry {
	uintptr_t code;
	uintptr_t target;
	uintptr_t key;
};

#define HC_STATIC_KEY_TRUE_INIT		{ .key = { .enabled = 1 } }
#define HC_STATIC_KEY_FALSE_INIT	{ .key = { .enabled = 0 } }

#define HC_DEFINE_STATIC_KEY_TRUE(name)						\
	struct hc_static_key_true name = HC_STATIC_KEY_TRUE_INIT
#define HC_DEFINE_STATIC_KEY_FALSE(name)					\
	struct hc_static_key_false name = HC_STATIC_KEY_FALSE_INIT
#define HC_DECLARE_STATIC_KEY_TRUE(name)	extern struct hc_static_key_true name
#define HC_DECLARE_STATIC_KEY_FALSE(name)	extern struct hc_static_key_false name

#define HC_JUMP_NOP5	".byte 0x0f, 0x1f, 0x44, 0x00, 0x00"
#define HC_JUMP_JMP5	".byte 0xe9\n\t.long %l[__hc_yes] - 2f\n2:"

/*
 * The site: insn, then its entry. "X" with %p prints the key's symbol, which (unlike "i")
 * is accepted in -fPIC code too; the dynamic linker relocates the absolute entry fields.
 * A macro, not an inline function, so branch stays a constant at -O0.
 */
#define __hc_arch_static_branch(k, branch, insn)				\
({										\
	__label__ __hc_yes;							\
	bool __hc_taken = false;						\
	__asm__ goto("1: " insn "\n\t"						\
		     ".pushsection hc_jump_table, \"aw\"\n\t"			\
		     ".balign 8\n\t"						\
		     ".quad 1b, %l[__hc_yes], %p0 + %c1\n\t"			\
		     ".popsection"						\
		     : : "X"(k), "i"(branch) : : __hc_yes);			\
	if (0) {								\
__hc_yes:									\
		__hc_taken = true;						\
	}									\
	__hc_taken;								\
})

extern bool __hc_static_branch_wrong_key(void)
	__attribute__((error("static branch on something that is not a static key")));

#define __hc_key_is(x, type)	__builtin_types_compatible_p(__typeof__(*(x)), struct type)

/* As the kernel: the initial code follows the key's initial value and the branch hint. */
#define hc_static_branch_likely(x)						\
	__builtin_expect(__builtin_choose_expr(__hc_key_is(x, hc_static_key_true),	\
		!__hc_arch_static_branch(&(x)->key, 1, HC_JUMP_NOP5),			\
		__builtin_choose_expr(__hc_key_is(x, hc_static_key_false),		\
			!__hc_arch_static_branch(&(x)->key, 1, HC_JUMP_JMP5),		\
			__hc_static_branch_wrong_key())), 1)

#define hc_static_branch_unlikely(x)						\
	__builtin_expect(__builtin_choose_expr(__hc_key_is(x, hc_static_key_true),	\
		__hc_arch_static_branch(&(x)->key, 0, HC_JUMP_JMP5),			\
		__builtin_choose_expr(__hc_key_is(x, hc_static_key_false),		\
			__hc_arch_static_branch(&(x)->key, 0, HC_JUMP_NOP5),		\
			__hc_static_branch_wrong_key())), 0)

/* bench/lib/ustatic/key.c. Each returns 0, or records the reason with hc_err() and returns -1. */
int hc_ustatic_enable(struct hc_static_key *key);
int hc_ustatic_disable(struct hc_static_key *key);
int hc_ustatic_inc(struct hc_static_key *key);
int hc_ustatic_dec(struct hc_static_key *key);

#define hc_static_key_enable(x)		hc_ustatic_enable(&(x)->key)
#define hc_static_key_disable(x)	hc_ustatic_disable(&(x)->key)
#define hc_static_key_inc(x)		hc_ustatic_inc(&(x)->key)
#define hc_static_key_dec(x)		hc_ustatic_dec(&(x)->key)
#define hc_static_key_enabled(x)	(__atomic_load_n(&(x)->key.enabled, __ATOMIC_ACQUIRE) != 0)

/*
 * Every object (the program, each shared object) has its own table: __start/__stop are
 * hidden, so they bind to this object's section. Each translation unit registers it from a
 * constructor (the registry counts duplicates), so dlopen and dlclose register and drop the
 * sites of the object without the object doing anything.
 */
void hc_jump_table_register(struct hc_jump_entry *start, struct hc_jump_entry *stop);
void hc_jump_table_unregister(struct hc_jump_entry *start);

extern struct hc_jump_entry __start_hc_jump_table[]
	__attribute__((weak, visibility("hidden")));
extern struct hc_jump_entry __stop_hc_jump_table[]
	__attribute__((weak, visibility("hidden")));

/* An object without sites passes two null pointers, which the registry ignores. */
static void __attribute__((constructor)) hc_jump_table_ctor(void)
{
	hc_jump_table_register(__start_hc_jump_table, __stop_hc_jump_table);
}

static void __attribute__((destructor)) hc_jump_table_dtor(void)
{
	hc_jump_table_unregister(__start_hc_jump_table);
}

#endif /* __KERNEL__ */

#endif /* HOOKCOST_STATIC_BRANCH_H */
