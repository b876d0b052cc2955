// SPDX-License-Identifier: GPL-2.0
/*
 * From the command line's selection to a list of variants: cases or whole suites, filtered by
 * gate and configuration, times the cartesian product of each case's parameter sweeps.
 * Variants of one case with one parameter set are contiguous; the runner shuffles within them.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/error.h"
#include "core/runner.h"

#define MAX_SWEEP 64

struct sweep {
	const char *name;
	long values[MAX_SWEEP];
	unsigned int nr;
};

static int parse_mask(const char *list, const char *const *names, unsigned int nr,
		      const char *what, unsigned int *mask)
{
	char *copy, *save = NULL;
	int ret = 0;

	*mask = 0;
	if (!list)
		return 0;
	copy = strdup(list);
	if (!copy)
		return hc_err("out of memory");
	for (char *t = strtok_r(copy, ",", &save); t && !ret; t = strtok_r(NULL, ",", &save)) {
		unsigned int i;

		for (i = 1; i < nr && strcmp(t, names[i]); i++)
			;
		if (i == nr)
			ret = hc_usage_err("unknown %s '%s'", what, t);
		else
			*mask |= 1u << i;
	}
	free(copy);
	return ret;
}

/* A value twice would measure the same variant twice and compare it with itself. */
static bool in_sweep(const struct sweep *s, long v)
{
	for (unsigned int i = 0; i < s->nr; i++)
		if (s->values[i] == v)
			return true;
	return false;
}

/*
 * The values of list into s. Defaults (the case's own list) outside [min, max] are dropped:
 * the range is the source's (hookcost.ko's), the defaults the harness's.
 */
static int parse_values(const char *who, const char *name, const char *list, bool defaults,
			long min, long max, struct sweep *s)
{
	char *copy = strdup(list), *save = NULL;
	int ret = 0;

	if (!copy)
		return hc_err("out of memory");
	s->name = name;
	s->nr = 0;
	for (char *t = strtok_r(copy, ",", &save); t && !ret; t = strtok_r(NULL, ",", &save)) {
		char *end;
		long v;

		long unit = 1;

		errno = 0;
		/* Base 10: a zero-padded size must not turn octal. */
		v = strtol(t, &end, 10);
		/* k/K and m/M suffixes: sizes and counts are easier to type that way. */
		if (*end == 'k' || *end == 'K')
			unit = 1024, end++;
		else if (*end == 'm' || *end == 'M')
			unit = 1024 * 1024, end++;
		if (!errno && __builtin_mul_overflow(v, unit, &v))
			errno = ERANGE;
		if (errno || *end || end == t)
			ret = hc_usage_err("--param %s: '%s' is not a number", name, t);
		else if ((v < min || v > max) && defaults)
			hc_warn("%s: %s=%ld left out of the default sweep: the range offered is "
				"[%ld, %ld]", who, name, v, min, max);
		else if (v < min || v > max)
			ret = hc_usage_err("--param %s=%ld is out of range [%ld, %ld]", name, v,
					   min, max);
		else if (s->nr == MAX_SWEEP)
			ret = hc_usage_err("--param %s: at most %d values", name, MAX_SWEEP);
		else if (in_sweep(s, v))
			ret = hc_usage_err("--param %s=%ld given twice", name, v);
		else
			s->values[s->nr++] = v;
	}
	free(copy);
	if (!ret && !s->nr && defaults)
		ret = hc_usage_err("--param %s: none of the default sweep %s is in the range "
				   "offered, [%ld, %ld]; give the values", name, list, min, max);
	else if (!ret && !s->nr)
		ret = hc_usage_err("--param %s: no values", name);
	return ret;
}

static int plan_push(struct hc_plan *plan, unsigned int *cap, const struct hc_variant *v)
{
	if (plan->nr == *cap) {
		unsigned int n = *cap ? 2 * *cap : 64;
		struct hc_variant *nv = realloc(plan->v, n * sizeof(*nv));

		if (!nv)
			return hc_err("out of memory");
		plan->v = nv;
		*cap = n;
	}
	plan->v[plan->nr++] = *v;
	return 0;
}

/* The spec's values for parameter name, or NULL; *i: which of the spec's --param it is. */
static const char *spec_values(const struct hc_plan_spec *spec, const char *name,
			       unsigned int *i)
{
	for (*i = 0; *i < spec->nr_params; (*i)++) {
		size_t n = strcspn(spec->params[*i], "=");

		if (strlen(name) == n && !strncmp(spec->params[*i], name, n))
			return spec->params[*i] + n + 1;
	}
	return NULL;
}

/* Sweeps of an offer: its defaults unless the spec overrides a parameter by name. */
static int case_sweeps(const struct hc_case *c, const struct hc_offer *o,
		       const struct hc_plan_spec *spec, struct sweep *sw, unsigned int *nr)
{
	unsigned int i;

	*nr = 0;
	for (const struct hc_param_def *d = o->params; d->name; d++) {
		const char *list = spec_values(spec, d->name, &i) ?: d->defaults;

		if (parse_values(c->name, d->name, list, list == d->defaults, d->min, d->max,
				 &sw[(*nr)++]))
			return -1;
	}
	return 0;
}

static bool in_plan(const struct hc_plan *plan, const struct hc_case *c)
{
	for (unsigned int i = 0; i < plan->nr; i++)
		if (plan->v[i].c == c)
			return true;
	return false;
}

/* What expanding a selection needs besides the case. */
struct expand {
	const struct hc_plan_spec *spec;
	unsigned int gates, configs;	/* the spec's filters, 0: none */
	struct hc_plan *plan;
	unsigned int cap;
	bool used[HC_MAX_PARAMS];	/* which --param some selected case declares */
};

static int expand_case(const struct hc_case *c, struct expand *e)
{
	const struct hc_plan_spec *spec = e->spec;
	unsigned int gates = e->gates, configs = e->configs;
	struct hc_plan *plan = e->plan;
	struct sweep sw[HC_MAX_PARAMS];
	unsigned int nr_sw, idx[HC_MAX_PARAMS] = { 0 };
	unsigned int g_mask, c_mask;
	struct hc_offer o;

	/* "nop1,calib" names nop1 twice; measuring it twice would only invite two verdicts. */
	if (in_plan(plan, c))
		return 0;

	if (hc_case_offer(c, true, &o) || case_sweeps(c, &o, spec, sw, &nr_sw))
		return -1;
	g_mask = o.gates;
	c_mask = o.configs;
	/* Filters apply to cases that have hooks; calibration cases pass through. */
	if (gates && (g_mask & HC_GATES_HOOKED))
		g_mask &= gates;
	if (configs && (c_mask & HC_CONFIGS_ALL))
		c_mask &= configs;

	for (;;) {
		struct hc_variant v = { .c = c };

		v.params.nr = nr_sw;
		for (unsigned int i = 0; i < nr_sw; i++) {
			v.params.p[i].name = sw[i].name;
			v.params.p[i].value = sw[i].values[idx[i]];
		}
		for (unsigned int g = 0; g < HC_GATE__NR; g++) {
			if (!(g_mask & HC_GATE_BIT(g)))
				continue;
			for (unsigned int k = 0; k < HC_CONFIG__NR; k++) {
				if (!(c_mask & HC_CONFIG_BIT(k)))
					continue;
				v.gate = g;
				v.config = k;
				if (plan_push(plan, &e->cap, &v))
					return -1;
			}
		}
		/* Next combination, odometer style. */
		unsigned int i = 0;

		while (i < nr_sw && ++idx[i] == sw[i].nr)
			idx[i++] = 0;
		if (i == nr_sw)
			return 0;
	}
}

/* Calls fn for every case the spec selects, by name or by suite; 0 or fn's error. */
static int each_selected(struct expand *e, int (*fn)(const struct hc_case *c, struct expand *e))
{
	char *copy = strdup(e->spec->cases ? e->spec->cases : "calib"), *save = NULL;
	int ret = 0;

	if (!copy)
		return hc_err("out of memory");
	for (char *t = strtok_r(copy, ",", &save); t && !ret; t = strtok_r(NULL, ",", &save)) {
		const struct hc_case *c = hc_case_find(t);

		if (c) {
			ret = fn(c, e);
			continue;
		}
		if (!hc_suite_exists(t)) {
			ret = hc_usage_err("unknown case or suite '%s' (see 'hookcost list')", t);
			continue;
		}
		for (unsigned int i = 0; i < hc_case_count() && !ret; i++)
			if (!strcmp(hc_case_get(i)->suite, t))
				ret = fn(hc_case_get(i), e);
	}
	free(copy);
	return ret;
}

/* Which --param the case declares (offers keep the declared names). */
static int mark_params(const struct hc_case *c, struct expand *e)
{
	unsigned int i;

	for (const struct hc_param_def *d = c->params; d && d->name; d++)
		if (spec_values(e->spec, d->name, &i))
			e->used[i] = true;
	return 0;
}

/*
 * The command line is checked whole before any case's offer is read, which may load a module:
 * bad input touches nothing.
 */
static int check_spec(struct expand *e)
{
	const struct hc_plan_spec *spec = e->spec;

	if (parse_mask(spec->gates, hc_gate_names, HC_GATE__NR, "gate", &e->gates) ||
	    parse_mask(spec->configs, hc_config_names, HC_CONFIG__NR, "configuration",
		       &e->configs))
		return -1;
	for (unsigned int i = 0; i < spec->nr_params; i++) {
		const char *eq = strchr(spec->params[i], '=');
		struct sweep syntax;
		char name[64];

		if (!eq)
			return hc_usage_err("--param %s: expected NAME=V1,V2,...", spec->params[i]);
		/* Numbers now; their range is the offer's, checked when it is read. */
		snprintf(name, sizeof(name), "%.*s", (int)(eq - spec->params[i]), spec->params[i]);
		if (parse_values("", name, eq + 1, false, LONG_MIN, LONG_MAX, &syntax))
			return -1;
	}
	if (each_selected(e, mark_params))
		return -1;
	for (unsigned int i = 0; i < spec->nr_params; i++)
		if (!e->used[i])
			return hc_usage_err("--param %s: no selected case has this parameter",
					    spec->params[i]);
	return 0;
}

int hc_plan_build(const struct hc_plan_spec *spec, struct hc_plan *plan)
{
	struct expand e = { .spec = spec, .plan = plan };
	int ret;

	memset(plan, 0, sizeof(*plan));
	ret = check_spec(&e) || each_selected(&e, expand_case) ? -1 : 0;
	if (!ret && !plan->nr)
		ret = hc_usage_err("nothing to run: no variant matches the selection");
	if (ret)
		hc_plan_free(plan);
	return ret;
}

void hc_plan_free(struct hc_plan *plan)
{
	free(plan->v);
	memset(plan, 0, sizeof(*plan));
}
