/* mid-kiosk — the check log a shop can show an inspector: time, kiosk id,
 * purpose, verdict and reason code of every check. Never a name, number,
 * credential id or image. One CSV file per KST day, kept in memory and
 * rewritten atomically (temp + fsync + rename) at most every flush
 * interval, so a power cut loses at most that interval and never leaves a
 * torn file. */
#ifndef MID_CHECKLOG_H
#define MID_CHECKLOG_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_verify.h"

#define MID_CHECKLOG_MAX_BYTES (256u * 1024u) /* ~4,000 checks a day */
#define MID_CHECKLOG_FLUSH_S 60

typedef struct mid_checklog {
    char dir[MID_CONFIG_PATH_MAX];
    char kiosk_id[32];
    uint32_t day; /* KST YYYYMMDD of the buffered lines */
    char buf[MID_CHECKLOG_MAX_BYTES];
    size_t len;
    int dirty;
    int64_t last_flush;
    uint64_t dropped; /* lines not kept because the day was full */
} mid_checklog;

/* Loads today's file if present (a restart keeps the day's lines). */
void mid_checklog_init(mid_checklog *log, const char *dir, const char *kiosk_id,
                       int64_t now);
void mid_checklog_add(mid_checklog *log, int64_t now, mid_purpose purpose,
                      const mid_result *r);
/* Writes if dirty and (force or the interval passed). */
mid_err mid_checklog_flush(mid_checklog *log, int64_t now, int force);
/* Copies every checklog-*.csv to dest_dir (a mounted USB stick). */
int mid_checklog_export(const mid_checklog *log, const char *dest_dir);

#endif
