/* mid-kiosk — the customer flow before a result: PURPOSE, REQUEST and
 * SCAN. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

/* ---- PURPOSE ---- */
/* Only the purposes offered (config `purposes`) are drawn, numbered 1..n
 * in order (the digit keys follow the numbers): four as a 2x2 grid in
 * landscape, fewer as full-width rows no taller than the four-card ones. */
void ui_screen_purpose(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    SDL_Rect t = ui_title(u, k, ui_tr(m, S_PURPOSE_TITLE), k->w - 2 * k->m);
    uint32_t all = (1u << MID_PURPOSE_COUNT) - 1u;
    uint32_t offered = m->purposes_offered & all;
    int list[MID_PURPOSE_COUNT], n = 0;
    int cols, rows, full_rows = k->landscape ? 2 : (int)MID_PURPOSE_COUNT;
    int top = t.y + t.h + k->m * 2 / 3;
    int bottom = k->footer_y - k->m * 2 / 3;
    int cw, ch;
    const char *next = ui_tr(m, S_NEXT);
    int bw = ui_btn_w(u, k, next);
    if (offered == 0)
        offered = all;
    for (int i = 0; i < (int)MID_PURPOSE_COUNT; i++)
        if (offered & (1u << i))
            list[n++] = i;
    cols = k->landscape && n == (int)MID_PURPOSE_COUNT ? 2 : 1;
    rows = (n + cols - 1) / cols;
    cw = (k->w - 2 * k->m - (cols - 1) * k->gap) / cols;
    ch = imin((bottom - top - (rows - 1) * k->gap) / rows,
              (bottom - top - (full_rows - 1) * k->gap) / full_rows);
    for (int i = 0; i < n; i++) {
        mid_purpose p = (mid_purpose)list[i];
        SDL_Rect c = rect(k->m + (i % cols) * (cw + k->gap),
                          top + (i / cols) * (ch + k->gap), cw, ch);
        int sel = m->purpose == p;
        int rad = imin(k->m / 2, ch / 4);
        float br = (float)imin(ch / 4, ui_font_px(u->d, UI_LG) * 3 / 4);
        float bx = (float)c.x + (float)k->gap + br;
        float by = (float)c.y + (float)c.h / 2.0f;
        int tx = (int)(bx + br) + k->gap;
        int tw = c.x + c.w - tx - k->gap;
        const char *label = ui_or_q(mid_purpose_label(p, m->lang));
        const char *hint = mid_purpose_hint(p, m->lang);
        char num[12];
        int lh = ui_line_h(u->d, UI_BOLD, UI_LG);
        int hh = (hint && hint[0]) ? ui_line_h(u->d, UI_REG, UI_SM) : 0;
        ui_size lsz = ui_fit(u->d, UI_BOLD, UI_LG, UI_MD, label, tw);
        ui_round(u->d, c, rad, sel ? C_PANEL_HI : C_PANEL);
        if (sel)
            ui_round_frame(u->d, c, rad, k->ring, C_WHITE);
        /* keypad number badge: white when selected */
        ui_disc(u->d, bx, by, br, sel ? C_WHITE : C_PANEL_HI);
        if (!sel)
            ui_ring(u->d, bx, by, br, 2.0f, C_LINE);
        snprintf(num, sizeof(num), "%d", i + 1);
        ui_text(u->d, UI_BOLD, UI_MD, sel ? C_INK : C_TEXT, num, (int)bx,
                (int)by, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
        ui_text(u->d, UI_BOLD, lsz, C_TEXT, label, tx,
                (int)by - (lh + hh) / 2 + lh / 2, UI_AV_MIDDLE, 0, 0);
        if (hh)
            ui_text(u->d, UI_REG, UI_SM, C_DIM, hint, tx,
                    (int)by + (lh + hh) / 2 - hh / 2, UI_AV_MIDDLE, tw, 0);
        /* the focus index is the purpose, as the app counts it */
        ui_focus_ring(u, k, m, (int)p, c, rad);
        ui_add_button(u->l, c, MID_EV_SELECT_PURPOSE, (uint32_t)p, (int)p, 1);
    }
    ui_btn(u, k, m, rect(k->w - k->m - bw, k->footer_y, bw, k->bh), next,
           BTN_PRIMARY, 1, -1, MID_EV_NEXT, 0);
}

/* ---- REQUEST ---- */
static void item_list(ui_page *u, const mid_ui_model *m, uint32_t items,
                      SDL_Rect box, ui_size sz)
{
    int n = 0, rows, cols, colw, rh = ui_line_h(u->d, UI_BOLD, sz) * 6 / 5;
    int idx = 0;
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++)
        if (items & (uint32_t)ui_item_order[i])
            n++;
    if (n == 0) {
        ui_text(u->d, UI_REG, sz, C_DIM, ui_tr(m, S_NO_ITEMS), box.x, box.y, 0,
                box.w, 0);
        return;
    }
    rows = imax(1, box.h / rh);
    cols = (n + rows - 1) / rows;
    if (cols < 1)
        cols = 1;
    rows = (n + cols - 1) / cols;
    colw = box.w / cols;
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        mid_item it = ui_item_order[i];
        int x, y, d = ui_font_px(u->d, sz) / 5;
        if (!(items & (uint32_t)it))
            continue;
        x = box.x + (idx / rows) * colw;
        y = box.y + (idx % rows) * rh + rh / 2;
        ui_disc(u->d, (float)(x + d), (float)y, (float)d, C_GOOD_TEXT);
        ui_text(u->d, UI_BOLD, sz, C_TEXT, ui_or_q(mid_item_label(it, m->lang)),
                x + 4 * d, y, UI_AV_MIDDLE, 0, 0);
        idx++;
    }
}

void ui_screen_request(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    SDL_Rect t = ui_title(u, k, ui_tr(m, S_REQUEST_TITLE), k->w / 2);
    int top = t.y + t.h + k->m / 2;
    int bottom = k->footer_y - k->m * 2 / 3;
    int custom = m->purpose == MID_PURPOSE_CUSTOM;
    const char *next = ui_tr(m, S_NEXT), *back = ui_tr(m, S_BACK);
    int bw = ui_btn_w(u, k, next);
    ui_chip(u, k, ui_purpose_label(m), k->w - k->m, t.y + t.h / 2, 1);
    if (!custom) {
        SDL_Rect card = rect(k->m, top, k->w - 2 * k->m, bottom - top);
        ui_round(u->d, card, k->m / 2, C_PANEL);
        item_list(u, m, m->items,
                  rect(card.x + k->m, card.y + k->m / 2, card.w - 2 * k->m,
                       card.h - k->m),
                  UI_LG);
    } else {
        int cols = k->landscape ? 3 : 2;
        int rows = ((int)MID_ITEM_COUNT + cols - 1) / cols;
        SDL_Rect sub = ui_text(u->d, UI_BOLD, UI_MD, C_DIM, ui_tr(m, S_REQUEST_MORE),
                               k->m, top, 0, k->w - 2 * k->m, 0);
        int gtop = sub.y + sub.h + k->gap / 2;
        int tw = (k->w - 2 * k->m - (cols - 1) * k->gap) / cols;
        int th = imin(k->bh, (bottom - gtop - (rows - 1) * k->gap / 2) / rows);
        for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
            /* bit order: the app moves the keypad focus by bit index */
            mid_item it = (mid_item)(1u << i);
            int on = (m->items & (uint32_t)it) != 0;
            SDL_Rect r = rect(k->m + (int)(i % (unsigned)cols) * (tw + k->gap),
                              gtop + (int)(i / (unsigned)cols) *
                                         (th + k->gap / 2),
                              tw, th);
            int bs = th * 9 / 20;
            const char *label = ui_or_q(mid_item_label(it, m->lang));
            int lx = r.x + k->gap + bs + k->gap;
            ui_size sz = ui_fit(u->d, UI_REG, UI_MD, UI_XS, label,
                                r.x + r.w - lx - k->gap / 2);
            ui_round(u->d, r, th / 4, on ? C_PANEL_HI : C_PANEL);
            if (on)
                ui_round_frame(u->d, r, th / 4, 2, C_WHITE);
            ui_checkbox(u, rect(r.x + k->gap, r.y + (th - bs) / 2, bs, bs), on);
            ui_text(u->d, on ? UI_BOLD : UI_REG, sz, on ? C_TEXT : C_DIM, label,
                    lx, r.y + th / 2, UI_AV_MIDDLE, 0, 0);
            ui_focus_ring(u, k, m, (int)i, r, th / 4);
            ui_add_button(u->l, r, MID_EV_TOGGLE_ITEM, (uint32_t)it, (int)i, 1);
        }
    }
    ui_btn(u, k, m, rect(k->w - k->m - bw, k->footer_y, bw, k->bh), next,
           BTN_PRIMARY, !custom || m->items != 0, -1, MID_EV_NEXT, 0);
    if (!m->purpose_fixed)
        ui_btn(u, k, m,
               rect(k->m, k->footer_y, ui_btn_w(u, k, back), k->bh), back,
               BTN_SECONDARY, 1, -1, MID_EV_BACK, 0);
}

/* ---- SCAN ---- */
static void viewfinder(ui_page *u, SDL_Rect box)
{
    int s = imin(box.w, box.h) * 3 / 5;
    int x0 = box.x + (box.w - s) / 2, y0 = box.y + (box.h - s) / 2;
    float len = (float)s / 5.0f, t = (float)imax(4, s / 40);
    float xa = (float)x0, ya = (float)y0, xb = (float)(x0 + s),
          yb = (float)(y0 + s);
    SDL_Color c = {0xFF, 0xFF, 0xFF, 0xD0};
    ui_line(u->d, xa, ya, xa + len, ya, t, c);
    ui_line(u->d, xa, ya, xa, ya + len, t, c);
    ui_line(u->d, xb, ya, xb - len, ya, t, c);
    ui_line(u->d, xb, ya, xb, ya + len, t, c);
    ui_line(u->d, xa, yb, xa + len, yb, t, c);
    ui_line(u->d, xa, yb, xa, yb - len, t, c);
    ui_line(u->d, xb, yb, xb - len, yb, t, c);
    ui_line(u->d, xb, yb, xb, yb - len, t, c);
}

void ui_screen_scan(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    SDL_Rect t = ui_title(u, k, ui_tr(m, S_SCAN_TITLE), k->w - 2 * k->m);
    int top = t.y + t.h + k->m * 2 / 3;
    int bottom = k->h - k->status_h - k->m * 2 / 3;
    SDL_Rect pv, panel, drawn;
    if (k->landscape) {
        int pw = imin((bottom - top) * 4 / 3, (k->w - 2 * k->m) * 3 / 5);
        pv = rect(k->m, top, pw, bottom - top);
        panel = rect(pv.x + pv.w + k->m, top, k->w - pv.w - 3 * k->m,
                     bottom - top);
    } else {
        int ph = imin((k->w - 2 * k->m) * 3 / 4, (bottom - top) * 3 / 5);
        pv = rect(k->m, top, k->w - 2 * k->m, ph);
        panel = rect(k->m, pv.y + pv.h + k->m, k->w - 2 * k->m,
                     bottom - pv.y - pv.h - k->m);
    }
    ui_round(u->d, pv, k->m / 2, C_BLACK);
    if (ui_preview(u->d, m->preview, pv, &drawn))
        ui_set_region(u->l, MID_UI_REGION_PREVIEW, drawn);
    else
        ui_set_region(u->l, MID_UI_REGION_PREVIEW, pv);
    viewfinder(u, pv);
    if (m->hint == MID_HINT_ONE_CODE || m->hint == MID_HINT_NOT_MID) {
        const char *h = ui_tr(m, m->hint == MID_HINT_ONE_CODE ? S_HINT_ONE_CODE
                                                              : S_HINT_NOT_MID);
        int bh = ui_line_h(u->d, UI_BOLD, UI_MD) * 3 / 2;
        ui_size sz = ui_fit(u->d, UI_BOLD, UI_MD, UI_SM, h, pv.w - 2 * k->gap);
        SDL_Rect b = rect(pv.x, pv.y + pv.h - bh, pv.w, bh);
        ui_fill(u->d, b, C_WARN);
        ui_text(u->d, UI_BOLD, sz, C_INK, h, b.x + b.w / 2, b.y + b.h / 2,
                UI_AL_CENTER | UI_AV_MIDDLE, b.w - k->gap, 0);
        ui_set_region(u->l, MID_UI_REGION_HINT, b);
    }
    /* right panel: what will be asked for, and the way to change it */
    {
        SDL_Rect c, head;
        int list_bottom = panel.y + panel.h;
        const char *chg = ui_tr(m, S_CHANGE_REQUEST);
        c = ui_chip(u, k, ui_purpose_label(m), panel.x, panel.y + k->gap, 0);
        head = ui_text(u->d, UI_BOLD, UI_MD, C_DIM, ui_tr(m, S_REQUEST_TITLE),
                       panel.x, c.y + c.h + k->gap / 2, 0, panel.w, 0);
        if (!m->purpose_fixed) {
            SDL_Rect b = rect(panel.x, panel.y + panel.h - k->bh, panel.w,
                              k->bh);
            ui_btn(u, k, m, b, chg, BTN_SECONDARY, 1, -1,
                   MID_EV_CHANGE_REQUEST, 0);
            list_bottom = b.y - k->gap;
        }
        item_list(u, m, m->items,
                  rect(panel.x, head.y + head.h + k->gap / 3, panel.w,
                       list_bottom - head.y - head.h - k->gap / 3),
                  UI_MD);
    }
}
