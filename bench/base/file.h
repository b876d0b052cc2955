/* SPDX-License-Identifier: GPL-2.0 */
/* Files written whole, and the directories they go in (base/file.c). */
#ifndef HC_FILE_H
#define HC_FILE_H

#include <stddef.h>

/*
 * Writes data to path atomically (tmp file path.tmp.PID + fsync + rename); path must be a
 * regular file or new.
 */
int hc_write_atomic(const char *path, const char *data, size_t len);
/*
 * Removes the path.tmp.PID files that hc_write_atomic() left when its process was killed (PID
 * no longer runs); returns how many. Call it while holding what keeps others off path.
 */
unsigned int hc_sweep_tmp(const char *path);
/* Copies the file from to the path to, atomically. */
int hc_copy_file(const char *from, const char *to);
/*
 * Creates dir and its missing parents (mode 0755); existing ones are fine. made (len bytes, or
 * NULL) receives the topmost directory this call created, "" if none: hc_rmdirs(dir, made)
 * undoes it, removing dir and its parents up to made while they are empty.
 */
int hc_mkdirs(const char *dir, char *made, size_t len);
void hc_rmdirs(const char *dir, const char *made);

#endif
