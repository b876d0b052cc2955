#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# The include graph follows the layers base -> core -> analysis -> output -> report -> cmd
# (scripts/include-graph): no upward include, no circle of modules but the module's selftest
# pair, bench/lib/ustatic alone, kernel-module/ without bench/. Then the check itself: a copy
# of the tree with one upward include, or with a circle, fails naming it.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plan 4

scripts/include-graph >"$tmp/out" 2>&1
ok $? "the tree: no upward include, no circle ($(head -n 3 "$tmp/out" | tr '\n' ' '))"

copy() {
	rm -rf "$tmp/t" && mkdir -p "$tmp/t" && cp -r bench kernel-module include "$tmp/t/"
}

copy
sed -i '0,/^#include "/s//#include "report\/report.h"\n#include "/' "$tmp/t/bench/core/case.c"
scripts/include-graph "$tmp/t" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -qx 'bench/core/case.c: includes bench/report/report.h (bench/core may not include bench/report)' "$tmp/out"
ok $? "core including report: refused, named ($(head -c 120 "$tmp/out"))"

copy
sed -i '0,/^#include "/s//#include "base\/error.h"\n#include "/' "$tmp/t/bench/lib/ustatic/key.c"
printf '#include "suites/kernel.h"\n' >>"$tmp/t/kernel-module/models/memcg.c"
scripts/include-graph "$tmp/t" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -q '^bench/lib/ustatic/key.c: includes bench/base/error.h' "$tmp/out" &&
	grep -q '^kernel-module/models/memcg.c: includes bench/suites/kernel.h' "$tmp/out"
ok $? "ustatic using the harness's errors, a model including bench/: refused"

# A circle within one layer: base/median.c including base/verdict.h and back.
copy
printf '#include "base/median.h"\n' >>"$tmp/t/bench/base/verdict.c"
printf '#include "base/verdict.h"\n' >>"$tmp/t/bench/base/median.c"
scripts/include-graph "$tmp/t" >"$tmp/out" 2>&1
[ $? = 1 ] && grep -qx 'include circle: bench/base/median <-> bench/base/verdict' "$tmp/out"
ok $? "a circle of two modules: refused, named ($(head -c 120 "$tmp/out"))"
