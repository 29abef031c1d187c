/* Offline updates (include/mid/mid_update.h). */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mid/mid_files.h"
#include "mid/mid_update.h"

#define MID_SPOOL_MAX_FILES 16

mid_err mid_update_apply_file(const char *path, const mid_config *cfg,
                              const mid_trustdata *installed,
                              mid_update_result *out)
{
    static uint8_t buf[MID_MAX_BUNDLE_BYTES];
    static mid_trust_store ts;
    mid_revocation rv;
    size_t len;
    const char *target;
    mid_err err;

    memset(out, 0, sizeof *out);
    if (!installed->have_root) {
        err = MID_ERR_BUNDLE_FOREIGN; /* nothing pinned: nothing is trusted */
        goto done;
    }
    if ((err = mid_file_read(path, buf, sizeof buf, &len)) != MID_OK)
        goto done;
    err = mid_bundle_info(buf, len, installed->root_pub, &out->kind, &out->issued, &out->seq);
    if (err)
        goto done;
    /* Parse it whole, exactly as the kiosk will at the next start. */
    if (out->kind == MID_BUNDLE_KIND_TRUST) {
        if ((err = mid_trust_load(&ts, buf, len, installed->root_pub)) != MID_OK)
            goto done;
        if (installed->have_trust && out->seq <= installed->trust.seq) {
            err = MID_ERR_BUNDLE_OLDER;
            goto done;
        }
        target = cfg->trust_path;
    } else {
        if ((err = mid_revocation_load(&rv, buf, len, installed->root_pub)) != MID_OK)
            goto done;
        if (installed->have_revocation && out->seq <= installed->revocation.seq) {
            err = MID_ERR_BUNDLE_OLDER;
            goto done;
        }
        target = cfg->revocation_path;
    }
    err = mid_file_write_atomic(target, buf, len);
done:
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
