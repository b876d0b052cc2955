/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Gates: how a hook site is guarded (DESIGN.md "Gates"). A model writes each fast path once,
 * as a static __always_inline template whose first parameter is `const enum hc_gate gate`,
 * and each hook site in it as
 *
 *	ret = HC_HOOK(gate, prefix, cond, dflt, fn, args...);
 *
 * cond is the design's own inline test, made after the gate and before anything is called
 * (the merged TCP accounting tests sk->sk_memcg there, the slab designs the cache's flags);
 * `true` when the design has none. HC_GATE_INSTANCES() then defines one out-of-line function
 * per gate that calls the template with a constant; the compiler folds the gate and keeps only
 * that gate's guard:
 *
 *	none (config off)  the site is compiled out: dflt
 *	static             static key (a NOP while disabled), cond, then a call of prefix_fn()
 *	branch             load of prefix_flag, conditional jump, cond, call of prefix_fn()
 *	indirect           unconditional call through prefix_ops->fn (a no-op while disabled;
 *	                   prefix_ops_on's hooks make the cond test themselves)
 *	field              as static, but calls prefix_fn_field(), which takes what it needs from
 *	                   a pointer the feature added to the hot object
 *
 * Every hook is an ordinary C call that the compiler emits as it sees fit, as the kernel's are:
 * no gate gets a calling convention of its own, so a difference between gates is the guard and
 * what the compiler does around it (register saves a call forces on the fast path included:
 * that is part of what a disabled site costs, and the suites report it as measured).
 *
 * A model declares its gate with HC_GATE_DECLARE(prefix, ops_type), ops_type being a struct
 * with one member per hook (same signature as prefix_fn), and defines it in its .c file with
 * HC_GATE_DEFINE(prefix, ops_type), providing prefix_ops_nop (hooks that do nothing: the
 * "disabled" target of the indirect gate) and prefix_ops_on (the real hooks). hc_gate_switch()
 * moves all gates of a prefix together, so a configuration is a model state, not a per-gate
 * detail.
 */
#ifndef HOOKCOST_GATE_H
#define HOOKCOST_GATE_H

#include <hookcost/abi.h>
#include <hookcost/compat.h>
#include <hookcost/static_branch.h>

#define HC_GATE_DECLARE(prefix, ops_type)					\
	extern bool prefix##_flag;						\
	extern const ops_type *prefix##_ops;					\
	extern const ops_type prefix##_ops_nop, prefix##_ops_on;		\
	HC_DECLARE_STATIC_KEY_FALSE(prefix##_key)

#define HC_GATE_DEFINE(prefix, ops_type)					\
	bool prefix##_flag;							\
	const ops_type *prefix##_ops = &prefix##_ops_nop;			\
	HC_DEFINE_STATIC_KEY_FALSE(prefix##_key)

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

#define HC_HOOK(gate, prefix, cond, dflt, fn, ...)				\
	((gate) == HC_GATE_STATIC ?						\
		(hc_static_branch_unlikely(&prefix##_key) && (cond) ?		\
			prefix##_##fn(__VA_ARGS__) : (dflt)) :			\
	 (gate) == HC_GATE_FIELD ?						\
		(hc_static_branch_unlikely(&prefix##_key) && (cond) ?		\
			prefix##_##fn##_field(__VA_ARGS__) : (dflt)) :		\
	 (gate) == HC_GATE_BRANCH ?						\
		(unlikely(READ_ONCE(prefix##_flag)) && (cond) ?			\
			prefix##_##fn(__VA_ARGS__) : (dflt)) :			\
	 (gate) == HC_GATE_INDIRECT ? READ_ONCE(prefix##_ops)->fn(__VA_ARGS__) :	\
	 (dflt))

#define HC_GATE_ARGS(...)	__VA_ARGS__

/*
 * The out-of-line instances of template `name`: name_off(), name_static(), ...; a model
 * whose design has the hot object's pointer in every gate has no field instance.
 */
#define HC_GATE_INSTANCES_NO_FIELD_DECLARE(ret, name, params)			\
	ret name##_off params;							\
	ret name##_static params;						\
	ret name##_branch params;						\
	ret name##_indirect params

#define HC_GATE_INSTANCES_DECLARE(ret, name, params)				\
	HC_GATE_INSTANCES_NO_FIELD_DECLARE(ret, name, params);			\
	ret name##_field params

#define __HC_GATE_INSTANCE(ret, name, sfx, gate, params, args)			\
	noinline ret name##_##sfx params					\
	{									\
		return name(gate, HC_GATE_ARGS args);				\
	}

#define HC_GATE_INSTANCES_NO_FIELD(ret, name, params, args)			\
	__HC_GATE_INSTANCE(ret, name, off, HC_GATE_NONE, params, args)		\
	__HC_GATE_INSTANCE(ret, name, static, HC_GATE_STATIC, params, args)	\
	__HC_GATE_INSTANCE(ret, name, branch, HC_GATE_BRANCH, params, args)	\
	__HC_GATE_INSTANCE(ret, name, indirect, HC_GATE_INDIRECT, params, args)

#define HC_GATE_INSTANCES(ret, name, params, args)				\
	HC_GATE_INSTANCES_NO_FIELD(ret, name, params, args)			\
	__HC_GATE_INSTANCE(ret, name, field, HC_GATE_FIELD, params, args)

/* The gate whose code a (gate, configuration) pair runs: `off` is the compiled-out code. */
static inline enum hc_gate hc_gate_code(enum hc_gate gate, enum hc_config config)
{
	return config == HC_CONFIG_OFF ? HC_GATE_NONE : gate;
}

#endif /* HOOKCOST_GATE_H */
