// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost.ko's case table (kernel.h): parsing the debugfs `cases` file, the table built into
 * the harness, and what a kernel case offers by either.
 */
#include <ctype.h>
#include <limits.h>
#include <string.h>

#include "base/error.h"
#include "suites/kernel.h"

#define REBUILD " (rebuild hookcost.ko and the harness from the same tree)"

/* "none,static,..." of a name table, as the module's first line gives it. */
static const char *names_str(const char *const *names, unsigned int nr, char *buf, size_t len)
{
	return hc_mask_str((1u << nr) - 1, names, nr, buf, len);
}

/* The first line: this ABI, and gates and configurations named as the harness names them. */
static int parse_header(const char *line, const char *name)
{
	char magic[32], gates[160], configs[160], want[160];
	unsigned int version;

	if (sscanf(line, "%31s %u gates %159s configs %159s", magic, &version, gates,
		   configs) != 4 || strcmp(magic, HC_CASES_MAGIC))
		return hc_err("%s: no '%s' first line: hookcost.ko from before ABI %u" REBUILD,
			      name, HC_CASES_MAGIC, HC_KABI_VERSION);
	if (version != HC_KABI_VERSION)
		return hc_err("%s: hookcost.ko speaks ABI %u, this harness %u" REBUILD, name,
			      version, HC_KABI_VERSION);
	if (strcmp(gates, names_str(hc_gate_names, HC_GATE__NR, want, sizeof(want))))
		return hc_err("%s: the module's gates are %s, the harness's %s" REBUILD, name,
			      gates, want);
	if (strcmp(configs, names_str(hc_config_names, HC_CONFIG__NR, want, sizeof(want))))
		return hc_err("%s: the module's configurations are %s, the harness's %s" REBUILD,
			      name, configs, want);
	return 0;
}

/* One case line into t; what is wrong with it otherwise. */
static const char *parse_case(const char *line, struct hc_kcase_table *t)
{
	char cname[64], param[32];
	unsigned long long max_iters, min, max;
	unsigned int id, gates, configs, flags;
	int end = 0;

	if (sscanf(line, "%u %63s %x %x %llu %31s %llu %llu %x%n", &id, cname, &gates, &configs,
		   &max_iters, param, &min, &max, &flags, &end) != 9 || line[end] ||
	    !isdigit((unsigned char)line[0]))
		return "not a case line of hookcost.ko (id name gates configs max_iters param "
		       "min max flags)";
	/* Ids are append only: a newer module's cases are not this harness's to run. */
	if (id >= HC_KCASE__NR) {
		t->unknown++;
		return NULL;
	}
	if (!id || strcmp(cname, hc_kcase_decls[id].name))
		return "a case this harness knows by another name" REBUILD;
	if (t->c[id].present)
		return "a case given twice";
	if (!gates || gates >> HC_GATE__NR || !configs || configs >> HC_CONFIG__NR)
		return "gates or configurations outside the names of the first line";
	if (!max_iters || max_iters > HC_KREQ_MAX_ITERS || flags & ~HC_KRES_IRQS_OFF)
		return "an iteration bound or flags outside the ABI";
	if (min > max || max > LONG_MAX || (!strcmp(param, "-") && (min || max)))
		return "a parameter range that is not one";
	t->c[id] = (struct hc_kcase_info){
		.present = true, .gates = gates, .configs = configs, .flags = flags,
		.max_iters = max_iters, .min = min, .max = max,
	};
	if (strcmp(param, "-"))
		snprintf(t->c[id].param, sizeof(t->c[id].param), "%s", param);
	return NULL;
}

int hc_kcases_parse(FILE *f, const char *name, struct hc_kcase_table *t)
{
	unsigned int lineno = 1;
	const char *why;
	char line[256];

	memset(t, 0, sizeof(*t));
	t->source = name;
	if (!fgets(line, sizeof(line), f))
		return hc_err("%s: empty, not hookcost.ko's case table", name);
	if (parse_header(line, name))
		return -1;
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		line[strcspn(line, "\n")] = '\0';
		why = parse_case(line, t);
		if (why)
			return hc_err("%s:%u: %s: %.60s", name, lineno, why, line);
	}
	return 0;
}

void hc_kcases_builtin(struct hc_kcase_table *t)
{
	memset(t, 0, sizeof(*t));
	t->source = "the harness's copy of hookcost.ko's table (no module loaded)";
	for (unsigned int id = 1; id < HC_KCASE__NR; id++) {
		const struct hc_kcase_decl *d = &hc_kcase_decls[id];

		t->c[id] = (struct hc_kcase_info){
			.present = true, .gates = d->gates, .configs = d->configs,
			.min = d->min, .max = d->max,
		};
		if (d->param)
			snprintf(t->c[id].param, sizeof(t->c[id].param), "%s", d->param);
	}
}

const char *hc_kcases_describe(const struct hc_kcase_info *k, char *buf, size_t len)
{
	char gates[96], configs[96];

	hc_mask_str(k->gates, hc_gate_names, HC_GATE__NR, gates, sizeof(gates));
	hc_mask_str(k->configs, hc_config_names, HC_CONFIG__NR, configs, sizeof(configs));
	snprintf(buf, len, "gates %s; configurations %s", gates, configs);
	if (*k->param)
		snprintf(buf + strlen(buf), len - strlen(buf), "; %s in [%llu, %llu]", k->param,
			 (unsigned long long)k->min, (unsigned long long)k->max);
	return buf;
}

const char *hc_kres_mismatch(const struct hc_kreq *q, const struct hc_kres *res,
			     const struct hc_kres_want *w, uint64_t last_seq)
{
	bool child = res->flags & HC_KRES_MEMCG_CHILD;

	if (res->magic != HC_KABI_MAGIC || res->version != HC_KABI_VERSION)
		return "magic or ABI version";
	if (res->case_id != q->case_id)
		return "case id";
	if (res->gate != q->gate || res->config != q->config)
		return "gate or configuration";
	if (res->param != q->param || res->iters != q->iters || res->samples != q->samples)
		return "parameter, iterations or samples";
	if (res->seq <= last_seq)
		return "sequence number (a stale result)";
	if (res->flags & ~(HC_KRES_IRQS_OFF | HC_KRES_MEMCG_CHILD))
		return "flags (a flag this harness does not know)";
	if ((res->flags & HC_KRES_IRQS_OFF) != w->irqs_off)
		return "interrupts-off flag";
	if ((w->child == HC_KCHILD_YES && !child) || (w->child == HC_KCHILD_NO && child))
		return "memory cgroup flag";
	return NULL;
}

int hc_kcases_offer(const struct hc_kcase_table *t, const struct hc_case *c, struct hc_offer *o)
{
	const struct hc_param_def *p = c->params && c->params[0].name ? &c->params[0] : NULL;
	unsigned int id = hc_kcase_id(c->name);
	const struct hc_kcase_info *k = &t->c[id];

	memset(o, 0, sizeof(*o));
	if (!id || !k->present)
		return hc_err("%s has no case %s" REBUILD, t->source, c->name);
	/* The harness sweeps and labels its own parameter: another one would be mislabelled. */
	if (strcmp(p ? p->name : "", k->param))
		return hc_err("%s gives %s the parameter '%s', the harness sweeps '%s'" REBUILD,
			      t->source, c->name, *k->param ? k->param : "(none)",
			      p ? p->name : "(none)");
	o->gates = k->gates;
	o->configs = k->configs;
	o->source = t->source;
	if (p) {
		o->params[0] = *p;
		o->params[0].min = k->min;
		o->params[0].max = k->max;
	}
	return 0;
}

bool hc_kcases_same(const struct hc_kcase_table *a, const struct hc_kcase_table *b,
		    unsigned int id)
{
	const struct hc_kcase_info *x = &a->c[id], *y = &b->c[id];

	return x->present == y->present && x->gates == y->gates && x->configs == y->configs &&
	       !strcmp(x->param, y->param) && x->min == y->min && x->max == y->max;
}
