#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# Bad input: one line on stderr, exit status 2, no file written (hidden ones included), and
# nothing measured or booted: `hookcost vm` runs against a fake source tree whose first step
# (scripts/vm-kernel, then scripts/vm) would leave a marker, so a build or boot that starts is
# seen.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
fake=$(mktemp -d)
trap 'rm -rf "$dir" "$fake"' EXIT
echo '{}' >"$dir/exists.json"
mkdir "$dir/adir.json" "$dir/report" "$fake/scripts"
echo 'not a report' >"$dir/report/mine.txt"
for step in vm-kernel vm; do
	printf '#!/bin/sh\ntouch "%s/booted"\nexit 1\n' "$fake" >"$fake/scripts/$step"
	chmod +x "$fake/scripts/$step"
done
fixture=$(cd "$(dirname "$0")" && pwd)/fixtures/result-configs.json
long=$(printf '%*s' 5000 '' | tr ' ' a)
export HOOKCOST_SRC=$fake

# expect_usage DESCRIPTION ARGS...: runs hookcost in $dir and checks the contract.
expect_usage() {
	local what=$1 before after rc lines
	shift
	before=$(cd "$dir" && find . | sort)
	(cd "$dir" && "$HOOKCOST" "$@" >"$fake/out" 2>"$fake/err")
	rc=$?
	lines=$(wc -l <"$fake/err")
	after=$(cd "$dir" && find . | sort)
	ok $([ "$rc" = 2 ] && echo 0 || echo 1) "$what: exit status 2 (got $rc)"
	ok $([ "$lines" = 1 ] && echo 0 || echo 1) "$what: one line of error ($(head -c 200 "$fake/err"))"
	ok $([ "$before" = "$after" ] && [ ! -e "$fake/booted" ] && echo 0 || echo 1) \
		"$what: no file written, nothing booted"
	rm -f "$fake/out" "$fake/err" "$fake/booted"
}

plan 174
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
# run: empty selections, duplicates, unusable outputs
expect_usage "--case ''" run --case '' -o out.json
expect_usage "--case with an empty name" run --case nop1, -o out.json
expect_usage "--case with an empty name inside" run --case nop1,,nop5 -o out.json
expect_usage "--suite ''" run --suite '' -o out.json
expect_usage "--gate ''" run --case nop1 --gate '' -o out.json
expect_usage "--config ''" run --case nop1 --config '' -o out.json
expect_usage "--gate twice" run --case nop1 --gate static --gate branch -o out.json
expect_usage "--config twice" run --case nop1 --config off --config unused -o out.json
expect_usage "--param twice" run --case tcp.rr -p size=64 -p size=128 -o out.json
expect_usage "--param value twice" run --case tcp.rr -p size=64,64 -o out.json
expect_usage "--param value twice, spelt differently" run --case tcp.rr -p size=1k,1024 -o out.json
expect_usage "--param with an empty value" run --case tcp.rr -p size=64,,128 -o out.json
expect_usage "-e ''" run --case nop1 -e '' -o out.json
expect_usage "-o ''" run --case nop1 -o ''
expect_usage "-o into /proc" run --case nop1 -o /proc/x.json
expect_usage "-o with a 5000-byte name" run --case nop1 -o "$long.json"
expect_usage "-o into a read-only place" run --case nop1 -o /sys/x.json
expect_usage "--alpha nan" run --case nop1 --alpha nan -o out.json
expect_usage "--seed negative" run --case nop1 --seed -1 -o out.json
# list
expect_usage "list: unknown suite" list no_such_suite
expect_usage "list: unknown option" list --frobnicate
expect_usage "list: empty suite" list ''
expect_usage "list: two suites" list calib user
# compare and report
expect_usage "compare: one file" compare "$fixture"
expect_usage "compare: missing file" compare "$fixture" missing.json
expect_usage "report -o onto a regular file" report -o exists.json "$fixture"
expect_usage "report -o ''" report -o '' "$fixture"
expect_usage "report -o into /proc" report -o /proc/r "$fixture"
expect_usage "report -o with a 5000-byte name" report -o "$long" "$fixture"
expect_usage "report -o into a directory it did not write" report -o report "$fixture"
expect_usage "report: no result file" report -o r2
expect_usage "report: not a result file" report -o r2 exists.json
# vm: refused before scripts/vm-kernel or any boot
expect_usage "vm -c bogus" vm --matrix memcg -c bogus
expect_usage "vm -c ''" vm --matrix memcg -c ''
expect_usage "vm -c with an empty name" vm --matrix memcg -c system,
expect_usage "vm -o into /proc" vm --matrix memcg -o /proc/x
expect_usage "vm -o onto a regular file" vm --matrix memcg -o exists.json
expect_usage "vm --hookcost a directory" vm --matrix memcg --hookcost /tmp
expect_usage "vm --hookcost missing" vm --matrix memcg --hookcost no-such-binary
expect_usage "vm without --matrix" vm
expect_usage "vm --cgroup v3" vm --matrix memcg --cgroup v3
exit $((tap_failed > 0))
