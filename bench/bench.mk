# bench/bench.mk — included by the Makefile (`-include bench/bench.mk`):
# links bench/bench_zxing.cc (zxing-cpp alone, ReadBarcode with its
# defaults) into bench_decode, so its degraded-frame corpus compares our
# decoder with zxing-cpp on the very same frames. zxing-cpp is a build
# dependency of the kiosk itself now (PKGS, LDLIBS: the decoder's fallback),
# and the Makefile's %.cc rule compiles the glue with the project's C++
# flags, so all that is left here is the extra object.
$(BUILD)/bench/bench_decode: $(BUILD)/obj/bench/bench_zxing.o
