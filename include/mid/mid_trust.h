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
/* bundle payload map keys (docs/payload-format.md §6). Format 1 (legacy)
 * is {1..4}; format 2 adds 0 (the format version, first in canonical
 * order, so it is read before anything else) and 5, 6 after the body. */
#define MID_BUNDLE_FORMAT 0
#define MID_BUNDLE_KIND 1
#define MID_BUNDLE_ISSUED 2
#define MID_BUNDLE_SEQ 3
#define MID_BUNDLE_BODY 4
#define MID_BUNDLE_VALID_UNTIL 5
#define MID_BUNDLE_REFRESH 6
/* bundle format versions */
#define MID_BUNDLE_FORMAT_LEGACY 1  /* no key 0, no expiry */
#define MID_BUNDLE_FORMAT_CURRENT 2 /* signed valid_until and refresh */
/* Legacy (format 1) bundles are accepted until 2027-07-01 00:00 KST and
 * are read as if they carried valid_until = this instant; after it they
 * are refused as BUNDLE_LEGACY (docs/trust-lifecycle.md, migration). */
#define MID_BUNDLE_LEGACY_SUNSET INT64_C(1814367600)
/* What mid-issue signs when not told otherwise (docs/trust-lifecycle.md). */
#define MID_TRUST_DEFAULT_VALIDITY_S (365 * 86400)
#define MID_TRUST_DEFAULT_REFRESH_S (30 * 86400)
#define MID_REVOCATION_DEFAULT_VALIDITY_S (30 * 86400)
#define MID_REVOCATION_DEFAULT_REFRESH_S (24 * 3600)
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

/* The signed header every bundle carries. */
typedef struct mid_bundle_meta {
    int kind;   /* MID_BUNDLE_KIND_* */
    int format; /* MID_BUNDLE_FORMAT_LEGACY / _CURRENT */
    int64_t issued;
    uint64_t seq;
    int64_t valid_until; /* format 1: MID_BUNDLE_LEGACY_SUNSET */
    int64_t refresh_s;   /* issuer's intended refresh interval; 0 format 1 */
} mid_bundle_meta;

typedef struct mid_trust_store {
    mid_trust_key keys[MID_MAX_TRUST_KEYS];
    size_t count;
    int64_t issued;
    uint64_t seq;
    int format;
    int64_t valid_until; /* the kiosk refuses the whole store from then */
    int64_t refresh_s;
} mid_trust_store;

/* Revocation: sorted, unique 8-byte credential ids of revoked credentials
 * that have not expired yet. ids point into the caller's bundle buffer,
 * which must outlive the struct. Lookup is a binary search. */
typedef struct mid_revocation {
    const uint8_t *ids;
    size_t count;
    int64_t issued;
    uint64_t seq;
    int format;
    int64_t valid_until; /* stale from then, whatever kiosk.conf says */
    int64_t refresh_s;
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
/* The same, the whole signed header (format, valid_until, refresh). */
mid_err mid_bundle_read_meta(const uint8_t *bundle, size_t len,
                             const uint8_t root_pub[MID_P256_POINT_LEN],
                             mid_bundle_meta *meta);

#endif
