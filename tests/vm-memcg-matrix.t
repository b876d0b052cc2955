#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost vm --matrix memcg (scripts/matrices/memcg.matrix) on the cached minimal kernels:
# every boot done twice gives the same counts sample by sample, and the matrix has the
# expected shape for sys.tcp_rr and sys.tmpfs_create_unlink (active costs more than unused,
# which costs more than off).
. "$(dirname "$0")/lib/tap.sh"

command -v qemu-system-x86_64 >/dev/null ||
	skip_all "qemu-system-x86_64 not installed (scripts/install-deps)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# The kernels are built once per machine (minutes each): the test only uses them.
"$HOOKCOST" vm --matrix memcg --check >"$dir/check" 2>&1 ||
	skip_all "hookcost vm --matrix memcg --check failed: $(tail -n 1 "$dir/check")"
! grep -q 'to build' "$dir/check" ||
	skip_all "the matrix kernels are not built: hookcost vm --matrix memcg builds them"
plan 5

"$HOOKCOST" vm --matrix memcg --case sys.tcp_rr,sys.tmpfs_create_unlink -n 5 -o "$dir" \
	>"$dir/out.txt" 2>"$dir/err.txt"
rc=$?
ok $rc "hookcost vm --matrix memcg (exit $rc; $(tail -n 1 "$dir/err.txt"))"
json_check "$dir/vm-memcg-matrix.json" 'd["identical"] is True and len(d["rows"]) == 4'
ok $? "two runs of each boot gave identical samples for all 4 rows"
# row CASE SIZE: the medians of the case's row (SIZE "" for no parameter).
check_row() {
	json_check "$dir/vm-memcg-matrix.json" "any(r['case'] == '$1' and
		r['params'] == ($2) and r['median']['off'] < r['median']['unused'] and
		r['median']['active'] - r['median']['unused_kmem'] > 100 for r in d['rows'])"
}
check_row sys.tcp_rr "{'size': 1}"
ok $? "sys.tcp_rr size=1: off < unused, active > unused by more than 100 ticks"
check_row sys.tmpfs_create_unlink "{}"
ok $? "sys.tmpfs_create_unlink: off < unused, active > unused by more than 100 ticks"
ok $([ -s "$dir/vm-kernel-memcg-y.config" ] && [ -s "$dir/vm-kernel-memcg-n.config" ] &&
	grep -q '^| sys.tcp_rr' "$dir/vm-memcg-matrix.md" && echo 0 || echo 1) \
	"the kernel configs and the Markdown table are written"
exit $((tap_failed > 0))
