/* Soak: 10,000 scan -> result -> close cycles through the real run loop
 * (mid_run, frame clock) in one process, with the fake camera, decoder and
 * UI and real verification (tests/fixtures/world). Every cycle must give a
 * VALID result that is rendered and then closed; memory must not grow
 * between cycle N/10 and cycle N; the closed result must leave no name
 * behind in the app. A second test scans a real code with the real ZBar
 * adapter 3,000 times, in the legacy order (ZBar first) and in the default
 * one (zxing-cpp first), and checks that its memory stays bounded (ZBar keeps
 * freed QR symbols for ever, mchehab/zbar #258; the adapter recreates the
 * scanner).
 *
 * Cycles: MID_SOAK_CYCLES (default 10000; 300 under valgrind — MID_VALGRIND=1,
 * as tests/check.sh sets for its valgrind phase — still more than two turns
 * of the presentation pool). Nothing here measures time. */
#define _GNU_SOURCE /* memmem */
#include <fcntl.h>
#include <malloc.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "common/qrimage.h"
#include "fakes/fake_camera.h"
#include "fakes/fake_decoder.h"
#include "fakes/fake_ui.h"
#include "fixtures/world.h"
#include "mid/mid_run.h"

/* > MID_REPLAY_SLOTS, and odd: a cycle takes two frames (the code, then
 * the frame on which the result is closed), so with an odd pool every
 * presentation is shown once per POOL cycles and has left the replay
 * memory before it comes back. */
#define POOL 131
#define SLACK_BYTES (256 * 1024)
#define NAME "한가람" /* world_resident's invented name */

#if defined(__SANITIZE_ADDRESS__)
#define UNDER_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#ifndef UNDER_ASAN
#define UNDER_ASAN 0
#endif

#if UNDER_ASAN
/* libasan's live-heap counter (mallinfo2 reads 0 under ASan) */
size_t __sanitizer_get_current_allocated_bytes(void);
#endif

static world W;
static char pool[POOL][MID_MAX_QR_TEXT + 1];
static size_t pool_len[POOL];

static int under_valgrind(void)
{
    const char *v = getenv("MID_VALGRIND");
    const char *pre = getenv("LD_PRELOAD"); /* valgrind preloads vgpreload_* */
    return (v && v[0] == '1') || (pre && strstr(pre, "vgpreload"));
}

static unsigned long cycles_wanted(void)
{
    const char *s = getenv("MID_SOAK_CYCLES");
    char *end;
    unsigned long n;
    if (!s || !*s)
        return under_valgrind() ? 300ul : 10000ul;
    n = strtoul(s, &end, 10);
    return *end || n < 20 || n > 10000000ul ? 10000ul : n;
}

static long vm_kb(const char *key)
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

typedef struct mem_sample {
    size_t heap; /* bytes in use: mallinfo2 (arenas + mmapped), or ASan's */
    long rss_kb;
} mem_sample;

static void mem_take(mem_sample *m)
{
#if UNDER_ASAN
    m->heap = __sanitizer_get_current_allocated_bytes();
#else
    struct mallinfo2 mi = mallinfo2();
    m->heap = mi.uordblks + mi.hblkhd;
#endif
    m->rss_kb = vm_kb("VmRSS:");
}

/* RSS says nothing under ASan (freed blocks sit in its quarantine) or
 * valgrind (its own allocator, and mallinfo2 reads 0 there): the heap
 * counter and valgrind's leak check do the work then. */
static int rss_meaningful(void)
{
    return !UNDER_ASAN && !under_valgrind();
}

static void expect_no_growth(const char *what, const mem_sample *a, const mem_sample *b)
{
    long long dh = (long long)b->heap - (long long)a->heap;
    long long dr = (long long)(b->rss_kb - a->rss_kb) * 1024;
    print_message("%s: heap in use %zu -> %zu bytes (%+lld), VmRSS %ld -> %ld KiB (%+lld B)%s\n",
                  what, a->heap, b->heap, dh, a->rss_kb, b->rss_kb, dr,
                  rss_meaningful() ? "" : " [RSS not checked here]");
    assert_true(dh <= SLACK_BYTES);
    if (rss_meaningful())
        assert_true(dr <= SLACK_BYTES);
}

/* ---- the run-loop soak -------------------------------------------------- */

/* A UI in front of the fake: counts results, closes each one on the frame
 * after it was drawn (the clerk presses 닫기), and checks after every close
 * that no name is left in the app. */
typedef struct soak {
    mid_ui base;
    mid_ui *fake;
    int close_pending;
    unsigned long results_drawn, closes, scans_after_close;
    unsigned long name_on_result, name_left;
    const mid_app *app; /* run.c's, from the on_result hook */
    unsigned long verdicts, valid;
    unsigned long warm_at, end_at;
    mem_sample warm, end;
    int warm_taken, end_taken;
} soak;

static soak S;
/* released by teardown, so a failed assertion leaks nothing either */
static mid_camera *g_cam;
static mid_decoder *g_dec;
static mid_ui *g_fake;

static int app_has_name(const mid_app *app)
{
    return app && memmem(app, sizeof *app, NAME, strlen(NAME)) != NULL;
}

static mid_err soak_render(mid_ui *ui, const mid_ui_model *m)
{
    soak *s = (soak *)(void *)ui;
    mid_err e = s->fake->ops->render(s->fake, m);
    if (m->screen == MID_SCREEN_RESULT && !s->close_pending) {
        s->results_drawn++;
        s->close_pending = 1;
        if (m->view && strcmp(m->view->name, NAME) == 0 && app_has_name(s->app))
            s->name_on_result++;
    } else if (m->screen == MID_SCREEN_SCAN && s->closes > s->scans_after_close) {
        s->scans_after_close = s->closes;
        if (app_has_name(s->app))
            s->name_left++;
    }
    return e;
}

static mid_ui_event soak_poll(mid_ui *ui, const mid_ui_model *m)
{
    soak *s = (soak *)(void *)ui;
    if (s->close_pending && m->screen == MID_SCREEN_RESULT) {
        mid_ui_event ev;
        s->close_pending = 0;
        s->closes++;
        ev.kind = MID_EV_CLOSE;
        ev.arg = 0;
        return ev;
    }
    return s->fake->ops->poll(s->fake, m);
}

static void soak_destroy(mid_ui *ui)
{
    (void)ui;
}

static const struct mid_ui_ops soak_ops = {
    .name = "soak", .render = soak_render, .poll = soak_poll, .destroy = soak_destroy};

static void on_result(void *arg, const mid_app *app, int64_t now_unix)
{
    soak *s = arg;
    (void)now_unix;
    s->app = app;
    s->verdicts++;
    if (app->result.verdict == MID_VERDICT_VALID)
        s->valid++;
    /* same phase both times: a result just verified, not yet drawn */
    if (s->verdicts == s->warm_at) {
        mem_take(&s->warm);
        s->warm_taken = 1;
    }
    if (s->verdicts == s->end_at) {
        mem_take(&s->end);
        s->end_taken = 1;
    }
}

static void make_pool(void)
{
    static uint8_t cred[MID_MAX_PAYLOAD], pres[MID_MAX_PAYLOAD];
    size_t cred_len = 0, pres_len = 0;
    mid_cred_input in;

    /* one credential (the customer's phone), a fresh presentation each
     * time, as the phone makes them */
    world_resident(&W, &in);
    assert_int_equal(mid_cred_encode(&in, &W.issuer, cred, sizeof cred, &cred_len), MID_OK);
    for (int i = 0; i < POOL; i++) {
        uint8_t nonce[MID_NONCE_LEN];
        assert_int_equal(mid_crypto_random(nonce, sizeof nonce), MID_OK);
        assert_int_equal(mid_presentation_encode(cred, cred_len, WORLD_NOW, nonce, &W.device,
                                                 pres, sizeof pres, &pres_len),
                         MID_OK);
        assert_int_equal(mid_qr_text(pres, pres_len, pool[i], sizeof pool[i], &pool_len[i]),
                         MID_OK);
    }
}

/* The loop reports each verdict on stderr: 10,000 lines go to a file
 * (named first, so a sanitizer report in it can be found). */
static int quiet_stderr(char *path, size_t cap)
{
    int fd, saved;
    snprintf(path, cap, "%s/mid-soak-stderr.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    fd = mkstemp(path);
    if (fd < 0)
        return -1;
    print_message("soak: the run loop's stderr goes to %s\n", path);
    fflush(stderr);
    saved = dup(2);
    dup2(fd, 2);
    close(fd);
    return saved;
}

static void restore_stderr(int saved)
{
    if (saved < 0)
        return;
    fflush(stderr);
    dup2(saved, 2);
    close(saved);
}

static void test_soak_scan_result_close(void **state)
{
    static uint8_t luma[16 * 16];
    static fake_decoder_step steps[POOL];
    static mid_verify_ctx v;
    fake_camera_step cam_step;
    mid_camera *cam;
    mid_decoder *dec;
    mid_ui *fake;
    mid_run_opts o;
    mid_run_stats st;
    unsigned long n = cycles_wanted();
    char errpath[512];
    int saved;
    (void)state;

    memset(luma, 128, sizeof luma);
    memset(&cam_step, 0, sizeof cam_step);
    cam_step.err = MID_OK;
    cam_step.luma = luma;
    cam_step.width = 16;
    cam_step.height = 16;
    assert_int_equal(fake_camera_create(&cam_step, 1, 1, &g_cam), MID_OK);
    cam = g_cam;
    for (int i = 0; i < POOL; i++) {
        steps[i].err = MID_OK;
        steps[i].data = (const uint8_t *)pool[i];
        steps[i].len = pool_len[i];
    }
    assert_int_equal(fake_decoder_create(steps, POOL, 1, &g_dec), MID_OK);
    dec = g_dec;
    assert_int_equal(fake_ui_create(&g_fake), MID_OK);
    fake = g_fake;
    assert_int_equal(mid_verify_init(&v, &W.trust, &W.revocation, &W.cfg), MID_OK);

    memset(&S, 0, sizeof S);
    S.base.ops = &soak_ops;
    S.fake = fake;
    S.warm_at = n / 10;
    S.end_at = n;
    memset(&o, 0, sizeof o);
    o.camera = cam;
    o.decoder = dec;
    o.ui = &S.base;
    mid_config_default(&o.cfg);
    o.cfg.fixed_purpose = MID_PURPOSE_REAL_NAME; /* the result shows the name */
    o.cfg.sound = 0;
    o.verify = &v;
    o.frame_clock = 1;
    o.clock_start = WORLD_NOW;
    /* frame time: 2 frames a cycle, all of them inside the presentations'
     * freshness window (iat = clock_start) */
    o.fps = n <= 25000 ? 1000 : (int)(2 * n / 50 + 1);
    o.max_frames = 2 * (uint64_t)n; /* code, close; code, close; ... */
    o.on_result = on_result;
    o.hook_arg = &S;
    assert_true(2.0 * (double)n / o.fps < (double)W.cfg.freshness_s);

    saved = quiet_stderr(errpath, sizeof errpath);
    mid_err e = mid_run(&o, &st);
    restore_stderr(saved);
    print_message("soak: %lu cycles: %llu frames, %llu results (%llu valid, %llu invalid), "
                  "%lu results drawn, %lu closed, name on result %lu, name left after close %lu\n",
                  n, (unsigned long long)st.frames, (unsigned long long)st.results,
                  (unsigned long long)st.valid, (unsigned long long)st.invalid,
                  S.results_drawn, S.closes, S.name_on_result, S.name_left);
    assert_int_equal(e, MID_OK);
    assert_int_equal(st.frames, 2 * (uint64_t)n);
    assert_int_equal(st.results, n);
    assert_int_equal(st.valid, n); /* never REPLAY, never stale */
    assert_int_equal(S.valid, n);
    assert_int_equal(S.results_drawn, n);
    assert_int_equal(S.closes, n);
    assert_int_equal(fake_ui_last(fake)->screen, MID_SCREEN_SCAN);
    /* the check is live: the name was there while the result was shown */
    assert_int_equal(S.name_on_result, n);
    assert_int_equal(S.name_left, 0);
    assert_false(app_has_name(S.app)); /* after mid_run, too */
    assert_null(memmem(&v, sizeof v, NAME, strlen(NAME)));
    assert_true(S.warm_taken && S.end_taken);
    expect_no_growth("run loop", &S.warm, &S.end);
    unlink(errpath);
}

static int release_fakes(void **state)
{
    (void)state;
    mid_camera_destroy(g_cam);
    mid_decoder_destroy(g_dec);
    if (g_fake)
        g_fake->ops->destroy(g_fake);
    g_cam = NULL;
    g_dec = NULL;
    g_fake = NULL;
    return 0;
}

/* ---- ZBar's memory over as many scans ----------------------------------- */

static void scan_n(mid_decoder *dec, const mid_frame *f, unsigned long n, const char *exp,
                   size_t exp_len)
{
    static uint8_t out[MID_MAX_QR_TEXT + 1];
    for (unsigned long i = 0; i < n; i++) {
        size_t len = 0;
        mid_err e = mid_decoder_scan(dec, f, out, sizeof out, &len);
        assert_int_equal(e, MID_OK);
        assert_int_equal(len, exp_len);
        assert_memory_equal(out, exp, exp_len);
    }
}

static mid_decoder *g_zdec;
static int k_legacy_order = 0, k_zxing_first = 1; /* cfg.zxing_first */
static qrimg_code g_code;
static qrimg_luma g_img;

static void test_soak_zbar_memory_bounded(void **state)
{
    mid_zbar_config cfg;
    mid_frame f;
    mem_sample a, b;
    /* 3,000 scans are enough: without the recreation ZBar keeps ~140 bytes
     * a decoded frame, +390 KB here, past the slack */
    unsigned long n = cycles_wanted() < 3000ul ? cycles_wanted() : 3000ul;
    unsigned long period = n / 10; /* scanner recreated this often */
    (void)state;

    /* a real presentation (version 13) at 2 px per module, raw frames
     * (prefilter 0: the blur needs >= 3 px), on a frame just big enough */
    assert_int_equal(qrimg_encode(pool[0], pool_len[0], &g_code), MID_OK);
    assert_int_equal(qrimg_render(&g_code, 2, &g_img), MID_OK);
    memset(&f, 0, sizeof f);
    f.luma = g_img.px;
    f.width = g_img.w;
    f.height = g_img.h;
    f.stride = g_img.w;
    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = 0;
    cfg.recreate_every = (unsigned)period;
    /* ZBar must scan every frame: with zxing-cpp first (the default) it
     * would read this clean code and ZBar would never run */
    cfg.zxing_first = *(int *)*state;
    assert_int_equal(mid_decoder_zbar_create(&cfg, &g_zdec), MID_OK);
    /* compare at the same phase: just after a recreate */
    scan_n(g_zdec, &f, period + 1, pool[0], pool_len[0]);
    mem_take(&a);
    scan_n(g_zdec, &f, n - period, pool[0], pool_len[0]);
    mem_take(&b);
    print_message("zbar (zxing_first %d): %lu scans of %ux%u, scanner recreated every %lu\n",
                  cfg.zxing_first, n + 1, g_img.w, g_img.h, period);
    expect_no_growth("zbar adapter", &a, &b);
}

static int release_zbar(void **state)
{
    (void)state;
    mid_decoder_destroy(g_zdec);
    g_zdec = NULL;
    qrimg_luma_free(&g_img);
    qrimg_code_free(&g_code);
    return 0;
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    make_pool();
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_soak_scan_result_close, release_fakes),
        cmocka_unit_test_prestate_setup_teardown(test_soak_zbar_memory_bounded, NULL,
                                                 release_zbar, &k_legacy_order),
        /* the default order (zxing-cpp first) over as many scans */
        cmocka_unit_test_prestate_setup_teardown(test_soak_zbar_memory_bounded, NULL,
                                                 release_zbar, &k_zxing_first),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
