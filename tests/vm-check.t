#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# The kernel suite in qemu (scripts/vm check): hookcost.ko's self test, deterministic counts,
# robustness, the real slab. Skips when qemu or a kernel image with headers is missing.
top=$(cd "$(dirname "$0")/.." && pwd)
build=${BUILD:-$top/build}
mkdir -p "$build"
log=$build/vm-check.log
# The reference results in data/ are `make vm-check`'s; a test run keeps its own.
VM_DATA=$build/vm/data "$top/scripts/vm" check 2>"$log"
status=$?
[ $status -eq 0 ] || echo "# scripts/vm check failed; its log: $log"
exit $status
