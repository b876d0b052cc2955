/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Kernel entries a thread did not ask for: the interrupts of its PU (/proc/interrupts, every
 * row: device, timer, IPIs) plus its own page faults and context switches (getrusage). Read
 * before and after a sample, a difference says the sample's counts contain kernel work that
 * is not the case's: under qemu icount one timer tick adds thousands of instructions.
 */
#ifndef HC_IRQCOUNT_H
#define HC_IRQCOUNT_H

#include <stdint.h>

struct hc_irqcount;

/* For the calling thread on PU cpu; NULL on ENOMEM. Without /proc, only getrusage counts. */
struct hc_irqcount *hc_irqcount_new(int cpu);
uint64_t hc_irqcount_read(struct hc_irqcount *q);
void hc_irqcount_free(struct hc_irqcount *q);

#endif
