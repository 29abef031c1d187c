/* mid-kiosk — COSE_Sign1 (RFC 9052) with ES256 only. */
#ifndef MID_COSE_H
#define MID_COSE_H

#include <stddef.h>
#include <stdint.h>

#include "mid_cbor.h"
#include "mid_err.h"
#include "mid_limits.h"

typedef struct mid_cose_sign1 {
    const uint8_t *protected_raw; /* the bstr contents, as signed */
    size_t protected_len;
    const uint8_t *payload;
    size_t payload_len;
    const uint8_t *sig; /* MID_P256_SIG_LEN bytes */
    int has_kid;
    uint8_t kid[MID_KID_LEN];
} mid_cose_sign1;

/* Reads a tag-18 COSE_Sign1 from r: protected header must be exactly
 * {1: -7} or {1: -7, 4: kid(8)} (kid_required selects), unprotected
 * header must be empty, payload attached, signature 64 bytes. */
mid_err mid_cose_sign1_read(mid_cbor_reader *r, int kid_required,
                            mid_cose_sign1 *out);

/* SHA-256 of Sig_structure ["Signature1", protected, h'', payload]. */
mid_err mid_cose_sign1_tbs_hash(const mid_cose_sign1 *m,
                                uint8_t hash[MID_SHA256_LEN]);

/* Encoders for the tools: protected header bytes, and the tbs hash and
 * final message from parts. */
mid_err mid_cose_protected_encode(const uint8_t *kid /* NULL: none */,
                                  uint8_t *out, size_t cap, size_t *len);
/* The ES256 signature over the Sig_structure of protected header and
 * payload: what every signer (issuer tools, the kiosk's receipts) needs. */
mid_err mid_cose_sign1_sign(const uint8_t *prot, size_t prot_len,
                            const uint8_t *payload, size_t payload_len,
                            const uint8_t priv[MID_P256_COORD_LEN],
                            uint8_t sig[MID_P256_SIG_LEN]);
mid_err mid_cose_sign1_encode(const uint8_t *prot, size_t prot_len,
                              const uint8_t *payload, size_t payload_len,
                              const uint8_t sig[MID_P256_SIG_LEN],
                              mid_cbor_writer *w);

#endif
