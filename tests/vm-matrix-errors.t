#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost vm's bad input: one line on stderr, exit 2, and nothing built, booted or left in
# the kernel cache. Only the last case boots (qemu refuses a file that is not a kernel).
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
cache=${HOOKCOST_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/hookcost}/kernels
[ -r /usr/src/linux-source-6.1.tar.xz ] ||
	skip_all "linux-source-6.1 not installed (the recipe checks read its Kconfig)"
[ -f "$cache/linux-source-6.1/.hc-extracted" ] ||
	skip_all "linux-source-6.1 is not extracted in $cache yet (scripts/vm-kernel does it)"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 17
# Sources (src-*, conf-*) are caches, not builds; run without builds of your own going on.
snapshot() { ls -a "$cache" | grep -v -e '^src-' -e '^conf-' >"$1"; }
snapshot "$dir/before"

# expect_usage DESCRIPTION PATTERN ARGS...: exit 2 and exactly one line matching PATTERN.
expect_usage() {
	local what=$1 pattern=$2 rc
	shift 2
	"$HOOKCOST" vm "$@" -o "$dir/out" >"$dir/stdout" 2>"$dir/stderr"
	rc=$?
	ok $([ $rc -eq 2 ] && echo 0 || echo 1) "$what: exit 2 (got $rc)"
	ok $([ "$(wc -l <"$dir/stderr")" -eq 1 ] && grep -q -- "$pattern" "$dir/stderr" &&
		echo 0 || echo 1) "$what: one line: $(head -n 1 "$dir/stderr")"
}

expect_usage "missing kernel image" "no readable image /nonexistent/bzImage" \
	--kernel off=/nonexistent/bzImage --kernel on=/nonexistent/bzImage -c sys.tcp_rr
expect_usage "config symbol not in the tree" "CONFIG_HOOKCOST_NO_SUCH is not a Kconfig symbol" \
	--config CONFIG_HOOKCOST_NO_SUCH
printf -- '--- a/Makefile\n+++ b/Makefile\n@@ -1,1 +1,1 @@\n-no such line\n+x\n' \
	>"$dir/bad.patch"
expect_usage "patch that does not apply" "bad.patch does not apply" --patch "$dir/bad.patch"
printf '[matrix]\ncases = system\n[kernel k]\nimage = /boot/none\n[boot b]\nkernel = k\nmeasure = sometimes\n' \
	>"$dir/bad.matrix"
expect_usage "unknown configuration name" "bad.matrix:7: unknown configuration" \
	--matrix "$dir/bad.matrix"
expect_usage "unknown built-in matrix" "no built-in matrix 'nope'" --matrix nope
printf '[matrix]\ncases = system\ndelta = on - off\n' >"$dir/bad-delta.matrix"
expect_usage "delta of unknown columns" "unknown column in delta" --matrix "$dir/bad-delta.matrix"
expect_usage "option that does not survive olddefconfig" "did not survive olddefconfig" \
	--config CONFIG_RPS=y

snapshot "$dir/after"
ok $(cmp -s "$dir/before" "$dir/after" && echo 0 || echo 1) \
	"nothing added to the kernel cache ($(diff "$dir/before" "$dir/after" | tr '\n' ' '))"
ok $([ ! -e "$dir/out" ] && echo 0 || echo 1) "no output written"

# A kernel that does not boot: the error carries the end of its console.
if command -v qemu-system-x86_64 >/dev/null && command -v busybox >/dev/null; then
	printf 'not a kernel\n' >"$dir/bzImage"
	"$HOOKCOST" vm --kernel off="$dir/bzImage" --kernel on="$dir/bzImage" -c sys.tcp_rr \
		--runs 1 --timeout 30 -j 1 --name errors -o "$dir/out" >/dev/null 2>"$dir/stderr"
	rc=$?
	ok $([ $rc -eq 2 ] && tail -n 1 "$dir/stderr" | grep -q 'did not boot.*console ended: .' &&
		echo 0 || echo 1) "a kernel that does not boot: exit 2 ($rc), $(tail -n 1 "$dir/stderr")"
else
	skip "qemu-system-x86_64 or busybox not installed"
fi
exit $((tap_failed > 0))
