# mid-kiosk — one non-recursive Makefile.
#   make            build the kiosk, the tools and the tests
#   make test       run the whole suite (installs Debian packages if missing)
#   make check      the suite under ASan+UBSan, then valgrind, then short fuzz runs
#   make style      tools/style-check.sh: clang-format, banned functions, layers
#   make style-fix  clang-format -i over every C file (see tools/style-formatted.txt)
#   make demo       the kiosk on the bundled sample video with demo keys
#   make bench      side-by-side measurements
#   make fuzz       longer libFuzzer runs
#   make install    DESTDIR= PREFIX= (default /usr)
# Cross: make CROSS_COMPILE=aarch64-linux-gnu- SYSROOT=/path/to/arm64-sysroot

CROSS_COMPILE ?=
CC := $(CROSS_COMPILE)gcc
ifeq ($(origin CC),default)
CC := $(CROSS_COMPILE)gcc
endif
# C++ only for the zxing-cpp glue (src/decoder/zxing.cc, bench/bench_zxing.cc)
ifeq ($(origin CXX),default)
CXX := $(CROSS_COMPILE)g++
endif
PKG_CONFIG ?= pkg-config
SYSROOT ?=
ifneq ($(SYSROOT),)
export PKG_CONFIG_SYSROOT_DIR := $(SYSROOT)
export PKG_CONFIG_LIBDIR := $(SYSROOT)/usr/lib/aarch64-linux-gnu/pkgconfig:$(SYSROOT)/usr/share/pkgconfig
SYSROOT_FLAGS := --sysroot=$(SYSROOT)
endif

PREFIX ?= /usr
DESTDIR ?=
BUILD ?= build
# release strips test hooks (screenshots, injectable clock files)
VARIANT ?= debug

WARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wstrict-prototypes \
        -Wmissing-prototypes -Wvla -Wformat=2 -Werror
CSTD := -std=c11 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
# the C warnings that exist for C++ (-Wstrict-prototypes, -Wmissing-prototypes
# and -Wvla are C-only or meaningless there)
CXXWARN := -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wformat=2 -Werror
CXXSTD := -std=c++17 -D_DEFAULT_SOURCE -D_FILE_OFFSET_BITS=64
OPT ?= -O2 -g
SAN ?=
CFLAGS_BASE := $(CSTD) $(WARN) $(OPT) $(SAN) -Iinclude -Isrc -Itools -Itests $(SYSROOT_FLAGS) -fstack-protector-strong
CXXFLAGS_BASE := $(CXXSTD) $(CXXWARN) $(OPT) $(SAN) -Iinclude -Isrc $(SYSROOT_FLAGS) -fstack-protector-strong
ifeq ($(VARIANT),release)
CFLAGS_BASE += -DMID_RELEASE=1
CXXFLAGS_BASE += -DMID_RELEASE=1
endif

# zxing: zxing-cpp (libzxing-dev), the decoder's fallback behind ZBar
# jansson: the POS link's JSON messages (src/pos/)
# libcurl: mid-sync's transport (src/net/; the kiosk links it --as-needed)
PKGS := zbar zxing sdl2 SDL2_ttf libv4l2 libqrencode libpng jansson libcurl
# pkg-config knows a package only once it is installed, so the flags cannot
# be read while this file is parsed on a machine that has never built the
# project. They live in $(PKG_MK), made by a rule that installs the missing
# packages first; GNU make re-reads its makefiles after remaking an included
# one, so even the very first build (and any -j build) compiles with them.
PKG_MK := $(BUILD)/pkg.mk
NO_PKG_GOALS := clean deps image-clean
ifneq ($(filter-out $(NO_PKG_GOALS),$(or $(MAKECMDGOALS),all)),)
include $(PKG_MK)
endif
CFLAGS = $(CFLAGS_BASE) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
CXXFLAGS = $(CXXFLAGS_BASE) $(PKG_CFLAGS) $(EXTRA_CXXFLAGS)
# linked with $(CC): libstdc++ for zxing-cpp and the C++ glue
LDLIBS = $(PKG_LIBS) -lmbedcrypto -lpthread -lm -lstdc++ $(EXTRA_LDLIBS)
LDFLAGS := $(SAN) $(SYSROOT_FLAGS) $(EXTRA_LDFLAGS)

CORE_SRC := $(sort $(wildcard src/core/*.c))
ADAPTER_SRC := $(sort $(wildcard src/crypto/*.c src/camera/*.c src/decoder/*.c src/ui/*.c src/pos/*.c))
# src/net: the sync agent's libcurl transport (only mid-sync links it)
ADAPTER_SRC += $(sort $(wildcard src/net/*.c))
ADAPTER_CXX_SRC := $(sort $(wildcard src/crypto/*.cc src/camera/*.cc src/decoder/*.cc src/ui/*.cc))
APP_SRC := $(sort $(filter-out src/app/main.c,$(wildcard src/app/*.c)))
TOOLCOMMON_SRC := $(sort $(wildcard tools/common/*.c))
# fake_crypto.c replaces the crypto adapter: only test_core_only links it.
FAKE_SRC := $(sort $(filter-out tests/fakes/fake_crypto.c,$(wildcard tests/fakes/*.c tests/fixtures/*.c)))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
TOOLS := $(sort $(basename $(notdir $(wildcard tools/*.c))))
# what `make install` puts on a device; the rest are development tools
INSTALL_TOOLS := mid-issue mid-holder mid-verify mid-log mid-sync

obj = $(patsubst %.c,$(BUILD)/obj/%.o,$(1))
CORE_OBJ := $(call obj,$(CORE_SRC))
ADAPTER_OBJ := $(call obj,$(ADAPTER_SRC)) $(patsubst %.cc,$(BUILD)/obj/%.o,$(ADAPTER_CXX_SRC))
APP_OBJ := $(call obj,$(APP_SRC))
TOOLCOMMON_OBJ := $(call obj,$(TOOLCOMMON_SRC))
FAKE_OBJ := $(call obj,$(FAKE_SRC))
TEST_BIN := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(TEST_SRC))
TOOL_BIN := $(addprefix $(BUILD)/bin/,$(TOOLS))
BENCH_BIN := $(patsubst bench/%.c,$(BUILD)/bench/%,$(BENCH_SRC))
KIOSK_BIN := $(BUILD)/bin/mid-kiosk
LIBS_A := $(BUILD)/libmid_app.a $(BUILD)/libmid_adapters.a $(BUILD)/libmid_core.a

.SECONDARY:
.PHONY: all test check fuzz bench demo install clean deps tests-build style style-fix
all: deps-ok $(KIOSK_BIN) $(TOOL_BIN) $(TEST_BIN)

# Installs the Debian packages when pkg-config cannot find them (a fresh
# machine), then records the flags. Remade when the package list changes.
DEPS_PRESENT = $(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null && \
    { [ -f /usr/include/mbedtls/ecdsa.h ] || [ -n "$(SYSROOT)" ]; }
$(PKG_MK): Makefile tools/install-deps.sh
	@mkdir -p $(dir $@)
	@$(DEPS_PRESENT) || sh tools/install-deps.sh
	@$(DEPS_PRESENT) || { echo "make: packages still missing after tools/install-deps.sh:" \
	    "$(PKGS) cmocka libmbedtls-dev" >&2; exit 1; }
	@{ echo "PKG_CFLAGS := $$($(PKG_CONFIG) --cflags $(PKGS))"; \
	   echo "PKG_LIBS := $$($(PKG_CONFIG) --libs $(PKGS))"; \
	   echo "CMOCKA_LIBS := $$($(PKG_CONFIG) --libs cmocka)"; } > $@.tmp
	@mv $@.tmp $@
# kept for board/image.mk and habits: the packages are in place once
# $(PKG_MK) exists
.PHONY: deps-ok
deps-ok: $(PKG_MK)
deps:
	sh tools/install-deps.sh

V ?= 0
ifeq ($(V),0)
Q := @
endif

$(BUILD)/obj/%.o: %.c
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CC      $<")
	$(Q)$(CC) $(CFLAGS) -MMD -MP -c $< -o $@
$(BUILD)/obj/%.o: %.cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) $(CXXFLAGS) -MMD -MP -c $< -o $@

# An archive is made anew from its member list, and the list is a file that
# changes only when a source file comes or goes: a removed source would
# otherwise stay in the archive as a stale object (duplicate symbols).
members = @mkdir -p $(dir $(1)); echo '$(2)' | cmp -s - $(1) 2>/dev/null || echo '$(2)' > $(1)
.PHONY: FORCE
$(BUILD)/members-%: FORCE
	$(call members,$@,$(MEMBERS_$*))
MEMBERS_core = $(CORE_OBJ)
MEMBERS_adapters = $(ADAPTER_OBJ)
MEMBERS_app = $(APP_OBJ) $(TOOLCOMMON_OBJ)
$(BUILD)/libmid_%.a: $(BUILD)/members-%
	@mkdir -p $(dir $@)
	$(Q)rm -f $@ && $(CROSS_COMPILE)ar rcs $@ $(MEMBERS_$*)
$(BUILD)/libmid_core.a: $(CORE_OBJ)
$(BUILD)/libmid_adapters.a: $(ADAPTER_OBJ)
$(BUILD)/libmid_app.a: $(APP_OBJ) $(TOOLCOMMON_OBJ)

$(KIOSK_BIN): $(call obj,src/app/main.c) $(LIBS_A)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ -Wl,--start-group $^ -Wl,--end-group $(LDLIBS)
# the kiosk keeps no network code: libcurl is not even loaded into it
$(KIOSK_BIN): LDFLAGS += -Wl,--as-needed
$(BUILD)/bin/%: $(BUILD)/obj/tools/%.o $(LIBS_A)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ -Wl,--start-group $^ -Wl,--end-group $(LDLIBS)
$(BUILD)/bench/%: $(BUILD)/obj/bench/%.o $(FAKE_OBJ) $(LIBS_A)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ -Wl,--start-group $^ -Wl,--end-group $(LDLIBS) $(BENCH_LIBS)
$(BUILD)/tests/%: $(BUILD)/obj/tests/unit/%.o $(FAKE_OBJ) $(LIBS_A)
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@")
	$(Q)$(CC) $(LDFLAGS) -o $@ -Wl,--start-group $^ -Wl,--end-group $(LDLIBS) $(CMOCKA_LIBS)

# The core alone: libmid_core.a, the fake crypto adapter and cmocka, no
# mbedTLS, SDL, ZBar, V4L2 or adapters. Linking is half the test.
$(BUILD)/tests/test_core_only: $(BUILD)/obj/tests/unit/test_core_only.o $(BUILD)/obj/tests/fakes/fake_crypto.o $(BUILD)/libmid_core.a
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  LD      $@ (core only)")
	$(Q)$(CC) $(LDFLAGS) -o $@ $^ $(CMOCKA_LIBS) -lpthread

tests-build: deps-ok $(TEST_BIN) $(TOOL_BIN) $(KIOSK_BIN)

test: tests-build
	sh tests/run-tests.sh $(BUILD)

check: deps-ok
	sh tests/check.sh

fuzz:
	sh tests/fuzz/run.sh 60

style:
	sh tools/style-check.sh

# generated files (first line "/* GENERATED by ...") are left as made
STYLE_FILES = $(shell find src include tools tests bench \( -name '*.c' -o -name '*.h' -o -name '*.cc' \) -type f | LC_ALL=C sort | while read -r f; do head -n 1 "$$f" | grep -q '^/\* GENERATED by ' || echo "$$f"; done)
style-fix:
	clang-format -i $(STYLE_FILES)

bench: deps-ok
	$(MAKE) --no-print-directory BUILD=build-bench OPT="-O2 -g -DNDEBUG" tests-build bench-build
	sh tools/bench.sh build-bench

bench-build: deps-ok $(BENCH_BIN)

demo: deps-ok $(KIOSK_BIN) $(TOOL_BIN)
	sh tools/demo.sh $(BUILD)

install: $(KIOSK_BIN) $(TOOL_BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/mid-kiosk \
	    $(DESTDIR)$(PREFIX)/share/man/man1 $(DESTDIR)/etc/mid-kiosk
	install -m 0755 $(KIOSK_BIN) $(addprefix $(BUILD)/bin/,$(INSTALL_TOOLS)) $(DESTDIR)$(PREFIX)/bin/
	install -m 0644 docs/man/*.1 $(DESTDIR)$(PREFIX)/share/man/man1/ 2>/dev/null || true
	[ ! -f assets/kiosk.conf ] || install -m 0644 assets/kiosk.conf $(DESTDIR)/etc/mid-kiosk/kiosk.conf
	install -m 0644 assets/sync.conf.example $(DESTDIR)$(PREFIX)/share/mid-kiosk/sync.conf.example

clean:
	rm -rf build build-* 

-include $(shell find $(BUILD)/obj -name '*.d' 2>/dev/null)
-include board/image.mk
-include bench/bench.mk
