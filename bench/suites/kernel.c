// SPDX-License-Identifier: GPL-2.0
/*
 * The kernel suite: cases that run in hookcost.ko (kernel-module/). enter() opens the case in
 * the module (its set-up: caches, model cgroups, key flips, all untimed), run() writes sample
 * requests, each returning when the module has done its operations, and leave() closes it.
 * The counters around run() see the kernel's work plus a write syscall per request;
 * kernel.empty, the baseline, measures that at 0 and N iterations.
 *
 * The module is loaded when it is not there yet (finit_module from HOOKCOST_MODULE,
 * build/kernel-module/hookcost.ko, kernel-module/hookcost.ko or next to the binary) and
 * unloaded at exit if this process loaded it. The cases' gates, configurations and parameter
 * ranges are the module's: a plan takes them from its `cases` file (kernel_offer); the cases
 * here add what only the harness has (descriptions, units, default sweeps, cgroup moves, and
 * so which configurations each set-up can carry out: an offer beyond them is an error), and
 * the harness's copy of the module's table stands in only where no module is loaded. Every
 * result is checked against the request it answers (case, gate, configuration, parameter,
 * iterations, a sequence number newer than the last one seen, interrupts off as the module
 * says the case runs, and the memory cgroup where the configuration depends on it).
 *
 * The real-slab cases charge the memory cgroup of the writer, so their configurations are
 * cgroup moves around each sample: bystander writes accounted requests from the root cgroup
 * while a child memory cgroup exists, active from that child. The unaccounted allocations are
 * cases of their own (*.unaccounted): on a MEMCG=y kernel they are not the vocabulary's `off`.
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "core/case.h"
#include "core/cgroup.h"
#include "base/error.h"
#include "suites/kernel.h"

#define REQ_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_REQUEST
#define CASES_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_CASES
#define RESULT_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_RESULT

/* What the module offers, read once from its cases file; why it cannot be had otherwise. */
static struct {
	bool probed, ok, loaded_here, told_unknown;
	bool unusable;			/* its table cannot be run as labelled: an error */
	char *why;
	struct hc_kcase_table table;
	uint64_t seq;			/* of the newest result read */
} kmod;

struct kstate {
	struct hc_kreq req;
	uint64_t max_iters;
	struct hc_kres_want want;
	int fd;
	int result_fd;
	uint64_t own;			/* module ticks of the requests of this run() but the last */
	int err;			/* errno of a failed write, reported by the next enter */
	const char *target;		/* cgroup directory to sample in, NULL: stay */
	struct hc_cg_env cg;
	struct hc_cgroup child;
	bool have_child;
};

static void kmod_unload(void)
{
	if (kmod.loaded_here)
		syscall(SYS_delete_module, HC_KMOD_NAME, O_NONBLOCK);
}

static bool exists(const char *path)
{
	return !access(path, F_OK);
}

/* The first module file that exists: HOOKCOST_MODULE, the build tree, next to the binary. */
static const char *module_path(char *buf, size_t len)
{
	const char *env = getenv("HOOKCOST_MODULE");
	char exe[PATH_MAX - 64];
	ssize_t n;
	char *slash;

	if (env)
		return env;
	n = readlink("/proc/self/exe", exe, sizeof(exe) - 1);
	if (n > 0) {
		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		snprintf(buf, len, "%s/kernel-module/hookcost.ko", exe);
		if (exists(buf))
			return buf;
		snprintf(buf, len, "%s/../kernel-module/hookcost.ko", exe);
		if (exists(buf))
			return buf;
		snprintf(buf, len, "%s/hookcost.ko", exe);
		if (exists(buf))
			return buf;
	}
	snprintf(buf, len, "build/kernel-module/hookcost.ko");
	if (exists(buf))
		return buf;
	snprintf(buf, len, "kernel-module/hookcost.ko");
	return exists(buf) ? buf : NULL;
}

/* The kernel release the module was built for, from its "vermagic=" modinfo string. */
static int module_release(const char *path, char *rel, size_t len)
{
	static const char tag[] = "vermagic=";
	FILE *f = fopen(path, "rb");
	size_t got = 0;
	int ch, m = 0;

	if (!f)
		return -1;
	while ((ch = fgetc(f)) != EOF) {
		if (m < (int)sizeof(tag) - 1) {
			m = ch == tag[m] ? m + 1 : ch == tag[0];
			continue;
		}
		if (ch == ' ' || ch == '\0' || got + 1 >= len)
			break;
		rel[got++] = ch;
	}
	fclose(f);
	rel[got] = '\0';
	return got ? 0 : -1;
}

static int kmod_load(void)
{
	struct utsname u;
	char buf[PATH_MAX], rel[128];
	const char *path;
	int fd, err;

	if (!exists("/proc/modules"))
		return hc_err("the running kernel has no module support (no /proc/modules), so "
			      "hookcost.ko cannot be loaded here; scripts/vm check runs the "
			      "kernel suite in qemu");
	path = module_path(buf, sizeof(buf));
	if (!path)
		return hc_err("hookcost.ko not found (build it with 'make module' or set "
			      "HOOKCOST_MODULE)");
	uname(&u);
	if (module_release(path, rel, sizeof(rel)))
		return hc_err("%s has no vermagic: not a kernel module", path);
	if (strcmp(rel, u.release))
		return hc_err("%s is built for kernel %s, this is %s (rebuild with "
			      "'make module KDIR=/lib/modules/%s/build')", path, rel, u.release,
			      u.release);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return hc_err("cannot open %s: %s", path, strerror(errno));
	err = syscall(SYS_finit_module, fd, "", 0) ? errno : 0;
	close(fd);
	if (err == EPERM)
		return hc_err("loading %s needs root (CAP_SYS_MODULE)", path);
	if (err == EKEYREJECTED || err == ENOKEY)
		return hc_err("the kernel requires signed modules and %s is not signed", path);
	if (err && err != EEXIST)
		return hc_err("loading %s failed: %s", path, strerror(err));
	if (!err) {
		kmod.loaded_here = true;
		atexit(kmod_unload);
	}
	return 0;
}

static int kmod_read_cases(void)
{
	FILE *f = fopen(CASES_PATH, "r");
	int ret;

	if (!f)
		return hc_err("cannot read %s: %s", CASES_PATH, strerror(errno));
	ret = hc_kcases_parse(f, CASES_PATH, &kmod.table);
	fclose(f);
	kmod.unusable = ret;
	return ret;
}

static int kmod_try(void)
{
	/* debugfs may just not be mounted (containers, minimal systems). */
	if (!exists(HC_DEBUGFS_PATH))
		mount("debugfs", "/sys/kernel/debug", "debugfs", 0, NULL);
	if (!exists(REQ_PATH) && kmod_load())
		return -1;
	if (!exists(REQ_PATH))
		return hc_err("hookcost.ko is loaded but %s is missing (is debugfs mounted?)",
			      REQ_PATH);
	return kmod_read_cases();
}

/*
 * Once per process; a failure is remembered and repeated for every kernel case: a missing
 * module skips them (-ENOTSUP), a module whose table cannot be run is an error (-1).
 */
static int kmod_probe(void)
{
	if (!kmod.probed) {
		kmod.probed = true;
		kmod.ok = !kmod_try();
		if (!kmod.ok)
			kmod.why = strdup(hc_err_msg());
	}
	if (!kmod.ok)
		hc_err("%s", kmod.why ? kmod.why : "hookcost.ko unavailable");
	return kmod.ok ? 0 : kmod.unusable ? -1 : -ENOTSUP;
}

/*
 * The module's table when it is loaded (or, probing for a run, can be), else the harness's
 * copy. A module built from another tree is measured as it is, with a warning.
 */
static int kernel_offer(const struct hc_case *c, bool probe, struct hc_offer *o)
{
	static struct hc_kcase_table builtin;
	unsigned int id = hc_kcase_id(c->name);
	char mod[256], own[256];
	int err;

	if (!builtin.source)
		hc_kcases_builtin(&builtin);
	if (!probe && access(CASES_PATH, R_OK)) {
		/* Without root, debugfs hides a loaded module's table: say so, not "none". */
		if (errno == EACCES)
			builtin.source = "the harness's copy of hookcost.ko's table (a loaded "
					 "module's own needs root)";
		return hc_kcases_offer(&builtin, c, o);
	}
	err = kmod_probe();
	if (err == -1)
		return -1;
	if (err) {
		hc_err_clear();
		return hc_kcases_offer(&builtin, c, o);
	}
	if (kmod.table.unknown && !kmod.told_unknown) {
		kmod.told_unknown = true;
		hc_warn("hookcost.ko has %u case%s newer than this harness: not run",
			kmod.table.unknown, kmod.table.unknown == 1 ? "" : "s");
	}
	if (kmod.table.c[id].present && !hc_kcases_same(&kmod.table, &builtin, id))
		hc_warn("hookcost.ko offers %s with %s; this harness was built with %s: the plan "
			"follows the module", c->name,
			hc_kcases_describe(&kmod.table.c[id], mod, sizeof(mod)),
			hc_kcases_describe(&builtin.c[id], own, sizeof(own)));
	return hc_kcases_offer(&kmod.table, c, o);
}

static int kernel_setup(const struct hc_variant *v, void **state)
{
	unsigned int id = hc_kcase_id(v->c->name);
	int err = kmod_probe();
	struct kstate *s;

	if (err)
		return err;
	if (!id || !kmod.table.c[id].present)
		return hc_err("the loaded hookcost.ko has no case %s (rebuild and reload it)",
			      v->c->name);
	s = calloc(1, sizeof(*s));
	if (!s)
		return hc_err("out of memory");
	s->req = (struct hc_kreq){
		.magic = HC_KABI_MAGIC, .version = HC_KABI_VERSION, .op = HC_KREQ_SAMPLE,
		.case_id = id, .gate = v->gate, .config = v->config, .samples = 1,
		.param = v->params.nr ? v->params.p[0].value : 0,
	};
	s->max_iters = kmod.table.c[id].max_iters;
	s->want.irqs_off = kmod.table.c[id].flags & HC_KRES_IRQS_OFF;
	s->result_fd = open(RESULT_PATH, O_RDONLY | O_CLOEXEC);
	s->fd = open(REQ_PATH, O_WRONLY | O_CLOEXEC);
	if (s->fd < 0 || s->result_fd < 0) {
		const char *path = s->fd < 0 ? REQ_PATH : RESULT_PATH;
		int e = errno;

		if (s->fd >= 0)
			close(s->fd);
		if (s->result_fd >= 0)
			close(s->result_fd);
		free(s);
		return hc_err("cannot open %s: %s", path, strerror(e));
	}
	*state = s;
	return 0;
}

static void kernel_teardown(void *state)
{
	struct kstate *s = state;

	if (!s)
		return;
	if (s->have_child)
		hc_cg_remove(&s->child);
	close(s->fd);
	close(s->result_fd);
	free(s);
}

/* Writes the variant's request as op; 0 or -1 with the error recorded. */
static int kernel_put(struct kstate *s, uint32_t op)
{
	struct hc_kreq req = s->req;

	req.op = op;
	req.samples = 0;
	req.iters = 0;
	if (write(s->fd, &req, sizeof(req)) == sizeof(req))
		return 0;
	return hc_err("hookcost.ko: %s %s failed: %s", op == HC_KREQ_OPEN ? "opening" : "closing",
		      hc_kcase_decls[s->req.case_id].name, strerror(errno));
}

static int kernel_enter(void *state)
{
	struct kstate *s = state;
	bool move = s->target && strcmp(s->target, s->cg.home);

	if (s->err == EPROTO)
		return -1;
	if (s->err)
		return hc_err("hookcost.ko: a sample of %s failed: %s",
			      hc_kcase_decls[s->req.case_id].name, strerror(s->err));
	if (move && hc_cg_move_self(&s->cg, s->target))
		return -1;
	if (!kernel_put(s, HC_KREQ_OPEN))
		return 0;
	/* The runner calls leave only after a successful enter. */
	if (move)
		hc_cg_move_self(&s->cg, s->cg.home);
	return -1;
}

static void kernel_leave(void *state)
{
	struct kstate *s = state;

	kernel_put(s, HC_KREQ_CLOSE);
	if (s->target && strcmp(s->target, s->cg.home))
		hc_cg_move_self(&s->cg, s->cg.home);
}

/* A result that does not answer the request just written is an error, never a number. */
static int check_result(struct kstate *s, const struct hc_kres *res)
{
	const struct hc_kreq *q = &s->req;
	const char *what;

	what = hc_kres_mismatch(q, res, &s->want, kmod.seq);
	if (what)
		return hc_err("hookcost.ko: the result of %s %s/%s does not match the request: %s "
			      "(result: case %u, flags %#x, seq %llu)",
			      hc_kcase_decls[q->case_id].name, hc_gate_names[q->gate],
			      hc_config_names[q->config], what, res->case_id, res->flags,
			      (unsigned long long)res->seq);
	kmod.seq = res->seq;
	return 0;
}

/* The module's TSC ticks of the last request, the case's own count; 0 or -1. */
static int last_ticks(struct kstate *s, uint64_t *ticks)
{
	struct hc_kres res;

	if (pread(s->result_fd, &res, sizeof(res), 0) != sizeof(res))
		return hc_err("hookcost.ko: cannot read %s: %s", RESULT_PATH, strerror(errno));
	if (check_result(s, &res))
		return -1;
	*ticks = 0;
	for (uint32_t i = 0; i < res.samples && i < HC_KREQ_MAX_SAMPLES; i++)
		*ticks += res.tsc[i];
	return 0;
}

/*
 * Requests of at most the case's max_iters; iters 0 is one empty request (the baseline).
 * When a sample takes several requests, all but the last one's ticks are collected here,
 * inside the counted window: only cases above their max_iters pay that read.
 */
static void kernel_run(void *state, uint64_t iters)
{
	struct kstate *s = state;
	uint64_t ticks;

	s->own = 0;
	do {
		s->req.iters = iters < s->max_iters ? iters : s->max_iters;
		if (write(s->fd, &s->req, sizeof(s->req)) != sizeof(s->req)) {
			s->err = errno ? errno : EIO;
			return;
		}
		iters -= s->req.iters;
		if (iters) {
			if (last_ticks(s, &ticks)) {
				s->err = EPROTO;
				return;
			}
			s->own += ticks;
		}
	} while (iters);
}

static int kernel_own_count(void *state, uint64_t *count)
{
	struct kstate *s = state;
	uint64_t ticks;

	if (s->err || last_ticks(s, &ticks))
		return -1;
	*count = s->own + ticks;
	return 0;
}

/* Slab cases: the cgroup to sample in, per configuration (see the head of this file). */
static int slab_setup(const struct hc_variant *v, void **state)
{
	struct kstate *s;
	int err;

	/* Accounted from the root or from a child: what the case declares it can set up. */
	if (!(v->c->configs & HC_CONFIG_BIT(v->config)))
		return hc_err("%s: no set-up for configuration %s", v->c->name,
			      hc_config_names[v->config]);
	err = kernel_setup(v, state);
	if (err)
		return err;
	s = *state;
	hc_cg_probe(&s->cg);
	if (s->cg.version == HC_CG_NONE || !s->cg.can_write) {
		hc_err("%s %s needs a writable memory cgroup hierarchy: %s", v->c->name,
		       hc_config_names[v->config],
		       s->cg.version == HC_CG_NONE ? s->cg.why : "not root");
		kernel_teardown(s);
		*state = NULL;
		return -ENOTSUP;
	}
	if (hc_cg_create(&s->cg, v->config == HC_CONFIG_ACTIVE ? "kernel-active" :
			 "kernel-bystander", &s->child)) {
		kernel_teardown(s);
		*state = NULL;
		return -1;
	}
	s->have_child = true;
	s->target = v->config == HC_CONFIG_ACTIVE ? s->child.path : s->cg.mount;
	s->want.child = v->config == HC_CONFIG_ACTIVE ? HC_KCHILD_YES : HC_KCHILD_NO;
	return 0;
}

/* Units and default sweeps; the ranges are the module's (kernel_offer). */
static const struct hc_param_def slab_params[] = {
	{ .name = "size", .unit = "B", .defaults = "64,256,1024,4096" },
	{ 0 },
};

static const struct hc_param_def tcp_params[] = {
	{ .name = "size", .unit = "B", .defaults = "64,1460,16384" },
	{ 0 },
};

static const struct hc_param_def model_slab_params[] = {
	{ .name = "size", .unit = "B", .defaults = "64,256,1024" },
	{ 0 },
};

static const struct hc_param_def memcg_params[] = {
	{ .name = "depth", .unit = "", .defaults = "0,1,4" },
	{ 0 },
};

/*
 * The gates and configurations each case's set-up can carry out; the module's table says
 * which of them a case offers. The module carries out gates and, in its own cases,
 * configurations; the real slab's configurations are this harness's cgroup moves.
 */
#define KGATES_ANY	(HC_GATE_BIT(HC_GATE_NONE) | HC_GATES_HOOKED)
#define KCONFIGS_ANY	(HC_CONFIG_BIT(HC_CONFIG_NONE) | HC_CONFIGS_ALL)
#define KCONFIGS_SLAB	(HC_CONFIG_BIT(HC_CONFIG_BYSTANDER) | HC_CONFIG_BIT(HC_CONFIG_ACTIVE))

#define KCASE_SETUP(sym, cname, text, paramdefs, configmask, setupfn)		\
	HC_CASE(sym) = {							\
		.name = cname, .suite = "kernel", .desc = text,			\
		.gates = KGATES_ANY, .configs = configmask,			\
		.flags = HC_CASE_KERNEL, .baseline = "kernel.empty",		\
		.params = paramdefs, .offer = kernel_offer,			\
		.setup = setupfn, .enter = kernel_enter, .run = kernel_run,	\
		.leave = kernel_leave, .teardown = kernel_teardown,		\
		.own_count = kernel_own_count,					\
	}

#define KCASE_P(sym, cname, text, paramdefs)					\
	KCASE_SETUP(sym, cname, text, paramdefs, KCONFIGS_ANY, kernel_setup)
#define KCASE(sym, cname, text)	KCASE_P(sym, cname, text, NULL)
/* The real slab: accounted from the root or a child cgroup, or not at all. */
#define KSLAB(sym, cname, text)							\
	KCASE_SETUP(sym, cname, text, slab_params, KCONFIGS_SLAB, slab_setup)
#define KSLAB_UNACCT(sym, cname, text)						\
	KCASE_SETUP(sym, cname, text, slab_params, HC_CONFIG_BIT(HC_CONFIG_NONE), kernel_setup)

KCASE(kcase_empty, "kernel.empty", "the module's loop alone: the kernel suite's baseline");
KCASE(kcase_nop1, "kernel.nop1", "one NOP per op in kernel context (expect +1.00 instructions)");
KCASE(kcase_key_hook, "kernel.key.hook", "a hook behind a real static key, in a loop");
KCASE(kcase_gate_hook, "kernel.gate.hook",
      "one hook body behind each gate of gate.h, in a loop: the gates on equal terms");
KCASE(kcase_key_toggle, "kernel.key.toggle",
      "static_branch_enable + static_branch_disable (code patching)");
KCASE(kcase_key_inc, "kernel.key.inc",
      "static_branch_inc + static_branch_dec of an enabled key (no patching)");
KSLAB(kcase_slab_cache, "kernel.slab.cache",
      "kmem_cache_alloc + free from a SLAB_ACCOUNT cache, from the root or a child memcg");
KSLAB(kcase_slab_kmalloc, "kernel.slab.kmalloc",
      "kmalloc + kfree with GFP_KERNEL_ACCOUNT, from the root or a child memcg");
KSLAB_UNACCT(kcase_slab_cache_unacct, "kernel.slab.cache.unaccounted",
	     "kmem_cache_alloc + free from a cache without SLAB_ACCOUNT");
KSLAB_UNACCT(kcase_slab_kmalloc_unacct, "kernel.slab.kmalloc.unaccounted",
	     "kmalloc + kfree with GFP_KERNEL");
/* The shared models (kernel-module/models/) in the module, with the kernel's static keys. */
KCASE_P(kcase_memcg_charge, "kernel.memcg.charge",
	"model: kmem charge + uncharge of a page, depth levels below the root", memcg_params);
KCASE_P(kcase_tcp_sendmsg, "kernel.tcp.sendmsg", "model: TCP sendmsg + ack of size bytes",
	tcp_params);
KCASE_P(kcase_tcp_rcv, "kernel.tcp.rcv", "model: TCP receive + recvmsg of size bytes",
	tcp_params);
KCASE_P(kcase_slab_optin, "kernel.slab.optin",
	"model: slab alloc + free, opt-in accounting (registered caches)", model_slab_params);
KCASE_P(kcase_slab_optout, "kernel.slab.optout",
	"model: slab alloc + free, opt-out accounting (every cache)", model_slab_params);
