/* SPDX-License-Identifier: GPL-2.0 */
/* Files written whole, and the directories they go in (base/file.c). */
#ifndef HC_FILE_H
#define HC_FILE_H

#include <stddef.h>

/* Writes data to path atomically (tmp file + fsync + rename). */
int hc_write_atomic(const char *path, const char *data, size_t len);
/* Copies the file from to the path to, atomically. */
int hc_copy_file(const char *from, const char *to);
/* Creates path and its missing parents (mode 0755); existing ones are fine. */
int hc_mkdirs(const char *path);

#endif
