/* The core alone: libmid_core.a + tests/fakes/fake_crypto.c + cmocka, and
 * nothing else (the Makefile links this binary by its own rule, without
 * mbedTLS, SDL, ZBar, V4L2 or the adapters). That it links at all proves
 * the core needs no library but libc and the crypto interface; the tests
 * then run the whole verify path on data built with the core's own
 * encoders and signed by the fake, and check no adapter library got into
 * the process. */
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fakes/fake_crypto.h"
#include "mid/mid.h"

#define T_NOW 1795000000 /* 2026-11-19T05:06:40Z */
#define DAY 86400

typedef struct keypair {
    uint8_t priv[MID_P256_COORD_LEN];
    uint8_t pub[MID_P256_POINT_LEN];
    uint8_t kid[MID_KID_LEN];
} keypair;

typedef struct world {
    keypair root, issuer, device;
    uint8_t trust_bundle[1024];
    size_t trust_len;
    uint8_t revocation_bundle[256];
    size_t revocation_len;
    mid_trust_store trust;
    mid_revocation revocation;
} world;

static void keygen(keypair *k)
{
    assert_int_equal(mid_crypto_p256_keygen(k->priv, k->pub), MID_OK);
    assert_int_equal(mid_kid_of(k->pub, k->kid), MID_OK);
}

/* COSE_Sign1 over payload by k, kid in the protected header or not. */
static void sign1(const keypair *k, int with_kid, const uint8_t *payload, size_t len,
                  mid_cbor_writer *w)
{
    uint8_t prot[32], hash[MID_SHA256_LEN], sig[MID_P256_SIG_LEN];
    size_t prot_len;
    mid_cose_sign1 m;

    assert_int_equal(mid_cose_protected_encode(with_kid ? k->kid : NULL, prot, sizeof prot, &prot_len), MID_OK);
    memset(&m, 0, sizeof m);
    m.protected_raw = prot;
    m.protected_len = prot_len;
    m.payload = payload;
    m.payload_len = len;
    assert_int_equal(mid_cose_sign1_tbs_hash(&m, hash), MID_OK);
    assert_int_equal(mid_crypto_p256_sign(k->priv, hash, sig), MID_OK);
    assert_int_equal(mid_cose_sign1_encode(prot, prot_len, payload, len, sig, w), MID_OK);
}

static size_t bundle(const keypair *root, int kind, const uint8_t *body, size_t body_len,
                     uint8_t *out, size_t cap)
{
    uint8_t payload[512];
    mid_cbor_writer w;

    mid_cbor_writer_init(&w, payload, sizeof payload);
    mid_cbor_put_map(&w, 4);
    mid_cbor_put_uint(&w, MID_BUNDLE_KIND);
    mid_cbor_put_uint(&w, (uint64_t)kind);
    mid_cbor_put_uint(&w, MID_BUNDLE_ISSUED);
    mid_cbor_put_uint(&w, T_NOW - DAY);
    mid_cbor_put_uint(&w, MID_BUNDLE_SEQ);
    mid_cbor_put_uint(&w, 1);
    mid_cbor_put_uint(&w, MID_BUNDLE_BODY);
    mid_cbor_put_raw(&w, body, body_len);
    assert_int_equal(w.err, MID_OK);
    {
        mid_cbor_writer o;
        mid_cbor_writer_init(&o, out, cap);
        sign1(root, 1, payload, w.len, &o);
        return o.len;
    }
}

static void make_world(world *wd)
{
    uint8_t body[256];
    mid_cbor_writer w;

    memset(wd, 0, sizeof *wd);
    keygen(&wd->root);
    keygen(&wd->issuer);
    keygen(&wd->device);
    mid_cbor_writer_init(&w, body, sizeof body);
    mid_cbor_put_array(&w, 1);
    mid_cbor_put_map(&w, 5);
    mid_cbor_put_uint(&w, MID_TKEY_KID);
    mid_cbor_put_bstr(&w, wd->issuer.kid, MID_KID_LEN);
    mid_cbor_put_uint(&w, MID_TKEY_PUB);
    mid_cbor_put_bstr(&w, wd->issuer.pub, MID_P256_POINT_LEN);
    mid_cbor_put_uint(&w, MID_TKEY_DOCTYPES);
    mid_cbor_put_uint(&w, MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD));
    mid_cbor_put_uint(&w, MID_TKEY_NBF);
    mid_cbor_put_uint(&w, T_NOW - 365 * DAY);
    mid_cbor_put_uint(&w, MID_TKEY_EXP);
    mid_cbor_put_uint(&w, T_NOW + 365 * DAY);
    assert_int_equal(w.err, MID_OK);
    wd->trust_len = bundle(&wd->root, MID_BUNDLE_KIND_TRUST, body, w.len, wd->trust_bundle,
                           sizeof wd->trust_bundle);
    mid_cbor_writer_init(&w, body, sizeof body);
    mid_cbor_put_bstr(&w, (const uint8_t *)"", 0); /* nothing revoked */
    wd->revocation_len = bundle(&wd->root, MID_BUNDLE_KIND_REVOCATION, body, w.len,
                                wd->revocation_bundle, sizeof wd->revocation_bundle);
    assert_int_equal(mid_trust_load(&wd->trust, wd->trust_bundle, wd->trust_len, wd->root.pub), MID_OK);
    assert_int_equal(mid_revocation_load(&wd->revocation, wd->revocation_bundle, wd->revocation_len,
                                         wd->root.pub),
                     MID_OK);
}

/* A resident card credential by `issuer`, presented by wd->device at iat
 * with nonce byte n, as "MID1:" + Base45 in qr. Returns its length. */
static size_t presentation(const world *wd, const keypair *issuer, int64_t iat, uint8_t n,
                           char *qr, size_t cap)
{
    static const char name[] = "홍길동";
    static const char rrn[] = "9001011234568";
    static const uint8_t cred_id[MID_CRED_ID_LEN] = {1, 2, 3, 4, 5, 6, 7, 8};
    uint8_t cwt[512], cred[768], pay[1024], pres[1280], nonce[MID_NONCE_LEN];
    mid_cbor_writer w, c, p, o;
    size_t len;

    mid_cbor_writer_init(&w, cwt, sizeof cwt);
    mid_cbor_put_map(&w, 5);
    mid_cbor_put_int(&w, MID_CWT_EXP);
    mid_cbor_put_uint(&w, T_NOW + 30 * DAY);
    mid_cbor_put_int(&w, MID_CWT_NBF);
    mid_cbor_put_uint(&w, T_NOW - 30 * DAY);
    mid_cbor_put_int(&w, MID_CWT_CTI);
    mid_cbor_put_bstr(&w, cred_id, sizeof cred_id);
    mid_cbor_put_int(&w, MID_CWT_CNF);
    mid_cbor_put_map(&w, 1);
    mid_cbor_put_int(&w, 1); /* COSE_Key */
    mid_cbor_put_map(&w, 4);
    mid_cbor_put_int(&w, 1); /* kty: EC2 */
    mid_cbor_put_int(&w, 2);
    mid_cbor_put_int(&w, -1); /* crv: P-256 */
    mid_cbor_put_int(&w, 1);
    mid_cbor_put_int(&w, -2);
    mid_cbor_put_bstr(&w, wd->device.pub + 1, MID_P256_COORD_LEN);
    mid_cbor_put_int(&w, -3);
    mid_cbor_put_bstr(&w, wd->device.pub + 1 + MID_P256_COORD_LEN, MID_P256_COORD_LEN);
    mid_cbor_put_int(&w, MID_CWT_MID);
    mid_cbor_put_map(&w, 4);
    mid_cbor_put_uint(&w, MID_CLAIM_DOCTYPE);
    mid_cbor_put_uint(&w, MID_DOC_RESIDENT_CARD);
    mid_cbor_put_uint(&w, MID_CLAIM_NAME);
    mid_cbor_put_tstr(&w, name, sizeof name - 1u);
    mid_cbor_put_uint(&w, MID_CLAIM_RRN);
    mid_cbor_put_tstr(&w, rrn, sizeof rrn - 1u);
    mid_cbor_put_uint(&w, MID_CLAIM_ISSUE_DATE);
    mid_cbor_put_uint(&w, 20200315);
    assert_int_equal(w.err, MID_OK);

    mid_cbor_writer_init(&c, cred, sizeof cred);
    sign1(issuer, 1, cwt, w.len, &c);

    memset(nonce, n, sizeof nonce);
    mid_cbor_writer_init(&p, pay, sizeof pay);
    mid_cbor_put_map(&p, 3);
    mid_cbor_put_uint(&p, MID_PRES_CRED);
    mid_cbor_put_raw(&p, cred, c.len);
    mid_cbor_put_uint(&p, MID_PRES_IAT);
    mid_cbor_put_uint(&p, (uint64_t)iat);
    mid_cbor_put_uint(&p, MID_PRES_NONCE);
    mid_cbor_put_bstr(&p, nonce, sizeof nonce);
    assert_int_equal(p.err, MID_OK);

    mid_cbor_writer_init(&o, pres, sizeof pres);
    sign1(&wd->device, 0, pay, p.len, &o);

    memcpy(qr, MID_QR_PREFIX, MID_QR_PREFIX_LEN);
    assert_int_equal(mid_base45_encode(pres, o.len, qr + MID_QR_PREFIX_LEN, cap - MID_QR_PREFIX_LEN, &len),
                     MID_OK);
    return MID_QR_PREFIX_LEN + len;
}

static void test_fake_sha256_is_sha256(void **state)
{
    /* FIPS 180-2 appendix B.1 ("abc") and the two-block B.2 */
    static const uint8_t abc[MID_SHA256_LEN] = {
        0xba, 0x78, 0x16, 0xbf, 0x8f, 0x01, 0xcf, 0xea, 0x41, 0x41, 0x40, 0xde, 0x5d, 0xae, 0x22, 0x23,
        0xb0, 0x03, 0x61, 0xa3, 0x96, 0x17, 0x7a, 0x9c, 0xb4, 0x10, 0xff, 0x61, 0xf2, 0x00, 0x15, 0xad};
    static const uint8_t two[MID_SHA256_LEN] = {
        0x24, 0x8d, 0x6a, 0x61, 0xd2, 0x06, 0x38, 0xb8, 0xe5, 0xc0, 0x26, 0x93, 0x0c, 0x3e, 0x60, 0x39,
        0xa3, 0x3c, 0xe4, 0x59, 0x64, 0xff, 0x21, 0x67, 0xf6, 0xec, 0xed, 0xd4, 0x19, 0xdb, 0x06, 0xc1};
    static const char msg2[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    uint8_t h[MID_SHA256_LEN];
    mid_span parts[2];
    (void)state;

    parts[0].ptr = (const uint8_t *)"ab";
    parts[0].len = 2;
    parts[1].ptr = (const uint8_t *)"c";
    parts[1].len = 1;
    assert_int_equal(mid_crypto_sha256(parts, 2, h), MID_OK);
    assert_memory_equal(h, abc, sizeof h);
    parts[0].ptr = (const uint8_t *)msg2;
    parts[0].len = sizeof msg2 - 1u;
    assert_int_equal(mid_crypto_sha256(parts, 1, h), MID_OK);
    assert_memory_equal(h, two, sizeof h);
}

static void test_verify_path_without_libraries(void **state)
{
    static world wd;
    static mid_verify_ctx ctx;
    static mid_result res;
    char qr[MID_MAX_QR_TEXT + 1];
    size_t n;
    mid_request req = mid_request_for(MID_PURPOSE_REAL_NAME);
    (void)state;

    make_world(&wd);
    assert_int_equal(mid_verify_init(&ctx, &wd.trust, &wd.revocation, NULL), MID_OK);

    n = presentation(&wd, &wd.issuer, T_NOW - 2, 1, qr, sizeof qr);
    assert_int_equal(mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res), MID_OK);
    assert_int_equal(res.verdict, MID_VERDICT_VALID);
    assert_string_equal(res.claims.name, "홍길동");
    assert_int_equal(res.claims.doctype, MID_DOC_RESIDENT_CARD);
    mid_result_wipe(&res);

    /* the same presentation again: anti-passback */
    assert_int_equal(mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res), MID_ERR_REPLAY);
    assert_int_equal(res.failed_check, MID_CHECK_REPLAY);
    assert_int_equal(res.claims.name[0], '\0'); /* wiped on INVALID */

    /* one character of the Base45 text changed near the end (the device
     * signature): the device signature fails, nothing is shown */
    n = presentation(&wd, &wd.issuer, T_NOW - 1, 2, qr, sizeof qr);
    qr[n - 2] = qr[n - 2] == '0' ? '1' : '0';
    mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res);
    assert_int_equal(res.verdict, MID_VERDICT_INVALID);
    assert_int_equal(res.failed_check, MID_CHECK_DEVICE_SIGNATURE);
    assert_int_equal(res.err, MID_ERR_DEVICE_SIG);

    /* a credential from a key the trust bundle does not pin */
    {
        keypair other;
        keygen(&other);
        n = presentation(&wd, &other, T_NOW - 1, 3, qr, sizeof qr);
        assert_int_equal(mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res),
                         MID_ERR_UNKNOWN_KID);
        assert_int_equal(res.failed_check, MID_CHECK_ISSUER_KEY);
    }

    /* the same credential in a new presentation: the issuer signature
     * comes from the cache, only the device signature is checked */
    {
        unsigned long calls = fake_crypto_verify_calls();
        n = presentation(&wd, &wd.issuer, T_NOW - 1, 5, qr, sizeof qr);
        assert_int_equal(mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res), MID_OK);
        assert_int_equal(fake_crypto_verify_calls() - calls, 1);
        mid_result_wipe(&res);
    }

    /* stale: 61 s old with a 60 s window */
    n = presentation(&wd, &wd.issuer, T_NOW - 61, 4, qr, sizeof qr);
    assert_int_equal(mid_verify(&ctx, (const uint8_t *)qr, n, &req, T_NOW, &res), MID_ERR_STALE);
    mid_result_wipe(&res);
}

/* mid_verify's stack, measured by painting: a thread runs on a stack we
 * filled with a pattern; what it overwrote is what it used. A thread that
 * does nothing gives the baseline (glibc keeps the thread descriptor and
 * TLS at the top of a caller-supplied stack). docs/internals.md quotes the
 * figure, with this fake and with mbedTLS. */
#define STACK_BYTES (256u * 1024u)
#define STACK_PAINT 0xA5u
#define VERIFY_STACK_BUDGET (16u * 1024u)

typedef struct stack_job {
    int run_verify;
    world *wd;
    const char *qr;
    size_t qr_len;
    mid_err err;
} stack_job;

static void *stack_thread(void *arg)
{
    static mid_verify_ctx ctx;
    static mid_result res;
    stack_job *j = arg;
    mid_request req = mid_request_for(MID_PURPOSE_REAL_NAME);

    if (j->run_verify) {
        j->err = mid_verify_init(&ctx, &j->wd->trust, &j->wd->revocation, NULL);
        if (j->err == MID_OK)
            j->err = mid_verify(&ctx, (const uint8_t *)j->qr, j->qr_len, &req, T_NOW, &res);
        mid_result_wipe(&res);
    }
    return NULL;
}

static size_t stack_used(stack_job *j)
{
    uint8_t *stack = aligned_alloc(4096, STACK_BYTES);
    pthread_attr_t attr;
    pthread_t th;
    size_t i = 0;

    assert_non_null(stack);
    memset(stack, STACK_PAINT, STACK_BYTES);
    assert_int_equal(pthread_attr_init(&attr), 0);
    assert_int_equal(pthread_attr_setstack(&attr, stack, STACK_BYTES), 0);
    assert_int_equal(pthread_create(&th, &attr, stack_thread, j), 0);
    assert_int_equal(pthread_join(th, NULL), 0);
    pthread_attr_destroy(&attr);
    while (i < STACK_BYTES && stack[i] == STACK_PAINT)
        i++;
    free(stack);
    return STACK_BYTES - i;
}

static void test_verify_stack_budget(void **state)
{
    static world wd;
    static char qr[MID_MAX_QR_TEXT + 1];
    stack_job idle, job;
    size_t base, used;
    (void)state;

    /* Painting a thread's stack and reading it back after the thread ended
     * is exactly what valgrind reports (reads of a dead stack), and under
     * valgrind the stack is its own: measured in the other phases only. */
    if (getenv("MID_VALGRIND")) {
        skip();
        return;
    }
    make_world(&wd);
    memset(&idle, 0, sizeof idle);
    memset(&job, 0, sizeof job);
    job.run_verify = 1;
    job.wd = &wd;
    job.qr = qr;
    job.qr_len = presentation(&wd, &wd.issuer, T_NOW - 2, 9, qr, sizeof qr);
    base = stack_used(&idle);
    used = stack_used(&job);
    assert_int_equal(job.err, MID_OK);
    assert_true(used > base);
    printf("mid_verify stack: %zu bytes (thread baseline %zu subtracted)\n", used - base, base);
    assert_true(used - base < VERIFY_STACK_BUDGET);
}

/* The process holds no adapter library: a dynamic dependency of this
 * binary would show in its own memory map. */
static void test_no_adapter_library_loaded(void **state)
{
    static const char *banned[] = {"libmbed", "libSDL2", "libzbar", "libv4l", "libZXing", "libpng"};
    char line[512];
    FILE *f = fopen("/proc/self/maps", "r");
    int lines = 0;
    (void)state;

    if (!f)
        skip();
    while (fgets(line, sizeof line, f)) {
        lines++;
        for (size_t i = 0; i < sizeof banned / sizeof banned[0]; i++) {
            if (strstr(line, banned[i])) {
                fclose(f);
                fail_msg("%s is mapped: %s", banned[i], line);
            }
        }
    }
    fclose(f);
    assert_true(lines > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_fake_sha256_is_sha256),
        cmocka_unit_test(test_verify_path_without_libraries),
        cmocka_unit_test(test_verify_stack_budget),
        cmocka_unit_test(test_no_adapter_library_loaded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
