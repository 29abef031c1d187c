/* Trusted time: the floor from each of its sources, the forward-step
 * policy for the last-known-good time, its file, and the replay case — a
 * restart (RAM replay memory gone) followed by a clock set back within the
 * freshness window must not let an accepted code pass again. Time is
 * injected (now / mono arguments), as everywhere in these tests. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures/world.h"
#include "mid/mid_pinstore.h"
#include "mid/mid_timefloor.h"

static world W;
static char qr[MID_MAX_QR_TEXT + 64];
static char dir[] = "/tmp/mid-test-time-XXXXXX";

#define BUILD (WORLD_NOW - 90 * 86400)
#define BUNDLE (WORLD_NOW - 10 * 86400)

static void test_floor_sources(void **state)
{
    (void)state;
    assert_int_equal(mid_time_floor(BUILD, 0, 0), BUILD);
    assert_int_equal(mid_time_floor(BUILD, BUNDLE, 0), BUNDLE);
    assert_int_equal(mid_time_floor(BUILD, BUNDLE, WORLD_NOW - 60),
                     WORLD_NOW - 60 - MID_TIME_FLOOR_SLACK_S);
    assert_int_equal(mid_time_floor(BUILD, BUILD - 5, BUILD - 9), BUILD);
    /* no build time: nothing to trust */
    assert_int_equal(mid_time_floor(INT64_MAX, BUNDLE, WORLD_NOW), INT64_MAX);
    assert_int_equal(mid_time_floor(0, BUNDLE, WORLD_NOW), INT64_MAX);
    /* values past 2100 are not times (a corrupt source cannot brick) */
    assert_int_equal(mid_time_floor(BUILD, MID_TIME_MAX + 1, MID_TIME_MAX + 5), BUILD);
}

/* The clock set back below each source in turn gives CLOCK, one second
 * above it passes that check. */
static void test_clock_back_below_each_floor(void **state)
{
    static const int64_t lkg_cases[3] = {0, 0, WORLD_NOW - 120};
    static const int64_t bundle_cases[3] = {0, BUNDLE, BUNDLE};
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    (void)state;
    world_resident(&W, &in);
    for (int i = 0; i < 3; i++) {
        mid_timekeeper tk;
        mid_verify_config vc = W.cfg;
        mid_request req = mid_request_for(MID_PURPOSE_ADULT);
        int64_t f;
        size_t n;
        mid_timekeeper_init(&tk, BUILD, bundle_cases[i], lkg_cases[i]);
        f = tk.floor;
        assert_int_equal(f, i == 0 ? BUILD : i == 1 ? BUNDLE
                                                    : WORLD_NOW - 120 - MID_TIME_FLOOR_SLACK_S);
        vc.build_floor = f;
        assert_int_equal(mid_verify_init(&ctx, &W.trust, &W.revocation, &vc), MID_OK);
        /* the code and the kiosk agree on a time one second below the floor */
        n = world_qr(&W, &in, &W.issuer, &W.device, f - 1, NULL, qr, sizeof qr);
        mid_verify(&ctx, (const uint8_t *)qr, n, &req, f - 1, &r);
        assert_int_equal(r.verdict, MID_VERDICT_INVALID);
        assert_int_equal(r.failed_check, MID_CHECK_CLOCK);
        assert_int_equal(r.err, MID_ERR_CLOCK);
        /* and the keeper never stores a clock below the floor */
        assert_int_equal(mid_timekeeper_tick(&tk, f - 1, 0, 1, MID_TIME_VERIFIED), 0);
        assert_int_equal(tk.last_good, lkg_cases[i]);
        mid_result_wipe(&r);
        n = world_qr(&W, &in, &W.issuer, &W.device, f, NULL, qr, sizeof qr);
        mid_verify(&ctx, (const uint8_t *)qr, n, &req, f, &r);
        assert_int_not_equal(r.failed_check == MID_CHECK_CLOCK && r.verdict == MID_VERDICT_INVALID, 1);
        mid_result_wipe(&r);
    }
    /* a bundle accepted while running raises the floor at once */
    {
        mid_timekeeper tk;
        mid_timekeeper_init(&tk, BUILD, 0, 0);
        mid_timekeeper_bundle(&tk, BUNDLE);
        assert_int_equal(tk.floor, BUNDLE);
        mid_timekeeper_bundle(&tk, BUNDLE - 100); /* older: no change */
        assert_int_equal(tk.floor, BUNDLE);
    }
}

static void test_store_policy(void **state)
{
    mid_timekeeper tk;
    int64_t t = WORLD_NOW, ms = 1000;
    (void)state;
    /* restart a minute after the last store: no step, stored at once,
     * then every MID_TIME_STORE_S */
    mid_timekeeper_init(&tk, BUILD, BUNDLE, t - 60);
    assert_int_equal(mid_timekeeper_tick(&tk, t, ms, 0, MID_TIME_TICK), 1);
    assert_int_equal(tk.last_good, t);
    assert_int_equal(tk.floor, t - MID_TIME_FLOOR_SLACK_S);
    for (int i = 1; i < MID_TIME_STORE_S; i++)
        assert_int_equal(mid_timekeeper_tick(&tk, t + i, ms + i * 1000, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t + MID_TIME_STORE_S, ms + MID_TIME_STORE_S * 1000,
                                         0, MID_TIME_TICK),
                     1);
    /* an accepted verification and a clean shutdown store at once */
    assert_int_equal(mid_timekeeper_tick(&tk, t + 301, ms + 301000, 0, MID_TIME_VERIFIED), 1);
    assert_int_equal(mid_timekeeper_tick(&tk, t + 302, ms + 302000, 0, MID_TIME_SHUTDOWN), 1);
    assert_int_equal(tk.last_good, t + 302);
}

/* A forward step: the new time is used (a kiosk without RTC boots in the
 * past and chrony steps it forward), but stored only once confirmed — by
 * the kernel's synchronised flag (chronyd with NTS), by an accepted code
 * (a phone agreed within the freshness window), or by an hour of steady
 * running. A bogus future date that is never confirmed cannot raise the
 * floor and lock the kiosk out once the clock is corrected. */
static void test_forward_step(void **state)
{
    mid_timekeeper tk;
    int64_t t = WORLD_NOW, ms = 0, jump = 86400 * 365 * 3;
    (void)state;
    mid_timekeeper_init(&tk, BUILD, BUNDLE, t - 30);
    assert_int_equal(mid_timekeeper_tick(&tk, t, ms, 0, MID_TIME_TICK), 1);
    /* someone sets the clock three years ahead */
    assert_int_equal(mid_timekeeper_tick(&tk, t + jump, ms + 1000, 0, MID_TIME_TICK), 0);
    assert_true(tk.step_pending);
    for (int i = 2; i < 3600; i += 60)
        assert_int_equal(mid_timekeeper_tick(&tk, t + jump + i, ms + i * 1000, 0, MID_TIME_SHUTDOWN),
                         0);
    assert_int_equal(tk.last_good, t);
    /* corrected back before the hour is up: floor untouched, no CLOCK */
    assert_int_equal(mid_timekeeper_tick(&tk, t + 3000, ms + 3000000, 0, MID_TIME_TICK), 0);
    assert_true(t + 3000 >= tk.floor);
    /* a step confirmed by the kernel's synchronised flag is stored */
    assert_int_equal(mid_timekeeper_tick(&tk, t + 4000 + 86400, ms + 3001000, 1, MID_TIME_TICK), 1);
    assert_int_equal(tk.last_good, t + 4000 + 86400);
    /* by an hour of steady running */
    mid_timekeeper_init(&tk, BUILD, BUNDLE, t);
    assert_int_equal(mid_timekeeper_tick(&tk, t + 86400, 0, 0, MID_TIME_TICK), 0); /* first sample, a day later */
    assert_int_equal(mid_timekeeper_tick(&tk, t + 86400 + 3599, 3599000, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t + 86400 + 3600, 3600000, 0, MID_TIME_TICK), 1);
    /* by an accepted code */
    mid_timekeeper_init(&tk, BUILD, BUNDLE, 0); /* first boot: nothing stored */
    assert_int_equal(mid_timekeeper_tick(&tk, t, 0, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t + 5, 5000, 0, MID_TIME_VERIFIED), 1);
    /* a step back that stays above the floor restarts the steady count */
    mid_timekeeper_init(&tk, BUILD, BUNDLE, 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t, 0, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t - 600, 3000000, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t - 600 + 3599, 3000000 + 3599000, 0, MID_TIME_TICK), 0);
    assert_int_equal(mid_timekeeper_tick(&tk, t - 600 + 3600, 3000000 + 3600000, 0, MID_TIME_TICK), 1);
}

static void test_time_file(void **state)
{
    static const char *const bad[] = {"", "\n", "abc", "01795000000", "+1795000000", "-5",
                                      "1795000000 ", " 1795000000", "1795000000\n\n",
                                      "1000", "9999999999", "17950000000000000000"};
    char path[256];
    int64_t t;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (mid_time_parse(bad[i], strlen(bad[i]), &t) != MID_ERR_TIME_FILE)
            fail_msg("accepted bad time %zu", i);
    assert_int_equal(mid_time_parse("1795000000\n", 11, &t), MID_OK);
    assert_int_equal(t, 1795000000);
    snprintf(path, sizeof path, "%s/last-good-time", dir);
    assert_int_equal(mid_timefile_load(path, &t), MID_OK); /* missing */
    assert_int_equal(t, 0);
    assert_int_equal(mid_timefile_store(path, WORLD_NOW), MID_OK);
    assert_int_equal(mid_timefile_load(path, &t), MID_OK);
    assert_int_equal(t, WORLD_NOW);
    assert_int_equal(mid_timefile_store(path, 5), MID_ERR_ARG);
    {
        FILE *f = fopen(path, "w");
        assert_non_null(f);
        fputs("17950", f); /* torn */
        fclose(f);
    }
    assert_int_equal(mid_timefile_load(path, &t), MID_ERR_TIME_FILE);
    unlink(path);
}

/* What main.c does at start, with the injected clock. */
static void kiosk_start(mid_verify_ctx *ctx, mid_timekeeper *tk, const char *path)
{
    mid_verify_config vc = W.cfg;
    int64_t lkg = 0;
    assert_int_equal(mid_timefile_load(path, &lkg), MID_OK);
    mid_timekeeper_init(tk, BUILD, BUNDLE, lkg);
    vc.build_floor = tk->floor;
    vc.replay_floor = lkg > 0 ? lkg + vc.skew_s : 0;
    assert_int_equal(mid_verify_init(ctx, &W.trust, &W.revocation, &vc), MID_OK);
}

static void test_replay_after_restart(void **state)
{
    static mid_verify_ctx ctx;
    mid_timekeeper tk;
    mid_cred_input in;
    mid_request req = mid_request_for(MID_PURPOSE_ADULT);
    mid_result r;
    char path[256];
    size_t n, n2;
    const int64_t tv = WORLD_NOW; /* the accepted verification */
    (void)state;
    snprintf(path, sizeof path, "%s/lkg-replay", dir);
    unlink(path);
    world_resident(&W, &in);
    kiosk_start(&ctx, &tk, path);
    (void)mid_timekeeper_tick(&tk, tv - 200, 0, 1, MID_TIME_TICK);
    /* a code shown at tv, dated 20 s earlier (a slow phone): accepted,
     * and its time is stored before the result is drawn */
    n = world_qr(&W, &in, &W.issuer, &W.device, tv - 20, NULL, qr, sizeof qr);
    mid_verify(&ctx, (const uint8_t *)qr, n, &req, tv, &r);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    assert_int_equal(mid_timekeeper_tick(&tk, tv, 200000, 1, MID_TIME_VERIFIED), 1);
    assert_int_equal(mid_timefile_store(path, tk.last_good), MID_OK);
    /* the same code again: the RAM memory says REPLAY */
    mid_verify(&ctx, (const uint8_t *)qr, n, &req, tv + 5, &r);
    assert_int_equal(r.err, MID_ERR_REPLAY);
    mid_result_wipe(&r);
    /* the kiosk restarts (memory gone) and the clock is set back to tv -
     * 11, inside the code's freshness window, below the floor */
    kiosk_start(&ctx, &tk, path);
    mid_verify(&ctx, (const uint8_t *)qr, n, &req, tv - MID_TIME_FLOOR_SLACK_S - 1, &r);
    assert_int_equal(r.verdict, MID_VERDICT_INVALID);
    assert_int_equal(r.failed_check, MID_CHECK_CLOCK);
    mid_result_wipe(&r);
    /* set to the floor, the stored time or a little after (the code still
     * fresh): the replay floor refuses it */
    for (int64_t now = tv - MID_TIME_FLOOR_SLACK_S; now <= tv + 30; now += 5) {
        mid_verify(&ctx, (const uint8_t *)qr, n, &req, now, &r);
        assert_int_equal(r.verdict, MID_VERDICT_INVALID);
        assert_int_equal(r.failed_check, MID_CHECK_REPLAY);
        assert_int_equal(r.err, MID_ERR_REPLAY_RESTART);
        mid_result_wipe(&r);
    }
    /* a fresh code from after the restart passes */
    n2 = world_qr(&W, &in, &W.issuer, &W.device, tv + 40, NULL, qr, sizeof qr);
    mid_verify(&ctx, (const uint8_t *)qr, n2, &req, tv + 41, &r);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    unlink(path);
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    rmdir(dir);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_floor_sources),
        cmocka_unit_test(test_clock_back_below_each_floor),
        cmocka_unit_test(test_store_policy),
        cmocka_unit_test(test_forward_step),
        cmocka_unit_test(test_time_file),
        cmocka_unit_test(test_replay_after_restart),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
