#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost vm's command line, checked before anything is built or booted (exit 2, one line):
# a newline in a value of the command line's matrix cannot add lines to it, the options of a
# command-line matrix are refused with --matrix and --merge rather than ignored, and a
# directory is no kernel image. A --merge that fails removes the directory it made.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
export HOOKCOST_SRC=$top
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 12

img=$dir/bzImage
echo 'not booted: --check only reads it' >"$img"
printf '[matrix]\ncases = system\n[kernel k]\nimage = %s\n[boot b]\nkernel = k\nmeasure = off\n' \
	"$img" >"$dir/m.matrix"

# refused DESCRIPTION PATTERN ARGS...: exit 2, one line matching PATTERN, nothing on stdout.
refused() {
	local what=$1 pattern=$2 rc
	shift 2
	"$HOOKCOST" vm "$@" -o "$dir/out" >"$dir/stdout" 2>"$dir/stderr"
	rc=$?
	ok $([ $rc = 2 ] && [ "$(wc -l <"$dir/stderr")" = 1 ] && grep -q -- "$pattern" "$dir/stderr" &&
		[ ! -s "$dir/stdout" ] && [ ! -e "$dir/out" ] && echo 0 || echo 1) \
		"$what: exit 2 ($rc), one line: $(head -n 1 "$dir/stderr" | head -c 120)"
}

"$HOOKCOST" vm --matrix "$dir/m.matrix" --check >"$dir/stdout" 2>"$dir/stderr"
ok $? "the matrix file passes --check ($(head -c 100 "$dir/stderr"))"
refused "a newline in --on-cmd" "one line expected" --kernel off="$img" --kernel on="$img" \
	--on-cmd "$(printf 'true\n[kernel injected]\nimage = %s' "$img")" --check
refused "a newline in --workload" "one line expected" --kernel off="$img" --kernel on="$img" \
	--workload "$(printf 'w: true\n[boot injected]\nkernel = off\nmeasure = active')" --check
refused "a newline in --off-cmd" "one line expected" --kernel off="$img" --kernel on="$img" \
	--off-cmd "$(printf 'true\r[boot injected]')" --check
refused "--on-cmd with --matrix" "--on-cmd describes a command-line matrix" \
	--matrix "$dir/m.matrix" --on-cmd true --check
refused "--workload with --matrix" "--workload describes a command-line matrix" \
	--matrix "$dir/m.matrix" --workload 'w: true' --check
refused "--name with --matrix" "--name describes a command-line matrix" \
	--matrix "$dir/m.matrix" --name other --check
refused "--name with --merge" "--name describes a command-line matrix" \
	--merge --name other "$dir"
refused "a directory as --kernel (--check)" "is not a file" \
	--kernel off="$dir" --kernel on="$img" --check
name=vm-options-$$
refused "a directory as --kernel" "is not a file" --kernel off="$img" --kernel on="$dir" \
	--hookcost /bin/true --name "$name" --runs 1 -j 1 --timeout 10
ok $([ ! -e "$top/build/vm-matrix/$name" ] && echo 0 || echo 1) \
	"and nothing was prepared for a boot (build/vm-matrix/$name)"
rm -rf "$top/build/vm-matrix/$name"

# A boot's kernel.config that cannot be read (a socket): the merge fails after it made -o.
cp -r "$top/tests/fixtures/vm-boots" "$dir/boots"
/usr/bin/python3 -c 'import socket, sys; socket.socket(socket.AF_UNIX).bind(sys.argv[1])' \
	"$dir/boots/run1-off/kernel.config"
"$HOOKCOST" vm --merge "$dir"/boots/run*-*/ -o "$dir/new/out" >/dev/null 2>"$dir/stderr"
rc=$?
ok $([ $rc = 1 ] && [ ! -e "$dir/new" ] && echo 0 || echo 1) \
	"a failed --merge (exit $rc: $(tail -n 1 "$dir/stderr" | head -c 100)) leaves no directory"
exit $((tap_failed > 0))
