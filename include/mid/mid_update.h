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
    int kind;        /* MID_BUNDLE_KIND_TRUST / _REVOCATION, 0 if unknown */
    uint64_t seq;
    int64_t issued;
} mid_update_result;

/* Verifies the bundle at path and, if it is newer than what `installed`
 * holds, writes it over cfg's trust_path or revocation_path. */
mid_err mid_update_apply_file(const char *path, const mid_config *cfg,
                              const mid_trustdata *installed,
                              mid_update_result *out);

/* Applies every "*.bundle" in cfg->spool_dir (name order) and removes it
 * from the spool, applied or refused. msg gets a one-line summary of the
 * last one (no personal data exists in bundles). Returns how many were
 * applied; *refused counts the others. */
int mid_update_scan_spool(const mid_config *cfg, const mid_trustdata *installed,
                          int *refused, char *msg, size_t msg_cap);

#endif
