/* mid-kiosk — SDL UI layouts (layout*.c): what each screen shows and where.
 * A layout draws a mid_ui_model through draw.h only, and records what the
 * frame offers — buttons to press (the event each sends), named regions —
 * in a ui_layout that input.c hit-tests and the tests read. Private to
 * src/ui; includes draw.h, nothing above it. */
#ifndef MID_UI_LAYOUT_H
#define MID_UI_LAYOUT_H

#include <stdint.h>

#include "mid/mid_ui.h"
#include "ui/draw.h"

/* What a touch can press, as laid out by the last render. */
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
    MID_UI_REGION_VERDICT = 1,  /* the green/red/amber band */
    MID_UI_REGION_PORTRAIT = 2, /* the scaled portrait itself */
    MID_UI_REGION_NOTICE = 3,   /* "! 주민증 진위확인 서비스는 ..." */
    MID_UI_REGION_FIELDS = 4,   /* result fields */
    MID_UI_REGION_REASON = 5,   /* failure reason on INVALID */
    MID_UI_REGION_PREVIEW = 6,  /* camera preview box */
    MID_UI_REGION_HINT = 7,     /* scan hint banner */
    MID_UI_REGION_STATUS = 8,   /* revocation age text */
    MID_UI_REGION_COUNTDOWN = 9,
    MID_UI_REGION_MESSAGE = 10,        /* camera lost / clock / notice text; PIN
                                    prompt, wrong-PIN or lockout message */
    MID_UI_REGION_PIN_DOTS = 11,       /* one dot per digit typed */
    MID_UI_REGION_PIN_PAD = 12,        /* the number pad */
    MID_UI_REGION_STATUS_BODY = 13,    /* everything between title and footer */
    MID_UI_REGION_KEYS = 14,           /* the trust key rows */
    MID_UI_REGION_REVOCATION_AGE = 15, /* the age value on STATUS */
    MID_UI_REGION_EXPORT = 16,         /* export outcome / auto-close line */
    MID_UI_REGION_HOLD = 17,           /* status line corner for the long press */
    MID_UI_REGION_COUNT = 18
} mid_ui_region;

/* The last frame's buttons and regions, and what the STATUS layout keeps
 * between frames. */
typedef struct ui_layout {
    ui_button buttons[UI_MAX_BUTTONS];
    int n_buttons;
    int focus_count;
    SDL_Rect region[MID_UI_REGION_COUNT];
    unsigned region_mask;
    /* last STATUS layout: key rows drawn, rows that found no room, and
     * which type size fitted for content of this shape */
    int status_keys_drawn;
    int status_rows_cut;
    uint32_t status_sig;
    int status_pick;
} ui_layout;

/* Draws m with d (the whole output) and records the frame in l. */
void ui_layout_draw(ui_draw *d, ui_layout *l, const mid_ui_model *m);

/* Index of the topmost button at (x, y), else -1. */
int ui_layout_hit(const ui_layout *l, int x, int y);
/* 1 when the last frame has region reg and (x, y) lies in it. */
int ui_layout_in_region(const ui_layout *l, mid_ui_region reg, int x, int y);

#endif
