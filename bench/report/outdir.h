/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The report's output directory: written only where hookcost report owns it. A directory is
 * the report's when it holds the manifest (MANIFEST, the files the last report wrote) or was
 * empty; anything else needs --force, and even then only the report's own files are replaced.
 * A manifest is believed only when it proves a report wrote it: its owner is this user, and
 * it lists only names a report writes, none of them an input of this report; otherwise it is
 * a stranger's file (--force, and nothing it lists is removed).
 * Files are made in a staging directory DIR/.report.XXXXXX and renamed into place, under a lock
 * on DIR, so a reader sees the old or the new version of each file and two reports never mix.
 */
#ifndef HC_OUTDIR_H
#define HC_OUTDIR_H

#include <limits.h>
#include <signal.h>
#include <stdbool.h>

#define HC_OUTDIR_MANIFEST ".hookcost-report"

/* Whether name (no directory) is one the report writes; the manifest may list only those. */
typedef bool (*hc_outdir_owns_fn)(const char *name);

struct hc_outdir {
	char dir[PATH_MAX - 512];
	char stage[PATH_MAX - 400];	/* "" until staged; file names fit after it */
	char made[PATH_MAX - 512];	/* the topmost directory open created, or "" */
	int lock_fd;
	bool published;
	hc_outdir_owns_fn owns;
	char *const *inputs;		/* the report's input files, which are never removed */
	unsigned int nr_inputs;
};

/* The signal that interrupted the report (SIGINT, SIGTERM), or 0; gnuplot is ended on it. */
extern volatile sig_atomic_t hc_outdir_stop;

/*
 * Sets o up for dir and checks it, nothing written: dir is a directory (or can be created),
 * writable, not too long, and the report's own or empty unless force. owns names the files a
 * report writes; inputs (nr of them) are the report's input files. Call before any input is
 * read.
 */
int hc_outdir_check(struct hc_outdir *o, const char *dir, bool force, hc_outdir_owns_fn owns,
		    char *const *inputs, unsigned int nr);
/*
 * Creates the checked directory, locks it (a second report into it is refused), removes stale
 * staging directories of interrupted reports and makes a new one (o->stage). Catches SIGINT
 * and SIGTERM into hc_outdir_stop.
 */
int hc_outdir_open(struct hc_outdir *o);
/*
 * Renames every staged file into the directory, the names in last (NULL-terminated) after the
 * rest, removes the files of the previous manifest that this report did not write, and writes
 * the new manifest.
 */
int hc_outdir_publish(struct hc_outdir *o, const char *const *last);
/*
 * Removes the staging directory if it is still there, and the directories open created when
 * nothing was published, and releases the lock.
 */
void hc_outdir_close(struct hc_outdir *o);

#endif
