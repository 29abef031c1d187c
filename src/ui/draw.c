/* mid-kiosk — SDL UI drawing: fonts, the rendered-text cache, primitives,
 * the camera preview and the portrait (draw.h). Knows nothing of screens,
 * events or the window.
 *
 * Personal data: text textures of names, RRNs, dates and licence numbers
 * are marked personal, kept in streaming textures and zeroed + destroyed by
 * ui_draw_purge_personal; SDL_ttf's glyph caches are flushed at the same
 * moment, and the portrait texture is zeroed too. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_crypto.h"
#include "mid/mid_payload.h"
#include "ui/draw.h"


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

int ui_font_px(const ui_draw *u, ui_size s)
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

int ui_draw_choose_font(ui_draw *u, ui_weight wt, const char *configured)
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

void ui_draw_fonts_close(ui_draw *u)
{
    for (int wt = 0; wt < UI_WEIGHT_COUNT; wt++)
        for (int s = 0; s < UI_SIZE_COUNT; s++) {
            if (u->font[wt][s])
                TTF_CloseFont(u->font[wt][s]);
            u->font[wt][s] = NULL;
        }
}

static mid_err fonts_open(ui_draw *u)
{
    ui_draw_fonts_close(u);
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
static void fonts_flush_glyphs(ui_draw *u)
{
    for (int wt = 0; wt < UI_WEIGHT_COUNT; wt++)
        for (int s = 0; s < UI_SIZE_COUNT; s++)
            if (u->font[wt][s])
                TTF_SetFontHinting(u->font[wt][s],
                                   TTF_GetFontHinting(u->font[wt][s]));
}

int ui_line_h(ui_draw *u, ui_weight wt, ui_size s)
{
    return TTF_FontLineSkip(u->font[wt][s]);
}

int ui_ascent(ui_draw *u, ui_weight wt, ui_size s)
{
    return TTF_FontAscent(u->font[wt][s]);
}

int ui_text_w(ui_draw *u, ui_weight wt, ui_size s, const char *str)
{
    int w = 0, h = 0;
    if (!str || !str[0])
        return 0;
    if (TTF_SizeUTF8(u->font[wt][s], str, &w, &h) != 0)
        return 0;
    return w;
}

ui_size ui_fit(ui_draw *u, ui_weight wt, ui_size hi, ui_size lo,
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

static void entry_free(ui_draw *u, ui_text_entry *e)
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

static void cache_clear(ui_draw *u, int personal_only)
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
static SDL_Texture *texture_of(ui_draw *u, SDL_Surface *s, int personal)
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

static SDL_Surface *text_surface(ui_draw *u, ui_weight wt, ui_size sz,
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

static ui_text_entry *cache_slot(ui_draw *u)
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

SDL_Rect ui_text(ui_draw *u, ui_weight wt, ui_size sz, SDL_Color c,
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
static void draw_colour(ui_draw *u, SDL_Color c)
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

static void span_flush(ui_draw *u, spans *s, SDL_Color c)
{
    if (s->n == 0)
        return;
    draw_colour(u, c);
    SDL_RenderFillRects(u->ren, s->r, s->n);
    s->n = 0;
}

void ui_fill(ui_draw *u, SDL_Rect r, SDL_Color c)
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

void ui_round(ui_draw *u, SDL_Rect r, int radius, SDL_Color c)
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

void ui_round_frame(ui_draw *u, SDL_Rect r, int radius, int thick,
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

void ui_line(ui_draw *u, float x0, float y0, float x1, float y1,
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
static void ring_spans(ui_draw *u, float cx, float cy, float ro, float ri,
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

void ui_disc(ui_draw *u, float cx, float cy, float r, SDL_Color c)
{
    ring_spans(u, cx, cy, r, 0.0f, c);
}

void ui_ring(ui_draw *u, float cx, float cy, float r, float thick,
             SDL_Color c)
{
    ring_spans(u, cx, cy, r, r - thick, c);
}


/* ------------------------------------------------------------------ */
/* images                                                               */

void ui_draw_preview_drop(ui_draw *u)
{
    if (u->preview)
        texture_wipe_destroy(u->preview);
    u->preview = NULL;
    u->preview_w = u->preview_h = 0;
    u->preview_loaded = 0;
}

static void portrait_drop(ui_draw *u)
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

int ui_preview(ui_draw *u, const mid_frame *f, SDL_Rect box,
               SDL_Rect *drawn)
{
    if (f && f->luma && f->width > 0 && f->height > 0 &&
        f->width <= MID_CAMERA_MAX_W && f->height <= MID_CAMERA_MAX_H &&
        f->stride >= f->width) {
        void *px;
        int pitch;
        if (!u->preview || u->preview_w != (int)f->width ||
            u->preview_h != (int)f->height) {
            ui_draw_preview_drop(u);
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

int ui_portrait(ui_draw *u, const uint8_t *p, size_t len, SDL_Rect box,
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


void ui_draw_purge_personal(ui_draw *u)
{
    if (u->personal_entries > 0)
        cache_clear(u, 1);
    portrait_drop(u);
    if (u->glyphs_dirty) {
        fonts_flush_glyphs(u);
        u->glyphs_dirty = 0;
    }
}

mid_err ui_draw_resize(ui_draw *u, int w, int h)
{
    if (w == u->w && h == u->h && u->font[0][0])
        return MID_OK;
    u->w = w;
    u->h = h;
    cache_clear(u, 0);
    u->personal_entries = 0;
    return fonts_open(u);
}

void ui_draw_clear(ui_draw *u, SDL_Color c)
{
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, 0xFF);
    SDL_RenderClear(u->ren);
}

void ui_draw_free(ui_draw *u)
{
    cache_clear(u, 0);
    portrait_drop(u);
    ui_draw_preview_drop(u);
    ui_draw_fonts_close(u);
}

unsigned ui_draw_personal_cached(const ui_draw *u)
{
    unsigned n = 0;
    for (int i = 0; i < UI_TEXT_CACHE; i++)
        if (u->cache[i].tex && u->cache[i].personal)
            n++;
    return n + (u->portrait ? 1u : 0u);
}
