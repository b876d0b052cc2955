// SPDX-License-Identifier: GPL-2.0
/*
 * The system suite's socket and pipe cases: loopback TCP request/response and stream, and the
 * creation of a socket and of a pipe. The sockets a sample uses are made after the switch
 * into the variant's configuration (system.c says why).
 */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "base/error.h"
#include "suites/system_case.h"

static void tcp_close(struct sys_var *s)
{
	/* Linger 0: reset, so neither end lingers in TIME_WAIT or keeps the cgroup alive. */
	struct linger lg = { .l_onoff = 1, .l_linger = 0 };

	for (int i = 0; i < 2; i++) {
		if (s->fd[i] < 0)
			continue;
		setsockopt(s->fd[i], SOL_SOCKET, SO_LINGER, &lg, sizeof(lg));
		close(s->fd[i]);
		s->fd[i] = -1;
	}
}

/* A connected loopback TCP pair: fd[0] the client, fd[1] the accepted end. */
static int tcp_open(struct sys_var *s)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t len = sizeof(a);
	int one = 1, l;

	l = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (l < 0)
		return hc_err("socket: %s", strerror(errno));
	if (bind(l, (struct sockaddr *)&a, sizeof(a)) || listen(l, 1) ||
	    getsockname(l, (struct sockaddr *)&a, &len))
		goto fail;
	s->fd[0] = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (s->fd[0] < 0 || connect(s->fd[0], (struct sockaddr *)&a, sizeof(a)))
		goto fail;
	s->fd[1] = accept4(l, NULL, NULL, SOCK_CLOEXEC);
	if (s->fd[1] < 0)
		goto fail;
	close(l);
	/* No Nagle: a request must not wait for the delayed ACK of the previous one. */
	for (int i = 0; i < 2; i++)
		if (setsockopt(s->fd[i], IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one)))
			return hc_err("TCP_NODELAY: %s", strerror(errno));
	return 0;
fail:
	hc_err("loopback TCP connection: %s", strerror(errno));
	close(l);
	tcp_close(s);
	return -1;
}

/*
 * Moves len bytes from a to b on one thread. The writer must not block on a full send buffer
 * while the reader (this same thread) is the one to drain it, so sends are non-blocking and
 * alternate with reads; a message that fits goes as one send and one read.
 */
static int xfer(int a, int b, const char *buf, char *rbuf, size_t len)
{
	size_t sent = 0, got = 0;

	while (got < len) {
		ssize_t n;

		if (sent < len) {
			n = send(a, buf + sent, len - sent, MSG_DONTWAIT | MSG_NOSIGNAL);
			if (n > 0)
				sent += n;
			else if (errno != EAGAIN && errno != EINTR)
				return -1;
		}
		n = recv(b, rbuf + got, len - got, sent < len ? MSG_DONTWAIT : MSG_WAITALL);
		if (n > 0)
			got += n;
		else if (!n || (errno != EAGAIN && errno != EINTR))
			return n ? -1 : (errno = ECONNRESET, -1);
	}
	return 0;
}

static void tcp_rr_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		if (xfer(s->fd[0], s->fd[1], s->buf, s->rbuf, s->size) ||
		    xfer(s->fd[1], s->fd[0], s->buf, s->rbuf, s->size)) {
			s->err = errno;
			return;
		}
	});
}

static void tcp_stream_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		if (xfer(s->fd[0], s->fd[1], s->buf, s->rbuf, s->size)) {
			s->err = errno;
			return;
		}
	});
}

static void socket_create_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);

		if (fd < 0) {
			s->err = errno;
			return;
		}
		close(fd);
	});
}

static void pipe_create_run(void *state, uint64_t iters)
{
	struct sys_var *s = state;

	HC_LOOP(iters, {
		int p[2];

		if (pipe2(p, O_CLOEXEC)) {
			s->err = errno;
			return;
		}
		close(p[0]);
		close(p[1]);
	});
}

static const struct sys_ops tcp_ops = { .open = tcp_open, .close = tcp_close };
static const struct sys_ops plain_ops = { 0 };

static const struct hc_param_def rr_params[] = {
	{ .name = "size", .unit = "B", .defaults = "1,1024,16384", .min = 1, .max = 1 << 20 },
	{ 0 },
};

static const struct hc_param_def stream_params[] = {
	{ .name = "size", .unit = "B", .defaults = "65536", .min = 1, .max = 1 << 24 },
	{ 0 },
};

SYS_CASE(sys_tcp_rr, "sys.tcp_rr",
	 "loopback TCP request/response of SIZE bytes each way, one thread, per round trip",
	 rr_params, tcp_rr_run, tcp_ops);
SYS_CASE(sys_tcp_stream, "sys.tcp_stream",
	 "loopback TCP: one SIZE-byte write and the read draining it, per write",
	 stream_params, tcp_stream_run, tcp_ops);
SYS_CASE(sys_socket_create, "sys.socket_create", "socket(AF_INET, SOCK_STREAM) + close",
	 NULL, socket_create_run, plain_ops);
SYS_CASE(sys_pipe_create, "sys.pipe_create", "pipe2 + two closes", NULL, pipe_create_run,
	 plain_ops);
