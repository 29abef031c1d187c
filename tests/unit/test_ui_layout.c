/* Unit tests: the SDL UI's layouts (src/ui/layout*.c).
 *
 * Runs headless (SDL_VIDEODRIVER=dummy unless set: software renderer; also
 * works with offscreen). Renders every screen in Korean and English from
 * synthetic data (tests/fixtures/ui_cases.c), writes PNG screenshots to
 * $MID_SCREENSHOT_DIR (default $MID_BUILD/screenshots, else ./screenshots),
 * checks pixels where the layout says things are, and prints the render
 * time of every screen (not asserted). Pixel-exact comparison with the
 * golden screenshots is test_ui_golden's. All names and numbers are
 * synthetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../support/ui_harness.c"

#ifndef MID_RELEASE
static void screens_in(mid_lang lang)
{
    const char *suffix = lang == MID_LANG_EN ? "en" : "ko";
    for (size_t i = 0; i < uic_cases_n; i++) {
        mid_ui_model m;
        mid_view v;
        mid_frame f;
        char path[768];
        double t0, first, warm, best;
        FILE *fp;
        unsigned char sig[8];
        /* fewer frames under valgrind (tests/check.sh sets MID_VALGRIND) */
        const int reps = getenv("MID_VALGRIND") ? 2 : 20;
        uic_base_model(&m, MID_SCREEN_PURPOSE, lang);
        memset(&v, 0, sizeof(v));
        memset(&f, 0, sizeof(f));
        uic_cases[i].fill(&m, &v, &f);
        /* leave the screen first so caches start cold for this one */
        {
            mid_ui_model other;
            uic_base_model(&other, MID_SCREEN_CAMERA_LOST, lang);
            if (m.screen == MID_SCREEN_CAMERA_LOST)
                other.screen = MID_SCREEN_CLOCK;
            render(&other);
        }
        t0 = now_ms();
        render(&m);
        first = now_ms() - t0;
        warm = 0.0;
        best = 1e9;
        for (int r = 0; r < reps; r++) {
            double t1 = now_ms(), d;
            render(&m);
            d = now_ms() - t1;
            warm += d;
            if (d < best)
                best = d;
        }
        warm /= reps;
        printf("# render %-26s %s: first %6.2f ms, then %5.2f ms/frame "
               "(best %5.2f)\n",
               uic_cases[i].name, suffix, first, warm, best);
        assert_text_in(MID_UI_REGION_TITLE);
        assert_true(mid_ui_sdl_region(g_ui, MID_UI_REGION_STATUS, NULL));
        snprintf(path, sizeof(path), "%s/ui-%s-%s.png", g_dir,
                 uic_cases[i].name, suffix);
        assert_int_equal(g_ui->ops->screenshot(g_ui, path), MID_OK);
        fp = fopen(path, "rb");
        assert_non_null(fp);
        assert_int_equal(fread(sig, 1, 8, fp), 8);
        fclose(fp);
        assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
    }
}

/* The keypad focus is drawn where the app's index says: on the toggle of
 * bit `focus` (REQUEST), on purpose card `focus`, on 연장(0)/닫기(1). */
static void assert_ring_on(mid_ui_event_kind kind, uint32_t arg, int yes)
{
    SDL_Rect r, band;
    px_stats s;
    assert_true(mid_ui_sdl_button(g_ui, kind, arg, &r));
    /* the ring runs a few pixels outside the control's top edge */
    band.x = r.x + r.w / 4;
    band.w = r.w / 2;
    band.y = r.y - 8;
    band.h = 6;
    s = stats_of(band);
    if (yes)
        assert_true(s.warn * 100u >= s.n * 20u);
    else
        assert_true(s.warn == 0);
}

static void test_screens_ko(void **state)
{
    (void)state;
    screens_in(MID_LANG_KO);
}

static void test_screens_en(void **state)
{
    (void)state;
    screens_in(MID_LANG_EN);
}

/* Other panels: small 800x480 and 1024x600, full HD, and a portrait
 * 720x1280 kiosk. Everything still fits, reads and hit-tests. */
static void test_other_sizes(void **state)
{
    static const int sizes[][2] = {
        {800, 480}, {1024, 600}, {1920, 1080}, {720, 1280}};
    static const uic_case some[] = {
        {"purpose", uic_purpose},
        {"request-custom", uic_request_custom},
        {"scan", uic_scan},
        {"result-valid", uic_result_valid},
        {"result-custom", uic_result_custom},
        {"result-invalid", uic_result_invalid},
        {"purpose-2cards", uic_purpose_two},
        {"pin", uic_pin},
        {"status", uic_status},
        {"status-full", uic_status_full},
    };
    mid_ui *main_ui = g_ui;
    (void)state;
    for (size_t z = 0; z < ARRAY_LEN(sizes); z++) {
        mid_sdl_config cfg;
        mid_sdl_config_default(&cfg);
        cfg.width = sizes[z][0];
        cfg.height = sizes[z][1];
        cfg.fullscreen = 0;
        cfg.sound = 0;
        assert_int_equal(mid_ui_sdl_create(&cfg, &g_ui), MID_OK);
        for (size_t i = 0; i < ARRAY_LEN(some); i++) {
            mid_ui_model m;
            mid_view v;
            mid_frame f;
            char path[768];
            SDL_Rect r;
            uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
            memset(&v, 0, sizeof(v));
            some[i].fill(&m, &v, &f);
            render(&m);
            assert_text_in(MID_UI_REGION_TITLE);
            r = region(MID_UI_REGION_TITLE);
            assert_true(r.x >= 0 && r.x + r.w <= sizes[z][0]);
            if (m.screen == MID_SCREEN_RESULT) {
                px_stats s = stats_of(region(MID_UI_REGION_VERDICT));
                if (m.verdict == MID_VERDICT_VALID)
                    assert_true(s.green * 100u >= s.n * 50u);
                else
                    assert_true(s.red * 100u >= s.n * 50u);
                assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind,
                                 MID_EV_CLOSE);
            }
            if (m.screen == MID_SCREEN_PURPOSE) {
                mid_ui_event ev =
                    click_button(&m, MID_EV_SELECT_PURPOSE, 2);
                assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
                assert_int_equal(ev.arg, 2);
            }
            /* every button lies inside the screen */
            for (uint32_t k = MID_EV_SELECT_PURPOSE; k <= MID_EV_EXPORT; k++)
                for (uint32_t a = 0; a < (1u << MID_ITEM_COUNT);
                     a = a ? a << 1 : 1) {
                    if (!mid_ui_sdl_button(g_ui, (mid_ui_event_kind)k, a,
                                           &r))
                        continue;
                    assert_true(r.x >= 0 && r.y >= 0);
                    assert_true(r.x + r.w <= sizes[z][0]);
                    assert_true(r.y + r.h <= sizes[z][1]);
                }
            snprintf(path, sizeof(path), "%s/ui-%s-%dx%d-ko.png", g_dir,
                     some[i].name, sizes[z][0], sizes[z][1]);
            assert_int_equal(g_ui->ops->screenshot(g_ui, path), MID_OK);
        }
        g_ui->ops->destroy(g_ui);
        g_ui = main_ui;
    }
}

/* pixel checks                                                         */

static void test_valid_band_green(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(region(MID_UI_REGION_VERDICT).w == W); /* full width */
    assert_true(s.green * 100u >= s.n * 50u);
    assert_true(s.red == 0);
    assert_true(s.g > s.r + 40.0 && s.g > s.b + 40.0);
    assert_text_in(MID_UI_REGION_FIELDS);
    /* nothing about a missing photo when the photo is there */
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_NOTICE, NULL));
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_REASON, NULL));
}

static void test_invalid_band_red(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_invalid(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.red * 100u >= s.n * 50u);
    assert_true(s.green == 0);
    assert_true(s.r > s.g + 60.0);
    assert_text_in(MID_UI_REGION_REASON);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_FIELDS, NULL));
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
    /* an INVALID verdict shows no view even if one is (wrongly) passed */
    uic_view_real_name(&v);
    m.view = &v;
    render(&m);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_FIELDS, NULL));
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
}

static void test_adult_bands(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_adult(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.green * 100u >= s.n * 50u);
    uic_result_minor(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    /* a refusal: strong amber, never green */
    assert_true(s.amber * 100u >= s.n * 50u);
    assert_true(s.green == 0);
}

static void test_licence_not_valid_band(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_EN);
    uic_result_suspended(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.amber * 100u >= s.n * 50u);
    assert_true(s.green == 0);
    v.licence_state = MID_LICSTATE_VALID;
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.green * 100u >= s.n * 50u);
}

static void test_portrait_grey_levels(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    SDL_Rect r;
    int scale;
    size_t n;
    uint8_t *buf;
    unsigned levels[16] = {0};
    unsigned distinct = 0;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    render(&m);
    r = region(MID_UI_REGION_PORTRAIT);
    scale = r.w / (int)UIC_PW;
    assert_true(scale >= 4); /* "scaled up big" */
    assert_int_equal(r.w, scale * (int)UIC_PW);
    assert_int_equal(r.h, scale * (int)UIC_PH);
    n = (size_t)r.w * (size_t)r.h * 3u;
    buf = malloc(n);
    assert_non_null(buf);
    assert_int_equal(mid_ui_sdl_read_rgb(g_ui, r, buf, n), MID_OK);
    for (unsigned y = 0; y < UIC_PH; y++)
        for (unsigned x = 0; x < UIC_PW; x++) {
            uint8_t want = mid_portrait_pixel(uic_portrait, UIC_PW, x, y);
            /* every pixel of the block, not just its centre: nearest */
            for (int sy = 0; sy < scale; sy += scale - 1)
                for (int sx = 0; sx < scale; sx += scale - 1) {
                    size_t o = ((size_t)((int)y * scale + sy) *
                                    (size_t)r.w +
                                (size_t)((int)x * scale + sx)) *
                               3u;
                    int d = (int)buf[o] - (int)want;
                    if (!(d >= -2 && d <= 2))
                        printf("# portrait %u,%u +%d,%d: got %u want %u\n",
                               x, y, sx, sy, buf[o], want);
                    assert_true(d >= -2 && d <= 2);
                    assert_int_equal(buf[o], buf[o + 1]);
                    assert_int_equal(buf[o], buf[o + 2]);
                }
            levels[want / 17u] = 1;
        }
    for (int i = 0; i < 16; i++)
        distinct += levels[i];
    assert_true(distinct >= 5);
    free(buf);
}

static void test_portrait_unavailable_notice(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    for (int lang = 0; lang < 2; lang++) {
        uic_base_model(&m, MID_SCREEN_RESULT, (mid_lang)lang);
        uic_result_noportrait(&m, &v, &f);
        render(&m);
        s = stats_of(region(MID_UI_REGION_NOTICE));
        assert_true(s.warn * 100u >= s.n * 2u);
        assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
        assert_text_in(MID_UI_REGION_FIELDS);
        assert_text_in(MID_UI_REGION_COUNTDOWN);
    }
}

static void test_status_line_colours(void **state)
{
    mid_ui_model m;
    px_stats s;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.revocation_age_days = 2;
    render(&m);
    s = stats_of(region(MID_UI_REGION_STATUS));
    assert_true(s.warn == 0);
    assert_true(s.bright > 0);
    m.revocation_stale = 1;
    m.revocation_age_days = 40;
    render(&m);
    s = stats_of(region(MID_UI_REGION_STATUS));
    assert_true(s.warn * 100u >= s.n * 2u);
    m.revocation_stale = 0;
    m.revocation_age_days = -1;
    render(&m);
    s = stats_of(region(MID_UI_REGION_STATUS));
    assert_true(s.warn * 100u >= s.n * 2u);
}

static void test_scan_preview(void **state)
{
    mid_ui_model m;
    mid_frame f;
    static uint8_t flat[320 * 240];
    SDL_Rect r, c;
    px_stats s;
    (void)state;
    memset(flat, 200, sizeof(flat));
    memset(&f, 0, sizeof(f));
    f.luma = flat;
    f.width = 320;
    f.height = 240;
    f.stride = 320;
    uic_base_model(&m, MID_SCREEN_SCAN, MID_LANG_KO);
    m.preview = &f;
    render(&m);
    r = region(MID_UI_REGION_PREVIEW);
    assert_true(r.w >= 320 && r.h >= 240);
    c.x = r.x + r.w / 2 - 10;
    c.y = r.y + r.h / 2 - 10;
    c.w = 20;
    c.h = 20;
    s = stats_of(c);
    assert_true(s.r > 197.0 && s.r < 203.0);
    assert_true(s.g > 197.0 && s.g < 203.0 && s.b > 197.0 && s.b < 203.0);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_HINT, NULL));
    /* no new frame: the last one stays (no flicker between camera frames) */
    m.preview = NULL;
    m.hint = MID_HINT_NOT_MID;
    render(&m);
    s = stats_of(c);
    assert_true(s.r > 197.0 && s.r < 203.0);
    s = stats_of(region(MID_UI_REGION_HINT));
    assert_true(s.warn * 100u >= s.n * 50u);
    /* after leaving the scan screen the frame is gone */
    m.screen = MID_SCREEN_PURPOSE;
    render(&m);
    m.screen = MID_SCREEN_SCAN;
    render(&m);
    r = region(MID_UI_REGION_PREVIEW);
    c.x = r.x + r.w / 2 - 10;
    c.y = r.y + r.h / 2 - 10;
    s = stats_of(c);
    assert_true(s.r < 10.0);
    /* a frame the adapter cannot take is skipped, not a crash */
    f.stride = 10;
    m.preview = &f;
    render(&m);
}

static void test_focus_ring(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    uic_base_model(&m, MID_SCREEN_REQUEST, MID_LANG_KO);
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = MID_ITEM_NAME;
    m.focus = 3;
    render(&m);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_ADULT, 1);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_RRN, 0);
    m.focus = -1;
    render(&m);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_ADULT, 0);
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.focus = 2;
    render(&m);
    assert_ring_on(MID_EV_SELECT_PURPOSE, 2, 1);
    assert_ring_on(MID_EV_SELECT_PURPOSE, 0, 0);
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    m.focus = 1;
    render(&m);
    assert_ring_on(MID_EV_CLOSE, 0, 1);
    assert_ring_on(MID_EV_EXTEND, 0, 0);
}

static void test_pin_screen(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_ui_event ev;
    px_stats s;
    SDL_Rect pad, dots;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PIN, MID_LANG_KO);
    uic_pin(&m, &v, &f);
    render(&m);
    assert_text_in(MID_UI_REGION_TITLE);
    assert_text_in(MID_UI_REGION_MESSAGE);
    /* one dot per digit, and never the digits themselves (there are none
     * in the model to draw) */
    dots = region(MID_UI_REGION_PIN_DOTS);
    assert_int_equal(bright_runs(dots), 4);
    m.pin_len = 0;
    render(&m);
    assert_int_equal(bright_runs(region(MID_UI_REGION_PIN_DOTS)), 0);
    m.pin_len = 15;
    render(&m);
    assert_int_equal(bright_runs(region(MID_UI_REGION_PIN_DOTS)), 15);
    /* the pad: 0-9, erase and OK, all on screen */
    pad = region(MID_UI_REGION_PIN_PAD);
    for (uint32_t d = 0; d <= 9; d++) {
        SDL_Rect r;
        assert_true(mid_ui_sdl_button(g_ui, MID_EV_PIN_DIGIT, d, &r));
        assert_true(inside(r, pad));
    }
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_PIN_ERASE, 0, NULL));
    ev = click_button(&m, MID_EV_PIN_DIGIT, 7);
    assert_int_equal(ev.kind, MID_EV_PIN_DIGIT);
    assert_int_equal(ev.arg, 7);
    assert_int_equal(click_button(&m, MID_EV_PIN_ERASE, 0).kind,
                     MID_EV_PIN_ERASE);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
    assert_int_equal(click_button(&m, MID_EV_BACK, 0).kind, MID_EV_BACK);
    /* physical keys: digit row and keypad, backspace, Enter, Escape */
    ev = key(&m, SDLK_3);
    assert_int_equal(ev.kind, MID_EV_PIN_DIGIT);
    assert_int_equal(ev.arg, 3);
    ev = key(&m, SDLK_KP_0);
    assert_int_equal(ev.kind, MID_EV_PIN_DIGIT);
    assert_int_equal(ev.arg, 0);
    ev = key(&m, SDLK_KP_9);
    assert_int_equal(ev.arg, 9);
    assert_int_equal(key_ex(&m, SDLK_3, KMOD_NONE, 1).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_BACKSPACE).kind, MID_EV_PIN_ERASE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_KP_ENTER).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
    /* nothing typed: OK and erase do nothing */
    m.pin_len = 0;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_BACKSPACE).kind, MID_EV_NONE);
    /* wrong PIN: the message in the warning colour */
    uic_pin_wrong(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_MESSAGE));
    assert_true(s.warn * 100u >= s.n * 3u);
    /* locked: red message, the pad refuses digits */
    uic_pin_locked(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_MESSAGE));
    assert_true(s.red * 100u >= s.n * 3u);
    assert_true(s.warn == 0);
    assert_int_equal(click_button(&m, MID_EV_PIN_DIGIT, 5).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_5).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    /* cancelling always works */
    assert_int_equal(click_button(&m, MID_EV_BACK, 0).kind, MID_EV_BACK);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
}

static void test_status_screen(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_ui_event ev;
    px_stats s;
    SDL_Rect keys, body, close;
    int drawn = -1, cut = -1;
    (void)state;
    uic_base_model(&m, MID_SCREEN_STATUS, MID_LANG_KO);
    uic_status(&m, &v, &f);
    render(&m);
    assert_text_in(MID_UI_REGION_TITLE);
    mid_ui_sdl_status_fit(g_ui, &drawn, &cut);
    assert_int_equal(drawn, 3);
    assert_int_equal(cut, 0);
    keys = region(MID_UI_REGION_KEYS);
    body = region(MID_UI_REGION_STATUS_BODY);
    assert_true(inside(keys, body));
    /* key periods in their colours: valid green, expired red, not yet
     * amber; fresh revocation list green */
    s = stats_of(keys);
    assert_true(s.green > 0 && s.red > 0 && s.warn > 0);
    s = stats_of(region(MID_UI_REGION_REVOCATION_AGE));
    assert_true(s.green > 0);
    assert_true(s.warn == 0);
    /* stale: the age in the warning colour */
    uic_status_info(&uic_st, 3, 1);
    render(&m);
    s = stats_of(region(MID_UI_REGION_REVOCATION_AGE));
    assert_true(s.warn > 0);
    assert_true(s.green == 0);
    /* no revocation list at all: said so, in the warning colour */
    uic_st.have_revocation = 0;
    uic_st.revocation_age_days = -1;
    render(&m);
    s = stats_of(region(MID_UI_REGION_REVOCATION_AGE));
    assert_true(s.warn > 0);
    /* buttons: 내보내기 and 닫기, 닫기 focused */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_CLOSE, 0, &close));
    assert_true(body.y + body.h <= close.y);
    assert_ring_on(MID_EV_CLOSE, 0, 1);
    assert_ring_on(MID_EV_EXPORT, 0, 0);
    assert_int_equal(click_button(&m, MID_EV_EXPORT, 0).kind, MID_EV_EXPORT);
    assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind, MID_EV_CLOSE);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 1);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_CLOSE);
    assert_int_equal(key(&m, SDLK_BACKSPACE).kind, MID_EV_CLOSE);
    assert_int_equal(key(&m, SDLK_RIGHT).kind, MID_EV_FOCUS_NEXT);
    /* digits mean nothing here */
    assert_int_equal(key(&m, SDLK_1).kind, MID_EV_NONE);
    m.focus = 0;
    render(&m);
    assert_ring_on(MID_EV_EXPORT, 0, 1);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 0);
    /* export under way: the button waits; the outcome is shown */
    uic_st.export_state = MID_EXPORT_PENDING;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXPORT, 0).kind, MID_EV_NONE);
    assert_text_in(MID_UI_REGION_EXPORT);
    uic_st.export_state = MID_EXPORT_NO_USB;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.warn * 100u >= s.n * 3u);
    uic_st.export_state = MID_EXPORT_DONE;
    uic_st.export_files = 4;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.green * 100u >= s.n * 3u);
    uic_st.export_state = MID_EXPORT_FAILED;
    uic_st.export_files = 1;
    uic_st.export_total = 4;
    m.lang = MID_LANG_EN;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.red * 100u >= s.n * 3u);
    /* no trust list: every ID is refused, and the screen says so */
    uic_status_info(&uic_st, 0, 0);
    uic_st.have_trust = 0;
    render(&m);
    mid_ui_sdl_status_fit(g_ui, &drawn, &cut);
    assert_int_equal(drawn, 0);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_KEYS, NULL));
    /* a STATUS model without status info still draws (and cannot crash) */
    m.status = NULL;
    render(&m);
    assert_text_in(MID_UI_REGION_TITLE);
}

/* A full trust store (32 keys), every check counted, on every panel and in
 * both languages: all 32 key rows are drawn inside the body, nothing is
 * left out, nothing reaches the buttons or leaves the screen. */
static void test_status_full_store_fits(void **state)
{
    static const int sizes[][2] = {{1280, 720}, {800, 480}, {1024, 600}, {1920, 1080}, {720, 1280}};
    mid_ui *main_ui = g_ui;
    (void)state;
    for (size_t z = 0; z < ARRAY_LEN(sizes); z++) {
        mid_sdl_config cfg;
        mid_sdl_config_default(&cfg);
        cfg.width = sizes[z][0];
        cfg.height = sizes[z][1];
        cfg.fullscreen = 0;
        cfg.sound = 0;
        assert_int_equal(mid_ui_sdl_create(&cfg, &g_ui), MID_OK);
        for (int l = 0; l < 2; l++) {
            mid_ui_model m;
            mid_view v;
            mid_frame f;
            SDL_Rect keys, body, close, screen = {0, 0, 0, 0};
            int drawn = -1, cut = -1;
            screen.w = sizes[z][0];
            screen.h = sizes[z][1];
            uic_base_model(&m, MID_SCREEN_STATUS,
                           l ? MID_LANG_EN : MID_LANG_KO);
            uic_status_full(&m, &v, &f);
            render(&m);
            mid_ui_sdl_status_fit(g_ui, &drawn, &cut);
            printf("# status-full %dx%d %s: %d keys drawn, %d rows cut\n",
                   sizes[z][0], sizes[z][1], l ? "en" : "ko", drawn, cut);
            assert_int_equal(drawn, (int)MID_MAX_TRUST_KEYS);
            assert_int_equal(cut, 0);
            keys = region(MID_UI_REGION_KEYS);
            body = region(MID_UI_REGION_STATUS_BODY);
            assert_true(inside(keys, body));
            assert_true(inside(body, screen));
            assert_true(mid_ui_sdl_button(g_ui, MID_EV_CLOSE, 0, &close));
            assert_true(inside(close, screen));
            assert_true(keys.y + keys.h <= close.y);
            assert_text_in(MID_UI_REGION_KEYS);
        }
        g_ui->ops->destroy(g_ui);
        g_ui = main_ui;
    }
}

/* Only the purposes the configuration offers are drawn, numbered 1..n,
 * and the digit keys follow the numbers on the cards. */
static void test_purposes_offered(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_ui_event ev;
    SDL_Rect a, b, next;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    uic_purpose_two(&m, &v, &f);
    render(&m);
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE,
                                  MID_PURPOSE_ADULT, &a));
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE,
                                  MID_PURPOSE_LICENCE, &b));
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE,
                                   MID_PURPOSE_REAL_NAME, NULL));
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE,
                                   MID_PURPOSE_CUSTOM, NULL));
    /* two full-width cards of one size, one above the other, above 다음 */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_NEXT, 0, &next));
    assert_int_equal(a.w, b.w);
    assert_int_equal(a.h, b.h);
    assert_true(a.w > W * 3 / 4);
    assert_true(a.y + a.h < b.y);
    assert_true(b.y + b.h < next.y);
    /* the selected card is the lighter panel, the other the darker */
    assert_true(stats_of(b).r > stats_of(a).r);
    assert_ring_on(MID_EV_SELECT_PURPOSE, MID_PURPOSE_LICENCE, 1);
    ev = key(&m, SDLK_1);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, MID_PURPOSE_ADULT);
    ev = key(&m, SDLK_KP_2);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, MID_PURPOSE_LICENCE);
    assert_int_equal(key(&m, SDLK_3).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_4).kind, MID_EV_NONE);
    ev = click_button(&m, MID_EV_SELECT_PURPOSE, MID_PURPOSE_ADULT);
    assert_int_equal(ev.arg, MID_PURPOSE_ADULT);
    /* one and three cards: on screen, above 다음, no card taller than in
     * the four-card layout */
    for (int n = 1; n <= 4; n++) {
        static const uint32_t masks[5] = {0, 0x2u, 0x5u, 0xDu, 0xFu};
        uint32_t mask = masks[n];
        int cards = 0;
        m.purposes_offered = mask;
        m.purpose = n == 1 ? MID_PURPOSE_REAL_NAME : MID_PURPOSE_ADULT;
        m.focus = -1;
        render(&m);
        for (uint32_t p = 0; p < MID_PURPOSE_COUNT; p++) {
            SDL_Rect r;
            if (!mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, p, &r)) {
                assert_false(mask & (1u << p));
                continue;
            }
            assert_true(mask & (1u << p));
            cards++;
            assert_true(r.y + r.h < next.y);
            assert_true(r.h <= a.h);
        }
        assert_int_equal(cards, n);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_screens_ko),
        cmocka_unit_test(test_screens_en),
        cmocka_unit_test(test_other_sizes),
        cmocka_unit_test(test_valid_band_green),
        cmocka_unit_test(test_invalid_band_red),
        cmocka_unit_test(test_adult_bands),
        cmocka_unit_test(test_licence_not_valid_band),
        cmocka_unit_test(test_portrait_grey_levels),
        cmocka_unit_test(test_portrait_unavailable_notice),
        cmocka_unit_test(test_status_line_colours),
        cmocka_unit_test(test_scan_preview),
        cmocka_unit_test(test_focus_ring),
        cmocka_unit_test(test_pin_screen),
        cmocka_unit_test(test_status_screen),
        cmocka_unit_test(test_status_full_store_fits),
        cmocka_unit_test(test_purposes_offered),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
#else
/* Release builds have no test hooks: nothing here to run. */
static void test_release_skipped(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
