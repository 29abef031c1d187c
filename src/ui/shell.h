/* mid-kiosk — the SDL UI shell (shell.c): window and renderer, the
 * mid_ui_ops (render, poll, screenshot, beep, destroy) and, in debug
 * builds, the hooks the UI tests read the last frame through. Private to
 * src/ui and its tests; the top of src/ui (it includes the modules below
 * it, none of them includes it). */
#ifndef MID_UI_SHELL_H
#define MID_UI_SHELL_H

#include <stddef.h>
#include <stdint.h>

#include <SDL.h>

#include "mid/mid_ui.h"
#include "ui/layout.h"

/* ---- test hooks (absent from release builds) ---- */
#ifndef MID_RELEASE
/* 1 and the rectangle when the last frame has the region. */
int mid_ui_sdl_region(mid_ui *ui, mid_ui_region reg, SDL_Rect *out);
/* 1 and the rectangle when the last frame has a button sending kind/arg. */
int mid_ui_sdl_button(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg,
                      SDL_Rect *out);
/* RGB24 of a rectangle of the last frame; out holds r.w * r.h * 3. */
mid_err mid_ui_sdl_read_rgb(mid_ui *ui, SDL_Rect r, uint8_t *out, size_t cap);
/* Cached text textures marked personal (0 after RESULT closed). */
unsigned mid_ui_sdl_personal_cached(mid_ui *ui);
/* Renderer actually in use ("software", "opengles2", ...). */
const char *mid_ui_sdl_renderer_name(mid_ui *ui);
/* Replaces SDL's ticks by now_ms for the gestures (< 0: SDL's again). */
void mid_ui_sdl_set_clock(mid_ui *ui, int64_t now_ms);
/* Last STATUS render: key rows drawn and rows left out for lack of room. */
void mid_ui_sdl_status_fit(mid_ui *ui, int *keys_drawn, int *rows_cut);
#endif

#endif
