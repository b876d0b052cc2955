#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
# An interrupted VM run leaves no qemu behind. timeout(1) puts qemu in a process group of its
# own, so a Ctrl-C at the terminal does not reach it: scripts/vm stops it on INT, TERM and
# HUP, and hookcost vm, killed on its own, stops its running boots (each one's qemu with it).
. "$(dirname "$0")/lib/tap.sh"

top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
command -v qemu-system-x86_64 >/dev/null ||
	skip_all "qemu-system-x86_64 not installed (scripts/install-deps)"
kver=$(ls -d /lib/modules/*/build 2>/dev/null | sort -V | tail -n 1 | cut -d/ -f4)
[ -n "$kver" ] && [ -r "/boot/vmlinuz-$kver" ] ||
	skip_all "no Debian kernel image with headers (scripts/install-deps)"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
# Job control: a background job gets a process group of its own and SIGINT as a terminal's
# foreground job would (without it, bash starts background jobs with SIGINT ignored).
set -m
plan 6

# The qemu processes of this build's VM runs.
qemus() { pgrep -f "qemu-system-x86_64 .*-initrd $build/vm/" || true; }

# wait_for COMMAND SECONDS: until COMMAND prints something, or the time is up.
wait_for() {
	local i
	for ((i = 0; i < $2 * 5; i++)); do
		[ -n "$($1)" ] && return 0
		sleep 0.2
	done
	return 1
}

no_qemu() { [ -z "$(qemus)" ] && echo gone; }

# --- Ctrl-C at the terminal: SIGINT to scripts/vm's whole process group, not qemu's
[ -z "$(qemus)" ] || diag "qemu of an earlier run still there: $(qemus)"
workdirs() { ls -d "$build"/vm/run.* "$build"/vm/root.* 2>/dev/null; }
before=$(workdirs)
# As from a terminal, where SIGINT is not ignored: a make check started in the background
# (nohup ... &) ignores it, a shell cannot trap a signal ignored when it started, and the guest's
# sleep (icount, sleep=off: no idle time) ends at once, exit 0.
env --default-signal=INT "$top/scripts/vm" run --out "$dir/out" -- sleep 600 >"$dir/vm.log" 2>&1 &
pid=$!
wait_for qemus 120
started=$?
kill -INT -- -"$pid" 2>/dev/null
wait "$pid"
rc=$?
wait_for no_qemu 15
ok $((started | $?)) "scripts/vm run, Ctrl-C (SIGINT to its process group): its qemu is gone"
said=$([ "$rc" = 130 ] && grep -q 'vm: interrupted; qemu stopped' "$dir/vm.log" && echo 0 ||
	echo 1)
ok "$said" "scripts/vm exits 130 and says so (exit $rc: $(tail -n 1 "$dir/vm.log"))"
[ "$said" = 0 ] || sed 's/^/# vm.log: /' "$dir/vm.log"
ok $([ "$(workdirs)" = "$before" ] && echo 0 || echo 1) \
	"scripts/vm leaves no work directory in $build/vm"

# --- hookcost vm killed on its own (SIGTERM to its pid only), two boots side by side
if ! "$HOOKCOST" vm --matrix memcg --check 2>/dev/null | grep -q 'to build' &&
	"$HOOKCOST" vm --matrix memcg --check >/dev/null 2>&1; then
	"$HOOKCOST" vm --matrix memcg --case sys.tcp_rr -n 3 -j 2 -o "$dir/m" \
		>"$dir/hc.out" 2>"$dir/hc.err" &
	pid=$!
	wait_for qemus 120
	started=$?
	kill -TERM "$pid"
	wait "$pid"
	rc=$?
	wait_for no_qemu 15
	ok $((started | $?)) "hookcost vm -j 2, SIGTERM to hookcost alone: every qemu is gone"
	ok $([ "$rc" = 143 ] && grep -q 'hookcost vm: interrupted; stopped 2 running boots' \
		"$dir/hc.err" && echo 0 || echo 1) \
		"hookcost vm dies of the SIGTERM and says what it stopped" \
		"(exit $rc: $(tail -n 1 "$dir/hc.err"))"
	ok $([ ! -e "$dir/m/vm-memcg-matrix.json" ] && [ "$(workdirs)" = "$before" ] && echo 0 ||
		echo 1) "an interrupted matrix writes no result and leaves no work directory"
else
	for t in "hookcost vm: every qemu is gone" "hookcost vm dies of the SIGTERM" \
		"an interrupted matrix writes no result"; do
		skip "$t: the memcg matrix kernels are not built (make vm-kernels)"
	done
fi
exit $((tap_failed > 0))
