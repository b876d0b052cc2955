// SPDX-License-Identifier: GPL-2.0
/*
 * Per-instruction counts per sample window. Every translated block gets a record with one
 * counter per instruction, bumped by an inline add where the instruction runs (exact, as
 * -icount counts: a block left half-way by an exception counts only what ran). A sample's
 * begin marker zeroes every counter and its end marker writes those that moved:
 *
 *   # hookcost-profile/1
 *   t ID VADDR SIZE,SIZE,...   block ID: where it starts and its instructions' sizes in
 *                              bytes (written once, before its first counts)
 *   s SEQ WHOLE                a sample ended (seq and whole as in the out= file);
 *                              its counts follow
 *   ID COUNT                   every instruction of block ID ran COUNT times
 *   ID C,C,...                 per instruction, when they differ
 *
 * Addresses are guest virtual; the host maps them to functions (scripts/profile-merge). A
 * block translated again (qemu flushed its code) is a new record: the host adds them up.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "profile.h"

struct rec {
	uint64_t vaddr;
	uint32_t n;
	bool described;
	uint8_t *sizes;
	uint64_t count[];
};

static struct rec **recs;
static size_t nr_recs, cap_recs;
static FILE *prof;

bool hc_prof_open(const char *path)
{
	prof = fopen(path, "w");
	if (prof)
		fputs("# hookcost-profile/1\n", prof);
	return prof;
}

void hc_prof_translate(struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);
	struct rec *r;

	if (!prof || !n)
		return;
	if (nr_recs == cap_recs) {
		size_t cap = cap_recs ? 2 * cap_recs : 4096;
		struct rec **p = realloc(recs, cap * sizeof(*p));

		if (!p)
			goto oom;
		recs = p;
		cap_recs = cap;
	}
	r = calloc(1, sizeof(*r) + n * sizeof(r->count[0]));
	if (!r || !(r->sizes = malloc(n))) {
		free(r);
		goto oom;
	}
	r->vaddr = qemu_plugin_tb_vaddr(tb);
	r->n = n;
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		r->sizes[i] = qemu_plugin_insn_size(insn);
		qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
							   &r->count[i], 1);
	}
	recs[nr_recs++] = r;
	return;
oom:
	/* A profile with holes would not add up: better none, said loudly. */
	fprintf(stderr, "hookcost-plugin: out of memory for the profile\n");
	fputs("# truncated: out of memory\n", prof);
	fclose(prof);
	prof = NULL;
}

void hc_prof_begin(void)
{
	for (size_t i = 0; prof && i < nr_recs; i++)
		memset(recs[i]->count, 0, recs[i]->n * sizeof(recs[i]->count[0]));
}

static void describe(struct rec *r, size_t id)
{
	fprintf(prof, "t %zu %" PRIx64 " ", id, r->vaddr);
	for (uint32_t i = 0; i < r->n; i++)
		fprintf(prof, "%s%u", i ? "," : "", r->sizes[i]);
	fputc('\n', prof);
	r->described = true;
}

void hc_prof_end(uint64_t seq, bool whole)
{
	if (!prof)
		return;
	fprintf(prof, "s %" PRIu64 " %d\n", seq, whole);
	for (size_t id = 0; id < nr_recs; id++) {
		struct rec *r = recs[id];
		bool moved = false, same = true;

		for (uint32_t i = 0; i < r->n; i++) {
			moved |= r->count[i] != 0;
			same &= r->count[i] == r->count[0];
		}
		if (!moved)
			continue;
		if (!r->described)
			describe(r, id);
		fprintf(prof, "%zu ", id);
		for (uint32_t i = 0; i < (same ? 1 : r->n); i++)
			fprintf(prof, "%s%" PRIu64, i ? "," : "", r->count[i]);
		fputc('\n', prof);
	}
}

void hc_prof_close(void)
{
	if (prof)
		fclose(prof);
	prof = NULL;
}
