// SPDX-License-Identifier: GPL-2.0
/*
 * core/groups.c: a run's results by group, found in the run's order, and the parameters each
 * case sweeps; the answers a scan of the whole run would give.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "core/groups.h"

/* Appends a result of case name with gate, config and params "k=v" (nr of them). */
static struct hc_result *add(struct hc_run *run, const char *name, enum hc_gate gate,
			     enum hc_config config, const char *skip, unsigned int nr, ...)
{
	struct hc_result *r = hc_run_append(run);
	va_list ap;

	assert_non_null(r);
	r->id = (struct hc_vid){ .suite = "user", .name = name, .gate = gate, .config = config };
	r->skip_reason = skip ? strdup(skip) : NULL;
	va_start(ap, nr);
	for (unsigned int i = 0; i < nr; i++) {
		r->id.params.p[i].name = va_arg(ap, const char *);
		r->id.params.p[i].value = va_arg(ap, long);
	}
	va_end(ap);
	r->id.params.nr = nr;
	return r;
}

static void test_find(void **state)
{
	struct hc_run run;
	struct hc_groups *g;
	const struct hc_result *r;

	hc_run_init(&run);
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_OFF, NULL, 1, "size", 1L);
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_OFF, NULL, 1, "size", 64L);
	add(&run, "tcp.rr", HC_GATE_BRANCH, HC_CONFIG_UNUSED, NULL, 1, "size", 1L);
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_UNUSED, "skipped", 1, "size", 1L);
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_UNUSED, NULL, 1, "size", 1L);
	g = hc_groups_new(&run);
	assert_non_null(g);
	/* The group of (tcp.rr, static, size=1): results 0, 3 and 4, in that order. */
	r = hc_groups_next(g, &run.results[0].id, NULL);
	assert_ptr_equal(r, &run.results[0]);
	r = hc_groups_next(g, &run.results[0].id, r);
	assert_ptr_equal(r, &run.results[3]);
	r = hc_groups_next(g, &run.results[0].id, r);
	assert_ptr_equal(r, &run.results[4]);
	assert_null(hc_groups_next(g, &run.results[0].id, r));
	/* The first in the run's order, skipped or not, as a scan finds it. */
	assert_ptr_equal(hc_groups_find(g, &run.results[0].id, HC_CONFIG_UNUSED), &run.results[3]);
	assert_ptr_equal(hc_groups_find(g, &run.results[1].id, HC_CONFIG_OFF), &run.results[1]);
	assert_null(hc_groups_find(g, &run.results[1].id, HC_CONFIG_UNUSED));
	hc_groups_free(g);
	hc_run_free(&run);
}

static void test_swept(void **state)
{
	struct hc_run run;

	hc_run_init(&run);
	/* tcp.rr sweeps size; threads is 1 in every measured result. */
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_OFF, NULL, 2, "size", 1L, "threads", 1L);
	add(&run, "tcp.rr", HC_GATE_BRANCH, HC_CONFIG_OFF, NULL, 2, "size", 64L, "threads", 1L);
	/* Skipped: its threads=2 differs from every measured one, so it is swept for it alone. */
	add(&run, "tcp.rr", HC_GATE_STATIC, HC_CONFIG_ACTIVE, "no cgroup", 2, "size", 1L,
	    "threads", 2L);
	/* slab.x: burst is missing in one measured result, so it varies. */
	add(&run, "slab.x", HC_GATE_STATIC, HC_CONFIG_OFF, NULL, 1, "burst", 8L);
	add(&run, "slab.x", HC_GATE_STATIC, HC_CONFIG_UNUSED, NULL, 0);
	/* one.y: nothing measured, nothing swept. */
	add(&run, "one.y", HC_GATE_STATIC, HC_CONFIG_OFF, "skipped", 1, "size", 8L);
	assert_int_equal(hc_run_mark_swept(&run), 0);
	assert_int_equal(run.results[0].swept, 1u << 0);
	assert_int_equal(run.results[1].swept, 1u << 0);
	assert_int_equal(run.results[2].swept, (1u << 0) | (1u << 1));
	assert_int_equal(run.results[3].swept, 1u << 0);
	assert_int_equal(run.results[4].swept, 0);
	assert_int_equal(run.results[5].swept, 0);
	hc_run_free(&run);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_swept),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
