/* Receipts in the core: the deterministic payload and its strict parser,
 * signing and verification, the chain rule, and the log walker with each
 * kind of tampering the verifier must name (missing, reordered, altered,
 * foreign). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid.h"
#include "mid/mid_receipt.h"

typedef struct key {
    uint8_t priv[MID_P256_COORD_LEN], pub[MID_P256_POINT_LEN], kid[MID_KID_LEN];
} key;

static key K, OTHER;

static void make_key(key *k)
{
    assert_int_equal(mid_crypto_p256_keygen(k->priv, k->pub), MID_OK);
    assert_int_equal(mid_kid_of(k->pub, k->kid), MID_OK);
}

static int setup(void **state)
{
    (void)state;
    if (mid_crypto_init() != MID_OK)
        return -1;
    make_key(&K);
    make_key(&OTHER);
    return 0;
}

static mid_receipt sample(uint64_t seq)
{
    mid_receipt r;
    memset(&r, 0, sizeof r);
    r.version = MID_RECEIPT_VERSION;
    snprintf(r.kiosk_id, sizeof r.kiosk_id, "%s", "KIOSK-0001");
    r.time = 1795662000 + (int64_t)seq;
    r.purpose = MID_PURPOSE_ADULT;
    r.verdict = MID_VERDICT_VALID;
    r.decision = MID_DECISION_ADULT;
    r.seq = seq;
    r.trust_seq = 7;
    r.revocation_seq = 42;
    return r;
}

#define NREC 6
typedef struct chainbuf {
    uint8_t rec[NREC][MID_RECEIPT_MAX_COSE];
    size_t len[NREC];
    uint8_t log[NREC * MID_RECEIPT_MAX_COSE];
    size_t log_len;
    size_t off[NREC];
} chainbuf;

static chainbuf CB;

/* NREC chained receipts signed by K, seq 1.., and their concatenation. */
static void build_chain(void)
{
    uint8_t prev[MID_SHA256_LEN];
    size_t i;
    assert_int_equal(mid_receipt_genesis(K.kid, prev), MID_OK);
    CB.log_len = 0;
    for (i = 0; i < NREC; i++) {
        mid_receipt r = sample(i + 1u);
        if (i % 2u) {
            r.verdict = MID_VERDICT_INVALID;
            r.failed_check = MID_CHECK_REPLAY;
            r.err = MID_ERR_REPLAY;
            r.decision = MID_DECISION_NONE;
            snprintf(r.txn, sizeof r.txn, "POS-%u", (unsigned)i);
        }
        memcpy(r.prev, prev, sizeof prev);
        assert_int_equal(mid_receipt_sign(&r, K.priv, K.kid, CB.rec[i], sizeof CB.rec[i], &CB.len[i]),
                         MID_OK);
        assert_int_equal(mid_receipt_hash(CB.rec[i], CB.len[i], prev), MID_OK);
        CB.off[i] = CB.log_len;
        memcpy(CB.log + CB.log_len, CB.rec[i], CB.len[i]);
        CB.log_len += CB.len[i];
    }
}

static void test_roundtrip_and_determinism(void **state)
{
    uint8_t a[MID_RECEIPT_MAX_PAYLOAD], b[MID_RECEIPT_MAX_PAYLOAD];
    size_t al, bl;
    mid_receipt r = sample(5), back;
    (void)state;
    r.purpose = MID_PURPOSE_LICENCE;
    r.decision = MID_DECISION_LICENCE_SUSPENDED;
    snprintf(r.txn, sizeof r.txn, "%s", "T-2026.11:0042_a");
    r.has_cred_tag = 1;
    memset(r.cred_tag, 0xAB, sizeof r.cred_tag);
    memset(r.prev, 0x11, sizeof r.prev);
    assert_int_equal(mid_receipt_encode(&r, a, sizeof a, &al), MID_OK);
    assert_int_equal(mid_cbor_validate(a, al), MID_OK); /* deterministic by our own rules */
    assert_int_equal(mid_receipt_parse(a, al, &back), MID_OK);
    assert_memory_equal(&r, &back, sizeof r);
    assert_int_equal(mid_receipt_encode(&back, b, sizeof b, &bl), MID_OK);
    assert_int_equal(al, bl);
    assert_memory_equal(a, b, al);
    assert_true(al < MID_RECEIPT_MAX_PAYLOAD);
    /* the biggest receipt stays inside the COSE limit */
    memset(r.kiosk_id, 'K', MID_RECEIPT_KIOSK_ID_MAX);
    memset(r.txn, '9', MID_RECEIPT_TXN_MAX);
    r.seq = UINT64_MAX - 1u;
    r.trust_seq = r.revocation_seq = UINT64_MAX;
    r.verdict = MID_VERDICT_INVALID;
    r.failed_check = MID_CHECK_PURPOSE;
    r.err = MID_ERR_PURPOSE;
    r.decision = MID_DECISION_NONE;
    {
        uint8_t cose[MID_RECEIPT_MAX_COSE];
        size_t cl;
        assert_int_equal(mid_receipt_sign(&r, K.priv, K.kid, cose, sizeof cose, &cl), MID_OK);
        assert_int_equal(mid_receipt_verify(cose, cl, K.pub, &back), MID_OK);
        assert_memory_equal(&r, &back, sizeof r);
    }
}

/* Hand-made payloads: each one breaks exactly one rule. */
static void test_parser_strict(void **state)
{
    uint8_t buf[MID_RECEIPT_MAX_PAYLOAD];
    mid_cbor_writer w;
    mid_receipt out;
    uint8_t prev[32] = {0};
    int variant;
    (void)state;
    for (variant = 0; variant < 9; variant++) {
        size_t pairs = 10u + (variant == 1) - (variant == 2) + (variant == 5 ? 2u : 0u);
        mid_err want[] = {MID_OK, MID_ERR_RECEIPT_UNKNOWN, MID_ERR_RECEIPT_FORMAT,
                          MID_ERR_RECEIPT_VERSION, MID_ERR_RECEIPT_FORMAT, MID_ERR_RECEIPT_FORMAT,
                          MID_ERR_RECEIPT_FORMAT, MID_ERR_RECEIPT_FORMAT, MID_ERR_RECEIPT_FORMAT};
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_map(&w, pairs);
        mid_cbor_put_uint(&w, 1);
        mid_cbor_put_uint(&w, variant == 3 ? 2u : 1u); /* 3: version 2 */
        mid_cbor_put_uint(&w, 2);
        mid_cbor_put_tstr(&w, variant == 7 ? "K\n" : "K1", 2); /* 7: control char */
        mid_cbor_put_uint(&w, 3);
        mid_cbor_put_uint(&w, 1795662000u);
        mid_cbor_put_uint(&w, 4);
        mid_cbor_put_uint(&w, variant == 4 ? 9u : 0u); /* 4: no such purpose */
        mid_cbor_put_uint(&w, 5);
        mid_cbor_put_uint(&w, 1);
        if (variant == 5) { /* 5: a valid verdict with a failed check */
            mid_cbor_put_uint(&w, 6);
            mid_cbor_put_uint(&w, 8);
            mid_cbor_put_uint(&w, 7);
            mid_cbor_put_uint(&w, 400);
        }
        mid_cbor_put_uint(&w, 8);
        mid_cbor_put_uint(&w, variant == 6 ? 4u : 1u); /* 6: licence decision for adult */
        mid_cbor_put_uint(&w, 10);
        mid_cbor_put_bstr(&w, prev, variant == 8 ? 31u : 32u); /* 8: short hash */
        if (variant != 2) {                                    /* 2: seq missing */
            mid_cbor_put_uint(&w, 11);
            mid_cbor_put_uint(&w, 3);
        }
        mid_cbor_put_uint(&w, 12);
        mid_cbor_put_uint(&w, 0);
        mid_cbor_put_uint(&w, 13);
        mid_cbor_put_uint(&w, 0);
        if (variant == 1) { /* 1: a key from the future */
            mid_cbor_put_uint(&w, 15);
            mid_cbor_put_uint(&w, 0);
        }
        assert_int_equal(w.err, MID_OK);
        assert_int_equal(mid_receipt_parse(buf, w.len, &out), want[variant]);
    }
    /* not deterministic: a length in long form */
    {
        uint8_t good[MID_RECEIPT_MAX_PAYLOAD], bad[MID_RECEIPT_MAX_PAYLOAD + 1];
        size_t gl;
        mid_receipt r = sample(1);
        assert_int_equal(mid_receipt_encode(&r, good, sizeof good, &gl), MID_OK);
        bad[0] = 0xB8; /* map, 1-byte length */
        bad[1] = (uint8_t)(good[0] & 0x1Fu);
        memcpy(bad + 2, good + 1, gl - 1u);
        assert_int_equal(mid_receipt_parse(bad, gl + 1u, &out), MID_ERR_CBOR_NONCANONICAL);
        /* trailing byte */
        memcpy(bad, good, gl);
        bad[gl] = 0;
        assert_int_not_equal(mid_receipt_parse(bad, gl + 1u, &out), MID_OK);
    }
    /* the encoder refuses what the parser would */
    {
        mid_receipt r = sample(0);
        size_t l;
        assert_int_equal(mid_receipt_encode(&r, buf, sizeof buf, &l), MID_ERR_RECEIPT_FORMAT);
        r = sample(1);
        snprintf(r.txn, sizeof r.txn, "%s", "has space");
        assert_int_equal(mid_receipt_encode(&r, buf, sizeof buf, &l), MID_ERR_RECEIPT_FORMAT);
    }
}

static void test_verify_foreign_and_altered(void **state)
{
    uint8_t cose[MID_RECEIPT_MAX_COSE];
    size_t cl, i;
    mid_receipt r = sample(1), out;
    (void)state;
    assert_int_equal(mid_receipt_sign(&r, K.priv, K.kid, cose, sizeof cose, &cl), MID_OK);
    assert_int_equal(mid_receipt_verify(cose, cl, K.pub, &out), MID_OK);
    assert_int_equal(mid_receipt_verify(cose, cl, OTHER.pub, &out), MID_ERR_RECEIPT_FOREIGN);
    /* every single-byte change is refused, and none parses as valid */
    for (i = 0; i < cl; i++) {
        cose[i] ^= 0x01u;
        assert_int_not_equal(mid_receipt_verify(cose, cl, K.pub, &out), MID_OK);
        cose[i] ^= 0x01u;
    }
    /* a change to the time inside the payload: well-formed, but altered */
    {
        mid_receipt r2 = sample(1);
        uint8_t c2[MID_RECEIPT_MAX_COSE];
        size_t l2;
        r2.time += 1;
        assert_int_equal(mid_receipt_sign(&r2, K.priv, K.kid, c2, sizeof c2, &l2), MID_OK);
        assert_int_equal(l2, cl);
        /* graft the other payload under the first signature */
        memcpy(c2 + cl - 64u, cose + cl - 64u, 64u);
        assert_int_equal(mid_receipt_verify(c2, l2, K.pub, &out), MID_ERR_RECEIPT_SIG);
    }
}

static void test_chain_rules(void **state)
{
    mid_receipt_chain c;
    mid_receipt r[NREC];
    size_t i;
    (void)state;
    build_chain();
    for (i = 0; i < NREC; i++)
        assert_int_equal(mid_receipt_verify(CB.rec[i], CB.len[i], K.pub, &r[i]), MID_OK);
    /* whole chain from genesis */
    assert_int_equal(mid_receipt_chain_init(&c, K.kid), MID_OK);
    for (i = 0; i < NREC; i++)
        assert_int_equal(mid_receipt_chain_check(&c, &r[i], CB.rec[i], CB.len[i], 0), MID_OK);
    /* a genesis from another device key does not fit */
    assert_int_equal(mid_receipt_chain_init(&c, OTHER.kid), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[0], CB.rec[0], CB.len[0], 0),
                     MID_ERR_RECEIPT_PREV);
    /* strict chain: gap, repeat, back */
    assert_int_equal(mid_receipt_chain_init(&c, K.kid), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[0], CB.rec[0], CB.len[0], 0), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[2], CB.rec[2], CB.len[2], 0), MID_ERR_RECEIPT_GAP);
    assert_int_equal(mid_receipt_chain_check(&c, &r[0], CB.rec[0], CB.len[0], 0), MID_ERR_RECEIPT_ORDER);
    /* mid-chain start, then a subset with gaps still linked where adjacent */
    mid_receipt_chain_init_any(&c, K.kid);
    assert_int_equal(mid_receipt_chain_check(&c, &r[1], CB.rec[1], CB.len[1], 1), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[3], CB.rec[3], CB.len[3], 1), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[4], CB.rec[4], CB.len[4], 1), MID_OK);
    assert_int_equal(mid_receipt_chain_check(&c, &r[4], CB.rec[4], CB.len[4], 1), MID_ERR_RECEIPT_ORDER);
    /* a seq-1 receipt must carry the genesis hash even in an anchor-less start */
    {
        mid_receipt fake = r[0];
        memset(fake.prev, 0, sizeof fake.prev);
        mid_receipt_chain_init_any(&c, K.kid);
        assert_int_equal(mid_receipt_chain_check(&c, &fake, CB.rec[0], CB.len[0], 0),
                         MID_ERR_RECEIPT_PREV);
    }
}

static void check(const uint8_t *buf, size_t len, mid_err want, uint64_t want_index,
                  uint64_t good)
{
    mid_receipt_chain c;
    mid_receipt_report rep;
    assert_int_equal(mid_receipt_chain_init(&c, K.kid), MID_OK);
    assert_int_equal(mid_receipt_check_log(&c, K.pub, buf, len, 0, 0, &rep), want);
    assert_int_equal(rep.err, want);
    assert_int_equal(rep.records, good);
    if (want != MID_OK)
        assert_int_equal(rep.bad_index, want_index);
}

/* The four tamper kinds, each reported at the right record. */
static void test_tamper_kinds(void **state)
{
    static uint8_t t[sizeof CB.log];
    size_t n;
    (void)state;
    build_chain();
    check(CB.log, CB.log_len, MID_OK, 0, NREC);
    /* missing: record 3 (seq 3) deleted -> record 3 is now seq 4 */
    n = CB.off[2];
    memcpy(t, CB.log, n);
    memcpy(t + n, CB.log + CB.off[3], CB.log_len - CB.off[3]);
    check(t, CB.log_len - CB.len[2], MID_ERR_RECEIPT_GAP, 3, 2);
    /* reordered: records 4 and 5 swapped */
    memcpy(t, CB.log, CB.log_len);
    memcpy(t + CB.off[3], CB.rec[4], CB.len[4]);
    memcpy(t + CB.off[3] + CB.len[4], CB.rec[3], CB.len[3]);
    check(t, CB.log_len, MID_ERR_RECEIPT_GAP, 4, 3);
    /* repeated: record 2 appended again after 2 */
    n = CB.off[2];
    memcpy(t, CB.log, n);
    memcpy(t + n, CB.rec[1], CB.len[1]);
    check(t, n + CB.len[1], MID_ERR_RECEIPT_ORDER, 3, 2);
    /* altered: one byte of record 5's payload (its time) changed */
    memcpy(t, CB.log, CB.log_len);
    t[CB.off[4] + 20] ^= 0x01u;
    {
        mid_receipt_chain c;
        mid_receipt_report rep;
        mid_receipt_chain_init(&c, K.kid);
        assert_int_not_equal(mid_receipt_check_log(&c, K.pub, t, CB.log_len, 0, 0, &rep), MID_OK);
        assert_int_equal(rep.bad_index, 5);
        assert_int_equal(rep.records, 4);
    }
    /* altered: one bit of record 2's signature */
    memcpy(t, CB.log, CB.log_len);
    t[CB.off[1] + CB.len[1] - 1u] ^= 0x80u;
    check(t, CB.log_len, MID_ERR_RECEIPT_SIG, 2, 1);
    /* foreign: record 4 replaced by one with the same fields signed by
     * another key (as an attacker without the device key must) */
    {
        mid_receipt r;
        uint8_t f[MID_RECEIPT_MAX_COSE];
        size_t fl;
        assert_int_equal(mid_receipt_verify(CB.rec[3], CB.len[3], K.pub, &r), MID_OK);
        assert_int_equal(mid_receipt_sign(&r, OTHER.priv, OTHER.kid, f, sizeof f, &fl), MID_OK);
        memcpy(t, CB.log, CB.off[3]);
        memcpy(t + CB.off[3], f, fl);
        memcpy(t + CB.off[3] + fl, CB.log + CB.off[4], CB.log_len - CB.off[4]);
        check(t, CB.off[3] + fl + CB.log_len - CB.off[4], MID_ERR_RECEIPT_FOREIGN, 4, 3);
        /* replaced by a validly signed record with another content (a
         * device-key holder rewriting history): the next link breaks */
        r.time += 60;
        assert_int_equal(mid_receipt_sign(&r, K.priv, K.kid, f, sizeof f, &fl), MID_OK);
        memcpy(t + CB.off[3], f, fl);
        memcpy(t + CB.off[3] + fl, CB.log + CB.off[4], CB.log_len - CB.off[4]);
        check(t, CB.off[3] + fl + CB.log_len - CB.off[4], MID_ERR_RECEIPT_PREV, 5, 4);
    }
    /* garbage in the middle: damaged, the walker does not resync past it */
    memcpy(t, CB.log, CB.log_len);
    t[CB.off[2]] = 0xFF;
    check(t, CB.log_len, MID_ERR_RECEIPT_RECORD, 3, 2);
}

/* A cut anywhere inside the last record: the records before it verify,
 * the cut one is reported as torn, never as valid. */
static void test_truncation_every_offset(void **state)
{
    size_t cut;
    (void)state;
    build_chain();
    for (cut = CB.off[NREC - 1] + 1u; cut < CB.log_len; cut++)
        check(CB.log, cut, MID_ERR_RECEIPT_TORN, NREC, NREC - 1);
    check(CB.log, CB.off[NREC - 1], MID_OK, 0, NREC - 1);
    /* zero fill after a whole record */
    {
        static uint8_t t[sizeof CB.log + 100];
        memcpy(t, CB.log, CB.log_len);
        memset(t + CB.log_len, 0, 100);
        check(t, CB.log_len + 100, MID_ERR_RECEIPT_TORN, NREC + 1, NREC);
    }
}

static void test_decision_and_tag(void **state)
{
    mid_result res;
    mid_view v;
    mid_receipt r;
    uint8_t id[MID_CRED_ID_LEN] = {1, 2, 3, 4, 5, 6, 7, 8}, t1[16], t2[16], t3[16];
    static const uint8_t k1[] = "deployer secret one", k2[] = "deployer secret two";
    (void)state;
    memset(&res, 0, sizeof res);
    memset(&v, 0, sizeof v);
    res.verdict = MID_VERDICT_VALID;
    v.items = MID_ITEM_ADULT;
    v.adult = 0;
    assert_int_equal(mid_receipt_decision(MID_PURPOSE_ADULT, &res, &v), MID_DECISION_MINOR);
    v.adult = 1;
    assert_int_equal(mid_receipt_decision(MID_PURPOSE_ADULT, &res, &v), MID_DECISION_ADULT);
    v.items = MID_ITEM_LICENCE_STATUS;
    v.licence_state = MID_LICSTATE_EXPIRED;
    assert_int_equal(mid_receipt_decision(MID_PURPOSE_LICENCE, &res, &v), MID_DECISION_LICENCE_EXPIRED);
    v.items = MID_ITEM_NAME;
    assert_int_equal(mid_receipt_decision(MID_PURPOSE_CUSTOM, &res, &v), MID_DECISION_SHOWN);
    assert_int_equal(mid_receipt_decision(MID_PURPOSE_REAL_NAME, &res, NULL), MID_DECISION_IDENTIFIED);
    /* a valid adult check without its view cannot be written */
    assert_int_equal(mid_receipt_from_result(&r, 100, MID_PURPOSE_ADULT, &res, NULL, NULL, 1, 1),
                     MID_ERR_ARG);
    res.verdict = MID_VERDICT_INVALID;
    res.failed_check = MID_CHECK_REVOKED;
    res.err = MID_ERR_REVOKED;
    assert_int_equal(mid_receipt_from_result(&r, 100, MID_PURPOSE_ADULT, &res, NULL, "tx-1", 1, 2),
                     MID_OK);
    assert_int_equal(r.decision, MID_DECISION_NONE);
    assert_int_equal(r.err, MID_ERR_REVOKED);
    assert_string_equal(r.txn, "tx-1");
    assert_int_equal(mid_receipt_from_result(&r, 100, MID_PURPOSE_ADULT, &res, NULL, "bad id!", 1, 2),
                     MID_ERR_POS_TXN);
    /* keyed tag: stable per key, different across keys and ids */
    assert_int_equal(mid_receipt_cred_tag(k1, sizeof k1 - 1, id, t1), MID_OK);
    assert_int_equal(mid_receipt_cred_tag(k1, sizeof k1 - 1, id, t2), MID_OK);
    assert_memory_equal(t1, t2, 16);
    assert_int_equal(mid_receipt_cred_tag(k2, sizeof k2 - 1, id, t3), MID_OK);
    assert_memory_not_equal(t1, t3, 16);
    /* RFC 4231 test case 1 (its data "Hi There" is 8 bytes, an id's
     * length): key 20 x 0x0b, HMAC-SHA256 b0344c61...; first 16 bytes */
    {
        uint8_t key1[20];
        static const uint8_t want[16] = {0xb0, 0x34, 0x4c, 0x61, 0xd8, 0xdb, 0x38, 0x53,
                                         0x5c, 0xa8, 0xaf, 0xce, 0xaf, 0x0b, 0xf1, 0x2b};
        memset(key1, 0x0b, sizeof key1);
        assert_int_equal(mid_receipt_cred_tag(key1, sizeof key1, (const uint8_t *)"Hi There", t1),
                         MID_OK);
        assert_memory_equal(t1, want, 16);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_roundtrip_and_determinism),
        cmocka_unit_test(test_parser_strict),
        cmocka_unit_test(test_verify_foreign_and_altered),
        cmocka_unit_test(test_chain_rules),
        cmocka_unit_test(test_tamper_kinds),
        cmocka_unit_test(test_truncation_every_offset),
        cmocka_unit_test(test_decision_and_tag),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
