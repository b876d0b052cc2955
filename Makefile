# SPDX-License-Identifier: GPL-2.0
#
# hookcost top-level build. Everything is built under build/; nothing is installed system-wide
# except by `make install`. Missing dependencies are installed by scripts/install-deps.

PREFIX ?= /usr/local
BUILD ?= build
CC ?= gcc
# The running kernel's headers; a kernel without them (no module support, e.g. a CI host) gets
# the newest installed ones, which scripts/vm boots.
KDIR ?= $(firstword $(wildcard /lib/modules/$(shell uname -r)/build) \
	$(lastword $(sort $(wildcard /lib/modules/*/build))))

LIBPERF := $(BUILD)/libperf
LIBPERF_A := $(LIBPERF)/lib/libperf.a
DEPS_STAMP := $(BUILD)/.deps-ok

GIT_REV := $(shell git describe --always --dirty --abbrev=12 2>/dev/null || echo unknown)
VERSION := 0.1.0

CFLAGS ?= -O2 -g
HC_CFLAGS := -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Wno-missing-field-initializers \
	-fno-omit-frame-pointer -D_GNU_SOURCE -Iinclude -Ibench -I$(LIBPERF)/include -I$(BUILD) \
	-DHC_VERSION='"$(VERSION)"' -DHC_BUILD_FLAGS='"$(CC) $(CFLAGS)"' -MMD -MP
HC_LDLIBS := $(LIBPERF_A) $(LIBPERF)/lib/libapi.a -lhwloc -lurcu -lurcu-cds -ljansson -lgsl -lgslcblas -lm -ldl \
	-lpthread

# Every layer's sources; bench/tools/ are separate programs (tests/ustatic.mk).
BENCH_SRCS := $(sort $(wildcard bench/*/*.c bench/lib/*/*.c))
BENCH_SRCS := $(filter-out bench/tools/%,$(BENCH_SRCS))
# The models and the case table: the same files hookcost.ko is built from (kernel-module/Kbuild).
BENCH_SRCS += $(sort $(wildcard kernel-module/models/*.c kernel-module/common/*.c))
BENCH_OBJS := $(BENCH_SRCS:%.c=$(BUILD)/%.o)
LIB_OBJS := $(filter-out $(BUILD)/bench/cmd/main.o,$(BENCH_OBJS))

UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(BUILD)/tests/%)
SHELL_TESTS := $(sort $(wildcard tests/*.t))

# Set by the tests/*.mk and scripts/*.mk fragments: what `make check` needs built first, and
# what `make clean` removes besides the defaults.
CHECK_DEPS :=
CLEAN_FILES :=

.PHONY: FORCE all deps check unit-check bench report module vm-check install clean help
.DEFAULT_GOAL := all

all: $(BUILD)/hookcost

help:
	@echo "make            build build/hookcost (installs missing dependencies first)"
	@echo "make bench      the main job: build, measure on this machine, write data/ + report"
	@echo "make check      run the tests (prove)"
	@echo "make report     render the report of the latest run under data/"
	@echo "make module     build kernel-module/hookcost.ko against KDIR=$(KDIR)"
	@echo "make vm-check   boot Debian's kernel in qemu and run the kernel suite tests"
	@echo "make install    install hookcost to DESTDIR/PREFIX (PREFIX=$(PREFIX))"

# install-deps is idempotent; the stamp only saves re-running it on every make.
$(DEPS_STAMP): scripts/install-deps
	scripts/install-deps
	@mkdir -p $(@D) && touch $@

deps: $(DEPS_STAMP)

$(LIBPERF_A): | $(DEPS_STAMP)

# The git revision goes into every result; the header is rewritten only when it changes, so a
# new commit rebuilds the two files that include it and nothing else.
$(BUILD)/version.h: FORCE
	@mkdir -p $(@D)
	@printf '#define HC_GIT_REV "%s"\n' "$(GIT_REV)" >$@.tmp
	@cmp -s $@.tmp $@ && rm -f $@.tmp || mv -f $@.tmp $@

$(BUILD)/bench/core/env.o $(BUILD)/bench/cmd/main.o: $(BUILD)/version.h
$(addprefix $(BUILD)/bench/report/,publish.o sections.o text.o): $(BUILD)/version.h

$(BUILD)/bench/%.o: bench/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -c -o $@ $<

$(BUILD)/kernel-module/%.o: kernel-module/%.c | $(DEPS_STAMP)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -c -o $@ $<

$(BUILD)/hookcost: $(BENCH_OBJS)
	$(CC) $(CFLAGS) -o $@ $^ $(HC_LDLIBS) $(LDFLAGS)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJS)
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(HC_CFLAGS) -Itests -o $@ $< $(LIB_OBJS) $(HC_LDLIBS) -lcmocka $(LDFLAGS)

-include $(wildcard tests/*.mk scripts/*.mk)

# The cmocka unit tests alone: seconds, no qemu, no kernels.
unit-check: $(UNIT_BINS)
	CMOCKA_MESSAGE_OUTPUT=TAP prove $(UNIT_BINS)

check: $(BUILD)/hookcost $(UNIT_BINS) $(CHECK_DEPS)
	CMOCKA_MESSAGE_OUTPUT=TAP HOOKCOST=$(abspath $(BUILD)/hookcost) BUILD=$(abspath $(BUILD)) \
		prove --timer $(UNIT_BINS) $(SHELL_TESTS)

bench: $(BUILD)/hookcost qemu-plugin
	scripts/bench

report: $(BUILD)/hookcost
	scripts/bench --report-only

module: | $(DEPS_STAMP)
	$(MAKE) -C $(KDIR) M=$(abspath kernel-module) modules

vm-check: $(BUILD)/hookcost
	scripts/vm check

install: $(BUILD)/hookcost
	install -D -m 0755 $(BUILD)/hookcost $(DESTDIR)$(PREFIX)/bin/hookcost
	install -D -m 0644 data/hookcost-result.schema.json \
		$(DESTDIR)$(PREFIX)/share/hookcost/hookcost-result.schema.json
	install -D -m 0644 -t $(DESTDIR)$(PREFIX)/share/hookcost/gnuplot scripts/gnuplot/*.gp

clean:
	rm -rf $(BUILD)/bench $(BUILD)/kernel-module $(BUILD)/tests $(BUILD)/hookcost $(BUILD)/version.h $(CLEAN_FILES)
	-$(MAKE) -C $(KDIR) M=$(abspath kernel-module) clean 2>/dev/null

-include $(BENCH_OBJS:.o=.d) $(UNIT_BINS:=.d)
