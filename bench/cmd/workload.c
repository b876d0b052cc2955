// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost workload`: a whole program as the measured operation, for the VM matrices'
 * `workload` cases (hookcost vm runs it in the guest). Each sample is one run of the shell
 * command, from fork to exit, in TSC ticks (under qemu -icount: retired instructions, the
 * kernel's and every process's). A line "ops=N" in the command's output makes a per-op
 * figure possible. The memcg configuration places the command like the system suite places
 * its thread: off and unused in the root cgroup, bystander beside a memory cgroup that
 * exists, active inside it (cgroup v2).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/magic.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd/cli.h"
#include "cmd/command.h"
#include "base/error.h"
#include "output/output.h"

#define WL_CGROUP_ROOT	"/sys/fs/cgroup"
#define WL_CGROUP	WL_CGROUP_ROOT "/hookcost-workload"

struct wl_args {
	const char *name, *config, *out, *cmd;
	unsigned int samples, warmup;
	bool force;
	int out_fd;	/* the command's output: an unlinked file, so no name can be planted */
};

static unsigned long long ticks(void)
{
#if defined(__x86_64__) || defined(__i386__)
	unsigned int lo, hi;

	__asm__ __volatile__("rdtsc" : "=a"(lo), "=d"(hi));
	return ((unsigned long long)hi << 32) | lo;
#else
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC_RAW, &ts);
	return ts.tv_sec * 1000000000ull + ts.tv_nsec;
#endif
}

static void wl_help(void)
{
	puts("usage: hookcost workload [-n N] [-w N] [--config C] [--name NAME] [--force] -o FILE\n"
	     "                         -- CMD\n"
	     "\n"
	     "Runs the shell command CMD N times after N warm-up runs and writes the TSC ticks of\n"
	     "each run (fork to exit) to FILE (JSON, hookcost-workload/1); a line ops=N in its\n"
	     "output is kept as its operation count. --config off|unused|bystander|active places\n"
	     "it like the system suite (bystander and active create a memory cgroup, active runs\n"
	     "CMD inside it; cgroup v2). A run that exits non-zero is an error (exit 2).\n"
	     "FILE is checked before CMD first runs: it must be new, or a regular file and\n"
	     "--force given.");
}

static int wl_option(int opt, char *arg, void *ctx)
{
	struct wl_args *a = ctx;
	unsigned long v;

	switch (opt) {
	case 'n':
	case 'w':
		if (hc_parse_ulong(opt == 'n' ? "--samples" : "--warmup", arg, opt == 'n', 100000,
				   &v))
			return -1;
		*(opt == 'n' ? &a->samples : &a->warmup) = v;
		break;
	case 'f': a->force = true; break;
	case 'C': a->config = arg; break;
	case 'N': a->name = arg; break;
	case 'o': a->out = arg; break;
	}
	return 0;
}

/* bystander and active place the command by a cgroup of their own. */
static bool wl_cgroup(const struct wl_args *a)
{
	return !strcmp(a->config, "bystander") || !strcmp(a->config, "active");
}

/*
 * Elsewhere (v1, or the tmpfs that holds v1's hierarchies) the directory made there is no
 * cgroup: the command would run in the root cgroup under the configuration's name, and the
 * cgroup.procs it wrote would keep the directory from being removed.
 */
static int check_cgroup2(const struct wl_args *a)
{
	struct statfs st;

	if (statfs(WL_CGROUP_ROOT, &st) || st.f_type != CGROUP2_SUPER_MAGIC)
		return hc_usage_err("--config %s needs cgroup v2 mounted at %s", a->config,
				    WL_CGROUP_ROOT);
	return 0;
}

static int parse_args(int argc, char **argv, struct wl_args *a)
{
	static const struct option opts[] = {
		{ "samples", required_argument, NULL, 'n' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "config", required_argument, NULL, 'C' },
		{ "name", required_argument, NULL, 'N' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	/* '+': the command to measure starts at the first operand, its options are its own. */
	int ret = hc_getopt(argc, argv, "+:n:w:o:h", opts, wl_option, wl_help, a);

	if (ret)
		return ret;
	if (optind != argc - 1)
		return hc_usage_err("one command expected after the options (quote it)");
	a->cmd = argv[optind];
	if (!a->out)
		return hc_usage_err("-o FILE is required");
	if (strcmp(a->config, "off") && strcmp(a->config, "unused") &&
	    strcmp(a->config, "bystander") && strcmp(a->config, "active"))
		return hc_usage_err("--config: '%s' is not off, unused, bystander or active",
				    a->config);
	if (wl_cgroup(a) && check_cgroup2(a))
		return -1;
	return hc_check_output("-o", a->out, a->force);
}

/* One run: returns its ticks, or 0 with an error recorded. */
static unsigned long long run_once(const struct wl_args *a)
{
	bool inside = !strcmp(a->config, "active");
	unsigned long long t0, t1;
	int status, fd;
	pid_t pid;

	fflush(NULL);
	t0 = ticks();
	pid = fork();
	if (pid < 0)
		return hc_err("fork: %s", strerror(errno)), 0;
	if (!pid) {
		fd = a->out_fd;
		if (ftruncate(fd, 0) || lseek(fd, 0, SEEK_SET) || dup2(fd, STDOUT_FILENO) < 0)
			_exit(126);
		if (inside) {
			FILE *f = fopen(WL_CGROUP "/cgroup.procs", "we");

			if (!f || fprintf(f, "0\n") < 0 || fclose(f))
				_exit(126);
		}
		execl("/bin/sh", "sh", "-c", a->cmd, (char *)NULL);
		_exit(127);
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return hc_err("wait: %s", strerror(errno)), 0;
	t1 = ticks();
	if (!WIFEXITED(status) || WEXITSTATUS(status))
		return hc_usage_err("workload %s: '%s' exited with status %d", a->name, a->cmd,
				    WIFEXITED(status) ? WEXITSTATUS(status) :
				    128 + WTERMSIG(status)), 0;
	return t1 - t0;
}

/* SIGINT or SIGTERM: the runs stop, and the cgroup made for them is removed first. */
static volatile sig_atomic_t wl_stop;

static void on_signal(int sig)
{
	wl_stop = sig;
}

/* The last "ops=N" line of the output, or 0. */
static long long ops_of(int out_fd)
{
	char line[256];
	long long ops = 0, v;
	int fd = dup(out_fd);
	FILE *f = fd < 0 || lseek(fd, 0, SEEK_SET) ? NULL : fdopen(fd, "r");

	if (!f && fd >= 0)
		close(fd);
	while (f && fgets(line, sizeof(line), f))
		if (sscanf(line, "ops=%lld", &v) == 1 && v > 0)
			ops = v;
	if (f)
		fclose(f);
	return ops;
}

static int wl_main(int argc, char **argv)
{
	struct wl_args a = { .name = "workload", .config = "unused", .samples = 15, .warmup = 2,
			     .out_fd = -1 };
	char out_tmp[] = "/tmp/hookcost-workload.XXXXXX";
	bool cgroup;
	json_t *t = json_array(), *o;
	long long ops = 0;
	struct sigaction sa = { .sa_handler = on_signal };
	char *js;
	int ret;

	/* Caught from the start: no signal ends the run before its cgroup is removed. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	a.out_fd = mkostemp(out_tmp, O_CLOEXEC);
	if (a.out_fd < 0)
		return hc_err("cannot create %s: %s", out_tmp, strerror(errno));
	unlink(out_tmp);
	cgroup = wl_cgroup(&a);
	if (cgroup && mkdir(WL_CGROUP, 0755) && errno != EEXIST) {
		close(a.out_fd);
		return hc_err("cannot create %s: %s", WL_CGROUP, strerror(errno));
	}
	for (unsigned int i = 0; i < a.warmup + a.samples && !ret && !wl_stop; i++) {
		unsigned long long v = run_once(&a);

		if (!v)
			ret = -1;
		else if (i >= a.warmup)
			json_array_append_new(t, json_integer(v));
		if (i == a.warmup)
			ops = ops_of(a.out_fd);
	}
	close(a.out_fd);
	if (cgroup)
		rmdir(WL_CGROUP);
	if (wl_stop) {
		json_decref(t);
		fprintf(stderr, "hookcost workload: interrupted; %s was not written\n", a.out);
		return 128 + wl_stop;
	}
	if (ret) {
		json_decref(t);
		return -1;
	}
	o = json_pack("{s:s, s:s, s:s, s:s, s:o, s:o}", "schema", "hookcost-workload/1",
		      "name", a.name, "command", a.cmd, "config", a.config, "ticks", t,
		      "ops", ops ? json_integer(ops) : json_null());
	js = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
	json_decref(o);
	if (!js)
		return hc_err("out of memory");
	ret = hc_write_atomic(a.out, js, strlen(js));
	free(js);
	return ret ? -1 : HC_EXIT_OK;
}

HC_COMMAND(workload_cmd) = {
	.name = "workload", .summary = "a shell command's cost per run (VM matrix workloads)",
	.main = wl_main, .order = 7,
};
