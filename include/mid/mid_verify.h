/* mid-kiosk — offline verification of a presentation as a list of named
 * checks with stable IDs, so the UI, the logs and the tests say the same
 * words. The verify path allocates nothing; the context is caller-owned.
 *
 *   mid_verify_ctx ctx;             // ~6 KiB, keep it static or on the heap
 *   mid_verify_init(&ctx, &trust, &revocation, build_floor);
 *   mid_verify(&ctx, qr, qr_len, &request, now, &result);
 *   ... show result.claims via mid_view_build ...
 *   mid_result_wipe(&result);
 */
#ifndef MID_VERIFY_H
#define MID_VERIFY_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_korean.h"
#include "mid_limits.h"
#include "mid_payload.h"
#include "mid_purpose.h"
#include "mid_trust.h"

/* Reported in this order, and the numbers are stable. The rule of
 * mid_result.checks (docs/payload-format.md §5), for any number of checks:
 * on a VALID verdict every check is PASS; on an INVALID one every check
 * numbered below failed_check is PASS, failed_check is FAIL and every
 * check above it is NOT_RUN. (A call refused with MID_ERR_ARG ran nothing:
 * every check NOT_RUN.) Two checks have a part that runs only after the
 * issuer signature holds: the claims of STRUCTURE and the document type of
 * ISSUER_KEY. When ISSUER_SIGNATURE fails they are PASS for what could be
 * checked before it (the claims of a forged credential are never read);
 * when one of those late parts fails, ISSUER_SIGNATURE is NOT_RUN like
 * every check after the failing one, although it held. */
typedef enum mid_check_id {
    MID_CHECK_CLOCK = 0,      /* kiosk time >= build floor */
    MID_CHECK_FORMAT = 1,     /* prefix, size, Base45 */
    MID_CHECK_STRUCTURE = 2,  /* strict CBOR/COSE shape */
    MID_CHECK_ISSUER_KEY = 3, /* kid pinned, period, doc type */
    MID_CHECK_ISSUER_SIGNATURE = 4,
    MID_CHECK_CREDENTIAL_VALIDITY = 5, /* nbf <= now < exp */
    MID_CHECK_DEVICE_SIGNATURE = 6,
    MID_CHECK_FRESHNESS = 7, /* iat within window and skew */
    MID_CHECK_REPLAY = 8,    /* nonce not accepted before */
    MID_CHECK_REVOKED = 9,
    MID_CHECK_PURPOSE = 10,          /* credential answers the request */
    MID_CHECK_REVOCATION_STALE = 11, /* revocation data young enough */
    MID_CHECK_COUNT = 12
} mid_check_id;

typedef enum mid_check_status {
    MID_CHECK_NOT_RUN = 0,
    MID_CHECK_PASS = 1,
    MID_CHECK_FAIL = 2
} mid_check_status;

typedef enum mid_verdict {
    MID_VERDICT_INVALID = 0,
    MID_VERDICT_VALID = 1
} mid_verdict;

/* "CLOCK", "FORMAT", ... */
const char *mid_check_id_str(mid_check_id id);
/* Short message for the UI, e.g. "서명이 위조되었습니다" / "Forged
 * signature". Falls back to the check's generic message. */
const char *mid_err_message(mid_err err, mid_lang lang);
const char *mid_check_label(mid_check_id id, mid_lang lang);

typedef struct mid_verify_config {
    int64_t build_floor; /* earliest trustworthy time: the time floor
                            * (build, bundles, last-known-good) */
    int64_t freshness_s; /* default MID_DEFAULT_FRESHNESS_S */
    int64_t skew_s;      /* default MID_DEFAULT_SKEW_S */
    int cache_issuer;    /* remember verified credentials (speed) */
    /* REVOCATION_STALE (docs/trust-lifecycle.md): revocation data older
     * than revocation_max_s (from its signed issue time) or past its
     * signed valid_until fails the check, unless revocation_warn_only;
     * 0 = no age limit (valid_until still holds). */
    int64_t revocation_max_s; /* default MID_DEFAULT_REVOCATION_MAX_S */
    int revocation_warn_only; /* kiosk.conf revocation_policy = warn */
    /* Presentations dated at or before this are REPLAY
     * (MID_ERR_REPLAY_RESTART): the last-known-good time at start plus
     * the skew, so a restart that emptied the replay memory cannot let a
     * code accepted before it pass again. 0: none. */
    int64_t replay_floor;
} mid_verify_config;

void mid_verify_config_default(mid_verify_config *cfg);

typedef struct mid_replay_slot {
    uint8_t nonce[MID_NONCE_LEN];
    int64_t iat;
    int used;
} mid_replay_slot;

typedef struct mid_issuer_cache_slot {
    uint8_t hash[MID_SHA256_LEN]; /* of the credential's tbs */
    uint8_t kid[MID_KID_LEN];
    int used;
} mid_issuer_cache_slot;

/* Callers SHALL NOT touch the fields (they are here only for the size). */
typedef struct mid_verify_ctx {
    const mid_trust_store *trust;
    const mid_revocation *revocation; /* NULL: no revocation data */
    mid_verify_config cfg;
    mid_replay_slot replay[MID_REPLAY_SLOTS];
    size_t replay_next;
    mid_issuer_cache_slot cache[MID_ISSUER_CACHE_SLOTS];
    size_t cache_next;
    uint64_t cache_hits;
} mid_verify_ctx;

typedef struct mid_result {
    mid_verdict verdict;
    mid_check_id failed_check; /* meaningful when INVALID */
    mid_err err;               /* MID_OK when VALID */
    mid_check_status checks[MID_CHECK_COUNT];
    mid_err check_err[MID_CHECK_COUNT];
    /* revocation data age at the verdict (-1: none), and whether it was
     * past its limit but let through by the warn-only policy */
    int64_t revocation_age_s;
    int revocation_stale_warned;
    uint8_t doctype;   /* known once STRUCTURE passed */
    mid_claims claims; /* filled only when VALID */
} mid_result;

mid_err mid_verify_init(mid_verify_ctx *ctx, const mid_trust_store *trust,
                        const mid_revocation *revocation,
                        const mid_verify_config *cfg);
/* The clock floor (CLOCK check) rises while running: a newer bundle, the
 * last-known-good time (include/mid/mid_timefloor.h). */
void mid_verify_set_floor(mid_verify_ctx *ctx, int64_t floor);
/* Swaps trust data after an update (keeps the replay memory). */
void mid_verify_set_trust(mid_verify_ctx *ctx, const mid_trust_store *trust,
                          const mid_revocation *revocation);

/* Verifies QR text (with the "MID1:" prefix) for a request at time now
 * (Unix seconds). Returns result->err. On a VALID verdict the nonce is
 * remembered, so showing the same presentation again is a REPLAY. */
mid_err mid_verify(mid_verify_ctx *ctx, const uint8_t *qr, size_t qr_len,
                   const mid_request *req, int64_t now, mid_result *result);

void mid_result_wipe(mid_result *r);

/* Makes r INVALID with check id failed by err, keeping the rule above:
 * checks below id PASS, id FAIL, checks above NOT_RUN. For callers that
 * refuse a verified result afterwards (e.g. a view that cannot be built). */
void mid_result_fail(mid_result *r, mid_check_id id, mid_err err);

#endif
