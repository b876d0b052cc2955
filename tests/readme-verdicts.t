#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The verdict lines the README quotes are in the file it names: an example cannot drift away
# from what hookcost printed.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

section=$(sed -n '/^### How to read the output/,/^### /p' README.md)
src=$(sed -n 's/^(from `\(data\/[^`]*\)`.*/\1/p' <<<"$section" | head -n 1)
mapfile -t quoted < <(sed -n 's/^    \(.* vs .*: .*\)$/\1/p' <<<"$section")

plan $((${#quoted[@]} + 1))
[ -n "$src" ] && [ -f "$src" ] && [ "${#quoted[@]}" -ge 2 ]
ok $? "README quotes ${#quoted[@]} verdict lines from an existing file (${src:-none})"
for line in "${quoted[@]}"; do
	grep -qF -- "  $line" "$src"
	ok $? "in $src: $line"
done
exit $((tap_failed > 0))
