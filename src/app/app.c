/* The kiosk's state machine (include/mid/mid_app.h). */
#include <stdio.h>
#include <string.h>

#include "mid/mid_app.h"
#include "mid/mid_crypto.h"

static mid_screen home_screen(const mid_app *app)
{
    if (app->cfg.fixed_purpose >= 0 || app->cfg.return_to == MID_RETURN_SCAN)
        return MID_SCREEN_SCAN;
    return MID_SCREEN_PURPOSE;
}

static void select_purpose(mid_app *app, mid_purpose p)
{
    app->request = mid_request_for(p);
    if (p == MID_PURPOSE_CUSTOM)
        app->request.items = app->cfg.custom_items;
    app->request.rrn_show_full = app->cfg.rrn_show_full;
    app->focus = (int)p;
}

static int offered(const mid_app *app, uint32_t p)
{
    return p < MID_PURPOSE_COUNT && (app->cfg.purposes & (1u << p));
}

void mid_app_init(mid_app *app, const mid_config *cfg, mid_verify_ctx *verify,
                  int64_t now_unix)
{
    memset(app, 0, sizeof *app);
    app->cfg = *cfg;
    app->verify = verify;
    app->lang = cfg->lang;
    app->camera_ok = 1;
    if (cfg->fixed_purpose >= 0) {
        select_purpose(app, (mid_purpose)cfg->fixed_purpose);
        app->screen = MID_SCREEN_SCAN;
    } else {
        unsigned first = 0;
        while (first < MID_PURPOSE_COUNT && !offered(app, first))
            first++;
        select_purpose(app, (mid_purpose)(first < MID_PURPOSE_COUNT ? first : 0));
        app->screen = MID_SCREEN_PURPOSE;
    }
    app->clock_ok = !verify || now_unix >= verify->cfg.build_floor;
}

void mid_app_close_result(mid_app *app)
{
    mid_result_wipe(&app->result);
    mid_view_wipe(&app->view);
    app->extensions = 0;
    app->result_deadline_ms = 0;
    if (app->screen == MID_SCREEN_RESULT)
        app->screen = app->camera_ok ? home_screen(app) : MID_SCREEN_CAMERA_LOST;
}

void mid_app_deinit(mid_app *app)
{
    mid_app_close_result(app);
    mid_wipe(app->last_code_hash, sizeof app->last_code_hash);
}

void mid_app_show_notice(mid_app *app, const char *text)
{
    snprintf(app->notice, sizeof app->notice, "%s", text ? text : "");
    app->notice_since_ms = -1;
    if (app->screen != MID_SCREEN_NOTICE)
        app->before_notice = app->screen;
    app->screen = MID_SCREEN_NOTICE;
}

void mid_app_set_revocation_issued(mid_app *app, int64_t issued)
{
    app->revocation_issued = issued;
}

static mid_app_action verify_code(mid_app *app, const uint8_t *data, size_t len,
                                  int64_t now_ms, int64_t now_unix)
{
    mid_result *r = &app->result;

    mid_verify(app->verify, data, len, &app->request, now_unix, r);
    /* A QR code that is not a mobile ID (a product label, a URL) gets a
     * hint on the scan screen, not a red result that blocks the counter. */
    if (r->verdict != MID_VERDICT_VALID && r->failed_check == MID_CHECK_FORMAT &&
        r->err == MID_ERR_PREFIX) {
        mid_result_wipe(r);
        app->counters.not_mid++;
        app->hint = MID_HINT_NOT_MID;
        app->hint_until_ms = now_ms + MID_APP_HINT_MS;
        return MID_ACT_NONE;
    }
    app->counters.codes_seen++;
    if (r->verdict == MID_VERDICT_VALID &&
        mid_view_build(&r->claims, &app->request, now_unix, &app->view) != MID_OK) {
        /* signed data the view cannot show: treat as malformed */
        r->verdict = MID_VERDICT_INVALID;
        r->failed_check = MID_CHECK_STRUCTURE;
        r->err = MID_ERR_CLAIM_VALUE;
        r->checks[MID_CHECK_STRUCTURE] = MID_CHECK_FAIL;
        r->check_err[MID_CHECK_STRUCTURE] = MID_ERR_CLAIM_VALUE;
        mid_claims_wipe(&r->claims);
        mid_view_wipe(&app->view);
    }
    /* The view holds what the screen needs; the full claims go now. */
    mid_claims_wipe(&r->claims);
    if (r->verdict == MID_VERDICT_VALID)
        app->counters.valid++;
    else {
        app->counters.invalid++;
        if ((unsigned)r->failed_check < MID_CHECK_COUNT)
            app->counters.by_check[r->failed_check]++;
    }
    app->screen = MID_SCREEN_RESULT;
    app->result_deadline_ms = now_ms + (int64_t)app->cfg.result_timeout_s * 1000;
    app->extensions = 0;
    app->focus = 1; /* 닫기: Enter on a fresh result closes it */
    return r->verdict == MID_VERDICT_VALID ? MID_ACT_BEEP_PASS : MID_ACT_BEEP_FAIL;
}

mid_app_action mid_app_on_code(mid_app *app, mid_err status,
                               const uint8_t *data, size_t len,
                               int64_t now_ms, int64_t now_unix)
{
    uint8_t h[MID_SHA256_LEN];
    mid_span part;

    app->counters.frames++;
    if (app->screen != MID_SCREEN_SCAN)
        return MID_ACT_NONE;
    if (status == MID_ERR_MULTIPLE_CODES) {
        app->counters.multiple_codes++;
        app->hint = MID_HINT_ONE_CODE;
        app->hint_until_ms = now_ms + MID_APP_HINT_MS;
        return MID_ACT_NONE;
    }
    if (status != MID_OK || !data || !len)
        return MID_ACT_NONE;
    part.ptr = data;
    part.len = len;
    if (mid_crypto_sha256(&part, 1, h) != MID_OK)
        return MID_ACT_NONE;
    /* The same code in consecutive frames is verified once. */
    if (app->have_last_code && memcmp(h, app->last_code_hash, sizeof h) == 0 &&
        now_ms - app->last_code_ms < MID_APP_SAME_CODE_MS) {
        app->last_code_ms = now_ms;
        return MID_ACT_NONE;
    }
    memcpy(app->last_code_hash, h, sizeof h);
    app->have_last_code = 1;
    app->last_code_ms = now_ms;
    return verify_code(app, data, len, now_ms, now_unix);
}

mid_app_action mid_app_on_camera(mid_app *app, mid_err status)
{
    int ok = status == MID_OK || status == MID_ERR_CAMERA_TIMEOUT;
    if (status == MID_ERR_CAMERA_GONE && app->camera_ok)
        app->counters.camera_lost++;
    if (status == MID_ERR_CAMERA_GONE)
        ok = 0;
    if (ok == app->camera_ok)
        return MID_ACT_NONE;
    app->camera_ok = ok;
    if (!ok && app->screen == MID_SCREEN_SCAN)
        app->screen = MID_SCREEN_CAMERA_LOST;
    else if (ok && app->screen == MID_SCREEN_CAMERA_LOST)
        app->screen = MID_SCREEN_SCAN;
    return MID_ACT_NONE;
}

static void focus_move(mid_app *app, int delta, int count)
{
    if (count <= 0)
        return;
    app->focus = ((app->focus + delta) % count + count) % count;
}

mid_app_action mid_app_on_event(mid_app *app, mid_ui_event ev, int64_t now_ms)
{
    (void)now_ms;
    if (ev.kind == MID_EV_QUIT)
        return MID_ACT_QUIT;
    if (ev.kind == MID_EV_TOGGLE_LANG) {
        app->lang = app->lang == MID_LANG_KO ? MID_LANG_EN : MID_LANG_KO;
        return MID_ACT_NONE;
    }
    switch (app->screen) {
    case MID_SCREEN_PURPOSE:
        if (ev.kind == MID_EV_SELECT_PURPOSE && offered(app, ev.arg)) {
            select_purpose(app, (mid_purpose)ev.arg);
        } else if (ev.kind == MID_EV_FOCUS_NEXT || ev.kind == MID_EV_FOCUS_PREV) {
            int f = app->focus;
            do {
                focus_move(app, ev.kind == MID_EV_FOCUS_NEXT ? 1 : -1, MID_PURPOSE_COUNT);
            } while (!offered(app, (uint32_t)app->focus) && app->focus != f);
        } else if (ev.kind == MID_EV_ACTIVATE && offered(app, (uint32_t)app->focus)) {
            select_purpose(app, (mid_purpose)app->focus);
            app->screen = MID_SCREEN_REQUEST;
            app->focus = 0;
        } else if (ev.kind == MID_EV_NEXT && offered(app, app->request.purpose)) {
            app->screen = MID_SCREEN_REQUEST;
            app->focus = 0;
        }
        break;
    case MID_SCREEN_REQUEST:
        if (ev.kind == MID_EV_TOGGLE_ITEM && app->request.purpose == MID_PURPOSE_CUSTOM &&
            ev.arg && (ev.arg & ~MID_ITEM_ALL) == 0 && (ev.arg & (ev.arg - 1u)) == 0) {
            app->request.items ^= ev.arg;
        } else if (ev.kind == MID_EV_FOCUS_NEXT || ev.kind == MID_EV_FOCUS_PREV) {
            focus_move(app, ev.kind == MID_EV_FOCUS_NEXT ? 1 : -1, (int)MID_ITEM_COUNT);
        } else if (ev.kind == MID_EV_ACTIVATE && app->request.purpose == MID_PURPOSE_CUSTOM) {
            app->request.items ^= 1u << (unsigned)app->focus;
        } else if (ev.kind == MID_EV_NEXT && app->request.items != 0) {
            app->screen = MID_SCREEN_SCAN;
            app->have_last_code = 0;
        } else if (ev.kind == MID_EV_BACK && app->cfg.fixed_purpose < 0) {
            app->screen = MID_SCREEN_PURPOSE;
            app->focus = (int)app->request.purpose;
        }
        break;
    case MID_SCREEN_SCAN:
    case MID_SCREEN_CAMERA_LOST:
        if ((ev.kind == MID_EV_CHANGE_REQUEST || ev.kind == MID_EV_BACK) &&
            app->cfg.fixed_purpose < 0) {
            app->screen = MID_SCREEN_PURPOSE;
            app->focus = (int)app->request.purpose;
        }
        break;
    case MID_SCREEN_RESULT:
        if (ev.kind == MID_EV_EXTEND && app->extensions < app->cfg.extend_max) {
            app->extensions++;
            app->result_deadline_ms += (int64_t)app->cfg.extend_s * 1000;
        } else if (ev.kind == MID_EV_CLOSE || ev.kind == MID_EV_BACK) {
            mid_app_close_result(app);
        } else if (ev.kind == MID_EV_FOCUS_NEXT || ev.kind == MID_EV_FOCUS_PREV) {
            focus_move(app, 1, 2);
        } else if (ev.kind == MID_EV_ACTIVATE || ev.kind == MID_EV_NEXT) {
            if (app->focus == 1 || ev.kind == MID_EV_NEXT)
                mid_app_close_result(app);
            else if (app->extensions < app->cfg.extend_max) {
                app->extensions++;
                app->result_deadline_ms += (int64_t)app->cfg.extend_s * 1000;
            }
        }
        break;
    case MID_SCREEN_NOTICE:
        if (ev.kind != MID_EV_NONE)
            app->screen = app->before_notice == MID_SCREEN_NOTICE ? home_screen(app)
                                                                  : app->before_notice;
        break;
    case MID_SCREEN_CLOCK:
        break;
    }
    return MID_ACT_NONE;
}

mid_app_action mid_app_tick(mid_app *app, int64_t now_ms, int64_t now_unix)
{
    int clock_ok = !app->verify || now_unix >= app->verify->cfg.build_floor;
    if (clock_ok != app->clock_ok) {
        app->clock_ok = clock_ok;
        if (!clock_ok) {
            mid_app_close_result(app);
            app->screen = MID_SCREEN_CLOCK;
        } else if (app->screen == MID_SCREEN_CLOCK) {
            app->screen = home_screen(app);
        }
    }
    if (!clock_ok && app->screen != MID_SCREEN_CLOCK && app->screen != MID_SCREEN_NOTICE)
        app->screen = MID_SCREEN_CLOCK;
    if (app->screen == MID_SCREEN_RESULT && now_ms >= app->result_deadline_ms)
        mid_app_close_result(app);
    if (app->screen == MID_SCREEN_NOTICE) {
        if (app->notice_since_ms < 0)
            app->notice_since_ms = now_ms;
        else if (now_ms - app->notice_since_ms >= MID_APP_NOTICE_MS)
            app->screen = app->before_notice == MID_SCREEN_NOTICE ? home_screen(app)
                                                                  : app->before_notice;
    }
    if (app->hint != MID_HINT_NONE && now_ms >= app->hint_until_ms)
        app->hint = MID_HINT_NONE;
    return MID_ACT_NONE;
}

void mid_app_model(const mid_app *app, const mid_frame *preview,
                   int64_t now_ms, int64_t now_unix, mid_ui_model *m)
{
    memset(m, 0, sizeof *m);
    m->screen = app->screen;
    m->lang = app->lang;
    m->purpose = app->request.purpose;
    m->items = app->request.items;
    m->focus = app->focus;
    m->purpose_fixed = app->cfg.fixed_purpose >= 0;
    m->preview = app->screen == MID_SCREEN_SCAN ? preview : NULL;
    m->hint = app->hint;
    if (app->screen == MID_SCREEN_RESULT) {
        int64_t left = app->result_deadline_ms - now_ms;
        m->verdict = app->result.verdict;
        m->failed_check = app->result.failed_check;
        m->reason = app->result.err;
        m->view = app->result.verdict == MID_VERDICT_VALID ? &app->view : NULL;
        m->seconds_left = left <= 0 ? 0 : (int)((left + 999) / 1000);
        m->can_extend = app->extensions < app->cfg.extend_max;
    }
    if (app->revocation_issued > 0) {
        int64_t age = now_unix - app->revocation_issued;
        m->revocation_age_days = age < 0 ? 0 : (int)(age / 86400);
        m->revocation_stale = m->revocation_age_days > app->cfg.revocation_max_age_days;
    } else {
        m->revocation_age_days = -1;
        m->revocation_stale = 1;
    }
    m->notice = app->screen == MID_SCREEN_NOTICE ? app->notice : NULL;
}
