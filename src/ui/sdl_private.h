/* mid-kiosk — SDL2 UI adapter, private parts shared by sdl.c (SDL plumbing:
 * window, fonts, text cache, primitives, input, sound), layout.c (what each
 * screen shows and where) and png.c (screenshots). Nothing here is public
 * API; tests reach the layout through the hooks at the end. */
#ifndef MID_UI_SDL_PRIVATE_H
#define MID_UI_SDL_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>
#include <SDL_ttf.h>

#include "mid/mid_ui.h"

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

typedef enum ui_weight { UI_REG = 0, UI_BOLD = 1, UI_WEIGHT_COUNT = 2 } ui_weight;

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

/* What a touch or the keypad can press, as laid out by the last render. */
#define UI_MAX_BUTTONS 32
typedef struct ui_button {
    SDL_Rect r;
    mid_ui_event ev;
    int focus_index; /* keypad order, -1: not focusable */
    int enabled;
} ui_button;

/* Named areas of the last frame (tests check pixels there). */
typedef enum mid_ui_region {
    MID_UI_REGION_TITLE = 0,
    MID_UI_REGION_VERDICT = 1,   /* the green/red/amber band */
    MID_UI_REGION_PORTRAIT = 2,  /* the scaled portrait itself */
    MID_UI_REGION_NOTICE = 3,    /* "! 주민증 진위확인 서비스는 ..." */
    MID_UI_REGION_FIELDS = 4,    /* result fields */
    MID_UI_REGION_REASON = 5,    /* failure reason on INVALID */
    MID_UI_REGION_PREVIEW = 6,   /* camera preview box */
    MID_UI_REGION_HINT = 7,      /* scan hint banner */
    MID_UI_REGION_STATUS = 8,    /* revocation age text */
    MID_UI_REGION_COUNTDOWN = 9,
    MID_UI_REGION_MESSAGE = 10,  /* camera lost / clock / notice text; PIN
                                    prompt, wrong-PIN or lockout message */
    MID_UI_REGION_PIN_DOTS = 11, /* one dot per digit typed */
    MID_UI_REGION_PIN_PAD = 12,  /* the number pad */
    MID_UI_REGION_STATUS_BODY = 13, /* everything between title and footer */
    MID_UI_REGION_KEYS = 14,     /* the trust key rows */
    MID_UI_REGION_REVOCATION_AGE = 15, /* the age value on STATUS */
    MID_UI_REGION_EXPORT = 16,   /* export outcome / auto-close line */
    MID_UI_REGION_HOLD = 17,     /* status line corner for the long press */
    MID_UI_REGION_COUNT = 18
} mid_ui_region;

/* Operator entry (docs/ui.md): a long press on the status line's left
 * corner, or '*' held and '#' pressed within a second. */
#define UI_HOLD_MS 3000
#define UI_STAR_HASH_MS 1000

typedef struct mid_ui_sdl {
    mid_ui base; /* first: a mid_ui * is a mid_ui_sdl * */
    SDL_Window *win;
    SDL_Renderer *ren;
    /* The frame is drawn into this target and then copied to the screen,
     * so a screenshot reads the last frame even after a page flip. NULL in
     * release builds or when the renderer has no target support. */
    SDL_Texture *frame;
    int frame_w, frame_h;
    int w, h; /* output size the current fonts and layout are for */
    int fullscreen;
    int ttf_init, audio_init; /* what destroy must undo */
    /* sound */
    SDL_AudioDeviceID audio; /* 0: none */
    int16_t *tone[2];        /* [0] fail, [1] pass */
    Uint32 tone_bytes[2];
    /* fonts */
    char font_path[UI_WEIGHT_COUNT][512];
    int font_face[UI_WEIGHT_COUNT];
    TTF_Font *font[UI_WEIGHT_COUNT][UI_SIZE_COUNT];
    /* caches */
    ui_text_entry cache[UI_TEXT_CACHE];
    uint64_t tick;
    unsigned personal_entries;
    int glyphs_dirty; /* personal glyphs may sit in SDL_ttf's cache */
    uint32_t view_tag; /* hash of the view on screen, 0: none */
    SDL_Texture *preview;
    int preview_w, preview_h, preview_loaded;
    SDL_Texture *portrait;
    /* last layout */
    int rendered;
    mid_screen screen;
    ui_button buttons[UI_MAX_BUTTONS];
    int n_buttons;
    int focus_count;
    SDL_Rect region[MID_UI_REGION_COUNT];
    unsigned region_mask;
    int pressed; /* button index under the pointer since button-down */
    /* operator entry gestures */
    int holding;         /* pointer down in the hold corner since hold_since */
    int64_t hold_since;
    int star_held;       /* '*' down since star_since, not yet released */
    int64_t star_since;
    int test_clock;      /* tests: use test_now_ms instead of SDL's ticks */
    int64_t test_now_ms;
    /* last STATUS layout: key rows drawn, rows that found no room, and
     * which type size fitted for content of this shape */
    int status_keys_drawn;
    int status_rows_cut;
    uint32_t status_sig;
    int status_pick;
} mid_ui_sdl;

/* ---- sdl.c, for layout.c ---- */
int ui_font_px(const mid_ui_sdl *u, ui_size s);
int ui_line_h(mid_ui_sdl *u, ui_weight wt, ui_size s);
int ui_ascent(mid_ui_sdl *u, ui_weight wt, ui_size s);
/* Width in pixels of s on one line. */
int ui_text_w(mid_ui_sdl *u, ui_weight wt, ui_size s, const char *s_);
/* Largest size in [lo, hi] at which s fits max_w on one line, else lo. */
ui_size ui_fit(mid_ui_sdl *u, ui_weight wt, ui_size hi, ui_size lo,
               const char *s, int max_w);
/* Draws s anchored at (x, y); wraps at wrap_w (> 0) when it is wider.
 * Returns the rectangle covered (w = 0 for nothing). */
SDL_Rect ui_text(mid_ui_sdl *u, ui_weight wt, ui_size sz, SDL_Color c,
                 const char *s, int x, int y, int align, int wrap_w,
                 int personal);
void ui_fill(mid_ui_sdl *u, SDL_Rect r, SDL_Color c);
void ui_round(mid_ui_sdl *u, SDL_Rect r, int radius, SDL_Color c);
void ui_round_frame(mid_ui_sdl *u, SDL_Rect r, int radius, int thick,
                    SDL_Color c);
void ui_line(mid_ui_sdl *u, float x0, float y0, float x1, float y1,
             float thick, SDL_Color c);
void ui_disc(mid_ui_sdl *u, float cx, float cy, float r, SDL_Color c);
void ui_ring(mid_ui_sdl *u, float cx, float cy, float r, float thick,
             SDL_Color c);
void ui_add_button(mid_ui_sdl *u, SDL_Rect r, mid_ui_event_kind kind,
                   uint32_t arg, int focus_index, int enabled);
void ui_set_region(mid_ui_sdl *u, mid_ui_region reg, SDL_Rect r);
/* Draws the luma frame (or the last one shown on this scan visit when f is
 * NULL) fitted into box; returns 0 when there is nothing to draw. */
int ui_preview(mid_ui_sdl *u, const mid_frame *f, SDL_Rect box,
               SDL_Rect *drawn);
/* Draws a checked portrait scaled by whole factors (nearest neighbour),
 * centred in box; returns 0 for a malformed portrait. */
int ui_portrait(mid_ui_sdl *u, const uint8_t *p, size_t len, SDL_Rect box,
                SDL_Rect *drawn);

/* ---- layout.c ---- */
void ui_layout_draw(mid_ui_sdl *u, const mid_ui_model *m);

/* ---- png.c ---- */
/* 8-bit RGB rows (stride bytes apart) to a PNG file. */
mid_err ui_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                         size_t stride);

/* ---- test hooks (absent from release builds) ---- */
#ifndef MID_RELEASE
/* 1 and the rectangle when the last frame has the region. */
int mid_ui_sdl_region(mid_ui *ui, mid_ui_region reg, SDL_Rect *out);
/* 1 and the rectangle when the last frame has a button sending kind/arg. */
int mid_ui_sdl_button(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg,
                      SDL_Rect *out);
/* RGB24 of a rectangle of the last frame; out holds r.w * r.h * 3. */
mid_err mid_ui_sdl_read_rgb(mid_ui *ui, SDL_Rect r, uint8_t *out,
                            size_t cap);
/* Cached text textures marked personal (0 after RESULT closed). */
unsigned mid_ui_sdl_personal_cached(mid_ui *ui);
/* Renderer actually in use ("software", "opengles2", ...). */
const char *mid_ui_sdl_renderer_name(mid_ui *ui);
/* Replaces SDL's ticks by now_ms for the gestures (< 0: SDL's again). */
void mid_ui_sdl_set_clock(mid_ui *ui, int64_t now_ms);
/* Last STATUS render: key rows drawn and rows left out for lack of room. */
void mid_ui_sdl_status_fit(mid_ui *ui, int *keys_drawn, int *rows_cut);
#endif

#endif
