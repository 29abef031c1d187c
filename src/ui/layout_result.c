/* mid-kiosk — the RESULT screen: verdict band, portrait, fields. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "mid/mid_wipe.h"
#include "ui/layout_private.h"

/* ---- RESULT ---- */
typedef enum band_kind {
    BAND_VALID,
    BAND_INVALID,
    BAND_ADULT,
    BAND_MINOR,
    BAND_LICENCE
} band_kind;

static const char *licence_state_str(const mid_ui_model *m,
                                     mid_licence_state s)
{
    switch (s) {
    case MID_LICSTATE_VALID:
        return ui_tr(m, S_LIC_VALID);
    case MID_LICSTATE_EXPIRED:
        return ui_tr(m, S_LIC_EXPIRED);
    case MID_LICSTATE_SUSPENDED:
        return ui_tr(m, S_LIC_SUSPENDED);
    case MID_LICSTATE_CANCELLED:
        return ui_tr(m, S_LIC_CANCELLED);
    }
    return "?";
}

static band_kind band_of(const mid_ui_model *m)
{
    const mid_view *v = m->view;
    if (m->verdict != MID_VERDICT_VALID)
        return BAND_INVALID;
    if (!v)
        return BAND_VALID;
    /* for these purposes the decision itself is the headline */
    if (m->purpose == MID_PURPOSE_ADULT && (v->items & MID_ITEM_ADULT))
        return v->adult ? BAND_ADULT : BAND_MINOR;
    if (m->purpose == MID_PURPOSE_LICENCE &&
        (v->items & MID_ITEM_LICENCE_STATUS) &&
        v->licence_state != MID_LICSTATE_VALID)
        return BAND_LICENCE;
    return BAND_VALID;
}

static int band_height(ui_page *u, const metrics *k, ui_size big)
{
    return ui_line_h(u->d, UI_BOLD, big) + ui_line_h(u->d, UI_BOLD, UI_SM) +
           k->gap / 2;
}

/* The verdict: a full-width band, a symbol drawn with primitives, a word
 * in the largest type that fits (big_max: XL, or LG when the fields need
 * the room) and one line saying what it means. */
static SDL_Rect band(ui_page *u, const metrics *k, const mid_ui_model *m,
                     int y, ui_size big_max)
{
    band_kind bk = band_of(m);
    SDL_Color bg = C_GOOD;
    char big[64];
    const char *sub = ui_tr(m, S_VALID_SUB);
    int h = band_height(u, k, big_max);
    float r = (float)h * 0.36f;
    float cx = (float)k->m + r, cy = (float)y + (float)h / 2.0f;
    int tx = (int)(cx + r) + k->m;
    ui_size bsz;
    SDL_Rect br;
    snprintf(big, sizeof(big), "%s", ui_tr(m, S_VALID));
    switch (bk) {
    case BAND_VALID:
        break;
    case BAND_INVALID:
        bg = C_BAD;
        snprintf(big, sizeof(big), "%s", ui_tr(m, S_INVALID));
        sub = ui_tr(m, S_INVALID_SUB);
        break;
    case BAND_ADULT:
        snprintf(big, sizeof(big), "%s", ui_tr(m, S_ADULT));
        sub = ui_tr(m, S_ADULT_SUB);
        break;
    case BAND_MINOR:
        bg = C_AMBER;
        snprintf(big, sizeof(big), "%s", ui_tr(m, S_MINOR));
        sub = ui_tr(m, S_MINOR_SUB);
        break;
    case BAND_LICENCE:
        bg = C_AMBER;
        ui_fmt_licence(m, licence_state_str(m, m->view->licence_state), big,
                       sizeof(big));
        sub = ui_tr(m, S_LICENCE_SUB);
        break;
    }
    br = rect(0, y, k->w, h);
    ui_fill(u->d, br, bg);
    ui_set_region(u->l, MID_UI_REGION_VERDICT, br);
    /* the symbol: white disc, mark in the band colour */
    ui_disc(u->d, cx, cy, r, C_WHITE);
    switch (bk) {
    case BAND_VALID:
    case BAND_ADULT:
        ui_check_mark(u, cx, cy, r * 0.95f, r * 0.26f, bg);
        break;
    case BAND_INVALID:
        ui_cross_mark(u, cx, cy, r * 0.95f, r * 0.26f, bg);
        break;
    case BAND_MINOR:
        /* the familiar "19" prohibition sign */
        ui_ring(u->d, cx, cy, r * 0.86f, r * 0.16f, bg);
        ui_text(u->d, UI_BOLD, big_max == UI_XL ? UI_LG : UI_MD, bg, "19",
                (int)cx, (int)cy, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
        ui_line(u->d, cx - r * 0.55f, cy + r * 0.55f, cx + r * 0.55f,
                cy - r * 0.55f, r * 0.14f, bg);
        break;
    case BAND_LICENCE:
        ui_line(u->d, cx, cy - r * 0.55f, cx, cy + r * 0.12f, r * 0.22f, bg);
        ui_disc(u->d, cx, cy + r * 0.50f, r * 0.13f, bg);
        break;
    }
    bsz = ui_fit(u->d, UI_BOLD, big_max, UI_MD, big, k->w - tx - k->m);
    ui_text(u->d, UI_BOLD, bsz, C_WHITE, big, tx, y + k->gap / 4, 0, 0, 0);
    ui_text(u->d, UI_BOLD, ui_fit(u->d, UI_BOLD, UI_SM, UI_XS, sub, k->w - tx - k->m),
            C_WHITE, sub, tx, y + h - k->gap / 4, UI_AV_BOTTOM, 0, 0);
    return br;
}

typedef struct field {
    const char *label;
    char value[96];
    SDL_Color colour;
} field;

void ui_fmt_date(const mid_ui_model *m, mid_date d, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%04d-%02u-%02u", (int)d.year, (unsigned)d.month,
                 (unsigned)d.day);
    else
        snprintf(out, cap, "%04d.%02u.%02u", (int)d.year, (unsigned)d.month,
                 (unsigned)d.day);
}

static int fields_of(const mid_ui_model *m, field *f, int cap)
{
    const mid_view *v = m->view;
    int n = 0;
    band_kind bk = band_of(m);
    for (unsigned i = 0; i < MID_ITEM_COUNT && n < cap; i++) {
        mid_item it = ui_item_order[i];
        field *x = &f[n];
        if (!(v->items & (uint32_t)it) || it == MID_ITEM_PORTRAIT)
            continue;
        if (it == MID_ITEM_ADULT && (bk == BAND_ADULT || bk == BAND_MINOR))
            continue; /* the band says it */
        x->label = ui_or_q(mid_item_label(it, m->lang));
        x->colour = C_TEXT;
        x->value[0] = '\0';
        switch (it) {
        case MID_ITEM_NAME:
            snprintf(x->value, sizeof(x->value), "%s", v->name);
            break;
        case MID_ITEM_RRN:
            snprintf(x->value, sizeof(x->value), "%s", v->rrn);
            break;
        case MID_ITEM_ADULT:
            snprintf(x->value, sizeof(x->value), "%s",
                     ui_tr(m, v->adult ? S_ADULT_FIELD : S_MINOR_FIELD));
            x->colour = v->adult ? C_GOOD_TEXT : C_BAD_TEXT;
            break;
        case MID_ITEM_AGE:
            ui_fmt_age(m, v->age, x->value, sizeof(x->value));
            break;
        case MID_ITEM_BIRTH_DATE:
            ui_fmt_date(m, v->birth, x->value, sizeof(x->value));
            break;
        case MID_ITEM_ISSUE_DATE:
            ui_fmt_date(m, v->issue_date, x->value, sizeof(x->value));
            break;
        case MID_ITEM_LICENCE_CLASS:
            snprintf(x->value, sizeof(x->value), "%s",
                     ui_or_q(mid_licence_class_label(v->licence_class,
                                                     m->lang)));
            break;
        case MID_ITEM_LICENCE_NUMBER:
            snprintf(x->value, sizeof(x->value), "%s", v->licence_number);
            break;
        case MID_ITEM_LICENCE_STATUS:
            snprintf(x->value, sizeof(x->value), "%s",
                     licence_state_str(m, v->licence_state));
            x->colour = v->licence_state == MID_LICSTATE_VALID ? C_GOOD_TEXT
                                                               : C_BAD_TEXT;
            break;
        case MID_ITEM_LICENCE_EXPIRY:
            ui_fmt_date(m, v->licence_expiry, x->value, sizeof(x->value));
            break;
        case MID_ITEM_DOCTYPE:
            snprintf(x->value, sizeof(x->value), "%s",
                     ui_tr(m, v->doctype == MID_DOC_DRIVER_LICENCE
                                  ? S_DOC_LICENCE
                                  : S_DOC_RESIDENT));
            break;
        case MID_ITEM_PORTRAIT:
            break;
        }
        n++;
    }
    return n;
}

/* How the fields are set: value and label sizes, rows and columns. */
typedef struct field_fit {
    ui_size value, label;
    int rows, cols, rh;
} field_fit;

static int fields_fit(ui_page *u, int n, int h, ui_size vs, field_fit *out)
{
    int rh = ui_line_h(u->d, UI_BOLD, vs) * 21 / 20;
    int rows = imax(1, h / rh);
    int cols = imax(1, (n + rows - 1) / rows);
    out->value = vs;
    out->label = vs == UI_LG ? UI_MD : vs == UI_MD ? UI_SM
                                                   : UI_XS;
    out->rh = rh;
    out->cols = cols;
    out->rows = (n + cols - 1) / cols;
    /* large values read well only in one column */
    return vs == UI_LG ? cols == 1 : cols <= 2;
}

static void result_fields(ui_page *u, const metrics *k, const field *f,
                          int n, SDL_Rect box, const field_fit *fit)
{
    int colw = box.w / fit->cols;
    SDL_Rect all = rect(box.x, box.y, 0, 0);
    if (n == 0)
        return;
    for (int c = 0; c < fit->cols; c++) {
        int lw = 0;
        int first = c * fit->rows, last = imin(n, (c + 1) * fit->rows);
        for (int i = first; i < last; i++)
            lw = imax(lw, ui_text_w(u->d, UI_REG, fit->label, f[i].label));
        lw = imin(lw, colw * 2 / 5);
        for (int i = first; i < last; i++) {
            int x = box.x + c * colw;
            int y = box.y + (i - first) * fit->rh + fit->rh / 2;
            int vx = x + lw + k->gap;
            ui_size vs = ui_fit(u->d, UI_BOLD, fit->value, UI_XS, f[i].value,
                                colw - lw - k->gap * 2);
            SDL_Rect r;
            /* value centred on the row, label on the value's baseline */
            int base = y - ui_line_h(u->d, UI_BOLD, vs) / 2 +
                       ui_ascent(u->d, UI_BOLD, vs);
            ui_size ls = ui_fit(u->d, UI_REG, fit->label, UI_XS, f[i].label, lw);
            ui_text(u->d, UI_REG, ls, C_DIM, f[i].label, x,
                    base - ui_ascent(u->d, UI_REG, ls), 0, 0, 0);
            /* values are personal: wiped when the result closes */
            r = ui_text(u->d, UI_BOLD, vs, f[i].colour, f[i].value, vx, y,
                        UI_AV_MIDDLE, 0, 1);
            all.w = imax(all.w, r.x + r.w - all.x);
            all.h = imax(all.h, r.y + r.h - all.y);
        }
    }
    ui_set_region(u->l, MID_UI_REGION_FIELDS, all);
}

void ui_screen_result(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    /* band size / value size, most generous first */
    static const ui_size k_try[][2] = {
        {UI_XL, UI_LG}, {UI_XL, UI_MD}, {UI_LG, UI_MD}, {UI_LG, UI_SM}};
    char buf[160];
    SDL_Rect t = ui_title(u, k, ui_tr(m, S_RESULT_TITLE), k->w / 2);
    int band_y = t.y + t.h + k->m / 2;
    int body_top, body_bottom = k->footer_y - k->m / 2;
    const char *close = ui_tr(m, S_CLOSE), *ext = ui_tr(m, S_EXTEND);
    int cw = ui_btn_w(u, k, close), ew = ui_btn_w(u, k, ext);
    const mid_view *v = m->verdict == MID_VERDICT_VALID ? m->view : NULL;
    field f[MID_ITEM_COUNT];
    field_fit fit;
    int n = v ? fields_of(m, f, (int)MID_ITEM_COUNT) : 0;
    int pick = 0;
    int has_portrait = v && v->portrait_len > 0 &&
                       (v->items & MID_ITEM_PORTRAIT) != 0;
    SDL_Rect cd, bd;
    ui_fmt_selected(m, ui_purpose_label(m), buf, sizeof(buf));
    ui_chip(u, k, buf, k->w - k->m, t.y + t.h / 2, 1);
    if (v && v->portrait_unavailable) {
        const char *s = ui_tr(m, S_PORTRAIT_NOTICE);
        int nh = ui_line_h(u->d, UI_BOLD, UI_SM);
        SDL_Rect nr;
        if (ui_text_w(u->d, UI_BOLD, UI_SM, s) > k->w - 2 * k->m)
            nh *= 2;
        nr = ui_text(u->d, UI_BOLD, UI_SM, C_WARN, s, k->m, body_bottom - nh, 0,
                     k->w - 2 * k->m, 0);
        ui_set_region(u->l, MID_UI_REGION_NOTICE, nr);
        body_bottom = nr.y - k->gap / 2;
    }
    for (pick = 0; pick < (int)(sizeof(k_try) / sizeof(k_try[0])); pick++) {
        int top = band_y + band_height(u, k, k_try[pick][0]) + k->m * 2 / 3;
        if (n == 0 || fields_fit(u, n, body_bottom - top, k_try[pick][1],
                                 &fit))
            break;
    }
    if (pick == (int)(sizeof(k_try) / sizeof(k_try[0])))
        pick--;
    bd = band(u, k, m, band_y, k_try[pick][0]);
    body_top = bd.y + bd.h + k->m * 2 / 3;
    if (v) {
        SDL_Rect fb = rect(k->m, body_top, k->w - 2 * k->m,
                           body_bottom - body_top);
        SDL_Rect pr;
        if (has_portrait) {
            /* landscape: photo left of the fields; portrait: above them */
            SDL_Rect pb;
            if (k->landscape) {
                int pw = fb.h * (int)MID_MAX_PORTRAIT_W /
                         (int)MID_MAX_PORTRAIT_H;
                pb = rect(fb.x + 3, fb.y + 3, imin(pw, fb.w / 2) - 6,
                          fb.h - 6);
            } else {
                int ph = imin(fb.h / 2, fb.w * (int)MID_MAX_PORTRAIT_H /
                                            (int)MID_MAX_PORTRAIT_W);
                pb = rect(fb.x + 3, fb.y + 3, fb.w - 6, ph - 6);
            }
            if (ui_portrait(u->d, v->portrait, v->portrait_len, pb, &pr)) {
                /* a plain frame around, never over, the picture */
                ui_fill(u->d, rect(pr.x - 3, pr.y - 3, pr.w + 6, 3), C_LINE);
                ui_fill(u->d, rect(pr.x - 3, pr.y + pr.h, pr.w + 6, 3), C_LINE);
                ui_fill(u->d, rect(pr.x - 3, pr.y, 3, pr.h), C_LINE);
                ui_fill(u->d, rect(pr.x + pr.w, pr.y, 3, pr.h), C_LINE);
                ui_set_region(u->l, MID_UI_REGION_PORTRAIT, pr);
                if (k->landscape) {
                    fb.x = pr.x + pr.w + 3 + k->m;
                    fb.w = k->w - k->m - fb.x;
                } else {
                    fb.y = pr.y + pr.h + 3 + k->m / 2;
                    fb.h = body_bottom - fb.y;
                }
            }
        }
        if (n > 0) {
            (void)fields_fit(u, n, fb.h, k_try[pick][1], &fit);
            if (fit.cols > 2) {
                fit.cols = 2;
                fit.rows = (n + 1) / 2;
                fit.rh = fb.h / fit.rows;
            }
            result_fields(u, k, f, n, fb, &fit);
        }
    } else if (m->verdict != MID_VERDICT_VALID) {
        /* the reason in plain words: which check, and what it found */
        const char *chk =
            (unsigned)m->failed_check < (unsigned)MID_CHECK_COUNT
                ? mid_check_label(m->failed_check, m->lang)
                : NULL;
        const char *why = mid_err_message(m->reason, m->lang);
        SDL_Rect a = rect(k->m, body_top, 0, 0), b2;
        if (chk && chk[0])
            a = ui_text(u->d, UI_REG, UI_MD, C_DIM, chk, k->m, body_top, 0,
                        k->w - 2 * k->m, 0);
        b2 = ui_text(u->d, UI_BOLD, UI_LG, C_TEXT, ui_or_q(why), k->m,
                     a.y + a.h + (a.h ? k->gap / 3 : 0), 0, k->w - 2 * k->m,
                     0);
        ui_set_region(u->l, MID_UI_REGION_REASON,
                      rect(k->m, a.h ? a.y : b2.y, imax(a.w, b2.w),
                           b2.y + b2.h - (a.h ? a.y : b2.y)));
    }
    mid_wipe(f, sizeof(f));
    /* footer: countdown, 30초 연장, 닫기 */
    ui_fmt_countdown(m, m->seconds_left < 0 ? 0 : m->seconds_left, buf,
                     sizeof(buf));
    cd = ui_text(u->d, UI_REG,
                 ui_fit(u->d, UI_REG, UI_MD, UI_XS, buf,
                        k->w - cw - ew - 2 * k->gap - 3 * k->m),
                 C_DIM, buf, k->m, k->footer_y + k->bh / 2, UI_AV_MIDDLE, 0,
                 0);
    ui_set_region(u->l, MID_UI_REGION_COUNTDOWN, cd);
    ui_btn(u, k, m,
           rect(k->w - k->m - cw - k->gap - ew, k->footer_y, ew, k->bh), ext,
           BTN_SECONDARY, m->can_extend, 0, MID_EV_EXTEND, 0);
    ui_btn(u, k, m, rect(k->w - k->m - cw, k->footer_y, cw, k->bh), close,
           BTN_PRIMARY, 1, 1, MID_EV_CLOSE, 0);
}
