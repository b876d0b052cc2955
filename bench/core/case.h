/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A case is one fast path measured per operation. It may exist in several gates and
 * configurations and take numeric parameters (sweeps); one (case, gate, config, params) is a
 * variant, the unit the runner samples.
 *
 * Cases register themselves with HC_CASE() in a linker section, so a suite file only has to be
 * linked in; nothing keeps a central list.
 */
#ifndef HC_CASE_H
#define HC_CASE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <hookcost/abi.h>

#define HC_MAX_PARAMS 4

struct hc_param_def {
	const char *name;	/* "size", "cgroups", "threads" */
	const char *unit;	/* "B", "" */
	const char *defaults;	/* comma list swept by default, e.g. "1,1024,16384" */
	long min, max;		/* accepted range on the command line */
};

struct hc_params {
	unsigned int nr;
	struct {
		const char *name;
		long value;
	} p[HC_MAX_PARAMS];
};

struct hc_case;

/* What a case offers on this machine: the variants a plan may take from it. */
struct hc_offer {
	unsigned int gates;	/* HC_GATE_BIT() mask */
	unsigned int configs;	/* HC_CONFIG_BIT() mask */
	struct hc_param_def params[HC_MAX_PARAMS + 1];	/* terminated by name NULL */
	const char *source;	/* where it was read; NULL: the case's own declaration */
};

struct hc_variant {
	const struct hc_case *c;
	enum hc_gate gate;
	enum hc_config config;
	struct hc_params params;
};

/* The mechanisms the harness's cases measure (hc_case.mechanism). */
#define HC_MECH_TCP		"tcp"		/* the TCP buffer accounting model */
#define HC_MECH_SLAB_OPTIN	"slab-optin"	/* the slab accounting model, opt-in */
#define HC_MECH_SLAB_OPTOUT	"slab-optout"	/* the slab accounting model, opt-out */
#define HC_MECH_MEMCG		"memcg"		/* the running kernel's memory cgroup paths */

/* Flags of a case. */
#define HC_CASE_KERNEL		(1u << 0)	/* work happens in the kernel: count kernel mode */
#define HC_CASE_NO_BASELINE	(1u << 1)	/* never subtract the baseline loop (syscall cases) */

struct hc_case {
	const char *name;	/* unique, dotted: "nop1", "tcp.sendmsg", "sys.tcp_rr" */
	const char *suite;	/* "calib", "user", "kernel", "system" */
	const char *desc;	/* one line for `hookcost list` */
	/*
	 * The hook it measures (HC_MECH_*, or a name of one's own): the report's headline
	 * has a table per mechanism. NULL: none (calibration, the kernel's own keys).
	 */
	const char *mechanism;
	/*
	 * The variants' gates and configurations. With offer(): those the harness can carry
	 * out, of which the source offers some; an offer beyond them is an error.
	 */
	unsigned int gates;	/* HC_GATE_BIT() mask; HC_GATE_BIT(HC_GATE_NONE) if no hook */
	unsigned int configs;	/* HC_CONFIG_BIT() mask; HC_CONFIG_BIT(HC_CONFIG_NONE) if none */
	unsigned int flags;
	/*
	 * The case whose per-iteration loop cost and per-sample cost are subtracted (the
	 * suite's "empty"); NULL means "empty". The baseline case itself is measured with
	 * iterations 0 and N to split its cost into a fixed and a per-iteration part.
	 */
	const char *baseline;
	const struct hc_param_def *params;	/* terminated by an entry with name NULL */

	/*
	 * setup: once per variant before its rounds; may refuse a variant that this machine
	 * cannot reach by recording why with hc_err() and returning -ENOTSUP (the runner
	 * reports it as skipped and goes on) or fail with any other negative value.
	 * enter/leave (optional): switch global state into and out of the variant's
	 * configuration around each sample (cgroup moves, key flips). run: iters operations,
	 * the only thing between the two counter reads. teardown: undo setup, also after errors.
	 */
	int (*setup)(const struct hc_variant *v, void **state);
	int (*enter)(void *state);
	void (*run)(void *state, uint64_t iters);
	void (*leave)(void *state);
	void (*teardown)(void *state);
	/*
	 * own_count (optional): the case's own count of the last run() (hookcost.ko's TSC ticks
	 * around its loop), read after the counters so it costs the sample nothing. Recorded
	 * as the metric HC_OWN_METRIC, net of the baseline's own count like every metric.
	 */
	int (*own_count)(void *state, uint64_t *count);
	/*
	 * offer (optional): for cases that something outside the harness declares (the kernel
	 * suite: hookcost.ko's `cases` table), what the case offers, read from there: gates,
	 * configurations and parameter ranges; params keep their names, units and default
	 * sweeps. probe: planning a run, so the source may be set up (the module loaded); else
	 * only a source already at hand is read. 0, or -1 with hc_err() when the source
	 * contradicts what the harness can run.
	 */
	int (*offer)(const struct hc_case *c, bool probe, struct hc_offer *o);
};

#define HC_OWN_METRIC "own_tsc"

#define HC_CASE(sym)								\
	static const struct hc_case sym;					\
	static const struct hc_case *const sym##__entry				\
		__attribute__((used, section("hc_cases"), aligned(sizeof(void *)))) = &sym; \
	static const struct hc_case sym

/* Iterate over every registered case, sorted by suite then name. */
unsigned int hc_case_count(void);
const struct hc_case *hc_case_get(unsigned int i);
const struct hc_case *hc_case_find(const char *name);
/* Whether some case belongs to the suite name. */
bool hc_suite_exists(const char *name);
/*
 * What c offers (its offer(), else its declaration); 0 or -1 with hc_err(), also when the offer
 * has a gate or configuration the harness cannot carry out for c.
 */
int hc_case_offer(const struct hc_case *c, bool probe, struct hc_offer *o);
/* "static,branch": the names of a mask's bits, comma separated, in buf. */
const char *hc_mask_str(unsigned int mask, const char *const *names, unsigned int nr, char *buf,
			size_t len);
long hc_variant_param(const struct hc_variant *v, const char *name, long def);

/*
 * The loop every C case uses, so the baseline ("empty") has the same shape: a down-counting
 * loop with a compiler barrier, which GCC turns into "body; sub; jne". It starts a 64-byte
 * line, so every variant's loop sits the same way: one that straddles two lines costs a cycle
 * more in some runs and not in others (data/method/gb-compare.md). The padding is jumped over,
 * not executed, so every case runs the same instructions once per call.
 */
#define HC_LOOP(iters, body)							\
	do {									\
		__asm__ __volatile__("jmp 1f\n\t.p2align 6\n1:");			\
		for (uint64_t __hc_i = (iters); __hc_i; __hc_i--) {		\
			body;							\
			__asm__ __volatile__("" ::: "memory");			\
		}								\
	} while (0)

#endif
