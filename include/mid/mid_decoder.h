/* mid-kiosk — QR decoding behind one interface (ZBar with a zxing-cpp
 * fallback on the device, a fake in tests). Output is untrusted bytes
 * with a length, never a C string. */
#ifndef MID_DECODER_H
#define MID_DECODER_H

#include <stddef.h>
#include <stdint.h>

#include "mid_camera.h"
#include "mid_err.h"

typedef struct mid_decoder mid_decoder;

struct mid_decoder_ops {
    const char *name;
    /* MID_OK and the code's bytes in out; MID_ERR_NO_CODE;
     * MID_ERR_MULTIPLE_CODES (two different codes in view);
     * MID_ERR_TOO_LARGE (longer than cap). */
    mid_err (*scan)(mid_decoder *dec, const mid_frame *frame, uint8_t *out,
                    size_t cap, size_t *out_len);
    void (*destroy)(mid_decoder *dec);
};

struct mid_decoder {
    const struct mid_decoder_ops *ops;
};

static inline mid_err mid_decoder_scan(mid_decoder *dec,
                                       const mid_frame *frame, uint8_t *out,
                                       size_t cap, size_t *out_len)
{
    return dec->ops->scan(dec, frame, out, cap, out_len);
}

static inline void mid_decoder_destroy(mid_decoder *dec)
{
    if (dec)
        dec->ops->destroy(dec);
}

typedef struct mid_zbar_config {
    int density;       /* ZBAR_CFG_X/Y_DENSITY; 1 = every line */
    int test_inverted; /* also try light-on-dark codes (+70 % cost) */
    /* 3x3 Gaussian (sigma ~1) before ZBar: 0 never, 1 every frame,
     * 2 every other frame (default). The blur rescues noisy frames but
     * loses codes under ~2.5 px per module; alternating keeps both at
     * one pass per frame (docs/camera-and-decoder.md). */
    int prefilter_blur;
    unsigned recreate_every; /* frames; ZBar's memory grows otherwise */
    /* 1 (default): when ZBar finds nothing in a frame, zxing-cpp reads the
     * raw frame (never the blurred copy): it decodes keystoned codes and
     * 1.5-2 px modules ZBar misses, for +1-4 ms (640x480) on such frames
     * only (docs/benchmarks.md). Same rules as ZBar: QR only, raw bytes,
     * MULTIPLE_CODES, TOO_LARGE. 0: ZBar alone. */
    int fallback_zxing;
    /* With fallback_zxing: 1 (default) zxing-cpp reads every frame first
     * and ZBar only gets a frame zxing-cpp found nothing in; 0 the legacy
     * order (ZBar first). Same results, a fraction of the cost: a frame
     * zxing-cpp decodes costs no ZBar pass (docs/camera-and-decoder.md,
     * "Scheduling"). */
    int zxing_first;
    /* With zxing_first: 1 (default) ZBar is skipped on a frame without
     * code-like texture (a cheap row test, src/decoder/schedule.c), so an
     * empty counter costs one zxing-cpp pass; 0 ZBar on every frame
     * zxing-cpp found nothing in. */
    int skip_idle;
} mid_zbar_config;

void mid_zbar_config_default(mid_zbar_config *cfg);
mid_err mid_decoder_zbar_create(const mid_zbar_config *cfg,
                                mid_decoder **out);

#endif
