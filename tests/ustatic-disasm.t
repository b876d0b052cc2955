#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Disassembles every static-branch site of tests/ustatic/disasm.c with objdump, in the binary
# as built and in its code as patched at run time (dumped by the program after switching the
# keys): a disabled site must be one 5-byte NOP (0f 1f 44 00 00), an enabled site one 5-byte
# jmp to the site's out-of-line block. Prints TAP.

. "$(dirname "$0")/lib/tap.sh"
bin=${BUILD:-build}/tests/ustatic-disasm

if ! command -v objdump >/dev/null 2>&1; then
	skip_all "objdump (binutils) not installed: cannot disassemble the sites"
fi
if [ ! -x "$bin" ]; then
	echo "Bail out! $bin is not built (make check builds it)"
	exit 1
fi

tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT

# result ok|fail DESCRIPTION WHAT-WAS-FOUND: a TAP line, and on failure what was found.
result() {
	if [ "$1" = ok ]; then
		ok 0 "$2"
	else
		ok 1 "$2"
		diag "  $3"
	fi
}

# check_site LABEL CODE TARGET ENABLED LIKELY OBJDUMP-COMMAND...
check_site() {
	label=$1 code=$2 target=$3 enabled=$4 likely=$5
	shift 5
	end=$(printf '%x' $((0x$code + 5)))
	out=$("$@" --start-address="0x$code" --stop-address="0x$end" | grep -E '^ *[0-9a-f]+:')
	insns=$(printf '%s\n' "$out" | grep -c .)
	bytes=$(printf '%s\n' "$out" | cut -f2 | tr -d ' ')
	dest=$(printf '%s\n' "$out" | cut -f3 | awk '$1 == "jmp" { sub(/^0x/, "", $2); print $2 }')
	if [ "$enabled" = "$likely" ]; then
		what="$label: site $code (key $enabled, likely $likely) is a 5-byte NOP"
		if [ "$insns" = 1 ] && [ "$bytes" = 0f1f440000 ]; then
			result ok "$what"
		else
			result fail "$what" "got: $out"
		fi
	else
		what="$label: site $code (key $enabled, likely $likely) is a jmp to $target"
		if [ "$insns" = 1 ] && [ "${#bytes}" = 10 ] && [ "${bytes%????????}" = e9 ] &&
		   [ "$dest" = "$target" ] && [ "$target" != "$end" ]; then
			result ok "$what"
		else
			result fail "$what" "got: $out"
		fi
	fi
}

if ! "$bin" >"$tmp/built" || ! "$bin" flip "$tmp/text.bin" >"$tmp/patched"; then
	echo "Bail out! $bin failed"
	exit 1
fi

# values_are FILE EXPECTED LABEL: what the sites returned when the program ran them.
values_are() {
	got=$(awk '$1 == "values" { print $2, $3, $4, $5 }' "$1")
	if [ "$got" = "$2" ]; then
		result ok "$3: the sites return $2"
	else
		result fail "$3: the sites return $2" "got: $got"
	fi
}

values_are "$tmp/built" "0 0 1 1" "as built"
values_are "$tmp/patched" "1 1 0 0" "patched"

sites=$(grep -c '^site' "$tmp/built")
if [ "$sites" = 4 ]; then
	result ok "the program lists its 4 sites"
else
	result fail "the program lists its 4 sites" "listed $sites"
fi

while read -r _ code target enabled likely; do
	check_site "as built" "$code" "$target" "$enabled" "$likely" objdump -d "$bin"
done <<EOF
$(grep '^site' "$tmp/built")
EOF

text=$(awk '$1 == "text" { print $2 }' "$tmp/patched")
while read -r _ code target enabled likely; do
	check_site "patched" "$code" "$target" "$enabled" "$likely" \
		objdump -D -b binary -m i386:x86-64 --adjust-vma="0x$text" "$tmp/text.bin"
done <<EOF
$(grep '^site' "$tmp/patched")
EOF

# Both keys switched: every site must have changed its instruction.
if [ "$(grep '^site' "$tmp/built" | awk '{ print $2, !$4 }')" = \
     "$(grep '^site' "$tmp/patched" | awk '{ print $2, $4 }')" ]; then
	result ok "switching the keys changed every site"
else
	result fail "switching the keys changed every site" "see the lines above"
fi

plan "$tap_n"
[ "$tap_failed" = 0 ]
