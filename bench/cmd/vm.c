// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost vm`: a real kernel's off / unused / bystander / active matrix, exactly. The
 * matrix (vm/vm_matrix.h) comes from a file (built-in ones in scripts/matrices/) or from the
 * command line; scripts/vm-kernel builds its kernels (content-hashed, cached); scripts/vm
 * boots each under qemu -icount shift=0,sleep=off, where the guest's TSC advances with
 * retired instructions, and the guest runs the system suite with the tsc backend and the
 * matrix's workloads. Every boot is done --runs times and must give identical counts.
 * Everything the user gave is checked before any build or boot.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "cmd/command.h"
#include "vm/vm.h"
#include "base/error.h"
#include "core/exact_modes.h"
#include "core/subprocess.h"
#include "base/file.h"

#define VM_MAX_CLI	16

/* What the command line says; turned into a matrix (file or generated INI text). */
struct vm_cli {
	const char *matrix, *name, *cases, *tree, *on_cmd, *off_cmd, *key, *functions;
	const char *kernel[VM_MAX_CLI], *patch[VM_MAX_CLI], *config[VM_MAX_CLI];
	const char *workload[VM_MAX_CLI];
	unsigned int nr_kernels, nr_patches, nr_configs, nr_workloads;
	bool merge, check, build;
};

static void vm_help(void)
{
	puts("usage: hookcost vm --matrix NAME|FILE [OPTIONS]\n"
	     "       hookcost vm --kernel off=IMAGE --kernel on=IMAGE [--on-cmd CMD] [OPTIONS]\n"
	     "       hookcost vm [--tree DIR] --patch FILE... [--config CONFIG_FOO]... [OPTIONS]\n"
	     "       hookcost vm --merge DIR... [-o DIR]\n"
	     "\n"
	     "Measures a real kernel's off/unused/bystander/active matrix exactly: boots kernels\n"
	     "in qemu with -icount shift=0,sleep=off (guest TSC ticks = retired instructions)\n"
	     "and runs the system suite and workloads there with the tsc backend. Kernels are\n"
	     "built from Debian's linux-source-6.1 (or --tree), tinyconfig plus\n"
	     "scripts/vm-kernel.config, and cached by content (scripts/vm-kernel). Every boot is\n"
	     "done --runs times and must give identical counts. Writes vm-NAME-matrix.{md,json},\n"
	     "the per-boot results and the kernel configs to the output directory.\n"
	     "\n"
	     "  --matrix NAME|FILE  a matrix file (format: scripts/matrices/README), or a\n"
	     "                      built-in one: memcg, rps, slab\n"
	     "  --kernel NAME=IMAGE a bzImage; the first is 'off', the second unused (and active\n"
	     "                      with --on-cmd)\n"
	     "  --tree DIR          kernel source for --patch/--config (default: linux-source-6.1)\n"
	     "  --patch FILE        patch for the 'on' kernel, patch -p1 (repeatable)\n"
	     "  --config OPTION     CONFIG_FOO[=VALUE] of the 'on' kernel (repeatable)\n"
	     "  --on-cmd CMD        guest shell command turning the feature on: the 'active' column\n"
	     "  --off-cmd CMD       guest shell command run before measuring 'unused'\n"
	     "  --workload 'NAME: CMD'  a guest command measured whole: ticks per run, and per op\n"
	     "                      if it prints a line ops=N (repeatable)\n"
	     "  --name NAME         the matrix's name in output files (default: custom)\n"
	     "                      (--on-cmd, --off-cmd, --workload, --name, --key and\n"
	     "                      --functions make a command-line matrix: not with --matrix\n"
	     "                      or --merge; their values are one line each)\n"
	     "  --key SYMBOL        the static key: its jump-label sites per kernel\n"
	     "  --functions 'F ...' functions on the measured path: their sizes per kernel\n"
	     "  -c, --case LIST     cases or suites to run in the guests (default: the matrix's,\n"
	     "                      or system)\n"
	     "  -n, --samples N     samples per variant (default 15)\n"
	     "  -w, --warmup N      discarded rounds (default 2)\n"
	     "      --runs N        times each boot is done, compared for identity (default 2)\n"
	     "  -j, --jobs N        boots side by side (default: the online CPUs)\n"
	     "      --cgroup V      v2 (default) or v1: the memory controller's hierarchy in\n"
	     "                      guests that switch memcg state; adds -v1 to the output names\n"
	     "      --hookcost BIN  static hookcost for the guest (default: build/hookcost-static)\n"
	     "      --timeout SEC   wall-clock limit of one boot (default 900)\n"
	     "      --check         check the matrix and the kernels' recipes; build nothing\n"
	     "      --build         check, then build the kernels (print where); boot nothing\n"
	     "      --merge DIR...  make the matrix from boot directories (each has a boot.json)\n"
	     "      --cache-model   also count with the hookcost qemu plugin (caches,\n"
	     "                      est_cycles; scripts/vm run --cache-model)\n"
	     "      --profile       also profile every boot per function with the qemu plugin\n"
	     "                      and add a 'where' table per row and delta: the functions\n"
	     "                      whose instructions per op changed, adding up to the cell\n"
	     "  -o, --output DIR    where the results go (default: data/ of the source tree)\n"
	     "  -h, --help          this text\n"
	     "\n"
	     "Needs the source tree (scripts/vm, scripts/vm-kernel), qemu-system-x86,\n"
	     "busybox-static and linux-source-6.1; HOOKCOST_SRC names the tree if hookcost is\n"
	     "not run from its build/ directory.");
}

static int push(const char *opt, const char **arr, unsigned int *nr, const char *v)
{
	if (*nr == VM_MAX_CLI)
		return hc_usage_err("%s: at most %d", opt, VM_MAX_CLI);
	arr[(*nr)++] = v;
	return 0;
}

/* The source tree: $HOOKCOST_SRC, else the parent of the binary's directory (build/..). */
static int find_top(struct vm_args *a)
{
	const char *env = getenv("HOOKCOST_SRC");
	char exe[PATH_MAX], probe[PATH_MAX + 32];
	ssize_t n;

	if (env) {
		snprintf(a->top, sizeof(a->top), "%s", env);
	} else {
		n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
		if (n < 0)
			return hc_err("cannot find the hookcost binary: %s", strerror(errno));
		exe[n] = '\0';
		snprintf(a->top, sizeof(a->top), "%s/..", dirname(exe));
	}
	snprintf(probe, sizeof(probe), "%s/scripts/vm-kernel", a->top);
	if (access(probe, X_OK))
		return hc_err("%s not found: hookcost vm needs its source tree; run build/hookcost "
			      "or set HOOKCOST_SRC", probe);
	/* Paths in messages and results read better without "build/..". */
	if (realpath(a->top, exe))
		snprintf(a->top, sizeof(a->top), "%s", exe);
	return 0;
}

/* What parse_args hands hc_getopt: the two structures options fill. */
struct vm_opts {
	struct vm_args *a;
	struct vm_cli *c;
};

/*
 * A value that goes into the command line's matrix is one line of it: a newline would start a
 * line of its own, a section even. A name is part of file names.
 */
static int check_value(int opt, const char *arg)
{
	static const char *const ini_opts[128] = {
		['K'] = "--kernel", ['D'] = "--tree", ['P'] = "--patch", ['C'] = "--config",
		['W'] = "--workload", ['O'] = "--on-cmd", ['F'] = "--off-cmd", ['N'] = "--name",
		['Y'] = "--key", ['Z'] = "--functions", ['c'] = "--case",
	};

	if (opt < 0 || opt >= 128 || !ini_opts[opt])
		return 0;
	if (strpbrk(arg, "\n\r"))
		return hc_usage_err("%s: one line expected, without a newline", ini_opts[opt]);
	if (opt == 'N' && (!*arg || arg[0] == '.' || strspn(arg, "abcdefghijklmnopqrstuvwxyz"
			   "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-.") != strlen(arg)))
		return hc_usage_err("--name '%s': letters, digits, '_', '-' and '.' (not first) "
				    "only", arg);
	return 0;
}

static int parse_opt(int opt, char *arg, void *ctx)
{
	struct vm_args *a = ((struct vm_opts *)ctx)->a;
	struct vm_cli *c = ((struct vm_opts *)ctx)->c;

	if (arg && check_value(opt, arg))
		return -1;
	switch (opt) {
	case 'M': c->matrix = arg; return 0;
	case 'K': return push("--kernel", c->kernel, &c->nr_kernels, arg);
	case 'D': c->tree = arg; return 0;
	case 'P': return push("--patch", c->patch, &c->nr_patches, arg);
	case 'C': return push("--config", c->config, &c->nr_configs, arg);
	case 'W': return push("--workload", c->workload, &c->nr_workloads, arg);
	case 'O': c->on_cmd = arg; return 0;
	case 'F': c->off_cmd = arg; return 0;
	case 'N': c->name = arg; return 0;
	case 'Y': c->key = arg; return 0;
	case 'Z': c->functions = arg; return 0;
	case 'c': c->cases = arg; return 0;
	case 'n': return hc_parse_uint("--samples", arg, 1, 100000, &a->samples);
	case 'w': return hc_parse_uint("--warmup", arg, 0, 1000, &a->warmup);
	case 'R': return hc_parse_uint("--runs", arg, 1, VM_MAX_RUNS, &a->runs);
	case 'j': return hc_parse_uint("--jobs", arg, 1, 64, &a->jobs);
	case 'B': a->guest_bin = arg; return 0;
	case 'T': return hc_parse_uint("--timeout", arg, 10, 86400, &a->timeout);
	case 'o': a->out_dir = arg; return 0;
	case 'X': c->check = true; return 0;
	case 'U': c->build = true; return 0;
	case 'm': c->merge = true; return 0;
	case 'Q': a->cache_model = true; return 0;
	case 'L': a->profile = true; return 0;
	case 'G':
		if (strcmp(arg, "v1") && strcmp(arg, "v2"))
			return hc_usage_err("--cgroup: '%s' is neither v1 nor v2", arg);
		a->v1 = !strcmp(arg, "v1");
		a->sfx = a->v1 ? "-v1" : "";
		return 0;
	}
	return hc_usage_err("unknown option (see 'hookcost vm --help')");
}

/* The first option only a command-line matrix uses, given with --matrix or --merge. */
static const char *cli_only(const struct vm_cli *c)
{
	if (!c->matrix && !c->merge)
		return NULL;
	return c->nr_workloads ? "--workload" : c->name ? "--name" : c->on_cmd ? "--on-cmd" :
	       c->off_cmd ? "--off-cmd" : c->key ? "--key" : c->functions ? "--functions" : NULL;
}

static int parse_args(int argc, char **argv, struct vm_args *a, struct vm_cli *c)
{
	static const struct option opts[] = {
		{ "matrix", required_argument, NULL, 'M' },
		{ "kernel", required_argument, NULL, 'K' },
		{ "tree", required_argument, NULL, 'D' },
		{ "patch", required_argument, NULL, 'P' },
		{ "config", required_argument, NULL, 'C' },
		{ "workload", required_argument, NULL, 'W' },
		{ "on-cmd", required_argument, NULL, 'O' },
		{ "off-cmd", required_argument, NULL, 'F' },
		{ "name", required_argument, NULL, 'N' },
		{ "key", required_argument, NULL, 'Y' },
		{ "functions", required_argument, NULL, 'Z' },
		{ "case", required_argument, NULL, 'c' },
		{ "samples", required_argument, NULL, 'n' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "runs", required_argument, NULL, 'R' },
		{ "jobs", required_argument, NULL, 'j' },
		{ "cgroup", required_argument, NULL, 'G' },
		{ "hookcost", required_argument, NULL, 'B' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "check", no_argument, NULL, 'X' },
		{ "build", no_argument, NULL, 'U' },
		{ "merge", no_argument, NULL, 'm' },
		{ "cache-model", no_argument, NULL, 'Q' },
		{ "profile", no_argument, NULL, 'L' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	struct vm_opts o = { a, c };
	int ret = hc_getopt(argc, argv, ":c:n:w:j:o:h", opts, parse_opt, vm_help, &o);

	if (ret)
		return ret;
	if (optind < argc && !c->merge)
		return hc_usage_err("unexpected argument '%s'", argv[optind]);
	if (c->merge && optind == argc)
		return hc_usage_err("--merge needs boot directories");
	if (c->merge + !!c->matrix + !!(c->nr_kernels || c->nr_patches || c->nr_configs ||
					 c->tree) > 1)
		return hc_usage_err("--matrix, --merge and --kernel/--patch/--config/--tree "
				    "exclude each other");
	if (cli_only(c))
		return hc_usage_err("%s describes a command-line matrix: not with %s", cli_only(c),
				    c->merge ? "--merge" : "--matrix");
	if (!c->merge && !c->matrix && !c->nr_kernels && !c->nr_patches && !c->nr_configs)
		return hc_usage_err("no matrix: --matrix, --kernel, --patch/--config or --merge "
				    "(see 'hookcost vm --help')");
	if (c->nr_kernels && (c->nr_patches || c->nr_configs || c->tree))
		return hc_usage_err("--kernel takes built images; --patch/--config/--tree build "
				    "them: use one or the other");
	if (c->nr_kernels == 1)
		return hc_usage_err("--kernel: give two, off=IMAGE and on=IMAGE");
	if (a->guest_bin && access(a->guest_bin, X_OK))
		return hc_usage_err("--hookcost: %s is not an executable", a->guest_bin);
	return 0;
}

/* Appends printf text to the INI buffer. */
static void ini(char *buf, size_t len, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void ini(char *buf, size_t len, const char *fmt, ...)
{
	size_t off = strlen(buf);
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(buf + off, len - off, fmt, ap);
	va_end(ap);
}

/*
 * The command line's matrix, as the INI text a file would hold: off is the first kernel (or
 * the tree without the patches and options), unused the second, switched by --off-cmd, and
 * active the second switched by --on-cmd.
 */
static int cli_matrix(struct vm_args *a, const struct vm_cli *c)
{
	char text[16384] = "", cwd[PATH_MAX];
	const char *on = c->nr_kernels ? strchr(c->kernel[1], '=') : NULL;

	if (!getcwd(cwd, sizeof(cwd)))
		return hc_err("getcwd: %s", strerror(errno));
	ini(text, sizeof(text), "[matrix]\ntitle = hookcost vm: %s\ncases = %s\n",
	    c->nr_kernels ? "two kernel images" : "a kernel with and without a change",
	    c->cases ? c->cases : "system");
	ini(text, sizeof(text), "column = off\ncolumn = unused\n%sdelta = unused - off\n%s",
	    c->on_cmd ? "column = active\n" : "", c->on_cmd ? "delta = active - unused\n" : "");
	for (unsigned int i = 0; i < c->nr_workloads; i++)
		ini(text, sizeof(text), "workload = %s\n", c->workload[i]);
	if (c->key)
		ini(text, sizeof(text), "key = %s\n", c->key);
	if (c->functions)
		ini(text, sizeof(text), "functions = %s\n", c->functions);
	for (unsigned int i = 0; i < c->nr_kernels; i++) {
		const char *eq = strchr(c->kernel[i], '=');

		if (!eq || eq == c->kernel[i] || i > 1)
			return hc_usage_err("--kernel: expected off=IMAGE then on=IMAGE, not '%s'",
					    c->kernel[i]);
		ini(text, sizeof(text), "[kernel %.*s]\nimage = %s\n", (int)(eq - c->kernel[i]),
		    c->kernel[i], eq + 1);
	}
	if (!c->nr_kernels) {
		for (unsigned int k = 0; k < 2; k++) {
			ini(text, sizeof(text), "[kernel %s]\n", k ? "on" : "off");
			if (c->tree)
				ini(text, sizeof(text), "tree = %s\n", c->tree);
			for (unsigned int i = 0; k && i < c->nr_patches; i++)
				ini(text, sizeof(text), "patch = %s\n", c->patch[i]);
			for (unsigned int i = 0; k && i < c->nr_configs; i++)
				ini(text, sizeof(text), "config = %s\n", c->config[i]);
		}
	}
	ini(text, sizeof(text), "[boot off]\nkernel = %.*s\nmeasure = auto:off\n",
	    c->nr_kernels ? (int)(strchr(c->kernel[0], '=') - c->kernel[0]) : 3,
	    c->nr_kernels ? c->kernel[0] : "off");
	for (unsigned int k = 0; k < (c->on_cmd ? 2u : 1u); k++) {
		const char *cmd = k ? c->on_cmd : c->off_cmd;

		ini(text, sizeof(text), "[boot %s]\nkernel = %.*s\nmeasure = auto:%s\n",
		    k ? "active" : "unused", on ? (int)(on - c->kernel[1]) : 2,
		    on ? c->kernel[1] : "on", k ? "active" : "unused");
		if (cmd)
			ini(text, sizeof(text), "setup = %s\n", cmd);
	}
	if (strlen(text) + 1 >= sizeof(text))
		return hc_usage_err("the command line's matrix is too long");
	a->m.name = c->name ? c->name : "custom";
	return vm_matrix_parse(&a->m, text, "the command line", cwd);
}

static int load_matrix(struct vm_args *a, const struct vm_cli *c)
{
	char path[PATH_MAX + 64];

	if (!c->matrix)
		return cli_matrix(a, c);
	if (strchr(c->matrix, '/') || strstr(c->matrix, ".matrix")) {
		snprintf(path, sizeof(path), "%s", c->matrix);
	} else {
		snprintf(path, sizeof(path), "%s/scripts/matrices/%s.matrix", a->top, c->matrix);
		if (access(path, R_OK))
			return hc_usage_err("--matrix: no built-in matrix '%s' (see "
					    "scripts/matrices/)", c->matrix);
	}
	if (vm_matrix_load(&a->m, path))
		return -1;
	if (c->cases)
		a->m.cases = c->cases;
	return 0;
}

/*
 * Runs scripts/vm-kernel for kernel k (--check: only checks the recipe) and keeps the
 * directory it prints. Its exit status 2 is a usage error.
 */
static int kernel(struct vm_args *a, struct vm_kernel *k, bool check)
{
	char cmd[16384], line[PATH_MAX + 32];
	FILE *p;
	int st;

	if (k->image) {
		struct stat st;

		if (access(k->image, R_OK))
			return hc_usage_err("kernel %s: no readable image %s", k->name, k->image);
		if (stat(k->image, &st) || !S_ISREG(st.st_mode))
			return hc_usage_err("kernel %s: %s is not a file (a bzImage)", k->name,
					    k->image);
		return 0;
	}
	cmd[0] = '\0';
	hc_shell_word(cmd, sizeof(cmd), "nice");
	snprintf(line, sizeof(line), "%s/scripts/vm-kernel", a->top);
	hc_shell_word(cmd, sizeof(cmd), line);
	if (check)
		hc_shell_word(cmd, sizeof(cmd), "--check");
	if (k->tree || k->tarball) {
		hc_shell_word(cmd, sizeof(cmd), k->tree ? "--tree" : "--tarball");
		hc_shell_word(cmd, sizeof(cmd), k->tree ? k->tree : k->tarball);
	}
	for (unsigned int i = 0; i < k->nr_patches; i++) {
		hc_shell_word(cmd, sizeof(cmd), "--patch");
		hc_shell_word(cmd, sizeof(cmd), k->patch[i]);
	}
	for (unsigned int i = 0; i < k->nr_fragments; i++) {
		hc_shell_word(cmd, sizeof(cmd), "--fragment");
		hc_shell_word(cmd, sizeof(cmd), k->fragment[i]);
	}
	for (unsigned int i = 0; i < k->nr_options; i++) {
		hc_shell_word(cmd, sizeof(cmd), "--config");
		hc_shell_word(cmd, sizeof(cmd), k->option[i]);
	}
	/* A check's one line of complaint goes into the error; a build's progress is shown. */
	if (check)
		snprintf(cmd + strlen(cmd), sizeof(cmd) - strlen(cmd), " 2>&1");
	fflush(NULL);
	p = popen(cmd, "re");
	if (!p)
		return hc_err("cannot run scripts/vm-kernel: %s", strerror(errno));
	line[0] = '\0';
	while (fgets(line, sizeof(line), p))
		line[strcspn(line, "\n")] = '\0';
	st = pclose(p);
	st = WIFEXITED(st) ? WEXITSTATUS(st) : 128;
	if (st == HC_EXIT_USAGE)
		return hc_usage_err("kernel %s: %s", k->name, line);
	if (st || !*line)
		return hc_err("kernel %s: scripts/vm-kernel failed (status %d)", k->name, st);
	snprintf(k->dir, sizeof(k->dir), "%s", line);
	return 0;
}

/*
 * The guest binary, frozen for the whole matrix and handed to scripts/vm as VM_HOOKCOST:
 * otherwise scripts/vm rebuilds build/hookcost-static before every boot, and a source edited
 * meanwhile would change the guest between runs.
 */
static int freeze_guest_bin(struct vm_args *a)
{
	char from[PATH_MAX + 32], path[PATH_MAX * 2];
	char *argv[] = { "/usr/bin/env", "make", "-s", "-C", a->top, "build/hookcost-static",
			 NULL };
	int st;

	if (!a->guest_bin) {
		st = hc_spawn(argv);
		if (st)
			return st < 0 ? -1 : hc_err("building build/hookcost-static failed "
						    "(status %d)", st);
		snprintf(from, sizeof(from), "%s/build/hookcost-static", a->top);
		a->guest_bin = from;
	}
	snprintf(path, sizeof(path), "%s/hookcost-guest", a->work);
	if (hc_copy_file(a->guest_bin, path))
		return -1;
	if (chmod(path, 0755))
		return hc_err("chmod %s: %s", path, strerror(errno));
	a->guest_bin = NULL;
	return setenv("VM_HOOKCOST", path, 1) ? hc_err("setenv: %s", strerror(errno)) : 0;
}

/*
 * Checks every kernel (nothing built; --check stops there), then builds them (--build stops
 * there), then boots and reports.
 */
static int run_matrix(struct vm_args *a, const struct vm_cli *c)
{
	bool check = c->check;

	char *dirs[VM_MAX_BOOTS * VM_MAX_RUNS] = { 0 };
	unsigned int nr = 0;
	double wall = 0;
	int ret = 0;

	for (unsigned int k = 0; k < a->m.nr_kernels; k++) {
		const struct vm_kernel *kn = &a->m.kernel[k];
		char image[PATH_MAX + 16];

		if (kernel(a, &a->m.kernel[k], true))
			return -1;
		snprintf(image, sizeof(image), "%s/bzImage", kn->dir);
		if (check)
			printf("kernel %s: %s (%s)\n", kn->name, kn->image ? kn->image : kn->dir,
			       kn->image || !access(image, R_OK) ? "ready" : "to build");
	}
	if (check)
		return 0;
	for (unsigned int k = 0; k < a->m.nr_kernels; k++) {
		if (kernel(a, &a->m.kernel[k], false))
			return -1;
		if (c->build)
			printf("kernel %s: %s\n", a->m.kernel[k].name, a->m.kernel[k].image ?
			       a->m.kernel[k].image : a->m.kernel[k].dir);
	}
	if (c->build)
		return 0;
	snprintf(a->work, sizeof(a->work), "%s/build/vm-matrix/%s%s", a->top, a->m.name, a->sfx);
	if (hc_mkdirs(a->work, NULL, 0) || freeze_guest_bin(a) || vm_boot_all(a, &wall))
		return -1;
	for (unsigned int run = 0; run < a->runs && !ret; run++) {
		for (unsigned int b = 0; b < a->m.nr_boots && !ret; b++) {
			dirs[nr] = malloc(PATH_MAX * 2);
			if (!dirs[nr])
				ret = hc_err("out of memory");
			else
				vm_boot_dir(a, run, b, dirs[nr++], PATH_MAX * 2);
		}
	}
	if (!ret)
		ret = vm_report(a, dirs, nr, wall);
	for (unsigned int i = 0; i < nr; i++)
		free(dirs[i]);
	return ret;
}

/* --cache-model and --profile are refused before any kernel is built without the plugin. */
static int cache_model_ready(const struct vm_args *a)
{
	char build[PATH_MAX + 8], why[256];
	const char *missing;

	if (!a->cache_model && !a->profile)
		return 0;
	snprintf(build, sizeof(build), "%s/build", a->top);
	missing = hc_qemu_plugin_missing(build, why, sizeof(why));
	if (missing)
		return hc_usage_err("%s unavailable: %s", a->cache_model ? "--cache-model" :
				    "--profile", missing);
	return 0;
}

static int vm_main(int argc, char **argv)
{
	struct vm_args a = { .samples = 15, .warmup = 2, .runs = 2, .timeout = 900, .sfx = "" };
	struct vm_cli c = { 0 };
	char data_dir[PATH_MAX + 8];
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int ret;

	a.jobs = cpus > 0 ? cpus : 1;
	snprintf(a.cmdline, sizeof(a.cmdline), "hookcost");
	for (int i = 0; i < argc; i++)
		hc_shell_word(a.cmdline, sizeof(a.cmdline), argv[i]);
	ret = parse_args(argc, argv, &a, &c);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	/* Everything the boots would find wrong only after minutes, checked first. */
	if ((c.cases && hc_check_cases("--case", c.cases)) ||
	    (a.out_dir && hc_check_dir("-o", a.out_dir, PATH_MAX - 64)) ||
	    (a.guest_bin && hc_check_program("--hookcost", a.guest_bin)))
		return -1;
	if (find_top(&a) || cache_model_ready(&a))
		return -1;
	snprintf(data_dir, sizeof(data_dir), "%s/data", a.top);
	if (!a.out_dir)
		a.out_dir = data_dir;
	if (c.merge) {
		a.runs = 0;
		ret = vm_report(&a, argv + optind, argc - optind, NAN);
	} else {
		ret = load_matrix(&a, &c) || run_matrix(&a, &c);
	}
	vm_matrix_free(&a.m);
	return ret ? -1 : HC_EXIT_OK;
}

HC_COMMAND(vm_cmd) = {
	.name = "vm", .summary = "a real kernel's off/unused/bystander/active matrix in qemu",
	.main = vm_main, .order = 6,
};
