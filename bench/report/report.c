// SPDX-License-Identifier: GPL-2.0
/*
 * What every part of the report reads from a run: its instrument and unit, its comparisons
 * (shift and verdict kind, as the analysis stage wrote them) and the labels of their rows.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/shell.h"
#include "report/report.h"

const char *hc_jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

static const char *context_str(const struct hc_run *f, const char *obj, const char *key)
{
	json_t *o = obj ? json_object_get(f->context, obj) : f->context;

	return hc_jstr(o, key);
}

/* Whether the run measured its counts exact: samples at 0 iterations repeated exactly. */
static bool run_exact(const struct hc_run *f)
{
	unsigned int i;

	for (i = 0; i < f->nr_results; i++)
		if (!f->results[i].skip_reason && f->results[i].exact)
			return true;
	return false;
}

/*
 * Under qemu -icount shift=0,sleep=off (scripts/vm) the TSC counts retired instructions, and
 * only there do a TSC run's counts repeat exactly: the run's measured exact flag says so, not
 * the name of the CPU model (qemu under KVM has the same name and counts time).
 */
enum hc_instrument hc_report_instrument(const struct hc_run *f)
{
	const char *backend = context_str(f, NULL, "backend");

	if (!strcmp(backend, "perf"))
		return HC_INSTR_PMU;
	if (!strcmp(backend, "clock"))
		return HC_INSTR_CLOCK;
	if (!strcmp(backend, "tsc") && run_exact(f))
		return HC_INSTR_ICOUNT;
	return HC_INSTR_TSC;
}

bool hc_report_comparable(const struct hc_report *r, unsigned int fi)
{
	return hc_report_instrument(&r->files[fi]) == hc_report_instrument(&r->files[0]);
}

const char *hc_instrument_name(enum hc_instrument in)
{
	static const char *const names[] = {
		[HC_INSTR_PMU] = "hardware counters",
		[HC_INSTR_TSC] = "TSC ticks (time)",
		[HC_INSTR_ICOUNT] = "exact instructions (qemu icount)",
		[HC_INSTR_CLOCK] = "clock (time)",
	};

	return names[in];
}

const char *hc_report_unit(const struct hc_run *f, const char *metric)
{
	if (!strcmp(metric, "tsc") && hc_report_instrument(f) == HC_INSTR_ICOUNT)
		return "instr";
	return metric;
}

void hc_report_unit_label(const struct hc_run *f, const char *metric, char *buf, size_t len)
{
	switch (hc_report_instrument(f)) {
	case HC_INSTR_ICOUNT:
		snprintf(buf, len, "instructions/op (qemu icount)");
		break;
	case HC_INSTR_TSC:
		snprintf(buf, len, "TSC ticks/op");
		break;
	default:
		snprintf(buf, len, "%s/op", metric);
	}
}

const char *hc_report_file_name(const struct hc_run *f)
{
	const char *slash = strrchr(f->path, '/');

	return slash ? slash + 1 : f->path;
}

void hc_report_word(char *buf, size_t len, const char *arg)
{
	const char *slash = arg[0] == '/' ? strrchr(arg, '/') : NULL;

	hc_shell_word(buf, len, slash && slash[1] ? slash + 1 : arg);
}

void hc_report_command(json_t *context, char *buf, size_t len)
{
	json_t *cmd = json_object_get(context, "command"), *arg;
	size_t k;

	buf[0] = '\0';
	if (json_is_string(cmd))
		snprintf(buf, len, "%s", json_string_value(cmd));
	json_array_foreach(cmd, k, arg)
		hc_report_word(buf, len, json_is_string(arg) ? json_string_value(arg) : "?");
}

bool hc_report_metric_selected(const struct hc_report *r, const char *metric)
{
	unsigned int m;

	for (m = 0; m < r->nr_metrics; m++)
		if (!strcmp(r->metrics[m], metric))
			return true;
	return false;
}

static bool file_has_metric(const struct hc_run *f, const char *metric)
{
	unsigned int i;

	for (i = 0; i < f->nr_results; i++)
		if (hc_result_metric(f, &f->results[i], metric) >= 0)
			return true;
	return false;
}

const char *hc_report_headline_metric(const struct hc_report *r, const struct hc_run *f)
{
	static const char *const preferred[] = { "instructions", "cycles" };
	unsigned int i;

	for (i = 0; i < sizeof(preferred) / sizeof(preferred[0]); i++)
		if (hc_report_metric_selected(r, preferred[i]) && file_has_metric(f, preferred[i]))
			return preferred[i];
	for (i = 0; i < r->nr_metrics; i++)
		if (file_has_metric(f, r->metrics[i]))
			return r->metrics[i];
	return NULL;
}

const char *hc_report_gate(const struct hc_comparison *c)
{
	return hc_gate_names[c->base->id.gate];
}

const char *hc_report_base(const struct hc_comparison *c)
{
	return hc_config_names[c->base->id.config];
}

const char *hc_report_other(const struct hc_comparison *c)
{
	return hc_config_names[c->other->id.config];
}

const struct hc_msummary *hc_report_summary(const struct hc_run *f, const struct hc_result *r,
					    const char *metric)
{
	int m = hc_result_metric(f, r, metric);

	return m < 0 ? NULL : &r->summary[m];
}

size_t hc_report_params(char *buf, size_t len, size_t off, const struct hc_params *p)
{
	unsigned int i;

	for (i = 0; i < p->nr && off < len; i++)
		off += snprintf(buf + off, len - off, "%s%s=%ld", off ? " " : "", p->p[i].name,
				p->p[i].value);
	return off;
}

static const long *param_value(const struct hc_params *p, const char *key)
{
	unsigned int i;

	for (i = 0; i < p->nr; i++)
		if (!strcmp(p->p[i].name, key))
			return &p->p[i].value;
	return NULL;
}

bool hc_report_param_varies(const struct hc_run *f, const struct hc_result *r,
			    const char *key)
{
	const long *mine = param_value(&r->id.params, key), *v;
	unsigned int i;

	for (i = 0; i < f->nr_results; i++) {
		if (f->results[i].skip_reason ||
		    !hc_vid_same(&f->results[i].id, &r->id, HC_VID_CASE))
			continue;
		v = param_value(&f->results[i].id.params, key);
		if (!v != !mine || (v && *v != *mine))
			return true;
	}
	return false;
}

size_t hc_report_case_label(const struct hc_run *f, const struct hc_result *r, char *buf,
			    size_t len)
{
	const struct hc_params *p = &r->id.params;
	size_t off = snprintf(buf, len, "%s", r->id.name);
	unsigned int i;

	for (i = 0; i < p->nr && off < len; i++)
		if (hc_report_param_varies(f, r, p->p[i].name))
			off += snprintf(buf + off, len - off, " %s=%ld", p->p[i].name,
					p->p[i].value);
	return off;
}

int hc_report_shift_decimals(const struct hc_comparison *c)
{
	int dec = hc_decimals((c->ci_hi - c->ci_lo) / 2, 1, 2);

	return dec > 3 ? 3 : dec;
}

void hc_report_cell(const struct hc_comparison *c, char *buf, size_t len)
{
	char delta[32], lo[32], hi[32];
	double bound;
	int dec;

	if (!c) {
		snprintf(buf, len, "-");
		return;
	}
	bound = fmax(fabs(c->ci_lo), fabs(c->ci_hi));
	/* No more digits than the CI supports, nor than a cost of that size needs. */
	dec = hc_report_shift_decimals(c);
	dec = hc_value_decimals(bound) < dec ? hc_value_decimals(bound) : dec;
	if (c->verdict == HC_VERDICT_EQUIVALENT) {
		hc_fmt_fixed(hi, sizeof(hi), c->margin, hc_value_decimals(c->margin), false, "");
		snprintf(buf, len, "≈0 (<%s)", hi);
		return;
	}
	hc_fmt_fixed(delta, sizeof(delta), c->estimate, dec, true, "");
	hc_fmt_fixed(lo, sizeof(lo), c->ci_lo, dec, false, "");
	hc_fmt_fixed(hi, sizeof(hi), c->ci_hi, dec, false, "");
	if (hc_verdict_flagged(c->verdict))
		snprintf(buf, len, "%s [%s, %s]", delta, lo, hi);
	else
		snprintf(buf, len, "? [%s, %s]", lo, hi);
}
