#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The cache models and the profile when they cannot run or are asked for wrongly: one line on
# stderr, exit 2, nothing built, booted or written. The qemu plugin is made unavailable with a
# BUILD that has none (as on a machine where Debian's qemu source package is unreachable);
# valgrind with a PATH where it is not.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
dir=$(mktemp -d)
trap 'rm -rf "$dir" "$dir.out" "$dir.err"' EXIT

# contract DESCRIPTION PATTERN CMD...: exit 2, one stderr line matching PATTERN, dir untouched.
contract() {
	local what=$1 pat=$2 before after rc
	shift 2
	before=$(find "$dir" | sort)
	(cd "$dir" && "$@" >"$dir.out" 2>"$dir.err")
	rc=$?
	after=$(find "$dir" | sort)
	ok $([ "$rc" = 2 ] && echo 0 || echo 1) "$what: exit status 2 (got $rc)"
	ok $([ "$(wc -l <"$dir.err")" = 1 ] &&
		grep -q -- "$pat" "$dir.err" && echo 0 || echo 1) \
		"$what: one line saying why ($(head -c 200 "$dir.err"))"
	ok $([ "$before" = "$after" ] && echo 0 || echo 1) "$what: nothing written"
	rm -f "$dir.out" "$dir.err"
}

plan 27
mkdir -p "$dir/build/qemu-plugin"
echo "apt-get update of the private deb-src list failed (see ...)" \
	>"$dir/build/qemu-plugin/unavailable"
contract "vm --cache-model without the plugin" "cache-model unavailable: .*deb-src" \
	env BUILD="$dir/build" "$top/scripts/vm" run --cache-model -- true
mkdir -p "$dir/build/../scripts" && cp "$top/scripts/vm-kernel" "$dir/scripts/"
contract "hookcost vm --cache-model without the plugin" "cache-model unavailable: .*deb-src" \
	env HOOKCOST_SRC="$dir" "$HOOKCOST" vm --matrix memcg --cache-model -o "$dir/out"
contract "vm --profile without the plugin" "profile unavailable: .*deb-src" \
	env BUILD="$dir/build" "$top/scripts/vm" run --profile -- true
contract "hookcost vm --profile without the plugin" "profile unavailable: .*deb-src" \
	env HOOKCOST_SRC="$dir" "$HOOKCOST" vm --matrix memcg --profile -o "$dir/out"
contract "valgrind backend without valgrind" "valgrind is not installed" \
	env PATH=/nonexistent "$HOOKCOST" run --case nop5 --backend valgrind -o out.json
contract "valgrind backend on a kernel case" "user space only" \
	"$HOOKCOST" run --case kernel.empty --backend valgrind -o out.json
contract "valgrind backend on a system case" "user space only" \
	"$HOOKCOST" run --case sys.pipe_create --backend valgrind -o out.json
contract "--cache-geometry without valgrind" "needs --backend valgrind" \
	"$HOOKCOST" run --case nop5 --backend tsc --cache-geometry ll=1M:16 -o out.json
contract "malformed --cache-geometry" "cannot parse 'l2=1M:16'" \
	"$HOOKCOST" run --case nop5 --backend valgrind --cache-geometry l1d=32K:8,l2=1M:16 \
	-o out.json
exit $((tap_failed > 0))
