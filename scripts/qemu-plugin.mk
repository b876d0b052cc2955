# SPDX-License-Identifier: GPL-2.0
#
# The hookcost qemu plugin (scripts/qemu-plugin/), the cache model of `scripts/vm run
# --cache-model`. Its header comes from Debian's qemu source package
# (scripts/qemu-plugin-header); when that cannot be fetched the plugin is not built, everything
# else is, and $(QEMU_PLUGIN_DIR)/unavailable says why.

QEMU_PLUGIN_DIR := $(BUILD)/qemu-plugin
QEMU_PLUGIN_SO := $(QEMU_PLUGIN_DIR)/hookcost-plugin.so
QEMU_PLUGIN_SRCS := scripts/qemu-plugin/hookcost.c scripts/qemu-plugin/cache.c \
	scripts/qemu-plugin/profile.c

.PHONY: qemu-plugin
CLEAN_FILES += $(QEMU_PLUGIN_SO)
all: qemu-plugin
# tests/cache-plugin.t measures with it rather than skipping.
CHECK_DEPS += qemu-plugin
# qemu 7.2's header needs no glib. A failed fetch is remembered (unavailable) rather than
# retried by every make, until install-deps runs again (or the file is removed). After
# install-deps: a parallel make of a fresh machine fetched before qemu was installed.
qemu-plugin: | $(DEPS_STAMP)
	@if [ $(DEPS_STAMP) -nt $(QEMU_PLUGIN_DIR)/unavailable ]; then \
		rm -f $(QEMU_PLUGIN_DIR)/unavailable; fi
	@if [ ! -f $(QEMU_PLUGIN_DIR)/qemu-plugin.h ] && [ ! -f $(QEMU_PLUGIN_DIR)/unavailable ]; \
	then BUILD=$(BUILD) scripts/qemu-plugin-header || true; fi
	@if [ -f $(QEMU_PLUGIN_DIR)/qemu-plugin.h ]; then $(MAKE) -s $(QEMU_PLUGIN_SO); fi

$(QEMU_PLUGIN_SO): $(QEMU_PLUGIN_SRCS) scripts/qemu-plugin/cache.h scripts/qemu-plugin/profile.h include/hookcost/marker.h \
		include/hookcost/cache_model.h \
		$(QEMU_PLUGIN_DIR)/qemu-plugin.h
	$(CC) $(CFLAGS) -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -shared -fPIC \
		-Iinclude -I$(QEMU_PLUGIN_DIR) \
		-o $@.tmp $(QEMU_PLUGIN_SRCS) && mv -f $@.tmp $@
# (Renamed into place: a running qemu keeps its mapping of the old file.)
