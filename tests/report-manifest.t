#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A .hookcost-report that a report did not write is not believed: a manifest listing the
# report's own input, a name no report writes, or a path out of the directory, or one that is
# a symlink, makes the directory a stranger's (exit 2, one line, nothing removed); with --force
# the report is written and nothing the planted manifest lists is removed. A planted staging
# directory that is a symlink is not swept through, and a report that fails leaves no
# directory it created.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
need_gnuplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=tests/fixtures
header='# written by hookcost report; removed by the next one'

plan 14

# planted DIR LINE...: DIR with a manifest of these lines after the report's header.
planted() {
	local d=$1
	shift
	rm -rf "$d"
	mkdir -p "$d"
	{ echo "$header"; printf '%s\n' "$@"; } >"$d/.hookcost-report"
}

# refused DESCRIPTION DIR ARGS...: exit 2, one line, the directory's files all still there.
refused() {
	local what=$1 d=$2 rc
	shift 2
	ls -A "$d" >"$tmp/before"
	"$HOOKCOST" report -o "$d" "$@" >/dev/null 2>"$tmp/err"
	rc=$?
	ls -A "$d" >"$tmp/after"
	ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && cmp -s "$tmp/before" "$tmp/after" &&
		echo 0 || echo 1) "$what: exit 2 ($rc), one line, nothing removed: $(head -c 150 "$tmp/err")"
}

out=$tmp/input-listed
planted "$out" run.json report.md
cp $fx/result-configs.json "$out/run.json"
refused "a manifest listing the report's input" "$out" "$out/run.json"
ok $(cmp -s $fx/result-configs.json "$out/run.json" && echo 0 || echo 1) "the input is intact"

out=$tmp/input-link
planted "$out" fig-1-input.dat
ln -s "$PWD/$fx/result-configs.json" "$out/fig-1-input.dat"
refused "a manifest listing the input, a symlink named like a figure" "$out" \
	"$out/fig-1-input.dat"

out=$tmp/foreign-name
planted "$out" notes.txt
echo mine >"$out/notes.txt"
refused "a manifest listing a name no report writes" "$out" $fx/result-configs.json

out=$tmp/outside
planted "$out" ../victim.md
refused "a manifest naming a file out of the directory" "$out" $fx/result-configs.json

out=$tmp/no-header
mkdir -p "$out"
echo report.md >"$out/.hookcost-report"
refused "a manifest without the report's header" "$out" $fx/result-configs.json

out=$tmp/link
mkdir -p "$out"
{ echo "$header"; echo report.md; } >"$tmp/elsewhere"
ln -s "$tmp/elsewhere" "$out/.hookcost-report"
refused "a manifest that is a symlink" "$out" $fx/result-configs.json

out=$tmp/forced
planted "$out" notes.txt run.json
echo mine >"$out/notes.txt"
cp $fx/result-configs.json "$out/run.json"
"$HOOKCOST" report --force -o "$out" "$out/run.json" >/dev/null 2>"$tmp/err"
ok $? "--force writes the report ($(head -c 120 "$tmp/err"))"
ok $([ -s "$out/notes.txt" ] && [ -s "$out/run.json" ] && [ -s "$out/report.html" ] &&
	! grep -qx -e notes.txt -e run.json "$out/.hookcost-report" && echo 0 || echo 1) \
	"nothing the planted manifest listed is removed, and the new one lists the report's files"
"$HOOKCOST" report -o "$out" $fx/result-unused.json >/dev/null 2>"$tmp/err"
ok $? "the report's own manifest is believed by the next report ($(head -c 120 "$tmp/err"))"

# A staging directory is swept only when it is one: a symlink to another directory is not.
out=$tmp/stage-link
mkdir -p "$out" "$tmp/precious"
echo keep >"$tmp/precious/file"
ln -s "$tmp/precious" "$out/.report.planted"
"$HOOKCOST" report -o "$out" $fx/result-configs.json >/dev/null 2>"$tmp/err"
ok $? "a report into a directory holding a planted staging symlink ($(head -c 120 "$tmp/err"))"
ok $([ -s "$tmp/precious/file" ] && echo 0 || echo 1) "the directory it points to keeps its file"

# gnuplot fails to draw: the report fails and the directory it made is gone again.
cat >"$tmp/bad-gnuplot" <<'SH'
#!/bin/sh
if [ "$1" = -e ]; then
	printf '5.4 patchlevel 4\n svg pngcairo png \n'
	exit 0
fi
exit 1
SH
chmod +x "$tmp/bad-gnuplot"
HOOKCOST_GNUPLOT=$tmp/bad-gnuplot "$HOOKCOST" report -o "$tmp/new/dir" \
	$fx/result-configs.json >/dev/null 2>"$tmp/err"
rc=$?
ok $([ $rc = 1 ] && echo 0 || echo 1) "gnuplot failing: exit 1 ($rc: $(head -c 120 "$tmp/err"))"
ok $([ ! -e "$tmp/new" ] && echo 0 || echo 1) "the directories it created are removed"
exit $((tap_failed > 0))
