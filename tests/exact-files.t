#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The CSV and the JSON of a run hold the same per-op values, bit for bit: both print a double
# with 17 significant digits, which reads back as the same double. The fake backend's jitter
# gives values with long expansions (cost + k / iterations) on any host.
. "$(dirname "$0")/lib/tap.sh"

dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 3

"$HOOKCOST" run --case empty,nop1,nop5 --backend fake:nop1=1,nop5=5,jitter=9973 \
	-n 7 -w 1 -t 0.001 -q -o "$dir/r.json" 2>"$dir/err"
ok $? "run with the fake backend succeeds"
/usr/bin/python3 - "$dir/r.json" "$dir/r.csv" >"$dir/cmp" <<'PY'
import csv, json, struct, sys
d = json.load(open(sys.argv[1]))
bits = lambda x: struct.pack("<d", x)
js = {(r["case"], i): v for r in d["results"] for i, v in enumerate(r["metrics"]["fake"]["values"])}
rows = list(csv.DictReader(open(sys.argv[2])))
same = sum(bits(float(r["fake_per_op"])) == bits(js[(r["case"], int(r["sample"]))]) for r in rows)
short = sum(len(repr(v)) > 12 for v in js.values())
print(len(rows), len(js), same, short)
PY
read -r rows values same short <"$dir/cmp"
ok $([ "$rows" = 21 ] && [ "$values" = 21 ] && [ "$same" = 21 ] && echo 0 || echo 1) \
	"every CSV per-op value equals the JSON's bit for bit ($same of $rows rows, $values values)"
# The check means something only if the values need more digits than %.6f or %.10g keep.
ok $([ "${short:-0}" -ge 14 ] && echo 0 || echo 1) "values need more than 10 digits ($short of 21)"
exit $((tap_failed > 0))
