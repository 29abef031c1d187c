/* COSE_Sign1 (RFC 9052) as the kiosk accepts it: tag 18, four items,
 * protected header exactly {1: -7} or {1: -7, 4: kid(8)}, empty
 * unprotected header, attached payload, 64-byte signature. Every other
 * shape is refused with its own error. The Sig_structure hash is checked
 * against a hand-built encoding and against RFC 9052 Appendix C.2.1. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_cose.h"
#include "mid/mid_crypto.h"
#include "mid/mid_payload.h"

static const uint8_t KID[8] = {0x6b, 0x69, 0x6f, 0x73, 0x6b, 0x30, 0x30, 0x31};
static uint8_t SIG[64];

/* Protected headers as bstr contents. */
static const uint8_t P_ES256[] = {0xa1, 0x01, 0x26};
static const uint8_t P_ES256_KID[] = {0xa2, 0x01, 0x26, 0x04, 0x48, 0x6b, 0x69,
                                      0x6f, 0x73, 0x6b, 0x30, 0x30, 0x31};

typedef struct part {
    const uint8_t *p;
    size_t len;
} part;
#define PART(...)                                                              \
    (part)                                                                     \
    {                                                                          \
        (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__}) \
    }
#define NOPART ((part){NULL, 0})

/* One message from raw pieces: head bytes (tag + array), then each item
 * already encoded. */
typedef struct msg_spec {
    const char *what;
    int kid_required;
    part head;
    part prot; /* bstr contents; wrapped here unless prot_raw given */
    part prot_raw;
    part unprot;  /* encoded item */
    part payload; /* encoded item */
    part sig;     /* encoded item */
    part extra;   /* a fifth item */
    mid_err want;
} msg_spec;

static size_t build(const msg_spec *s, uint8_t *buf, size_t cap)
{
    mid_cbor_writer w;
    mid_cbor_writer_init(&w, buf, cap);
    mid_cbor_put_raw(&w, s->head.p, s->head.len);
    if (s->prot_raw.p)
        mid_cbor_put_raw(&w, s->prot_raw.p, s->prot_raw.len);
    else
        mid_cbor_put_bstr(&w, s->prot.p, s->prot.len);
    mid_cbor_put_raw(&w, s->unprot.p, s->unprot.len);
    mid_cbor_put_raw(&w, s->payload.p, s->payload.len);
    if (s->sig.p)
        mid_cbor_put_raw(&w, s->sig.p, s->sig.len);
    else
        mid_cbor_put_bstr(&w, SIG, sizeof SIG);
    if (s->extra.p)
        mid_cbor_put_raw(&w, s->extra.p, s->extra.len);
    assert_int_equal(w.err, MID_OK);
    return w.len;
}

#define TAG18_4 PART(0xd2, 0x84)
#define EMPTY_MAP PART(0xa0)
#define PAYLOAD PART(0x43, 'a', 'b', 'c')
#define PROT_KID PART(0xa2, 0x01, 0x26, 0x04, 0x48, 0x6b, 0x69, 0x6f, 0x73, 0x6b, 0x30, 0x30, 0x31)
#define PROT_NOKID PART(0xa1, 0x01, 0x26)

static void sig_bstr(uint8_t *out, size_t n)
{
    /* head for n <= 255 */
    if (n < 24u) {
        out[0] = (uint8_t)(0x40u | n);
    } else {
        out[0] = 0x58;
        out[1] = (uint8_t)n;
    }
}

static void test_valid_shapes(void **state)
{
    uint8_t buf[256];
    size_t n;
    mid_cbor_reader r;
    mid_cose_sign1 m;
    (void)state;
    /* with kid (credential, bundle) */
    {
        msg_spec s = {"kid", 1, TAG18_4, PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_OK};
        n = build(&s, buf, sizeof buf);
    }
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    mid_cbor_reader_init(&r, buf, n);
    assert_int_equal(mid_cose_sign1_read(&r, 1, &m), MID_OK);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    assert_int_equal(m.has_kid, 1);
    assert_memory_equal(m.kid, KID, 8);
    assert_int_equal(m.protected_len, sizeof P_ES256_KID);
    assert_memory_equal(m.protected_raw, P_ES256_KID, sizeof P_ES256_KID);
    assert_int_equal(m.payload_len, 3);
    assert_memory_equal(m.payload, "abc", 3);
    assert_memory_equal(m.sig, SIG, 64);
    /* without kid (presentation) */
    {
        msg_spec s = {"nokid", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_OK};
        n = build(&s, buf, sizeof buf);
    }
    mid_cbor_reader_init(&r, buf, n);
    assert_int_equal(mid_cose_sign1_read(&r, 0, &m), MID_OK);
    assert_int_equal(m.has_kid, 0);
    assert_int_equal(m.protected_len, sizeof P_ES256);
    /* an empty payload is still attached */
    {
        msg_spec s = {"empty payload", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PART(0x40), NOPART, NOPART, MID_OK};
        n = build(&s, buf, sizeof buf);
    }
    mid_cbor_reader_init(&r, buf, n);
    assert_int_equal(mid_cose_sign1_read(&r, 0, &m), MID_OK);
    assert_int_equal(m.payload_len, 0);
}

static void test_shape_rejections(void **state)
{
    uint8_t sig63[2 + 63], sig65[2 + 65];
    (void)state;
    memset(sig63, 0x11, sizeof sig63);
    memset(sig65, 0x11, sizeof sig65);
    sig_bstr(sig63, 63);
    sig_bstr(sig65, 65);
    const msg_spec specs[] = {
        /* envelope */
        {"untagged", 1, PART(0x84), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART,
         MID_ERR_CBOR_TYPE},
        {"tag 17 (COSE_Mac0)", 1, PART(0xd1, 0x84), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_STRUCTURE},
        {"tag 98 (COSE_Sign)", 1, PART(0xd8, 0x62, 0x84), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_COSE_STRUCTURE},
        {"tag 18 in 2 bytes", 1, PART(0xd8, 0x12, 0x84), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_CBOR_NONCANONICAL},
        {"tag 18 twice", 1, PART(0xd2, 0xd2, 0x84), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_CBOR_TYPE},
        {"array of 3", 1, PART(0xd2, 0x83), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART,
         MID_ERR_COSE_STRUCTURE},
        {"array of 5", 1, PART(0xd2, 0x85), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         PART(0x40), MID_ERR_COSE_STRUCTURE},
        {"map instead of array", 1, PART(0xd2, 0xa2), PROT_KID, NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_CBOR_TYPE},
        /* protected header */
        {"protected as map, not bstr", 1, TAG18_4, NOPART,
         PART(0xa2, 0x01, 0x26, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8), EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_CBOR_TYPE},
        {"alg -35 (ES384)", 0, TAG18_4, PART(0xa1, 0x01, 0x38, 0x22), NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_COSE_ALG},
        {"alg -35 with kid", 1, TAG18_4,
         PART(0xa2, 0x01, 0x38, 0x22, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8), NOPART, EMPTY_MAP,
         PAYLOAD, NOPART, NOPART, MID_ERR_COSE_ALG},
        {"alg -8 (EdDSA)", 0, TAG18_4, PART(0xa1, 0x01, 0x27), NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_ALG},
        {"alg 0", 0, TAG18_4, PART(0xa1, 0x01, 0x00), NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART,
         MID_ERR_COSE_ALG},
        {"alg as text \"ES256\"", 0, TAG18_4, PART(0xa1, 0x01, 0x65, 'E', 'S', '2', '5', '6'),
         NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_ALG},
        {"extra parameter 3 (no kid)", 0, TAG18_4, PART(0xa2, 0x01, 0x26, 0x03, 0x00), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"extra parameter 5 after kid", 1, TAG18_4,
         PART(0xa3, 0x01, 0x26, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8, 0x05, 0x41, 0x00), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"crit (label 2), no kid", 0, TAG18_4, PART(0xa2, 0x01, 0x26, 0x02, 0x81, 0x04), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"crit (label 2) instead of kid", 1, TAG18_4, PART(0xa2, 0x01, 0x26, 0x02, 0x81, 0x04),
         NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"crit (label 2) with kid", 1, TAG18_4,
         PART(0xa3, 0x01, 0x26, 0x02, 0x81, 0x04, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"kid of 7 bytes", 1, TAG18_4, PART(0xa2, 0x01, 0x26, 0x04, 0x47, 1, 2, 3, 4, 5, 6, 7),
         NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"kid of 9 bytes", 1, TAG18_4,
         PART(0xa2, 0x01, 0x26, 0x04, 0x49, 1, 2, 3, 4, 5, 6, 7, 8, 9), NOPART, EMPTY_MAP,
         PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"kid as text", 1, TAG18_4,
         PART(0xa2, 0x01, 0x26, 0x04, 0x68, 'k', 'i', 'o', 's', 'k', '0', '0', '1'), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"kid where none is expected", 0, TAG18_4, PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_HEADER},
        {"kid required but absent", 1, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_HEADER},
        {"kid without alg", 0, TAG18_4, PART(0xa1, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"empty protected map", 0, TAG18_4, PART(0xa0), NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_HEADER},
        {"zero-length protected", 0, TAG18_4, NOPART, PART(0x40), EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_CBOR_TRUNCATED},
        {"protected not a map", 0, TAG18_4, PART(0x01), NOPART, EMPTY_MAP, PAYLOAD, NOPART,
         NOPART, MID_ERR_COSE_STRUCTURE},
        {"protected as array", 0, TAG18_4, PART(0x82, 0x01, 0x26), NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_COSE_STRUCTURE},
        {"protected alg non-canonical", 0, TAG18_4, PART(0xa1, 0x01, 0x38, 0x06), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_CBOR_NONCANONICAL},
        {"protected trailing byte", 0, TAG18_4, PART(0xa1, 0x01, 0x26, 0x00), NOPART, EMPTY_MAP,
         PAYLOAD, NOPART, NOPART, MID_ERR_CBOR_TRAILING},
        {"protected keys out of order", 1, TAG18_4,
         PART(0xa2, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8, 0x01, 0x26), NOPART, EMPTY_MAP, PAYLOAD,
         NOPART, NOPART, MID_ERR_CBOR_KEY_ORDER},
        {"protected duplicate alg", 0, TAG18_4, PART(0xa2, 0x01, 0x26, 0x01, 0x26), NOPART,
         EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_ERR_CBOR_DUP_KEY},
        /* unprotected header */
        {"non-empty unprotected (kid)", 1, TAG18_4, PROT_KID, NOPART,
         PART(0xa1, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8), PAYLOAD, NOPART, NOPART,
         MID_ERR_COSE_HEADER},
        {"non-empty unprotected (alg)", 0, TAG18_4, PROT_NOKID, NOPART, PART(0xa1, 0x01, 0x26),
         PAYLOAD, NOPART, NOPART, MID_ERR_COSE_HEADER},
        {"unprotected as array", 0, TAG18_4, PROT_NOKID, NOPART, PART(0x80), PAYLOAD, NOPART,
         NOPART, MID_ERR_CBOR_TYPE},
        {"unprotected as bstr", 0, TAG18_4, PROT_NOKID, NOPART, PART(0x40), PAYLOAD, NOPART,
         NOPART, MID_ERR_CBOR_TYPE},
        {"unprotected non-canonical", 0, TAG18_4, PROT_NOKID, NOPART, PART(0xb8, 0x00), PAYLOAD,
         NOPART, NOPART, MID_ERR_CBOR_NONCANONICAL},
        /* payload */
        {"nil payload (detached)", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PART(0xf6), NOPART,
         NOPART, MID_ERR_CBOR_UNSUPPORTED},
        {"payload as text", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PART(0x63, 'a', 'b', 'c'),
         NOPART, NOPART, MID_ERR_CBOR_TYPE},
        {"payload as map", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PART(0xa0), NOPART, NOPART,
         MID_ERR_CBOR_TYPE},
        /* signature */
        {"signature of 63 bytes", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, {sig63, sizeof sig63}, NOPART, MID_ERR_COSE_STRUCTURE},
        {"signature of 65 bytes", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, {sig65, sizeof sig65}, NOPART, MID_ERR_COSE_STRUCTURE},
        {"empty signature", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, PART(0x40),
         NOPART, MID_ERR_COSE_STRUCTURE},
        {"signature as array", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD, PART(0x80),
         NOPART, MID_ERR_CBOR_TYPE},
        {"signature truncated", 0, TAG18_4, PROT_NOKID, NOPART, EMPTY_MAP, PAYLOAD,
         PART(0x58, 0x40, 0x00), NOPART, MID_ERR_CBOR_TRUNCATED},
    };
    uint8_t buf[512];
    for (size_t i = 0; i < sizeof specs / sizeof specs[0]; i++) {
        mid_cbor_reader r;
        mid_cose_sign1 m;
        size_t n = build(&specs[i], buf, sizeof buf);
        mid_cbor_reader_init(&r, buf, n);
        mid_err got = mid_cose_sign1_read(&r, specs[i].kid_required, &m);
        if (got != specs[i].want)
            print_error("case \"%s\": got %d (%s), want %d (%s)\n", specs[i].what, (int)got,
                        mid_err_str(got), (int)specs[i].want, mid_err_str(specs[i].want));
        assert_int_equal(got, specs[i].want);
    }
}

static void test_read_arguments_and_sticky(void **state)
{
    static const uint8_t bad[] = {0x01};
    mid_cbor_reader r;
    mid_cose_sign1 m;
    (void)state;
    mid_cbor_reader_init(&r, bad, sizeof bad);
    assert_int_equal(mid_cose_sign1_read(NULL, 0, &m), MID_ERR_ARG);
    assert_int_equal(mid_cose_sign1_read(&r, 0, NULL), MID_ERR_ARG);
    /* a reader already in error reports that error */
    r.err = MID_ERR_CBOR_DEPTH;
    assert_int_equal(mid_cose_sign1_read(&r, 0, &m), MID_ERR_CBOR_DEPTH);
    /* empty input */
    mid_cbor_reader_init(&r, bad, 0);
    assert_int_equal(mid_cose_sign1_read(&r, 0, &m), MID_ERR_CBOR_TRUNCATED);
}

/* Every cut of a valid message is refused, never read past the end. */
static void test_every_truncation(void **state)
{
    uint8_t buf[256];
    size_t n;
    msg_spec s = {"kid", 1, TAG18_4, PROT_KID, NOPART, EMPTY_MAP, PAYLOAD, NOPART, NOPART, MID_OK};
    (void)state;
    n = build(&s, buf, sizeof buf);
    for (size_t cut = 0; cut < n; cut++) {
        uint8_t *p = malloc(cut ? cut : 1u);
        mid_cbor_reader r;
        mid_cose_sign1 m;
        assert_non_null(p);
        memcpy(p, buf, cut);
        mid_cbor_reader_init(&r, p, cut);
        assert_int_not_equal(mid_cose_sign1_read(&r, 1, &m), MID_OK);
        free(p);
    }
}

/* The bytes of a bstr head, written out by hand (no library encoder). */
static size_t hand_bstr_head(uint8_t *h, size_t len)
{
    if (len < 24u) {
        h[0] = (uint8_t)(0x40u + len);
        return 1;
    }
    if (len < 256u) {
        h[0] = 0x58;
        h[1] = (uint8_t)len;
        return 2;
    }
    if (len < 65536u) {
        h[0] = 0x59;
        h[1] = (uint8_t)(len >> 8);
        h[2] = (uint8_t)len;
        return 3;
    }
    h[0] = 0x5a;
    h[1] = (uint8_t)(len >> 24);
    h[2] = (uint8_t)(len >> 16);
    h[3] = (uint8_t)(len >> 8);
    h[4] = (uint8_t)len;
    return 5;
}

/* ["Signature1", protected, h'', payload], encoded by hand and hashed in
 * one piece, equals mid_cose_sign1_tbs_hash at every head width. */
static void test_sig_structure_hash(void **state)
{
    static const size_t lens[] = {0, 1, 23, 24, 255, 256, 2260, 65535, 65536};
    static uint8_t payload[65536], tbs[65536 + 64];
    (void)state;
    for (size_t i = 0; i < sizeof payload; i++)
        payload[i] = (uint8_t)(i * 7u + 3u);
    for (int with_kid = 0; with_kid <= 1; with_kid++) {
        const uint8_t *prot = with_kid ? P_ES256_KID : P_ES256;
        size_t prot_len = with_kid ? sizeof P_ES256_KID : sizeof P_ES256;
        for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
            mid_cose_sign1 m;
            uint8_t want[32], got[32];
            size_t n = 0;
            mid_span whole;
            memset(&m, 0, sizeof m);
            m.protected_raw = prot;
            m.protected_len = prot_len;
            m.payload = payload;
            m.payload_len = lens[k];
            tbs[n++] = 0x84;
            tbs[n++] = 0x6a;
            memcpy(tbs + n, "Signature1", 10);
            n += 10;
            n += hand_bstr_head(tbs + n, prot_len);
            memcpy(tbs + n, prot, prot_len);
            n += prot_len;
            tbs[n++] = 0x40; /* external_aad: h'' */
            n += hand_bstr_head(tbs + n, lens[k]);
            memcpy(tbs + n, payload, lens[k]);
            n += lens[k];
            whole.ptr = tbs;
            whole.len = n;
            assert_int_equal(mid_crypto_sha256(&whole, 1, want), MID_OK);
            assert_int_equal(mid_cose_sign1_tbs_hash(&m, got), MID_OK);
            assert_memory_equal(got, want, 32);
            /* and the hand-built structure is itself valid, canonical CBOR */
            assert_int_equal(mid_cbor_validate(tbs, n), MID_OK);
        }
    }
    assert_int_equal(mid_cose_sign1_tbs_hash(NULL, payload), MID_ERR_ARG);
}

static int unhex(const char *s, uint8_t *out, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        for (int k = 0; k < 2; k++) {
            char c = s[2 * i + (size_t)k];
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= (unsigned)(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= (unsigned)(c - 'a' + 10);
            else
                return -1;
        }
        out[i] = (uint8_t)v;
    }
    return 0;
}

/* RFC 9052 Appendix C.2.1 (the cose-wg Examples' sign-pass-03): its
 * ToBeSigned bytes and the issuer's real ES256 signature over them, with
 * the key of Appendix C.7.1 (kid "11"). The message itself carries the
 * kid in the unprotected header, which our reader refuses; the
 * Sig_structure and the signature check are what is compared here. */
static void test_rfc9052_c21(void **state)
{
    static const char x_hex[] = "bac5b11cad8f99f9c72b05cf4b9e26d244dc189f745228255a219a86d6a09eff";
    static const char y_hex[] = "20138bf82dc1b6d562be0fa54ab7804a3a64b6d72ccfed6b6fb6ed28bbfc117e";
    static const char sig_hex[] =
        "8eb33e4ca31d1c465ab05aac34cc6b23d58fef5c083106c4d25a91aef0b0117e"
        "2af9a291aa32e14ab834dc56ed2a223444547e01f11d3b0916e5a4c345cacb36";
    /* SHA-256 of ToBeSign_hex
     * 846A5369676E61747572653143A101264054546869732069732074686520636F6E74656E742E */
    static const char tbs_sha_hex[] =
        "4c3363b499e1dac4aafc8d6923f1ca6577dfda80da24e54fb924249064827c88";
    static const uint8_t message[] = {
        0xd2, 0x84, 0x43, 0xa1, 0x01, 0x26, 0xa1, 0x04, 0x42, 0x31, 0x31, 0x54, 0x54, 0x68, 0x69,
        0x73, 0x20, 0x69, 0x73, 0x20, 0x74, 0x68, 0x65, 0x20, 0x63, 0x6f, 0x6e, 0x74, 0x65, 0x6e,
        0x74, 0x2e, 0x58, 0x40, 0x8e, 0xb3, 0x3e, 0x4c, 0xa3, 0x1d, 0x1c, 0x46, 0x5a, 0xb0, 0x5a,
        0xac, 0x34, 0xcc, 0x6b, 0x23, 0xd5, 0x8f, 0xef, 0x5c, 0x08, 0x31, 0x06, 0xc4, 0xd2, 0x5a,
        0x91, 0xae, 0xf0, 0xb0, 0x11, 0x7e, 0x2a, 0xf9, 0xa2, 0x91, 0xaa, 0x32, 0xe1, 0x4a, 0xb8,
        0x34, 0xdc, 0x56, 0xed, 0x2a, 0x22, 0x34, 0x44, 0x54, 0x7e, 0x01, 0xf1, 0x1d, 0x3b, 0x09,
        0x16, 0xe5, 0xa4, 0xc3, 0x45, 0xca, 0xcb, 0x36};
    uint8_t pub[65], sig[64], want[32], got[32];
    mid_cose_sign1 m;
    mid_cbor_reader r;
    (void)state;
    assert_int_equal(mid_crypto_init(), MID_OK);
    pub[0] = 0x04;
    assert_int_equal(unhex(x_hex, pub + 1, 32), 0);
    assert_int_equal(unhex(y_hex, pub + 33, 32), 0);
    assert_int_equal(unhex(sig_hex, sig, 64), 0);
    assert_int_equal(unhex(tbs_sha_hex, want, 32), 0);

    /* well-formed, but refused for the unprotected kid */
    assert_int_equal(mid_cbor_validate(message, sizeof message), MID_OK);
    mid_cbor_reader_init(&r, message, sizeof message);
    assert_int_equal(mid_cose_sign1_read(&r, 0, &m), MID_ERR_COSE_HEADER);

    memset(&m, 0, sizeof m);
    m.protected_raw = P_ES256;
    m.protected_len = sizeof P_ES256;
    m.payload = (const uint8_t *)"This is the content.";
    m.payload_len = 20;
    m.sig = sig;
    assert_int_equal(mid_cose_sign1_tbs_hash(&m, got), MID_OK);
    assert_memory_equal(got, want, 32);
    assert_int_equal(mid_crypto_p256_check_point(pub), MID_OK);
    assert_int_equal(mid_crypto_p256_verify(pub, got, sig, MID_ERR_ISSUER_SIG), MID_OK);
    /* one changed payload byte: the signature no longer holds */
    m.payload = (const uint8_t *)"This is the content!";
    assert_int_equal(mid_cose_sign1_tbs_hash(&m, got), MID_OK);
    assert_int_equal(mid_crypto_p256_verify(pub, got, sig, MID_ERR_ISSUER_SIG), MID_ERR_ISSUER_SIG);
}

static void test_encoders(void **state)
{
    uint8_t prot[32], buf[256];
    size_t len;
    mid_cbor_writer w;
    mid_cbor_reader r;
    mid_cose_sign1 m;
    (void)state;
    assert_int_equal(mid_cose_protected_encode(NULL, prot, sizeof prot, &len), MID_OK);
    assert_int_equal(len, sizeof P_ES256);
    assert_memory_equal(prot, P_ES256, len);
    assert_int_equal(mid_cose_protected_encode(KID, prot, sizeof prot, &len), MID_OK);
    assert_int_equal(len, sizeof P_ES256_KID);
    assert_memory_equal(prot, P_ES256_KID, len);
    assert_int_equal(mid_cose_protected_encode(KID, prot, 12, &len), MID_ERR_BUFFER);
    assert_int_equal(mid_cose_protected_encode(KID, NULL, 12, &len), MID_ERR_ARG);
    assert_int_equal(mid_cose_protected_encode(KID, prot, 12, NULL), MID_ERR_ARG);

    mid_cbor_writer_init(&w, buf, sizeof buf);
    assert_int_equal(mid_cose_sign1_encode(P_ES256_KID, sizeof P_ES256_KID,
                                           (const uint8_t *)"xyz", 3, SIG, &w),
                     MID_OK);
    assert_int_equal(mid_cbor_validate(buf, w.len), MID_OK);
    mid_cbor_reader_init(&r, buf, w.len);
    assert_int_equal(mid_cose_sign1_read(&r, 1, &m), MID_OK);
    assert_memory_equal(m.kid, KID, 8);
    assert_memory_equal(m.payload, "xyz", 3);
    /* too small for the signature */
    mid_cbor_writer_init(&w, buf, 40);
    assert_int_equal(mid_cose_sign1_encode(P_ES256_KID, sizeof P_ES256_KID,
                                           (const uint8_t *)"xyz", 3, SIG, &w),
                     MID_ERR_BUFFER);
    assert_int_equal(mid_cose_sign1_encode(P_ES256, 3, NULL, 0, SIG, NULL), MID_ERR_ARG);
}

static int setup(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof SIG; i++)
        SIG[i] = (uint8_t)(0xA0u + i);
    return 0;
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_valid_shapes),
        cmocka_unit_test(test_shape_rejections),
        cmocka_unit_test(test_read_arguments_and_sticky),
        cmocka_unit_test(test_every_truncation),
        cmocka_unit_test(test_sig_structure_hash),
        cmocka_unit_test(test_rfc9052_c21),
        cmocka_unit_test(test_encoders),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
