/* mid-kiosk — offline trust and revocation updates. A bundle made by
 * `mid-issue trust|revoke` arrives on a USB stick or in the spool
 * directory; it is verified against the pinned root key, must be newer
 * (higher seq) than the installed one, and replaces it atomically. A
 * foreign, corrupted, truncated or older bundle changes nothing. */
#ifndef MID_UPDATE_H
#define MID_UPDATE_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_trustdata.h"

typedef struct mid_update_result {
    mid_err err;
    int kind; /* MID_BUNDLE_KIND_TRUST / _REVOCATION, 0 if unknown */
    uint64_t seq;
    int64_t issued;
    int format; /* MID_BUNDLE_FORMAT_* (0 if unknown) */
    int64_t valid_until;
    uint64_t floor_seq; /* the effective floor it was compared with */
    int floor_written;  /* installed and the floor raised */
    mid_err floor_err;  /* MID_ERR_FLOOR: the floor file was damaged */
} mid_update_result;

/* THE install function of every way in (spool, USB stick, boot-partition
 * provisioning via `mid-kiosk --install-bundle`, mid-sync): verifies the
 * bundle at path against the pinned root key and parses it whole; refuses
 * an expired trust bundle (BUNDLE_EXPIRED) and a legacy bundle past the
 * sunset or after format 2 was accepted (BUNDLE_LEGACY); then, holding
 * the data directory's install lock (flock), compares it with the
 * effective floor (the floor file, the bundles installed on disk and what
 * `installed` holds) and refuses anything not newer (BUNDLE_OLDER: seq
 * lower or equal, or an earlier issue time); installs it atomically over
 * cfg's trust_path or revocation_path and then raises the floor file
 * atomically (docs/trust-lifecycle.md). */
mid_err mid_update_apply_file(const char *path, const mid_config *cfg,
                              const mid_trustdata *installed,
                              mid_update_result *out);

/* Applies every "*.bundle" in cfg->spool_dir (name order) and removes it
 * from the spool, applied or refused. msg gets a one-line summary of the
 * last one (no personal data exists in bundles). Returns how many were
 * applied; *refused counts the others. */
/* The install clock: time(NULL); MID_TEST_NOW in test builds. */
int64_t mid_update_now(void);

int mid_update_scan_spool(const mid_config *cfg, const mid_trustdata *installed,
                          int *refused, char *msg, size_t msg_cap);

#endif
