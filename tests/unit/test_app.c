/* The kiosk state machine with injected time: flows, the 55 s countdown,
 * 30 s extensions and their cap, dedup of repeated frames, hints, camera
 * loss, the clock floor, and that personal data is gone after close; the
 * operator PIN and status screens (lockout, idle close, export flag). */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "fakes/fake_camera.h"
#include "fakes/fake_decoder.h"
#include "fakes/fake_ui.h"
#include "fixtures/world.h"
#include "mid/mid_app.h"
#include "mid/mid_run.h"

static world W;
static mid_verify_ctx V;
static mid_app A;
static char qr[MID_MAX_QR_TEXT + 1];
static size_t qr_len;

static mid_ui_event ev(mid_ui_event_kind k, uint32_t arg)
{
    mid_ui_event e;
    e.kind = k;
    e.arg = arg;
    return e;
}

static void start(int fixed_purpose)
{
    mid_config cfg;
    mid_config_default(&cfg);
    cfg.fixed_purpose = fixed_purpose;
    assert_int_equal(mid_verify_init(&V, &W.trust, &W.revocation, &W.cfg), MID_OK);
    mid_app_init(&A, &cfg, &V, WORLD_NOW);
}

static void make_qr(int64_t iat)
{
    mid_cred_input in;
    world_resident(&W, &in);
    qr_len = world_qr(&W, &in, &W.issuer, &W.device, iat, NULL, qr, sizeof qr);
}

static mid_app_action show(int64_t ms)
{
    return mid_app_on_code(&A, MID_OK, (const uint8_t *)qr, qr_len, ms, WORLD_NOW + ms / 1000);
}

static int app_contains(const char *s)
{
    return memmem(&A, sizeof A, s, strlen(s)) != NULL;
}

static void test_flow_purpose_to_scan(void **state)
{
    (void)state;
    start(-1);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    mid_app_on_event(&A, ev(MID_EV_SELECT_PURPOSE, MID_PURPOSE_LICENCE), 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_REQUEST);
    assert_int_equal(A.request.items, mid_purpose_items(MID_PURPOSE_LICENCE));
    /* fixed purposes cannot toggle items */
    mid_app_on_event(&A, ev(MID_EV_TOGGLE_ITEM, MID_ITEM_RRN), 0);
    assert_int_equal(A.request.items, mid_purpose_items(MID_PURPOSE_LICENCE));
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    mid_app_on_event(&A, ev(MID_EV_CHANGE_REQUEST, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
}

static void test_custom_items(void **state)
{
    (void)state;
    start(-1);
    mid_app_on_event(&A, ev(MID_EV_SELECT_PURPOSE, MID_PURPOSE_CUSTOM), 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    uint32_t before = A.request.items;
    mid_app_on_event(&A, ev(MID_EV_TOGGLE_ITEM, MID_ITEM_ISSUE_DATE), 0);
    assert_int_equal(A.request.items, before | MID_ITEM_ISSUE_DATE);
    /* clearing every item keeps the clerk on this screen */
    A.request.items = MID_ITEM_NAME;
    mid_app_on_event(&A, ev(MID_EV_TOGGLE_ITEM, MID_ITEM_NAME), 0);
    assert_int_equal(A.request.items, 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_REQUEST);
    /* two bits at once is not a toggle */
    mid_app_on_event(&A, ev(MID_EV_TOGGLE_ITEM, MID_ITEM_NAME | MID_ITEM_RRN), 0);
    assert_int_equal(A.request.items, 0);
}

static void test_fixed_purpose_adult_result(void **state)
{
    mid_ui_model m;
    (void)state;
    start(MID_PURPOSE_ADULT);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    make_qr(WORLD_NOW);
    assert_int_equal(show(0), MID_ACT_BEEP_PASS);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    mid_app_model(&A, NULL, 0, WORLD_NOW, &m);
    assert_int_equal(m.verdict, MID_VERDICT_VALID);
    assert_non_null(m.view);
    assert_int_equal(m.view->items, MID_ITEM_PORTRAIT | MID_ITEM_ADULT);
    assert_true(m.view->adult);
    /* the adult check shows no name and no RRN */
    assert_int_equal(m.view->name[0], 0);
    assert_int_equal(m.view->rrn[0], 0);
    assert_false(app_contains("한가람"));
    assert_int_equal(m.view->portrait_unavailable, 1);
    /* no way back to purpose selection */
    assert_true(m.purpose_fixed);
}

static void test_countdown_extend_cap_close(void **state)
{
    mid_ui_model m;
    (void)state;
    start(MID_PURPOSE_REAL_NAME);
    make_qr(WORLD_NOW);
    show(1000);
    mid_app_model(&A, NULL, 1000, WORLD_NOW, &m);
    assert_int_equal(m.seconds_left, 55);
    mid_app_tick(&A, 1999, WORLD_NOW);
    mid_app_model(&A, NULL, 1999, WORLD_NOW, &m);
    assert_int_equal(m.seconds_left, 55); /* 54.001 s rounds up */
    mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
    assert_int_equal(m.seconds_left, 54);
    /* extend three times (the default cap), the fourth is refused */
    for (int i = 0; i < 3; i++) {
        mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
        assert_true(m.can_extend);
        mid_app_on_event(&A, ev(MID_EV_EXTEND, 0), 2000);
    }
    mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
    assert_false(m.can_extend);
    assert_int_equal(m.seconds_left, 54 + 90);
    mid_app_on_event(&A, ev(MID_EV_EXTEND, 0), 2000);
    mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
    assert_int_equal(m.seconds_left, 54 + 90);
    /* still open one millisecond before the deadline, closed at it */
    mid_app_tick(&A, 1000 + 145000 - 1, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    assert_true(app_contains("한가람"));
    mid_app_tick(&A, 1000 + 145000, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_false(app_contains("한가람"));
    assert_false(app_contains("900101-1"));
    assert_false(app_contains("9001011234568"));
}

static void test_close_button_wipes(void **state)
{
    (void)state;
    start(MID_PURPOSE_REAL_NAME);
    make_qr(WORLD_NOW);
    show(0);
    assert_true(app_contains("900101-1******"));
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 500);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_false(app_contains("900101-1"));
    assert_false(app_contains("한가람"));
    for (size_t i = 0; i < sizeof A.view; i++)
        assert_int_equal(((const uint8_t *)&A.view)[i], 0);
}

static void test_same_code_once_then_replay(void **state)
{
    (void)state;
    start(MID_PURPOSE_ADULT);
    make_qr(WORLD_NOW);
    show(0);
    assert_int_equal(A.counters.codes_seen, 1);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 100);
    /* still held in front of the camera: frames keep coming, no new result */
    for (int t = 133; t < 2000; t += 33)
        assert_int_equal(show(t), MID_ACT_NONE);
    assert_int_equal(A.counters.codes_seen, 1);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    /* taken away for 3 s and shown again: verified again, and refused as a
     * replay because this kiosk already accepted that nonce */
    assert_int_equal(show(5100), MID_ACT_BEEP_FAIL);
    assert_int_equal(A.result.failed_check, MID_CHECK_REPLAY);
    assert_int_equal(A.counters.by_check[MID_CHECK_REPLAY], 1);
}

static void test_hints(void **state)
{
    mid_ui_model m;
    (void)state;
    start(MID_PURPOSE_ADULT);
    mid_app_on_code(&A, MID_ERR_MULTIPLE_CODES, NULL, 0, 0, WORLD_NOW);
    mid_app_model(&A, NULL, 0, WORLD_NOW, &m);
    assert_int_equal(m.hint, MID_HINT_ONE_CODE);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    mid_app_tick(&A, MID_APP_HINT_MS, WORLD_NOW);
    assert_int_equal(A.hint, MID_HINT_NONE);
    static const char url[] = "https://example.invalid/product/123";
    mid_app_on_code(&A, MID_OK, (const uint8_t *)url, sizeof url - 1, 3000, WORLD_NOW);
    assert_int_equal(A.hint, MID_HINT_NOT_MID);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_int_equal(A.counters.codes_seen, 0);
    /* a mobile-ID prefix with garbage is a red result, not a hint */
    static const char bad[] = "MID1:ZZZZ";
    mid_app_on_code(&A, MID_OK, (const uint8_t *)bad, sizeof bad - 1, 4000, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    assert_int_equal(A.result.failed_check, MID_CHECK_FORMAT);
}

static void test_camera_lost_and_back(void **state)
{
    (void)state;
    start(MID_PURPOSE_ADULT);
    mid_app_on_camera(&A, MID_ERR_CAMERA_GONE);
    assert_int_equal(A.screen, MID_SCREEN_CAMERA_LOST);
    assert_int_equal(A.counters.camera_lost, 1);
    mid_app_on_camera(&A, MID_ERR_CAMERA_GONE);
    assert_int_equal(A.counters.camera_lost, 1);
    mid_app_on_camera(&A, MID_OK);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    /* a result on screen stays when the cable is pulled; closing it shows
     * the camera screen */
    make_qr(WORLD_NOW);
    show(0);
    mid_app_on_camera(&A, MID_ERR_CAMERA_GONE);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 10);
    assert_int_equal(A.screen, MID_SCREEN_CAMERA_LOST);
}

static void test_clock_floor_screen(void **state)
{
    mid_config cfg;
    (void)state;
    mid_config_default(&cfg);
    cfg.fixed_purpose = MID_PURPOSE_ADULT;
    assert_int_equal(mid_verify_init(&V, &W.trust, &W.revocation, &W.cfg), MID_OK);
    mid_app_init(&A, &cfg, &V, W.cfg.build_floor - 100);
    mid_app_tick(&A, 0, W.cfg.build_floor - 100);
    assert_int_equal(A.screen, MID_SCREEN_CLOCK);
    make_qr(WORLD_NOW);
    mid_app_on_code(&A, MID_OK, (const uint8_t *)qr, qr_len, 10, W.cfg.build_floor - 100);
    assert_int_equal(A.counters.codes_seen, 0);
    /* NTP fixes the clock: back to scanning */
    mid_app_tick(&A, 20, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
}

static void test_return_to_purpose_and_notice(void **state)
{
    mid_config cfg;
    (void)state;
    mid_config_default(&cfg);
    cfg.return_to = MID_RETURN_PURPOSE;
    assert_int_equal(mid_verify_init(&V, &W.trust, &W.revocation, &W.cfg), MID_OK);
    mid_app_init(&A, &cfg, &V, WORLD_NOW);
    mid_app_on_event(&A, ev(MID_EV_SELECT_PURPOSE, MID_PURPOSE_REAL_NAME), 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    make_qr(WORLD_NOW);
    show(0);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 10);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    mid_app_show_notice(&A, "config line 3: unknown key");
    assert_int_equal(A.screen, MID_SCREEN_NOTICE);
    mid_app_on_event(&A, ev(MID_EV_ACTIVATE, 0), 20);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    /* untouched, a notice gives way by itself */
    mid_app_show_notice(&A, "update applied");
    mid_app_tick(&A, 1000, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_NOTICE);
    mid_app_tick(&A, 1000 + MID_APP_NOTICE_MS - 1, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_NOTICE);
    mid_app_tick(&A, 1000 + MID_APP_NOTICE_MS, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
}

static void test_keypad_result(void **state)
{
    (void)state;
    start(MID_PURPOSE_ADULT);
    make_qr(WORLD_NOW);
    show(0);
    /* focus 0 = 30초 연장, focus 1 = 닫기; a result opens on 닫기 */
    assert_int_equal(A.focus, 1);
    mid_app_on_event(&A, ev(MID_EV_FOCUS_NEXT, 0), 10);
    mid_app_on_event(&A, ev(MID_EV_ACTIVATE, 0), 10);
    assert_int_equal(A.extensions, 1);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    mid_app_on_event(&A, ev(MID_EV_FOCUS_NEXT, 0), 10);
    mid_app_on_event(&A, ev(MID_EV_ACTIVATE, 0), 10);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_int_equal(mid_app_on_event(&A, ev(MID_EV_QUIT, 0), 10), MID_ACT_QUIT);
}

/* ---- operator screens (PIN, STATUS) with injected time ---- */

/* The hash the PIN file would hold (the fewest iterations allowed, so the
 * tests stay fast); a PIN that is not 1-15 digits gets none: disabled. */
static int pin_hash_of(const char *pin, mid_pin_hash *h)
{
    static const uint8_t salt[MID_PIN_SALT_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    return mid_pin_hash_make(pin, strlen(pin), MID_PIN_ITER_MIN, salt, h) == MID_OK;
}

static void start_pin(int fixed_purpose, const char *pin)
{
    mid_config cfg;
    mid_pin_hash h;
    mid_config_default(&cfg);
    cfg.fixed_purpose = fixed_purpose;
    assert_int_equal(mid_verify_init(&V, &W.trust, &W.revocation, &W.cfg), MID_OK);
    mid_app_init(&A, &cfg, &V, WORLD_NOW);
    if (pin_hash_of(pin, &h))
        mid_app_set_pin(&A, &h, 0, 0, 0, NULL, NULL);
}

static void type_pin(const char *digits, int64_t ms)
{
    for (const char *p = digits; *p; p++)
        mid_app_on_event(&A, ev(MID_EV_PIN_DIGIT, (uint32_t)(*p - '0')), ms);
}

static void test_operator_flow(void **state)
{
    mid_ui_model m;
    (void)state;
    start_pin(-1, "2580");
    mid_app_on_event(&A, ev(MID_EV_SELECT_PURPOSE, MID_PURPOSE_LICENCE), 0);
    assert_int_equal(A.focus, MID_PURPOSE_LICENCE);
    /* the combination: PIN screen, nothing typed, nothing focusable */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 1000);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    mid_app_model(&A, NULL, 1000, WORLD_NOW, &m);
    assert_int_equal(m.screen, MID_SCREEN_PIN);
    assert_int_equal(m.pin_len, 0);
    assert_int_equal(m.pin_state, MID_PIN_ENTER);
    assert_int_equal(m.focus, -1);
    assert_null(m.status);
    assert_int_equal(m.seconds_left, 60);
    /* a second combination on the PIN screen changes nothing */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 1100);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    /* three wrong PINs: tries count down, then 60 s locked */
    type_pin("1234", 2000);
    mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
    assert_int_equal(m.pin_len, 4);
    mid_app_on_event(&A, ev(MID_EV_PIN_ERASE, 0), 2100);
    mid_app_model(&A, NULL, 2100, WORLD_NOW, &m);
    assert_int_equal(m.pin_len, 3);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 2200);
    mid_app_model(&A, NULL, 2200, WORLD_NOW, &m);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    assert_int_equal(m.pin_state, MID_PIN_WRONG);
    assert_int_equal(m.pin_tries_left, 2);
    assert_int_equal(m.pin_len, 0);
    /* a prefix of the PIN, and the PIN with one digit more, are wrong */
    type_pin("258", 3000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 3100);
    mid_app_model(&A, NULL, 3100, WORLD_NOW, &m);
    assert_int_equal(m.pin_tries_left, 1);
    type_pin("25800", 4000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 5000);
    mid_app_model(&A, NULL, 5000, WORLD_NOW, &m);
    assert_int_equal(m.pin_state, MID_PIN_LOCKED);
    assert_int_equal(m.pin_locked_s, 60);
    /* locked: digits and OK do nothing, not even the right PIN */
    type_pin("2580", 30000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 30000);
    mid_app_model(&A, NULL, 30000, WORLD_NOW, &m);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    assert_int_equal(m.pin_len, 0);
    assert_int_equal(m.pin_state, MID_PIN_LOCKED);
    assert_int_equal(m.pin_locked_s, 35);
    mid_app_tick(&A, 64999, WORLD_NOW);
    mid_app_model(&A, NULL, 64999, WORLD_NOW, &m);
    assert_int_equal(m.pin_state, MID_PIN_LOCKED);
    assert_int_equal(m.pin_locked_s, 1);
    /* 60 s after the lockout: the right PIN opens the status screen */
    mid_app_tick(&A, 65000, WORLD_NOW);
    mid_app_model(&A, NULL, 65000, WORLD_NOW, &m);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    assert_int_equal(m.pin_state, MID_PIN_ENTER);
    assert_int_equal(m.pin_tries_left, 3);
    type_pin("2580", 66000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 66000);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    for (size_t i = 0; i < sizeof A.pin_entry; i++)
        assert_int_equal(A.pin_entry[i], 0);
    /* the status: the app's half, refreshed by the tick */
    make_qr(WORLD_NOW);
    A.counters.frames = 1234;
    A.counters.by_check[MID_CHECK_REPLAY] = 2;
    mid_app_tick(&A, 66100, WORLD_NOW + 66);
    mid_app_model(&A, NULL, 66100, WORLD_NOW + 66, &m);
    assert_non_null(m.status);
    assert_int_equal(m.focus, 1);
    assert_int_equal(m.status->now, WORLD_NOW + 66);
    assert_int_equal(m.status->frames, 1234);
    assert_int_equal(m.status->by_check[MID_CHECK_REPLAY], 2);
    assert_true(m.status->camera_ok);
    assert_int_equal(m.status->revocation_max_age_days, 7);
    assert_int_equal(m.status->export_state, MID_EXPORT_NONE);
    assert_int_equal(m.seconds_left, 60);
    /* the kiosk does not verify while the operator looks */
    assert_int_equal(show(66200), MID_ACT_NONE);
    assert_int_equal(A.counters.codes_seen, 0);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    /* export: a flag for the program, taken once; the outcome is shown */
    assert_int_equal(mid_app_take_export(&A), 0);
    mid_app_on_event(&A, ev(MID_EV_EXPORT, 0), 67000);
    mid_app_model(&A, NULL, 67000, WORLD_NOW, &m);
    assert_int_equal(m.status->export_state, MID_EXPORT_PENDING);
    assert_int_equal(mid_app_take_export(&A), 1);
    assert_int_equal(mid_app_take_export(&A), 0);
    mid_app_export_done(&A, MID_EXPORT_DONE, 3, 3);
    mid_app_model(&A, NULL, 67500, WORLD_NOW, &m);
    assert_int_equal(m.status->export_state, MID_EXPORT_DONE);
    assert_int_equal(m.status->export_files, 3);
    /* keypad: focus 0 is 내보내기, 1 is 닫기 */
    mid_app_on_event(&A, ev(MID_EV_FOCUS_NEXT, 0), 68000);
    assert_int_equal(A.focus, 0);
    mid_app_on_event(&A, ev(MID_EV_ACTIVATE, 0), 68000);
    assert_int_equal(mid_app_take_export(&A), 1);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    /* close: back where the operator came from, focus as it was */
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 69000);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    assert_int_equal(A.focus, MID_PURPOSE_LICENCE);
    mid_app_model(&A, NULL, 69000, WORLD_NOW, &m);
    assert_null(m.status);
    /* the next visit starts without the last export's outcome */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 70000);
    type_pin("2580", 70000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 70000);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    assert_int_equal(A.status.export_state, MID_EXPORT_NONE);
    mid_app_on_event(&A, ev(MID_EV_BACK, 0), 71000);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    mid_app_deinit(&A);
    assert_false(app_contains("2580"));
}

static void test_operator_disabled(void **state)
{
    static const char *const off[] = {"", "12a4", "1 23", "-123"};
    (void)state;
    for (size_t i = 0; i < sizeof off / sizeof off[0]; i++) {
        start_pin(-1, off[i]);
        mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 0);
        assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
        mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
        mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
        assert_int_equal(A.screen, MID_SCREEN_SCAN);
        mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 0);
        assert_int_equal(A.screen, MID_SCREEN_SCAN);
        /* nor do PIN and status events reach anything */
        mid_app_on_event(&A, ev(MID_EV_PIN_DIGIT, 1), 0);
        mid_app_on_event(&A, ev(MID_EV_EXPORT, 0), 0);
        assert_int_equal(A.screen, MID_SCREEN_SCAN);
        assert_int_equal(mid_app_take_export(&A), 0);
    }
    /* fifteen digits, the most there is room for, work; "0000" too */
    start_pin(-1, "012345678901234");
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 0);
    type_pin("0123456789012345", 0); /* the 16th digit is not taken */
    assert_int_equal(A.pin_len, MID_APP_PIN_MAX);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    start_pin(-1, "0000");
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    /* OK with nothing typed is not a wrong try */
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.pin_failures, 0);
    type_pin("0000", 0);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
}

static void test_operator_idle_close(void **state)
{
    mid_ui_model m;
    (void)state;
    start_pin(MID_PURPOSE_ADULT, "2580");
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    /* PIN screen: closes 60 s after the last input */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 1000);
    type_pin("25", 20000);
    mid_app_tick(&A, 79999, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    mid_app_model(&A, NULL, 79999, WORLD_NOW, &m);
    assert_int_equal(m.seconds_left, 1);
    mid_app_tick(&A, 80000, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    /* the digits typed went with it */
    assert_int_equal(A.pin_len, 0);
    for (size_t i = 0; i < sizeof A.pin_entry; i++)
        assert_int_equal(A.pin_entry[i], 0);
    /* status screen: any input restarts the minute */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 100000);
    type_pin("2580", 100500);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 101000);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    mid_app_on_event(&A, ev(MID_EV_FOCUS_NEXT, 0), 150000);
    mid_app_tick(&A, 209999, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    mid_app_on_event(&A, ev(MID_EV_TOGGLE_LANG, 0), 209999);
    mid_app_tick(&A, 269998, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    mid_app_tick(&A, 269999, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    /* scanning works again at once */
    make_qr(WORLD_NOW + 270);
    assert_int_equal(show(270000), MID_ACT_BEEP_PASS);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
}

static void test_operator_not_during_result(void **state)
{
    (void)state;
    start_pin(MID_PURPOSE_ADULT, "2580");
    make_qr(WORLD_NOW);
    show(0);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 100);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    /* PIN events on a result do nothing either */
    mid_app_on_event(&A, ev(MID_EV_PIN_DIGIT, 2), 100);
    mid_app_on_event(&A, ev(MID_EV_EXPORT, 0), 100);
    assert_int_equal(A.screen, MID_SCREEN_RESULT);
    assert_int_equal(A.pin_len, 0);
    assert_int_equal(mid_app_take_export(&A), 0);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 200);
    /* nor over a notice or the clock screen */
    mid_app_show_notice(&A, "update applied");
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 300);
    assert_int_equal(A.screen, MID_SCREEN_NOTICE);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 400);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    start_pin(MID_PURPOSE_ADULT, "2580");
    mid_app_tick(&A, 0, W.cfg.build_floor - 100);
    assert_int_equal(A.screen, MID_SCREEN_CLOCK);
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 10);
    assert_int_equal(A.screen, MID_SCREEN_CLOCK);
    /* the clock going wrong while the status is open: the clock screen */
    mid_app_tick(&A, 20, WORLD_NOW);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 30);
    type_pin("25", 30);
    mid_app_tick(&A, 40, W.cfg.build_floor - 100);
    assert_int_equal(A.screen, MID_SCREEN_CLOCK);
    assert_int_equal(A.pin_len, 0);
}

static void test_operator_camera(void **state)
{
    (void)state;
    start_pin(MID_PURPOSE_ADULT, "2580");
    /* from the camera screen; the camera comes back meanwhile */
    mid_app_on_camera(&A, MID_ERR_CAMERA_GONE);
    assert_int_equal(A.screen, MID_SCREEN_CAMERA_LOST);
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 0);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    mid_app_on_camera(&A, MID_OK);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    assert_int_equal(A.counters.camera_reconnects, 1);
    type_pin("2580", 10);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 10);
    mid_app_tick(&A, 20, WORLD_NOW);
    assert_int_equal(A.status.camera_reconnects, 1);
    assert_true(A.status.camera_ok);
    /* lost while the status is open: shown there, and on the way back */
    mid_app_on_camera(&A, MID_ERR_CAMERA_GONE);
    assert_int_equal(A.screen, MID_SCREEN_STATUS);
    mid_app_tick(&A, 30, WORLD_NOW);
    assert_false(A.status.camera_ok);
    mid_app_on_event(&A, ev(MID_EV_CLOSE, 0), 40);
    assert_int_equal(A.screen, MID_SCREEN_CAMERA_LOST);
    mid_app_on_camera(&A, MID_OK);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_int_equal(A.counters.camera_reconnects, 2);
}

/* The lockout holds across visits: cancelling does not reset the count. */
static void test_operator_lockout_persists(void **state)
{
    mid_ui_model m;
    (void)state;
    start_pin(-1, "2580");
    for (int i = 0; i < 2; i++) {
        mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 1000);
        type_pin("1111", 1000);
        mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 1000);
        mid_app_on_event(&A, ev(MID_EV_BACK, 0), 1000);
        assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    }
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 2000);
    mid_app_model(&A, NULL, 2000, WORLD_NOW, &m);
    assert_int_equal(m.pin_state, MID_PIN_ENTER);
    type_pin("1111", 2000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 2000);
    mid_app_on_event(&A, ev(MID_EV_BACK, 0), 2000);
    /* reopened while locked: the PIN screen says so and takes nothing */
    mid_app_on_event(&A, ev(MID_EV_OPERATOR, 0), 3000);
    mid_app_model(&A, NULL, 3000, WORLD_NOW, &m);
    assert_int_equal(m.pin_state, MID_PIN_LOCKED);
    assert_int_equal(m.pin_locked_s, 59);
    type_pin("2580", 3000);
    mid_app_on_event(&A, ev(MID_EV_NEXT, 0), 3000);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
}

static void test_purposes_offered(void **state)
{
    mid_config cfg;
    mid_ui_model m;
    (void)state;
    start(-1);
    mid_app_model(&A, NULL, 0, WORLD_NOW, &m);
    assert_int_equal(m.purposes_offered, 0xFu);
    mid_config_default(&cfg);
    cfg.purposes = (1u << MID_PURPOSE_ADULT) | (1u << MID_PURPOSE_LICENCE);
    mid_app_init(&A, &cfg, &V, WORLD_NOW);
    mid_app_model(&A, NULL, 0, WORLD_NOW, &m);
    assert_int_equal(m.purposes_offered, 0x5u);
    /* a hidden purpose cannot be chosen, and the focus skips it */
    mid_app_on_event(&A, ev(MID_EV_SELECT_PURPOSE, MID_PURPOSE_REAL_NAME), 0);
    assert_int_equal(A.request.purpose, MID_PURPOSE_ADULT);
    mid_app_on_event(&A, ev(MID_EV_FOCUS_NEXT, 0), 0);
    assert_int_equal(A.focus, MID_PURPOSE_LICENCE);
}

/* The whole path through the run loop: combination, PIN, STATUS, export
 * taken by the program's housekeeping hook, the outcome on screen, and
 * the screen closing by itself after a minute (frame clock, fakes). */
typedef struct hk_state {
    unsigned calls, exports;
} hk_state;

static void hk_fill(void *arg, mid_app *app, int64_t now_unix)
{
    hk_state *h = arg;
    (void)now_unix;
    h->calls++;
    snprintf(app->status.kiosk_id, sizeof app->status.kiosk_id, "%s", "KIOSK-TEST");
    app->status.have_trust = 1;
    app->status.n_keys = 1;
    app->status.keys[0].nbf = WORLD_NOW - 10;
    app->status.keys[0].exp = WORLD_NOW + 1000000;
    if (mid_app_take_export(app)) {
        h->exports++;
        mid_app_export_done(app, MID_EXPORT_DONE, 2, 2);
    }
}

static void test_operator_run_loop(void **state)
{
    static mid_pin_hash run_hash;
    static uint8_t luma[16 * 16];
    fake_camera_step cam_step;
    mid_camera *cam = NULL;
    mid_decoder *dec = NULL;
    mid_ui *ui = NULL;
    mid_run_opts o;
    mid_run_stats st;
    hk_state hk;
    mid_screen hist[8];
    const fake_ui_frame *last_status = NULL;
    (void)state;
    memset(luma, 128, sizeof luma);
    memset(&cam_step, 0, sizeof cam_step);
    cam_step.luma = luma;
    cam_step.width = cam_step.height = 16;
    assert_int_equal(fake_camera_create(&cam_step, 1, 1, &cam), MID_OK);
    assert_int_equal(fake_decoder_create(NULL, 0, 0, &dec), MID_OK);
    assert_int_equal(fake_ui_create(&ui), MID_OK);
    assert_int_equal(mid_verify_init(&V, &W.trust, &W.revocation, &W.cfg), MID_OK);
    assert_true(fake_ui_push_on(ui, MID_SCREEN_SCAN, MID_EV_OPERATOR, 0));
    for (const char *p = "2580"; *p; p++)
        assert_true(fake_ui_push_on(ui, MID_SCREEN_PIN, MID_EV_PIN_DIGIT,
                                    (uint32_t)(*p - '0')));
    assert_true(fake_ui_push_on(ui, MID_SCREEN_PIN, MID_EV_NEXT, 0));
    assert_true(fake_ui_push_on(ui, MID_SCREEN_STATUS, MID_EV_EXPORT, 0));
    memset(&hk, 0, sizeof hk);
    memset(&o, 0, sizeof o);
    o.camera = cam;
    o.decoder = dec;
    o.ui = ui;
    mid_config_default(&o.cfg);
    o.cfg.fixed_purpose = MID_PURPOSE_ADULT;
    o.cfg.sound = 0;
    assert_true(pin_hash_of("2580", &run_hash));
    o.pin_hash = &run_hash;
    o.verify = &V;
    o.frame_clock = 1;
    o.clock_start = WORLD_NOW;
    o.fps = 10;
    o.max_frames = 700; /* 70 s: the status closes itself at about 60 s */
    o.housekeeping = hk_fill;
    o.hook_arg = &hk;
    assert_int_equal(mid_run(&o, &st), MID_OK);
    assert_int_equal(hk.exports, 1);
    assert_true(hk.calls >= 60);
    /* the fake hands out the whole script within the first frame's polls,
     * so the first screen drawn is already STATUS */
    assert_int_equal(fake_ui_history(ui, hist, 8), 2);
    assert_int_equal(hist[0], MID_SCREEN_STATUS);
    assert_int_equal(hist[1], MID_SCREEN_SCAN);
    assert_int_equal(fake_ui_pending(ui), 0);
    for (uint64_t n = fake_ui_render_count(ui); n > 0; n--) {
        const fake_ui_frame *fr = fake_ui_frame_at(ui, n);
        if (!fr)
            break;
        if (fr->screen == MID_SCREEN_STATUS) {
            last_status = fr;
            break;
        }
    }
    assert_non_null(last_status);
    assert_true(last_status->has_status);
    assert_string_equal(last_status->status.kiosk_id, "KIOSK-TEST");
    assert_int_equal(last_status->status.export_state, MID_EXPORT_DONE);
    assert_int_equal(last_status->status.export_files, 2);
    assert_int_equal(last_status->status.n_keys, 1);
    assert_int_equal(last_status->status.keys[0].period, MID_KEY_VALID);
    assert_true(last_status->status.frames > 0);
    assert_true(last_status->seconds_left >= 0 && last_status->seconds_left <= 60);
    assert_int_equal(last_status->pin_len, 0);
    assert_int_equal(fake_ui_last(ui)->screen, MID_SCREEN_SCAN);
    assert_false(fake_ui_last(ui)->has_status);
    ui->ops->destroy(ui);
    mid_decoder_destroy(dec);
    mid_camera_destroy(cam);
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_flow_purpose_to_scan),
        cmocka_unit_test(test_custom_items),
        cmocka_unit_test(test_fixed_purpose_adult_result),
        cmocka_unit_test(test_countdown_extend_cap_close),
        cmocka_unit_test(test_close_button_wipes),
        cmocka_unit_test(test_same_code_once_then_replay),
        cmocka_unit_test(test_hints),
        cmocka_unit_test(test_camera_lost_and_back),
        cmocka_unit_test(test_clock_floor_screen),
        cmocka_unit_test(test_return_to_purpose_and_notice),
        cmocka_unit_test(test_keypad_result),
        cmocka_unit_test(test_operator_flow),
        cmocka_unit_test(test_operator_disabled),
        cmocka_unit_test(test_operator_idle_close),
        cmocka_unit_test(test_operator_not_during_result),
        cmocka_unit_test(test_operator_camera),
        cmocka_unit_test(test_operator_lockout_persists),
        cmocka_unit_test(test_purposes_offered),
        cmocka_unit_test(test_operator_run_loop),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
