/* Loads the kiosk's trust material (include/mid/mid_trustdata.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mid/mid_crypto.h"
#include "mid/mid_files.h"
#include "mid/mid_floor.h"
#include "mid/mid_trustdata.h"

static void note(char *msg, size_t cap, const char *what, const char *path, mid_err err)
{
    if (msg && cap && !msg[0])
        snprintf(msg, cap, "%s %s: %s", what, path, mid_err_str(err));
    fprintf(stderr, "mid-kiosk: %s %s: %s (error %d)\n", what, path, mid_err_str(err), (int)err);
}

static void identity(const char *path, mid_file_id *id)
{
    struct stat st;
    memset(id, 0, sizeof *id);
    if (stat(path, &st) != 0)
        return;
    id->exists = 1;
    id->dev = (uint64_t)st.st_dev;
    id->ino = (uint64_t)st.st_ino;
    id->size = (int64_t)st.st_size;
    id->mtime_ns = (int64_t)st.st_mtim.tv_sec * 1000000000 + st.st_mtim.tv_nsec;
}

/* An installed bundle below the floor, or at the floor's seq but not the
 * bundle the floor recorded, is not what this kiosk accepted: someone
 * put an older genuine bundle back (docs/trust-lifecycle.md). */
static mid_err check_floor(const mid_floor_entry *e, uint64_t seq, int64_t issued,
                           int format, const uint8_t *b, size_t len)
{
    uint8_t h[MID_SHA256_LEN];
    mid_span sp;
    if (!e->have)
        return MID_OK;
    /* an install never lets in a lower seq, an earlier issue time or an
     * older format, so none of them on disk came through one */
    if (seq < e->seq || issued < e->issued || format < e->format)
        return MID_ERR_BUNDLE_ROLLBACK;
    if (seq == e->seq) {
        sp.ptr = b;
        sp.len = len;
        if (mid_crypto_sha256(&sp, 1, h) != MID_OK)
            return MID_ERR_CRYPTO;
        if (memcmp(h, e->sha256, MID_SHA256_LEN) != 0)
            return MID_ERR_BUNDLE_ROLLBACK;
    }
    return MID_OK;
}

mid_err mid_trustdata_load(mid_trustdata *td, const mid_config *cfg,
                           uint8_t *rev_buf, size_t rev_cap, char *msg,
                           size_t msg_cap)
{
    static uint8_t trust_buf[64 * 1024];
    char floor_path[MID_CONFIG_PATH_MAX + 32];
    mid_floor fl;
    size_t len;
    int missing = 0;
    mid_err err, first = MID_OK;

    memset(td, 0, sizeof *td);
    memset(&fl, 0, sizeof fl);
    td->rev_buf = rev_buf;
    td->rev_cap = rev_cap;
    if (msg && msg_cap)
        msg[0] = '\0';
    /* No build time means no floor we can trust: refuse until it is set. */
    err = mid_file_read_time(cfg->build_time_path, &td->build_floor);
    if (err) {
        td->build_floor = INT64_MAX;
        note(msg, msg_cap, "build time", cfg->build_time_path, err);
        first = err;
    }
    /* Identities first: a file replaced while we read it shows up as a
     * change at the next look (mid_trustdata_changed), never as a miss. */
    if (mid_floor_path(cfg, MID_FLOOR_FILE, floor_path, sizeof floor_path) == MID_OK) {
        identity(floor_path, &td->id_floor);
        err = mid_floor_read(floor_path, &fl, &missing);
        if (err) {
            /* damaged: like a deleted one, the bundles on disk hold the
             * line until the next install rewrites it; reported */
            note(msg, msg_cap, "floor file", floor_path, err);
            td->floor_err = err;
        }
    }
    identity(cfg->trust_path, &td->id_trust);
    identity(cfg->revocation_path, &td->id_revocation);
    td->floor_missing = missing;
    td->floor_issued = fl.e[MID_BUNDLE_KIND_TRUST].issued > fl.e[MID_BUNDLE_KIND_REVOCATION].issued
                           ? fl.e[MID_BUNDLE_KIND_TRUST].issued
                           : fl.e[MID_BUNDLE_KIND_REVOCATION].issued;
    err = mid_pub_load_pem(cfg->root_key_path, td->root_pub);
    if (err) {
        note(msg, msg_cap, "root key", cfg->root_key_path, err);
        return first ? first : err;
    }
    td->have_root = 1;
    err = mid_file_read(cfg->trust_path, trust_buf, sizeof trust_buf, &len);
    if (!err)
        err = mid_trust_load(&td->trust, trust_buf, len, td->root_pub);
    if (!err)
        err = check_floor(&fl.e[MID_BUNDLE_KIND_TRUST], td->trust.seq, td->trust.issued,
                          td->trust.format, trust_buf, len);
    if (err) {
        memset(&td->trust, 0, sizeof td->trust);
        td->trust_err = err;
        note(msg, msg_cap, "trust bundle", cfg->trust_path, err);
        first = first ? first : err;
    } else {
        td->have_trust = 1;
        if (td->trust.issued > td->floor_issued)
            td->floor_issued = td->trust.issued;
    }
    err = mid_file_read(cfg->revocation_path, rev_buf, rev_cap, &len);
    if (!err)
        err = mid_revocation_load(&td->revocation, rev_buf, len, td->root_pub);
    if (!err)
        err = check_floor(&fl.e[MID_BUNDLE_KIND_REVOCATION], td->revocation.seq,
                          td->revocation.issued, td->revocation.format, rev_buf, len);
    if (err) {
        memset(&td->revocation, 0, sizeof td->revocation);
        td->revocation_err = err;
        note(msg, msg_cap, "revocation bundle", cfg->revocation_path, err);
        first = first ? first : err;
    } else {
        td->have_revocation = 1;
        if (td->revocation.issued > td->floor_issued)
            td->floor_issued = td->revocation.issued;
    }
    return first;
}

static int same_id(const mid_file_id *a, const mid_file_id *b)
{
    return a->exists == b->exists && a->dev == b->dev && a->ino == b->ino &&
           a->size == b->size && a->mtime_ns == b->mtime_ns;
}

int mid_trustdata_changed(const mid_trustdata *td, const mid_config *cfg)
{
    char floor_path[MID_CONFIG_PATH_MAX + 32];
    mid_file_id a;
    if (mid_floor_path(cfg, MID_FLOOR_FILE, floor_path, sizeof floor_path) == MID_OK) {
        identity(floor_path, &a);
        if (!same_id(&a, &td->id_floor))
            return 1;
    }
    identity(cfg->trust_path, &a);
    if (!same_id(&a, &td->id_trust))
        return 1;
    identity(cfg->revocation_path, &a);
    return !same_id(&a, &td->id_revocation);
}

void mid_trustdata_keep_good(mid_trustdata *next, const mid_trustdata *prev)
{
    if (!next || !prev || !next->have_root || !prev->have_root ||
        memcmp(next->root_pub, prev->root_pub, MID_P256_POINT_LEN) != 0)
        return;
    if (!next->have_trust && prev->have_trust) {
        next->trust = prev->trust;
        next->have_trust = 1;
        next->kept_trust = 1;
    }
    if (!next->have_revocation && prev->have_revocation && prev->rev_buf && next->rev_buf &&
        prev->revocation.ids >= prev->rev_buf) {
        /* the ids point into the bundle bytes: move them with the bundle */
        size_t off = (size_t)(prev->revocation.ids - prev->rev_buf);
        size_t used = off + prev->revocation.count * MID_CRED_ID_LEN;
        if (used <= next->rev_cap && used <= prev->rev_cap) {
            memcpy(next->rev_buf, prev->rev_buf, used);
            next->revocation = prev->revocation;
            next->revocation.ids = next->rev_buf + off;
            next->have_revocation = 1;
            next->kept_revocation = 1;
        }
    }
    if (prev->floor_issued > next->floor_issued)
        next->floor_issued = prev->floor_issued;
}
