/* Unit tests: the SDL UI's drawing module (src/ui/draw.c): the text cache,
 * type fitting, primitives' pixels, and the wiping of personal textures. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../support/ui_harness.c"

#ifndef MID_RELEASE
/* ---- the drawing module alone, on a software renderer over a surface ---- */
#define DW 320
#define DH 180

static ui_draw g_d;
static SDL_Surface *g_surf;

static void draw_open(void)
{
    memset(&g_d, 0, sizeof(g_d));
    assert_int_equal(TTF_Init(), 0);
    g_surf = SDL_CreateRGBSurfaceWithFormat(0, DW, DH, 32,
                                            SDL_PIXELFORMAT_ARGB8888);
    assert_non_null(g_surf);
    g_d.ren = SDL_CreateSoftwareRenderer(g_surf);
    assert_non_null(g_d.ren);
    assert_true(ui_draw_choose_font(&g_d, UI_REG, NULL));
    assert_true(ui_draw_choose_font(&g_d, UI_BOLD, NULL));
    assert_int_equal(ui_draw_resize(&g_d, DW, DH), MID_OK);
}

static void draw_close(void)
{
    ui_draw_free(&g_d);
    SDL_DestroyRenderer(g_d.ren);
    SDL_FreeSurface(g_surf);
    TTF_Quit();
}

static unsigned cached(void)
{
    unsigned n = 0;
    for (int i = 0; i < UI_TEXT_CACHE; i++)
        n += g_d.cache[i].tex != NULL;
    return n;
}

/* RGB of one pixel of what was drawn. */
static uint32_t px_at(int x, int y)
{
    SDL_Rect r = {x, y, 1, 1};
    uint8_t rgb[3];
    assert_int_equal(SDL_RenderReadPixels(g_d.ren, &r, SDL_PIXELFORMAT_RGB24,
                                          rgb, 3),
                     0);
    return ((uint32_t)rgb[0] << 16) | ((uint32_t)rgb[1] << 8) | rgb[2];
}

static void test_text_cache(void **state)
{
    const SDL_Color white = {0xFF, 0xFF, 0xFF, 0xFF};
    const SDL_Color red = {0xFF, 0x00, 0x00, 0xFF};
    char longer[UI_TEXT_MAX + 40];
    SDL_Rect a, b;
    (void)state;
    draw_open();
    assert_int_equal(cached(), 0);
    a = ui_text(&g_d, UI_BOLD, UI_MD, white, "다음", 10, 10, 0, 0, 0);
    b = ui_text(&g_d, UI_BOLD, UI_MD, white, "다음", 10, 10, 0, 0, 0);
    assert_true(a.w > 0 && a.h > 0);
    assert_memory_equal(&a, &b, sizeof(a));
    assert_int_equal(cached(), 1); /* rasterised once */
    assert_int_equal(a.w, ui_text_w(&g_d, UI_BOLD, UI_MD, "다음"));
    (void)ui_text(&g_d, UI_BOLD, UI_MD, red, "다음", 10, 10, 0, 0, 0);
    assert_int_equal(cached(), 2); /* colour is part of the key */
    /* anchors: centred and bottom-right against the same point */
    b = ui_text(&g_d, UI_BOLD, UI_MD, white, "다음", 100, 100,
                UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
    assert_int_equal(b.x, 100 - a.w / 2);
    assert_int_equal(b.y, 100 - a.h / 2);
    b = ui_text(&g_d, UI_BOLD, UI_MD, white, "다음", 100, 100,
                UI_AL_RIGHT | UI_AV_BOTTOM, 0, 0);
    assert_int_equal(b.x, 100 - a.w);
    assert_int_equal(b.y, 100 - a.h);
    /* too long to cache: drawn, not kept */
    memset(longer, 'x', sizeof(longer) - 1);
    longer[sizeof(longer) - 1] = '\0';
    b = ui_text(&g_d, UI_REG, UI_XS, white, longer, 0, 0, 0, 0, 0);
    assert_true(b.w > 0);
    assert_int_equal(cached(), 2);
    /* personal text is counted and goes with the purge, labels stay */
    (void)ui_text(&g_d, UI_BOLD, UI_MD, white, "김하늘", 10, 60, 0, 0, 1);
    assert_int_equal(cached(), 3);
    assert_int_equal(ui_draw_personal_cached(&g_d), 1);
    ui_draw_purge_personal(&g_d);
    assert_int_equal(ui_draw_personal_cached(&g_d), 0);
    assert_int_equal(cached(), 2);
    /* fitting: the largest size that fits, else the smallest allowed */
    assert_int_equal(ui_fit(&g_d, UI_REG, UI_LG, UI_XS, "다음", DW), UI_LG);
    assert_int_equal(ui_fit(&g_d, UI_REG, UI_LG, UI_XS, "다음", 1), UI_XS);
    assert_true(ui_font_px(&g_d, UI_XL) > ui_font_px(&g_d, UI_XS));
    /* a new size empties the cache */
    assert_int_equal(ui_draw_resize(&g_d, DW, DH - 1), MID_OK);
    assert_int_equal(cached(), 0);
    draw_close();
}

static void test_primitives(void **state)
{
    const SDL_Color bg = {0x10, 0x20, 0x30, 0xFF};
    const SDL_Color fg = {0xF0, 0x80, 0x00, 0xFF};
    const uint32_t BG = 0x102030u, FG = 0xF08000u;
    SDL_Rect r = {40, 40, 100, 60}, drawn;
    (void)state;
    draw_open();
    ui_draw_clear(&g_d, bg);
    assert_int_equal(px_at(0, 0), BG);
    ui_fill(&g_d, r, fg);
    assert_int_equal(px_at(40, 40), FG);
    assert_int_equal(px_at(139, 99), FG);
    assert_int_equal(px_at(140, 99), BG);
    assert_int_equal(px_at(39, 40), BG);
    /* rounded: the corner pixel stays ground, the middle of an edge not */
    ui_draw_clear(&g_d, bg);
    ui_round(&g_d, r, 20, fg);
    assert_int_equal(px_at(40, 40), BG);
    assert_int_equal(px_at(90, 40), FG);
    assert_int_equal(px_at(40, 70), FG);
    /* a frame leaves its inside alone */
    ui_draw_clear(&g_d, bg);
    ui_round_frame(&g_d, r, 10, 4, fg);
    assert_int_equal(px_at(90, 41), FG);
    assert_int_equal(px_at(90, 70), BG);
    /* disc and ring around (200, 90) */
    ui_draw_clear(&g_d, bg);
    ui_disc(&g_d, 200.0f, 90.0f, 30.0f, fg);
    assert_int_equal(px_at(200, 90), FG);
    assert_int_equal(px_at(172, 63), BG);
    ui_draw_clear(&g_d, bg);
    ui_ring(&g_d, 200.0f, 90.0f, 30.0f, 6.0f, fg);
    assert_int_equal(px_at(200, 90), BG);
    assert_int_equal(px_at(227, 90), FG);
    /* a thick line through its middle */
    ui_draw_clear(&g_d, bg);
    ui_line(&g_d, 20.0f, 150.0f, 300.0f, 150.0f, 8.0f, fg);
    assert_int_equal(px_at(160, 150), FG);
    assert_int_equal(px_at(160, 140), BG);
    /* portrait: whole-factor blocks of the exact grey levels */
    ui_draw_clear(&g_d, bg);
    assert_int_equal(ui_portrait(&g_d, uic_portrait, sizeof(uic_portrait),
                                 (SDL_Rect){0, 0, DW, DH}, &drawn),
                     1);
    assert_int_equal(drawn.w % (int)UIC_PW, 0);
    assert_int_equal(drawn.w / (int)UIC_PW, drawn.h / (int)UIC_PH);
    {
        int sc = drawn.w / (int)UIC_PW;
        uint32_t g = mid_portrait_pixel(uic_portrait, UIC_PW, 24, 16);
        assert_int_equal(px_at(drawn.x + 24 * sc, drawn.y + 16 * sc),
                         g * 0x010101u);
    }
    assert_int_equal(ui_draw_personal_cached(&g_d), 1); /* the portrait */
    ui_draw_purge_personal(&g_d);
    assert_int_equal(ui_draw_personal_cached(&g_d), 0);
    {
        uint8_t bad[8] = {200, 200, 0, 0, 0, 0, 0, 0};
        assert_int_equal(ui_portrait(&g_d, bad, sizeof(bad),
                                     (SDL_Rect){0, 0, DW, DH}, &drawn),
                         0);
    }
    draw_close();
}

/* personal data                                                        */

static void test_personal_data_purged(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    unsigned alone;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    render(&m);
    alone = mid_ui_sdl_personal_cached(g_ui);
    assert_true(alone >= 3); /* name, RRN, portrait */
    /* another person straight after: nothing of the first one stays */
    uic_result_custom(&m, &v, &f);
    render(&m);
    render(&m);
    assert_true(mid_ui_sdl_personal_cached(g_ui) >= 10);
    uic_result_valid(&m, &v, &f);
    render(&m);
    render(&m);
    assert_int_equal(mid_ui_sdl_personal_cached(g_ui), alone);
    m.screen = MID_SCREEN_SCAN;
    m.view = NULL;
    render(&m);
    assert_int_equal(mid_ui_sdl_personal_cached(g_ui), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_personal_data_purged),
        cmocka_unit_test(test_text_cache),
        cmocka_unit_test(test_primitives),
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
