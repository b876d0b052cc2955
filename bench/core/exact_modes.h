/* SPDX-License-Identifier: GPL-2.0 */
/* Which exact (simulated, deterministic) counting modes this machine offers, for hookcost env. */
#ifndef HC_EXACT_MODES_H
#define HC_EXACT_MODES_H

#include <stddef.h>

#include <jansson.h>

/* An object: per mode, "available: what it counts; how to use it; what it costs" or
 * "unavailable: why". */
json_t *hc_exact_modes(void);

/*
 * Why the hookcost qemu plugin is not in the build directory build (the reason
 * scripts/qemu-plugin-header left there, or that it is not built), or NULL when it is.
 */
const char *hc_qemu_plugin_missing(const char *build, char *why, size_t len);

#endif
