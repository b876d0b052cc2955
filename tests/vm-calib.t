#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The method's calibration in qemu -icount, where the guest TSC advances by one per retired
# instruction: `hookcost run --backend tsc` in the guest counts instructions, so the
# calibration cases must read exactly their instruction counts per op, net of the baseline,
# in every sample: the runner sees the counts are exact and measures a sample again when an
# interrupt landed in it (issue 11, counting scope).
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

plan 13
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
# Every sample, as written to the CSV, not only the median.
/usr/bin/python3 - "$out/calib.csv" >"$out/exact.txt" <<'PY'
import csv, sys
want = {"empty": 0, "nop1": 1, "nop5": 5, "static_unused": 1}
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["case"] in want]
bad = [r for r in rows if float(r["tsc_per_op"]) != want[r["case"]]]
print(len(rows), len(bad), " ".join(sorted({r["tsc_per_op"] for r in bad}))[:200])
PY
read -r rows bad values <"$out/exact.txt"
ok $([ "${rows:-0}" = 36 ] && [ "$bad" = 0 ] && echo 0 || echo 1) \
	"empty, nop1, nop5, static_unused: every sample exactly 0, 1, 5, 1 ($bad of $rows off: $values)"
json_check "$out/calib.json" 'all(r["exact"] and r["interruptions"]["kept"] == 0 for r in d["results"])'
ok $? "counts seen as exact, no interrupted sample kept (re-measured: $(/usr/bin/python3 -c "import json; print(sum(r['interruptions']['remeasured'] for r in json.load(open('$out/calib.json'))['results']))"))"
json_check "$out/calib.json" 'all(r["counting"] == "user+kernel" for r in d["results"])'
ok $? "the tsc backend reports that it counts kernel mode too"
k=$out/kernel.json
json_check "$k" 'all(len(set(r["metrics"]["own_tsc"]["values"])) == 1 for r in d["results"])'
ok $? "kernel.key.hook: own_tsc is the same in every sample of every configuration"
json_check "$k" '(lambda m: abs(m["unused"] - m["off"] - 1) < 1e-3)({r["config"]: r["metrics"]["own_tsc"]["median"] for r in d["results"]})'
ok $? "kernel.key.hook static: unused - off = one instruction (the NOP), in the module's own count"
json_check "$k" '(lambda m: m["active"] > m["unused"] + 1)({r["config"]: r["metrics"]["own_tsc"]["median"] for r in d["results"]})'
ok $? "kernel.key.hook static: active costs more than unused"
exit $((tap_failed > 0))
