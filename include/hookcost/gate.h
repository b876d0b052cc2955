/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gates: how a hook site is guarded (DESIGN.md "Gates"). A model writes each fast path once,
 * as a static __always_inline template whose first parameter is `const enum hc_gate gate`,
 * and each hook site in it as
 *
 *	ret = HC_HOOK(gate, prefix, dflt, fn, args...);
 *
 * HC_GATE_INSTANCES() then defines one out-of-line function per gate that calls the template
 * with a constant; the compiler folds the gate and keeps only that gate's guard:
 *
 *	none (config off)  the site is compiled out: dflt
 *	static             static key (a NOP while disabled), then a call of prefix_fn()
 *	branch             load of prefix_flag, conditional jump, call of prefix_fn()
 *	indirect           unconditional call through prefix_ops->fn (a no-op while disabled)
 *	field              static key, then prefix_fn_field(), which takes what it needs from a
 *	                   pointer the feature added to the hot object
 *
 * A model declares its gate with HC_GATE_DECLARE(prefix, ops_type), ops_type being a struct
 * with one member per hook (same signature as prefix_fn), and defines it (HC_MODELS_DEFINE)
 * with HC_GATE_DEFINE(prefix, ops_type), providing prefix_ops_nop (hooks that do nothing: the
 * "disabled" target of the indirect gate) and prefix_ops_on (the real hooks). hc_gate_switch()
 * moves all gates of a prefix together, so a configuration is a model state, not a per-gate
 * detail.
 */
#ifndef HOOKCOST_GATE_H
#define HOOKCOST_GATE_H

#include <hookcost/abi.h>
#include <hookcost/compat.h>
#include <hookcost/static_branch.h>

/*
 * Hook calls. A guarded call must not change the fast path around it, or "unused" would pay
 * for more than its guard: a plain C call makes the compiler keep live values in callee-saved
 * registers and save them on every path. So gates static, branch and field call a hook from an
 * asm statement that changes no register, through a thunk that saves every register a C
 * function may clobber (the kernel's paravirt "callee-save" thunks do the same) and hands the
 * result back in the flags (a bool: ZF clear for true) or in the first argument's register (a
 * value of the first argument's type). Only general registers are saved: code that calls hooks
 * is built without vector registers (the kernel always is; bench/suites/models.c says so for user
 * space). The indirect gate is a plain C call through the pointer: what the compiler makes of
 * "just one indirect function call" is the point of that gate.
 *
 * A hook takes one or two arguments of integer or pointer type and returns bool or the type of
 * its first argument. HC_HOOK_DECLARE(ret, fn, params) declares hook fn and its thunk;
 * HC_HOOK_THUNK_BOOL(fn) or HC_HOOK_THUNK(fn) defines the thunk (HC_MODELS_DEFINE).
 */
#ifndef __x86_64__
#error "hookcost hook thunks are x86-64 code"
#endif

#ifdef __KERNEL__
#include <asm/asm.h>
#include <asm/linkage.h>
#define HC_RED_ZONE_SKIP	""
#define HC_RED_ZONE_BACK	""
#define HC_ASM_CALL_OUT		, ASM_CALL_CONSTRAINT
#define HC_THUNK_RET		ASM_RET
#else
/* The call's return address must not land in the leaf function's red zone. */
#define HC_RED_ZONE_SKIP	"lea -128(%%rsp), %%rsp\n\t"
#define HC_RED_ZONE_BACK	"\n\tlea 128(%%rsp), %%rsp"
#define HC_ASM_CALL_OUT
#define HC_THUNK_RET		"ret\n\t"
#endif

#define HC_HOOK_DECLARE(ret, fn, params)					\
	ret fn params;								\
	extern const char fn##_thunk[]

/* lea, pop and ret leave the flags as test set them. */
#define HC_THUNK_ASM(name, fn, keep)						\
	".pushsection .text\n\t"						\
	".globl " name "\n\t"							\
	".type " name ", @function\n"						\
	name ":\n\t"								\
	"push %rbp\n\t"								\
	"mov %rsp, %rbp\n\t"							\
	"push %rdi\n\t"								\
	"push %rsi\n\t"								\
	"push %rdx\n\t"								\
	"push %rcx\n\t"								\
	"push %r8\n\t"								\
	"push %r9\n\t"								\
	"push %r10\n\t"								\
	"push %r11\n\t"								\
	"push %rax\n\t"								\
	"and $-16, %rsp\n\t"							\
	"call " fn "\n\t"							\
	keep									\
	"test %al, %al\n\t"							\
	"lea -72(%rbp), %rsp\n\t"						\
	"pop %rax\n\t"								\
	"pop %r11\n\t"								\
	"pop %r10\n\t"								\
	"pop %r9\n\t"								\
	"pop %r8\n\t"								\
	"pop %rcx\n\t"								\
	"pop %rdx\n\t"								\
	"pop %rsi\n\t"								\
	"pop %rdi\n\t"								\
	"pop %rbp\n\t"								\
	HC_THUNK_RET								\
	".size " name ", .-" name "\n\t"					\
	".popsection"

/* The thunk of a hook returning bool (in ZF), or a value (in the first argument's register). */
#define HC_HOOK_THUNK_BOOL(fn)	__asm__(HC_THUNK_ASM(#fn "_thunk", #fn, ""))
#define HC_HOOK_THUNK(fn)	__asm__(HC_THUNK_ASM(#fn "_thunk", #fn, "mov %rax, -8(%rbp)\n\t"))

/* Expands an alias (a hook name that is a macro) before naming its thunk. */
#define HC_THUNK_OF(fn)		__HC_THUNK_OF(fn)
#define __HC_THUNK_OF(fn)	fn##_thunk

#define __HC_NARG(...)			__HC_NARG_(__VA_ARGS__, 2, 1, 0)
#define __HC_NARG_(a, b, n, ...)	n
#define __HC_CAT(a, b)			__HC_CAT_(a, b)
#define __HC_CAT_(a, b)			a##b

#define __HC_THUNK_BOOL(thunk, ...)						\
({										\
	bool __hc_zf_clear;							\
										\
	__asm__ volatile(HC_RED_ZONE_SKIP "call %P[t]" HC_RED_ZONE_BACK		\
			 : "=@ccnz"(__hc_zf_clear) HC_ASM_CALL_OUT		\
			 : [t] "X"(thunk), __VA_ARGS__				\
			 : "memory");						\
	__hc_zf_clear;								\
})
#define __HC_THUNK_BOOL1(thunk, a0)	__HC_THUNK_BOOL(thunk, "D"(a0))
#define __HC_THUNK_BOOL2(thunk, a0, a1)	__HC_THUNK_BOOL(thunk, "D"(a0), "S"(a1))

#define __HC_THUNK_VAL(thunk, a0, ...)						\
({										\
	__typeof__(a0) __hc_v = (a0);						\
										\
	__asm__ volatile(HC_RED_ZONE_SKIP "call %P[t]" HC_RED_ZONE_BACK		\
			 : "+D"(__hc_v) HC_ASM_CALL_OUT				\
			 : [t] "X"(thunk) __VA_ARGS__				\
			 : "memory", "cc");					\
	__hc_v;									\
})
#define __HC_THUNK_VAL1(thunk, a0)	__HC_THUNK_VAL(thunk, a0)
#define __HC_THUNK_VAL2(thunk, a0, a1)	__HC_THUNK_VAL(thunk, a0, , "S"(a1))

/* fn(args) through fn's thunk. */
#define HC_HOOK_CALL(fn, ...)							\
	__builtin_choose_expr(							\
		__builtin_types_compatible_p(__typeof__(fn(__VA_ARGS__)), bool),	\
		__HC_CAT(__HC_THUNK_BOOL, __HC_NARG(__VA_ARGS__))(HC_THUNK_OF(fn), __VA_ARGS__), \
		__HC_CAT(__HC_THUNK_VAL, __HC_NARG(__VA_ARGS__))(HC_THUNK_OF(fn), __VA_ARGS__))

#define HC_GATE_DECLARE(prefix, ops_type)					\
	HC_DECLARE_STATIC_KEY_FALSE(prefix##_key);				\
	extern bool prefix##_flag;						\
	extern const ops_type *prefix##_ops;					\
	extern const ops_type prefix##_ops_nop, prefix##_ops_on

#define HC_GATE_DEFINE(prefix, ops_type)					\
	HC_DEFINE_STATIC_KEY_FALSE(prefix##_key);				\
	bool prefix##_flag;							\
	const ops_type *prefix##_ops = &prefix##_ops_nop

/*
 * Turns the hooks of prefix on or off in every gate at once. Process context (the kernel's
 * static_branch_enable() sleeps); returns 0 or a negative value (user space: the patching
 * failed, reason in hc_err_msg()).
 */
#define hc_gate_switch(prefix, on)						\
({										\
	int __hc_ret = (on) ? hc_static_key_enable(&prefix##_key) :		\
			      hc_static_key_disable(&prefix##_key);		\
	WRITE_ONCE(prefix##_flag, (on));					\
	WRITE_ONCE(prefix##_ops, (on) ? &prefix##_ops_on : &prefix##_ops_nop);	\
	__hc_ret;								\
})

#define HC_HOOK(gate, prefix, dflt, fn, ...)					\
	((gate) == HC_GATE_STATIC ?						\
		(hc_static_branch_unlikely(&prefix##_key) ?			\
			HC_HOOK_CALL(prefix##_##fn, __VA_ARGS__) : (dflt)) :	\
	 (gate) == HC_GATE_FIELD ?						\
		(hc_static_branch_unlikely(&prefix##_key) ?			\
			HC_HOOK_CALL(prefix##_##fn##_field, __VA_ARGS__) : (dflt)) : \
	 (gate) == HC_GATE_BRANCH ?						\
		(unlikely(READ_ONCE(prefix##_flag)) ?				\
			HC_HOOK_CALL(prefix##_##fn, __VA_ARGS__) : (dflt)) :	\
	 (gate) == HC_GATE_INDIRECT ? READ_ONCE(prefix##_ops)->fn(__VA_ARGS__) :	\
	 (dflt))

#define HC_GATE_ARGS(...)	__VA_ARGS__

/* The out-of-line instances of template `name`: name_off(), name_static(), ... */
#define HC_GATE_INSTANCES_DECLARE(ret, name, params)				\
	ret name##_off params;							\
	ret name##_static params;						\
	ret name##_branch params;						\
	ret name##_indirect params;						\
	ret name##_field params

#define __HC_GATE_INSTANCE(ret, name, sfx, gate, params, args)			\
	noinline ret name##_##sfx params					\
	{									\
		return name(gate, HC_GATE_ARGS args);				\
	}

#define HC_GATE_INSTANCES(ret, name, params, args)				\
	__HC_GATE_INSTANCE(ret, name, off, HC_GATE_NONE, params, args)		\
	__HC_GATE_INSTANCE(ret, name, static, HC_GATE_STATIC, params, args)	\
	__HC_GATE_INSTANCE(ret, name, branch, HC_GATE_BRANCH, params, args)	\
	__HC_GATE_INSTANCE(ret, name, indirect, HC_GATE_INDIRECT, params, args)	\
	__HC_GATE_INSTANCE(ret, name, field, HC_GATE_FIELD, params, args)

/* The gate whose code a (gate, configuration) pair runs: `off` is the compiled-out code. */
static inline enum hc_gate hc_gate_code(enum hc_gate gate, enum hc_config config)
{
	return config == HC_CONFIG_OFF ? HC_GATE_NONE : gate;
}

#endif /* HOOKCOST_GATE_H */
