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
#include "mid_pin.h"
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
    uint64_t camera_reconnects; /* times it came back after being lost */
} mid_app_counters;

/* What the run loop should do after feeding the app. */
typedef enum mid_app_action {
    MID_ACT_NONE = 0,
    MID_ACT_BEEP_PASS = 1,
    MID_ACT_BEEP_FAIL = 2,
    MID_ACT_QUIT = 3
} mid_app_action;

/* Operator PIN: at most 15 digits, stored as a PBKDF2 hash (mid_pin.h);
 * every 3rd wrong PIN in a row locks the pad, 60 s the first time,
 * doubling up to MID_PIN_LOCK_MAX_S; the count survives restarts through
 * the program's store callback. PIN and STATUS close by themselves after
 * 60 s without input. */
#define MID_APP_PIN_MAX ((int)MID_PIN_MAX_DIGITS)
#define MID_APP_PIN_TRIES ((int)MID_PIN_TRIES)
#define MID_APP_PIN_LOCK_MS (MID_PIN_LOCK_BASE_S * 1000)

/* Persists the lockout state: failures wrong PINs in a row and, when
 * lock_s > 0, a lockout of lock_s seconds from now. Called before a PIN is
 * checked (as if it were wrong) and again after a right one (0, 0). A
 * failing store means the PIN is not checked at all. */
typedef mid_err (*mid_pin_store_fn)(void *arg, uint32_t failures, int64_t lock_s);
#define MID_APP_OPERATOR_IDLE_MS 60000

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
    /* operator screens (PIN, STATUS); docs/operator.md */
    mid_screen op_return;  /* where they go back to */
    int op_focus;          /* the focus there */
    int64_t op_input_ms;   /* last input on PIN / STATUS */
    mid_pin_hash pin_hash; /* from the PIN file (mid_app_set_pin) */
    int pin_enabled;       /* a hash was loaded */
    mid_pin_store_fn pin_store;
    void *pin_store_arg;
    char pin_entry[MID_APP_PIN_MAX + 1];
    int pin_len;
    int pin_failures; /* wrong PINs in a row (the delay grows) */
    int pin_locked;
    int64_t pin_locked_until_ms;
    mid_pin_state pin_state;
    int export_requested;   /* USB로 내보내기: the program exports it */
    mid_status_info status; /* what STATUS shows */
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
/* UI input. MID_EV_OPERATOR opens the PIN screen (only from PURPOSE,
 * REQUEST, SCAN and CAMERA_LOST, and only with a PIN configured). */
mid_app_action mid_app_on_event(mid_app *app, mid_ui_event ev, int64_t now_ms);
/* What a MID_EV_KEY (arg: mid_ui_key | MID_KEY_REPEAT | MID_KEY_SHIFT)
 * means on the screen the app shows now (docs/ui.md, "Touch and keys");
 * MID_EV_NONE for nothing. mid_app_on_event applies it. */
mid_ui_event mid_app_key_meaning(const mid_app *app, uint32_t key_arg);
/* Advances countdowns; closes the result at its deadline and PIN / STATUS
 * after MID_APP_OPERATOR_IDLE_MS without input; refreshes the app's part
 * of the status info. */
mid_app_action mid_app_tick(mid_app *app, int64_t now_ms, int64_t now_unix);
/* Enables the operator screens with a PIN hash (NULL: disabled), the
 * persisted lockout state (failures, seconds still locked) and the store
 * callback (NULL: nothing persisted, tests only). */
void mid_app_set_pin(mid_app *app, const mid_pin_hash *hash, uint32_t failures,
                     int64_t locked_s, int64_t now_ms, mid_pin_store_fn store,
                     void *store_arg);
void mid_app_show_notice(mid_app *app, const char *text);
void mid_app_set_revocation_issued(mid_app *app, int64_t issued);
/* The program's side of USB export: 1 once after 내보내기 was pressed
 * (the flag is cleared); then it reports with mid_app_export_done. */
int mid_app_take_export(mid_app *app);
void mid_app_export_done(mid_app *app, mid_export_state st, unsigned files,
                         unsigned total);
/* The model to render; `preview` may be NULL. */
void mid_app_model(const mid_app *app, const mid_frame *preview,
                   int64_t now_ms, int64_t now_unix, mid_ui_model *out);
/* Wipes the result and view (called on close, on timeout, at exit). */
void mid_app_close_result(mid_app *app);
void mid_app_deinit(mid_app *app);

#endif
