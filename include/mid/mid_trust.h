/* mid-kiosk — pinned trust: issuer keys and revocation data, both shipped
 * as bundles signed by the root key pinned in the image. */
#ifndef MID_TRUST_H
#define MID_TRUST_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_limits.h"

#define MID_BUNDLE_KIND_TRUST 1
#define MID_BUNDLE_KIND_REVOCATION 2
/* bundle payload map keys */
#define MID_BUNDLE_KIND 1
#define MID_BUNDLE_ISSUED 2
#define MID_BUNDLE_SEQ 3
#define MID_BUNDLE_BODY 4
/* trust entry map keys */
#define MID_TKEY_KID 1
#define MID_TKEY_PUB 2
#define MID_TKEY_DOCTYPES 3
#define MID_TKEY_NBF 4
#define MID_TKEY_EXP 5

typedef struct mid_trust_key {
    uint8_t kid[MID_KID_LEN];
    uint8_t pub[MID_P256_POINT_LEN];
    uint32_t doctypes; /* MID_DOCTYPE_BIT() set */
    int64_t nbf, exp;  /* the key is trusted only inside this period */
} mid_trust_key;

typedef struct mid_trust_store {
    mid_trust_key keys[MID_MAX_TRUST_KEYS];
    size_t count;
    int64_t issued;
    uint64_t seq;
} mid_trust_store;

/* Revocation: sorted, unique 8-byte credential ids of revoked credentials
 * that have not expired yet. ids point into the caller's bundle buffer,
 * which must outlive the struct. Lookup is a binary search. */
typedef struct mid_revocation {
    const uint8_t *ids;
    size_t count;
    int64_t issued;
    uint64_t seq;
} mid_revocation;

/* Key id of a public key: first 8 bytes of SHA-256 of the 65-byte point. */
mid_err mid_kid_of(const uint8_t pub[MID_P256_POINT_LEN],
                   uint8_t kid[MID_KID_LEN]);

mid_err mid_trust_load(mid_trust_store *ts, const uint8_t *bundle, size_t len,
                       const uint8_t root_pub[MID_P256_POINT_LEN]);
const mid_trust_key *mid_trust_find(const mid_trust_store *ts,
                                    const uint8_t kid[MID_KID_LEN]);

mid_err mid_revocation_load(mid_revocation *rv, const uint8_t *bundle,
                            size_t len,
                            const uint8_t root_pub[MID_P256_POINT_LEN]);
int mid_revocation_contains(const mid_revocation *rv,
                            const uint8_t id[MID_CRED_ID_LEN]);

/* Reads kind, issued and seq of a bundle after verifying its signature,
 * for update tools that must compare before replacing. */
mid_err mid_bundle_info(const uint8_t *bundle, size_t len,
                        const uint8_t root_pub[MID_P256_POINT_LEN], int *kind,
                        int64_t *issued, uint64_t *seq);

#endif
