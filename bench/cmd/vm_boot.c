// SPDX-License-Identifier: GPL-2.0
/*
 * The boots of a VM matrix. Each (run, boot) is one scripts/vm run in its own directory,
 * independent of every other: -j runs several side by side (qemu -icount makes each count
 * independent of the host's load), and the directory, described by its boot.json, is all
 * `hookcost vm --merge` needs, so boots may as well run on other machines.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>

#include "cmd/cli.h"
#include "cmd/vm.h"
#include "base/error.h"
#include "base/file.h"

/*
 * The guest's init gives the memory controller to cgroup v2 but creates no cgroup, so it can
 * still move to a v1 hierarchy.
 */
#define V1_MOUNT	"echo -memory >/sys/fs/cgroup/cgroup.subtree_control && " \
			"mkdir -p /tmp/memcg && mount -t cgroup -o memory memory /tmp/memcg"
/* "auto": the configuration the guest's kernel is in by itself, for kernels of any kind. */
#define AUTO_CONFIG	"hc_config=$(grep -qw memory /sys/fs/cgroup/cgroup.controllers " \
			"2>/dev/null && echo unused || echo off) && "

struct job {
	unsigned int run, boot;
	pid_t pid;
	int status;
};

/* The signal that interrupted the boots, 0 for none. */
static volatile sig_atomic_t vm_stop;

static const int vm_sigs[] = { SIGINT, SIGTERM, SIGHUP, SIGCHLD };
#define VM_NR_SIGS (sizeof(vm_sigs) / sizeof(vm_sigs[0]))

/* What the boots change, and put back after them (and in each boot's child). */
static struct {
	sigset_t mask;
	struct sigaction act[VM_NR_SIGS];
} vm_old;
/* What the loop sleeps with: the old mask, vm_sigs let through. */
static sigset_t vm_wait_mask;

static void on_signal(int sig)
{
	if (sig != SIGCHLD)
		vm_stop = sig;
}

/*
 * Interrupts and child exits are blocked but while the loop sleeps in sigsuspend(), so neither
 * can come between its check and its sleep.
 */
static void catch_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t block;

	sigemptyset(&block);
	for (unsigned int i = 0; i < VM_NR_SIGS; i++) {
		sigaction(vm_sigs[i], NULL, &vm_old.act[i]);
		/* An ignored signal (nohup's SIGHUP) stays ignored. */
		if (vm_old.act[i].sa_handler == SIG_IGN && vm_sigs[i] != SIGCHLD)
			continue;
		sigaddset(&block, vm_sigs[i]);
		sigaction(vm_sigs[i], &sa, NULL);
	}
	sigprocmask(SIG_BLOCK, &block, &vm_old.mask);
	vm_wait_mask = vm_old.mask;
	for (unsigned int i = 0; i < VM_NR_SIGS; i++)
		sigdelset(&vm_wait_mask, vm_sigs[i]);
}

/*
 * Back to the handlers and mask from before the boots; dfl (a boot's child, about to exec):
 * every handler the default, but what was ignored stays ignored.
 */
static void restore_signals(bool dfl)
{
	struct sigaction sa = { .sa_handler = SIG_DFL };

	for (unsigned int i = 0; i < VM_NR_SIGS; i++)
		sigaction(vm_sigs[i], dfl && vm_old.act[i].sa_handler != SIG_IGN ? &sa :
			  &vm_old.act[i], NULL);
	sigprocmask(SIG_SETMASK, &vm_old.mask, NULL);
}

void vm_boot_dir(const struct vm_args *a, unsigned int run, unsigned int b, char *buf,
		 size_t len)
{
	snprintf(buf, len, "%s/run%u-%s", a->work, run + 1, a->m.boot[b].name);
}

/* The boot switches memcg state (and so moves to cgroup v1 with --cgroup v1). */
static bool switches_memcg(const struct vm_boot *b)
{
	for (unsigned int i = 0; i < b->nr_measures; i++)
		if (strcmp(b->measure[i].config, "off") && strcmp(b->measure[i].config, "auto"))
			return true;
	return false;
}

static void configs_of(const struct vm_boot *b, char *buf, size_t len)
{
	buf[0] = '\0';
	for (unsigned int i = 0; i < b->nr_measures; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", i ? "," : "",
			 b->measure[i].config);
}

static void add_uint(char *buf, size_t len, const char *opt, unsigned int v)
{
	char num[16];

	snprintf(num, sizeof(num), "%u", v);
	hc_shell_word(buf, len, opt);
	hc_shell_word(buf, len, num);
}

/* The guest's command: mounts /dev/shm for sys.tmpfs_create_unlink, then measures. */
static void guest_cmd(const struct vm_args *a, const struct vm_boot *b, char *buf, size_t len)
{
	bool automatic = !strcmp(b->measure[0].config, "auto");
	char configs[128];

	configs_of(b, configs, sizeof(configs));
	snprintf(buf, len, "mkdir -p /dev/shm && mount -t tmpfs tmpfs /dev/shm && %s%s",
		 a->v1 && switches_memcg(b) ? V1_MOUNT " && " : "", automatic ? AUTO_CONFIG : "");
	for (unsigned int i = 0; i < b->nr_setup; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s && ", b->setup[i]);
	if (a->m.cases) {
		snprintf(buf + strlen(buf), len - strlen(buf), "hookcost");
		hc_shell_word(buf, len, "run");
		hc_shell_word(buf, len, "--case");
		hc_shell_word(buf, len, a->m.cases);
		hc_shell_word(buf, len, "--config");
		if (automatic)
			snprintf(buf + strlen(buf), len - strlen(buf), " \"$hc_config\"");
		else
			hc_shell_word(buf, len, configs);
		hc_shell_word(buf, len, "--backend");
		hc_shell_word(buf, len, "tsc");
		add_uint(buf, len, "-n", a->samples);
		add_uint(buf, len, "-w", a->warmup);
		hc_shell_word(buf, len, "-q");
		hc_shell_word(buf, len, "-o");
		hc_shell_word(buf, len, "/out/system.json");
	}
	for (unsigned int w = 0; w < a->m.nr_workloads; w++) {
		for (unsigned int i = 0; i < b->nr_measures; i++) {
			char out[96];

			snprintf(buf + strlen(buf), len - strlen(buf), "%shookcost",
				 a->m.cases || w || i ? " && " : "");
			hc_shell_word(buf, len, "workload");
			hc_shell_word(buf, len, "--name");
			hc_shell_word(buf, len, a->m.workload[w].name);
			add_uint(buf, len, "-n", a->samples);
			add_uint(buf, len, "-w", a->warmup);
			hc_shell_word(buf, len, "--config");
			if (automatic)
				snprintf(buf + strlen(buf), len - strlen(buf), " \"$hc_config\"");
			else
				hc_shell_word(buf, len, b->measure[i].config);
			snprintf(out, sizeof(out), "/out/workload-%s-%u.json",
				 a->m.workload[w].name, i);
			hc_shell_word(buf, len, "-o");
			hc_shell_word(buf, len, out);
			hc_shell_word(buf, len, "--");
			hc_shell_word(buf, len, a->m.workload[w].cmd);
		}
	}
}

static const char *image_of(const struct vm_args *a, const struct vm_kernel *k, char *buf,
			    size_t len)
{
	if (k->image)
		return k->image;
	snprintf(buf, len, "%s/bzImage", k->dir);
	return buf;
}

static pid_t start(const struct vm_args *a, const struct job *j, const char *cmd)
{
	const struct vm_boot *b = &a->m.boot[j->boot];
	char script[PATH_MAX + 16], image[PATH_MAX + 16], out[PATH_MAX * 2], log[PATH_MAX * 2 + 8];
	char timeout[16], buf[PATH_MAX + 16];
	char *argv[] = { script, "run", "--kernel", image, "--module", "none", "--out", out,
			 "--timeout", timeout, "--", (char *)cmd, NULL, NULL };
	pid_t pid;

	snprintf(script, sizeof(script), "%s/scripts/vm", a->top);
	snprintf(image, sizeof(image), "%s",
		 image_of(a, &a->m.kernel[b->kernel], buf, sizeof(buf)));
	vm_boot_dir(a, j->run, j->boot, out, sizeof(out));
	snprintf(log, sizeof(log), "%s.log", out);
	snprintf(timeout, sizeof(timeout), "%u", a->timeout);
	/* The plugin's counts land beside tsc (scripts/vm run --cache-model). */
	if (a->cache_model) {
		argv[10] = "--cache-model";
		argv[11] = "--";
		argv[12] = (char *)cmd;
	}
	fprintf(stderr, "hookcost vm: run %u/%u, boot %s (kernel %s)\n", j->run + 1, a->runs,
		b->name, a->m.kernel[b->kernel].name);
	fflush(NULL);
	pid = fork();
	if (pid < 0)
		return hc_err("fork: %s", strerror(errno));
	if (!pid) {
		FILE *f = freopen(log, "we", stdout);

		/* Default handlers before the signals come through: none may be lost. */
		restore_signals(true);
		if (!f || dup2(STDOUT_FILENO, STDERR_FILENO) < 0)
			_exit(127);
		execv(argv[0], argv);
		fprintf(stderr, "hookcost: cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	return pid;
}

/* The last n lines of a file, joined with " | ", for a one-line error. */
static void tail_of(const char *path, unsigned int n, char *buf, size_t len)
{
	char line[256], lines[8][256];
	unsigned int nr = 0;
	FILE *f = fopen(path, "re");

	buf[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (*line)
			snprintf(lines[nr++ % n], sizeof(lines[0]), "%s", line);
	}
	fclose(f);
	for (unsigned int i = nr > n ? nr - n : 0; i < nr; i++)
		snprintf(buf + strlen(buf), len - strlen(buf), "%s%s", strlen(buf) ? " | " : "",
			 lines[i % n]);
}

/* Why the boot failed, as an error: exit 2 for what the user's input caused. */
static int boot_failed(const struct vm_args *a, const struct job *j)
{
	char dir[PATH_MAX * 2], path[PATH_MAX * 2 + 32], tail[1024];
	const char *name = a->m.boot[j->boot].name;

	vm_boot_dir(a, j->run, j->boot, dir, sizeof(dir));
	snprintf(path, sizeof(path), "%s/status", dir);
	if (access(path, F_OK)) {
		snprintf(path, sizeof(path), "%s/console.log", dir);
		tail_of(path, 3, tail, sizeof(tail));
		return hc_usage_err("boot %s: the kernel %s did not boot or sent nothing back "
				    "within %u s; its console ended: %s", name,
				    a->m.kernel[a->m.boot[j->boot].kernel].name, a->timeout,
				    *tail ? tail : "(empty)");
	}
	snprintf(path, sizeof(path), "%s/cmd.log", dir);
	tail_of(path, 1, tail, sizeof(tail));
	if (j->status == HC_EXIT_USAGE)
		return hc_usage_err("boot %s: %s", name, tail);
	return hc_err("boot %s: the guest command failed (status %d): %s (see %s)", name,
		      j->status, tail, path);
}

static json_t *kernel_json(const struct vm_args *a, const struct vm_kernel *k)
{
	char buf[PATH_MAX + 16], line[PATH_MAX];
	json_t *o = json_object(), *p = json_array();
	FILE *f;

	json_object_set_new(o, "name", json_string(k->name));
	json_object_set_new(o, "image", json_string(image_of(a, k, buf, sizeof(buf))));
	json_object_set_new(o, "build", k->image ? json_null() : json_string(k->dir));
	snprintf(buf, sizeof(buf), "%s/patches.sha256", k->dir);
	f = k->image ? NULL : fopen(buf, "re");
	while (f && fgets(line, sizeof(line), f)) {
		line[strcspn(line, "\n")] = '\0';
		json_array_append_new(p, json_string(line));
	}
	if (f)
		fclose(f);
	json_object_set_new(o, "patches", p);
	return o;
}

/* boot.json: what the boot was, so that its directory stands alone. */
static int describe(const struct vm_args *a, const struct job *j, const char *cmd)
{
	const struct vm_boot *b = &a->m.boot[j->boot];
	const struct vm_kernel *k = &a->m.kernel[b->kernel];
	char dir[PATH_MAX * 2], path[PATH_MAX * 2 + 32], from[PATH_MAX + 16], *js;
	json_t *o, *m = json_array();
	int ret;

	vm_boot_dir(a, j->run, j->boot, dir, sizeof(dir));
	for (unsigned int i = 0; i < b->nr_measures; i++)
		json_array_append_new(m, json_pack("{s:s, s:s}", "config", b->measure[i].config,
						   "column", a->m.col[b->measure[i].col].name));
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:o, s:s, s:i, s:i, s:o, s:s, s:s}",
		      "schema", "hookcost-vm-boot/1", "matrix", a->m.name,
		      "definition", a->m.text, "cgroup", a->v1 ? "v1" : "v2", "boot", b->name,
		      "run", (int)j->run + 1, "measure", m, "command", cmd,
		      "samples", (int)a->samples, "warmup", (int)a->warmup,
		      "kernel", kernel_json(a, k),
		      "qemu", "scripts/vm: -icount shift=0,sleep=off -smp 1",
		      "kernel_config", k->image ? "" : "kernel.config");
	if (!k->image) {
		snprintf(from, sizeof(from), "%s/config", k->dir);
		snprintf(path, sizeof(path), "%s/kernel.config", dir);
		if (hc_copy_file(from, path)) {
			json_decref(o);
			return -1;
		}
	}
	js = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
	json_decref(o);
	if (!js)
		return hc_err("out of memory");
	snprintf(path, sizeof(path), "%s/boot.json", dir);
	ret = hc_write_atomic(path, js, strlen(js));
	free(js);
	return ret;
}

static int finish(struct vm_args *a, struct job *jobs, unsigned int nr, pid_t pid, int status,
		  int *failed)
{
	char cmd[8192];

	for (unsigned int i = 0; i < nr; i++) {
		if (jobs[i].pid != pid)
			continue;
		jobs[i].pid = 0;
		jobs[i].status = WIFEXITED(status) ? WEXITSTATUS(status) :
				 128 + WTERMSIG(status);
		guest_cmd(a, &a->m.boot[jobs[i].boot], cmd, sizeof(cmd));
		if (*failed)
			return 0;
		if (jobs[i].status)
			*failed = boot_failed(a, &jobs[i]) ? hc_err_exit_code() : 1;
		else if (describe(a, &jobs[i], cmd))
			*failed = 1;
		return 0;
	}
	return 0;
}

/*
 * Ends the process the way the signal would have, after stopping the running boots: each
 * scripts/vm stops its qemu on SIGTERM. Finished boots stay, for a later --merge.
 */
static void stop_boots(struct vm_args *a, struct job *jobs, unsigned int nr)
{
	unsigned int stopped = 0;
	int sig = vm_stop, status;
	pid_t pid;

	/* A boot that has just finished is kept whole, whatever the others did. */
	while ((pid = waitpid(-1, &status, WNOHANG)) > 0) {
		int failed = 0;

		finish(a, jobs, nr, pid, status, &failed);
		stopped += failed != 0;
	}
	for (unsigned int i = 0; i < nr; i++)
		if (jobs[i].pid > 0 && !kill(jobs[i].pid, SIGTERM))
			stopped++;
	restore_signals(true);
	while (wait(NULL) >= 0 || errno == EINTR)
		;
	fprintf(stderr, "hookcost vm: interrupted; stopped %u running boot%s and their qemu; the "
		"finished boots are in %s\n", stopped, stopped == 1 ? "" : "s", a->work);
	raise(sig);
	_exit(128 + sig);
}

int vm_boot_all(struct vm_args *a, double *wall)
{
	unsigned int nr = a->runs * a->m.nr_boots, next = 0, running = 0;
	struct job *jobs = calloc(nr, sizeof(*jobs));
	struct timespec t0, t1;
	char cmd[8192];
	int failed = 0;

	if (!jobs)
		return hc_err("out of memory");
	catch_signals();
	clock_gettime(CLOCK_MONOTONIC, &t0);
	/* Run by run: with -j 1 the first run of every boot is there early. */
	for (unsigned int i = 0; i < nr; i++) {
		jobs[i].run = i / a->m.nr_boots;
		jobs[i].boot = i % a->m.nr_boots;
	}
	while (next < nr || running) {
		int status;
		pid_t pid;

		if (vm_stop)
			stop_boots(a, jobs, nr);
		while (!failed && next < nr && running < a->jobs) {
			guest_cmd(a, &a->m.boot[jobs[next].boot], cmd, sizeof(cmd));
			jobs[next].pid = start(a, &jobs[next], cmd);
			if (jobs[next].pid < 0) {
				failed = 1;
				break;
			}
			next++;
			running++;
		}
		if (!running)
			break;
		pid = waitpid(-1, &status, WNOHANG);
		if (!pid) {
			sigsuspend(&vm_wait_mask);
			continue;
		}
		if (pid < 0) {
			failed = hc_err("wait: %s", strerror(errno));
			break;
		}
		running--;
		finish(a, jobs, nr, pid, status, &failed);
	}
	restore_signals(false);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	*wall = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	free(jobs);
	return failed ? -1 : 0;
}
