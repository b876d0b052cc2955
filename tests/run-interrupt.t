#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# SIGINT in the middle of a run leaves a valid result file holding the finished cases,
# marked "complete": false, and the run exits with 130.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 5

"$HOOKCOST" run --case calib --backend tsc -n 400 -w 0 -t 0.002 -q -o "$dir/r.json" \
	2>"$dir/err" &
pid=$!
# The file appears when the first case is finished.
for _ in $(seq 600); do
	[ -e "$dir/r.json" ] && break
	sleep 0.1
done
kill -INT "$pid"
wait "$pid"
rc=$?
ok $([ "$rc" = 130 ] && echo 0 || echo 1) "exit status 130 after SIGINT (got $rc)"
json_check "$dir/r.json" 'd["complete"] is False'
ok $? "the file is valid JSON marked incomplete"
json_check "$dir/r.json" '1 <= len(d["results"]) < 6'
ok $? "it holds the finished cases only"
json_check "$dir/r.json" 'all(r["samples"] == 400 for r in d["results"])'
ok $? "every case in it is whole"
ok $(grep -q interrupted "$dir/err" && echo 0 || echo 1) "the run says it was interrupted"
exit $((tap_failed > 0))
