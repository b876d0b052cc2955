#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The Verdicts of hookcost report stay short: per suite one table per pair of configurations
# (unused vs off, bystander vs unused, active vs unused) with a row per case and parameters and
# a column per gate, a summary sentence, skipped variants counted per reason. Every comparison
# as a sentence comes last, folded in HTML. tests/fixtures/result-configs.json has all four
# configurations in the user suite, a system suite without off and a kernel suite all skipped;
# it has cycles only, so the headline falls back from instructions.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

command -v "${HOOKCOST_GNUPLOT:-gnuplot}" >/dev/null ||
	skip_all "gnuplot is not installed (apt-get install gnuplot-nox)"

# The lines of a Markdown section: section FILE HEADING, up to the next "## ".
section() {
	sed -n "/^## $2\$/,/^## /p" "$1" | sed '1d; /^## /d'
}

# The rows of the table under the caption line $2 in the Markdown text on stdin.
table_rows() {
	awk -v cap="$1" '$0 == cap { on = 1; next } on && /^\| :---/ { rows = 1; next }
		rows && /^\|/ { print; next } rows { exit }'
}

plan 13

"$HOOKCOST" report -o "$tmp/r" "$fx/result-configs.json" >/dev/null 2>"$tmp/err"
ok $? "report of a run with every configuration: exit 0 ($(head -c 200 "$tmp/err"))"
md=$tmp/r/report.md
section "$md" Verdicts >"$tmp/verdicts.md"

table_rows "unused vs off, in cycles/op:" <"$tmp/verdicts.md" | cut -d'|' -f2 |
	sed 's/^ *//; s/ *$//' >"$tmp/rows"
printf '%s\n' tcp.charge "tcp.sendmsg size=64" "tcp.sendmsg size=1024" | cmp -s - "$tmp/rows"
ok $? "unused vs off: a row per case, constant parameters left out ($(paste -sd, "$tmp/rows"))"

grep -qx '| case | static | branch |' "$tmp/verdicts.md" &&
	grep -qx '| case | static |' "$tmp/verdicts.md"
ok $? "a column per gate present in the suite"

table_rows "unused vs off, in cycles/op:" <"$tmp/verdicts.md" >"$tmp/uo"
# A hookcost-result/1 file records no margin: nothing can be called equivalent.
grep -q '^| tcp.charge | ? \[-0.03, 0.03\] | +0.50 \[0.47, 0.53\] \\\* |$' "$tmp/uo" &&
	grep -q '^| tcp.sendmsg size=64 | ? \[-0.03, 0.03\] | – |$' "$tmp/uo"
ok $? "cells: an overhead with CI and marker, inconclusive with its CI (no margin in a /1 file), a dash for no gate"

for pair in "bystander vs unused" "active vs unused"; do
	[ "$(table_rows "$pair, in cycles/op:" <"$tmp/verdicts.md" | wc -l)" -eq 3 ] &&
		[ "$(grep -c "^$pair, in cycles/op:\$" "$tmp/verdicts.md")" -eq 2 ] || break
done
ok $? "bystander and active vs unused: a table in each measured suite, a row per case"

sed -n '/^#### system suite$/,$p' "$tmp/verdicts.md" >"$tmp/system.md"
! grep -q '^unused vs off' "$tmp/system.md" &&
	[ "$(table_rows "active vs unused, in cycles/op:" <"$tmp/system.md")" = \
	  '| sys.pipe_create | +150.0 [150.0, 150.0] \* |' ]
ok $? "a suite without off has no unused vs off table"

# A hookcost-result/1 file has no margin: nothing in it is equivalent.
sentence="static: unused vs off equivalent in 0 of 3 cases, bystander vs unused equivalent in 0"
sentence="$sentence of 3, active costs more than unused in 3 of 3; branch: unused vs off"
sentence="$sentence equivalent in 0 of 1 case, bystander vs unused equivalent in 0 of 1, active"
sentence="$sentence costs more than unused in 1 of 1."
grep -qxF "$sentence" "$tmp/verdicts.md"
ok $? "one summary sentence per suite, clause per gate"

grep -q '^- kernel: 4 variants skipped: baseline' "$tmp/verdicts.md" &&
	grep -q '^- system: 1 variant skipped: needs a kernel' "$tmp/verdicts.md" &&
	[ "$(grep -c 'skipped' "$md")" -eq 2 ]
ok $? "skipped variants: one line per suite and reason, with the count"

! grep -q 'no detectable overhead\|overhead .* p = ' "$tmp/verdicts.md" &&
	[ "$(grep '^## ' "$md" | tail -1)" = "## All comparisons" ]
ok $? "Markdown: no verdict sentence in Verdicts; All comparisons is the last section"

nr=$(python3 -c 'import json, sys; print(len(json.load(open(sys.argv[1]))["comparisons"]))' \
	"$fx/result-configs.json")
items=$(section "$md" "All comparisons" | grep -c '^- ')
[ "$items" -eq "$nr" ]
ok $? "All comparisons: a sentence per comparison ($items of $nr)"

html=$tmp/r/report.html
lis=$(sed -n '/^<details>$/,/^<\/details>$/p' "$html" | grep -c '^<li>')
[ "$(grep -c '^<details>$' "$html")" -eq 1 ] && [ "$lis" -eq "$nr" ] &&
	[ "$(grep -n '<h2>Figures</h2>' "$html" | cut -d: -f1)" -lt \
	  "$(grep -n '^<details>$' "$html" | cut -d: -f1)" ]
ok $? "HTML: the sentences folded in one <details> after the figures ($lis of $nr)"

sed -n '/<h2>Verdicts<\/h2>/,/<h2>Method<\/h2>/p' "$html" >"$tmp/verdicts.html"
[ "$(grep -c '<tr><td>tcp.sendmsg size=1024</td>' "$tmp/verdicts.html")" -eq 3 ] &&
	grep -q '<th>case</th><th>static</th><th>branch</th>' "$tmp/verdicts.html"
ok $? "HTML: the headline tables, a row per case in each"

"$HOOKCOST" report -o "$tmp/u" "$fx/result-unused.json" >/dev/null 2>&1 &&
	section "$tmp/u/report.md" Verdicts | table_rows "unused vs off, in instructions/op:" |
	cut -d'|' -f2 | sed 's/^ *//; s/ *$//' | sort | uniq -d | wc -l | grep -qx 0 &&
	[ "$(section "$tmp/u/report.md" Verdicts |
		table_rows "unused vs off, in instructions/op:" | wc -l)" -eq 4 ]
ok $? "a run with instructions: the headline is in instructions, a row per case"

exit $((tap_failed > 0))
