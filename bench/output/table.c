// SPDX-License-Identifier: GPL-2.0
/*
 * The terminal table, in the manner of perf stat: per variant one line per metric (value,
 * unit, spread), then per pair of configurations the verdict.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "analysis/analysis.h"
#include "output/output.h"

/* How many results from i on belong together: 1, or a run of one case skipped for one reason. */
static unsigned int skipped_run(const struct hc_run *run, unsigned int i)
{
	const struct hc_result *r = &run->results[i];
	unsigned int n = 1;

	while (r->skip_reason && i + n < run->nr_results &&
	       hc_vid_same(&run->results[i + n].id, &r->id, HC_VID_CASE) &&
	       run->results[i + n].skip_reason &&
	       !strcmp(run->results[i + n].skip_reason, r->skip_reason))
		n++;
	return n;
}

static void print_result(FILE *f, const struct hc_run *run, const struct hc_result *r)
{
	char label[192];

	hc_vid_label(&r->id, HC_VID_ALL, &hc_label_path, label, sizeof(label));
	fprintf(f, "\n %s  (%u samples x %llu ops)", label, r->nr_samples,
		(unsigned long long)r->iterations);
	/* Exact counts: how many samples an interrupt made measure again, or spoiled. */
	if (r->exact && (r->remeasured || r->interrupted))
		fprintf(f, "  [interrupts: %u re-measured, %u kept]", r->remeasured,
			r->interrupted);
	fputc('\n', f);
	for (unsigned int m = 0; m < run->nr_metrics; m++) {
		const struct hc_summary *s = &r->summary[m];

		if (!hc_result_has(r, m))
			continue;
		fprintf(f, "  %16.2f  %-22s # %g%% CI [%.2f, %.2f]", s->median, run->metric[m],
			100 * s->level, s->ci_lo, s->ci_hi);
		/* A sample too small for the level gets the range, and says what that covers. */
		if (s->coverage < s->level - 1e-9)
			fprintf(f, " (covers %.1f%%)", 100 * s->coverage);
		fprintf(f, "  cv %5.2f%%%s\n", 100 * s->cv, s->multiplexed ? "  (multiplexed)" : "");
	}
}

/* "primary: 8 at alpha 0.05 / 8: 6 overhead, 0 saving, 0 equivalent, 2 inconclusive" */
static void print_family(FILE *f, const struct hc_run *run, unsigned int k)
{
	const struct hc_verdict_counts *n = &run->family_verdicts[k];

	if (n->total)
		fprintf(f, "  %s family: %u at alpha %g / %u: %u overhead, %u saving, "
			"%u equivalent, %u inconclusive\n", hc_family_names[k], n->total,
			run->alpha, n->total, n->n[HC_VERDICT_OVERHEAD], n->n[HC_VERDICT_SAVING],
			n->n[HC_VERDICT_EQUIVALENT], n->n[HC_VERDICT_INCONCLUSIVE]);
}

static void print_comparisons(FILE *f, const struct hc_run *run)
{
	char label[192];

	if (!run->nr_cmps)
		return;
	fprintf(f, "\n Comparisons, paired by round: Hodges-Lehmann shift of the differences, its\n"
		" interval at 1 - a/m for a family of m (primary: unused vs off; secondary: every\n"
		" other pair; a = %g), at 1 - 2a/m while |shift| < margin (two one-sided tests).\n"
		" Overhead or saving: |shift| >= margin and the interval excludes 0; equivalent:\n"
		" the interval lies inside +-margin; an interval short of its level decides\n"
		" nothing; else inconclusive.\n", run->alpha);
	for (unsigned int i = 0; i < run->nr_cmps; i++) {
		const struct hc_comparison *c = &run->cmps[i];

		/* The pair's label: case, gate and parameters, without the configuration. */
		hc_vid_label(&c->base->id, HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS, &hc_label_path,
			     label, sizeof(label));
		fprintf(f, "  %s %s vs %s: %s%s\n", label, hc_config_names[c->other->id.config],
			hc_config_names[c->base->id.config], c->text,
			c->multiplexed ? " (multiplexed)" : "");
	}
	fprintf(f, "\n %u comparisons, family-wise error rate %g per family (Bonferroni):\n",
		run->nr_cmps, run->alpha);
	for (unsigned int k = 0; k < HC_NR_FAMILIES; k++)
		print_family(f, run, k);
}

static int write_table(FILE *f, const struct hc_run *run)
{
	json_t *ctx = run->context;
	const char *backend = json_string_value(json_object_get(ctx, "backend"));

	fprintf(f, "\n Performance counter stats per operation (median; backend %s; net of the "
		"baseline loop and counter reads)\n", backend ? backend : "?");
	for (unsigned int i = 0; i < run->nr_results; i += skipped_run(run, i)) {
		const struct hc_result *r = &run->results[i];
		unsigned int n = skipped_run(run, i);

		if (!r->skip_reason)
			print_result(f, run, r);
		else if (n == 1)
			fprintf(f, "\n %s/%s/%s: skipped: %s\n", r->id.name,
				hc_gate_names[r->id.gate], hc_config_names[r->id.config],
				r->skip_reason);
		else
			fprintf(f, "\n %s (%u variants): skipped: %s\n", r->id.name, n,
				r->skip_reason);
	}
	print_comparisons(f, run);
	if (!run->complete)
		fprintf(f, "\n (incomplete run: interrupted; finished cases only)\n");
	fputc('\n', f);
	return 0;
}

const struct hc_writer hc_writer_table = { .name = "table", .write = write_table };
