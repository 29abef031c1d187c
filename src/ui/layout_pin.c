/* mid-kiosk — the operator PIN screen (docs/operator.md). */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

/* ---- PIN (operator) ---- */
static void fmt_pin_message(const mid_ui_model *m, char *out, size_t cap,
                            SDL_Color *c)
{
    *c = C_DIM;
    switch (m->pin_state) {
    case MID_PIN_WRONG:
        *c = C_WARN;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Wrong PIN. %d %s left.", m->pin_tries_left,
                     m->pin_tries_left == 1 ? "try" : "tries");
        else
            snprintf(out, cap, "PIN이 올바르지 않습니다. 남은 시도 %d회",
                     m->pin_tries_left);
        return;
    case MID_PIN_LOCKED:
        *c = C_BAD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Too many wrong PINs. Try again in %d s.",
                     m->pin_locked_s);
        else
            snprintf(out, cap,
                     "PIN을 여러 번 잘못 입력했습니다. %d초 뒤에 다시 "
                     "시도하세요.",
                     m->pin_locked_s);
        return;
    case MID_PIN_ENTER:
        break;
    }
    snprintf(out, cap, "%s", ui_tr(m, S_PIN_PROMPT));
}

/* The ← key: a backspace outline with a cross, drawn (no glyph needed). */
static void erase_mark(ui_page *u, SDL_Rect r, SDL_Color c)
{
    float h = (float)imin(r.h, r.w) * 0.34f;
    float w = h * 1.5f, t = (float)imax(2, (int)(h / 7.0f));
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float x0 = cx - w / 2.0f, x1 = cx + w / 2.0f, xt = x0 + h / 2.0f;
    ui_line(u->d, x0, cy, xt, cy - h / 2.0f, t, c);
    ui_line(u->d, x0, cy, xt, cy + h / 2.0f, t, c);
    ui_line(u->d, xt, cy - h / 2.0f, x1, cy - h / 2.0f, t, c);
    ui_line(u->d, xt, cy + h / 2.0f, x1, cy + h / 2.0f, t, c);
    ui_line(u->d, x1, cy - h / 2.0f, x1, cy + h / 2.0f, t, c);
    cx = (xt + x1) / 2.0f + h * 0.05f;
    ui_line(u->d, cx - h * 0.2f, cy - h * 0.2f, cx + h * 0.2f, cy + h * 0.2f, t, c);
    ui_line(u->d, cx - h * 0.2f, cy + h * 0.2f, cx + h * 0.2f, cy - h * 0.2f, t, c);
}

/* Number pad 1-9 / ← 0 확인, keys 4:3 to 8:5, centred in area. */
static void pin_pad(ui_page *u, const metrics *k, const mid_ui_model *m,
                    SDL_Rect area)
{
    static const int k_keys[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, -2};
    int locked = m->pin_state == MID_PIN_LOCKED;
    int g = k->gap * 2 / 3;
    int kh0 = (area.h - 3 * g) / 4;
    int kw = imin((area.w - 2 * g) / 3, kh0 * 8 / 5);
    int kh = imin(kh0, kw * 3 / 4); /* never taller than wide */
    int pw = 3 * kw + 2 * g, ph = 4 * kh + 3 * g;
    int x0 = area.x + (area.w - pw) / 2, y0 = area.y + (area.h - ph) / 2;
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = rect(x0 + (i % 3) * (kw + g), y0 + (i / 3) * (kh + g),
                          kw, kh);
        char num[12];
        if (k_keys[i] >= 0) {
            snprintf(num, sizeof(num), "%d", k_keys[i]);
            ui_btn_ex(u, k, m, r, num, BTN_SECONDARY, !locked, -1,
                      MID_EV_PIN_DIGIT, (uint32_t)k_keys[i], UI_LG);
        } else if (k_keys[i] == -1) {
            int on = !locked && m->pin_len > 0;
            ui_btn_ex(u, k, m, r, "", BTN_SECONDARY, on, -1, MID_EV_PIN_ERASE,
                      0, UI_LG);
            erase_mark(u, r, on ? C_TEXT : C_FAINT);
        } else {
            ui_btn_ex(u, k, m, r, ui_tr(m, S_PIN_OK), BTN_PRIMARY,
                      !locked && m->pin_len > 0, -1, MID_EV_NEXT, 0, UI_LG);
        }
    }
    ui_set_region(u->l, MID_UI_REGION_PIN_PAD, rect(x0, y0, pw, ph));
}

void ui_screen_pin(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    char msg[160];
    SDL_Color mc;
    const char *cancel = ui_tr(m, S_PIN_CANCEL);
    int left_w = k->landscape ? k->w / 2 - k->m : k->w - 2 * k->m;
    SDL_Rect t = ui_title(u, k, ui_tr(m, S_PIN_TITLE), left_w);
    SDL_Rect a, box, pad;
    int fh = k->bh, dot = ui_font_px(u->d, UI_MD) / 3;
    int bottom = k->h - k->status_h - k->m * 2 / 3;
    fmt_pin_message(m, msg, sizeof(msg), &mc);
    a = ui_text(u->d, m->pin_state == MID_PIN_ENTER ? UI_REG : UI_BOLD, UI_MD, mc,
                msg, k->m, t.y + t.h + k->gap, 0, left_w, 0);
    ui_set_region(u->l, MID_UI_REGION_MESSAGE, a);
    /* the field: one dot per digit, never the digits, nor how many the
     * PIN has */
    box = rect(k->m, a.y + a.h + k->m * 2 / 3, left_w, fh);
    ui_round(u->d, box, fh / 4, C_PANEL);
    ui_round_frame(u->d, box, fh / 4, 2,
                   m->pin_state == MID_PIN_LOCKED ? C_PANEL_HI : C_LINE);
    for (int i = 0; i < m->pin_len && i < UI_PIN_DOTS_MAX; i++)
        ui_disc(u->d, (float)(box.x + k->gap + dot + i * dot * 3),
                (float)(box.y + fh / 2), (float)dot, C_TEXT);
    ui_set_region(u->l, MID_UI_REGION_PIN_DOTS, box);
    if (k->landscape)
        pad = rect(k->w / 2 + k->m / 2, k->m, k->w / 2 - k->m * 3 / 2,
                   bottom - k->m);
    else
        pad = rect(k->m, box.y + fh + k->m, k->w - 2 * k->m,
                   k->footer_y - k->m - (box.y + fh + k->m));
    pin_pad(u, k, m, pad);
    ui_btn(u, k, m, rect(k->m, k->footer_y, ui_btn_w(u, k, cancel), k->bh),
           cancel, BTN_SECONDARY, 1, -1, MID_EV_BACK, 0);
}
