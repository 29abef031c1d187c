/* Unit tests: the fake UI (tests/fakes/fake_ui.c) the app tests use. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "../fakes/fake_ui.h"
#include "fixtures/ui_cases.h"
#include "mid/mid_ui.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* !MID_RELEASE */

static void test_fake_ui(void **state)
{
    mid_ui *ui = NULL;
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_screen hist[8];
    const fake_ui_frame *fr;
    (void)state;
    assert_int_equal(fake_ui_create(&ui), MID_OK);
    assert_null(fake_ui_last(ui));
    assert_true(fake_ui_push(ui, MID_EV_SELECT_PURPOSE, 1));
    assert_true(fake_ui_push_on(ui, MID_SCREEN_RESULT, MID_EV_CLOSE, 0));
    assert_true(fake_ui_push(ui, MID_EV_QUIT, 0));
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_SELECT_PURPOSE);
    /* CLOSE waits for RESULT and holds QUIT back */
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_NONE);
    uic_view_real_name(&v);
    m.screen = MID_SCREEN_RESULT;
    m.verdict = MID_VERDICT_VALID;
    m.view = &v;
    m.preview = &f;
    uic_frame(&f);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_CLOSE);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_QUIT);
    assert_int_equal(ui->ops->poll(ui, &m).kind, MID_EV_NONE);
    assert_int_equal(fake_ui_render_count(ui), 3);
    fr = fake_ui_last(ui);
    assert_non_null(fr);
    assert_int_equal(fr->screen, MID_SCREEN_RESULT);
    assert_int_equal(fr->verdict, MID_VERDICT_VALID);
    assert_int_equal(fr->seconds_left, 55);
    assert_true(fr->has_preview);
    assert_int_equal(fr->preview_seq, 42);
    assert_true(fr->has_view);
    assert_string_equal(fr->view.name, "김하늘");
    assert_int_equal(fr->view.portrait_len, sizeof(uic_portrait));
    /* the copy outlives the caller's view */
    memset(&v, 0, sizeof(v));
    assert_string_equal(fake_ui_last(ui)->view.name, "김하늘");
    assert_int_equal(fake_ui_frame_at(ui, 1)->screen, MID_SCREEN_PURPOSE);
    assert_null(fake_ui_frame_at(ui, 4));
    assert_int_equal(fake_ui_history(ui, hist, ARRAY_LEN(hist)), 2);
    assert_int_equal(hist[1], MID_SCREEN_RESULT);
    assert_true(fake_ui_saw(ui, MID_SCREEN_RESULT));
    assert_false(fake_ui_saw(ui, MID_SCREEN_SCAN));
    ui->ops->beep(ui, 1);
    ui->ops->beep(ui, 0);
    ui->ops->beep(ui, 1);
    assert_int_equal(fake_ui_beeps(ui, 1), 2);
    assert_int_equal(fake_ui_beeps(ui, 0), 1);
    assert_int_equal(ui->ops->screenshot(ui, "x.png"), MID_OK);
    assert_int_equal(fake_ui_screenshots(ui), 1);
    /* operator screens: PIN state and a copy of the status info */
    {
        static mid_status_info si;
        memset(&si, 0, sizeof(si));
        snprintf(si.kiosk_id, sizeof(si.kiosk_id), "%s", "KIOSK-0042");
        si.n_keys = 2;
        uic_base_model(&m, MID_SCREEN_PIN, MID_LANG_KO);
        m.pin_len = 3;
        m.pin_state = MID_PIN_WRONG;
        m.pin_tries_left = 2;
        m.purposes_offered = 0x5u;
        assert_int_equal(ui->ops->render(ui, &m), MID_OK);
        fr = fake_ui_last(ui);
        assert_int_equal(fr->pin_len, 3);
        assert_int_equal(fr->pin_state, MID_PIN_WRONG);
        assert_int_equal(fr->pin_tries_left, 2);
        assert_int_equal(fr->purposes_offered, 0x5u);
        assert_false(fr->has_status);
        m.screen = MID_SCREEN_STATUS;
        m.status = &si;
        assert_int_equal(ui->ops->render(ui, &m), MID_OK);
        memset(&si, 0, sizeof(si));
        fr = fake_ui_last(ui);
        assert_true(fr->has_status);
        assert_string_equal(fr->status.kiosk_id, "KIOSK-0042");
        assert_int_equal(fr->status.n_keys, 2);
    }
    fake_ui_fail_next_render(ui, MID_ERR_IO);
    assert_int_equal(ui->ops->render(ui, &m), MID_ERR_IO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(fake_ui_render_count(ui), 6);
    ui->ops->destroy(ui);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fake_ui),
    };
    uic_make_portrait();
    return cmocka_run_group_tests(tests, NULL, NULL);
}
