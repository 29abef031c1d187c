/* Unit tests: what a key means on each screen (mid_app_key_meaning in
 * src/app/app.c; docs/ui.md "Touch and keys"). The UI reports keys as
 * MID_EV_KEY; these tests drive the app with them, no UI in between
 * (test_ui_input checks the SDL side and the two together). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_app.h"
#include "mid/mid_pin.h"

#define NOW_UNIX ((int64_t)1795000000)

static mid_app A;

static mid_ui_event key_ev(uint32_t arg)
{
    mid_ui_event e;
    e.kind = MID_EV_KEY;
    e.arg = arg;
    return e;
}

static void press(uint32_t arg, int64_t now_ms)
{
    (void)mid_app_on_event(&A, key_ev(arg), now_ms);
}

static void start(uint32_t purposes)
{
    mid_config cfg;
    mid_config_default(&cfg);
    if (purposes)
        cfg.purposes = purposes;
    mid_app_init(&A, &cfg, NULL, NOW_UNIX);
    {
        /* the operator PIN 2468, as its hash file would hold it (the
         * fewest iterations allowed, so the test stays fast) */
        static const uint8_t salt[MID_PIN_SALT_LEN] = {1, 2, 3, 4, 5, 6, 7, 8,
                                                       9, 10, 11, 12, 13, 14, 15, 16};
        mid_pin_hash h;
        assert_int_equal(mid_pin_hash_make("2468", 4, MID_PIN_ITER_MIN, salt, &h), MID_OK);
        mid_app_set_pin(&A, &h, 0, 0, 0, NULL, NULL);
    }
}

static void test_keys_purpose_request_scan(void **state)
{
    (void)state;
    start(0);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    press(2, 10); /* the second card */
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
    assert_int_equal(A.request.purpose, MID_PURPOSE_REAL_NAME);
    assert_int_equal(mid_app_key_meaning(&A, 5).kind, MID_EV_NONE);
    assert_int_equal(mid_app_key_meaning(&A, 0).kind, MID_EV_NONE);
    /* a held Enter is one press */
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_ENTER | MID_KEY_REPEAT).kind,
                     MID_EV_NONE);
    press(MID_KEY_ENTER, 20); /* the focused card: on to REQUEST */
    assert_int_equal(A.screen, MID_SCREEN_REQUEST);
    press(MID_KEY_ENTER, 30);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_ENTER).kind, MID_EV_NONE);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_PLUS).kind, MID_EV_NONE);
    press(MID_KEY_BACKSPACE, 40); /* back to purpose selection */
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
}

/* Hidden purposes: the digit is the number on the card, not the purpose. */
static void test_keys_cards_offered(void **state)
{
    mid_ui_event ev;
    (void)state;
    start((1u << MID_PURPOSE_ADULT) | (1u << MID_PURPOSE_LICENCE));
    ev = mid_app_key_meaning(&A, 2);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, MID_PURPOSE_LICENCE);
    assert_int_equal(mid_app_key_meaning(&A, 3).kind, MID_EV_NONE);
    /* shifted digits still pick a card (as before the split) */
    ev = mid_app_key_meaning(&A, 1 | MID_KEY_SHIFT);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, MID_PURPOSE_ADULT);
}

static void test_keys_custom_request(void **state)
{
    (void)state;
    start(0);
    press(4, 10);
    press(MID_KEY_ENTER, 20);
    assert_int_equal(A.screen, MID_SCREEN_REQUEST);
    assert_int_equal(A.request.purpose, MID_PURPOSE_CUSTOM);
    A.request.items = 0;
    press(MID_KEY_ENTER, 30); /* 다음 is disabled with nothing chosen */
    assert_int_equal(A.screen, MID_SCREEN_REQUEST);
    A.focus = 3;
    press(MID_KEY_SPACE, 40); /* toggles the focused item */
    assert_int_equal(A.request.items, 1u << 3);
    press(MID_KEY_SPACE | MID_KEY_REPEAT, 50);
    assert_int_equal(A.request.items, 1u << 3);
    press(MID_KEY_ENTER, 60);
    assert_int_equal(A.screen, MID_SCREEN_SCAN);
}

static void test_keys_result(void **state)
{
    mid_ui_event ev;
    (void)state;
    start(0);
    A.screen = MID_SCREEN_RESULT;
    A.focus = 1;
    A.result_deadline_ms = 50000;
    ev = mid_app_key_meaning(&A, MID_KEY_ENTER);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 1);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_ESCAPE).kind, MID_EV_CLOSE);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_BACKSPACE).kind,
                     MID_EV_CLOSE);
    press(MID_KEY_PLUS, 100);
    assert_int_equal(A.extensions, 1);
    A.extensions = A.cfg.extend_max;
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_PLUS).kind, MID_EV_NONE);
    A.focus = 0; /* 30초 연장, drawn disabled now */
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_ENTER).kind, MID_EV_NONE);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_SPACE).kind, MID_EV_NONE);
    A.focus = -1;
    press(MID_KEY_ENTER, 200); /* nothing focused: Enter closes */
    assert_int_not_equal(A.screen, MID_SCREEN_RESULT);
}

/* A notice goes on any input, but only a key that means something. */
static void test_keys_notice(void **state)
{
    (void)state;
    start(0);
    mid_app_show_notice(&A, "Trust list updated.");
    press(MID_KEY_ENTER, 10);
    press(MID_KEY_SPACE, 20);
    press(7, 30);
    assert_int_equal(A.screen, MID_SCREEN_NOTICE);
    press(MID_KEY_ESCAPE, 40);
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
}

static void test_keys_pin(void **state)
{
    (void)state;
    start(0);
    (void)mid_app_on_event(&A, (mid_ui_event){MID_EV_OPERATOR, 0}, 1000);
    assert_int_equal(A.screen, MID_SCREEN_PIN);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_ENTER).kind, MID_EV_NONE);
    assert_int_equal(mid_app_key_meaning(&A, MID_KEY_DELETE).kind, MID_EV_NONE);
    press(2, 1100);
    press(4, 1200);
    press(6 | MID_KEY_REPEAT, 1300); /* a held digit types once */
    press(6 | MID_KEY_SHIFT, 1400);  /* a symbol, not a digit */
    assert_int_equal(A.pin_len, 2);
    press(MID_KEY_BACKSPACE | MID_KEY_REPEAT, 1500); /* erase repeats */
    assert_int_equal(A.pin_len, 1);
    press(MID_KEY_DELETE, 1600);
    assert_int_equal(A.pin_len, 0);
    /* a key that means nothing here is no input: the idle clock runs on */
    press(MID_KEY_SPACE, 5000);
    press(MID_KEY_PLUS, 6000);
    assert_int_equal(A.op_input_ms, 1600);
    press(MID_KEY_ESCAPE, 7000); /* 취소 */
    assert_int_equal(A.screen, MID_SCREEN_PURPOSE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_keys_purpose_request_scan),
        cmocka_unit_test(test_keys_cards_offered),
        cmocka_unit_test(test_keys_custom_request),
        cmocka_unit_test(test_keys_result),
        cmocka_unit_test(test_keys_notice),
        cmocka_unit_test(test_keys_pin),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
