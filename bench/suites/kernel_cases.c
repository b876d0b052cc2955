// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost.ko's case table (kernel.h): parsing the debugfs `cases` file and checking the
 * harness's kernel cases against it.
 */
#include <inttypes.h>
#include <string.h>

#include "core/case.h"
#include "core/error.h"
#include "suites/kernel.h"

int hc_kcases_parse(FILE *f, const char *name, struct hc_kcase_table *t)
{
	char line[256], cname[64], param[32];
	unsigned long long max_iters, min, max;
	unsigned int id, gates, configs, flags;
	unsigned int lineno = 0;

	memset(t, 0, sizeof(*t));
	while (fgets(line, sizeof(line), f)) {
		lineno++;
		if (sscanf(line, "%u %63s %x %x %llu %31s %llu %llu %x", &id, cname, &gates,
			   &configs, &max_iters, param, &min, &max, &flags) != 9)
			return hc_err("%s:%u: not a case line of hookcost.ko (id name gates configs "
				      "max_iters param min max flags): %.60s", name, lineno, line);
		if (!id || id >= HC_KCASE__NR || strcmp(cname, hc_kcase_names[id]))
			return hc_err("%s:%u: case %u %s is not one this harness knows (%s); rebuild "
				      "hookcost.ko and the harness from the same tree", name, lineno,
				      id, cname, id && id < HC_KCASE__NR ? hc_kcase_names[id] :
				      "no such id");
		t->c[id] = (struct hc_kcase_info){
			.present = true, .gates = gates, .configs = configs, .flags = flags,
			.max_iters = max_iters, .min = min, .max = max,
		};
		if (strcmp(param, "-"))
			snprintf(t->c[id].param, sizeof(t->c[id].param), "%s", param);
	}
	return 0;
}

/* "static,branch" from a mask over names. */
static const char *mask_str(uint32_t mask, const char *const *names, unsigned int n, char *buf,
			    size_t len)
{
	size_t used = 0;

	buf[0] = '\0';
	for (unsigned int i = 0; i < n && used < len; i++)
		if (mask & (1u << i))
			used += snprintf(buf + used, len - used, "%s%s", used ? "," : "", names[i]);
	return buf;
}

#define DISAGREE "hookcost.ko and the harness disagree on %s: "
#define REBUILD " (rebuild both from the same tree)"

static int check_case(const struct hc_case *c, const struct hc_kcase_info *k)
{
	const struct hc_param_def *p = c->params && c->params[0].name ? &c->params[0] : NULL;
	char a[96], b[96];

	if (c->gates != k->gates)
		return hc_err(DISAGREE "gates %s in the module, %s here" REBUILD, c->name,
			      mask_str(k->gates, hc_gate_names, HC_GATE__NR, a, sizeof(a)),
			      mask_str(c->gates, hc_gate_names, HC_GATE__NR, b, sizeof(b)));
	if (c->configs != k->configs)
		return hc_err(DISAGREE "configurations %s in the module, %s here" REBUILD, c->name,
			      mask_str(k->configs, hc_config_names, HC_CONFIG__NR, a, sizeof(a)),
			      mask_str(c->configs, hc_config_names, HC_CONFIG__NR, b, sizeof(b)));
	if (strcmp(p ? p->name : "", k->param))
		return hc_err(DISAGREE "parameter '%s' in the module, '%s' here" REBUILD, c->name,
			      k->param, p ? p->name : "");
	if (p && ((uint64_t)p->min != k->min || (uint64_t)p->max != k->max))
		return hc_err(DISAGREE "%s in [%" PRIu64 ", %" PRIu64 "] in the module, [%ld, %ld] "
			      "here" REBUILD, c->name, p->name, k->min, k->max, p->min, p->max);
	return 0;
}

int hc_kcases_check(const struct hc_kcase_table *t)
{
	for (unsigned int i = 0; i < hc_case_count(); i++) {
		const struct hc_case *c = hc_case_get(i);
		unsigned int id;

		if (strcmp(c->suite, "kernel"))
			continue;
		for (id = HC_KCASE__NR - 1; id; id--)
			if (!strcmp(hc_kcase_names[id], c->name))
				break;
		if (!id || !t->c[id].present)
			return hc_err("the loaded hookcost.ko has no case %s" REBUILD, c->name);
		if (check_case(c, &t->c[id]))
			return -1;
	}
	return 0;
}
