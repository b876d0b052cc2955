#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# --on-cmd/--off-cmd: any key-guarded feature measured unused vs active with the system cases.
# The commands run on transitions only, the feature is left off at the end, bystander (which
# needs someone else to turn the key on) is refused, and one command alone is a usage error.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
log=$dir/switch.log
plan 7

"$HOOKCOST" run --case sys.pipe_create --backend tsc -n 5 -w 0 -q -o "$dir/r.json" \
	--on-cmd "echo on >>$log" --off-cmd "echo off >>$log" 2>"$dir/err"
ok $? "run with --on-cmd and --off-cmd"
json_check "$dir/r.json" '{r["config"] for r in d["results"] if "skipped" not in r} == {"unused", "active"}'
ok $? "unused and active are measured"
json_check "$dir/r.json" 'all("skipped" in r for r in d["results"] if r["config"] == "bystander")'
ok $? "bystander is refused, with a reason"
ok $([ "$(tail -n 1 "$log")" = off ] && echo 0 || echo 1) "the feature is switched off at the end"
ok $(uniq "$log" | cmp -s - "$log" && echo 0 || echo 1) \
	"commands run on transitions only ($(tr '\n' ' ' <"$log"))"
json_check "$dir/r.json" 'd["context"]["system"]["on_cmd"].startswith("echo on")'
ok $? "the context records the commands"
"$HOOKCOST" run --case sys.pipe_create --on-cmd true -o "$dir/x.json" 2>/dev/null
rc=$?
ok $([ "$rc" = 2 ] && [ ! -e "$dir/x.json" ] && echo 0 || echo 1) \
	"--on-cmd without --off-cmd: usage error, no file (exit $rc)"
exit $((tap_failed > 0))
