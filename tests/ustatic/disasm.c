// SPDX-License-Identifier: GPL-2.0
/*
 * Helper of tests/ustatic-disasm.t: a program with a likely and an unlikely site on a FALSE
 * and on a TRUE key. It lists its sites (link-time addresses) so the test can disassemble
 * them in the binary as built; with "flip FILE" it first switches both keys and writes its
 * executable segment, as patched in memory, to FILE, so the same check runs on the patched
 * code.
 *
 * Output: "text VADDR" when a dump was written; "values" with what the unlikely and likely
 * sites of the FALSE key, then of the TRUE key, return; then per site
 * "site CODE TARGET KEY_ENABLED LIKELY" (hex addresses, 0/1 flags).
 */
#include <link.h>
#include <stdio.h>
#include <string.h>

#include "base/error.h"
#include <ustatic/ustatic.h>

static HC_DEFINE_STATIC_KEY_FALSE(key_false);
static HC_DEFINE_STATIC_KEY_TRUE(key_true);

static int __attribute__((noinline)) unlikely_false(void)
{
	return hc_static_branch_unlikely(&key_false);
}

static int __attribute__((noinline)) likely_false(void)
{
	return hc_static_branch_likely(&key_false);
}

static int __attribute__((noinline)) unlikely_true(void)
{
	return hc_static_branch_unlikely(&key_true);
}

static int __attribute__((noinline)) likely_true(void)
{
	return hc_static_branch_likely(&key_true);
}

struct text {
	uintptr_t lo, hi, vaddr;
};

static int find_text(struct dl_phdr_info *info, size_t size, void *arg)
{
	const ElfW(Phdr) *ph = hc_ustatic_segment(info, (uintptr_t)unlikely_false);
	struct text *t = arg;

	if (!ph || !(ph->p_flags & PF_X))
		return 0;
	t->lo = info->dlpi_addr + ph->p_vaddr;
	t->hi = t->lo + ph->p_memsz;
	t->vaddr = ph->p_vaddr;
	return 1;
}

static int dump_text(const char *path)
{
	struct text t = { 0 };
	FILE *f;

	if (!dl_iterate_phdr(find_text, &t))
		return hc_err("no executable segment holds the sites");
	f = fopen(path, "wb");
	if (!f)
		return hc_err("%s: cannot create", path);
	if (fwrite((void *)t.lo, 1, t.hi - t.lo, f) != t.hi - t.lo || fclose(f))
		return hc_err("%s: write failed", path);
	printf("text %lx\n", (unsigned long)t.vaddr);
	return 0;
}

static int print_site(const struct hc_ustatic_site *s, void *arg)
{
	const struct hc_jump_entry *e = s->entry;
	const struct hc_static_key *key = (const void *)(e->key & ~(uintptr_t)1);

	if (strcmp(s->object, "the program"))
		return 0;
	printf("site %lx %lx %d %d\n", (unsigned long)(e->code - s->base),
	       (unsigned long)(e->target - s->base), key->enabled != 0, (int)(e->key & 1));
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "flip")) {
		if (hc_static_key_enable(&key_false) || hc_static_key_disable(&key_true) ||
		    dump_text(argv[2])) {
			fprintf(stderr, "ustatic-disasm: %s\n", hc_err_msg());
			return 1;
		}
	} else if (argc != 1) {
		fprintf(stderr, "usage: ustatic-disasm [flip DUMPFILE]\n");
		return 2;
	}
	printf("values %d %d %d %d\n", unlikely_false(), likely_false(), unlikely_true(),
	       likely_true());
	hc_ustatic_for_each_site(print_site, NULL);
	return 0;
}
