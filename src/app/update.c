/* Offline updates (include/mid/mid_update.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mid/mid_crypto.h"
#include "mid/mid_files.h"
#include "mid/mid_floor.h"
#include "mid/mid_update.h"

#define MID_SPOOL_MAX_FILES 16

int64_t mid_update_now(void)
{
#ifndef MID_RELEASE
    /* Test hook (absent from release builds): the install clock. */
    const char *t = getenv("MID_TEST_NOW");
    if (t && t[0]) {
        char *end;
        long long v = strtoll(t, &end, 10);
        if (*end == '\0' && v > 0)
            return (int64_t)v;
    }
#endif
    return (int64_t)time(NULL);
}

#ifdef MID_RELEASE
#define test_pause() ((void)0)
#else
/* Test hook (absent from release builds): MID_TEST_INSTALL_PAUSE_MS=N
 * waits between the floor comparison and the write, so a test of
 * concurrent installers makes the interleaving the lock must prevent. */
static void test_pause(void)
{
    const char *s = getenv("MID_TEST_INSTALL_PAUSE_MS");
    long ms = s ? strtol(s, NULL, 10) : 0;
    if (ms > 0 && ms <= 1000) {
        struct timespec ts = {0, ms * 1000000L};
        nanosleep(&ts, NULL);
    }
}
#endif

/* The verified header and hash of the bundle installed at path, if any:
 * with the floor file it makes the effective floor, so a floor that lags
 * (power cut between the two writes) or was deleted never lets anything
 * older than what is on disk in. An unreadable or unverifiable file
 * counts as absent: the floor file still holds. */
static int installed_meta(const char *path, const uint8_t root[MID_P256_POINT_LEN],
                          uint8_t *buf, size_t cap, mid_bundle_meta *m,
                          uint8_t hash[MID_SHA256_LEN])
{
    size_t len;
    mid_span sp;
    if (mid_file_read(path, buf, cap, &len) != MID_OK)
        return 0;
    if (mid_bundle_read_meta(buf, len, root, m) != MID_OK)
        return 0;
    sp.ptr = buf;
    sp.len = len;
    return mid_crypto_sha256(&sp, 1, hash) == MID_OK;
}

/* Order on disk (docs/trust-lifecycle.md): verify, lock, compare with the
 * effective floor, install the bundle, then raise the floor. A power cut
 * between the last two leaves a genuine newer bundle over an older floor,
 * which every reader accepts (it is above the floor) and the next install
 * repairs. The reverse order would leave a floor above the installed
 * bundle after a cut: the kiosk would refuse its own data as tampered. */
mid_err mid_update_apply_file(const char *path, const mid_config *cfg,
                              const mid_trustdata *installed,
                              mid_update_result *out)
{
    static uint8_t buf[MID_MAX_BUNDLE_BYTES], cur[MID_MAX_BUNDLE_BYTES];
    static mid_trust_store ts;
    char floor_path[MID_CONFIG_PATH_MAX + 32];
    mid_revocation rv;
    mid_bundle_meta meta, im;
    mid_floor fl;
    mid_floor_entry eff;
    uint8_t hash[MID_SHA256_LEN], ihash[MID_SHA256_LEN];
    mid_span sp;
    size_t len;
    const char *target;
    int64_t now;
    int lock = -1, missing = 0;
    mid_err err, ferr;

    memset(out, 0, sizeof *out);
    memset(&meta, 0, sizeof meta);
    if (!installed->have_root) {
        err = MID_ERR_BUNDLE_FOREIGN; /* nothing pinned: nothing is trusted */
        goto done;
    }
    if ((err = mid_file_read(path, buf, sizeof buf, &len)) != MID_OK)
        goto done;
    err = mid_bundle_read_meta(buf, len, installed->root_pub, &meta);
    if (err)
        goto done;
    out->kind = meta.kind;
    out->issued = meta.issued;
    out->seq = meta.seq;
    out->format = meta.format;
    out->valid_until = meta.valid_until;
    /* Parse it whole, exactly as the kiosk will at the next start. */
    if (meta.kind == MID_BUNDLE_KIND_TRUST) {
        err = mid_trust_load(&ts, buf, len, installed->root_pub);
        target = cfg->trust_path;
    } else {
        err = mid_revocation_load(&rv, buf, len, installed->root_pub);
        target = cfg->revocation_path;
    }
    if (err)
        goto done;
    now = mid_update_now();
    if (meta.format == MID_BUNDLE_FORMAT_LEGACY && now >= MID_BUNDLE_LEGACY_SUNSET) {
        err = MID_ERR_BUNDLE_LEGACY;
        goto done;
    }
    /* An expired trust list would only make every verdict fail; an old
     * revocation list newer than ours is still better than ours (the
     * REVOCATION_STALE check judges its age at each verdict). */
    if (meta.kind == MID_BUNDLE_KIND_TRUST && now >= meta.valid_until) {
        err = MID_ERR_BUNDLE_EXPIRED;
        goto done;
    }
    sp.ptr = buf;
    sp.len = len;
    if ((err = mid_crypto_sha256(&sp, 1, hash)) != MID_OK)
        goto done;

    if ((lock = mid_floor_lock(cfg)) < 0) {
        err = MID_ERR_IO;
        goto done;
    }
    if ((err = mid_floor_path(cfg, MID_FLOOR_FILE, floor_path, sizeof floor_path)) != MID_OK)
        goto done;
    ferr = mid_floor_read(floor_path, &fl, &missing);
    if (ferr == MID_ERR_FLOOR) {
        /* damaged: as if deleted (the installed files still hold the
         * line, see installed_meta), and rewritten below */
        out->floor_err = ferr;
        fprintf(stderr, "mid-kiosk: %s: %s; rebuilt from the installed bundles\n", floor_path,
                mid_err_str(ferr));
    } else if (ferr) {
        err = ferr;
        goto done;
    }
    /* Effective floor of every kind: the floor file, what is installed on
     * disk, and what the caller holds in RAM. */
    for (int k = MID_BUNDLE_KIND_TRUST; k <= MID_BUNDLE_KIND_REVOCATION; k++) {
        const char *p = k == MID_BUNDLE_KIND_TRUST ? cfg->trust_path : cfg->revocation_path;
        memset(&im, 0, sizeof im);
        if (installed_meta(p, installed->root_pub, cur, sizeof cur, &im, ihash) && im.kind == k)
            mid_floor_raise(&fl.e[k], &im, ihash);
    }
    eff = fl.e[meta.kind];
    if (meta.kind == MID_BUNDLE_KIND_TRUST && installed->have_trust && eff.seq < installed->trust.seq) {
        eff.have = 1;
        eff.seq = installed->trust.seq;
    }
    if (meta.kind == MID_BUNDLE_KIND_REVOCATION && installed->have_revocation &&
        eff.seq < installed->revocation.seq) {
        eff.have = 1;
        eff.seq = installed->revocation.seq;
    }
    out->floor_seq = eff.have ? eff.seq : 0;
    if (eff.have && (meta.seq <= eff.seq || meta.issued < eff.issued)) {
        err = MID_ERR_BUNDLE_OLDER;
        goto done;
    }
    /* no format downgrade: once format 2 was accepted, format 1 (which
     * carries no expiry) is refused for that kind */
    if (eff.have && meta.format < eff.format) {
        err = MID_ERR_BUNDLE_LEGACY;
        goto done;
    }
    test_pause();
    if ((err = mid_file_write_atomic(target, buf, len)) != MID_OK)
        goto done;
    mid_floor_raise(&fl.e[meta.kind], &meta, hash);
    if ((err = mid_floor_write(floor_path, &fl)) != MID_OK) {
        /* installed but the floor not raised: safe (see above), said */
        fprintf(stderr, "mid-kiosk: %s not written: %s\n", floor_path, mid_err_str(err));
        goto done;
    }
    out->floor_written = 1;
done:
    mid_floor_unlock(lock);
    out->err = err;
    return err;
}

static int cmp_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int mid_update_scan_spool(const mid_config *cfg, const mid_trustdata *installed,
                          int *refused, char *msg, size_t msg_cap)
{
    char *names[MID_SPOOL_MAX_FILES];
    int n = 0, applied = 0;
    DIR *d;
    struct dirent *e;

    if (refused)
        *refused = 0;
    d = opendir(cfg->spool_dir);
    if (!d)
        return 0;
    while ((e = readdir(d)) != NULL && n < MID_SPOOL_MAX_FILES) {
        size_t l = strlen(e->d_name);
        if (l > 7 && strcmp(e->d_name + l - 7, ".bundle") == 0 && e->d_name[0] != '.')
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], cmp_names);
    for (int i = 0; i < n; i++) {
        char path[MID_CONFIG_PATH_MAX * 2];
        mid_update_result r;
        if (!names[i])
            continue;
        snprintf(path, sizeof path, "%s/%s", cfg->spool_dir, names[i]);
        mid_update_apply_file(path, cfg, installed, &r);
        if (r.err == MID_OK) {
            applied++;
            if (msg)
                snprintf(msg, msg_cap, "%s seq %llu 적용됨 (applied)",
                         r.kind == MID_BUNDLE_KIND_TRUST ? "신뢰목록 trust list" : "폐지목록 revocation list",
                         (unsigned long long)r.seq);
            fprintf(stderr, "mid-kiosk: update applied: kind=%d seq=%llu\n", r.kind,
                    (unsigned long long)r.seq);
        } else {
            if (refused)
                (*refused)++;
            if (msg)
                snprintf(msg, msg_cap, "업데이트 거부 (update refused): %s", mid_err_str(r.err));
            fprintf(stderr, "mid-kiosk: update refused: %s\n", mid_err_str(r.err));
        }
        /* Refused bundles are not retried forever; the log says why. */
        unlink(path);
        free(names[i]);
        /* later bundles compare against what is now installed: the caller
         * reloads between scans, and the next scan sees the rest */
        if (r.err == MID_OK) {
            for (int j = i + 1; j < n; j++)
                free(names[j]);
            break;
        }
    }
    return applied;
}
