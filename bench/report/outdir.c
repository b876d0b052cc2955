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

int hc_outdir_check(const char *dir, bool force)
{
	char path[PATH_MAX];
	struct stat st;
	bool foreign = false;

	if (hc_check_dir("-o", dir, sizeof(((struct hc_outdir *)0)->dir) - 1))
		return -1;
	snprintf(path, sizeof(path), "%s/%s", dir, HC_OUTDIR_MANIFEST);
	if (stat(dir, &st) || !access(path, F_OK) || force)
		return 0;
	if (has_foreign_files(dir, &foreign))
		return -1;
	if (foreign)
		return hc_usage_err("%s is not empty and was not written by hookcost report; use "
				    "--force to write the report's files into it", dir);
	return 0;
}

static int mkdir_parents(const char *path)
{
	char buf[PATH_MAX];
	char *s = buf;

	snprintf(buf, sizeof(buf), "%s", path);
	do {
		char c;

		s += 1 + strcspn(s + 1, "/");
		c = *s;
		*s = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST)
			return hc_err("cannot create %s: %s", buf, strerror(errno));
		*s = c;
	} while (*s);
	return 0;
}

/* Removes a staging directory: files only, it has no subdirectories. */
static void remove_stage(const char *stage)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(stage);

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", stage, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(stage);
}

/* Under the lock no other report is running here: every staging directory is stale. */
static void sweep_stale(const char *dir)
{
	char path[PATH_MAX];
	struct dirent *e;
	DIR *d = opendir(dir);

	while (d && (e = readdir(d))) {
		if (strncmp(e->d_name, STAGE_PREFIX, strlen(STAGE_PREFIX)))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		remove_stage(path);
	}
	if (d)
		closedir(d);
}

int hc_outdir_open(struct hc_outdir *o, const char *dir)
{
	struct sigaction sa = { .sa_handler = on_signal };

	memset(o, 0, sizeof(*o));
	o->lock_fd = -1;
	snprintf(o->dir, sizeof(o->dir), "%s", dir);
	/* No SA_RESTART: waiting for gnuplot returns EINTR, so the child can be ended. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	if (mkdir_parents(dir))
		return -1;
	o->lock_fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (o->lock_fd < 0)
		return hc_err("cannot open %s: %s", dir, strerror(errno));
	if (flock(o->lock_fd, LOCK_EX | LOCK_NB))
		return errno == EWOULDBLOCK ?
		       hc_usage_err("%s: another hookcost report is writing there", dir) :
		       hc_err("cannot lock %s: %s", dir, strerror(errno));
	sweep_stale(dir);
	snprintf(o->stage, sizeof(o->stage), "%s/" STAGE_PREFIX "XXXXXX", dir);
	if (!mkdtemp(o->stage)) {
		o->stage[0] = '\0';
		return hc_err("cannot create a directory in %s: %s", dir, strerror(errno));
	}
	return 0;
}

static bool listed(char **names, unsigned int nr, const char *name)
{
	for (unsigned int i = 0; i < nr; i++)
		if (!strcmp(names[i], name))
			return true;
	return false;
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

/* Files of the previous report that this one did not write; only plain names are trusted. */
static void remove_previous(struct hc_outdir *o, char **names, unsigned int nr)
{
	char path[PATH_MAX], line[512];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", o->dir, HC_OUTDIR_MANIFEST);
	f = fopen(path, "r");
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		if (!line[0] || line[0] == '.' || line[0] == '#' || strchr(line, '/') ||
		    listed(names, nr, line))
			continue;
		snprintf(path, sizeof(path), "%s/%s", o->dir, line);
		unlink(path);
	}
	fclose(f);
}

static int write_manifest(struct hc_outdir *o, char **names, unsigned int nr)
{
	size_t len = 0, cap = 128;
	char *text = malloc(cap), path[PATH_MAX];
	int ret;

	if (!text)
		return hc_err("out of memory");
	len = snprintf(text, cap, "# written by hookcost report; removed by the next one\n");
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
	if (o->stage[0])
		remove_stage(o->stage);
	o->stage[0] = '\0';
	if (o->lock_fd >= 0)
		close(o->lock_fd);
	o->lock_fd = -1;
}
