/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A run's results by group: case, gate and parameters, one result per configuration. Loading
 * a file and comparing two runs look up a variant's group for every comparison; a scan of the
 * whole run each time would make a large file (anyone's) cost the square of its size.
 */
#ifndef HC_GROUPS_H
#define HC_GROUPS_H

#include "core/result.h"

struct hc_groups;

/* Indexes run's results as they are now (the run must not change while it is used). */
struct hc_groups *hc_groups_new(const struct hc_run *run);

/*
 * The next result of id's group after prev (NULL: the first), in the run's order; NULL after
 * the last.
 */
const struct hc_result *hc_groups_next(const struct hc_groups *g, const struct hc_vid *id,
				       const struct hc_result *prev);

/* The first result of id's group in configuration config (skipped or not), or NULL. */
const struct hc_result *hc_groups_find(const struct hc_groups *g, const struct hc_vid *id,
				       enum hc_config config);

void hc_groups_free(struct hc_groups *g);

/*
 * Sets every result's swept bits (core/result.h): which of its parameters its case sweeps,
 * in time linear in the run. -1 when out of memory.
 */
int hc_run_mark_swept(struct hc_run *run);

#endif
