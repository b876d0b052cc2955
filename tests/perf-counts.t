#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# With hardware counters: the default group is counted, and the calibration cases read exactly
# their instruction counts per op (instruction counts are deterministic; cycles are not
# asserted). Without a PMU the same check runs under qemu -icount in tests/vm-calib.t.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
if ! "$HOOKCOST" run --case empty --backend perf -n 3 -q -o "$dir/probe.json" 2>"$dir/err"; then
	skip_all "no usable hardware counters ($(head -c 160 "$dir/err")); see README: VMs and machines without a PMU"
fi

plan 5
"$HOOKCOST" run --case empty,nop1,nop5 --backend perf -q -o "$dir/r.json"
ok $? "run --backend perf"
json_check "$dir/r.json" 'all(set(r["metrics"]) >= {"cycles","instructions","branches","branch-misses"} for r in d["results"])'
ok $? "cycles, instructions, branches, branch-misses counted for every case"
for c in empty:0 nop1:1 nop5:5; do
	json_check "$dir/r.json" "abs(next(r for r in d['results'] if r['case'] == '${c%%:*}')['metrics']['instructions']['median'] - ${c##*:}) <= 0.02"
	ok $? "${c%%:*}: ${c##*:}.00 instructions/op within 0.02"
done
exit $((tap_failed > 0))
