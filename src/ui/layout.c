/* mid-kiosk — what each screen shows and where (docs/ui.md has the
 * wording and the keypad focus order): the entry point that draws a model,
 * the metrics, the controls every screen uses, the status line, and the
 * record of buttons and regions that input.c and the tests read. The
 * screens themselves are in layout_*.c. The look is our own: a neutral
 * dark theme, white primary buttons, a yellow focus ring and one
 * full-width coloured band for the verdict. Everything is sized from the
 * output size, so any landscape or portrait panel works. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

/* ---- theme ---- */
const SDL_Color C_BG = {0x14, 0x17, 0x1C, 0xFF};
const SDL_Color C_STATUS_BG = {0x0C, 0x0E, 0x11, 0xFF};
const SDL_Color C_PANEL = {0x23, 0x28, 0x30, 0xFF};
const SDL_Color C_PANEL_HI = {0x31, 0x38, 0x43, 0xFF};
const SDL_Color C_LINE = {0x48, 0x51, 0x5E, 0xFF};
const SDL_Color C_TEXT = {0xF4, 0xF6, 0xF8, 0xFF};
const SDL_Color C_DIM = {0xA9, 0xB2, 0xBE, 0xFF};
const SDL_Color C_FAINT = {0x6A, 0x73, 0x7F, 0xFF};
const SDL_Color C_WHITE = {0xFF, 0xFF, 0xFF, 0xFF};
const SDL_Color C_INK = {0x12, 0x14, 0x18, 0xFF};
const SDL_Color C_FOCUS = {0xFF, 0xC4, 0x00, 0xFF};
const SDL_Color C_WARN = {0xFF, 0xB0, 0x20, 0xFF};
const SDL_Color C_GOOD = {0x1E, 0x9E, 0x4A, 0xFF};  /* valid band */
const SDL_Color C_BAD = {0xD3, 0x2F, 0x2F, 0xFF};   /* invalid band */
const SDL_Color C_AMBER = {0xE8, 0x6A, 0x00, 0xFF}; /* refusal band */
const SDL_Color C_GOOD_TEXT = {0x6B, 0xDB, 0x8E, 0xFF};
const SDL_Color C_BAD_TEXT = {0xFF, 0x7A, 0x6E, 0xFF};
const SDL_Color C_BLACK = {0x00, 0x00, 0x00, 0xFF};

static metrics metrics_of(ui_page *u)
{
    metrics k;
    int md = ui_font_px(u->d, UI_MD);
    k.w = u->d->w;
    k.h = u->d->h;
    k.landscape = u->d->w >= u->d->h;
    k.m = md * 4 / 5;
    k.gap = md / 2;
    k.bh = md * 2;
    k.status_h = ui_line_h(u->d, UI_REG, UI_XS) + md / 3;
    k.footer_y = k.h - k.status_h - k.m * 2 / 3 - k.bh;
    k.ring = md / 8 < 3 ? 3 : md / 8;
    return k;
}

/* ---- controls ---- */

void ui_focus_ring(ui_page *u, const metrics *k, const mid_ui_model *m, int idx,
                   SDL_Rect r, int rad)
{
    int t = k->ring, off = k->ring * 2;
    if (idx < 0 || m->focus != idx)
        return;
    ui_round_frame(u->d, rect(r.x - off, r.y - off, r.w + 2 * off, r.h + 2 * off),
                   rad + off, t, C_FOCUS);
}

void ui_btn_ex(ui_page *u, const metrics *k, const mid_ui_model *m, SDL_Rect r,
               const char *label, btn_style st, int enabled, int focus_idx,
               mid_ui_event_kind kind, uint32_t arg, ui_size max_size)
{
    int rad = r.h / 4;
    int pad = k->gap;
    SDL_Color bg = C_PANEL_HI, fg = C_TEXT;
    ui_size sz;
    if (!enabled) {
        bg = C_PANEL;
        fg = C_FAINT;
    } else if (st == BTN_PRIMARY) {
        bg = C_WHITE;
        fg = C_INK;
    }
    ui_round(u->d, r, rad, bg);
    if (st == BTN_SECONDARY || !enabled)
        ui_round_frame(u->d, r, rad, 2, enabled ? C_LINE : C_PANEL_HI);
    sz = ui_fit(u->d, UI_BOLD, max_size, UI_XS, label, r.w - 2 * pad);
    ui_text(u->d, UI_BOLD, sz, fg, label, r.x + r.w / 2, r.y + r.h / 2,
            UI_AL_CENTER | UI_AV_MIDDLE, r.w - pad, 0);
    ui_focus_ring(u, k, m, focus_idx, r, rad);
    ui_add_button(u->l, r, kind, arg, focus_idx, enabled);
}

void ui_btn(ui_page *u, const metrics *k, const mid_ui_model *m, SDL_Rect r,
            const char *label, btn_style st, int enabled, int focus_idx,
            mid_ui_event_kind kind, uint32_t arg)
{
    ui_btn_ex(u, k, m, r, label, st, enabled, focus_idx, kind, arg, UI_MD);
}

/* Width of a footer button: a fifth of the screen, or its label. */
int ui_btn_w(ui_page *u, const metrics *k, const char *label)
{
    int w = ui_text_w(u->d, UI_BOLD, UI_MD, label) + 3 * k->m;
    return imin(imax(w, k->w / 5), k->w / 2 - k->m);
}

void ui_check_mark(ui_page *u, float cx, float cy, float s, float t,
                   SDL_Color c)
{
    /* short stroke down-right, long stroke up-right; s = half size */
    ui_line(u->d, cx - s * 0.62f, cy + s * 0.02f, cx - s * 0.16f, cy + s * 0.48f,
            t, c);
    ui_line(u->d, cx - s * 0.16f, cy + s * 0.48f, cx + s * 0.66f, cy - s * 0.46f,
            t, c);
}

void ui_cross_mark(ui_page *u, float cx, float cy, float s, float t,
                   SDL_Color c)
{
    ui_line(u->d, cx - s * 0.48f, cy - s * 0.48f, cx + s * 0.48f, cy + s * 0.48f,
            t, c);
    ui_line(u->d, cx - s * 0.48f, cy + s * 0.48f, cx + s * 0.48f, cy - s * 0.48f,
            t, c);
}

void ui_checkbox(ui_page *u, SDL_Rect r, int on)
{
    int rad = r.w / 5;
    if (on) {
        ui_round(u->d, r, rad, C_WHITE);
        ui_check_mark(u, (float)r.x + (float)r.w / 2.0f,
                      (float)r.y + (float)r.h / 2.0f, (float)r.w * 0.42f,
                      (float)r.w * 0.14f, C_INK);
    } else {
        ui_round_frame(u->d, r, rad, imax(2, r.w / 12), C_DIM);
    }
}

/* A chip: short text on a rounded pill, right- or left-anchored. */
SDL_Rect ui_chip(ui_page *u, const metrics *k, const char *s, int x, int y_mid,
                 int right_anchor)
{
    int tw = ui_text_w(u->d, UI_BOLD, UI_SM, s);
    int ch = ui_line_h(u->d, UI_BOLD, UI_SM) + k->gap / 3;
    int cw = tw + 2 * k->gap;
    SDL_Rect r = rect(right_anchor ? x - cw : x, y_mid - ch / 2, cw, ch);
    ui_round(u->d, r, ch / 2, C_PANEL_HI);
    ui_text(u->d, UI_BOLD, UI_SM, C_TEXT, s, r.x + r.w / 2, r.y + r.h / 2,
            UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
    return r;
}

SDL_Rect ui_title(ui_page *u, const metrics *k, const char *s, int max_w)
{
    SDL_Rect r = ui_text(u->d, UI_BOLD, UI_LG, C_TEXT, s, k->m, k->m, 0, max_w,
                         0);
    ui_set_region(u->l, MID_UI_REGION_TITLE, r);
    return r;
}

/* ---- status line (every screen) ---- */
static void status_line(ui_page *u, const metrics *k,
                        const mid_ui_model *m)
{
    char buf[96];
    const char *s = buf;
    int y = k->h - k->status_h;
    int warn = m->revocation_stale || m->revocation_age_days < 0;
    SDL_Color c = warn ? C_WARN : C_DIM;
    int dot = ui_font_px(u->d, UI_XS) / 4;
    SDL_Rect r, lb;
    const char *other = ui_tr(m, S_LANG_OTHER);
    int lw;
    ui_fill(u->d, rect(0, y, k->w, k->status_h), C_STATUS_BG);
    ui_fill(u->d, rect(0, y, k->w, 1), C_PANEL_HI);
    if (m->revocation_age_days < 0)
        s = ui_tr(m, S_REVOCATION_NONE);
    else if (m->revocation_age_days == 0)
        s = ui_tr(m, S_REVOCATION_TODAY);
    else
        ui_fmt_revocation(m, m->revocation_age_days, buf, sizeof(buf));
    ui_disc(u->d, (float)(k->m + dot), (float)(y + k->status_h / 2), (float)dot,
            warn ? C_WARN : C_GOOD_TEXT);
    r = ui_text(u->d, warn ? UI_BOLD : UI_REG, UI_XS, c, s, k->m + 3 * dot,
                y + k->status_h / 2, UI_AV_MIDDLE, 0, 0);
    ui_set_region(u->l, MID_UI_REGION_STATUS, r);
    /* a 3 s press here opens the operator PIN screen (touch panels have no
     * F12); nothing is drawn for it and a tap does nothing */
    ui_set_region(u->l, MID_UI_REGION_HOLD,
                  rect(0, y, imax(r.x + r.w + k->m, k->w / 4), k->status_h));
    /* language switch for customers who read English; L on a keyboard */
    lw = ui_text_w(u->d, UI_BOLD, UI_XS, other) + 2 * k->gap;
    lb = rect(k->w - k->m - lw, y + 3, lw, k->status_h - 6);
    ui_round_frame(u->d, lb, lb.h / 2, 1, C_LINE);
    ui_text(u->d, UI_BOLD, UI_XS, C_DIM, other, lb.x + lb.w / 2,
            lb.y + lb.h / 2, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
    ui_add_button(u->l, lb, MID_EV_TOGGLE_LANG, 0, -1, 1);
}

void ui_layout_draw(ui_draw *d, ui_layout *l, const mid_ui_model *m)
{
    ui_page page;
    ui_page *u = &page;
    metrics k;
    page.d = d;
    page.l = l;
    l->n_buttons = 0;
    l->focus_count = 0;
    l->region_mask = 0;
    k = metrics_of(u);
    ui_draw_clear(d, C_BG);
    switch (m->screen) {
    case MID_SCREEN_PURPOSE:
        ui_screen_purpose(u, &k, m);
        break;
    case MID_SCREEN_REQUEST:
        ui_screen_request(u, &k, m);
        break;
    case MID_SCREEN_SCAN:
        ui_screen_scan(u, &k, m);
        break;
    case MID_SCREEN_RESULT:
        ui_screen_result(u, &k, m);
        break;
    case MID_SCREEN_CAMERA_LOST:
    case MID_SCREEN_CLOCK:
    case MID_SCREEN_NOTICE:
        ui_screen_message(u, &k, m);
        break;
    case MID_SCREEN_PIN:
        ui_screen_pin(u, &k, m);
        break;
    case MID_SCREEN_STATUS:
        ui_screen_status(u, &k, m);
        break;
    }
    status_line(u, &k, m);
}

void ui_add_button(ui_layout *l, SDL_Rect r, mid_ui_event_kind kind,
                   uint32_t arg, int focus_index, int enabled)
{
    ui_button *b;
    if (l->n_buttons >= UI_MAX_BUTTONS)
        return;
    b = &l->buttons[l->n_buttons++];
    b->r = r;
    b->ev.kind = kind;
    b->ev.arg = arg;
    b->focus_index = focus_index;
    b->enabled = enabled;
    if (focus_index >= l->focus_count)
        l->focus_count = focus_index + 1;
}

void ui_set_region(ui_layout *l, mid_ui_region reg, SDL_Rect r)
{
    if ((unsigned)reg >= MID_UI_REGION_COUNT)
        return;
    l->region[reg] = r;
    l->region_mask |= 1u << reg;
}

int ui_layout_hit(const ui_layout *l, int x, int y)
{
    for (int i = l->n_buttons - 1; i >= 0; i--) {
        const SDL_Rect *r = &l->buttons[i].r;
        if (x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h)
            return i;
    }
    return -1;
}

int ui_layout_in_region(const ui_layout *l, mid_ui_region reg, int x, int y)
{
    const SDL_Rect *r;
    if ((unsigned)reg >= MID_UI_REGION_COUNT || !(l->region_mask & (1u << reg)))
        return 0;
    r = &l->region[reg];
    return x >= r->x && y >= r->y && x < r->x + r->w && y < r->y + r->h;
}
