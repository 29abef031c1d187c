/* mid-kiosk — SDL UI drawing, text (draw.h): fonts, the rendered-text
 * cache, and the life of what ui_draw holds (resize, purge, free).
 *
 * Personal data: text textures of names, RRNs, dates and licence numbers
 * are marked personal, kept in streaming textures and zeroed + destroyed by
 * ui_draw_purge_personal; SDL_ttf's glyph caches are flushed at the same
 * moment, and the portrait texture is zeroed too. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_wipe.h"
#include "ui/draw.h"

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

ui_size ui_fit(ui_draw *u, ui_weight wt, ui_size hi, ui_size lo, const char *s,
               int max_w)
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
void ui_draw_wipe_texture(SDL_Texture *t)
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
            ui_draw_wipe_texture(e->tex);
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
            ui_draw_wipe_texture(tex);
        else
            SDL_DestroyTexture(tex);
    }
    return dst;
}

void ui_draw_purge_personal(ui_draw *u)
{
    if (u->personal_entries > 0)
        cache_clear(u, 1);
    ui_draw_portrait_drop(u);
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

void ui_draw_free(ui_draw *u)
{
    cache_clear(u, 0);
    ui_draw_portrait_drop(u);
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
