/* mid-kiosk — SDL2 + SDL2_ttf UI adapter: window and renderer, fonts,
 * rendered-text cache, drawing primitives, input, sound and screenshots.
 * What each screen shows lives in layout.c.
 *
 * Drivers: whatever SDL picks from the environment. On the device the
 * service sets SDL_VIDEODRIVER=kmsdrm and SDL_RENDER_DRIVER=opengles2; tests
 * use SDL_VIDEODRIVER=dummy (software) or offscreen. Nothing here is X11
 * specific.
 *
 * Personal data: text textures of names, RRNs, dates and licence numbers
 * are marked personal, kept in streaming textures and zeroed + destroyed as
 * soon as a screen other than RESULT is rendered; SDL_ttf's glyph caches are
 * flushed at the same moment, and the portrait texture is zeroed too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_payload.h"
#include "mid/mid_wipe.h"
#include "ui/sdl_private.h"

#define UI_DEFAULT_W 1280
#define UI_DEFAULT_H 720
#define UI_AUDIO_RATE 48000

/* NanumGothic first: each opened size of the Noto CJK collection costs
 * 1-2.6 MB, which took the kiosk to 53 MB resident against a 40 MB target;
 * with Nanum it measured 27 MB (docs/benchmarks.md). Nanum is also the far
 * smaller package in the firmware image. */
static const char *const k_font_default[UI_WEIGHT_COUNT][2] = {
    {"/usr/share/fonts/truetype/nanum/NanumGothic.ttf",
     "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"},
    {"/usr/share/fonts/truetype/nanum/NanumGothicBold.ttf",
     "/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"},
};

/* Height divisors of the type sizes: at 720 px that is 21/27/36/51/90 px,
 * readable from a metre away; 16 px only where the operator reads the
 * status screen up close. */
static const int k_size_div[UI_SIZE_COUNT] = {44, 34, 26, 20, 14, 8};

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

/* ------------------------------------------------------------------ */
/* fonts                                                                */

/* Type is sized from the height, but never wider than a 16:9 (landscape)
 * or 4:3 (portrait) screen of that width would allow. */
static int size_basis(int w, int h)
{
    int b = h;
    int limit = (h > w) ? (w * 3) / 4 : (w * 9) / 16;
    if (limit < b)
        b = limit;
    return b < 120 ? 120 : b;
}

int ui_font_px(const mid_ui_sdl *u, ui_size s)
{
    int px = size_basis(u->w, u->h) / k_size_div[s];
    return px < 10 ? 10 : px;
}

static int file_readable(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return 0;
    fclose(f);
    return 1;
}

/* Collections (.ttc) hold one face per language; pick the Korean one
 * ("Noto Sans CJK KR" is face 1 of Debian's Noto CJK). */
static int korean_face(const char *path)
{
    TTF_Font *f = TTF_OpenFontIndex(path, 12, 0);
    long faces;
    int pick = 0;
    if (!f)
        return -1;
    faces = TTF_FontFaces(f);
    TTF_CloseFont(f);
    for (long i = (faces > 1 ? 1 : 0); i < faces && i < 32; i++) {
        TTF_Font *g = TTF_OpenFontIndex(path, 12, i);
        const char *fam = g ? TTF_FontFaceFamilyName(g) : NULL;
        int kr = fam && strstr(fam, " KR") != NULL;
        if (g)
            TTF_CloseFont(g);
        if (kr) {
            pick = (int)i;
            break;
        }
    }
    return pick;
}

static int choose_font(mid_ui_sdl *u, ui_weight wt, const char *configured)
{
    const char *cand[3];
    int n = 0;
    if (configured && configured[0])
        cand[n++] = configured;
    cand[n++] = k_font_default[wt][0];
    cand[n++] = k_font_default[wt][1];
    for (int i = 0; i < n; i++) {
        int face;
        if (!file_readable(cand[i]))
            continue;
        face = korean_face(cand[i]);
        if (face < 0)
            continue;
        if ((size_t)snprintf(u->font_path[wt], sizeof(u->font_path[wt]), "%s",
                             cand[i]) >= sizeof(u->font_path[wt]))
            continue;
        u->font_face[wt] = face;
        return 1;
    }
    return 0;
}

static void fonts_close(mid_ui_sdl *u)
{
    for (int wt = 0; wt < UI_WEIGHT_COUNT; wt++)
        for (int s = 0; s < UI_SIZE_COUNT; s++) {
            if (u->font[wt][s])
                TTF_CloseFont(u->font[wt][s]);
            u->font[wt][s] = NULL;
        }
}

static mid_err fonts_open(mid_ui_sdl *u)
{
    fonts_close(u);
    for (int wt = 0; wt < UI_WEIGHT_COUNT; wt++)
        for (int s = 0; s < UI_SIZE_COUNT; s++) {
            TTF_Font *f = TTF_OpenFontIndex(u->font_path[wt],
                                            ui_font_px(u, (ui_size)s),
                                            u->font_face[wt]);
            if (!f)
                return MID_ERR_IO;
            TTF_SetFontHinting(f, TTF_HINTING_LIGHT);
            u->font[wt][s] = f;
        }
    return MID_OK;
}

/* SDL_ttf keeps rasterised glyphs per font; setting the hinting again
 * flushes that cache, so no glyph of a name outlives the result. */
static void fonts_flush_glyphs(mid_ui_sdl *u)
{
    for (int wt = 0; wt < UI_WEIGHT_COUNT; wt++)
        for (int s = 0; s < UI_SIZE_COUNT; s++)
            if (u->font[wt][s])
                TTF_SetFontHinting(u->font[wt][s],
                                   TTF_GetFontHinting(u->font[wt][s]));
}

int ui_line_h(mid_ui_sdl *u, ui_weight wt, ui_size s)
{
    return TTF_FontLineSkip(u->font[wt][s]);
}

int ui_ascent(mid_ui_sdl *u, ui_weight wt, ui_size s)
{
    return TTF_FontAscent(u->font[wt][s]);
}

int ui_text_w(mid_ui_sdl *u, ui_weight wt, ui_size s, const char *str)
{
    int w = 0, h = 0;
    if (!str || !str[0])
        return 0;
    if (TTF_SizeUTF8(u->font[wt][s], str, &w, &h) != 0)
        return 0;
    return w;
}

ui_size ui_fit(mid_ui_sdl *u, ui_weight wt, ui_size hi, ui_size lo,
               const char *s, int max_w)
{
    for (int z = (int)hi; z > (int)lo; z--)
        if (ui_text_w(u, wt, (ui_size)z, s) <= max_w)
            return (ui_size)z;
    return lo;
}

/* ------------------------------------------------------------------ */
/* rendered-text cache                                                  */

static uint32_t text_hash(const char *s, ui_weight wt, ui_size sz,
                          uint32_t rgba, int wrap)
{
    uint32_t h = 2166136261u;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        h = (h ^ *p) * 16777619u;
    h = (h ^ (uint32_t)wt) * 16777619u;
    h = (h ^ (uint32_t)sz) * 16777619u;
    h = (h ^ rgba) * 16777619u;
    h = (h ^ (uint32_t)wrap) * 16777619u;
    return h;
}

/* Zeroes a streaming texture's pixels before it is freed. */
static void texture_wipe_destroy(SDL_Texture *t)
{
    void *px = NULL;
    int pitch = 0, h = 0;
    if (!t)
        return;
    if (SDL_QueryTexture(t, NULL, NULL, NULL, &h) == 0 &&
        SDL_LockTexture(t, NULL, &px, &pitch) == 0) {
        mid_wipe(px, (size_t)pitch * (size_t)h);
        SDL_UnlockTexture(t);
    }
    SDL_DestroyTexture(t);
}

static void entry_free(mid_ui_sdl *u, ui_text_entry *e)
{
    if (e->tex) {
        if (e->personal)
            texture_wipe_destroy(e->tex);
        else
            SDL_DestroyTexture(e->tex);
    }
    if (e->personal && u->personal_entries > 0)
        u->personal_entries--;
    mid_wipe(e, sizeof(*e));
}

static void cache_clear(mid_ui_sdl *u, int personal_only)
{
    for (int i = 0; i < UI_TEXT_CACHE; i++) {
        ui_text_entry *e = &u->cache[i];
        if (e->tex && (!personal_only || e->personal))
            entry_free(u, e);
    }
}

static void surface_free(SDL_Surface *s, int personal)
{
    if (!s)
        return;
    if (personal && s->pixels && SDL_LockSurface(s) == 0) {
        mid_wipe(s->pixels, (size_t)s->pitch * (size_t)s->h);
        SDL_UnlockSurface(s);
    }
    SDL_FreeSurface(s);
}

/* Texture of a surface; personal ones are streaming so they can be wiped. */
static SDL_Texture *texture_of(mid_ui_sdl *u, SDL_Surface *s, int personal)
{
    SDL_Texture *t;
    SDL_Surface *conv = NULL;
    if (!personal) {
        t = SDL_CreateTextureFromSurface(u->ren, s);
        if (t)
            SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        return t;
    }
    if (s->format->format != SDL_PIXELFORMAT_ARGB8888) {
        conv = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
        if (!conv)
            return NULL;
        s = conv;
    }
    t = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
                          SDL_TEXTUREACCESS_STREAMING, s->w, s->h);
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        if (SDL_UpdateTexture(t, NULL, s->pixels, s->pitch) != 0) {
            SDL_DestroyTexture(t);
            t = NULL;
        }
    }
    surface_free(conv, 1);
    return t;
}

static SDL_Surface *text_surface(mid_ui_sdl *u, ui_weight wt, ui_size sz,
                                 SDL_Color c, const char *s, int wrap,
                                 int align)
{
    TTF_Font *f = u->font[wt][sz];
    if (wrap > 0) {
        int wa = (align & UI_AL_CENTER)  ? TTF_WRAPPED_ALIGN_CENTER
                 : (align & UI_AL_RIGHT) ? TTF_WRAPPED_ALIGN_RIGHT
                                         : TTF_WRAPPED_ALIGN_LEFT;
        TTF_SetFontWrappedAlign(f, wa);
        return TTF_RenderUTF8_Blended_Wrapped(f, s, c, (Uint32)wrap);
    }
    return TTF_RenderUTF8_Blended(f, s, c);
}

static ui_text_entry *cache_slot(mid_ui_sdl *u)
{
    ui_text_entry *victim = &u->cache[0];
    for (int i = 0; i < UI_TEXT_CACHE; i++) {
        ui_text_entry *e = &u->cache[i];
        if (!e->tex)
            return e;
        if (e->used < victim->used)
            victim = e;
    }
    entry_free(u, victim);
    return victim;
}

SDL_Rect ui_text(mid_ui_sdl *u, ui_weight wt, ui_size sz, SDL_Color c,
                 const char *s, int x, int y, int align, int wrap_w,
                 int personal)
{
    SDL_Rect dst = {x, y, 0, 0};
    uint32_t rgba = ((uint32_t)c.r << 24) | ((uint32_t)c.g << 16) |
                    ((uint32_t)c.b << 8) | c.a;
    int wrap = 0;
    size_t len;
    uint32_t hash;
    ui_text_entry *hit = NULL;
    SDL_Texture *tex;
    int tw, th;
    if (!s || !s[0])
        return dst;
    /* Wrap only what does not fit; the alignment flag is part of a wrapped
     * texture, so it joins the key. */
    if (wrap_w > 0 && ui_text_w(u, wt, sz, s) > wrap_w)
        wrap = wrap_w | ((align & 0x3) << 24);
    len = strlen(s);
    hash = text_hash(s, wt, sz, rgba, wrap);
    if (len <= UI_TEXT_MAX) {
        for (int i = 0; i < UI_TEXT_CACHE; i++) {
            ui_text_entry *e = &u->cache[i];
            if (e->tex && e->hash == hash && e->rgba == rgba &&
                e->wrap == wrap && e->weight == (uint8_t)wt &&
                e->size == (uint8_t)sz && strcmp(e->key, s) == 0) {
                hit = e;
                break;
            }
        }
    }
    if (hit) {
        hit->used = ++u->tick;
        tex = hit->tex;
        tw = hit->w;
        th = hit->h;
    } else {
        SDL_Surface *surf = text_surface(u, wt, sz, c, s, wrap & 0xFFFFFF,
                                         align);
        if (!surf)
            return dst;
        tex = texture_of(u, surf, personal);
        tw = surf->w;
        th = surf->h;
        surface_free(surf, personal);
        if (!tex)
            return dst;
        if (len <= UI_TEXT_MAX) {
            ui_text_entry *e = cache_slot(u);
            e->tex = tex;
            e->w = tw;
            e->h = th;
            e->hash = hash;
            e->rgba = rgba;
            e->wrap = wrap;
            e->weight = (uint8_t)wt;
            e->size = (uint8_t)sz;
            e->personal = personal;
            e->used = ++u->tick;
            memcpy(e->key, s, len + 1);
            if (personal)
                u->personal_entries++;
        }
    }
    dst.w = tw;
    dst.h = th;
    if (align & UI_AL_CENTER)
        dst.x = x - tw / 2;
    else if (align & UI_AL_RIGHT)
        dst.x = x - tw;
    if (align & UI_AV_MIDDLE)
        dst.y = y - th / 2;
    else if (align & UI_AV_BOTTOM)
        dst.y = y - th;
    SDL_RenderCopy(u->ren, tex, NULL, &dst);
    if (personal)
        u->glyphs_dirty = 1;
    if (!hit && len > UI_TEXT_MAX) {
        if (personal)
            texture_wipe_destroy(tex);
        else
            SDL_DestroyTexture(tex);
    }
    return dst;
}

/* ------------------------------------------------------------------ */
/* primitives (work on every renderer; single-threaded like all SDL)    */

/* Curved shapes are drawn as horizontal spans (one filled rectangle per
 * pixel row of a curve): exact, seamless, and fast on the software renderer
 * as well as on GLES. Only thick lines go through SDL_RenderGeometry. */
#define UI_MAX_SPANS 1024

/* Opaque colours skip blending: the software renderer fills much faster. */
static void draw_colour(mid_ui_sdl *u, SDL_Color c)
{
    SDL_SetRenderDrawBlendMode(u->ren, c.a == 0xFF ? SDL_BLENDMODE_NONE
                                                   : SDL_BLENDMODE_BLEND);
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, c.a);
}

typedef struct spans {
    SDL_Rect r[UI_MAX_SPANS];
    int n;
} spans;

static void span_add(spans *s, int x0, int x1, int y, int h)
{
    if (x1 <= x0 || h <= 0 || s->n >= UI_MAX_SPANS)
        return;
    s->r[s->n].x = x0;
    s->r[s->n].y = y;
    s->r[s->n].w = x1 - x0;
    s->r[s->n].h = h;
    s->n++;
}

static void span_flush(mid_ui_sdl *u, spans *s, SDL_Color c)
{
    if (s->n == 0)
        return;
    draw_colour(u, c);
    SDL_RenderFillRects(u->ren, s->r, s->n);
    s->n = 0;
}

void ui_fill(mid_ui_sdl *u, SDL_Rect r, SDL_Color c)
{
    if (r.w <= 0 || r.h <= 0)
        return;
    draw_colour(u, c);
    SDL_RenderFillRect(u->ren, &r);
}

/* How far a rounded rectangle of height h and corner radius q is inset
 * from its side at the row whose centre is rc (0..h). */
static int round_inset(float rc, int h, int q)
{
    float dy;
    if (q <= 0)
        return 0;
    if (rc < (float)q)
        dy = (float)q - rc;
    else if (rc > (float)(h - q))
        dy = rc - (float)(h - q);
    else
        return 0;
    if (dy >= (float)q)
        return q;
    return (int)lroundf((float)q - sqrtf((float)q * (float)q - dy * dy));
}

static int clamp_radius(SDL_Rect r, int radius)
{
    int lim = (r.w < r.h ? r.w : r.h) / 2;
    if (radius > lim)
        radius = lim;
    if (radius > UI_MAX_SPANS / 8)
        radius = UI_MAX_SPANS / 8;
    return radius < 0 ? 0 : radius;
}

void ui_round(mid_ui_sdl *u, SDL_Rect r, int radius, SDL_Color c)
{
    static spans s;
    int q = clamp_radius(r, radius);
    if (r.w <= 0 || r.h <= 0)
        return;
    s.n = 0;
    for (int j = 0; j < q; j++) {
        int in = round_inset((float)j + 0.5f, r.h, q);
        span_add(&s, r.x + in, r.x + r.w - in, r.y + j, 1);
        span_add(&s, r.x + in, r.x + r.w - in, r.y + r.h - 1 - j, 1);
    }
    span_add(&s, r.x, r.x + r.w, r.y + q, r.h - 2 * q);
    span_flush(u, &s, c);
}

void ui_round_frame(mid_ui_sdl *u, SDL_Rect r, int radius, int thick,
                    SDL_Color c)
{
    static spans s;
    int q = clamp_radius(r, radius);
    int qi = q - thick < 0 ? 0 : q - thick;
    int ih = r.h - 2 * thick;
    if (r.w <= 2 * thick || ih <= 0) {
        ui_round(u, r, radius, c);
        return;
    }
    s.n = 0;
    /* rows of the top and bottom edges and curves */
    for (int j = 0; j < (q > thick ? q : thick); j++) {
        for (int side = 0; side < 2; side++) {
            int y = side ? r.y + r.h - 1 - j : r.y + j;
            float rc = (float)j + 0.5f;
            int xo = round_inset(rc, r.h, q);
            if (j < thick) {
                span_add(&s, r.x + xo, r.x + r.w - xo, y, 1);
            } else {
                int xi = thick + round_inset(rc - (float)thick, ih, qi);
                span_add(&s, r.x + xo, r.x + xi, y, 1);
                span_add(&s, r.x + r.w - xi, r.x + r.w - xo, y, 1);
            }
        }
    }
    {
        int top = q > thick ? q : thick;
        span_add(&s, r.x, r.x + thick, r.y + top, r.h - 2 * top);
        span_add(&s, r.x + r.w - thick, r.x + r.w, r.y + top, r.h - 2 * top);
    }
    span_flush(u, &s, c);
}

static SDL_Vertex vtx(float x, float y, SDL_Color c)
{
    SDL_Vertex v;
    v.position.x = x;
    v.position.y = y;
    v.color = c;
    v.tex_coord.x = 0.0f;
    v.tex_coord.y = 0.0f;
    return v;
}

void ui_line(mid_ui_sdl *u, float x0, float y0, float x1, float y1,
             float thick, SDL_Color c)
{
    float dx = x1 - x0, dy = y1 - y0;
    float len = sqrtf(dx * dx + dy * dy);
    float nx, ny;
    SDL_Vertex v[4];
    const int idx[6] = {0, 1, 2, 2, 1, 3};
    if (len <= 0.0f)
        return;
    nx = -dy / len * thick / 2.0f;
    ny = dx / len * thick / 2.0f;
    v[0] = vtx(x0 + nx, y0 + ny, c);
    v[1] = vtx(x0 - nx, y0 - ny, c);
    v[2] = vtx(x1 + nx, y1 + ny, c);
    v[3] = vtx(x1 - nx, y1 - ny, c);
    draw_colour(u, c);
    SDL_RenderGeometry(u->ren, NULL, v, 4, idx, 6);
    /* round caps so joined strokes (the check mark) have no notch */
    ui_disc(u, x0, y0, thick / 2.0f, c);
    ui_disc(u, x1, y1, thick / 2.0f, c);
}

/* Spans of a ring between radii ri (0: a disc) and ro around (cx, cy). */
static void ring_spans(mid_ui_sdl *u, float cx, float cy, float ro, float ri,
                       SDL_Color c)
{
    static spans s;
    int y0 = (int)floorf(cy - ro), y1 = (int)ceilf(cy + ro);
    s.n = 0;
    for (int y = y0; y < y1; y++) {
        float dy = (float)y + 0.5f - cy;
        float ho, hi;
        if (dy * dy >= ro * ro)
            continue;
        ho = sqrtf(ro * ro - dy * dy);
        if (ri > 0.0f && dy * dy < ri * ri) {
            hi = sqrtf(ri * ri - dy * dy);
            span_add(&s, (int)lroundf(cx - ho), (int)lroundf(cx - hi), y, 1);
            span_add(&s, (int)lroundf(cx + hi), (int)lroundf(cx + ho), y, 1);
        } else {
            span_add(&s, (int)lroundf(cx - ho), (int)lroundf(cx + ho), y, 1);
        }
    }
    span_flush(u, &s, c);
}

void ui_disc(mid_ui_sdl *u, float cx, float cy, float r, SDL_Color c)
{
    ring_spans(u, cx, cy, r, 0.0f, c);
}

void ui_ring(mid_ui_sdl *u, float cx, float cy, float r, float thick,
             SDL_Color c)
{
    ring_spans(u, cx, cy, r, r - thick, c);
}

void ui_add_button(mid_ui_sdl *u, SDL_Rect r, mid_ui_event_kind kind,
                   uint32_t arg, int focus_index, int enabled)
{
    ui_button *b;
    if (u->n_buttons >= UI_MAX_BUTTONS)
        return;
    b = &u->buttons[u->n_buttons++];
    b->r = r;
    b->ev.kind = kind;
    b->ev.arg = arg;
    b->focus_index = focus_index;
    b->enabled = enabled;
    if (focus_index >= u->focus_count)
        u->focus_count = focus_index + 1;
}

void ui_set_region(mid_ui_sdl *u, mid_ui_region reg, SDL_Rect r)
{
    if ((unsigned)reg >= MID_UI_REGION_COUNT)
        return;
    u->region[reg] = r;
    u->region_mask |= 1u << reg;
}

/* ------------------------------------------------------------------ */
/* images                                                               */

static void preview_drop(mid_ui_sdl *u)
{
    if (u->preview)
        texture_wipe_destroy(u->preview);
    u->preview = NULL;
    u->preview_w = u->preview_h = 0;
    u->preview_loaded = 0;
}

static void portrait_drop(mid_ui_sdl *u)
{
    if (u->portrait)
        texture_wipe_destroy(u->portrait);
    u->portrait = NULL;
}

static void fit_rect(int sw, int sh, SDL_Rect box, SDL_Rect *out)
{
    /* largest sw:sh rectangle inside box, centred */
    int w = box.w, h = (int)((int64_t)box.w * sh / sw);
    if (h > box.h) {
        h = box.h;
        w = (int)((int64_t)box.h * sw / sh);
    }
    out->x = box.x + (box.w - w) / 2;
    out->y = box.y + (box.h - h) / 2;
    out->w = w;
    out->h = h;
}

int ui_preview(mid_ui_sdl *u, const mid_frame *f, SDL_Rect box,
               SDL_Rect *drawn)
{
    if (f && f->luma && f->width > 0 && f->height > 0 &&
        f->width <= MID_CAMERA_MAX_W && f->height <= MID_CAMERA_MAX_H &&
        f->stride >= f->width) {
        void *px;
        int pitch;
        if (!u->preview || u->preview_w != (int)f->width ||
            u->preview_h != (int)f->height) {
            preview_drop(u);
            u->preview = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
                                           SDL_TEXTUREACCESS_STREAMING,
                                           (int)f->width, (int)f->height);
            if (!u->preview)
                return 0;
            SDL_SetTextureScaleMode(u->preview, SDL_ScaleModeLinear);
            u->preview_w = (int)f->width;
            u->preview_h = (int)f->height;
        }
        if (SDL_LockTexture(u->preview, NULL, &px, &pitch) == 0) {
            for (uint32_t y = 0; y < f->height; y++) {
                const uint8_t *src = f->luma + (size_t)y * f->stride;
                uint32_t *dst =
                    (uint32_t *)(void *)((uint8_t *)px + (size_t)y *
                                                             (size_t)pitch);
                for (uint32_t x = 0; x < f->width; x++)
                    dst[x] = 0xFF000000u | (uint32_t)src[x] * 0x010101u;
            }
            SDL_UnlockTexture(u->preview);
            u->preview_loaded = 1;
        }
    }
    if (!u->preview || !u->preview_loaded)
        return 0;
    fit_rect(u->preview_w, u->preview_h, box, drawn);
    SDL_RenderCopy(u->ren, u->preview, NULL, drawn);
    return 1;
}

int ui_portrait(mid_ui_sdl *u, const uint8_t *p, size_t len, SDL_Rect box,
                SDL_Rect *drawn)
{
    unsigned pw = 0, ph = 0;
    int scale;
    void *px;
    int pitch;
    SDL_Rect src;
    if (!p || mid_portrait_check(p, len, &pw, &ph) != MID_OK || pw == 0 ||
        ph == 0 || pw > MID_MAX_PORTRAIT_W || ph > MID_MAX_PORTRAIT_H)
        return 0;
    if (!u->portrait) {
        u->portrait = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
                                        SDL_TEXTUREACCESS_STREAMING,
                                        (int)MID_MAX_PORTRAIT_W,
                                        (int)MID_MAX_PORTRAIT_H);
        if (!u->portrait)
            return 0;
        SDL_SetTextureScaleMode(u->portrait, SDL_ScaleModeNearest);
    }
    src.x = 0;
    src.y = 0;
    src.w = (int)pw;
    src.h = (int)ph;
    if (SDL_LockTexture(u->portrait, &src, &px, &pitch) != 0)
        return 0;
    for (unsigned y = 0; y < ph; y++) {
        uint32_t *dst =
            (uint32_t *)(void *)((uint8_t *)px + (size_t)y * (size_t)pitch);
        for (unsigned x = 0; x < pw; x++)
            dst[x] = 0xFF000000u |
                     (uint32_t)mid_portrait_pixel(p, pw, x, y) * 0x010101u;
    }
    SDL_UnlockTexture(u->portrait);
    /* whole factors keep every source pixel the same size */
    scale = box.w / (int)pw;
    if (box.h / (int)ph < scale)
        scale = box.h / (int)ph;
    if (scale < 1)
        scale = 1;
    drawn->w = (int)pw * scale;
    drawn->h = (int)ph * scale;
    drawn->x = box.x + (box.w - drawn->w) / 2;
    drawn->y = box.y + (box.h - drawn->h) / 2;
    SDL_RenderCopy(u->ren, u->portrait, &src, drawn);
    return 1;
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
    if (u->personal_entries > 0)
        cache_clear(u, 1);
    portrait_drop(u);
    if (u->glyphs_dirty) {
        fonts_flush_glyphs(u);
        u->glyphs_dirty = 0;
    }
}

/* ------------------------------------------------------------------ */
/* window size, fonts and frame target                                  */

static mid_err ensure_size(mid_ui_sdl *u)
{
    int w = 0, h = 0;
    mid_err err;
    if (SDL_GetRendererOutputSize(u->ren, &w, &h) != 0 || w <= 0 || h <= 0)
        return MID_ERR_IO;
    if (w == u->w && h == u->h && u->font[0][0])
        return MID_OK;
    u->w = w;
    u->h = h;
    cache_clear(u, 0);
    u->personal_entries = 0;
    err = fonts_open(u);
    if (err != MID_OK)
        return err;
#ifndef MID_RELEASE
    if (u->frame) {
        SDL_DestroyTexture(u->frame);
        u->frame = NULL;
    }
    if (SDL_RenderTargetSupported(u->ren)) {
        u->frame = SDL_CreateTexture(u->ren, SDL_PIXELFORMAT_ARGB8888,
                                     SDL_TEXTUREACCESS_TARGET, w, h);
        u->frame_w = w;
        u->frame_h = h;
    }
#endif
    return MID_OK;
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
        preview_drop(u);
    err = ensure_size(u);
    if (err != MID_OK)
        return err;
    u->n_buttons = 0;
    u->focus_count = 0;
    u->region_mask = 0;
    if (u->frame)
        SDL_SetRenderTarget(u->ren, u->frame);
    ui_layout_draw(u, m);
    if (u->frame) {
        SDL_SetRenderTarget(u->ren, NULL);
        SDL_RenderCopy(u->ren, u->frame, NULL, NULL);
    }
    SDL_RenderPresent(u->ren);
    if (u->screen != m->screen)
        u->pressed = -1;
    u->screen = m->screen;
    u->rendered = 1;
    return MID_OK;
}

static int hit(const mid_ui_sdl *u, int x, int y)
{
    for (int i = u->n_buttons - 1; i >= 0; i--) {
        const SDL_Rect *r = &u->buttons[i].r;
        if (x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h)
            return i;
    }
    return -1;
}

static int in_hold_corner(const mid_ui_sdl *u, int x, int y)
{
    const SDL_Rect *r = &u->region[MID_UI_REGION_HOLD];
    if (!(u->region_mask & (1u << MID_UI_REGION_HOLD)))
        return 0;
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}

/* Window points to renderer pixels (they differ on high-DPI outputs). */
static void to_pixels(const mid_ui_sdl *u, int *x, int *y)
{
    int ww = 0, wh = 0;
    SDL_GetWindowSize(u->win, &ww, &wh);
    if (ww > 0 && wh > 0 && u->w > 0 && u->h > 0) {
        *x = (int)((int64_t)*x * u->w / ww);
        *y = (int)((int64_t)*y * u->h / wh);
    }
}

static int focus_button(const mid_ui_sdl *u, int focus)
{
    for (int i = 0; i < u->n_buttons; i++)
        if (u->buttons[i].focus_index == focus)
            return i;
    return -1;
}

static int button_of(const mid_ui_sdl *u, mid_ui_event_kind kind)
{
    for (int i = 0; i < u->n_buttons; i++)
        if (u->buttons[i].ev.kind == kind)
            return i;
    return -1;
}

static mid_ui_event ev_make(mid_ui_event_kind k, uint32_t arg)
{
    mid_ui_event e;
    e.kind = k;
    e.arg = arg;
    return e;
}

/* Purpose of the k-th (from 0) offered card, or -1. */
static int nth_offered(uint32_t offered, int k)
{
    if (offered == 0)
        offered = (1u << MID_PURPOSE_COUNT) - 1u;
    for (int p = 0; p < (int)MID_PURPOSE_COUNT; p++)
        if (offered & (1u << p)) {
            if (k == 0)
                return p;
            k--;
        }
    return -1;
}

static int64_t ui_now_ms(const mid_ui_sdl *u)
{
    return u->test_clock ? u->test_now_ms : (int64_t)SDL_GetTicks64();
}

/* '*' and '#': keypads send the keypad codes, keyboards shift+8 / shift+3
 * (SDL reports the unshifted key and the modifier). */
static int is_star(SDL_Keycode sym, int shift)
{
    return sym == SDLK_KP_MULTIPLY || sym == SDLK_ASTERISK ||
           (sym == SDLK_8 && shift);
}

static int is_hash(SDL_Keycode sym, int shift)
{
    return sym == SDLK_KP_HASH || sym == SDLK_HASH || (sym == SDLK_3 && shift);
}

/* 0-9 of the digit row or the keypad, else -1. */
static int digit_of(SDL_Keycode sym)
{
    if (sym >= SDLK_0 && sym <= SDLK_9)
        return (int)(sym - SDLK_0);
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return (int)(sym - SDLK_KP_1) + 1;
    if (sym == SDLK_KP_0)
        return 0;
    return -1;
}

/* The PIN screen's own keys; 0 for the keys it shares with the others. */
static int pin_key(mid_ui_sdl *u, const mid_ui_model *m,
                   const SDL_KeyboardEvent *k, mid_ui_event *out)
{
    SDL_Keycode sym = k->keysym.sym;
    int rep = k->repeat != 0;
    int d = (k->keysym.mod & KMOD_SHIFT) ? -1 : digit_of(sym);
    int b;
    if (d >= 0) {
        b = button_of(u, MID_EV_PIN_DIGIT);
        *out = (!rep && (b < 0 || u->buttons[b].enabled))
                   ? ev_make(MID_EV_PIN_DIGIT, (uint32_t)d)
                   : ev_make(MID_EV_NONE, 0);
        return 1;
    }
    switch (sym) {
    case SDLK_BACKSPACE:
    case SDLK_KP_BACKSPACE:
    case SDLK_DELETE:
        b = button_of(u, MID_EV_PIN_ERASE);
        *out = (b < 0 || u->buttons[b].enabled) ? ev_make(MID_EV_PIN_ERASE, 0)
                                                : ev_make(MID_EV_NONE, 0);
        return 1;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
        /* 확인 is disabled with nothing typed or while locked */
        b = button_of(u, MID_EV_NEXT);
        *out = (!rep && (b < 0 ? m && m->pin_len > 0 : u->buttons[b].enabled))
                   ? ev_make(MID_EV_NEXT, 0)
                   : ev_make(MID_EV_NONE, 0);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        *out = rep ? ev_make(MID_EV_NONE, 0) : ev_make(MID_EV_BACK, 0);
        return 1;
    default:
        return 0;
    }
}

static mid_ui_event on_key(mid_ui_sdl *u, const mid_ui_model *m,
                           const SDL_KeyboardEvent *k)
{
    mid_screen scr = m ? m->screen : u->screen;
    int focus = m ? m->focus : -1;
    int rep = k->repeat != 0;
    SDL_Keycode sym = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    int ctrl_alt = (k->keysym.mod & KMOD_CTRL) && (k->keysym.mod & KMOD_ALT);
    int n = u->focus_count;
    mid_ui_event pe;
    /* operator combinations, on every screen (the app decides whether the
     * PIN screen may open) */
    if (sym == SDLK_F12 || (sym == SDLK_s && ctrl_alt))
        return rep ? ev_make(MID_EV_NONE, 0) : ev_make(MID_EV_OPERATOR, 0);
    if (is_star(sym, shift)) {
        if (!rep) {
            u->star_held = 1;
            u->star_since = ui_now_ms(u);
        }
        return ev_make(MID_EV_NONE, 0);
    }
    if (is_hash(sym, shift)) {
        int64_t held = ui_now_ms(u) - u->star_since;
        if (rep || !u->star_held || held > UI_STAR_HASH_MS)
            return ev_make(MID_EV_NONE, 0);
        u->star_held = 0;
        return ev_make(MID_EV_OPERATOR, 0);
    }
    if (scr == MID_SCREEN_PIN && pin_key(u, m, k, &pe))
        return pe;
    switch (sym) {
    case SDLK_1: case SDLK_2: case SDLK_3: case SDLK_4:
    case SDLK_KP_1: case SDLK_KP_2: case SDLK_KP_3: case SDLK_KP_4:
        /* the number on the card: the k-th purpose offered */
        if (scr == MID_SCREEN_PURPOSE && !rep) {
            int p = nth_offered(m ? m->purposes_offered : 0,
                                digit_of(sym) - 1);
            if (p >= 0)
                return ev_make(MID_EV_SELECT_PURPOSE, (uint32_t)p);
        }
        break;
    case SDLK_TAB:
        if (shift)
            goto prev;
        /* fall through */
    case SDLK_RIGHT:
    case SDLK_DOWN:
        /* arg: the index the focus moves to, wrapping (a convenience: the
         * app may as well count itself with the order in docs/ui.md) */
        return ev_make(MID_EV_FOCUS_NEXT,
                       n > 0 ? (uint32_t)((focus < 0 ? 0 : focus + 1) % n)
                             : 0u);
    case SDLK_LEFT:
    case SDLK_UP:
    prev:
        return ev_make(MID_EV_FOCUS_PREV,
                       n > 0 ? (uint32_t)((focus <= 0 ? n - 1 : focus - 1) %
                                          n)
                             : 0u);
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER: {
        int b;
        if (rep)
            break;
        /* REQUEST: Enter goes on (the focus only walks the toggles, so
         * ACTIVATE there could never reach 다음); Space toggles */
        if (scr == MID_SCREEN_REQUEST) {
            b = button_of(u, MID_EV_NEXT);
            return (b < 0 || u->buttons[b].enabled)
                       ? ev_make(MID_EV_NEXT, 0)
                       : ev_make(MID_EV_NONE, 0);
        }
        b = focus >= 0 ? focus_button(u, focus) : -1;
        if (b >= 0)
            return u->buttons[b].enabled
                       ? ev_make(MID_EV_ACTIVATE, (uint32_t)focus)
                       : ev_make(MID_EV_NONE, 0);
        if (scr == MID_SCREEN_PURPOSE)
            return ev_make(MID_EV_NEXT, 0);
        if (scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS)
            return ev_make(MID_EV_CLOSE, 0);
        break;
    }
    case SDLK_SPACE:
    case SDLK_KP_SPACE: {
        int b = focus >= 0 ? focus_button(u, focus) : -1;
        if (!rep && b >= 0 && u->buttons[b].enabled)
            return ev_make(MID_EV_ACTIVATE, (uint32_t)focus);
        break;
    }
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
    case SDLK_BACKSPACE:
        if (rep)
            break;
        return ev_make(scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS
                           ? MID_EV_CLOSE
                           : MID_EV_BACK,
                       0);
    case SDLK_EQUALS: /* shift+= is '+' on most layouts */
        if (!shift)
            break;
        /* fall through */
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_F5:
        if (!rep && scr == MID_SCREEN_RESULT && (!m || m->can_extend))
            return ev_make(MID_EV_EXTEND, 0);
        break;
    case SDLK_l:
        if (!rep)
            return ev_make(MID_EV_TOGGLE_LANG, 0);
        break;
    default:
        break;
    }
    return ev_make(MID_EV_NONE, 0);
}

static mid_ui_event sdl_poll(mid_ui *ui, const mid_ui_model *m)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    SDL_Event e;
    if (!u)
        return ev_make(MID_EV_NONE, 0);
    while (SDL_PollEvent(&e)) {
        mid_ui_event ev = ev_make(MID_EV_NONE, 0);
        switch (e.type) {
        case SDL_QUIT:
            ev = ev_make(MID_EV_QUIT, 0);
            break;
        case SDL_WINDOWEVENT:
            if (e.window.event == SDL_WINDOWEVENT_CLOSE)
                ev = ev_make(MID_EV_QUIT, 0);
            break;
        case SDL_KEYDOWN:
            ev = on_key(u, m, &e.key);
            break;
        case SDL_KEYUP:
            if (is_star(e.key.keysym.sym, 1))
                u->star_held = 0;
            break;
        case SDL_MOUSEBUTTONDOWN:
            /* touches arrive as mouse events too (SDL's default) */
            if (e.button.button == SDL_BUTTON_LEFT) {
                int x = e.button.x, y = e.button.y;
                to_pixels(u, &x, &y);
                u->pressed = hit(u, x, y);
                u->holding = u->pressed < 0 && in_hold_corner(u, x, y);
                u->hold_since = ui_now_ms(u);
            }
            break;
        case SDL_MOUSEMOTION:
            if (u->holding) {
                int x = e.motion.x, y = e.motion.y;
                to_pixels(u, &x, &y);
                u->holding = in_hold_corner(u, x, y);
            }
            break;
        case SDL_MOUSEBUTTONUP:
            if (e.button.button == SDL_BUTTON_LEFT) {
                int x = e.button.x, y = e.button.y;
                int b;
                to_pixels(u, &x, &y);
                b = hit(u, x, y);
                /* a press counts when it starts and ends on one button */
                if (b >= 0 && b == u->pressed && u->buttons[b].enabled)
                    ev = u->buttons[b].ev;
                u->pressed = -1;
                u->holding = 0;
            }
            break;
        default:
            break;
        }
        if (ev.kind != MID_EV_NONE)
            return ev;
    }
    /* the long press fires while the finger is still down, once */
    if (u->holding && ui_now_ms(u) - u->hold_since >= UI_HOLD_MS) {
        u->holding = 0;
        return ev_make(MID_EV_OPERATOR, 0);
    }
    return ev_make(MID_EV_NONE, 0);
}

#ifndef MID_RELEASE
static mid_err read_rgb(mid_ui_sdl *u, SDL_Rect r, uint8_t *out, size_t cap)
{
    int rc;
    if (!u->rendered || r.w <= 0 || r.h <= 0 || r.x < 0 || r.y < 0 ||
        r.x + r.w > u->w || r.y + r.h > u->h)
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
    all.w = u->w;
    all.h = u->h;
    n = (size_t)u->w * (size_t)u->h * 3u;
    buf = malloc(n);
    if (!buf)
        return MID_ERR_NOMEM;
    err = read_rgb(u, all, buf, n);
    if (err == MID_OK)
        err = ui_png_write_rgb(png_path, buf, u->w, u->h, (size_t)u->w * 3u);
    mid_wipe(buf, n);
    free(buf);
    return err;
#endif
}

static void sdl_beep(mid_ui *ui, int pass)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    int i = pass ? 1 : 0;
    if (!u || !u->audio || !u->tone[i])
        return;
    SDL_ClearQueuedAudio(u->audio);
    (void)SDL_QueueAudio(u->audio, u->tone[i], u->tone_bytes[i]);
}

static void sdl_destroy(mid_ui *ui)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return;
    cache_clear(u, 0);
    portrait_drop(u);
    preview_drop(u);
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
    fonts_close(u);
    if (u->ttf_init)
        TTF_Quit();
    if (u->audio)
        SDL_CloseAudioDevice(u->audio);
    for (int i = 0; i < 2; i++)
        free(u->tone[i]);
    if (u->ren)
        SDL_DestroyRenderer(u->ren);
    if (u->win)
        SDL_DestroyWindow(u->win);
    if (u->audio_init)
        SDL_QuitSubSystem(SDL_INIT_AUDIO);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    mid_wipe(u, sizeof(*u));
    free(u);
}

static const struct mid_ui_ops k_sdl_ops = {
    "sdl", sdl_render, sdl_poll, sdl_screenshot, sdl_beep, sdl_destroy,
};

/* ------------------------------------------------------------------ */
/* sound                                                                */

/* Appends a tone with 6 ms fades (no clicks); harm adds a third harmonic
 * so a low tone carries on small speakers. */
static size_t tone_add(int16_t *buf, size_t at, int rate, float hz, int ms,
                       float harm)
{
    size_t n = (size_t)rate * (size_t)ms / 1000u;
    size_t fade = (size_t)rate * 6u / 1000u;
    for (size_t i = 0; i < n; i++) {
        float t = (float)i / (float)rate;
        float env = 1.0f;
        float s;
        if (i < fade)
            env = (float)i / (float)fade;
        else if (n - i < fade)
            env = (float)(n - i) / (float)fade;
        s = sinf(2.0f * (float)M_PI * hz * t) +
            harm * sinf(6.0f * (float)M_PI * hz * t);
        buf[at + i] = (int16_t)(s * env * 9000.0f);
    }
    return at + n;
}

static void sound_open(mid_ui_sdl *u)
{
    SDL_AudioSpec want, have;
    size_t n;
    int rate;
    if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0)
        return;
    u->audio_init = 1;
    SDL_zero(want);
    want.freq = UI_AUDIO_RATE;
    want.format = AUDIO_S16SYS;
    want.channels = 1;
    want.samples = 1024;
    u->audio = SDL_OpenAudioDevice(NULL, 0, &want, &have, 0);
    if (!u->audio)
        return;
    rate = have.freq;
    /* pass: two rising tones; fail: one low long tone */
    n = (size_t)rate * 330u / 1000u;
    u->tone[1] = calloc(n + 16u, sizeof(int16_t));
    n = (size_t)rate * 700u / 1000u;
    u->tone[0] = calloc(n + 16u, sizeof(int16_t));
    if (!u->tone[0] || !u->tone[1]) {
        SDL_CloseAudioDevice(u->audio);
        u->audio = 0;
        return;
    }
    n = tone_add(u->tone[1], 0, rate, 880.0f, 120, 0.0f);
    n += (size_t)rate * 40u / 1000u; /* silence (calloc) */
    n = tone_add(u->tone[1], n, rate, 1320.0f, 160, 0.0f);
    u->tone_bytes[1] = (Uint32)(n * sizeof(int16_t));
    n = tone_add(u->tone[0], 0, rate, 220.0f, 700, 0.35f);
    u->tone_bytes[0] = (Uint32)(n * sizeof(int16_t));
    SDL_PauseAudioDevice(u->audio, 0);
}

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
    u->pressed = -1;
    u->fullscreen = cfg->fullscreen != 0;
    SDL_SetHint(SDL_HINT_VIDEO_MINIMIZE_ON_FOCUS_LOSS, "0");
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0)
        goto fail_free;
    if (TTF_Init() != 0) /* reference counted */
        goto fail_video;
    u->ttf_init = 1;
    if (!choose_font(u, UI_REG, cfg->font_regular)) {
        err = MID_ERR_CONFIG;
        goto fail;
    }
    /* no bold face installed: the regular one still reads */
    if (!choose_font(u, UI_BOLD, cfg->font_bold)) {
        memcpy(u->font_path[UI_BOLD], u->font_path[UI_REG],
               sizeof(u->font_path[UI_BOLD]));
        u->font_face[UI_BOLD] = u->font_face[UI_REG];
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
    if (u->fullscreen)
        SDL_ShowCursor(SDL_DISABLE);
    err = ensure_size(u);
    if (err != MID_OK)
        goto fail;
    if (cfg->sound)
        sound_open(u);
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
        !(u->region_mask & (1u << reg)))
        return 0;
    if (out)
        *out = u->region[reg];
    return 1;
}

int mid_ui_sdl_button(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg,
                      SDL_Rect *out)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return 0;
    for (int i = 0; i < u->n_buttons; i++)
        if (u->buttons[i].ev.kind == kind && u->buttons[i].ev.arg == arg) {
            if (out)
                *out = u->buttons[i].r;
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
    unsigned n = 0;
    if (!u)
        return 0;
    for (int i = 0; i < UI_TEXT_CACHE; i++)
        if (u->cache[i].tex && u->cache[i].personal)
            n++;
    return n + (u->portrait ? 1u : 0u);
}

void mid_ui_sdl_set_clock(mid_ui *ui, int64_t now_ms)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (!u)
        return;
    u->test_clock = now_ms >= 0;
    u->test_now_ms = now_ms;
}

void mid_ui_sdl_status_fit(mid_ui *ui, int *keys_drawn, int *rows_cut)
{
    mid_ui_sdl *u = (mid_ui_sdl *)ui;
    if (keys_drawn)
        *keys_drawn = u ? u->status_keys_drawn : 0;
    if (rows_cut)
        *rows_cut = u ? u->status_rows_cut : 0;
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
