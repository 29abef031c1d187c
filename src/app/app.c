/* The kiosk's state machine (include/mid/mid_app.h). */
#include <stdio.h>
#include <string.h>

#include "mid/mid_app.h"
#include "mid/mid_crypto.h"
#include "mid/mid_wipe.h"

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

/* ---- operator screens (docs/operator.md) ---- */

static void pin_clear(mid_app *app)
{
    mid_wipe(app->pin_entry, sizeof app->pin_entry);
    app->pin_len = 0;
}

void mid_app_set_pin(mid_app *app, const mid_pin_hash *hash, uint32_t failures,
                     int64_t locked_s, int64_t now_ms, mid_pin_store_fn store,
                     void *store_arg)
{
    mid_wipe(&app->pin_hash, sizeof app->pin_hash);
    app->pin_enabled = hash != NULL;
    if (hash)
        app->pin_hash = *hash;
    app->pin_store = store;
    app->pin_store_arg = store_arg;
    app->pin_failures = failures > MID_PIN_FAILURES_MAX ? (int)MID_PIN_FAILURES_MAX : (int)failures;
    app->pin_locked = locked_s > 0;
    app->pin_locked_until_ms = locked_s > 0 ? now_ms + locked_s * 1000 : 0;
    app->pin_state = app->pin_locked ? MID_PIN_LOCKED : MID_PIN_ENTER;
}

static int operator_screen(mid_screen s)
{
    return s == MID_SCREEN_PIN || s == MID_SCREEN_STATUS;
}

static void operator_open(mid_app *app, int64_t now_ms)
{
    app->op_return = app->screen;
    app->op_focus = app->focus;
    app->op_input_ms = now_ms;
    pin_clear(app);
    if (!app->pin_locked)
        app->pin_state = MID_PIN_ENTER;
    app->screen = MID_SCREEN_PIN;
    app->focus = -1; /* digits are typed, nothing to walk */
}

/* Back where the operator came from, as the camera is now. */
static void operator_leave(mid_app *app)
{
    mid_screen s = app->op_return;
    pin_clear(app);
    if (s == MID_SCREEN_SCAN && !app->camera_ok)
        s = MID_SCREEN_CAMERA_LOST;
    else if (s == MID_SCREEN_CAMERA_LOST && app->camera_ok)
        s = MID_SCREEN_SCAN;
    app->screen = s;
    app->focus = app->op_focus;
    app->have_last_code = 0;
}

static void pin_submit(mid_app *app, int64_t now_ms)
{
    uint32_t next = (uint32_t)app->pin_failures + 1u;
    int64_t delay;
    int ok = 0;

    if (next > MID_PIN_FAILURES_MAX)
        next = MID_PIN_FAILURES_MAX;
    delay = mid_pin_lock_delay_s(next);
    /* The attempt is on disk as a wrong one before the slow hash runs:
     * pulling the plug while it runs, or a restart, still counts it. */
    if (!app->pin_store || app->pin_store(app->pin_store_arg, next, delay) == MID_OK)
        ok = app->pin_enabled &&
             mid_pin_hash_verify(&app->pin_hash, app->pin_entry, (size_t)app->pin_len);
    pin_clear(app);
    if (ok) {
        app->pin_failures = 0;
        if (app->pin_store)
            (void)app->pin_store(app->pin_store_arg, 0, 0);
        app->pin_state = MID_PIN_ENTER;
        app->screen = MID_SCREEN_STATUS;
        app->focus = 1; /* 닫기 */
        app->status.export_state = MID_EXPORT_NONE;
        return;
    }
    app->pin_failures = (int)next;
    app->pin_state = MID_PIN_WRONG;
    if (delay > 0) {
        app->pin_locked = 1;
        app->pin_locked_until_ms = now_ms + delay * 1000;
        app->pin_state = MID_PIN_LOCKED;
    }
}

static void on_pin_event(mid_app *app, mid_ui_event ev, int64_t now_ms)
{
    switch (ev.kind) {
    case MID_EV_PIN_DIGIT:
        if (!app->pin_locked && ev.arg <= 9 && app->pin_len < MID_APP_PIN_MAX)
            app->pin_entry[app->pin_len++] = (char)('0' + ev.arg);
        break;
    case MID_EV_PIN_ERASE:
        if (app->pin_len > 0)
            app->pin_entry[--app->pin_len] = '\0';
        break;
    case MID_EV_NEXT:
    case MID_EV_ACTIVATE:
        if (!app->pin_locked && app->pin_len > 0)
            pin_submit(app, now_ms);
        break;
    case MID_EV_BACK:
    case MID_EV_CLOSE:
        operator_leave(app);
        break;
    default:
        break;
    }
}

static void on_status_event(mid_app *app, mid_ui_event ev)
{
    int export = ev.kind == MID_EV_EXPORT ||
                 (ev.kind == MID_EV_ACTIVATE && app->focus == 0);
    if (export) {
        app->export_requested = 1;
        app->status.export_state = MID_EXPORT_PENDING;
        app->status.export_files = app->status.export_total = 0;
    } else if (ev.kind == MID_EV_CLOSE || ev.kind == MID_EV_BACK ||
               ev.kind == MID_EV_NEXT || ev.kind == MID_EV_ACTIVATE) {
        operator_leave(app);
    } else if (ev.kind == MID_EV_FOCUS_NEXT || ev.kind == MID_EV_FOCUS_PREV) {
        app->focus = app->focus == 0 ? 1 : 0;
    }
}

int mid_app_take_export(mid_app *app)
{
    int r = app->export_requested;
    app->export_requested = 0;
    return r;
}

void mid_app_export_done(mid_app *app, mid_export_state st, unsigned files,
                         unsigned total)
{
    app->status.export_state = st;
    app->status.export_files = files;
    app->status.export_total = total;
}

static mid_key_period key_period(int64_t now, int64_t nbf, int64_t exp)
{
    if (now < nbf)
        return MID_KEY_NOT_YET;
    return now >= exp ? MID_KEY_EXPIRED : MID_KEY_VALID;
}

static int revocation_age(const mid_app *app, int64_t now_unix, int *stale)
{
    int64_t age;
    if (app->revocation_issued <= 0) {
        *stale = 1;
        return -1;
    }
    age = now_unix - app->revocation_issued;
    age = age < 0 ? 0 : age;
    /* amber from revocation_warn_hours (docs/trust-lifecycle.md) */
    *stale = age > (int64_t)app->cfg.revocation_warn_hours * 3600;
    age /= 86400;
    if (age > 100000)
        age = 100000;
    return (int)age;
}

/* The app's part of the status info (the program fills the rest). */
static void status_refresh(mid_app *app, int64_t now_unix)
{
    mid_status_info *s = &app->status;
    const mid_app_counters *c = &app->counters;
    s->now = now_unix;
    s->revocation_age_days = revocation_age(app, now_unix, &s->revocation_stale);
    s->revocation_max_age_days = app->cfg.revocation_max_age_days;
    s->camera_ok = app->camera_ok;
    s->camera_reconnects = c->camera_reconnects;
    s->frames = c->frames;
    s->codes = c->codes_seen;
    s->valid = c->valid;
    s->invalid = c->invalid;
    memcpy(s->by_check, c->by_check, sizeof s->by_check);
    s->multiple_codes = c->multiple_codes;
    s->not_mid = c->not_mid;
    if (s->n_keys > MID_MAX_TRUST_KEYS)
        s->n_keys = MID_MAX_TRUST_KEYS;
    for (unsigned i = 0; i < s->n_keys; i++)
        s->keys[i].period = key_period(now_unix, s->keys[i].nbf, s->keys[i].exp);
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
    app->op_return = app->screen;
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
    pin_clear(app);
    mid_wipe(&app->pin_hash, sizeof app->pin_hash);
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
        mid_result_fail(r, MID_CHECK_STRUCTURE, MID_ERR_CLAIM_VALUE);
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
    if (ok)
        app->counters.camera_reconnects++;
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

/* ==== keys: what a key means on each screen ===========================
 * The UI reports keys as keys (MID_EV_KEY, include/mid/mid_ui.h); here the
 * app alone decides what one means on the screen it is showing, as
 * docs/ui.md ("Touch and keys") lists. A key that means nothing becomes
 * MID_EV_NONE and is dropped before it counts as input. */

static mid_ui_event key_ev(mid_ui_event_kind kind, uint32_t arg)
{
    mid_ui_event e;
    e.kind = kind;
    e.arg = arg;
    return e;
}

/* Purpose on the k-th (from 0) card drawn, or -1; as the UI reads
 * purposes_offered, no purpose configured means all four. */
static int key_nth_card(const mid_app *app, int k)
{
    uint32_t shown = app->cfg.purposes & ((1u << MID_PURPOSE_COUNT) - 1u);
    if (shown == 0)
        shown = (1u << MID_PURPOSE_COUNT) - 1u;
    for (int p = 0; p < (int)MID_PURPOSE_COUNT; p++)
        if (shown & (1u << p)) {
            if (k == 0)
                return p;
            k--;
        }
    return -1;
}

/* -1: no control has the focus on this screen; 0: it has, but drawn
 * disabled; 1: it can be pressed. */
static int key_focus_state(const mid_app *app)
{
    int f = app->focus;
    switch (app->screen) {
    case MID_SCREEN_PURPOSE:
        return offered(app, (uint32_t)f) ? 1 : -1;
    case MID_SCREEN_REQUEST:
        return app->request.purpose == MID_PURPOSE_CUSTOM && f >= 0 &&
                       f < (int)MID_ITEM_COUNT
                   ? 1
                   : -1;
    case MID_SCREEN_RESULT:
        if (f == 0)
            return app->extensions < app->cfg.extend_max; /* 30초 연장 */
        return f == 1 ? 1 : -1;
    case MID_SCREEN_STATUS:
        if (f == 0) /* USB로 내보내기, disabled while an export runs */
            return app->status.export_state != MID_EXPORT_PENDING;
        return f == 1 ? 1 : -1;
    default:
        return -1;
    }
}

/* The PIN screen's keys: digits, erase (which repeats), 확인, 취소. */
static mid_ui_event key_on_pin(const mid_app *app, uint32_t key, int rep,
                               int shift)
{
    int open = !app->pin_locked;
    if (key <= MID_KEY_9)
        return !rep && !shift && open ? key_ev(MID_EV_PIN_DIGIT, key)
                                      : key_ev(MID_EV_NONE, 0);
    switch (key) {
    case MID_KEY_BACKSPACE:
    case MID_KEY_DELETE:
        return open && app->pin_len > 0 ? key_ev(MID_EV_PIN_ERASE, 0)
                                        : key_ev(MID_EV_NONE, 0);
    case MID_KEY_ENTER:
        return !rep && open && app->pin_len > 0 ? key_ev(MID_EV_NEXT, 0)
                                                : key_ev(MID_EV_NONE, 0);
    case MID_KEY_ESCAPE:
        return rep ? key_ev(MID_EV_NONE, 0) : key_ev(MID_EV_BACK, 0);
    default:
        return key_ev(MID_EV_NONE, 0);
    }
}

mid_ui_event mid_app_key_meaning(const mid_app *app, uint32_t arg)
{
    uint32_t key = arg & MID_KEY_MASK;
    int rep = (arg & MID_KEY_REPEAT) != 0;
    int fs;
    mid_screen scr = app->screen;
    if (scr == MID_SCREEN_PIN)
        return key_on_pin(app, key, rep, (arg & MID_KEY_SHIFT) != 0);
    if (rep) /* elsewhere only the arrows repeat */
        return key_ev(MID_EV_NONE, 0);
    fs = key_focus_state(app);
    switch (key) {
    case MID_KEY_ENTER:
        /* REQUEST: Enter goes on (the focus only walks the toggles, so
         * ACTIVATE there could never reach 다음); Space toggles */
        if (scr == MID_SCREEN_REQUEST)
            return app->request.purpose != MID_PURPOSE_CUSTOM ||
                           app->request.items != 0
                       ? key_ev(MID_EV_NEXT, 0)
                       : key_ev(MID_EV_NONE, 0);
        if (fs >= 0)
            return fs ? key_ev(MID_EV_ACTIVATE, (uint32_t)app->focus)
                      : key_ev(MID_EV_NONE, 0);
        if (scr == MID_SCREEN_PURPOSE)
            return key_ev(MID_EV_NEXT, 0);
        if (scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS)
            return key_ev(MID_EV_CLOSE, 0);
        return key_ev(MID_EV_NONE, 0);
    case MID_KEY_SPACE:
        return fs > 0 ? key_ev(MID_EV_ACTIVATE, (uint32_t)app->focus)
                      : key_ev(MID_EV_NONE, 0);
    case MID_KEY_ESCAPE:
    case MID_KEY_BACKSPACE:
        return key_ev(scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS
                          ? MID_EV_CLOSE
                          : MID_EV_BACK,
                      0);
    case MID_KEY_PLUS:
        return scr == MID_SCREEN_RESULT && app->extensions < app->cfg.extend_max
                   ? key_ev(MID_EV_EXTEND, 0)
                   : key_ev(MID_EV_NONE, 0);
    default:
        /* 1-4: the number on the card, the k-th purpose offered */
        if (scr == MID_SCREEN_PURPOSE && key >= 1 && key <= 4) {
            int p = key_nth_card(app, (int)key - 1);
            if (p >= 0)
                return key_ev(MID_EV_SELECT_PURPOSE, (uint32_t)p);
        }
        return key_ev(MID_EV_NONE, 0);
    }
}
/* ==== end of keys ==================================================== */

mid_app_action mid_app_on_event(mid_app *app, mid_ui_event ev, int64_t now_ms)
{
    if (ev.kind == MID_EV_KEY) { /* keys: see mid_app_key_meaning */
        ev = mid_app_key_meaning(app, ev.arg);
        if (ev.kind == MID_EV_NONE)
            return MID_ACT_NONE;
    }
    if (ev.kind == MID_EV_QUIT)
        return MID_ACT_QUIT;
    if (operator_screen(app->screen) && ev.kind != MID_EV_NONE)
        app->op_input_ms = now_ms;
    if (ev.kind == MID_EV_TOGGLE_LANG) {
        app->lang = app->lang == MID_LANG_KO ? MID_LANG_EN : MID_LANG_KO;
        return MID_ACT_NONE;
    }
    if (ev.kind == MID_EV_OPERATOR) {
        /* never over a result in progress, a notice or the clock screen */
        if (app->pin_enabled &&
            (app->screen == MID_SCREEN_PURPOSE || app->screen == MID_SCREEN_REQUEST ||
             app->screen == MID_SCREEN_SCAN || app->screen == MID_SCREEN_CAMERA_LOST))
            operator_open(app, now_ms);
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
        if (ev.kind != MID_EV_NONE) {
            app->screen = app->before_notice == MID_SCREEN_NOTICE ? home_screen(app)
                                                                  : app->before_notice;
            if (operator_screen(app->screen))
                app->op_input_ms = now_ms; /* the touch was input too */
        }
        break;
    case MID_SCREEN_PIN:
        on_pin_event(app, ev, now_ms);
        break;
    case MID_SCREEN_STATUS:
        on_status_event(app, ev);
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
    if (app->pin_locked && now_ms >= app->pin_locked_until_ms) {
        app->pin_locked = 0;
        app->pin_state = MID_PIN_ENTER;
    }
    if (operator_screen(app->screen) &&
        now_ms - app->op_input_ms >= MID_APP_OPERATOR_IDLE_MS)
        operator_leave(app);
    if (app->screen != MID_SCREEN_PIN && app->pin_len)
        pin_clear(app);
    if (app->screen == MID_SCREEN_STATUS)
        status_refresh(app, now_unix);
    return MID_ACT_NONE;
}

void mid_app_model(const mid_app *app, const mid_frame *preview,
                   int64_t now_ms, int64_t now_unix, mid_ui_model *m)
{
    memset(m, 0, sizeof *m);
    m->screen = app->screen;
    m->lang = app->lang;
    m->purposes_offered = app->cfg.purposes & ((1u << MID_PURPOSE_COUNT) - 1u);
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
    m->revocation_age_days = revocation_age(app, now_unix, &m->revocation_stale);
    m->notice = app->screen == MID_SCREEN_NOTICE ? app->notice : NULL;
    if (operator_screen(app->screen)) {
        int64_t left = app->op_input_ms + MID_APP_OPERATOR_IDLE_MS - now_ms;
        m->seconds_left = left <= 0 ? 0 : (int)((left + 999) / 1000);
    }
    if (app->screen == MID_SCREEN_PIN) {
        m->pin_len = app->pin_len;
        m->pin_state = app->pin_locked ? MID_PIN_LOCKED : app->pin_state;
        m->pin_tries_left = MID_APP_PIN_TRIES - app->pin_failures % MID_APP_PIN_TRIES;
        if (app->pin_locked) {
            int64_t left = app->pin_locked_until_ms - now_ms;
            m->pin_locked_s = left <= 0 ? 0 : (int)((left + 999) / 1000);
        }
    }
    m->status = app->screen == MID_SCREEN_STATUS ? &app->status : NULL;
}
