#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# No comparison committed under data/ holds its verdict to a margin that has collapsed
# (issue 22): in a hookcost-result/3 file every margin is at least its floor, the floor is
# above 0 and its origin is named, and the family each interval's level is for is named. A
# file of an older schema is data too (the loader reads it, compare re-analyses it), so it may
# stay only where none of its margins is below 0.5 per op, the floor exact counts get; the two
# files that record the kernel planner at two old commits are kept as those commits wrote them.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

historical="data/method/kernel-table/before.json data/method/kernel-table/after.json"

mapfile -t files < <(git ls-files 'data/*.json' | while read -r f; do
	grep -q '"comparisons"' "$f" && grep -q '"results"' "$f" &&
		! grep -q '"\$schema"' "$f" && echo "$f"
done)

plan $((${#files[@]} + 1))
[ "${#files[@]}" -ge 10 ]
ok $? "data/ holds ${#files[@]} result files with comparisons"

for f in "${files[@]}"; do
	case " $historical " in
	*" $f "*) ok 0 "$f: the planner at an old commit, kept as written (data/README.md)"
		continue ;;
	esac
	msg=$(/usr/bin/python3 - "$f" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
cmps, schema, bad = d["comparisons"], d.get("schema"), []
for c in cmps:
    where = f'{c["case"]} {c.get("gate")} {c["other"]} vs {c["base"]} {c["metric"]}'
    m = c.get("margin")
    if schema == "hookcost-result/3":
        if not (c["margin_floor"] > 0 and m >= c["margin_floor"] and c["margin_origin"]
                and c["family_name"] in ("primary", "secondary", "compare")):
            bad.append(f'{where}: margin {m}, floor {c["margin_floor"]}, '
                       f'{c["margin_origin"]}, family {c["family_name"]}')
    elif m is not None and m < 0.5:
        bad.append(f"{where}: margin {m} in a {schema} file")
print(f"{len(cmps)} comparisons, {schema}" + ("; " + "; ".join(bad[:3]) if bad else ""))
sys.exit(1 if bad else 0)
PY
)
	ok $? "$f: $msg"
done

exit $((tap_failed > 0))
