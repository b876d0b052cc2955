#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# make bench's script end to end, in its quick mode (HOOKCOST_QUICK=1) and into a directory of
# its own: the host suites, and where qemu and the matrix kernels are there the kernel suite and
# the memcg matrix under -icount, then one report. What is asserted is that every stage ran and
# wrote its file, not any figure.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The qemu stages only with every matrix kernel cached: a build takes minutes.
vm=0
if command -v qemu-system-x86_64 >/dev/null &&
	out=$("$HOOKCOST" vm --matrix memcg --check 2>/dev/null) &&
	! grep -q 'to build' <<<"$out"; then
	vm=1
fi
plan 3

HOOKCOST_QUICK=1 HOOKCOST_VM=$vm HOOKCOST_DATA=$dir HOOKCOST=$HOOKCOST "$top/scripts/bench" \
	>"$dir/out" 2>&1
rc=$?
ok $rc "HOOKCOST_QUICK=1 scripts/bench exits 0 (exit $rc: $(tail -n 1 "$dir/out"))"
run=$(dirname "$(readlink -f "$dir/latest.json")")
ok $([ -s "$run/report/report.html" ] && [ -s "$run/report/report.txt" ] &&
	[ -s "$run/run.json" ] && echo 0 || echo 1) "the host run and its report are written"
if [ $vm = 1 ]; then
	ok $([ -s "$run/vm-kernel.json" ] && [ -s "$run/vm-memcg-matrix.json" ] && echo 0 ||
		echo 1) "the kernel suite and the memcg matrix in qemu are written"
else
	skip "the qemu stages: no qemu or the matrix kernels are not built (make vm-kernels)"
fi
exit $((tap_failed > 0))
