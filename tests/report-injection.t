#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Strings from someone else's result file are data: a case or metric name that would run a
# gnuplot command (newline + system "touch MARKER") is refused at load, one that would close
# the gnuplot string with a quote is drawn as a label, and neither ever creates the marker.
# Control characters in the free-form context reach the terminal escaped.
. "$(dirname "$0")/lib/tap.sh"
cd "$(dirname "$0")/.." || exit 1
command -v "${HOOKCOST_GNUPLOT:-gnuplot}" >/dev/null ||
	skip_all "gnuplot is not installed (apt-get install gnuplot-nox)"
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
json.dump(d, open(out, "w"))
PY
}

newline="
system \"touch $marker\"
#"
quote="' ; system \"touch $marker\" ; '"

plan 10
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
exit $((tap_failed > 0))
