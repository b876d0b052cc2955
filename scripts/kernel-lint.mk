# SPDX-License-Identifier: GPL-2.0
#
# `make kernel-lint`: hookcost.ko with W=1 and checkpatch.pl on the module's sources
# (scripts/kernel-lint; tests/kernel-lint.t runs it under make check).
.PHONY: kernel-lint
kernel-lint:
	scripts/kernel-lint
