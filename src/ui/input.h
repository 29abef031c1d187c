/* mid-kiosk — SDL UI input (input.c): turns SDL events into the app's
 * mid_ui_events. Touches hit-test the buttons the last frame recorded
 * (layout.h); keys become MID_EV_KEY and what a key means on a screen is
 * the app's to decide (src/app/app.c). Private to src/ui; includes
 * layout.h, nothing above it. */
#ifndef MID_UI_INPUT_H
#define MID_UI_INPUT_H

#include <stdint.h>

#include <SDL.h>

#include "mid/mid_ui.h"
#include "ui/layout.h"

/* Operator entry (docs/ui.md): a long press on the status line's left
 * corner, or '*' held and '#' pressed within a second. */
#define UI_HOLD_MS 3000
#define UI_STAR_HASH_MS 1000

typedef struct ui_input {
    int pressed; /* button index under the pointer since button-down */
    int holding; /* pointer down in the hold corner since hold_since */
    int64_t hold_since;
    int star_held; /* '*' down since star_since, not yet released */
    int64_t star_since;
} ui_input;

void ui_input_init(ui_input *in);
/* A new screen was rendered: a press begun on the old one counts no more. */
void ui_input_screen_changed(ui_input *in);
/* One SDL event (pointer coordinates in renderer pixels) at now_ms;
 * MID_EV_NONE when it means nothing. */
mid_ui_event ui_input_event(ui_input *in, const ui_layout *l,
                            const SDL_Event *e, int64_t now_ms);
/* Timed gestures: MID_EV_OPERATOR once a long press has lasted. */
mid_ui_event ui_input_tick(ui_input *in, int64_t now_ms);

#endif
