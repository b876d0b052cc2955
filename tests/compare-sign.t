#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A net cost per op can be negative (the baseline loop subtracted from a case cheaper than
# it). A percentage of such a base flips its sign: +0.485 on -0.483 read "-100.3 %
# [-95.6 %, -106.6 %]" and `--fail-above 10` let it pass where the same shift on +0.495
# failed. Rows of a base at or below 0 print no percentage and are gated on their absolute
# shift (issue 22). Made from tests/fixtures/result-unused.json, nop1's cycles moved.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# shifted OUT BASE SHIFT: nop1's cycles centred on BASE (plus SHIFT), the spread kept.
shifted() {
	/usr/bin/python3 - "$@" <<'PY'
import json, statistics, sys
out, base, shift = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
d = json.load(open("tests/fixtures/result-unused.json"))
for r in d["results"]:
    if r["case"] == "nop1":
        m = r["metrics"]["cycles"]
        mid = statistics.median(m["values"])
        m["values"] = [v - mid + base + shift for v in m["values"]]
        m["median"] = base + shift
json.dump(d, open(out, "w"))
PY
}

# nop1's cycles row of the table: "nop1 none none base new delta [CI] change [CI] ...".
row() {
	sed -n '/^cycles\/op/,$p' "$tmp/out" | grep '^nop1 '
}

plan 6

shifted "$tmp/neg-a.json" -0.483 0
shifted "$tmp/neg-b.json" -0.483 0.485
"$HOOKCOST" compare --metric cycles --fail-above 10 "$tmp/neg-a.json" "$tmp/neg-b.json" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
r=$(row)
diag "$r"
[ -n "$r" ] && ! grep -q '%' <<<"$r" && grep -q 'n/a' <<<"$r"
ok $? "a base of -0.483: no percentage on its row"
grep -q 'overhead' <<<"$r" && grep -q '+0.48' <<<"$r"
ok $? "the shift is shown as it is, +0.48 per op, an overhead"
[ $rc -eq 1 ] && grep -q 'beyond their margin where the base is at or below 0' "$tmp/err"
ok $? "--fail-above 10 trips on the absolute shift (rc $rc)"

shifted "$tmp/pos-a.json" 0.495 0
shifted "$tmp/pos-b.json" 0.495 0.485
"$HOOKCOST" compare --metric cycles --fail-above 10 "$tmp/pos-a.json" "$tmp/pos-b.json" \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
r=$(row)
diag "$r"
grep -qE '\+9[0-9]\.[0-9]+% \[' <<<"$r"
ok $? "a base of +0.495: the change is a percentage, about +98 %"
[ $rc -eq 1 ]
ok $? "--fail-above 10 trips on it as on the negative base (rc $rc)"
"$HOOKCOST" compare --metric cycles --fail-above 200 "$tmp/neg-a.json" "$tmp/neg-b.json" \
	>/dev/null 2>&1
[ $? -eq 1 ]
ok $? "a negative base's overhead trips any percentage: it has none"
