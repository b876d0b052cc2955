#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The valgrind backend (hookcost run --backend valgrind): callgrind's counts are exact and
# repeatable. nop5 must read five instructions and no data access per op in every sample,
# and two runs must give the same per-op values (the iteration count is calibrated by wall
# time and may differ; what runs per op may not).
. "$(dirname "$0")/lib/tap.sh"

command -v valgrind >/dev/null || skip_all "valgrind not installed (scripts/install-deps)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

for i in 1 2; do
	"$HOOKCOST" run --case nop5,empty --backend valgrind -n 5 -w 1 -q -o "$dir/run$i.json" \
		2>"$dir/err$i"
	rc[$i]=$?
done

plan 8
ok ${rc[1]} "hookcost run --backend valgrind (run 1; $(tail -n 1 "$dir/err1"))"
ok ${rc[2]} "hookcost run --backend valgrind (run 2)"
nop5='next(r for r in d["results"] if r["case"] == "nop5")["metrics"]'
json_check "$dir/run1.json" "all(v == 5.0 for v in $nop5['instructions']['values'])"
ok $? "nop5: 5 instructions per op in every sample"
json_check "$dir/run1.json" "all(v == 0.0 for v in $nop5['l1d_accesses']['values'])"
ok $? "nop5: no data access per op"
# Net of the baseline: a few cold misses more or less in either loop move it by ~1e-4 per op.
json_check "$dir/run1.json" "abs($nop5['est_cycles']['median'] - 5.0) < 0.01"
ok $? "nop5: est_cycles = its 5 instructions, all L1 hits (within 0.01 per op)"
json_check "$dir/run1.json" '(d["context"]["backend"] == "valgrind" and
	set(d["results"][0]["metrics"]) >= {"instructions", "l1d_misses", "ll_misses",
	"est_cycles", "branch_misses"})'
ok $? "the result names backend valgrind and the cache-model metrics"
json_check "$dir/run1.json" '(d["context"]["cache_model"]["geometry"] ==
	"l1i=32768:8,l1d=32768:8,ll=2097152:16,line=64")'
ok $? "the result records the default geometry simulated"
per_op() {
	/usr/bin/python3 -c "import json, sys
d = json.load(open(sys.argv[1]))
print(sorted((r['case'], m, v['values']) for r in d['results'] for m, v in r['metrics'].items()
	     if m in ('instructions', 'l1d_accesses', 'branches')))" "$1"
}
[ "$(per_op "$dir/run1.json")" = "$(per_op "$dir/run2.json")" ]
ok $? "two runs: the same instructions, data accesses and branches per op, sample by sample"
exit $((tap_failed > 0))
