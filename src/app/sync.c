/* Network sync agent logic (include/mid/mid_sync.h, docs/sync.md). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mid/mid_files.h"
#include "mid/mid_sync.h"
#include "mid/mid_trust.h"
#include "mid/mid_update.h"

#define SYNC_CONF_MAX_BYTES 8192u
#define SYNC_LINE_MAX 512u
#define STATUS_MAGIC "mid-sync-status 1"

static const char *const BUNDLE_NAME[MID_SYNC_BUNDLES] = {"trust.bundle", "revocation.bundle"};

/* ---- small strict "key = value" reader, shared by both parsers ---- */

typedef struct kv_line {
    const char *k, *v;
    size_t kn, vn;
} kv_line;

/* Next non-empty line of text[*pos..len) as key and value; 1 got one,
 * 0 end of text, -1 malformed (why says what). '#' starts a comment
 * only when comments is set (ETags may contain '#'). */
static int next_kv(const char *text, size_t len, size_t *pos, unsigned *line,
                   int comments, kv_line *out, const char **why)
{
    while (*pos < len) {
        size_t s = *pos, e, eq;
        while (*pos < len && text[*pos] != '\n')
            (*pos)++;
        e = *pos;
        (*pos)++;
        (*line)++;
        if (e - s > SYNC_LINE_MAX) {
            *why = "line too long";
            return -1;
        }
        for (size_t c = s; c < e; c++) {
            unsigned char ch = (unsigned char)text[c];
            if (ch == '#' && comments) {
                e = c;
                break;
            }
            if (ch < 0x20 && ch != '\t' && ch != '\r') {
                *why = "control character";
                return -1;
            }
            if (ch >= 0x7f) {
                *why = "non-ASCII byte";
                return -1;
            }
        }
        while (s < e && (text[s] == ' ' || text[s] == '\t' || text[s] == '\r'))
            s++;
        while (e > s && (text[e - 1] == ' ' || text[e - 1] == '\t' || text[e - 1] == '\r'))
            e--;
        if (s == e)
            continue;
        for (eq = s; eq < e && text[eq] != '='; eq++)
            ;
        if (eq == e) {
            *why = "expected key = value";
            return -1;
        }
        out->k = text + s;
        out->kn = eq - s;
        while (out->kn > 0 && (out->k[out->kn - 1] == ' ' || out->k[out->kn - 1] == '\t'))
            out->kn--;
        out->v = text + eq + 1;
        out->vn = e - eq - 1;
        while (out->vn > 0 && (out->v[0] == ' ' || out->v[0] == '\t')) {
            out->v++;
            out->vn--;
        }
        return 1;
    }
    return 0;
}

static int is_word(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

/* Decimal integer in [min, max]; 0 ok. */
static int parse_i64(const char *v, size_t n, int64_t min, int64_t max, int64_t *out)
{
    char num[24];
    char *end;
    long long x;
    if (n == 0 || n >= sizeof num)
        return -1;
    memcpy(num, v, n);
    num[n] = '\0';
    if (!(num[0] == '-' || (num[0] >= '0' && num[0] <= '9')))
        return -1;
    errno = 0;
    x = strtoll(num, &end, 10);
    if (errno || *end != '\0' || x < min || x > max)
        return -1;
    *out = (int64_t)x;
    return 0;
}

static int parse_u64(const char *v, size_t n, uint64_t *out)
{
    char num[24];
    char *end;
    unsigned long long x;
    if (n == 0 || n >= sizeof num || v[0] < '0' || v[0] > '9')
        return -1;
    memcpy(num, v, n);
    num[n] = '\0';
    errno = 0;
    x = strtoull(num, &end, 10);
    if (errno || *end != '\0')
        return -1;
    *out = (uint64_t)x;
    return 0;
}

static int copy_str(char *dst, size_t cap, const char *v, size_t n)
{
    if (n >= cap)
        return -1;
    memcpy(dst, v, n);
    dst[n] = '\0';
    return 0;
}

/* ---- sync.conf ---- */

void mid_sync_config_default(mid_sync_config *c)
{
    memset(c, 0, sizeof *c);
    snprintf(c->kiosk_config, sizeof c->kiosk_config, "%s", MID_CONFIG_DEFAULT_PATH);
    c->allow_http = 0;
    c->interval_s = 3600;
    c->jitter_s = 900;
    c->backoff_min_s = 60;
    c->backoff_max_s = 3600;
    c->connect_timeout_s = 15;
    c->timeout_s = 120;
    c->low_speed_time_s = 30;
    c->max_bytes = MID_MAX_BUNDLE_BYTES;
}

/* scheme://host[:port]/path/ ; host for plain http must be loopback. */
static const char *check_url(const char *u, int allow_http)
{
    const char *host;
    size_t hn;
    int https = strncmp(u, "https://", 8) == 0;
    int http = strncmp(u, "http://", 7) == 0;
    if (!https && !http)
        return "base_url must start with https://";
    if (http && !allow_http)
        return "plain http needs allow_http = yes";
    host = u + (https ? 8 : 7);
    if (host[0] == '[') { /* an IPv6 literal: up to its ']' */
        const char *rb = strchr(host, ']');
        if (!rb)
            return "base_url has an unclosed [";
        hn = (size_t)(rb - host) + 1;
    } else {
        hn = strcspn(host, ":/");
    }
    if (hn == 0)
        return "base_url has no host";
    for (const char *p = u; *p; p++)
        if (*p == ' ' || *p == '?' || *p == '#' || *p == '@' || *p == '\\' || *p == '"')
            return "base_url has a character not allowed (space ? # @ \\ \")";
    if (http && !(is_word(host, hn, "127.0.0.1") || is_word(host, hn, "localhost") ||
                  (hn == 5 && memcmp(host, "[::1]", 5) == 0)))
        return "plain http only to 127.0.0.1, [::1] or localhost";
    if (u[strlen(u) - 1] != '/')
        return "base_url must end with /";
    if (!strchr(host, '/'))
        return "base_url needs a path (at least /)";
    return NULL;
}

typedef enum skind { S_INT,
                     S_BOOL,
                     S_STR,
                     S_U32 } skind;
typedef struct skey {
    const char *key;
    skind k;
    size_t off;
    long min, max;
} skey;
#define SOFF(f) offsetof(mid_sync_config, f)
static const skey SKEYS[] = {
    {"base_url", S_STR, SOFF(base_url), 0, MID_SYNC_URL_MAX},
    {"kiosk_config", S_STR, SOFF(kiosk_config), 0, MID_CONFIG_PATH_MAX},
    {"state_dir", S_STR, SOFF(state_dir), 0, MID_CONFIG_PATH_MAX},
    {"ca_file", S_STR, SOFF(ca_file), 0, MID_CONFIG_PATH_MAX},
    {"allow_http", S_BOOL, SOFF(allow_http), 0, 1},
    {"interval", S_INT, SOFF(interval_s), 10, 7 * 86400},
    {"jitter", S_INT, SOFF(jitter_s), 0, 86400},
    {"backoff_min", S_INT, SOFF(backoff_min_s), 1, 3600},
    {"backoff_max", S_INT, SOFF(backoff_max_s), 1, 7 * 86400},
    {"connect_timeout", S_INT, SOFF(connect_timeout_s), 1, 300},
    {"timeout", S_INT, SOFF(timeout_s), 1, 3600},
    {"low_speed_time", S_INT, SOFF(low_speed_time_s), 1, 3600},
    {"max_bytes", S_U32, SOFF(max_bytes), MID_SYNC_MIN_BYTES, MID_MAX_BUNDLE_BYTES},
};

mid_err mid_sync_config_parse(const char *text, size_t len, mid_sync_config *c,
                              char *msg, size_t msg_cap)
{
    mid_sync_config tmp;
    size_t pos = 0;
    unsigned line = 0, seen = 0;
    const char *why = NULL;
    kv_line kv;
    int r;

    if (!text || !c)
        return MID_ERR_ARG;
    if (msg && msg_cap)
        msg[0] = '\0';
    mid_sync_config_default(&tmp);
    if (len > SYNC_CONF_MAX_BYTES) {
        why = "file too large";
        goto bad;
    }
    while ((r = next_kv(text, len, &pos, &line, 1, &kv, &why)) == 1) {
        size_t i;
        int64_t x;
        char *base;
        for (i = 0; i < sizeof SKEYS / sizeof SKEYS[0]; i++)
            if (is_word(kv.k, kv.kn, SKEYS[i].key))
                break;
        if (i == sizeof SKEYS / sizeof SKEYS[0]) {
            why = "unknown key";
            goto bad;
        }
        if (seen & (1u << i)) {
            why = "key given twice";
            goto bad;
        }
        seen |= 1u << i;
        base = (char *)&tmp + SKEYS[i].off;
        switch (SKEYS[i].k) {
        case S_BOOL:
            if (is_word(kv.v, kv.vn, "yes"))
                *(int *)(void *)base = 1;
            else if (is_word(kv.v, kv.vn, "no"))
                *(int *)(void *)base = 0;
            else {
                why = "must be yes or no";
                goto bad;
            }
            break;
        case S_INT:
        case S_U32:
            if (parse_i64(kv.v, kv.vn, SKEYS[i].min, SKEYS[i].max, &x)) {
                why = "not a number in range";
                goto bad;
            }
            if (SKEYS[i].k == S_U32)
                *(uint32_t *)(void *)base = (uint32_t)x;
            else
                *(int *)(void *)base = (int)x;
            break;
        case S_STR:
            if (kv.vn == 0 || copy_str(base, (size_t)SKEYS[i].max, kv.v, kv.vn)) {
                why = "empty or too long";
                goto bad;
            }
            if (SKEYS[i].off != SOFF(base_url) && base[0] != '/') {
                why = "must be an absolute path";
                goto bad;
            }
            break;
        }
    }
    if (r < 0)
        goto bad;
    line = 0;
    if (!tmp.base_url[0]) {
        why = "base_url is missing";
        goto bad;
    }
    if ((why = check_url(tmp.base_url, tmp.allow_http)) != NULL)
        goto bad;
    if (tmp.backoff_max_s < tmp.backoff_min_s) {
        why = "backoff_max is below backoff_min";
        goto bad;
    }
    if (tmp.jitter_s > tmp.interval_s) {
        why = "jitter is larger than interval";
        goto bad;
    }
    if (tmp.connect_timeout_s > tmp.timeout_s) {
        why = "connect_timeout is larger than timeout";
        goto bad;
    }
    *c = tmp;
    return MID_OK;
bad:
    if (msg && msg_cap) {
        if (line)
            snprintf(msg, msg_cap, "line %u: %s", line, why ? why : "error");
        else
            snprintf(msg, msg_cap, "%s", why ? why : "error");
    }
    mid_sync_config_default(c);
    return MID_ERR_CONFIG;
}

mid_err mid_sync_config_load(const char *path, mid_sync_config *c, char *msg,
                             size_t msg_cap)
{
    static uint8_t buf[SYNC_CONF_MAX_BYTES + 1u];
    size_t n;
    mid_err err = mid_file_read(path, buf, sizeof buf - 1u, &n);
    mid_sync_config_default(c);
    if (err) {
        if (msg && msg_cap)
            snprintf(msg, msg_cap, "%s: %s", path,
                     err == MID_ERR_TOO_LARGE ? "file too large" : "cannot be read");
        return MID_ERR_CONFIG;
    }
    return mid_sync_config_parse((const char *)buf, n, c, msg, msg_cap);
}

/* ---- status file ---- */

typedef enum stkind { T_I64,
                      T_U64,
                      T_U32,
                      T_ERR,
                      T_TAG } stkind;
typedef struct stkey {
    const char *key;
    stkind k;
    int bundle; /* -1 global, else index into b[] */
    size_t off;
} stkey;
#define GOFF(f) offsetof(mid_sync_status, f)
#define BOFF(f) offsetof(mid_sync_bundle_state, f)
static const stkey STKEYS[] = {
    {"last_attempt", T_I64, -1, GOFF(last_attempt)},
    {"last_success", T_I64, -1, GOFF(last_success)},
    {"next_attempt", T_I64, -1, GOFF(next_attempt)},
    {"last_error", T_ERR, -1, GOFF(last_error)},
    {"failures", T_U32, -1, GOFF(failures)},
    {"trust_seq", T_U64, 0, BOFF(seq)},
    {"trust_issued", T_I64, 0, BOFF(issued)},
    {"trust_checked", T_I64, 0, BOFF(checked)},
    {"trust_etag", T_TAG, 0, BOFF(etag)},
    {"trust_last_modified", T_TAG, 0, BOFF(last_modified)},
    {"revocation_seq", T_U64, 1, BOFF(seq)},
    {"revocation_issued", T_I64, 1, BOFF(issued)},
    {"revocation_checked", T_I64, 1, BOFF(checked)},
    {"revocation_etag", T_TAG, 1, BOFF(etag)},
    {"revocation_last_modified", T_TAG, 1, BOFF(last_modified)},
    /* a numeric key last: a file cut anywhere before it is refused */
    {"rounds", T_U64, -1, GOFF(rounds)},
    {"full_downloads", T_U64, -1, GOFF(full_downloads)},
    {"not_modified", T_U64, -1, GOFF(not_modified)},
    {"installs", T_U64, -1, GOFF(installs)},
};
#define N_STKEYS (sizeof STKEYS / sizeof STKEYS[0])

/* Text of an ETag or Last-Modified as kept: printable ASCII, no '"'
 * escapes needed since the value runs to the end of the line. */
static int tag_ok(const char *v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)v[i] < 0x20 || (unsigned char)v[i] > 0x7e)
            return 0;
    return 1;
}

mid_err mid_sync_status_parse(const char *text, size_t len, mid_sync_status *st)
{
    mid_sync_status tmp;
    size_t pos, ml = strlen(STATUS_MAGIC);
    unsigned line = 1;
    uint32_t seen = 0;
    const char *why = NULL;
    kv_line kv;
    int r;

    memset(st, 0, sizeof *st);
    memset(&tmp, 0, sizeof tmp);
    if (!text || len > MID_SYNC_STATUS_MAX_BYTES || len < ml + 1 ||
        memcmp(text, STATUS_MAGIC, ml) != 0 || text[ml] != '\n')
        return MID_ERR_SYNC_STATUS;
    pos = ml + 1;
    while ((r = next_kv(text, len, &pos, &line, 0, &kv, &why)) == 1) {
        size_t i;
        char *base;
        int64_t x;
        uint64_t u;
        for (i = 0; i < N_STKEYS; i++)
            if (is_word(kv.k, kv.kn, STKEYS[i].key))
                break;
        if (i == N_STKEYS || (seen & (1u << i)))
            return MID_ERR_SYNC_STATUS;
        seen |= 1u << i;
        base = STKEYS[i].bundle < 0 ? (char *)&tmp : (char *)&tmp.b[STKEYS[i].bundle];
        base += STKEYS[i].off;
        switch (STKEYS[i].k) {
        case T_I64:
            if (parse_i64(kv.v, kv.vn, 0, INT64_MAX, &x))
                return MID_ERR_SYNC_STATUS;
            *(int64_t *)(void *)base = x;
            break;
        case T_ERR:
            if (parse_i64(kv.v, kv.vn, 0, 999, &x))
                return MID_ERR_SYNC_STATUS;
            *(int *)(void *)base = (int)x;
            break;
        case T_U32:
            if (parse_u64(kv.v, kv.vn, &u) || u > UINT32_MAX)
                return MID_ERR_SYNC_STATUS;
            *(uint32_t *)(void *)base = (uint32_t)u;
            break;
        case T_U64:
            if (parse_u64(kv.v, kv.vn, &u))
                return MID_ERR_SYNC_STATUS;
            *(uint64_t *)(void *)base = u;
            break;
        case T_TAG:
            if (!tag_ok(kv.v, kv.vn) || copy_str(base, MID_SYNC_TAG_MAX, kv.v, kv.vn))
                return MID_ERR_SYNC_STATUS;
            break;
        }
    }
    if (r < 0)
        return MID_ERR_SYNC_STATUS;
    /* every numeric key must be there: a half file is no state */
    for (size_t i = 0; i < N_STKEYS; i++)
        if (STKEYS[i].k != T_TAG && !(seen & (1u << i)))
            return MID_ERR_SYNC_STATUS;
    *st = tmp;
    return MID_OK;
}

size_t mid_sync_status_format(const mid_sync_status *st, char *buf, size_t cap)
{
    size_t n = 0;
    int w = snprintf(buf, cap, "%s\n", STATUS_MAGIC);
    if (w < 0 || (size_t)w >= cap)
        return 0;
    n = (size_t)w;
    for (size_t i = 0; i < N_STKEYS; i++) {
        const char *base = STKEYS[i].bundle < 0 ? (const char *)st
                                                : (const char *)&st->b[STKEYS[i].bundle];
        base += STKEYS[i].off;
        switch (STKEYS[i].k) {
        case T_I64:
            w = snprintf(buf + n, cap - n, "%s = %lld\n", STKEYS[i].key,
                         (long long)*(const int64_t *)(const void *)base);
            break;
        case T_ERR:
            w = snprintf(buf + n, cap - n, "%s = %d\n", STKEYS[i].key,
                         *(const int *)(const void *)base);
            break;
        case T_U32:
            w = snprintf(buf + n, cap - n, "%s = %u\n", STKEYS[i].key,
                         (unsigned)*(const uint32_t *)(const void *)base);
            break;
        case T_U64:
            w = snprintf(buf + n, cap - n, "%s = %llu\n", STKEYS[i].key,
                         (unsigned long long)*(const uint64_t *)(const void *)base);
            break;
        case T_TAG:
            if (!base[0] || !tag_ok(base, strlen(base)))
                continue;
            w = snprintf(buf + n, cap - n, "%s = %s\n", STKEYS[i].key, base);
            break;
        }
        if (w < 0 || (size_t)w >= cap - n)
            return 0;
        n += (size_t)w;
    }
    return n;
}

mid_err mid_sync_status_load(const char *path, mid_sync_status *st)
{
    uint8_t buf[MID_SYNC_STATUS_MAX_BYTES];
    size_t len;
    mid_err err = mid_file_read(path, buf, sizeof buf, &len);
    if (err) {
        memset(st, 0, sizeof *st);
        return err == MID_ERR_TOO_LARGE ? MID_ERR_SYNC_STATUS : err;
    }
    return mid_sync_status_parse((const char *)buf, len, st);
}

mid_err mid_sync_status_save(const char *path, const mid_sync_status *st)
{
    char buf[MID_SYNC_STATUS_MAX_BYTES];
    size_t n = mid_sync_status_format(st, buf, sizeof buf);
    if (n == 0)
        return MID_ERR_BUFFER;
    return mid_file_write_atomic(path, buf, n);
}

mid_err mid_sync_default_state_dir(const char *trust_path, char *out, size_t cap)
{
    const char *slash = strrchr(trust_path, '/');
    int n;
    if (!slash || slash == trust_path)
        return MID_ERR_CONFIG;
    n = snprintf(out, cap, "%.*s/%s", (int)(slash - trust_path), trust_path,
                 MID_SYNC_STATE_SUBDIR);
    if (n < 0 || (size_t)n >= cap)
        return MID_ERR_BUFFER;
    return MID_OK;
}

/* ---- schedule ---- */

int64_t mid_sync_delay_ok(const mid_sync_config *c, uint32_t r)
{
    return (int64_t)c->interval_s + (int64_t)(r % ((uint32_t)c->jitter_s + 1u));
}

int64_t mid_sync_delay_fail(const mid_sync_config *c, uint32_t n, uint32_t r)
{
    int64_t d = c->backoff_min_s;
    for (uint32_t i = 1; i < n && d < c->backoff_max_s; i++)
        d *= 2;
    if (d > c->backoff_max_s)
        d = c->backoff_max_s;
    /* equal jitter: never below half (rounded up, so never 0 s), so the
     * backoff still grows, and kiosks that failed together retry spread
     * over the other half */
    {
        int64_t lo = (d + 1) / 2;
        return lo + (int64_t)(r % (uint32_t)(d - lo + 1));
    }
}

/* ---- one round ---- */

mid_err mid_sync_agent_init(mid_sync_agent *a, const mid_sync_config *cfg,
                            const mid_sync_transport *tp,
                            uint32_t (*rand32)(void *), void *rctx, char *msg,
                            size_t msg_cap)
{
    char dir[MID_CONFIG_PATH_MAX];
    char kmsg[160];
    mid_err err;
    int n;

    memset(a, 0, sizeof *a);
    a->fd = -1;
    a->cfg = *cfg;
    a->tp = *tp;
    a->rand32 = rand32;
    a->rctx = rctx;
    if (msg && msg_cap)
        msg[0] = '\0';
    /* fail closed: a kiosk config the kiosk itself would refuse names no
     * paths we may write to */
    err = mid_config_load(cfg->kiosk_config, &a->kcfg, kmsg, sizeof kmsg);
    if (err) {
        if (msg)
            snprintf(msg, msg_cap, "kiosk configuration %s: %s", cfg->kiosk_config, kmsg);
        return MID_ERR_CONFIG;
    }
    if (cfg->state_dir[0])
        snprintf(dir, sizeof dir, "%s", cfg->state_dir);
    else if ((err = mid_sync_default_state_dir(a->kcfg.trust_path, dir, sizeof dir)) != MID_OK)
        return err;
    n = snprintf(a->status_path, sizeof a->status_path, "%s/%s", dir, MID_SYNC_STATUS_NAME);
    if (n < 0 || (size_t)n >= sizeof a->status_path)
        return MID_ERR_BUFFER;
    n = snprintf(a->part_path, sizeof a->part_path, "%s/download.part", dir);
    if (n < 0 || (size_t)n >= sizeof a->part_path)
        return MID_ERR_BUFFER;
    err = mid_sync_status_load(a->status_path, &a->st);
    if (err == MID_ERR_SYNC_STATUS) {
        /* start afresh (unconditional GETs), and say so */
        memset(&a->st, 0, sizeof a->st);
        a->st.last_error = MID_ERR_SYNC_STATUS;
        if (msg)
            snprintf(msg, msg_cap, "status file %s malformed: starting afresh", a->status_path);
    } else if (err) {
        memset(&a->st, 0, sizeof a->st); /* none yet */
    }
    /* a download a killed run left behind is never trusted: restart */
    (void)unlink(a->part_path);
    return MID_OK;
}

int mid_sync_due(const mid_sync_agent *a, int64_t now)
{
    return now >= a->st.next_attempt;
}

static mid_err sink_write(void *wctx, const void *data, size_t len)
{
    mid_sync_agent *a = wctx;
    const uint8_t *p = data;
    /* our own cap, whatever the server announced or the transport did */
    if (a->written + len > a->cfg.max_bytes) {
        a->write_err = MID_ERR_SYNC_TOO_LARGE;
        return MID_ERR_SYNC_TOO_LARGE;
    }
    while (len > 0) {
        ssize_t w = write(a->fd, p, len);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            a->write_err = MID_ERR_IO;
            return MID_ERR_IO;
        }
        p += w;
        len -= (size_t)w;
        a->written += (uint64_t)w;
    }
    return MID_OK;
}

static uint64_t installed_seq(const mid_trustdata *td, int i, int64_t *issued)
{
    if (i == 0 && td->have_trust) {
        *issued = td->trust.issued;
        return td->trust.seq;
    }
    if (i == 1 && td->have_revocation) {
        *issued = td->revocation.issued;
        return td->revocation.seq;
    }
    *issued = 0;
    return 0;
}

static mid_err fetch_one(mid_sync_agent *a, int i, int64_t now, mid_trustdata *td,
                         uint8_t *rev_buf, mid_sync_round_result *out)
{
    static uint8_t buf[MID_MAX_BUNDLE_BYTES];
    mid_sync_bundle_state *bs = &a->st.b[i];
    char url[MID_SYNC_URL_MAX + 32];
    mid_sync_request rq;
    mid_sync_response rs;
    mid_update_result ur;
    int64_t inst_issued;
    uint64_t inst_seq = installed_seq(td, i, &inst_issued);
    size_t len;
    int kind;
    int64_t issued;
    uint64_t seq;
    mid_err err;

    snprintf(url, sizeof url, "%s%s", a->cfg.base_url, BUNDLE_NAME[i]);
    memset(&rq, 0, sizeof rq);
    memset(&rs, 0, sizeof rs);
    rq.url = url;
    rq.cfg = &a->cfg;
    /* conditional only while what we recorded is what is installed: a
     * file replaced by other means (USB) or lost is fetched whole */
    if (inst_seq != 0 && bs->seq == inst_seq) {
        rq.etag = bs->etag;
        rq.last_modified = bs->last_modified;
    } else {
        rq.etag = "";
        rq.last_modified = "";
    }
    a->fd = open(a->part_path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0640);
    if (a->fd < 0)
        return MID_ERR_IO;
    a->written = 0;
    a->write_err = MID_OK;
    err = a->tp.get(a->tp.ctx, &rq, &rs, sink_write, a);
    if (a->write_err)
        err = a->write_err;
    if (!err && fsync(a->fd) != 0)
        err = MID_ERR_IO;
    if (close(a->fd) != 0 && !err)
        err = MID_ERR_IO;
    a->fd = -1;
    out->http_status[i] = rs.http_status;
    if (err)
        goto done;
    if (rs.http_status == 304) {
        if (rq.etag[0] == '\0' && rq.last_modified[0] == '\0') {
            err = MID_ERR_SYNC_HTTP; /* 304 to a question we did not ask */
            goto done;
        }
        a->st.not_modified++;
        bs->checked = now;
        goto done;
    }
    if (rs.http_status != 200) {
        err = MID_ERR_SYNC_HTTP;
        goto done;
    }
    a->st.full_downloads++;
    /* the right kind at the right URL before anything is installed
     * (mid_update_apply_file verifies the whole bundle again) */
    if (!td->have_root) {
        err = MID_ERR_BUNDLE_FOREIGN;
        goto done;
    }
    if ((err = mid_file_read(a->part_path, buf, sizeof buf, &len)) != MID_OK)
        goto done;
    err = mid_bundle_info(buf, len, td->root_pub, &kind, &issued, &seq);
    if (err)
        goto done;
    if (kind != (i == 0 ? MID_BUNDLE_KIND_TRUST : MID_BUNDLE_KIND_REVOCATION)) {
        err = MID_ERR_BUNDLE_KIND;
        goto done;
    }
    err = mid_update_apply_file(a->part_path, &a->kcfg, td, &ur);
    if (err == MID_ERR_BUNDLE_OLDER && inst_seq != 0 && ur.seq == inst_seq) {
        err = MID_OK; /* the one we have: only the tags were new to us */
    } else if (err == MID_ERR_BUNDLE_OLDER) {
        err = MID_ERR_SYNC_ROLLBACK;
        goto done;
    } else if (err) {
        goto done;
    } else {
        char lmsg[160];
        out->installed[i] = 1;
        a->st.installs++;
        /* the other bundle of this round compares against what is now
         * installed */
        (void)mid_trustdata_load(td, &a->kcfg, rev_buf, MID_MAX_BUNDLE_BYTES, lmsg, sizeof lmsg);
    }
    inst_seq = installed_seq(td, i, &inst_issued);
    bs->seq = inst_seq;
    bs->issued = inst_issued;
    bs->checked = now;
    snprintf(bs->etag, sizeof bs->etag, "%s", tag_ok(rs.etag, strlen(rs.etag)) ? rs.etag : "");
    snprintf(bs->last_modified, sizeof bs->last_modified, "%s",
             tag_ok(rs.last_modified, strlen(rs.last_modified)) ? rs.last_modified : "");
done:
    (void)unlink(a->part_path);
    if (err && bs->seq != inst_seq) {
        /* tags that may describe another file than the installed one
         * are dropped: the next GET is unconditional */
        bs->seq = inst_seq;
        bs->issued = inst_issued;
        bs->etag[0] = bs->last_modified[0] = '\0';
    }
    return err;
}

mid_err mid_sync_round(mid_sync_agent *a, int64_t now, mid_sync_round_result *out)
{
    static mid_trustdata td;
    static uint8_t rev_buf[MID_MAX_BUNDLE_BYTES];
    char lmsg[160];
    mid_err err = MID_OK, e;

    memset(out, 0, sizeof *out);
    (void)mid_trustdata_load(&td, &a->kcfg, rev_buf, sizeof rev_buf, lmsg, sizeof lmsg);
    a->st.last_attempt = now;
    a->st.rounds++;
    for (int i = 0; i < MID_SYNC_BUNDLES; i++) {
        e = fetch_one(a, i, now, &td, rev_buf, out);
        out->bundle_err[i] = e;
        if (e && !err)
            err = e;
    }
    if (!td.have_root && !err)
        err = MID_ERR_BUNDLE_FOREIGN;
    a->st.last_error = (int)err;
    if (err == MID_OK) {
        a->st.failures = 0;
        a->st.last_success = now;
        a->st.next_attempt = now + mid_sync_delay_ok(&a->cfg, a->rand32(a->rctx));
    } else {
        if (a->st.failures < UINT32_MAX)
            a->st.failures++;
        a->st.next_attempt = now + mid_sync_delay_fail(&a->cfg, a->st.failures,
                                                       a->rand32(a->rctx));
    }
    out->err = err;
    e = mid_sync_status_save(a->status_path, &a->st);
    return err ? err : e;
}
