#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost workload -o is checked like run -o, before the command first runs: a FIFO, a
# directory, a file in /proc, an empty name, a missing directory, an existing file without
# --force and a fractional -n are one line and exit 2, the command never ran and the path is
# what it was; --force replaces a regular file.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 12

# refused DESCRIPTION ARGS...: exit 2, one line on stderr, and the command did not run.
refused() {
	local what=$1 rc
	shift
	rm -f "$dir/ran"
	"$HOOKCOST" workload -n 2 -w 0 "$@" -- "touch '$dir/ran'" >/dev/null 2>"$dir/err"
	rc=$?
	ok $([ $rc = 2 ] && [ "$(wc -l <"$dir/err")" = 1 ] && [ ! -e "$dir/ran" ] &&
		echo 0 || echo 1) "$what: exit 2 ($rc), one line, nothing run: $(head -c 100 "$dir/err")"
}

mkfifo "$dir/fifo"
refused "a FIFO" -o "$dir/fifo"
ok $([ -p "$dir/fifo" ] && grep -q 'not a regular file' "$dir/err" && echo 0 || echo 1) \
	"the FIFO is still a FIFO, and the error says why"
refused "a FIFO, even with --force" --force -o "$dir/fifo"
mkdir "$dir/d"
refused "a directory" -o "$dir/d"
ok $([ -d "$dir/d" ] && grep -q 'not a regular file' "$dir/err" && echo 0 || echo 1) \
	"the directory is still one, and the error says why"
refused "a file in /proc" -o /proc/hookcost-workload-test.json
refused "an empty name" -o ''
refused "a missing directory" -o "$dir/no/such/w.json"
echo keep >"$dir/old.json"
refused "an existing file without --force" -o "$dir/old.json"
ok $([ "$(cat "$dir/old.json")" = keep ] && echo 0 || echo 1) "and it is unchanged"
refused "-n 1.5" -n 1.5 -o "$dir/new.json"

"$HOOKCOST" workload -n 2 -w 0 --force -o "$dir/old.json" -- true 2>"$dir/err"
json_check "$dir/old.json" 'len(d["ticks"]) == 2'
ok $? "--force replaces a regular file ($(head -c 100 "$dir/err"))"
exit $((tap_failed > 0))
