/* mid-kiosk — the crypto adapter. The core calls only these functions;
 * src/crypto/mid_crypto_mbedtls.c implements them with mbedTLS (2.28 from
 * Debian; 3.x differences stay inside that file). Library error codes are
 * mapped to mid_err here and never leak upward. */
#ifndef MID_CRYPTO_H
#define MID_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_limits.h"
/* mid_wipe lives in the core now; kept here so adapters and tools that
 * wiped through this header still build. */
#include "mid_wipe.h"

typedef struct mid_span {
    const uint8_t *ptr;
    size_t len;
} mid_span;

/* Loads the P-256 group once. Safe to call again. */
mid_err mid_crypto_init(void);
void mid_crypto_deinit(void);

/* SHA-256 of the concatenation of parts (no buffer needed to join them). */
mid_err mid_crypto_sha256(const mid_span *parts, size_t nparts,
                          uint8_t out[MID_SHA256_LEN]);

/* ECDSA P-256 over a SHA-256 hash; sig is r||s. MID_OK or the given
 * failure code (so callers say which signature failed), MID_ERR_KEY_FORMAT
 * for a point not on the curve, MID_ERR_CRYPTO for library faults. */
mid_err mid_crypto_p256_verify(const uint8_t pub[MID_P256_POINT_LEN],
                               const uint8_t hash[MID_SHA256_LEN],
                               const uint8_t sig[MID_P256_SIG_LEN],
                               mid_err on_mismatch);

/* Checks an uncompressed point is on the curve. */
mid_err mid_crypto_p256_check_point(const uint8_t pub[MID_P256_POINT_LEN]);

/* y from x and the parity of y (mbedTLS 2.28 cannot read compressed
 * points, so we decompress ourselves: y = sqrt(x^3 - 3x + b) mod p). */
mid_err mid_crypto_p256_decompress(const uint8_t x[MID_P256_COORD_LEN],
                                   int y_odd,
                                   uint8_t pub[MID_P256_POINT_LEN]);

/* PBKDF2-HMAC-SHA256 (RFC 8018) of a password: the operator PIN's slow
 * hash (docs/operator.md). out_len bytes of derived key. */
mid_err mid_crypto_pbkdf2_sha256(const uint8_t *pw, size_t pw_len,
                                 const uint8_t *salt, size_t salt_len,
                                 uint32_t iterations, uint8_t *out,
                                 size_t out_len);

/* 1 when a and b hold the same n bytes; the time taken depends on n only. */
int mid_crypto_ct_equal(const void *a, const void *b, size_t n);

/* ---- for the tools (issuing, holder simulation); not used by verify ---- */
mid_err mid_crypto_random(uint8_t *out, size_t len);
mid_err mid_crypto_p256_keygen(uint8_t priv[MID_P256_COORD_LEN],
                               uint8_t pub[MID_P256_POINT_LEN]);
mid_err mid_crypto_p256_sign(const uint8_t priv[MID_P256_COORD_LEN],
                             const uint8_t hash[MID_SHA256_LEN],
                             uint8_t sig[MID_P256_SIG_LEN]);
/* Private key <-> PEM ("EC PRIVATE KEY", SEC1, as openssl writes). */
mid_err mid_crypto_p256_priv_from_pem(const char *pem, size_t len,
                                      uint8_t priv[MID_P256_COORD_LEN],
                                      uint8_t pub[MID_P256_POINT_LEN]);
mid_err mid_crypto_p256_priv_to_pem(const uint8_t priv[MID_P256_COORD_LEN],
                                    char *out, size_t cap);
/* Public key <-> PEM ("PUBLIC KEY", SubjectPublicKeyInfo). */
mid_err mid_crypto_p256_pub_from_pem(const char *pem, size_t len,
                                     uint8_t pub[MID_P256_POINT_LEN]);
mid_err mid_crypto_p256_pub_to_pem(const uint8_t pub[MID_P256_POINT_LEN],
                                   char *out, size_t cap);

#endif
