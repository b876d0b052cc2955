// SPDX-License-Identifier: GPL-2.0
/* Raw samples, one row each: per-op net values and the raw counter deltas behind them. */
#include <stdio.h>
#include <stdlib.h>

#include "base/error.h"
#include "output/output.h"

/* ';' inside the field keeps the CSV one column per field without quoting. */
static const struct hc_label_style params_field = { .params_sep = ";", .param_sep = ";" };

int hc_output_csv(const struct hc_run *run, const char *path)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	int ret;

	if (!f)
		return hc_err("out of memory");
	fprintf(f, "suite,case,gate,config,params,sample,iterations,multiplexed");
	for (unsigned int m = 0; m < run->nr_metrics; m++)
		fprintf(f, ",%s_per_op", run->metric[m]);
	for (unsigned int m = 0; m < run->nr_metrics; m++)
		fprintf(f, ",%s_raw", run->metric[m]);
	fputc('\n', f);
	for (unsigned int i = 0; i < run->nr_results; i++) {
		const struct hc_result *r = &run->results[i];
		char params[256];

		hc_vid_label(&r->id, HC_VID_PARAMS, &params_field, params, sizeof(params));
		for (unsigned int s = 0; s < r->nr_samples; s++) {
			fprintf(f, "%s,%s,%s,%s,%s", r->id.suite, r->id.name,
				hc_gate_names[r->id.gate], hc_config_names[r->id.config], params);
			fprintf(f, ",%u,%llu,%d", s, (unsigned long long)r->iterations,
				r->multiplexed[s]);
			/* An empty field for a metric this case does not have. */
			for (unsigned int m = 0; m < run->nr_metrics; m++)
				if (hc_result_has(r, m))
					fprintf(f, ",%.17g", r->per_op[m][s]);
				else
					fputc(',', f);
			for (unsigned int m = 0; m < run->nr_metrics; m++)
				if (hc_result_has(r, m))
					fprintf(f, ",%llu", (unsigned long long)r->raw[m][s]);
				else
					fputc(',', f);
			fputc('\n', f);
		}
	}
	if (fclose(f)) {
		free(buf);
		return hc_err("out of memory");
	}
	ret = hc_write_atomic(path, buf, len);
	free(buf);
	return ret;
}
