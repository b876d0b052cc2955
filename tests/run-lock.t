#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A run holds its -o for the whole run: a second run onto it is refused with one line, even
# with --force, and the lock goes with the run. Every run starts by sweeping the /dev/shm
# directories that killed runs left (their process is gone).
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

plan 7

"$HOOKCOST" run --case calib --backend tsc -n 400 -w 0 -t 0.002 -q -o "$tmp/r.json" \
	>/dev/null 2>&1 &
pid=$!
# The result file appears when the first case is finished: the run is well under way.
for _ in $(seq 600); do [ -e "$tmp/r.json" ] && break; sleep 0.1; done
"$HOOKCOST" run --case nop1 -n 3 -q --force -o "$tmp/r.json" >/dev/null 2>"$tmp/err"
rc=$?
ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && grep -q 'another hookcost run' "$tmp/err" &&
	echo 0 || echo 1) "a second run onto the same -o is refused (exit $rc: $(head -c 120 "$tmp/err"))"
kill -INT $pid
wait $pid
ok $([ ! -e "$tmp/r.json.lock" ] && echo 0 || echo 1) "the lock file goes with the run"
"$HOOKCOST" run --case empty -n 3 -w 0 -q --force -o "$tmp/r.json" >/dev/null 2>"$tmp/err"
ok $? "once it is over, the next run writes there ($(head -c 120 "$tmp/err"))"

# A link planted at FILE.lock is not followed: what it names is neither created nor locked,
# and the link is left to whoever made it.
ln -s "$tmp/planted-target" "$tmp/p.json.lock"
"$HOOKCOST" run --case empty -n 3 -w 0 -q -o "$tmp/p.json" >/dev/null 2>"$tmp/err"
rc=$?
ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && [ ! -e "$tmp/planted-target" ] &&
	[ ! -e "$tmp/p.json" ] && echo 0 || echo 1) \
	"a symlink at r.json.lock: refused, exit $rc, its target not created: $(head -c 100 "$tmp/err")"
ok $([ -L "$tmp/p.json.lock" ] && echo 0 || echo 1) "and the link is still there"

dead=$(sh -c 'echo $$')
stale=/dev/shm/hookcost-$dead-active
if [ -w /dev/shm ] && ! kill -0 "$dead" 2>/dev/null; then
	mkdir -p "$stale" && : >"$stale/f"
	"$HOOKCOST" run --case empty -n 3 -w 0 -q >/dev/null 2>"$tmp/err"
	ok $([ ! -e "$stale" ] && echo 0 || echo 1) "a killed run's /dev/shm directory is swept at start"
	ok $(grep -q 'removed [0-9]* /dev/shm' "$tmp/err" && echo 0 || echo 1) "the sweep is reported"
else
	skip "/dev/shm is not writable"
	skip "/dev/shm is not writable"
fi
exit $((tap_failed > 0))
