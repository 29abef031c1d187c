/* mid-kiosk — the operator STATUS screen's content (docs/operator.md):
 * the sections of label/value rows and one row per trust key, as text and
 * colour; layout_status.c flows them onto the screen. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

static srow *srow_add(srows *t, srow_kind kind)
{
    srow *r;
    if (t->n >= UI_STATUS_ROWS)
        return NULL;
    r = &t->r[t->n++];
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    for (int i = 0; i < 4; i++)
        r->colour[i] = C_TEXT;
    return r;
}

static void s_head(srows *t, const char *text)
{
    srow *r = srow_add(t, SR_HEAD);
    if (r)
        snprintf(r->cell[0], sizeof(r->cell[0]), "%s", text);
}

static srow *s_pair(srows *t, const char *label, const char *value,
                    SDL_Color c)
{
    srow *r = srow_add(t, SR_PAIR);
    if (!r)
        return NULL;
    snprintf(r->cell[0], sizeof(r->cell[0]), "%s", label);
    snprintf(r->cell[1], sizeof(r->cell[1]), "%s", value);
    r->colour[0] = C_DIM;
    r->colour[1] = c;
    return r;
}

static void s_note(srows *t, const char *text, SDL_Color c)
{
    srow *r = srow_add(t, SR_NOTE);
    if (!r)
        return;
    snprintf(r->cell[0], sizeof(r->cell[0]), "%s", text);
    r->colour[0] = c;
}

/* 1234567 → "1,234,567" */
static void fmt_count(uint64_t v, char *out, size_t cap)
{
    char digits[24];
    size_t n = (size_t)snprintf(digits, sizeof(digits), "%llu",
                                (unsigned long long)v);
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o < cap ? o : cap - 1] = '\0';
}

static void fmt_times(const mid_ui_model *m, uint64_t v, char *out,
                      size_t cap)
{
    char c[32];
    fmt_count(v, c, sizeof(c));
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%s", c);
    else
        snprintf(out, cap, "%s회", c);
}

/* KST date (and time) of a Unix time: 2026.11.02 14:05 / 2026-11-02 14:05 */
void ui_fmt_kst(const mid_ui_model *m, int64_t t, int with_time, char *out,
                size_t cap)
{
    mid_date d = mid_date_from_unix_kst(t);
    int64_t sec = ((t + MID_KST_OFFSET_S) % 86400 + 86400) % 86400;
    char date[24];
    ui_fmt_date(m, d, date, sizeof(date));
    if (with_time)
        snprintf(out, cap, "%s %02d:%02d", date, (int)(sec / 3600),
                 (int)(sec / 60 % 60));
    else
        snprintf(out, cap, "%s", date);
}

/* "경과 (기준 7일)" / "Age (limit 7 d)": the limit goes with the label so
 * the value column stays narrow. */
static void fmt_age_label(const mid_ui_model *m, int limit, char *out,
                          size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Age (limit %d d)", limit);
    else
        snprintf(out, cap, "경과 (기준 %d일)", limit);
}

static void fmt_days(const mid_ui_model *m, int days, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%d day%s", days, days == 1 ? "" : "s");
    else
        snprintf(out, cap, "%d일", days);
}

static void key_row(srows *t, const mid_ui_model *m, const mid_status_key *key,
                    int short_docs, int tight)
{
    srow *r = srow_add(t, SR_KEY);
    char a[24], b[24];
    int res = (key->doctypes & MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD)) != 0;
    int lic = (key->doctypes & MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE)) != 0;
    /* 0: full names, 1: short, 2: abbreviations (docs/operator.md) */
    const char *rs = ui_tr(m, short_docs == 2   ? S_DOC_RES_ABBR
                              : short_docs == 1 ? S_DOC_RES_SHORT
                                                : S_DOC_RESIDENT);
    const char *ls = ui_tr(m, short_docs == 2   ? S_DOC_LIC_ABBR
                              : short_docs == 1 ? S_DOC_LIC_SHORT
                                                : S_DOC_LICENCE);
    if (!r)
        return;
    for (unsigned i = 0; i < MID_KID_LEN; i++)
        snprintf(r->cell[0] + 2 * i, sizeof(r->cell[0]) - 2 * i, "%02x",
                 key->kid[i]);
    if (res && lic)
        snprintf(r->cell[1], sizeof(r->cell[1]), tight ? "%s·%s" : "%s · %s",
                 rs, ls);
    else
        snprintf(r->cell[1], sizeof(r->cell[1]), "%s",
                 res ? rs : lic ? ls
                                : "-");
    /* the last day the key is trusted (exp itself is the first day not) */
    ui_fmt_kst(m, key->nbf, 0, a, sizeof(a));
    ui_fmt_kst(m, key->exp - 1, 0, b, sizeof(b));
    snprintf(r->cell[2], sizeof(r->cell[2]), tight ? "%s–%s" : "%s – %s", a,
             b);
    r->colour[1] = C_DIM;
    switch (key->period) {
    case MID_KEY_VALID:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", ui_tr(m, S_KEY_VALID));
        r->colour[3] = C_GOOD_TEXT;
        break;
    case MID_KEY_NOT_YET:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", ui_tr(m, S_KEY_NOT_YET));
        r->colour[3] = C_WARN;
        break;
    case MID_KEY_EXPIRED:
    default:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", ui_tr(m, S_KEY_EXPIRED));
        r->colour[3] = C_BAD_TEXT;
        break;
    }
}

void ui_status_rows(srows *t, const mid_ui_model *m, const mid_status_info *st,
                    int short_docs, int tight)
{
    char v[UI_STATUS_CELL], w[UI_STATUS_CELL];
    srow *r;
    t->n = 0;
    s_head(t, ui_tr(m, S_SEC_DEVICE));
    s_pair(t, ui_tr(m, S_L_VERSION), ui_or_q(st->version), C_TEXT);
    s_pair(t, ui_tr(m, S_L_KIOSK), ui_or_q(st->kiosk_id), C_TEXT);
    if (st->build_time > 0)
        ui_fmt_kst(m, st->build_time, 0, v, sizeof(v));
    else
        snprintf(v, sizeof(v), "%s", ui_tr(m, S_NONE));
    s_pair(t, ui_tr(m, S_L_BUILD), v, st->build_time > 0 ? C_TEXT : C_WARN);
    s_pair(t, ui_tr(m, S_L_CAMERA), ui_tr(m, st->camera_ok ? S_CAM_OK : S_CAM_LOST),
           st->camera_ok ? C_GOOD_TEXT : C_BAD_TEXT);
    fmt_times(m, st->camera_reconnects, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_RECONNECTS), v, C_TEXT);

    s_head(t, ui_tr(m, S_SEC_LOG));
    fmt_count(st->log_lines_today, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_LINES), v, C_TEXT);
    fmt_count(st->log_dropped, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_DROPPED), v, st->log_dropped ? C_WARN : C_TEXT);

    s_head(t, ui_tr(m, S_SEC_REVOCATION));
    if (st->have_revocation) {
        fmt_count(st->revocation_seq, v, sizeof(v));
        s_pair(t, ui_tr(m, S_L_SEQ), v, C_TEXT);
        ui_fmt_kst(m, st->revocation_issued, 0, v, sizeof(v));
        s_pair(t, ui_tr(m, S_L_ISSUED), v, C_TEXT);
        fmt_days(m, st->revocation_age_days < 0 ? 0 : st->revocation_age_days,
                 v, sizeof(v));
        fmt_age_label(m, st->revocation_max_age_days, w, sizeof(w));
        r = s_pair(t, w, v, st->revocation_stale ? C_WARN : C_GOOD_TEXT);
        if (r)
            r->is_age = 1;
        fmt_count(st->revocation_ids, v, sizeof(v));
        s_pair(t, ui_tr(m, S_L_REVOKED), v, C_TEXT);
    } else {
        fmt_age_label(m, st->revocation_max_age_days, w, sizeof(w));
        r = s_pair(t, w, ui_tr(m, S_NOT_INSTALLED), C_WARN);
        if (r)
            r->is_age = 1;
    }

    s_head(t, ui_tr(m, S_SEC_COUNTERS));
    fmt_count(st->frames, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_FRAMES), v, C_TEXT);
    fmt_count(st->codes, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_CODES), v, C_TEXT);
    fmt_count(st->valid, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_VALID), v, st->valid ? C_GOOD_TEXT : C_TEXT);
    fmt_count(st->invalid, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_INVALID), v, st->invalid ? C_BAD_TEXT : C_TEXT);
    /* refusals by the check that failed, only those that happened */
    for (int c = 0; c < (int)MID_CHECK_COUNT; c++) {
        if (!st->by_check[c])
            continue;
        fmt_count(st->by_check[c], v, sizeof(v));
        snprintf(w, sizeof(w), "%s",
                 ui_or_q(mid_check_label((mid_check_id)c, m->lang)));
        r = s_pair(t, w, v, C_TEXT);
        if (r)
            r->indent = 1;
    }
    fmt_count(st->multiple_codes, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_MULTI), v, C_TEXT);
    fmt_count(st->not_mid, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_NOT_MID), v, C_TEXT);

    s_head(t, ui_tr(m, S_SEC_KEYS));
    if (!st->have_trust || st->n_keys == 0) {
        s_note(t, ui_tr(m, S_KEYS_NONE), C_WARN);
        return;
    }
    fmt_count(st->trust_seq, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_SEQ), v, C_TEXT);
    ui_fmt_kst(m, st->trust_issued, 0, v, sizeof(v));
    s_pair(t, ui_tr(m, S_L_ISSUED), v, C_TEXT);
    for (unsigned i = 0; i < st->n_keys && i < MID_MAX_TRUST_KEYS; i++)
        key_row(t, m, &st->keys[i], short_docs, tight);
    /* mid-sync's last result (docs/sync.md); last, so that on a screen
     * already full (32 keys) it is what gets cut, never a key */
    if (st->sync_present) {
        int en = m->lang == MID_LANG_EN;
        s_head(t, en ? "Network sync" : "네트워크 동기화");
        if (st->sync_last_success > 0)
            ui_fmt_kst(m, st->sync_last_success, 1, v, sizeof(v));
        s_pair(t, en ? "Last success" : "마지막 성공", st->sync_last_success > 0 ? v : "-",
               st->sync_last_success > 0 ? C_TEXT : C_WARN);
        s_pair(t, en ? "Last error" : "마지막 오류",
               st->sync_last_error ? mid_err_message((mid_err)st->sync_last_error, m->lang) : "-",
               st->sync_last_error ? C_WARN : C_GOOD_TEXT);
    }
}

/* Where each row goes for one type size. */
