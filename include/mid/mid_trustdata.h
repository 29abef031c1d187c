/* mid-kiosk — loading the pinned root key, trust and revocation bundles
 * and the build-time clock floor from the paths in the configuration. */
#ifndef MID_TRUSTDATA_H
#define MID_TRUSTDATA_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_trust.h"

/* What a file was when it was loaded, to notice a replacement. */
typedef struct mid_file_id {
    int exists;
    uint64_t dev, ino;
    int64_t size, mtime_ns;
} mid_file_id;

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
    /* Anti-rollback (docs/trust-lifecycle.md). floor_issued: the highest
     * signed issue time this kiosk has accepted (floor file and loaded
     * bundles), for the clock's last-known-good floor: genuine data
     * signed at T proves the time is at least T. 0 when nothing. */
    int64_t floor_issued;
    int floor_missing;                 /* no floor file (first start, deleted) */
    mid_err floor_err;                 /* MID_ERR_FLOOR: damaged, treated as missing */
    mid_err trust_err, revocation_err; /* why a piece is absent */
    int kept_trust, kept_revocation;   /* last good copy kept (reload) */
    mid_file_id id_trust, id_revocation, id_floor;
} mid_trustdata;

/* rev_buf must hold MID_MAX_BUNDLE_BYTES. Loads what it can; each missing
 * or bad piece is described in msg (first problem) and left absent, so the
 * verifier fails closed (ISSUER_KEY / REVOKED / CLOCK). An installed
 * bundle below the floor file's entry for its kind (or at it but not the
 * bundle recorded there) is BUNDLE_ROLLBACK: tampering, left absent. Only
 * reads: the floor file is written by installs alone. */
mid_err mid_trustdata_load(mid_trustdata *td, const mid_config *cfg,
                           uint8_t *rev_buf, size_t rev_cap, char *msg,
                           size_t msg_cap);

/* 1 when the trust, revocation or floor file is no longer the one loaded
 * (another process, e.g. mid-sync or provisioning, installed): reload. */
int mid_trustdata_changed(const mid_trustdata *td, const mid_config *cfg);

/* After a reload into next: a piece that did not load (tampered, deleted,
 * damaged) is taken over from prev, the last good copy in RAM, which was
 * verified against the same root key and the floor when it was loaded. */
void mid_trustdata_keep_good(mid_trustdata *next, const mid_trustdata *prev);

#endif
