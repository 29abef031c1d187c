/* mid-kiosk — decoder scheduling (src/decoder/schedule.c) and the two
 * orders of the adapter: the code-likeness test on idle and code frames,
 * the blur phase, and "nothing lost": on a fixed set of frames (clean and
 * degraded) the new order (zxing-cpp first, idle frames skip ZBar) gives
 * exactly the bytes of the legacy order (ZBar first) on every frame the
 * legacy order decodes, and at least its successes per condition. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "common/qrimage.h"
#include "decoder/schedule_private.h"
#include "decoder/zxing_private.h"
#include "mid/mid_decoder.h"
#include "mid/mid_limits.h"

#include "../support/qr_degrade.c"
#include "../support/qr_frame.c"

static uint8_t g_out[2][MID_MAX_QR_TEXT + 1];

static void alloc(qrimg_luma *img, uint32_t w, uint32_t h)
{
    assert_int_equal(qrimg_luma_alloc(img, w, h, 0), MID_OK);
}

/* The empty counter of bench_decode: desk gradient, a receipt, a card
 * reader; sensor noise. */
static void draw_empty(qrimg_luma *img, double noise, uint64_t seed)
{
    qrimg_rng r;

    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
    qrimg_fill_rect(img, (int)(img->w / 8), (int)(img->h / 3), (int)(img->w / 5),
                    (int)(img->h / 2), 4, 225);
    qrimg_fill_rect(img, (int)(img->w * 3 / 5), (int)(img->h / 4), (int)(img->w / 4),
                    (int)(img->h / 3), 12, 35);
    qrimg_rng_seed(&r, seed);
    qrimg_noise(img, noise, &r);
}

/* A phone screen with the code, module px per module, at (x0, y0). */
static void draw_code(qrimg_luma *img, const qrimg_code *c, double module, double x0,
                      double y0, uint8_t dark, uint8_t light)
{
    double side = qrimg_side(c, module);

    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
    qrimg_fill_rect(img, (int)(x0 - side * 0.05), (int)(y0 - side * 0.2), (int)(side * 1.1),
                    (int)(side * 1.4), 6, light);
    qrimg_draw(img, c, x0, y0, module, dark, light);
}

static int may(const qrimg_luma *img)
{
    return mid_sched_may_hold_code(img->px, img->w, img->h, img->w);
}

/* Frames that cannot hold a code: no ZBar pass for them. */
static void test_idle_frames_skip(void **state)
{
    static const uint32_t dims[2][2] = {{640, 480}, {1280, 720}};
    qrimg_luma img;

    (void)state;
    for (int d = 0; d < 2; d++) {
        alloc(&img, dims[d][0], dims[d][1]);
        for (int s = 0; s < 8; s++) {
            draw_empty(&img, 3.0, (uint64_t)(100 + s));
            assert_false(may(&img));
            draw_empty(&img, 4.0, (uint64_t)(200 + s));
            assert_false(may(&img));
        }
        memset(img.px, 0, (size_t)img.w * img.h);
        assert_false(may(&img));
        memset(img.px, 255, (size_t)img.w * img.h);
        assert_false(may(&img));
        /* a noisy idle frame may hold one: ZBar runs, as before */
        draw_empty(&img, 15.0, 7);
        assert_true(may(&img));
        qrimg_luma_free(&img);
    }
}

/* Every code ZBar could read keeps its ZBar pass: from 1.5 to 12 px per
 * module, at contrast x0.15, inverted, noisy, at both frame sizes. */
static void test_code_frames_pass(void **state)
{
    static const double modules[] = {1.5, 2.0, 3.0, 5.0, 8.0, 12.0};
    char text[320];
    qrimg_code c;
    qrimg_luma img;
    qrimg_rng r;

    (void)state;
    qr_frame_mid_text(text, sizeof text, 300, 3);
    assert_int_equal(qrimg_encode(text, strlen(text), &c), MID_OK);
    for (int big = 0; big < 2; big++) {
        alloc(&img, big ? 1280u : 640u, big ? 720u : 480u);
        for (size_t m = 0; m < sizeof modules / sizeof modules[0]; m++) {
            double side = qrimg_side(&c, modules[m]);
            double x0 = side < img.w ? ((double)img.w - side) / 2.0 + 0.3 : -40.0;
            double y0 = side < img.h ? ((double)img.h - side) / 2.0 + 0.6 : -40.0;
            for (int v = 0; v < 4; v++) {
                qrimg_rng_seed(&r, (uint64_t)(m * 10 + (size_t)v));
                switch (v) {
                case 0: /* clean */
                    draw_code(&img, &c, modules[m], x0, y0, 25, 235);
                    break;
                case 1: /* low contrast: ZBar's win over zxing-cpp */
                    draw_code(&img, &c, modules[m], x0, y0, 25, 235);
                    qrimg_contrast(&img, 0.15);
                    break;
                case 2: /* inverted (test_inverted) */
                    draw_code(&img, &c, modules[m], x0, y0, 235, 25);
                    break;
                default: /* dim and noisy */
                    draw_code(&img, &c, modules[m], x0, y0, 70, 180);
                    break;
                }
                qrimg_noise(&img, v == 3 ? 25.0 : 2.0, &r);
                if (!may(&img))
                    fail_msg("no ZBar pass: %ux%u, %.1f px, variant %d", img.w, img.h,
                             modules[m], v);
            }
        }
        qrimg_luma_free(&img);
    }
    qrimg_code_free(&c);
}

static void test_small_and_odd_frames(void **state)
{
    static uint8_t px[64 * 64];

    (void)state;
    memset(px, 0, sizeof px);
    assert_false(mid_sched_may_hold_code(px, 1, 1, 1));
    assert_false(mid_sched_may_hold_code(px, 2, 64, 2));
    assert_false(mid_sched_may_hold_code(px, 64, 1, 64));
    /* stripes one pixel wide in every row: code-like, also in a strided
     * frame whose padding is never read */
    for (size_t y = 0; y < 64; y++)
        for (size_t x = 0; x < 40; x++)
            px[y * 64 + x] = (uint8_t)(((x / 2) & 1) ? 230 : 20);
    assert_true(mid_sched_may_hold_code(px, 40, 64, 64));
    assert_true(mid_sched_may_hold_code(px, 40, 64, 64)); /* deterministic */
    /* bad input is the decoders' to refuse, not the test's */
    assert_true(mid_sched_may_hold_code(NULL, 10, 10, 10));
    assert_true(mid_sched_may_hold_code(px, 10, 10, 9));
}

static void test_blur_phase(void **state)
{
    (void)state;
    for (uint64_t s = 0; s < 6; s++) {
        assert_int_equal(mid_sched_zbar_blur(0, s), 0);
        assert_int_equal(mid_sched_zbar_blur(1, s), 1);
        assert_int_equal(mid_sched_zbar_blur(2, s), (int)((s & 1u) == 0));
    }
}

static void test_defaults(void **state)
{
    mid_zbar_config cfg;

    (void)state;
    memset(&cfg, 0xff, sizeof cfg);
    mid_zbar_config_default(&cfg);
    assert_int_equal(cfg.zxing_first, 1);
    assert_int_equal(cfg.skip_idle, 1);
}

/* ---- nothing lost: legacy and new orders on the same frames ----------- */

enum { C_CLEAN,
       C_CONTRAST,
       C_NOISE25,
       C_NOISE40,
       C_KEYSTONE,
       C_SMALL,
       C_BLUR,
       C_GRID,
       C_REFLECT,
       C_MOTION,
       C_MOIRE,
       C_TWO_SAME,
       C_TWO_DIFF,
       C_IDLE,
       NC };
static const char *const k_cond[NC] = {
    "clean", "contrast x0.15", "noise 25", "noise 40", "keystone 0.3", "1.5 px",
    "blur 1", "pixel grid", "reflection", "motion 5", "moire", "same code twice",
    "two codes", "idle"};
#define ITEMS 3

static void draw_item(int cond, int item, int frame, const qrimg_code *c,
                      const qrimg_code *other, qrimg_luma *img)
{
    qrimg_rng r;
    double module = cond == C_SMALL ? 1.5 : 3.2 + 0.4 * item;
    double side = qrimg_side(c, module);
    double x0 = ((double)img->w - side) / 2.0 + 0.37 * item;
    double y0 = ((double)img->h - side) / 2.0 + 0.21 * item;
    double noise = 2.0;

    qrimg_rng_seed(&r, (uint64_t)(cond * 100 + item * 10 + frame));
    if (cond == C_IDLE) {
        draw_empty(img, 3.0, (uint64_t)(item * 2 + frame));
        return;
    }
    if (cond == C_TWO_SAME || cond == C_TWO_DIFF) {
        module = 2.6;
        side = qrimg_side(c, module);
        draw_code(img, c, module, 20.0 + item, 60.0, 25, 235);
        qrimg_draw(img, cond == C_TWO_SAME ? c : other, 340.0 - item, 120.0, module, 25, 235);
    } else {
        draw_code(img, c, module, x0, y0, 25, 235);
    }
    switch (cond) {
    case C_CONTRAST:
        qrimg_contrast(img, 0.15);
        break;
    case C_NOISE25:
        noise = 25.0;
        break;
    case C_NOISE40:
        noise = 40.0;
        break;
    case C_KEYSTONE:
        assert_int_equal(qrimg_perspective(img, item % 2 ? 0.30 : -0.30, 60), MID_OK);
        break;
    case C_BLUR:
        assert_int_equal(qrimg_blur(img, 1.0), MID_OK);
        break;
    case C_GRID:
        qr_degrade_pixel_grid(img, 2.6 + 0.2 * item, 0.8, 0.3, 0.7, 0.55);
        break;
    case C_REFLECT:
        assert_int_equal(qr_degrade_reflection(img, 6, 4, 0.3, 500.0 + 3.0 * frame, 60.0, 45.0),
                         MID_OK);
        break;
    case C_MOTION:
        assert_int_equal(qr_degrade_motion(img, 5, item % 2), MID_OK);
        break;
    case C_MOIRE:
        qrimg_moire(img, 28.0, 3.1 + 0.3 * item, 0.12, 0.1 * frame);
        break;
    default:
        break;
    }
    qrimg_noise(img, noise, &r);
}

static void test_same_bytes(void **state)
{
    char text[320], text2[320];
    qrimg_code c, c2;
    qrimg_luma img;
    int legacy_ok[NC] = {0}, new_ok[NC] = {0};

    (void)state;
    qr_frame_mid_text(text, sizeof text, 300, 21);
    qr_frame_mid_text(text2, sizeof text2, 300, 22);
    assert_int_equal(qrimg_encode(text, strlen(text), &c), MID_OK);
    assert_int_equal(qrimg_encode(text2, strlen(text2), &c2), MID_OK);
    alloc(&img, 640, 480);
    for (int cond = 0; cond < NC; cond++) {
        for (int item = 0; item < ITEMS; item++) {
            mid_decoder *dec[2];
            int got[2] = {0, 0};
            for (int k = 0; k < 2; k++) {
                mid_zbar_config cfg;
                mid_zbar_config_default(&cfg);
                cfg.zxing_first = k; /* 0 legacy, 1 new (the default) */
                assert_int_equal(mid_decoder_zbar_create(&cfg, &dec[k]), MID_OK);
            }
            for (int frame = 0; frame < 2; frame++) { /* blurred pass, raw pass */
                mid_frame f;
                mid_err e[2];
                size_t len[2];
                draw_item(cond, item, frame, &c, &c2, &img);
                memset(&f, 0, sizeof f);
                f.luma = img.px;
                f.width = img.w;
                f.height = img.h;
                f.stride = img.w;
                for (int k = 0; k < 2; k++) {
                    len[k] = 0;
                    e[k] = mid_decoder_scan(dec[k], &f, g_out[k], sizeof g_out[k], &len[k]);
                    if (cond == C_TWO_DIFF)
                        got[k] |= e[k] == MID_ERR_MULTIPLE_CODES;
                    else
                        got[k] |= e[k] == MID_OK && len[k] == strlen(text) &&
                                  memcmp(g_out[k], text, len[k]) == 0;
                }
                if (e[0] == MID_OK) {
                    if (e[1] != MID_OK || len[1] != len[0] ||
                        memcmp(g_out[1], g_out[0], len[0]) != 0)
                        fail_msg("%s, item %d, frame %d: legacy decoded, new gave %d", k_cond[cond],
                                 item, frame, (int)e[1]);
                }
                if (e[0] == MID_ERR_MULTIPLE_CODES)
                    assert_int_equal(e[1], MID_ERR_MULTIPLE_CODES);
                if (cond == C_IDLE) {
                    assert_int_equal(e[0], MID_ERR_NO_CODE);
                    assert_int_equal(e[1], MID_ERR_NO_CODE);
                }
            }
            legacy_ok[cond] += got[0];
            new_ok[cond] += got[1];
            mid_decoder_destroy(dec[0]);
            mid_decoder_destroy(dec[1]);
        }
        print_message("%-16s legacy %d new %d of %d\n", k_cond[cond], legacy_ok[cond],
                      new_ok[cond], ITEMS);
        assert_true(new_ok[cond] >= legacy_ok[cond]);
    }
    /* not vacuous: the set holds frames each order reads, ZBar's wins
     * included (low contrast, where zxing-cpp reads nothing) */
    assert_int_equal(legacy_ok[C_CLEAN], ITEMS);
    assert_int_equal(legacy_ok[C_CONTRAST], ITEMS);
    assert_int_equal(new_ok[C_CONTRAST], ITEMS);
    assert_true(legacy_ok[C_KEYSTONE] > 0);
    assert_int_equal(new_ok[C_TWO_DIFF], ITEMS);
    qrimg_luma_free(&img);
    qrimg_code_free(&c);
    qrimg_code_free(&c2);
}

/* The contrast x0.15 frames are ZBar's alone: ZBar reads them, the
 * default (zxing-cpp first) too, and zxing-cpp on its own reads none of
 * them, so the new order's ZBar pass is what reads them. (Raw passes:
 * prefilter 0.) */
static void test_zbar_still_runs(void **state)
{
    char text[320];
    qrimg_code c;
    qrimg_luma img;

    (void)state;
    qr_frame_mid_text(text, sizeof text, 300, 21);
    assert_int_equal(qrimg_encode(text, strlen(text), &c), MID_OK);
    alloc(&img, 640, 480);
    for (int item = 0; item < ITEMS; item++) {
        mid_zbar_config cfg;
        mid_decoder *dec = NULL;
        mid_frame f;
        size_t len = 0;

        draw_item(C_CONTRAST, item, 1, &c, &c, &img);
        memset(&f, 0, sizeof f);
        f.luma = img.px;
        f.width = img.w;
        f.height = img.h;
        f.stride = img.w;
        assert_int_equal(mid_zxing_scan(img.px, img.w, img.h, img.w, g_out[0], sizeof g_out[0],
                                        &len),
                         MID_ERR_NO_CODE);
        mid_zbar_config_default(&cfg);
        cfg.fallback_zxing = 0;
        cfg.prefilter_blur = 0;
        assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
        assert_int_equal(mid_decoder_scan(dec, &f, g_out[0], sizeof g_out[0], &len), MID_OK);
        mid_decoder_destroy(dec);
        mid_zbar_config_default(&cfg);
        cfg.prefilter_blur = 0;
        assert_int_equal(mid_decoder_zbar_create(&cfg, &dec), MID_OK);
        assert_int_equal(mid_decoder_scan(dec, &f, g_out[1], sizeof g_out[1], &len), MID_OK);
        assert_int_equal(len, strlen(text));
        assert_memory_equal(g_out[1], text, len);
        mid_decoder_destroy(dec);
    }
    qrimg_luma_free(&img);
    qrimg_code_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_idle_frames_skip),
        cmocka_unit_test(test_code_frames_pass),
        cmocka_unit_test(test_small_and_odd_frames),
        cmocka_unit_test(test_blur_phase),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_same_bytes),
        cmocka_unit_test(test_zbar_still_runs),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
