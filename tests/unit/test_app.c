/* The kiosk state machine with injected time: flows, the 55 s countdown,
 * 30 s extensions and their cap, dedup of repeated frames, hints, camera
 * loss, the clock floor, and that personal data is gone after close. */
#define _GNU_SOURCE /* memmem */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures/world.h"
#include "mid/mid_app.h"

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
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
