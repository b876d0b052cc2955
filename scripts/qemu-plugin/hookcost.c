// SPDX-License-Identifier: GPL-2.0
/*
 * The hookcost qemu TCG plugin: per sample (between the guest's begin and end markers,
 * include/hookcost/marker.h) the instructions retired in user and kernel mode and the
 * accesses and misses of a simulated L1I, L1D and unified last-level cache.
 *
 * usage: qemu-system-x86_64 -plugin hookcost-plugin.so,out=FILE[,l1i=32K:8][,l1d=32K:8]
 *                           [,ll=2M:16][,line=64][,profile=PFILE][,model=off] -smp 1 ...
 * profile=PFILE also counts every instruction per sample (profile.c); model=off leaves the
 * caches and branches out (their columns read 0): instructions only, at less cost.
 * FILE gets two header lines (the geometry; the columns) and one line per sample, in the
 * order the samples ended:
 *   seq insns_user insns_kernel l1i_misses l1d_accesses l1d_misses ll_accesses ll_misses
 *   est_cycles branches branch_misses whole
 * where seq counts begin markers from 1 over the whole boot, and whole is 0 for a sample that
 * began before the simulation did (see below): its counts are partial.
 *
 * The boot itself is not simulated: until the first begin marker only markers are
 * instrumented, so booting costs little more than plain TCG. That marker resets the plugin
 * (qemu flushes the translated code), the caches start cold and every block translated from
 * then on is fully instrumented. The harness' first sample is a warm-up, never kept.
 *
 * Instructions are counted by inline adds (exact, as -icount counts them). Every instruction
 * is an L1I access; the model is only consulted when an instruction starts on another line
 * than the one before it in its block, since a line just used cannot have left L1I (nothing
 * else fills it) and LRU order does not change. Data accesses go through L1D; L1 misses go to
 * the LL. Addresses are virtual: deterministic, and what valgrind sees too. Kernel mode is a
 * kernel-half address (bit 63), as on x86-64 Linux: the v1 API cannot read the CPL.
 *
 * Branches are those valgrind's branch simulation counts, conditional jumps and indirect
 * jumps and calls, predicted as it does: a 2-bit saturating counter per conditional branch
 * (a table indexed by address) and a branch target buffer of last targets for indirect ones.
 * A branch ends its block, so its outcome is where the next block starts.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <qemu-plugin.h>

#include "cache.h"
#include "profile.h"
#include "hookcost/cache_model.h"
#include "hookcost/marker.h"

QEMU_PLUGIN_EXPORT int qemu_plugin_version = QEMU_PLUGIN_VERSION;

enum { USER, KERNEL };

struct counts {
	uint64_t insns[2];
	uint64_t l1d_accesses;
	uint64_t l1i_misses, l1d_misses, ll_accesses, ll_misses;
	uint64_t branches, branch_misses;
};

#define PREDICTOR_ENTRIES	16384	/* 2-bit counters, and as many BTB entries */

enum branch_kind { NOT_BRANCH, CONDITIONAL, INDIRECT };

/* The branch that ended the last block, resolved by where the next one starts. */
static struct {
	enum branch_kind kind;
	uint64_t pc, fallthrough;
} pending;
static uint8_t counter[PREDICTOR_ENTRIES];	/* 0, 1: predict not taken; 2, 3: taken */
static uint64_t btb[PREDICTOR_ENTRIES];

static struct counts now;	/* since boot; insns[] is updated inline by TCG code */
static struct counts start;	/* at the open sample's begin marker */
static bool open_sample, whole, model = true;
static qemu_plugin_id_t plugin_id;
static enum { IDLE, STARTING, SIMULATING } mode;
static uint64_t seq;
static struct hc_cache l1i, l1d, ll;
static FILE *out;

static void on_reset(qemu_plugin_id_t id);

static void snapshot(struct counts *c)
{
	*c = now;
	c->l1i_misses = l1i.misses;
	c->l1d_misses = l1d.misses;
	c->ll_misses = ll.misses;
}

static void on_marker(unsigned int vcpu, void *kind)
{
	struct counts e;
	uint64_t insns;

	if ((uintptr_t)kind == HC_MARKER_BEGIN) {
		seq++;
		open_sample = true;
		whole = mode == SIMULATING;
		snapshot(&start);
		hc_prof_begin();
		if (mode == IDLE) {
			mode = STARTING;
			qemu_plugin_reset(plugin_id, on_reset);
		}
		return;
	}
	if (!open_sample)
		return;
	open_sample = false;
	snapshot(&e);
	hc_prof_end(seq, whole);
	e.insns[USER] -= start.insns[USER];
	e.insns[KERNEL] -= start.insns[KERNEL];
	e.l1i_misses -= start.l1i_misses;
	e.l1d_accesses -= start.l1d_accesses;
	e.l1d_misses -= start.l1d_misses;
	e.ll_accesses -= start.ll_accesses;
	e.ll_misses -= start.ll_misses;
	e.branches -= start.branches;
	e.branch_misses -= start.branch_misses;
	insns = e.insns[USER] + e.insns[KERNEL];
	fprintf(out, "%" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64
		" %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %" PRIu64 " %d\n", seq,
		e.insns[USER], e.insns[KERNEL], e.l1i_misses, e.l1d_accesses, e.l1d_misses,
		e.ll_accesses, e.ll_misses,
		hc_est_cycles(insns, e.l1d_accesses, e.l1i_misses + e.l1d_misses, e.ll_misses),
		e.branches, e.branch_misses, whole);
}

static void l1_miss(uint64_t addr)
{
	now.ll_accesses++;
	hc_cache_access(&ll, addr);
}

/* udata: the first line's address, bit 0 set when the instruction spans into the next. */
static void on_fetch(unsigned int vcpu, void *udata)
{
	uint64_t a = (uintptr_t)udata, line = a & ~1ull;

	if (!hc_cache_access(&l1i, line))
		l1_miss(line);
	if ((a & 1) && !hc_cache_access(&l1i, line + (1ull << l1i.line_shift)))
		l1_miss(line + (1ull << l1i.line_shift));
}

static void on_mem(unsigned int vcpu, qemu_plugin_meminfo_t info, uint64_t vaddr, void *udata)
{
	uint64_t size = 1ull << qemu_plugin_mem_size_shift(info);
	uint64_t first = vaddr >> l1d.line_shift, last = (vaddr + size - 1) >> l1d.line_shift;

	for (uint64_t line = first; line <= last; line++) {
		now.l1d_accesses++;
		if (!hc_cache_access(&l1d, line << l1d.line_shift))
			l1_miss(line << l1d.line_shift);
	}
}

/* A block starts: the outcome of the branch that ended the one before, if any. */
static void on_block(unsigned int vcpu, void *udata)
{
	uint64_t pc = (uintptr_t)udata, i = pending.pc % PREDICTOR_ENTRIES;

	if (pending.kind == CONDITIONAL) {
		bool taken = pc != pending.fallthrough;

		now.branches++;
		now.branch_misses += taken != (counter[i] >= 2);
		if (taken && counter[i] < 3)
			counter[i]++;
		else if (!taken && counter[i] > 0)
			counter[i]--;
	} else if (pending.kind == INDIRECT) {
		now.branches++;
		now.branch_misses += btb[i] != pc;
		btb[i] = pc;
	}
	pending.kind = NOT_BRANCH;
}

/*
 * udata: the branch's address shifted left by 16 (x86-64 addresses are canonical: bits 63-47
 * alike, so an arithmetic shift back restores them), its size in bits 1-4, bit 0 for indirect.
 */
static void *branch_udata(uint64_t pc, size_t size, enum branch_kind kind)
{
	return (void *)(uintptr_t)(pc << 16 | size << 1 | (kind == INDIRECT));
}

static void on_branch(unsigned int vcpu, void *udata)
{
	int64_t a = (intptr_t)udata;

	pending.kind = a & 1 ? INDIRECT : CONDITIONAL;
	pending.pc = (uint64_t)(a >> 16);
	pending.fallthrough = pending.pc + (a >> 1 & 15);
}

/* Conditional jumps (jcc rel8/rel32, jcxz, loop) and indirect jmp/call (ff /2, ff /4). */
static enum branch_kind branch_kind(const uint8_t *b, size_t n)
{
	size_t i = 0;

	/* Segment (branch hint), operand-size, notrack and REX prefixes. */
	while (i < n && (b[i] == 0x2e || b[i] == 0x3e || b[i] == 0x66 || (b[i] & 0xf0) == 0x40))
		i++;
	if (i >= n)
		return NOT_BRANCH;
	if ((b[i] >= 0x70 && b[i] <= 0x7f) || (b[i] >= 0xe0 && b[i] <= 0xe3))
		return CONDITIONAL;
	if (b[i] == 0x0f && i + 1 < n && b[i + 1] >= 0x80 && b[i + 1] <= 0x8f)
		return CONDITIONAL;
	if (b[i] == 0xff && i + 1 < n && ((b[i + 1] >> 3 & 7) == 2 || (b[i + 1] >> 3 & 7) == 4))
		return INDIRECT;
	return NOT_BRANCH;
}

static uint32_t marker_kind(struct qemu_plugin_insn *insn)
{
	const uint8_t *b = qemu_plugin_insn_data(insn);
	uint32_t magic;

	if (qemu_plugin_insn_size(insn) != HC_MARKER_LEN || b[0] != 0x0f || b[1] != 0x1f ||
	    b[2] != 0x80)
		return 0;
	memcpy(&magic, b + 3, sizeof(magic));
	return magic == HC_MARKER_BEGIN || magic == HC_MARKER_END ? magic : 0;
}

static void on_translate(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	uint64_t prev_line = UINT64_MAX;
	unsigned int shift = l1i.line_shift;

	if (mode == SIMULATING && model)
		qemu_plugin_register_vcpu_tb_exec_cb(tb, on_block, QEMU_PLUGIN_CB_NO_REGS,
						     (void *)(uintptr_t)qemu_plugin_tb_vaddr(tb));
	for (size_t i = 0; i < qemu_plugin_tb_n_insns(tb); i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);
		uint64_t pc = qemu_plugin_insn_vaddr(insn);
		uint64_t first = pc >> shift;
		uint64_t last = (pc + qemu_plugin_insn_size(insn) - 1) >> shift;
		uint32_t kind = marker_kind(insn);
		enum branch_kind branch;

		if (kind)
			qemu_plugin_register_vcpu_insn_exec_cb(insn, on_marker,
							       QEMU_PLUGIN_CB_NO_REGS,
							       (void *)(uintptr_t)kind);
		if (mode != SIMULATING)
			continue;
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   &now.insns[pc >> 63], 1);
		if (!model)
			continue;
		if (first != prev_line || last != first)
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, on_fetch, QEMU_PLUGIN_CB_NO_REGS,
				(void *)(uintptr_t)((first << shift) | (last != first)));
		qemu_plugin_register_vcpu_mem_cb(insn, on_mem, QEMU_PLUGIN_CB_NO_REGS,
						 QEMU_PLUGIN_MEM_RW, NULL);
		branch = branch_kind(qemu_plugin_insn_data(insn), qemu_plugin_insn_size(insn));
		if (branch != NOT_BRANCH)
			qemu_plugin_register_vcpu_insn_exec_cb(
				insn, on_branch, QEMU_PLUGIN_CB_NO_REGS,
				branch_udata(pc, qemu_plugin_insn_size(insn), branch));
		prev_line = last;
	}
	if (mode == SIMULATING)
		hc_prof_translate(tb);
}

static void on_atexit(qemu_plugin_id_t id, void *p)
{
	if (out)
		fclose(out);
	out = NULL;
	hc_prof_close();
}

/* The reset removed every callback: the simulation's come back in. */
static void on_reset(qemu_plugin_id_t id)
{
	mode = SIMULATING;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_atexit, NULL);
}

static int usage(const char *why, const char *what)
{
	fprintf(stderr, "hookcost-plugin: %s%s (args: out=FILE, l1i=SIZE:WAYS, l1d=SIZE:WAYS, "
		"ll=SIZE:WAYS, line=BYTES, profile=FILE, model=off)\n", why, what);
	return -1;
}

/* line=BYTES: a whole number (hookcost/number.h), or 0, which the caller refuses. */
static uint64_t line_bytes(const char *s)
{
	const char *end;
	uint64_t v;

	return hc_scan_u64(s, &end, 10, &v) && !*end ? v : 0;
}

static int configure(int argc, char **argv, const char **path, const char **prof_path,
		     const char *geom[3], unsigned int *line_shift)
{
	static const char *const names[] = { "l1i=", "l1d=", "ll=" };
	uint64_t line = 64;

	for (int i = 0; i < argc; i++) {
		bool known = false;

		for (int c = 0; c < 3; c++)
			if (!strncmp(argv[i], names[c], strlen(names[c]))) {
				geom[c] = argv[i] + strlen(names[c]);
				known = true;
			}
		if (!strncmp(argv[i], "out=", 4))
			*path = argv[i] + 4;
		else if (!strncmp(argv[i], "profile=", 8))
			*prof_path = argv[i] + 8;
		else if (!strcmp(argv[i], "model=off"))
			model = false;
		else if (!strncmp(argv[i], "line=", 5))
			line = line_bytes(argv[i] + 5);
		else if (!known)
			return usage("unknown argument ", argv[i]);
	}
	if (!*path)
		return usage("no out=FILE", "");
	if (line < 8 || (line & (line - 1)))
		return usage("line= must be a power of two, at least 8", "");
	*line_shift = __builtin_ctzll(line);
	return 0;
}

QEMU_PLUGIN_EXPORT int qemu_plugin_install(qemu_plugin_id_t id, const qemu_info_t *info,
					   int argc, char **argv)
{
	/* HC_CACHE_DEFAULT_GEOMETRY's caches */
	const char *path = NULL, *prof_path = NULL, *geom[3] = { "32K:8", "32K:8", "2M:16" };
	struct hc_cache *cache[3] = { &l1i, &l1d, &ll };
	unsigned int shift;

	if (strcmp(info->target_name, "x86_64"))
		return usage("only x86_64 guests", "");
	if (info->system_emulation && info->system.max_vcpus > 1)
		return usage("one vCPU only (-smp 1): the counts are the vCPU's", "");
	if (configure(argc, argv, &path, &prof_path, geom, &shift))
		return -1;
	for (int c = 0; c < 3; c++) {
		uint64_t size, ways;

		if (!hc_cache_size_parse(geom[c], &size, &ways) ||
		    !hc_cache_init(cache[c], size, ways, shift))
			return usage("bad cache geometry ", geom[c]);
	}
	out = fopen(path, "w");
	if (!out)
		return usage("cannot write ", path);
	if (prof_path && !hc_prof_open(prof_path))
		return usage("cannot write ", prof_path);
	fprintf(out, "# hookcost-plugin/2 l1i=%s l1d=%s ll=%s line=%u\n", geom[0], geom[1],
		geom[2], 1u << shift);
	fprintf(out, "# seq insns_user insns_kernel l1i_misses l1d_accesses l1d_misses "
		"ll_accesses ll_misses est_cycles branches branch_misses whole\n");
	plugin_id = id;
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_translate);
	qemu_plugin_register_atexit_cb(id, on_atexit, NULL);
	return 0;
}
