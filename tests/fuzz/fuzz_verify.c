/* The whole verifier: QR text -> verdict, with the test vectors' trust
 * and revocation bundles loaded once, at the vectors' fixed time, with a
 * fresh context per input (deterministic).
 *
 * Built with -DFUZZ_VERIFY_RAW (fuzz_verify_raw), the input is the CBOR
 * presentation itself: the harness Base45-encodes it and adds "MID1:", so
 * the fuzzer spends its time on the structure instead of on Base45.
 *
 * Oracles: the result is consistent (verdict, failed check, error, check
 * states), an invalid result carries no personal data, and a valid one
 * yields a view for every purpose it can answer. */
#include "fuzz_common.h"

static mid_trust_store g_trust;
static mid_revocation g_revocation;
static uint8_t *g_rev_bundle;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    uint8_t root[MID_P256_POINT_LEN];
    uint8_t *tb;
    size_t tl, rl;
    (void)argc;
    (void)argv;
    fuzz_root_pub(root);
    tb = fuzz_load("trust.bundle", &tl);
    g_rev_bundle = fuzz_load("revocation.bundle", &rl); /* ids point into it */
    if (mid_trust_load(&g_trust, tb, tl, root) != MID_OK ||
        mid_revocation_load(&g_revocation, g_rev_bundle, rl, root) != MID_OK) {
        fprintf(stderr, "fuzz_verify: the vectors' bundles do not load\n");
        abort();
    }
    free(tb);
    return 0;
}

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i])
            return 0;
    }
    return 1;
}

static void verify_text(const uint8_t *qr, size_t len)
{
    static mid_verify_ctx ctx;
    static mid_result res;
    static mid_view view;
    mid_verify_config cfg;
    mid_request req = mid_request_for(MID_PURPOSE_ADULT);
    mid_err err;

    mid_verify_config_default(&cfg);
    cfg.build_floor = FUZZ_TIME - 30 * 86400;
    FUZZ_ASSERT(mid_verify_init(&ctx, &g_trust, &g_revocation, &cfg) == MID_OK);
    err = mid_verify(&ctx, qr, len, &req, FUZZ_TIME, &res);
    FUZZ_ASSERT(err == res.err);
    if (res.verdict == MID_VERDICT_VALID) {
        FUZZ_ASSERT(err == MID_OK);
        for (int c = 0; c < MID_CHECK_COUNT; c++)
            FUZZ_ASSERT(res.checks[c] == MID_CHECK_PASS);
        for (int p = 0; p < MID_PURPOSE_COUNT; p++) {
            mid_request rq = mid_request_for((mid_purpose)p);
            if (p == MID_PURPOSE_CUSTOM)
                rq.items = MID_ITEM_ALL;
            mid_err ve = mid_view_build(&res.claims, &rq, FUZZ_TIME, &view);
            FUZZ_ASSERT(ve == MID_OK || ve == MID_ERR_PURPOSE);
            mid_view_wipe(&view);
        }
        /* shown again: a replay */
        err = mid_verify(&ctx, qr, len, &req, FUZZ_TIME, &res);
        FUZZ_ASSERT(err == MID_ERR_REPLAY && res.failed_check == MID_CHECK_REPLAY);
    } else {
        FUZZ_ASSERT(res.verdict == MID_VERDICT_INVALID);
        FUZZ_ASSERT(err != MID_OK);
        FUZZ_ASSERT((unsigned)res.failed_check < MID_CHECK_COUNT);
        FUZZ_ASSERT(res.checks[res.failed_check] == MID_CHECK_FAIL);
        FUZZ_ASSERT(res.check_err[res.failed_check] == err);
        /* the checks rule of mid_verify.h, for any number of checks */
        for (int c = 0; c < MID_CHECK_COUNT; c++) {
            FUZZ_ASSERT(res.checks[c] == (c < (int)res.failed_check    ? MID_CHECK_PASS
                                          : c == (int)res.failed_check ? MID_CHECK_FAIL
                                                                       : MID_CHECK_NOT_RUN));
            FUZZ_ASSERT(res.check_err[c] == (c == (int)res.failed_check ? err : MID_OK));
        }
        FUZZ_ASSERT(!mid_err_is_system(err) || err == MID_ERR_CRYPTO);
        FUZZ_ASSERT(all_zero(&res.claims, sizeof res.claims));
    }
    mid_result_wipe(&res);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
#ifdef FUZZ_VERIFY_RAW
    static char qr[MID_QR_PREFIX_LEN + MID_BASE45_ENCODED_LEN(MID_MAX_PAYLOAD) + 1u];
    size_t n;
    if (size > MID_MAX_PAYLOAD)
        return 0;
    memcpy(qr, MID_QR_PREFIX, MID_QR_PREFIX_LEN);
    FUZZ_ASSERT(mid_base45_encode(data, size, qr + MID_QR_PREFIX_LEN,
                                  sizeof qr - MID_QR_PREFIX_LEN, &n) == MID_OK);
    n += MID_QR_PREFIX_LEN;
    {
        /* exactly sized, for ASan */
        uint8_t *copy = malloc(n);
        FUZZ_ASSERT(copy != NULL);
        memcpy(copy, qr, n);
        verify_text(copy, n);
        free(copy);
    }
#else
    if (size > MID_MAX_QR_TEXT + 16u)
        return 0;
    verify_text(data, size);
#endif
    return 0;
}
