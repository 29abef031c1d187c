/* mid-kiosk — the zxing-cpp fallback of the ZBar adapter (zbar.c), behind
 * one C function. zxing-cpp (Debian's libzxing-dev 1.4) is C++ only; the
 * glue in zxing.cc catches every exception, so none reaches C. Kept out of
 * zbar.c's translation unit: ZXing defines UnsupportedError, as zbar.h
 * does. Not part of the public API. */
#ifndef MID_ZXING_PRIVATE_H
#define MID_ZXING_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_err.h"

#ifdef __cplusplus
#define MID_ZXING_NOEXCEPT noexcept /* checked by the C++ compiler */
extern "C" {
#else
#define MID_ZXING_NOEXCEPT
#endif

/* Reads QR codes (only QR) in an 8-bit luma image with zxing-cpp's
 * defaults (tryHarder, local-average binarizer, downscaled retries).
 * Results as collect() in zbar.c gives them:
 *   MID_OK              one code (or the same bytes more than once): its
 *                       bytes, exactly as encoded, in out[0..*out_len)
 *   MID_ERR_NO_CODE     none
 *   MID_ERR_MULTIPLE_CODES  two codes with different bytes
 *   MID_ERR_TOO_LARGE   longer than cap; nothing written
 *   MID_ERR_ARG         no pixels, an empty image, stride < width, or
 *                       stride x height over INT_MAX (zxing-cpp indexes
 *                       pixels with int)
 *   MID_ERR_DECODER     zxing-cpp threw (anything, std::bad_alloc too)
 * *out_len is 0 on every error. Reentrant: zxing-cpp keeps no state
 * between calls. */
mid_err mid_zxing_scan(const uint8_t *luma, uint32_t width, uint32_t height,
                       size_t stride, uint8_t *out, size_t cap,
                       size_t *out_len) MID_ZXING_NOEXCEPT;

/* mid_zxing_scan that also gives, with MID_OK or MID_ERR_TOO_LARGE, the
 * bounding box of the codes it read (x0, y0, x1,
 * y1, inclusive, inside the image) in box unless box is NULL; box is
 * untouched otherwise. The scheduler looks for a second code outside it. */
mid_err mid_zxing_scan_box(const uint8_t *luma, uint32_t width,
                           uint32_t height, size_t stride, uint8_t *out,
                           size_t cap, size_t *out_len,
                           uint32_t box[4]) MID_ZXING_NOEXCEPT;

#ifndef MID_RELEASE
/* Tests only: the next `count` calls of mid_zxing_scan throw before
 * zxing-cpp runs — 1 std::bad_alloc, 2 std::runtime_error, 3 an int (not
 * a std::exception) — so a test can prove that nothing escapes to C.
 * Compiled out of release builds. */
void mid_zxing_throw_for_test(int kind, unsigned count) MID_ZXING_NOEXCEPT;
#endif

#ifdef __cplusplus
}
#endif

#endif
