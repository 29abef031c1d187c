/* mid-kiosk — loading the pinned root key, trust and revocation bundles
 * and the build-time clock floor from the paths in the configuration. */
#ifndef MID_TRUSTDATA_H
#define MID_TRUSTDATA_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_trust.h"

typedef struct mid_trustdata {
    uint8_t root_pub[MID_P256_POINT_LEN];
    int have_root;
    mid_trust_store trust;
    int have_trust;
    mid_revocation revocation;
    int have_revocation;
    int64_t build_floor;
    /* the revocation ids point into this buffer */
    uint8_t *rev_buf;
    size_t rev_cap;
} mid_trustdata;

/* rev_buf must hold MID_MAX_BUNDLE_BYTES. Loads what it can; each missing
 * or bad piece is described in msg (first problem) and left absent, so the
 * verifier fails closed (ISSUER_KEY / REVOKED / CLOCK). */
mid_err mid_trustdata_load(mid_trustdata *td, const mid_config *cfg,
                           uint8_t *rev_buf, size_t rev_cap, char *msg,
                           size_t msg_cap);

#endif
