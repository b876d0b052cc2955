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
json_check "$j" 'd["schema"] == "hookcost-result/3" and d["complete"] is True'
ok $? "schema hookcost-result/3, complete"
json_check "$j" '[r["case"] for r in d["results"]] == ["empty", "nop1", "nop5"]'
ok $? "one result per case, in order"
json_check "$j" 'all(r["samples"] == 5 and len(r["metrics"]["tsc"]["values"]) == 5 for r in d["results"])'
ok $? "5 samples per result, values kept"
json_check "$j" 'all(set(r["metrics"]["tsc"]) >= {"median","mad","min","mean","stddev","cv","ci","ci_level","ci_coverage"} for r in d["results"])'
ok $? "every summary statistic present"
# Five samples cannot reach 95 %: the interval is their range, and says it covers
# 1 - 2 P(B <= 0) for B ~ Binomial(5, 1/2) (scipy), not 95 %.
json_check "$j" 'all(r["metrics"]["tsc"]["ci"] == [min(r["metrics"]["tsc"]["values"]), max(r["metrics"]["tsc"]["values"])] and r["metrics"]["tsc"]["ci_level"] == 0.95 and abs(r["metrics"]["tsc"]["ci_coverage"] - (1 - 2 * __import__("scipy.stats").stats.binom.cdf(0, 5, 0.5))) < 1e-12 for r in d["results"])'
ok $? "n = 5: the median's CI is the range, with the coverage scipy gives for it (93.75 %)"
json_check "$j" 'all(k in d["context"] for k in ("kernel","cpu","pin","backend","frequency","cgroup","build","command","method"))'
ok $? "context: kernel, cpu, pin, backend, frequency, cgroup, build, command, method"
json_check "$j" 'd["context"]["command"][:2] == ["hookcost", "run"] and d["context"]["build"]["git_rev"]'
ok $? "context records the command line and the git revision"
rows=$(($(wc -l <"$dir/r.csv") - 1))
ok $([ "$rows" = 15 ] && echo 0 || echo 1) "CSV: one row per sample (15, got $rows)"
ok $([ -z "$(ls "$dir" | grep tmp)" ] && echo 0 || echo 1) "no temporary file left"
exit $((tap_failed > 0))
