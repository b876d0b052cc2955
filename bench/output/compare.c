// SPDX-License-Identifier: GPL-2.0
/*
 * The tables of `hookcost compare` (and of a report of several runs), in the shape maintainers
 * know from mmtests compare-kernels and Google Benchmark's compare.py.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "base/numfmt.h"
#include "output/compare.h"

void hc_cmp_row_label(const struct hc_comparison *r, char *buf, size_t len)
{
	enum hc_config bc = r->base->id.config, oc = r->other->id.config;
	size_t off = snprintf(buf, len, "%s %s/%s%s%s", r->base->id.name,
			      hc_gate_names[r->base->id.gate], hc_config_names[bc],
			      bc != oc ? "→" : "", bc != oc ? hc_config_names[oc] : "");

	if (off + 1 < len && r->base->id.params.nr) {
		buf[off] = ' ';
		hc_vid_label(&r->base->id, HC_VID_PARAMS, &hc_label_words, buf + off + 1,
			     len - off - 1);
	}
}

static void row_cells(struct hc_table *t, const struct hc_comparison *s)
{
	const struct hc_vid *id = &s->base->id;
	char label[200];
	bool flagged = hc_verdict_flagged(s->verdict);
	struct hc_ci ci;
	double level;
	/* The interval the verdict rests on: the equivalence test's within the margin. */
	const struct hc_ci *v = hc_comparison_ci(s, &ci, &level);
	double bm = s->base_median, half = (v->hi - v->lo) / 2;
	/* No percentage of a base at or below 0, or below what the metric resolves. */
	double pct = hc_comparison_has_ratio(s) ? 100 / bm : NAN;
	char base[32], other[32], d[32], lo[32], hi[32], rel[32], rlo[32], rhi[32], share[32];
	char margin[32], p[16];
	int dd = hc_decimals(half, 1, hc_value_decimals(bm));
	int pd = hc_decimals(half * pct, 1, 1), md;

	/* Past the third decimal a count per op is noise; past the second a percentage is. */
	dd = dd > 3 ? 3 : dd;
	pd = pd > 2 ? 2 : pd;
	md = hc_decimals(s->margin, 2, dd);
	hc_comparison_decimals(s, &dd, &md);

	hc_fmt_fixed(base, sizeof(base), bm, hc_value_decimals(bm), false, "");
	hc_fmt_fixed(other, sizeof(other), s->other_median, hc_value_decimals(s->other_median),
		     false, "");
	hc_fmt_fixed(d, sizeof(d), s->estimate, dd, true, "");
	hc_fmt_fixed(lo, sizeof(lo), v->lo, dd, true, "");
	hc_fmt_fixed(hi, sizeof(hi), v->hi, dd, true, "");
	/* What |delta| is held to, so that the verdict can be checked on its row. */
	hc_fmt_fixed(margin, sizeof(margin), s->margin, md, false, "");
	hc_fmt_fixed(rel, sizeof(rel), 100 * s->rel_change, pd, true, "%");
	hc_fmt_fixed(rlo, sizeof(rlo), v->lo * pct, pd, true, "%");
	hc_fmt_fixed(rhi, sizeof(rhi), v->hi * pct, pd, true, "%");
	hc_fmt_fixed(share, sizeof(share), isfinite(pct) && bm + s->estimate > 0 ?
		     100 * s->estimate / (bm + s->estimate) : NAN, pd, true, "%");
	hc_fmt_p(p, sizeof(p), s->p_adjusted);

	hc_vid_label(id, HC_VID_CASE | HC_VID_PARAMS, &hc_label_words, label, sizeof(label));
	hc_table_row(t, flagged);
	hc_table_cell(t, "%s", label);
	hc_table_cell(t, "%s", hc_gate_names[id->gate]);
	if (id->config != s->other->id.config)
		hc_table_cell(t, "%s→%s", hc_config_names[id->config],
			      hc_config_names[s->other->id.config]);
	else
		hc_table_cell(t, "%s", hc_config_names[id->config]);
	hc_table_cell(t, "%s", base);
	hc_table_cell(t, "%s", other);
	hc_table_cell(t, "%s [%s, %s]", d, lo, hi);
	hc_table_cell(t, "%s", margin);
	if (isfinite(pct))
		hc_table_cell(t, "%s [%s, %s]", rel, rlo, rhi);
	else
		hc_table_cell(t, "n/a");
	hc_table_cell(t, "%s", share);
	hc_table_cell(t, "%s", p);
	/* An interval short of its level says what it reaches. */
	if (v->coverage < level - 1e-9)
		hc_table_cell(t, "%s (CI %.1f%%)%s", hc_verdict_kind_name(s->verdict),
			      100 * v->coverage, flagged ? " *" : "");
	else
		hc_table_cell(t, "%s%s", hc_verdict_kind_name(s->verdict), flagged ? " *" : "");
}

int hc_cmp_render(struct hc_doc *d, const struct hc_cmp *c, const char *metric)
{
	const struct hc_cmp_total *tot = hc_cmp_total(c, metric);
	char geo[32], share[32], dci[32], rci[32];
	struct hc_table *t;
	unsigned int i;

	if (!tot || !tot->verdicts.total) {
		hc_doc_para(d, "No variant has this metric in both runs.");
		return 0;
	}
	snprintf(dci, sizeof(dci), "delta [CI]");
	snprintf(rci, sizeof(rci), "change [CI]");
	t = hc_table_new("lllrrrrrrrl", "case", "gate", "config", "base", "new", dci, "margin",
			 rci, "of new", "adj. p", "verdict", NULL);
	for (i = 0; i < c->nr_rows; i++)
		if (!strcmp(c->rows[i].metric, metric))
			row_cells(t, &c->rows[i]);
	hc_fmt_fixed(geo, sizeof(geo), 100 * (tot->geomean - 1), 2, true, "%");
	hc_fmt_fixed(share, sizeof(share), 100 * (1 - 1 / tot->geomean), 2, true, "%");
	hc_table_row(t, false);
	hc_table_cell(t, "geomean (%u of %u rows)", tot->nr_geo, tot->verdicts.total);
	for (i = 0; i < 6; i++)
		hc_table_cell(t, "%s", "");
	hc_table_cell(t, "%s", geo);
	hc_table_cell(t, "%s", share);
	if (hc_doc_table(d, t))
		return -1;

	hc_doc_para(d, "%u of %u rows overhead or saving (*: |delta| reaches the margin and its "
		    "CI, at 1 - %g/%u for the %u rows of every metric, excludes 0), %u equivalent "
		    "(|delta| < margin: its CI, at 1 - 2 x %g/%u, two one-sided tests, lies inside "
		    "±margin), %u inconclusive. delta: Hodges-Lehmann shift new - base per op; "
		    "change: delta / base (new/base - 1); of new: delta / (base + delta) "
		    "(1 - base/new), the share of the new cost that the change is; adj. p: "
		    "two-sided Mann-Whitney U %s, Holm-adjusted (shown; the verdict is the CI's).",
		    tot->verdicts.n[HC_VERDICT_OVERHEAD] + tot->verdicts.n[HC_VERDICT_SAVING],
		    tot->verdicts.total, c->alpha, c->nr_rows, c->nr_rows,
		    tot->verdicts.n[HC_VERDICT_EQUIVALENT], c->alpha, c->nr_rows,
		    tot->verdicts.n[HC_VERDICT_INCONCLUSIVE],
		    c->run_level ? "of the runs' medians (run-to-run noise included)" :
				   "of the samples of one run per side (run-to-run noise not "
				   "included: compare several runs per side with --)");
	return 0;
}

void hc_cmp_notes(struct hc_doc *d, const struct hc_cmp *c)
{
	unsigned int i;
	bool cross = false;

	for (i = 0; i < c->nr_rows; i++)
		cross |= c->rows[i].base->id.config != c->rows[i].other->id.config;
	if (c->context_diff[0])
		hc_doc_item(d, "The runs' contexts differ: %s.", c->context_diff);
	if (cross)
		hc_doc_item(d, "Rows shown as A→B compare configuration A of the base run with "
			    "configuration B of the new run (each run had only that one).");
	if (c->only_base || c->only_other)
		hc_doc_item(d, "Not compared: variants measured only in the base run: %u, only in "
			    "the new run: %u.", c->only_base, c->only_other);
	if (c->skipped)
		hc_doc_item(d, "Not compared: variants skipped in either run: %u.", c->skipped);
	if (c->few_samples)
		hc_doc_item(d, "%u rows have fewer than %u samples on a side: their p-values and "
			    "CIs are coarse.", c->few_samples, c->advised_samples);
	if (!c->base->complete || !c->other->complete)
		hc_doc_item(d, "A run was interrupted: only its finished cases are compared.");
}
