/* kiosk.conf parser: strict, bounded, all-or-nothing. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "mid/mid_config.h"
#include "mid/mid_limits.h"

void mid_config_default(mid_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->purposes = 0xFu;
    cfg->fixed_purpose = -1;
    cfg->custom_items = MID_ITEM_PORTRAIT | MID_ITEM_NAME;
    cfg->result_timeout_s = 55;
    cfg->extend_s = 30;
    cfg->extend_max = 3;
    cfg->return_to = MID_RETURN_SCAN;
    cfg->freshness_s = MID_DEFAULT_FRESHNESS_S;
    cfg->skew_s = MID_DEFAULT_SKEW_S;
    cfg->lang = MID_LANG_KO;
    cfg->rrn_show_full = 0;
    cfg->sound = 1;
    cfg->fullscreen = 1;
    /* trust lifecycle */
    cfg->revocation_warn_hours = (int)(MID_DEFAULT_REVOCATION_WARN_S / 3600);
    cfg->revocation_max_hours = (int)(MID_DEFAULT_REVOCATION_MAX_S / 3600);
    cfg->revocation_policy = MID_REVOCATION_POLICY_FAIL;
    cfg->revocation_max_age_days = (cfg->revocation_warn_hours + 23) / 24;
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "%s", "KIOSK-0001");
    /* per-device settings, PIN, trusted time: all on the data partition */
    snprintf(cfg->dropin_dir, sizeof cfg->dropin_dir, "%s", "/var/lib/mid-kiosk/kiosk.conf.d");
    snprintf(cfg->pin_file, sizeof cfg->pin_file, "%s", "/var/lib/mid-kiosk/operator-pin");
    snprintf(cfg->pin_lock_file, sizeof cfg->pin_lock_file, "%s", "/var/lib/mid-kiosk/operator-pin.lock");
    snprintf(cfg->time_file, sizeof cfg->time_file, "%s", "/var/lib/mid-kiosk/last-good-time");
    snprintf(cfg->root_key_path, sizeof cfg->root_key_path, "%s", "/etc/mid-kiosk/root.pub.pem");
    snprintf(cfg->trust_path, sizeof cfg->trust_path, "%s", "/var/lib/mid-kiosk/trust.bundle");
    snprintf(cfg->revocation_path, sizeof cfg->revocation_path, "%s", "/var/lib/mid-kiosk/revocation.bundle");
    snprintf(cfg->build_time_path, sizeof cfg->build_time_path, "%s", "/etc/mid-kiosk/build-time");
    snprintf(cfg->spool_dir, sizeof cfg->spool_dir, "%s", "/var/lib/mid-kiosk/spool");
    snprintf(cfg->checklog_dir, sizeof cfg->checklog_dir, "%s", "/var/lib/mid-kiosk/log");
    snprintf(cfg->usb_export_dir, sizeof cfg->usb_export_dir, "%s", "/media/mid-usb");
    snprintf(cfg->camera_device, sizeof cfg->camera_device, "%s", "/dev/video0");
    cfg->camera_width = 640;
    cfg->camera_height = 480;
    cfg->camera_format = MID_PIXFMT_AUTO;
    cfg->camera_exposure = -1;
    cfg->camera_focus = -1;
    cfg->camera_power_line_hz = 60; /* Korea's grid */
    cfg->decoder_density = 1;
    cfg->decoder_inverted = 0;
    cfg->decoder_prefilter = 2; /* alternate blurred and raw frames */
    cfg->decoder_fallback = 1;  /* zxing-cpp when ZBar finds nothing */
    /* decode cost (issue 12): zxing-cpp first, ZBar only on the frames it
     * misses that have code-like texture (docs/camera-and-decoder.md) */
    cfg->decoder_zxing_first = 1;
    cfg->decoder_skip_idle = 1;
}

typedef enum kind { K_INT,
                    K_BOOL,
                    K_STR,
                    K_PURPOSES,
                    K_PURPOSE,
                    K_ITEMS,
                    K_LANG,
                    K_RETURN,
                    K_FORMAT,
                    K_PREFILTER,
                    K_RPOLICY,
                    K_REFUSED,
                    K_BASE_STR } kind;

typedef struct key_spec {
    const char *key;
    kind k;
    size_t off;
    long min, max; /* K_INT range; K_STR max length */
} key_spec;

#define OFF(f) offsetof(mid_config, f)
static const key_spec KEYS[] = {
    {"purposes", K_PURPOSES, OFF(purposes), 0, 0},
    {"fixed_purpose", K_PURPOSE, OFF(fixed_purpose), 0, 0},
    {"custom_items", K_ITEMS, OFF(custom_items), 0, 0},
    {"result_timeout", K_INT, OFF(result_timeout_s), 5, 600},
    {"extend_seconds", K_INT, OFF(extend_s), 5, 600},
    {"extend_max", K_INT, OFF(extend_max), 0, 20},
    {"return_to", K_RETURN, OFF(return_to), 0, 0},
    {"freshness", K_INT, OFF(freshness_s), 10, 600},
    {"clock_skew", K_INT, OFF(skew_s), 0, 120},
    {"language", K_LANG, OFF(lang), 0, 0},
    {"rrn_show_full", K_BOOL, OFF(rrn_show_full), 0, 1},
    {"sound", K_BOOL, OFF(sound), 0, 1},
    {"fullscreen", K_BOOL, OFF(fullscreen), 0, 1},
    /* trust lifecycle (docs/trust-lifecycle.md); the first is deprecated */
    {"revocation_max_age_days", K_INT, OFF(revocation_max_age_days), 1, 365},
    {"revocation_warn_hours", K_INT, OFF(revocation_warn_hours), 1, 8760},
    {"revocation_max_hours", K_INT, OFF(revocation_max_hours), 1, 8760},
    {"revocation_policy", K_RPOLICY, OFF(revocation_policy), 0, 0},
    {"kiosk_id", K_STR, OFF(kiosk_id), 0, sizeof(((mid_config *)0)->kiosk_id)},
    /* per-device settings, operator PIN, trusted time (one block) */
    {"operator_pin", K_REFUSED, 0, 0, 0},
    {"dropin_dir", K_BASE_STR, OFF(dropin_dir), 0, MID_CONFIG_PATH_MAX},
    {"operator_pin_file", K_STR, OFF(pin_file), 0, MID_CONFIG_PATH_MAX},
    {"operator_lock_file", K_STR, OFF(pin_lock_file), 0, MID_CONFIG_PATH_MAX},
    {"last_good_time_file", K_STR, OFF(time_file), 0, MID_CONFIG_PATH_MAX},
    {"root_key", K_STR, OFF(root_key_path), 0, MID_CONFIG_PATH_MAX},
    {"trust_bundle", K_STR, OFF(trust_path), 0, MID_CONFIG_PATH_MAX},
    {"revocation_bundle", K_STR, OFF(revocation_path), 0, MID_CONFIG_PATH_MAX},
    {"build_time_file", K_STR, OFF(build_time_path), 0, MID_CONFIG_PATH_MAX},
    {"spool_dir", K_STR, OFF(spool_dir), 0, MID_CONFIG_PATH_MAX},
    {"checklog_dir", K_STR, OFF(checklog_dir), 0, MID_CONFIG_PATH_MAX},
    {"usb_export_dir", K_STR, OFF(usb_export_dir), 0, MID_CONFIG_PATH_MAX},
    {"camera_device", K_STR, OFF(camera_device), 0, MID_CONFIG_PATH_MAX},
    {"camera_width", K_INT, OFF(camera_width), 160, (long)MID_CAMERA_MAX_W},
    {"camera_height", K_INT, OFF(camera_height), 120, (long)MID_CAMERA_MAX_H},
    {"camera_format", K_FORMAT, OFF(camera_format), 0, 0},
    {"camera_exposure", K_INT, OFF(camera_exposure), -1, 100000},
    {"camera_focus", K_INT, OFF(camera_focus), -1, 10000},
    {"camera_power_line_hz", K_INT, OFF(camera_power_line_hz), 0, 60},
    {"decoder_density", K_INT, OFF(decoder_density), 1, 3},
    {"decoder_inverted", K_BOOL, OFF(decoder_inverted), 0, 1},
    {"decoder_prefilter", K_PREFILTER, OFF(decoder_prefilter), 0, 2},
    {"decoder_fallback", K_BOOL, OFF(decoder_fallback), 0, 1},
    /* decode cost (issue 12) */
    {"decoder_zxing_first", K_BOOL, OFF(decoder_zxing_first), 0, 1},
    {"decoder_skip_idle", K_BOOL, OFF(decoder_skip_idle), 0, 1},
};

static int word_is(const char *s, size_t n, const char *w)
{
    return strlen(w) == n && memcmp(s, w, n) == 0;
}

static int parse_purpose(const char *s, size_t n)
{
    for (int p = 0; p < MID_PURPOSE_COUNT; p++) {
        if (word_is(s, n, mid_purpose_id((mid_purpose)p)))
            return p;
    }
    return -1;
}

static int parse_item(const char *s, size_t n, uint32_t *bit)
{
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        const char *id = mid_item_id((mid_item)(1u << i));
        if (id && word_is(s, n, id)) {
            *bit = 1u << i;
            return 0;
        }
    }
    return -1;
}

/* Comma-separated list; calls back per element. */
static int each_word(const char *v, size_t n, int (*fn)(const char *, size_t, void *),
                     void *arg)
{
    size_t i = 0;
    while (i <= n) {
        size_t j = i;
        while (j < n && v[j] != ',')
            j++;
        size_t a = i, b = j;
        while (a < b && (v[a] == ' ' || v[a] == '\t'))
            a++;
        while (b > a && (v[b - 1] == ' ' || v[b - 1] == '\t'))
            b--;
        if (b == a || fn(v + a, b - a, arg) != 0)
            return -1;
        i = j + 1;
    }
    return 0;
}

static int add_purpose(const char *s, size_t n, void *arg)
{
    int p = parse_purpose(s, n);
    if (p < 0)
        return -1;
    *(uint32_t *)arg |= 1u << (unsigned)p;
    return 0;
}

static int add_item(const char *s, size_t n, void *arg)
{
    uint32_t bit;
    if (parse_item(s, n, &bit))
        return -1;
    *(uint32_t *)arg |= bit;
    return 0;
}

static const char *apply(const key_spec *ks, const char *v, size_t n, mid_config *cfg)
{
    char *base = (char *)cfg + ks->off;
    char num[32];
    char *end;
    long x;
    uint32_t set = 0;

    switch (ks->k) {
    case K_INT:
    case K_BOOL:
        if (ks->k == K_BOOL && (word_is(v, n, "yes") || word_is(v, n, "true") || word_is(v, n, "on"))) {
            *(int *)(void *)base = 1;
            return NULL;
        }
        if (ks->k == K_BOOL && (word_is(v, n, "no") || word_is(v, n, "false") || word_is(v, n, "off"))) {
            *(int *)(void *)base = 0;
            return NULL;
        }
        if (n == 0 || n >= sizeof num)
            return ks->k == K_BOOL ? "must be yes or no" : "not a number";
        memcpy(num, v, n);
        num[n] = '\0';
        errno = 0;
        x = strtol(num, &end, 10);
        if (errno || *end != '\0')
            return ks->k == K_BOOL ? "must be yes or no" : "not a number";
        if (x < ks->min || x > ks->max)
            return "out of range";
        if (ks->off == OFF(camera_width) || ks->off == OFF(camera_height))
            *(uint32_t *)(void *)base = (uint32_t)x;
        else
            *(int *)(void *)base = (int)x;
        if (ks->off == OFF(camera_power_line_hz) && x != 0 && x != 50 && x != 60)
            return "must be 0, 50 or 60";
        return NULL;
    case K_REFUSED:
        /* the PIN is stored hashed now; a plain one is never used */
        return "operator_pin is no longer read: write the PIN's hash with "
               "'mid-issue pin-hash' (docs/operator.md)";
    case K_BASE_STR:
    case K_STR:
        if (n == 0 && ks->min == 1) { /* min 1 marks "may be empty" */
            base[0] = '\0';
            return NULL;
        }
        if (n == 0 || n >= (size_t)ks->max)
            return "empty or too long";
        memcpy(base, v, n);
        base[n] = '\0';
        return NULL;
    case K_PURPOSES:
        if (each_word(v, n, add_purpose, &set) || set == 0)
            return "unknown purpose (adult, real_name, licence, custom)";
        *(uint32_t *)(void *)base = set;
        return NULL;
    case K_PURPOSE:
        if (word_is(v, n, "none")) {
            *(int *)(void *)base = -1;
            return NULL;
        }
        x = parse_purpose(v, n);
        if (x < 0)
            return "unknown purpose (none, adult, real_name, licence, custom)";
        *(int *)(void *)base = (int)x;
        return NULL;
    case K_ITEMS:
        if (each_word(v, n, add_item, &set) || set == 0)
            return "unknown item";
        *(uint32_t *)(void *)base = set;
        return NULL;
    case K_LANG:
        if (word_is(v, n, "ko"))
            *(mid_lang *)(void *)base = MID_LANG_KO;
        else if (word_is(v, n, "en"))
            *(mid_lang *)(void *)base = MID_LANG_EN;
        else
            return "must be ko or en";
        return NULL;
    case K_RETURN:
        if (word_is(v, n, "scan"))
            *(mid_return_to *)(void *)base = MID_RETURN_SCAN;
        else if (word_is(v, n, "purpose"))
            *(mid_return_to *)(void *)base = MID_RETURN_PURPOSE;
        else
            return "must be scan or purpose";
        return NULL;
    case K_PREFILTER:
        if (word_is(v, n, "no") || word_is(v, n, "off"))
            *(int *)(void *)base = 0;
        else if (word_is(v, n, "yes") || word_is(v, n, "always"))
            *(int *)(void *)base = 1;
        else if (word_is(v, n, "alternate"))
            *(int *)(void *)base = 2;
        else
            return "must be no, always or alternate";
        return NULL;
    case K_RPOLICY:
        if (word_is(v, n, "fail"))
            *(int *)(void *)base = MID_REVOCATION_POLICY_FAIL;
        else if (word_is(v, n, "warn"))
            *(int *)(void *)base = MID_REVOCATION_POLICY_WARN;
        else
            return "must be fail or warn";
        return NULL;
    case K_FORMAT:
        if (word_is(v, n, "auto"))
            *(mid_pixfmt *)(void *)base = MID_PIXFMT_AUTO;
        else if (word_is(v, n, "yuyv"))
            *(mid_pixfmt *)(void *)base = MID_PIXFMT_YUYV;
        else if (word_is(v, n, "grey"))
            *(mid_pixfmt *)(void *)base = MID_PIXFMT_GREY;
        else if (word_is(v, n, "yuv420"))
            *(mid_pixfmt *)(void *)base = MID_PIXFMT_YUV420;
        else if (word_is(v, n, "mjpeg"))
            *(mid_pixfmt *)(void *)base = MID_PIXFMT_MJPEG;
        else
            return "must be auto, yuyv, grey, yuv420 or mjpeg";
        return NULL;
    }
    return "internal";
}

static uint64_t seen_bit(const char *key)
{
    for (size_t ki = 0; ki < sizeof KEYS / sizeof KEYS[0]; ki++) {
        if (strcmp(KEYS[ki].key, key) == 0)
            return 1ull << ki;
    }
    return 0;
}

/* The revocation age keys as a whole. The deprecated
 * revocation_max_age_days meant "warn when older", so it becomes the warn
 * threshold (and says so); given with its replacement, or a warn
 * threshold not below the failing one, the file is refused rather than
 * guessed at. */
static int revocation_keys(mid_config *c, uint64_t seen, char *msg, size_t cap)
{
    int legacy = (seen & seen_bit("revocation_max_age_days")) != 0;
    if (legacy && (seen & seen_bit("revocation_warn_hours"))) {
        if (msg)
            snprintf(msg, cap, "revocation_max_age_days is replaced by revocation_warn_hours: give only one");
        return -1;
    }
    if (legacy)
        c->revocation_warn_hours = c->revocation_max_age_days * 24;
    if (c->revocation_warn_hours >= c->revocation_max_hours) {
        if (msg)
            snprintf(msg, cap, "revocation_warn_hours (%d%s) must be less than revocation_max_hours (%d)",
                     c->revocation_warn_hours, legacy ? " from revocation_max_age_days" : "",
                     c->revocation_max_hours);
        return -1;
    }
    if (legacy && msg)
        snprintf(msg, cap, "revocation_max_age_days is deprecated: read as revocation_warn_hours = %d",
                 c->revocation_warn_hours);
    c->revocation_max_age_days = (c->revocation_warn_hours + 23) / 24;
    return 0;
}

static mid_err parse(const char *text, size_t len, mid_config *cfg, char *msg,
                     size_t msg_cap, int dropin)
{
    mid_config tmp;
    size_t i = 0;
    unsigned line = 0;
    uint64_t seen = 0;

    if (!text || !cfg)
        return MID_ERR_ARG;
    if (msg && msg_cap)
        msg[0] = '\0';
    tmp = *cfg;
    if (len > MID_CONFIG_MAX_BYTES) {
        if (msg)
            snprintf(msg, msg_cap, "file larger than %u bytes", MID_CONFIG_MAX_BYTES);
        goto bad;
    }
    while (i < len) {
        size_t s = i, e, k0, k1, v0, v1, eq;
        const char *why = NULL;
        line++;
        while (i < len && text[i] != '\n')
            i++;
        e = i;
        i++; /* past '\n' */
        if (e - s > MID_CONFIG_MAX_LINE) {
            why = "line too long";
            goto line_error;
        }
        for (size_t c = s; c < e; c++) {
            if (text[c] == '\0') {
                why = "NUL byte";
                goto line_error;
            }
            if (text[c] == '#') {
                e = c;
                break;
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
            why = "expected key = value";
            goto line_error;
        }
        k0 = s;
        k1 = eq;
        while (k1 > k0 && (text[k1 - 1] == ' ' || text[k1 - 1] == '\t'))
            k1--;
        v0 = eq + 1;
        v1 = e;
        while (v0 < v1 && (text[v0] == ' ' || text[v0] == '\t'))
            v0++;
        {
            size_t ki;
            for (ki = 0; ki < sizeof KEYS / sizeof KEYS[0]; ki++) {
                if (word_is(text + k0, k1 - k0, KEYS[ki].key))
                    break;
            }
            if (ki == sizeof KEYS / sizeof KEYS[0]) {
                why = "unknown key";
                goto line_error;
            }
            if (seen & (1ull << ki)) {
                why = "key given twice";
                goto line_error;
            }
            seen |= 1ull << ki;
            if (dropin && KEYS[ki].k == K_BASE_STR) {
                why = "only in kiosk.conf";
                goto line_error;
            }
            why = apply(&KEYS[ki], text + v0, v1 - v0, &tmp);
            if (why)
                goto line_error;
        }
        continue;
    line_error:
        if (msg)
            snprintf(msg, msg_cap, "line %u: %s", line, why);
        goto bad;
    }
    if (revocation_keys(&tmp, seen, msg, msg_cap) != 0)
        goto bad;
    if (tmp.fixed_purpose >= 0 && !(tmp.purposes & (1u << (unsigned)tmp.fixed_purpose))) {
        if (msg)
            snprintf(msg, msg_cap, "fixed_purpose is not among purposes");
        goto bad;
    }
    *cfg = tmp;
    return MID_OK;
bad:
    mid_config_default(cfg);
    return MID_ERR_CONFIG;
}

mid_err mid_config_parse(const char *text, size_t len, mid_config *cfg,
                         char *msg, size_t msg_cap)
{
    return parse(text, len, cfg, msg, msg_cap, 0);
}

static char load_buf[MID_CONFIG_MAX_BYTES + 1u];

mid_err mid_config_load(const char *path, mid_config *cfg, char *msg,
                        size_t msg_cap)
{
    FILE *f;
    size_t n;
    mid_err err;

    mid_config_default(cfg);
    if (msg && msg_cap)
        msg[0] = '\0';
    f = fopen(path, "rb");
    if (!f) {
        int missing = errno == ENOENT;
        if (msg)
            snprintf(msg, msg_cap, "%s: %s, using defaults", path,
                     missing ? "not found" : "cannot be read");
        if (!missing)
            return MID_ERR_CONFIG;
    } else {
        n = fread(load_buf, 1, sizeof load_buf, f);
        fclose(f);
        err = parse(load_buf, n, cfg, msg, msg_cap, 0);
        if (err)
            return err;
    }
    {
        /* the "not found" note survives a drop-in that is fine */
        char dmsg[256];
        err = mid_config_load_dropins(cfg, dmsg, sizeof dmsg);
        if (err && msg)
            snprintf(msg, msg_cap, "%s", dmsg);
    }
    return err;
}

/* [A-Za-z0-9_.-]+ ending in ".conf", not hidden: editors' backups
 * (x.conf~, .x.conf.swp) and our own temp files are never read. */
static int dropin_name(const char *name, size_t *len)
{
    size_t n = strlen(name);
    *len = n;
    if (n <= 5 || n >= MID_CONFIG_DROPIN_NAME_MAX || name[0] == '.' ||
        strcmp(name + n - 5, ".conf") != 0)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
              c == '_' || c == '-' || c == '.'))
            return 0;
    }
    return 1;
}

static int name_cmp(const void *a, const void *b)
{
    return strcmp((const char *)a, (const char *)b); /* bytes, not locale */
}

mid_err mid_config_load_dropins(mid_config *cfg, char *msg, size_t msg_cap)
{
    static char names[MID_CONFIG_DROPIN_MAX][MID_CONFIG_DROPIN_NAME_MAX];
    char dir[MID_CONFIG_PATH_MAX], path[MID_CONFIG_PATH_MAX + MID_CONFIG_DROPIN_NAME_MAX + 1];
    char why[200];
    size_t count = 0, nl;
    DIR *d;
    struct dirent *e;
    mid_err err = MID_OK;

    if (msg && msg_cap)
        msg[0] = '\0';
    snprintf(dir, sizeof dir, "%s", cfg->dropin_dir);
    d = opendir(dir);
    if (!d) {
        if (errno == ENOENT)
            return MID_OK; /* no per-device settings: the image's are all */
        if (msg)
            snprintf(msg, msg_cap, "%s: cannot be read", dir);
        err = MID_ERR_CONFIG_DROPIN;
        goto done;
    }
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.' || !dropin_name(e->d_name, &nl)) {
            /* "." and "..", hidden files and other names are ignored */
            continue;
        }
        if (count == MID_CONFIG_DROPIN_MAX) {
            if (msg)
                snprintf(msg, msg_cap, "%s: more than %u drop-ins", dir, MID_CONFIG_DROPIN_MAX);
            err = MID_ERR_CONFIG_DROPIN;
            break;
        }
        memcpy(names[count++], e->d_name, nl + 1u);
    }
    closedir(d);
    if (err)
        goto done;
    qsort(names, count, sizeof names[0], name_cmp);
    for (size_t i = 0; i < count; i++) {
        struct stat st;
        FILE *f;
        size_t n;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        /* lstat: a symlink could point a drop-in anywhere */
        if (lstat(path, &st) != 0 || !S_ISREG(st.st_mode)) {
            if (msg)
                snprintf(msg, msg_cap, "%s: not a regular file", path);
            err = MID_ERR_CONFIG_DROPIN;
            goto done;
        }
        f = fopen(path, "rb");
        if (!f) {
            if (msg)
                snprintf(msg, msg_cap, "%s: cannot be read", path);
            err = MID_ERR_CONFIG_DROPIN;
            goto done;
        }
        n = fread(load_buf, 1, sizeof load_buf, f);
        fclose(f);
        if (parse(load_buf, n, cfg, why, sizeof why, 1) != MID_OK) {
            if (msg)
                snprintf(msg, msg_cap, "%s: %s", path, why);
            err = MID_ERR_CONFIG_DROPIN;
            goto done;
        }
    }
done:
    if (err)
        mid_config_default(cfg);
    return err;
}
