// SPDX-License-Identifier: GPL-2.0
/*
 * What every part of the report reads from a run: its instrument and unit, its comparisons
 * (shift and verdict kind, as the analysis stage wrote them) and the labels of their rows.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "cmd/cli.h"
#include "report/report.h"

const char *hc_jstr(json_t *obj, const char *key)
{
	const char *s = json_string_value(json_object_get(obj, key));

	return s ? s : "";
}

static const char *context_str(const struct hc_rfile *f, const char *obj, const char *key)
{
	json_t *o = obj ? json_object_get(f->context, obj) : f->context;

	return hc_jstr(o, key);
}

/*
 * scripts/vm runs every guest under -icount shift=0,sleep=off, where the TSC counts retired
 * instructions: a TSC run on qemu's CPU model is such a guest.
 */
enum hc_instrument hc_report_instrument(const struct hc_rfile *f)
{
	const char *backend = context_str(f, NULL, "backend");

	if (!strcmp(backend, "perf"))
		return HC_INSTR_PMU;
	if (!strcmp(backend, "clock"))
		return HC_INSTR_CLOCK;
	if (!strncmp(context_str(f, "cpu", "model"), "QEMU", 4))
		return HC_INSTR_ICOUNT;
	return HC_INSTR_TSC;
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

const char *hc_report_unit(const struct hc_rfile *f, const char *metric)
{
	if (!strcmp(metric, "tsc") && hc_report_instrument(f) == HC_INSTR_ICOUNT)
		return "instr";
	return metric;
}

void hc_report_unit_label(const struct hc_rfile *f, const char *metric, char *buf, size_t len)
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

const char *hc_report_file_name(const struct hc_rfile *f)
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

static bool file_has_metric(const struct hc_rfile *f, const char *metric)
{
	unsigned int i;

	for (i = 0; i < f->nr_rows; i++)
		if (!f->rows[i].skipped && hc_rrow_metric(&f->rows[i], metric))
			return true;
	return false;
}

const char *hc_report_headline_metric(const struct hc_report *r, const struct hc_rfile *f)
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

static double jnum(json_t *v)
{
	return json_is_number(v) ? json_number_value(v) : NAN;
}

void hc_report_shift(json_t *c, struct hc_shift *s)
{
	json_t *ci = json_object_get(c, "ci95");

	memset(s, 0, sizeof(*s));
	s->delta = jnum(json_object_get(c, "delta"));
	s->ci_lo = jnum(json_array_get(ci, 0));
	s->ci_hi = jnum(json_array_get(ci, 1));
	s->p_value = jnum(json_object_get(c, "p_value"));
	s->rel_change = jnum(json_object_get(c, "rel_change"));
}

/* The analysis stage's verdict: its kind where it names one, else its sentence's first word. */
enum hc_kind hc_report_kind(json_t *c)
{
	static const struct {
		const char *word;
		enum hc_kind kind;
	} kinds[] = {
		{ "overhead", HC_KIND_OVERHEAD }, { "saving", HC_KIND_SAVING },
		{ "equivalent", HC_KIND_EQUIVALENT }, { "inconclusive", HC_KIND_INCONCLUSIVE },
		{ "no detectable", HC_KIND_INCONCLUSIVE },
	};
	const char *v = hc_jstr(c, "verdict_kind");
	unsigned int i;

	if (!c)
		return HC_KIND_NONE;
	if (!*v)
		v = hc_jstr(c, "verdict");
	for (i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strncmp(v, kinds[i].word, strlen(kinds[i].word)))
			return kinds[i].kind;
	return HC_KIND_INCONCLUSIVE;
}

const char *hc_kind_name(enum hc_kind k)
{
	static const char *const names[] = {
		[HC_KIND_NONE] = "-", [HC_KIND_OVERHEAD] = "overhead",
		[HC_KIND_SAVING] = "saving", [HC_KIND_EQUIVALENT] = "equivalent",
		[HC_KIND_INCONCLUSIVE] = "no detectable change",
	};

	return names[k];
}

bool hc_kind_changed(enum hc_kind k)
{
	return k == HC_KIND_OVERHEAD || k == HC_KIND_SAVING;
}

const struct hc_rrow *hc_report_side(const struct hc_rfile *f, json_t *c, bool other)
{
	const char *config = hc_jstr(c, other ? "other" : "base");
	unsigned int i;

	for (i = 0; i < f->nr_rows; i++) {
		const struct hc_rrow *row = &f->rows[i];

		if (!row->skipped && !strcmp(row->suite, hc_jstr(c, "suite")) &&
		    !strcmp(row->name, hc_jstr(c, "case")) &&
		    !strcmp(row->gate, hc_jstr(c, "gate")) && !strcmp(row->config, config) &&
		    json_equal(row->params, json_object_get(c, "params")))
			return row;
	}
	return NULL;
}

size_t hc_report_params(char *buf, size_t len, size_t off, json_t *params, const char *skip)
{
	const char *key;
	json_t *v;

	json_object_foreach(params, key, v)
		if ((!skip || strcmp(key, skip)) && off < len)
			off += snprintf(buf + off, len - off, "%s%s=%g", off ? " " : "", key,
					json_number_value(v));
	return off;
}

bool hc_report_param_varies(const struct hc_rfile *f, const char *kase, const char *key)
{
	json_t *first = NULL, *c, *v;
	size_t k;

	json_array_foreach(f->comparisons, k, c) {
		if (strcmp(hc_jstr(c, "case"), kase))
			continue;
		v = json_object_get(json_object_get(c, "params"), key);
		if (!first)
			first = v;
		else if (!json_equal(first, v))
			return true;
	}
	return false;
}

size_t hc_report_varying_params(const struct hc_rfile *f, json_t *c, char *buf, size_t len,
				size_t off)
{
	json_t *params = json_object_get(c, "params"), *v;
	const char *key;

	json_object_foreach(params, key, v)
		if (hc_report_param_varies(f, hc_jstr(c, "case"), key) && off < len)
			off += snprintf(buf + off, len - off, "%s%s=%g", off ? " " : "", key,
					json_number_value(v));
	return off;
}

int hc_report_shift_decimals(const struct hc_shift *s)
{
	int dec = hc_decimals((s->ci_hi - s->ci_lo) / 2, 1, 2);

	return dec > 3 ? 3 : dec;
}

void hc_report_cell(json_t *c, char *buf, size_t len)
{
	char delta[32], lo[32], hi[32];
	struct hc_shift s;
	double bound;
	int dec;

	if (!c) {
		snprintf(buf, len, "-");
		return;
	}
	hc_report_shift(c, &s);
	bound = fmax(fabs(s.ci_lo), fabs(s.ci_hi));
	/* No more digits than the CI supports, nor than a cost of that size needs. */
	dec = hc_report_shift_decimals(&s);
	dec = hc_value_decimals(bound) < dec ? hc_value_decimals(bound) : dec;
	if (!hc_kind_changed(hc_report_kind(c))) {
		hc_fmt_fixed(hi, sizeof(hi), bound, dec, false, "");
		snprintf(buf, len, "≈0 (<%s)", hi);
		return;
	}
	hc_fmt_fixed(delta, sizeof(delta), s.delta, dec, true, "");
	hc_fmt_fixed(lo, sizeof(lo), s.ci_lo, dec, false, "");
	hc_fmt_fixed(hi, sizeof(hi), s.ci_hi, dec, false, "");
	snprintf(buf, len, "%s [%s, %s]", delta, lo, hi);
}
