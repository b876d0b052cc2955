// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/shell.h"
#include "base/error.h"
#include "output/output.h"
#include "report/outdir.h"

#define STAGE_PREFIX ".report."
#define MAX_FILES 4096

volatile sig_atomic_t hc_outdir_stop;

static void on_signal(int sig)
{
	hc_outdir_stop = sig;
}

#define MANIFEST_HEADER "# written by hookcost report; removed by the next one"

enum manifest { MANIFEST_NONE, MANIFEST_OURS, MANIFEST_FOREIGN };

/* Whether dir has entries other than stale staging directories. */
static int has_foreign_files(const char *dir, bool *foreign)
{
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d)
		return hc_usage_err("%s: %s", dir, strerror(errno));
	*foreign = false;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") &&
		    strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)))
			*foreign = true;
	closedir(d);
	return 0;
}

static bool listed(char **names, unsigned int nr, const char *name)
{
	for (unsigned int i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

/*
 * Whether path is one of the report's input files under any name: the same inode, or the same
 * symlink as the name given.
 */
static bool is_input(const struct hc_outdir *o, const char *path)
{
	struct stat l, t, il, it;
	bool have_t = !stat(path, &t);

	if (lstat(path, &l))
		return false;
	for (unsigned int i = 0; i < o->nr_inputs; i++)
		if ((!lstat(o->inputs[i], &il) && same_file(&l, &il)) ||
		    (have_t && !stat(o->inputs[i], &it) && same_file(&t, &it)))
			return true;
	return false;
}

/* A line of the manifest that a report could have written: a name it writes, not an input. */
static bool manifest_line_ok(const struct hc_outdir *o, const char *name)
{
	char path[PATH_MAX];

	if (!*name || strchr(name, '/') || !o->owns || !o->owns(name))
		return false;
	snprintf(path, sizeof(path), "%s/%s", o->dir, name);
	return !is_input(o, path);
}

/*
 * Reads the manifest (MANIFEST_NONE when there is none): it is the report's when it is this
 * user's regular file, starts with the header and lists only names manifest_line_ok()
 * accepts; why gets the first line that is not. With keep, the files listed and not in keep
 * are removed, each line checked again first.
 */
static enum manifest scan_manifest(const struct hc_outdir *o, char **keep, unsigned int nr_keep,
				   char *why, size_t len)
{
	char path[PATH_MAX], line[512];
	unsigned int nr = 0;
	struct stat st;
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", o->dir, HC_OUTDIR_MANIFEST);
	if (lstat(path, &st))
		return MANIFEST_NONE;
	snprintf(why, len, "not a regular file of this user");
	if (!S_ISREG(st.st_mode) || st.st_uid != geteuid())
		return MANIFEST_FOREIGN;
	f = fopen(path, "re");
	if (!f)
		return MANIFEST_FOREIGN;
	if (!fgets(line, sizeof(line), f) || strcmp(line, MANIFEST_HEADER "\n"))
		snprintf(why, len, "no header");
	else
		why[0] = '\0';
	while (!why[0] && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (++nr > MAX_FILES || !manifest_line_ok(o, line))
			snprintf(why, len, "it lists '%.100s'", line);
		else if (keep && !listed(keep, nr_keep, line))
			unlinkat(o->lock_fd, line, 0);
	}
	fclose(f);
	return why[0] ? MANIFEST_FOREIGN : MANIFEST_OURS;
}

int hc_outdir_check(struct hc_outdir *o, const char *dir, bool force, hc_outdir_owns_fn owns,
		    char *const *inputs, unsigned int nr)
{
	struct stat st;
	bool foreign = false;
	char why[160];

	memset(o, 0, sizeof(*o));
	o->lock_fd = -1;
	o->owns = owns;
	o->inputs = inputs;
	o->nr_inputs = nr;
	if (hc_check_dir("-o", dir, sizeof(o->dir) - 1))
		return -1;
	snprintf(o->dir, sizeof(o->dir), "%s", dir);
	if (stat(dir, &st) || force)
		return 0;
	switch (scan_manifest(o, NULL, 0, why, sizeof(why))) {
	case MANIFEST_OURS:
		return 0;
	case MANIFEST_FOREIGN:
		return hc_usage_err("%s/%s was not written by hookcost report (%s); use --force "
				    "to write the report's files into %s", dir, HC_OUTDIR_MANIFEST,
				    why, dir);
	case MANIFEST_NONE:
		break;
	}
	if (has_foreign_files(dir, &foreign))
		return -1;
	if (foreign)
		return hc_usage_err("%s is not empty and was not written by hookcost report; use "
				    "--force to write the report's files into it", dir);
	return 0;
}

/* A directory stream over fd, which it takes over (closed when that fails), or NULL. */
static DIR *dir_of(int fd)
{
	DIR *d = fd < 0 ? NULL : fdopendir(fd);

	if (!d && fd >= 0)
		close(fd);
	return d;
}

/*
 * Removes a staging directory: files only, it has no subdirectories. A name that is not a
 * directory (a planted symlink) is left alone: only what is inside a real one is removed.
 */
static void remove_stage(int dir_fd, const char *name)
{
	DIR *d = dir_of(openat(dir_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") && strcmp(e->d_name, ".."))
			unlinkat(dirfd(d), e->d_name, 0);
	closedir(d);
	unlinkat(dir_fd, name, AT_REMOVEDIR);
}

/* Under the lock no other report is running here: every staging directory is stale. */
static void sweep_stale(int dir_fd)
{
	DIR *d = dir_of(dup(dir_fd));
	struct dirent *e;

	if (!d)
		return;
	while ((e = readdir(d)))
		if (!strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)))
			remove_stage(dir_fd, e->d_name);
	closedir(d);
}

int hc_outdir_open(struct hc_outdir *o)
{
	struct sigaction sa = { .sa_handler = on_signal };

	/* No SA_RESTART: waiting for gnuplot returns EINTR, so the child can be ended. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (hc_mkdirs(o->dir, o->made, sizeof(o->made)))
		return -1;
	o->lock_fd = open(o->dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->lock_fd < 0)
		return hc_err("cannot open %s: %s", o->dir, strerror(errno));
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB))
		return errno == EWOULDBLOCK ?
		       hc_usage_err("%s: another hookcost report is writing there", o->dir) :
		       hc_err("cannot lock %s: %s", o->dir, strerror(errno));
	sweep_stale(o->lock_fd);
	snprintf(o->stage, sizeof(o->stage), "%s/" STAGE_PREFIX "XXXXXX", o->dir);
	if (!mkdtemp(o->stage)) {
		o->stage[0] = '\0';
		return hc_err("cannot create a directory in %s: %s", o->dir, strerror(errno));
	}
	return 0;
}

/* Staged file names, the ones in last left out; they are moved after the rest. */
static int staged_files(struct hc_outdir *o, const char *const *last, char **names,
			unsigned int *nr)
{
	struct dirent *e;
	DIR *d = opendir(o->stage);

	if (!d)
		return hc_err("cannot read %s: %s", o->stage, strerror(errno));
	*nr = 0;
	while ((e = readdir(d))) {
		const char *const *l;

		for (l = last; *l && strcmp(*l, e->d_name); l++)
			;
		if (e->d_name[0] == '.' || *l)
			continue;
		if (*nr == MAX_FILES || !(names[*nr] = strdup(e->d_name))) {
			closedir(d);
			return hc_err("%s: too many files", o->stage);
		}
		(*nr)++;
	}
	closedir(d);
	for (; *last && *nr < MAX_FILES; last++)
		if (!(names[(*nr)++] = strdup(*last)))
			return hc_err("out of memory");
	return 0;
}

/*
 * Files of the previous report that this one did not write, when its manifest proves it was
 * a report's: a stranger's names nothing.
 */
static void remove_previous(struct hc_outdir *o, char **names, unsigned int nr)
{
	char why[160];

	if (scan_manifest(o, NULL, 0, why, sizeof(why)) == MANIFEST_OURS)
		scan_manifest(o, names, nr, why, sizeof(why));
}

static int write_manifest(struct hc_outdir *o, char **names, unsigned int nr)
{
	size_t len = 0, cap = 128;
	char *text = malloc(cap), path[PATH_MAX];
	int ret;

	if (!text)
		return hc_err("out of memory");
	len = snprintf(text, cap, MANIFEST_HEADER "\n");
	for (unsigned int i = 0; i < nr; i++) {
		size_t n = strlen(names[i]) + 1;

		if (len + n + 1 > cap) {
			char *t = realloc(text, cap = 2 * (len + n + 1));

			if (!t) {
				free(text);
				return hc_err("out of memory");
			}
			text = t;
		}
		len += snprintf(text + len, cap - len, "%s\n", names[i]);
	}
	snprintf(path, sizeof(path), "%s/%s", o->dir, HC_OUTDIR_MANIFEST);
	ret = hc_write_atomic(path, text, len);
	free(text);
	return ret;
}

int hc_outdir_publish(struct hc_outdir *o, const char *const *last)
{
	char **names = calloc(MAX_FILES, sizeof(*names));
	char from[PATH_MAX], to[PATH_MAX];
	unsigned int nr = 0, i;
	int ret;

	if (!names)
		return hc_err("out of memory");
	ret = staged_files(o, last, names, &nr);
	for (i = 0; !ret && i < nr; i++) {
		snprintf(from, sizeof(from), "%s/%s", o->stage, names[i]);
		snprintf(to, sizeof(to), "%s/%s", o->dir, names[i]);
		if (rename(from, to))
			ret = hc_err("cannot move %s to %s: %s", from, to, strerror(errno));
	}
	if (!ret) {
		o->published = true;
		remove_previous(o, names, nr);
		ret = write_manifest(o, names, nr);
	}
	for (i = 0; i < nr; i++)
		free(names[i]);
	free(names);
	return ret;
}

void hc_outdir_close(struct hc_outdir *o)
{
	if (o->stage[0] && o->lock_fd >= 0)
		remove_stage(o->lock_fd, o->stage + strlen(o->dir) + 1);
	o->stage[0] = '\0';
	if (!o->published && o->made[0])
		hc_rmdirs(o->dir, o->made);
	o->made[0] = '\0';
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	o->lock_fd = -1;
}
