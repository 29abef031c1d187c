/* The run loop (include/mid/mid_run.h). */
#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "mid/mid_run.h"
#include "mid/mid_wipe.h"

static volatile sig_atomic_t g_stop;

void mid_run_stop(void)
{
    g_stop = 1;
}

static int64_t mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(int64_t ms)
{
    struct timespec ts;
    if (ms <= 0)
        return;
    ts.tv_sec = (time_t)(ms / 1000);
    ts.tv_nsec = (long)(ms % 1000) * 1000000L;
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR && !g_stop)
        ;
}

#ifndef MID_RELEASE
static const char *screen_name(mid_screen s)
{
    switch (s) {
    case MID_SCREEN_PURPOSE:
        return "purpose";
    case MID_SCREEN_REQUEST:
        return "request";
    case MID_SCREEN_SCAN:
        return "scan";
    case MID_SCREEN_RESULT:
        return "result";
    case MID_SCREEN_CAMERA_LOST:
        return "camera-lost";
    case MID_SCREEN_CLOCK:
        return "clock";
    case MID_SCREEN_NOTICE:
        return "notice";
    case MID_SCREEN_PIN:
        return "pin";
    case MID_SCREEN_STATUS:
        return "status";
    }
    return "unknown";
}
#endif

/* One line per verdict: reason codes only, never personal data. */
static void report_result(const mid_run_opts *o, const mid_app *app, uint64_t n)
{
    const mid_result *r = &app->result;
    int valid = r->verdict == MID_VERDICT_VALID;
    const char *decision = "-";
    if (valid && (app->request.items & MID_ITEM_ADULT))
        decision = app->view.adult ? "adult" : "minor";
    if (o->results) {
        fprintf(o->results, "RESULT n=%llu verdict=%s check=%s error=%d purpose=%s decision=%s\n",
                (unsigned long long)n, valid ? "valid" : "invalid",
                valid ? "-" : mid_check_id_str(r->failed_check), (int)r->err,
                mid_purpose_id(app->request.purpose), decision);
        fflush(o->results);
    }
    fprintf(stderr, "mid-kiosk: verdict=%s check=%s error=%d (%s) purpose=%s\n",
            valid ? "valid" : "invalid", valid ? "-" : mid_check_id_str(r->failed_check),
            (int)r->err, mid_err_str(r->err), mid_purpose_id(app->request.purpose));
}

typedef struct shot_state {
    mid_screen screen;
    mid_verdict verdict;
    uint64_t results;
    int lang;
    int taken;
} shot_state;

static void maybe_screenshot(const mid_run_opts *o, const mid_ui_model *m,
                             uint64_t results, shot_state *last,
                             mid_run_stats *st)
{
#ifdef MID_RELEASE
    (void)o;
    (void)m;
    (void)results;
    (void)last;
    (void)st;
#else
    char path[4096];
    if (!o->screenshot_dir || !o->ui->ops->screenshot)
        return;
    if (last->taken && last->screen == m->screen && last->results == results &&
        last->lang == (int)m->lang)
        return;
    last->taken = 1;
    last->screen = m->screen;
    last->results = results;
    last->lang = (int)m->lang;
    snprintf(path, sizeof path, "%s/%03llu-%s%s.png", o->screenshot_dir,
             (unsigned long long)st->screenshots, screen_name(m->screen),
             m->screen == MID_SCREEN_RESULT
                 ? (m->verdict == MID_VERDICT_VALID ? "-valid" : "-invalid")
                 : "");
    if (o->ui->ops->screenshot(o->ui, path) == MID_OK)
        st->screenshots++;
#endif
}

static void act(const mid_run_opts *o, mid_app_action a)
{
    if (a == MID_ACT_BEEP_PASS || a == MID_ACT_BEEP_FAIL) {
        if (o->cfg.sound && o->ui->ops->beep)
            o->ui->ops->beep(o->ui, a == MID_ACT_BEEP_PASS);
    } else if (a == MID_ACT_QUIT) {
        g_stop = 1;
    }
}

static void after_code(const mid_run_opts *o, mid_app *app, uint64_t before,
                       mid_app_action a, int64_t unix_now, mid_run_stats *st)
{
    act(o, a);
    if (app->counters.codes_seen != before) {
        st->results++;
        if (app->result.verdict == MID_VERDICT_VALID)
            st->valid++;
        else
            st->invalid++;
        report_result(o, app, st->results);
        if (o->on_result)
            o->on_result(o->hook_arg, app, unix_now);
    }
}

static void housekeeping(const mid_run_opts *o, mid_app *app, int64_t now,
                         int64_t unix_now, int64_t *last)
{
    if (!o->housekeeping || now - *last < 1000)
        return;
    *last = now;
    o->housekeeping(o->hook_arg, app, unix_now);
}

static void pump_ui(const mid_run_opts *o, mid_app *app, const mid_frame *preview,
                    int64_t now, int64_t unix_now, shot_state *shots,
                    mid_run_stats *st)
{
    mid_ui_model m;
    for (int i = 0; i < 32; i++) {
        mid_ui_event ev;
        mid_app_model(app, preview, now, unix_now, &m);
        ev = o->ui->ops->poll(o->ui, &m);
        if (ev.kind == MID_EV_NONE)
            break;
        act(o, mid_app_on_event(app, ev, now));
    }
    mid_app_tick(app, now, unix_now);
    mid_app_model(app, preview, now, unix_now, &m);
    if (o->ui->ops->render(o->ui, &m) == MID_OK)
        st->rendered++;
    maybe_screenshot(o, &m, st->results, shots, st);
}

/* ---- frame clock: one thread, deterministic ---- */
static mid_err run_frame_clock(const mid_run_opts *o, mid_app *app, mid_run_stats *st)
{
    static uint8_t code[MID_MAX_QR_TEXT + 1];
    shot_state shots;
    int fps = o->fps > 0 ? o->fps : 30;
    uint64_t n = 0;
    int64_t last_hk = 0;

    memset(&shots, 0, sizeof shots);
    while (!g_stop) {
        mid_frame f;
        size_t len = 0;
        int64_t now = (int64_t)(n * 1000u / (uint64_t)fps);
        int64_t unix_now = o->clock_start + now / 1000;
        mid_err cs = mid_camera_next(o->camera, 200, &f);
        const mid_frame *preview = NULL;

        act(o, mid_app_on_camera(app, cs));
        if (cs == MID_ERR_END_OF_STREAM) {
            if (o->exit_at_end)
                break;
        } else if (cs == MID_OK) {
            uint64_t before = app->counters.codes_seen;
            mid_err ds = mid_decoder_scan(o->decoder, &f, code, sizeof code - 1u, &len);
            st->frames++;
            preview = &f;
            after_code(o, app, before, mid_app_on_code(app, ds, code, len, now, unix_now), unix_now, st);
            mid_wipe(code, len);
            mid_notify("WATCHDOG=1");
        } else if (cs == MID_ERR_CAMERA_GONE) {
            st->camera_lost++;
        }
        housekeeping(o, app, now, unix_now, &last_hk);
        pump_ui(o, app, preview, now, unix_now, &shots, st);
        n++;
        if (o->max_frames && n >= o->max_frames)
            break;
    }
    return MID_OK;
}

/* ---- wall clock: camera and decoder on a worker thread ---- */
typedef struct worker {
    const mid_run_opts *o;
    pthread_mutex_t lock;
    /* signalled when a code (or two) is waiting: the UI thread takes it at
     * once instead of at its next tick (issue 12: the tick wait, 0-33 ms,
     * was most of the scan-to-result latency once decoding got cheap) */
    pthread_cond_t code_ready;
    int quit;
    /* mailbox: the newest decoder outcome not yet consumed */
    int have_code;
    mid_err code_status;
    uint8_t code[MID_MAX_QR_TEXT + 1];
    size_t code_len;
    mid_err cam_status;
    uint64_t frames;
    uint64_t camera_lost;
    /* preview: copy of the newest frame's luma */
    uint8_t *preview;
    uint32_t pw, ph;
    uint64_t pseq;
} worker;

static void *worker_main(void *arg)
{
    worker *w = arg;
    static uint8_t code[MID_MAX_QR_TEXT + 1];
    int64_t last_notify = 0;

    for (;;) {
        mid_frame f;
        size_t len = 0;
        mid_err cs, ds = MID_ERR_NO_CODE;
        int quit;

        pthread_mutex_lock(&w->lock);
        quit = w->quit;
        pthread_mutex_unlock(&w->lock);
        if (quit)
            break;
        cs = mid_camera_next(w->o->camera, 200, &f);
        if (cs == MID_OK)
            ds = mid_decoder_scan(w->o->decoder, &f, code, sizeof code - 1u, &len);
        pthread_mutex_lock(&w->lock);
        w->cam_status = cs;
        if (cs == MID_ERR_CAMERA_GONE)
            w->camera_lost++;
        if (cs == MID_OK) {
            w->frames++;
            if (f.width * f.height <= (uint32_t)(MID_CAMERA_MAX_W * MID_CAMERA_MAX_H)) {
                for (uint32_t y = 0; y < f.height; y++)
                    memcpy(w->preview + (size_t)y * f.width, f.luma + (size_t)y * f.stride, f.width);
                w->pw = f.width;
                w->ph = f.height;
                w->pseq++;
            }
            /* Keep a code until the UI thread took it; "no code" never
             * overwrites one that is still waiting. */
            if (ds == MID_OK || ds == MID_ERR_MULTIPLE_CODES || !w->have_code) {
                mid_wipe(w->code, w->code_len);
                w->code_status = ds;
                w->code_len = ds == MID_OK ? len : 0;
                if (ds == MID_OK)
                    memcpy(w->code, code, len);
                w->have_code = 1;
                if (ds == MID_OK || ds == MID_ERR_MULTIPLE_CODES)
                    pthread_cond_signal(&w->code_ready);
            }
        }
        pthread_mutex_unlock(&w->lock);
        mid_wipe(code, len);
        if (cs == MID_OK && mono_ms() - last_notify >= 1000) {
            /* the watchdog is fed only by a processed frame */
            mid_notify("WATCHDOG=1");
            last_notify = mono_ms();
        }
        if (cs == MID_ERR_END_OF_STREAM) {
            pthread_mutex_lock(&w->lock);
            w->quit = w->o->exit_at_end ? 2 : w->quit;
            pthread_mutex_unlock(&w->lock);
            if (w->o->exit_at_end)
                break;
            sleep_ms(100);
        } else if (cs != MID_OK && cs != MID_ERR_CAMERA_TIMEOUT) {
            sleep_ms(50);
        }
    }
    return NULL;
}

/* Until deadline_ms (CLOCK_MONOTONIC) or, when eager, a code waiting in
 * the mailbox, whichever comes first. Eager only on the scan screen: a
 * phone held up after its result would otherwise wake the UI on every
 * decoded frame, in between its ticks. */
static void wait_tick(worker *w, int64_t deadline_ms, int eager)
{
    struct timespec ts;

    ts.tv_sec = (time_t)(deadline_ms / 1000);
    ts.tv_nsec = (long)(deadline_ms % 1000) * 1000000L;
    pthread_mutex_lock(&w->lock);
    while (!g_stop && mono_ms() < deadline_ms &&
           !(eager && w->have_code &&
             (w->code_status == MID_OK || w->code_status == MID_ERR_MULTIPLE_CODES))) {
        int rc = pthread_cond_timedwait(&w->code_ready, &w->lock, &ts);
        if (rc != 0 && rc != EINTR)
            break; /* ETIMEDOUT, or anything else: the tick is due */
    }
    pthread_mutex_unlock(&w->lock);
}

static mid_err run_wall_clock(const mid_run_opts *o, mid_app *app, mid_run_stats *st)
{
    static uint8_t code[MID_MAX_QR_TEXT + 1];
    static worker w;
    pthread_t th;
    shot_state shots;
    mid_frame preview;
    int ui_fps = o->ui_fps > 0 ? o->ui_fps : 30;
    int64_t frame_ms = 1000 / ui_fps;
    uint64_t seen_pseq = 0;
    int64_t last_hk = 0;
    mid_err err = MID_OK;

    memset(&shots, 0, sizeof shots);
    memset(&w, 0, sizeof w);
    w.o = o;
    w.cam_status = MID_OK;
    w.preview = malloc((size_t)MID_CAMERA_MAX_W * MID_CAMERA_MAX_H);
    if (!w.preview)
        return MID_ERR_NOMEM;
    pthread_mutex_init(&w.lock, NULL);
    {
        pthread_condattr_t ca;
        pthread_condattr_init(&ca);
        pthread_condattr_setclock(&ca, CLOCK_MONOTONIC); /* as mono_ms() */
        pthread_cond_init(&w.code_ready, &ca);
        pthread_condattr_destroy(&ca);
    }
    if (pthread_create(&th, NULL, worker_main, &w) != 0) {
        pthread_cond_destroy(&w.code_ready);
        pthread_mutex_destroy(&w.lock);
        free(w.preview);
        return MID_ERR_NOMEM;
    }
    /* the UI thread's own copy of the preview, so the worker never waits */
    uint8_t *pbuf = malloc((size_t)MID_CAMERA_MAX_W * MID_CAMERA_MAX_H);
    if (!pbuf) {
        err = MID_ERR_NOMEM;
        g_stop = 1;
    }
    memset(&preview, 0, sizeof preview);
    while (!g_stop) {
        int64_t t0 = mono_ms();
        int64_t unix_now = (int64_t)time(NULL);
        int have = 0, ended;
        mid_err cs, ds = MID_ERR_NO_CODE;
        size_t len = 0;

        pthread_mutex_lock(&w.lock);
        cs = w.cam_status;
        ended = w.quit == 2;
        if (w.have_code) {
            have = 1;
            ds = w.code_status;
            len = w.code_len;
            memcpy(code, w.code, len);
            mid_wipe(w.code, w.code_len);
            w.code_len = 0;
            w.have_code = 0;
        }
        if (w.pseq != seen_pseq && pbuf) {
            memcpy(pbuf, w.preview, (size_t)w.pw * w.ph);
            preview.luma = pbuf;
            preview.width = w.pw;
            preview.height = w.ph;
            preview.stride = w.pw;
            preview.seq = w.pseq;
            seen_pseq = w.pseq;
        }
        st->frames = w.frames;
        st->camera_lost = w.camera_lost;
        pthread_mutex_unlock(&w.lock);

        act(o, mid_app_on_camera(app, cs));
        if (have) {
            uint64_t before = app->counters.codes_seen;
            after_code(o, app, before, mid_app_on_code(app, ds, code, len, t0, unix_now), unix_now, st);
            mid_wipe(code, len);
        }
        housekeeping(o, app, t0, unix_now, &last_hk);
        pump_ui(o, app, preview.luma ? &preview : NULL, t0, unix_now, &shots, st);
        if (ended)
            break;
        if (o->max_frames && st->frames >= o->max_frames)
            break;
        wait_tick(&w, t0 + frame_ms, app->screen == MID_SCREEN_SCAN);
    }
    pthread_mutex_lock(&w.lock);
    w.quit = 1;
    pthread_mutex_unlock(&w.lock);
    pthread_join(th, NULL);
    pthread_cond_destroy(&w.code_ready);
    pthread_mutex_destroy(&w.lock);
    mid_wipe(w.code, sizeof w.code);
    if (pbuf) {
        /* camera frames can show faces: gone when the loop ends */
        mid_wipe(pbuf, (size_t)MID_CAMERA_MAX_W * MID_CAMERA_MAX_H);
        free(pbuf);
    }
    mid_wipe(w.preview, (size_t)MID_CAMERA_MAX_W * MID_CAMERA_MAX_H);
    free(w.preview);
    return err;
}

mid_err mid_run(const mid_run_opts *o, mid_run_stats *st)
{
    static mid_app app;
    mid_err err;
    int64_t start_unix;

    if (!o || !st || !o->camera || !o->decoder || !o->ui || !o->verify)
        return MID_ERR_ARG;
    memset(st, 0, sizeof *st);
    g_stop = 0;
    start_unix = o->frame_clock ? o->clock_start : (int64_t)time(NULL);
    mid_app_init(&app, &o->cfg, o->verify, start_unix);
    mid_app_set_revocation_issued(&app, o->revocation_issued);
    mid_app_set_pin(&app, o->pin_hash, o->pin_failures, o->pin_locked_s,
                    o->frame_clock ? 0 : mono_ms(), o->pin_store, o->pin_store_arg);
    if (o->notice && o->notice[0])
        mid_app_show_notice(&app, o->notice);
    mid_notify("READY=1");
    fprintf(stderr, "MID-KIOSK READY\n");
    err = o->frame_clock ? run_frame_clock(o, &app, st) : run_wall_clock(o, &app, st);
    st->multiple_codes = app.counters.multiple_codes;
    st->not_mid = app.counters.not_mid;
    mid_app_deinit(&app);
    return err;
}
