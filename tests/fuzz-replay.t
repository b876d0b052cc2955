#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The fuzz regression corpus (tests/fuzz/regressions/), replayed by the libFuzzer target built
# with ASan and UBSan (tests/fuzz.mk): no input may crash the loader or the compare/report
# pipeline, every invalid-* input must be refused by hookcost (exit 2, one line) and every
# valid-* one accepted. Then the loader's unit test under the same sanitizers, and the manifest
# and matrix targets on their seeds and regressions.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
: "${BUILD:=build}"
fuzz=$BUILD/fuzz/fuzz-result
unit=$BUILD/fuzz/test_result_load
[ -x "$fuzz" ] && [ -x "$unit" ] ||
	skip_all "no sanitizer build ($fuzz): needs clang (make $fuzz $unit)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

inputs=(tests/fuzz/regressions/*)
plan $((${#inputs[@]} * 2 + 3))
for f in "${inputs[@]}"; do
	name=${f##*/}
	FUZZ_REPORT_DIR=$tmp/report "$fuzz" "$f" >"$tmp/log" 2>&1
	ok $? "$name: no crash or sanitizer report under the fuzz target ($(grep -m1 -E \
		'ERROR|runtime error|abort' "$tmp/log" | head -c 160))"
	"$HOOKCOST" compare "$f" "$f" >/dev/null 2>"$tmp/err"
	rc=$?
	case $name in
	invalid-*)
		ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && echo 0 || echo 1) \
			"$name: refused, exit 2, one line ($(head -c 140 "$tmp/err"))" ;;
	*)
		ok $([ $rc = 0 ] && echo 0 || echo 1) "$name: accepted (exit $rc)" ;;
	esac
done
CMOCKA_MESSAGE_OUTPUT=STDOUT "$unit" >"$tmp/unit" 2>&1
ok $? "the loader unit test passes under ASan and UBSan ($(grep -m1 -E 'ERROR|FAILED' "$tmp/unit" |
	head -c 160))"
shopt -s nullglob
for target in manifest matrix; do
	case $target in
	manifest) seeds=(tests/fuzz/seeds-manifest/* tests/fuzz/regressions-manifest/*) ;;
	matrix) seeds=(scripts/matrices/*.matrix tests/fuzz/regressions-matrix/*) ;;
	esac
	FUZZ_REPORT_DIR=$tmp/$target "$BUILD/fuzz/fuzz-$target" "${seeds[@]}" >"$tmp/log" 2>&1
	ok $? "fuzz-$target runs its seeds and regressions clean ($(grep -m1 -E \
		'ERROR|runtime error|abort' "$tmp/log" | head -c 160))"
done
exit $((tap_failed > 0))
