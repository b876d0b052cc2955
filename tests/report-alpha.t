#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Re-judging a file (issue 22): `report --alpha A` and `--margin M` analyse a file again from
# its samples (at the file's own level that gives back the very sentences run wrote); without
# them a file keeps its own verdicts, at the level it was run with, and the report says that
# level. --alpha has the same bounds in run, compare and report.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need_gnuplot

fake=fake:jitter=997,tcp.sendmsg=100,tcp.sendmsg/unused=102,tcp.sendmsg/active=100
run() {
	"$HOOKCOST" run --case tcp.sendmsg -g static -n 13 -b "$fake" -q "$@" 2>/dev/null
}

# same FILE.json DIR: the report's sentences end in the file's verdicts, in its order.
same() {
	/usr/bin/python3 - "$1" "$2/report.md" <<'PY'
import json, sys
want = [c["verdict"] for c in json.load(open(sys.argv[1]))["comparisons"]]
md = open(sys.argv[2]).read().split("## All comparisons", 1)[1]
got = [l for l in md.splitlines() if l.startswith("- ")]
bad = [w for w, g in zip(want, got) if not g.endswith(": " + w)]
print(len(want), len(got), len(bad))
sys.exit(0 if want and len(want) == len(got) and not bad else 1)
PY
}

plan 9

run -o "$tmp/a.json" && run -a 0.01 -o "$tmp/b.json"
ok $? "two runs: at alpha 0.05 and at 0.01 (run -a)"
json_check "$tmp/b.json" '(d["context"]["method"]["alpha"] == 0.01 and
	all(c["family_alpha"] == 0.01 for c in d["comparisons"]))'
ok $? "run -a 0.01: the file says its level, 0.01, and so does every comparison"

"$HOOKCOST" report -o "$tmp/r1" "$tmp/a.json" >/dev/null 2>&1 && n=$(same "$tmp/a.json" "$tmp/r1")
ok $? "report without -a: the file's own verdicts ($n: want, got, differing)"
grep -q 'alpha = 0.05, so' "$tmp/r1/report.md"
ok $? "... and the file's level, 0.05, in the method"

"$HOOKCOST" report -o "$tmp/r2" --alpha 0.05 "$tmp/a.json" >/dev/null 2>&1 &&
	n=$(same "$tmp/a.json" "$tmp/r2")
ok $? "report --alpha 0.05: from the samples again, the very sentences run wrote ($n)"

# levels DIR ALPHA: every sentence's level is 1 - ALPHA/m for the m it names; prints how many.
levels() {
	/usr/bin/python3 - "$1/report.md" "$2" <<'PY'
import re, sys
md = open(sys.argv[1]).read().split("## All comparisons", 1)[1]
alpha, n, bad = float(sys.argv[2]), 0, 0
for l in md.splitlines():
    m = re.search(r": (\w+) (\S+) \[.*\] \S+ at (\S+) %.*, margin (\S+) .*family of (\d+)", l)
    if not m:
        continue
    within = abs(float(m.group(2))) < float(m.group(4))
    want = 100 * (1 - (2 if within else 1) * alpha / int(m.group(5)))
    n += 1
    bad += f"{want:.4g}" != m.group(3)
print(n, bad)
sys.exit(0 if n and not bad else 1)
PY
}
"$HOOKCOST" report -o "$tmp/r3" --alpha 0.01 "$tmp/a.json" >/dev/null 2>&1 &&
	n=$(levels "$tmp/r3" 0.01) && grep -q 'alpha = 0.01, so' "$tmp/r3/report.md"
ok $? "report --alpha 0.01: every interval at 1 - 0.01/m, the level named ($n: sentences, bad)"

"$HOOKCOST" report -o "$tmp/r4" --margin 0.0005 "$tmp/a.json" >/dev/null 2>&1 &&
	n=$(grep -c ', margin 0.0005 (--margin), ' "$tmp/r4/report.md") && [ "$n" -eq 18 ]
ok $? "report --margin 0.0005: every comparison against it ($n of 18)"

for cmd in "run -a 0.3" "compare -a 0.3 $tmp/a.json $tmp/b.json" \
	   "report --format text -a 0.3 $tmp/a.json"; do
	$HOOKCOST $cmd >/dev/null 2>>"$tmp/err"
	echo "rc $?" >>"$tmp/err"
done
[ "$(grep -c '^rc 2$' "$tmp/err")" -eq 3 ] &&
	[ "$(grep -c 'alpha.*0.25' "$tmp/err")" -eq 3 ]
ok $? "--alpha 0.3: the same bound, 0.25, refused with exit 2 by run, compare and report"

# The margins a file was run with are a stranger's data: one that is no margin is bad input.
/usr/bin/python3 - "$tmp/a.json" "$tmp/m.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
d["context"]["method"]["margin"] = {"default": "abc"}
json.dump(d, open(sys.argv[2], "w"))
PY
"$HOOKCOST" report --format text -a 0.05 "$tmp/m.json" >/dev/null 2>"$tmp/merr"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/merr")" -eq 1 ] && grep -q 'its margin abc' "$tmp/merr"
ok $? "a file whose margin is no margin, analysed again: exit 2 ($rc), one line"
