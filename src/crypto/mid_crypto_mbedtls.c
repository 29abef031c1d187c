/* The crypto adapter on mbedTLS (Debian 12: 2.28). mbedTLS return codes
 * are mapped to mid_err here and go no further. 3.x differences (the
 * *_ret renames, extra RNG parameters, private fields) stay in this file.
 *
 * Speed: the P-256 group is loaded once and kept, and verification calls
 * mbedtls_ecdsa_verify directly. mbedtls_pk_verify would copy the key into
 * a fresh context and lose the group's precomputed table on every call
 * (~30 % slower on these machines, see docs/benchmarks.md). */
#include <string.h>

#include <mbedtls/bignum.h>
#include <mbedtls/constant_time.h>
#include <mbedtls/ctr_drbg.h>
#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/entropy.h>
#include <mbedtls/md.h>
#include <mbedtls/pk.h>
#include <mbedtls/pkcs5.h>
#include <mbedtls/platform_util.h>
#include <mbedtls/sha256.h>
#include <mbedtls/version.h>

#include "mid/mid_crypto.h"

#if MBEDTLS_VERSION_MAJOR >= 3
#define MID_SHA256_STARTS(c) mbedtls_sha256_starts((c), 0)
#define MID_SHA256_UPDATE mbedtls_sha256_update
#define MID_SHA256_FINISH mbedtls_sha256_finish
#else
#define MID_SHA256_STARTS(c) mbedtls_sha256_starts_ret((c), 0)
#define MID_SHA256_UPDATE mbedtls_sha256_update_ret
#define MID_SHA256_FINISH mbedtls_sha256_finish_ret
#endif

#define MID_PEM_MAX 1024u

static mbedtls_ecp_group g_grp;
static int g_grp_loaded;
static mbedtls_entropy_context g_entropy;
static mbedtls_ctr_drbg_context g_drbg;
static int g_drbg_ready;

mid_err mid_crypto_init(void)
{
    if (g_grp_loaded)
        return MID_OK;
    mbedtls_ecp_group_init(&g_grp);
    if (mbedtls_ecp_group_load(&g_grp, MBEDTLS_ECP_DP_SECP256R1) != 0) {
        mbedtls_ecp_group_free(&g_grp);
        return MID_ERR_CRYPTO;
    }
    g_grp_loaded = 1;
    return MID_OK;
}

void mid_crypto_deinit(void)
{
    if (g_grp_loaded) {
        mbedtls_ecp_group_free(&g_grp);
        g_grp_loaded = 0;
    }
    if (g_drbg_ready) {
        mbedtls_ctr_drbg_free(&g_drbg);
        mbedtls_entropy_free(&g_entropy);
        g_drbg_ready = 0;
    }
}

mid_err mid_crypto_pbkdf2_sha256(const uint8_t *pw, size_t pw_len,
                                 const uint8_t *salt, size_t salt_len,
                                 uint32_t iterations, uint8_t *out,
                                 size_t out_len)
{
    mbedtls_md_context_t md;
    const mbedtls_md_info_t *info = mbedtls_md_info_from_type(MBEDTLS_MD_SHA256);
    mid_err err = MID_ERR_CRYPTO;

    if ((!pw && pw_len) || !salt || !salt_len || !out || !out_len || iterations == 0 ||
        out_len > 0xFFFFFFFFu)
        return MID_ERR_ARG;
    if (!info)
        return MID_ERR_CRYPTO;
    mbedtls_md_init(&md);
    if (mbedtls_md_setup(&md, info, 1) != 0) /* 1: HMAC */
        goto done;
    /* mbedTLS 2.28 wants a non-NULL password pointer even for length 0 */
    if (mbedtls_pkcs5_pbkdf2_hmac(&md, pw ? pw : (const uint8_t *)"", pw_len, salt, salt_len,
                                  iterations, (uint32_t)out_len, out) != 0)
        goto done;
    err = MID_OK;
done:
    mbedtls_md_free(&md);
    return err;
}

int mid_crypto_ct_equal(const void *a, const void *b, size_t n)
{
    return mbedtls_ct_memcmp(a, b, n) == 0;
}

mid_err mid_crypto_sha256(const mid_span *parts, size_t nparts,
                          uint8_t out[MID_SHA256_LEN])
{
    mbedtls_sha256_context c;
    mid_err err = MID_ERR_CRYPTO;
    size_t i;

    if (!out || (!parts && nparts))
        return MID_ERR_ARG;
    mbedtls_sha256_init(&c);
    if (MID_SHA256_STARTS(&c) != 0)
        goto done;
    for (i = 0; i < nparts; i++) {
        if (parts[i].len && MID_SHA256_UPDATE(&c, parts[i].ptr, parts[i].len) != 0)
            goto done;
    }
    if (MID_SHA256_FINISH(&c, out) != 0)
        goto done;
    err = MID_OK;
done:
    mbedtls_sha256_free(&c);
    return err;
}

static mid_err read_point(const uint8_t pub[MID_P256_POINT_LEN],
                          mbedtls_ecp_point *q)
{
    if (pub[0] != 0x04u)
        return MID_ERR_KEY_FORMAT;
    if (mbedtls_ecp_point_read_binary(&g_grp, q, pub, MID_P256_POINT_LEN) != 0)
        return MID_ERR_KEY_FORMAT;
    if (mbedtls_ecp_check_pubkey(&g_grp, q) != 0)
        return MID_ERR_KEY_FORMAT;
    return MID_OK;
}

mid_err mid_crypto_p256_check_point(const uint8_t pub[MID_P256_POINT_LEN])
{
    mbedtls_ecp_point q;
    mid_err err;

    if (!pub)
        return MID_ERR_ARG;
    if ((err = mid_crypto_init()) != MID_OK)
        return err;
    mbedtls_ecp_point_init(&q);
    err = read_point(pub, &q);
    mbedtls_ecp_point_free(&q);
    return err;
}

mid_err mid_crypto_p256_verify(const uint8_t pub[MID_P256_POINT_LEN],
                               const uint8_t hash[MID_SHA256_LEN],
                               const uint8_t sig[MID_P256_SIG_LEN],
                               mid_err on_mismatch)
{
    mbedtls_ecp_point q;
    mbedtls_mpi r, s;
    mid_err err;
    int rc;

    if (!pub || !hash || !sig)
        return MID_ERR_ARG;
    if ((err = mid_crypto_init()) != MID_OK)
        return err;
    mbedtls_ecp_point_init(&q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if ((err = read_point(pub, &q)) != MID_OK)
        goto done;
    if (mbedtls_mpi_read_binary(&r, sig, 32) != 0 ||
        mbedtls_mpi_read_binary(&s, sig + 32, 32) != 0) {
        err = MID_ERR_CRYPTO;
        goto done;
    }
    /* mbedtls_ecdsa_verify itself rejects r or s outside [1, n-1]. */
    rc = mbedtls_ecdsa_verify(&g_grp, hash, MID_SHA256_LEN, &q, &r, &s);
    if (rc == 0)
        err = MID_OK;
    else if (rc == MBEDTLS_ERR_ECP_VERIFY_FAILED ||
             rc == MBEDTLS_ERR_ECP_BAD_INPUT_DATA)
        err = on_mismatch;
    else
        err = MID_ERR_CRYPTO;
done:
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_ecp_point_free(&q);
    return err;
}

mid_err mid_crypto_p256_decompress(const uint8_t x[MID_P256_COORD_LEN],
                                   int y_odd,
                                   uint8_t pub[MID_P256_POINT_LEN])
{
    mbedtls_mpi X, rhs, t, e, Y, Y2;
    mid_err err = MID_ERR_KEY_FORMAT;

    if (!x || !pub)
        return MID_ERR_ARG;
    if ((err = mid_crypto_init()) != MID_OK)
        return err;
    err = MID_ERR_KEY_FORMAT;
    mbedtls_mpi_init(&X);
    mbedtls_mpi_init(&rhs);
    mbedtls_mpi_init(&t);
    mbedtls_mpi_init(&e);
    mbedtls_mpi_init(&Y);
    mbedtls_mpi_init(&Y2);
    if (mbedtls_mpi_read_binary(&X, x, MID_P256_COORD_LEN) != 0)
        goto done;
    if (mbedtls_mpi_cmp_mpi(&X, &g_grp.P) >= 0)
        goto done;
    /* rhs = x^3 - 3x + b mod p */
    if (mbedtls_mpi_mul_mpi(&t, &X, &X) || mbedtls_mpi_mod_mpi(&t, &t, &g_grp.P) ||
        mbedtls_mpi_sub_int(&t, &t, 3) || mbedtls_mpi_mul_mpi(&rhs, &t, &X) ||
        mbedtls_mpi_add_mpi(&rhs, &rhs, &g_grp.B) ||
        mbedtls_mpi_mod_mpi(&rhs, &rhs, &g_grp.P))
        goto done;
    /* p = 3 mod 4, so sqrt(a) = a^((p+1)/4) mod p when a is a square. */
    if (mbedtls_mpi_add_int(&e, &g_grp.P, 1) || mbedtls_mpi_shift_r(&e, 2) ||
        mbedtls_mpi_exp_mod(&Y, &rhs, &e, &g_grp.P, NULL))
        goto done;
    if (mbedtls_mpi_mul_mpi(&Y2, &Y, &Y) || mbedtls_mpi_mod_mpi(&Y2, &Y2, &g_grp.P))
        goto done;
    if (mbedtls_mpi_cmp_mpi(&Y2, &rhs) != 0)
        goto done; /* x is not on the curve */
    if ((int)mbedtls_mpi_get_bit(&Y, 0) != (y_odd ? 1 : 0)) {
        if (mbedtls_mpi_sub_mpi(&Y, &g_grp.P, &Y))
            goto done;
    }
    pub[0] = 0x04;
    if (mbedtls_mpi_write_binary(&X, pub + 1, MID_P256_COORD_LEN) ||
        mbedtls_mpi_write_binary(&Y, pub + 1 + MID_P256_COORD_LEN, MID_P256_COORD_LEN))
        goto done;
    err = mid_crypto_p256_check_point(pub);
done:
    mbedtls_mpi_free(&Y2);
    mbedtls_mpi_free(&Y);
    mbedtls_mpi_free(&e);
    mbedtls_mpi_free(&t);
    mbedtls_mpi_free(&rhs);
    mbedtls_mpi_free(&X);
    return err;
}

/* ---- tools only ---- */

static mid_err drbg(void)
{
    static const char pers[] = "mid-kiosk";
    if (g_drbg_ready)
        return MID_OK;
    mbedtls_entropy_init(&g_entropy);
    mbedtls_ctr_drbg_init(&g_drbg);
    if (mbedtls_ctr_drbg_seed(&g_drbg, mbedtls_entropy_func, &g_entropy,
                              (const unsigned char *)pers, sizeof pers - 1u) != 0) {
        mbedtls_ctr_drbg_free(&g_drbg);
        mbedtls_entropy_free(&g_entropy);
        return MID_ERR_CRYPTO;
    }
    g_drbg_ready = 1;
    return MID_OK;
}

mid_err mid_crypto_random(uint8_t *out, size_t len)
{
    if (!out && len)
        return MID_ERR_ARG;
    if (drbg() != MID_OK)
        return MID_ERR_CRYPTO;
    return mbedtls_ctr_drbg_random(&g_drbg, out, len) == 0 ? MID_OK : MID_ERR_CRYPTO;
}

static mid_err write_pub(const mbedtls_ecp_point *q, uint8_t pub[MID_P256_POINT_LEN])
{
    size_t olen = 0;
    if (mbedtls_ecp_point_write_binary(&g_grp, q, MBEDTLS_ECP_PF_UNCOMPRESSED,
                                       &olen, pub, MID_P256_POINT_LEN) != 0 ||
        olen != MID_P256_POINT_LEN)
        return MID_ERR_CRYPTO;
    return MID_OK;
}

mid_err mid_crypto_p256_keygen(uint8_t priv[MID_P256_COORD_LEN],
                               uint8_t pub[MID_P256_POINT_LEN])
{
    mbedtls_mpi d;
    mbedtls_ecp_point q;
    mid_err err = MID_ERR_CRYPTO;

    if (!priv || !pub)
        return MID_ERR_ARG;
    if (mid_crypto_init() != MID_OK || drbg() != MID_OK)
        return MID_ERR_CRYPTO;
    mbedtls_mpi_init(&d);
    mbedtls_ecp_point_init(&q);
    if (mbedtls_ecp_gen_keypair(&g_grp, &d, &q, mbedtls_ctr_drbg_random, &g_drbg) != 0)
        goto done;
    if (mbedtls_mpi_write_binary(&d, priv, MID_P256_COORD_LEN) != 0)
        goto done;
    err = write_pub(&q, pub);
done:
    mbedtls_ecp_point_free(&q);
    mbedtls_mpi_free(&d);
    return err;
}

mid_err mid_crypto_p256_sign(const uint8_t priv[MID_P256_COORD_LEN],
                             const uint8_t hash[MID_SHA256_LEN],
                             uint8_t sig[MID_P256_SIG_LEN])
{
    mbedtls_mpi d, r, s;
    mid_err err = MID_ERR_CRYPTO;

    if (!priv || !hash || !sig)
        return MID_ERR_ARG;
    if (mid_crypto_init() != MID_OK || drbg() != MID_OK)
        return MID_ERR_CRYPTO;
    mbedtls_mpi_init(&d);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if (mbedtls_mpi_read_binary(&d, priv, MID_P256_COORD_LEN) != 0)
        goto done;
    /* Deterministic k (RFC 6979): the same key and message give the same
     * signature, so test videos and vectors are reproducible; the RNG only
     * blinds the computation. */
    if (mbedtls_ecdsa_sign_det_ext(&g_grp, &r, &s, &d, hash, MID_SHA256_LEN,
                                   MBEDTLS_MD_SHA256, mbedtls_ctr_drbg_random, &g_drbg) != 0)
        goto done;
    if (mbedtls_mpi_write_binary(&r, sig, 32) || mbedtls_mpi_write_binary(&s, sig + 32, 32))
        goto done;
    err = MID_OK;
done:
    mbedtls_mpi_free(&s);
    mbedtls_mpi_free(&r);
    mbedtls_mpi_free(&d);
    return err;
}

/* PEM parsers want a NUL-terminated buffer whose length counts the NUL. */
static mid_err pem_copy(const char *pem, size_t len, unsigned char *buf, size_t cap)
{
    if (!pem || len == 0 || len >= cap)
        return MID_ERR_KEY_FORMAT;
    memcpy(buf, pem, len);
    buf[len] = 0;
    return MID_OK;
}

mid_err mid_crypto_p256_priv_from_pem(const char *pem, size_t len,
                                      uint8_t priv[MID_P256_COORD_LEN],
                                      uint8_t pub[MID_P256_POINT_LEN])
{
    unsigned char buf[MID_PEM_MAX];
    mbedtls_pk_context pk;
    mbedtls_ecp_keypair *kp;
    mid_err err = MID_ERR_KEY_FORMAT;

    if (!priv || !pub)
        return MID_ERR_ARG;
    if (mid_crypto_init() != MID_OK)
        return MID_ERR_CRYPTO;
    if (pem_copy(pem, len, buf, sizeof buf) != MID_OK)
        return MID_ERR_KEY_FORMAT;
    mbedtls_pk_init(&pk);
#if MBEDTLS_VERSION_MAJOR >= 3
    if (drbg() != MID_OK ||
        mbedtls_pk_parse_key(&pk, buf, len + 1u, NULL, 0, mbedtls_ctr_drbg_random, &g_drbg) != 0)
        goto done;
#else
    if (mbedtls_pk_parse_key(&pk, buf, len + 1u, NULL, 0) != 0)
        goto done;
#endif
    if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_ECKEY)
        goto done;
    kp = mbedtls_pk_ec(pk);
#if MBEDTLS_VERSION_MAJOR >= 3
    if (mbedtls_ecp_keypair_get_group_id(kp) != MBEDTLS_ECP_DP_SECP256R1)
        goto done;
#else
    if (kp->grp.id != MBEDTLS_ECP_DP_SECP256R1)
        goto done;
    if (mbedtls_mpi_write_binary(&kp->d, priv, MID_P256_COORD_LEN) != 0)
        goto done;
    if (write_pub(&kp->Q, pub) != MID_OK)
        goto done;
#endif
    err = MID_OK;
done:
    mbedtls_pk_free(&pk);
    mid_wipe(buf, sizeof buf);
    return err;
}

static mid_err pk_from_raw(mbedtls_pk_context *pk, const uint8_t *priv,
                           const uint8_t *pub)
{
    mbedtls_ecp_keypair *kp;
    if (mbedtls_pk_setup(pk, mbedtls_pk_info_from_type(MBEDTLS_PK_ECKEY)) != 0)
        return MID_ERR_CRYPTO;
    kp = mbedtls_pk_ec(*pk);
#if MBEDTLS_VERSION_MAJOR >= 3
    (void)kp;
    (void)priv;
    (void)pub;
    return MID_ERR_CRYPTO; /* 3.x: use mbedtls_ecp_read_key / set_public_key */
#else
    if (mbedtls_ecp_group_load(&kp->grp, MBEDTLS_ECP_DP_SECP256R1) != 0)
        return MID_ERR_CRYPTO;
    if (priv) {
        if (mbedtls_mpi_read_binary(&kp->d, priv, MID_P256_COORD_LEN) != 0 ||
            mbedtls_ecp_mul(&kp->grp, &kp->Q, &kp->d, &kp->grp.G, NULL, NULL) != 0)
            return MID_ERR_KEY_FORMAT;
    } else if (mbedtls_ecp_point_read_binary(&kp->grp, &kp->Q, pub, MID_P256_POINT_LEN) != 0 ||
               mbedtls_ecp_check_pubkey(&kp->grp, &kp->Q) != 0) {
        return MID_ERR_KEY_FORMAT;
    }
    return MID_OK;
#endif
}

mid_err mid_crypto_p256_priv_to_pem(const uint8_t priv[MID_P256_COORD_LEN],
                                    char *out, size_t cap)
{
    mbedtls_pk_context pk;
    mid_err err;

    if (!priv || !out)
        return MID_ERR_ARG;
    mbedtls_pk_init(&pk);
    err = pk_from_raw(&pk, priv, NULL);
    if (err == MID_OK && mbedtls_pk_write_key_pem(&pk, (unsigned char *)out, cap) != 0)
        err = MID_ERR_BUFFER;
    mbedtls_pk_free(&pk);
    return err;
}

mid_err mid_crypto_p256_pub_from_pem(const char *pem, size_t len,
                                     uint8_t pub[MID_P256_POINT_LEN])
{
    unsigned char buf[MID_PEM_MAX];
    mbedtls_pk_context pk;
    mid_err err = MID_ERR_KEY_FORMAT;

    if (!pub)
        return MID_ERR_ARG;
    if (mid_crypto_init() != MID_OK)
        return MID_ERR_CRYPTO;
    if (pem_copy(pem, len, buf, sizeof buf) != MID_OK)
        return MID_ERR_KEY_FORMAT;
    mbedtls_pk_init(&pk);
    if (mbedtls_pk_parse_public_key(&pk, buf, len + 1u) != 0)
        goto done;
    if (mbedtls_pk_get_type(&pk) != MBEDTLS_PK_ECKEY)
        goto done;
#if MBEDTLS_VERSION_MAJOR < 3
    if (mbedtls_pk_ec(pk)->grp.id != MBEDTLS_ECP_DP_SECP256R1)
        goto done;
    err = write_pub(&mbedtls_pk_ec(pk)->Q, pub);
#endif
done:
    mbedtls_pk_free(&pk);
    return err;
}

mid_err mid_crypto_p256_pub_to_pem(const uint8_t pub[MID_P256_POINT_LEN],
                                   char *out, size_t cap)
{
    mbedtls_pk_context pk;
    mid_err err;

    if (!pub || !out)
        return MID_ERR_ARG;
    mbedtls_pk_init(&pk);
    err = pk_from_raw(&pk, NULL, pub);
    if (err == MID_OK && mbedtls_pk_write_pubkey_pem(&pk, (unsigned char *)out, cap) != 0)
        err = MID_ERR_BUFFER;
    mbedtls_pk_free(&pk);
    return err;
}
