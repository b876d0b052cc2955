#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Loading a result file, comparing two runs and reporting one cost in proportion to their
# size, not to its square: a file is anyone's, and each comparison finds its results through
# the run's groups (core/groups.h), each label its swept parameters from bits set once per
# case, not by a scan of the whole run. Counted, not timed: callgrind's instructions
# in hc_vid_same, where every lookup ends, for a run of N variants and one of 4N (the same
# sweep repeated under other parameter values). Linear is 4x; a scan per lookup is 16x.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
command -v valgrind >/dev/null && command -v callgrind_annotate >/dev/null ||
	skip_all "valgrind not installed (scripts/install-deps)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

plan 3

# big K: data/user-sweep-size.json repeated K times, each copy's sizes made its own.
for k in 2 8; do
	/usr/bin/python3 - "$k" "$tmp/big$k.json" <<'PY'
import copy, json, sys
k, out = int(sys.argv[1]), sys.argv[2]
d = json.load(open("data/user-sweep-size.json"))
res, cmps = [], []
for i in range(k):
    for src, dst in ((d["results"], res), (d["comparisons"], cmps)):
        for x in src:
            x = copy.deepcopy(x)
            x["params"]["size"] = x["params"]["size"] * 1000 + i
            dst.append(x)
d["results"], d["comparisons"] = res, cmps
d.pop("samples_csv", None)
json.dump(d, open(out, "w"))
PY
done
"$HOOKCOST" compare "$tmp/big2.json" "$tmp/big8.json" >/dev/null 2>"$tmp/err"
ok $? "the repeated sweeps are valid result files ($(head -c 100 "$tmp/err"))"

# lookups K COMMAND...: hc_vid_same's own instructions in `hookcost COMMAND... bigK bigK`
# (a run against itself, or a report of two).
lookups() {
	local k=$1

	shift
	valgrind --tool=callgrind --callgrind-out-file="$tmp/cg$k" "$HOOKCOST" "$@" \
		"$tmp/big$k.json" "$tmp/big$k.json" >/dev/null 2>&1 || return 1
	callgrind_annotate "$tmp/cg$k" 2>/dev/null |
		awk '$0 ~ /:hc_vid_same / { gsub(",", "", $1); print $1; exit }'
}

# scales WHAT COMMAND...: the lookups of COMMAND on big2 and on big8, 4x the variants.
scales() {
	local what=$1 a b ratio

	shift
	a=$(lookups 2 "$@")
	b=$(lookups 8 "$@")
	ratio=$(awk -v a="${a:-0}" -v b="${b:-0}" 'BEGIN { if (a > 0) printf "%.2f", b / a }')
	[ -n "$ratio" ] && awk -v r="$ratio" 'BEGIN { exit !(r < 6) }'
	ok $? "$what, 4x the variants: ${ratio:-no}x the lookups' instructions ($a, $b;" \
		"linear 4x, a scan each 16x)"
}
scales "compare" compare
scales "report --format text" report --format text

exit $((tap_failed > 0))
