/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal interface of hookcost.ko: a case is a loop of operations that hookcost_main.c
 * times; the debugfs ABI it is driven by is in <hookcost/abi.h>.
 */
#ifndef HOOKCOST_H
#define HOOKCOST_H

#include <linux/bits.h>
#include <linux/types.h>
#include <hookcost/kcases.h>

/* The state of one run, shared by a case's prepare, run and finish. */
struct hc_krun {
	u32 gate;
	u32 config;
	u64 param;
	int err;		/* set by run when an operation failed (e.g. -ENOMEM) */
	void *priv;		/* the case's own state, set by prepare */
};

/* The case may sleep: its samples run preemptible, with interrupts on. */
#define HC_KCASE_SLEEPS		BIT(0)

/* How a case runs; what it offers (gates, configurations, parameter) is hc_kcase_decls[id]. */
struct hc_kcase {
	u32 id;			/* enum hc_kcase_id */
	u32 flags;
	u64 max_iters;		/* <= HC_KREQ_MAX_ITERS */
	/*
	 * prepare and finish run outside the samples and may sleep; both optional. finish runs
	 * even when prepare failed, so it undoes whatever prepare got done.
	 */
	int (*prepare)(struct hc_krun *run);
	/* iters operations; returns a value derived from the work. */
	u64 (*run)(struct hc_krun *run, u64 iters);
	void (*finish)(struct hc_krun *run);
};

extern const struct hc_kcase hc_kcase_empty;
extern const struct hc_kcase hc_kcase_nop1;
extern const struct hc_kcase hc_kcase_key_hook;
extern const struct hc_kcase hc_kcase_key_toggle;
extern const struct hc_kcase hc_kcase_key_inc;
extern const struct hc_kcase hc_kcase_slab_cache;
extern const struct hc_kcase hc_kcase_kmalloc;
extern const struct hc_kcase hc_kcase_slab_cache_unacct;
extern const struct hc_kcase hc_kcase_kmalloc_unacct;
extern const struct hc_kcase hc_kcase_gate_hook;
extern const struct hc_kcase hc_kcase_memcg_charge;
extern const struct hc_kcase hc_kcase_tcp_sendmsg;
extern const struct hc_kcase hc_kcase_tcp_rcv;
extern const struct hc_kcase hc_kcase_slab_optin;
extern const struct hc_kcase hc_kcase_slab_optout;

/* Returns every static key of kcases_keys.c to disabled, count 0. */
void hc_keys_reset(void);
/* True when every key of kcases_keys.c is disabled. */
bool hc_keys_all_off(void);
/* True when kcases_gates.c's gate is off in every form. */
bool hc_gate_hook_off(void);
/* The same for the models' gates (kcases_model.c), and their teardown at unload. */
void hc_models_reset(void);
bool hc_models_all_off(void);
void hc_models_exit(void);

const struct hc_kcase *hc_kcase_get(u32 id);
/*
 * What the request file does: validates req against its case and carries it out for owner
 * (the file; any unique pointer in the self test), the result into res (may be NULL).
 */
int hc_krun_request(const struct hc_kreq *req, const void *owner, struct hc_kres *res);

/* The KTAP self test; returns the number of failed tests. */
int hc_selftest(void);

#endif /* HOOKCOST_H */
