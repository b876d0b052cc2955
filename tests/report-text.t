#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# `hookcost report --format text`: the report for a mailing-list reply. Plain ASCII within 72
# columns; rows laid out as kernel test robot mails are (base +-%stddev, %change, new +-%stddev,
# name) whose every number is one of the JSON's (a median, a CV or a relative change, rounded
# as printed); a verdict line per pair of configurations whose counts are the JSON verdicts';
# the command line and the machine in a footer. Checked on a fixture and on the reference run.
set -u
cd "$(dirname "$0")/.." || exit 1
. tests/lib/tap.sh
fx=tests/fixtures
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# check.py TEXT JSON: every row number traceable, verdict counts equal; prints what is not.
cat >"$tmp/check.py" <<'PY'
import json, re, sys

text = open(sys.argv[1]).read()
data = json.load(open(sys.argv[2]))
values = set()
for r in data["results"]:
    for m in r.get("metrics", {}).values():
        values.add(m["median"])
        if m.get("cv") is not None:
            values.add(100 * m["cv"])
for c in data["comparisons"]:
    if c.get("rel_change") is not None:
        values.add(100 * c["rel_change"])

def traceable(tok):
    tok = tok.rstrip("%")
    dec = len(tok.split(".")[1]) if "." in tok else 0
    x = float(tok)
    return any(abs(v - x) <= 0.5 * 10 ** -dec + 1e-9 for v in values)

row = re.compile(r"^ *(-?[\d.]+) +(?:\+-\s*(\d+)%)? +([+-][\d.]+%) +(-?[\d.]+) +(?:\+-\s*(\d+)%)?  \S")
bad, nr_rows = [], 0
for line in text.splitlines():
    m = row.match(line)
    if not m:
        continue
    nr_rows += 1
    for tok in m.groups():
        if tok is not None and not traceable(tok):
            bad.append("%s in '%s'" % (tok, line.strip()))

# Verdict lines (wrapped) against the JSON's verdicts of the headline metric.
metric = "instructions" if any("instructions" in r.get("metrics", {}) for r in data["results"]) \
    else "cycles" if any("cycles" in r.get("metrics", {}) for r in data["results"]) \
    else data["results"][0].get("metrics") and sorted(
        {k for r in data["results"] for k in r.get("metrics", {})})[0]
joined = re.sub(r"\n    ", " ", text)
nr_verdicts = 0
for m in re.finditer(r"^verdict: (\w+) vs (\w+)(?: \([^)]*\))?: overhead in (\d+), saving in (\d+), "
                     r"equivalent in (\d+), inconclusive in (\d+) of (\d+)$", joined, re.M):
    other, base = m.group(1), m.group(2)
    got = [int(g) for g in m.groups()[2:]]
    # A /1 file has no margin: what is not a change is inconclusive, never equivalent.
    kinds = [c.get("verdict_kind") or c["verdict"].split()[0] for c in data["comparisons"]
             if c["other"] == other and c["base"] == base and c["metric"] == metric]
    kinds = [k if k in ("overhead", "saving", "equivalent") else "inconclusive" for k in kinds]
    want = [kinds.count("overhead"), kinds.count("saving"), kinds.count("equivalent"),
            kinds.count("inconclusive"), len(kinds)]
    nr_verdicts += 1
    if got != want:
        bad.append("verdict %s vs %s: %s, JSON %s" % (other, base, got, want))
print(nr_rows, nr_verdicts, "; ".join(bad[:5]))
PY

plan 11

for run in "$fx/result-configs.json" data/reference/host/run.json; do
	name=$(basename "$run")
	"$HOOKCOST" report --format text "$run" >"$tmp/$name.txt" 2>"$tmp/err"
	ok $? "$name: --format text exits 0 ($(head -c 160 "$tmp/err"))"

	wide=$(awk 'length($0) > 72' "$tmp/$name.txt" | wc -l)
	LC_ALL=C grep -q '[^ -~]' "$tmp/$name.txt" && ascii=no || ascii=yes
	[ "$wide" -eq 0 ] && [ "$ascii" = yes ] && [ -s "$tmp/$name.txt" ]
	ok $? "$name: plain ASCII within 72 columns ($wide longer lines, ASCII $ascii)"

	read -r rows verdicts bad < <(python3 "$tmp/check.py" "$tmp/$name.txt" "$run")
	[ "$rows" -gt 0 ] && [ "$verdicts" -gt 0 ] && [ -z "$bad" ]
	ok $? "$name: every number of $rows rows is the JSON's, $verdicts verdict lines agree${bad:+: $bad}"
done

sed -n '/^---$/,$p' "$tmp/result-configs.json.txt" >"$tmp/footer"
grep -q '^result-configs.json: hookcost run --suite user,system,kernel' "$tmp/footer" &&
	grep -q 'kernel 6.1.0-hookcost x86_64, CPU Test CPU 3000' "$tmp/footer" &&
	grep -q 'hardware' "$tmp/footer"
ok $? "footer: the command line, kernel, CPU and instrument"

grep -q '^ *%stddev *%change *%stddev$' "$tmp/result-configs.json.txt" &&
	[ "$(grep -c '^verdict: ' "$tmp/result-configs.json.txt")" -eq 3 ]
ok $? "robot layout: %stddev/%change heading, one verdict line per pair of configurations"

"$HOOKCOST" compare --format text "$fx/result-unused.json" "$fx/result-active.json" \
	>"$tmp/cmp.txt" 2>"$tmp/err"
rc=$?
wide=$(awk 'length($0) > 72' "$tmp/cmp.txt" | wc -l)
[ $rc -eq 0 ] && [ "$wide" -eq 0 ] && ! LC_ALL=C grep -q '[^ -~]' "$tmp/cmp.txt" &&
	grep -q '^     22.00 +-  0%   +131.8%       51.00 +-  0%  static unused->active$' \
		"$tmp/cmp.txt"
ok $? "compare --format text: ASCII, 72 columns, base, %change and new per row (rc $rc, $wide wide)"

# The verdict line wraps at 72 columns; joined, it names the family its rows' levels are for.
sed -e ':a' -e 'N' -e '$!ba' -e 's/\n    / /g' "$tmp/cmp.txt" | grep -qx 'verdict: result-active.json against result-unused.json in instructions/op (compare family of 22 at alpha 0.05): overhead in 5, saving in 0, equivalent in 6, inconclusive in 0 of 11' &&
	! grep -q ' $' "$tmp/cmp.txt"
ok $? "compare --format text: a verdict line per metric, the analysis' verdicts; no trailing blanks"

"$HOOKCOST" report --format html "$fx/result-configs.json" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/err")" -eq 1 ]
ok $? "an unknown format: exit 2, one line ($(cat "$tmp/err"))"

exit $((tap_failed > 0))
