/* mid-kiosk tools — shared command-line helpers (cli.h). */
#include "common/cli.h"

#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>

#include "common/issue.h"

int cli_flag(const char *arg, const char *name)
{
    return arg && strcmp(arg, name) == 0;
}

int cli_opt(int argc, char **argv, int *i, const char *name,
            const char **val)
{
    const char *v = NULL;
    int r = cli_opt_unbounded(argc, argv, i, name, &v);

    if (r != 1)
        return r;
    if (strlen(v) >= CLI_MAX_ARG) {
        fprintf(stderr, "value of %s is too long\n", name);
        return -1;
    }
    *val = v;
    return 1;
}

int cli_opt_unbounded(int argc, char **argv, int *i, const char *name,
                      const char **val)
{
    const char *a = argv[*i];
    size_t n = strlen(name);
    const char *v;

    if (strncmp(a, name, n) != 0)
        return 0;
    if (a[n] == '=') {
        v = a + n + 1;
    } else if (a[n] == '\0') {
        if (*i + 1 >= argc) {
            fprintf(stderr, "option %s needs a value\n", name);
            return -1;
        }
        *i += 1;
        v = argv[*i];
    } else {
        return 0;
    }
    *val = v;
    return 1;
}

int cli_opts(int argc, char **argv, int *i, const cli_optdef *defs)
{
    for (const cli_optdef *d = defs; d->name; d++) {
        if (d->val) {
            int r = cli_opt(argc, argv, i, d->name, d->val);
            if (r != 0)
                return r;
        } else if (cli_flag(argv[*i], d->name)) {
            *d->flag = 1;
            return 1;
        }
    }
    return 0;
}

/* ---- programs ---- */

int cli_usage_error(const char *prog, void (*usage)(FILE *f),
                    const char *why)
{
    if (why)
        fprintf(stderr, "%s: %s\n", prog, why);
    usage(stderr);
    return 2;
}

int cli_main(const char *prog, int argc, char **argv,
             const cli_command *commands, void (*usage)(FILE *f))
{
    const char *cmd;
    mid_err err;

    if (argc < 2)
        return cli_usage_error(prog, usage, NULL);
    cmd = argv[1];
    if (cli_flag(cmd, "--help") || cli_flag(cmd, "-h") || cli_flag(cmd, "help")) {
        usage(stdout);
        return 0;
    }
    if ((err = mid_crypto_init()) != MID_OK) {
        cli_error(prog, err, "crypto init failed");
        return 2;
    }
    for (const cli_command *c = commands; c->name; c++) {
        if (strcmp(cmd, c->name) == 0)
            return c->run(argc - 2, argv + 2);
    }
    return cli_usage_error(prog, usage, "unknown command");
}

static int file_exists(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0;
}

int cli_keygen(const char *prog, void (*usage)(FILE *f), int argc,
               char **argv, int pub_required)
{
    const char *out = NULL, *pub = NULL;
    int force = 0, r;
    const cli_optdef opts[] = {{"--out", &out, NULL},
                               {"--pub", &pub, NULL},
                               {"--force", NULL, &force},
                               {NULL, NULL, NULL}};
    mid_keypair kp;
    char kid[2 * MID_KID_LEN + 1];
    mid_err err;

    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return cli_usage_error(prog, usage, "keygen: unknown argument");
    }
    if (!out || (pub_required && !pub))
        return cli_usage_error(prog, usage,
                               pub_required
                                   ? "keygen: --out and --pub are required"
                                   : "keygen: --out is required");
    if (!force && (file_exists(out) || (pub && file_exists(pub)))) {
        /* the two tools have always worded this differently */
        if (pub_required)
            cli_error(prog, MID_OK, "key file exists; refusing to overwrite "
                                    "(use --force)");
        else
            cli_error(prog, MID_OK, "%s exists; refusing to overwrite a key "
                                    "(use --force)",
                      file_exists(out) ? out : pub);
        return 2;
    }
    if ((err = mid_keypair_generate(&kp)) != MID_OK ||
        (err = mid_keypair_save_pem(out, &kp)) != MID_OK ||
        (pub && (err = mid_pub_save_pem(pub, kp.pub)) != MID_OK)) {
        mid_wipe(&kp, sizeof kp);
        cli_error(prog, err, "keygen failed");
        return 2;
    }
    cli_hex_encode(kp.kid, MID_KID_LEN, kid, sizeof kid);
    mid_wipe(&kp, sizeof kp);
    printf("%s\n", kid);
    return 0;
}

mid_err cli_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out)
{
    char *end = NULL;
    long long v;

    if (!s || !*s || (*s != '-' && (*s < '0' || *s > '9')))
        return MID_ERR_ARG;
    errno = 0;
    v = strtoll(s, &end, 10);
    if (errno != 0 || !end || *end != '\0' || v < min || v > max)
        return MID_ERR_ARG;
    *out = (int64_t)v;
    return MID_OK;
}

mid_err cli_parse_u64(const char *s, uint64_t max, uint64_t *out)
{
    char *end = NULL;
    unsigned long long v;

    if (!s || *s < '0' || *s > '9')
        return MID_ERR_ARG;
    errno = 0;
    v = strtoull(s, &end, 10);
    if (errno != 0 || !end || *end != '\0' || v > max)
        return MID_ERR_ARG;
    *out = (uint64_t)v;
    return MID_OK;
}

mid_err cli_parse_double(const char *s, double min, double max, double *out)
{
    char *end = NULL;
    double v;

    if (!s || !*s)
        return MID_ERR_ARG;
    errno = 0;
    v = strtod(s, &end);
    if (errno != 0 || !end || *end != '\0' || !isfinite(v) || v < min ||
        v > max)
        return MID_ERR_ARG;
    *out = v;
    return MID_OK;
}

mid_err cli_parse_size(const char *s, uint32_t max_w, uint32_t max_h,
                       uint32_t *w, uint32_t *h)
{
    char buf[32];
    char *x;
    int64_t a, b;

    if (!s || strlen(s) >= sizeof buf)
        return MID_ERR_ARG;
    snprintf(buf, sizeof buf, "%s", s);
    x = strchr(buf, 'x');
    if (!x)
        return MID_ERR_ARG;
    *x = '\0';
    if (cli_parse_i64(buf, 1, max_w, &a) || cli_parse_i64(x + 1, 1, max_h, &b))
        return MID_ERR_ARG;
    *w = (uint32_t)a;
    *h = (uint32_t)b;
    return MID_OK;
}

/* ---- time ---- */

/* n digits at s as a number, or -1. */
static int digits_at(const char *s, size_t n)
{
    int v = 0;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    return v;
}

mid_err cli_parse_time_prefix(const char *s, int64_t *out, size_t *used)
{
    int y, mo, d, hh = 0, mi = 0, ss = 0, off = MID_KST_OFFSET_S;
    size_t n = 0;
    mid_date date;

    if (!s || !out || !used)
        return MID_ERR_ARG;
    /* Unix seconds: all digits up to the end or a ':' separator, and not
     * shaped like a date. */
    if (s[0] >= '0' && s[0] <= '9' && !(strlen(s) >= 5 && s[4] == '-')) {
        int64_t v = 0;
        while (s[n] >= '0' && s[n] <= '9') {
            if (n >= 12)
                return MID_ERR_ARG;
            v = v * 10 + (s[n] - '0');
            n++;
        }
        if (s[n] != '\0' && s[n] != ':')
            return MID_ERR_ARG;
        *out = v;
        *used = n;
        return MID_OK;
    }
    if (strlen(s) < 10 || s[4] != '-' || s[7] != '-')
        return MID_ERR_ARG;
    y = digits_at(s, 4);
    mo = digits_at(s + 5, 2);
    d = digits_at(s + 8, 2);
    if (y < 1 || mo < 0 || d < 0 || !mid_date_valid(y, mo, d))
        return MID_ERR_ARG;
    n = 10;
    if (s[n] == 'T') {
        if (strlen(s + n) < 9 || s[n + 3] != ':' || s[n + 6] != ':')
            return MID_ERR_ARG;
        hh = digits_at(s + n + 1, 2);
        mi = digits_at(s + n + 4, 2);
        ss = digits_at(s + n + 7, 2);
        if (hh < 0 || hh > 23 || mi < 0 || mi > 59 || ss < 0 || ss > 59)
            return MID_ERR_ARG;
        n += 9;
        if (s[n] == 'Z') {
            off = 0;
            n++;
        } else if (s[n] == '+' || s[n] == '-') {
            int oh, om;
            if (strlen(s + n) < 6 || s[n + 3] != ':')
                return MID_ERR_ARG;
            oh = digits_at(s + n + 1, 2);
            om = digits_at(s + n + 4, 2);
            if (oh < 0 || oh > 14 || om < 0 || om > 59)
                return MID_ERR_ARG;
            off = (oh * 3600 + om * 60) * (s[n] == '-' ? -1 : 1);
            n += 6;
        } else {
            return MID_ERR_ARG; /* no zone: refuse to guess */
        }
    }
    if (s[n] != '\0' && s[n] != ':')
        return MID_ERR_ARG;
    date.year = (int16_t)y;
    date.month = (uint8_t)mo;
    date.day = (uint8_t)d;
    *out = mid_date_days(date) * 86400 + hh * 3600 + mi * 60 + ss - off;
    *used = n;
    return MID_OK;
}

mid_err cli_parse_time(const char *s, int64_t *out)
{
    size_t used;
    int64_t t;
    mid_err err = cli_parse_time_prefix(s, &t, &used);
    if (err)
        return err;
    if (s[used] != '\0')
        return MID_ERR_ARG;
    *out = t;
    return MID_OK;
}

void cli_format_time(int64_t t, char *out, size_t cap)
{
    mid_date d = mid_date_from_unix_kst(t);
    int64_t sec = (t + MID_KST_OFFSET_S) % 86400;
    if (sec < 0)
        sec += 86400;
    snprintf(out, cap, "%04d-%02u-%02uT%02d:%02d:%02d+09:00", (int)d.year,
             (unsigned)d.month, (unsigned)d.day, (int)(sec / 3600),
             (int)(sec / 60 % 60), (int)(sec % 60));
}

void cli_format_date(mid_date d, char *out, size_t cap)
{
    snprintf(out, cap, "%04d-%02u-%02u", (int)d.year, (unsigned)d.month,
             (unsigned)d.day);
}

/* ---- hex ---- */

void cli_hex_encode(const uint8_t *in, size_t len, char *out, size_t cap)
{
    static const char digits[] = "0123456789abcdef";
    size_t i;
    if (cap == 0)
        return;
    for (i = 0; i < len && 2u * i + 2u < cap; i++) {
        out[2u * i] = digits[in[i] >> 4];
        out[2u * i + 1u] = digits[in[i] & 15u];
    }
    out[2u * i] = '\0';
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

mid_err cli_hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap,
                       size_t *out_len)
{
    if (slen % 2u != 0)
        return MID_ERR_ARG;
    if (slen / 2u > cap)
        return MID_ERR_BUFFER;
    for (size_t i = 0; i < slen; i += 2u) {
        int hi = hexval(s[i]), lo = hexval(s[i + 1u]);
        if (hi < 0 || lo < 0)
            return MID_ERR_ARG;
        out[i / 2u] = (uint8_t)(hi << 4 | lo);
    }
    *out_len = slen / 2u;
    return MID_OK;
}

/* ---- UTF-8 and JSON ---- */

void cli_json_str(FILE *f, const char *s, size_t len)
{
    const uint8_t *u = (const uint8_t *)s;
    size_t i = 0;

    fputc('"', f);
    while (i < len) {
        uint8_t c = u[i];
        size_t k;
        if (c == '"' || c == '\\') {
            fputc('\\', f);
            fputc(c, f);
            i++;
        } else if (c == '\n') {
            fputs("\\n", f);
            i++;
        } else if (c == '\t') {
            fputs("\\t", f);
            i++;
        } else if (c == '\r') {
            fputs("\\r", f);
            i++;
        } else if (c < 0x20u || c == 0x7Fu) {
            fprintf(f, "\\u%04x", (unsigned)c);
            i++;
        } else if ((k = mid_cbor_utf8_len(u + i, len - i)) == 0) {
            fputs("\\ufffd", f);
            i++;
        } else {
            fwrite(u + i, 1, k, f);
            i += k;
        }
    }
    fputc('"', f);
}

void cli_json_cstr(FILE *f, const char *s)
{
    if (!s)
        fputs("null", f);
    else
        cli_json_str(f, s, strlen(s));
}

/* ---- purposes ---- */

mid_err cli_parse_purpose(const char *s, mid_request *req)
{
    static const mid_purpose fixed[] = {MID_PURPOSE_ADULT,
                                        MID_PURPOSE_REAL_NAME,
                                        MID_PURPOSE_LICENCE};
    const char *p;

    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++) {
        if (strcmp(s, mid_purpose_id(fixed[i])) == 0) {
            *req = mid_request_for(fixed[i]);
            return MID_OK;
        }
    }
    if (strncmp(s, "custom:", 7) != 0)
        return MID_ERR_ARG;
    *req = mid_request_for(MID_PURPOSE_CUSTOM);
    req->items = 0;
    p = s + 7;
    while (*p) {
        const char *e = strchr(p, ',');
        size_t n = e ? (size_t)(e - p) : strlen(p);
        int found = 0;
        for (unsigned b = 0; b < MID_ITEM_COUNT; b++) {
            const char *id = mid_item_id((mid_item)(1u << b));
            if (id && strlen(id) == n && memcmp(id, p, n) == 0) {
                req->items |= 1u << b;
                found = 1;
            }
        }
        if (!found)
            return MID_ERR_ARG;
        if (!e)
            break;
        p = e + 1;
        if (!*p)
            return MID_ERR_ARG; /* trailing comma */
    }
    return req->items ? MID_OK : MID_ERR_ARG;
}

/* ---- doctypes ---- */

const char *cli_doctype_name(unsigned doctype)
{
    switch (doctype) {
    case MID_DOC_RESIDENT_CARD:
        return "resident";
    case MID_DOC_DRIVER_LICENCE:
        return "licence";
    default:
        return "unknown";
    }
}

mid_err cli_parse_doctypes(const char *s, size_t len, uint32_t *bits)
{
    size_t i = 0;
    uint32_t b = 0;

    if (len == 0)
        return MID_ERR_ARG;
    while (i < len) {
        size_t j = i;
        while (j < len && s[j] != ',')
            j++;
        if (j - i == 8 && memcmp(s + i, "resident", 8) == 0)
            b |= MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD);
        else if (j - i == 7 && memcmp(s + i, "licence", 7) == 0)
            b |= MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE);
        else
            return MID_ERR_ARG;
        i = j + 1u;
        if (j + 1u == len)
            return MID_ERR_ARG; /* trailing comma */
    }
    *bits = b;
    return MID_OK;
}

/* ---- credential summary ---- */

/* Read straight through on the reader's sticky error (mid_cbor.h); the
 * callers check once. Not mid_cwt_parse: that one is for the kiosk, copies
 * the personal claims and refuses what it does not like, while this
 * summary must never hold a name or an RRN and must describe a credential
 * the kiosk would refuse. */

static void read_cnf(mid_cbor_reader *r, cli_cred_info *out)
{
    size_t pairs = 0, kp = 0, pl = 0;
    int64_t k = 0;
    const uint8_t *p = NULL;

    mid_cbor_read_map(r, &pairs);
    if (pairs != 1u)
        mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
    mid_cbor_read_key(r, 1);
    mid_cbor_read_map(r, &kp);
    for (size_t i = 0; i < kp && !r->err; i++) {
        mid_cbor_read_int(r, &k);
        if (r->err)
            break;
        if (k == -2) {
            mid_cbor_read_bstr(r, &p, &pl);
            if (pl != MID_P256_COORD_LEN)
                mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
            if (!r->err)
                memcpy(out->device_x, p, MID_P256_COORD_LEN);
        } else if (k == -3 && mid_cbor_peek(r) == MID_CBOR_BSTR) {
            mid_cbor_read_bstr(r, &p, &pl);
            out->device_y_full = 1;
        } else {
            mid_cbor_skip(r, &p, &pl);
        }
    }
}

static void read_mid_map(mid_cbor_reader *r, cli_cred_info *out)
{
    size_t pairs = 0, sl = 0;
    uint64_t key = 0, v = 0;
    const uint8_t *s = NULL;

    mid_cbor_read_map(r, &pairs);
    for (size_t i = 0; i < pairs && !r->err; i++) {
        mid_cbor_read_uint(r, &key);
        if (r->err)
            break;
        if (key == MID_CLAIM_DOCTYPE) {
            if (mid_cbor_read_uint(r, &v) == MID_OK)
                out->doctype = (uint8_t)(v <= 255u ? v : 0u);
        } else if (key == MID_CLAIM_PORTRAIT) {
            if (mid_cbor_read_bstr(r, &s, &sl) != MID_OK)
                break;
            out->portrait_len = sl;
            if (mid_portrait_check(s, sl, &out->portrait_w, &out->portrait_h))
                out->portrait_w = out->portrait_h = 0;
        } else {
            if (key == MID_CLAIM_LICENCE)
                out->has_licence = 1;
            /* name, RRN, licence: skipped, never copied */
            mid_cbor_skip(r, &s, &sl);
        }
    }
}

mid_err cli_cred_describe(const uint8_t *cred, size_t len,
                          cli_cred_info *out)
{
    mid_cbor_reader r;
    mid_cose_sign1 m;
    size_t pairs = 0, pl = 0;
    int64_t key = 0;
    const uint8_t *p = NULL;
    mid_err err;

    memset(out, 0, sizeof *out);
    if ((err = mid_cbor_validate(cred, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, cred, len);
    if ((err = mid_cose_sign1_read(&r, 1, &m)) != MID_OK)
        return err;
    if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
        return err;
    memcpy(out->issuer_kid, m.kid, MID_KID_LEN);
    out->cwt_len = m.payload_len;
    mid_cbor_reader_init(&r, m.payload, m.payload_len);
    mid_cbor_read_map(&r, &pairs);
    for (size_t i = 0; i < pairs && !r.err; i++) {
        mid_cbor_read_int(&r, &key);
        if (r.err)
            break;
        switch (key) {
        case MID_CWT_EXP:
            mid_cbor_read_int(&r, &out->exp);
            break;
        case MID_CWT_NBF:
            mid_cbor_read_int(&r, &out->nbf);
            break;
        case MID_CWT_CTI:
            mid_cbor_read_bstr(&r, &p, &pl);
            if (pl != MID_CRED_ID_LEN)
                mid_cbor_fail(&r, MID_ERR_CLAIM_VALUE);
            if (!r.err)
                memcpy(out->cred_id, p, MID_CRED_ID_LEN);
            break;
        case MID_CWT_CNF:
            read_cnf(&r, out);
            break;
        case MID_CWT_MID:
            read_mid_map(&r, out);
            break;
        default:
            mid_cbor_fail(&r, MID_ERR_CLAIM_UNKNOWN);
        }
    }
    if (r.err)
        return r.err;
    if (out->doctype == 0)
        return MID_ERR_CLAIM_MISSING;
    return mid_cbor_reader_finish(&r);
}

/* ---- files ---- */

mid_err cli_read_file(const char *path, size_t cap, uint8_t **out,
                      size_t *len)
{
    uint8_t *buf = malloc(cap + 1u);
    mid_err err;

    if (!buf)
        return MID_ERR_NOMEM;
    err = mid_file_read(path, buf, cap, len);
    if (err) {
        free(buf);
        return err;
    }
    buf[*len] = '\0';
    *out = buf;
    return MID_OK;
}

void cli_free_wiped(void *p, size_t len)
{
    if (!p)
        return;
    mid_wipe(p, len);
    free(p);
}

mid_err cli_mkdir(const char *path)
{
    struct stat st;
    if (mkdir(path, 0755) == 0)
        return MID_OK;
    if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
        return MID_OK;
    return MID_ERR_IO;
}

mid_err cli_path(char *out, size_t cap, const char *dir, const char *name,
                 const char *suffix)
{
    int n = snprintf(out, cap, "%s/%s%s", dir, name, suffix);
    if (n < 0 || (size_t)n >= cap)
        return MID_ERR_BUFFER;
    return MID_OK;
}

void cli_error(const char *prog, mid_err err, const char *fmt, ...)
{
    va_list ap;
    fprintf(stderr, "%s: ", prog);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    if (err != MID_OK)
        fprintf(stderr, " (%s, %d)", mid_err_str(err), (int)err);
    fputc('\n', stderr);
}
