#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Strings from someone else's result file are data: a case or metric name that would run a
# gnuplot command (newline + system "touch MARKER") is refused at load, one that would close
# the gnuplot string with a quote is drawn as a label, and neither ever creates the marker.
# Control characters in the free-form context reach the terminal escaped. In report.md such
# text stays text: no raw HTML, no link, and no way out of a code block.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
need_gnuplot
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
marker=$tmp/PWNED

# evil KIND FIELD PAYLOAD: the fixture with PAYLOAD appended to every case (or metric) name.
evil() {
	/usr/bin/python3 - "$@" <<'PY'
import json, sys
out, field, payload = sys.argv[1:4]
d = json.load(open("tests/fixtures/result-configs.json"))
for r in d["results"]:
    if field == "case":
        r["case"] += payload
    elif field == "metric" and "metrics" in r:
        r["metrics"] = {k + payload: v for k, v in r["metrics"].items()}
for c in d.get("comparisons", []):
    if field == "case":
        c["case"] += payload
    elif field == "metric":
        c["metric"] += payload
if field == "context":
    d["context"]["kernel"] = {"release": payload}
if field == "command":
    d["context"]["command"] = payload
json.dump(d, open(out, "w"))
PY
}

newline="
system \"touch $marker\"
#"
quote="' ; system \"touch $marker\" ; '"

plan 14
for field in case metric; do
	evil "$tmp/nl-$field.json" $field "$newline"
	"$HOOKCOST" report -o "$tmp/r-nl-$field" "$tmp/nl-$field.json" >/dev/null 2>"$tmp/err"
	rc=$?
	ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && echo 0 || echo 1) \
		"newline in a $field name: refused at load, exit 2, one line ($(head -c 160 "$tmp/err"))"
	ok $([ ! -e "$marker" ] && [ ! -e "$tmp/r-nl-$field" ] && echo 0 || echo 1) \
		"newline in a $field name: no command ran, nothing written"

	evil "$tmp/q-$field.json" $field "$quote"
	"$HOOKCOST" report -o "$tmp/r-q-$field" "$tmp/q-$field.json" >/dev/null 2>"$tmp/err"
	rc=$?
	ok $([ $rc = 0 ] && [ -s "$tmp/r-q-$field/report.html" ] && echo 0 || echo 1) \
		"quote in a $field name: the report is drawn (exit $rc, $(head -c 160 "$tmp/err"))"
	ok $([ ! -e "$marker" ] && echo 0 || echo 1) "quote in a $field name: no command ran"
done

# Re-running the kept figures.gp, as the report invites, runs nothing either.
(cd "$tmp/r-q-case" && gnuplot figures.gp >/dev/null 2>&1)
ok $([ ! -e "$marker" ] && echo 0 || echo 1) "re-running figures.gp runs no command"

evil "$tmp/ctx.json" context "$(printf 'x\033[31mRED\nsecond line')"
"$HOOKCOST" compare tests/fixtures/result-configs.json "$tmp/ctx.json" >/dev/null 2>"$tmp/err"
ok $(grep -q 'x\\x1b\[31mRED\\nsecond line' "$tmp/err" && ! grep -q "$(printf '\033')" "$tmp/err" &&
	echo 0 || echo 1) "a context value reaches the terminal with its controls escaped"
# md_outside_fences FILE: report.md's lines that are not inside a fenced code block.
md_outside_fences() {
	/usr/bin/python3 - "$1" <<'PY'
import re, sys
fence = None
for line in open(sys.argv[1]):
    m = re.match(r"^(`{3,})", line)
    if fence is None and m:
        fence = m.group(1)
    elif fence is not None and m and line.rstrip("\n") == "`" * len(m.group(1)) and \
            len(m.group(1)) >= len(fence):
        fence = None
    elif fence is None:
        sys.stdout.write(line)
PY
}

evil "$tmp/html.json" case '<script>alert(1)</script>[x](javascript:alert(1))'
"$HOOKCOST" report -o "$tmp/r-html" "$tmp/html.json" >/dev/null 2>"$tmp/err"
ok $(grep -qF '&lt;script>alert(1)&lt;/script>[x\](javascript' "$tmp/r-html/report.md" &&
	! grep -qE '<script>|[^\\]\]\(javascript' "$tmp/r-html/report.md" && echo 0 || echo 1) \
	"HTML and a link in a case name are text in report.md"
evil "$tmp/fence.json" command "$(printf 'hookcost run\n```\n<img src=x onerror=alert(1)>\n````')"
"$HOOKCOST" report -o "$tmp/r-fence" "$tmp/fence.json" >/dev/null 2>"$tmp/err"
ok $([ -s "$tmp/r-fence/report.md" ] && ! md_outside_fences "$tmp/r-fence/report.md" |
	grep -q 'onerror' && echo 0 || echo 1) \
	"backticks in a recorded command cannot end report.md's code block"
evil "$tmp/nl.json" context "$(printf '6.1\n## Verdict: free\n| forged | row |')"
"$HOOKCOST" report -o "$tmp/r-nl" "$tmp/nl.json" >/dev/null 2>"$tmp/err"
ok $(grep -qF '6.1\\n## Verdict: free\\n\| forged \| row \|' "$tmp/r-nl/report.md" &&
	! grep -q '^## Verdict' "$tmp/r-nl/report.md" &&
	! grep -q '^| forged' "$tmp/r-nl/report.md" &&
	[ -s "$tmp/r-nl/report.txt" ] && ! grep -q '^## Verdict' "$tmp/r-nl/report.txt" &&
	echo 0 || echo 1) \
	"a newline in a context value starts no heading or table row in report.md"
# A memcg matrix is someone else's file too: its names follow the result files' rule.
/usr/bin/python3 - "$tmp/matrix.json" "$newline" <<'PY'
import json, sys
row = {"case": "sys.pipe_create" + sys.argv[2], "params": {}, "identical": True,
       "median": {"off": 1.0, "unused": 1.0, "unused_kmem": 1.0, "bystander": 1.0,
                  "active": 2.0}}
json.dump({"schema": "hookcost-vm-matrix/2", "matrix": "memcg", "metric": "tsc", "runs": 2,
           "samples": 9, "identical": True, "rows": [row]}, open(sys.argv[1], "w"))
PY
"$HOOKCOST" report -o "$tmp/r-mx" tests/fixtures/result-configs.json "$tmp/matrix.json" \
	>/dev/null 2>"$tmp/err"
rc=$?
ok $([ $rc = 2 ] && [ "$(wc -l <"$tmp/err")" = 1 ] && [ ! -e "$tmp/r-mx" ] &&
	[ ! -e "$marker" ] && echo 0 || echo 1) \
	"newline in a matrix row's case: refused at load, exit 2, one line, nothing written" \
	"($(head -c 160 "$tmp/err"))"
exit $((tap_failed > 0))
