// SPDX-License-Identifier: GPL-2.0
/*
 * The system suite's tmpfs case: create + close + unlink of an empty file in a directory of
 * this run on /dev/shm, and the sweep of directories left by runs that were killed.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <unistd.h>

#include <linux/magic.h>

#include "core/cgroup.h"
#include "base/error.h"
#include "suites/system.h"
#include "suites/system_case.h"

#define SYS_SHM		"/dev/shm"

unsigned int hc_system_sweep_shm(void)
{
	unsigned int removed = 0;
	struct dirent *e;
	DIR *d = opendir(SYS_SHM);

	while (d && (e = readdir(d))) {
		char p[PATH_MAX];

		if (!hc_stale_name(e->d_name))
			continue;
		snprintf(p, sizeof(p), SYS_SHM "/%s/f", e->d_name);
		unlink(p);
		snprintf(p, sizeof(p), SYS_SHM "/%s", e->d_name);
		removed += !rmdir(p);
	}
	if (d)
		closedir(d);
	return removed;
}

/*
 * A directory of this process and configuration on /dev/shm, named so that the next run
 * removes it (hc_system_sweep_shm) if this one is killed.
 */
static int tmpfs_prepare(struct sys_var *s)
{
	struct statfs st;

	if (statfs(SYS_SHM, &st) || st.f_type != TMPFS_MAGIC)
		return hc_err(SYS_SHM " is not a tmpfs mount");
	snprintf(s->dir, sizeof(s->dir), SYS_SHM "/" HC_NAME_PREFIX "%d-%s", (int)getpid(),
		 hc_config_names[s->config]);
	snprintf(s->file, sizeof(s->file), "%s/f", s->dir);
	if (mkdir(s->dir, 0700) && errno != EEXIST) {
		hc_err("cannot create %s: %s", s->dir, strerror(errno));
		s->dir[0] = '\0';
		return -1;
	}
	return 0;
}

static void tmpfs_create_unlink_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int fd = open(s->file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);

		if (fd < 0 || close(fd) || unlink(s->file)) {
			s->err = errno;
			return;
		}
	});
}

static const struct sys_ops tmpfs_ops = { .prepare = tmpfs_prepare };

SYS_CASE(sys_tmpfs_create_unlink, "sys.tmpfs_create_unlink",
	 "create + close + unlink of an empty file on tmpfs (dentry and inode are accounted "
	 "slab)", NULL, tmpfs_create_unlink_run, tmpfs_ops);
