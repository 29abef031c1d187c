/* mid-kiosk — the operator PIN's files and the last-known-good time file
 * on the data partition (src/app/pinstore.c; formats in mid_pin.h and
 * mid_timefloor.h). All writes are atomic (temp + fsync + rename + dir
 * fsync), so a power cut leaves the old or the new content. */
#ifndef MID_PINSTORE_H
#define MID_PINSTORE_H

#include <stdint.h>

#include "mid_err.h"
#include "mid_pin.h"

/* Reads the PIN hash. MID_ERR_IO when the file is missing (the status
 * screen stays off), MID_ERR_PIN_FILE_MODE when it is not a regular file
 * owned by the kiosk's user (or root) with no group/other bits (0600 or
 * 0400), MID_ERR_PIN_FILE when malformed. */
mid_err mid_pinfile_load(const char *path, mid_pin_hash *out);
/* Writes it with mode 0600 (mid-issue pin-hash). */
mid_err mid_pinfile_store(const char *path, const mid_pin_hash *h);

/* Reads the lockout state. A missing file is no failures (MID_OK); a
 * torn, garbage or unreadable one is mid_pin_lock_fail_safe at now and
 * MID_ERR_PIN_LOCK_FILE. */
mid_err mid_pinlock_load(const char *path, int64_t now, mid_pin_lock *out);
mid_err mid_pinlock_store(const char *path, const mid_pin_lock *l);

/* Last-known-good time: 0 and MID_OK when missing, MID_ERR_TIME_FILE when
 * malformed (the caller runs without it and says so). */
mid_err mid_timefile_load(const char *path, int64_t *out);
mid_err mid_timefile_store(const char *path, int64_t t);

#endif
