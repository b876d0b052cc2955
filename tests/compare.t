#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hookcost compare on hand-made result files (tests/fixtures/result-*.json, 15 samples per
# variant, schema hookcost-result/1, which is still read): a rerun of the same build calls
# nothing overhead and its instruction counts equivalent, the `active` run against the
# `unused` one flags exactly the active rows, several runs per side are compared by their
# medians, --fail-above gates, and every kind of bad input is one line on stderr and exit
# status 2.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs hookcost compare; stdout, stderr and the status go to $tmp/out, $tmp/err, $rc.
cmp_run() {
	"$HOOKCOST" compare "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# Sum of "X of Y rows overhead or saving" lines: prints "X Y".
significant() {
	awk '/ rows overhead or saving/ { x += $1; y += $3 } END { print x + 0, y + 0 }' "$tmp/out"
}

# runs FILE N OUT SHIFT: N copies of a result file, each sample moved by a distinct tiny
# amount (run k by k * 1e-4 per op, plus SHIFT in the instructions of `active` variants).
runs() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
src, n, out, shift = sys.argv[1], int(sys.argv[2]), sys.argv[3], float(sys.argv[4])
for k in range(n):
    d = json.load(open(src))
    for r in d["results"]:
        for name, m in r.get("metrics", {}).items():
            add = shift if name == "instructions" and r["config"] == "active" else 0.0
            m["values"] = [v + (k + 1) * 1e-4 + add for v in m["values"]]
    json.dump(d, open(f"{out}{k + 1}.json", "w"))
PY
}

plan 26

cmp_run "$fx/result-unused.json" "$fx/result-rerun.json"
ok $rc "a rerun of the same build: exit 0"
set -- $(significant)
[ "$2" -eq 22 ] && [ "$1" -eq 0 ]
ok $? "a rerun of the same build: no row of 22 called overhead or saving (got $1 of $2)"
n=$(sed -n '/^instructions/,/^cycles/p' "$tmp/out" | grep -c ' equivalent$')
[ "$n" -eq 11 ]
ok $? "a rerun of the same build: all 11 instruction rows equivalent within 1 % (got $n)"
grep -q 'its CI, at 1 - 0.05/22 for the 22 rows of every metric, excludes 0' "$tmp/out" &&
	grep -q 'run-to-run noise not included' "$tmp/out"
ok $? "the note says the level of the CIs, for how many rows, and that one run per side is thin"

cmp_run "$fx/result-unused.json" "$fx/result-active.json"
ok $rc "unused against active: exit 0"
active=$(grep -c 'unused→active' "$tmp/out")
flagged=$(grep 'unused→active' "$tmp/out" | grep -c ' overhead \*$')
[ "$active" -eq 10 ] && [ "$flagged" -eq "$active" ]
ok $? "unused against active: every active row flagged ($flagged of $active)"
! grep -v 'unused→active' "$tmp/out" | grep -q ' \*$'
ok $? "unused against active: no other row flagged"
grep -q '^geomean (11 of 11 rows)' "$tmp/out"
ok $? "a geometric-mean row per metric"
grep -q 'static  unused→active  22.00  51.00 .* +131.8[0-9]% .* +56.8[0-9]% ' "$tmp/out"
ok $? "change against both denominators: new/base - 1 and the share of new"

# Every row's verdict from its own cells: delta [CI], margin and the verdict, the CI at its
# level unless it says what it covers (then nothing is decided).
rule_walk() {
	/usr/bin/python3 - "$@" <<'PY'
import re, sys
row = re.compile(r" (\S+) \[(\S+), (\S+)\]\s+(\S+)\s.*\s(overhead|saving|equivalent|"
                 r"inconclusive)( \(CI \S+%\))?( \*)?$")
checked = bad = 0
for path in sys.argv[1:]:
    for line in open(path):
        m = row.search(line.rstrip("\n"))
        if not m:
            continue
        d, lo, hi, margin = map(float, m.group(1, 2, 3, 4))
        reached = m.group(6) is None
        if abs(d) < margin and reached and -margin < lo and hi < margin:
            rule = "equivalent"
        elif abs(d) >= margin and reached and (lo > 0 or hi < 0):
            rule = "overhead" if d > 0 else "saving"
        else:
            rule = "inconclusive"
        checked += 1
        if rule != m.group(5):
            bad += 1
            print(f"rule says {rule}:", line, file=sys.stderr, end="")
print(checked, bad)
PY
}

cmp_run "$fx/result-unused.json" "$fx/result-rerun.json"
cp "$tmp/out" "$tmp/rerun.out"
cmp_run "$fx/result-unused.json" "$fx/result-active.json"
r=$(rule_walk "$tmp/rerun.out" "$tmp/out")
[ "$r" = "44 0" ]
ok $? "each row prints its margin: the 44 verdicts follow from their own row ($r)"

runs "$fx/result-unused.json" 6 "$tmp/a" 0
runs "$fx/result-active.json" 6 "$tmp/b" 0
cmp_run --metric instructions "$tmp"/a[1-6].json -- "$tmp"/b[1-6].json
flagged=$(grep 'unused→active' "$tmp/out" | grep -c ' overhead \*$')
[ $rc -eq 0 ] && grep -q '^6 runs (.*) vs 6 runs (.*) (base)$' "$tmp/out" &&
	grep -q "of the runs' medians" "$tmp/out" && [ "$flagged" -eq 5 ]
ok $? "6 runs per side: by their medians, every active row overhead ($flagged of 5)"
cmp_run --metric instructions "$tmp"/a[1-3].json -- "$tmp"/b[1-3].json
n=$(grep -c 'unused→active .*inconclusive (CI 90.0%)$' "$tmp/out")
[ $rc -eq 0 ] && [ "$n" -eq 5 ]
ok $? "3 runs per side: no rank test can reach 5 %; inconclusive, CI at the 90 % it reaches ($n)"
runs "$fx/result-rerun.json" 3 "$tmp/r" 0
cmp_run "$tmp"/a[1-3].json -- "$tmp"/r[1-3].json
set -- $(significant)
[ "$1" -eq 0 ] &&
	[ "$(sed -n '/^instructions/,/^cycles/p' "$tmp/out" |
	     grep -c ' inconclusive (CI 90.0%)$')" -eq 11 ]
ok $? "3 runs of one build per side: nothing overhead; an equivalence of 22 rows needs" \
	"more than the 90 % 3 runs reach"

cmp_run --fail-above 10 "$fx/result-unused.json" "$fx/result-active.json"
[ $rc -eq 1 ] && grep -q "by more than 10% (--fail-above)" "$tmp/err" && [ -s "$tmp/out" ]
ok $? "--fail-above 10: the table, then exit 1 (rc $rc)"
cmp_run --fail-above 200 "$fx/result-unused.json" "$fx/result-active.json"
ok $rc "--fail-above 200: no rise that large, exit 0"

cmp_run --metric cycles --format markdown "$fx/result-unused.json" "$fx/result-active.json"
grep -q '^| case | gate | config |' "$tmp/out" && ! grep -q 'instructions/op' "$tmp/out"
ok $? "--metric cycles --format markdown: one Markdown table of cycles"

sed 's/"6.1.0-hookcost"/"6.18.0-other"/; s/"perf"/"tsc"/' "$fx/result-rerun.json" \
	>"$tmp/other-kernel.json"
cmp_run "$fx/result-unused.json" "$tmp/other-kernel.json"
[ $rc -eq 0 ] &&
	grep -q 'warning:.*different contexts:.*kernel.release (6.1.0-hookcost vs 6.18.0-other)' \
		"$tmp/err" && grep -q 'warning:.*backend (perf vs tsc)' "$tmp/err"
ok $? "different contexts: compared, with a warning naming kernel.release and backend"

# Bad input: exit 2, exactly one line on stderr, nothing on stdout.
bad() {
	what=$1
	shift
	cmp_run "$@"
	lines=$(wc -l <"$tmp/err")
	[ $rc -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ]
	ok $? "$what: exit 2 with one line (rc $rc, $lines lines: $(head -c 120 "$tmp/err"))"
}

sed 's|"hookcost-result/1"|"hookcost-result/3"|' "$fx/result-active.json" >"$tmp/v3.json"
bad "another schema version" "$fx/result-unused.json" "$tmp/v3.json"
head -c 3000 "$fx/result-active.json" >"$tmp/truncated.json"
bad "truncated JSON" "$fx/result-unused.json" "$tmp/truncated.json"
printf 'suite,case,gate,config\nuser,tcp.charge,static,off\n' >"$tmp/samples.csv"
bad "a file that is not JSON" "$fx/result-unused.json" "$tmp/samples.csv"
printf '{"schema": "hookcost-result/1", "context": {}, "results": [], "complete": true}\n' \
	>"$tmp/empty-result.json"
bad "an empty result" "$fx/result-unused.json" "$tmp/empty-result.json"
: >"$tmp/empty.json"
bad "an empty file" "$fx/result-unused.json" "$tmp/empty.json"
bad "a single file" "$fx/result-unused.json"
bad "--alpha out of range" --alpha 2 "$fx/result-unused.json" "$fx/result-active.json"
bad "a side of -- without files" "$fx/result-unused.json" --
bad "a bad --margin" --margin 1%% "$fx/result-unused.json" "$fx/result-active.json"
