// SPDX-License-Identifier: GPL-2.0
/*
 * The fake counter backend, for tests: one metric, "fake", whose count over a sample is known
 * in advance, so the runner's arithmetic can be checked exactly on any host (no PMU, no qemu).
 * The runner tells every backend what the next sample runs (hc_counters__mark); this one
 * turns that into a count:
 *
 *   fixed + iters * (loop + drift * round + cost(case, config)) [+ irq cost] [+ jitter]
 *
 * SPEC is a comma list of:
 *   CASE=N, CASE/CONFIG=N  per-op cost of a case (of one configuration), above the loop; 0 if
 *                          not named (so the baseline costs the loop alone)
 *   loop=N                 per-iteration cost every case shares (default 2)
 *   fixed=N                per-sample cost: the counter reads (default 30)
 *   drift=N                the loop costs N more per op in every round (a frequency step
 *                          between rounds; only pairing samples of one round cancels it)
 *   irq=K[:N]              every K-th sample contains an interrupt of N counts (default
 *                          5000), seen by hc_counters__interruptions(); kernel work, so
 *                          counted only in the user+kernel scope, as perf would
 *   mux=K                  every K-th sample is multiplexed (time_running < time_enabled)
 *   jitter=J               sample k costs (k * 7919) % J more: counts that never repeat
 * Counts are integers; "every K-th" counts every sample of the run, warm-up and the baseline's
 * included, from 1.
 */
#include <stdlib.h>
#include <string.h>

#include "core/counters_backend.h"
#include "base/error.h"

#define MAX_RULES 32

struct fake_rule {
	char *name;		/* case name */
	int config;		/* enum hc_config, or -1 for any */
	uint64_t cost;
};

struct fake {
	struct fake_rule rule[MAX_RULES];
	unsigned int nr_rules;
	uint64_t loop, fixed, drift, irq_every, irq_cost, mux_every, jitter;
	/* state */
	uint64_t count, time_enabled, time_running, irqs, samples;
	uint64_t pending;	/* the marked sample's count, added by its second read */
	bool marked, mux_pending, irq_pending;
	unsigned int reads;	/* reads since the mark */
};

static int parse_u64(const char *key, const char *v, uint64_t *out)
{
	char *end;

	if (!*v || *v == '-')
		return hc_usage_err("fake backend: %s needs a count, got '%s'", key, v);
	*out = strtoull(v, &end, 10);
	if (*end)
		return hc_usage_err("fake backend: %s needs a count, got '%s'", key, v);
	return 0;
}

static int add_rule(struct fake *f, char *key, const char *v)
{
	struct fake_rule *r;
	char *slash = strchr(key, '/');

	if (f->nr_rules == MAX_RULES)
		return hc_usage_err("fake backend: more than %d costs", MAX_RULES);
	r = &f->rule[f->nr_rules];
	r->config = -1;
	if (slash) {
		*slash = '\0';
		for (int i = 0; i < HC_CONFIG__NR; i++)
			if (!strcmp(slash + 1, hc_config_names[i]))
				r->config = i;
		if (r->config < 0)
			return hc_usage_err("fake backend: unknown configuration '%s'", slash + 1);
	}
	if (!*key || parse_u64(key, v, &r->cost))
		return hc_usage_err("fake backend: '%s=%s' is not CASE[/CONFIG]=COUNT", key, v);
	r->name = strdup(key);
	if (!r->name)
		return hc_err("out of memory");
	f->nr_rules++;
	return 0;
}

static int parse_item(struct fake *f, char *item)
{
	static const char *const keys[] = { "loop", "fixed", "drift", "mux", "jitter" };
	uint64_t *const dst[] = { &f->loop, &f->fixed, &f->drift, &f->mux_every, &f->jitter };
	char *eq = strchr(item, '='), *colon;

	if (!eq)
		return hc_usage_err("fake backend: '%s' is not KEY=VALUE", item);
	*eq = '\0';
	for (unsigned int i = 0; i < sizeof(keys) / sizeof(keys[0]); i++)
		if (!strcmp(item, keys[i]))
			return parse_u64(item, eq + 1, dst[i]);
	if (strcmp(item, "irq"))
		return add_rule(f, item, eq + 1);
	colon = strchr(eq + 1, ':');
	if (colon) {
		*colon = '\0';
		if (parse_u64("irq cost", colon + 1, &f->irq_cost))
			return -1;
	}
	return parse_u64("irq", eq + 1, &f->irq_every);
}

int hc_fake_parse(struct hc_counters *c, const char *spec)
{
	struct fake *f = calloc(1, sizeof(*f));
	char *copy = strdup(spec), *save = NULL;
	int ret = 0;

	if (!f || !copy) {
		free(f);
		free(copy);
		return hc_err("out of memory");
	}
	c->priv = f;
	f->loop = 2;
	f->fixed = 30;
	f->irq_cost = 5000;
	for (char *t = strtok_r(copy, ",", &save); t && !ret; t = strtok_r(NULL, ",", &save))
		ret = parse_item(f, t);
	free(copy);
	return ret;
}

static uint64_t cost_of(const struct fake *f, const struct hc_variant *v)
{
	uint64_t cost = 0;

	/* A rule for the configuration wins over one for the whole case. */
	for (unsigned int i = 0; i < f->nr_rules; i++) {
		const struct fake_rule *r = &f->rule[i];

		if (strcmp(r->name, v->c->name))
			continue;
		if (r->config == (int)v->config)
			return r->cost;
		if (r->config < 0)
			cost = r->cost;
	}
	return cost;
}

static void fake_mark(struct hc_counters *c, const struct hc_variant *v, uint64_t iters,
		      unsigned int round)
{
	struct fake *f = c->priv;
	uint64_t k = ++f->samples;

	f->pending = f->fixed + iters * (f->loop + f->drift * round + cost_of(f, v));
	if (f->jitter)
		f->pending += k * 7919 % f->jitter;
	f->irq_pending = f->irq_every && k % f->irq_every == 0;
	if (f->irq_pending && c->kernel)
		f->pending += f->irq_cost;
	f->marked = true;
	f->mux_pending = f->mux_every && k % f->mux_every == 0;
	f->reads = 0;
}

/* The first read after a mark starts the sample, the second ends it; unmarked reads cost fixed. */
static int fake_read(struct hc_counters *c, struct hc_reading *r)
{
	struct fake *f = c->priv;

	if (f->reads++ % 2) {
		f->count += f->marked ? f->pending : f->fixed;
		f->irqs += f->irq_pending;
		f->time_enabled += 1000;
		f->time_running += f->mux_pending ? 500 : 1000;
		f->marked = f->mux_pending = f->irq_pending = false;
	}
	r->val[0] = f->count;
	r->time_enabled = f->time_enabled;
	r->time_running = f->time_running;
	return 0;
}

static uint64_t fake_interruptions(struct hc_counters *c)
{
	return ((struct fake *)c->priv)->irqs;
}

static void fake_free(struct hc_counters *c)
{
	struct fake *f = c->priv;

	if (!f)
		return;
	for (unsigned int i = 0; i < f->nr_rules; i++)
		free(f->rule[i].name);
	free(f);
}

const struct hc_backend_ops hc_fake_ops = {
	.name = "fake", .metric = "fake", .user_only = true, .read = fake_read, .mark = fake_mark,
	.interruptions = fake_interruptions, .free = fake_free,
};
