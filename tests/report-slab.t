#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The headline's "Slab accounting: opt-in vs opt-out, real kernel" table from the slab matrix
# (hookcost vm --matrix slab): an opt-in and an opt-out row per case, right after the models'
# slab tables, each cell the difference of the file's columns the design names (unused - off,
# bystander and active - unused+kmem).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

mx=data/vm-slab-matrix.json
[ -e "$mx" ] || skip_all "$mx is not measured yet (hookcost vm --matrix slab)"
need_gnuplot

plan 4

"$HOOKCOST" report -o "$tmp/r" tests/fixtures/result-configs.json "$mx" >/dev/null 2>"$tmp/err"
ok $? "a run and the slab matrix: exit 0 ($(head -c 200 "$tmp/err"))"
md=$tmp/r/report.md

# The table's rows, in the order the report has them.
awk '$0 == "### Slab accounting: opt-in vs opt-out, real kernel" { on = 1; next }
	on && /^### / { exit } on && /^\| sys\./' "$md" >"$tmp/rows"
python3 - "$mx" >"$tmp/want" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["rows"]:
    m = {k: round(v) for k, v in r["median"].items()}
    name = r["case"] + "".join(f" {k}={v}" for k, v in r["params"].items())
    for tag, p in (("opt-in", "optin"), ("opt-out", "optout")):
        cells = [m[p] - m["off"], m[p + "_by"] - m[p + "_kmem"], m[p + "_act"] - m[p + "_kmem"]]
        print(f"{name} ({tag}, slab matrix) " + " ".join("%+d" % c for c in cells))
PY
awk -F' \\| ' '{ sub(/^\| /, "", $1); sub(/ \|$/, "", $6); print $1, $4, $5, $6 }' \
	"$tmp/rows" >"$tmp/got"
[ -s "$tmp/got" ] && diff "$tmp/want" "$tmp/got" >"$tmp/diff"
ok $? "every case has an opt-in and an opt-out row of the file's differences ($(head -c 200 "$tmp/diff"))"

# Beside the models: after their opt-out table, before the real memcg table.
grep '^### ' "$md" | grep -A1 -x '### Slab accounting, opt-out' |
	grep -qx '### Slab accounting: opt-in vs opt-out, real kernel'
ok $? "the table follows the models' opt-out table"

# Not also a table of its own: the design table is the slab matrix's headline.
! grep -q '^### The slab matrix of hookcost vm$' "$md"
ok $? "no second headline table for the slab matrix"
