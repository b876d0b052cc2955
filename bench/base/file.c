// SPDX-License-Identifier: GPL-2.0
/*
 * Files written whole (base/file.h): atomic replacement, so readers see the old file or the
 * whole new one, never a part; copies made that way; directories made with their parents; the
 * temporary files a killed writer left.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/file.h"

int hc_write_atomic(const char *path, const char *data, size_t len)
{
	char tmp[4096];
	struct stat st;
	size_t off = 0;
	int fd;

	/* rename() would replace a device node or a FIFO as readily as a file. */
	if (!lstat(path, &st) && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode))
		return hc_err("%s exists and is not a regular file: not replaced", path);
	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return hc_err("%s: path too long", path);
	/*
	 * A new file, never one found there: path.tmp.PID is a name anyone who can write beside
	 * path can guess, and a link planted under it would have the data written where it points.
	 */
	unlink(tmp);
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0644);
	if (fd < 0)
		return hc_err("cannot write %s: %s", path, strerror(errno));
	while (off < len) {
		ssize_t n = write(fd, data + off, len - off);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : EIO;

			close(fd);
			unlink(tmp);
			return hc_err("cannot write %s: %s", path, strerror(e));
		}
		off += n;
	}
	if (fsync(fd) || close(fd)) {
		unlink(tmp);
		return hc_err("cannot write %s: %s", path, strerror(errno));
	}
	if (rename(tmp, path)) {
		int e = errno;

		unlink(tmp);
		return hc_err("cannot rename %s to %s: %s", tmp, path, strerror(e));
	}
	return 0;
}

int hc_mkdirs(const char *dir, char *made, size_t len)
{
	char buf[PATH_MAX];
	char *s = buf;

	if (made && len)
		made[0] = '\0';
	if (snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf))
		return hc_err("%s: path too long", dir);
	do {
		char c;

		s += 1 + strcspn(s + 1, "/");
		c = *s;
		*s = '\0';
		if (!mkdir(buf, 0755)) {
			if (made && len && !made[0])
				snprintf(made, len, "%s", buf);
		} else if (errno != EEXIST) {
			return hc_err("cannot create %s: %s", buf, strerror(errno));
		}
		*s = c;
	} while (*s);
	return 0;
}

void hc_rmdirs(const char *dir, const char *made)
{
	size_t n = strlen(made), len;
	char buf[PATH_MAX];

	if (!n || snprintf(buf, sizeof(buf), "%s", dir) >= (int)sizeof(buf) ||
	    strncmp(buf, made, n))
		return;
	for (;;) {
		len = strlen(buf);
		while (len > n && buf[len - 1] == '/')
			buf[--len] = '\0';
		if (rmdir(buf) || len <= n)
			return;
		while (len > n && buf[len - 1] != '/')
			len--;
		buf[len] = '\0';
	}
}

int hc_copy_file(const char *from, const char *to)
{
	FILE *f = fopen(from, "re");
	char *buf = NULL;
	size_t len = 0;
	FILE *m;
	int c, ret;

	if (!f)
		return hc_err("cannot read %s: %s", from, strerror(errno));
	m = open_memstream(&buf, &len);
	if (!m) {
		fclose(f);
		return hc_err("out of memory");
	}
	while ((c = getc(f)) != EOF)
		putc(c, m);
	fclose(f);
	fclose(m);
	ret = hc_write_atomic(to, buf, len);
	free(buf);
	return ret;
}

/* The PID of NAME.tmp.PID when entry is one for name, else 0. */
static pid_t tmp_owner(const char *entry, const char *name)
{
	size_t n = strlen(name);
	const char *digits = entry + n + 5;
	unsigned long pid;
	char *end;

	if (strncmp(entry, name, n) || strncmp(entry + n, ".tmp.", 5) || *digits < '1' ||
	    *digits > '9')
		return 0;
	errno = 0;
	pid = strtoul(digits, &end, 10);
	return errno || *end || pid > INT_MAX ? 0 : (pid_t)pid;
}

unsigned int hc_sweep_tmp(const char *path)
{
	const char *slash = strrchr(path, '/'), *name = slash ? slash + 1 : path;
	char dir[PATH_MAX];
	unsigned int nr = 0;
	struct dirent *e;
	struct stat st;
	DIR *d;
	int fd;

	snprintf(dir, sizeof(dir), "%.*s", slash ? (int)(slash - path) + 1 : 1, slash ? path : ".");
	d = opendir(dir);
	fd = d ? dirfd(d) : -1;
	while (d && (e = readdir(d))) {
		pid_t pid = tmp_owner(e->d_name, name);

		/* Only a dead owner's, and only a file: nothing else has that name by chance. */
		if (!pid || pid == getpid() || !kill(pid, 0) || errno != ESRCH ||
		    fstatat(fd, e->d_name, &st, AT_SYMLINK_NOFOLLOW) || !S_ISREG(st.st_mode))
			continue;
		nr += !unlinkat(fd, e->d_name, 0);
	}
	if (d)
		closedir(d);
	return nr;
}
