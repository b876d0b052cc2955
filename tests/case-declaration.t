#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A case is declared in one place: tests/cases/demo.c holds a case of its own mechanism
# ("demo") and nothing else of the harness knows it. Linked into hookcost (tests/cases.mk), it
# is in `hookcost list`, a run measures it (fake backend: known costs), and the report shows it
# in its tables and in a headline table of its mechanism, the verdicts computed from its run.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
demo=${BUILD:-build}/tests/hookcost-demo
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -x "$demo" ] || skip_all "$demo is not built (make check builds it: tests/cases.mk)"
need_gnuplot
export HOOKCOST_GNUPLOT_DIR=$PWD/scripts/gnuplot

plan 5

"$demo" list >"$tmp/list" 2>&1
grep -q '^user  *demo\.hook  *a case declared in one place' "$tmp/list" &&
	! "$HOOKCOST" list 2>&1 | grep -q 'demo\.hook'
ok $? "list: the declared case is there, and only in the hookcost it is linked into"

"$demo" run --case demo.hook --backend fake:demo.hook=10,demo.hook/active=13 -n 9 -q \
	-o "$tmp/run.json" >/dev/null 2>"$tmp/err"
rc=$?
want='["active", "bystander", "off", "unused"]'
[ $rc = 0 ] && json_check "$tmp/run.json" \
	"sorted(r['config'] for r in d['results'] if r['case'] == 'demo.hook') == $want"
ok $? "run: every configuration it declares measured (exit $rc; $(tail -n 1 "$tmp/err"))"

"$demo" report -o "$tmp/r" "$tmp/run.json" >/dev/null 2>"$tmp/err"
ok $? "report: exit 0 ($(head -c 200 "$tmp/err"))"

# The headline table of its mechanism: free when unused, and the active cost of 3 per op.
awk '/^### demo$/ { on = 1; next } on && /^### / { exit } on' "$tmp/r/report.md" >"$tmp/head"
grep -q '^| demo\.hook | .* | equivalent | ≈0 (<[0-9.]*) | ≈0 (<[0-9.]*) | +3\.00 \[3\.00, 3\.00\] |$' \
	"$tmp/head"
ok $? "headline: a table for the mechanism demo, its row's verdicts ($(grep '^| demo' "$tmp/head"))"

grep -q '^== run.json' "$tmp/r/report.txt" && grep -q '^demo\.hook:$' "$tmp/r/report.txt"
ok $? "report.txt: the case's block"
