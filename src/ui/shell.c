/* mid-kiosk — the SDL UI shell: creates and destroys the window and the
 * renderer, and implements the mid_ui_ops on the modules below it —
 * draw.c (fonts, text, primitives), layout*.c (the screens), input.c
 * (events), sound.c (tones), png.c (screenshots).
 *
 * Drivers: whatever SDL picks from the environment. On the device the
 * service sets SDL_VIDEODRIVER=kmsdrm and SDL_RENDER_DRIVER=opengles2; tests
 * use SDL_VIDEODRIVER=dummy (software) or offscreen. Nothing here is X11
 * specific.
 *
 * Personal data: as soon as a screen other than RESULT is rendered (or a
 * RESULT of another person), draw.c wipes every personal texture and
 * SDL_ttf's glyphs (ui_draw_purge_personal). */
#include <stdlib.h>
#include <string.h>

#include "mid/mid_wipe.h"
#include "ui/draw.h"
#include "ui/input.h"
#include "ui/layout.h"
#include "ui/png.h"
#include "ui/shell.h"
#include "ui/sound.h"

#define UI_DEFAULT_W 1280
#define UI_DEFAULT_H 720

typedef struct mid_ui_sdl {
    mid_ui base; /* first: a mid_ui * is a mid_ui_sdl * */
    SDL_Window *win;
    SDL_Renderer *ren;
    /* The frame is drawn into this target and then copied to the screen,
     * so a screenshot reads the last frame even after a page flip. NULL in
     * release builds or when the renderer has no target support. */
    SDL_Texture *frame;
    int fullscreen;
    int ttf_init; /* what destroy must undo */
    ui_draw draw;
    ui_layout lay;
    ui_input in;
    ui_sound snd;
    uint32_t view_tag; /* hash of the view on screen, 0: none */
    int rendered;
    mid_screen screen;
    int test_clock; /* tests: use test_now_ms instead of SDL's ticks */
    int64_t test_now_ms;
} mid_ui_sdl;

void mid_sdl_config_default(mid_sdl_config *cfg)
{
    if (!cfg)
        return;
    memset(cfg, 0, sizeof(*cfg));
    cfg->width = 0;
    cfg->height = 0;
    cfg->fullscreen = 1;
    cfg->sound = 1;
    cfg->font_regular = NULL;
    cfg->font_bold = NULL;
}

static int64_t now_ms(const mid_ui_sdl *u)
{
    return u->test_clock ? u->test_now_ms : (int64_t)SDL_GetTicks64();
}

/* ------------------------------------------------------------------ */
/* output size, fonts and frame target                                  */

static mid_err ensure_size(mid_ui_sdl *u)
{
    int w = 0, h = 0;
    int same;
    mid_err err;
    if (SDL_GetRendererOutputSize(u->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        return MID_ERR_IO;
    same = w == u->draw.w && h == u->draw.h && u->draw.font[0][0];
    err = ui_draw_resize(&u->draw, w, h);
    if (err != MID_OK || same)
        return err;
#ifndef MID_RELEASE
    if (u->frame) {
        SDL_DestroyTexture(u->frame);
        u->frame = NULL;
    }
    if (SDL_RenderTargetSupported(u->ren))
        u->frame = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
                                     SDL_TEXTUREACCESS_TARGET, w, h);
#endif
    return MID_OK;
}

static uint32_t view_hash(const mid_view *v)
{
    const unsigned char *p = (const unsigned char *)v;
    uint32_t h = 2166136261u;
    for (size_t i = 0; i < sizeof(*v); i++)
        h = (h ^ p[i]) * 16777619u;
    return h ? h : 1u;
}

/* Everything that may show a person goes when RESULT is not on screen
 * (or when it shows another person). */
static void purge_personal(mid_ui_sdl *u)
{
    u->view_tag = 0;
    ui_draw_purge_personal(&u->draw);
}

/* ------------------------------------------------------------------ */
/* ops                                                                  */

static mid_err sdl_render(mid_ui *ui, const mid_ui_model *m)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    mid_err err;
    if (!u || !m || (unsigned)m->screen > (unsigned)MID_SCREEN_STATUS)
        return MID_ERR_ARG;
    if (m->screen != MID_SCREEN_RESULT) {
        purge_personal(u);
    } else {
        /* a different result right after this one: not a trace of the
         * previous person may stay (the tag is wiped with the rest) */
        uint32_t tag = m->view ? view_hash(m->view) : 1u;
        if (u->view_tag != 0 && tag != u->view_tag)
            purge_personal(u);
        u->view_tag = tag;
    }
    if (m->screen != MID_SCREEN_SCAN)
        ui_draw_preview_drop(&u->draw);
    err = ensure_size(u);
    if (err != MID_OK)
        return err;
    if (u->frame)
        SDL_SetRenderTarget(u->ren, u->frame);
    ui_layout_draw(&u->draw, &u->lay, m);
    if (u->frame) {
        SDL_SetRenderTarget(u->ren, NULL);
        SDL_RenderCopy(u->ren, u->frame, NULL, NULL);
    }
    SDL_RenderPresent(u->ren);
    if (u->screen != m->screen)
        ui_input_screen_changed(&u->in);
    u->screen = m->screen;
    u->rendered = 1;
    return MID_OK;
}

/* Window points to renderer pixels (they differ on high-DPI outputs). */
static void to_pixels(const mid_ui_sdl *u, Sint32 *x, Sint32 *y)
{
    int ww = 0, wh = 0;
    SDL_GetWindowSize(u->win, &ww, &wh);
    if (ww > 0 && wh > 0 && u->draw.w > 0 && u->draw.h > 0) {
        *x = (Sint32)((int64_t)*x * u->draw.w / ww);
        *y = (Sint32)((int64_t)*y * u->draw.h / wh);
    }
}

static mid_ui_event sdl_poll(mid_ui *ui, const mid_ui_model *m)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    SDL_Event e;
    mid_ui_event none = {MID_EV_NONE, 0};
    (void)m; /* the app, not the UI, says what a key means on a screen */
    if (!u)
        return none;
    while (SDL_PollEvent(&e)) {
        mid_ui_event ev;
        if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP)
            to_pixels(u, &e.button.x, &e.button.y);
        else if (e.type == SDL_MOUSEMOTION)
            to_pixels(u, &e.motion.x, &e.motion.y);
        ev = ui_input_event(&u->in, &u->lay, &e, now_ms(u));
        if (ev.kind != MID_EV_NONE)
            return ev;
    }
    return ui_input_tick(&u->in, now_ms(u));
}

#ifndef MID_RELEASE
static mid_err read_rgb(mid_ui_sdl *u, SDL_Rect r, uint8_t *out, size_t cap)
{
    int rc;
    if (!u->rendered || r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 ||
        r.x + r.w > u->draw.w || r.y + r.h > u->draw.h)
        return MID_ERR_ARG;
    if (cap < (size_t)r.w * (size_t)r.h * 3u)
        return MID_ERR_BUFFER;
    if (u->frame)
        SDL_SetRenderTarget(u->ren, u->frame);
    rc = SDL_RenderReadPixels(u->ren, &r, SDL_PIXELFORMAT_RGB24, out,
                              r.w * 3);
    if (u->frame)
        SDL_SetRenderTarget(u->ren, NULL);
    return rc == 0 ? MID_OK : MID_ERR_IO;
}
#endif

static mid_err sdl_screenshot(mid_ui *ui, const char *png_path)
{
#ifdef MID_RELEASE
    /* a screenshot of RESULT is personal data: not in release builds */
    (void)ui;
    (void)png_path;
    return MID_ERR_ARG;
#else
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    SDL_Rect all;
    uint8_t *buf;
    size_t n;
    mid_err err;
    if (!u || !png_path || !u->rendered)
        return MID_ERR_ARG;
    all.x = 0;
    all.y = 0;
    all.w = u->draw.w;
    all.h = u->draw.h;
    n = (size_t)all.w * (size_t)all.h * 3u;
    buf = malloc(n);
    if (!buf)
        return MID_ERR_NOMEM;
    err = read_rgb(u, all, buf, n);
    if (err == MID_OK)
        err = ui_png_write_rgb(png_path, buf, all.w, all.h,
                               (size_t)all.w * 3u);
    mid_wipe(buf, n);
    free(buf);
    return err;
#endif
}

static void sdl_beep(mid_ui *ui, int pass)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (u)
        ui_sound_beep(&u->snd, pass);
}

static void sdl_destroy(mid_ui *ui)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return;
    ui_draw_free(&u->draw);
    if (u->ren) {
        /* leave no frame behind: clear the target and the screen */
        if (u->frame) {
            SDL_SetRenderTarget(u->ren, u->frame);
            SDL_SetRenderDrawColor(u->ren, 0, 0, 0, 255);
            SDL_RenderClear(u->ren);
            SDL_SetRenderTarget(u->ren, NULL);
            SDL_DestroyTexture(u->frame);
        }
        SDL_SetRenderDrawColor(u->ren, 0, 0, 0, 255);
        SDL_RenderClear(u->ren);
        SDL_RenderPresent(u->ren);
    }
    if (u->ttf_init)
        TTF_Quit();
    ui_sound_close(&u->snd);
    if (u->ren)
        SDL_DestroyRenderer(u->ren);
    if (u->win)
        SDL_DestroyWindow(u->win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    mid_wipe(u, sizeof(*u));
    free(u);
}

static const struct mid_ui_ops k_sdl_ops = {
    "sdl",
    sdl_render,
    sdl_poll,
    sdl_screenshot,
    sdl_beep,
    sdl_destroy,
};

/* ------------------------------------------------------------------ */
/* create                                                               */

mid_err mid_ui_sdl_create(const mid_sdl_config *cfg, mid_ui **out)
{
    mid_sdl_config def;
    mid_ui_sdl *u = NULL;
    mid_err err = MID_ERR_IO;
    Uint32 flags = SDL_WINDOW_SHOWN | SDL_WINDOW_ALLOW_HIGHDPI;
    int w, h;
    if (!out)
        return MID_ERR_ARG;
    *out = NULL;
    if (!cfg) {
        mid_sdl_config_default(&def);
        cfg = &def;
    }
    u = calloc(1, sizeof(*u));
    if (!u)
        return MID_ERR_NOMEM;
    u->base.ops = &k_sdl_ops;
    ui_input_init(&u->in);
    u->fullscreen = cfg->fullscreen != 0;
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        goto fail_free;
    if (TTF_Init() != 0) /* reference counted */
        goto fail_video;
    u->ttf_init = 1;
    if (!ui_draw_choose_font(&u->draw, UI_REG, cfg->font_regular)) {
        err = MID_ERR_CONFIG;
        goto fail;
    }
    /* no bold face installed: the regular one still reads */
    if (!ui_draw_choose_font(&u->draw, UI_BOLD, cfg->font_bold)) {
        memcpy(u->draw.font_path[UI_BOLD], u->draw.font_path[UI_REG],
               sizeof(u->draw.font_path[UI_BOLD]));
        u->draw.font_face[UI_BOLD] = u->draw.font_face[UI_REG];
    }
    w = cfg->width;
    h = cfg->height;
    if (u->fullscreen) {
        if (w <= 0 || h <= 0)
            flags |= SDL_WINDOW_FULLSCREEN_DESKTOP;
        else
            flags |= SDL_WINDOW_FULLSCREEN;
    }
    if (w <= 0 || h <= 0) {
        SDL_DisplayMode dm;
        if (u->fullscreen && SDL_GetDesktopDisplayMode(0, &dm) == 0) {
            w = dm.w;
            h = dm.h;
        } else {
            w = UI_DEFAULT_W;
            h = UI_DEFAULT_H;
        }
    }
    u->win = SDL_CreateWindow("mid-kiosk", SDL_WINDOWPOS_UNDEFINED,
                              SDL_WINDOWPOS_UNDEFINED, w, h, flags);
    if (!u->win)
        goto fail;
    u->ren = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_ACCELERATED);
    if (!u->ren)
        u->ren = SDL_CreateRenderer(u->win, -1, SDL_RENDERER_SOFTWARE);
    if (!u->ren)
        goto fail;
    u->draw.ren = u->ren;
    if (u->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    err = ensure_size(u);
    if (err != MID_OK)
        goto fail;
    if (cfg->sound)
        ui_sound_open(&u->snd);
    *out = &u->base;
    return MID_OK;
fail:
    /* destroy undoes TTF and video too */
    sdl_destroy(&u->base);
    return err;
fail_video:
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
fail_free:
    free(u);
    return err;
}

/* ------------------------------------------------------------------ */
/* test hooks                                                           */

#ifndef MID_RELEASE
int mid_ui_sdl_region(mid_ui *ui, mid_ui_region reg, SDL_Rect *out)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u || (unsigned)reg >= MID_UI_REGION_COUNT ||
        !(u->lay.region_mask & (1u << reg)))
        return 0;
    if (out)
        *out = u->lay.region[reg];
    return 1;
}

int mid_ui_sdl_button(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg,
                      SDL_Rect *out)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return 0;
    for (int i = 0; i < u->lay.n_buttons; i++)
        if (u->lay.buttons[i].ev.kind == kind &&
            u->lay.buttons[i].ev.arg == arg) {
            if (out)
                *out = u->lay.buttons[i].r;
            return 1;
        }
    return 0;
}

mid_err mid_ui_sdl_read_rgb(mid_ui *ui, SDL_Rect r, uint8_t *out, size_t cap)
{
    if (!ui || !out)
        return MID_ERR_ARG;
    return read_rgb((mid_ui_sdl *)ui, r, out, cap);
}

unsigned mid_ui_sdl_personal_cached(mid_ui *ui)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    return u ? ui_draw_personal_cached(&u->draw) : 0u;
}

void mid_ui_sdl_set_clock(mid_ui *ui, int64_t now)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return;
    u->test_clock = now >= 0;
    u->test_now_ms = now;
}

void mid_ui_sdl_status_fit(mid_ui *ui, int *keys_drawn, int *rows_cut)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (keys_drawn)
        *keys_drawn = u ? u->lay.status_keys_drawn : 0;
    if (rows_cut)
        *rows_cut = u ? u->lay.status_rows_cut : 0;
}

const char *mid_ui_sdl_renderer_name(mid_ui *ui)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    SDL_RendererInfo info;
    if (!u || !u->ren || SDL_GetRendererInfo(u->ren, &info) != 0)
        return "?";
    return info.name;
}
#endif
