/* make bench: the zxing-cpp side of bench_decode's comparison (Debian's
 * libzxing-dev 1.4, C++ only), behind one C function so bench_decode.c
 * stays C and hands both decoders the very same luma frames.
 *
 * Built and linked by bench/bench.mk when the Makefile includes it, or by
 * tools/bench-e2e.sh otherwise. This file includes no ZBar header; a file
 * that needs both must include zbar.h first (ZXing defines
 * UnsupportedError). */
#include <cstddef>
#include <cstdint>
#include <cstring>

/* text() as std::string; silences 1.4's transition #pragma message */
#define ZX_USE_UTF8 1
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>

extern "C" int bench_zxing_decode(const uint8_t *luma, int w, int h, int stride,
                                  uint8_t *out, size_t cap, size_t *out_len);

/* 1: a QR code, its bytes in out; 0: none; -1: longer than cap.
 * Hints are zxing-cpp's defaults (tryHarder, tryRotate, local-average
 * binarizer) with only QR enabled: what an integrator would use. */
extern "C" int bench_zxing_decode(const uint8_t *luma, int w, int h, int stride,
                                  uint8_t *out, size_t cap, size_t *out_len)
{
    *out_len = 0;
    try {
        ZXing::ImageView view(luma, w, h, ZXing::ImageFormat::Lum, stride);
        ZXing::DecodeHints hints;
        hints.setFormats(ZXing::BarcodeFormat::QRCode);
        ZXing::Result r = ZXing::ReadBarcode(view, hints);
        if (!r.isValid())
            return 0;
        const ZXing::ByteArray &b = r.bytes();
        if (b.size() > cap)
            return -1;
        if (!b.empty())
            std::memcpy(out, b.data(), b.size());
        *out_len = b.size();
        return 1;
    } catch (...) {
        return 0;
    }
}
