#!/bin/sh
# SPDX-License-Identifier: GPL-2.0
#
# hookcost.ko builds with W=1 without warnings and checkpatch.pl --no-tree (linux-source-6.1)
# finds nothing in kernel-module/ and include/hookcost/; each check skips with the reason when
# the kernel headers or the linux-source tarball are missing.
exec "$(dirname "$0")/../scripts/kernel-lint"
