/* Unit test: every screen and state of the SDL UI, pixel for pixel against
 * the golden screenshots in tests/ui-golden/ (docs/testing.md).
 *
 * The golden PNGs were made from the UI as it was before the split of
 * src/ui by job (issue 9), so any change to what a screen looks like shows
 * up here: the first differing pixel and the screen are reported, and the
 * frame that was drawn is written next to the build for a look.
 *
 * Deterministic by construction: software renderer (SDL_VIDEODRIVER=dummy),
 * fonts pinned to Debian's fonts-nanum files (NanumGothic{,Bold}.ttf, the
 * UI's first choice anyway), synthetic models from tests/fixtures/ui_cases.c.
 * Glyphs depend on the FreeType and SDL_ttf versions: the goldens are for
 * Debian 12's (libfreetype6 2.12.1, libsdl2-ttf 2.20.1). After a deliberate
 * change of the look, or on another FreeType, regenerate them with
 *   MID_UI_GOLDEN_UPDATE=1 build/tests/test_ui_golden
 * and review the new PNGs before committing them.
 *
 * Environment: MID_UI_GOLDEN_DIR (default tests/ui-golden, the test runs
 * from the repository root), MID_BUILD (where differing frames go). */
#include <errno.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <png.h>

#include "fixtures/ui_cases.h"
#include "mid/mid_ui.h"
#include "ui/shell.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define GOLDEN_FONT_REG "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"
#define GOLDEN_FONT_BOLD "/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf"
#define GOLDEN_MAX_W 1920
#define GOLDEN_MAX_H 1280

#ifndef MID_RELEASE
static char g_dir[512];
static char g_out[512];
static int g_update;

/* Cases drawn at the other panel sizes (Korean), as test_ui_layout does;
 * 1920x1080 is left out to keep the goldens small (it is 1280x720 scaled
 * by 1.5 and test_ui_layout checks it by regions). */
static const uic_case k_sized[] = {
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

static const int k_sizes[][2] = {
    {1280, 720}, {800, 480}, {1024, 600}, {720, 1280}};

static int file_exists(const char *p)
{
    struct stat st;
    return stat(p, &st) == 0;
}

static mid_ui *open_ui(int w, int h)
{
    mid_sdl_config cfg;
    mid_ui *ui = NULL;
    mid_sdl_config_default(&cfg);
    cfg.width = w;
    cfg.height = h;
    cfg.fullscreen = 0;
    cfg.sound = 0;
    cfg.font_regular = GOLDEN_FONT_REG;
    cfg.font_bold = GOLDEN_FONT_BOLD;
    assert_int_equal(mid_ui_sdl_create(&cfg, &ui), MID_OK);
    return ui;
}

static int mkdir_one(const char *p)
{
    return mkdir(p, 0755) == 0 || errno == EEXIST ? 0 : -1;
}

/* The golden PNG as RGB24 rows; 0 when it cannot be read. */
static int load_png(const char *path, uint8_t *rgb, size_t cap, int *w,
                    int *h)
{
    png_image img;
    memset(&img, 0, sizeof(img));
    img.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&img, path))
        return 0;
    img.format = PNG_FORMAT_RGB;
    if (PNG_IMAGE_SIZE(img) > cap) {
        png_image_free(&img);
        return 0;
    }
    if (!png_image_finish_read(&img, NULL, rgb, 0, NULL)) {
        png_image_free(&img);
        return 0;
    }
    *w = (int)img.width;
    *h = (int)img.height;
    return 1;
}

/* RGB24 rows to a PNG, compressed as hard as libpng can (the goldens are
 * committed). */
static int save_png(const char *path, const uint8_t *rgb, int w, int h)
{
    FILE *fp = fopen(path, "wb");
    png_structp png;
    png_infop info;
    int ok = 0;
    if (!fp)
        return 0;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    info = png ? png_create_info_struct(png) : NULL;
    if (!png || !info)
        goto done;
    if (setjmp(png_jmpbuf(png)))
        goto done;
    png_init_io(png, fp);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 9);
    png_set_filter(png, 0, PNG_ALL_FILTERS);
    png_write_info(png, info);
    for (int y = 0; y < h; y++)
        png_write_row(png, rgb + (size_t)y * (size_t)w * 3u);
    png_write_end(png, NULL);
    ok = 1;
done:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    return fclose(fp) == 0 && ok;
}

/* Compares the last frame of ui with the golden <name>.png; returns the
 * number of differing pixels and prints the first. */
static size_t compare(mid_ui *ui, int w, int h, const char *name,
                      const char *pass)
{
    static uint8_t got[GOLDEN_MAX_W * GOLDEN_MAX_H * 3];
    static uint8_t want[GOLDEN_MAX_W * GOLDEN_MAX_H * 3];
    char path[1024];
    SDL_Rect all = {0, 0, w, h};
    size_t n = (size_t)w * (size_t)h * 3u, diff = 0, first = 0;
    int gw = 0, gh = 0;
    snprintf(path, sizeof(path), "%s/%s.png", g_dir, name);
    assert_int_equal(mid_ui_sdl_read_rgb(ui, all, got, sizeof(got)), MID_OK);
    if (g_update) {
        assert_true(save_png(path, got, w, h));
        return 0;
    }
    if (!load_png(path, want, sizeof(want), &gw, &gh)) {
        print_error("golden %s: cannot read %s\n", name, path);
        return 1;
    }
    if (gw != w || gh != h) {
        print_error("golden %s: %dx%d, the frame is %dx%d\n", name, gw, gh,
                    w, h);
        return 1;
    }
    for (size_t i = 0; i < n; i += 3)
        if (memcmp(got + i, want + i, 3) != 0) {
            if (diff == 0)
                first = i / 3;
            diff++;
        }
    if (diff) {
        int x = (int)(first % (size_t)w), y = (int)(first / (size_t)w);
        const uint8_t *g = got + first * 3, *e = want + first * 3;
        char out[1200];
        snprintf(out, sizeof(out), "%s/%s.png", g_out, name);
        if (mkdir_one(g_out) != 0 || ui->ops->screenshot(ui, out) != MID_OK)
            snprintf(out, sizeof(out), "(could not write %s)", g_out);
        print_error("golden %s (%s frame): %zu pixels differ; first at "
                    "(%d,%d): drawn #%02x%02x%02x, golden #%02x%02x%02x; "
                    "frame written to %s\n",
                    name, pass, diff, x, y, g[0], g[1], g[2], e[0], e[1],
                    e[2], out);
    }
    return diff;
}

/* Renders one case on a cold screen (another screen first, as a visit
 * would come) and again warm (from the caches); both must match. */
static size_t check_case(mid_ui *ui, int w, int h, const uic_case *c,
                         mid_lang lang, const char *name)
{
    mid_ui_model m, other;
    mid_view v;
    mid_frame f;
    size_t bad;
    uic_base_model(&m, MID_SCREEN_PURPOSE, lang);
    memset(&v, 0, sizeof(v));
    memset(&f, 0, sizeof(f));
    c->fill(&m, &v, &f);
    uic_base_model(&other, MID_SCREEN_CAMERA_LOST, lang);
    if (m.screen == MID_SCREEN_CAMERA_LOST)
        other.screen = MID_SCREEN_CLOCK;
    assert_int_equal(ui->ops->render(ui, &other), MID_OK);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    bad = compare(ui, w, h, name, "first");
    /* under valgrind (tests/check.sh sets MID_VALGRIND) the first frames
     * only: the steady ones are the same code from the caches */
    if (g_update || getenv("MID_VALGRIND"))
        return bad;
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    bad += compare(ui, w, h, name, "steady");
    return bad;
}

static void test_golden_screens(void **state)
{
    size_t bad = 0, shots = 0;
    (void)state;
    if (!file_exists(GOLDEN_FONT_REG) || !file_exists(GOLDEN_FONT_BOLD)) {
        print_message("fonts-nanum missing: cannot compare screenshots\n");
        skip();
    }
    for (size_t z = 0; z < ARRAY_LEN(k_sizes); z++) {
        int w = k_sizes[z][0], h = k_sizes[z][1];
        int full = z == 0; /* every case, both languages, at 1280x720 */
        mid_ui *ui;
        if (!full && getenv("MID_VALGRIND"))
            continue; /* valgrind: 1280x720 only, the other sizes are slow */
        ui = open_ui(w, h);
        const uic_case *cases = full ? uic_cases : k_sized;
        size_t nc = full ? uic_cases_n : ARRAY_LEN(k_sized);
        for (int l = 0; l < (full ? 2 : 1); l++) {
            mid_lang lang = l ? MID_LANG_EN : MID_LANG_KO;
            for (size_t i = 0; i < nc; i++) {
                char name[128];
                snprintf(name, sizeof(name), "%s-%dx%d-%s", cases[i].name, w,
                         h, l ? "en" : "ko");
                bad += check_case(ui, w, h, &cases[i], lang, name) ? 1 : 0;
                shots++;
            }
        }
        ui->ops->destroy(ui);
    }
    print_message("%s %zu screens, %zu differ\n",
                  g_update ? "wrote" : "compared", shots, bad);
    assert_int_equal(bad, 0);
}

static int setup(void **state)
{
    const char *dir = getenv("MID_UI_GOLDEN_DIR");
    const char *build = getenv("MID_BUILD");
    const char *upd = getenv("MID_UI_GOLDEN_UPDATE");
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    snprintf(g_dir, sizeof(g_dir), "%s",
             dir && dir[0] ? dir : "tests/ui-golden");
    snprintf(g_out, sizeof(g_out), "%s/ui-golden-diff",
             build && build[0] ? build : ".");
    g_update = upd && upd[0] == '1';
    if (g_update && mkdir_one(g_dir) != 0)
        return -1;
    uic_make_portrait();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_screens),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
#else
/* Release builds have no screenshot hooks: nothing to compare. */
static void test_golden_release(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_golden_release),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
