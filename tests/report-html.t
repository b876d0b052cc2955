#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hookcost report renders offline: headless Chromium (Debian's chromium package) opens
# report.html and every figure in it must have loaded (naturalWidth > 0). Also: the Markdown
# report names only figures that exist, a second report into the same directory replaces the
# first and leaves nothing stale, and a missing gnuplot is an actionable error.
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

echo "1..10"

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

! grep -q 'src="[^d]' "$out/report.html" && ! grep -q '<link' "$out/report.html"
ok $? "report.html needs no other file: figures are data: URIs"

missing=0
for f in $(sed -n 's/.*](\(fig-[^)]*\)).*/\1/p' "$out/report.md"); do
	[ -s "$out/$f" ] || missing=$((missing + 1))
done
[ "$missing" -eq 0 ] && grep -q '^## Verdicts' "$out/report.md" &&
	[ "$(grep -n '^## ' "$out/report.md" | head -1 | cut -d: -f2-)" = "## Verdicts" ]
ok $? "report.md: verdicts first, every figure it names exists ($missing missing)"

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
