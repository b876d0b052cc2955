#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Signals in `hookcost run -o`: SIGINT before the first case finishes writes no result file
# (compare and report refuse one without results), says so and exits 130; SIGTERM at any
# moment of a short run leaves no FILE.lock and no FILE.tmp.PID, and a run killed by the signal
# itself (before it could catch it) created nothing; a run sweeps the FILE.tmp.PID files of
# killed runs (their PID is gone) and no other.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 8

"$HOOKCOST" run --case calib --backend tsc -n 400 -w 0 -t 0.002 -q -o "$dir/r.json" \
	2>"$dir/err" &
pid=$!
sleep 0.5
early=$([ -e "$dir/r.json" ] && echo yes)
kill -INT $pid
wait $pid
rc=$?
if [ -n "$early" ]; then
	skip "the first case finished within 0.5 s: nothing to test"
	skip "the first case finished within 0.5 s: nothing to test"
else
	ok $([ $rc = 130 ] && [ ! -e "$dir/r.json" ] && [ ! -e "$dir/r.csv" ] && echo 0 || echo 1) \
		"SIGINT before the first case finished: exit 130 ($rc), no result file"
	ok $(grep -q 'interrupted; no case finished, so no result file was written' "$dir/err" &&
		echo 0 || echo 1) "and it says so: $(tail -n 1 "$dir/err")"
fi
ok $([ -z "$(ls -A "$dir" | grep -v '^err$')" ] && echo 0 || echo 1) \
	"nothing else left in the directory ($(ls -A "$dir" | tr '\n' ' '))"

# SIGTERM 0 to 0.2 s into a run of about that length: every moment of its setup.
/usr/bin/python3 - "$HOOKCOST" "$dir/t" >"$dir/trials" <<'PY'
import os, signal, subprocess, sys, time
hookcost, d = sys.argv[1], sys.argv[2]
os.mkdir(d)
for i in range(25):
    for f in os.listdir(d):
        os.unlink(os.path.join(d, f))
    p = subprocess.Popen([hookcost, "run", "--case", "empty", "-n", "3", "-w", "0", "-q",
                          "-o", os.path.join(d, "r.json")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(i * 0.008)
    p.send_signal(signal.SIGTERM)
    p.wait()
    print(p.returncode, " ".join(sorted(os.listdir(d))) or "-")
PY
ok $(! grep -q -e '\.lock' -e '\.tmp\.' "$dir/trials" && echo 0 || echo 1) \
	"SIGTERM at 25 moments: no r.json.lock or r.json.tmp.PID left"
ok $(! grep -q '^-15 [^-]' "$dir/trials" && echo 0 || echo 1) \
	"a run the signal itself ended had created nothing ($(grep -c '^-15' "$dir/trials") of 25)"

# A writer killed between creating FILE.tmp.PID and renaming it; a live process's is kept.
dead=$(sh -c 'echo $$')
while kill -0 "$dead" 2>/dev/null; do dead=$(sh -c 'echo $$'); done
mkdir "$dir/k"
echo partial >"$dir/k/r.json.tmp.$dead"
echo partial >"$dir/k/r.csv.tmp.$dead"
echo live >"$dir/k/r.json.tmp.$$"
echo other >"$dir/k/x.json.tmp.$dead"
"$HOOKCOST" run --case empty -n 3 -w 0 -q -o "$dir/k/r.json" 2>"$dir/err"
ok $? "a run onto that -o ($(head -c 100 "$dir/err"))"
ok $([ ! -e "$dir/k/r.json.tmp.$dead" ] && [ ! -e "$dir/k/r.csv.tmp.$dead" ] &&
	[ -e "$dir/k/r.json.tmp.$$" ] && [ -e "$dir/k/x.json.tmp.$dead" ] && echo 0 || echo 1) \
	"the dead writer's r.json.tmp.PID and r.csv.tmp.PID are swept, nothing else"
json_check "$dir/k/r.json" 'any("removed 2 temporary files" in w for w in d["context"]["warnings"])'
ok $? "the sweep is a warning of the run"
exit $((tap_failed > 0))
