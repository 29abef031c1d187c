/* The SDL UI under test (tests/unit/test_ui_*.c): one window shared by
 * a test group, SDL's event queue driven by hand, pixels of the last frame
 * read through the hooks of src/ui/shell.h. Included by each UI test
 * (as tests/support/qr_frame.c is), so every helper is static; the unused
 * ones are marked so. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fixtures/ui_cases.h"
#include "mid/mid_app.h"
#include "mid/mid_ui.h"
#include "ui/shell.h"

#define UIH_FN static __attribute__((unused))
#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define W 1280
#define H 720

/* Release builds have no test hooks: nothing below exists there. */
#ifndef MID_RELEASE
static mid_ui *g_ui;
static char g_dir[512];

typedef struct px_stats {
    size_t n;
    size_t bright;  /* luminance > 170 */
    size_t dark;    /* luminance < 60 */
    size_t green;   /* g dominant */
    size_t red;     /* r dominant, little green */
    size_t amber;   /* r high, g mid, b low */
    size_t warn;    /* the warning yellow-orange of text */
    double r, g, b; /* means */
} px_stats;

/* SDL 2.24+ ends each poll round at a sentinel; an event pushed after a
 * round stopped early shows up one poll later, as it would next frame. */
UIH_FN mid_ui_event drain_poll(const mid_ui_model *m)
{
    mid_ui_event ev = g_ui->ops->poll(g_ui, m);
    if (ev.kind == MID_EV_NONE)
        ev = g_ui->ops->poll(g_ui, m);
    return ev;
}

UIH_FN void flush_events(void)
{
    SDL_PumpEvents();
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
}

UIH_FN mid_ui_event click_at(const mid_ui_model *m, int x, int y)
{
    SDL_Event e;
    mid_ui_event ev;
    flush_events();
    memset(&e, 0, sizeof(e));
    e.type = SDL_MOUSEBUTTONDOWN;
    e.button.button = SDL_BUTTON_LEFT;
    e.button.state = SDL_PRESSED;
    e.button.clicks = 1;
    e.button.x = x;
    e.button.y = y;
    assert_true(SDL_PushEvent(&e) >= 0);
    e.type = SDL_MOUSEBUTTONUP;
    e.button.state = SDL_RELEASED;
    assert_true(SDL_PushEvent(&e) >= 0);
    ev = drain_poll(m);
    /* nothing else may come out of one click */
    assert_int_equal(drain_poll(m).kind, MID_EV_NONE);
    return ev;
}

UIH_FN mid_ui_event click_button(const mid_ui_model *m, mid_ui_event_kind k,
                                 uint32_t arg)
{
    SDL_Rect r;
    assert_true(mid_ui_sdl_button(g_ui, k, arg, &r));
    return click_at(m, r.x + r.w / 2, r.y + r.h / 2);
}

UIH_FN mid_ui_event key_raw_ex(const mid_ui_model *m, SDL_Keycode sym,
                               Uint16 mod, int repeat)
{
    SDL_Event e;
    mid_ui_event ev;
    flush_events();
    memset(&e, 0, sizeof(e));
    e.type = SDL_KEYDOWN;
    e.key.state = SDL_PRESSED;
    e.key.repeat = (Uint8)repeat;
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    assert_true(SDL_PushEvent(&e) >= 0);
    ev = drain_poll(m);
    assert_int_equal(drain_poll(m).kind, MID_EV_NONE);
    return ev;
}

/* What a key means on the screen m shows, UI and app together: the UI's
 * MID_EV_KEY goes through mid_app_key_meaning with an app in the state m
 * was drawn from (the fields the key rules read). */
UIH_FN mid_ui_event app_meaning(const mid_ui_model *m, mid_ui_event ev)
{
    static mid_app app;
    if (ev.kind != MID_EV_KEY)
        return ev;
    memset(&app, 0, sizeof(app));
    app.screen = m->screen;
    app.focus = m->focus;
    app.cfg.purposes = m->purposes_offered ? m->purposes_offered
                                           : (1u << MID_PURPOSE_COUNT) - 1u;
    app.request.purpose = m->purpose;
    app.request.items = m->items;
    app.cfg.extend_max = 1;
    app.extensions = m->can_extend ? 0 : 1;
    app.pin_locked = m->pin_state == MID_PIN_LOCKED;
    app.pin_len = m->pin_len;
    if (m->status)
        app.status.export_state = m->status->export_state;
    return mid_app_key_meaning(&app, ev.arg);
}

UIH_FN mid_ui_event key_ex(const mid_ui_model *m, SDL_Keycode sym, Uint16 mod,
                           int repeat)
{
    return app_meaning(m, key_raw_ex(m, sym, mod, repeat));
}

UIH_FN mid_ui_event key(const mid_ui_model *m, SDL_Keycode sym)
{
    return key_ex(m, sym, KMOD_NONE, 0);
}

UIH_FN void render(const mid_ui_model *m)
{
    assert_int_equal(g_ui->ops->render(g_ui, m), MID_OK);
}

UIH_FN px_stats stats_of(SDL_Rect r)
{
    px_stats s;
    size_t n = (size_t)r.w * (size_t)r.h;
    uint8_t *buf = malloc(n * 3u);
    memset(&s, 0, sizeof(s));
    assert_non_null(buf);
    assert_int_equal(mid_ui_sdl_read_rgb(g_ui, r, buf, n * 3u), MID_OK);
    for (size_t i = 0; i < n; i++) {
        int R = buf[3 * i], G = buf[3 * i + 1], B = buf[3 * i + 2];
        int lum = (R * 3 + G * 6 + B) / 10;
        s.r += R;
        s.g += G;
        s.b += B;
        if (lum > 170)
            s.bright++;
        if (lum < 60)
            s.dark++;
        if (G > R + 50 && G > B + 50)
            s.green++;
        if (R > G + 100 && R > B + 100)
            s.red++;
        if (R > 200 && G > 70 && G < 170 && B < 60)
            s.amber++;
        if (R > 200 && G > 140 && B < 110)
            s.warn++;
    }
    s.n = n;
    s.r /= (double)n;
    s.g /= (double)n;
    s.b /= (double)n;
    free(buf);
    return s;
}

UIH_FN SDL_Rect region(mid_ui_region reg)
{
    SDL_Rect r;
    assert_true(mid_ui_sdl_region(g_ui, reg, &r));
    assert_true(r.w > 0 && r.h > 0);
    return r;
}

/* Text is there: a fair share of bright glyph pixels on the dark ground. */
UIH_FN void assert_text_in(mid_ui_region reg)
{
    px_stats s = stats_of(region(reg));
    assert_true(s.bright * 100u >= s.n * 2u);
    assert_true(s.dark * 100u >= s.n * 20u);
}

UIH_FN int mkdir_p(const char *path)
{
    char tmp[512];
    size_t len = strlen(path);
    if (len == 0 || len >= sizeof(tmp))
        return -1;
    memcpy(tmp, path, len + 1);
    for (size_t i = 1; i <= len; i++)
        if (tmp[i] == '/' || tmp[i] == '\0') {
            char c = tmp[i];
            tmp[i] = '\0';
            if (mkdir(tmp, 0755) != 0 && errno != EEXIST)
                return -1;
            tmp[i] = c;
        }
    return 0;
}

UIH_FN double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 /
           (double)SDL_GetPerformanceFrequency();
}

/* fixture                                                              */

static int group_setup(void **state)
{
    mid_sdl_config cfg;
    const char *dir = getenv("MID_SCREENSHOT_DIR");
    const char *build = getenv("MID_BUILD");
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    if (dir && dir[0])
        snprintf(g_dir, sizeof(g_dir), "%s", dir);
    else if (build && build[0])
        snprintf(g_dir, sizeof(g_dir), "%s/screenshots", build);
    else
        snprintf(g_dir, sizeof(g_dir), "screenshots");
    if (mkdir_p(g_dir) != 0)
        return -1;
    uic_make_portrait();
    mid_sdl_config_default(&cfg);
    cfg.width = W;
    cfg.height = H;
    cfg.fullscreen = 0;
    cfg.sound = 1;
    {
        double t0 = now_ms();
        if (mid_ui_sdl_create(&cfg, &g_ui) != MID_OK)
            return -1;
        printf("# ui: create %.1f ms, renderer %s, %dx%d, screenshots in %s\n",
               now_ms() - t0, mid_ui_sdl_renderer_name(g_ui), W, H, g_dir);
    }
    return 0;
}

static int group_teardown(void **state)
{
    (void)state;
    if (g_ui)
        g_ui->ops->destroy(g_ui);
    g_ui = NULL;
    return 0;
}

/* operator screens                                                     */

UIH_FN void push_mouse(Uint32 type, int x, int y)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = type;
    if (type == SDL_MOUSEMOTION) {
        e.motion.x = x;
        e.motion.y = y;
        e.motion.state = SDL_BUTTON_LMASK;
    } else {
        e.button.button = SDL_BUTTON_LEFT;
        e.button.state = type == SDL_MOUSEBUTTONDOWN ? SDL_PRESSED
                                                     : SDL_RELEASED;
        e.button.clicks = 1;
        e.button.x = x;
        e.button.y = y;
    }
    assert_true(SDL_PushEvent(&e) >= 0);
}

UIH_FN void push_key_up(SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    e.key.keysym.sym = sym;
    assert_true(SDL_PushEvent(&e) >= 0);
}

/* Bright runs across the middle row of r: the PIN dots. */
UIH_FN int bright_runs(SDL_Rect r)
{
    SDL_Rect row = r;
    uint8_t *buf;
    int runs = 0, in = 0;
    row.y = r.y + r.h / 2;
    row.h = 1;
    buf = malloc((size_t)row.w * 3u);
    assert_non_null(buf);
    assert_int_equal(mid_ui_sdl_read_rgb(g_ui, row, buf, (size_t)row.w * 3u),
                     MID_OK);
    for (int x = 0; x < row.w; x++) {
        int lum = (buf[3 * x] * 3 + buf[3 * x + 1] * 6 + buf[3 * x + 2]) / 10;
        if (lum > 170 && !in)
            runs++;
        in = lum > 170;
    }
    free(buf);
    return runs;
}

UIH_FN int inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
}
#endif /* !MID_RELEASE */
