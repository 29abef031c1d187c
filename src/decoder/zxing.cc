/* mid-kiosk — zxing-cpp (Debian's libzxing-dev 1.4), the fallback the ZBar
 * adapter runs on a raw frame in which ZBar found nothing: it reads the
 * keystoned codes and 1.5-2 px modules ZBar misses (docs/benchmarks.md).
 *
 * The C side never sees a C++ exception: everything below runs inside one
 * try block and anything thrown becomes MID_ERR_DECODER. Results mirror
 * collect() in zbar.c: QR only, bytes exactly as encoded (Result::bytes(),
 * never the charset-converted text()), the same bytes twice is one code,
 * different bytes are MID_ERR_MULTIPLE_CODES, over cap is
 * MID_ERR_TOO_LARGE with nothing written.
 *
 * No ZBar header here: ZXing and zbar.h both define UnsupportedError. */
#include <algorithm>
#include <climits>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <new>
#include <stdexcept>
#include <vector>

/* text() as std::string; also silences 1.4's transition #pragma message.
 * Every file using ZXing must agree on it (Result's inline members). */
#define ZX_USE_UTF8 1
#include <ZXing/BarcodeFormat.h>
#include <ZXing/ByteArray.h>
#include <ZXing/DecodeHints.h>
#include <ZXing/ImageView.h>
#include <ZXing/ReadBarcode.h>
#include <ZXing/Result.h>

#include "zxing_private.h"

namespace
{

#ifndef MID_RELEASE
int g_throw_kind;
unsigned g_throw_count;

void maybe_throw_for_test()
{
    if (g_throw_count == 0)
        return;
    g_throw_count--;
    switch (g_throw_kind) {
    case 1:
        throw std::bad_alloc();
    case 2:
        throw std::runtime_error("mid_zxing_throw_for_test");
    default:
        throw 42; // not a std::exception
    }
}
#endif

/* The decoded bytes are personal data: wiped before zxing-cpp frees them.
 * (Its other temporaries, like ZBar's, are freed as they are.) bytes()
 * only hands out a const reference; the Result itself is not const, so
 * writing through it is defined. */
void wipe(const ZXing::ByteArray &b)
{
    volatile uint8_t *v = const_cast<uint8_t *>(b.data());

    for (std::size_t i = 0; i < b.size(); i++)
        v[i] = 0;
}

class WipeOnExit
{
    const ZXing::Results &rs_;

  public:
    explicit WipeOnExit(const ZXing::Results &rs)
        : rs_(rs)
    {
    }
    WipeOnExit(const WipeOnExit &) = delete;
    WipeOnExit &operator=(const WipeOnExit &) = delete;
    ~WipeOnExit()
    {
        for (const ZXing::Result &r : rs_)
            wipe(r.bytes());
    }
};

/* Grows box (x0, y0, x1, y1) to hold the result's corners, clamped to the
 * image. */
void add_to_box(const ZXing::Position &p, int w, int h, uint32_t box[4])
{
    for (int i = 0; i < 4; i++) {
        int x = p[static_cast<std::size_t>(i)].x, y = p[static_cast<std::size_t>(i)].y;
        x = x < 0 ? 0 : x >= w ? w - 1
                               : x;
        y = y < 0 ? 0 : y >= h ? h - 1
                               : y;
        box[0] = std::min(box[0], static_cast<uint32_t>(x));
        box[1] = std::min(box[1], static_cast<uint32_t>(y));
        box[2] = std::max(box[2], static_cast<uint32_t>(x));
        box[3] = std::max(box[3], static_cast<uint32_t>(y));
    }
}

mid_err collect(const ZXing::Results &rs, int w, int h, uint8_t *out,
                std::size_t cap, std::size_t *out_len, uint32_t box[4])
{
    const ZXing::ByteArray *first = nullptr;
    uint32_t bx[4] = {UINT32_MAX, UINT32_MAX, 0, 0};

    for (const ZXing::Result &r : rs) {
        if (!r.isValid() || r.format() != ZXing::BarcodeFormat::QRCode)
            continue;
        const ZXing::ByteArray &b = r.bytes();
        add_to_box(r.position(), w, h, bx);
        if (!first)
            first = &b;
        else if (b.size() != first->size() ||
                 (!b.empty() &&
                  std::memcmp(b.data(), first->data(), b.size()) != 0))
            return MID_ERR_MULTIPLE_CODES;
    }
    if (!first)
        return MID_ERR_NO_CODE;
    if (box)
        std::memcpy(box, bx, sizeof bx);
    if (first->size() > cap)
        return MID_ERR_TOO_LARGE;
    if (!first->empty())
        std::memcpy(out, first->data(), first->size());
    *out_len = first->size();
    return MID_OK;
}

/* zxing-cpp's retry on a downscaled copy, as its LumImagePyramid makes it:
 * every f x f block averaged (rounded). Throws std::bad_alloc at worst. */
std::vector<uint8_t> downscale(const uint8_t *luma, int w, int h, int stride,
                               int f, int *sw, int *sh)
{
    *sw = w / f;
    *sh = h / f;
    std::vector<uint8_t> small(static_cast<std::size_t>(*sw) *
                               static_cast<std::size_t>(*sh));
    for (int y = 0; y < *sh; y++) {
        for (int x = 0; x < *sw; x++) {
            int sum = f * f / 2;
            for (int ty = 0; ty < f; ty++)
                for (int tx = 0; tx < f; tx++)
                    sum += luma[static_cast<std::size_t>(y * f + ty) *
                                    static_cast<std::size_t>(stride) +
                                static_cast<std::size_t>(x * f + tx)];
            small[static_cast<std::size_t>(y) * static_cast<std::size_t>(*sw) +
                  static_cast<std::size_t>(x)] =
                static_cast<uint8_t>(sum / (f * f));
        }
    }
    return small;
}

/* May throw. zxing-cpp's defaults (tryHarder, local-average binarizer,
 * a retry on a downscaled copy above 500 px) are what docs/benchmarks.md
 * measured, with one change of order: zxing-cpp itself reads the
 * downscaled copy after the full frame even when the full frame gave a
 * code (+1.3 ms at 1280x720, measured), here only when it gave none. A
 * second code the full frame did not show is the scheduler's to look for
 * (mid_sched_may_hold_code_outside, then ZBar). ReadBarcodes, not
 * ReadBarcode: a second, different code in view must be seen to be
 * refused. */
mid_err scan(const uint8_t *luma, int w, int h, int stride, uint8_t *out,
             std::size_t cap, std::size_t *out_len, uint32_t box[4])
{
    ZXing::ImageView view(luma, w, h, ZXing::ImageFormat::Lum, stride);
    ZXing::DecodeHints hints;
    const int threshold = hints.downscaleThreshold();
    const int factor = hints.downscaleFactor();
    mid_err err;

    hints.setFormats(ZXing::BarcodeFormat::QRCode);
    hints.setTryDownscale(false);
    {
        ZXing::Results rs = ZXing::ReadBarcodes(view, hints); // wiped: not const
        WipeOnExit wipe_rs(rs);
        err = collect(rs, w, h, out, cap, out_len, box);
    }
    if (err != MID_ERR_NO_CODE || factor < 2 || std::min(w, h) < threshold)
        return err;
    int sw = 0, sh = 0;
    std::vector<uint8_t> small = downscale(luma, w, h, stride, factor, &sw, &sh);
    uint32_t sbox[4] = {1, 1, 0, 0};
    ZXing::ImageView sview(small.data(), sw, sh, ZXing::ImageFormat::Lum);
    {
        ZXing::Results rs = ZXing::ReadBarcodes(sview, hints);
        WipeOnExit wipe_rs(rs);
        err = collect(rs, sw, sh, out, cap, out_len, box ? sbox : nullptr);
    }
    /* a copy of the frame: wiped like the decoded bytes */
    volatile uint8_t *v = small.data();
    for (std::size_t i = 0; i < small.size(); i++)
        v[i] = 0;
    if (box && sbox[0] <= sbox[2] && sbox[1] <= sbox[3]) {
        const uint32_t f = static_cast<uint32_t>(factor);
        box[0] = sbox[0] * f;
        box[1] = sbox[1] * f;
        box[2] = std::min(sbox[2] * f + f - 1u, static_cast<uint32_t>(w - 1));
        box[3] = std::min(sbox[3] * f + f - 1u, static_cast<uint32_t>(h - 1));
    }
    return err;
}

} // namespace

extern "C" mid_err mid_zxing_scan(const uint8_t *luma, uint32_t width,
                                  uint32_t height, size_t stride,
                                  uint8_t *out, size_t cap,
                                  size_t *out_len) noexcept
{
    return mid_zxing_scan_box(luma, width, height, stride, out, cap, out_len,
                              nullptr);
}

extern "C" mid_err mid_zxing_scan_box(const uint8_t *luma, uint32_t width,
                                      uint32_t height, size_t stride,
                                      uint8_t *out, size_t cap,
                                      size_t *out_len,
                                      uint32_t box[4]) noexcept
{
    if (!out_len)
        return MID_ERR_ARG;
    *out_len = 0;
    /* zxing-cpp indexes pixels with int (y * rowStride + x) */
    if (!luma || (!out && cap > 0) || width == 0 || height == 0 ||
        stride < width ||
        static_cast<uint64_t>(stride) * height >
            static_cast<uint64_t>(INT_MAX))
        return MID_ERR_ARG;
    try {
#ifndef MID_RELEASE
        maybe_throw_for_test();
#endif
        return scan(luma, static_cast<int>(width), static_cast<int>(height),
                    static_cast<int>(stride), out, cap, out_len, box);
    } catch (...) {
        /* collect() writes only after everything that can throw */
        *out_len = 0;
        return MID_ERR_DECODER;
    }
}

#ifndef MID_RELEASE
extern "C" void mid_zxing_throw_for_test(int kind, unsigned count) noexcept
{
    g_throw_kind = kind;
    g_throw_count = count;
}
#endif
