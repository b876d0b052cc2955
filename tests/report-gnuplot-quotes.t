#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Names go into figures.gp as gnuplot strings. gnuplot 5.4 does not read a doubled quote at
# the start of a single-quoted string nor two doubled in a row ('''a', 'a''''b'), and a
# double-quoted one runs backquotes: a case, parameter or metric name starting with a quote
# or holding several in a row is still drawn, as it is, by the installed gnuplot, whenever
# compare accepts the file, and a backquote runs nothing.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
need_gnuplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# The fixture with quotes in its case, parameter and metric names.
/usr/bin/python3 - "$tmp" <<'PY'
import json, sys
tmp = sys.argv[1]
names = {"tcp.charge": "'tcp.charge", "sys.pipe_create": "a''b''''c'",
         "tcp.sendmsg": "''", "nop1": "`touch %s/PWNED`'" % tmp}
d = json.load(open("tests/fixtures/result-configs.json"))
for r in d["results"] + d["comparisons"]:
    r["case"] = names.get(r["case"], r["case"])
    r["params"] = {k.replace("size", "'si''ze'"): v for k, v in r.get("params", {}).items()}
    if "metric" in r:
        r["metric"] = r["metric"].replace("cycles", "'cyc''les")
    if "metrics" in r:
        r["metrics"] = {k.replace("cycles", "'cyc''les"): v for k, v in r["metrics"].items()}
json.dump(d, open(tmp + "/quotes.json", "w"))
PY

plan 6

"$HOOKCOST" compare "$tmp/quotes.json" "$tmp/quotes.json" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -le 1 ]
ok $? "compare accepts the file ($rc: $(head -c 160 "$tmp/err"))"
"$HOOKCOST" report -o "$tmp/rep" "$tmp/quotes.json" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ]
ok $? "report draws it ($rc: $(head -c 200 "$tmp/err"))"
for name in "'tcp.charge" "a''b''''c'"; do
	grep -qF "<text>$name</text>" "$tmp"/rep/*-bars.svg
	ok $? "a figure is titled $name"
done
grep -qF "<text>'si''ze'</text>" "$tmp"/rep/*-bars.svg &&
	grep -qF "'cyc''les" "$tmp"/rep/*-bars.svg
ok $? "the axis labels hold the parameter and metric names"
[ ! -e "$tmp/PWNED" ]
ok $? "a backquote in a name runs nothing"
