/* Unit tests: the SDL UI shell (src/ui/shell.c, sound.c, png.c): bad
 * models, screenshots, sound, and no screenshot in release builds. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../support/ui_harness.c"

#ifndef MID_RELEASE
/* misc                                                                 */

static void test_bad_input(void **state)
{
    mid_ui_model m;
    mid_view v;
    (void)state;
    assert_int_equal(g_ui->ops->render(g_ui, NULL), MID_ERR_ARG);
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.screen = (mid_screen)99;
    assert_int_equal(g_ui->ops->render(g_ui, &m), MID_ERR_ARG);
    /* odd but possible values draw something sane */
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    m.verdict = MID_VERDICT_VALID;
    m.view = NULL;
    m.seconds_left = -5;
    render(&m);
    m.verdict = MID_VERDICT_INVALID;
    m.failed_check = (mid_check_id)77;
    m.reason = (mid_err)9999;
    render(&m);
    assert_text_in(MID_UI_REGION_REASON);
    m.verdict = MID_VERDICT_VALID;
    uic_view_real_name(&v);
    v.portrait[0] = 200; /* malformed portrait: fields only */
    m.view = &v;
    render(&m);
    assert_false(mid_ui_sdl_region(g_ui, MID_UI_REGION_PORTRAIT, NULL));
    m.screen = MID_SCREEN_NOTICE;
    m.notice = NULL;
    render(&m);
    m.purpose = (mid_purpose)9;
    m.screen = MID_SCREEN_REQUEST;
    render(&m);
    assert_int_equal(g_ui->ops->screenshot(g_ui, "/nonexistent-dir/x.png"),
                     MID_ERR_IO);
}

static void test_beep(void **state)
{
    (void)state;
    /* dummy audio driver: must queue without blocking or crashing */
    g_ui->ops->beep(g_ui, 1);
    g_ui->ops->beep(g_ui, 0);
    g_ui->ops->beep(NULL, 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_beep),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
#else
/* Release builds have no screenshots (a RESULT screenshot is personal
 * data) and no layout hooks: check the op refuses. */
static void test_release_no_screenshot(void **state)
{
    mid_sdl_config cfg;
    mid_ui *ui = NULL;
    mid_ui_model m;
    (void)state;
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    mid_sdl_config_default(&cfg);
    cfg.width = W;
    cfg.height = H;
    cfg.fullscreen = 0;
    cfg.sound = 0;
    assert_int_equal(mid_ui_sdl_create(&cfg, &ui), MID_OK);
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    assert_int_equal(ui->ops->render(ui, &m), MID_OK);
    assert_int_equal(ui->ops->screenshot(ui, "/tmp/mid-release-shot.png"),
                     MID_ERR_ARG);
    ui->ops->destroy(ui);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_no_screenshot),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
