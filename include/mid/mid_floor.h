/* mid-kiosk — the anti-rollback floor (docs/trust-lifecycle.md).
 *
 * For each bundle kind the highest sequence number and issue time the
 * kiosk has ever accepted, with the format and SHA-256 of that bundle,
 * kept in one small text file in the data directory (next to the trust
 * bundle): "bundle.floor". Installs (src/app/update.c) hold an exclusive
 * flock() on "bundle.lock" in the same directory while they compare,
 * install and raise the floor, so the kiosk, mid-sync and provisioning
 * can install concurrently. The file is only ever replaced whole
 * (mid_file_write_atomic), so a power cut leaves the old or the new
 * floor, never a torn one. */
#ifndef MID_FLOOR_H
#define MID_FLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_err.h"
#include "mid_limits.h"
#include "mid_trust.h"

#define MID_FLOOR_FILE "bundle.floor"
#define MID_FLOOR_LOCK_FILE "bundle.lock"
#define MID_FLOOR_MAX_BYTES 512u
#define MID_FLOOR_MAGIC "mid-kiosk bundle floor 1"

typedef struct mid_floor_entry {
    int have;
    int format; /* MID_BUNDLE_FORMAT_* of the accepted bundle */
    uint64_t seq;
    int64_t issued;
    uint8_t sha256[MID_SHA256_LEN];
} mid_floor_entry;

/* Indexed by kind: e[MID_BUNDLE_KIND_TRUST], e[MID_BUNDLE_KIND_REVOCATION]. */
typedef struct mid_floor {
    mid_floor_entry e[3];
} mid_floor;

/* Path of the floor file / lock file: the directory of cfg->trust_path. */
mid_err mid_floor_path(const mid_config *cfg, const char *name, char *out,
                       size_t cap);
/* Reads the floor. A missing file is an empty floor (MID_OK, *missing = 1);
 * anything but the exact format is MID_ERR_FLOOR and an empty floor. */
mid_err mid_floor_read(const char *path, mid_floor *f, int *missing);
/* The text of a floor file, both ways (the fuzz harness round-trips). */
mid_err mid_floor_parse(const uint8_t *buf, size_t len, mid_floor *f);
mid_err mid_floor_format(const mid_floor *f, char *out, size_t cap, size_t *len);
/* Replaces the floor file atomically (temp, fsync, rename, dir fsync). */
mid_err mid_floor_write(const char *path, const mid_floor *f);
/* Raises e to the bundle described by m and hash, if that is higher. */
void mid_floor_raise(mid_floor_entry *e, const mid_bundle_meta *m,
                     const uint8_t sha256[MID_SHA256_LEN]);

/* Exclusive lock over installs into cfg's data directory: returns a file
 * descriptor (>= 0) to pass to mid_floor_unlock, or -1 (MID_ERR_IO). */
int mid_floor_lock(const mid_config *cfg);
void mid_floor_unlock(int fd);

#endif
