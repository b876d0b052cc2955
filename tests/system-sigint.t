#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The system suite's cleanup guarantee: SIGINT while hookcost's cgroup exists leaves no
# hookcost cgroup and a valid partial result ("complete": false); SIGKILL leaves one, which the
# next run sweeps; and that run starts clean and restores the key state it found.
. "$(dirname "$0")/lib/tap.sh"

# The memory hierarchy's mount point: a v1 hierarchy with memory, else a cgroup2 offering it.
memcg_mount() {
	local m
	m=$(awk '$0 ~ / - cgroup / { n = split($NF, o, ","); for (i = 1; i <= n; i++)
		if (o[i] == "memory") { print $5; exit } }' /proc/self/mountinfo)
	if [ -z "$m" ]; then
		for m in $(awk '$0 ~ / - cgroup2 / { print $5 }' /proc/self/mountinfo); do
			grep -qw memory "$m/cgroup.controllers" 2>/dev/null && break
			m=
		done
	fi
	echo "$m"
}

[ "$(id -u)" = 0 ] || skip_all "needs root: only root creates cgroups and moves tasks"
grep -qw memory /proc/cgroups ||
	skip_all "the kernel has no cgroup memory controller (CONFIG_MEMCG=n)"
mnt=$(memcg_mount)
[ -n "$mnt" ] || skip_all "no cgroup memory controller mounted (v1 memory or cgroup2 +memory)"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 9

# The run's cgroups, or nothing.
ours() { ls -d "$mnt/hookcost-$1-"* 2>/dev/null; }

# Starts a long system run, waits until a result file is out, and stops the run (SIGSTOP) at
# a moment its cgroup exists.
start_run() {
	"$HOOKCOST" run --case sys.pipe_create,sys.socket_create,sys.tcp_rr \
		--config unused,bystander,active --backend tsc -n 40 -w 0 -t 0.002 -q \
		-o "$dir/$1.json" 2>"$dir/$1.err" &
	pid=$!
	for _ in $(seq 1200); do
		[ -e "$dir/$1.json" ] && break
		sleep 0.05
	done
	for _ in $(seq 400); do
		kill -STOP "$pid" 2>/dev/null || return 1
		[ -n "$(ours "$pid")" ] && return 0
		kill -CONT "$pid"
		sleep 0.02
	done
	return 1
}

start_run int
started=$?
kill -INT "$pid"
kill -CONT "$pid"
wait "$pid"
rc=$?
ok $([ $started = 0 ] && [ $rc = 130 ] && echo 0 || echo 1) \
	"SIGINT while hookcost's cgroup exists: exit 130 (started $started, exit $rc)"
ok $([ -z "$(ours "$pid")" ] && echo 0 || echo 1) "no hookcost cgroup of that run remains"
json_check "$dir/int.json" 'd["complete"] is False and len(d["results"]) >= 1'
ok $? "the partial result is valid JSON with \"complete\": false"
ok $(grep -q 'not back where it was' "$dir/int.err" && echo 1 || echo 0) \
	"the run found the key state back where it was"

start_run kill
started=$?
kill -KILL "$pid"
wait "$pid" 2>/dev/null
ok $([ $started = 0 ] && [ -n "$(ours "$pid")" ] && echo 0 || echo 1) \
	"SIGKILL leaves the run's cgroup behind"
killed=$pid

"$HOOKCOST" run --case sys.socket_create --config unused,active --backend tsc -n 3 -w 0 \
	-t 0.002 -q -o "$dir/next.json" 2>"$dir/next.err"
rc=$?
ok $([ $rc = 0 ] && echo 0 || echo 1) "the next run succeeds (exit $rc)"
ok $(grep -q 'removed 1 hookcost cgroups left by runs that were killed' "$dir/next.err" &&
	echo 0 || echo 1) "it swept the killed run's cgroup"
ok $([ -z "$(ours "$killed")" ] && [ -z "$(ls -d "$mnt"/hookcost-* 2>/dev/null)" ] &&
	echo 0 || echo 1) "no hookcost cgroup remains at all"
json_check "$dir/next.json" 'd["complete"] is True and all("skipped" not in r for r in
	d["results"])'
ok $? "it measured unused and active, complete"
exit $((tap_failed > 0))
