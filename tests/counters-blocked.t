#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# With perf_event_paranoid raised to 3 and an unprivileged user, --backend perf must fail
# naming the setting and the fix, and auto must fall back and record why in the context.
# --backend perf uses task-clock, which needs no PMU: the permission check is the same, and
# the kernel makes it before it looks for the PMU, so auto's default events meet it too.
. "$(dirname "$0")/lib/tap.sh"

[ "$(id -u)" = 0 ] || skip_all "needs root (to change kernel.perf_event_paranoid and drop to nobody)"
command -v setpriv >/dev/null || skip_all "needs setpriv (util-linux) to run as nobody"
paranoid=/proc/sys/kernel/perf_event_paranoid
[ -w "$paranoid" ] || skip_all "kernel.perf_event_paranoid is not writable here"

dir=$(mktemp -d)
saved=$(cat "$paranoid")
trap 'echo "$saved" >"$paranoid"; rm -rf "$dir"' EXIT
# A copy nobody can execute, in a directory nobody can write.
cp "$HOOKCOST" "$dir/hookcost"
chmod 755 "$dir" "$dir/hookcost"
chown nobody "$dir"
echo 3 >"$paranoid"

as_nobody() { setpriv --reuid=nobody --regid=nogroup --clear-groups "$dir/hookcost" "$@"; }

plan 6
as_nobody run --case empty -n 3 --backend perf -E task-clock -o "$dir/perf.json" 2>"$dir/err"
rc=$?
ok $([ "$rc" = 1 ] && echo 0 || echo 1) "--backend perf blocked: exit status 1 (got $rc)"
ok $(grep -q 'perf_event_paranoid = 3' "$dir/err" && echo 0 || echo 1) \
	"the message names the setting: $(head -c 300 "$dir/err")"
ok $(grep -q 'sysctl -w kernel.perf_event_paranoid=1' "$dir/err" && echo 0 || echo 1) \
	"the message names the fix"
ok $([ ! -e "$dir/perf.json" ] && echo 0 || echo 1) "no result file written"

as_nobody run --case empty -n 3 --backend auto -q -o "$dir/auto.json" 2>/dev/null
ok $? "--backend auto still runs"
json_check "$dir/auto.json" \
	'd["context"]["backend"] in ("tsc", "clock") and "perf_event_paranoid" in d["context"]["backend_fallback"]'
ok $? "auto fell back, and the context says so and why"
exit $((tap_failed > 0))
