/* The device key and the append-only receipt log (include/mid/mid_receipts.h,
 * docs/receipts.md). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mid/mid_crypto.h"
#include "mid/mid_files.h"
#include "mid/mid_korean.h"
#include "mid/mid_receipts.h"
#include "mid/mid_trust.h"

#define PEM_CAP 1024u
#define PATH_CAP (MID_CONFIG_PATH_MAX + 64u)
#define WALK_BUF (16u * 1024u) /* file bytes held while walking a log */
#define COPY_BUF (64u * 1024u)

/* ---- device key ---- */

static mid_err sync_dir_of(const char *path)
{
    char dir[PATH_CAP];
    const char *slash = strrchr(path, '/');
    size_t n = slash ? (size_t)(slash - path) : 1u;
    int fd, rc;
    if (n >= sizeof dir)
        return MID_ERR_ARG;
    if (slash) {
        memcpy(dir, path, n);
        dir[n] = '\0';
        if (n == 0)
            snprintf(dir, sizeof dir, "/");
    } else {
        snprintf(dir, sizeof dir, ".");
    }
    fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd < 0)
        return MID_ERR_IO;
    rc = fsync(fd);
    close(fd);
    return rc == 0 ? MID_OK : MID_ERR_IO;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += (size_t)w;
        n -= (size_t)w;
    }
    return 0;
}

static mid_err devkey_load(const char *path, mid_devkey *key)
{
    uint8_t buf[PEM_CAP];
    size_t len = 0;
    struct stat st;
    mid_err err = MID_ERR_DEVKEY;

    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return MID_ERR_DEVKEY;
    if ((st.st_mode & 077) != 0 && chmod(path, 0600) != 0)
        return MID_ERR_DEVKEY;
    if (mid_file_read(path, buf, sizeof buf - 1u, &len) != MID_OK)
        goto done;
    if (mid_crypto_p256_priv_from_pem((const char *)buf, len, key->priv, key->pub) != MID_OK)
        goto done;
    if (mid_kid_of(key->pub, key->kid) != MID_OK)
        goto done;
    err = MID_OK;
done:
    mid_wipe(buf, sizeof buf);
    if (err != MID_OK)
        mid_devkey_wipe(key);
    return err;
}

mid_err mid_devkey_load_or_create(const char *path, mid_devkey *key,
                                  int *created)
{
    char tmp[PATH_CAP], pem[PEM_CAP];
    int fd = -1, n;
    mid_err err = MID_ERR_DEVKEY;

    if (!path || !key)
        return MID_ERR_ARG;
    if (created)
        *created = 0;
    memset(key, 0, sizeof *key);
    if (access(path, F_OK) == 0 || errno != ENOENT)
        return devkey_load(path, key); /* present (or unknowable): never replace */
    n = snprintf(tmp, sizeof tmp, "%s.new.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return MID_ERR_ARG;
    if (mid_crypto_p256_keygen(key->priv, key->pub) != MID_OK ||
        mid_kid_of(key->pub, key->kid) != MID_OK ||
        mid_crypto_p256_priv_to_pem(key->priv, pem, sizeof pem) != MID_OK)
        goto done;
    /* 0600 from the first byte: never a moment where others can read it */
    unlink(tmp);
    fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        goto done;
    if (write_all(fd, (const uint8_t *)pem, strlen(pem)) != 0 || fsync(fd) != 0)
        goto done;
    close(fd);
    fd = -1;
    /* link() refuses an existing target, unlike rename(): a key that
     * appeared meanwhile wins and ours is thrown away. */
    if (link(tmp, path) != 0) {
        if (errno == EEXIST) {
            unlink(tmp);
            mid_devkey_wipe(key);
            err = devkey_load(path, key);
            goto done;
        }
        goto done;
    }
    unlink(tmp);
    if (sync_dir_of(path) != MID_OK)
        goto done;
    if (created)
        *created = 1;
    err = MID_OK;
done:
    if (fd >= 0) {
        close(fd);
        unlink(tmp);
    }
    mid_wipe(pem, sizeof pem);
    if (err != MID_OK)
        mid_devkey_wipe(key);
    return err;
}

mid_err mid_devkey_export_pub(const mid_devkey *key, const char *path)
{
    char pem[PEM_CAP];
    mid_err err;
    if (!key || !path)
        return MID_ERR_ARG;
    if ((err = mid_crypto_p256_pub_to_pem(key->pub, pem, sizeof pem)) != MID_OK)
        return err;
    return mid_file_write_atomic(path, pem, strlen(pem));
}

void mid_devkey_fingerprint(const uint8_t pub[MID_P256_POINT_LEN], char *out,
                            size_t cap)
{
    static const char hex[] = "0123456789abcdef";
    uint8_t kid[MID_KID_LEN];
    size_t i, o = 0;
    if (!out || cap == 0)
        return;
    out[0] = '\0';
    if (!pub || cap < MID_DEVKEY_FPR_LEN + 1u || mid_kid_of(pub, kid) != MID_OK)
        return;
    for (i = 0; i < MID_KID_LEN; i++) {
        if (i && i % 2u == 0)
            out[o++] = ' ';
        out[o++] = hex[kid[i] >> 4];
        out[o++] = hex[kid[i] & 15u];
    }
    out[o] = '\0';
}

void mid_devkey_wipe(mid_devkey *key)
{
    if (key)
        mid_wipe(key, sizeof *key);
}

/* ---- receipt log ---- */

static void day_path(const mid_receipts *log, uint32_t day, char *out, size_t cap)
{
    snprintf(out, cap, "%s/receipts-%08u.cbor", log->dir, (unsigned)day);
}

/* "receipts-YYYYMMDD.cbor" -> YYYYMMDD, else 0. */
static uint32_t day_of_name(const char *name)
{
    uint32_t d = 0;
    size_t i;
    if (strncmp(name, "receipts-", 9) != 0 || strlen(name) != 9u + 8u + 5u ||
        strcmp(name + 17, ".cbor") != 0)
        return 0;
    for (i = 9; i < 17; i++) {
        if (name[i] < '0' || name[i] > '9')
            return 0;
        d = d * 10u + (uint32_t)(name[i] - '0');
    }
    return d >= 19700101u ? d : 0;
}

static int cmp_day_desc(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x < y) - (x > y);
}

/* The newest day files, newest first. */
static size_t list_days(const char *dir, uint32_t *days, size_t cap)
{
    DIR *d = opendir(dir);
    struct dirent *e;
    size_t n = 0;
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL) {
        uint32_t day = day_of_name(e->d_name);
        if (!day)
            continue;
        if (n < cap) {
            days[n++] = day;
        } else {
            /* keep the newest cap days */
            size_t i, min = 0;
            for (i = 1; i < n; i++)
                if (days[i] < days[min])
                    min = i;
            if (day > days[min])
                days[min] = day;
        }
    }
    closedir(d);
    qsort(days, n, sizeof *days, cmp_day_desc);
    return n;
}

/* The last two whole records of a file and where they start. */
typedef struct walk_tail {
    uint8_t last[MID_RECEIPT_MAX_COSE], before[MID_RECEIPT_MAX_COSE];
    size_t last_len, before_len;
    uint64_t last_off, before_off, end_off; /* end_off: after the last whole */
    uint64_t count;
    mid_err stop; /* MID_OK, TORN or RECORD */
} walk_tail;

/* Streams a log file through a fixed buffer, record by record. */
static mid_err walk_file(int fd, walk_tail *t)
{
    static uint8_t buf[WALK_BUF];
    size_t have = 0, off = 0;
    uint64_t base = 0; /* file offset of buf[0] */
    int eof = 0;

    memset(t, 0, sizeof *t);
    for (;;) {
        const uint8_t *rec;
        size_t rec_len, start;
        int end;
        mid_err err;

        /* keep at least one record's worth in the buffer unless at EOF */
        if (!eof && have - off < MID_RECEIPT_MAX_COSE) {
            ssize_t r;
            memmove(buf, buf + off, have - off);
            base += off;
            have -= off;
            off = 0;
            while (!eof && have < sizeof buf) {
                r = read(fd, buf + have, sizeof buf - have);
                if (r < 0 && errno == EINTR)
                    continue;
                if (r < 0)
                    return MID_ERR_IO;
                if (r == 0)
                    eof = 1;
                have += (size_t)r;
            }
        }
        start = off;
        err = mid_receipt_next(buf, have, &off, &rec, &rec_len, &end);
        if (err == MID_OK && end)
            break;
        if (err != MID_OK) {
            t->stop = err;
            break;
        }
        memcpy(t->before, t->last, t->last_len);
        t->before_len = t->last_len;
        t->before_off = t->last_off;
        memcpy(t->last, rec, rec_len);
        t->last_len = rec_len;
        t->last_off = base + start;
        t->end_off = base + off;
        t->count++;
    }
    return MID_OK;
}

/* Opens one day file and finds its head. *found 0: no whole record. On
 * success, any torn tail has been cut off (and synced). */
static mid_err head_of_file(mid_receipts *log, uint32_t day, int *found)
{
    char path[PATH_CAP];
    walk_tail *t;
    mid_receipt r;
    struct stat st;
    uint64_t keep;
    mid_err err;
    int fd;

    *found = 0;
    memset(&r, 0, sizeof r);
    t = malloc(sizeof *t);
    if (!t)
        return MID_ERR_NOMEM;
    day_path(log, day, path, sizeof path);
    fd = open(path, O_RDWR | O_CLOEXEC);
    if (fd < 0) {
        err = MID_ERR_IO;
        goto done;
    }
    if ((err = walk_file(fd, t)) != MID_OK)
        goto done;
    if (fstat(fd, &st) != 0) {
        err = MID_ERR_IO;
        goto done;
    }
    if (t->stop == MID_ERR_RECEIPT_RECORD) {
        err = MID_ERR_RECEIPT_RECORD; /* damage before the end: do not touch */
        goto done;
    }
    keep = t->end_off;
    /* The last whole record must be ours and signed; when it is not, and
     * nothing follows it, it is the trace of an interrupted append too. */
    if (t->count && (err = mid_receipt_verify(t->last, t->last_len, log->key.pub, &r)) != MID_OK) {
        /* Another device key's record is not a torn append: the key file
         * was replaced. Cutting would destroy evidence; refuse instead. */
        if (err == MID_ERR_RECEIPT_FOREIGN)
            goto done;
        if ((uint64_t)st.st_size - t->last_off > MID_RECEIPT_MAX_COSE) {
            err = MID_ERR_RECEIPT_RECORD;
            goto done;
        }
        keep = t->last_off;
        memcpy(t->last, t->before, t->before_len);
        t->last_len = t->before_len;
        t->count--;
        if (t->count && (err = mid_receipt_verify(t->last, t->last_len, log->key.pub, &r)) != MID_OK) {
            if (err != MID_ERR_RECEIPT_FOREIGN)
                err = MID_ERR_RECEIPT_RECORD;
            goto done;
        }
    }
    if ((uint64_t)st.st_size > keep) {
        if (ftruncate(fd, (off_t)keep) != 0 || fsync(fd) != 0) {
            err = MID_ERR_IO;
            goto done;
        }
        log->torn_bytes += (uint64_t)st.st_size - keep;
    }
    if (t->count) {
        log->next_seq = r.seq + 1u;
        if ((err = mid_receipt_hash(t->last, t->last_len, log->prev)) != MID_OK)
            goto done;
        *found = 1;
    }
    err = MID_OK;
done:
    if (fd >= 0)
        close(fd);
    free(t);
    return err;
}

mid_err mid_receipts_open(mid_receipts *log, const char *dir,
                          const char *kiosk_id, const mid_devkey *key)
{
    uint32_t *days;
    size_t n, i;
    mid_err err = MID_OK;
    int found = 0;

    if (!log || !dir || !kiosk_id || !key)
        return MID_ERR_ARG;
    memset(log, 0, sizeof *log);
    log->fd = -1;
    if (strlen(dir) >= sizeof log->dir || strlen(kiosk_id) > MID_RECEIPT_KIOSK_ID_MAX)
        return MID_ERR_ARG;
    snprintf(log->dir, sizeof log->dir, "%s", dir);
    snprintf(log->kiosk_id, sizeof log->kiosk_id, "%s", kiosk_id);
    log->key = *key;
    log->next_seq = 1;
    if ((err = mid_receipt_genesis(key->kid, log->prev)) != MID_OK)
        goto fail;
    days = malloc(MID_RECEIPTS_MAX_DAYS * sizeof *days);
    if (!days) {
        err = MID_ERR_NOMEM;
        goto fail;
    }
    n = list_days(dir, days, MID_RECEIPTS_MAX_DAYS);
    if (n)
        log->newest_day = days[0];
    /* Newest first; an empty newest file (created, then the power went)
     * hands the head to the day before. */
    for (i = 0; i < n && !found; i++) {
        if ((err = head_of_file(log, days[i], &found)) != MID_OK)
            break;
    }
    free(days);
    if (err != MID_OK)
        goto fail;
    return MID_OK;
fail:
    mid_devkey_wipe(&log->key);
    log->next_seq = 0; /* appends refuse */
    return err;
}

static mid_err open_day(mid_receipts *log, uint32_t day)
{
    char path[PATH_CAP];
    struct stat st;
    int fd, existed;

    if (log->fd >= 0) {
        close(log->fd);
        log->fd = -1;
    }
    day_path(log, day, path, sizeof path);
    existed = access(path, F_OK) == 0;
    fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    if (fd < 0)
        return MID_ERR_IO;
    if (fstat(fd, &st) != 0 || (!existed && sync_dir_of(path) != MID_OK)) {
        close(fd);
        return MID_ERR_IO;
    }
    log->fd = fd;
    log->day = day;
    log->size = (uint64_t)st.st_size;
    if (day > log->newest_day)
        log->newest_day = day;
    return MID_OK;
}

mid_err mid_receipts_append(mid_receipts *log, mid_receipt *r, uint8_t *out,
                            size_t cap, size_t *len)
{
    uint8_t cose[MID_RECEIPT_MAX_COSE];
    size_t n = 0;
    uint32_t day;
    mid_err err;

    if (!log || !r || !out || !len)
        return MID_ERR_ARG;
    if (log->next_seq == 0)
        return MID_ERR_RECEIPT_RECORD; /* open failed: never append after damage */
    r->version = MID_RECEIPT_VERSION;
    snprintf(r->kiosk_id, sizeof r->kiosk_id, "%s", log->kiosk_id);
    r->seq = log->next_seq;
    memcpy(r->prev, log->prev, MID_SHA256_LEN);
    if ((err = mid_receipt_sign(r, log->key.priv, log->key.kid, cose, sizeof cose, &n)) != MID_OK)
        goto fail;
    if (n > cap) {
        err = MID_ERR_BUFFER;
        goto fail;
    }
    day = mid_date_pack(mid_date_from_unix_kst(r->time));
    if (day < log->newest_day)
        day = log->newest_day; /* the clock went back: stay on the newest file */
    if ((log->fd < 0 || day != log->day) && (err = open_day(log, day)) != MID_OK)
        goto fail;
    if (write_all(log->fd, cose, n) != 0 || fdatasync(log->fd) != 0) {
        /* take back whatever part reached the file */
        if (ftruncate(log->fd, (off_t)log->size) == 0)
            (void)fdatasync(log->fd);
        err = MID_ERR_IO;
        goto fail;
    }
    log->size += n;
    log->next_seq++;
    if ((err = mid_receipt_hash(cose, n, log->prev)) != MID_OK)
        goto fail; /* cannot happen after a hash already worked; fail closed */
    log->appended++;
    memcpy(out, cose, n);
    *len = n;
    return MID_OK;
fail:
    log->failed++;
    *len = 0;
    return err;
}

void mid_receipts_close(mid_receipts *log)
{
    if (!log)
        return;
    if (log->fd >= 0)
        close(log->fd);
    log->fd = -1;
    mid_devkey_wipe(&log->key);
}

/* Streams src into dst.tmp, syncs, renames over dst, syncs the directory. */
static mid_err copy_atomic(const char *src, const char *dst)
{
    static uint8_t buf[COPY_BUF];
    char tmp[PATH_CAP + 400];
    int in, out = -1, n;
    mid_err err = MID_ERR_IO;

    n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", dst, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return MID_ERR_ARG;
    in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return MID_ERR_IO;
    out = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (out < 0)
        goto done;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        if (write_all(out, buf, (size_t)r) != 0)
            goto done;
    }
    if (fsync(out) != 0)
        goto done;
    close(out);
    out = -1;
    if (rename(tmp, dst) != 0)
        goto done;
    err = sync_dir_of(dst);
done:
    if (out >= 0)
        close(out);
    if (err != MID_OK)
        unlink(tmp);
    close(in);
    return err;
}

int mid_receipts_export(const mid_receipts *log, const char *dest_dir)
{
    char src[PATH_CAP + 300], dst[PATH_CAP + 300];
    DIR *d;
    struct dirent *e;
    int copied = 0, failed = 0;

    if (!log || !dest_dir)
        return -1;
    snprintf(dst, sizeof dst, "%s/%s-device.pub.pem", dest_dir, log->kiosk_id);
    if (mid_devkey_export_pub(&log->key, dst) != MID_OK)
        return -1;
    d = opendir(log->dir);
    if (!d)
        return -1;
    while ((e = readdir(d)) != NULL) {
        if (!day_of_name(e->d_name))
            continue;
        snprintf(src, sizeof src, "%s/%s", log->dir, e->d_name);
        snprintf(dst, sizeof dst, "%s/%s-%s", dest_dir, log->kiosk_id, e->d_name);
        if (copy_atomic(src, dst) == MID_OK)
            copied++;
        else
            failed++;
    }
    closedir(d);
    return failed ? -1 : copied;
}
