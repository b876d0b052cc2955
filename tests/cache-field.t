#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The TCP model's field gate under the valgrind backend: it runs the static gate's code on
# sockets one pointer bigger, so over 1024 sockets packed like a slab it must miss L1D more
# than static at the same instructions per op (what differs a sample is outside the loop:
# fewer than 8 instructions, whatever the iterations), and over one pair it must not.
. "$(dirname "$0")/lib/tap.sh"

command -v valgrind >/dev/null || skip_all "valgrind not installed (scripts/install-deps)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT

"$HOOKCOST" run -c tcp.rr -g static,field -p size=1 -p sockets=2,1024 -C unused \
	--backend valgrind -n 5 -w 1 -q -o "$dir/run.json" 2>"$dir/err"
rc=$?
"$HOOKCOST" run -c tcp.rr -p sockets=1 -n 1 -q >"$dir/out1" 2>"$dir/err1"
rc1=$?

plan 5
ok $rc "hookcost run -c tcp.rr -g static,field -p sockets=2,1024 --backend valgrind"
# field_check EXPR: EXPR over m(gate, sockets, metric) (the metric's summary) and it(sockets).
field_check() {
	/usr/bin/python3 - "$dir/run.json" "$1" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = {(x["gate"], x["params"]["sockets"]): x for x in d["results"]}
def m(g, s, k): return r[(g, s)]["metrics"][k]
def it(s): return r[("static", s)]["iterations"]
sys.exit(0 if eval("(" + sys.argv[2] + ")") else 1)
PY
}
field_check "min(m('field', 1024, 'l1d_misses')['values']) >
	max(m('static', 1024, 'l1d_misses')['values']) + 0.1"
ok $? "sockets=1024: every field sample misses L1D more than every static one (> 0.1/op)"
field_check "abs(m('field', 2, 'l1d_misses')['median'] - m('static', 2, 'l1d_misses')['median'])
	< 0.05"
ok $? "sockets=2: the same L1D misses per op (< 0.05 apart)"
field_check "all(abs(m('field', s, 'instructions')['median'] -
	m('static', s, 'instructions')['median']) * it(s) < 8 for s in (2, 1024))"
ok $? "the same instructions per op: what differs a sample is < 8 instructions, not per op"
[ $rc1 = 2 ] && [ ! -s "$dir/out1" ] && [ "$(wc -l <"$dir/err1")" = 1 ]
ok $? "sockets=1: refused, exit 2, one line ($(head -c 120 "$dir/err1"))"
exit $((tap_failed > 0))
