/* Loads the kiosk's trust material (include/mid/mid_trustdata.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_files.h"
#include "mid/mid_trustdata.h"

static void note(char *msg, size_t cap, const char *what, const char *path, mid_err err)
{
    if (msg && cap && !msg[0])
        snprintf(msg, cap, "%s %s: %s", what, path, mid_err_str(err));
    fprintf(stderr, "mid-kiosk: %s %s: %s\n", what, path, mid_err_str(err));
}

mid_err mid_trustdata_load(mid_trustdata *td, const mid_config *cfg,
                           uint8_t *rev_buf, size_t rev_cap, char *msg,
                           size_t msg_cap)
{
    static uint8_t trust_buf[64 * 1024];
    size_t len;
    mid_err err, first = MID_OK;

    memset(td, 0, sizeof *td);
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
    err = mid_pub_load_pem(cfg->root_key_path, td->root_pub);
    if (err) {
        note(msg, msg_cap, "root key", cfg->root_key_path, err);
        return first ? first : err;
    }
    td->have_root = 1;
    err = mid_file_read(cfg->trust_path, trust_buf, sizeof trust_buf, &len);
    if (!err)
        err = mid_trust_load(&td->trust, trust_buf, len, td->root_pub);
    if (err) {
        note(msg, msg_cap, "trust bundle", cfg->trust_path, err);
        first = first ? first : err;
    } else {
        td->have_trust = 1;
    }
    err = mid_file_read(cfg->revocation_path, rev_buf, rev_cap, &len);
    if (!err)
        err = mid_revocation_load(&td->revocation, rev_buf, len, td->root_pub);
    if (err) {
        note(msg, msg_cap, "revocation bundle", cfg->revocation_path, err);
        first = first ? first : err;
    } else {
        td->have_revocation = 1;
    }
    return first;
}
