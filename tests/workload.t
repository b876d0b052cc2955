#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost workload, the VM matrices' whole-program case, on the host: one sample per run,
# the op count from an ops=N line, and a command that fails is bad input (exit 2, one line).
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 8

"$HOOKCOST" workload -n 4 -w 1 --name w -o "$dir/w.json" -- 'echo noise; echo ops=250' \
	2>"$dir/err"
ok $? "a workload that prints ops=250 ($(head -n 1 "$dir/err"))"
json_check "$dir/w.json" '(d["schema"] == "hookcost-workload/1" and len(d["ticks"]) == 4 and
	all(t > 0 for t in d["ticks"]) and d["ops"] == 250 and d["name"] == "w" and
	d["config"] == "unused")'
ok $? "4 samples of positive ticks, ops 250, name and configuration recorded"
"$HOOKCOST" workload -n 2 -w 0 -o "$dir/n.json" -- 'true' 2>/dev/null
json_check "$dir/n.json" 'd["ops"] is None and len(d["ticks"]) == 2'
ok $? "no ops line: ops is null"
"$HOOKCOST" workload -n 2 -o "$dir/f.json" -- 'exit 3' 2>"$dir/err"
rc=$?
ok $([ $rc -eq 2 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] &&
	grep -q "exited with status 3" "$dir/err" && echo 0 || echo 1) \
	"a failing workload: exit 2 ($rc), one line: $(head -n 1 "$dir/err")"
ok $([ ! -e "$dir/f.json" ] && echo 0 || echo 1) "and no result file"

# bystander and active need a cgroup v2 hierarchy at /sys/fs/cgroup: anywhere else the
# directory made there is no cgroup, and the run would be neither configuration.
if [ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ]; then
	skip "/sys/fs/cgroup is cgroup v2 here: the refusal is not reachable"
else
	"$HOOKCOST" workload --config active -n 1 -o "$dir/a.json" -- "touch $dir/ran" \
		2>"$dir/err"
	rc=$?
	ok $([ $rc -eq 2 ] && [ "$(wc -l <"$dir/err")" -eq 1 ] && grep -q 'cgroup v2' "$dir/err" &&
		[ ! -e "$dir/ran" ] && [ ! -e "$dir/a.json" ] &&
		[ ! -e /sys/fs/cgroup/hookcost-workload ] && echo 0 || echo 1) \
		"--config active without cgroup v2: exit 2 ($rc) before the command runs, nothing made"
fi

# SIGTERM mid-run: the run in progress ends, then what the runs made is removed (with cgroup
# v2, the cgroup of --config active), no file is written and the status says the signal.
config=unused
[ "$(stat -f -c %T /sys/fs/cgroup 2>/dev/null)" = cgroup2fs ] && [ "$(id -u)" -eq 0 ] &&
	config=active
"$HOOKCOST" workload --config $config -n 3 -w 0 -o "$dir/s.json" -- 'sleep 1' 2>"$dir/err" &
pid=$!
sleep 0.4
kill -TERM $pid
wait $pid
rc=$?
ok $([ $rc -eq 143 ] && [ ! -e "$dir/s.json" ] && [ "$(wc -l <"$dir/err")" -eq 1 ] &&
	grep -q 'interrupted; .* was not written' "$dir/err" && echo 0 || echo 1) \
	"SIGTERM (--config $config): exit 143 ($rc), one line, no file: $(head -n 1 "$dir/err")"
ok $([ ! -e /sys/fs/cgroup/hookcost-workload ] && echo 0 || echo 1) \
	"and no hookcost-workload cgroup is left"
exit $((tap_failed > 0))
