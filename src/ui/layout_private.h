/* mid-kiosk — what the layout files (layout*.c) share: the theme, the
 * wording, metrics and controls. Private to the layouts; includes layout.h
 * (and through it draw.h) and nothing else of src/ui. */
#ifndef MID_UI_LAYOUT_PRIVATE_H
#define MID_UI_LAYOUT_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_ui.h"
#include "ui/layout.h"

/* The page a layout draws on: the drawing module and the frame record. */
typedef struct ui_page {
    ui_draw *d;
    ui_layout *l;
} ui_page;

/* Dots drawn for the digits typed (the app takes at most 15). */
#define UI_PIN_DOTS_MAX 15

/* ---- theme ---- */
extern const SDL_Color C_BG;
extern const SDL_Color C_STATUS_BG;
extern const SDL_Color C_PANEL;
extern const SDL_Color C_PANEL_HI;
extern const SDL_Color C_LINE;
extern const SDL_Color C_TEXT;
extern const SDL_Color C_DIM;
extern const SDL_Color C_FAINT;
extern const SDL_Color C_WHITE;
extern const SDL_Color C_INK;
extern const SDL_Color C_FOCUS;
extern const SDL_Color C_WARN;
extern const SDL_Color C_GOOD;  /* valid band */
extern const SDL_Color C_BAD;   /* invalid band */
extern const SDL_Color C_AMBER; /* refusal band */
extern const SDL_Color C_GOOD_TEXT;
extern const SDL_Color C_BAD_TEXT;
extern const SDL_Color C_BLACK;

/* ---- wording (walkthrough flow 6; English beside each) ---- */
typedef enum ui_str {
    S_PURPOSE_TITLE,
    S_NEXT,
    S_BACK,
    S_REQUEST_TITLE,
    S_REQUEST_MORE,
    S_SCAN_TITLE,
    S_CHANGE_REQUEST,
    S_HINT_ONE_CODE,
    S_HINT_NOT_MID,
    S_RESULT_TITLE,
    S_VALID,
    S_VALID_SUB,
    S_INVALID,
    S_INVALID_SUB,
    S_ADULT,
    S_ADULT_SUB,
    S_MINOR,
    S_ADULT_FIELD,
    S_MINOR_FIELD,
    S_MINOR_SUB,
    S_LICENCE_SUB,
    S_PORTRAIT_NOTICE,
    S_EXTEND,
    S_CLOSE,
    S_CAMERA_LOST,
    S_CLOCK_TITLE,
    S_CLOCK_BODY,
    S_NOTICE_TITLE,
    S_REVOCATION_TODAY,
    S_REVOCATION_NONE,
    S_LANG_OTHER,
    S_LIC_VALID,
    S_LIC_EXPIRED,
    S_LIC_SUSPENDED,
    S_LIC_CANCELLED,
    S_DOC_RESIDENT,
    S_DOC_LICENCE,
    S_NO_ITEMS,
    /* operator screens */
    S_PIN_TITLE,
    S_PIN_PROMPT,
    S_PIN_OK,
    S_PIN_CANCEL,
    S_STATUS_TITLE,
    S_EXPORT,
    S_EXPORTING,
    S_SEC_DEVICE,
    S_SEC_LOG,
    S_SEC_REVOCATION,
    S_SEC_COUNTERS,
    S_SEC_KEYS,
    S_L_VERSION,
    S_L_KIOSK,
    S_L_BUILD,
    S_L_CAMERA,
    S_L_RECONNECTS,
    S_L_LINES,
    S_L_DROPPED,
    S_L_SEQ,
    S_L_ISSUED,
    S_L_REVOKED,
    S_L_FRAMES,
    S_L_CODES,
    S_L_VALID,
    S_L_INVALID,
    S_L_MULTI,
    S_L_NOT_MID,
    S_CAM_OK,
    S_CAM_LOST,
    S_NONE,
    S_NOT_INSTALLED,
    S_KEYS_NONE,
    S_DOC_RES_SHORT,
    S_DOC_LIC_SHORT,
    S_DOC_RES_ABBR,
    S_DOC_LIC_ABBR,
    S_KEY_VALID,
    S_KEY_NOT_YET,
    S_KEY_EXPIRED,
    S_COUNT
} ui_str;

/* ---- metrics ---- */
typedef struct metrics {
    int w, h;
    int m;        /* outer margin */
    int gap;      /* between controls */
    int bh;       /* button height */
    int status_h; /* status line */
    int footer_y; /* top of the footer buttons */
    int ring;     /* focus ring thickness */
    int landscape;
} metrics;

typedef enum btn_style { BTN_PRIMARY,
                         BTN_SECONDARY } btn_style;

/* Requested items in the order a person reads an ID card. */
extern const mid_item ui_item_order[MID_ITEM_COUNT];

static inline SDL_Rect rect(int x, int y, int w, int h)
{
    SDL_Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    return r;
}

static inline int imax(int a, int b)
{
    return a > b ? a : b;
}

static inline int imin(int a, int b)
{
    return a < b ? a : b;
}

/* ---- wording (layout_text.c) ---- */
const char *ui_tr(const mid_ui_model *m, ui_str s);
void ui_fmt_revocation(const mid_ui_model *m, int days, char *out, size_t cap);
void ui_fmt_countdown(const mid_ui_model *m, int s, char *out, size_t cap);
void ui_fmt_age(const mid_ui_model *m, int age, char *out, size_t cap);
void ui_fmt_selected(const mid_ui_model *m, const char *label, char *out,
                     size_t cap);
void ui_fmt_licence(const mid_ui_model *m, const char *state, char *out,
                    size_t cap);
const char *ui_or_q(const char *s);
const char *ui_purpose_label(const mid_ui_model *m);

/* ---- metrics, controls, recording (layout.c) ---- */
void ui_focus_ring(ui_page *u, const metrics *k, const mid_ui_model *m, int idx,
                   SDL_Rect r, int rad);
void ui_btn_ex(ui_page *u, const metrics *k, const mid_ui_model *m, SDL_Rect r,
               const char *label, btn_style st, int enabled, int focus_idx,
               mid_ui_event_kind kind, uint32_t arg, ui_size max_size);
void ui_btn(ui_page *u, const metrics *k, const mid_ui_model *m, SDL_Rect r,
            const char *label, btn_style st, int enabled, int focus_idx,
            mid_ui_event_kind kind, uint32_t arg);
int ui_btn_w(ui_page *u, const metrics *k, const char *label);
void ui_check_mark(ui_page *u, float cx, float cy, float s, float t,
                   SDL_Color c);
void ui_cross_mark(ui_page *u, float cx, float cy, float s, float t,
                   SDL_Color c);
void ui_checkbox(ui_page *u, SDL_Rect r, int on);
SDL_Rect ui_chip(ui_page *u, const metrics *k, const char *s, int x, int y_mid,
                 int right_anchor);
SDL_Rect ui_title(ui_page *u, const metrics *k, const char *s, int max_w);

/* ---- PURPOSE, REQUEST, SCAN (layout_flow.c) ---- */
void ui_screen_purpose(ui_page *u, const metrics *k, const mid_ui_model *m);
void ui_screen_request(ui_page *u, const metrics *k, const mid_ui_model *m);
void ui_screen_scan(ui_page *u, const metrics *k, const mid_ui_model *m);

/* ---- RESULT (layout_result.c) ---- */
void ui_fmt_date(const mid_ui_model *m, mid_date d, char *out, size_t cap);
void ui_screen_result(ui_page *u, const metrics *k, const mid_ui_model *m);

/* ---- CAMERA_LOST, CLOCK, NOTICE (layout_message.c) ---- */
void ui_screen_message(ui_page *u, const metrics *k, const mid_ui_model *m);

/* ---- PIN (layout_pin.c) ---- */
void ui_screen_pin(ui_page *u, const metrics *k, const mid_ui_model *m);

/* ---- STATUS (layout_status.c, rows: layout_status_rows.c) ----
 * Dense and read up close: sections of label/value rows and the trust key
 * rows flow top to bottom into as many columns as needed, in the largest
 * type (SM, XS, then XXS, and short document names) with which everything
 * fits. Nothing personal exists here to draw. */
typedef enum srow_kind { SR_HEAD,
                         SR_PAIR,
                         SR_KEY,
                         SR_NOTE } srow_kind;

#define UI_STATUS_ROWS (40 + (int)MID_CHECK_COUNT + (int)MID_MAX_TRUST_KEYS)
#define UI_STATUS_CELL 64

typedef struct srow {
    srow_kind kind;
    int indent; /* PAIR: a sub-item (invalid by check) */
    int is_age; /* PAIR: the revocation age (a test region) */
    char cell[4][UI_STATUS_CELL];
    SDL_Color colour[4];
} srow;

typedef struct srows {
    srow r[UI_STATUS_ROWS];
    int n;
} srows;

void ui_fmt_kst(const mid_ui_model *m, int64_t t, int with_time, char *out,
                size_t cap);
void ui_status_rows(srows *t, const mid_ui_model *m, const mid_status_info *st,
                    int short_docs, int tight);

/* ---- STATUS (layout_status.c) ---- */
void ui_screen_status(ui_page *u, const metrics *k, const mid_ui_model *m);

/* ---- recording the frame (layout.c) ---- */
void ui_add_button(ui_layout *l, SDL_Rect r, mid_ui_event_kind kind,
                   uint32_t arg, int focus_index, int enabled);
void ui_set_region(ui_layout *l, mid_ui_region reg, SDL_Rect r);

#endif
