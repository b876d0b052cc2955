// SPDX-License-Identifier: GPL-2.0
/*
 * hookcost run: plan, probe, pin, count, write. Everything that can be wrong with the command
 * line is checked before the first sample and before any file is created, so a usage error
 * (exit 2) never leaves a file behind. Results are rewritten atomically after every finished
 * case, so an interrupted run leaves a valid file with "complete": false, or none when no case
 * had finished.
 */
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include "analysis/analysis.h"
#include "analysis/stats.h"
#include "cmd/cli.h"
#include "cmd/command.h"
#include "core/counters.h"
#include "core/counters_valgrind.h"
#include "core/env.h"
#include "base/error.h"
#include "output/output.h"
#include "core/pin.h"
#include "core/runner.h"
#include "suites/system.h"

struct run_args {
	struct hc_plan_spec spec;
	struct hc_run_opts opts;
	enum hc_backend backend;
	const char *fake_spec;	/* --backend fake:SPEC */
	const char *events;
	bool only_events;
	const char *json_path;
	char *csv_path;
	bool force;
	int cpu;
	struct hc_analysis_opts ao;
	bool quiet;
	const char *on_cmd, *off_cmd;
	const char *cache_geometry;
	char cases[1024];
};

static void run_help(void)
{
	printf(		"usage: hookcost run [OPTIONS]\n\n"
		"Measures the selected cases in every gate and configuration and prints a\n"
		"perf-stat-like table; with -o also writes the JSON summary and raw CSV samples.\n\n"
		"selection:\n"
		"  -c, --case LIST       cases or suites, comma separated (default: calib);\n"
		"                        'hookcost list' shows them\n"
		"  -s, --suite LIST      same as --case (suites: calib, user, kernel, system)\n"
		"  -g, --gate LIST       only these gates (static, branch, indirect, field)\n"
		"  -C, --config LIST     only these configurations (off, unused, bystander, active)\n"
		"  -p, --param N=V,...   sweep parameter N over these values (repeatable)\n"
		"method:\n"
		"  -n, --samples N       samples kept per variant (default 31; < 9 warns)\n"
		"  -w, --warmup N        discarded warm-up rounds (default 2)\n"
		"  -t, --min-time SEC    shortest sample (default 0.0025); longer if counter reads\n"
		"                        are slow, so they stay < 0.1 %% of a sample\n"
		"      --cpu N           run on PU N (default: idlest core that is not PU 0's)\n"
		"  -b, --backend NAME    auto (default), perf, tsc or clock; valgrind (callgrind's\n"
		"                        cache and branch models; calib and user suites); fake:SPEC\n"
		"                        is a test backend of synthetic counts (counters_fake.c)\n"
		"      --cache-geometry G  valgrind's caches (default l1i=32K:8,l1d=32K:8,\n"
		"                        ll=2M:16,line=64), as scripts/vm run --cache-geometry\n"
		"  -e, --events LIST     extra perf events (e.g. cache-misses,r00c0)\n"
		"  -E, --only-events LIST  count these perf events instead of the default\n"
		"                        group (e.g. task-clock,page-faults without a PMU)\n"
		"      --seed N          shuffling seed (default 1)\n"
		"  -a, --alpha A         family-wise level of the verdicts; each of a family's m\n"
		"                        comparisons has its interval at 1 - A/m (default 0.05)\n"
		"      --margin [METRIC=]M  equivalence margin per op: absolute (0.5) or relative\n"
		"                        to the base's median (1%%, the default); repeatable\n"
		"system suite:\n"
		"      --on-cmd CMD      switch a key-guarded feature on with this shell command:\n"
		"                        'active' runs after it, 'unused' after --off-cmd\n"
		"      --off-cmd CMD     switch it off again (also run once at the end)\n"
		"output:\n"
		"  -o, --output FILE     JSON summary; raw samples go to FILE with .csv\n"
		"      --force           overwrite existing output files\n"
		"  -q, --quiet           no progress line and no table\n"
		"  -h, --help            this text\n");
}

static int append_cases(struct run_args *a, const char *list)
{
	size_t n = strlen(a->cases);

	if (n + strlen(list) + 2 > sizeof(a->cases))
		return hc_usage_err("--case: list too long");
	snprintf(a->cases + n, sizeof(a->cases) - n, "%s%s", n ? "," : "", list);
	return 0;
}

/*
 * FILE.lock, held for the whole run: a second run onto the same -o is refused rather than
 * replace the first one's results case by case. The lock dies with the process; the file is
 * removed at the end (after a SIGKILL the next run takes it over).
 */
/*
 * Whether fd, locked, is still the file named path: a run that finished removes the name
 * before it closes, so a lock taken on what was opened just before that guards a removed
 * file, and the next run creates and locks a new one. Then the open is tried again.
 */
static bool still_named(int fd, const char *path)
{
	struct stat held, named;

	return !fstat(fd, &held) && !lstat(path, &named) && held.st_dev == named.st_dev &&
	       held.st_ino == named.st_ino;
}

static int lock_output(const char *json_path, char **lock_path)
{
	int fd, tries;

	if (asprintf(lock_path, "%s.lock", json_path) < 0) {
		*lock_path = NULL;
		return hc_err("out of memory");
	}
	for (tries = 0; tries < 100; tries++) {
		/* Never through a link planted at the name: it would create or lock what it names. */
		fd = open(*lock_path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0644);
		if (fd < 0) {
			hc_usage_err("cannot create %s: %s", *lock_path, strerror(errno));
			break;
		}
		if (flock(fd, LOCK_EX | LOCK_NB)) {
			close(fd);
			hc_usage_err("%s: another hookcost run is writing it", json_path);
			break;
		}
		if (still_named(fd, *lock_path))
			return fd;
		close(fd);
	}
	if (tries == 100)
		hc_usage_err("%s: its lock file keeps being replaced", json_path);
	/* Not ours: left as it is. */
	free(*lock_path);
	*lock_path = NULL;
	return -1;
}

static void unlock_output(int fd, char *lock_path)
{
	if (lock_path)
		unlink(lock_path);
	if (fd >= 0)
		close(fd);
	free(lock_path);
}

/* A parameter once: "-p size=64 -p size=128" would silently keep one of them. */
static int add_param(struct run_args *a, const char *p)
{
	size_t n = strcspn(p, "=");
	char opt[96];

	snprintf(opt, sizeof(opt), "--param %.*s", (int)(n < 64 ? n : 64), p);
	if (p[n] && hc_check_list(opt, p + n + 1))
		return -1;
	for (unsigned int i = 0; i < a->spec.nr_params; i++)
		if (!strncmp(a->spec.params[i], p, n) && a->spec.params[i][n] == p[n] && p[n])
			return hc_usage_err("--param %.*s given twice: give its values as one "
					    "list (%.*s=V1,V2)", (int)n, p, (int)n, p);
	if (a->spec.nr_params == HC_MAX_PARAMS)
		return hc_usage_err("--param: at most %d", HC_MAX_PARAMS);
	a->spec.params[a->spec.nr_params++] = p;
	return 0;
}

/* A filter once, as one list: a second one would silently replace the first. */
static int set_list(const char *opt, const char **dst, const char *list)
{
	if (*dst)
		return hc_usage_err("give %s once, as one comma list", opt);
	*dst = list;
	return hc_check_list(opt, list);
}

/* The options of the method (the context's "method" object); 1 if opt is none of them. */
static int method_option(int opt, char *arg, struct run_args *a)
{
	unsigned long v;

	switch (opt) {
	case 'n':
		if (hc_parse_ulong("--samples", arg, 1, 100000, &v))
			return -1;
		a->opts.samples = v;
		return 0;
	case 'w':
		if (hc_parse_ulong("--warmup", arg, 0, 1000, &v))
			return -1;
		a->opts.warmup = v;
		return 0;
	case 't':
		return hc_parse_double("--min-time", arg, 1e-6, 60, &a->opts.min_time) ? -1 : 0;
	case 'S':
		/* The seed is recorded as a JSON integer, which is signed 64-bit. */
		if (hc_parse_ulong("--seed", arg, 0, INT64_MAX, &v))
			return -1;
		a->opts.seed = v;
		return 0;
	case 'a':
		return hc_parse_double("--alpha", arg, HC_ALPHA_MIN, HC_ALPHA_MAX,
				       &a->ao.alpha) ? -1 : 0;
	case 'M':
		return hc_analysis_margin_arg(&a->ao, arg) ? -1 : 0;
	}
	return 1;
}

static int run_option(int opt, char *arg, void *ctx)
{
	struct run_args *a = ctx;
	unsigned long v;
	int ret = method_option(opt, arg, a);

	if (ret <= 0)
		return ret;
	switch (opt) {
	case 'c':
	case 's':
		if (hc_check_list(opt == 'c' ? "--case" : "--suite", arg) ||
		    append_cases(a, arg))
			return -1;
		break;
	case 'g':
		if (set_list("--gate", &a->spec.gates, arg))
			return -1;
		break;
	case 'C':
		if (set_list("--config", &a->spec.configs, arg))
			return -1;
		break;
	case 'p':
		if (add_param(a, arg))
			return -1;
		break;
	case 'P':
		if (hc_parse_ulong("--cpu", arg, 0, INT_MAX, &v))
			return -1;
		a->cpu = v;
		break;
	case 'b':
		if (hc_backend_parse(arg, &a->backend, &a->fake_spec))
			return -1;
		break;
	case 'E':
		a->only_events = true;
		/* fall through */
	case 'e':
		if (set_list("-e/-E", &a->events, arg))
			return -1;
		break;
	case 'o':
		a->json_path = arg;
		break;
	case 'f':
		a->force = true;
		break;
	case 'q':
		a->quiet = true;
		break;
	case 'O':
		a->on_cmd = arg;
		break;
	case 'F':
		a->off_cmd = arg;
		break;
	case 'G':
		a->cache_geometry = arg;
		return hc_valgrind_set_geometry(arg);
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct run_args *a)
{
	static const struct option longopts[] = {
		{ "case", required_argument, NULL, 'c' },
		{ "suite", required_argument, NULL, 's' },
		{ "gate", required_argument, NULL, 'g' },
		{ "config", required_argument, NULL, 'C' },
		{ "param", required_argument, NULL, 'p' },
		{ "samples", required_argument, NULL, 'n' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "min-time", required_argument, NULL, 't' },
		{ "cpu", required_argument, NULL, 'P' },
		{ "backend", required_argument, NULL, 'b' },
		{ "events", required_argument, NULL, 'e' },
		{ "only-events", required_argument, NULL, 'E' },
		{ "seed", required_argument, NULL, 'S' },
		{ "alpha", required_argument, NULL, 'a' },
		{ "margin", required_argument, NULL, 'M' },
		{ "output", required_argument, NULL, 'o' },
		{ "force", no_argument, NULL, 'f' },
		{ "quiet", no_argument, NULL, 'q' },
		{ "on-cmd", required_argument, NULL, 'O' },
		{ "off-cmd", required_argument, NULL, 'F' },
		{ "cache-geometry", required_argument, NULL, 'G' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ret = hc_getopt(argc, argv, ":c:s:g:C:p:n:w:t:b:e:E:o:a:qh", longopts, run_option,
			    run_help, a);

	if (ret)
		return ret;
	if (optind < argc)
		return hc_usage_err("unexpected argument '%s' (see 'hookcost run --help')",
				    argv[optind]);
	if (a->cases[0])
		a->spec.cases = a->cases;
	if (a->cache_geometry && a->backend != HC_BACKEND_VALGRIND)
		return hc_usage_err("--cache-geometry needs --backend valgrind (in qemu: scripts/vm "
				    "run --cache-geometry)");
	return hc_system_set_switch_cmds(a->on_cmd, a->off_cmd);
}

/* FILE.json -> FILE.csv; any other name gets .csv appended. */
static char *csv_path_for(const char *json)
{
	size_t n = strlen(json);
	char *p = malloc(n + 5);

	if (!p)
		return NULL;
	if (n > 5 && !strcmp(json + n - 5, ".json"))
		n -= 5;
	memcpy(p, json, n);
	strcpy(p + n, ".csv");
	return p;
}

static json_t *command_line(int argc, char **argv)
{
	json_t *a = json_array();

	json_array_append_new(a, json_string("hookcost"));
	for (int i = 0; i < argc; i++)
		json_array_append_new(a, json_string(argv[i]));
	return a;
}

/* {"default": "1%", "instructions": "0.5"}: the margins as given. */
static json_t *margin_json(const struct hc_analysis_opts *o)
{
	json_t *m = json_object();
	char buf[32];

	hc_margin_format(&o->margin, buf, sizeof(buf));
	json_object_set_new(m, "default", json_string(buf));
	for (unsigned int i = 0; i < o->nr_per_metric; i++) {
		hc_margin_format(&o->per_metric[i].m, buf, sizeof(buf));
		json_object_set_new(m, o->per_metric[i].metric, json_string(buf));
	}
	return m;
}

static void fill_context(json_t *ctx, const struct run_args *a, struct hc_counters *ctr,
			 const struct hc_pin_info *pin)
{
	json_t *p = json_object(), *m = json_object();
	const char *why = hc_counters_fallback_reason(ctr);
	char gov[64];

	json_object_set_new(ctx, "backend", json_string(hc_backend_name(
		hc_counters_backend(ctr))));
	json_object_set_new(ctx, "backend_requested", json_string(hc_backend_name(a->backend)));
	json_object_set_new(ctx, "backend_fallback", why ? json_string(why) : json_null());
	if (hc_counters_backend(ctr) == HC_BACKEND_VALGRIND)
		json_object_set_new(ctx, "cache_model", json_pack("{s:s, s:s}", "backend", "valgrind",
								  "geometry", hc_valgrind_geometry()));
	json_object_set_new(p, "pu", json_integer(pin->pu));
	json_object_set_new(p, "core", json_integer(pin->core));
	json_object_set_new(p, "numa_node", json_integer(pin->numa_node));
	json_object_set_new(p, "smt_siblings", json_integer(pin->smt_siblings));
	json_object_set_new(p, "memory_bound", json_boolean(pin->mem_bound));
	json_object_set_new(p, "cpuset", json_string(pin->allowed));
	json_object_set_new(p, "chosen", json_string(pin->how));
	/* The measured PU's own governor: the probe's is PU 0's, which the run avoids. */
	json_object_set_new(p, "governor", json_string(hc_env_governor(pin->pu, gov,
									 sizeof(gov))));
	json_object_set_new(ctx, "pin", p);
	json_object_set_new(m, "samples", json_integer(a->opts.samples));
	json_object_set_new(m, "warmup_rounds", json_integer(a->opts.warmup));
	json_object_set_new(m, "min_time", json_real(a->opts.min_time));
	json_object_set_new(m, "seed", json_integer(a->opts.seed));
	json_object_set_new(m, "alpha", json_real(a->ao.alpha));
	json_object_set_new(m, "margin", margin_json(&a->ao));
	json_object_set_new(ctx, "method", m);
}

static void set_warnings(json_t *ctx)
{
	json_t *w = json_array();

	for (unsigned int i = 0; i < hc_warn_count(); i++)
		json_array_append_new(w, json_string(hc_warn_get(i)));
	json_object_set_new(ctx, "warnings", w);
}

/* After every finished case and at the end: the analysis stage, then the files. */
static int write_outputs(struct hc_run *run, void *arg)
{
	const struct run_args *a = arg;
	json_t *sys = hc_system_context();

	if (sys)
		json_object_set_new(run->context, "system", sys);
	if (hc_analyze_run(run, &a->ao))
		return -1;
	if (!a->json_path)
		return 0;
	set_warnings(run->context);
	if (hc_writer_file(&hc_writer_csv, run, a->csv_path) ||
	    hc_writer_file(&hc_writer_json, run, a->json_path))
		return -1;
	return 0;
}

/* The signal's number, so the exit status can say which one stopped the run. */
static void on_signal(int sig)
{
	hc_runner_stop = sig;
}

/*
 * Valgrind sees this process only: a kernel or system case would count the syscall alone.
 * Then the run goes on under callgrind (the parent waits), which takes the output's lock.
 */
static int valgrind_start(const struct hc_plan *plan)
{
	for (unsigned int i = 0; i < plan->nr; i++) {
		const char *suite = plan->v[i].c->suite;

		if (strcmp(suite, "calib") && strcmp(suite, "user"))
			return hc_usage_err("--backend valgrind counts user space only: %s is in "
					    "the %s suite (use scripts/vm run --cache-model)",
					    plan->v[i].c->name, suite);
	}
	return hc_valgrind_start();
}

/* -o FILE: the CSV's name beside it, and both checked before anything is measured. */
static int check_outputs(struct run_args *a)
{
	if (!a->json_path)
		return 0;
	a->csv_path = csv_path_for(a->json_path);
	if (!a->csv_path)
		return hc_err("out of memory");
	if (hc_check_output("-o", a->json_path, a->force) ||
	    hc_check_output("-o", a->csv_path, a->force))
		return -1;
	return 0;
}

/* What the run should be warned about before it starts, kept with its results. */
static void warn_at_start(const struct run_args *a, struct hc_counters *ctr)
{
	unsigned int swept = hc_system_sweep_shm();

	if (swept)
		hc_warn("removed %u /dev/shm directories left by hookcost runs that were killed",
			swept);
	/* Under the output's lock: what a killed writer left of FILE.tmp.PID. */
	swept = a->json_path ? hc_sweep_tmp(a->json_path) + hc_sweep_tmp(a->csv_path) : 0;
	if (swept)
		hc_warn("removed %u temporary files beside %s left by hookcost runs that were "
			"killed", swept, a->json_path);
	if (a->opts.samples < HC_MIN_SAMPLES_ADVISED)
		hc_warn("%u samples per variant: fewer than %d makes the CI and p-values weak",
			a->opts.samples, HC_MIN_SAMPLES_ADVISED);
	if (hc_counters_fallback_reason(ctr))
		hc_warn("backend %s: %s", hc_backend_name(hc_counters_backend(ctr)),
			hc_counters_fallback_reason(ctr));
}

static void init_context(json_t *ctx, int argc, char **argv, const struct run_args *a,
			 struct hc_counters *ctr, const struct hc_pin_info *pin)
{
	json_t *advice;
	size_t i;

	/* What hookcost env would advise is a warning of the run, kept with its results. */
	json_array_foreach(json_object_get(ctx, "advice"), i, advice)
		hc_warn("%s", json_string_value(advice));
	json_object_set_new(ctx, "command", command_line(argc, argv));
	fill_context(ctx, a, ctr, pin);
}

/* What the run says when a signal stopped it after nr finished cases; its exit status. */
static int interrupted(const struct run_args *a, unsigned int nr)
{
	fprintf(stderr, "hookcost run: interrupted; %s\n",
		!nr ? (a->json_path ? "no case finished, so no result file was written" :
		       "no case finished") :
		a->json_path ? "the result file holds the finished cases" :
		a->quiet ? "no -o given, so nothing was kept" :
		"the table above holds the finished cases");
	return 128 + hc_runner_stop;
}

/* Measures the plan and keeps what finished: 0, -1, or 128 + the signal that stopped it. */
static int measure(struct run_args *a, const struct hc_plan *plan, struct hc_counters *ctr,
		   const struct hc_pin_info *pin, int argc, char **argv)
{
	struct hc_run run;
	unsigned int nr;
	bool complete;
	int ret;

	hc_analysis_check_n(plan->v, plan->nr, hc_counters_nr(ctr), a->opts.samples, a->ao.alpha);
	hc_run_init(&run);
	run.context = hc_env_probe();
	init_context(run.context, argc, argv, a, ctr, pin);
	a->opts.progress = !a->quiet && isatty(STDERR_FILENO);
	ret = hc_runner_run(plan, &a->opts, ctr, &run, write_outputs, a);
	/*
	 * The finished cases are kept after an interrupt and after a case that failed; with none
	 * there is no file (compare and report refuse a result without results).
	 */
	if ((run.nr_results || run.complete) && write_outputs(&run, a) && !ret)
		ret = -1;
	if (!a->quiet)
		hc_writer_table.write(stdout, &run);
	complete = run.complete;
	nr = run.nr_results;
	hc_run_free(&run);
	if (hc_runner_stop && !complete)
		return interrupted(a, nr);
	return ret ? -1 : HC_EXIT_OK;
}

static int run_main(int argc, char **argv)
{
	struct run_args a = {
		.opts = HC_RUN_OPTS_DEFAULT, .backend = HC_BACKEND_AUTO, .cpu = -1,
		.ao = HC_ANALYSIS_OPTS_DEFAULT,
	};
	struct sigaction sa = { .sa_handler = on_signal };
	struct hc_counters *ctr = NULL;
	struct hc_pin_info pin;
	struct hc_plan plan;
	char *lock_path = NULL;
	int lock_fd = -1;
	int ret;

	/* Caught from the start: a signal must not end the run before it removes FILE.lock. */
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	if (check_outputs(&a) || hc_plan_build(&a.spec, &plan)) {
		free(a.csv_path);
		return -1;
	}
	ret = -1;
	if (a.fake_spec && a.events) {
		hc_usage_err("-e needs the perf backend (backend is fake)");
		goto out;
	}
	if (hc_runner_stop) {
		ret = interrupted(&a, 0);
		goto out;
	}
	if (a.backend == HC_BACKEND_VALGRIND && valgrind_start(&plan))
		goto out;
	if (a.json_path) {
		lock_fd = lock_output(a.json_path, &lock_path);
		if (lock_fd < 0)
			goto out;
	}
	ctr = a.fake_spec ? hc_counters_new_fake(a.fake_spec) :
			    hc_counters_new(a.backend, a.events, a.only_events);
	if (!ctr || hc_pin_self(a.cpu, &pin) || hc_counters_open(ctr))
		goto out;
	warn_at_start(&a, ctr);
	ret = measure(&a, &plan, ctr, &pin, argc, argv);
out:
	hc_counters_free(ctr);
	hc_plan_free(&plan);
	unlock_output(lock_fd, lock_path);
	free(a.csv_path);
	return ret;
}

HC_COMMAND(run_cmd) = {
	.name = "run", .summary = "measure cases and write the table, JSON and CSV",
	.main = run_main, .order = 2,
};
