// SPDX-License-Identifier: GPL-2.0
/*
 * What every part of the report reads from a run: its instrument and unit, its comparisons
 * (shift and verdict kind, as the analysis stage wrote them) and the labels of their rows.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
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

/* Whether f's file records the exact flag: files of before it (schema /1, early /2) do not. */
static bool exact_recorded(const struct hc_run *f)
{
	json_t *results = f->doc ? json_object_get(f->doc, "results") : NULL, *o;
	size_t i;

	if (!f->doc)
		return true;
	json_array_foreach(results, i, o)
		if (json_object_get(o, "exact"))
			return true;
	return false;
}

/*
 * Under qemu -icount shift=0,sleep=off (scripts/vm) the TSC counts retired instructions, and
 * only there do a TSC run's counts repeat exactly: the run's measured exact flag says so, not
 * the name of the CPU model (qemu under KVM has the same name and counts time). A file of
 * before the flag has only the name to tell.
 */
enum hc_instrument hc_report_instrument(const struct hc_run *f)
{
	const char *backend = context_str(f, NULL, "backend");

	if (!strcmp(backend, "perf"))
		return HC_INSTR_PMU;
	if (!strcmp(backend, "clock"))
		return HC_INSTR_CLOCK;
	if (!strcmp(backend, "tsc") && (exact_recorded(f) ? run_exact(f) :
					 !strncmp(context_str(f, "cpu", "model"), "QEMU", 4)))
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

const struct hc_summary *hc_report_summary(const struct hc_run *f, const struct hc_result *r,
					   const char *metric)
{
	int m = hc_result_metric(f, r, metric);

	return m < 0 ? NULL : &r->summary[m];
}

size_t hc_report_params(char *buf, size_t len, size_t off, const struct hc_params *p)
{
	const struct hc_vid id = { .params = *p };

	if (!p->nr || off + 1 >= len)
		return off;
	if (off)
		buf[off++] = ' ';
	return off + hc_vid_label(&id, HC_VID_PARAMS, &hc_label_spaced, buf + off, len - off);
}

size_t hc_report_case_label(const struct hc_result *r, char *buf, size_t len)
{
	const struct hc_params *p = &r->id.params;
	struct hc_vid id = { .name = r->id.name };

	for (unsigned int i = 0; i < p->nr; i++)
		if (r->swept & (1u << i))
			id.params.p[id.params.nr++] = p->p[i];
	return hc_vid_label(&id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_spaced, buf, len);
}

int hc_report_shift_decimals(const struct hc_comparison *c)
{
	int dec = hc_decimals((c->ci_hi - c->ci_lo) / 2, 1, 2);

	return dec > 3 ? 3 : dec;
}

void hc_report_cell(const struct hc_comparison *c, char *buf, size_t len)
{
	char delta[32], lo[32], hi[32];
	const struct hc_ci *v;
	struct hc_ci ci;
	double bound, level;
	int dec;

	if (!c) {
		snprintf(buf, len, "-");
		return;
	}
	/* The interval the verdict rests on: the equivalence test's within the margin. */
	v = hc_comparison_ci(c, &ci, &level);
	bound = fmax(fabs(v->lo), fabs(v->hi));
	/* No more digits than the CI supports, nor than a cost of that size needs. */
	dec = hc_report_shift_decimals(c);
	dec = hc_value_decimals(bound) < dec ? hc_value_decimals(bound) : dec;
	if (c->verdict == HC_VERDICT_EQUIVALENT) {
		hc_fmt_fixed(hi, sizeof(hi), c->margin, hc_value_decimals(c->margin), false, "");
		snprintf(buf, len, "≈0 (<%s)", hi);
		return;
	}
	hc_fmt_fixed(delta, sizeof(delta), c->estimate, dec, true, "");
	hc_fmt_fixed(lo, sizeof(lo), v->lo, dec, false, "");
	hc_fmt_fixed(hi, sizeof(hi), v->hi, dec, false, "");
	if (hc_verdict_flagged(c->verdict))
		snprintf(buf, len, "%s [%s, %s]", delta, lo, hi);
	else
		snprintf(buf, len, "? [%s, %s]", lo, hi);
}
