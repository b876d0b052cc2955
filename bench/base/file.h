/* SPDX-License-Identifier: GPL-2.0 */
/* Files written whole (base/file.c). */
#ifndef HC_FILE_H
#define HC_FILE_H

#include <stddef.h>

/* Writes data to path atomically (tmp file + fsync + rename). */
int hc_write_atomic(const char *path, const char *data, size_t len);

#endif
