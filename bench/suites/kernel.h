/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hookcost.ko's case table as its debugfs `cases` file gives it (<hookcost/abi.h>), and the
 * check that the harness's kernel cases ask the module for exactly what it offers. The module
 * is the one source of truth: a case whose gates, configurations, parameter or range differ
 * in the harness is an error before anything is measured, never a mislabelled number.
 */
#ifndef HC_SUITES_KERNEL_H
#define HC_SUITES_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <hookcost/abi.h>

struct hc_kcase_info {
	bool present;
	uint32_t gates, configs;	/* HC_GATE_BIT() and HC_CONFIG_BIT() masks */
	uint32_t flags;			/* HC_KRES_* every result of the case carries */
	uint64_t max_iters;
	char param[32];			/* "" when the case takes none */
	uint64_t min, max;
};

struct hc_kcase_table {
	struct hc_kcase_info c[HC_KCASE__NR];
};

/* Parses a cases file (name: where it came from, for messages); 0 or -1 with hc_err(). */
int hc_kcases_parse(FILE *f, const char *name, struct hc_kcase_table *t);
/* Every harness case of the kernel suite against the table; 0 or -1 with hc_err(). */
int hc_kcases_check(const struct hc_kcase_table *t);

#endif
