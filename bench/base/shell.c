// SPDX-License-Identifier: GPL-2.0
/* Shell words and path checks (base/shell.h). */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/error.h"
#include "base/shell.h"

void hc_shell_word(char *buf, size_t len, const char *arg)
{
	static const char plain[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
				    "0123456789_-+=/.,:@%";
	size_t off = strnlen(buf, len);

	if (off && off + 1 < len)
		buf[off++] = ' ';
	if (*arg && strspn(arg, plain) == strlen(arg)) {
		snprintf(buf + off, len - off, "%s", arg);
		return;
	}
	/* Single quotes keep everything literal; a quote itself becomes '\''. */
	if (off + 1 < len)
		buf[off++] = '\'';
	for (; *arg && off + 5 < len; arg++) {
		if (*arg == '\'') {
			memcpy(buf + off, "'\\''", 4);
			off += 4;
		} else {
			buf[off++] = *arg;
		}
	}
	snprintf(buf + off, len - off, "'");
}

static int try_create(const char *path)
{
	char tmp[PATH_MAX];
	int fd;

	if (snprintf(tmp, sizeof(tmp), "%s.tmp.%d", path, (int)getpid()) >= (int)sizeof(tmp))
		return ENAMETOOLONG;
	fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
	if (fd < 0)
		return errno;
	close(fd);
	unlink(tmp);
	return 0;
}

int hc_check_writable(const char *opt, const char *path)
{
	int err;

	if (!*path)
		return hc_usage_err("%s: empty file name", opt);
	err = try_create(path);
	if (err)
		return hc_usage_err("%s %.200s: cannot write there: %s", opt, path, strerror(err));
	return 0;
}

/* The nearest existing ancestor of a path that does not exist yet ("." for a relative one). */
static void existing_parent(const char *path, char *buf, size_t len)
{
	struct stat st;
	size_t n;

	snprintf(buf, len, "%s", path);
	while (stat(buf, &st)) {
		n = strlen(buf);
		while (n > 1 && buf[n - 1] == '/')
			n--;
		while (n && buf[n - 1] != '/')
			n--;
		if (!n) {
			snprintf(buf, len, ".");
			return;
		}
		/* "/x" -> "/", "a/b" -> "a" */
		buf[n > 1 ? n - 1 : 1] = '\0';
	}
}

int hc_check_dir(const char *opt, const char *dir, size_t max_len)
{
	char parent[PATH_MAX], probe[PATH_MAX + 32];
	struct stat st;
	int err;

	if (!*dir)
		return hc_usage_err("%s: empty directory name", opt);
	if (strlen(dir) > max_len)
		return hc_usage_err("%s: directory name longer than %zu bytes", opt, max_len);
	if (!stat(dir, &st) && !S_ISDIR(st.st_mode))
		return hc_usage_err("%s %s exists and is not a directory", opt, dir);
	existing_parent(dir, parent, sizeof(parent));
	if (stat(parent, &st) || !S_ISDIR(st.st_mode))
		return hc_usage_err("%s %s: %s is not a directory", opt, dir, parent);
	snprintf(probe, sizeof(probe), "%s/.hookcost-probe", parent);
	err = try_create(probe);
	if (err)
		return hc_usage_err("%s %.200s: cannot write in %.200s: %s", opt, dir, parent,
				    strerror(err));
	return 0;
}

int hc_check_program(const char *opt, const char *path)
{
	struct stat st;

	if (stat(path, &st))
		return hc_usage_err("%s %s: %s", opt, path, strerror(errno));
	if (!S_ISREG(st.st_mode) || access(path, X_OK))
		return hc_usage_err("%s %s is not an executable file", opt, path);
	return 0;
}
