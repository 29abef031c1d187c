/* mid-kiosk — QR decoding with ZBar.
 *
 * Only QR is enabled, with ZBAR_CFG_BINARY so byte-mode data is returned
 * as it was encoded (without it ZBar guesses a charset and mangles bytes
 * >= 0x80), and the length always comes from ZBar, never strlen. ZBar's
 * result cache stays off: the application does its own de-duplication.
 *
 * ZBar keeps every QR symbol it ever allocated in the scanner's recycle
 * lists (mchehab/zbar #258), so memory grows under 24/7 scanning: the
 * scanner is destroyed and created again every recreate_every frames.
 *
 * ZBar misses keystoned codes (a phone tilted back) and 1.5-2 px modules
 * that zxing-cpp reads, and zxing-cpp misses low-contrast and very noisy
 * codes ZBar reads; they fail on different frames. So with fallback_zxing
 * (the default) a frame in which ZBar found nothing goes to zxing-cpp
 * (zxing.cc), always the raw frame: the blur loses small modules for it
 * too.
 *
 * Order (zxing_first, the default): zxing-cpp costs a fifth to a tenth of
 * ZBar, so it reads every raw frame first and ZBar only gets the frames it
 * found nothing in, and of those only the ones with code-like texture
 * (skip_idle, schedule.c). ZBar's blurred/raw phase counts every scan in
 * both orders, so ZBar sees each frame it gets exactly as in the legacy
 * order (ZBar first, zxing-cpp on the frames ZBar found nothing in). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zbar.h>

#include "mid/mid_decoder.h"
#include "schedule_private.h"
#include "zxing_private.h"

#define ZBAR_MAX_DENSITY 8
#define ZBAR_DEFAULT_RECREATE 3000u
/* No QR symbol holds more than 7089 characters (version 40-L, numeric):
 * the second-code check's buffer always holds what ZBar reads. */
#define ZBAR_SECOND_CAP 7090u

/* prefilter_blur values. The blur rescues noisy frames but loses codes
 * under ~2.5 px per module, where the raw frame still decodes (see
 * docs/camera-and-decoder.md); alternating gives a video stream both at
 * the cost of one pass per frame. */
#define ZBAR_BLUR_OFF 0
#define ZBAR_BLUR_ON 1
#define ZBAR_BLUR_ALTERNATE 2

struct zbar_dec {
    mid_decoder base;
    mid_zbar_config cfg;
    zbar_image_scanner_t *scanner;
    unsigned frames_since_create;
    uint64_t scans; /* every scan, whether ZBar ran or not: the blur phase */
    uint8_t *work;  /* blurred or de-strided copy of the frame */
    size_t work_cap;
    uint16_t *rows; /* three rows of horizontal blur sums */
    size_t rows_cap;
    uint8_t *second; /* ZBar's bytes in the second-code check */
};

static struct zbar_dec *to_zbar_dec(mid_decoder *dec)
{
    return (struct zbar_dec *)(void *)dec;
}

static void wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;

    while (n--)
        *v++ = 0;
}

static zbar_image_scanner_t *scanner_new(const mid_zbar_config *cfg)
{
    zbar_image_scanner_t *s = zbar_image_scanner_create();

    if (!s)
        return NULL;
    /* Everything off first: ZBar enables most symbologies by default. */
    if (zbar_image_scanner_set_config(s, 0, ZBAR_CFG_ENABLE, 0) != 0 ||
        zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1) !=
            0 ||
        zbar_image_scanner_set_config(s, ZBAR_QRCODE, ZBAR_CFG_BINARY, 1) !=
            0 ||
        zbar_image_scanner_set_config(s, 0, ZBAR_CFG_X_DENSITY,
                                      cfg->density) != 0 ||
        zbar_image_scanner_set_config(s, 0, ZBAR_CFG_Y_DENSITY,
                                      cfg->density) != 0 ||
        /* only honoured on symbology 0 */
        zbar_image_scanner_set_config(s, 0, ZBAR_CFG_TEST_INVERTED,
                                      cfg->test_inverted ? 1 : 0) != 0) {
        zbar_image_scanner_destroy(s);
        return NULL;
    }
    return s;
}

/* Horizontal [1 2 1] with the edge pixel repeated. */
static void hsum_row(const uint8_t *src, uint32_t w, uint16_t *dst)
{
    if (w == 1) {
        dst[0] = (uint16_t)(4u * src[0]);
        return;
    }
    dst[0] = (uint16_t)(3u * src[0] + src[1]);
    for (uint32_t x = 1; x + 1 < w; x++)
        dst[x] = (uint16_t)(src[x - 1] + 2u * src[x] + src[x + 1]);
    dst[w - 1] = (uint16_t)(src[w - 2] + 3u * src[w - 1]);
}

/* 3x3 binomial kernel (1-2-1 separable, /16): an integer Gaussian that
 * removes sensor noise ZBar's edge detector would otherwise trip on. */
static void blur(const mid_frame *f, uint8_t *dst, uint16_t *rows)
{
    uint32_t w = f->width, h = f->height;
    uint16_t *r[3] = {rows, rows + w, rows + 2u * w};

    hsum_row(f->luma, w, r[1]);
    memcpy(r[0], r[1], (size_t)w * sizeof *r[0]);
    for (uint32_t y = 0; y < h; y++) {
        const uint8_t *next = f->luma + (size_t)(y + 1 < h ? y + 1 : y) *
                                            f->stride;
        hsum_row(next, w, r[2]);
        uint8_t *out = dst + (size_t)y * w;
        for (uint32_t x = 0; x < w; x++)
            out[x] = (uint8_t)((r[0][x] + 2u * r[1][x] + r[2][x] + 8u) >> 4);
        uint16_t *t = r[0];
        r[0] = r[1];
        r[1] = r[2];
        r[2] = t;
    }
}

static mid_err ensure_work(struct zbar_dec *d, size_t luma, size_t row_words)
{
    if (luma > d->work_cap) {
        uint8_t *p = malloc(luma);
        if (!p)
            return MID_ERR_NOMEM;
        if (d->work) {
            wipe(d->work, d->work_cap);
            free(d->work);
        }
        d->work = p;
        d->work_cap = luma;
    }
    if (row_words > d->rows_cap) {
        uint16_t *p = realloc(d->rows, row_words * sizeof *p);
        if (!p)
            return MID_ERR_NOMEM;
        d->rows = p;
        d->rows_cap = row_words;
    }
    return MID_OK;
}

/* The image ZBar sees: Y800 needs stride == width. */
static mid_err prepare(struct zbar_dec *d, const mid_frame *f,
                       const uint8_t **pix)
{
    size_t n = (size_t)f->width * f->height;
    int use_blur = mid_sched_zbar_blur(d->cfg.prefilter_blur, d->scans);
    mid_err err;

    if (!use_blur && f->stride == f->width) {
        *pix = f->luma;
        return MID_OK;
    }
    err = ensure_work(d, n, use_blur ? 3u * f->width : 0);
    if (err != MID_OK)
        return err;
    if (use_blur) {
        blur(f, d->work, d->rows);
    } else {
        for (uint32_t y = 0; y < f->height; y++)
            memcpy(d->work + (size_t)y * f->width,
                   f->luma + (size_t)y * f->stride, f->width);
    }
    *pix = d->work;
    return MID_OK;
}

static mid_err recreate_if_due(struct zbar_dec *d)
{
    if (d->cfg.recreate_every == 0 ||
        d->frames_since_create < d->cfg.recreate_every)
        return MID_OK;
    zbar_image_scanner_t *s = scanner_new(&d->cfg);
    if (!s)
        return MID_ERR_NOMEM;
    zbar_image_scanner_destroy(d->scanner);
    d->scanner = s;
    d->frames_since_create = 0;
    return MID_OK;
}

/* One code in view, or the same code more than once (a reflection, or a
 * second phone showing the same screen) is fine; two different codes are
 * ambiguous and refused. */
static mid_err collect(const zbar_image_t *img, uint8_t *out, size_t cap,
                       size_t *out_len)
{
    const zbar_symbol_t *first = NULL;
    const char *data = NULL;
    size_t len = 0;

    for (const zbar_symbol_t *s = zbar_image_first_symbol(img); s;
         s = zbar_symbol_next(s)) {
        if (zbar_symbol_get_type(s) != ZBAR_QRCODE)
            continue;
        const char *sd = zbar_symbol_get_data(s);
        size_t sl = zbar_symbol_get_data_length(s);
        if (!sd)
            continue;
        if (!first) {
            first = s;
            data = sd;
            len = sl;
        } else if (sl != len || memcmp(sd, data, len) != 0) {
            return MID_ERR_MULTIPLE_CODES;
        }
    }
    if (!first)
        return MID_ERR_NO_CODE;
    if (len > cap)
        return MID_ERR_TOO_LARGE;
    if (len > 0)
        memcpy(out, data, len);
    *out_len = len;
    return MID_OK;
}

/* One ZBar pass over the frame (blurred or raw by the scan's phase). */
static mid_err zbar_pass(struct zbar_dec *d, const mid_frame *frame,
                         uint8_t *out, size_t cap, size_t *out_len)
{
    const uint8_t *pix = NULL;
    zbar_image_t *img = NULL;
    mid_err err;

    err = recreate_if_due(d);
    if (err != MID_OK)
        return err;
    err = prepare(d, frame, &pix);
    if (err != MID_OK)
        return err;
    img = zbar_image_create();
    if (!img)
        return MID_ERR_NOMEM;
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, frame->width, frame->height);
    /* ZBar only reads the pixels; no cleanup handler, we own them. */
    zbar_image_set_data(img, pix, (unsigned long)frame->width * frame->height,
                        NULL);
    d->frames_since_create++;
    int n = zbar_scan_image(d->scanner, img);
    if (n < 0)
        err = MID_ERR_DECODER;
    else if (n == 0)
        err = MID_ERR_NO_CODE;
    else
        err = collect(img, out, cap, out_len);
    zbar_image_destroy(img);
    return err;
}

/* zxing-cpp first, on the raw frame: it answers most frames with a code in
 * a fraction of ZBar's time. Only when it found nothing (or threw) does
 * ZBar get the frame, and only if the frame has code-like texture: ZBar's
 * wins (low contrast, heavy noise, moire) all have it, an empty counter
 * does not. A zxing-cpp failure is reported only if ZBar finds nothing. */
/* zxing-cpp read one code (in box); with skip_idle, texture elsewhere in
 * the frame may be a second code it missed, which ZBar may read: ZBar
 * looks, and a code with other bytes makes it MULTIPLE_CODES, as the
 * legacy order would have said. */
static mid_err second_code_check(struct zbar_dec *d, const mid_frame *frame,
                                 uint8_t *out, size_t *out_len,
                                 const uint32_t box[4])
{
    size_t len = 0;
    mid_err err;

    if (!mid_sched_may_hold_code_outside(frame->luma, frame->width,
                                         frame->height, frame->stride, box))
        return MID_OK;
    if (!d->second) {
        d->second = malloc(ZBAR_SECOND_CAP);
        if (!d->second)
            return MID_OK; /* keep zxing-cpp's answer */
    }
    err = zbar_pass(d, frame, d->second, ZBAR_SECOND_CAP, &len);
    if (err == MID_OK && len == *out_len &&
        (len == 0 || memcmp(d->second, out, len) == 0))
        err = MID_OK; /* the same code (or ZBar saw only that one) */
    else if (err == MID_OK || err == MID_ERR_MULTIPLE_CODES ||
             err == MID_ERR_TOO_LARGE)
        err = MID_ERR_MULTIPLE_CODES;
    else
        err = MID_OK; /* ZBar saw nothing, or failed: zxing-cpp's code */
    wipe(d->second, len);
    if (err != MID_OK) {
        wipe(out, *out_len);
        *out_len = 0;
    }
    return err;
}

static mid_err scan_zxing_first(struct zbar_dec *d, const mid_frame *frame,
                                uint8_t *out, size_t cap, size_t *out_len)
{
    uint32_t box[4] = {1, 1, 0, 0}; /* none */
    mid_err zx = mid_zxing_scan_box(frame->luma, frame->width, frame->height,
                                    frame->stride, out, cap, out_len, box);
    mid_err err;

    if (zx == MID_OK && d->cfg.skip_idle)
        return second_code_check(d, frame, out, out_len, box);
    if (zx != MID_ERR_NO_CODE && zx != MID_ERR_DECODER)
        return zx; /* a code, two codes, too large, or bad input */
    *out_len = 0;
    if (d->cfg.skip_idle &&
        !mid_sched_may_hold_code(frame->luma, frame->width, frame->height,
                                 frame->stride))
        return zx;
    err = zbar_pass(d, frame, out, cap, out_len);
    return err == MID_ERR_NO_CODE ? zx : err;
}

static mid_err zbar_scan(mid_decoder *dec, const mid_frame *frame,
                         uint8_t *out, size_t cap, size_t *out_len)
{
    struct zbar_dec *d = to_zbar_dec(dec);
    mid_err err;

    if (!frame || !frame->luma || !out_len || (!out && cap > 0) ||
        frame->width == 0 || frame->height == 0 ||
        frame->width > MID_CAMERA_MAX_W || frame->height > MID_CAMERA_MAX_H ||
        frame->stride < frame->width)
        return MID_ERR_ARG;
    *out_len = 0;
    if (d->cfg.fallback_zxing && d->cfg.zxing_first) {
        err = scan_zxing_first(d, frame, out, cap, out_len);
    } else {
        err = zbar_pass(d, frame, out, cap, out_len);
        if (err == MID_ERR_NO_CODE && d->cfg.fallback_zxing)
            err = mid_zxing_scan(frame->luma, frame->width, frame->height,
                                 frame->stride, out, cap, out_len);
    }
    /* every scan advances the phase, whichever decoder ran */
    d->scans++;
    if (err != MID_OK)
        *out_len = 0;
    return err;
}

static void zbar_destroy(mid_decoder *dec)
{
    struct zbar_dec *d = to_zbar_dec(dec);

    if (d->scanner)
        zbar_image_scanner_destroy(d->scanner);
    if (d->work) {
        wipe(d->work, d->work_cap);
        free(d->work);
    }
    free(d->rows);
    if (d->second) {
        wipe(d->second, ZBAR_SECOND_CAP);
        free(d->second);
    }
    free(d);
}

static const struct mid_decoder_ops zbar_ops = {
    .name = "zbar",
    .scan = zbar_scan,
    .destroy = zbar_destroy,
};

void mid_zbar_config_default(mid_zbar_config *cfg)
{
    if (!cfg)
        return;
    cfg->density = 1;
    cfg->test_inverted = 0;
    cfg->prefilter_blur = ZBAR_BLUR_ALTERNATE;
    cfg->recreate_every = ZBAR_DEFAULT_RECREATE;
    cfg->fallback_zxing = 1;
    cfg->zxing_first = 1;
    cfg->skip_idle = 1;
}

mid_err mid_decoder_zbar_create(const mid_zbar_config *cfg, mid_decoder **out)
{
    struct zbar_dec *d;

    if (!out)
        return MID_ERR_ARG;
    *out = NULL;
    if (!cfg || cfg->density < 1 || cfg->density > ZBAR_MAX_DENSITY ||
        cfg->prefilter_blur < ZBAR_BLUR_OFF ||
        cfg->prefilter_blur > ZBAR_BLUR_ALTERNATE)
        return MID_ERR_ARG;
    d = calloc(1, sizeof *d);
    if (!d)
        return MID_ERR_NOMEM;
    d->base.ops = &zbar_ops;
    d->cfg = *cfg;
    d->scanner = scanner_new(cfg);
    if (!d->scanner) {
        free(d);
        return MID_ERR_DECODER;
    }
    *out = &d->base;
    return MID_OK;
}
