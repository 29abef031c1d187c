/* mid-kiosk — the run loop: camera → decoder → app → UI, with adapters
 * passed in, so the real program, the end-to-end tests and the soak test
 * all run the same loop (the latter two with file sources or fakes). */
#ifndef MID_RUN_H
#define MID_RUN_H

#include <stdint.h>
#include <stdio.h>

#include "mid_app.h"
#include "mid_camera.h"
#include "mid_config.h"
#include "mid_decoder.h"
#include "mid_ui.h"
#include "mid_verify.h"

typedef struct mid_run_opts {
    mid_camera *camera;
    mid_decoder *decoder;
    mid_ui *ui;
    mid_config cfg;
    mid_verify_ctx *verify;
    int64_t revocation_issued; /* 0: none */
    const char *notice;        /* shown first (e.g. a config error) */
    /* Frame clock: time advances 1/fps per frame from clock_start (file
     * sources, tests: deterministic whatever the machine's speed).
     * Otherwise the wall clock, with camera and decoder on a worker thread
     * so the UI never waits for them. */
    int frame_clock;
    int64_t clock_start;
    int fps;
    const char *screenshot_dir; /* demo/tests only; NULL: never */
    int exit_at_end;            /* stop when the source ends */
    uint64_t max_frames;        /* 0: no limit */
    FILE *results;              /* one line per result, no personal data */
    int ui_fps;                 /* wall-clock mode render rate (30) */
    /* Called on the UI thread: after every verdict (the check log), and
     * about once a second (updates, log flushing). May be NULL. */
    void (*on_result)(void *arg, const mid_app *app, int64_t now_unix);
    void (*housekeeping)(void *arg, mid_app *app, int64_t now_unix);
    void *hook_arg;
    /* Operator PIN (mid_app_set_pin): NULL hash keeps the screens off. */
    const mid_pin_hash *pin_hash;
    uint32_t pin_failures;
    int64_t pin_locked_s;
    mid_pin_store_fn pin_store;
    void *pin_store_arg;
} mid_run_opts;

typedef struct mid_run_stats {
    uint64_t frames;
    uint64_t rendered;
    uint64_t results;
    uint64_t valid;
    uint64_t invalid;
    uint64_t screenshots;
    uint64_t camera_lost;
    uint64_t multiple_codes; /* frames with two different codes */
    uint64_t not_mid;        /* QR codes that were not mobile IDs */
} mid_run_stats;

mid_err mid_run(const mid_run_opts *opts, mid_run_stats *stats);

/* Asks a running mid_run to return (signal-safe). */
void mid_run_stop(void);

/* systemd notification without libsystemd ("READY=1", "WATCHDOG=1");
 * does nothing when NOTIFY_SOCKET is unset. */
void mid_notify(const char *state);

#endif
