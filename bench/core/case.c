// SPDX-License-Identifier: GPL-2.0
/*
 * The case registry: every HC_CASE() lands in the "hc_cases" section; the linker provides its
 * bounds. Sorted once (suite order, then name) so listings and plans are stable.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/case.h"
#include "base/error.h"

extern const struct hc_case *const __start_hc_cases[] __attribute__((weak));
extern const struct hc_case *const __stop_hc_cases[] __attribute__((weak));

static const struct hc_case **sorted;
static unsigned int nr_sorted;

static int suite_rank(const char *suite)
{
	static const char *const order[] = { "calib", "user", "kernel", "system" };

	for (unsigned int i = 0; i < sizeof(order) / sizeof(order[0]); i++)
		if (!strcmp(suite, order[i]))
			return i;
	return 99;
}

static int case_cmp(const void *a, const void *b)
{
	const struct hc_case *x = *(const struct hc_case *const *)a;
	const struct hc_case *y = *(const struct hc_case *const *)b;
	int d = suite_rank(x->suite) - suite_rank(y->suite);

	return d ? d : strcmp(x->name, y->name);
}

static void registry_init(void)
{
	unsigned int n;

	if (sorted || !__start_hc_cases)
		return;
	n = __stop_hc_cases - __start_hc_cases;
	sorted = malloc(n * sizeof(*sorted));
	if (!sorted)
		return;
	memcpy(sorted, __start_hc_cases, n * sizeof(*sorted));
	qsort(sorted, n, sizeof(*sorted), case_cmp);
	nr_sorted = n;
}

unsigned int hc_case_count(void)
{
	registry_init();
	return nr_sorted;
}

const struct hc_case *hc_case_get(unsigned int i)
{
	registry_init();
	return i < nr_sorted ? sorted[i] : NULL;
}

const struct hc_case *hc_case_find(const char *name)
{
	registry_init();
	for (unsigned int i = 0; i < nr_sorted; i++)
		if (!strcmp(sorted[i]->name, name))
			return sorted[i];
	return NULL;
}

bool hc_suite_exists(const char *name)
{
	registry_init();
	for (unsigned int i = 0; i < nr_sorted; i++)
		if (!strcmp(sorted[i]->suite, name))
			return true;
	return false;
}

const char *hc_mask_str(unsigned int mask, const char *const *names, unsigned int nr, char *buf,
			size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < nr && used < len; i++)
		if (mask & (1u << i))
			used += snprintf(buf + used, len - used, "%s%s", used ? "," : "", names[i]);
	return buf;
}

/* An offer the harness cannot carry out would measure one thing and label it another. */
static int offer_check(const struct hc_case *c, const struct hc_offer *o)
{
	char what[96], can[96];

	if (o->gates & ~c->gates)
		return hc_err("%s offers %s in gate %s; the harness runs it in %s only", o->source,
			      c->name, hc_mask_str(o->gates & ~c->gates, hc_gate_names,
						   HC_GATE__NR, what, sizeof(what)),
			      hc_mask_str(c->gates, hc_gate_names, HC_GATE__NR, can, sizeof(can)));
	if (o->configs & ~c->configs)
		return hc_err("%s offers %s in configuration %s; the harness sets up %s only",
			      o->source, c->name, hc_mask_str(o->configs & ~c->configs,
							      hc_config_names, HC_CONFIG__NR,
							      what, sizeof(what)),
			      hc_mask_str(c->configs, hc_config_names, HC_CONFIG__NR, can,
					  sizeof(can)));
	return 0;
}

int hc_case_offer(const struct hc_case *c, bool probe, struct hc_offer *o)
{
	unsigned int n = 0;

	memset(o, 0, sizeof(*o));
	if (c->offer)
		return c->offer(c, probe, o) ?: offer_check(c, o);
	o->gates = c->gates;
	o->configs = c->configs;
	for (const struct hc_param_def *d = c->params; d && d->name; d++) {
		if (n == HC_MAX_PARAMS)
			return hc_err("case %s declares too many parameters", c->name);
		o->params[n++] = *d;
	}
	return 0;
}

long hc_variant_param(const struct hc_variant *v, const char *name, long def)
{
	for (unsigned int i = 0; i < v->params.nr; i++)
		if (!strcmp(v->params.p[i].name, name))
			return v->params.p[i].value;
	return def;
}
