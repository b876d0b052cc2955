// SPDX-License-Identifier: GPL-2.0
#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

#include "core/cgroup.h"
#include "core/env.h"
#include "version.h"

/* First line of a sysfs/procfs file, trimmed; "" if it cannot be read. */
static const char *read_line(const char *path, char *buf, size_t len)
{
	FILE *f = fopen(path, "r");

	buf[0] = '\0';
	if (!f)
		return buf;
	if (fgets(buf, len, f))
		buf[strcspn(buf, "\n")] = '\0';
	else
		buf[0] = '\0';
	fclose(f);
	return buf;
}

/* Value of the first "key\t: value" line of /proc/cpuinfo. */
static const char *cpuinfo(const char *key, char *buf, size_t len)
{
	FILE *f = fopen("/proc/cpuinfo", "r");
	char line[8192];
	size_t klen = strlen(key);

	buf[0] = '\0';
	if (!f)
		return buf;
	while (fgets(line, sizeof(line), f)) {
		char *colon = strchr(line, ':');

		if (!colon || strncmp(line, key, klen) || (line[klen] != '\t' && line[klen] != ' '))
			continue;
		colon += 1 + (colon[1] == ' ');
		colon[strcspn(colon, "\n")] = '\0';
		snprintf(buf, len, "%s", colon);
		break;
	}
	fclose(f);
	return buf;
}

static bool has_flag(const char *flags, const char *flag)
{
	size_t n = strlen(flag);

	for (const char *p = flags; (p = strstr(p, flag)); p += n)
		if ((p == flags || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

static void advise(json_t *env, const char *text)
{
	json_array_append_new(json_object_get(env, "advice"), json_string(text));
}

static void probe_cpu(json_t *env)
{
	char buf[256], flags[8192];
	json_t *cpu = json_object();
	bool vm;

	cpuinfo("flags", flags, sizeof(flags));
	vm = has_flag(flags, "hypervisor");
	json_object_set_new(cpu, "model", json_string(cpuinfo("model name", buf, sizeof(buf))));
	json_object_set_new(cpu, "vendor", json_string(cpuinfo("vendor_id", buf, sizeof(buf))));
	json_object_set_new(cpu, "online_pus", json_integer(sysconf(_SC_NPROCESSORS_ONLN)));
	json_object_set_new(cpu, "constant_tsc", json_boolean(has_flag(flags, "constant_tsc")));
	json_object_set_new(cpu, "nonstop_tsc", json_boolean(has_flag(flags, "nonstop_tsc")));
	read_line("/sys/devices/system/cpu/smt/active", buf, sizeof(buf));
	json_object_set_new(cpu, "smt_active", *buf ? json_boolean(buf[0] == '1') : json_null());
	if (buf[0] == '1')
		advise(env, "SMT is on: hookcost picks the idlest core, but a sibling's work still "
		       "disturbs cycles; for best results: echo off > "
		       "/sys/devices/system/cpu/smt/control");
	read_line("/sys/devices/system/cpu/isolated", buf, sizeof(buf));
	json_object_set_new(cpu, "isolated", json_string(buf));
	json_object_set_new(env, "cpu", cpu);

	json_object_set_new(env, "vm", json_boolean(vm));
	read_line("/sys/class/dmi/id/sys_vendor", buf, sizeof(buf));
	json_object_set_new(env, "dmi_vendor", json_string(buf));
	if (vm)
		advise(env, "running in a VM: cycles include the hypervisor's noise; instruction "
		       "counts stay reliable; for exact, repeatable counts use VM mode "
		       "(make vm-check, qemu -icount)");
}

const char *hc_env_governor(int pu, char *buf, size_t len)
{
	char path[96];

	snprintf(path, sizeof(path), "/sys/devices/system/cpu/cpu%d/cpufreq/scaling_governor", pu);
	return read_line(path, buf, len);
}

static void probe_frequency(json_t *env)
{
	char buf[128];
	json_t *freq = json_object();

	hc_env_governor(0, buf, sizeof(buf));
	json_object_set_new(freq, "governor", *buf ? json_string(buf) : json_null());
	if (*buf && strcmp(buf, "performance"))
		advise(env, "the frequency governor is not 'performance': cycles per op vary with "
		       "frequency; cpupower frequency-set -g performance");
	read_line("/sys/devices/system/cpu/cpufreq/boost", buf, sizeof(buf));
	if (!*buf) {
		read_line("/sys/devices/system/cpu/intel_pstate/no_turbo", buf, sizeof(buf));
		if (*buf)
			buf[0] = buf[0] == '1' ? '0' : '1';
	}
	json_object_set_new(freq, "boost", *buf ? json_boolean(buf[0] == '1') : json_null());
	if (buf[0] == '1')
		advise(env, "turbo/boost is on: the clock changes with temperature and load; "
		       "echo 0 > /sys/devices/system/cpu/cpufreq/boost (or intel_pstate/no_turbo 1)");
	json_object_set_new(env, "frequency", freq);
}

static void probe_perf(json_t *env)
{
	char buf[64];
	json_t *perf = json_object();
	bool pmu = access("/sys/bus/event_source/devices/cpu", F_OK) == 0 ||
		   access("/sys/bus/event_source/devices/cpu_core", F_OK) == 0;
	int paranoid;

	read_line("/proc/sys/kernel/perf_event_paranoid", buf, sizeof(buf));
	paranoid = *buf ? atoi(buf) : 99;
	json_object_set_new(perf, "paranoid", *buf ? json_integer(paranoid) : json_null());
	json_object_set_new(perf, "pmu", json_boolean(pmu));
	read_line("/sys/bus/event_source/devices/cpu/rdpmc", buf, sizeof(buf));
	json_object_set_new(perf, "rdpmc", *buf ? json_integer(atoi(buf)) : json_null());
	json_object_set_new(env, "perf", perf);

	if (!pmu)
		advise(env, "no hardware PMU is exposed (a VM without a virtual PMU?): the perf "
		       "backend cannot count; hookcost falls back to tsc (--backend tsc)");
	else if (paranoid > 1 && geteuid() != 0)
		advise(env, "kernel.perf_event_paranoid > 1 forbids counting kernel mode for "
		       "non-root users: sysctl -w kernel.perf_event_paranoid=1 (or run as root)");
}

/* The memory controller and the key states its tree implies (cgroup.c, shared with the
 * system suite, so both report the same thing). */
static void probe_cgroup(json_t *env)
{
	struct hc_cg_env cg;
	struct hc_cg_keys keys;
	json_t *o;

	hc_cg_probe(&cg);
	if (hc_cg_keys(&cg, &keys) == 0) {
		o = hc_cg_keys_json(&cg, &keys);
	} else {
		o = json_object();
		json_object_set_new(o, "version", json_null());
	}
	json_object_set_new(o, "memory_controller", json_boolean(cg.version != HC_CG_NONE));
	json_object_set_new(o, "self", json_string(cg.home));
	if (cg.version == HC_CG_NONE)
		json_object_set_new(o, "why", json_string(cg.why));
	json_object_set_new(env, "cgroup", o);
	if (cg.version == HC_CG_NONE)
		advise(env, "no usable cgroup memory controller: the system suite can measure only "
		       "the configuration the kernel is in");
	else if (!cg.can_write)
		advise(env, "not root: the system suite cannot create cgroups, so it measures only "
		       "the configuration the kernel is in (run as root for bystander and active)");
}

static void probe_kernel(json_t *env)
{
	struct utsname u;
	char buf[256];
	json_t *k = json_object();

	if (!uname(&u)) {
		json_object_set_new(k, "release", json_string(u.release));
		json_object_set_new(k, "version", json_string(u.version));
		json_object_set_new(k, "machine", json_string(u.machine));
		json_object_set_new(env, "hostname", json_string(u.nodename));
	}
	json_object_set_new(k, "modules", json_boolean(access("/proc/modules", F_OK) == 0));
	read_line("/proc/cmdline", buf, sizeof(buf));
	json_object_set_new(k, "cmdline", json_string(buf));
	json_object_set_new(env, "kernel", k);
}

static void probe_build(json_t *env)
{
	json_t *b = json_object();

	json_object_set_new(b, "version", json_string(HC_VERSION));
	json_object_set_new(b, "git_rev", json_string(HC_GIT_REV));
	json_object_set_new(b, "compiler", json_string("gcc " __VERSION__));
	json_object_set_new(b, "flags", json_string(HC_BUILD_FLAGS));
	json_object_set_new(env, "build", b);
}

json_t *hc_env_probe(void)
{
	json_t *env = json_object();
	char date[32];
	time_t now = time(NULL);

	strftime(date, sizeof(date), "%Y-%m-%dT%H:%M:%SZ", gmtime(&now));
	json_object_set_new(env, "date", json_string(date));
	json_object_set_new(env, "advice", json_array());
	json_object_set_new(env, "euid", json_integer(geteuid()));
	probe_build(env);
	probe_kernel(env);
	probe_cpu(env);
	probe_frequency(env);
	probe_perf(env);
	probe_cgroup(env);
	return env;
}

static void print_value(FILE *f, const char *key, const json_t *v)
{
	char *s;

	if (json_is_string(v)) {
		fprintf(f, "%-22s %s\n", key, json_string_value(v));
		return;
	}
	s = json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT);
	fprintf(f, "%-22s %s\n", key, s ? s : "?");
	free(s);
}

void hc_env_print(FILE *f, const json_t *env)
{
	const char *key, *sub;
	json_t *v, *w;
	char name[64];
	size_t i;

	json_object_foreach((json_t *)env, key, v) {
		if (!strcmp(key, "advice"))
			continue;
		if (!json_is_object(v)) {
			snprintf(name, sizeof(name), "%s:", key);
			print_value(f, name, v);
			continue;
		}
		json_object_foreach(v, sub, w) {
			snprintf(name, sizeof(name), "%s.%s:", key, sub);
			print_value(f, name, w);
		}
	}
	v = json_object_get(env, "advice");
	if (json_array_size(v))
		fprintf(f, "\nadvice:\n");
	json_array_foreach(v, i, w)
		fprintf(f, "  - %s\n", json_string_value(w));
}
