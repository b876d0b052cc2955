#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# hookcost report writes only into a directory it owns: files it did not write survive, a
# non-empty directory it did not write needs --force, stale staging directories of interrupted
# reports are swept, and SIGTERM while gnuplot draws ends gnuplot, leaves no staging directory
# and keeps the previous report whole. A fake gnuplot (answers the probe, then sleeps) makes the
# interruption deterministic.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
need_gnuplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fx=tests/fixtures
out=$tmp/out

plan 12

mkdir "$out"
echo mine >"$out/fig-mine.txt"
"$HOOKCOST" report -o "$out" $fx/result-configs.json >/dev/null 2>"$tmp/err"
ok $([ $? = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && [ "$(ls -A "$out")" = fig-mine.txt ] &&
	echo 0 || echo 1) "a non-empty directory it did not write: exit 2, untouched"

"$HOOKCOST" report --force -o "$out" $fx/result-configs.json >/dev/null 2>"$tmp/err"
ok $? "--force writes into it ($(head -c 160 "$tmp/err"))"
ok $([ -s "$out/report.html" ] && [ -s "$out/.hookcost-report" ] && [ -s "$out/fig-mine.txt" ] &&
	! grep -qx fig-mine.txt "$out/.hookcost-report" && echo 0 || echo 1) \
	"the manifest lists the report's files, not the user's, which survives"
ok $(while read -r f; do [ "${f#\#}" != "$f" ] || [ -e "$out/$f" ] || exit 1; done \
	<"$out/.hookcost-report" && echo 0 || echo 1) "every file in the manifest exists"

grep -v '^#' "$out/.hookcost-report" | sort >"$tmp/first"
"$HOOKCOST" report -o "$out" $fx/result-unused.json >/dev/null 2>"$tmp/err"
ok $? "a second report into its own directory needs no --force"
grep -v '^#' "$out/.hookcost-report" | sort >"$tmp/second"
stale=$(comm -23 "$tmp/first" "$tmp/second" | while read -r f; do [ -e "$out/$f" ] && echo "$f"; done)
ok $([ -z "$stale" ] && [ -s "$out/fig-mine.txt" ] && echo 0 || echo 1) \
	"the first report's files it no longer writes are gone, the user's file stays"

mkdir "$out/.report.stale1"
head -c 100000 /dev/zero >"$out/.report.stale1/fig-1-x.png"
"$HOOKCOST" report -o "$out" $fx/result-unused.json >/dev/null 2>"$tmp/err"
ok $([ $? = 0 ] && ! ls -d "$out"/.report.* >/dev/null 2>&1 && echo 0 || echo 1) \
	"a stale staging directory of an interrupted report is swept"

# SIGTERM while gnuplot draws.
cat >"$tmp/slow-gnuplot" <<SH
#!/bin/sh
if [ "\$1" = -e ]; then
	printf '5.4 patchlevel 4\n svg pngcairo png \n'
	exit 0
fi
echo \$\$ >"$tmp/gnuplot.pid"
exec sleep 60
SH
chmod +x "$tmp/slow-gnuplot"
cp "$out/report.md" "$tmp/before.md"
HOOKCOST_GNUPLOT=$tmp/slow-gnuplot "$HOOKCOST" report -o "$out" $fx/result-configs.json \
	>/dev/null 2>"$tmp/err" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/gnuplot.pid" ] && break; sleep 0.1; done
kill -TERM $pid
wait $pid
rc=$?
gp=$(cat "$tmp/gnuplot.pid" 2>/dev/null)
ok $([ $rc = 143 ] && echo 0 || echo 1) "SIGTERM: exit 128+15 (got $rc: $(head -c 160 "$tmp/err"))"
sleep 0.2
ok $([ -n "$gp" ] && ! kill -0 "$gp" 2>/dev/null && echo 0 || echo 1) "SIGTERM: gnuplot was ended"
ok $(! ls -d "$out"/.report.* >/dev/null 2>&1 && echo 0 || echo 1) "SIGTERM: no staging directory left"
ok $(cmp -s "$tmp/before.md" "$out/report.md" && echo 0 || echo 1) \
	"SIGTERM: the previous report is kept whole"

# Two reports at once into one directory: the second is refused while the first holds it.
rm -f "$tmp/gnuplot.pid"
HOOKCOST_GNUPLOT=$tmp/slow-gnuplot "$HOOKCOST" report -o "$out" $fx/result-configs.json \
	>/dev/null 2>&1 &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/gnuplot.pid" ] && break; sleep 0.1; done
"$HOOKCOST" report -o "$out" $fx/result-unused.json >/dev/null 2>"$tmp/err"
rc=$?
kill -TERM $pid
wait $pid
ok $([ $rc = 2 ] && grep -q 'another hookcost report' "$tmp/err" && echo 0 || echo 1) \
	"a second report into the same directory is refused (exit $rc: $(head -c 120 "$tmp/err"))"
exit $((tap_failed > 0))
