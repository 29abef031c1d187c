/* mid-kiosk — the operator STATUS screen (docs/operator.md). Dense and
 * read up close: the rows of layout_status_rows.c flow top to bottom into
 * as many columns as needed, in the largest type with which everything
 * fits. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

typedef struct sflow {
    ui_size sz;
    int pitch, head_gap, indent, cg;
    int kw[4]; /* key row cells (the same in every column) */
    int ncol;
    int lw[UI_STATUS_ROWS], vw[UI_STATUS_ROWS]; /* pairs, per column */
    int colw[UI_STATUS_ROWS];
    int col[UI_STATUS_ROWS], y[UI_STATUS_ROWS];
    int total_w;
} sflow;

static int srow_w(const sflow *f, const srow *r, int col, ui_page *u)
{
    switch (r->kind) {
    case SR_HEAD:
        return ui_text_w(u->d, UI_BOLD, f->sz, r->cell[0]);
    case SR_PAIR:
        return f->lw[col] + f->cg + f->vw[col];
    case SR_KEY:
        return f->kw[0] + f->kw[1] + f->kw[2] + f->kw[3] + 3 * f->cg;
    case SR_NOTE:
        return ui_text_w(u->d, UI_REG, f->sz, r->cell[0]);
    }
    return 0;
}

/* Rows of the section that starts at row i (a heading) up to the next. */
static int section_rows(const srows *t, int i)
{
    int n = 1;
    while (i + n < t->n && t->r[i + n].kind != SR_HEAD)
        n++;
    return n;
}

/* keep: a section that fits a column whole never starts in one that
 * cannot hold it (else only a lone heading moves on). */
static void status_flow(ui_page *u, const srows *t, ui_size sz, int tight,
                        int keep, int body_h, int colgap, sflow *f)
{
    int px = ui_font_px(u->d, sz), y = 0;
    memset(f, 0, sizeof(*f));
    f->sz = sz;
    f->pitch = tight ? px * 5 / 4 : px * 27 / 20;
    f->head_gap = f->pitch / 2;
    f->indent = px;
    f->cg = tight ? px / 2 : px * 3 / 4;
    for (int i = 0; i < t->n; i++) {
        const srow *r = &t->r[i];
        if (r->kind == SR_KEY)
            for (int c = 0; c < 4; c++)
                f->kw[c] = imax(f->kw[c],
                                ui_text_w(u->d, c == 3 ? UI_BOLD : UI_REG, sz,
                                          r->cell[c]));
    }
    f->ncol = t->n > 0 ? 1 : 0;
    for (int i = 0; i < t->n; i++) {
        const srow *r = &t->r[i];
        int pre = 0, need = f->pitch;
        if (r->kind == SR_HEAD) {
            int whole = section_rows(t, i) * f->pitch;
            pre = y > 0 ? f->head_gap : 0;
            /* a heading never ends a column on its own */
            need = pre + f->pitch + (i + 1 < t->n ? f->pitch : 0);
            if (keep && whole <= body_h)
                need = pre + whole;
        }
        if (y > 0 && y + need > body_h) {
            f->ncol++;
            y = 0;
            pre = 0;
        }
        f->col[i] = f->ncol - 1;
        f->y[i] = y + pre;
        y += pre + f->pitch;
        if (r->kind == SR_PAIR) {
            int c = f->col[i];
            f->lw[c] = imax(f->lw[c], ui_text_w(u->d, UI_REG, sz, r->cell[0]) +
                                          (r->indent ? f->indent : 0));
            f->vw[c] = imax(f->vw[c], ui_text_w(u->d, UI_BOLD, sz, r->cell[1]));
        }
    }
    for (int i = 0; i < t->n; i++)
        f->colw[f->col[i]] =
            imax(f->colw[f->col[i]], srow_w(f, &t->r[i], f->col[i], u));
    f->total_w = 0;
    for (int c = 0; c < f->ncol; c++)
        f->total_w += f->colw[c] + (c > 0 ? colgap : 0);
}

static void fmt_export(const mid_ui_model *m, const mid_status_info *st,
                       char *out, size_t cap, SDL_Color *c)
{
    *c = C_DIM;
    out[0] = '\0';
    switch (st->export_state) {
    case MID_EXPORT_NONE:
        ui_fmt_countdown(m, m->seconds_left < 0 ? 0 : m->seconds_left, out,
                         cap);
        return;
    case MID_EXPORT_PENDING:
        *c = C_TEXT;
        snprintf(out, cap, "%s", ui_tr(m, S_EXPORTING));
        return;
    case MID_EXPORT_DONE:
        *c = C_GOOD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Exported %u file%s.", st->export_files,
                     st->export_files == 1 ? "" : "s");
        else
            snprintf(out, cap, "%u개 파일을 내보냈습니다.", st->export_files);
        return;
    case MID_EXPORT_NO_USB:
        *c = C_WARN;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "No USB stick at %s", ui_or_q(st->export_dir));
        else
            snprintf(out, cap, "USB 저장장치가 없습니다 (%s)",
                     ui_or_q(st->export_dir));
        return;
    case MID_EXPORT_FAILED:
        *c = C_BAD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap,
                     "Only %u of %u files exported. Check the USB stick.",
                     st->export_files, st->export_total);
        else
            snprintf(out, cap,
                     "%u개 중 %u개만 내보냈습니다. USB 저장장치를 "
                     "확인하세요.",
                     st->export_total, st->export_files);
        return;
    }
}

void ui_screen_status(ui_page *u, const metrics *k, const mid_ui_model *m)
{
    static srows t;
    static sflow f;
    /* most readable first; short document names only when needed */
    static const struct {
        ui_size sz;
        int short_docs, tight, keep;
    } k_try[] = {{UI_SM, 0, 0, 1}, {UI_XS, 0, 0, 1}, {UI_XS, 1, 0, 1}, {UI_XS, 1, 0, 0}, {UI_XXS, 0, 0, 1}, {UI_XXS, 1, 0, 1}, {UI_XXS, 1, 0, 0}, {UI_XXS, 2, 1, 1}, {UI_XXS, 2, 1, 0}};
    const int n_try = (int)(sizeof(k_try) / sizeof(k_try[0]));
    const mid_status_info *st = m->status;
    SDL_Rect t0 = ui_text(u->d, UI_BOLD, UI_MD, C_TEXT, ui_tr(m, S_STATUS_TITLE),
                          k->m, k->m * 2 / 3, 0, k->w / 2, 0);
    uint32_t sig;
    const char *close = ui_tr(m, S_CLOSE), *exp = ui_tr(m, S_EXPORT);
    int cw = ui_btn_w(u, k, close), ew = ui_btn_w(u, k, exp);
    /* slimmer buttons than elsewhere, bottoms aligned: rows need the room */
    int bh = k->bh * 4 / 5, by = k->footer_y + k->bh - bh;
    int top = t0.y + t0.h + k->gap / 2;
    int bottom = by - k->gap / 2;
    int avail = k->w - 2 * k->m, colgap = k->m;
    int x, pick, keys = 0, cut = 0;
    SDL_Rect keys_r = rect(0, 0, 0, 0), msg_r;
    char msg[MID_STATUS_PATH_MAX + 128];
    SDL_Color mc;
    ui_set_region(u->l, MID_UI_REGION_TITLE, t0);
    ui_set_region(u->l, MID_UI_REGION_STATUS_BODY,
                  rect(k->m, top, avail, bottom - top));
    u->l->status_keys_drawn = 0;
    u->l->status_rows_cut = 0;
    if (!st) {
        ui_text(u->d, UI_REG, UI_MD, C_DIM, "-", k->m, top, 0, 0, 0);
    } else {
        char now[40];
        /* now, in the title row */
        ui_fmt_kst(m, st->now, 1, now, sizeof(now));
        snprintf(now + strlen(now), sizeof(now) - strlen(now), " KST");
        ui_chip(u, k, now, k->w - k->m, t0.y + t0.h / 2, 1);
        /* Trying every size measures every string: start from the last
         * pick while the shape of the content and the screen stay the
         * same (values only grow within a run). */
        sig = (uint32_t)m->lang * 2654435761u ^ (uint32_t)k->w * 40503u ^
              (uint32_t)k->h * 97u ^ st->n_keys * 7919u ^
              (uint32_t)st->have_trust * 31u ^ (uint32_t)st->have_revocation;
        for (int c = 0; c < (int)MID_CHECK_COUNT; c++)
            sig = sig * 3u + (st->by_check[c] != 0);
        pick = sig == u->l->status_sig ? u->l->status_pick : 0;
        for (; pick < n_try; pick++) {
            ui_status_rows(&t, m, st, k_try[pick].short_docs, k_try[pick].tight);
            status_flow(u, &t, k_try[pick].sz, k_try[pick].tight,
                        k_try[pick].keep, bottom - top,
                        k_try[pick].tight ? k->gap : colgap, &f);
            if (f.total_w <= avail)
                break;
        }
        if (pick == n_try)
            pick--;
        if (k_try[pick].tight)
            colgap = k->gap;
        u->l->status_sig = sig;
        u->l->status_pick = pick;
        /* room to spare: spread the columns a little, not across a void */
        if (f.ncol > 1 && f.total_w < avail)
            colgap += imin((avail - f.total_w) / (f.ncol - 1), 2 * k->m);
        x = k->m;
        for (int c = 0; c < f.ncol; c++) {
            int cx = x;
            x += f.colw[c] + colgap;
            for (int i = 0; i < t.n; i++) {
                const srow *r = &t.r[i];
                int ry = top + f.y[i], mid = ry + f.pitch / 2;
                SDL_Rect d;
                if (f.col[i] != c)
                    continue;
                /* a column that would leave the screen is not drawn */
                if (cx + f.colw[c] > k->w - k->m) {
                    cut++;
                    continue;
                }
                switch (r->kind) {
                case SR_HEAD:
                    ui_text(u->d, UI_BOLD, f.sz, C_TEXT, r->cell[0], cx, mid,
                            UI_AV_MIDDLE, 0, 0);
                    ui_fill(u->d, rect(cx, ry + f.pitch - 2, f.colw[c], 1),
                            C_LINE);
                    break;
                case SR_PAIR:
                    ui_text(u->d, UI_REG, f.sz, r->colour[0], r->cell[0],
                            cx + (r->indent ? f.indent : 0), mid,
                            UI_AV_MIDDLE, 0, 0);
                    d = ui_text(u->d, UI_BOLD, f.sz, r->colour[1], r->cell[1],
                                cx + f.lw[c] + f.cg, mid, UI_AV_MIDDLE, 0, 0);
                    if (r->is_age)
                        ui_set_region(u->l, MID_UI_REGION_REVOCATION_AGE, d);
                    break;
                case SR_KEY: {
                    int kx = cx;
                    for (int cc = 0; cc < 4; cc++) {
                        ui_text(u->d, cc == 3 ? UI_BOLD : UI_REG, f.sz,
                                r->colour[cc], r->cell[cc], kx, mid,
                                UI_AV_MIDDLE, 0, 0);
                        kx += f.kw[cc] + f.cg;
                    }
                    d = rect(cx, ry, kx - f.cg - cx, f.pitch);
                    if (keys_r.w == 0) {
                        keys_r = d;
                    } else {
                        int x1 = imax(keys_r.x + keys_r.w, d.x + d.w);
                        int y1 = imax(keys_r.y + keys_r.h, d.y + d.h);
                        keys_r.x = imin(keys_r.x, d.x);
                        keys_r.y = imin(keys_r.y, d.y);
                        keys_r.w = x1 - keys_r.x;
                        keys_r.h = y1 - keys_r.y;
                    }
                    keys++;
                    break;
                }
                case SR_NOTE:
                    ui_text(u->d, UI_REG, f.sz, r->colour[0], r->cell[0], cx,
                            mid, UI_AV_MIDDLE, 0, 0);
                    break;
                }
            }
        }
        if (keys_r.w > 0)
            ui_set_region(u->l, MID_UI_REGION_KEYS, keys_r);
        u->l->status_keys_drawn = keys;
        u->l->status_rows_cut = cut;
    }
    /* footer: what the export did (or when the screen closes), buttons */
    if (st)
        fmt_export(m, st, msg, sizeof(msg), &mc);
    else
        ui_fmt_countdown(m, m->seconds_left, msg, sizeof(msg)), mc = C_DIM;
    {
        ui_weight wt = st && st->export_state != MID_EXPORT_NONE ? UI_BOLD
                                                                 : UI_REG;
        int mw = k->w - cw - ew - 2 * k->gap - 3 * k->m;
        msg_r = ui_text(u->d, wt, ui_fit(u->d, wt, UI_SM, UI_XXS, msg, mw), mc, msg,
                        k->m, by + bh / 2, UI_AV_MIDDLE, mw, 0);
    }
    ui_set_region(u->l, MID_UI_REGION_EXPORT, msg_r);
    ui_btn(u, k, m, rect(k->w - k->m - cw - k->gap - ew, by, ew, bh), exp,
           BTN_SECONDARY, st && st->export_state != MID_EXPORT_PENDING, 0,
           MID_EV_EXPORT, 0);
    ui_btn(u, k, m, rect(k->w - k->m - cw, by, cw, bh), close, BTN_PRIMARY,
           1, 1, MID_EV_CLOSE, 0);
}
