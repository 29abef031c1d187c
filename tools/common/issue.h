/* mid-kiosk tools — encoding side of the payload format: credentials,
 * presentations, QR text and signed bundles. Used by mid-issue, mid-holder,
 * the test-vector generator and the tests. Never linked into verify paths
 * that run on customer data (the kiosk links it only for its demo). */
#ifndef MID_TOOLS_ISSUE_H
#define MID_TOOLS_ISSUE_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid.h"
#include "mid/mid_files.h"

typedef struct mid_cred_input {
    uint8_t doctype;
    const char *name;    /* UTF-8 */
    const char *rrn;     /* 13 digits */
    uint32_t issue_date; /* YYYYMMDD */
    int has_licence;
    mid_licence licence;
    const uint8_t *portrait; /* NULL: none */
    size_t portrait_len;
    uint8_t cred_id[MID_CRED_ID_LEN];
    int64_t nbf, exp;
    uint8_t device_pub[MID_P256_POINT_LEN];
    int device_key_full; /* carry y in full instead of its sign */
} mid_cred_input;

typedef struct mid_keypair {
    uint8_t priv[MID_P256_COORD_LEN];
    uint8_t pub[MID_P256_POINT_LEN];
    uint8_t kid[MID_KID_LEN];
} mid_keypair;

mid_err mid_keypair_generate(mid_keypair *kp);
mid_err mid_keypair_load_pem(const char *path, mid_keypair *kp);
mid_err mid_keypair_save_pem(const char *path, const mid_keypair *kp);
mid_err mid_pub_save_pem(const char *path, const uint8_t pub[MID_P256_POINT_LEN]);

/* The CWT claims map alone (what the issuer signs). */
mid_err mid_cwt_encode(const mid_cred_input *in, uint8_t *out, size_t cap,
                       size_t *len);
/* Two entries of that map, for encoders that put defects around them (the
 * test-vector generator): cnf (key 8 and the device's COSE_Key), and our
 * claims (key -65537 and its map, declared with extra more entries that
 * the caller writes after these). Errors stick to w. */
mid_err mid_cwt_put_cnf(mid_cbor_writer *w, const mid_cred_input *in);
mid_err mid_cwt_put_claims(mid_cbor_writer *w, const mid_cred_input *in,
                           size_t extra);
/* Signs payload bytes as a tagged COSE_Sign1 (with_kid 0: no kid). */
mid_err mid_sign1(const uint8_t *payload, size_t payload_len,
                  const mid_keypair *signer, int with_kid, uint8_t *out,
                  size_t cap, size_t *len);
/* The COSE_Sign1 signature alone, over any protected header bytes (a
 * hand-made header included) and payload. */
mid_err mid_sign1_sig(const uint8_t *prot, size_t prot_len,
                      const uint8_t *payload, size_t payload_len,
                      const mid_keypair *signer,
                      uint8_t sig[MID_P256_SIG_LEN]);
mid_err mid_cred_encode(const mid_cred_input *in, const mid_keypair *issuer,
                        uint8_t *out, size_t cap, size_t *len);
/* Presentation payload map {1: cred, 2: iat, 3: nonce}. */
mid_err mid_presentation_payload(const uint8_t *cred, size_t cred_len,
                                 int64_t iat,
                                 const uint8_t nonce[MID_NONCE_LEN],
                                 uint8_t *out, size_t cap, size_t *len);
mid_err mid_presentation_encode(const uint8_t *cred, size_t cred_len,
                                int64_t iat,
                                const uint8_t nonce[MID_NONCE_LEN],
                                const mid_keypair *device, uint8_t *out,
                                size_t cap, size_t *len);
/* "MID1:" + Base45(cbor), NUL-terminated. */
mid_err mid_qr_text(const uint8_t *cbor, size_t len, char *out, size_t cap,
                    size_t *out_len);

/* Bundles in the current format (2) with the default validity and
 * refresh of mid_bundle_meta_default; the _meta forms take the whole
 * signed header (format 1 for migration tests, chosen valid_until). */
void mid_bundle_meta_default(mid_bundle_meta *m, int kind, int64_t issued,
                             uint64_t seq);
mid_err mid_trust_bundle_encode_meta(const mid_trust_key *keys, size_t n,
                                     const mid_bundle_meta *m,
                                     const mid_keypair *root, uint8_t *out,
                                     size_t cap, size_t *len);
mid_err mid_revocation_bundle_encode_meta(const uint8_t *ids, size_t n,
                                          const mid_bundle_meta *m,
                                          const mid_keypair *root,
                                          uint8_t *out, size_t cap,
                                          size_t *len);
mid_err mid_trust_bundle_encode(const mid_trust_key *keys, size_t n,
                                int64_t issued, uint64_t seq,
                                const mid_keypair *root, uint8_t *out,
                                size_t cap, size_t *len);
/* ids: n sorted unique 8-byte ids. */
mid_err mid_revocation_bundle_encode(const uint8_t *ids, size_t n,
                                     int64_t issued, uint64_t seq,
                                     const mid_keypair *root, uint8_t *out,
                                     size_t cap, size_t *len);

/* A generated, non-photographic portrait (a face-like pattern from a
 * seed): w x h 4-bit grey, in the payload's portrait format. */
mid_err mid_portrait_generate(uint32_t seed, unsigned w, unsigned h,
                              uint8_t *out, size_t cap, size_t *len);

#endif
