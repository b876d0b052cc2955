#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hookcost compare on hand-made result files (tests/fixtures/result-*.json, 15 samples per
# variant): a run against itself and against a rerun of the same build finds nothing, the
# `active` run against the `unused` one flags exactly the active rows, --fail-above gates, and
# every kind of bad input is one line on stderr and exit status 2.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Runs hookcost compare; stdout, stderr and the status go to $tmp/out, $tmp/err, $rc.
cmp_run() {
	"$HOOKCOST" compare "$@" >"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# Sum of "X of Y rows significant" lines: prints "X Y".
significant() {
	awk '/ rows significant/ { x += $1; y += $3 } END { print x + 0, y + 0 }' "$tmp/out"
}

plan 19

cmp_run "$fx/result-unused.json" "$fx/result-unused.json"
ok $rc "a run against itself: exit 0"
set -- $(significant)
[ "$1" -eq 0 ] && [ "$2" -eq 22 ]
ok $? "a run against itself: 0 of 22 rows significant (got $1 of $2)"

cmp_run "$fx/result-unused.json" "$fx/result-rerun.json"
set -- $(significant)
[ "$2" -gt 0 ] && [ $(($1 * 100)) -le $(($2 * 5)) ]
ok $? "a rerun of the same build: at most 5 % of rows significant (got $1 of $2)"

cmp_run "$fx/result-unused.json" "$fx/result-active.json"
ok $rc "unused against active: exit 0"
active=$(grep -c 'unused→active' "$tmp/out")
flagged=$(grep 'unused→active' "$tmp/out" | grep -c ' \*$')
[ "$active" -eq 10 ] && [ "$flagged" -eq "$active" ]
ok $? "unused against active: every active row flagged ($flagged of $active)"
! grep -v 'unused→active' "$tmp/out" | grep -q ' \*$'
ok $? "unused against active: no other row flagged"
grep -q '^geomean (11 of 11 rows)' "$tmp/out"
ok $? "a geometric-mean row per metric"
grep -q 'static  unused→active  22.00  51.00 .* +131.8[0-9]% .* +56.8[0-9]% ' "$tmp/out"
ok $? "change against both denominators: new/base - 1 and the share of new"

cmp_run --fail-above 10 "$fx/result-unused.json" "$fx/result-active.json"
[ $rc -eq 1 ] && grep -q 'above 10% (--fail-above)' "$tmp/err" && [ -s "$tmp/out" ]
ok $? "--fail-above 10: the table, then exit 1 (rc $rc)"
cmp_run --fail-above 200 "$fx/result-unused.json" "$fx/result-active.json"
ok $rc "--fail-above 200: no rise that large, exit 0"

cmp_run --metric cycles --format markdown "$fx/result-unused.json" "$fx/result-active.json"
grep -q '^| case | gate | config |' "$tmp/out" && ! grep -q 'instructions/op' "$tmp/out"
ok $? "--metric cycles --format markdown: one Markdown table of cycles"

sed 's/"6.1.0-hookcost"/"6.18.0-other"/; s/"perf"/"tsc"/' "$fx/result-rerun.json" \
	>"$tmp/other-kernel.json"
cmp_run "$fx/result-unused.json" "$tmp/other-kernel.json"
[ $rc -eq 0 ] &&
	grep -q 'warning:.*different contexts:.*kernel.release (6.1.0-hookcost vs 6.18.0-other)' \
		"$tmp/err" && grep -q 'warning:.*backend (perf vs tsc)' "$tmp/err"
ok $? "different contexts: compared, with a warning naming kernel.release and backend"

# Bad input: exit 2, exactly one line on stderr, nothing on stdout.
bad() {
	what=$1
	shift
	cmp_run "$@"
	lines=$(wc -l <"$tmp/err")
	[ $rc -eq 2 ] && [ "$lines" -eq 1 ] && [ ! -s "$tmp/out" ]
	ok $? "$what: exit 2 with one line (rc $rc, $lines lines: $(head -c 120 "$tmp/err"))"
}

sed 's|"hookcost-result/1"|"hookcost-result/2"|' "$fx/result-active.json" >"$tmp/v2.json"
bad "another schema version" "$fx/result-unused.json" "$tmp/v2.json"
head -c 3000 "$fx/result-active.json" >"$tmp/truncated.json"
bad "truncated JSON" "$fx/result-unused.json" "$tmp/truncated.json"
printf 'suite,case,gate,config\nuser,tcp.charge,static,off\n' >"$tmp/samples.csv"
bad "a file that is not JSON" "$fx/result-unused.json" "$tmp/samples.csv"
printf '{"schema": "hookcost-result/1", "context": {}, "results": [], "complete": true}\n' \
	>"$tmp/empty-result.json"
bad "an empty result" "$fx/result-unused.json" "$tmp/empty-result.json"
: >"$tmp/empty.json"
bad "an empty file" "$fx/result-unused.json" "$tmp/empty.json"
bad "a single file" "$fx/result-unused.json"
bad "--alpha out of range" --alpha 2 "$fx/result-unused.json" "$fx/result-active.json"
