// SPDX-License-Identifier: GPL-2.0
/* Atomic file replacement: readers see the old file or the whole new one, never a part. */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/error.h"
#include "output/output.h"

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
