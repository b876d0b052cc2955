#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The model tests (tests/unit/test_models_*.c) once more under valgrind: after a run that
# creates and removes cgroups, splits and destroys caches and toggles the static keys, nothing
# may leak and nothing may touch freed memory. --smc-check=all because the static keys patch
# code at run time.
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

build=${BUILD:-build}
tests=
for src in tests/unit/test_models_*.c; do
	tests="$tests $build/tests/$(basename "$src" .c)"
done

command -v valgrind >/dev/null 2>&1 || skip_all "valgrind not installed (apt-get install valgrind)"

plan "$(echo "$tests" | wc -w)"
for t in $tests; do
	if [ ! -x "$t" ]; then
		ok 1 "$(basename "$t") built (make check builds it)"
		continue
	fi
	log=$(mktemp) || exit 1
	valgrind --error-exitcode=1 --leak-check=full --smc-check=all \
		--suppressions=tests/models/valgrind.supp -q "$t" >"$log" 2>&1
	rc=$?
	ok $rc "$(basename "$t") under valgrind: no leak, no invalid access"
	[ $rc = 0 ] || diag "$(grep -v '^\[' "$log" | head -40)"
	rm -f "$log"
done
exit $((tap_failed > 0))
