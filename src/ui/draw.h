/* mid-kiosk — SDL UI drawing (draw_text.c: fonts, the rendered-text cache;
 * draw.c: primitives, the camera preview and the portrait). The bottom of src/ui:
 * it includes no other module's header; the layouts draw through it and
 * the shell (shell.c) owns one ui_draw per window. Private to src/ui. */
#ifndef MID_UI_DRAW_H
#define MID_UI_DRAW_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "mid/mid_camera.h"
#include "mid/mid_err.h"

/* Type sizes, as fractions of the output height (see ui_font_px). */
typedef enum ui_size {
    UI_XXS = 0, /* dense operator status screen only (read up close) */
    UI_XS = 1,  /* status line */
    UI_SM = 2,  /* hints, field labels */
    UI_MD = 3,  /* body text, field values, buttons */
    UI_LG = 4,  /* titles */
    UI_XL = 5,  /* the verdict */
    UI_SIZE_COUNT = 6
} ui_size;

typedef enum ui_weight { UI_REG = 0,
                         UI_BOLD = 1,
                         UI_WEIGHT_COUNT = 2 } ui_weight;

/* Text anchor: one horizontal and one vertical flag. */
#define UI_AL_LEFT 0x0
#define UI_AL_CENTER 0x1
#define UI_AL_RIGHT 0x2
#define UI_AV_TOP 0x0
#define UI_AV_MIDDLE 0x10
#define UI_AV_BOTTOM 0x20

/* Rendered-text cache. 384 entries hold every label of every screen in both
 * languages, and the operator status screen with a full trust store (32 keys
 * of 4 cells each, ~60 other labels and values) so it does not rasterise
 * every frame; longer strings are drawn uncached. */
#define UI_TEXT_CACHE 384
#define UI_TEXT_MAX 192
#define UI_FONT_PATH_MAX 512

typedef struct ui_text_entry {
    SDL_Texture *tex;
    int w, h;
    uint32_t hash;
    uint32_t rgba;
    int wrap;
    uint8_t weight, size;
    int personal; /* name, RRN, dates...: streaming texture, wiped on purge */
    uint64_t used;
    char key[UI_TEXT_MAX + 1];
} ui_text_entry;

/* What draws: the renderer (the shell's), fonts for the output size,
 * caches and the two image textures. */
typedef struct ui_draw {
    SDL_Renderer *ren;
    int w, h; /* output size the fonts are for */
    char font_path[UI_WEIGHT_COUNT][UI_FONT_PATH_MAX];
    int font_face[UI_WEIGHT_COUNT];
    TTF_Font *font[UI_WEIGHT_COUNT][UI_SIZE_COUNT];
    ui_text_entry cache[UI_TEXT_CACHE];
    uint64_t tick;
    unsigned personal_entries;
    int glyphs_dirty; /* personal glyphs may sit in SDL_ttf's cache */
    SDL_Texture *preview;
    int preview_w, preview_h, preview_loaded;
    SDL_Texture *portrait;
} ui_draw;

/* ---- set-up (the shell) ---- */
/* Picks the configured font, else Debian's Nanum, else Noto CJK, for wt;
 * 0 when none is readable. */
int ui_draw_choose_font(ui_draw *u, ui_weight wt, const char *configured);
/* Opens the fonts for a w x h output (a no-op when already so); empties
 * the text cache. */
mid_err ui_draw_resize(ui_draw *u, int w, int h);
void ui_draw_fonts_close(ui_draw *u);
/* Wipes every personal text texture, the portrait and SDL_ttf's glyphs. */
void ui_draw_purge_personal(ui_draw *u);
/* Wipes the preview texture (leaving SCAN). */
void ui_draw_preview_drop(ui_draw *u);
/* Everything ui_draw holds, wiped (not the renderer). */
void ui_draw_free(ui_draw *u);
/* Personal text textures and the portrait texture held (tests). */
unsigned ui_draw_personal_cached(const ui_draw *u);

/* ---- between draw.c and draw_text.c ---- */
/* Zeroes a streaming texture's pixels, then frees it. */
void ui_draw_wipe_texture(SDL_Texture *t);
/* Wipes the portrait texture. */
void ui_draw_portrait_drop(ui_draw *u);

/* ---- drawing (the layouts) ---- */
int ui_font_px(const ui_draw *u, ui_size s);
int ui_line_h(ui_draw *u, ui_weight wt, ui_size s);
int ui_ascent(ui_draw *u, ui_weight wt, ui_size s);
/* Width in pixels of s on one line. */
int ui_text_w(ui_draw *u, ui_weight wt, ui_size s, const char *s_);
/* Largest size in [lo, hi] at which s fits max_w on one line, else lo. */
ui_size ui_fit(ui_draw *u, ui_weight wt, ui_size hi, ui_size lo, const char *s,
               int max_w);
/* Draws s anchored at (x, y); wraps at wrap_w (> 0) when it is wider.
 * Returns the rectangle covered (w = 0 for nothing). */
SDL_Rect ui_text(ui_draw *u, ui_weight wt, ui_size sz, SDL_Color c,
                 const char *s, int x, int y, int align, int wrap_w,
                 int personal);
/* The whole output in one opaque colour. */
void ui_draw_clear(ui_draw *u, SDL_Color c);
void ui_fill(ui_draw *u, SDL_Rect r, SDL_Color c);
void ui_round(ui_draw *u, SDL_Rect r, int radius, SDL_Color c);
void ui_round_frame(ui_draw *u, SDL_Rect r, int radius, int thick, SDL_Color c);
void ui_line(ui_draw *u, float x0, float y0, float x1, float y1, float thick,
             SDL_Color c);
void ui_disc(ui_draw *u, float cx, float cy, float r, SDL_Color c);
void ui_ring(ui_draw *u, float cx, float cy, float r, float thick, SDL_Color c);
/* Draws the luma frame (or the last one shown on this scan visit when f is
 * NULL) fitted into box; returns 0 when there is nothing to draw. */
int ui_preview(ui_draw *u, const mid_frame *f, SDL_Rect box, SDL_Rect *drawn);
/* Draws a checked portrait scaled by whole factors (nearest neighbour),
 * centred in box; returns 0 for a malformed portrait. */
int ui_portrait(ui_draw *u, const uint8_t *p, size_t len, SDL_Rect box,
                SDL_Rect *drawn);

#endif
