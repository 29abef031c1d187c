/* mid-kiosk — the application state machine. Pure logic: it is fed
 * decoder outcomes, UI events and the time, and it produces a UI model.
 * No camera, screen, thread or clock of its own, so every flow (and the
 * 55 s countdown) is tested with injected time instead of sleeping. */
#ifndef MID_APP_H
#define MID_APP_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_limits.h"
#include "mid_ui.h"
#include "mid_verify.h"

/* Reason-code counters for the operator screen and the log. */
typedef struct mid_app_counters {
    uint64_t frames;
    uint64_t codes_seen;
    uint64_t valid;
    uint64_t invalid;
    uint64_t by_check[MID_CHECK_COUNT];
    uint64_t multiple_codes;
    uint64_t not_mid;
    uint64_t camera_lost;
} mid_app_counters;

/* What the run loop should do after feeding the app. */
typedef enum mid_app_action {
    MID_ACT_NONE = 0,
    MID_ACT_BEEP_PASS = 1,
    MID_ACT_BEEP_FAIL = 2,
    MID_ACT_QUIT = 3
} mid_app_action;

typedef struct mid_app {
    mid_config cfg;
    mid_verify_ctx *verify;
    mid_screen screen;
    mid_screen before_notice;
    mid_request request;
    int focus;
    mid_lang lang;
    /* result */
    mid_result result;
    mid_view view;
    int64_t result_deadline_ms;
    int extensions;
    /* the same code in consecutive frames is verified once */
    uint8_t last_code_hash[MID_SHA256_LEN];
    int have_last_code;
    int64_t last_code_ms;
    /* scan hints */
    mid_scan_hint hint;
    int64_t hint_until_ms;
    int camera_ok;
    int clock_ok;
    /* trust status for the status line */
    int64_t revocation_issued; /* 0: none */
    char notice[256];
    int64_t notice_since_ms; /* -1: not yet rendered */
    mid_app_counters counters;
} mid_app;

/* How long the same code is ignored after it was last seen. */
#define MID_APP_SAME_CODE_MS 3000
#define MID_APP_HINT_MS 2500
/* Notices (bad config, update applied) give way to scanning by themselves:
 * an unattended kiosk must not wait for a touch. */
#define MID_APP_NOTICE_MS 10000

void mid_app_init(mid_app *app, const mid_config *cfg, mid_verify_ctx *verify,
                  int64_t now_unix);
/* A decoded code (or MID_ERR_NO_CODE / MID_ERR_MULTIPLE_CODES). */
mid_app_action mid_app_on_code(mid_app *app, mid_err status,
                               const uint8_t *data, size_t len,
                               int64_t now_ms, int64_t now_unix);
mid_app_action mid_app_on_camera(mid_app *app, mid_err status);
mid_app_action mid_app_on_event(mid_app *app, mid_ui_event ev, int64_t now_ms);
/* Advances countdowns; closes the result at its deadline. */
mid_app_action mid_app_tick(mid_app *app, int64_t now_ms, int64_t now_unix);
void mid_app_show_notice(mid_app *app, const char *text);
void mid_app_set_revocation_issued(mid_app *app, int64_t issued);
/* The model to render; `preview` may be NULL. */
void mid_app_model(const mid_app *app, const mid_frame *preview,
                   int64_t now_ms, int64_t now_unix, mid_ui_model *out);
/* Wipes the result and view (called on close, on timeout, at exit). */
void mid_app_close_result(mid_app *app);
void mid_app_deinit(mid_app *app);

#endif
