#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The hookcost qemu plugin (scripts/vm run --cache-model): two boots of the same runs give
# byte-identical per-sample counts, and in every sample the plugin's instructions equal the
# guest TSC under -icount (the plain exact mode) once both are net of the baseline. Kernel
# instructions in a user-space case are timer interrupts only: a few thousand per sample,
# under 0.05 per op at the iteration counts of 5 ms samples.
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
out=$build/vm/cache-plugin
plugin=$build/qemu-plugin/hookcost-plugin.so
command -v qemu-system-x86_64 >/dev/null || skip_all "qemu-system-x86_64 not installed (scripts/install-deps)"
ls /boot/vmlinuz-* >/dev/null 2>&1 || skip_all "no kernel image in /boot (scripts/install-deps installs linux-image-amd64)"
[ -f "$plugin" ] || skip_all "no qemu plugin: $(cat "$build/qemu-plugin/unavailable" 2>/dev/null ||
	echo "not built (make qemu-plugin)")"

rm -rf "$out"
mkdir -p "$out"
for i in 1 2; do
	"$top/scripts/vm" run --cache-model --out "$out/boot$i" -- \
		"hookcost run --case nop5,static_unused --backend tsc -n 3 -w 1 -q -o /out/calib.json" \
		>"$out/boot$i.log" 2>&1
	rc[$i]=$?
done

plan 6
ok ${rc[1]} "boot 1 with the plugin (log $out/boot1.log)"
ok ${rc[2]} "boot 2 with the plugin"
cmp -s "$out/boot1/cache-samples.txt" "$out/boot2/cache-samples.txt"
ok $? "the plugin's per-sample counts are identical across the boots ($(grep -vc '^#' \
	"$out/boot1/cache-samples.txt" 2>/dev/null) samples)"
j=$out/boot1/calib.json
json_check "$j" 'all(r["metrics"]["instructions"]["values"] == r["metrics"]["tsc"]["values"]
	or all(abs(a - b) < 1e-6 for a, b in zip(r["metrics"]["instructions"]["values"],
	r["metrics"]["tsc"]["values"])) for r in d["results"])'
ok $? "every sample: plugin instructions per op = guest TSC per op"
json_check "$j" 'all(abs(r["metrics"]["instructions"]["median"] - {"nop5": 5, "static_unused": 1}[r["case"]]) < 0.02
	for r in d["results"])'
ok $? "nop5 5 and static_unused 1 instructions per op"
json_check "$j" '(d["context"]["cache_model"]["backend"] == "qemu-plugin" and
	all(r["metrics"]["insns_kernel"]["median"] < 0.05 for r in d["results"]))'
ok $? "the run says it was the qemu plugin; the user-space cases run no kernel instructions"
exit $((tap_failed > 0))
