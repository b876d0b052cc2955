/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Sample boundaries a simulator can see: a 7-byte NOP, nopl disp32(%rax), with a magic
 * displacement. On hardware it is one NOP; the hookcost qemu plugin recognises it when it
 * translates the code and counts between a begin and the next end.
 */
#ifndef HOOKCOST_MARKER_H
#define HOOKCOST_MARKER_H

#define HC_MARKER_BEGIN	0x48430001u	/* "HC" and a kind */
#define HC_MARKER_END	0x48430002u
#define HC_MARKER_LEN	7		/* 0f 1f 80 + the displacement, little-endian */

#define HC_MARKER_STR(x) #x
#define HC_MARKER_NOP(magic) \
	__asm__ __volatile__("nopl " HC_MARKER_STR(magic) "(%%rax)" ::: "memory")

#endif
