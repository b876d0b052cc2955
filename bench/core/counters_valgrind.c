// SPDX-License-Identifier: GPL-2.0
/*
 * The valgrind backend (core/counters_valgrind.h).
 *
 * Why callgrind and not cachegrind: callgrind's client requests zero and dump its counters
 * from inside the program, so every sample gets its own exact counts (cachegrind only
 * writes totals at exit). The dump is a file per request; it is read and removed right
 * after the request, outside the counted window: the first read of a pair only zeroes, the
 * second dumps, so no parsing is counted in a sample.
 *
 * Valgrind runs the code on a synthetic CPU: instructions are exact and deterministic; cache
 * and branch misses are those of its models (LRU caches, a 2-bit-counter branch predictor
 * and a branch target buffer for indirect branches), not of this machine.
 * --separate-threads=yes: the counts are the measuring thread's, as with perf (liburcu's
 * helper threads would otherwise add their work to whichever sample they ran in).
 * --smc-check=all: static keys patch hookcost's own (file-backed) text, which valgrind would
 * otherwise not notice, and would go on running the code it translated before the patch.
 */
#include <errno.h>
#include <glob.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#if __has_include(<valgrind/callgrind.h>)
#include <valgrind/callgrind.h>
#define HAVE_CALLGRIND 1
#else
/* Built without valgrind's headers: the backend says so when asked for. */
#define HAVE_CALLGRIND 0
#define RUNNING_ON_VALGRIND 0
#define CALLGRIND_ZERO_STATS
#define CALLGRIND_DUMP_STATS
#endif

#include "core/counters_backend.h"
#include "core/counters_valgrind.h"
#include "base/error.h"
#include "hookcost/cache_model.h"

#define OUT_ENV		"HOOKCOST_VALGRIND_OUT"
#define MAX_ARGS	512

const char *const hc_valgrind_metrics[HC_VALGRIND_NR_METRICS] = {
	"instructions", "l1i_misses", "l1d_accesses", "l1d_misses", "ll_accesses",
	"ll_misses", "est_cycles", "branches", "branch_misses",
};

/* callgrind's events, in the order of its "events:" line with --cache-sim --branch-sim. */
enum { IR, DR, DW, I1MR, D1MR, D1MW, ILMR, DLMR, DLMW, BC, BCM, BI, BIM, NR_EVENTS };
static const char *const event_names[NR_EVENTS] = {
	"Ir", "Dr", "Dw", "I1mr", "D1mr", "D1mw", "ILmr", "DLmr", "DLmw", "Bc", "Bcm", "Bi", "Bim",
};

static char cache_opt[3][64] = { "--I1=32768,8,64", "--D1=32768,8,64", "--LL=2097152,16,64" };
static char geometry[160] = "l1i=32768:8,l1d=32768:8,ll=2097152:16,line=64";
static uint64_t totals[HC_VALGRIND_NR_METRICS];
static unsigned long dumps;
static int pair_open;

int hc_valgrind_set_geometry(const char *g)
{
	static const char *const keys[3] = { "l1i=", "l1d=", "ll=" };
	static const char *const opts[3] = { "--I1", "--D1", "--LL" };
	uint64_t size[3] = { 32768, 32768, 2097152 }, ways[3] = { 8, 8, 16 }, line = 64;
	const char *p = g;

	while (*p) {
		int k = -1;
		char *end;

		for (int c = 0; c < 3; c++)
			if (!strncmp(p, keys[c], strlen(keys[c])))
				k = c;
		if (k >= 0 && hc_cache_size_parse(p + strlen(keys[k]), &size[k], &ways[k])) {
			p = strchr(p, ',') ? strchr(p, ',') + 1 : p + strlen(p);
			continue;
		}
		if (!strncmp(p, "line=", 5)) {
			line = strtoull(p + 5, &end, 10);
			if ((!*end || *end == ',') && line >= 8 && !(line & (line - 1))) {
				p = *end ? end + 1 : end;
				continue;
			}
		}
		return hc_usage_err("--cache-geometry: cannot parse '%s' (expected e.g. %s)", p,
				    HC_CACHE_DEFAULT_GEOMETRY);
	}
	for (int c = 0; c < 3; c++)
		snprintf(cache_opt[c], sizeof(cache_opt[c]), "%s=%" PRIu64 ",%" PRIu64 ",%" PRIu64,
			 opts[c], size[c], ways[c], line);
	snprintf(geometry, sizeof(geometry), "l1i=%" PRIu64 ":%" PRIu64 ",l1d=%" PRIu64 ":%" PRIu64
		 ",ll=%" PRIu64 ":%" PRIu64 ",line=%" PRIu64, size[0], ways[0], size[1], ways[1],
		 size[2], ways[2], line);
	return 0;
}

/* This process' own argv, from /proc: the command to run again under valgrind. */
static int own_argv(char *buf, size_t len, char **argv, int max)
{
	FILE *f = fopen("/proc/self/cmdline", "r");
	size_t n = f ? fread(buf, 1, len - 1, f) : 0;
	int argc = 0;

	if (f)
		fclose(f);
	if (!n || n == len - 1)
		return hc_err("valgrind backend: cannot read /proc/self/cmdline");
	buf[n] = '\0';
	for (size_t i = 0; i < n && argc < max - 1; i += strlen(buf + i) + 1)
		argv[argc++] = buf + i;
	argv[argc] = NULL;
	return argc;
}

static int run_under_callgrind(char **args, const char *dir)
{
	char out[PATH_MAX + 32], self[PATH_MAX];
	char *vg[MAX_ARGS + 16] = {
		"valgrind", "-q", "--tool=callgrind", "--cache-sim=yes", "--branch-sim=yes",
		cache_opt[0], cache_opt[1], cache_opt[2], "--dump-instr=no", "--smc-check=all",
		"--separate-threads=yes", out, self,
	};
	int n = 13, status;
	pid_t pid;

	snprintf(out, sizeof(out), "--callgrind-out-file=%s/cg", dir);
	if (!realpath("/proc/self/exe", self))
		return hc_err("valgrind backend: cannot resolve /proc/self/exe");
	for (int i = 1; args[i] && n < MAX_ARGS + 15; i++)
		vg[n++] = args[i];
	vg[n] = NULL;
	pid = fork();
	if (pid < 0)
		return hc_err("valgrind backend: fork: %s", strerror(errno));
	if (!pid) {
		setenv(OUT_ENV, dir, 1);
		/* hwloc's x86 backend cannot run under valgrind and says so; it is not needed. */
		setenv("HWLOC_COMPONENTS", "-x86", 0);
		execvp(vg[0], vg);
		_exit(127);
	}
	/* ^C reaches both; the child under valgrind writes what it finished, then we clean up. */
	signal(SIGINT, SIG_IGN);
	signal(SIGTERM, SIG_IGN);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

const char *hc_valgrind_geometry(void)
{
	return geometry;
}

int hc_valgrind_start(void)
{
	char buf[32768], *args[MAX_ARGS], dir[] = "/tmp/hookcost-valgrind.XXXXXX", cmd[PATH_MAX];
	int status;

	if (RUNNING_ON_VALGRIND) {
		if (!getenv(OUT_ENV))
			return hc_usage_err("valgrind backend: already under valgrind; run "
					    "hookcost without it, the backend starts callgrind "
					    "itself");
		return 0;
	}
	if (!HAVE_CALLGRIND)
		return hc_usage_err("valgrind backend unavailable: hookcost was built without "
				    "valgrind's headers (apt-get install valgrind, then rebuild)");
	if (system("valgrind --version >/dev/null 2>&1"))
		return hc_usage_err("valgrind backend unavailable: valgrind is not installed "
				    "(apt-get install valgrind)");
	if (own_argv(buf, sizeof(buf), args, MAX_ARGS) < 0)
		return -1;
	if (!mkdtemp(dir))
		return hc_err("valgrind backend: mkdtemp: %s", strerror(errno));
	fflush(NULL);
	status = run_under_callgrind(args, dir);
	/* Its last dump (at exit) and any left by an interrupted sample. */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	if (system(cmd))
		fprintf(stderr, "hookcost: could not remove %s\n", dir);
	exit(status);
}

/* The "events:" and "summary:" lines of one dump; trailing zero counts are left out. */
static int parse_dump(FILE *f, uint64_t *ev)
{
	char line[1024];
	int order[NR_EVENTS], n = 0;
	bool have_events = false;

	memset(ev, 0, NR_EVENTS * sizeof(*ev));
	while (fgets(line, sizeof(line), f)) {
		char *save = NULL, *t;

		if (!strncmp(line, "events:", 7)) {
			for (t = strtok_r(line + 7, " \n", &save); t && n < NR_EVENTS;
			     t = strtok_r(NULL, " \n", &save)) {
				order[n] = -1;
				for (int e = 0; e < NR_EVENTS; e++)
					if (!strcmp(t, event_names[e]))
						order[n] = e;
				n++;
			}
			have_events = true;
		} else if (!strncmp(line, "summary:", 8) && have_events) {
			t = strtok_r(line + 8, " \n", &save);
			for (int i = 0; t && i < n; i++, t = strtok_r(NULL, " \n", &save))
				if (order[i] >= 0)
					ev[order[i]] = strtoull(t, NULL, 10);
			return 0;
		}
	}
	return -1;
}

/* The dump's files of every thread. */
static void remove_dumps(unsigned long n)
{
	char pat[PATH_MAX];
	glob_t g;

	snprintf(pat, sizeof(pat), "%s/cg.%lu-*", getenv(OUT_ENV), n);
	if (glob(pat, 0, NULL, &g))
		return;
	for (size_t i = 0; i < g.gl_pathc; i++)
		unlink(g.gl_pathv[i]);
	globfree(&g);
}

int hc_valgrind_read(uint64_t *val)
{
	char path[PATH_MAX];
	uint64_t ev[NR_EVENTS], d[HC_VALGRIND_NR_METRICS];
	FILE *f;
	int ret;

	if (!pair_open) {
		CALLGRIND_ZERO_STATS;
		pair_open = 1;
		memcpy(val, totals, sizeof(totals));
		return 0;
	}
	CALLGRIND_DUMP_STATS;
	pair_open = 0;
	/* One file per thread and dump; the runner is valgrind's thread 1. */
	dumps++;
	snprintf(path, sizeof(path), "%s/cg.%lu-01", getenv(OUT_ENV), dumps);
	f = fopen(path, "r");
	if (!f)
		return hc_err("valgrind backend: no callgrind dump %s: %s", path, strerror(errno));
	ret = parse_dump(f, ev);
	fclose(f);
	remove_dumps(dumps);
	if (ret)
		return hc_err("valgrind backend: %s has no events/summary", path);
	d[0] = ev[IR];
	d[1] = ev[I1MR];
	d[2] = ev[DR] + ev[DW];
	d[3] = ev[D1MR] + ev[D1MW];
	d[4] = ev[I1MR] + ev[D1MR] + ev[D1MW];
	d[5] = ev[ILMR] + ev[DLMR] + ev[DLMW];
	d[6] = hc_est_cycles(d[0], d[2], d[4], d[5]);
	d[7] = ev[BC] + ev[BI];
	d[8] = ev[BCM] + ev[BIM];
	for (int m = 0; m < HC_VALGRIND_NR_METRICS; m++)
		totals[m] += d[m];
	memcpy(val, totals, sizeof(totals));
	return 0;
}

static int valgrind_read(struct hc_counters *c, struct hc_reading *r)
{
	r->time_enabled = r->time_running = 0;
	return hc_valgrind_read(r->val);
}

int hc_valgrind_setup(struct hc_counters *c)
{
	if (hc_valgrind_start())
		return -1;
	for (c->nr = 0; c->nr < HC_VALGRIND_NR_METRICS; c->nr++)
		c->names[c->nr] = strdup(hc_valgrind_metrics[c->nr]);
	return 0;
}

/* User mode only: valgrind runs this process and nothing of the kernel. */
const struct hc_backend_ops hc_valgrind_ops = {
	.name = "valgrind",
	.user_only = true,
	.read = valgrind_read,
};
