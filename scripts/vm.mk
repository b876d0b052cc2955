# SPDX-License-Identifier: GPL-2.0
#
# What the VM guest runs (scripts/vm): a static hookcost, the kctl module driver, and
# hookcost.ko built against the guest kernel's headers (Debian's packaged kernel by default,
# whatever the running kernel is).

VM_DIR := $(BUILD)/vm
# The newest installed kernel that has headers; scripts/vm boots the matching /boot/vmlinuz.
VM_KVER ?= $(notdir $(patsubst %/build,%,$(lastword $(sort $(wildcard /lib/modules/*/build)))))
VM_KDIR ?= /lib/modules/$(VM_KVER)/build
VM_MOD_DIR := $(VM_DIR)/module-$(VM_KVER)
HC_MOD_SRCS := $(filter-out %.mod.c,$(wildcard kernel-module/*.c kernel-module/*.h)) \
	kernel-module/Kbuild
HC_MOD_MODEL_SRCS := $(filter-out %.mod.c,$(wildcard kernel-module/models/*.c \
	kernel-module/models/*.h))
HC_MOD_COMMON_SRCS := $(wildcard kernel-module/common/*.c)

# Static glibc warns about dlopen/getpwnam in static binaries; the guest never needs them.
# The warnings are filtered, so success is the binary being there.
$(BUILD)/hookcost-static: $(BENCH_OBJS) $(VM_DIR)/udev-stub.o
	@rm -f $@
	$(CC) $(CFLAGS) -static -o $@ $^ $(HC_LDLIBS) -lurcu-common $(LDFLAGS) 2>&1 | \
		{ grep -v -e 'statically linked applications requires at runtime' \
			-e 'in function .hwloc__dlforeach_cb' || true; }
	@test -x $@

$(VM_DIR)/udev-stub.o: scripts/vm-guest/udev-stub.c
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wall -Wextra -Wno-unused-parameter -c -o $@ $<

$(VM_DIR)/kctl: scripts/vm-guest/kctl.c kernel-module/common/kcases.c include/hookcost/abi.h \
		include/hookcost/kcases.h
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) -Wall -Wextra -Iinclude -static -o $@ $(filter %.c,$^)

# A private copy, so that `make module` for the running kernel and this one do not clobber
# each other's objects.
$(VM_MOD_DIR)/hookcost.ko: $(HC_MOD_SRCS) $(HC_MOD_MODEL_SRCS) $(HC_MOD_COMMON_SRCS) \
		$(wildcard include/hookcost/*.h)
	@test -d $(VM_KDIR) || { echo "vm: no kernel headers in $(VM_KDIR)" >&2; exit 1; }
	@mkdir -p $(VM_MOD_DIR)/models $(VM_MOD_DIR)/common
	cp $(HC_MOD_SRCS) $(VM_MOD_DIR)/
	cp $(HC_MOD_MODEL_SRCS) $(VM_MOD_DIR)/models/
	cp $(HC_MOD_COMMON_SRCS) $(VM_MOD_DIR)/common/
	$(MAKE) -C $(VM_KDIR) M=$(abspath $(VM_MOD_DIR)) HC_INCLUDE=$(abspath include) modules

.PHONY: vm-guest vm-module
vm-module: $(VM_MOD_DIR)/hookcost.ko
vm-guest: $(BUILD)/hookcost-static $(VM_DIR)/kctl vm-module

# The memcg matrix's two kernels (minutes the first time, then cached; see scripts/vm-kernel),
# built before `make check` so tests/vm-memcg-matrix.t measures instead of skipping.
.PHONY: vm-kernels
vm-kernels: $(BUILD)/hookcost
	$(BUILD)/hookcost vm --matrix memcg --build >/dev/null
CHECK_DEPS += vm-kernels
