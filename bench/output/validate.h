/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A result file checked as a whole against data/hookcost-result.schema.json before anything
 * reads a field of it: result files travel, and a string or number from someone else's file
 * must not reach a plot script, a table or an allocation unchecked.
 */
#ifndef HC_VALIDATE_H
#define HC_VALIDATE_H

#include <jansson.h>

/*
 * Checks the parsed file root (read from path) against the schema: types, enums, ranges,
 * required keys, values count = samples (64-bit), non-empty names without control characters.
 * Returns 0, or -1 with a one-line usage error naming the JSON path of the first violation
 * ("FILE: results[3].metrics.tsc.values: ...").
 */
int hc_result_validate(const char *path, json_t *root);

/*
 * The rules of the schema's x-hookcost-rules between rows of a file the tables passed:
 * variants and comparisons unique, a comparison of two configurations whose samples its n
 * states, paired exactly for the signed-rank test. Returns 0 or -1 as above, the message
 * ending with the rule's name. Called by hc_result_validate().
 */
int hc_validate_rules(const char *path, json_t *root);

#endif
