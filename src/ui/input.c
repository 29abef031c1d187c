/* mid-kiosk — SDL UI input (input.h): SDL events, already in renderer
 * pixels, to mid_ui_events. Touches and clicks are hit-tested against the
 * buttons of the last frame (ui_layout); the operator gestures (long press
 * on the status corner, '*' then '#') are timed here. */
#include <stdint.h>

#include "ui/input.h"

static int focus_button(const ui_layout *u, int focus)
{
    for (int i = 0; i < u->n_buttons; i++)
        if (u->buttons[i].focus_index == focus)
            return i;
    return -1;
}

static int button_of(const ui_layout *u, mid_ui_event_kind kind)
{
    for (int i = 0; i < u->n_buttons; i++)
        if (u->buttons[i].ev.kind == kind)
            return i;
    return -1;
}

static mid_ui_event ev_make(mid_ui_event_kind k, uint32_t arg)
{
    mid_ui_event e;
    e.kind = k;
    e.arg = arg;
    return e;
}

/* Purpose of the k-th (from 0) offered card, or -1. */
static int nth_offered(uint32_t offered, int k)
{
    if (offered == 0)
        offered = (1u << MID_PURPOSE_COUNT) - 1u;
    for (int p = 0; p < (int)MID_PURPOSE_COUNT; p++)
        if (offered & (1u << p)) {
            if (k == 0)
                return p;
            k--;
        }
    return -1;
}

/* '*' and '#': keypads send the keypad codes, keyboards shift+8 / shift+3
 * (SDL reports the unshifted key and the modifier). */
static int is_star(SDL_Keycode sym, int shift)
{
    return sym == SDLK_KP_MULTIPLY || sym == SDLK_ASTERISK ||
           (sym == SDLK_8 && shift);
}

static int is_hash(SDL_Keycode sym, int shift)
{
    return sym == SDLK_KP_HASH || sym == SDLK_HASH || (sym == SDLK_3 && shift);
}

/* 0-9 of the digit row or the keypad, else -1. */
static int digit_of(SDL_Keycode sym)
{
    if (sym >= SDLK_0 && sym <= SDLK_9)
        return (int)(sym - SDLK_0);
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return (int)(sym - SDLK_KP_1) + 1;
    if (sym == SDLK_KP_0)
        return 0;
    return -1;
}

/* The PIN screen's own keys; 0 for the keys it shares with the others. */
static int pin_key(const ui_layout *u, const mid_ui_model *m,
                   const SDL_KeyboardEvent *k, mid_ui_event *out)
{
    SDL_Keycode sym = k->keysym.sym;
    int rep = k->repeat != 0;
    int d = (k->keysym.mod & KMOD_SHIFT) ? -1 : digit_of(sym);
    int b;
    if (d >= 0) {
        b = button_of(u, MID_EV_PIN_DIGIT);
        *out = (!rep && (b < 0 || u->buttons[b].enabled))
                   ? ev_make(MID_EV_PIN_DIGIT, (uint32_t)d)
                   : ev_make(MID_EV_NONE, 0);
        return 1;
    }
    switch (sym) {
    case SDLK_BACKSPACE:
    case SDLK_KP_BACKSPACE:
    case SDLK_DELETE:
        b = button_of(u, MID_EV_PIN_ERASE);
        *out = (b < 0 || u->buttons[b].enabled) ? ev_make(MID_EV_PIN_ERASE, 0)
                                                : ev_make(MID_EV_NONE, 0);
        return 1;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
        /* 확인 is disabled with nothing typed or while locked */
        b = button_of(u, MID_EV_NEXT);
        *out = (!rep && (b < 0 ? m && m->pin_len > 0 : u->buttons[b].enabled))
                   ? ev_make(MID_EV_NEXT, 0)
                   : ev_make(MID_EV_NONE, 0);
        return 1;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        *out = rep ? ev_make(MID_EV_NONE, 0) : ev_make(MID_EV_BACK, 0);
        return 1;
    default:
        return 0;
    }
}

static mid_ui_event on_key(ui_input *in, const ui_layout *u,
                           const mid_ui_model *m, mid_screen screen,
                           const SDL_KeyboardEvent *k, int64_t now_ms)
{
    mid_screen scr = m ? m->screen : screen;
    int focus = m ? m->focus : -1;
    int rep = k->repeat != 0;
    SDL_Keycode sym = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    int ctrl_alt = (k->keysym.mod & KMOD_CTRL) && (k->keysym.mod & KMOD_ALT);
    int n = u->focus_count;
    mid_ui_event pe;
    /* operator combinations, on every screen (the app decides whether the
     * PIN screen may open) */
    if (sym == SDLK_F12 || (sym == SDLK_s && ctrl_alt))
        return rep ? ev_make(MID_EV_NONE, 0) : ev_make(MID_EV_OPERATOR, 0);
    if (is_star(sym, shift)) {
        if (!rep) {
            in->star_held = 1;
            in->star_since = now_ms;
        }
        return ev_make(MID_EV_NONE, 0);
    }
    if (is_hash(sym, shift)) {
        int64_t held = now_ms - in->star_since;
        if (rep || !in->star_held || held > UI_STAR_HASH_MS)
            return ev_make(MID_EV_NONE, 0);
        in->star_held = 0;
        return ev_make(MID_EV_OPERATOR, 0);
    }
    if (scr == MID_SCREEN_PIN && pin_key(u, m, k, &pe))
        return pe;
    switch (sym) {
    case SDLK_1: case SDLK_2: case SDLK_3: case SDLK_4:
    case SDLK_KP_1: case SDLK_KP_2: case SDLK_KP_3: case SDLK_KP_4:
        /* the number on the card: the k-th purpose offered */
        if (scr == MID_SCREEN_PURPOSE && !rep) {
            int p = nth_offered(m ? m->purposes_offered : 0,
                                digit_of(sym) - 1);
            if (p >= 0)
                return ev_make(MID_EV_SELECT_PURPOSE, (uint32_t)p);
        }
        break;
    case SDLK_TAB:
        if (shift)
            goto prev;
        /* fall through */
    case SDLK_RIGHT:
    case SDLK_DOWN:
        /* arg: the index the focus moves to, wrapping (a convenience: the
         * app may as well count itself with the order in docs/ui.md) */
        return ev_make(MID_EV_FOCUS_NEXT,
                       n > 0 ? (uint32_t)((focus < 0 ? 0 : focus + 1) % n)
                             : 0u);
    case SDLK_LEFT:
    case SDLK_UP:
    prev:
        return ev_make(MID_EV_FOCUS_PREV,
                       n > 0 ? (uint32_t)((focus <= 0 ? n - 1 : focus - 1) %
                                          n)
                             : 0u);
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER: {
        int b;
        if (rep)
            break;
        /* REQUEST: Enter goes on (the focus only walks the toggles, so
         * ACTIVATE there could never reach 다음); Space toggles */
        if (scr == MID_SCREEN_REQUEST) {
            b = button_of(u, MID_EV_NEXT);
            return (b < 0 || u->buttons[b].enabled)
                       ? ev_make(MID_EV_NEXT, 0)
                       : ev_make(MID_EV_NONE, 0);
        }
        b = focus >= 0 ? focus_button(u, focus) : -1;
        if (b >= 0)
            return u->buttons[b].enabled
                       ? ev_make(MID_EV_ACTIVATE, (uint32_t)focus)
                       : ev_make(MID_EV_NONE, 0);
        if (scr == MID_SCREEN_PURPOSE)
            return ev_make(MID_EV_NEXT, 0);
        if (scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS)
            return ev_make(MID_EV_CLOSE, 0);
        break;
    }
    case SDLK_SPACE:
    case SDLK_KP_SPACE: {
        int b = focus >= 0 ? focus_button(u, focus) : -1;
        if (!rep && b >= 0 && u->buttons[b].enabled)
            return ev_make(MID_EV_ACTIVATE, (uint32_t)focus);
        break;
    }
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
    case SDLK_BACKSPACE:
        if (rep)
            break;
        return ev_make(scr == MID_SCREEN_RESULT || scr == MID_SCREEN_STATUS
                           ? MID_EV_CLOSE
                           : MID_EV_BACK,
                       0);
    case SDLK_EQUALS: /* shift+= is '+' on most layouts */
        if (!shift)
            break;
        /* fall through */
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_F5:
        if (!rep && scr == MID_SCREEN_RESULT && (!m || m->can_extend))
            return ev_make(MID_EV_EXTEND, 0);
        break;
    case SDLK_l:
        if (!rep)
            return ev_make(MID_EV_TOGGLE_LANG, 0);
        break;
    default:
        break;
    }
    return ev_make(MID_EV_NONE, 0);
}

void ui_input_init(ui_input *in)
{
    in->pressed = -1;
    in->holding = 0;
    in->hold_since = 0;
    in->star_held = 0;
    in->star_since = 0;
}

void ui_input_screen_changed(ui_input *in)
{
    in->pressed = -1;
}

mid_ui_event ui_input_event(ui_input *in, const ui_layout *l,
                            const mid_ui_model *m, mid_screen screen,
                            const SDL_Event *e, int64_t now_ms)
{
    mid_ui_event ev = ev_make(MID_EV_NONE, 0);
    switch (e->type) {
    case SDL_QUIT:
        ev = ev_make(MID_EV_QUIT, 0);
        break;
    case SDL_WINDOWEVENT:
        if (e->window.event == SDL_WINDOWEVENT_CLOSE)
            ev = ev_make(MID_EV_QUIT, 0);
        break;
    case SDL_KEYDOWN:
        ev = on_key(in, l, m, screen, &e->key, now_ms);
        break;
    case SDL_KEYUP:
        if (is_star(e->key.keysym.sym, 1))
            in->star_held = 0;
        break;
    case SDL_MOUSEBUTTONDOWN:
        /* touches arrive as mouse events too (SDL's default) */
        if (e->button.button == SDL_BUTTON_LEFT) {
            int x = e->button.x, y = e->button.y;
            in->pressed = ui_layout_hit(l, x, y);
            in->holding = in->pressed < 0 &&
                          ui_layout_in_region(l, MID_UI_REGION_HOLD, x, y);
            in->hold_since = now_ms;
        }
        break;
    case SDL_MOUSEMOTION:
        if (in->holding)
            in->holding = ui_layout_in_region(l, MID_UI_REGION_HOLD,
                                              e->motion.x, e->motion.y);
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT) {
            int b = ui_layout_hit(l, e->button.x, e->button.y);
            /* a press counts when it starts and ends on one button */
            if (b >= 0 && b == in->pressed && l->buttons[b].enabled)
                ev = l->buttons[b].ev;
            in->pressed = -1;
            in->holding = 0;
        }
        break;
    default:
        break;
    }
    return ev;
}

mid_ui_event ui_input_tick(ui_input *in, int64_t now_ms)
{
    /* the long press fires while the finger is still down, once */
    if (in->holding && now_ms - in->hold_since >= UI_HOLD_MS) {
        in->holding = 0;
        return ev_make(MID_EV_OPERATOR, 0);
    }
    return ev_make(MID_EV_NONE, 0);
}
