#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Every result committed under data/ as a pair NAME.json + NAME.csv (`hookcost run -o`) holds
# the same samples in both: per variant and sample, the CSV's per-op value of each metric is
# the JSON's value bit for bit (both are written with 17 significant digits), with the same
# iterations. A CSV from an older writer (6 decimals) beside a newer JSON fails here: the
# pair was not made by one run (issue 22).
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh

mapfile -t pairs < <(find data -name '*.csv' | sort | while read -r csv; do
	[ -f "${csv%.csv}.json" ] && echo "$csv"
done)

plan $((${#pairs[@]} + 1))
[ "${#pairs[@]}" -ge 5 ]
ok $? "data/ holds ${#pairs[@]} CSV + JSON pairs"

for csv in "${pairs[@]}"; do
	msg=$(/usr/bin/python3 - "$csv" "${csv%.csv}.json" <<'PY'
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1])))
d = json.load(open(sys.argv[2]))
want, checked, bad = {}, 0, []
for r in d["results"]:
    if "skipped" in r:
        continue
    params = ";".join(f"{k}={v}" for k, v in r["params"].items())
    key = (r["suite"], r["case"], r["gate"], r["config"], params)
    for m, s in r["metrics"].items():
        for i, v in enumerate(s["values"]):
            want[key + (m, i)] = (v, r["iterations"])
seen = set()
for row in rows:
    key = (row["suite"], row["case"], row["gate"], row["config"], row["params"])
    for col, text in row.items():
        if not col.endswith("_per_op") or text == "":
            continue
        k = key + (col[:-len("_per_op")], int(row["sample"]))
        seen.add(k)
        v, iters = want.get(k, (None, None))
        checked += 1
        if v is None or float(text) != v or int(row["iterations"]) != iters:
            bad.append(f"{'/'.join(k[:4])} {k[5]}[{k[6]}]: csv {text}, json {v}")
missing = len(set(want) - seen)
print(f"{checked} values, {len(bad)} differ, {missing} missing from the CSV"
      + (f"; first: {bad[0]}" if bad else ""))
sys.exit(0 if checked and not bad and not missing else 1)
PY
)
	ok $? "$csv = ${csv%.csv}.json: $msg"
done
