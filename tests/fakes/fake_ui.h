/* mid-kiosk — fake UI for app tests: records every model it is asked to
 * render and returns scripted events from poll.
 *
 *   mid_ui *ui;
 *   fake_ui_create(&ui);
 *   fake_ui_push(ui, MID_EV_SELECT_PURPOSE, MID_PURPOSE_REAL_NAME);
 *   fake_ui_push(ui, MID_EV_NEXT, 0);
 *   fake_ui_push_on(ui, MID_SCREEN_RESULT, MID_EV_CLOSE, 0); // waits for it
 *   ... run the app ...
 *   assert(fake_ui_last(ui)->screen == MID_SCREEN_SCAN);
 *   assert(fake_ui_saw(ui, MID_SCREEN_RESULT));
 *   ui->ops->destroy(ui);
 *
 * Scripted events are delivered in order, one per poll; an event pushed with
 * fake_ui_push_on waits (and blocks those behind it) until poll is called
 * with a model on that screen. An empty script polls MID_EV_NONE. */
#ifndef FAKE_UI_H
#define FAKE_UI_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_ui.h"

#define FAKE_UI_FRAMES 256  /* ring of the most recent renders */
#define FAKE_UI_SCRIPT 64   /* scripted events */
#define FAKE_UI_HISTORY 128 /* screen changes remembered */
#define FAKE_UI_NOTICE_MAX 255

/* A copy of one rendered model, with the pointers resolved. */
typedef struct fake_ui_frame {
    uint64_t seq; /* render number, from 1 */
    mid_screen screen;
    mid_lang lang;
    uint32_t purposes_offered;
    mid_purpose purpose;
    uint32_t items;
    int focus;
    int purpose_fixed;
    int has_preview; /* model->preview != NULL */
    uint64_t preview_seq;
    mid_scan_hint hint;
    mid_verdict verdict;
    mid_check_id failed_check;
    mid_err reason;
    int has_view;  /* model->view != NULL; then view is a copy */
    mid_view view; /* synthetic data in tests; wiped on destroy */
    int seconds_left;
    int can_extend;
    int revocation_age_days;
    int revocation_stale;
    int has_notice;
    char notice[FAKE_UI_NOTICE_MAX + 1];
    int pin_len;
    mid_pin_state pin_state;
    int pin_tries_left;
    int pin_locked_s;
    int has_status; /* model->status != NULL; then status is a copy */
    mid_status_info status;
} fake_ui_frame;

mid_err fake_ui_create(mid_ui **out);

/* Script: any screen / only when poll sees `screen`. 0 when full. */
int fake_ui_push(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg);
int fake_ui_push_on(mid_ui *ui, mid_screen screen, mid_ui_event_kind kind,
                    uint32_t arg);
size_t fake_ui_pending(const mid_ui *ui);

/* Renders so far (all of them, not only those still in the ring). */
uint64_t fake_ui_render_count(const mid_ui *ui);
/* The last render, or NULL before the first. */
const fake_ui_frame *fake_ui_last(const mid_ui *ui);
/* The n-th render counted from 1; NULL if it fell out of the ring. */
const fake_ui_frame *fake_ui_frame_at(const mid_ui *ui, uint64_t seq);
/* Screens in the order they appeared (consecutive repeats folded). */
size_t fake_ui_history(const mid_ui *ui, mid_screen *out, size_t cap);
int fake_ui_saw(const mid_ui *ui, mid_screen screen);

/* Beeps (pass = 1 / fail = 0), screenshots and polls counted. */
unsigned fake_ui_beeps(const mid_ui *ui, int pass);
unsigned fake_ui_screenshots(const mid_ui *ui);
uint64_t fake_ui_polls(const mid_ui *ui);

/* The next render returns err (once). */
void fake_ui_fail_next_render(mid_ui *ui, mid_err err);

#endif
