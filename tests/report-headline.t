#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The report opens with its headline: one table per mechanism (TCP accounting, slab opt-in and
# opt-out, the real memcg paths), a row per case and parameters in the static-key gate, each
# row with its unit and instrument, the verdict kind of unused vs off as the analysis stage
# wrote it into the JSON, and what a bystander and an active user pay; then a table of the
# gates. The memcg matrix of `hookcost vm` is an input of its own, in exact instructions.
# tests/fixtures/result-configs.json has all four configurations in the user suite, a system
# suite without off and a kernel suite all skipped; it has cycles only.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need_gnuplot

# The lines of a Markdown section: section FILE HEADING, up to the next "## ".
section() {
	sed -n "/^## $2\$/,/^## /p" "$1" | sed '1d; /^## /d'
}

# The rows of the table under the heading line "### $1" in the Markdown text on stdin.
table_rows() {
	awk -v h="### $1" '$0 == h { on = 1; next } on && /^### / { exit }
		on && /^\| :---/ { rows = 1; next } rows && /^\|/ { print; next }
		rows { exit }'
}

plan 12

"$HOOKCOST" report -o "$tmp/r" "$fx/result-configs.json" >/dev/null 2>"$tmp/err"
ok $? "report of a run with every configuration: exit 0 ($(head -c 200 "$tmp/err"))"
md=$tmp/r/report.md
section "$md" Headline >"$tmp/head.md"

[ "$(grep '^## ' "$md" | head -1)" = "## Headline" ] &&
	[ "$(grep '^## ' "$md" | tail -1)" = "## All comparisons" ]
ok $? "the headline first, every comparison as a sentence last"

table_rows "Seed: TCP memory accounting" <"$tmp/head.md" | cut -d'|' -f2 |
	sed 's/^ *//; s/ *$//' >"$tmp/rows"
printf '%s\n' tcp.charge "tcp.sendmsg size=64" "tcp.sendmsg size=1024" | cmp -s - "$tmp/rows"
ok $? "TCP: a row per case, constant parameters left out ($(paste -sd, "$tmp/rows"))"

table_rows "Seed: TCP memory accounting" <"$tmp/head.md" | grep -qxF \
	'| tcp.charge | cycles/op | inconclusive | ? [-0.03, 0.03] | ? [-0.01, 0.05] | +12.00 [11.97, 12.03] |'
ok $? "cells: verdict kind, an inconclusive CI (a /1 file has no margin), an overhead's shift and CI"

# The kind column against the JSON's own verdicts of unused vs off in the static gate.
python3 - "$fx/result-configs.json" >"$tmp/kinds" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for c in d["comparisons"]:
    if c["case"].startswith("tcp.") and c["gate"] == "static" and c["other"] == "unused" \
       and c["base"] == "off":
        # A /1 file has no margin: what is not a change is inconclusive, never equivalent.
        v = c.get("verdict_kind") or c["verdict"].split()[0]
        print(v if v in ("overhead", "saving", "equivalent") else "inconclusive")
PY
table_rows "Seed: TCP memory accounting" <"$tmp/head.md" | cut -d'|' -f4 |
	sed 's/^ *//; s/ *$//' | cmp -s - "$tmp/kinds"
ok $? "the verdict kind column is the JSON's verdict ($(paste -sd, "$tmp/kinds"))"

[ "$(table_rows "Real memcg: TCP and slab paths" <"$tmp/head.md")" = \
  '| sys.pipe_create | cycles/op | - | - | ? [-0.02, 0.04] | +150.0 [150.0, 150.0] |' ]
ok $? "a suite without off: no verdict on unused, still what bystander and active pay"

# The two slab models and the real kernel's opt-in vs opt-out table (no slab matrix here).
grep -q '^Not measured by these runs' "$tmp/head.md" &&
	[ "$(grep -c '^Not measured by these runs' "$tmp/head.md")" -eq 3 ]
ok $? "a mechanism no run measured says so"

grep -qx -- '- result-configs.json, kernel suite: 4 variants skipped: baseline .*' "$tmp/head.md" ||
	grep -q -- '^- result-configs.json, kernel suite: 4 variants skipped: baseline' "$tmp/head.md"
ok $? "skipped variants: one line per run, suite and reason, with the count"

table_rows "User-space static key against the other gates" <"$tmp/head.md" >"$tmp/gates"
grep -q '^| static | result-configs.json: cycles/op | 0 of 3 |' "$tmp/gates" &&
	grep -q '^| branch | result-configs.json: cycles/op | 1 of 1 |' "$tmp/gates"
ok $? "the gates: in how many cases unused costs more than off"

# A memcg matrix beside the run: its rows in the real memcg table, in whole instructions.
python3 - "$tmp/matrix.json" <<'PY'
import json, sys
rows = [{"case": "sys.pipe_create", "params": {}, "identical": True,
         "median": {"off": 4523.86, "unused": 4669.88, "unused_kmem": 5103.3,
                    "bystander": 5103.26, "active": 6837.58}},
        {"case": "sys.tcp_rr", "params": {"size": 1}, "identical": True,
         "median": {"off": 14580.0, "unused": 14580.2, "unused_kmem": 14696.9,
                    "bystander": 14706.9, "active": 15066.0}}]
json.dump({"schema": "hookcost-vm-matrix/1", "matrix": "memcg", "metric": "tsc",
           "runs": 2, "samples": 15, "identical": True, "rows": rows}, open(sys.argv[1], "w"))
PY
"$HOOKCOST" report -o "$tmp/m" "$fx/result-configs.json" "$tmp/matrix.json" >/dev/null 2>&1
section "$tmp/m/report.md" Headline | table_rows "Real memcg: TCP and slab paths" >"$tmp/mx"
grep -qxF '| sys.pipe_create (memcg matrix) | instructions/op (qemu icount) | overhead (exact) | +146 | +0 | +1735 |' "$tmp/mx" &&
	grep -qxF '| sys.tcp_rr size=1 (memcg matrix) | instructions/op (qemu icount) | equivalent (exact) | +0 | +10 | +369 |' "$tmp/mx"
ok $? "the memcg matrix: exact differences in whole instructions, equal counts equivalent"

"$HOOKCOST" report -o "$tmp/x" "$tmp/matrix.json" "$tmp/matrix.json" \
	"$fx/result-configs.json" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ] && [ ! -e "$tmp/x" ]
ok $? "the same matrix twice: exit 2, one line, nothing written ($(head -c 120 "$tmp/err"))"

nr=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["comparisons"]))' \
	"$fx/result-configs.json")
items=$(section "$md" "All comparisons" | grep -c '^- ')
html=$tmp/r/report.html
lis=$(sed -n '/^<details>$/,/^<\/details>$/p' "$html" | grep -c '^<li>')
[ "$items" -eq "$nr" ] && [ "$lis" -eq "$nr" ] && [ "$(grep -c '^<details>$' "$html")" -eq 1 ]
ok $? "All comparisons: a sentence per comparison, folded in HTML ($items, $lis of $nr)"

exit $((tap_failed > 0))
