#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# hookcost vm --merge on boot directories of a real run (tests/fixtures/vm-boots: Debian's
# kernel as off and on, sys.socket_create and a workload, 3 samples, each boot twice): the
# matrix is assembled from the boot.json files alone, and a sample that differs between two
# runs of a boot is an error naming it.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
fix=$top/tests/fixtures/vm-boots
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
plan 7

HOOKCOST_SRC=$top "$HOOKCOST" vm --merge "$fix"/run*-*/ -o "$dir/a" >"$dir/out" 2>"$dir/err"
ok $? "--merge of 6 boot directories ($(tail -n 1 "$dir/err"))"
json_check "$dir/a/vm-smoke-matrix.json" '(d["identical"] is True and d["runs"] == 2 and
	[r["case"] + " " + str(r["params"]) for r in d["rows"]] ==
	["sys.socket_create {}", "workload:walk per run", "workload:walk per op"])'
ok $? "identical, 2 runs, rows: sys.socket_create and the workload per run and per op"
json_check "$dir/a/vm-smoke-matrix.json" '(d["rows"][1]["median"]["off"] == 203136032 and
	d["rows"][2]["median"]["off"] == 2031360.32 and
	sorted(d["results"].values()) == ["vm-smoke-active.json", "vm-smoke-off.json",
					  "vm-smoke-unused.json"])'
ok $? "the workload's median per run and per op (ops=100), and the per-boot results named"
ok $(grep -q '^| workload:walk | per run | 203136032 | 203136032 | 202188103 | +0 | -947929 | yes |$' \
	"$dir/a/vm-smoke-matrix.md" && echo 0 || echo 1) "the Markdown row of the workload"

cp -r "$fix" "$dir/alt"
python3 - "$dir/alt/run2-unused/system.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
def bump(o):
    if isinstance(o, dict):
        for k, v in o.items():
            if k == "values" and isinstance(v, list) and len(v) > 1:
                v[1] += 1
                return True
            if bump(v):
                return True
    elif isinstance(o, list):
        return any(bump(v) for v in o)
    return False
assert bump(d)
json.dump(d, open(sys.argv[1], "w"))
PY
HOOKCOST_SRC=$top "$HOOKCOST" vm --merge "$dir"/alt/run*-*/ -o "$dir/b" >/dev/null 2>"$dir/err"
rc=$?
ok $([ $rc -eq 1 ] && echo 0 || echo 1) "a sample changed in run 2: exit 1 ($rc)"
ok $(tail -n 1 "$dir/err" | grep -q 'not deterministic: sys.socket_create, column unused, sample 2: run 1 .*, run 2 ' &&
	echo 0 || echo 1) "the error names the first differing sample: $(tail -n 1 "$dir/err")"

# A column the guest declined to measure (the system suite's state check) is n/a in the table,
# and the table says why under it.
cp -r "$fix" "$dir/skip"
for r in 1 2; do
	python3 - "$dir/skip/run$r-unused/system.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["results"][0]
skipped = {k: r[k] for k in ("suite", "gate", "config", "params")}
skipped.update(case="sys.pipe_create",
               skipped="cgroup v2: 1 dying memory cgroup holds the socket key on")
d["results"].append(skipped)
json.dump(d, open(sys.argv[1], "w"))
PY
done
HOOKCOST_SRC=$top "$HOOKCOST" vm --merge "$dir"/skip/run*-*/ -o "$dir/c" >/dev/null 2>"$dir/err"
ok $(grep -q '^| sys.pipe_create |  | n/a | n/a | n/a |' "$dir/c/vm-smoke-matrix.md" &&
	grep -qx -- '- n/a: sys.pipe_create, unused: cgroup v2: 1 dying memory cgroup holds the socket key on' \
		"$dir/c/vm-smoke-matrix.md" && echo 0 || echo 1) \
	"a column not measured: n/a, and its reason under the table ($(tail -n 1 "$dir/err"))"
exit $((tap_failed > 0))
