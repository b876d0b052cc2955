// SPDX-License-Identifier: GPL-2.0
/*
 * kctl: drives hookcost.ko's debugfs files directly, for the VM checks (scripts/vm) that look
 * at the module itself rather than at the harness' statistics:
 *   kctl run CASE GATE CONFIG ITERS SAMPLES [PARAM]   one request; prints the result
 *   kctl fuzz COUNT SEED     COUNT malformed or random writes; fails unless all are rejected
 *   kctl busy                a second request during a long run must get EBUSY
 *   kctl session             an open case is its file's alone, and closing the file closes it
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <hookcost/kcases.h>

#define REQ_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_REQUEST
#define RES_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_RESULT
#define CASES_PATH HC_DEBUGFS_PATH "/" HC_DEBUGFS_CASES

/* Prints "kctl: MESSAGE" and returns status, for `return fail(...)`. */
static int fail(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("kctl: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return status;
}

static unsigned int lookup(const char *const *names, unsigned int nr, const char *s)
{
	unsigned int i;

	for (i = 0; i < nr; i++)
		if (!strcmp(names[i], s))
			return i;
	fprintf(stderr, "kctl: unknown name '%s'\n", s);
	exit(2);
}

static struct hc_kreq make_req(unsigned int id, unsigned int gate, unsigned int config,
			       uint64_t iters, unsigned int samples, uint64_t param)
{
	struct hc_kreq r = {
		.magic = HC_KABI_MAGIC, .version = HC_KABI_VERSION, .case_id = id, .gate = gate,
		.config = config, .samples = samples, .iters = iters, .param = param,
	};
	return r;
}

/* Returns 0 or the errno of the write. */
static int submit(const void *buf, size_t len, const char *path, off_t off)
{
	int fd = open(path, O_WRONLY);
	ssize_t n;
	int err = 0;

	if (fd < 0)
		return errno;
	n = off ? pwrite(fd, buf, len, off) : write(fd, buf, len);
	if (n < 0)
		err = errno;
	else if ((size_t)n != len)
		err = EIO;
	close(fd);
	return err;
}

static int cmd_run(int argc, char **argv)
{
	struct hc_kreq req;
	struct hc_kres res;
	unsigned int i;
	int fd, err;

	if (argc < 7)
		return fail(2, "run CASE GATE CONFIG ITERS SAMPLES [PARAM]");
	if (!hc_kcase_id(argv[2]))
		return fail(2, "unknown case '%s'", argv[2]);
	req = make_req(hc_kcase_id(argv[2]),
		       lookup(hc_gate_names, HC_GATE__NR, argv[3]),
		       lookup(hc_config_names, HC_CONFIG__NR, argv[4]), strtoull(argv[5], NULL, 0),
		       strtoul(argv[6], NULL, 0), argc > 7 ? strtoull(argv[7], NULL, 0) : 0);
	err = submit(&req, sizeof(req), REQ_PATH, 0);
	if (err)
		return fail(1, "run %s: %s", argv[2], strerror(err));
	fd = open(RES_PATH, O_RDONLY);
	if (fd < 0 || read(fd, &res, sizeof(res)) != sizeof(res))
		return fail(1, "reading %s: %s", RES_PATH, strerror(errno));
	close(fd);
	printf("%s %s %s iters=%llu param=%llu flags=%#x check=%llu tsc=", argv[2], argv[3],
	       argv[4], (unsigned long long)res.iters, (unsigned long long)res.param, res.flags,
	       (unsigned long long)res.check);
	for (i = 0; i < res.samples; i++)
		printf("%s%llu", i ? "," : "", (unsigned long long)res.tsc[i]);
	printf("\n");
	return 0;
}

static uint64_t rnd_state;

static uint64_t rnd(void)
{
	rnd_state ^= rnd_state << 13;
	rnd_state ^= rnd_state >> 7;
	rnd_state ^= rnd_state << 17;
	return rnd_state;
}

/* A valid request with exactly one thing wrong with it. */
static struct hc_kreq corrupt(unsigned int kind)
{
	struct hc_kreq r = make_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 10, 1, 0);

	switch (kind % 15) {
	case 0:
		r.magic = rnd();
		break;
	case 1:
		r.version = HC_KABI_VERSION + 1 + rnd() % 1000;
		break;
	case 2:
		r.case_id = rnd() % 2 ? HC_KCASE_INVALID : HC_KCASE__NR + rnd() % 100;
		break;
	case 3:
		r.gate = HC_GATE_STATIC + rnd() % 100;
		break;
	case 4:
		r.config = HC_CONFIG_OFF + rnd() % 100;
		break;
	case 5:
		r.samples = rnd() % 2 ? 0 : HC_KREQ_MAX_SAMPLES + 1 + rnd() % 1000;
		break;
	case 6:
		r.iters = HC_KREQ_MAX_ITERS + 1 + rnd() % 1000000;
		break;
	case 7:
		r.param = 1 + rnd() % 4096;
		break;
	case 8:
		if (rnd() % 2)
			r.reserved32 = rnd() | 1;
		else
			r.reserved = rnd() | 1;
		break;
	case 9:
		r = make_req(HC_KCASE_KMALLOC_UNACCT, HC_GATE_NONE, HC_CONFIG_NONE, 10, 1,
			     rnd() % 2 ? rnd() % 8 : 8193 + rnd() % 100000);
		break;
	case 10:
		r = make_req(HC_KCASE_KEY_TOGGLE, HC_GATE_STATIC, HC_CONFIG_NONE,
			     (1u << 16) + 1 + rnd() % 1000, 1, 0);
		break;
	case 11:
		r = make_req(HC_KCASE_KEY_HOOK, HC_GATE_STATIC, HC_CONFIG_BYSTANDER, 10, 1, 0);
		break;
	case 12:
		r.op = HC_KREQ__NR + rnd() % 100;
		break;
	case 13: /* none open */
		r.op = rnd() % 2 ? HC_KREQ_SAMPLE : HC_KREQ_CLOSE;
		break;
	default:	/* OPEN takes no samples or iterations */
		r.op = HC_KREQ_OPEN;
		if (rnd() % 2)
			r.iters = 0;
		break;
	}
	return r;
}

static int cmd_fuzz(int argc, char **argv)
{
	unsigned long count = argc > 2 ? strtoul(argv[2], NULL, 0) : 1000;
	unsigned long i, accepted = 0, other = 0;
	unsigned char buf[4 * sizeof(struct hc_kreq)];
	struct hc_kreq r;
	size_t len, j;
	int err;

	rnd_state = argc > 3 ? strtoull(argv[3], NULL, 0) | 1 : 1;
	for (i = 0; i < count; i++) {
		const char *path = REQ_PATH;
		off_t off = 0;

		switch (rnd() % 4) {
		case 0:		/* random bytes, random length (the right one included) */
			len = rnd() % 3 ? rnd() % sizeof(buf) + 1 : sizeof(struct hc_kreq);
			for (j = 0; j < len; j++)
				buf[j] = rnd();
			break;
		case 1:		/* one field wrong */
			r = corrupt(rnd());
			memcpy(buf, &r, sizeof(r));
			len = sizeof(r);
			break;
		case 2:		/* a valid request, cut short, padded, or at an offset */
			r = make_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 10, 1, 0);
			memset(buf, 0, sizeof(buf));
			memcpy(buf, &r, sizeof(r));
			len = sizeof(r);
			if (rnd() % 3)
				len = rnd() % 2 ? rnd() % len : len + 1 + rnd() % sizeof(r);
			else
				off = 1 + rnd() % 100;
			break;
		default:	/* writes to the read-only files */
			path = rnd() % 2 ? RES_PATH : CASES_PATH;
			len = rnd() % sizeof(buf) + 1;
			for (j = 0; j < len; j++)
				buf[j] = rnd();
			break;
		}
		err = submit(buf, len, path, off);
		if (!err)
			accepted++;
		else if (err != EINVAL && err != EACCES && err != EPERM && err != ESPIPE)
			other++;
	}
	printf("fuzz: %lu writes, %lu accepted, %lu rejected with an unexpected errno\n", count,
	       accepted, other);
	return accepted || other;
}

static int cmd_busy(void)
{
	struct hc_kreq slow = make_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE,
				       HC_KREQ_MAX_ITERS, HC_KREQ_MAX_SAMPLES, 0);
	struct hc_kreq quick = make_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 1, 1, 0);
	int status, err = 0, tries;
	pid_t pid = fork();

	if (pid < 0)
		return fail(1, "fork: %s", strerror(errno));
	if (!pid)
		_exit(submit(&slow, sizeof(slow), REQ_PATH, 0) ? 1 : 0);
	for (tries = 0; tries < 1000 && err != EBUSY; tries++) {
		usleep(10000);
		err = submit(&quick, sizeof(quick), REQ_PATH, 0);
	}
	waitpid(pid, &status, 0);
	printf("busy: second request %s; long run %s\n", err == EBUSY ? "got EBUSY" : strerror(err),
	       WIFEXITED(status) && !WEXITSTATUS(status) ? "completed" : "failed");
	return err != EBUSY || !WIFEXITED(status) || WEXITSTATUS(status);
}

/* Writes req on fd; 0 or the errno. */
static int put(int fd, struct hc_kreq req, unsigned int op)
{
	req.op = op;
	if (op == HC_KREQ_OPEN || op == HC_KREQ_CLOSE) {
		req.samples = 0;
		req.iters = 0;
	}
	return write(fd, &req, sizeof(req)) == sizeof(req) ? 0 : errno;
}

static int cmd_session(void)
{
	struct hc_kreq hook = make_req(HC_KCASE_KEY_HOOK, HC_GATE_STATIC, HC_CONFIG_ACTIVE, 100, 1,
				       0);
	struct hc_kreq empty = make_req(HC_KCASE_EMPTY, HC_GATE_NONE, HC_CONFIG_NONE, 10, 1, 0);
	int a = open(REQ_PATH, O_WRONLY), b = open(REQ_PATH, O_WRONLY);
	int open_ok, sample_ok, other_busy, other_sample, after_close;

	if (a < 0 || b < 0)
		return fail(1, "%s: %s", REQ_PATH, strerror(errno));
	open_ok = put(a, hook, HC_KREQ_OPEN);
	sample_ok = put(a, hook, HC_KREQ_SAMPLE) | put(a, hook, HC_KREQ_SAMPLE);
	other_busy = put(b, empty, HC_KREQ_RUN);
	other_sample = put(b, hook, HC_KREQ_SAMPLE);
	close(a);		/* no CLOSE: the release must tear the case down */
	after_close = put(b, empty, HC_KREQ_RUN);
	close(b);
	printf("session: open %s, samples %s, another file's run %s, its sample %s, run after "
	       "the owner's close %s\n", strerror(open_ok), strerror(sample_ok),
	       strerror(other_busy), strerror(other_sample), strerror(after_close));
	return open_ok || sample_ok || other_busy != EBUSY || other_sample != EBUSY ||
	       after_close;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "run"))
		return cmd_run(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "fuzz"))
		return cmd_fuzz(argc, argv);
	if (argc > 1 && !strcmp(argv[1], "busy"))
		return cmd_busy();
	if (argc > 1 && !strcmp(argv[1], "session"))
		return cmd_session();
	return fail(2, "usage: kctl run|fuzz|busy|session ...");
}
