/* mid-kiosk — SDL UI drawing, shapes and images (draw.h): filled and
 * rounded rectangles, lines, discs and rings, the camera preview and the
 * portrait. Knows nothing of screens, events or the window. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_payload.h"
#include "ui/draw.h"

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

void ui_round_frame(ui_draw *u, SDL_Rect r, int radius, int thick, SDL_Color c)
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

void ui_line(ui_draw *u, float x0, float y0, float x1, float y1, float thick,
             SDL_Color c)
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

void ui_ring(ui_draw *u, float cx, float cy, float r, float thick, SDL_Color c)
{
    ring_spans(u, cx, cy, r, r - thick, c);
}

/* ------------------------------------------------------------------ */
/* images                                                               */

void ui_draw_preview_drop(ui_draw *u)
{
    if (u->preview)
        ui_draw_wipe_texture(u->preview);
    u->preview = NULL;
    u->preview_w = u->preview_h = 0;
    u->preview_loaded = 0;
}

void ui_draw_portrait_drop(ui_draw *u)
{
    if (u->portrait)
        ui_draw_wipe_texture(u->portrait);
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

int ui_preview(ui_draw *u, const mid_frame *f, SDL_Rect box, SDL_Rect *drawn)
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

void ui_draw_clear(ui_draw *u, SDL_Color c)
{
    SDL_SetRenderDrawColor(u->ren, c.r, c.g, c.b, 0xFF);
    SDL_RenderClear(u->ren);
}
