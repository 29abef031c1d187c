/* The privacy-preserving check log (include/mid/mid_checklog.h). */
#include <dirent.h>
#include <stdio.h>
#include <string.h>

#include "mid/mid_checklog.h"
#include "mid/mid_files.h"
#include "mid/mid_korean.h"

static const char HEADER[] = "time_kst,kiosk_id,purpose,verdict,check,error\n";

static void path_for(const mid_checklog *log, uint32_t day, char *out, size_t cap)
{
    snprintf(out, cap, "%s/checklog-%08u.csv", log->dir, (unsigned)day);
}

static void start_day(mid_checklog *log, uint32_t day)
{
    char path[MID_CONFIG_PATH_MAX + 32];
    size_t n = 0;
    log->day = day;
    log->len = 0;
    log->dirty = 0;
    path_for(log, day, path, sizeof path);
    if (mid_file_read(path, (uint8_t *)log->buf, sizeof log->buf, &n) == MID_OK &&
        n >= sizeof HEADER - 1u && memcmp(log->buf, HEADER, sizeof HEADER - 1u) == 0) {
        log->len = n;
        return;
    }
    memcpy(log->buf, HEADER, sizeof HEADER - 1u);
    log->len = sizeof HEADER - 1u;
}

void mid_checklog_init(mid_checklog *log, const char *dir, const char *kiosk_id,
                       int64_t now)
{
    memset(log, 0, sizeof *log);
    snprintf(log->dir, sizeof log->dir, "%s", dir);
    snprintf(log->kiosk_id, sizeof log->kiosk_id, "%s", kiosk_id);
    start_day(log, mid_date_pack(mid_date_from_unix_kst(now)));
    log->last_flush = now;
}

void mid_checklog_add(mid_checklog *log, int64_t now, mid_purpose purpose,
                      const mid_result *r)
{
    char line[160];
    int n;
    int64_t kst = now + MID_KST_OFFSET_S;
    mid_date d = mid_date_from_unix_kst(now);
    uint32_t day = mid_date_pack(d);
    int64_t sec = ((kst % 86400) + 86400) % 86400;
    int valid = r->verdict == MID_VERDICT_VALID;

    if (day != log->day) {
        mid_checklog_flush(log, now, 1);
        start_day(log, day);
    }
    n = snprintf(line, sizeof line, "%04d-%02u-%02uT%02d:%02d:%02d+09:00,%s,%s,%s,%s,%d\n",
                 d.year, d.month, d.day, (int)(sec / 3600), (int)(sec / 60 % 60), (int)(sec % 60),
                 log->kiosk_id, mid_purpose_id(purpose), valid ? "valid" : "invalid",
                 valid ? "-" : mid_check_id_str(r->failed_check), (int)r->err);
    if (n < 0 || (size_t)n >= sizeof line || log->len + (size_t)n > sizeof log->buf) {
        log->dropped++;
        return;
    }
    memcpy(log->buf + log->len, line, (size_t)n);
    log->len += (size_t)n;
    log->dirty = 1;
}

mid_err mid_checklog_flush(mid_checklog *log, int64_t now, int force)
{
    char path[MID_CONFIG_PATH_MAX + 32];
    mid_err err;
    if (!log->dirty || (!force && now - log->last_flush < MID_CHECKLOG_FLUSH_S))
        return MID_OK;
    path_for(log, log->day, path, sizeof path);
    err = mid_file_write_atomic(path, log->buf, log->len);
    if (err == MID_OK) {
        log->dirty = 0;
        log->last_flush = now;
    }
    return err;
}

int mid_checklog_export(const mid_checklog *log, const char *dest_dir)
{
    static uint8_t buf[MID_CHECKLOG_MAX_BYTES];
    DIR *d = opendir(log->dir);
    struct dirent *e;
    int copied = 0;
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        char src[MID_CONFIG_PATH_MAX + 300], dst[MID_CONFIG_PATH_MAX + 300];
        size_t n;
        if (strncmp(e->d_name, "checklog-", 9) != 0 || !strstr(e->d_name, ".csv") ||
            strstr(e->d_name, ".tmp."))
            continue;
        snprintf(src, sizeof src, "%s/%s", log->dir, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s-%s", dest_dir, log->kiosk_id, e->d_name);
        if (mid_file_read(src, buf, sizeof buf, &n) == MID_OK &&
            mid_file_write_atomic(dst, buf, n) == MID_OK)
            copied++;
    }
    closedir(d);
    return copied;
}
