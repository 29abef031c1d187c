/* Unit tests: the SDL UI's input (src/ui/input.c) and what keys mean.
 *
 * Touches and keys are pushed through SDL's event queue. Touches must
 * send the event of the button under them; keys come out of the UI as
 * MID_EV_KEY (test_keys_raw: the same on every screen) and their meaning
 * on each screen is the app's (mid_app_key_meaning): the key tests check
 * the two together, as the kiosk runs them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "../support/ui_harness.c"

#ifndef MID_RELEASE
/* Keys leave the UI as keys: the same MID_EV_KEY on every screen, whatever
 * the focus; only arrows, Tab and L have a meaning of their own. */
static void test_keys_raw(void **state)
{
    static const mid_screen screens[] = {MID_SCREEN_PURPOSE, MID_SCREEN_PIN,
                                         MID_SCREEN_RESULT};
    static const struct {
        SDL_Keycode sym;
        Uint16 mod;
        uint32_t want; /* MID_EV_KEY arg; ~0u: no event */
    } k_map[] = {
        {SDLK_0, KMOD_NONE, MID_KEY_0},
        {SDLK_7, KMOD_NONE, 7},
        {SDLK_KP_0, KMOD_NONE, MID_KEY_0},
        {SDLK_KP_1, KMOD_NONE, 1},
        {SDLK_KP_9, KMOD_NONE, MID_KEY_9},
        {SDLK_1, KMOD_LSHIFT, 1 | MID_KEY_SHIFT},
        {SDLK_RETURN, KMOD_NONE, MID_KEY_ENTER},
        {SDLK_RETURN2, KMOD_NONE, MID_KEY_ENTER},
        {SDLK_KP_ENTER, KMOD_NONE, MID_KEY_ENTER},
        {SDLK_SPACE, KMOD_NONE, MID_KEY_SPACE},
        {SDLK_KP_SPACE, KMOD_NONE, MID_KEY_SPACE},
        {SDLK_ESCAPE, KMOD_NONE, MID_KEY_ESCAPE},
        {SDLK_AC_BACK, KMOD_NONE, MID_KEY_ESCAPE},
        {SDLK_BACKSPACE, KMOD_NONE, MID_KEY_BACKSPACE},
        {SDLK_DELETE, KMOD_NONE, MID_KEY_DELETE},
        {SDLK_KP_BACKSPACE, KMOD_NONE, MID_KEY_DELETE},
        {SDLK_PLUS, KMOD_NONE, MID_KEY_PLUS},
        {SDLK_KP_PLUS, KMOD_NONE, MID_KEY_PLUS},
        {SDLK_F5, KMOD_NONE, MID_KEY_PLUS},
        {SDLK_EQUALS, KMOD_LSHIFT, MID_KEY_PLUS | MID_KEY_SHIFT},
        {SDLK_EQUALS, KMOD_NONE, ~0u},
        {SDLK_a, KMOD_NONE, ~0u},
        {SDLK_8, KMOD_LSHIFT, ~0u}, /* '*': the operator gesture's */
    };
    (void)state;
    for (size_t s = 0; s < ARRAY_LEN(screens); s++) {
        mid_ui_model m;
        mid_ui_event ev;
        uic_base_model(&m, screens[s], MID_LANG_KO);
        m.focus = (int)s - 1;
        render(&m);
        for (size_t i = 0; i < ARRAY_LEN(k_map); i++) {
            ev = key_raw_ex(&m, k_map[i].sym, k_map[i].mod, 0);
            if (k_map[i].want == ~0u) {
                assert_int_equal(ev.kind, MID_EV_NONE);
                continue;
            }
            assert_int_equal(ev.kind, MID_EV_KEY);
            assert_int_equal(ev.arg, k_map[i].want);
        }
        /* a held key says so; the app decides whether that counts */
        ev = key_raw_ex(&m, SDLK_BACKSPACE, KMOD_NONE, 1);
        assert_int_equal(ev.kind, MID_EV_KEY);
        assert_int_equal(ev.arg, MID_KEY_BACKSPACE | MID_KEY_REPEAT);
        /* focus keys: the same event everywhere, repeating; the app counts */
        ev = key_raw_ex(&m, SDLK_RIGHT, KMOD_NONE, 1);
        assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
        assert_int_equal(ev.arg, 0);
        assert_int_equal(key_raw_ex(&m, SDLK_TAB, KMOD_NONE, 0).kind,
                         MID_EV_FOCUS_NEXT);
        assert_int_equal(key_raw_ex(&m, SDLK_TAB, KMOD_LSHIFT, 0).kind,
                         MID_EV_FOCUS_PREV);
        assert_int_equal(key_raw_ex(&m, SDLK_UP, KMOD_NONE, 0).kind,
                         MID_EV_FOCUS_PREV);
        assert_int_equal(key_raw_ex(&m, SDLK_l, KMOD_NONE, 0).kind,
                         MID_EV_TOGGLE_LANG);
        assert_int_equal(key_raw_ex(&m, SDLK_l, KMOD_NONE, 1).kind,
                         MID_EV_NONE);
        assert_int_equal(key_raw_ex(&m, SDLK_F12, KMOD_NONE, 0).kind,
                         MID_EV_OPERATOR);
    }
}

/* touch                                                                */

static void test_hit_purpose(void **state)
{
    mid_ui_model m;
    SDL_Rect a, b;
    mid_ui_event ev;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    for (uint32_t p = 0; p < MID_PURPOSE_COUNT; p++) {
        ev = click_button(&m, MID_EV_SELECT_PURPOSE, p);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, p);
    }
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
    assert_int_equal(click_button(&m, MID_EV_TOGGLE_LANG, 0).kind,
                     MID_EV_TOGGLE_LANG);
    /* the big cards are big: a touch near a corner still counts */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 3, &a));
    assert_true(a.w >= W / 3 && a.h >= H / 8);
    ev = click_at(&m, a.x + 4, a.y + a.h - 4);
    assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
    assert_int_equal(ev.arg, 3);
    /* empty space: nothing */
    assert_int_equal(click_at(&m, 2, 2).kind, MID_EV_NONE);
    /* press on one card, release on another: nothing */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 0, &a));
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_SELECT_PURPOSE, 1, &b));
    {
        SDL_Event e;
        flush_events();
        memset(&e, 0, sizeof(e));
        e.type = SDL_MOUSEBUTTONDOWN;
        e.button.button = SDL_BUTTON_LEFT;
        e.button.x = a.x + a.w / 2;
        e.button.y = a.y + a.h / 2;
        SDL_PushEvent(&e);
        e.type = SDL_MOUSEBUTTONUP;
        e.button.x = b.x + b.w / 2;
        e.button.y = b.y + b.h / 2;
        SDL_PushEvent(&e);
        assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    }
}

static void test_hit_request(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    (void)state;
    uic_base_model(&m, MID_SCREEN_REQUEST, MID_LANG_KO);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
    assert_int_equal(click_button(&m, MID_EV_BACK, 0).kind, MID_EV_BACK);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_TOGGLE_ITEM, MID_ITEM_NAME,
                                   NULL));
    m.purpose_fixed = 1;
    render(&m);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_BACK, 0, NULL));
    /* custom: every item is a toggle */
    m.purpose_fixed = 0;
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = 0;
    render(&m);
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        ev = click_button(&m, MID_EV_TOGGLE_ITEM, 1u << i);
        assert_int_equal(ev.kind, MID_EV_TOGGLE_ITEM);
        assert_int_equal(ev.arg, 1u << i);
    }
    /* nothing chosen yet: 다음 is drawn disabled and does nothing */
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NONE);
    m.items = MID_ITEM_NAME;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_NEXT, 0).kind, MID_EV_NEXT);
}

static void test_hit_scan(void **state)
{
    mid_ui_model m;
    (void)state;
    uic_base_model(&m, MID_SCREEN_SCAN, MID_LANG_EN);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_CHANGE_REQUEST, 0).kind,
                     MID_EV_CHANGE_REQUEST);
    m.purpose_fixed = 1;
    render(&m);
    assert_false(mid_ui_sdl_button(g_ui, MID_EV_CHANGE_REQUEST, 0, NULL));
}

static void test_hit_result(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXTEND, 0).kind, MID_EV_EXTEND);
    assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind, MID_EV_CLOSE);
    /* cap reached: 30초 연장 stays on screen but does nothing */
    m.can_extend = 0;
    render(&m);
    assert_int_equal(click_button(&m, MID_EV_EXTEND, 0).kind, MID_EV_NONE);
    assert_int_equal(click_button(&m, MID_EV_CLOSE, 0).kind, MID_EV_CLOSE);
}

/* keys                                                                 */

static void test_keys_purpose(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    const SDL_Keycode digits[4] = {SDLK_1, SDLK_2, SDLK_3, SDLK_4};
    const SDL_Keycode pad[4] = {SDLK_KP_1, SDLK_KP_2, SDLK_KP_3, SDLK_KP_4};
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    for (uint32_t i = 0; i < 4; i++) {
        ev = key(&m, digits[i]);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, i);
        ev = key(&m, pad[i]);
        assert_int_equal(ev.kind, MID_EV_SELECT_PURPOSE);
        assert_int_equal(ev.arg, i);
    }
    assert_int_equal(key(&m, SDLK_5).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
    /* nothing focused: Enter is 다음 */
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_KP_ENTER).kind, MID_EV_NEXT);
    /* focused card: Enter activates it */
    m.focus = 2;
    render(&m);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 2);
    /* digits mean nothing on other screens */
    m.screen = MID_SCREEN_SCAN;
    render(&m);
    assert_int_equal(key(&m, SDLK_1).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
}

static void test_keys_focus(void **state)
{
    mid_ui_model m;
    mid_ui_event ev;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    m.focus = 3; /* 기타, the last of the four cards */
    render(&m);
    ev = key(&m, SDLK_RIGHT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    assert_int_equal(ev.arg, 0); /* the app counts the focus itself */
    ev = key(&m, SDLK_TAB);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    ev = key(&m, SDLK_DOWN);
    assert_int_equal(ev.kind, MID_EV_FOCUS_NEXT);
    ev = key(&m, SDLK_LEFT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    ev = key_ex(&m, SDLK_TAB, KMOD_LSHIFT, 0);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    ev = key(&m, SDLK_UP);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    /* held-down arrows repeat, held-down Enter does not */
    assert_int_equal(key_ex(&m, SDLK_RIGHT, KMOD_NONE, 1).kind,
                     MID_EV_FOCUS_NEXT);
    assert_int_equal(key_ex(&m, SDLK_RETURN, KMOD_NONE, 1).kind,
                     MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_l).kind, MID_EV_TOGGLE_LANG);
    /* request screen of a custom purpose: the focus walks the 12 toggles
     * in bit order (as the app counts); Space toggles, Enter goes on */
    m.screen = MID_SCREEN_REQUEST;
    m.purpose = MID_PURPOSE_CUSTOM;
    m.items = MID_ITEM_NAME;
    m.focus = -1;
    render(&m);
    ev = key(&m, SDLK_LEFT);
    assert_int_equal(ev.kind, MID_EV_FOCUS_PREV);
    assert_int_equal(key(&m, SDLK_SPACE).kind, MID_EV_NONE);
    m.focus = 3;
    render(&m);
    ev = key(&m, SDLK_SPACE);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 3);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_KP_ENTER).kind, MID_EV_NEXT);
    m.items = 0; /* 다음 disabled */
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    /* fixed purpose: nothing to focus, Enter goes on */
    m.purpose = MID_PURPOSE_REAL_NAME;
    m.items = mid_purpose_items(MID_PURPOSE_REAL_NAME);
    m.focus = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NEXT);
    assert_int_equal(key(&m, SDLK_SPACE).kind, MID_EV_NONE);
    /* scan: nothing focusable; Escape is the way back */
    m.screen = MID_SCREEN_SCAN;
    m.focus = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_BACK);
}

static void test_keys_result(void **state)
{
    mid_ui_model m;
    mid_view v;
    mid_frame f;
    mid_ui_event ev;
    (void)state;
    uic_base_model(&m, MID_SCREEN_RESULT, MID_LANG_KO);
    uic_result_valid(&m, &v, &f);
    render(&m);
    assert_int_equal(key(&m, SDLK_ESCAPE).kind, MID_EV_CLOSE);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_KP_PLUS).kind, MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_F5).kind, MID_EV_EXTEND);
    assert_int_equal(key_ex(&m, SDLK_EQUALS, KMOD_LSHIFT, 0).kind,
                     MID_EV_EXTEND);
    assert_int_equal(key(&m, SDLK_EQUALS).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_CLOSE);
    m.focus = 0;
    render(&m);
    ev = key(&m, SDLK_RETURN);
    assert_int_equal(ev.kind, MID_EV_ACTIVATE);
    assert_int_equal(ev.arg, 0);
    m.can_extend = 0;
    render(&m);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_RETURN).kind, MID_EV_NONE); /* disabled */
    /* '+' means nothing away from RESULT */
    m.screen = MID_SCREEN_SCAN;
    m.view = NULL;
    render(&m);
    assert_int_equal(key(&m, SDLK_PLUS).kind, MID_EV_NONE);
}

/* F12, Ctrl+Alt+S, '*' held then '#' within a second, and a 3 s press on
 * the status line's left corner all send MID_EV_OPERATOR (the app decides
 * whether the PIN screen may open). Time comes from the test clock. */
static void test_operator_entry(void **state)
{
    mid_ui_model m;
    SDL_Rect hold, lang;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    assert_int_equal(key(&m, SDLK_F12).kind, MID_EV_OPERATOR);
    assert_int_equal(key_ex(&m, SDLK_F12, KMOD_NONE, 1).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_s, KMOD_LCTRL | KMOD_LALT, 0).kind,
                     MID_EV_OPERATOR);
    assert_int_equal(key_ex(&m, SDLK_s, KMOD_LCTRL, 0).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_s).kind, MID_EV_NONE);
    /* '*' held, '#' within a second (keypad and shifted keyboard keys) */
    mid_ui_sdl_set_clock(g_ui, 10000);
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 11000);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_OPERATOR);
    /* only once per '*' */
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    push_key_up(SDLK_KP_MULTIPLY);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_8, KMOD_LSHIFT, 0).kind, MID_EV_NONE);
    assert_int_equal(key_ex(&m, SDLK_3, KMOD_LSHIFT, 0).kind,
                     MID_EV_OPERATOR);
    push_key_up(SDLK_8);
    /* too late */
    mid_ui_sdl_set_clock(g_ui, 20000);
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 21001);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    /* '*' let go before '#' */
    assert_int_equal(key(&m, SDLK_KP_MULTIPLY).kind, MID_EV_NONE);
    push_key_up(SDLK_KP_MULTIPLY);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    /* '#' alone, on the PIN screen too, is nothing */
    m.screen = MID_SCREEN_PIN;
    render(&m);
    assert_int_equal(key(&m, SDLK_KP_HASH).kind, MID_EV_NONE);
    m.screen = MID_SCREEN_SCAN;
    render(&m);

    /* the long press: fires at 3 s while still held, once */
    hold = region(MID_UI_REGION_HOLD);
    assert_true(hold.y >= H - hold.h - 1 && hold.x == 0);
    flush_events();
    mid_ui_sdl_set_clock(g_ui, 100000);
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + hold.w / 3, hold.y + hold.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 102999);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 103000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_OPERATOR);
    mid_ui_sdl_set_clock(g_ui, 110000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, hold.x + hold.w / 3, hold.y + hold.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    /* let go early: nothing, however long one waits afterwards */
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + 5, hold.y + 5);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 112000);
    push_mouse(SDL_MOUSEBUTTONUP, hold.x + 5, hold.y + 5);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 120000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    /* sliding out of the corner cancels */
    push_mouse(SDL_MOUSEBUTTONDOWN, hold.x + 5, hold.y + 5);
    push_mouse(SDL_MOUSEMOTION, W / 2, H / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 125000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, W / 2, H / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    /* a long press elsewhere (the language switch) is only a click */
    assert_true(mid_ui_sdl_button(g_ui, MID_EV_TOGGLE_LANG, 0, &lang));
    assert_false(lang.x < hold.x + hold.w);
    push_mouse(SDL_MOUSEBUTTONDOWN, lang.x + lang.w / 2, lang.y + lang.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
    mid_ui_sdl_set_clock(g_ui, 130000);
    assert_int_equal(g_ui->ops->poll(g_ui, &m).kind, MID_EV_NONE);
    push_mouse(SDL_MOUSEBUTTONUP, lang.x + lang.w / 2, lang.y + lang.h / 2);
    assert_int_equal(drain_poll(&m).kind, MID_EV_TOGGLE_LANG);
    mid_ui_sdl_set_clock(g_ui, -1);
}

static void test_quit(void **state)
{
    mid_ui_model m;
    SDL_Event e;
    (void)state;
    uic_base_model(&m, MID_SCREEN_PURPOSE, MID_LANG_KO);
    render(&m);
    flush_events();
    memset(&e, 0, sizeof(e));
    e.type = SDL_QUIT;
    SDL_PushEvent(&e);
    assert_int_equal(drain_poll(&m).kind, MID_EV_QUIT);
    memset(&e, 0, sizeof(e));
    e.type = SDL_WINDOWEVENT;
    e.window.event = SDL_WINDOWEVENT_CLOSE;
    SDL_PushEvent(&e);
    assert_int_equal(drain_poll(&m).kind, MID_EV_QUIT);
    assert_int_equal(drain_poll(&m).kind, MID_EV_NONE);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_hit_purpose),
        cmocka_unit_test(test_hit_request),
        cmocka_unit_test(test_hit_scan),
        cmocka_unit_test(test_hit_result),
        cmocka_unit_test(test_keys_purpose),
        cmocka_unit_test(test_keys_focus),
        cmocka_unit_test(test_keys_result),
        cmocka_unit_test(test_operator_entry),
        cmocka_unit_test(test_quit),
        cmocka_unit_test(test_keys_raw),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
#else
/* Release builds have no test hooks: nothing here to run. */
static void test_release_skipped(void **state)
{
    (void)state;
    skip();
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_skipped),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
