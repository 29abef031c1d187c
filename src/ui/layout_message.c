/* mid-kiosk — the one-message screens: CAMERA_LOST, CLOCK, NOTICE. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

/* ---- CAMERA_LOST / CLOCK / NOTICE ---- */
void ui_screen_message(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    int avail = k->h - k->status_h;
    float r = (float)ui_font_px(u->d, UI_XL) * 0.75f;
    float cx = (float)k->w / 2.0f, cy = (float)avail * 0.30f;
    int ty = (int)(cy + r) + k->m;
    int wrap = k->w - 4 * k->m;
    SDL_Rect a, b = rect(0, 0, 0, 0);
    const char *head = NULL, *body = NULL;
    SDL_Color ic = C_WARN;
    switch (m->screen) {
    case MID_SCREEN_CAMERA_LOST:
        head = ui_tr(m, S_CAMERA_LOST);
        break;
    case MID_SCREEN_CLOCK:
        ic = C_BAD;
        head = ui_tr(m, S_CLOCK_TITLE);
        body = ui_tr(m, S_CLOCK_BODY);
        break;
    default:
        ic = C_TEXT;
        head = ui_tr(m, S_NOTICE_TITLE);
        body = m->notice;
        break;
    }
    ui_disc(u->d, cx, cy, r, ic);
    if (m->screen == MID_SCREEN_NOTICE) {
        /* "i" */
        ui_disc(u->d, cx, cy - r * 0.45f, r * 0.13f, C_BG);
        ui_line(u->d, cx, cy - r * 0.12f, cx, cy + r * 0.52f, r * 0.22f, C_BG);
    } else {
        /* "!" */
        ui_line(u->d, cx, cy - r * 0.55f, cx, cy + r * 0.12f, r * 0.22f, C_BG);
        ui_disc(u->d, cx, cy + r * 0.50f, r * 0.13f, C_BG);
    }
    a = ui_text(u->d, UI_BOLD, UI_LG, C_TEXT, head, k->w / 2, ty, UI_AL_CENTER,
                wrap, 0);
    ui_set_region(u->l, MID_UI_REGION_TITLE, a);
    if (body && body[0])
        b = ui_text(u->d, UI_REG, UI_MD, m->screen == MID_SCREEN_NOTICE ? C_TEXT : C_DIM,
                    body, k->w / 2, a.y + a.h + k->gap, UI_AL_CENTER, wrap,
                    0);
    if (b.w > 0)
        ui_set_region(u->l, MID_UI_REGION_MESSAGE,
                      rect(imin(a.x, b.x), a.y, imax(a.w, b.w),
                           b.y + b.h - a.y));
    else
        ui_set_region(u->l, MID_UI_REGION_MESSAGE, a);
}
