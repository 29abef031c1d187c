# bench/bench.mk — included by the Makefile (`-include bench/bench.mk`, after
# the bench rules): links zxing-cpp (Debian's libzxing-dev, C++ only) into
# bench_decode, so its degraded-frame corpus compares ZBar and zxing-cpp on
# the very same frames. Without libzxing-dev (or without this include)
# bench_decode still builds and runs its timing part, and
# tools/bench-e2e.sh links the zxing-cpp copy itself.
ifneq ($(wildcard $(SYSROOT)/usr/include/ZXing/ReadBarcode.h),)
CXX := $(CROSS_COMPILE)g++
ZXING_CFLAGS = $(shell $(PKG_CONFIG) --cflags zxing 2>/dev/null)
ZXING_LIBS = $(shell $(PKG_CONFIG) --libs zxing 2>/dev/null || echo -lZXing)

$(BUILD)/obj/bench/bench_zxing.o: bench/bench_zxing.cc
	@mkdir -p $(dir $@)
	@$(if $(Q),echo "  CXX     $<")
	$(Q)$(CXX) -std=c++17 $(OPT) $(SAN) $(SYSROOT_FLAGS) -Wall -Wextra -Werror \
	    $(ZXING_CFLAGS) -c $< -o $@

$(BUILD)/bench/bench_decode: $(BUILD)/obj/bench/bench_zxing.o
$(BUILD)/bench/bench_decode: BENCH_LIBS += $(ZXING_LIBS) -lstdc++
endif
