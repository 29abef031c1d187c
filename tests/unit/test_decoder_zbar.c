/* mid-kiosk — ZBar decoder adapter (and its zxing-cpp fallback) on
 * synthetic frames drawn with libqrencode. MID_BENCH=1 also prints timings
 * and the density-2 check. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>
#include <zbar.h>

#include "common/qrimage.h"
#include "decoder/zxing_private.h"
#include "mid/mid_decoder.h"
#include "mid/mid_limits.h"

#include "../support/qr_frame.c"

#define W_MAX 1280u
#define H_MAX 720u
#define TEXT_CHARS 300u

static uint8_t g_luma[W_MAX * H_MAX];
static uint8_t g_out[MID_MAX_QR_TEXT + 1];

static mid_frame frame_of(uint32_t w, uint32_t h)
{
    mid_frame f;

    memset(&f, 0, sizeof f);
    f.luma = g_luma;
    f.width = w;
    f.height = h;
    f.stride = w;
    return f;
}

static const qr_frame_style k_text = {.module_px = 4, .dark = 20, .light = 235, .binary = 0};

/* White frame with one centred code. */
static mid_frame draw_one(uint32_t w, uint32_t h, const char *text,
                          const qr_frame_style *st)
{
    mid_frame f = frame_of(w, h);

    qr_frame_fill(g_luma, w, h, w, st->light);
    assert_true(qr_frame_draw(g_luma, w, h, w, (const uint8_t *)text,
                              strlen(text), st, QR_FRAME_CENTER,
                              QR_FRAME_CENTER) > 0);
    return f;
}

static mid_err scan_with(const mid_zbar_config *cfg, const mid_frame *f,
                         size_t cap, size_t *len)
{
    mid_decoder *dec = NULL;

    assert_int_equal(mid_decoder_zbar_create(cfg, &dec), MID_OK);
    mid_err err = mid_decoder_scan(dec, f, g_out, cap, len);
    mid_decoder_destroy(dec);
    return err;
}

static void expect_text(const mid_zbar_config *cfg, const mid_frame *f,
                        const char *text)
{
    size_t len = 0;

    assert_int_equal(scan_with(cfg, f, sizeof g_out, &len), MID_OK);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(g_out, text, len);
}

/* Scans the frame twice with one decoder; returns how many scans gave
 * exactly text. */
static int scan_twice(const mid_zbar_config *cfg, const mid_frame *f,
                      const char *text)
{
    mid_decoder *dec = NULL;
    int hits = 0;

    assert_int_equal(mid_decoder_zbar_create(cfg, &dec), MID_OK);
    for (int i = 0; i < 2; i++) {
        size_t len = 0;
        mid_err err = mid_decoder_scan(dec, f, g_out, sizeof g_out, &len);
        if (err == MID_OK && len == strlen(text) &&
            memcmp(g_out, text, len) == 0)
            hits++;
        else
            assert_int_equal(err, MID_ERR_NO_CODE);
    }
    mid_decoder_destroy(dec);
    return hits;
}

static void test_defaults(void **state)
{
    mid_zbar_config cfg;

    (void)state;
    memset(&cfg, 0xff, sizeof cfg);
    mid_zbar_config_default(&cfg);
    assert_int_equal(cfg.density, 1);
    assert_int_equal(cfg.test_inverted, 0);
    assert_int_equal(cfg.prefilter_blur, 2); /* alternate: see docs/camera-and-decoder.md */
    assert_int_equal(cfg.recreate_every, 3000);
    assert_int_equal(cfg.fallback_zxing, 1); /* docs/benchmarks.md */
}

/* "MID1:" + 300 Base45 characters (QR version 10) at 640x480 and
 * 1280x720, 2..6 px per module. The raw frame decodes at every size; the
 * blurred one from 3 px per module (the blur loses 2 px modules: measured,
 * see docs/camera-and-decoder.md); alternating decodes everything within
 * two frames. */
static void test_sizes_and_modules(void **state)
{
    static const uint32_t dims[2][2] = {{640, 480}, {1280, 720}};
    char text[TEXT_CHARS + 8];
    mid_zbar_config cfg;

    (void)state;
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 7);
    for (size_t d = 0; d < 2; d++) {
        for (unsigned m = 2; m <= 6; m++) {
            qr_frame_style st = k_text;
            st.module_px = m;
            mid_frame f = draw_one(dims[d][0], dims[d][1], text, &st);
            mid_zbar_config_default(&cfg);
            cfg.prefilter_blur = 0;
            expect_text(&cfg, &f, text);
            if (m >= 3) {
                cfg.prefilter_blur = 1;
                expect_text(&cfg, &f, text);
            }
            cfg.prefilter_blur = 2;
            assert_true(scan_twice(&cfg, &f, text) >= 1);
        }
    }
}

/* Heavy sensor noise: the 3x3 prefilter is what makes it decode. */
static void test_noise_with_prefilter(void **state)
{
    char text[TEXT_CHARS + 8];
    mid_zbar_config cfg;
    qr_frame_style st = k_text;

    (void)state;
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 11);
    st.module_px = 4;
    st.dark = 70;
    st.light = 180;
    mid_frame f = draw_one(640, 480, text, &st);
    qr_frame_noise(g_luma, 640, 480, 640, 40, 1234);
    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = 1;
    expect_text(&cfg, &f, text);
    cfg.prefilter_blur = 2;
    assert_true(scan_twice(&cfg, &f, text) >= 1);
}

static void test_inverted_needs_flag(void **state)
{
    static const char text[] = "MID1:INVERTED-CODE-0123456789";
    mid_zbar_config cfg;
    qr_frame_style st = k_text;
    size_t len = 0;

    (void)state;
    st.dark = 235; /* light modules on a dark background */
    st.light = 20;
    mid_frame f = draw_one(640, 480, text, &st);
    mid_zbar_config_default(&cfg);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
    cfg.test_inverted = 1;
    expect_text(&cfg, &f, text);
}

static void draw_two(const char *a, const char *b)
{
    qr_frame_style st = k_text;

    st.module_px = 3;
    qr_frame_fill(g_luma, 1280, 720, 1280, st.light);
    assert_true(qr_frame_draw(g_luma, 1280, 720, 1280, (const uint8_t *)a,
                              strlen(a), &st, 40, 40) > 0);
    assert_true(qr_frame_draw(g_luma, 1280, 720, 1280, (const uint8_t *)b,
                              strlen(b), &st, 700, 200) > 0);
}

static void test_two_different_codes(void **state)
{
    mid_zbar_config cfg;
    size_t len = 0;

    (void)state;
    draw_two("MID1:FIRST-CODE-AAAA", "MID1:SECOND-CODE-BBBB");
    mid_frame f = frame_of(1280, 720);
    mid_zbar_config_default(&cfg);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len),
                     MID_ERR_MULTIPLE_CODES);
    assert_int_equal(len, 0);
}

static void test_same_code_twice(void **state)
{
    static const char text[] = "MID1:SAME-CODE-TWICE";
    mid_zbar_config cfg;

    (void)state;
    draw_two(text, text);
    mid_frame f = frame_of(1280, 720);
    mid_zbar_config_default(&cfg);
    expect_text(&cfg, &f, text);
}

static void test_blank_frames(void **state)
{
    mid_zbar_config cfg;
    size_t len = 0;

    (void)state;
    mid_zbar_config_default(&cfg);
    mid_frame f = frame_of(640, 480);
    qr_frame_fill(g_luma, 640, 480, 640, 255);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
    qr_frame_fill(g_luma, 640, 480, 640, 0);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
    qr_frame_fill(g_luma, 640, 480, 640, 128);
    qr_frame_noise(g_luma, 640, 480, 640, 60, 99);
    cfg.test_inverted = 1;
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
}

/* Every byte value, NUL and 0x80-0xFF included: proves ZBAR_CFG_BINARY
 * (no charset guessing) and length-based extraction (no strlen). */
static void test_binary_round_trip(void **state)
{
    uint8_t data[256 + 6];
    mid_zbar_config cfg;
    qr_frame_style st = k_text;
    size_t len = 0;

    (void)state;
    for (size_t i = 0; i < 256; i++)
        data[i] = (uint8_t)(255 - i); /* starts high, NUL near the end */
    memcpy(data + 256, "\0\0\x80\xff\0A", 6);
    st.binary = 1;
    st.module_px = 4;
    mid_frame f = frame_of(640, 480);
    qr_frame_fill(g_luma, 640, 480, 640, st.light);
    assert_true(qr_frame_draw(g_luma, 640, 480, 640, data, sizeof data, &st,
                              QR_FRAME_CENTER, QR_FRAME_CENTER) > 0);
    mid_zbar_config_default(&cfg);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_OK);
    assert_int_equal(len, sizeof data);
    assert_memory_equal(g_out, data, sizeof data);
}

static void test_too_large(void **state)
{
    static const char text[] = "MID1:0123456789ABCDEFGHIJ";
    mid_zbar_config cfg;
    size_t len = 99;

    (void)state;
    mid_frame f = draw_one(640, 480, text, &k_text);
    mid_zbar_config_default(&cfg);
    memset(g_out, 0xaa, sizeof g_out);
    assert_int_equal(scan_with(&cfg, &f, strlen(text) - 1, &len),
                     MID_ERR_TOO_LARGE);
    assert_int_equal(len, 0);
    assert_int_equal(g_out[0], 0xaa); /* nothing written */
    assert_int_equal(scan_with(&cfg, &f, strlen(text), &len), MID_OK);
    assert_int_equal(len, strlen(text));
}

/* EAN-13 bars, 3 px per module, 160 px tall, at (x0, y0). */
static void draw_ean13(uint8_t *luma, size_t stride, uint32_t x0, uint32_t y0,
                       const char digits[13])
{
    static const char *const l_codes[10] = {
        "0001101", "0011001", "0010011", "0111101", "0100011",
        "0110001", "0101111", "0111011", "0110111", "0001011"};
    static const char *const g_codes[10] = {
        "0100111", "0110011", "0011011", "0100001", "0011101",
        "0111001", "0000101", "0010001", "0001001", "0010111"};
    static const char *const parity[10] = {"LLLLLL", "LLGLGG", "LLGGLG",
                                           "LLGGGL", "LGLLGG", "LGGLLG",
                                           "LGGGLL", "LGLGLG", "LGLGGL",
                                           "LGGLGL"};
    char bits[96];
    size_t n = 0;

    memcpy(bits + n, "101", 3);
    n += 3;
    for (int i = 1; i <= 6; i++) {
        int d = digits[i] - '0';
        const char *code =
            parity[digits[0] - '0'][i - 1] == 'L' ? l_codes[d] : g_codes[d];
        memcpy(bits + n, code, 7);
        n += 7;
    }
    memcpy(bits + n, "01010", 5);
    n += 5;
    for (int i = 7; i <= 12; i++) {
        const char *code = l_codes[digits[i] - '0'];
        for (int k = 0; k < 7; k++)
            bits[n + (size_t)k] = code[k] == '0' ? '1' : '0'; /* R = ~L */
        n += 7;
    }
    memcpy(bits + n, "101", 3);
    n += 3;
    for (uint32_t y = y0; y < y0 + 160; y++)
        for (size_t i = 0; i < n; i++)
            if (bits[i] == '1')
                memset(luma + (size_t)y * stride + x0 + i * 3, 20, 3);
}

/* Only QR is enabled: a barcode ZBar reads with its defaults is ignored. */
static void test_only_qr(void **state)
{
    static const char ean[] = "5901234123457";
    mid_zbar_config cfg;
    size_t len = 0;

    (void)state;
    mid_frame f = frame_of(640, 480);
    qr_frame_fill(g_luma, 640, 480, 640, 235);
    draw_ean13(g_luma, 640, 100, 150, ean);

    /* the frame is readable: a stock ZBar scanner finds the EAN-13 */
    zbar_image_scanner_t *s = zbar_image_scanner_create();
    zbar_image_t *img = zbar_image_create();
    assert_non_null(s);
    assert_non_null(img);
    zbar_image_set_format(img, zbar_fourcc('Y', '8', '0', '0'));
    zbar_image_set_size(img, 640, 480);
    zbar_image_set_data(img, g_luma, 640ul * 480ul, NULL);
    assert_true(zbar_scan_image(s, img) > 0);
    const zbar_symbol_t *sym = zbar_image_first_symbol(img);
    assert_non_null(sym);
    assert_int_equal(zbar_symbol_get_type(sym), ZBAR_EAN13);
    assert_int_equal(zbar_symbol_get_data_length(sym), 13);
    assert_memory_equal(zbar_symbol_get_data(sym), ean, 13);
    zbar_image_destroy(img);
    zbar_image_scanner_destroy(s);

    mid_zbar_config_default(&cfg);
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
    cfg.prefilter_blur = 0;
    assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_ERR_NO_CODE);
}

/* A frame whose rows are wider than its width (a crop, or a driver's
 * padded lines), with and without the prefilter. */
static void test_stride(void **state)
{
    static const char text[] = "MID1:STRIDED-FRAME-42";
    const uint32_t w = 500, h = 400;
    const size_t stride = 640;
    mid_zbar_config cfg;
    qr_frame_style st = k_text;

    (void)state;
    qr_frame_fill(g_luma, 640, 480, 640, 0); /* padding is black */
    qr_frame_fill(g_luma, w, h, stride, st.light);
    assert_true(qr_frame_draw(g_luma, w, h, stride, (const uint8_t *)text,
                              strlen(text), &st, QR_FRAME_CENTER,
                              QR_FRAME_CENTER) > 0);
    mid_frame f = frame_of(w, h);
    f.stride = stride;
    for (int blur = 0; blur <= 1; blur++) {
        mid_zbar_config_default(&cfg);
        cfg.prefilter_blur = blur;
        expect_text(&cfg, &f, text);
    }
}

/* The scanner is rebuilt every recreate_every frames and keeps working
 * (and keeps its configuration: binary data still round-trips). */
static void test_recreate(void **state)
{
    static const uint8_t data[] = {'M', 0x00, 0xc3, 0x28, 0xff, 0x80, 'x'};
    mid_zbar_config cfg;
    mid_decoder *dec = NULL;
    qr_frame_style st = k_text;
    size_t len = 0;

    (void)state;
    st.binary = 1;
    mid_frame f = frame_of(640, 480);
    qr_frame_fill(g_luma, 640, 480, 640, st.light);
    assert_true(qr_frame_draw(g_luma, 640, 480, 640, data, sizeof data, &st,
                              QR_FRAME_CENTER, QR_FRAME_CENTER) > 0);
    mid_zbar_config_default(&cfg);
    cfg.recreate_every = 2;
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
    for (int i = 0; i < 7; i++) {
        len = 0;
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_OK);
        assert_int_equal(len, sizeof data);
        assert_memory_equal(g_out, data, sizeof data);
    }
    mid_decoder_destroy(dec);
}

static void test_bad_args(void **state)
{
    mid_zbar_config cfg;
    mid_decoder *dec = NULL;
    size_t len = 0;

    (void)state;
    mid_zbar_config_default(&cfg);
    cfg.density = 0;
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_ERR_ARG);
    assert_null(dec);
    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = 3;
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_ERR_ARG);
    assert_int_equal(mid_decoder_zbar_create(NULL, &dec), MID_ERR_ARG);
    mid_zbar_config_default(&cfg);
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
    mid_frame f = frame_of(640, 480);
    assert_int_equal(mid_decoder_scan(dec, NULL, g_out, 10, &len), MID_ERR_ARG);
    f.width = 0;
    assert_int_equal(mid_decoder_scan(dec, &f, g_out, 10, &len), MID_ERR_ARG);
    f = frame_of(MID_CAMERA_MAX_W + 1, 10);
    assert_int_equal(mid_decoder_scan(dec, &f, g_out, 10, &len), MID_ERR_ARG);
    f = frame_of(640, 480);
    f.stride = 639;
    assert_int_equal(mid_decoder_scan(dec, &f, g_out, 10, &len), MID_ERR_ARG);
    f.stride = 640;
    f.luma = NULL;
    assert_int_equal(mid_decoder_scan(dec, &f, g_out, 10, &len), MID_ERR_ARG);
    mid_decoder_destroy(dec);
    mid_decoder_destroy(NULL);
}

/* ---- the zxing-cpp fallback --------------------------------------------- */

/* A code on a phone tilted back: the whole frame keystoned by k (the top
 * edge (1 - k) as wide as the bottom; k < 0 the other way round). */
static mid_frame draw_keystoned(uint32_t w, uint32_t h, const uint8_t *data,
                                size_t len, int binary, double module_px,
                                double dx, double dy, double k)
{
    qr_frame_style st = {.module_px = 0, .dark = 25, .light = 235, .binary = binary};
    qrimg_luma img = {w, h, g_luma};
    double side;

    qr_frame_fill(g_luma, w, h, w, st.light);
    side = qr_frame_draw_scaled(g_luma, w, h, w, data, len, &st, module_px,
                                -1, -1);
    assert_true(side > 0);
    qr_frame_fill(g_luma, w, h, w, st.light);
    assert_true(qr_frame_draw_scaled(g_luma, w, h, w, data, len, &st,
                                     module_px, ((double)w - side) / 2 + dx,
                                     ((double)h - side) / 2 + dy) > 0);
    if (k != 0.0)
        assert_int_equal(qrimg_perspective(&img, k, 60), MID_OK);
    return frame_of(w, h);
}

/* 1.5 px per module, area-sampled, near the centre. */
static mid_frame draw_small(const char *text, int pos)
{
    return draw_keystoned(640, 480, (const uint8_t *)text, strlen(text), 0,
                          1.5, pos * 0.13, pos * 0.29, 0.0);
}

/* ZBar alone (fallback off, raw and blurred) finds nothing in the frame;
 * the default decoder returns exactly data, with every prefilter and on
 * its very first scan (for alternate a blurred pass: zxing-cpp still gets
 * the raw frame). */
static void expect_fallback_only(const mid_frame *f, const void *data,
                                 size_t n)
{
    mid_zbar_config cfg;
    size_t len = 99;

    for (int blur = 0; blur <= 1; blur++) {
        mid_zbar_config_default(&cfg);
        cfg.fallback_zxing = 0;
        cfg.prefilter_blur = blur;
        assert_int_equal(scan_with(&cfg, f, sizeof g_out, &len),
                         MID_ERR_NO_CODE);
        assert_int_equal(len, 0);
    }
    for (int blur = 0; blur <= 2; blur++) {
        mid_zbar_config_default(&cfg);
        cfg.prefilter_blur = blur;
        memset(g_out, 0xaa, sizeof g_out);
        assert_int_equal(scan_with(&cfg, f, sizeof g_out, &len), MID_OK);
        assert_int_equal(len, n);
        assert_memory_equal(g_out, data, n);
    }
}

/* What the corpus measured (docs/benchmarks.md): ZBar loses a code on a
 * phone tilted by k = 0.30 at 4.5 px per module, zxing-cpp reads it; the
 * alphanumeric "MID1:" text comes back byte for byte. */
static void test_fallback_keystone(void **state)
{
    char text[TEXT_CHARS + 8];

    (void)state;
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 7);
    for (int sign = -1; sign <= 1; sign += 2) {
        for (int pos = 0; pos < 2; pos++) {
            mid_frame f = draw_keystoned(640, 480, (const uint8_t *)text,
                                         strlen(text), 0, 4.5, pos * 0.37,
                                         pos * 0.23, sign * 0.30);
            expect_fallback_only(&f, text, strlen(text));
        }
    }
}

/* The 3x3 binomial blur of zbar.c, for the check below. */
static void blur121(const uint8_t *src, uint8_t *dst, uint32_t w, uint32_t h)
{
    for (uint32_t y = 0; y < h; y++) {
        uint32_t ym = y ? y - 1 : y, yp = y + 1 < h ? y + 1 : y;
        for (uint32_t x = 0; x < w; x++) {
            uint32_t xm = x ? x - 1 : x, xp = x + 1 < w ? x + 1 : x;
            const uint8_t *a = src + (size_t)ym * w, *b = src + (size_t)y * w,
                          *c = src + (size_t)yp * w;
            unsigned v = a[xm] + 2u * a[x] + a[xp] + 2u * b[xm] + 4u * b[x] +
                         2u * b[xp] + c[xm] + 2u * c[x] + c[xp];
            dst[(size_t)y * w + x] = (uint8_t)((v + 8u) >> 4);
        }
    }
}

/* 1.5 px modules: ZBar decodes none of these positions, zxing-cpp does —
 * on the raw frame only. Its blurred copy is unreadable for zxing-cpp
 * too, so prefilter 1 (every frame blurred) decoding them proves the
 * fallback gets the raw frame. (Positions picked from a sweep in which
 * zxing-cpp read 5-7 of 8 and ZBar 0-1.) */
static void test_fallback_small_modules(void **state)
{
    static const int positions[] = {1, 4, 6};
    static uint8_t blurred[640 * 480];
    char text[80];
    size_t len = 0;

    (void)state;
    qr_frame_mid_text(text, sizeof text, 60, 7);
    for (size_t i = 0; i < sizeof positions / sizeof positions[0]; i++) {
        mid_frame f = draw_small(text, positions[i]);
        expect_fallback_only(&f, text, strlen(text));
        blur121(g_luma, blurred, 640, 480);
        assert_int_equal(mid_zxing_scan(blurred, 640, 480, 640, g_out,
                                        sizeof g_out, &len),
                         MID_ERR_NO_CODE);
        assert_int_equal(mid_zxing_scan(g_luma, 640, 480, 640, g_out,
                                        sizeof g_out, &len),
                         MID_OK);
    }
}

/* Every byte value through the fallback: Result::bytes(), not text(). */
static void test_fallback_binary(void **state)
{
    uint8_t data[256 + 6];

    (void)state;
    for (size_t i = 0; i < 256; i++)
        data[i] = (uint8_t)(255 - i);
    memcpy(data + 256, "\0\0\x80\xff\0A", 6);
    mid_frame f = draw_keystoned(640, 480, data, sizeof data, 1, 4.5, 0, 0,
                                 0.30);
    expect_fallback_only(&f, data, sizeof data);
}

/* Two different codes that only zxing-cpp reads: refused like ZBar's; the
 * same code twice is one result. */
static void test_fallback_two_codes(void **state)
{
    char a[64], b[64];
    qr_frame_style st = {.module_px = 0, .dark = 25, .light = 235, .binary = 0};
    mid_zbar_config cfg;
    size_t len = 99;

    (void)state;
    qr_frame_mid_text(a, sizeof a, 40, 1);
    qr_frame_mid_text(b, sizeof b, 40, 2);
    for (int same = 0; same <= 1; same++) {
        const char *second = same ? a : b;
        qr_frame_fill(g_luma, 640, 480, 640, st.light);
        assert_true(qr_frame_draw_scaled(g_luma, 640, 480, 640,
                                         (const uint8_t *)a, strlen(a), &st,
                                         1.5, 100.13, 150.29) > 0);
        assert_true(qr_frame_draw_scaled(g_luma, 640, 480, 640,
                                         (const uint8_t *)second,
                                         strlen(second), &st, 1.5, 400.29,
                                         200.13) > 0);
        mid_frame f = frame_of(640, 480);
        if (same) {
            expect_fallback_only(&f, a, strlen(a));
            continue;
        }
        mid_zbar_config_default(&cfg);
        cfg.fallback_zxing = 0;
        assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len),
                         MID_ERR_NO_CODE);
        mid_zbar_config_default(&cfg);
        len = 99;
        assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len),
                         MID_ERR_MULTIPLE_CODES);
        assert_int_equal(len, 0);
    }
}

static void test_fallback_too_large(void **state)
{
    char text[TEXT_CHARS + 8];
    mid_zbar_config cfg;
    size_t len = 99;

    (void)state;
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 7);
    mid_frame f = draw_keystoned(640, 480, (const uint8_t *)text,
                                 strlen(text), 0, 4.5, 0, 0, 0.30);
    mid_zbar_config_default(&cfg);
    memset(g_out, 0xaa, sizeof g_out);
    assert_int_equal(scan_with(&cfg, &f, strlen(text) - 1, &len),
                     MID_ERR_TOO_LARGE);
    assert_int_equal(len, 0);
    assert_int_equal(g_out[0], 0xaa); /* nothing written */
    {
        mid_decoder *dec = NULL;
        assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
        assert_int_equal(mid_decoder_scan(dec, &f, NULL, 0, &len),
                         MID_ERR_TOO_LARGE);
        mid_decoder_destroy(dec);
    }
    assert_int_equal(scan_with(&cfg, &f, strlen(text), &len), MID_OK);
    assert_int_equal(len, strlen(text));
    assert_memory_equal(g_out, text, len);
}

/* fallback_zxing = 0 is the decoder as it was: what ZBar reads (small
 * codes, two codes, TOO_LARGE) is unchanged, and on a frame ZBar reads
 * the fallback changes nothing either. */
static void test_fallback_off(void **state)
{
    static const char text[] = "MID1:ZBAR-READS-THIS";
    mid_zbar_config cfg;
    size_t len = 0;

    (void)state;
    for (int fb = 0; fb <= 1; fb++) {
        mid_zbar_config_default(&cfg);
        cfg.fallback_zxing = fb;
        cfg.prefilter_blur = 0;
        mid_frame f = draw_one(640, 480, text, &k_text);
        expect_text(&cfg, &f, text);
        assert_int_equal(scan_with(&cfg, &f, 3, &len), MID_ERR_TOO_LARGE);
        draw_two("MID1:FIRST-CODE-AAAA", "MID1:SECOND-CODE-BBBB");
        f = frame_of(1280, 720);
        assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len),
                         MID_ERR_MULTIPLE_CODES);
        qr_frame_fill(g_luma, 640, 480, 640, 200);
        f = frame_of(640, 480);
        assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len),
                         MID_ERR_NO_CODE);
    }
    /* keystone, 1.5 px and two codes with the fallback off: see
     * expect_fallback_only and test_fallback_two_codes */
}

/* A keystoned code on a frame with padded rows: the fallback gets the
 * stride too. */
static void test_fallback_stride(void **state)
{
    char text[TEXT_CHARS + 8];
    static uint8_t padded[700 * 480];
    mid_zbar_config cfg;
    size_t len = 0;

    (void)state;
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 7);
    (void)draw_keystoned(640, 480, (const uint8_t *)text, strlen(text), 0,
                         4.5, 0, 0, 0.30);
    memset(padded, 0, sizeof padded); /* padding is black */
    for (uint32_t y = 0; y < 480; y++)
        memcpy(padded + (size_t)y * 700, g_luma + (size_t)y * 640, 640);
    mid_frame f = frame_of(640, 480);
    f.luma = padded;
    f.stride = 700;
    for (int blur = 0; blur <= 2; blur++) {
        mid_zbar_config_default(&cfg);
        cfg.prefilter_blur = blur;
        assert_int_equal(scan_with(&cfg, &f, sizeof g_out, &len), MID_OK);
        assert_int_equal(len, strlen(text));
        assert_memory_equal(g_out, text, len);
    }
}

/* Random grey levels, or random blocks of 1-6 px (edges and squares that
 * keep zxing-cpp's finder and decoder busy), in a w x h frame. */
static void fill_garbage(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                         int blocks, uint32_t seed)
{
    uint32_t s = seed ? seed : 1u;

    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            luma[(size_t)y * stride + x] = (uint8_t)qr_frame_rand(&s);
    if (!blocks)
        return;
    for (uint32_t y = 0; y < h; y += 1u + qr_frame_rand(&s) % 6u) {
        uint32_t bh = 1u + qr_frame_rand(&s) % 6u;
        for (uint32_t x = 0; x < w;) {
            uint32_t bw = 1u + qr_frame_rand(&s) % 6u;
            uint8_t v = (qr_frame_rand(&s) & 1u) ? 20 : 235;
            for (uint32_t yy = y; yy < y + bh && yy < h; yy++)
                for (uint32_t xx = x; xx < x + bw && xx < w; xx++)
                    luma[(size_t)yy * stride + xx] = v;
            x += bw;
        }
    }
}

/* Nothing a camera could deliver makes the fallback throw through to C or
 * misbehave: noise, blocks, flat frames and degenerate sizes up to the
 * largest frame the adapter takes all give NO_CODE. */
static void test_fallback_garbage(void **state)
{
    static const uint32_t sizes[][2] = {
        {1, 1}, {2, 2}, {1, 1080}, {1920, 1}, {3, 7}, {21, 21}, {40, 39}, {41, 200}, {333, 17}, {640, 480}, {1920, 1080}};
    const size_t n_max = (size_t)MID_CAMERA_MAX_W * MID_CAMERA_MAX_H;
    uint8_t *big = malloc(n_max + 64);
    mid_decoder *dec = NULL;
    mid_zbar_config cfg;
    size_t len = 99;

    (void)state;
    assert_non_null(big);
    mid_zbar_config_default(&cfg);
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        uint32_t w = sizes[i][0], h = sizes[i][1];
        mid_frame f = frame_of(w, h);
        f.luma = big;
        for (int kind = 0; kind < 5; kind++) {
            uint32_t seed = (uint32_t)i * 7u + (uint32_t)kind;
            f.stride = w;
            switch (kind) {
            case 0: /* all black */
                memset(big, 0, n_max);
                break;
            case 1: /* all white */
                memset(big, 255, n_max);
                break;
            case 2: /* noise */
                fill_garbage(big, w, h, w, 0, seed);
                break;
            case 3: /* noise on padded rows */
                f.stride = w + 13u;
                if ((size_t)f.stride * h > n_max)
                    continue;
                fill_garbage(big, w, h, f.stride, 0, seed);
                break;
            default: /* blocks; not on the largest frames: keeps it short */
                if ((size_t)w * h > 640u * 480u)
                    continue;
                fill_garbage(big, w, h, w, 1, seed);
                break;
            }
            for (int pass = 0; pass < 2; pass++) { /* blurred, then raw */
                len = 99;
                assert_int_equal(mid_decoder_scan(dec, &f, g_out,
                                                  sizeof g_out, &len),
                                 MID_ERR_NO_CODE);
                assert_int_equal(len, 0);
            }
        }
    }
    mid_decoder_destroy(dec);
    free(big);
}

/* The glue on its own: sizes past the adapter's limits, and its argument
 * checks (stride x height must fit zxing-cpp's int indexing). */
static void test_zxing_glue(void **state)
{
    const uint32_t w = 4096, h = 2304;
    uint8_t *big = malloc((size_t)w * h);
    uint8_t px = 0;
    size_t len = 99;

    (void)state;
    assert_non_null(big);
    memset(big, 0, (size_t)w * h);
    assert_int_equal(mid_zxing_scan(big, w, h, w, g_out, sizeof g_out, &len),
                     MID_ERR_NO_CODE);
    fill_garbage(big, w, h, w, 0, 5);
    assert_int_equal(mid_zxing_scan(big, w, h, w, g_out, sizeof g_out, &len),
                     MID_ERR_NO_CODE);
    assert_int_equal(len, 0);
    free(big);
    /* rejected before a pixel is read: one byte is enough */
    assert_int_equal(mid_zxing_scan(&px, 1, 1, 1, g_out, 0, &len),
                     MID_ERR_NO_CODE);
    assert_int_equal(mid_zxing_scan(NULL, 1, 1, 1, g_out, 1, &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 0, 1, 1, g_out, 1, &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 1, 0, 1, g_out, 1, &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 2, 1, 1, g_out, 1, &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 1, 1, 1, NULL, 1, &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 1, 1, 1, g_out, 1, NULL),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 65536, 32768, 65536, g_out, 1,
                                    &len),
                     MID_ERR_ARG);
    assert_int_equal(mid_zxing_scan(&px, 1, 3, (size_t)1 << 30, g_out, 1,
                                    &len),
                     MID_ERR_ARG);
    assert_int_equal(len, 0);
}

#ifndef MID_RELEASE
/* Whatever zxing-cpp throws — std::bad_alloc, another std::exception, not
 * a std::exception at all — ends at the C boundary as MID_ERR_DECODER, and
 * the next scan is normal. The hook also proves the fallback does not run
 * on a frame ZBar decoded. */
static void test_fallback_exceptions(void **state)
{
    static const char text[] = "MID1:ZBAR-READS-THIS";
    mid_zbar_config cfg;
    mid_decoder *dec = NULL;
    size_t len = 99;

    (void)state;
    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = 0;
    cfg.zxing_first = 0; /* the legacy order: ZBar first */
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
    for (int kind = 1; kind <= 3; kind++) {
        mid_frame f = draw_one(640, 480, text, &k_text);
        mid_zxing_throw_for_test(kind, 1);
        /* ZBar reads it: zxing-cpp is not called, the hook stays armed */
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_OK);
        assert_int_equal(len, strlen(text));
        qr_frame_fill(g_luma, 640, 480, 640, 200);
        len = 99;
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_ERR_DECODER);
        assert_int_equal(len, 0);
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_ERR_NO_CODE);
        /* and the glue on its own */
        mid_zxing_throw_for_test(kind, 1);
        len = 99;
        assert_int_equal(mid_zxing_scan(g_luma, 640, 480, 640, g_out,
                                        sizeof g_out, &len),
                         MID_ERR_DECODER);
        assert_int_equal(len, 0);
    }
    mid_zxing_throw_for_test(0, 0);
    mid_decoder_destroy(dec);
    /* zxing-cpp first (the default): a throw costs nothing, ZBar still
     * reads the frame; on an empty frame the failure is reported */
    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = 0;
    assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
    for (int kind = 1; kind <= 3; kind++) {
        mid_frame f = draw_one(640, 480, text, &k_text);
        mid_zxing_throw_for_test(kind, 1);
        len = 99;
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_OK);
        assert_int_equal(len, strlen(text));
        assert_memory_equal(g_out, text, len);
        qr_frame_fill(g_luma, 640, 480, 640, 200);
        mid_zxing_throw_for_test(kind, 1);
        len = 99;
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_ERR_DECODER);
        assert_int_equal(len, 0);
        assert_int_equal(mid_decoder_scan(dec, &f, g_out, sizeof g_out, &len),
                         MID_ERR_NO_CODE);
    }
    mid_zxing_throw_for_test(0, 0);
    mid_decoder_destroy(dec);
}
#else /* MID_RELEASE: the hook must not exist in the library */
/* Declared weak only here: NULL unless something defines it, which a
 * release build of src/decoder/zxing.cc must not. */
void mid_zxing_throw_for_test(int kind, unsigned count) __attribute__((weak));

static void test_fallback_exceptions(void **state)
{
    (void)state;
    assert_true(mid_zxing_throw_for_test == NULL);
}
#endif

/* ---- measurements (MID_BENCH=1) ----------------------------------------- */

/* CPU time of this thread: the build machines are shared, and wall time
 * there measures the neighbours as much as ZBar. */
static double now_ms(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* Median of reps scans: this machine is shared, the mean is noisy. */
static double time_scan(mid_decoder *dec, const mid_frame *f, int reps,
                        mid_err *last)
{
    double t[64];
    size_t len = 0;

    assert_true(reps > 0 && reps <= 64);
    for (int i = 0; i < reps; i++) {
        double t0 = now_ms();
        *last = mid_decoder_scan(dec, f, g_out, sizeof g_out, &len);
        t[i] = now_ms() - t0;
    }
    qsort(t, (size_t)reps, sizeof t[0], cmp_double);
    return t[reps / 2];
}

static void bench_one(const char *what, const mid_frame *f, int reps)
{
    mid_zbar_config cfg;

    for (int density = 1; density <= 2; density++) {
        for (int blur = 0; blur <= 1; blur++) {
            mid_decoder *dec = NULL;
            mid_err err = MID_OK;
            mid_zbar_config_default(&cfg);
            cfg.density = density;
            cfg.prefilter_blur = blur;
            cfg.fallback_zxing = 0; /* ZBar's own cost */
            assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
            double ms = time_scan(dec, f, reps, &err);
            fprintf(stderr, "  %-26s density %d blur %d: %6.2f ms  err %d\n",
                    what, density, blur, ms, (int)err);
            mid_decoder_destroy(dec);
        }
    }
}

/* Decode rate over fractional module sizes and sub-pixel positions
 * (area-sampled like a sensor), per configuration: blur off/on x density
 * 1/2. Prints "hits/tries" for b0d1 b1d1 b0d2 b1d2. */
static void sweep(uint32_t w, uint32_t h, const char *text)
{
    static const double mods[] = {2.0, 2.25, 2.5, 3.0, 4.0};
    static const unsigned noises[] = {0, 12, 25, 40};
    const int positions = 6;

    for (size_t ni = 0; ni < sizeof noises / sizeof noises[0]; ni++) {
        fprintf(stderr, "  %4ux%-4u noise %2u:", w, h, noises[ni]);
        for (size_t mi = 0; mi < sizeof mods / sizeof mods[0]; mi++) {
            int hits[4] = {0, 0, 0, 0};
            for (int k = 0; k < positions; k++) {
                qr_frame_style st = {.dark = 30, .light = 220, .binary = 0};
                double side = 0;
                qr_frame_fill(g_luma, w, h, w, st.light);
                side = qr_frame_draw_scaled(g_luma, w, h, w,
                                            (const uint8_t *)text,
                                            strlen(text), &st, mods[mi], -1,
                                            -1);
                assert_true(side > 0);
                qr_frame_fill(g_luma, w, h, w, st.light);
                assert_true(qr_frame_draw_scaled(
                                g_luma, w, h, w, (const uint8_t *)text,
                                strlen(text), &st, mods[mi],
                                ((double)w - side) / 2 + k * 0.37,
                                ((double)h - side) / 2 + k * 0.23) > 0);
                if (noises[ni])
                    qr_frame_noise(g_luma, w, h, w, noises[ni],
                                   (uint32_t)k + 1u);
                mid_frame f = frame_of(w, h);
                for (int c = 0; c < 4; c++) {
                    mid_zbar_config cfg;
                    mid_zbar_config_default(&cfg);
                    cfg.prefilter_blur = c & 1;
                    cfg.density = 1 + (c >> 1);
                    cfg.fallback_zxing = 0; /* what ZBar reads */
                    size_t len = 0;
                    if (scan_with(&cfg, &f, sizeof g_out, &len) == MID_OK &&
                        len == strlen(text) && !memcmp(g_out, text, len))
                        hits[c]++;
                }
            }
            fprintf(stderr, "  m%.2f %d %d %d %d", mods[mi], hits[0], hits[1],
                    hits[2], hits[3]);
        }
        fprintf(stderr, "   (of %d)\n", positions);
    }
}

/* What the fallback costs: the default decoder (alternate) with
 * fallback_zxing 0 and 1, interleaved, median CPU ms per scan over pairs
 * of scans (one blurred, one raw pass). */
static void bench_fallback(uint32_t w, uint32_t h, const char *text)
{
    static const char *const names[] = {"no code, flat", "no code, noise 10",
                                        "V10 code 4 px", "V10 keystone 0.30"};
    enum { REPS = 15 };

    for (int kind = 0; kind < 4; kind++) {
        mid_decoder *dec[2];
        double t[2][REPS];
        int hits[2] = {0, 0};
        mid_frame f = frame_of(w, h);

        if (kind < 2) {
            qr_frame_fill(g_luma, w, h, w, 200);
            if (kind == 1)
                qr_frame_noise(g_luma, w, h, w, 10, 3);
        } else if (kind == 2) {
            qr_frame_style st = k_text;
            f = draw_one(w, h, text, &st);
        } else {
            f = draw_keystoned(w, h, (const uint8_t *)text, strlen(text), 0,
                               4.5, 0, 0, 0.30);
        }
        for (int fb = 0; fb < 2; fb++) {
            mid_zbar_config cfg;
            mid_zbar_config_default(&cfg);
            cfg.fallback_zxing = fb;
            assert_int_equal(mid_decoder_zbar_create(&cfg, &dec[fb]), MID_OK);
        }
        for (int r = 0; r < REPS; r++) {
            for (int j = 0; j < 2; j++) {
                int fb = (j + r) & 1; /* alternate the order */
                size_t len = 0;
                double t0 = now_ms();
                for (int k = 0; k < 2; k++)
                    hits[fb] += mid_decoder_scan(dec[fb], &f, g_out,
                                                 sizeof g_out,
                                                 &len) == MID_OK;
                t[fb][r] = (now_ms() - t0) / 2.0;
            }
        }
        qsort(t[0], REPS, sizeof t[0][0], cmp_double);
        qsort(t[1], REPS, sizeof t[1][0], cmp_double);
        fprintf(stderr,
                "  %4ux%-4u %-18s ZBar alone %6.2f ms (%2d/%d decoded)  "
                "with fallback %6.2f ms (%2d/%d)\n",
                w, h, names[kind], t[0][REPS / 2], hits[0], 2 * REPS,
                t[1][REPS / 2], hits[1], 2 * REPS);
        mid_decoder_destroy(dec[0]);
        mid_decoder_destroy(dec[1]);
    }
}

static void test_bench(void **state)
{
    static const uint32_t dims[2][2] = {{640, 480}, {1280, 720}};
    char text[TEXT_CHARS + 8];
    char what[64];

    (void)state;
    if (!getenv("MID_BENCH"))
        skip();
    qr_frame_mid_text(text, sizeof text, TEXT_CHARS, 7);
    fprintf(stderr, "median CPU ms per scan:\n");
    for (size_t d = 0; d < 2; d++) {
        uint32_t w = dims[d][0], h = dims[d][1];
        for (unsigned m = 2; m <= 6; m += 2) {
            qr_frame_style st = k_text;
            st.module_px = m;
            mid_frame f = draw_one(w, h, text, &st);
            snprintf(what, sizeof what, "%ux%u clean m=%u", w, h, m);
            bench_one(what, &f, 15);
            qr_frame_noise(g_luma, w, h, w, 25, 5);
            snprintf(what, sizeof what, "%ux%u noise25 m=%u", w, h, m);
            bench_one(what, &f, 15);
        }
        mid_frame f = frame_of(w, h);
        qr_frame_fill(g_luma, w, h, w, 200);
        snprintf(what, sizeof what, "%ux%u no code, flat", w, h);
        bench_one(what, &f, 15);
        qr_frame_noise(g_luma, w, h, w, 10, 3);
        snprintf(what, sizeof what, "%ux%u no code, noise10", w, h);
        bench_one(what, &f, 15);
    }
    fprintf(stderr, "fallback cost, median CPU ms per scan (default):\n");
    for (size_t d = 0; d < 2; d++)
        bench_fallback(dims[d][0], dims[d][1], text);
    fprintf(stderr, "decoded (b0d1 b1d1 b0d2 b1d2), V10 code:\n");
    for (size_t d = 0; d < 2; d++)
        sweep(dims[d][0], dims[d][1], text);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_sizes_and_modules),
        cmocka_unit_test(test_noise_with_prefilter),
        cmocka_unit_test(test_inverted_needs_flag),
        cmocka_unit_test(test_two_different_codes),
        cmocka_unit_test(test_same_code_twice),
        cmocka_unit_test(test_blank_frames),
        cmocka_unit_test(test_binary_round_trip),
        cmocka_unit_test(test_too_large),
        cmocka_unit_test(test_only_qr),
        cmocka_unit_test(test_stride),
        cmocka_unit_test(test_recreate),
        cmocka_unit_test(test_bad_args),
        cmocka_unit_test(test_fallback_keystone),
        cmocka_unit_test(test_fallback_small_modules),
        cmocka_unit_test(test_fallback_binary),
        cmocka_unit_test(test_fallback_two_codes),
        cmocka_unit_test(test_fallback_too_large),
        cmocka_unit_test(test_fallback_off),
        cmocka_unit_test(test_fallback_stride),
        cmocka_unit_test(test_fallback_garbage),
        cmocka_unit_test(test_zxing_glue),
        cmocka_unit_test(test_fallback_exceptions),
        cmocka_unit_test(test_bench),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
