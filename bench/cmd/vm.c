// SPDX-License-Identifier: GPL-2.0
/*
 * `hookcost vm --matrix memcg`: the real kernel's off / unused / bystander / active matrix.
 * scripts/vm-kernels builds two minimal kernels from one source and one fragment, with
 * CONFIG_MEMCG=n and =y; scripts/vm boots them under qemu -icount shift=0,sleep=off, where the
 * guest's TSC advances with retired instructions, and the guest runs the system suite with the
 * tsc backend. Three boots (vm_boots[]) make the columns: `off` in the first kernel; `unused`
 * in a fresh second kernel, where no memory cgroup ever existed, so both memcg keys are off;
 * then `unused`, `bystander` and `active` in another boot of it, where the first cgroup has
 * turned the one-way kernel-memory key on for good: its `unused` column shows what that key
 * alone costs. Every boot is done --runs times, and the counts must be identical sample by
 * sample.
 */
#include <errno.h>
#include <getopt.h>
#include <libgen.h>
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cmd/cli.h"
#include "cmd/command.h"
#include "report/doc.h"
#include "core/error.h"
#include "core/exact_modes.h"
#include "output/output.h"
#include "output/result_load.h"
#include "core/subprocess.h"

#define VM_METRIC	"tsc"
#define VM_MAX_RUNS	5
#define VM_MAX_ROWS	64
struct vm_args {
	const char *matrix;
	const char *cases;
	const char *guest_bin;		/* a static hookcost for the guest (--hookcost) */
	const char *out_dir;
	unsigned int runs, samples, warmup, timeout;
	bool v1;			/* --cgroup v1 in the MEMCG=y guests */
	bool cache_model;		/* --cache-model: the qemu plugin counts too */
	const char *sfx;		/* "-v1" in file names for v1, else "" */
	char top[PATH_MAX];		/* the source tree: scripts/, build/ */
};

enum vm_col {
	VM_NONE,		/* a configuration a boot does not contribute */
	VM_OFF,
	VM_UNUSED,		/* no memory cgroup ever: both keys off */
	VM_UNUSED_KMEM,		/* the kernel-memory key on, the socket key off */
	VM_BYSTANDER,
	VM_ACTIVE,
	VM__NR_COLS,
};

static const char *const vm_col_names[VM__NR_COLS] = {
	[VM_NONE] = NULL, [VM_OFF] = "off", [VM_UNUSED] = "unused",
	[VM_UNUSED_KMEM] = "unused_kmem", [VM_BYSTANDER] = "bystander", [VM_ACTIVE] = "active",
};

static const struct vm_boot {
	const char *kernel;	/* CONFIG_MEMCG */
	const char *tag;	/* build/vm-matrix/runN-TAG */
	const char *configs;	/* --config in the guest */
	enum vm_col col[HC_CONFIG__NR];	/* the column of each configuration */
} vm_boots[] = {
	{ "n", "memcg-n", "off", { [HC_CONFIG_OFF] = VM_OFF } },
	{ "y", "memcg-y-fresh", "unused", { [HC_CONFIG_UNUSED] = VM_UNUSED } },
	{ "y", "memcg-y", "unused,bystander,active",
	  { [HC_CONFIG_UNUSED] = VM_UNUSED_KMEM, [HC_CONFIG_BYSTANDER] = VM_BYSTANDER,
	    [HC_CONFIG_ACTIVE] = VM_ACTIVE } },
};

#define VM_NR_BOOTS (sizeof(vm_boots) / sizeof(vm_boots[0]))

/* One (case, params) of the matrix: per column, the result of each run and its VM_METRIC. */
struct vm_row {
	const struct hc_result *r[VM__NR_COLS][VM_MAX_RUNS];
	int m[VM__NR_COLS][VM_MAX_RUNS];
};

/* Some measured result of the group, for its case name and parameters. */
static const struct hc_result *row_any(const struct vm_row *row)
{
	for (unsigned int c = 0; c < VM__NR_COLS; c++)
		for (unsigned int run = 0; run < VM_MAX_RUNS; run++)
			if (row->r[c][run])
				return row->r[c][run];
	return NULL;
}

static void vm_help(void)
{
	puts("usage: hookcost vm --matrix memcg [OPTIONS]\n"
	     "\n"
	     "Builds (once, cached under build/kernels/) two minimal kernels from Debian's\n"
	     "linux-source-6.1, CONFIG_MEMCG=n and =y, boots them in qemu with\n"
	     "-icount shift=0,sleep=off (guest TSC ticks = retired instructions) and runs the\n"
	     "system suite there with the tsc backend: off (MEMCG=n); unused in a fresh MEMCG=y\n"
	     "boot (no memory cgroup ever, both memcg keys off); unused, bystander and active\n"
	     "in another (the kernel-memory key, one-way, is on there). Each boot is\n"
	     "repeated and must give identical counts.\n"
	     "Writes vm-memcg-matrix.{md,json}, the results and the kernel configs to the\n"
	     "output directory.\n"
	     "\n"
	     "  --matrix NAME       the matrix to run: memcg\n"
	     "  -c, --case LIST     cases or suites to run in the guests (default: system)\n"
	     "  -n, --samples N     samples per variant (default 15)\n"
	     "  -w, --warmup N      discarded rounds (default 2)\n"
	     "      --runs N        times each boot is done, compared for identity (default 2)\n"
	     "      --cgroup V      v2 (default) or v1: the memory controller's hierarchy in the\n"
	     "                      guest; v1 switches with memory.kmem.tcp.limit_in_bytes and\n"
	     "                      adds -v1 to the output names\n"
	     "      --hookcost BIN  static hookcost for the guest (default: made first as\n"
	     "                      build/hookcost-static); one copy serves every boot\n"
	     "      --timeout SEC   wall-clock limit of one boot (default 900)\n"
	     "      --cache-model   also count with the hookcost qemu plugin (caches,\n"
	     "                      est_cycles; scripts/vm run --cache-model)\n"
	     "  -o, --output DIR    where the results go (default: data/ of the source tree)\n"
	     "  -h, --help          this text\n"
	     "\n"
	     "Needs the source tree (scripts/vm, scripts/vm-kernels), qemu-system-x86,\n"
	     "busybox-static and linux-source-6.1; HOOKCOST_SRC names the tree if hookcost is\n"
	     "not run from its build/ directory.");
}

static int parse_uint(const char *opt, const char *s, unsigned int min, unsigned int max,
		      unsigned int *out)
{
	unsigned long v;

	if (hc_parse_ulong(opt, s, min, max, &v))
		return -1;
	*out = v;
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
	snprintf(probe, sizeof(probe), "%s/scripts/vm-kernels", a->top);
	if (access(probe, X_OK))
		return hc_err("%s not found: hookcost vm needs its source tree; run build/hookcost "
			      "or set HOOKCOST_SRC", probe);
	return 0;
}

static int vm_option(int opt, char *arg, void *ctx)
{
	struct vm_args *a = ctx;

	switch (opt) {
	case 'M':
		a->matrix = arg;
		break;
	case 'c':
		a->cases = arg;
		break;
	case 'n':
		if (parse_uint("--samples", arg, 1, 100000, &a->samples))
			return -1;
		break;
	case 'w':
		if (parse_uint("--warmup", arg, 0, 1000, &a->warmup))
			return -1;
		break;
	case 'R':
		if (parse_uint("--runs", arg, 1, VM_MAX_RUNS, &a->runs))
			return -1;
		break;
	case 'B':
		a->guest_bin = arg;
		break;
	case 'G':
		if (strcmp(arg, "v1") && strcmp(arg, "v2"))
			return hc_usage_err("--cgroup: '%s' is neither v1 nor v2", arg);
		a->v1 = !strcmp(arg, "v1");
		a->sfx = a->v1 ? "-v1" : "";
		break;
	case 'T':
		if (parse_uint("--timeout", arg, 10, 86400, &a->timeout))
			return -1;
		break;
	case 'K':
		a->cache_model = true;
		break;
	case 'o':
		a->out_dir = arg;
		break;
	}
	return 0;
}

static int parse_args(int argc, char **argv, struct vm_args *a)
{
	static const struct option opts[] = {
		{ "matrix", required_argument, NULL, 'M' },
		{ "case", required_argument, NULL, 'c' },
		{ "samples", required_argument, NULL, 'n' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "runs", required_argument, NULL, 'R' },
		{ "cgroup", required_argument, NULL, 'G' },
		{ "hookcost", required_argument, NULL, 'B' },
		{ "timeout", required_argument, NULL, 'T' },
		{ "output", required_argument, NULL, 'o' },
		{ "cache-model", no_argument, NULL, 'K' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	int ret = hc_getopt(argc, argv, ":c:n:w:o:h", opts, vm_option, vm_help, a);

	if (ret)
		return ret;
	if (optind < argc)
		return hc_usage_err("unexpected argument '%s'", argv[optind]);
	if (!a->matrix)
		return hc_usage_err("--matrix is required (the one there is: memcg)");
	if (strcmp(a->matrix, "memcg"))
		return hc_usage_err("--matrix: unknown matrix '%s' (the one there is: memcg)",
				    a->matrix);
	if (a->guest_bin && access(a->guest_bin, X_OK))
		return hc_usage_err("--hookcost: %s is not an executable", a->guest_bin);
	return 0;
}

/* --cache-model is refused before any kernel is built when the plugin is not there. */
static int cache_model_ready(const struct vm_args *a)
{
	char build[PATH_MAX + 8], why[256];
	const char *missing;

	if (!a->cache_model)
		return 0;
	snprintf(build, sizeof(build), "%s/build", a->top);
	missing = hc_qemu_plugin_missing(build, why, sizeof(why));
	return missing ? hc_usage_err("--cache-model unavailable: %s", missing) : 0;
}

static int mkdirs(const char *path)
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

/*
 * The guest's init gives the memory controller to cgroup v2 but creates no cgroup, so it can
 * still move to a v1 hierarchy.
 */
#define V1_MOUNT	"echo -memory >/sys/fs/cgroup/cgroup.subtree_control && " \
			"mkdir -p /tmp/memcg && mount -t cgroup -o memory memory /tmp/memcg"

/* The guest's command: mounts /dev/shm for sys.tmpfs_create_unlink, then runs the suite. */
static void guest_cmd(const struct vm_args *a, const struct vm_boot *b, char *buf, size_t len)
{
	char num[16];

	snprintf(buf, len, "mkdir -p /dev/shm && mount -t tmpfs tmpfs /dev/shm && %shookcost",
		 a->v1 && strcmp(b->kernel, "n") ? V1_MOUNT " && " : "");
	hc_shell_word(buf, len, "run");
	hc_shell_word(buf, len, "--case");
	hc_shell_word(buf, len, a->cases);
	hc_shell_word(buf, len, "--config");
	hc_shell_word(buf, len, b->configs);
	hc_shell_word(buf, len, "--backend");
	hc_shell_word(buf, len, "tsc");
	snprintf(num, sizeof(num), "%u", a->samples);
	hc_shell_word(buf, len, "-n");
	hc_shell_word(buf, len, num);
	snprintf(num, sizeof(num), "%u", a->warmup);
	hc_shell_word(buf, len, "-w");
	hc_shell_word(buf, len, num);
	hc_shell_word(buf, len, "-q");
	hc_shell_word(buf, len, "-o");
	hc_shell_word(buf, len, "/out/system.json");
}

static void boot_dir(const struct vm_args *a, unsigned int run, const struct vm_boot *b,
		     char *buf, size_t len)
{
	snprintf(buf, len, "%s/build/vm-matrix/run%u-%s%s", a->top, run + 1, b->tag, a->sfx);
}

static int boot(const struct vm_args *a, unsigned int run, const struct vm_boot *b)
{
	char script[PATH_MAX + 16], image[PATH_MAX + 64], out[PATH_MAX + 64], cmd[4096];
	char timeout[16];
	char *argv[14];
	int n = 0, st;

	snprintf(script, sizeof(script), "%s/scripts/vm", a->top);
	snprintf(image, sizeof(image), "%s/build/kernels/memcg-%s/bzImage", a->top, b->kernel);
	boot_dir(a, run, b, out, sizeof(out));
	snprintf(timeout, sizeof(timeout), "%u", a->timeout);
	guest_cmd(a, b, cmd, sizeof(cmd));
	argv[n++] = script;
	argv[n++] = "run";
	argv[n++] = "--kernel";
	argv[n++] = image;
	argv[n++] = "--module";
	argv[n++] = "none";
	argv[n++] = "--out";
	argv[n++] = out;
	argv[n++] = "--timeout";
	argv[n++] = timeout;
	if (a->cache_model)
		argv[n++] = "--cache-model";
	argv[n++] = "--";
	argv[n++] = cmd;
	argv[n] = NULL;
	fprintf(stderr, "hookcost vm: run %u/%u, CONFIG_MEMCG=%s, --config %s\n", run + 1,
		a->runs, b->kernel, b->configs);
	st = hc_spawn(argv);
	if (st < 0)
		return -1;
	if (st)
		return hc_err("the CONFIG_MEMCG=%s guest failed (status %d); see %s/cmd.log and "
			      "%s/console.log", b->kernel, st, out, out);
	return 0;
}

/* Whether runs 0 and run of column c have the same samples. */
static bool same_values(const struct vm_row *row, unsigned int c, unsigned int run)
{
	const struct hc_result *x = row->r[c][0], *y = row->r[c][run];
	int a = row->m[c][0], b = row->m[c][run];

	if (a < 0 || b < 0 || x->nr_samples != y->nr_samples || x->iterations != y->iterations)
		return false;
	for (unsigned int i = 0; i < x->nr_samples; i++)
		if (x->per_op[a][i] != y->per_op[b][i])
			return false;
	return true;
}

/* The median of column c in the first run. */
static double median_of(const struct vm_row *row, unsigned int c)
{
	const struct hc_result *r = row->r[c][0];

	return r && row->m[c][0] >= 0 ? r->summary[row->m[c][0]].median : NAN;
}

/* Groups the rows of every file by (case, params) and column. */
static unsigned int collect(struct hc_run files[][VM_NR_BOOTS], unsigned int runs,
			    struct vm_row *rows)
{
	unsigned int nr = 0;

	for (unsigned int run = 0; run < runs; run++) {
		for (unsigned int k = 0; k < VM_NR_BOOTS; k++) {
			const struct hc_run *f = &files[run][k];

			for (unsigned int i = 0; i < f->nr_results; i++) {
				const struct hc_result *r = &f->results[i];
				enum vm_col col = vm_boots[k].col[r->id.config];
				unsigned int j;

				if (r->skip_reason || col == VM_NONE)
					continue;
				for (j = 0; j < nr; j++)
					if (hc_vid_same(&row_any(&rows[j])->id, &r->id,
							HC_VID_CASE | HC_VID_GATE | HC_VID_PARAMS))
						break;
				if (j == nr && nr == VM_MAX_ROWS)
					continue;
				if (j == nr)
					memset(&rows[nr++], 0, sizeof(rows[0]));
				rows[j].r[col][run] = r;
				rows[j].m[col][run] = hc_result_metric(f, r, VM_METRIC);
			}
		}
	}
	return nr;
}

/* All runs of every measured variant of the row gave the same samples. */
static bool row_identical(const struct vm_row *row, unsigned int runs)
{
	for (unsigned int c = 0; c < VM__NR_COLS; c++)
		for (unsigned int run = 1; run < runs; run++)
			if (row->r[c][0] && (!row->r[c][run] || !same_values(row, c, run)))
				return false;
	return true;
}

static void cell(struct hc_table *t, double v, bool sign)
{
	char buf[32];

	hc_fmt_fixed(buf, sizeof(buf), v, 0, sign, "");
	hc_table_cell(t, "%s", buf);
}

static int render(struct hc_doc *d, const struct vm_args *a, const struct vm_row *rows,
		  unsigned int nr, bool *all_identical)
{
	struct hc_table *t = hc_table_new("llrrrrrrrrrl", "case", "params", "off", "unused",
					  "unused+kmem", "bystander", "active", "unused-off",
					  "kmem key", "bystander-unused", "active-unused",
					  "identical", NULL);

	if (!t)
		return hc_err("out of memory");
	*all_identical = true;
	for (unsigned int i = 0; i < nr; i++) {
		const struct hc_result *any = row_any(&rows[i]);
		double m[VM__NR_COLS];
		bool same = row_identical(&rows[i], a->runs);
		char params[128];

		for (unsigned int c = VM_OFF; c < VM__NR_COLS; c++)
			m[c] = median_of(&rows[i], c);
		*all_identical &= same;
		hc_vid_label(&any->id, HC_VID_PARAMS, &hc_label_words, params, sizeof(params));
		hc_table_row(t, !same);
		hc_table_cell(t, "%s", any->id.name);
		hc_table_cell(t, "%s", params);
		for (unsigned int c = VM_OFF; c < VM__NR_COLS; c++)
			cell(t, m[c], false);
		cell(t, m[VM_UNUSED] - m[VM_OFF], true);
		cell(t, m[VM_UNUSED_KMEM] - m[VM_UNUSED], true);
		/* Against the unused that shares their kernel-memory key state. */
		cell(t, m[VM_BYSTANDER] - m[VM_UNUSED_KMEM], true);
		cell(t, m[VM_ACTIVE] - m[VM_UNUSED_KMEM], true);
		hc_table_cell(t, "%s", a->runs < 2 ? "n/a (1 run)" : same ? "yes" : "NO");
	}
	hc_doc_para(d, "Median TSC ticks per operation in qemu -icount shift=0,sleep=off (ticks "
		    "count retired instructions), %u samples per variant, each boot done %u "
		    "times; 'identical': every sample of every run equal. unused: a boot where "
		    "no memory cgroup ever existed (both memcg keys off); unused+kmem: the "
		    "socket key off but the one-way kernel-memory key on, as after any memory "
		    "cgroup existed; bystander and active are measured in that state and "
		    "compared with it.", a->samples, a->runs);
	return hc_doc_table(d, t);
}

static json_t *rows_json(const struct vm_row *rows, unsigned int nr, unsigned int runs)
{
	json_t *arr = json_array();

	for (unsigned int i = 0; i < nr; i++) {
		json_t *o = json_object(), *med = json_object();
		const struct hc_result *any = row_any(&rows[i]);

		for (unsigned int c = VM_OFF; c < VM__NR_COLS; c++)
			if (rows[i].r[c][0])
				json_object_set_new(med, vm_col_names[c],
						    json_real(median_of(&rows[i], c)));
		json_object_set_new(o, "case", json_string(any->id.name));
		json_object_set_new(o, "params", hc_vid_params_json(&any->id));
		json_object_set_new(o, "median", med);
		json_object_set_new(o, "identical", runs < 2 ? json_null() :
				    json_boolean(row_identical(&rows[i], runs)));
		json_array_append_new(arr, o);
	}
	return arr;
}

static int copy_file(const char *from, const char *to)
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

/*
 * The guest binary, frozen for the whole matrix and handed to scripts/vm as VM_HOOKCOST:
 * otherwise scripts/vm rebuilds build/hookcost-static before every boot, and a source edited
 * meanwhile would change the guest between runs.
 */
static int freeze_guest_bin(struct vm_args *a, char *path, size_t len)
{
	char from[PATH_MAX + 32];
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
	snprintf(path, len, "%s/build/vm-matrix/hookcost-guest", a->top);
	if (copy_file(a->guest_bin, path))
		return -1;
	if (chmod(path, 0755))
		return hc_err("chmod %s: %s", path, strerror(errno));
	a->guest_bin = path;
	return setenv("VM_HOOKCOST", path, 1) ? hc_err("setenv: %s", strerror(errno)) : 0;
}

static int write_outputs(const struct vm_args *a, const struct vm_row *rows, unsigned int nr)
{
	char path[PATH_MAX + 64], from[PATH_MAX + 64], res[VM_NR_BOOTS][64], *md = NULL, *js;
	struct hc_doc d = { .fmt = HC_DOC_MARKDOWN };
	json_t *o;
	size_t len = 0;
	bool same;
	int ret;

	if (mkdirs(a->out_dir))
		return -1;
	for (unsigned int k = 0; k < VM_NR_BOOTS; k++) {
		const struct vm_boot *b = &vm_boots[k];

		snprintf(from, sizeof(from), "%s/build/kernels/memcg-%s/config", a->top,
			 b->kernel);
		snprintf(path, sizeof(path), "%s/vm-kernel-memcg-%s.config", a->out_dir,
			 b->kernel);
		if (copy_file(from, path))
			return -1;
		boot_dir(a, 0, b, from, sizeof(from));
		strcat(from, "/system.json");
		snprintf(path, sizeof(path), "%s/vm-%s%s.json", a->out_dir, b->tag, a->sfx);
		if (copy_file(from, path))
			return -1;
	}
	d.f = open_memstream(&md, &len);
	if (!d.f)
		return hc_err("out of memory");
	hc_doc_heading(&d, 1, "The real kernel's memcg matrix in qemu (icount)");
	hc_doc_para(&d, "Two kernels from Debian's linux-source-6.1, tinyconfig plus "
		    "scripts/vm-kernel.config, differing only in CONFIG_MEMCG (configs: "
		    "vm-kernel-memcg-n.config, vm-kernel-memcg-y.config), cgroup %s in the "
		    "guest. off: CONFIG_MEMCG=n; unused: memcg_sockets_enabled_key is off; "
		    "bystander: a hookcost memory cgroup %s, so the key is on, and the task "
		    "stays in the root cgroup; active: the task is in that cgroup. Raw results: "
		    "vm-memcg-n%s.json, vm-memcg-y-fresh%s.json, vm-memcg-y%s.json. Written by "
		    "hookcost vm --matrix memcg%s.", a->v1 ? "v1" : "v2",
		    a->v1 ? "has a TCP limit (memory.kmem.tcp.limit_in_bytes)" : "exists",
		    a->sfx, a->sfx, a->sfx, a->v1 ? " --cgroup v1" : "");
	ret = render(&d, a, rows, nr, &same);
	fclose(d.f);
	if (!ret) {
		snprintf(path, sizeof(path), "%s/vm-memcg-matrix%s.md", a->out_dir, a->sfx);
		ret = hc_write_atomic(path, md, len);
	}
	free(md);
	if (ret)
		return -1;
	snprintf(res[0], sizeof(res[0]), "vm-memcg-n%s.json", a->sfx);
	snprintf(res[1], sizeof(res[1]), "vm-memcg-y-fresh%s.json", a->sfx);
	snprintf(res[2], sizeof(res[2]), "vm-memcg-y%s.json", a->sfx);
	o = json_pack("{s:s, s:s, s:s, s:s, s:s, s:i, s:i, s:o, s:o, s:{s:s, s:s}, "
		      "s:{s:s, s:s, s:s}}",
		      "schema", "hookcost-vm-matrix/1", "matrix", "memcg", "metric", VM_METRIC,
		      "cgroup", a->v1 ? "v1" : "v2",
		      "qemu", "scripts/vm: -icount shift=0,sleep=off -smp 1",
		      "runs", (int)a->runs, "samples", (int)a->samples,
		      "identical", a->runs < 2 ? json_null() : json_boolean(same),
		      "rows", rows_json(rows, nr, a->runs),
		      "kernel_configs", "n", "vm-kernel-memcg-n.config",
		      "y", "vm-kernel-memcg-y.config",
		      "results", "off", res[0], "unused", res[1],
		      "unused_kmem,bystander,active", res[2]);
	js = o ? json_dumps(o, JSON_INDENT(2)) : NULL;
	json_decref(o);
	if (!js)
		return hc_err("out of memory");
	snprintf(path, sizeof(path), "%s/vm-memcg-matrix%s.json", a->out_dir, a->sfx);
	ret = hc_write_atomic(path, js, strlen(js));
	free(js);
	if (ret)
		return -1;
	if (a->runs > 1 && !same)
		return hc_err("the counts differ between runs: the matrix is not deterministic "
			      "(see the 'identical' column in %s/vm-memcg-matrix%s.md)", a->out_dir,
			      a->sfx);
	return 0;
}

static int vm_main(int argc, char **argv)
{
	struct vm_args a = { .cases = "system", .samples = 15, .warmup = 2, .runs = 2,
			     .timeout = 900, .sfx = "" };
	struct hc_run files[VM_MAX_RUNS][VM_NR_BOOTS] = { 0 };
	struct vm_row *rows = NULL;
	char script[PATH_MAX + 32], data_dir[PATH_MAX + 8], guest[PATH_MAX + 32];
	char *kernels[] = { script, "n", "y", NULL };
	struct hc_doc d = { .f = stdout, .fmt = HC_DOC_TEXT };
	unsigned int nr;
	bool same;
	int ret, st;

	ret = parse_args(argc, argv, &a);
	if (ret)
		return ret > 0 ? HC_EXIT_OK : -1;
	/* Everything the boots would find wrong only after minutes, checked first. */
	if (hc_check_cases("--case", a.cases) ||
	    (a.out_dir && hc_check_dir("-o", a.out_dir, PATH_MAX - 64)) ||
	    (a.guest_bin && hc_check_program("--hookcost", a.guest_bin)))
		return -1;
	if (find_top(&a) || cache_model_ready(&a))
		return -1;
	snprintf(data_dir, sizeof(data_dir), "%s/data", a.top);
	if (!a.out_dir)
		a.out_dir = data_dir;

	snprintf(script, sizeof(script), "%s/scripts/vm-kernels", a.top);
	st = hc_spawn(kernels);
	if (st)
		return st < 0 ? -1 : hc_err("scripts/vm-kernels failed (status %d)", st);
	snprintf(guest, sizeof(guest), "%s/build/vm-matrix", a.top);
	if (mkdirs(guest) || freeze_guest_bin(&a, guest, sizeof(guest)))
		return -1;

	for (unsigned int run = 0; run < a.runs; run++)
		for (unsigned int k = 0; k < VM_NR_BOOTS; k++)
			if (boot(&a, run, &vm_boots[k]))
				return -1;
	ret = 0;
	for (unsigned int run = 0; run < a.runs && !ret; run++) {
		for (unsigned int k = 0; k < VM_NR_BOOTS && !ret; k++) {
			char path[PATH_MAX + 80];

			boot_dir(&a, run, &vm_boots[k], path, sizeof(path));
			strcat(path, "/system.json");
			ret = hc_run_load(path, &files[run][k]);
		}
	}
	rows = ret ? NULL : calloc(VM_MAX_ROWS, sizeof(*rows));
	if (!ret && !rows)
		ret = hc_err("out of memory");
	if (!ret) {
		nr = collect(files, a.runs, rows);
		ret = render(&d, &a, rows, nr, &same) || write_outputs(&a, rows, nr);
	}
	free(rows);
	for (unsigned int run = 0; run < a.runs; run++)
		for (unsigned int k = 0; k < VM_NR_BOOTS; k++)
			hc_run_free(&files[run][k]);
	if (ret)
		return -1;
	fprintf(stderr, "hookcost vm: wrote %s/vm-memcg-matrix%s.md and .json\n", a.out_dir,
		a.sfx);
	return HC_EXIT_OK;
}

HC_COMMAND(vm_cmd) = {
	.name = "vm", .summary = "the real kernel's off/unused/bystander/active matrix in qemu",
	.main = vm_main, .order = 6,
};
