// SPDX-License-Identifier: GPL-2.0
/*
 * The details after the headline: method, environment, the tables of every run, the figures,
 * the command lines and, last and folded away, every comparison as a sentence.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/numfmt.h"
#include "output/compare.h"
#include "analysis/context.h"
#include "report/matrix.h"
#include "report/report.h"
#include "version.h"

/* "static: active vs off size=64" */
static void comparison_label(const struct hc_comparison *c, char *buf, size_t len)
{
	const struct hc_vid *id = &c->base->id;
	char gate[32], params[160];

	hc_vid_label(id, HC_VID_GATE, &hc_label_spaced, gate, sizeof(gate));
	hc_vid_label(id, HC_VID_PARAMS, &hc_label_spaced, params, sizeof(params));
	snprintf(buf, len, "%s%s%s vs %s%s%s", gate, *gate ? ": " : "",
		 hc_config_names[c->other->id.config], hc_config_names[id->config],
		 *params ? " " : "", params);
}

/* A comparison of a selected metric: its metric, with its label filled; else NULL. */
static const char *selected_comparison(const struct hc_report *r, const struct hc_comparison *c,
				       char *label, size_t len)
{
	if (!hc_report_metric_selected(r, c->metric))
		return NULL;
	comparison_label(c, label, len);
	return c->metric;
}

/* Every comparison as a verdict sentence: the detail behind the headline, folded away. */
static void section_all_comparisons(struct hc_report *r, struct hc_doc *d)
{
	char label[200];
	unsigned int fi, i, nr = 0;

	for (fi = 0; fi < r->nr_files; fi++)
		for (i = 0; i < r->files[fi].nr_cmps; i++)
			nr += hc_report_metric_selected(r, r->files[fi].cmps[i].metric);
	for (fi = 1; fi < r->nr_files; fi++)
		for (i = 0; i < r->cmps[fi - 1].nr_rows; i++)
			nr += hc_verdict_flagged(r->cmps[fi - 1].rows[i].verdict);
	hc_doc_heading(d, 2, "All comparisons");
	snprintf(label, sizeof(label), "%u comparisons, one sentence each, run by run", nr);
	hc_doc_fold_begin(d, label);
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_heading(d, 3, "%s: configurations against their base", hc_report_file_name(f));
		for (i = 0; i < f->nr_cmps; i++) {
			const struct hc_comparison *c = &f->cmps[i];

			if (selected_comparison(r, c, label, sizeof(label)))
				hc_doc_item(d, "%s %s: %s", c->base->id.name, label, c->text);
		}
	}
	for (fi = 1; fi < r->nr_files; fi++) {
		const struct hc_cmp *cmp = &r->cmps[fi - 1];

		if (!hc_report_comparable(r, fi))
			continue;
		hc_doc_heading(d, 3, "%s against %s: overheads and savings",
			       hc_report_file_name(cmp->other),
			       hc_report_file_name(cmp->base));
		for (i = 0; i < cmp->nr_rows; i++) {
			const struct hc_comparison *row = &cmp->rows[i];

			if (!hc_verdict_flagged(row->verdict))
				continue;
			hc_cmp_row_label(row, label, sizeof(label));
			hc_doc_item(d, "%s: %s", label, row->text);
		}
	}
	hc_doc_fold_end(d);
}

static void section_method(struct hc_report *r, struct hc_doc *d)
{
	hc_doc_heading(d, 2, "Method");
	hc_doc_para(d, "Each variant (case x gate x configuration x parameters) is sampled "
		    "repeatedly on one pinned CPU. A sample runs the fast path a calibrated number "
		    "of times, so that reading the counters costs under 0.1 %% of it; rounds run "
		    "every configuration of a case once in a shuffled order, so drift hits all of "
		    "them alike; warm-up rounds are discarded. The harness cost, measured the same "
		    "way on an empty case, is subtracted and every value is per operation.");
	hc_doc_para(d, "Per metric: the median with its order-statistic (binomial) CI and the "
		    "coverage that reaches, the median absolute deviation (MAD), the coefficient "
		    "of variation (CV) and the minimum. Two configurations of a run were measured "
		    "in the same rounds and are compared paired: the Wilcoxon signed-rank test and "
		    "the one-sample Hodges-Lehmann shift of the per-round differences with its "
		    "distribution-free CI. Two runs: Mann-Whitney and the two-sample "
		    "Hodges-Lehmann shift. A run's comparisons form two families, the primary "
		    "question (unused vs off) and the secondary one (every other pair); each of "
		    "a family's m comparisons is judged at alpha/m (Bonferroni), alpha = %g, so "
		    "that each verdict can be checked from its own CI. Against a margin M (by "
		    "default 1 %% of the base's median): overhead or saving (|shift| >= M and the "
		    "1 - alpha/m CI excludes 0), equivalent (the 1 - 2 alpha/m CI inside ±M: two "
		    "one-sided tests), else inconclusive. A CI that cannot reach its level at "
		    "this n says what it reaches and decides nothing.", r->alpha);
	hc_doc_para(d, "Instruments. Hardware counters: perf events of the CPU's PMU (cycles, "
		    "instructions, branches). TSC: time in TSC ticks (lfence; rdtsc), what a "
		    "machine without a PMU measures, with the noise of time. Exact instructions "
		    "(qemu icount): the guest runs under qemu -icount shift=0,sleep=off, where its "
		    "TSC advances by one per retired instruction; two runs give the same counts, "
		    "so a difference is the cost itself, not an estimate.");
	hc_doc_para(d, "Each run's own parameters (samples, warm-up, seed, ...) are the method.* "
		    "rows under Environment.");
}

/* Shown elsewhere in the report: the command line and, as lists, warnings and advice. */
static bool env_listed(const char *key)
{
	static const char *const listed[] = { "command", "warnings", "advice" };

	return hc_context_key_in(key, listed, sizeof(listed) / sizeof(listed[0]));
}

static void env_row(struct hc_table *t, const struct hc_kv *kv, unsigned int nr, const char *key)
{
	const char *a = hc_kv_get(&kv[0], key), *b = nr > 1 ? hc_kv_get(&kv[1], key) : NULL;

	hc_table_row(t, nr > 1 && (!a || !b || strcmp(a, b)) && !hc_context_volatile(key));
	hc_table_cell(t, "%s", key);
	hc_table_cell(t, "%s", a ? a : "");
	if (nr > 1)
		hc_table_cell(t, "%s", b ? b : "");
}

static void env_list(struct hc_doc *d, const struct hc_run *f, const char *key,
		     const char *what)
{
	json_t *list = json_object_get(f->context, key), *item;
	size_t k;

	if (!json_array_size(list))
		return;
	hc_doc_para(d, "%s of %s:", what, hc_report_file_name(f));
	json_array_foreach(list, k, item)
		hc_doc_item(d, "%s", json_is_string(item) ? json_string_value(item) : "?");
}

static int section_environment(struct hc_report *r, struct hc_doc *d)
{
	/* Two runs side by side, differences marked; a third would make the table too wide. */
	unsigned int nr = r->nr_files > 1 ? 2 : 1, fi, i;
	struct hc_kv kv[2] = { { 0 } };
	struct hc_table *t;
	int ret = 0;

	hc_doc_heading(d, 2, "Environment");
	for (fi = 0; fi < nr && !ret; fi++)
		ret = hc_context_flatten(r->files[fi].context, &kv[fi]);
	t = hc_table_new(nr > 1 ? "lll" : "ll", "context", hc_report_file_name(&r->files[0]),
			 nr > 1 ? hc_report_file_name(&r->files[1]) : NULL, NULL);
	for (i = 0; i < kv[0].nr && !ret; i++)
		if (!env_listed(kv[0].key[i]))
			env_row(t, kv, nr, kv[0].key[i]);
	for (i = 0; nr > 1 && i < kv[1].nr && !ret; i++)
		if (!env_listed(kv[1].key[i]) && !hc_kv_get(&kv[0], kv[1].key[i]))
			env_row(t, kv, nr, kv[1].key[i]);
	ret = ret ? ret : hc_doc_table(d, t);
	for (fi = 2; fi < r->nr_files && !ret; fi++)
		if (r->cmps[fi - 1].context_diff[0])
			hc_doc_para(d, "%s differs from %s in: %s.",
				    hc_report_file_name(&r->files[fi]),
				    hc_report_file_name(&r->files[0]), r->cmps[fi - 1].context_diff);
	for (fi = 0; fi < r->nr_files; fi++) {
		env_list(d, &r->files[fi], "warnings", "Warnings recorded by");
		env_list(d, &r->files[fi], "advice", "Advice on the machine");
	}
	for (fi = 0; fi < nr; fi++)
		hc_kv_free(&kv[fi]);
	return ret;
}

/* "[lo, hi]", and what it covers when that is short of the level asked for. */
static void ci_cell(struct hc_table *t, const char *lo, const char *hi, double coverage,
		    double level)
{
	if (coverage < level - 1e-9)
		hc_table_cell(t, "[%s, %s] (covers %.1f%%)", lo, hi, 100 * coverage);
	else
		hc_table_cell(t, "[%s, %s]", lo, hi);
}

static int table_results(struct hc_report *r, struct hc_doc *d, const struct hc_run *f,
			 const char *metric)
{
	struct hc_table *t = hc_table_new("lllrrrrrrr", "case", "gate", "config", "n",
					  "iterations", "median", "CI", "MAD", "CV", "min",
					  NULL);
	char label[200], med[32], lo[32], hi[32], mad[32], min[32], cv[32];
	unsigned int i;

	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];
		int mi = hc_result_metric(f, row, metric);
		const struct hc_summary *m = mi < 0 ? NULL : &row->summary[mi];
		int dec = m ? hc_value_decimals(m->median) : 0;

		if (!m)
			continue;
		hc_fmt_fixed(med, sizeof(med), m->median, dec, false, "");
		hc_fmt_fixed(lo, sizeof(lo), m->ci_lo, dec, false, "");
		hc_fmt_fixed(hi, sizeof(hi), m->ci_hi, dec, false, "");
		hc_fmt_fixed(mad, sizeof(mad), m->mad, hc_decimals(m->mad, 2, dec), false, "");
		hc_fmt_fixed(min, sizeof(min), m->min, dec, false, "");
		hc_fmt_fixed(cv, sizeof(cv), 100 * m->cv, 2, false, "%");
		hc_vid_label(&row->id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_words, label,
			     sizeof(label));
		hc_table_row(t, false);
		hc_table_cell(t, "%s", label);
		hc_table_cell(t, "%s", hc_gate_names[row->id.gate]);
		hc_table_cell(t, "%s", hc_config_names[row->id.config]);
		hc_table_cell(t, "%u", m->n);
		hc_table_cell(t, "%llu", (unsigned long long)row->iterations);
		hc_table_cell(t, "%s", med);
		ci_cell(t, lo, hi, m->coverage, m->level);
		hc_table_cell(t, "%s", mad);
		hc_table_cell(t, "%s", cv);
		hc_table_cell(t, "%s", min);
	}
	hc_doc_heading(d, 4, "%s/op", metric);
	return hc_doc_table(d, t);
}

/* A table under its own heading, or nothing at all when it has no rows. */
static int table_under_heading(struct hc_doc *d, struct hc_table *t, const char *heading)
{
	if (!hc_table_rows(t)) {
		hc_table_free(t);
		return 0;
	}
	hc_doc_heading(d, 4, heading);
	return hc_doc_table(d, t);
}

static int table_comparisons(struct hc_report *r, struct hc_doc *d, const struct hc_run *f)
{
	struct hc_table *t = hc_table_new("lllrrrrrl", "case", "comparison", "metric", "delta/op",
					  "CI", "margin", "change", "adj. p", "verdict", NULL);
	char label[200], delta[32], lo[32], hi[32], margin[32], rel[32], p[16];
	const struct hc_ci *v;
	struct hc_ci ci;
	double level;
	unsigned int k;
	int dec, mdec;

	for (k = 0; k < f->nr_cmps; k++) {
		const struct hc_comparison *c = &f->cmps[k];
		const char *metric = selected_comparison(r, c, label, sizeof(label));

		if (!metric)
			continue;
		/* The interval the verdict rests on, at its level. */
		v = hc_comparison_ci(c, &ci, &level);
		dec = hc_report_shift_decimals(c);
		mdec = hc_decimals(c->margin, 3, dec);
		hc_comparison_decimals(c, &dec, &mdec);
		hc_fmt_fixed(delta, sizeof(delta), c->estimate, dec, true, "");
		hc_fmt_fixed(lo, sizeof(lo), v->lo, dec, true, "");
		hc_fmt_fixed(hi, sizeof(hi), v->hi, dec, true, "");
		/* A hookcost-result/1 file has no margin. */
		hc_fmt_fixed(margin, sizeof(margin), c->margin, mdec, false, "");
		hc_fmt_fixed(rel, sizeof(rel), 100 * c->rel_change, 2, true, "%");
		/* A hookcost-result/1 file has no adjusted p-values. */
		hc_fmt_p(p, sizeof(p), isnan(c->p_adjusted) ? c->p : c->p_adjusted);
		hc_table_row(t, hc_verdict_flagged(c->verdict));
		hc_table_cell(t, "%s", c->base->id.name);
		hc_table_cell(t, "%s", label);
		hc_table_cell(t, "%s", metric);
		hc_table_cell(t, "%s", delta);
		/* The level too, so that the verdict can be checked from the row alone. */
		if (v->coverage < level - 1e-9)
			hc_table_cell(t, "[%s, %s] at %.4g%% (covers %.4g%%)", lo, hi, 100 * level,
				      100 * v->coverage);
		else
			hc_table_cell(t, "[%s, %s] at %.4g%%", lo, hi, 100 * level);
		hc_table_cell(t, "%s", margin);
		hc_table_cell(t, "%s", rel);
		hc_table_cell(t, "%s", p);
		hc_table_cell(t, "%s", hc_verdict_kind_name(c->verdict));
	}
	return table_under_heading(d, t, "Configurations against their base");
}

static int table_overhead(struct hc_report *r, struct hc_doc *d, const struct hc_run *f)
{
	struct hc_table *t = hc_table_new("llllrr", "case", "gate", "config", "metric",
					  "per sample", "per iteration", NULL);
	char label[200], per_sample[32], per_iter[32];
	unsigned int i, m;

	for (i = 0; i < f->nr_results; i++) {
		const struct hc_result *row = &f->results[i];

		hc_vid_label(&row->id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_words, label,
			     sizeof(label));
		for (m = 0; m < r->nr_metrics; m++) {
			int mi = hc_result_metric(f, row, r->metrics[m]);

			if (mi < 0)
				continue;
			hc_fmt_fixed(per_sample, sizeof(per_sample), row->overhead_fixed[mi], 1,
				     false, "");
			hc_fmt_fixed(per_iter, sizeof(per_iter), row->overhead_per_iter[mi], 3,
				     false, "");
			hc_table_row(t, false);
			hc_table_cell(t, "%s", label);
			hc_table_cell(t, "%s", hc_gate_names[row->id.gate]);
			hc_table_cell(t, "%s", hc_config_names[row->id.config]);
			hc_table_cell(t, "%s", r->metrics[m]);
			hc_table_cell(t, "%s", per_sample);
			hc_table_cell(t, "%s", per_iter);
		}
	}
	return table_under_heading(d, t, "Harness overhead subtracted from every sample");
}

/* A matrix of hookcost vm with its own columns and deltas. */
static int section_matrix(struct hc_doc *d, const struct hc_matrix *m)
{
	hc_doc_heading(d, 3, "%s (%s)", hc_matrix_file(m), hc_instrument_name(HC_INSTR_ICOUNT));
	hc_doc_para(d, "The %s matrix%s%s: median instructions per operation in each column, "
		    "in whole instructions; a delta is the difference of two columns; %u "
		    "sample%s per variant, every boot done %u time%s; identical: every sample "
		    "of every run equal.", m->name, m->title ? ", " : "", m->title ? m->title : "",
		    m->samples, m->samples == 1 ? "" : "s", m->runs, m->runs == 1 ? "" : "s");
	return hc_matrix_table(d, m);
}

static int section_tables(struct hc_report *r, struct hc_doc *d)
{
	unsigned int fi, m;

	hc_doc_heading(d, 2, "Tables");
	for (fi = 0; fi < r->nr_files; fi++) {
		const struct hc_run *f = &r->files[fi];

		hc_doc_heading(d, 3, "%s (%s)", hc_report_file_name(f),
			       hc_instrument_name(hc_report_instrument(f)));
		hc_doc_para(d, "Per operation, net of the harness overhead; n samples of "
			    "'iterations' operations each.");
		for (m = 0; m < r->nr_metrics; m++)
			if (table_results(r, d, f, r->metrics[m]))
				return -1;
		if (table_comparisons(r, d, f) || table_overhead(r, d, f))
			return -1;
	}
	for (fi = 1; fi < r->nr_files; fi++) {
		if (!hc_report_comparable(r, fi))
			continue;
		hc_doc_heading(d, 3, "%s against %s", hc_report_file_name(&r->files[fi]),
			       hc_report_file_name(&r->files[0]));
		for (m = 0; m < r->nr_metrics; m++) {
			hc_doc_heading(d, 4, "%s/op", r->metrics[m]);
			if (hc_cmp_render(d, &r->cmps[fi - 1], r->metrics[m]))
				return -1;
		}
		hc_cmp_notes(d, &r->cmps[fi - 1]);
	}
	for (fi = 0; fi < r->nr_matrices; fi++)
		if (section_matrix(d, r->matrices[fi]))
			return -1;
	return 0;
}

static int section_figures(struct hc_report *r, struct hc_doc *d)
{
	unsigned int i;

	hc_doc_heading(d, 2, "Figures");
	for (i = 0; i < r->nr_figs; i++) {
		if (!i || r->figs[i].file != r->figs[i - 1].file)
			hc_doc_heading(d, 3, "%s",
				       hc_report_file_name(&r->files[r->figs[i].file]));
		if (hc_doc_figure(d, r->figs[i].name, r->figs[i].caption))
			return -1;
	}
	return 0;
}

static void section_commands(struct hc_report *r, struct hc_doc *d)
{
	char text[8192] = "", line[2048];
	unsigned int fi;
	size_t off;

	hc_doc_heading(d, 2, "Command lines and versions");
	hc_doc_para(d, "Paths of the machine that made them are shown by their last part.");
	for (fi = 0; fi < r->nr_files; fi++) {
		hc_report_command(r->files[fi].context, line, sizeof(line));
		off = strlen(text);
		snprintf(text + off, sizeof(text) - off, "# %s\n%s\n",
			 hc_report_file_name(&r->files[fi]), line[0] ? line : "(not recorded)");
	}
	off = strlen(text);
	snprintf(text + off, sizeof(text) - off, "# this report\n%s\n# its figures, in the "
		 "report directory\n%s %s\n", r->command, r->plot.gnuplot, HC_PLOT_SCRIPT);
	hc_doc_pre(d, text);
	hc_doc_item(d, "this report: hookcost %s (git %s)", HC_VERSION, HC_GIT_REV);
	hc_doc_item(d, "gnuplot %s, terminals %s and svg", r->plot.version,
		    r->plot.png_terminal);
	for (fi = 0; fi < r->nr_files; fi++) {
		json_t *b = json_object_get(r->files[fi].context, "build");
		char *text_b = b ? json_dumps(b, JSON_COMPACT) : NULL;

		hc_doc_item(d, "%s was measured by: %s", hc_report_file_name(&r->files[fi]),
			    text_b ? text_b : "(not recorded)");
		free(text_b);
	}
}

/* Where each profiled matrix's deltas land (hookcost vm --profile). */
static int section_where(struct hc_report *r, struct hc_doc *d)
{
	for (unsigned int i = 0; i < r->nr_matrices; i++)
		if (hc_report_where(r->matrices[i], d))
			return -1;
	return 0;
}

int hc_report_details(struct hc_report *r, struct hc_doc *d)
{
	section_method(r, d);
	if (section_environment(r, d) || section_tables(r, d) || section_where(r, d) ||
	    section_figures(r, d))
		return -1;
	section_commands(r, d);
	section_all_comparisons(r, d);
	return 0;
}
