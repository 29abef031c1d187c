/* mid-kiosk — SDL UI input (input.h): SDL events, already in renderer
 * pixels, to mid_ui_events. Touches and clicks are hit-tested against the
 * buttons of the last frame (ui_layout); the operator gestures (long press
 * on the status corner, '*' then '#') are timed here. Keys are reported as
 * keys (MID_EV_KEY): what Enter or a digit means on a screen is decided by
 * the app alone (src/app/app.c), not here. */
#include <stdint.h>

#include "ui/input.h"

static mid_ui_event ev_make(mid_ui_event_kind k, uint32_t arg)
{
    mid_ui_event e;
    e.kind = k;
    e.arg = arg;
    return e;
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

/* The mid_ui_key of sym, else -1. */
static int key_of(SDL_Keycode sym, int shift)
{
    if (sym >= SDLK_0 && sym <= SDLK_9)
        return MID_KEY_0 + (int)(sym - SDLK_0);
    if (sym >= SDLK_KP_1 && sym <= SDLK_KP_9)
        return MID_KEY_0 + 1 + (int)(sym - SDLK_KP_1);
    switch (sym) {
    case SDLK_KP_0:
        return MID_KEY_0;
    case SDLK_RETURN:
    case SDLK_RETURN2:
    case SDLK_KP_ENTER:
        return MID_KEY_ENTER;
    case SDLK_SPACE:
    case SDLK_KP_SPACE:
        return MID_KEY_SPACE;
    case SDLK_ESCAPE:
    case SDLK_AC_BACK:
        return MID_KEY_ESCAPE;
    case SDLK_BACKSPACE:
        return MID_KEY_BACKSPACE;
    case SDLK_DELETE:
    case SDLK_KP_BACKSPACE:
        return MID_KEY_DELETE;
    case SDLK_EQUALS: /* shift+= is '+' on most layouts */
        return shift ? MID_KEY_PLUS : -1;
    case SDLK_PLUS:
    case SDLK_KP_PLUS:
    case SDLK_F5:
        return MID_KEY_PLUS;
    default:
        return -1;
    }
}

static mid_ui_event on_key(ui_input *in, const SDL_KeyboardEvent *k,
                           int64_t now_ms)
{
    int rep = k->repeat != 0;
    SDL_Keycode sym = k->keysym.sym;
    int shift = (k->keysym.mod & KMOD_SHIFT) != 0;
    int ctrl_alt = (k->keysym.mod & KMOD_CTRL) && (k->keysym.mod & KMOD_ALT);
    int key;
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
    switch (sym) {
    case SDLK_TAB:
        if (shift)
            return ev_make(MID_EV_FOCUS_PREV, 0);
        return ev_make(MID_EV_FOCUS_NEXT, 0);
    case SDLK_RIGHT:
    case SDLK_DOWN:
        return ev_make(MID_EV_FOCUS_NEXT, 0);
    case SDLK_LEFT:
    case SDLK_UP:
        return ev_make(MID_EV_FOCUS_PREV, 0);
    case SDLK_l:
        return rep ? ev_make(MID_EV_NONE, 0) : ev_make(MID_EV_TOGGLE_LANG, 0);
    default:
        break;
    }
    key = key_of(sym, shift);
    if (key < 0)
        return ev_make(MID_EV_NONE, 0);
    /* what it means on this screen, and whether a repeat counts, is the
     * app's to say */
    return ev_make(MID_EV_KEY, (uint32_t)key | (rep ? MID_KEY_REPEAT : 0u) |
                                   (shift ? MID_KEY_SHIFT : 0u));
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
        ev = on_key(in, &e->key, now_ms);
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
