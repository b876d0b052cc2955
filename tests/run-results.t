#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The result files of a run: the JSON summary's shape, the CSV's rows, the context.
# Values are not asserted here (no timing in tests); the shape and the bookkeeping are.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 10

"$HOOKCOST" run --case empty,nop1,nop5 --backend tsc -n 5 -w 1 -t 0.001 -q \
	-o "$dir/r.json" 2>"$dir/err"
ok $? "run --case empty,nop1,nop5 succeeds"
j=$dir/r.json
json_check "$j" 'd["schema"] == "hookcost-result/1" and d["complete"] is True'
ok $? "schema hookcost-result/1, complete"
json_check "$j" '[r["case"] for r in d["results"]] == ["empty", "nop1", "nop5"]'
ok $? "one result per case, in order"
json_check "$j" 'all(r["samples"] == 5 and len(r["metrics"]["tsc"]["values"]) == 5 for r in d["results"])'
ok $? "5 samples per result, values kept"
json_check "$j" 'all(set(r["metrics"]["tsc"]) >= {"median","mad","min","mean","stddev","cv","ci95"} for r in d["results"])'
ok $? "every summary statistic present"
json_check "$j" 'all(r["metrics"]["tsc"]["ci95"][0] <= r["metrics"]["tsc"]["median"] <= r["metrics"]["tsc"]["ci95"][1] for r in d["results"])'
ok $? "each median lies inside its bootstrap CI"
json_check "$j" 'all(k in d["context"] for k in ("kernel","cpu","pin","backend","frequency","cgroup","build","command","method"))'
ok $? "context: kernel, cpu, pin, backend, frequency, cgroup, build, command, method"
json_check "$j" 'd["context"]["command"][:2] == ["hookcost", "run"] and d["context"]["build"]["git_rev"]'
ok $? "context records the command line and the git revision"
rows=$(($(wc -l <"$dir/r.csv") - 1))
ok $([ "$rows" = 15 ] && echo 0 || echo 1) "CSV: one row per sample (15, got $rows)"
ok $([ -z "$(ls "$dir" | grep tmp)" ] && echo 0 || echo 1) "no temporary file left"
exit $((tap_failed > 0))
