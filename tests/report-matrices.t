#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `hookcost report` takes any number of matrices of `hookcost vm` beside the runs and renders
# each with the columns and deltas its file names: the memcg, rps and tcp-rx-counter matrices
# of data/ give three tables (HTML, Markdown and text), each with its own header row, and a
# matrix of no mechanism in the headline gets a headline table of its own. A run's instrument
# is qemu icount by its measured exact flag, not by the name of its CPU model.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

need_gnuplot

plan 9

mx="data/vm-memcg-matrix.json data/vm-rps-matrix.json data/vm-tcp-rx-counter-matrix.json"
# shellcheck disable=SC2086
"$HOOKCOST" report -o "$tmp/r" tests/fixtures/result-configs.json $mx >/dev/null 2>"$tmp/err"
ok $? "a run and three matrices: exit 0 ($(head -c 200 "$tmp/err"))"

# Each matrix's table under its heading, with its own columns from the file.
md=$tmp/r/report.md
header_after() {
	awk -v h="### $1 (exact instructions (qemu icount))" '$0 == h { on = 1; next }
		on && /^\| case/ { print; exit }' "$md"
}
[ "$(header_after vm-memcg-matrix.json)" = "| case | params | off | unused | unused+kmem | bystander | active | unused-off | kmem key | bystander-unused | active-unused | identical |" ]
ok $? "memcg: its five columns and four deltas"
[ "$(header_after vm-rps-matrix.json)" = "| case | params | off | unused | bystander | active | unused-off | bystander-unused | active-unused | identical |" ]
ok $? "rps: its four columns and three deltas"
[ "$(header_after vm-tcp-rx-counter-matrix.json)" = "| case | params | off | unused | active | unused-off | active-unused | identical |" ]
ok $? "tcp-rx-counter: its three columns and two deltas"

# The numbers are the file's medians, whole instructions, and deltas of them.
want=$(python3 - data/vm-rps-matrix.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
r = d["rows"][0]
m = [round(r["median"][c["name"]]) for c in d["columns"]]
idx = {c["name"]: i for i, c in enumerate(d["columns"])}
dl = ["%+d" % (m[idx[x["a"]]] - m[idx[x["b"]]]) for x in d["deltas"]]
print("| %s | size=%d | %s | %s | yes |" % (r["case"], r["params"]["size"],
      " | ".join(map(str, m)), " | ".join(dl)))
PY
)
grep -qxF "$want" "$md"
ok $? "rps row: the file's medians and their deltas ($want)"

# HTML: three matrix tables, each with its own header.
html=$tmp/r/report.html
for h in "<th>unused+kmem</th>" "<th>bystander-unused</th>" "<th>active-unused</th>"; do
	grep -qF "$h" "$html" || echo "missing $h"
done >"$tmp/miss"
[ ! -s "$tmp/miss" ] && [ "$(grep -c '<th>identical</th>' "$html")" = 3 ]
ok $? "report.html: three matrix tables with their own columns ($(head -c 80 "$tmp/miss"))"

# Text: a block per delta of every matrix, with the columns' labels (active vs unused: the
# run's, rps' and tcp-rx-counter's).
txt=$tmp/r/report.txt
grep -q '^== vm-rps-matrix.json: ' "$txt" && grep -q '^== vm-tcp-rx-counter-matrix.json: ' "$txt" &&
	grep -q '^verdict: unused+kmem vs unused (exact counts): ' "$txt" &&
	[ "$(grep -cE '^verdict: active vs unused( \(exact counts\))?: ' "$txt")" = 3 ] &&
	[ "$(awk 'length > 72' "$txt" | wc -l)" = 0 ]
ok $? "report.txt: every matrix's deltas as blocks, within 72 columns"

# The headline: memcg's rows in the real memcg table, the others in tables of their own.
grep -q '^### The rps matrix of hookcost vm$' "$md" &&
	grep -q '^### The tcp-rx-counter matrix of hookcost vm$' "$md" &&
	grep -qF '| sys.tcp_rr size=1 (tcp-rx-counter matrix) | instructions/op (qemu icount) | overhead (exact) | +3 | - | +3 |' "$md"
ok $? "headline: a table per matrix of no mechanism; a column it lacks is '-'"

# icount from the exact flag: a qemu-named CPU without exact counts is a TSC run; a file of
# before the flag (data/user-suite-vm.json) has only the CPU model's name to tell.
python3 - data/vm-memcg-y.json "$tmp/kvm.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
for r in d["results"]:
    r["exact"] = False
json.dump(d, open(sys.argv[2], "w"))
PY
"$HOOKCOST" report --format text data/vm-memcg-y.json "$tmp/kvm.json" data/user-suite-vm.json \
	>"$tmp/t" 2>&1
grep -q '^== vm-memcg-y.json: exact instructions (qemu icount)' "$tmp/t" &&
	grep -q '^== kvm.json: TSC ticks (time)' "$tmp/t" &&
	grep -q '^== user-suite-vm.json: exact instructions (qemu icount)' "$tmp/t"
ok $? "instrument: exact counts are qemu icount, the same CPU without them TSC ticks"
