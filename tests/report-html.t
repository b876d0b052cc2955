#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hookcost report renders offline: headless Chromium (Debian's chromium package) opens
# report.html and every figure in it must have loaded (naturalWidth > 0); the figures are
# inline SVG and each has a legend naming every plotted series. Also: the Markdown report
# names only figures that exist, no machine path is left in the reports, a second report into
# the same directory replaces the first and leaves nothing stale, and a missing gnuplot is an
# actionable error.
set -u
cd "$(dirname "$0")/.." || exit 1
HOOKCOST=${HOOKCOST:-build/hookcost}
fx=tests/fixtures
n=0

ok() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then
		echo "ok $n - $2"
	else
		echo "not ok $n - $2"
	fi
}

chromium=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$chromium" ]; then
	echo "1..0 # SKIP chromium is not installed (apt-get install chromium)"
	exit 0
fi
if ! command -v "${HOOKCOST_GNUPLOT:-gnuplot}" >/dev/null; then
	echo "1..0 # SKIP gnuplot is not installed (apt-get install gnuplot-nox)"
	exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$tmp/report

echo "1..13"

"$HOOKCOST" report -o "$out" "$fx/result-unused.json" "$fx/result-active.json" \
	"$fx/result-rerun.json" >"$tmp/stdout" 2>"$tmp/stderr"
rc=$?
ok $rc "report of three runs: exit 0 ($(head -c 200 "$tmp/stderr"))"
[ -s "$out/report.html" ] && [ -s "$out/report.md" ] && grep -qx "$out/report.html" "$tmp/stdout"
ok $? "report.html and report.md written, the HTML's path printed"

pngs=$(ls "$out"/fig-*.png 2>/dev/null | wc -l)
svgs=$(ls "$out"/fig-*.svg 2>/dev/null | wc -l)
[ "$pngs" -gt 0 ] && [ "$pngs" -eq "$svgs" ]
ok $? "every figure as PNG and SVG ($pngs PNG, $svgs SVG)"

# The marker script is added to a copy (the report itself carries no script): once the page
# has loaded it records on <body> how many images there are and how many have decoded.
cat >"$tmp/marker.js" <<'JS'
<script>
window.addEventListener("load", function () {
	var all = document.images, ok = 0;

	for (var i = 0; i < all.length; i++)
		if (all[i].complete && all[i].naturalWidth > 0)
			ok++;
	document.body.setAttribute("data-figures", all.length + "/" + ok);
});
</script>
JS
sed '/<\/body>/d; /<\/html>/d' "$out/report.html" >"$tmp/check.html"
cat "$tmp/marker.js" >>"$tmp/check.html"
printf '</body>\n</html>\n' >>"$tmp/check.html"
profile=$(mktemp -d)
loaded=$(timeout 120 "$chromium" --headless --no-sandbox --disable-gpu --disable-quic \
	--no-first-run --disable-background-networking --disable-component-update --disable-sync \
	--user-data-dir="$profile" --virtual-time-budget=10000 --dump-dom "file://$tmp/check.html" \
	2>"$tmp/chromium.log" | sed -n 's/.*data-figures="\([0-9]*\/[0-9]*\)".*/\1/p')
rm -rf "$profile"
[ "$loaded" = "$pngs/$pngs" ]
ok $? "Chromium loaded every figure of report.html (images/loaded ${loaded:-none}, files $pngs)"

! grep -q 'src="[^d]' "$out/report.html" && ! grep -q '<link' "$out/report.html" &&
	[ "$(grep -c 'src="data:image/svg+xml;base64,' "$out/report.html")" -eq "$svgs" ]
ok $? "report.html needs no other file: every figure is an SVG data: URI"

# A legend: every series gnuplot drew with a title (its <title>) is written out as key text;
# gnuplot names an untitled one (the margin band where there is none) gnuplot_plot_N.
legends=$(python3 - "$out/report.html" <<'PY'
import base64, re, sys
html = open(sys.argv[1]).read()
bad = []
svgs = re.findall(r'src="data:image/svg\+xml;base64,([^"]*)"', html)
for i, b in enumerate(svgs):
    svg = base64.b64decode(b).decode()
    titles = set(re.findall(r'<g id="gnuplot_plot_[^"]*" ><title>([^<]*)</title>', svg))
    titles = {t for t in titles if not t.startswith("gnuplot_plot_")}   # untitled series
    texts = set(re.findall(r'<text>([^<]*)</text>', svg))
    if not titles or not titles <= texts:
        bad.append("figure %d: series %s, key %s" % (i + 1, sorted(titles), sorted(titles & texts)))
print("%d/%d" % (len(svgs) - len(bad), len(svgs)), "; ".join(bad))
PY
)
[ "${legends%% *}" = "$svgs/$svgs" ]
ok $? "every figure has a legend naming its series ($legends)"

# The SVG is drawn in a second pass of the same script: it must show what the data says, e.g.
# every group of bars its data file names ("64", "1k", "16k"), not what the first pass left set.
groups=$(python3 - "$out" <<'PY'
import glob, re, sys
bad, checked = [], 0
for dat in glob.glob(sys.argv[1] + "/fig-*-bars.dat"):
    labels = set(re.findall(r'^"([^"]*)"', open(dat).read(), re.M)) - {""}
    texts = set(re.findall(r"<text>([^<]*)</text>", open(dat[:-4] + ".svg").read()))
    checked += bool(labels)     # a case without a sweep has one unnamed group
    if not labels <= texts:
        bad.append(dat.split("/")[-1])
print(len(bad) if checked else "none", "%d checked" % checked, " ".join(bad))
PY
)
[ "${groups%% *}" = 0 ]
ok $? "every bar figure's SVG labels the groups of its data (${groups:-no answer})"

! grep -q "$tmp\|$PWD" "$out/report.html" "$out/report.md" "$out/report.txt"
ok $? "no path of this machine in report.html, report.md or report.txt"

missing=0
for f in $(sed -n 's/.*](\(fig-[^)]*\)).*/\1/p' "$out/report.md"); do
	[ -s "$out/$f" ] || missing=$((missing + 1))
done
[ "$missing" -eq 0 ] && grep -q '^## Headline' "$out/report.md" &&
	[ "$(grep -n '^## ' "$out/report.md" | head -1 | cut -d: -f2-)" = "## Headline" ]
ok $? "report.md: the headline first, every figure it names exists ($missing missing)"

"$HOOKCOST" report -o "$out" "$fx/result-active.json" >/dev/null 2>"$tmp/stderr"
rc=$?
stale=$(ls "$out" | grep -c '^fig-[23]-')
left=$(ls -a "$out" | grep -c '^\.report\.')
[ $rc -eq 0 ] && [ "$stale" -eq 0 ] && [ "$left" -eq 0 ] &&
	grep -q 'result-active.json' "$out/report.md"
ok $? "a second report replaces the first: no stale figure, no staging left ($stale, $left)"

cp "$out/report.html" "$tmp/before.html"
HOOKCOST_GNUPLOT=/nonexistent/gnuplot "$HOOKCOST" report -o "$out" "$fx/result-unused.json" \
	>/dev/null 2>"$tmp/stderr"
rc=$?
[ $rc -eq 1 ] && [ "$(wc -l <"$tmp/stderr")" -eq 1 ] &&
	grep -q 'apt-get install gnuplot' "$tmp/stderr"
ok $? "gnuplot missing: exit 1 with how to install it ($(head -c 160 "$tmp/stderr"))"
cmp -s "$tmp/before.html" "$out/report.html" && [ "$(ls -a "$out" | grep -c '^\.report\.')" -eq 0 ]
ok $? "a failed report leaves the previous one as it was"

printf 'not json\n' >"$tmp/bad.json"
"$HOOKCOST" report -o "$tmp/r2" "$tmp/bad.json" >/dev/null 2>"$tmp/stderr"
rc=$?
[ $rc -eq 2 ] && [ "$(wc -l <"$tmp/stderr")" -eq 1 ] && [ ! -e "$tmp/r2" ]
ok $? "bad input: exit 2, one line, no directory made"
