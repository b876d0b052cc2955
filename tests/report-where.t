#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The report's where section of a profiled matrix (hookcost vm --profile): the text report
# shows each table's sum line and its functions within 72 columns, a function in one kernel
# only says so (and one with "only": null, as hookcost vm writes it, does not), and a matrix whose where names carry control characters (a terminal escape
# or a line of its own) is refused at load with exit 2, before anything is written.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# where MATRIX NAME: data/vm-memcg-matrix.json with a where table of two functions, NAME's
# in one kernel only.
where() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
out, name = sys.argv[1:3]
d = json.load(open("data/vm-memcg-matrix.json"))
d["schema"] = "hookcost-vm-matrix/3"
fns = [{"function": "tcp_v4_rcv", "a": 300.5, "b": 298.5, "delta": 2.0, "only": None},
       {"function": name, "a": 82.0, "b": 0.0, "delta": 82.0, "only": "only in unused's kernel"}]
d["where"] = [{"case": "sys.tcp_rr", "params": "size=1", "delta": "unused-off", "a": "unused",
               "b": "off", "cell": 84.0, "sum": 84.0, "exact": True, "functions": fns}]
json.dump(d, open(out, "w"))
PY
}

plan 5
where "$tmp/m.json" mem_cgroup_sk_alloc
"$HOOKCOST" report --format text data/vm-memcg-y.json "$tmp/m.json" >"$tmp/out.txt" 2>&1
ok $? "the text report of a profiled matrix"
grep -q '^== where: sys.tcp_rr size=1, unused - off$' "$tmp/out.txt" &&
	grep -q '^   sum of functions = +84 = cell$' "$tmp/out.txt"
ok $? "each where table is headed by its row and delta, then its sum line"
grep -Eq '^ +0 +82 +\+82  mem_cgroup_sk_alloc \(one kernel\)$' "$tmp/out.txt" &&
	grep -Eq '^ +298.50 +300.50 +\+2  tcp_v4_rcv$' "$tmp/out.txt"
ok $? "per function: both columns' counts per op and the delta; one kernel's function said"
! awk 'length > 72' "$tmp/out.txt" | grep -q .
ok $? "no line of the text report past 72 columns"
where "$tmp/evil.json" $'evil\e[2J\nfunction'
"$HOOKCOST" report -o "$tmp/rep" data/vm-memcg-y.json "$tmp/evil.json" 2>"$tmp/err"
rc=$?
[ $rc = 2 ] && grep -q 'where\[0\].functions\[1\]' "$tmp/err" && [ ! -e "$tmp/rep" ]
ok $? "a function name with control characters: exit 2 naming it, nothing written (rc $rc)"
exit $((tap_failed > 0))
