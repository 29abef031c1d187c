/* The verifier, check by check: every named check passes on a valid
 * presentation and fails, alone and with its own error, on a presentation
 * broken in exactly that way. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "fixtures/world.h"

static world W;
static char qr[MID_MAX_QR_TEXT + 64];

static mid_result verify_at(mid_verify_ctx *ctx, const char *text, size_t len,
                            mid_purpose purpose, int64_t now)
{
    mid_result r;
    mid_request req = mid_request_for(purpose);
    mid_verify(ctx, (const uint8_t *)text, len, &req, now, &r);
    return r;
}

static void fresh_ctx(mid_verify_ctx *ctx)
{
    assert_int_equal(mid_verify_init(ctx, &W.trust, &W.revocation, &W.cfg), MID_OK);
}

static void expect_fail(const mid_result *r, mid_check_id check, mid_err err)
{
    assert_int_equal(r->verdict, MID_VERDICT_INVALID);
    assert_string_equal(mid_check_id_str(r->failed_check), mid_check_id_str(check));
    assert_string_equal(mid_err_str(r->err), mid_err_str(err));
    /* the checks rule (mid_verify.h): PASS before the failing check, FAIL
     * at it with its error, NOT_RUN after it ... */
    for (int i = 0; i < MID_CHECK_COUNT; i++) {
        assert_int_equal(r->checks[i], i < (int)check    ? MID_CHECK_PASS
                                       : i == (int)check ? MID_CHECK_FAIL
                                                         : MID_CHECK_NOT_RUN);
        assert_int_equal(r->check_err[i], i == (int)check ? err : MID_OK);
    }
    /* ... and no personal data is left in the result */
    assert_int_equal(r->claims.name[0], 0);
    assert_int_equal(r->claims.rrn[0], 0);
}

static void test_valid_resident_card(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW - 3, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_REAL_NAME, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_int_equal(r.err, MID_OK);
    for (int i = 0; i < MID_CHECK_COUNT; i++)
        assert_int_equal(r.checks[i], MID_CHECK_PASS);
    assert_string_equal(r.claims.name, "한가람");
    assert_string_equal(r.claims.rrn, "9001011234568");
    assert_int_equal(r.claims.issue_date, 20200315);
    assert_int_equal(r.claims.iat, WORLD_NOW - 3);
    mid_result_wipe(&r);
    assert_int_equal(r.claims.name[0], 0);
}

static void test_valid_licence_full_key(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    (void)state;
    fresh_ctx(&ctx);
    world_licence_holder(&W, &in);
    in.device_key_full = 1; /* y carried in full instead of its sign bit */
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_LICENCE, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_int_equal(r.claims.licence.cls, MID_LIC_2_ORDINARY);
    assert_string_equal(r.claims.licence.number, "11-24-012345-67");
    mid_result_wipe(&r);
}

static void test_clock_before_floor(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, W.cfg.build_floor - 10, NULL, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, W.cfg.build_floor - 1);
    expect_fail(&r, MID_CHECK_CLOCK, MID_ERR_CLOCK);
}

static void test_format_errors(void **state)
{
    mid_verify_ctx ctx;
    mid_result r;
    static char big[MID_MAX_QR_TEXT + 2];
    (void)state;
    fresh_ctx(&ctx);
    r = verify_at(&ctx, "HC1:ABC", 7, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_PREFIX);
    r = verify_at(&ctx, "MID1:ab", 7, MID_PURPOSE_ADULT, WORLD_NOW); /* lower case */
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_BASE45);
    r = verify_at(&ctx, "MID1:A", 6, MID_PURPOSE_ADULT, WORLD_NOW); /* dangling */
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_BASE45);
    r = verify_at(&ctx, "MID1:::::", 9, MID_PURPOSE_ADULT, WORLD_NOW); /* >65535 */
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_BASE45);
    memset(big, 'A', sizeof big);
    memcpy(big, "MID1:", 5);
    r = verify_at(&ctx, big, sizeof big, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_TOO_LARGE);
    r = verify_at(&ctx, "", 0, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_FORMAT, MID_ERR_PREFIX);
}

static void test_structure_errors(void **state)
{
    mid_verify_ctx ctx;
    mid_result r;
    char text[64];
    size_t n;
    (void)state;
    fresh_ctx(&ctx);
    /* a bare CBOR integer, not a COSE_Sign1 */
    static const uint8_t one[] = {0x01};
    assert_int_equal(mid_qr_text(one, 1, text, sizeof text, &n), MID_OK);
    r = verify_at(&ctx, text, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_STRUCTURE, MID_ERR_CBOR_TYPE);
    /* indefinite-length array */
    static const uint8_t indef[] = {0xd2, 0x9f, 0xff};
    assert_int_equal(mid_qr_text(indef, sizeof indef, text, sizeof text, &n), MID_OK);
    r = verify_at(&ctx, text, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_STRUCTURE, MID_ERR_CBOR_INDEFINITE);
    /* trailing byte after a valid item */
    static const uint8_t trail[] = {0x01, 0x02};
    assert_int_equal(mid_qr_text(trail, sizeof trail, text, sizeof text, &n), MID_OK);
    r = verify_at(&ctx, text, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_STRUCTURE, MID_ERR_CBOR_TRAILING);
}

static void test_unknown_issuer(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    size_t n = world_qr(&W, &in, &W.stranger, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_ISSUER_KEY, MID_ERR_UNKNOWN_KID);
}

static void test_issuer_not_allowed_for_licence(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    (void)state;
    fresh_ctx(&ctx);
    world_licence_holder(&W, &in);
    size_t n = world_qr(&W, &in, &W.issuer_cards_only, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_LICENCE, WORLD_NOW);
    /* found after the signature held; still reported by the one rule:
     * STRUCTURE pass, ISSUER_KEY fail, ISSUER_SIGNATURE and after not_run */
    expect_fail(&r, MID_CHECK_ISSUER_KEY, MID_ERR_KEY_DOCTYPE);
    assert_int_equal(r.checks[MID_CHECK_ISSUER_SIGNATURE], MID_CHECK_NOT_RUN);
}

static void test_issuer_key_period(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    in.exp = WORLD_NOW + 86400 * 800;
    int64_t later = WORLD_NOW + 86400 * 400; /* trust key ends at +365 d */
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, later, NULL, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, later);
    expect_fail(&r, MID_CHECK_ISSUER_KEY, MID_ERR_KEY_PERIOD);
}

/* Flip one bit inside the credential's signature / the device signature. */
static void test_forged_signatures(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    uint8_t cred[MID_MAX_PAYLOAD], nonce[MID_NONCE_LEN] = {1};
    size_t cl, n;
    mid_result r;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    assert_int_equal(mid_cred_encode(&in, &W.issuer, cred, sizeof cred, &cl), MID_OK);
    cred[cl - 5] ^= 0x01; /* inside the issuer's s */
    n = world_qr_from_cred(cred, cl, &W.device, WORLD_NOW, nonce, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_ISSUER_SIGNATURE, MID_ERR_ISSUER_SIG);

    /* change the name after issuing: the issuer signature no longer holds */
    in.name = "한가람X";
    {
        uint8_t cwt[MID_MAX_PAYLOAD];
        size_t cwl;
        mid_cred_input orig;
        world_resident(&W, &orig);
        assert_int_equal(mid_cred_encode(&orig, &W.issuer, cred, sizeof cred, &cl), MID_OK);
        assert_int_equal(mid_cwt_encode(&in, cwt, sizeof cwt, &cwl), MID_OK);
        /* same sizes except the name: splice a new payload under the old signature */
        uint8_t forged[MID_MAX_PAYLOAD];
        mid_cbor_reader rd;
        mid_cose_sign1 m;
        mid_cbor_reader_init(&rd, cred, cl);
        assert_int_equal(mid_cose_sign1_read(&rd, 1, &m), MID_OK);
        mid_cbor_writer wr;
        mid_cbor_writer_init(&wr, forged, sizeof forged);
        assert_int_equal(mid_cose_sign1_encode(m.protected_raw, m.protected_len, cwt, cwl, m.sig, &wr), MID_OK);
        n = world_qr_from_cred(forged, wr.len, &W.device, WORLD_NOW, nonce, qr, sizeof qr);
        r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
        expect_fail(&r, MID_CHECK_ISSUER_SIGNATURE, MID_ERR_ISSUER_SIG);
    }

    /* a presentation signed by a device other than the one in the credential */
    world_resident(&W, &in);
    n = world_qr(&W, &in, &W.issuer, &W.device2, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_DEVICE_SIGNATURE, MID_ERR_DEVICE_SIG);
}

/* Signed, but wrong on its face: refused as malformed after the signature. */
static void test_signed_but_malformed_claims(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    size_t n;
    static const char *const bad_names[] = {
        "한\xe2\x80\xae가람", /* U+202E right-to-left override */
        "한\xe2\x80\x8b가람", /* U+200B zero-width space */
        "Kim\xc2\x85Lee",     /* U+0085 C1 control */
        "Kim\tLee",
        "\xef\xbb\xbfKim", /* U+FEFF */
    };
    (void)state;
    fresh_ctx(&ctx);
    for (size_t i = 0; i < sizeof bad_names / sizeof bad_names[0]; i++) {
        world_resident(&W, &in);
        in.name = bad_names[i];
        n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
        r = verify_at(&ctx, qr, n, MID_PURPOSE_REAL_NAME, WORLD_NOW);
        expect_fail(&r, MID_CHECK_STRUCTURE, MID_ERR_CLAIM_VALUE);
        assert_int_equal(r.checks[MID_CHECK_ISSUER_SIGNATURE], MID_CHECK_NOT_RUN);
    }
    /* born 2099-01-01 (7th digit 3: 2000s), i.e. after today */
    world_resident(&W, &in);
    in.rrn = "9901013123456";
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_STRUCTURE, MID_ERR_RRN_FORMAT);
}

static void test_credential_validity(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    size_t n;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    in.nbf = WORLD_NOW + 100;
    in.exp = WORLD_NOW + 1000;
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_NOT_YET_VALID);
    in.nbf = WORLD_NOW - 1000;
    in.exp = WORLD_NOW; /* exp is exclusive */
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_EXPIRED);
}

static void test_freshness_window_edges(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    size_t n;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    /* exactly at the window: accepted; one second older: stale */
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW - 60, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW - 61, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_FRESHNESS, MID_ERR_STALE);
    /* within the skew: accepted; beyond: future */
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW + 5, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW + 6, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_FRESHNESS, MID_ERR_FUTURE);
}

static void test_replay(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    static const uint8_t nonce[MID_NONCE_LEN] = {9, 9, 9};
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, nonce, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW + 10);
    expect_fail(&r, MID_CHECK_REPLAY, MID_ERR_REPLAY);
    /* another kiosk (another context) has not seen it */
    mid_verify_ctx other;
    fresh_ctx(&other);
    r = verify_at(&other, qr, n, MID_PURPOSE_ADULT, WORLD_NOW + 10);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
}

static void test_revoked_and_missing_revocation(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    mid_result r;
    size_t n;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    memcpy(in.cred_id, W.revoked_ids[1], MID_CRED_ID_LEN);
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_REVOKED, MID_ERR_REVOKED);

    assert_int_equal(mid_verify_init(&ctx, &W.trust, NULL, &W.cfg), MID_OK);
    world_resident(&W, &in);
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_REVOKED, MID_ERR_NO_REVOCATION);
}

static void test_purpose(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    size_t n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_LICENCE, WORLD_NOW);
    expect_fail(&r, MID_CHECK_PURPOSE, MID_ERR_PURPOSE);
}

static void test_issuer_cache(void **state)
{
    mid_verify_ctx ctx;
    mid_cred_input in;
    uint8_t cred[MID_MAX_PAYLOAD], nonce[MID_NONCE_LEN];
    size_t cl, n;
    (void)state;
    fresh_ctx(&ctx);
    world_resident(&W, &in);
    assert_int_equal(mid_cred_encode(&in, &W.issuer, cred, sizeof cred, &cl), MID_OK);
    for (int i = 0; i < 3; i++) {
        memset(nonce, i + 1, sizeof nonce);
        n = world_qr_from_cred(cred, cl, &W.device, WORLD_NOW, nonce, qr, sizeof qr);
        mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
        assert_int_equal(r.verdict, MID_VERDICT_VALID);
        mid_result_wipe(&r);
    }
    /* the same credential re-presented: issuer signature checked once */
    assert_int_equal(ctx.cache_hits, 2);
    /* a trust update clears it */
    mid_verify_set_trust(&ctx, &W.trust, &W.revocation);
    memset(nonce, 7, sizeof nonce);
    n = world_qr_from_cred(cred, cl, &W.device, WORLD_NOW, nonce, qr, sizeof qr);
    mid_result r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_int_equal(ctx.cache_hits, 2);
    mid_result_wipe(&r);
}

/* The size budget: the largest realistic claims without portrait fit in
 * MID_BUDGET_NO_PORTRAIT bytes of CBOR. */
static void test_size_budget(void **state)
{
    mid_cred_input in;
    uint8_t cred[MID_MAX_PAYLOAD], pres[MID_MAX_PAYLOAD], nonce[MID_NONCE_LEN] = {0};
    size_t cl, pl;
    char name[MID_MAX_NAME_BYTES + 1];
    (void)state;
    world_licence_holder(&W, &in);
    memset(name, 'W', MID_MAX_NAME_BYTES);
    name[MID_MAX_NAME_BYTES] = '\0';
    in.name = name;
    in.licence.cls = MID_LIC_1_LARGE_TRAILER;
    memset(in.licence.number, '9', MID_MAX_LICENCE_NO);
    in.licence.number[MID_MAX_LICENCE_NO] = '\0';
    in.exp = (int64_t)4102444800; /* 2100: 5-byte integers */
    in.nbf = (int64_t)4102444000;
    assert_int_equal(mid_cred_encode(&in, &W.issuer, cred, sizeof cred, &cl), MID_OK);
    assert_int_equal(mid_presentation_encode(cred, cl, (int64_t)4102444100, nonce, &W.device, pres, sizeof pres, &pl), MID_OK);
    print_message("largest presentation without portrait: %zu bytes (budget %u)\n", pl, MID_BUDGET_NO_PORTRAIT);
    assert_true(pl <= MID_BUDGET_NO_PORTRAIT);
}

static void test_trust_bundle_rejections(void **state)
{
    mid_trust_store ts;
    mid_revocation rv;
    uint8_t bad[8192];
    (void)state;
    /* signed by someone else */
    assert_int_equal(mid_trust_load(&ts, W.trust_bundle, W.trust_bundle_len, W.stranger.pub),
                     MID_ERR_BUNDLE_FOREIGN);
    /* a flipped bit in the body */
    memcpy(bad, W.trust_bundle, W.trust_bundle_len);
    bad[W.trust_bundle_len / 2] ^= 0x40;
    assert_int_not_equal(mid_trust_load(&ts, bad, W.trust_bundle_len, W.root.pub), MID_OK);
    /* truncated */
    assert_int_equal(mid_trust_load(&ts, W.trust_bundle, W.trust_bundle_len - 1, W.root.pub),
                     MID_ERR_CBOR_TRUNCATED);
    /* kind confusion both ways */
    assert_int_equal(mid_trust_load(&ts, W.rev_bundle, W.rev_bundle_len, W.root.pub),
                     MID_ERR_BUNDLE_KIND);
    assert_int_equal(mid_revocation_load(&rv, W.trust_bundle, W.trust_bundle_len, W.root.pub),
                     MID_ERR_BUNDLE_KIND);
    /* unsorted revocation ids */
    {
        uint8_t ids[16], out[512];
        size_t len;
        memcpy(ids, "\x02\0\0\0\0\0\0\0\x01\0\0\0\0\0\0\0", 16);
        assert_int_equal(mid_revocation_bundle_encode(ids, 2, WORLD_NOW, 1, &W.root, out, sizeof out, &len), MID_OK);
        assert_int_equal(mid_revocation_load(&rv, out, len, W.root.pub), MID_ERR_CBOR_KEY_ORDER);
    }
}

static void test_revocation_lookup(void **state)
{
    (void)state;
    for (int i = 0; i < 3; i++)
        assert_true(mid_revocation_contains(&W.revocation, W.revoked_ids[i]));
    assert_false(mid_revocation_contains(&W.revocation, (const uint8_t *)"\x10\x00\x00\x00\x00\x00\x00\x02"));
    assert_false(mid_revocation_contains(&W.revocation, (const uint8_t *)"\x00\x00\x00\x00\x00\x00\x00\x00"));
    assert_false(mid_revocation_contains(&W.revocation, (const uint8_t *)"\xff\xff\xff\xff\xff\xff\xff\xff"));
}

/* Trust lifecycle (docs/trust-lifecycle.md): the trust store's signed
 * valid_until at ISSUER_KEY, and REVOCATION_STALE's edges. */
static void test_expiry_and_stale_revocation(void **state)
{
    static mid_trust_store ts;
    mid_verify_ctx ctx;
    mid_verify_config cfg = W.cfg;
    mid_revocation rv = W.revocation;
    mid_cred_input in;
    mid_result r;
    size_t n;
    const int64_t max = MID_DEFAULT_REVOCATION_MAX_S;
    (void)state;
    assert_int_equal(cfg.revocation_max_s, max);
    world_resident(&W, &in);
    n = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, qr, sizeof qr);

    /* the age limit: exactly max passes, one second more fails */
    rv.issued = WORLD_NOW - max;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_int_equal(r.revocation_age_s, max);
    assert_int_equal(r.checks[MID_CHECK_REVOCATION_STALE], MID_CHECK_PASS);
    mid_result_wipe(&r);
    rv.issued = WORLD_NOW - max - 1;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_REVOCATION_STALE, MID_ERR_REVOCATION_STALE);
    assert_int_equal(r.checks[MID_CHECK_PURPOSE], MID_CHECK_PASS);
    /* warn-only: valid, flagged */
    cfg.revocation_warn_only = 1;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_true(r.revocation_stale_warned);
    mid_result_wipe(&r);
    /* no age limit at all */
    cfg.revocation_warn_only = 0;
    cfg.revocation_max_s = 0;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    assert_false(r.revocation_stale_warned);
    mid_result_wipe(&r);

    /* the signed valid_until holds even warn-only; legacy gets its name */
    cfg.revocation_warn_only = 1;
    rv = W.revocation;
    rv.valid_until = WORLD_NOW + 1;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    rv.valid_until = WORLD_NOW;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_REVOCATION_STALE, MID_ERR_BUNDLE_EXPIRED);
    rv.format = MID_BUNDLE_FORMAT_LEGACY;
    assert_int_equal(mid_verify_init(&ctx, &W.trust, &rv, &cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_REVOCATION_STALE, MID_ERR_BUNDLE_LEGACY);

    /* the whole trust store ends at its valid_until */
    ts = W.trust;
    assert_int_equal(ts.format, MID_BUNDLE_FORMAT_CURRENT);
    ts.valid_until = WORLD_NOW + 1;
    assert_int_equal(mid_verify_init(&ctx, &ts, &W.revocation, &W.cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    assert_int_equal(r.verdict, MID_VERDICT_VALID);
    mid_result_wipe(&r);
    ts.valid_until = WORLD_NOW;
    assert_int_equal(mid_verify_init(&ctx, &ts, &W.revocation, &W.cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_ISSUER_KEY, MID_ERR_BUNDLE_EXPIRED);
    ts.format = MID_BUNDLE_FORMAT_LEGACY;
    assert_int_equal(mid_verify_init(&ctx, &ts, &W.revocation, &W.cfg), MID_OK);
    r = verify_at(&ctx, qr, n, MID_PURPOSE_ADULT, WORLD_NOW);
    expect_fail(&r, MID_CHECK_ISSUER_KEY, MID_ERR_BUNDLE_LEGACY);
    /* messages for the UI, both languages */
    assert_string_equal(mid_check_id_str(MID_CHECK_REVOCATION_STALE), "REVOCATION_STALE");
    assert_int_equal(MID_CHECK_REVOCATION_STALE, 11);
    assert_string_equal(mid_err_message(MID_ERR_REVOCATION_STALE, MID_LANG_EN),
                        "Revocation list too old; cannot verify");
    assert_string_equal(mid_err_message(MID_ERR_REVOCATION_STALE, MID_LANG_KO),
                        "폐지목록이 너무 오래되어 확인할 수 없습니다");
    assert_string_equal(mid_check_label(MID_CHECK_REVOCATION_STALE, MID_LANG_KO), "폐지목록 최신성");
}

/* Format 2 header rules, read only after the root signature. */
static void test_bundle_format(void **state)
{
    static uint8_t b[4096];
    static mid_trust_store ts;
    mid_bundle_meta m;
    mid_cbor_writer w;
    uint8_t payload[128];
    size_t len;
    (void)state;
    assert_int_equal(mid_bundle_read_meta(W.trust_bundle, W.trust_bundle_len, W.root.pub, &m), MID_OK);
    assert_int_equal(m.format, MID_BUNDLE_FORMAT_CURRENT);
    assert_int_equal(m.valid_until, m.issued + MID_TRUST_DEFAULT_VALIDITY_S);
    assert_int_equal(m.refresh_s, MID_TRUST_DEFAULT_REFRESH_S);
    /* hand-made payloads, signed by the root: version 3, refresh 0,
     * valid_until before issued, a missing key, an eighth key */
    static const struct {
        uint64_t version, until, refresh;
        size_t pairs;
        mid_err want;
    } cases[] = {
        {3, 2000, 100, 7, MID_ERR_BUNDLE_VERSION},
        {2, 2000, 0, 7, MID_ERR_CLAIM_VALUE},
        {2, 2000, 1001, 7, MID_ERR_CLAIM_VALUE},
        {2, 1000, 1, 7, MID_ERR_CLAIM_VALUE},
        {2, 2000, 100, 6, MID_ERR_CLAIM_MISSING},
        {2, 2000, 100, 8, MID_ERR_CLAIM_UNKNOWN},
        {2, 2000, 1000, 7, MID_OK},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mid_cbor_writer_init(&w, payload, sizeof payload);
        mid_cbor_put_map(&w, cases[i].pairs);
        mid_cbor_put_uint(&w, 0);
        mid_cbor_put_uint(&w, cases[i].version);
        mid_cbor_put_uint(&w, 1);
        mid_cbor_put_uint(&w, MID_BUNDLE_KIND_REVOCATION);
        mid_cbor_put_uint(&w, 2);
        mid_cbor_put_uint(&w, 1000);
        mid_cbor_put_uint(&w, 3);
        mid_cbor_put_uint(&w, 1);
        mid_cbor_put_uint(&w, 4);
        mid_cbor_put_bstr(&w, NULL, 0);
        if (cases[i].pairs >= 6) {
            mid_cbor_put_uint(&w, 5);
            mid_cbor_put_uint(&w, cases[i].until);
        }
        if (cases[i].pairs >= 7) {
            mid_cbor_put_uint(&w, 6);
            mid_cbor_put_uint(&w, cases[i].refresh);
        }
        if (cases[i].pairs >= 8) {
            mid_cbor_put_uint(&w, 7);
            mid_cbor_put_uint(&w, 0);
        }
        assert_int_equal(w.err, MID_OK);
        assert_int_equal(mid_sign1(payload, w.len, &W.root, 1, b, sizeof b, &len), MID_OK);
        assert_int_equal(mid_bundle_read_meta(b, len, W.root.pub, &m), cases[i].want);
    }
    /* the legacy format still loads, with the sunset as its end */
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW, 2);
    m.format = MID_BUNDLE_FORMAT_LEGACY;
    assert_int_equal(mid_trust_bundle_encode_meta(W.trust.keys, 1, &m, &W.root, b, sizeof b, &len),
                     MID_OK);
    assert_int_equal(mid_trust_load(&ts, b, len, W.root.pub), MID_OK);
    assert_int_equal(ts.format, MID_BUNDLE_FORMAT_LEGACY);
    assert_int_equal(ts.valid_until, MID_BUNDLE_LEGACY_SUNSET);
    assert_int_equal(ts.refresh_s, 0);
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_resident_card),
        cmocka_unit_test(test_expiry_and_stale_revocation),
        cmocka_unit_test(test_bundle_format),
        cmocka_unit_test(test_valid_licence_full_key),
        cmocka_unit_test(test_clock_before_floor),
        cmocka_unit_test(test_format_errors),
        cmocka_unit_test(test_structure_errors),
        cmocka_unit_test(test_unknown_issuer),
        cmocka_unit_test(test_issuer_not_allowed_for_licence),
        cmocka_unit_test(test_issuer_key_period),
        cmocka_unit_test(test_forged_signatures),
        cmocka_unit_test(test_signed_but_malformed_claims),
        cmocka_unit_test(test_credential_validity),
        cmocka_unit_test(test_freshness_window_edges),
        cmocka_unit_test(test_replay),
        cmocka_unit_test(test_revoked_and_missing_revocation),
        cmocka_unit_test(test_purpose),
        cmocka_unit_test(test_issuer_cache),
        cmocka_unit_test(test_size_budget),
        cmocka_unit_test(test_trust_bundle_rejections),
        cmocka_unit_test(test_revocation_lookup),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
