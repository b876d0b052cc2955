#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A result file's name is anyone's, like its contents: one holding a terminal escape (OSC 52
# writes the clipboard, CSI 2J clears the screen), a BEL or a C1 control reaches neither the
# terminal from `compare` in any format nor report.md, report.html or report.txt raw; it is
# shown escaped (\x1b, \u009b) where the name appears, in headings, table heads and captions.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
need_gnuplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

osc=$(printf 'x\033]52;c;aGk=\007y')
csi=$(printf 'a\033[2J\302\233b')
cp tests/fixtures/result-configs.json "$tmp/$osc.json"
cp tests/fixtures/result-active.json "$tmp/$csi.json"

# raw FILE...: whether any file holds a control byte other than newline and tab (or C1).
raw() { LC_ALL=C grep -qP '[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' "$@"; }

plan 6

for fmt in table markdown text; do
	"$HOOKCOST" compare --format "$fmt" "$tmp/$osc.json" "$tmp/$csi.json" >"$tmp/out" \
		2>"$tmp/err"
	rc=$?
	! raw "$tmp/out" "$tmp/err" && [ $rc -le 1 ]
	ok $? "compare --format $fmt sends no control character of the names ($rc)"
done
grep -qF 'a\x1b[2J\u009bb.json against x\x1b]52;c;aGk=\x07y.json' "$tmp/out"
ok $? "compare --format text shows the names escaped ($(grep -m1 '^==' "$tmp/out"))"

"$HOOKCOST" report -o "$tmp/rep" "$tmp/$osc.json" "$tmp/$csi.json" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 0 ] && ! raw "$tmp"/rep/report.* "$tmp/err"
ok $? "report.md, report.html and report.txt hold no control character ($rc)"
# Markdown doubles the backslash, which renders as one.
grep -qF '| context | x\\x1b]52;c;aGk=\\x07y.json | a\\x1b[2J\\u009bb.json |' \
	"$tmp/rep/report.md" &&
	grep -qF 'every case of x\x1b]52;c;aGk=\x07y.json' "$tmp/rep/report.html"
ok $? "the table head and the figure caption show the names escaped"
