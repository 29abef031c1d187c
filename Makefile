# mid-kiosk — one non-recursive Makefile.
#   make            build the kiosk, the tools and the tests
#   make test       run the whole suite (installs Debian packages if missing)
#   make check      the suite under ASan+UBSan, then valgrind, then short fuzz runs
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
PKGS := zbar zxing sdl2 SDL2_ttf libv4l2 libqrencode libpng libcurl
PKG_CFLAGS = $(shell $(PKG_CONFIG) --cflags $(PKGS) 2>/dev/null)
PKG_LIBS = $(shell $(PKG_CONFIG) --libs $(PKGS) 2>/dev/null)
CMOCKA_LIBS = $(shell $(PKG_CONFIG) --libs cmocka 2>/dev/null)
CFLAGS := $(CFLAGS_BASE) $(PKG_CFLAGS) $(EXTRA_CFLAGS)
CXXFLAGS := $(CXXFLAGS_BASE) $(PKG_CFLAGS) $(EXTRA_CXXFLAGS)
# linked with $(CC): libstdc++ for zxing-cpp and the C++ glue
LDLIBS := $(PKG_LIBS) -lmbedcrypto -lpthread -lm -lstdc++ $(EXTRA_LDLIBS)
LDFLAGS := $(SAN) $(SYSROOT_FLAGS) $(EXTRA_LDFLAGS)

CORE_SRC := $(sort $(wildcard src/core/*.c))
ADAPTER_SRC := $(sort $(wildcard src/crypto/*.c src/camera/*.c src/decoder/*.c src/ui/*.c))
# src/net: the sync agent's libcurl transport (only mid-sync links it)
ADAPTER_SRC += $(sort $(wildcard src/net/*.c))
ADAPTER_CXX_SRC := $(sort $(wildcard src/crypto/*.cc src/camera/*.cc src/decoder/*.cc src/ui/*.cc))
APP_SRC := $(sort $(filter-out src/app/main.c,$(wildcard src/app/*.c)))
TOOLCOMMON_SRC := $(sort $(wildcard tools/common/*.c))
FAKE_SRC := $(sort $(wildcard tests/fakes/*.c tests/fixtures/*.c))
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
BENCH_SRC := $(sort $(wildcard bench/*.c))
TOOLS := $(sort $(basename $(notdir $(wildcard tools/*.c))))
# what `make install` puts on a device; the rest are development tools
INSTALL_TOOLS := mid-issue mid-holder mid-verify mid-sync

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
.PHONY: all test check fuzz bench demo install clean deps tests-build
all: deps-ok $(KIOSK_BIN) $(TOOL_BIN) $(TEST_BIN)

# Installs Debian packages when pkg-config cannot find them (fresh machine).
.PHONY: deps-ok
deps-ok:
	@$(PKG_CONFIG) --exists $(PKGS) cmocka 2>/dev/null && [ -f /usr/include/mbedtls/ecdsa.h -o -n "$(SYSROOT)" ] || $(MAKE) --no-print-directory deps
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

$(BUILD)/libmid_core.a: $(CORE_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^
$(BUILD)/libmid_adapters.a: $(ADAPTER_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^
$(BUILD)/libmid_app.a: $(APP_OBJ) $(TOOLCOMMON_OBJ)
	@mkdir -p $(dir $@)
	$(Q)$(CROSS_COMPILE)ar rcs $@ $^

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

tests-build: deps-ok $(TEST_BIN) $(TOOL_BIN) $(KIOSK_BIN)

test: tests-build
	sh tests/run-tests.sh $(BUILD)

check: deps-ok
	sh tests/check.sh

fuzz:
	sh tests/fuzz/run.sh 60

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
