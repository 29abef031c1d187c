/* kiosk.conf parser: strict, bounded, all-or-nothing. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mid/mid_config.h"

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
    cfg->revocation_max_age_days = 7;
    snprintf(cfg->kiosk_id, sizeof cfg->kiosk_id, "%s", "KIOSK-0001");
    cfg->operator_pin[0] = '\0'; /* no PIN: status screen disabled */
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

typedef enum kind { K_INT, K_BOOL, K_STR, K_PURPOSES, K_PURPOSE, K_ITEMS, K_LANG,
                    K_RETURN, K_FORMAT, K_PREFILTER } kind;

typedef struct key_spec {
    const char *key;
    kind k;
    size_t off;
    long min, max;   /* K_INT range; K_STR max length */
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
    {"revocation_max_age_days", K_INT, OFF(revocation_max_age_days), 1, 365},
    {"kiosk_id", K_STR, OFF(kiosk_id), 0, sizeof(((mid_config *)0)->kiosk_id)},
    {"operator_pin", K_STR, OFF(operator_pin), 1, sizeof(((mid_config *)0)->operator_pin)},
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

mid_err mid_config_parse(const char *text, size_t len, mid_config *cfg,
                         char *msg, size_t msg_cap)
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

mid_err mid_config_load(const char *path, mid_config *cfg, char *msg,
                        size_t msg_cap)
{
    static char buf[MID_CONFIG_MAX_BYTES + 1u];
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
        return missing ? MID_OK : MID_ERR_CONFIG;
    }
    n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    err = mid_config_parse(buf, n, cfg, msg, msg_cap);
    return err;
}
