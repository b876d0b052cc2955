#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The method's calibration in qemu -icount, where the guest TSC advances by one per retired
# instruction: `hookcost run --backend tsc` in the guest counts instructions, so the
# calibration cases must read exactly their instruction counts per op, net of the baseline.
# This is the instruction-count check of tests/perf-counts.t for machines without a PMU.
# In the same boot, the kernel suite's own count (hookcost.ko's TSC around its loop, recorded
# as own_tsc by the harness) must be identical in every sample: no interrupt lands inside it.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
out=${BUILD:-$top/build}/vm/calib
command -v qemu-system-x86_64 >/dev/null || skip_all "qemu-system-x86_64 not installed (scripts/install-deps)"
ls /boot/vmlinuz-* >/dev/null 2>&1 || skip_all "no kernel image in /boot (scripts/install-deps installs linux-image-amd64)"

rm -rf "$out"
mkdir -p "$out"
cases=empty,nop1,nop5,static_unused,branch_unused,indirect_call
"$top/scripts/vm" run --out "$out" -- \
	"hookcost run --case $cases --backend tsc -n 9 -q -o /out/calib.json &&
	 hookcost run --case kernel.key.hook --backend tsc -n 5 -q -o /out/kernel.json" \
	>"$out/console.log" 2>&1
rc=$?
if [ ! -s "$out/calib.json" ]; then
	plan 1
	ok 1 "the guest run produced calib.json (rc $rc, log $out/console.log)"
	exit 1
fi

plan 10
ok $rc "hookcost run in the guest (backend tsc under icount)"
# expect CASE N: the median per op is N instructions, within 0.02.
expect() {
	json_check "$out/calib.json" \
		"abs(next(r for r in d['results'] if r['case'] == '$1')['metrics']['tsc']['median'] - $2) <= 0.02"
	ok $? "$1: $2 instructions/op within 0.02 ($(/usr/bin/python3 -c "import json; print(round(next(r for r in json.load(open('$out/calib.json'))['results'] if r['case'] == '$1')['metrics']['tsc']['median'], 4))"))"
}
expect empty 0
expect nop1 1
expect nop5 5
expect static_unused 1
# load, test, branch: a flag costs three instructions where the static key costs one NOP
expect branch_unused 3
# load of the pointer, call, ret
expect indirect_call 3
k=$out/kernel.json
json_check "$k" 'all(len(set(r["metrics"]["own_tsc"]["values"])) == 1 for r in d["results"])'
ok $? "kernel.key.hook: own_tsc is the same in every sample of every configuration"
json_check "$k" '(lambda m: abs(m["unused"] - m["off"] - 1) < 1e-3)({r["config"]: r["metrics"]["own_tsc"]["median"] for r in d["results"]})'
ok $? "kernel.key.hook static: unused - off = one instruction (the NOP), in the module's own count"
json_check "$k" '(lambda m: m["active"] > m["unused"] + 1)({r["config"]: r["metrics"]["own_tsc"]["median"] for r in d["results"]})'
ok $? "kernel.key.hook static: active costs more than unused"
exit $((tap_failed > 0))
