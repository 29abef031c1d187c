/* Trust and revocation bundles: mid_trust_load, mid_revocation_load and
 * mid_bundle_info with the vectors' root key.
 *
 * The first input byte selects the mode:
 *   bit 0 = 0: the rest is a whole bundle (tests the envelope; the body is
 *              reached only by the seeds, whose signatures hold);
 *   bit 0 = 1: the rest is a bundle *payload*, which the harness signs
 *              with the test root key (tests/vectors/keys/root.pem) before
 *              loading, so the fuzzer explores the body parsers. Slower
 *              (one ECDSA signature per input), but the only way in.
 * Accepted bundles must satisfy the documented invariants. */
#include "fuzz_common.h"

static uint8_t g_root_pub[MID_P256_POINT_LEN], g_root_priv[MID_P256_COORD_LEN];
static uint8_t g_root_kid[MID_KID_LEN];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    size_t len;
    uint8_t *pem;
    uint8_t pub[MID_P256_POINT_LEN];
    (void)argc;
    (void)argv;
    fuzz_root_pub(g_root_pub);
    pem = fuzz_load("keys/root.pem", &len);
    if (mid_crypto_p256_priv_from_pem((const char *)pem, len, g_root_priv, pub) != MID_OK ||
        memcmp(pub, g_root_pub, sizeof pub) != 0 || mid_kid_of(pub, g_root_kid) != MID_OK) {
        fprintf(stderr, "fuzz_bundle: keys/root.pem does not match root.pub.pem\n");
        abort();
    }
    free(pem);
    return 0;
}

static void check_loaders(const uint8_t *b, size_t len)
{
    static mid_trust_store ts;
    mid_revocation rv;
    int kind = 0;
    int64_t issued = 0;
    uint64_t seq = 0;
    mid_err e_info, e_trust, e_rev;

    e_info = mid_bundle_info(b, len, g_root_pub, &kind, &issued, &seq);
    e_trust = mid_trust_load(&ts, b, len, g_root_pub);
    e_rev = mid_revocation_load(&rv, b, len, g_root_pub);
    FUZZ_ASSERT(!mid_err_is_system(e_info) && !mid_err_is_system(e_trust) &&
                !mid_err_is_system(e_rev));
    /* one bundle is never both kinds */
    FUZZ_ASSERT(!(e_trust == MID_OK && e_rev == MID_OK));
    if (e_trust == MID_OK || e_rev == MID_OK)
        FUZZ_ASSERT(e_info == MID_OK);
    {
        /* the signed header of both formats (docs/trust-lifecycle.md) */
        mid_bundle_meta m;
        mid_err e_meta = mid_bundle_read_meta(b, len, g_root_pub, &m);
        FUZZ_ASSERT(e_meta == e_info);
        if (e_meta == MID_OK) {
            FUZZ_ASSERT(m.kind == kind && m.issued == issued && m.seq == seq);
            if (m.format == MID_BUNDLE_FORMAT_LEGACY) {
                FUZZ_ASSERT(m.valid_until == MID_BUNDLE_LEGACY_SUNSET && m.refresh_s == 0);
            } else {
                FUZZ_ASSERT(m.format == MID_BUNDLE_FORMAT_CURRENT);
                FUZZ_ASSERT(m.valid_until > m.issued && m.refresh_s > 0 &&
                            m.refresh_s <= m.valid_until - m.issued);
            }
            if (e_trust == MID_OK)
                FUZZ_ASSERT(ts.format == m.format && ts.valid_until == m.valid_until &&
                            ts.refresh_s == m.refresh_s);
            if (e_rev == MID_OK)
                FUZZ_ASSERT(rv.format == m.format && rv.valid_until == m.valid_until);
        }
    }
    if (e_trust == MID_OK) {
        FUZZ_ASSERT(kind == MID_BUNDLE_KIND_TRUST && ts.issued == issued && ts.seq == seq);
        FUZZ_ASSERT(ts.count >= 1 && ts.count <= MID_MAX_TRUST_KEYS);
        for (size_t i = 0; i < ts.count; i++) {
            const mid_trust_key *k = &ts.keys[i];
            uint8_t kid[MID_KID_LEN];
            FUZZ_ASSERT(k->nbf < k->exp);
            FUZZ_ASSERT(k->doctypes != 0);
            FUZZ_ASSERT(mid_crypto_p256_check_point(k->pub) == MID_OK);
            FUZZ_ASSERT(mid_kid_of(k->pub, kid) == MID_OK && memcmp(kid, k->kid, 8) == 0);
            FUZZ_ASSERT(mid_trust_find(&ts, k->kid) == k);
        }
    }
    if (e_rev == MID_OK) {
        FUZZ_ASSERT(kind == MID_BUNDLE_KIND_REVOCATION && rv.issued == issued && rv.seq == seq);
        FUZZ_ASSERT(rv.count <= MID_MAX_REVOKED);
        FUZZ_ASSERT(rv.count == 0 || (rv.ids >= b && rv.ids + rv.count * 8u <= b + len));
        for (size_t i = 0; i < rv.count; i++) {
            FUZZ_ASSERT(mid_revocation_contains(&rv, rv.ids + i * MID_CRED_ID_LEN));
            if (i > 0)
                FUZZ_ASSERT(memcmp(rv.ids + (i - 1u) * 8u, rv.ids + i * 8u, 8) < 0);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1u || size > 65536u)
        return 0;
    if ((data[0] & 1u) == 0) {
        check_loaders(data + 1, size - 1u);
    } else {
        uint8_t prot[32], hash[MID_SHA256_LEN], sig[MID_P256_SIG_LEN];
        size_t pl, cap = size + 128u;
        uint8_t *out = malloc(cap);
        mid_cose_sign1 m;
        mid_cbor_writer w;
        FUZZ_ASSERT(out != NULL);
        FUZZ_ASSERT(mid_cose_protected_encode(g_root_kid, prot, sizeof prot, &pl) == MID_OK);
        memset(&m, 0, sizeof m);
        m.protected_raw = prot;
        m.protected_len = pl;
        m.payload = data + 1;
        m.payload_len = size - 1u;
        FUZZ_ASSERT(mid_cose_sign1_tbs_hash(&m, hash) == MID_OK);
        FUZZ_ASSERT(mid_crypto_p256_sign(g_root_priv, hash, sig) == MID_OK);
        mid_cbor_writer_init(&w, out, cap);
        FUZZ_ASSERT(mid_cose_sign1_encode(prot, pl, data + 1, size - 1u, sig, &w) == MID_OK);
        {
            /* exactly sized, for ASan */
            uint8_t *b = malloc(w.len);
            FUZZ_ASSERT(b != NULL);
            memcpy(b, out, w.len);
            check_loaders(b, w.len);
            free(b);
        }
        free(out);
    }
    return 0;
}
