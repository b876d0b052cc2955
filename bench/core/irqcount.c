// SPDX-License-Identifier: GPL-2.0
/*
 * The interruption count of a pinned thread. /proc/interrupts has one column per online PU,
 * named in its first line; the PU's column is found once and summed over every row on each
 * read. A row without that column (ERR, MIS: system-wide) is left out. This is the cheapest
 * per-PU signal the kernel offers without a PMU: /proc/stat's intr line is the sum over all
 * PUs, and /proc/softirqs would only add the softirqs an interrupt already shows.
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

#include "core/irqcount.h"

#define IRQ_BUF_MAX	(4u << 20)

struct hc_irqcount {
	int fd;
	int col;		/* the PU's column, -1 if unknown */
	char *buf;
	size_t cap;
};

/* The whole file into q->buf, NUL-terminated; its length, or -1. */
static ssize_t slurp(struct hc_irqcount *q)
{
	size_t len = 0;
	ssize_t n;

	for (;;) {
		if (len + 1 >= q->cap) {
			char *b = q->cap < IRQ_BUF_MAX ? realloc(q->buf, q->cap * 2) : NULL;

			if (!b)
				return -1;
			q->buf = b;
			q->cap *= 2;
		}
		n = pread(q->fd, q->buf + len, q->cap - len - 1, len);
		if (n < 0)
			return -1;
		if (!n)
			break;
		len += n;
	}
	q->buf[len] = '\0';
	return len;
}

static int find_column(struct hc_irqcount *q, int cpu)
{
	char name[32], *eol, *save = NULL;
	int col = 0;

	if (slurp(q) < 0)
		return -1;
	eol = strchr(q->buf, '\n');
	if (eol)
		*eol = '\0';
	snprintf(name, sizeof(name), "CPU%d", cpu);
	for (char *t = strtok_r(q->buf, " \t", &save); t; t = strtok_r(NULL, " \t", &save), col++)
		if (!strcmp(t, name))
			return col;
	return -1;
}

struct hc_irqcount *hc_irqcount_new(int cpu)
{
	struct hc_irqcount *q = calloc(1, sizeof(*q));

	if (!q)
		return NULL;
	q->cap = 16384;
	q->buf = malloc(q->cap);
	if (!q->buf) {
		free(q);
		return NULL;
	}
	q->col = -1;
	q->fd = open("/proc/interrupts", O_RDONLY | O_CLOEXEC);
	if (q->fd >= 0 && cpu >= 0)
		q->col = find_column(q, cpu);
	return q;
}

/* Column q->col of every row "NAME: n0 n1 ... description". */
static uint64_t proc_interrupts(struct hc_irqcount *q)
{
	uint64_t sum = 0;
	char *p, *end;

	if (q->col < 0 || slurp(q) < 0)
		return 0;
	p = strchr(q->buf, '\n');
	while (p && *++p) {
		char *colon = strchr(p, ':'), *eol = strchr(p, '\n');
		unsigned long long v = 0;
		int i;

		if (!colon || (eol && colon > eol)) {
			p = eol;
			continue;
		}
		end = colon + 1;
		for (i = 0; i <= q->col; i++) {
			char *s = end;

			v = strtoull(s, &end, 10);
			if (end == s || (eol && end > eol))
				break;
		}
		if (i > q->col)
			sum += v;
		p = eol;
	}
	return sum;
}

uint64_t hc_irqcount_read(struct hc_irqcount *q)
{
	struct rusage ru;
	uint64_t n = proc_interrupts(q);

	if (!getrusage(RUSAGE_THREAD, &ru))
		n += ru.ru_minflt + ru.ru_majflt + ru.ru_nvcsw + ru.ru_nivcsw;
	return n;
}

void hc_irqcount_free(struct hc_irqcount *q)
{
	if (!q)
		return;
	if (q->fd >= 0)
		close(q->fd);
	free(q->buf);
	free(q);
}
