#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# A run holds its -o for the whole run: a second run onto it is refused with one line, even
# with --force, and the lock goes with the run. Every run starts by sweeping the /dev/shm
# directories that killed runs left (their process is gone).
. "$(dirname "$0")/lib/tap.sh"
tmp=$(mktemp -d)
trap 'kill $pid 2>/dev/null; rm -rf "$tmp"' EXIT

plan 8

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

# The lock file of a run that finished is removed before it is closed: a run that opened it
# just before and locks it just after holds a lock on a removed file while the next run
# creates a new one. strace holds hookcost's flock(2) back for a second, in which the name is
# replaced by a new file that flock(1) holds: hookcost must see its lock is on a removed
# file, open the name again, and find it taken.
if command -v strace >/dev/null && command -v flock >/dev/null; then
	strace -f -o /dev/null -e trace=flock -e inject=flock:delay_enter=1000000 \
		"$HOOKCOST" run --case empty -n 3 -w 0 -q -o "$tmp/s.json" >/dev/null \
		2>"$tmp/err" &
	spid=$!
	for _ in $(seq 100); do [ -e "$tmp/s.json.lock" ] && break; sleep 0.05; done
	rm -f "$tmp/s.json.lock"
	flock "$tmp/s.json.lock" sleep 4 &
	hold=$!
	wait $spid
	rc=$?
	kill $hold 2>/dev/null
	ok $([ $rc = 2 ] && grep -q 'another hookcost run' "$tmp/err" && [ ! -e "$tmp/s.json" ] &&
		echo 0 || echo 1) "a lock taken on a lock file replaced meanwhile is let go, and" \
		"the new one found held (exit $rc: $(head -c 100 "$tmp/err"))"
else
	skip "strace or flock(1) not installed (scripts/install-deps)"
fi

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
