/* The anti-rollback floor (include/mid/mid_floor.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "mid/mid_files.h"
#include "mid/mid_floor.h"

mid_err mid_floor_path(const mid_config *cfg, const char *name, char *out,
                       size_t cap)
{
    const char *slash;
    int n;
    if (!cfg || !name || !out || cap == 0)
        return MID_ERR_ARG;
    slash = strrchr(cfg->trust_path, '/');
    if (!slash)
        n = snprintf(out, cap, "%s", name);
    else
        n = snprintf(out, cap, "%.*s/%s", (int)(slash - cfg->trust_path), cfg->trust_path, name);
    return n < 0 || (size_t)n >= cap ? MID_ERR_ARG : MID_OK;
}

static const char *kind_name(int kind)
{
    return kind == MID_BUNDLE_KIND_TRUST ? "trust" : "revocation";
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* "KIND FORMAT SEQ ISSUED SHA256HEX": decimal without sign or leading
 * zeros, lower-case hex, single spaces. */
static int parse_line(const char *s, size_t n, int kind, mid_floor_entry *e)
{
    char buf[160], *p, *end;
    unsigned long long v[3];
    size_t kl = strlen(kind_name(kind));

    if (n >= sizeof buf || n < kl + 1 || memcmp(s, kind_name(kind), kl) != 0 || s[kl] != ' ')
        return -1;
    if (memchr(s, '\0', n)) /* the C string below would end early */
        return -1;
    memcpy(buf, s, n);
    buf[n] = '\0';
    p = buf + kl + 1;
    for (int i = 0; i < 3; i++) {
        if (*p < '0' || *p > '9' || (p[0] == '0' && p[1] != ' '))
            return -1;
        errno = 0;
        v[i] = strtoull(p, &end, 10);
        if (errno || *end != ' ')
            return -1;
        p = end + 1;
    }
    if ((v[0] != MID_BUNDLE_FORMAT_LEGACY && v[0] != MID_BUNDLE_FORMAT_CURRENT) ||
        v[1] > UINT64_MAX / 2u || v[2] > (unsigned long long)INT64_MAX / 2u)
        return -1;
    if (strlen(p) != 2u * MID_SHA256_LEN)
        return -1;
    for (size_t i = 0; i < MID_SHA256_LEN; i++) {
        int hi = hexval(p[2 * i]), lo = hexval(p[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        e->sha256[i] = (uint8_t)(hi << 4 | lo);
    }
    e->have = 1;
    e->format = (int)v[0];
    e->seq = (uint64_t)v[1];
    e->issued = (int64_t)v[2];
    return 0;
}

mid_err mid_floor_parse(const uint8_t *buf, size_t len, mid_floor *f)
{
    const char *s = (const char *)buf;
    size_t pos, ml = strlen(MID_FLOOR_MAGIC);
    int kind = MID_BUNDLE_KIND_TRUST;

    memset(f, 0, sizeof *f);
    if (!buf || len > MID_FLOOR_MAX_BYTES)
        goto bad;
    if (len < ml + 1 || memcmp(buf, MID_FLOOR_MAGIC, ml) != 0 || buf[ml] != '\n')
        goto bad;
    pos = ml + 1;
    /* at most one line per kind, trust first; every line ends in '\n' */
    while (pos < len) {
        const char *nl = memchr(s + pos, '\n', len - pos);
        size_t n;
        if (!nl)
            goto bad;
        n = (size_t)(nl - (s + pos));
        while (kind <= MID_BUNDLE_KIND_REVOCATION &&
               parse_line(s + pos, n, kind, &f->e[kind]) != 0)
            kind++;
        if (kind > MID_BUNDLE_KIND_REVOCATION)
            goto bad;
        kind++;
        pos += n + 1;
    }
    return MID_OK;
bad:
    memset(f, 0, sizeof *f);
    return MID_ERR_FLOOR;
}

mid_err mid_floor_read(const char *path, mid_floor *f, int *missing)
{
    uint8_t buf[MID_FLOOR_MAX_BYTES];
    size_t len = 0;
    mid_err err;

    memset(f, 0, sizeof *f);
    if (missing)
        *missing = 0;
    if (access(path, F_OK) != 0 && errno == ENOENT) {
        if (missing)
            *missing = 1;
        return MID_OK;
    }
    if ((err = mid_file_read(path, buf, sizeof buf, &len)) != MID_OK)
        return err == MID_ERR_TOO_LARGE ? MID_ERR_FLOOR : err;
    return mid_floor_parse(buf, len, f);
}

mid_err mid_floor_format(const mid_floor *f, char *out, size_t cap, size_t *len)
{
    int n = snprintf(out, cap, "%s\n", MID_FLOOR_MAGIC);
    if (n < 0 || (size_t)n >= cap)
        return MID_ERR_BUFFER;
    for (int kind = MID_BUNDLE_KIND_TRUST; kind <= MID_BUNDLE_KIND_REVOCATION; kind++) {
        const mid_floor_entry *e = &f->e[kind];
        char hex[2 * MID_SHA256_LEN + 1];
        int m;
        if (!e->have)
            continue;
        for (size_t i = 0; i < MID_SHA256_LEN; i++)
            snprintf(hex + 2 * i, 3, "%02x", e->sha256[i]);
        m = snprintf(out + n, cap - (size_t)n, "%s %d %llu %lld %s\n", kind_name(kind),
                     e->format, (unsigned long long)e->seq, (long long)e->issued, hex);
        if (m < 0 || (size_t)m >= cap - (size_t)n)
            return MID_ERR_BUFFER;
        n += m;
    }
    *len = (size_t)n;
    return MID_OK;
}

mid_err mid_floor_write(const char *path, const mid_floor *f)
{
    char out[MID_FLOOR_MAX_BYTES];
    size_t len = 0;
    mid_err err = mid_floor_format(f, out, sizeof out, &len);
    if (err)
        return err;
    return mid_file_write_atomic(path, out, len);
}

void mid_floor_raise(mid_floor_entry *e, const mid_bundle_meta *m,
                     const uint8_t sha256[MID_SHA256_LEN])
{
    if (e->have && m->seq <= e->seq)
        return;
    e->have = 1;
    e->format = m->format;
    e->seq = m->seq;
    e->issued = m->issued > e->issued ? m->issued : e->issued;
    memcpy(e->sha256, sha256, MID_SHA256_LEN);
}

int mid_floor_lock(const mid_config *cfg)
{
    char path[MID_CONFIG_PATH_MAX + 32];
    int fd;
    if (mid_floor_path(cfg, MID_FLOOR_LOCK_FILE, path, sizeof path) != MID_OK)
        return -1;
    /* read-only is enough for flock(), so an installer of another user
     * that may write the bundles can still take the lock */
    fd = open(path, O_RDONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (fd < 0)
        return -1;
    /* Blocking: a holder does bounded work (read and verify at most two
     * bundles, two atomic writes) and the kernel drops the lock if it
     * dies, so waiting never loses an update. */
    while (flock(fd, LOCK_EX) != 0) {
        if (errno != EINTR) {
            close(fd);
            return -1;
        }
    }
    return fd;
}

void mid_floor_unlock(int fd)
{
    if (fd >= 0) {
        (void)flock(fd, LOCK_UN);
        close(fd);
    }
}
