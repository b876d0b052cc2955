#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input: one line on stderr, exit status 2, and no file written.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo '{}' >"$dir/exists.json"
mkdir "$dir/adir.json"

# expect_usage DESCRIPTION ARGS...: runs hookcost in $dir and checks the contract.
expect_usage() {
	local what=$1 before after rc lines
	shift
	before=$(ls "$dir" | sort)
	(cd "$dir" && "$HOOKCOST" "$@" >"$dir/.out" 2>"$dir/.err")
	rc=$?
	lines=$(wc -l <"$dir/.err")
	after=$(ls "$dir" | sort)
	ok $([ "$rc" = 2 ] && echo 0 || echo 1) "$what: exit status 2 (got $rc)"
	ok $([ "$lines" = 1 ] && echo 0 || echo 1) "$what: one line of error ($(head -c 200 "$dir/.err"))"
	ok $([ "$before" = "$after" ] && echo 0 || echo 1) "$what: no file written"
	rm -f "$dir/.out" "$dir/.err"
}

plan 51
expect_usage "unknown case" run --case no_such_case -o out.json
expect_usage "--cpu 999" run --case empty --cpu 999 -o out.json
expect_usage "--samples 0" run --case empty --samples 0 -o out.json
expect_usage "-o onto an existing file" run --case empty -n 3 -o exists.json
expect_usage "-o into a missing directory" run --case empty -o missing/out.json
expect_usage "unknown event" run --case empty --backend perf -e no-such-event -o out.json
expect_usage "unknown backend" run --case empty --backend quantum -o out.json
expect_usage "bad fake backend spec" run --case empty --backend fake:nop1=lots -o out.json
expect_usage "-e with the fake backend" run --case empty --backend fake:nop1=1 -e cycles -o out.json
expect_usage "unknown option" run --frobnicate
expect_usage "unknown command" frobnicate
expect_usage "unknown gate" run --case empty --gate golden -o out.json
expect_usage "bad --param" run --case empty --param size -o out.json
expect_usage "--min-time not a number" run --case empty --min-time soon -o out.json
expect_usage "--param with no values" run --case tcp.rr --param size= -o out.json
expect_usage "--param that overflows" run --case tcp.rr --param size=18014398509481985k -o out.json
expect_usage "-o onto a directory" run --case empty -o adir.json --force
exit $((tap_failed > 0))
