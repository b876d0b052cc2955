// SPDX-License-Identifier: GPL-2.0
/*
 * What sys.tcp_rr size=1 measures, without the harness: ROUNDS round trips of one byte each
 * way on a connected loopback TCP pair (TCP_NODELAY, as the case sets), timed by rdtsc and
 * bracketed by the hookcost markers, SAMPLES times after one warm-up. Prints the TSC ticks
 * per round trip of each sample; under the profile (scripts/vm run --profile) each sample is
 * a window of its own. scripts/tcp-rr-bare compares it with the harness.
 *
 * usage: tcp-rr-bare ROUNDS SAMPLES
 */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/socket.h>
#include <unistd.h>
#include <x86intrin.h>

#include "hookcost/marker.h"

static int pair(int fd[2])
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int one = 1, l = socket(AF_INET, SOCK_STREAM, 0);

	if (l < 0 || bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		return -1;
	fd[0] = socket(AF_INET, SOCK_STREAM, 0);
	if (fd[0] < 0 || connect(fd[0], (struct sockaddr *)&a, sizeof(a)))
		return -1;
	fd[1] = accept(l, NULL, NULL);
	close(l);
	if (fd[1] < 0)
		return -1;
	for (int i = 0; i < 2; i++)
		if (setsockopt(fd[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
			return -1;
	return 0;
}

static int rounds(const int fd[2], long n)
{
	char c = 'x';

	for (long i = 0; i < n; i++)
		if (send(fd[0], &c, 1, 0) != 1 || recv(fd[1], &c, 1, 0) != 1 ||
		    send(fd[1], &c, 1, 0) != 1 || recv(fd[0], &c, 1, 0) != 1)
			return -1;
	return 0;
}

int main(int argc, char **argv)
{
	long n = argc == 3 ? atol(argv[1]) : 0, samples = argc == 3 ? atol(argv[2]) : 0;
	int fd[2];

	if (n <= 0 || samples <= 0) {
		fprintf(stderr, "usage: tcp-rr-bare ROUNDS SAMPLES\n");
		return 2;
	}
	if (pair(fd)) {
		perror("tcp-rr-bare: loopback TCP pair");
		return 1;
	}
	for (long s = 0; s <= samples; s++) {
		uint64_t t0, t1;

		HC_MARKER_NOP(HC_MARKER_BEGIN);
		t0 = __rdtsc();
		if (rounds(fd, n)) {
			perror("tcp-rr-bare: send/recv");
			return 1;
		}
		t1 = __rdtsc();
		HC_MARKER_NOP(HC_MARKER_END);
		if (s)
			printf("sample %ld: %.2f ticks per round trip\n", s, (double)(t1 - t0) / n);
	}
	return 0;
}
