#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# The per-function profile (scripts/vm run --profile, scripts/profile-merge). nop1 and nop5
# run HC_LOOP around 1 and 5 NOPs in run_nop1 and run_nop5; their baseline is the empty loop
# in run_empty, so a sample's net profile is run_nopN's instructions minus run_empty's, per
# op exactly N (the loop's own instructions cancel), and the functions add up to the guest
# TSC. Two boots give the same per-function counts in every sample. A module's functions
# are found at its sections' load addresses (an ELF relocatable object built here).
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
out=$build/vm/profile
plugin=$build/qemu-plugin/hookcost-plugin.so

plan 7
rm -rf "$out"
mkdir -p "$out"

# A module-like object: one function in .text, one in .init.text, as a .ko has them.
cat >"$out/mod.c" <<'EOF'
int mod_pad(int x) { return x * 3 + 1; }
int mod_work(int x) { return mod_pad(x) ^ 7; }
__attribute__((section(".init.text"))) int mod_init(void) { return mod_work(2); }
EOF
if gcc -O1 -c -o "$out/mod.ko" "$out/mod.c"; then
	# mod_work's offset in .text, per the object's own symbol table.
	off=$(nm "$out/mod.ko" | awk '$3 == "mod_work" { print $1 }')
	pc=$(printf '%x' $((0xffffffffc0001000 + 0x$off + 1)))
	got=$("$top/scripts/profile-merge" --symbolize \
		"$out/mod.ko@.text=ffffffffc0001000,.init.text=ffffffffc0005000" \
		"$pc" ffffffffc0005000 ffffffffc0000fff)
	[ "$got" = "$pc mod_work
ffffffffc0005000 mod_init
ffffffffc0000fff ?" ]
	ok $? "a module's functions at its sections' load addresses (got: $(echo $got))"
else
	ok 1 "gcc builds the module-like object"
fi

command -v qemu-system-x86_64 >/dev/null || { for i in 2 3 4 5 6 7; do
	skip "qemu-system-x86_64 not installed"; done; exit $((tap_failed > 0)); }
if [ ! -f "$plugin" ] || ! ls /boot/vmlinuz-* >/dev/null 2>&1; then
	for i in 2 3 4 5 6 7; do
		skip "no qemu plugin or no kernel image in /boot"
	done
	exit $((tap_failed > 0))
fi
for i in 1 2; do
	"$top/scripts/vm" run --profile --module none --out "$out/boot$i" -- \
		"hookcost run --case nop1,nop5 --backend tsc -n 3 -w 1 -q -o /out/calib.json" \
		>"$out/boot$i.log" 2>&1
	rc[$i]=$?
done
ok ${rc[1]} "boot 1 with the profile (log $out/boot1.log)"
ok ${rc[2]} "boot 2 with the profile"
p=$out/boot1/calib.profile.json
json_check "$p" 'all(r["equals_tsc"] and sum(r["functions"].values()) ==
	__import__("fractions").Fraction(r["total"]) * r["den"] for r in d["results"].values())'
ok $? "every result: the functions add up to the profile's total, which is the guest TSC"
net='lambda r, n: __import__("fractions").Fraction(r["functions"].get("run_" + n +
	" [hookcost-static]", 0) + r["functions"].get("run_empty [hookcost-static]", 0), r["den"])'
json_check "$p" "({r['case']: ($net)(r, r['case']) for r in d['results'].values()} ==
	{'nop1': 1, 'nop5': 5})"
ok $? "run_nopN minus the empty loop's run_empty: exactly N instructions per op"
json_check "$p" 'all(abs(v) >= 1 for r in d["results"].values() for k, v in
	r["functions"].items() if k.startswith("run_"))'
ok $? "the loop itself is in the functions (run_nopN and run_empty both non-zero)"
python3 - "$p" "$out/boot2/calib.profile.json" <<'EOF'
import json, sys
a, b = (json.load(open(f))["results"] for f in sys.argv[1:])
sys.exit(0 if {k: v["digest"] for k, v in a.items()} == {k: v["digest"] for k, v in b.items()}
         and a else 1)
EOF
ok $? "the two boots' per-function counts are identical in every sample"
exit $((tap_failed > 0))
