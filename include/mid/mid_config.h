/* mid-kiosk — /etc/mid-kiosk/kiosk.conf (docs/configuration.md).
 * "key = value" lines, '#' comments. A bad file never stops the kiosk: the
 * loader reports the first problem with its line number and the caller
 * runs on safe defaults, saying so on screen and in the log. */
#ifndef MID_CONFIG_H
#define MID_CONFIG_H

#include <stddef.h>
#include <stdint.h>

#include "mid_camera.h"
#include "mid_decoder.h"
#include "mid_err.h"
#include "mid_korean.h"
#include "mid_purpose.h"

#define MID_CONFIG_MAX_BYTES 65536u
#define MID_CONFIG_MAX_LINE 512u
#define MID_CONFIG_PATH_MAX 256u
#define MID_CONFIG_DEFAULT_PATH "/etc/mid-kiosk/kiosk.conf"
/* Per-device drop-ins on the data partition: DIR/NAME.conf, applied in
 * byte order of NAME after kiosk.conf, each parsed like it. */
#define MID_CONFIG_DROPIN_MAX 16u      /* files */
#define MID_CONFIG_DROPIN_NAME_MAX 64u /* bytes of a file name */

typedef enum mid_return_to {
    MID_RETURN_SCAN = 0,
    MID_RETURN_PURPOSE = 1
} mid_return_to;

/* revocation_policy: what REVOCATION_STALE does past revocation_max_hours */
#define MID_REVOCATION_POLICY_FAIL 0
#define MID_REVOCATION_POLICY_WARN 1

typedef struct mid_config {
    uint32_t purposes;     /* offered: bit (1 << mid_purpose) */
    int fixed_purpose;     /* -1: the clerk chooses */
    uint32_t custom_items; /* preselected items for 기타 */
    int result_timeout_s;  /* 55 */
    int extend_s;          /* 30 */
    int extend_max;        /* how many extensions per result */
    mid_return_to return_to;
    int freshness_s;
    int skew_s;
    mid_lang lang;
    int rrn_show_full;
    int sound;
    int fullscreen;
    /* Deprecated key (docs/configuration.md): read as
     * revocation_warn_hours = 24 x days. Always set to the warn threshold
     * in whole days (rounded up) after parsing, for the status screen. */
    int revocation_max_age_days;
    /* trust lifecycle (docs/trust-lifecycle.md) */
    int revocation_warn_hours; /* amber from this age (168) */
    int revocation_max_hours;  /* REVOCATION_STALE fails from this age (336) */
    int revocation_policy;     /* MID_REVOCATION_POLICY_FAIL / _WARN */
    char kiosk_id[32];
    /* per-device settings, operator PIN, trusted time (docs/configuration.md) */
    char dropin_dir[MID_CONFIG_PATH_MAX];    /* kiosk.conf.d; only in kiosk.conf */
    char pin_file[MID_CONFIG_PATH_MAX];      /* PBKDF2 hash, 0600 */
    char pin_lock_file[MID_CONFIG_PATH_MAX]; /* lockout count, survives restarts */
    char time_file[MID_CONFIG_PATH_MAX];     /* last-known-good time */
    char root_key_path[MID_CONFIG_PATH_MAX];
    char trust_path[MID_CONFIG_PATH_MAX];
    char revocation_path[MID_CONFIG_PATH_MAX];
    char build_time_path[MID_CONFIG_PATH_MAX];
    char spool_dir[MID_CONFIG_PATH_MAX];
    char checklog_dir[MID_CONFIG_PATH_MAX];
    char usb_export_dir[MID_CONFIG_PATH_MAX]; /* USB stick mount point */
    char camera_device[MID_CONFIG_PATH_MAX];
    uint32_t camera_width, camera_height;
    mid_pixfmt camera_format;
    int camera_exposure, camera_focus, camera_power_line_hz;
    int decoder_density, decoder_inverted, decoder_prefilter;
    int decoder_fallback; /* zxing-cpp on frames ZBar finds nothing in */
    /* issue 12, decode cost: zxing-cpp first, ZBar on what it misses */
    int decoder_zxing_first, decoder_skip_idle;
} mid_config;

void mid_config_default(mid_config *cfg);

/* Parses text into cfg (which should hold defaults). On error returns
 * MID_ERR_CONFIG, writes "line N: ..." into msg, and resets cfg to the
 * defaults: half-applied configuration is never used. */
mid_err mid_config_parse(const char *text, size_t len, mid_config *cfg,
                         char *msg, size_t msg_cap);
/* Reads and parses a file (missing file: defaults, MID_OK, msg says so),
 * then the drop-ins of cfg->dropin_dir (a missing directory is no error).
 * A bad drop-in (parse error, not a regular file, a name other than
 * [A-Za-z0-9_.-]+.conf, more than MID_CONFIG_DROPIN_MAX) resets cfg to the
 * defaults and returns MID_ERR_CONFIG_DROPIN with "PATH: why" in msg. */
mid_err mid_config_load(const char *path, mid_config *cfg, char *msg,
                        size_t msg_cap);
/* Only the drop-ins of cfg->dropin_dir, on top of cfg (same failure). */
mid_err mid_config_load_dropins(mid_config *cfg, char *msg, size_t msg_cap);

#endif
