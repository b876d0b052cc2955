/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the files of the system suite share: system.c switches the kernel's memcg state and
 * drives every case's setup/enter/leave/teardown; the cases (system_ipc.c, system_tmpfs.c)
 * supply their run() and the resources they need (struct sys_ops).
 */
#ifndef HC_SUITE_SYSTEM_CASE_H
#define HC_SUITE_SYSTEM_CASE_H

#include <limits.h>
#include <stddef.h>

#include "core/case.h"

#define SYS_CONFIGS	(HC_CONFIGS_ALL)
#define SYS_FLAGS	(HC_CASE_KERNEL | HC_CASE_NO_BASELINE)

struct sys_var;

/* What differs between the cases besides run(): resources made once, and per sample. */
struct sys_ops {
	int (*prepare)(struct sys_var *s);	/* in setup */
	int (*open)(struct sys_var *s);		/* in enter, after the switch (system.c) */
	void (*close)(struct sys_var *s);	/* in leave */
};

struct sys_var {
	const struct hc_case *c;
	const struct sys_ops *ops;
	enum hc_config config;
	size_t size;
	char *buf, *rbuf;
	int fd[2];
	char dir[PATH_MAX], file[PATH_MAX + 8];
	int err;			/* errno of a failed run, reported by the next enter */
};

int hc_sys_setup(const struct hc_variant *v, void **state, const struct sys_ops *ops);
int hc_sys_enter(void *state);
void hc_sys_leave(void *state);
void hc_sys_teardown(void *state);

#define SYS_CASE(sym, cname, cdesc, cparams, crun, cops)				\
	static int sym##_setup(const struct hc_variant *v, void **state)		\
	{										\
		return hc_sys_setup(v, state, &cops);					\
	}										\
	HC_CASE(sym) = {								\
		.name = cname, .suite = "system", .desc = cdesc,			\
		.mechanism = HC_MECH_MEMCG,						\
		.gates = HC_GATE_BIT(HC_GATE_STATIC), .configs = SYS_CONFIGS,		\
		.flags = SYS_FLAGS, .params = cparams, .setup = sym##_setup,		\
		.enter = hc_sys_enter, .run = crun, .leave = hc_sys_leave,		\
		.teardown = hc_sys_teardown,						\
	}

#endif
