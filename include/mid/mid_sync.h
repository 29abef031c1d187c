/* mid-kiosk — network sync of trust.bundle and revocation.bundle
 * (docs/sync.md). A separate program (mid-sync) pulls both bundles from a
 * static web server, verifies and installs them through
 * mid_update_apply_file() exactly like a spooled bundle; the kiosk process
 * itself opens no network socket. This module is the agent's logic: the
 * strict sync.conf parser, the status file (the agent's state, which the
 * kiosk also reads for its status screen), the schedule (jitter, backoff)
 * and one sync round over a transport given as a function table (libcurl
 * in src/net/curl.c, a fake in the unit tests). */
#ifndef MID_SYNC_H
#define MID_SYNC_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_err.h"
#include "mid_trustdata.h"

#define MID_SYNC_CONF_DEFAULT_PATH "/etc/mid-kiosk/sync.conf"
#define MID_SYNC_URL_MAX 256u
#define MID_SYNC_TAG_MAX 128u /* ETag / Last-Modified kept */
#define MID_SYNC_STATUS_MAX_BYTES 4096u
#define MID_SYNC_STATUS_NAME "status"
#define MID_SYNC_STATE_SUBDIR "sync" /* default: <dir of trust_bundle>/sync */
#define MID_SYNC_MIN_BYTES 1024u
#define MID_SYNC_BUNDLES 2 /* 0 trust, 1 revocation */

typedef struct mid_sync_config {
    char base_url[MID_SYNC_URL_MAX];        /* ends with '/' */
    char kiosk_config[MID_CONFIG_PATH_MAX]; /* names the trust paths */
    char state_dir[MID_CONFIG_PATH_MAX];    /* "" = derived */
    char ca_file[MID_CONFIG_PATH_MAX];      /* "" = system CA store */
    int allow_http;                         /* plain http, loopback hosts only (tests) */
    int interval_s;                         /* between successful rounds */
    int jitter_s;                           /* + uniform 0..jitter_s */
    int backoff_min_s;                      /* first retry after a failure */
    int backoff_max_s;                      /* cap of the exponential backoff */
    int connect_timeout_s;
    int timeout_s;        /* whole transfer */
    int low_speed_time_s; /* abort when < MID_SYNC_LOW_SPEED B/s this long */
    uint32_t max_bytes;   /* size cap of one bundle */
} mid_sync_config;

#define MID_SYNC_LOW_SPEED 64 /* bytes per second */

void mid_sync_config_default(mid_sync_config *c);
/* key = value, '#' comments, each key once, unknown keys refused; on
 * error msg gets "line N: reason" and c is reset to the defaults. A
 * config without base_url is an error (there is nothing to do). */
mid_err mid_sync_config_parse(const char *text, size_t len, mid_sync_config *c,
                              char *msg, size_t msg_cap);
mid_err mid_sync_config_load(const char *path, mid_sync_config *c, char *msg,
                             size_t msg_cap);

typedef struct mid_sync_bundle_state {
    uint64_t seq; /* installed seq when last checked, 0 none */
    int64_t issued;
    int64_t checked; /* last 200/304 from the server */
    char etag[MID_SYNC_TAG_MAX];
    char last_modified[MID_SYNC_TAG_MAX];
} mid_sync_bundle_state;

/* The agent's state and its result, one small text file written
 * atomically after every round. */
typedef struct mid_sync_status {
    int64_t last_attempt, last_success, next_attempt;
    int last_error;    /* mid_err of the last round, 0 = none */
    uint32_t failures; /* consecutive failed rounds */
    uint64_t rounds, full_downloads, not_modified, installs;
    mid_sync_bundle_state b[MID_SYNC_BUNDLES];
} mid_sync_status;

mid_err mid_sync_status_parse(const char *text, size_t len, mid_sync_status *st);
/* Returns the length written (< cap), 0 if it does not fit. */
size_t mid_sync_status_format(const mid_sync_status *st, char *buf, size_t cap);
mid_err mid_sync_status_load(const char *path, mid_sync_status *st);
mid_err mid_sync_status_save(const char *path, const mid_sync_status *st);
/* "<dir of trust_path>/sync/status": where the kiosk looks. */
mid_err mid_sync_default_state_dir(const char *trust_path, char *out, size_t cap);

/* ---- transport ---- */
typedef mid_err (*mid_sync_write_fn)(void *wctx, const void *data, size_t len);

typedef struct mid_sync_request {
    const char *url;
    const char *etag;           /* "" = unconditional */
    const char *last_modified;  /* "" = unconditional */
    const mid_sync_config *cfg; /* timeouts, cap, CA, protocols */
} mid_sync_request;

typedef struct mid_sync_response {
    int http_status; /* 0 when no response */
    char etag[MID_SYNC_TAG_MAX];
    char last_modified[MID_SYNC_TAG_MAX];
} mid_sync_response;

/* get: one GET; the body goes through write (which enforces the cap and
 * may fail the transfer). Returns MID_OK when a complete response arrived
 * (any status), else a MID_ERR_SYNC_* reason. */
typedef struct mid_sync_transport {
    mid_err (*get)(void *ctx, const mid_sync_request *rq, mid_sync_response *rs,
                   mid_sync_write_fn write, void *wctx);
    void *ctx;
} mid_sync_transport;

/* ---- schedule (pure) ---- */
/* Delay after a successful round: interval + r % (jitter + 1). */
int64_t mid_sync_delay_ok(const mid_sync_config *c, uint32_t r);
/* Delay after the n-th consecutive failure (n >= 1): d = min(cap,
 * min * 2^(n-1)), then "equal jitter": a value in [ceil(d/2), d]. */
int64_t mid_sync_delay_fail(const mid_sync_config *c, uint32_t n, uint32_t r);

/* ---- one round ---- */
typedef struct mid_sync_agent {
    mid_sync_config cfg;
    mid_config kcfg; /* the kiosk's paths */
    mid_sync_transport tp;
    uint32_t (*rand32)(void *rctx);
    void *rctx;
    mid_sync_status st;
    char status_path[MID_CONFIG_PATH_MAX + 16];
    char part_path[MID_CONFIG_PATH_MAX + 32];
    /* per round */
    int fd; /* the temp file being written */
    uint64_t written;
    mid_err write_err;
} mid_sync_agent;

typedef struct mid_sync_round_result {
    mid_err err; /* first failure, MID_OK */
    mid_err bundle_err[MID_SYNC_BUNDLES];
    int http_status[MID_SYNC_BUNDLES];
    int installed[MID_SYNC_BUNDLES]; /* 1: newer bundle installed */
} mid_sync_round_result;

/* Reads the kiosk config and the status file (missing: fresh state;
 * malformed: fresh state and MID_ERR_SYNC_STATUS noted as last error). */
mid_err mid_sync_agent_init(mid_sync_agent *a, const mid_sync_config *cfg,
                            const mid_sync_transport *tp,
                            uint32_t (*rand32)(void *), void *rctx, char *msg,
                            size_t msg_cap);
/* Whether a round is due at now (next_attempt reached). */
int mid_sync_due(const mid_sync_agent *a, int64_t now);
/* Fetches both bundles, installs newer ones through mid_update_apply_file,
 * updates the schedule and saves the status file. */
mid_err mid_sync_round(mid_sync_agent *a, int64_t now, mid_sync_round_result *out);

#endif
