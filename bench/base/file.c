// SPDX-License-Identifier: GPL-2.0
/*
 * Files written whole (base/file.h): atomic replacement, so readers see the old file or the
 * whole new one, never a part; copies made that way; directories made with their parents.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
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
	size_t off = 0;
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return hc_err("%s: path too long", path);
	fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
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

int hc_mkdirs(const char *path)
{
	char p[PATH_MAX];

	snprintf(p, sizeof(p), "%s", path);
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0755) && errno != EEXIST)
			return hc_err("cannot create %s: %s", p, strerror(errno));
		*s = '/';
	}
	if (mkdir(p, 0755) && errno != EEXIST)
		return hc_err("cannot create %s: %s", p, strerror(errno));
	return 0;
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
