/* make bench: scan-to-result latency — from the first camera frame that
 * shows a readable QR code to the moment the UI's render of the RESULT
 * screen returns. Target: 2 frame intervals + 20 ms at 30 fps = 86.7 ms.
 *
 * Everything real but the camera: the ZBar adapter with its default
 * configuration (alternate prefilter), verification of two ECDSA
 * signatures (a new credential every time, so the issuer cache never
 * helps), the SDL2 UI (SDL_VIDEODRIVER=dummy: software rendering, 1280x720
 * as the kiosk opens it headless). Phone-screen frames at 640x480 showing
 * a presentation with a portrait (QR version 25-26, ~3 px per module),
 * sensor noise sigma 3; the code appears after a few empty frames.
 *
 * A. Stages, one thread, timed directly: mid_decoder_scan ->
 *    mid_app_on_code (hash + verify + view) -> mid_app_tick + model + UI
 *    render. The wall-clock loop puts the decoder on a worker thread and
 *    the UI thread picks a decoded code up at its next 30 fps tick, i.e.
 *    after 0..33.3 ms; the model adds that wait (mean 16.7, worst 33.3).
 * B. The real run loop (mid_run, wall clock, worker thread) fed by a camera
 *    paced at 30 fps (absolute deadlines): latency of every scan -> result
 *    cycle, plus the process's CPU share and resident memory meanwhile.
 *
 * Contenders alternate: A and B take turns in rounds; B runs twice a
 * round, with the default decoder ("new": zxing-cpp first, issue 12) and
 * the legacy order (ZBar first), in alternating order. Nothing is
 * asserted.
 *   bench_latency [--cycles N] [--rounds R] */
#include <fcntl.h>
#include <pthread.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "common/qrimage.h"
#include "fixtures/world.h"
#include "mid/mid_app.h"
#include "mid/mid_run.h"

#define FPS 30
#define FRAME_NS (1000000000LL / FPS)
#define TARGET_MS (2.0 * 1000.0 / FPS + 20.0)
#define CW 640u
#define CH 480u
#define MAX_SAMPLES 4096
#define MODULE_PX 3.0

static world W;
static uint8_t portrait[MID_MAX_PORTRAIT_BYTES];
static size_t portrait_len;
static uint32_t cred_serial;

static void die(const char *what)
{
    fprintf(stderr, "bench_latency: %s\n", what);
    exit(1);
}

static double mono_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* p in [0, 1] of n sorted copies */
static double pct(const double *v, int n, double p)
{
    static double tmp[MAX_SAMPLES];
    int i;
    if (n <= 0)
        return 0;
    memcpy(tmp, v, (size_t)n * sizeof *v);
    qsort(tmp, (size_t)n, sizeof *tmp, cmp_double);
    i = (int)(p * (double)(n - 1) + 0.5);
    return tmp[i];
}

/* A fresh presentation of a new credential (so the issuer-signature cache
 * never helps), valid at `now`. */
static size_t new_presentation(int64_t now, char *out, size_t cap)
{
    mid_cred_input in;
    world_resident(&W, &in);
    cred_serial++;
    in.cred_id[0] = 0x33;
    in.cred_id[4] = (uint8_t)(cred_serial >> 24);
    in.cred_id[5] = (uint8_t)(cred_serial >> 16);
    in.cred_id[6] = (uint8_t)(cred_serial >> 8);
    in.cred_id[7] = (uint8_t)cred_serial;
    in.nbf = now - 86400;
    in.exp = now + 86400 * 20;
    in.portrait = portrait;
    in.portrait_len = portrait_len;
    return world_qr(&W, &in, &W.issuer, &W.device, now, NULL, out, cap);
}

static void draw_background(qrimg_luma *img)
{
    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
}

/* Sensor noise, sigma 3: two planes made once and added per frame, so
 * the paced camera's own work stays far below a frame interval. */
static int8_t noise_plane[2][CW * CH];

static void make_noise(void)
{
    qrimg_rng r;
    qrimg_rng_seed(&r, 0xc0de);
    for (int k = 0; k < 2; k++)
        for (size_t i = 0; i < (size_t)CW * CH; i++) {
            double v = 3.0 * qrimg_rng_gauss(&r);
            noise_plane[k][i] = (int8_t)(v < -127 ? -127 : v > 127 ? 127
                                                                   : v);
        }
}

static void add_noise(qrimg_luma *img, int variant)
{
    const int8_t *n = noise_plane[variant & 1];
    for (size_t i = 0; i < (size_t)img->w * img->h; i++) {
        int v = img->px[i] + n[i];
        img->px[i] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255
                                                   : v);
    }
}

/* The phone with the code, centred, ~3 px per module, into two frames
 * that differ by their sensor noise (consecutive frames of a video). */
static void draw_code_frames(qrimg_luma out[2], const char *text, size_t len)
{
    qrimg_code c;
    double side, x0, y0;
    if (qrimg_encode(text, len, &c) != MID_OK)
        die("QR encoding");
    side = qrimg_side(&c, MODULE_PX);
    x0 = ((double)CW - side) / 2.0 + 0.37;
    y0 = ((double)CH - side) / 2.0 + 0.21;
    draw_background(&out[0]);
    qrimg_fill_rect(&out[0], (int)(x0 - side * 0.12), (int)(y0 - side * 0.40),
                    (int)(side * 1.24), (int)(side * 1.90), (int)(side / 10.0), 22);
    qrimg_fill_rect(&out[0], (int)(x0 - side * 0.05), (int)(y0 - side * 0.32),
                    (int)(side * 1.10), (int)(side * 1.72), (int)(side / 30.0), 235);
    qrimg_draw(&out[0], &c, x0, y0, MODULE_PX, 25, 235);
    memcpy(out[1].px, out[0].px, (size_t)CW * CH);
    add_noise(&out[0], 0);
    add_noise(&out[1], 1);
    qrimg_code_free(&c);
}

static void draw_blank_frame(qrimg_luma *img, int variant)
{
    draw_background(img);
    qrimg_fill_rect(img, 90, 170, 120, 220, 4, 225); /* a receipt */
    add_noise(img, variant);
}

static mid_frame frame_of(const qrimg_luma *img, uint64_t seq)
{
    mid_frame f;
    memset(&f, 0, sizeof f);
    f.luma = img->px;
    f.width = img->w;
    f.height = img->h;
    f.stride = img->w;
    f.seq = seq;
    return f;
}

static mid_ui *sdl_ui(void)
{
    mid_sdl_config sc;
    mid_ui *ui = NULL;
    mid_sdl_config_default(&sc);
    sc.fullscreen = 0; /* as mid-kiosk --headless: 1280x720 */
    sc.sound = 0;
    if (mid_ui_sdl_create(&sc, &ui) != MID_OK)
        die("SDL UI (fonts-noto-cjk installed? SDL_VIDEODRIVER=dummy?)");
    return ui;
}

static void kiosk_config(mid_config *cfg)
{
    mid_config_default(cfg);
    cfg->fixed_purpose = MID_PURPOSE_ADULT; /* a shop counter: portrait + adult */
    cfg->sound = 0;
    cfg->fullscreen = 0;
}

/* ---- A: stages, directly ------------------------------------------------ */

typedef struct stages {
    int n;
    double decode[MAX_SAMPLES], verify[MAX_SAMPLES], render[MAX_SAMPLES];
    double total_mean[MAX_SAMPLES], total_worst[MAX_SAMPLES];
    int first_frame_ok, extra_frames;
} stages;

static stages SA;
static mid_verify_ctx VA;

static void run_stages(mid_ui *ui, mid_decoder *dec, int cycles, int *parity)
{
    static char text[MID_MAX_QR_TEXT + 1];
    static uint8_t code[MID_MAX_QR_TEXT + 1];
    static mid_app app;
    qrimg_luma q[2], blank;
    mid_config cfg;
    mid_ui_model m;

    kiosk_config(&cfg);
    if (qrimg_luma_alloc(&q[0], CW, CH, 0) || qrimg_luma_alloc(&q[1], CW, CH, 0) ||
        qrimg_luma_alloc(&blank, CW, CH, 0))
        die("out of memory");
    draw_blank_frame(&blank, 1);
    mid_app_init(&app, &cfg, &VA, WORLD_NOW);
    for (int c = 0; c < cycles; c++) {
        size_t tl = new_presentation(WORLD_NOW, text, sizeof text), len = 0;
        mid_frame bf = frame_of(&blank, 0), f;
        double t0, t1, t2, t3, dec_ms = 0;
        int frames = 0;
        mid_err e;

        draw_code_frames(q, text, tl);
        /* the scan screen with an empty counter, as before a customer */
        mid_app_model(&app, &bf, 0, WORLD_NOW, &m);
        ui->ops->render(ui, &m);
        /* alternate the decoder's phase: half the cycles meet the blurred
         * pass first, half the raw one */
        if ((*parity & 1) != (c & 1)) {
            (void)mid_decoder_scan(dec, &bf, code, sizeof code - 1u, &len);
            (*parity)++;
        }
        /* the first frame with the code; if it is not decoded, the next
         * frame (fresh noise, other pass) comes 33.3 ms later */
        do {
            f = frame_of(&q[frames % 2], (uint64_t)frames);
            t0 = mono_ms();
            e = mid_decoder_scan(dec, &f, code, sizeof code - 1u, &len);
            dec_ms = mono_ms() - t0;
            (*parity)++;
            frames++;
        } while (e != MID_OK && frames < 8);
        if (e != MID_OK || len != tl || memcmp(code, text, tl) != 0)
            die("the code was not decoded in 8 frames");
        if (frames == 1)
            SA.first_frame_ok++;
        SA.extra_frames += frames - 1;
        t1 = mono_ms();
        if (mid_app_on_code(&app, MID_OK, code, len, 0, WORLD_NOW) != MID_ACT_BEEP_PASS)
            die("the presentation did not verify");
        t2 = mono_ms();
        mid_app_tick(&app, 0, WORLD_NOW);
        mid_app_model(&app, NULL, 0, WORLD_NOW, &m);
        if (m.screen != MID_SCREEN_RESULT || ui->ops->render(ui, &m) != MID_OK)
            die("no result screen");
        t3 = mono_ms();
        mid_wipe(code, len);
        if (SA.n < MAX_SAMPLES) {
            double wait_frames = (frames - 1) * 1000.0 / FPS;
            SA.decode[SA.n] = dec_ms;
            SA.verify[SA.n] = t2 - t1;
            SA.render[SA.n] = t3 - t2;
            SA.total_mean[SA.n] = wait_frames + dec_ms + 500.0 / FPS + (t3 - t1);
            SA.total_worst[SA.n] = wait_frames + dec_ms + 1000.0 / FPS + (t3 - t1);
            SA.n++;
        }
        /* close; the next customer gets a fresh app state */
        mid_ui_event ev;
        ev.kind = MID_EV_CLOSE;
        ev.arg = 0;
        mid_app_on_event(&app, ev, 10);
        mid_app_model(&app, &bf, 10, WORLD_NOW, &m);
        ui->ops->render(ui, &m);
    }
    mid_app_deinit(&app);
    mid_wipe(text, sizeof text);
    qrimg_luma_free(&q[0]);
    qrimg_luma_free(&q[1]);
    qrimg_luma_free(&blank);
}

/* ---- B: the run loop, wall clock, paced camera ------------------------- */

enum { CAM_BLANK = 0,
       CAM_CODE = 1 };

typedef struct paced {
    mid_camera base;
    mid_ui ui_base;
    mid_ui *inner;
    pthread_mutex_t lock;
    /* camera side */
    int64_t grid0, tick; /* capture grid: grid0 + tick * FRAME_NS */
    uint64_t seq;
    int state;
    int blank_ticks;     /* empty counter for this many frames, then */
    int64_t appear_tick; /* the code shows from this tick (-1: not set) */
    int need_new;        /* make the next presentation during the blank frames */
    qrimg_luma blank[2], code[2];
    char (*texts)[MID_MAX_QR_TEXT + 1]; /* made before the run: signing is
                                           the phone's work, not the kiosk's */
    size_t *text_lens;
    int next_text, n_texts, have_code;
    double t_first;    /* capture of the first frame showing the code, ms */
    double gen_cpu_ms; /* making presentations and frames: not the kiosk's */
    uint64_t dropped;  /* captured while the reader was busy */
    /* UI side */
    int close_pending;
    int cycles, want_cycles;
    int cur; /* the decoder contender of this run (0 new, 1 legacy) */
    double lat[2][MAX_SAMPLES];
    int n[2];
    uint32_t rng;
} paced;

static paced P;

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static uint32_t lcg(uint32_t *s)
{
    *s = *s * 1664525u + 1013904223u;
    return *s >> 8;
}

static mid_err paced_next(mid_camera *cam, int timeout_ms, mid_frame *out)
{
    paced *p = (paced *)(void *)cam;
    struct timespec ts;
    int64_t now, k;
    int state, new_one;
    (void)timeout_ms;

    pthread_mutex_lock(&p->lock);
    new_one = p->need_new;
    p->need_new = 0;
    pthread_mutex_unlock(&p->lock);
    if (new_one) {
        double c0 = thread_cpu_ms();
        int t = p->next_text++ % p->n_texts;
        draw_code_frames(p->code, p->texts[t], p->text_lens[t]);
        p->gen_cpu_ms += thread_cpu_ms() - c0;
        pthread_mutex_lock(&p->lock);
        p->have_code = 1;
        pthread_mutex_unlock(&p->lock);
    }
    /* A camera captures on a fixed 30 fps grid whatever the reader does;
     * a reader that comes late gets the newest frame (the ones in
     * between are dropped). */
    now = mono_ns();
    if (p->grid0 == 0) {
        p->grid0 = now;
        p->tick = -1;
    }
    k = (now - p->grid0) / FRAME_NS;
    if (k <= p->tick) {
        int64_t due = p->grid0 + (p->tick + 1) * FRAME_NS;
        ts.tv_sec = (time_t)(due / 1000000000LL);
        ts.tv_nsec = (long)(due % 1000000000LL);
        while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) != 0)
            ;
        k = p->tick + 1;
    } else {
        p->dropped += (uint64_t)(k - p->tick - 1);
    }
    p->tick = k;

    pthread_mutex_lock(&p->lock);
    if (p->state == CAM_BLANK && p->appear_tick < 0)
        p->appear_tick = k + p->blank_ticks;
    /* the phone comes into view at appear_tick: the latency counts from
     * that capture even when the busy reader only gets a later frame */
    if (p->state == CAM_BLANK && p->have_code && k >= p->appear_tick) {
        p->state = CAM_CODE;
        p->t_first = (double)(p->grid0 + p->appear_tick * FRAME_NS) / 1e6;
    }
    state = p->state;
    pthread_mutex_unlock(&p->lock);
    *out = frame_of(state == CAM_CODE ? &p->code[p->seq % 2] : &p->blank[p->seq % 2], p->seq);
    p->seq++;
    return MID_OK;
}

static void paced_destroy(mid_camera *cam)
{
    (void)cam;
}

static const struct mid_camera_ops paced_cam_ops = {
    .name = "paced", .next = paced_next, .destroy = paced_destroy};

static mid_err wrap_render(mid_ui *ui, const mid_ui_model *m)
{
    paced *p = (paced *)(void *)((char *)ui - offsetof(paced, ui_base));
    mid_err e = p->inner->ops->render(p->inner, m);
    double t = mono_ms();

    pthread_mutex_lock(&p->lock);
    if (m->screen == MID_SCREEN_RESULT && p->state == CAM_CODE && !p->close_pending) {
        if (m->verdict != MID_VERDICT_VALID)
            die("a result was not VALID");
        if (p->n[p->cur] < MAX_SAMPLES && p->t_first >= 0)
            p->lat[p->cur][p->n[p->cur]++] = t - p->t_first;
        p->cycles++;
        p->close_pending = 1;
        /* the customer takes the phone away */
        p->state = CAM_BLANK;
        p->blank_ticks = 4 + (int)(lcg(&p->rng) % 5u);
        p->appear_tick = -1;
        p->need_new = 1;
        p->have_code = 0;
        if (p->cycles >= p->want_cycles)
            mid_run_stop();
    }
    pthread_mutex_unlock(&p->lock);
    return e;
}

static mid_ui_event wrap_poll(mid_ui *ui, const mid_ui_model *m)
{
    paced *p = (paced *)(void *)((char *)ui - offsetof(paced, ui_base));
    mid_ui_event ev;
    int close;

    pthread_mutex_lock(&p->lock);
    close = p->close_pending && m->screen == MID_SCREEN_RESULT;
    if (close)
        p->close_pending = 0;
    pthread_mutex_unlock(&p->lock);
    if (close) {
        ev.kind = MID_EV_CLOSE; /* the clerk presses 닫기 */
        ev.arg = 0;
        return ev;
    }
    return p->inner->ops->poll(p->inner, m);
}

static void wrap_destroy(mid_ui *ui)
{
    (void)ui;
}

static const struct mid_ui_ops wrap_ui_ops = {
    .name = "timed", .render = wrap_render, .poll = wrap_poll, .destroy = wrap_destroy};

typedef struct loop_report {
    double cpu_share; /* % of one core, kiosk work only */
    double wall_s;
    uint64_t frames, rendered;
    long rss_kb, hwm_kb;
} loop_report;

static long status_kb(const char *key)
{
    char line[256];
    long v = -1;
    size_t kl = strlen(key);
    FILE *f = fopen("/proc/self/status", "r");
    if (!f)
        return -1;
    while (fgets(line, sizeof line, f))
        if (!strncmp(line, key, kl))
            v = strtol(line + kl, NULL, 10);
    fclose(f);
    return v;
}

static void run_loop(mid_ui *ui, mid_decoder *dec, int cycles, loop_report *rep)
{
    static mid_verify_ctx v;
    mid_run_opts o;
    mid_run_stats st;
    struct rusage r0, r1;
    double w0, gen0;
    int saved_err, devnull;

    if (mid_verify_init(&v, &W.trust, &W.revocation, &W.cfg) != MID_OK)
        die("verifier");
    for (int i = 0; i < cycles + 1; i++)
        P.text_lens[i] = new_presentation((int64_t)time(NULL), P.texts[i], sizeof P.texts[i]);
    pthread_mutex_lock(&P.lock);
    P.n_texts = cycles + 1;
    P.grid0 = 0;
    P.next_text = 0;
    P.have_code = 0;
    P.inner = ui;
    P.want_cycles = P.cycles + cycles;
    P.state = CAM_BLANK;
    P.blank_ticks = 4;
    P.appear_tick = -1;
    P.need_new = 1;
    P.close_pending = 0;
    pthread_mutex_unlock(&P.lock);
    memset(&o, 0, sizeof o);
    o.camera = &P.base;
    o.decoder = dec;
    o.ui = &P.ui_base;
    kiosk_config(&o.cfg);
    o.verify = &v;
    o.ui_fps = FPS;
    /* the loop reports every verdict on stderr: not here */
    fflush(stderr);
    saved_err = dup(2);
    devnull = open("/dev/null", O_WRONLY);
    if (devnull >= 0)
        dup2(devnull, 2);
    gen0 = P.gen_cpu_ms;
    getrusage(RUSAGE_SELF, &r0);
    w0 = mono_ms();
    mid_err e = mid_run(&o, &st);
    rep->wall_s = (mono_ms() - w0) / 1000.0;
    getrusage(RUSAGE_SELF, &r1);
    fflush(stderr);
    if (saved_err >= 0) {
        dup2(saved_err, 2);
        close(saved_err);
    }
    if (devnull >= 0)
        close(devnull);
    if (e != MID_OK)
        die("mid_run failed");
    double cpu = (double)(r1.ru_utime.tv_sec - r0.ru_utime.tv_sec) * 1e3 +
                 (double)(r1.ru_utime.tv_usec - r0.ru_utime.tv_usec) / 1e3 +
                 (double)(r1.ru_stime.tv_sec - r0.ru_stime.tv_sec) * 1e3 +
                 (double)(r1.ru_stime.tv_usec - r0.ru_stime.tv_usec) / 1e3;
    cpu -= P.gen_cpu_ms - gen0;
    rep->cpu_share = 100.0 * cpu / (rep->wall_s * 1000.0);
    rep->frames = st.frames;
    rep->rendered = st.rendered;
    rep->rss_kb = status_kb("VmRSS:");
    rep->hwm_kb = status_kb("VmHWM:");
}

/* The machine is shared: say how busy it was. */
static void print_load(const char *when)
{
    char buf[128];
    FILE *f = fopen("/proc/loadavg", "r");
    if (f && fgets(buf, sizeof buf, f)) {
        buf[strcspn(buf, "\n")] = '\0';
        printf("  load average %s: %s\n", when, buf);
    }
    if (f)
        fclose(f);
}

static int arg_int(const char *s, int lo, int hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        die("bad number");
    return (int)v;
}

int main(int argc, char **argv)
{
    int cycles = 12, rounds = 3, parity = 0;
    mid_ui *ui;
    mid_decoder *dec_a, *dec_b[2];
    mid_zbar_config zc;
    loop_report rep[2][16];
    double cpu_sum[2] = {0, 0}, wall_sum[2] = {0, 0};
    uint64_t frames_sum[2] = {0, 0}, rendered_sum[2] = {0, 0};
    static const char *const names[2] = {"new (default)", "legacy (ZBar first)"};

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--cycles") && i + 1 < argc)
            cycles = arg_int(argv[++i], 1, MAX_SAMPLES / 16);
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = arg_int(argv[++i], 1, 16);
        else
            die("usage: bench_latency [--cycles N] [--rounds R]");
    }
    setenv("SDL_VIDEODRIVER", "dummy", 0);
    setenv("SDL_AUDIODRIVER", "dummy", 0);
    world_init(&W);
    if (mid_portrait_generate(4242, 32, 40, portrait, sizeof portrait, &portrait_len) != MID_OK)
        die("portrait");
    if (mid_verify_init(&VA, &W.trust, &W.revocation, &W.cfg) != MID_OK)
        die("verifier");
    ui = sdl_ui();
    mid_zbar_config_default(&zc);
    if (mid_decoder_zbar_create(&zc, &dec_a) != MID_OK ||
        mid_decoder_zbar_create(&zc, &dec_b[0]) != MID_OK)
        die("decoder");
    zc.zxing_first = 0; /* the order before issue 12 */
    if (mid_decoder_zbar_create(&zc, &dec_b[1]) != MID_OK)
        die("decoder");
    memset(&P, 0, sizeof P);
    pthread_mutex_init(&P.lock, NULL);
    P.base.ops = &paced_cam_ops;
    P.ui_base.ops = &wrap_ui_ops;
    P.rng = 12345u;
    P.texts = calloc((size_t)cycles + 1, sizeof *P.texts);
    P.text_lens = calloc((size_t)cycles + 1, sizeof *P.text_lens);
    if (!P.texts || !P.text_lens)
        die("out of memory");
    make_noise();
    for (int k = 0; k < 2; k++) {
        if (qrimg_luma_alloc(&P.blank[k], CW, CH, 0) || qrimg_luma_alloc(&P.code[k], CW, CH, 0))
            die("out of memory");
        draw_blank_frame(&P.blank[k], 10 + k);
    }
    print_load("before");
    /* warm-up: fonts, glyph caches, textures */
    run_stages(ui, dec_a, 2, &parity);
    memset(&SA, 0, sizeof SA);
    for (int r = 0; r < rounds; r++) {
        run_stages(ui, dec_a, cycles, &parity);
        for (int k = 0; k < 2; k++) {
            int c = (r + k) % 2; /* alternate which goes first */
            P.cur = c;
            run_loop(ui, dec_b[c], cycles, &rep[c][r]);
            cpu_sum[c] += rep[c][r].cpu_share * rep[c][r].wall_s;
            wall_sum[c] += rep[c][r].wall_s;
            frames_sum[c] += rep[c][r].frames;
            rendered_sum[c] += rep[c][r].rendered;
        }
    }

    printf("bench_latency: scan -> result screen, %d rounds of %d cycles each for A and B, "
           "taking turns\n",
           rounds, cycles);
    printf("  640x480 phone frames, QR version %s, %.1f px/module, noise sigma 3; decoder default "
           "(alternate prefilter); SDL dummy 1280x720; purpose adult\n",
           "25-26 (portrait)", MODULE_PX);
    printf("  target: 2 x %.1f ms + 20 ms = %.1f ms\n", 1000.0 / FPS, TARGET_MS);
    print_load("after");
    printf("\n");
    printf("  A. stages (one thread), ms        median    p90    max\n");
    printf("     decode (first decoded frame)  %7.1f %6.1f %6.1f\n", pct(SA.decode, SA.n, 0.5),
           pct(SA.decode, SA.n, 0.9), pct(SA.decode, SA.n, 1.0));
    printf("     on_code (hash+verify+view)    %7.1f %6.1f %6.1f\n", pct(SA.verify, SA.n, 0.5),
           pct(SA.verify, SA.n, 0.9), pct(SA.verify, SA.n, 1.0));
    printf("     model + SDL render (RESULT)   %7.1f %6.1f %6.1f\n", pct(SA.render, SA.n, 0.5),
           pct(SA.render, SA.n, 0.9), pct(SA.render, SA.n, 1.0));
    printf("     first code frame decoded: %d of %d cycles (%d later frames needed)\n",
           SA.first_frame_ok, SA.n, SA.extra_frames);
    printf("     modelled loop latency = missed frames x 33.3 + decode + UI tick wait + verify + "
           "render:\n");
    printf("       mean wait (16.7 ms)          %7.1f %6.1f %6.1f\n",
           pct(SA.total_mean, SA.n, 0.5), pct(SA.total_mean, SA.n, 0.9),
           pct(SA.total_mean, SA.n, 1.0));
    printf("       worst wait (33.3 ms)         %7.1f %6.1f %6.1f   (target %.1f)\n",
           pct(SA.total_worst, SA.n, 0.5), pct(SA.total_worst, SA.n, 0.9),
           pct(SA.total_worst, SA.n, 1.0), TARGET_MS);
    printf("\n  B. mid_run, wall clock (worker thread), camera paced at %d fps; two decoders "
           "taking turns\n",
           FPS);
    for (int c = 0; c < 2; c++) {
        int within = 0;
        for (int i = 0; i < P.n[c]; i++)
            within += P.lat[c][i] <= TARGET_MS;
        printf("     %-20s %d cycles: latency ms median %.1f  p90 %.1f  max %.1f  min %.1f;  %d "
               "of %d within %.1f ms\n",
               names[c], P.n[c], pct(P.lat[c], P.n[c], 0.5), pct(P.lat[c], P.n[c], 0.9),
               pct(P.lat[c], P.n[c], 1.0), pct(P.lat[c], P.n[c], 0.0), within, P.n[c], TARGET_MS);
        printf("     %-20s CPU share while scanning: %.1f %% of one core (%.1f s, %llu camera "
               "frames, %llu renders; presentation making excluded)\n",
               "", cpu_sum[c] / wall_sum[c], wall_sum[c], (unsigned long long)frames_sum[c],
               (unsigned long long)rendered_sum[c]);
    }
    printf("     p90 new/legacy %.2f (target issue 12: new p90 <= 40 ms)\n",
           pct(P.lat[1], P.n[1], 0.9) > 0 ? pct(P.lat[0], P.n[0], 0.9) / pct(P.lat[1], P.n[1], 0.9)
                                          : 0);
    printf("     frames dropped (captured while the worker was still decoding): %llu\n",
           (unsigned long long)P.dropped);
    printf("     this process: VmRSS %ld KiB, VmHWM %ld KiB (the bench: world keys, test "
           "frames, both decoders; mid-kiosk's own figure: tools/bench-e2e.sh)\n",
           rep[0][rounds - 1].rss_kb, rep[0][rounds - 1].hwm_kb);
    printf("\n");
    mid_decoder_destroy(dec_a);
    mid_decoder_destroy(dec_b[0]);
    mid_decoder_destroy(dec_b[1]);
    ui->ops->destroy(ui);
    for (int k = 0; k < 2; k++) {
        qrimg_luma_free(&P.blank[k]);
        qrimg_luma_free(&P.code[k]);
    }
    pthread_mutex_destroy(&P.lock);
    mid_wipe(P.texts, ((size_t)cycles + 1) * sizeof *P.texts);
    free(P.texts);
    free(P.text_lens);
    return 0;
}
