/* mid-kiosk — every limit is a named constant. Exceeding one is an error
 * of its own (MID_ERR_TOO_LARGE / MID_ERR_CBOR_*), never a truncation. */
#ifndef MID_LIMITS_H
#define MID_LIMITS_H

/* QR text: "MID1:" + Base45. A version-40 QR at ECC M holds 3391
 * alphanumeric characters; nothing longer can come from a camera. */
#define MID_MAX_QR_TEXT 3391u
/* Decoded CBOR presentation (Base45 packs 2 bytes into 3 characters). */
#define MID_MAX_PAYLOAD 2260u
/* Budget of a presentation without portrait (fits QR version <= 15-M). */
#define MID_BUDGET_NO_PORTRAIT 400u

#define MID_CBOR_MAX_DEPTH 8u  /* deepest nesting the format uses is 5 */
#define MID_CBOR_MAX_ITEMS 32u /* most entries in one map or array */

#define MID_KID_LEN 8u         /* issuer key id: SHA-256(point)[0..7] */
#define MID_CRED_ID_LEN 8u     /* credential id (cti) */
#define MID_NONCE_LEN 16u      /* presentation nonce */
#define MID_P256_POINT_LEN 65u /* 0x04 || X || Y */
#define MID_P256_COORD_LEN 32u
#define MID_P256_SIG_LEN 64u /* r || s */
#define MID_SHA256_LEN 32u

#define MID_MAX_NAME_BYTES 63u /* UTF-8; 21 Hangul syllables / 63 Latin */
#define MID_RRN_DIGITS 13u
#define MID_MAX_LICENCE_NO 20u       /* "11-12-345678-90" is 15 */
#define MID_MAX_PORTRAIT_BYTES 1024u /* 2-byte header + 4-bit pixels */
#define MID_MAX_PORTRAIT_W 48u
#define MID_MAX_PORTRAIT_H 40u

#define MID_MAX_TRUST_KEYS 32u
#define MID_MAX_BUNDLE_BYTES (1024u * 1024u + 4096u)
#define MID_MAX_REVOKED 128000u /* 1,024,000 bytes of ids */

#define MID_REPLAY_SLOTS 128u /* nonces remembered for the window */
#define MID_ISSUER_CACHE_SLOTS 16u

#define MID_DEFAULT_FRESHNESS_S 60
#define MID_DEFAULT_SKEW_S 5
/* Revocation data age (docs/trust-lifecycle.md): amber from a week, a
 * failing REVOCATION_STALE check from two weeks (kiosk.conf may change). */
#define MID_DEFAULT_REVOCATION_WARN_S (168 * 3600)
#define MID_DEFAULT_REVOCATION_MAX_S (336 * 3600)

#endif
