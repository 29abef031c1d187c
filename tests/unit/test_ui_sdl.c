/* Unit tests: src/ui (SDL2 adapter) and tests/fakes/fake_ui.c.
 *
 * Runs headless (SDL_VIDEODRIVER=dummy unless set: software renderer; also
 * works with offscreen). Renders every screen in Korean and English from
 * synthetic data, writes PNG screenshots to $MID_SCREENSHOT_DIR (default
 * $MID_BUILD/screenshots, else ./screenshots), checks pixels where the
 * layout says things are, drives hit-testing and keys through SDL's event
 * queue, and prints the render time of every screen (not asserted).
 * All names and numbers are synthetic. */
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

#include "../fakes/fake_ui.h"
#include "mid/mid_ui.h"
#include "ui/sdl_private.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define W 1280
#define H 720

#ifndef MID_RELEASE
static mid_ui *g_ui;
static char g_dir[512];
#endif

/* ------------------------------------------------------------------ */
/* synthetic data                                                       */

#define PW 48u
#define PH 40u
static uint8_t g_portrait[2u + (PW * PH + 1u) / 2u];

/* A stylised head and shoulders in 16 grey levels. */
static void make_portrait(void)
{
    memset(g_portrait, 0, sizeof(g_portrait));
    g_portrait[0] = (uint8_t)PW;
    g_portrait[1] = (uint8_t)PH;
    for (unsigned y = 0; y < PH; y++)
        for (unsigned x = 0; x < PW; x++) {
            int dx = (int)x - 24, dy = (int)y - 16;
            unsigned v = 3u + (y * 3u) / PH; /* background gradient */
            if (dx * dx * 100 / (11 * 11) + dy * dy * 100 / (14 * 14) <= 100)
                v = 12u - (unsigned)(dx < 0 ? -dx : dx) / 4u; /* face */
            if (y >= 31u && (dx * dx) / 4 + (int)(40 - y) * 3 <= 120)
                v = 1u; /* shoulders */
            if ((y == 13u || y == 14u) && (x == 19u || x == 20u ||
                                          x == 28u || x == 29u))
                v = 1u; /* eyes */
            if (y == 23u && x >= 21u && x <= 27u)
                v = 5u; /* mouth */
            {
                size_t i = (size_t)y * PW + x;
                uint8_t *b = &g_portrait[2u + i / 2u];
                if (i % 2u == 0u)
                    *b = (uint8_t)((*b & 0x0Fu) | (v << 4));
                else
                    *b = (uint8_t)((*b & 0xF0u) | (v & 0x0Fu));
            }
        }
}

#define FW 640u
#define FH 480u
static uint8_t g_luma[FW * FH];

/* A phone-ish blob holding a blocky pseudo-QR, on a grey counter. */
static void make_frame(mid_frame *f)
{
    uint32_t s = 12345u;
    for (unsigned y = 0; y < FH; y++)
        for (unsigned x = 0; x < FW; x++) {
            uint8_t v = (uint8_t)(90 + (x + y) / 24);
            if (x >= 200 && x < 440 && y >= 110 && y < 370)
                v = 235; /* phone screen */
            g_luma[(size_t)y * FW + x] = v;
        }
    for (unsigned by = 0; by < 25; by++)
        for (unsigned bx = 0; bx < 25; bx++) {
            int dark;
            s = s * 1103515245u + 12345u;
            dark = (s >> 16) & 1u;
            if ((bx < 7 && by < 7) || (bx > 17 && by < 7) ||
                (bx < 7 && by > 17)) {
                unsigned cx = bx > 17 ? bx - 18 : bx, cy = by > 17 ? by - 18
                                                                    : by;
                dark = !(cx == 1 || cx == 5 || cy == 1 || cy == 5) ||
                       cx == 0 || cx == 6 || cy == 0 || cy == 6;
                if (cx >= 2 && cx <= 4 && cy >= 2 && cy <= 4)
                    dark = 1;
            }
            for (unsigned y = 0; y < 8; y++)
                for (unsigned x = 0; x < 8; x++)
                    g_luma[(size_t)(140 + by * 8 + y) * FW + 220 + bx * 8 +
                           x] = dark ? 20 : 235;
        }
    memset(f, 0, sizeof(*f));
    f->luma = g_luma;
    f->width = FW;
    f->height = FH;
    f->stride = FW;
    f->seq = 42;
}

static void base_model(mid_ui_model *m, mid_screen s, mid_lang lang)
{
    memset(m, 0, sizeof(*m));
    m->screen = s;
    m->lang = lang;
    m->purpose = MID_PURPOSE_REAL_NAME;
    m->items = MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN;
    m->focus = -1;
    m->revocation_age_days = 3;
    m->seconds_left = 55;
    m->can_extend = 1;
}

static void view_real_name(mid_view *v)
{
    memset(v, 0, sizeof(*v));
    v->items = MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN;
    v->doctype = MID_DOC_RESIDENT_CARD;
    snprintf(v->name, sizeof(v->name), "%s", "김하늘");
    snprintf(v->rrn, sizeof(v->rrn), "%s", "900101-1******");
    memcpy(v->portrait, g_portrait, sizeof(g_portrait));
    v->portrait_len = sizeof(g_portrait);
}

#ifndef MID_RELEASE
static void view_adult(mid_view *v, int adult)
{
    memset(v, 0, sizeof(*v));
    v->items = MID_ITEM_ADULT | MID_ITEM_PORTRAIT;
    v->adult = adult;
    memcpy(v->portrait, g_portrait, sizeof(g_portrait));
    v->portrait_len = sizeof(g_portrait);
}

static void view_licence(mid_view *v, mid_licence_state st)
{
    memset(v, 0, sizeof(*v));
    v->items = MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_LICENCE_CLASS |
               MID_ITEM_LICENCE_NUMBER | MID_ITEM_LICENCE_STATUS |
               MID_ITEM_LICENCE_EXPIRY;
    v->doctype = MID_DOC_DRIVER_LICENCE;
    snprintf(v->name, sizeof(v->name), "%s", "박가온");
    v->licence_class = MID_LIC_1_ORDINARY;
    snprintf(v->licence_number, sizeof(v->licence_number), "%s",
             "11-26-123456-78");
    v->licence_state = st;
    v->licence_expiry.year = 2031;
    v->licence_expiry.month = 12;
    v->licence_expiry.day = 31;
    memcpy(v->portrait, g_portrait, sizeof(g_portrait));
    v->portrait_len = sizeof(g_portrait);
}

static void view_custom(mid_view *v)
{
    memset(v, 0, sizeof(*v));
    v->items = MID_ITEM_ALL & ~(uint32_t)MID_ITEM_PORTRAIT;
    v->doctype = MID_DOC_DRIVER_LICENCE;
    snprintf(v->name, sizeof(v->name), "%s", "이바다");
    snprintf(v->rrn, sizeof(v->rrn), "%s", "950315-2******");
    v->adult = 1;
    v->age = 31;
    v->birth.year = 1995;
    v->birth.month = 3;
    v->birth.day = 15;
    v->issue_date.year = 2024;
    v->issue_date.month = 6;
    v->issue_date.day = 3;
    v->licence_class = MID_LIC_2_ORDINARY;
    snprintf(v->licence_number, sizeof(v->licence_number), "%s",
             "21-25-654321-09");
    v->licence_state = MID_LICSTATE_VALID;
    v->licence_expiry.year = 2034;
    v->licence_expiry.month = 3;
    v->licence_expiry.day = 14;
    v->portrait_unavailable = 1;
}
#endif

#ifndef MID_RELEASE
/* ------------------------------------------------------------------ */
/* helpers (through the layout hooks of sdl_private.h)                  */

/* SDL 2.24+ ends each poll round at a sentinel; an event pushed after a
 * round stopped early shows up one poll later, as it would next frame. */
static mid_ui_event drain_poll(const mid_ui_model *m)
{
    mid_ui_event ev = g_ui->ops->poll(g_ui, m);
    if (ev.kind == MID_EV_NONE)
        ev = g_ui->ops->poll(g_ui, m);
    return ev;
}

static void flush_events(void)
{
    SDL_PumpEvents();
    SDL_FlushEvents(SDL_FIRSTEVENT, SDL_LASTEVENT);
}

static mid_ui_event click_at(const mid_ui_model *m, int x, int y)
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

static mid_ui_event click_button(const mid_ui_model *m, mid_ui_event_kind k,
                                 uint32_t arg)
{
    SDL_Rect r;
    assert_true(mid_ui_sdl_button(g_ui, k, arg, &r));
    return click_at(m, r.x + r.w / 2, r.y + r.h / 2);
}

static mid_ui_event key_ex(const mid_ui_model *m, SDL_Keycode sym,
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

static mid_ui_event key(const mid_ui_model *m, SDL_Keycode sym)
{
    return key_ex(m, sym, KMOD_NONE, 0);
}

static void render(const mid_ui_model *m)
{
    assert_int_equal(g_ui->ops->render(g_ui, m), MID_OK);
}

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

static px_stats stats_of(SDL_Rect r)
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

static SDL_Rect region(mid_ui_region reg)
{
    SDL_Rect r;
    assert_true(mid_ui_sdl_region(g_ui, reg, &r));
    assert_true(r.w > 0 && r.h > 0);
    return r;
}

/* Text is there: a fair share of bright glyph pixels on the dark ground. */
static void assert_text_in(mid_ui_region reg)
{
    px_stats s = stats_of(region(reg));
    assert_true(s.bright * 100u >= s.n * 2u);
    assert_true(s.dark * 100u >= s.n * 20u);
}

static int mkdir_p(const char *path)
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

static double now_ms(void)
{
    return (double)SDL_GetPerformanceCounter() * 1000.0 /
           (double)SDL_GetPerformanceFrequency();
}

/* ------------------------------------------------------------------ */
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
    make_portrait();
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

/* ------------------------------------------------------------------ */
/* every screen, both languages: screenshot, text present, timing       */

typedef struct shot_case {
    const char *name;
    void (*fill)(mid_ui_model *m, mid_view *v, mid_frame *f);
} shot_case;

static void c_purpose(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_PURPOSE;
    m->purpose = MID_PURPOSE_REAL_NAME;
    m->focus = 1;
}

static void c_request(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_REQUEST;
}

static void c_request_custom(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_REQUEST;
    m->purpose = MID_PURPOSE_CUSTOM;
    m->items = MID_ITEM_NAME | MID_ITEM_ADULT | MID_ITEM_AGE;
    m->focus = 4;
}

static void c_scan(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    make_frame(f);
    m->screen = MID_SCREEN_SCAN;
    m->preview = f;
    m->hint = MID_HINT_ONE_CODE;
}

static void c_scan_fixed(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_SCAN;
    m->purpose = MID_PURPOSE_ADULT;
    m->items = MID_ITEM_ADULT;
    m->purpose_fixed = 1;
    m->hint = MID_HINT_NOT_MID;
    m->revocation_stale = 1;
    m->revocation_age_days = 12;
}

static void c_result_valid(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)f;
    view_real_name(v);
    m->screen = MID_SCREEN_RESULT;
    m->verdict = MID_VERDICT_VALID;
    m->view = v;
}

static void c_result_noportrait(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_result_valid(m, v, f);
    v->portrait_len = 0;
    memset(v->portrait, 0, sizeof(v->portrait));
    v->portrait_unavailable = 1;
    m->focus = 1;
}

static void c_result_adult(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)f;
    view_adult(v, 1);
    m->screen = MID_SCREEN_RESULT;
    m->purpose = MID_PURPOSE_ADULT;
    m->items = MID_ITEM_ADULT | MID_ITEM_PORTRAIT;
    m->verdict = MID_VERDICT_VALID;
    m->view = v;
}

static void c_result_minor(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_result_adult(m, v, f);
    v->adult = 0;
    m->seconds_left = 12;
    m->can_extend = 0;
}

static void c_result_licence(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)f;
    view_licence(v, MID_LICSTATE_VALID);
    m->screen = MID_SCREEN_RESULT;
    m->purpose = MID_PURPOSE_LICENCE;
    m->items = v->items;
    m->verdict = MID_VERDICT_VALID;
    m->view = v;
}

static void c_result_suspended(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_result_licence(m, v, f);
    v->licence_state = MID_LICSTATE_SUSPENDED;
}

static void c_result_custom(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)f;
    view_custom(v);
    m->screen = MID_SCREEN_RESULT;
    m->purpose = MID_PURPOSE_CUSTOM;
    m->items = MID_ITEM_ALL;
    m->verdict = MID_VERDICT_VALID;
    m->view = v;
}

static void c_result_invalid(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_RESULT;
    m->verdict = MID_VERDICT_INVALID;
    m->failed_check = MID_CHECK_ISSUER_SIGNATURE;
    m->reason = MID_ERR_ISSUER_SIG;
    m->view = NULL;
    m->seconds_left = 41;
}

static void c_camera_lost(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_CAMERA_LOST;
}

static void c_clock(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_CLOCK;
    m->revocation_age_days = -1;
}

static void c_notice(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_NOTICE;
    m->notice = m->lang == MID_LANG_EN
                    ? "Trust list updated (version 2026-11-02). The kiosk "
                      "is ready."
                    : "신뢰 목록이 갱신되었습니다 (2026-11-02 판). 계속 "
                      "사용할 수 있습니다.";
}

/* ---- operator screens: synthetic status (no real keys, no people) ---- */
#define ST_NOW 1793595909          /* 2026-11-02 14:05:09 KST */
#define ST_BUILD 1790812800        /* 2026-10-01 09:00 KST */
#define ST_REV_ISSUED 1793318400   /* 2026-10-30 09:00 KST */
#define ST_NBF 1735657200          /* 2025-01-01 00:00 KST */
#define ST_EXP 1830265200          /* 2028-01-01 00:00 KST */

static mid_status_info g_status;

static void status_info(mid_status_info *s, unsigned n_keys, int stale)
{
    uint32_t x = 0x9E3779B9u;
    memset(s, 0, sizeof(*s));
    snprintf(s->version, sizeof(s->version), "%s", "0.1.0");
    snprintf(s->kiosk_id, sizeof(s->kiosk_id), "%s", "KIOSK-0001");
    snprintf(s->export_dir, sizeof(s->export_dir), "%s", "/media/mid-usb");
    s->now = ST_NOW;
    s->build_time = ST_BUILD;
    s->have_trust = 1;
    s->trust_seq = 7;
    s->trust_issued = ST_BUILD;
    s->n_keys = n_keys;
    for (unsigned i = 0; i < n_keys; i++) {
        mid_status_key *k = &s->keys[i];
        for (unsigned b = 0; b < MID_KID_LEN; b++) {
            x = x * 1664525u + 1013904223u;
            k->kid[b] = (uint8_t)(x >> 24);
        }
        k->doctypes = i % 3 == 0   ? MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD)
                      : i % 3 == 1 ? MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE)
                                   : MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD) |
                                         MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE);
        k->nbf = ST_NBF;
        k->exp = ST_EXP;
        k->period = MID_KEY_VALID;
    }
    if (n_keys >= 3) {
        /* one retired key, one not yet in force */
        s->keys[1].nbf = 1704034800; /* 2024-01-01 */
        s->keys[1].exp = 1767193200; /* 2026-01-01 */
        s->keys[1].period = MID_KEY_EXPIRED;
        s->keys[2].nbf = 1796050800; /* 2026-12-01 */
        s->keys[2].period = MID_KEY_NOT_YET;
    }
    s->have_revocation = 1;
    s->revocation_seq = 412;
    s->revocation_issued = stale ? ST_REV_ISSUED - 20 * 86400 : ST_REV_ISSUED;
    s->revocation_ids = 1287;
    s->revocation_age_days = stale ? 23 : 3;
    s->revocation_stale = stale;
    s->revocation_max_age_days = 7;
    s->log_lines_today = 58;
    s->log_dropped = 0;
    s->camera_ok = 1;
    s->camera_reconnects = 2;
    s->frames = 1234567;
    s->codes = 61;
    s->valid = 55;
    s->invalid = 6;
    s->by_check[MID_CHECK_FRESHNESS] = 3;
    s->by_check[MID_CHECK_REPLAY] = 2;
    s->by_check[MID_CHECK_REVOKED] = 1;
    s->multiple_codes = 9;
    s->not_mid = 14;
}

static void c_pin(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    m->screen = MID_SCREEN_PIN;
    m->pin_len = 4;
    m->pin_state = MID_PIN_ENTER;
    m->pin_tries_left = 3;
    m->seconds_left = 60;
}

static void c_pin_wrong(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_pin(m, v, f);
    m->pin_len = 0;
    m->pin_state = MID_PIN_WRONG;
    m->pin_tries_left = 1;
}

static void c_pin_locked(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_pin(m, v, f);
    m->pin_len = 0;
    m->pin_state = MID_PIN_LOCKED;
    m->pin_tries_left = 0;
    m->pin_locked_s = 53;
}

static void c_status(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    (void)v;
    (void)f;
    status_info(&g_status, 3, 0);
    m->screen = MID_SCREEN_STATUS;
    m->focus = 1;
    m->seconds_left = 42;
    m->status = &g_status;
}

/* mid-sync's section (docs/sync.md): a last success and a last error */
static void c_status_sync(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_status(m, v, f);
    g_status.sync_present = 1;
    g_status.sync_last_success = g_status.now - 7200;
    g_status.sync_last_error = MID_ERR_SYNC_TIMEOUT;
}

static void c_status_export(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_status(m, v, f);
    g_status.export_state = MID_EXPORT_DONE;
    g_status.export_files = 12;
    g_status.export_total = 12;
}

static void c_status_no_usb(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_status(m, v, f);
    g_status.export_state = MID_EXPORT_NO_USB;
}

/* A full trust store, every check failed at least once, a stale list,
 * the camera away: the most the screen ever has to hold. */
static void c_status_full(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_status(m, v, f);
    status_info(&g_status, MID_MAX_TRUST_KEYS, 1);
    for (int c = 0; c < (int)MID_CHECK_COUNT; c++)
        g_status.by_check[c] = 1000u + (uint64_t)c * 37u;
    g_status.invalid = 123456;
    g_status.camera_ok = 0;
    g_status.log_dropped = 17;
    m->revocation_age_days = g_status.revocation_age_days;
    m->revocation_stale = 1;
}

static void c_purpose_two(mid_ui_model *m, mid_view *v, mid_frame *f)
{
    c_purpose(m, v, f);
    m->purposes_offered = (1u << MID_PURPOSE_ADULT) | (1u << MID_PURPOSE_LICENCE);
    m->purpose = MID_PURPOSE_LICENCE;
    m->focus = MID_PURPOSE_LICENCE;
}

static const shot_case k_cases[] = {
    {"purpose", c_purpose},
    {"request", c_request},
    {"request-custom", c_request_custom},
    {"scan", c_scan},
    {"scan-fixed", c_scan_fixed},
    {"result-valid", c_result_valid},
    {"result-noportrait", c_result_noportrait},
    {"result-adult", c_result_adult},
    {"result-minor", c_result_minor},
    {"result-licence", c_result_licence},
    {"result-licence-suspended", c_result_suspended},
    {"result-custom", c_result_custom},
    {"result-invalid", c_result_invalid},
    {"camera-lost", c_camera_lost},
    {"clock", c_clock},
    {"notice", c_notice},
    {"purpose-2cards", c_purpose_two},
    {"pin", c_pin},
    {"pin-wrong", c_pin_wrong},
    {"pin-locked", c_pin_locked},
    {"status", c_status},
    {"status-exported", c_status_export},
    {"status-no-usb", c_status_no_usb},
    {"status-sync", c_status_sync},
    {"status-full", c_status_full},
};

static void screens_in(mid_lang lang)
{
    const char *suffix = lang == MID_LANG_EN ? "en" : "ko";
    for (size_t i = 0; i < ARRAY_LEN(k_cases); i++) {
        mid_ui_model m;
        mid_view v;
        mid_frame f;
        char path[768];
        double t0, first, warm, best;
        FILE *fp;
        unsigned char sig[8];
        /* fewer frames under valgrind (tests/check.sh sets MID_VALGRIND) */
        const int reps = getenv("MID_VALGRIND") ? 2 : 20;
        base_model(&m, MID_SCREEN_PURPOSE, lang);
        memset(&v, 0, sizeof(v));
        memset(&f, 0, sizeof(f));
        k_cases[i].fill(&m, &v, &f);
        /* leave the screen first so caches start cold for this one */
        {
            mid_ui_model other;
            base_model(&other, MID_SCREEN_CAMERA_LOST, lang);
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
               k_cases[i].name, suffix, first, warm, best);
        assert_text_in(MID_UI_REGION_TITLE);
        assert_true(mid_ui_sdl_region(g_ui, MID_UI_REGION_STATUS, NULL));
        snprintf(path, sizeof(path), "%s/ui-%s-%s.png", g_dir,
                 k_cases[i].name, suffix);
        assert_int_equal(g_ui->ops->screenshot(g_ui, path), MID_OK);
        fp = fopen(path, "rb");
        assert_non_null(fp);
        assert_int_equal(fread(sig, 1, 8, fp), 8);
        fclose(fp);
        assert_memory_equal(sig, "\x89PNG\r\n\x1a\n", 8);
    }
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
    static const shot_case some[] = {
        {"purpose", c_purpose},
        {"request-custom", c_request_custom},
        {"scan", c_scan},
        {"result-valid", c_result_valid},
        {"result-custom", c_result_custom},
        {"result-invalid", c_result_invalid},
        {"purpose-2cards", c_purpose_two},
        {"pin", c_pin},
        {"status", c_status},
        {"status-full", c_status_full},
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
            base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
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

/* ------------------------------------------------------------------ */
/* pixel checks                                                         */

static void test_valid_band_green(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    px_stats s;
    (void)state;
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
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
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_invalid(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.red * 100u >= s.n * 50u);
    assert_true(s.green == 0);
    assert_true(s.r > s.g + 60.0);
    assert_text_in(MID_UI_REGION_REASON);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_FIELDS, NULL));
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
    /* an INVALID verdict shows no view even if one is (wrongly) passed */
    view_real_name(&v);
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
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_adult(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_VERDICT));
    assert_true(s.green * 100u >= s.n * 50u);
    c_result_minor(&m, &v, &f);
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
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_EN);
    c_result_suspended(&m, &v, &f);
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
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
    render(&m);
    r = region(MID_UI_REGION_PORTRAIT);
    scale = r.w / (int)PW;
    assert_true(scale >= 4); /* "scaled up big" */
    assert_int_equal(r.w, scale * (int)PW);
    assert_int_equal(r.h, scale * (int)PH);
    n = (size_t)r.w * (size_t)r.h * 3u;
    buf = malloc(n);
    assert_non_null(buf);
    assert_int_equal(mid_ui_sdl_read_rgb(g_ui, r, buf, n), MID_OK);
    for (unsigned y = 0; y < PH; y++)
        for (unsigned x = 0; x < PW; x++) {
            uint8_t want = mid_portrait_pixel(g_portrait, PW, x, y);
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
        base_model(&m, MID_SCREEN_RESULT, (mid_lang)lang);
        c_result_noportrait(&m, &v, &f);
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
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
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
    base_model(&m, MID_SCREEN_SCAN, MID_LANG_KO);
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

/* ------------------------------------------------------------------ */
/* personal data                                                        */

static void test_personal_data_purged(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    unsigned alone;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
    render(&m);
    alone = mid_ui_sdl_personal_cached(g_ui);
    assert_true(alone >= 3); /* name, RRN, portrait */
    /* another person straight after: nothing of the first one stays */
    c_result_custom(&m, &v, &f);
    render(&m);
    render(&m);
    assert_true(mid_ui_sdl_personal_cached(g_ui) >= 10);
    c_result_valid(&m, &v, &f);
    render(&m);
    render(&m);
    assert_int_equal(mid_ui_sdl_personal_cached(g_ui), alone);
    m.screen = MID_SCREEN_SCAN;
    m.view = NULL;
    render(&m);
    assert_int_equal(mid_ui_sdl_personal_cached(g_ui), 0);
}

/* ------------------------------------------------------------------ */
/* touch                                                                */

static void test_hit_purpose(void **state)
{
    mid_ui_model m;
    SDL_Rect a, b;
    mid_ui_event ev;
    (void)state;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    for (uint32_t p = 0; p < MID_PURPOSE_COUNT; p++) {
        ev = click_button(&m, MID_EV_SELECT_PURPOSE, p);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, p);
    }
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
    assert_int_equal(click_button(&m, MID_EV_TOGGLE_LANG, 0).kind,
                     MID_EV_TOGGLE_LANG);
    /* the big cards are big: a touch near a corner still counts */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 3, &a));
    assert_true(a.w >= W / 3 && a.h >= H / 8);
    ev = click_at(&m, a.x + 4, a.y + a.h - 4);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, 3);
    /* empty space: nothing */
    assert_int_equal(click_at(&m, 2, 2).kind, MID_EV_NONE);
    /* press on one card, release on another: nothing */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 0, &a));
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 1, &b));
    {
        SDL_Event e;
        flush_events();
        memset(&e, 0, sizeof(e));
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = a.x + a.w / 2;
        e.button.y = a.y + a.h / 2;
        SDL_PushEvent(&e);
        e.type = SDL_MOUSEBUTTONUP;
        e.button.x = b.x + b.w / 2;
        e.button.y = b.y + b.h / 2;
        SDL_PushEvent(&e);
        assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    }
}

static void test_hit_request(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    (void)state;
    base_model(&m, MID_SCREEN_REQUEST, MID_LANG_KO);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
    assert_int_equal(click_button(&m, MID_EV_BACK, 0).kind, MID_EV_BACK);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_TOGGLE_ITEM, MID_ITEM_NAME,
                                   NULL));
    m.purpose_fixed = 1;
    render(&m);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_BACK, 0, NULL));
    /* custom: every item is a toggle */
    m.purpose_fixed = 0;
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = 0;
    render(&m);
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        ev = click_button(&m, MID_EV_TOGGLE_ITEM, 1u << i);
        assert_int_equal(ev.kind, MID_EV_TOGGLE_ITEM);
        assert_int_equal(ev.arg, 1u << i);
    }
    /* nothing chosen yet: 다음 is drawn disabled and does nothing */
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NONE);
    m.items = MID_ITEM_NAME;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
}

static void test_hit_scan(void **state)
{
    mid_ui_model m;
    (void)state;
    base_model(&m, MID_SCREEN_SCAN, MID_LANG_EN);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_CHANGE_REQUEST, 0).kind,
                     MID_EV_CHANGE_REQUEST);
    m.purpose_fixed = 1;
    render(&m);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_CHANGE_REQUEST, 0, NULL));
}

static void test_hit_result(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXTEND, 0).kind, MID_EV_EXTEND);
    assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind, MID_EV_CLOSE);
    /* cap reached: 30초 연장 stays on screen but does nothing */
    m.can_extend = 0;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXTEND, 0).kind, MID_EV_NONE);
    assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind, MID_EV_CLOSE);
}

/* ------------------------------------------------------------------ */
/* keys                                                                 */

static void test_keys_purpose(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    const SDL_Keycode digits[4] = {SDLK_1, SDLK_2, SDLK_3, SDLK_4};
    const SDL_Keycode pad[4] = {SDLK_KP_1, SDLK_KP_2, SDLK_KP_3, SDLK_KP_4};
    (void)state;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    for (uint32_t i = 0; i < 4; i++) {
        ev = key(&m, digits[i]);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, i);
        ev = key(&m, pad[i]);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, i);
    }
    assert_int_equal(key(&m, SDLK_5).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
    /* nothing focused: Enter is 다음 */
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_KP_ENTER).kind, MID_EV_NEXT);
    /* focused card: Enter activates it */
    m.focus = 2;
    render(&m);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 2);
    /* digits mean nothing on other screens */
    m.screen = MID_SCREEN_SCAN;
    render(&m);
    assert_int_equal(key(&m, SDLK_1).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
}

static void test_keys_focus(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    (void)state;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.focus = 3; /* 기타, the last of the four cards */
    render(&m);
    ev = key(&m, SDLK_RIGHT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    assert_int_equal(ev.arg, 0); /* wraps */
    ev = key(&m, SDLK_TAB);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    ev = key(&m, SDLK_DOWN);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    ev = key(&m, SDLK_LEFT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    assert_int_equal(ev.arg, 2);
    ev = key_ex(&m, SDLK_TAB, KMOD_LSHIFT, 0);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    ev = key(&m, SDLK_UP);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    /* held-down arrows repeat, held-down Enter does not */
    assert_int_equal(key_ex(&m, SDLK_RIGHT, KMOD_NONE, 1).kind,
                     MID_EV_FOCUS_NEXT);
    assert_int_equal(key_ex(&m, SDLK_RETURN, KMOD_NONE, 1).kind,
                     MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_l).kind, MID_EV_TOGGLE_LANG);
    /* request screen of a custom purpose: the focus walks the 12 toggles
     * in bit order (as the app counts); Space toggles, Enter goes on */
    m.screen = MID_SCREEN_REQUEST;
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = MID_ITEM_NAME;
    m.focus = -1;
    render(&m);
    ev = key(&m, SDLK_LEFT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    assert_int_equal(ev.arg, MID_ITEM_COUNT - 1);
    assert_int_equal(key(&m, SDLK_SPACE).kind, MID_EV_NONE);
    m.focus = 3;
    render(&m);
    ev = key(&m, SDLK_SPACE);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 3);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_KP_ENTER).kind, MID_EV_NEXT);
    m.items = 0; /* 다음 disabled */
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    /* fixed purpose: nothing to focus, Enter goes on */
    m.purpose = MID_PURPOSE_REAL_NAME;
    m.items = mid_purpose_items(MID_PURPOSE_REAL_NAME);
    m.focus = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_SPACE).kind, MID_EV_NONE);
    /* scan: nothing focusable; Escape is the way back */
    m.screen = MID_SCREEN_SCAN;
    m.focus = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
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

static void test_focus_ring(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    base_model(&m, MID_SCREEN_REQUEST, MID_LANG_KO);
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = MID_ITEM_NAME;
    m.focus = 3;
    render(&m);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_ADULT, 1);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_RRN, 0);
    m.focus = -1;
    render(&m);
    assert_ring_on(MID_EV_TOGGLE_ITEM, MID_ITEM_ADULT, 0);
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.focus = 2;
    render(&m);
    assert_ring_on(MID_EV_SELECT_PURPOSE, 2, 1);
    assert_ring_on(MID_EV_SELECT_PURPOSE, 0, 0);
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
    m.focus = 1;
    render(&m);
    assert_ring_on(MID_EV_CLOSE, 0, 1);
    assert_ring_on(MID_EV_EXTEND, 0, 0);
}

static void test_keys_result(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_ui_event ev;
    (void)state;
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    c_result_valid(&m, &v, &f);
    render(&m);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_CLOSE);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_KP_PLUS).kind, MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_F5).kind, MID_EV_EXTEND);
    assert_int_equal(key_ex(&m, SDLK_EQUALS, KMOD_LSHIFT, 0).kind,
                     MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_EQUALS).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_CLOSE);
    m.focus = 0;
    render(&m);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 0);
    m.can_extend = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE); /* disabled */
    /* '+' means nothing away from RESULT */
    m.screen = MID_SCREEN_SCAN;
    m.view = NULL;
    render(&m);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_NONE);
}

/* ------------------------------------------------------------------ */
/* operator screens                                                     */

static void push_mouse(Uint32 type, int x, int y)
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

static void push_key_up(SDL_Keycode sym)
{
    SDL_Event e;
    memset(&e, 0, sizeof(e));
    e.type = SDL_KEYUP;
    e.key.state = SDL_RELEASED;
    e.key.keysym.sym = sym;
    assert_true(SDL_PushEvent(&e) >= 0);
}

/* Bright runs across the middle row of r: the PIN dots. */
static int bright_runs(SDL_Rect r)
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

static int inside(SDL_Rect in, SDL_Rect out)
{
    return in.x >= out.x && in.y >= out.y && in.x + in.w <= out.x + out.w &&
           in.y + in.h <= out.y + out.h;
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
    base_model(&m, MID_SCREEN_PIN, MID_LANG_KO);
    c_pin(&m, &v, &f);
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
    c_pin_wrong(&m, &v, &f);
    render(&m);
    s = stats_of(region(MID_UI_REGION_MESSAGE));
    assert_true(s.warn * 100u >= s.n * 3u);
    /* locked: red message, the pad refuses digits */
    c_pin_locked(&m, &v, &f);
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
    base_model(&m, MID_SCREEN_STATUS, MID_LANG_KO);
    c_status(&m, &v, &f);
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
    status_info(&g_status, 3, 1);
    render(&m);
    s = stats_of(region(MID_UI_REGION_REVOCATION_AGE));
    assert_true(s.warn > 0);
    assert_true(s.green == 0);
    /* no revocation list at all: said so, in the warning colour */
    g_status.have_revocation = 0;
    g_status.revocation_age_days = -1;
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
    g_status.export_state = MID_EXPORT_PENDING;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXPORT, 0).kind, MID_EV_NONE);
    assert_text_in(MID_UI_REGION_EXPORT);
    g_status.export_state = MID_EXPORT_NO_USB;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.warn * 100u >= s.n * 3u);
    g_status.export_state = MID_EXPORT_DONE;
    g_status.export_files = 4;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.green * 100u >= s.n * 3u);
    g_status.export_state = MID_EXPORT_FAILED;
    g_status.export_files = 1;
    g_status.export_total = 4;
    m.lang = MID_LANG_EN;
    render(&m);
    s = stats_of(region(MID_UI_REGION_EXPORT));
    assert_true(s.red * 100u >= s.n * 3u);
    /* no trust list: every ID is refused, and the screen says so */
    status_info(&g_status, 0, 0);
    g_status.have_trust = 0;
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
    static const int sizes[][2] = {{1280, 720}, {800, 480}, {1024, 600},
                                   {1920, 1080}, {720, 1280}};
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
            base_model(&m, MID_SCREEN_STATUS,
                       l ? MID_LANG_EN : MID_LANG_KO);
            c_status_full(&m, &v, &f);
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

/* F12, Ctrl+Alt+S, '*' held then '#' within a second, and a 3 s press on
 * the status line's left corner all send MID_EV_OPERATOR (the app decides
 * whether the PIN screen may open). Time comes from the test clock. */
static void test_operator_entry(void **state)
{
    mid_ui_model m;
    SDL_Rect hold, lang;
    (void)state;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    assert_int_equal(key(&m, SDLK_F12).kind, MID_EV_OPERATOR);
    assert_int_equal(key_ex(&m, SDLK_F12, KMOD_NONE, 1).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_s, KMOD_LCTRL | KMOD_LALT, 0).kind,
                     MID_EV_OPERATOR);
    assert_int_equal(key_ex(&m, SDLK_s, KMOD_LCTRL, 0).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_s).kind, MID_EV_NONE);
    /* '*' held, '#' within a second (keypad and shifted keyboard keys) */
    mid_ui_sdl_set_clock(g_ui, 10000);
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 11000);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_OPERATOR);
    /* only once per '*' */
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    push_key_up(SDLK_KP_MULTIPLY);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_8, KMOD_LSHIFT, 0).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_3, KMOD_LSHIFT, 0).kind,
                     MID_EV_OPERATOR);
    push_key_up(SDLK_8);
    /* too late */
    mid_ui_sdl_set_clock(g_ui, 20000);
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 21001);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    /* '*' let go before '#' */
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    push_key_up(SDLK_KP_MULTIPLY);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    /* '#' alone, on the PIN screen too, is nothing */
    m.screen = MID_SCREEN_PIN;
    render(&m);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    m.screen = MID_SCREEN_SCAN;
    render(&m);

    /* the long press: fires at 3 s while still held, once */
    hold = region(MID_UI_REGION_HOLD);
    assert_true(hold.y >= H - hold.h - 1 && hold.x == 0);
    flush_events();
    mid_ui_sdl_set_clock(g_ui, 100000);
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + hold.w / 3, hold.y + hold.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 102999);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 103000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_OPERATOR);
    mid_ui_sdl_set_clock(g_ui, 110000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, hold.x + hold.w / 3, hold.y + hold.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    /* let go early: nothing, however long one waits afterwards */
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + 5, hold.y + 5);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 112000);
    push_mouse(SDL_MOUSEBUTTONUP, hold.x + 5, hold.y + 5);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 120000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    /* sliding out of the corner cancels */
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + 5, hold.y + 5);
    push_mouse(SDL_MOUSEMOTION, W / 2, H / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 125000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, W / 2, H / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    /* a long press elsewhere (the language switch) is only a click */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_TOGGLE_LANG, 0, &lang));
    assert_false(lang.x < hold.x + hold.w);
    push_mouse(SDL_MOUSEBUTTONDOWN, lang.x + lang.w / 2, lang.y + lang.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 130000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, lang.x + lang.w / 2, lang.y + lang.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_TOGGLE_LANG);
    mid_ui_sdl_set_clock(g_ui, -1);
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
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    c_purpose_two(&m, &v, &f);
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

static void test_quit(void **state)
{
    mid_ui_model m;
    SDL_Event e;
    (void)state;
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    flush_events();
    memset(&e, 0, sizeof(e));
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
    assert_int_equal(drain_poll(&m).kind, MID_EV_QUIT);
    memset(&e, 0, sizeof(e));
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    SDL_PushEvent(&e);
    assert_int_equal(drain_poll(&m).kind, MID_EV_QUIT);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
}

/* ------------------------------------------------------------------ */
/* misc                                                                 */

static void test_bad_input(void **state)
{
    mid_ui_model m;
    mid_view v;
    (void)state;
    assert_int_equal(g_ui->ops->render(g_ui, NULL), MID_ERR_ARG);
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.screen = (mid_screen)99;
    assert_int_equal(g_ui->ops->render(g_ui, &m), MID_ERR_ARG);
    /* odd but possible values draw something sane */
    base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    m.verdict = MID_VERDICT_VALID;
    m.view = NULL;
    m.seconds_left = -5;
    render(&m);
    m.verdict = MID_VERDICT_INVALID;
    m.failed_check = (mid_check_id)77;
    m.reason = (mid_err)9999;
    render(&m);
    assert_text_in(MID_UI_REGION_REASON);
    m.verdict = MID_VERDICT_VALID;
    view_real_name(&v);
    v.portrait[0] = 200; /* malformed portrait: fields only */
    m.view = &v;
    render(&m);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
    m.screen = MID_SCREEN_NOTICE;
    m.notice = NULL;
    render(&m);
    m.purpose = (mid_purpose)9;
    m.screen = MID_SCREEN_REQUEST;
    render(&m);
    assert_int_equal(g_ui->ops->screenshot(g_ui, "/nonexistent-dir/x.png"),
                     MID_ERR_IO);
}

static void test_beep(void **state)
{
    (void)state;
    /* dummy audio driver: must queue without blocking or crashing */
    g_ui->ops->beep(g_ui, 1);
    g_ui->ops->beep(g_ui, 0);
    g_ui->ops->beep(NULL, 1);
}

#endif /* !MID_RELEASE */

static void test_fake_ui(void **state)
{
    mid_ui *ui = NULL;
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_screen hist[8];
    const fake_ui_frame *fr;
    (void)state;
    assert_int_equal(fake_ui_create(&ui), MID_OK);
    assert_null(fake_ui_last(ui));
    assert_true(fake_ui_push(ui, MID_EV_SELECT_PURPOSE, 1));
    assert_true(fake_ui_push_on(ui, MID_SCREEN_RESULT, MID_EV_CLOSE, 0));
    assert_true(fake_ui_push(ui, MID_EV_QUIT, 0));
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_SELECT_PURPOSE);
    /* CLOSE waits for RESULT and holds QUIT back */
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_NONE);
    view_real_name(&v);
    m.screen = MID_SCREEN_RESULT;
    m.verdict = MID_VERDICT_VALID;
    m.view = &v;
    m.preview = &f;
    make_frame(&f);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_CLOSE);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_QUIT);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_NONE);
    assert_int_equal(fake_ui_render_count(ui), 3);
    fr = fake_ui_last(ui);
    assert_non_null(fr);
    assert_int_equal(fr->screen, MID_SCREEN_RESULT);
    assert_int_equal(fr->verdict, MID_VERDICT_VALID);
    assert_int_equal(fr->seconds_left, 55);
    assert_true(fr->has_preview);
    assert_int_equal(fr->preview_seq, 42);
    assert_true(fr->has_view);
    assert_string_equal(fr->view.name, "김하늘");
    assert_int_equal(fr->view.portrait_len, sizeof(g_portrait));
    /* the copy outlives the caller's view */
    memset(&v, 0, sizeof(v));
    assert_string_equal(fake_ui_last(ui)->view.name, "김하늘");
    assert_int_equal(fake_ui_frame_at(ui, 1)->screen, MID_SCREEN_PURPOSE);
    assert_null(fake_ui_frame_at(ui, 4));
    assert_int_equal(fake_ui_history(ui, hist, ARRAY_LEN(hist)), 2);
    assert_int_equal(hist[1], MID_SCREEN_RESULT);
    assert_true(fake_ui_saw(ui, MID_SCREEN_RESULT));
    assert_false(fake_ui_saw(ui, MID_SCREEN_SCAN));
    ui->ops->beep(ui, 1);
    ui->ops->beep(ui, 0);
    ui->ops->beep(ui, 1);
    assert_int_equal(fake_ui_beeps(ui, 1), 2);
    assert_int_equal(fake_ui_beeps(ui, 0), 1);
    assert_int_equal(ui->ops->screenshot(ui, "x.png"), MID_OK);
    assert_int_equal(fake_ui_screenshots(ui), 1);
    /* operator screens: PIN state and a copy of the status info */
    {
        static mid_status_info si;
        memset(&si, 0, sizeof(si));
        snprintf(si.kiosk_id, sizeof(si.kiosk_id), "%s", "KIOSK-0042");
        si.n_keys = 2;
        base_model(&m, MID_SCREEN_PIN, MID_LANG_KO);
        m.pin_len = 3;
        m.pin_state = MID_PIN_WRONG;
        m.pin_tries_left = 2;
        m.purposes_offered = 0x5u;
        assert_int_equal(ui->ops->render(ui, &m), MID_OK);
        fr = fake_ui_last(ui);
        assert_int_equal(fr->pin_len, 3);
        assert_int_equal(fr->pin_state, MID_PIN_WRONG);
        assert_int_equal(fr->pin_tries_left, 2);
        assert_int_equal(fr->purposes_offered, 0x5u);
        assert_false(fr->has_status);
        m.screen = MID_SCREEN_STATUS;
        m.status = &si;
        assert_int_equal(ui->ops->render(ui, &m), MID_OK);
        memset(&si, 0, sizeof(si));
        fr = fake_ui_last(ui);
        assert_true(fr->has_status);
        assert_string_equal(fr->status.kiosk_id, "KIOSK-0042");
        assert_int_equal(fr->status.n_keys, 2);
    }
    fake_ui_fail_next_render(ui, MID_ERR_IO);
    assert_int_equal(ui->ops->render(ui, &m), MID_ERR_IO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(fake_ui_render_count(ui), 6);
    ui->ops->destroy(ui);
}

#ifdef MID_RELEASE
/* Release builds have no screenshots (a RESULT screenshot is personal
 * data) and no layout hooks: check the op refuses. */
static void test_release_no_screenshot(void **state)
{
    mid_sdl_config cfg;
    mid_ui *ui = NULL;
    mid_ui_model m;
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    mid_sdl_config_default(&cfg);
    cfg.width = W;
    cfg.height = H;
    cfg.fullscreen = 0;
    cfg.sound = 0;
    assert_int_equal(mid_ui_sdl_create(&cfg, &ui), MID_OK);
    base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->screenshot(ui, "/tmp/mid-release-shot.png"),
                     MID_ERR_ARG);
    ui->ops->destroy(ui);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_no_screenshot),
        cmocka_unit_test(test_fake_ui),
    };
    make_portrait();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#else
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
        cmocka_unit_test(test_personal_data_purged),
        cmocka_unit_test(test_hit_purpose),
        cmocka_unit_test(test_hit_request),
        cmocka_unit_test(test_hit_scan),
        cmocka_unit_test(test_hit_result),
        cmocka_unit_test(test_keys_purpose),
        cmocka_unit_test(test_keys_focus),
        cmocka_unit_test(test_keys_result),
        cmocka_unit_test(test_focus_ring),
        cmocka_unit_test(test_pin_screen),
        cmocka_unit_test(test_status_screen),
        cmocka_unit_test(test_status_full_store_fits),
        cmocka_unit_test(test_operator_entry),
        cmocka_unit_test(test_purposes_offered),
        cmocka_unit_test(test_quit),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_beep),
        cmocka_unit_test(test_fake_ui),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
#endif
