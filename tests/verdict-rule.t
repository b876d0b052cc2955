#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every verdict can be checked from the line it is on (issue 22): runs of the fake backend
# (exact, known counts: overhead, saving, equivalent and, at a small n, inconclusive) are
# walked comparison by comparison, and the rule is applied to the printed numbers alone:
# the level printed is 1 - alpha/m for the family of m named on the line (1 - 2 alpha/m while
# |delta| < margin, the two one-sided tests); overhead or saving iff |delta| >= margin and the
# interval reaches its level and excludes 0; equivalent iff |delta| < margin and the interval
# reaches its level inside (-margin, margin); else inconclusive. The JSON is held to the same
# rule at full precision. A sample size that cannot reach a family's level is named before
# measuring, with the n that can.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

costs=tcp.sendmsg=100,tcp.sendmsg/unused=102,tcp.sendmsg/active=150
costs=$costs,slab.optin.alloc_free=50,slab.optin.alloc_free/active=49
sel=(--case tcp.sendmsg,slab.optin.alloc_free -g static,branch)

# walk FILE: checks every comparison line of a table; prints "checked bad kinds" and the
# offending lines on stderr.
walk() {
	/usr/bin/python3 - "$1" <<'PY'
import re, sys
sys.path.insert(0, "tests/lib")
from verdict_rule import Tally
text = open(sys.argv[1]).read()
alpha = float(re.search(r"family-wise error rate (\S+) per family", text).group(1))
line_re = re.compile(
    r": (overhead|saving|equivalent|inconclusive) (\S+) \[(\S+), (\S+)\] \S+ at (\S+) %"
    r"( \((\S+) % reached at n = \d+\))?, margin (\S+)( \([^)]*\))?, "
    r"(primary|secondary) family of (\d+)")
t = Tally(alpha)
for line in text.splitlines():
    if not line.startswith("  ") or " vs " not in line:
        continue
    m = line_re.search(line)
    if not m:
        t.unparsed(line)
        continue
    t.line(line, m.group(1), *map(float, m.group(2, 3, 4)), m.group(5), m.group(6) is None,
           float(m.group(8)), int(m.group(11)))
t.report()
PY
}

# md_walk REPORT.md ALPHA: the same rule on the rows of the report's table of configurations
# against their base, from the row's own numbers; prints "checked bad kinds".
md_walk() {
	/usr/bin/python3 - "$1" "$2" <<'PY'
import re, sys
sys.path.insert(0, "tests/lib")
from verdict_rule import Tally
alpha = float(sys.argv[2])
text = open(sys.argv[1]).read()
table = text.split("#### Configurations against their base", 1)[1].split("\n\n")[1]
cell_re = re.compile(r"\[(\S+), (\S+)\] at (\S+)%( \(covers \S+%\))?$")
t = Tally(alpha)
for line in table.splitlines()[2:]:
    cells = [c.strip() for c in line.strip("|").split(" | ")]
    label, d, ci, margin, kind = cells[1], float(cells[3]), cells[4], float(cells[5]), cells[8]
    m = cell_re.match(ci)
    if not m:
        t.unparsed(line)
        continue
    t.line(line, kind, d, *map(float, m.group(1, 2)), m.group(3), m.group(4) is None, margin,
           8 if " unused vs off " in label else 40)
t.report()
PY
}

# text_walk FILE: the same rule on the line under each row of the text layout (report.txt,
# compare --format text), with the family and alpha its block's verdict line names; and the
# verdict line's counts are those of the rows above it. Prints "checked bad kinds".
text_walk() {
	/usr/bin/python3 - "$1" <<'PY'
import re, sys
sys.path.insert(0, "tests/lib")
from verdict_rule import Tally
brief_re = re.compile(r"^ {6}(overhead|saving|equivalent|inconclusive) (\S+) \[(\S+), (\S+)\] "
                      r"at (\S+) %( \((\S+) % reached at n = \d+\))?, margin (\S+)$")
fam_re = re.compile(r"\((\w+) family of (\d+) at alpha (\S+)\): overhead in (\d+), saving in "
                    r"(\d+), equivalent in (\d+), inconclusive in (\d+) of (\d+)$")
lines = []
for line in open(sys.argv[1]).read().splitlines():
    # A wrapped line goes back on its own: under a row at 10 columns, under a verdict at 4.
    if lines and ((line.startswith(" " * 10) and lines[-1].startswith(" " * 6) and
                   not lines[-1].startswith(" " * 7) and lines[-1].split()[0].isalpha()) or
                  (line.startswith("    ") and lines[-1].startswith("verdict:"))):
        lines[-1] += " " + line.strip()
    else:
        lines.append(line)
t = Tally(0.05)
block = []
for line in lines:
    if line.startswith(" " * 6) and line.split()[0] in ("overhead", "saving", "equivalent",
                                                         "inconclusive"):
        m = brief_re.match(line)
        if m:
            block.append((line, m))
        else:
            t.unparsed(line)
    elif line.startswith("verdict:") and block:
        f = fam_re.search(line)
        if not f:
            t.unparsed(line)
            block = []
            continue
        t.alpha = float(f.group(3))
        for row, m in block:
            t.line(row, m.group(1), *map(float, m.group(2, 3, 4)), m.group(5),
                   m.group(6) is None, float(m.group(8)), int(f.group(2)))
        kinds = [m.group(1) for _, m in block]
        counts = [kinds.count(k) for k in ("overhead", "saving", "equivalent", "inconclusive")]
        if counts + [len(kinds)] != list(map(int, f.group(4, 5, 6, 7, 8))):
            t.unparsed(line)
        block = []
if block:
    t.unparsed(block[-1][0])
t.report()
PY
}

# json_walk FILE: the same rule on the JSON's numbers; prints "checked bad".
json_walk() {
	/usr/bin/python3 - "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
checked = bad = 0
for c in d["comparisons"]:
    a = c["family_alpha"] / c["family"]
    lvl = 1 - a
    if abs(c["ci_level"] - lvl) > 1e-12:
        bad += 1
    m, delta = c["margin"], c["delta"]
    tlo, thi = c["tost_ci"]
    lo, hi = c["ci"]
    if m > 0 and tlo > -m and thi < m and c["tost_coverage"] >= 1 - 2 * a - 1e-9:
        rule = "equivalent"
    elif abs(delta) >= m and (lo > 0 or hi < 0) and c["ci_coverage"] >= lvl - 1e-9:
        rule = "overhead" if delta > 0 else "saving"
    else:
        rule = "inconclusive"
    fam = "primary" if (c["base"], c["other"]) == ("off", "unused") else "secondary"
    checked += 1
    bad += rule != c["verdict_kind"] or fam != c["family_name"]
print(checked, bad)
PY
}

plan 26

"$HOOKCOST" run "${sel[@]}" -n 31 -b "fake:jitter=997,$costs" --margin 0.5 \
	-o "$tmp/a.json" >"$tmp/a.out" 2>"$tmp/a.err"
ok $? "a run of 2 cases x 2 gates x 4 configurations at n = 31 (fake backend)"
set -- $(walk "$tmp/a.out")
[ "$1" -eq 48 ] && [ "$2" -eq 0 ] && [ "$3" = equivalent,overhead,saving ]
ok $? "n = 31: all 48 printed verdicts follow the rule from their own numbers ($*)"
set -- $(json_walk "$tmp/a.json")
[ "$1" -eq 48 ] && [ "$2" -eq 0 ]
ok $? "n = 31: the JSON's 48 comparisons follow the same rule at full precision ($*)"
grep -q 'primary family: 8 at alpha 0.05 / 8: 6 overhead, 0 saving, 2 equivalent' "$tmp/a.out" &&
	grep -q 'secondary family: 40 at alpha 0.05 / 40' "$tmp/a.out"
ok $? "the families are named with their size and level: unused vs off is the primary one"
! grep -q 'cannot reach a verdict' "$tmp/a.err"
ok $? "n = 31 reaches both families: no warning"

"$HOOKCOST" run "${sel[@]}" -n 9 -b "fake:jitter=997,$costs" --margin 0.5 \
	-o "$tmp/b.json" >"$tmp/b.out" 2>"$tmp/b.err"
ok $? "the same at n = 9, the issue's example"
grep -q -- '-n 9 cannot reach a verdict in the secondary family: its 40 comparisons are each tested at 0.05 / 40, and the smallest p of 9 pairs is 0.0039; -n 11 can' "$tmp/b.err" &&
	! grep -q 'primary family:.*-n' "$tmp/b.err"
ok $? "n = 9: said before measuring that the secondary family needs -n 11"
set -- $(walk "$tmp/b.out")
[ "$1" -eq 48 ] && [ "$2" -eq 0 ] && [ "$3" = equivalent,inconclusive,overhead ] &&
	! grep "secondary family of" "$tmp/b.out" | grep -qv ": inconclusive "
ok $? "n = 9: the 48 verdicts follow the rule; the secondary ones are inconclusive ($*)"
n=$(grep 'secondary family of' "$tmp/b.out" | grep -c '% reached at n = 9')
[ "$n" -eq 40 ]
ok $? "n = 9: each secondary line says which level its interval reached ($n of 40)"

"$HOOKCOST" run "${sel[@]}" -n 11 -b "fake:jitter=997,$costs" --margin 0.5 \
	>"$tmp/c.out" 2>"$tmp/c.err"
! grep -q 'cannot reach' "$tmp/c.err"
ok $? "n = 11, the n the warning named, reaches the secondary family"
set -- $(walk "$tmp/c.out")
[ "$1" -eq 48 ] && [ "$2" -eq 0 ] && [ "$3" = equivalent,overhead,saving ]
ok $? "n = 11: every verdict settled, by the rule ($*)"

# The default margin, 1 % of the base: slab.optin.alloc_free costs 0 above the loop, where 1 %
# would collapse to nothing; the floor (fake counts: 1 per 100 ops) holds it.
"$HOOKCOST" run "${sel[@]}" -n 11 -b "fake:jitter=997,tcp.sendmsg=100,tcp.sendmsg/unused=102" \
	-o "$tmp/d.json" >"$tmp/d.out" 2>"$tmp/d.err"
set -- $(walk "$tmp/d.out")
[ "$1" -eq 48 ] && [ "$2" -eq 0 ]
ok $? "the default margin: every verdict follows the rule ($*)"
json_check "$tmp/d.json" '(all(c["margin"] >= c["margin_floor"] > 0 and
	c["margin_origin"] in ("relative", "event-resolution") for c in d["comparisons"]) and
	{c["margin_origin"] for c in d["comparisons"]} == {"relative", "event-resolution"})'
ok $? "no margin below its floor; the JSON names each one's origin"
n=$(grep -c 'margin 0.0100 (floor: 1 per 100 ops)' "$tmp/d.out")
m=$(grep -cE 'margin 1\.0+ \(1 % of base\)' "$tmp/d.out")
[ "$n" -eq 12 ] && [ "$m" -eq 24 ]
ok $? "the line prints the margin with its origin ($n floors, $m of 1 % of base)"

# The report's table of configurations against their base: each row prints its interval with
# the level it was asked for, and the margin, so its verdict can be checked there too.
"$HOOKCOST" report -o "$tmp/ra" "$tmp/a.json" >/dev/null 2>&1 &&
	r=$(md_walk "$tmp/ra/report.md" 0.05) && [ "$r" = "48 0 equivalent,overhead,saving" ]
ok $? "report, n = 31: the 48 rows' verdicts follow the rule from their own cells ($r)"
"$HOOKCOST" report -o "$tmp/rb" "$tmp/b.json" >/dev/null 2>&1 &&
	r=$(md_walk "$tmp/rb/report.md" 0.05) && [ "$r" = "48 0 equivalent,inconclusive,overhead" ]
ok $? "report, n = 9: the 48 rows follow the rule, the levels not reached said ($r)"

# The text layout for mail (report.txt, compare --format text): a line under every row with
# the numbers its verdict rests on, and the family on the block's verdict line.
# report.txt shows the three pairs a patch is judged by: unused vs off, bystander and active
# vs unused, 8 rows each.
r=$(text_walk "$tmp/ra/report.txt") && [ "$r" = "24 0 equivalent,overhead,saving" ]
ok $? "report.txt, n = 31: the line under each of the 24 rows follows the rule ($r)"
r=$(text_walk "$tmp/rb/report.txt") && [ "$r" = "24 0 equivalent,inconclusive,overhead" ]
ok $? "report.txt, n = 9: the 24 rows follow the rule, the levels not reached said ($r)"
"$HOOKCOST" compare -f text "$tmp/b.json" "$tmp/a.json" >"$tmp/ab.txt" 2>/dev/null &&
	r=$(text_walk "$tmp/ab.txt") && set -- $r && [ "$1" -eq 32 ] && [ "$2" -eq 0 ]
ok $? "compare --format text: every row's verdict follows the rule in its family ($r)"

# A shift on the margin itself (1 % of a base of 100, a shift of 1): the printed numbers get
# the digits that keep them on the side of the margin they are on, in every layout.
"$HOOKCOST" run --case tcp.sendmsg -g static -n 11 -b fake:jitter=997,tcp.sendmsg=100 \
	-o "$tmp/e.json" >/dev/null 2>&1 &&
	"$HOOKCOST" run --case tcp.sendmsg -g static -n 11 -b fake:jitter=997,tcp.sendmsg=101 \
	-o "$tmp/f.json" >/dev/null 2>&1
ok $? "two runs 1 % apart, the default margin of 1 %"
"$HOOKCOST" compare -f text "$tmp/e.json" "$tmp/f.json" >"$tmp/ef.txt" 2>/dev/null &&
	r=$(text_walk "$tmp/ef.txt") && set -- $r && [ "$1" -eq 12 ] && [ "$2" -eq 0 ]
ok $? "compare --format text, shifts on the margin: every row reads as its verdict ($r)"
"$HOOKCOST" compare "$tmp/e.json" "$tmp/f.json" >"$tmp/ef.table" 2>/dev/null &&
	/usr/bin/python3 - "$tmp/ef.table" <<'PY'
import re, sys
# The table has no level column: |delta| against the margin decides which interval is shown,
# and the verdict must follow from the interval and the margin as printed.
row_re = re.compile(r"  ([+-]\S+) \[(\S+), (\S+)\]  +(\S+)  .*  (overhead|saving|equivalent|"
                    r"inconclusive)")
bad = n = 0
for line in open(sys.argv[1]):
    m = row_re.search(line)
    if not m:
        continue
    d, lo, hi, margin = map(float, m.group(1, 2, 3, 4))
    kind = m.group(5)
    n += 1
    within = abs(d) < margin
    if kind == "equivalent":
        bad += not (within and -margin < lo and hi < margin)
    elif kind in ("overhead", "saving"):
        bad += within or not (lo > 0 or hi < 0)
    else:
        bad += within and -margin < lo and hi < margin
sys.exit(not (n == 12 and bad == 0))
PY
ok $? "compare's table, shifts on the margin: no row's verdict contradicts its printed numbers"

# A system call's case has no baseline loop (HC_CASE_NO_BASELINE): its time floor is the two
# counter reads subtracted from every sample, per op, never 0.
"$HOOKCOST" run --case sys.pipe_create --backend tsc -n 9 -o "$tmp/s.json" >/dev/null 2>&1
json_check "$tmp/s.json" '(lambda res: len(d["comparisons"]) > 0 and all(
	c["margin_floor"] > 0 and c["margin"] >= c["margin_floor"] and
	c["margin_origin"] in ("relative", "read-cost") and
	abs(c["margin_floor"] - res[c["base"]]["overhead"]["tsc"]["per_sample"] /
	    res[c["base"]]["iterations"]) < 1e-12 for c in d["comparisons"]))(
	{r["config"]: r for r in d["results"] if "iterations" in r})'
ok $? "sys.pipe_create (no loop): the floor is the counter reads per op, from the JSON"

# A real run: the host's TSC, the file the README quotes (data/method/verdicts-host.txt).
set -- $(walk data/method/verdicts-host.txt)
[ "$1" -eq 24 ] && [ "$2" -eq 0 ]
ok $? "data/method/verdicts-host.txt, a TSC run: every verdict follows the rule ($*)"

# make bench's reference run (data/reference/host): every line of the host's table, and the
# line under every row of its report for mail, in both the qemu and the TSC runs.
set -- $(walk data/reference/host/table.txt)
[ "$1" -ge 200 ] && [ "$2" -eq 0 ]
ok $? "data/reference/host/table.txt, make bench on the host: every verdict by the rule ($*)"
r=$(text_walk data/reference/host/report/report.txt) && set -- $r && [ "$1" -ge 100 ] &&
	[ "$2" -eq 0 ]
ok $? "data/reference/host/report/report.txt: the line under every row by the rule ($r)"
