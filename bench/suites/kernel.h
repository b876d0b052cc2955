/* SPDX-License-Identifier: GPL-2.0 */
/*
 * hookcost.ko's case table as its debugfs `cases` file gives it (<hookcost/abi.h>), and what a
 * kernel case offers from it. The module is the one source of truth: the kernel suite plans
 * from the loaded module's table, which is built from <hookcost/kcases.h>; the same table
 * compiled into the harness only stands in where no module is loaded. A table the harness
 * cannot run as its labels say (another ABI, other gate or configuration names, a case it
 * does not know, a parameter it does not sweep) is an error before anything is measured.
 */
#ifndef HC_SUITES_KERNEL_H
#define HC_SUITES_KERNEL_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <hookcost/kcases.h>

#include "core/case.h"

struct hc_kcase_info {
	bool present;
	uint32_t gates, configs;	/* HC_GATE_BIT() and HC_CONFIG_BIT() masks */
	uint32_t flags;			/* HC_KRES_* every result of the case carries */
	uint64_t max_iters;
	char param[32];			/* "" when the case takes none */
	uint64_t min, max;
};

struct hc_kcase_table {
	const char *source;		/* for messages and `hookcost list` */
	unsigned int unknown;		/* cases of a newer module (ids past the harness's) */
	struct hc_kcase_info c[HC_KCASE__NR];
};

/* Where a sample must run for its result to mean what its label says. */
enum hc_kchild {
	HC_KCHILD_ANY,
	HC_KCHILD_NO,			/* the root memory cgroup */
	HC_KCHILD_YES,			/* a child memory cgroup */
};

/* What a result of a case must show besides answering its request. */
struct hc_kres_want {
	uint32_t irqs_off;		/* HC_KRES_IRQS_OFF as the module's table says, or 0 */
	enum hc_kchild child;
};

/* Parses a cases file (name: where it came from, for messages); 0 or -1 with hc_err(). */
int hc_kcases_parse(FILE *f, const char *name, struct hc_kcase_table *t);
/* The table compiled into the harness (no flags or iteration bounds: those run in a module). */
void hc_kcases_builtin(struct hc_kcase_table *t);
/*
 * What harness case c offers by table t: gates, configurations and the range of its parameter,
 * whose name, unit and default sweep are c's own; 0 or -1 with hc_err().
 */
int hc_kcases_offer(const struct hc_kcase_table *t, const struct hc_case *c, struct hc_offer *o);
/* Whether two tables offer the same gates, configurations and ranges for case id. */
bool hc_kcases_same(const struct hc_kcase_table *a, const struct hc_kcase_table *b,
		    unsigned int id);
/* "gates static,branch; configurations off,unused; size in [1, 65536]" of a case, in buf. */
const char *hc_kcases_describe(const struct hc_kcase_info *k, char *buf, size_t len);
/*
 * What in res does not answer request q as w wants, after the result of sequence number
 * last_seq, or NULL when it does.
 */
const char *hc_kres_mismatch(const struct hc_kreq *q, const struct hc_kres *res,
			     const struct hc_kres_want *w, uint64_t last_seq);

#endif
