/* Runs every conformance vector (the .json files in tests/vectors/valid
 * and tests/vectors/invalid; schema: docs/testing.md) through mid_verify with the vectors' trust
 * bundle, revocation bundle and root key, and checks the verdict, the
 * failed check, the error text and number, and for a valid vector every
 * field of the view (mid_view_build) and that nothing else is shown.
 *
 * One cmocka test per vector file. Any unreadable or malformed file is a
 * failing test; finding no vector at all, or no invalid vector for some
 * check, fails too. The directory is $MID_VECTORS_DIR, default
 * tests/vectors (make test runs from the repository root). */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid.h"

#define MAX_VECTORS 512u
#define MAX_FILE 65536u

/* ---------------- a tiny strict JSON reader ----------------
 * Objects, arrays, strings (all escapes, surrogate pairs), integers,
 * true/false/null. No fractions or exponents (the schema has none), no
 * duplicate keys, nothing after the value, depth at most 8. */

enum { J_NULL,
       J_BOOL,
       J_INT,
       J_STR,
       J_ARR,
       J_OBJ };

#define J_MAX_NODES 256
#define J_MAX_DEPTH 8

typedef struct jnode {
    int type;
    int64_t num; /* J_INT, J_BOOL */
    char *str;   /* J_STR, NUL-terminated, in the string pool */
    size_t len;
    const char *key; /* when inside an object */
    int child, next; /* indexes, -1 = none */
} jnode;

typedef struct jdoc {
    jnode n[J_MAX_NODES];
    int count;
    char pool[MAX_FILE];
    size_t pool_len;
    const char *start, *p, *end;
    char err[160];
} jdoc;

static int jfail(jdoc *d, const char *what)
{
    if (!d->err[0])
        snprintf(d->err, sizeof d->err, "%s at byte %ld", what, (long)(d->p - d->start));
    return -1;
}

static void jws(jdoc *d)
{
    while (d->p < d->end && (*d->p == ' ' || *d->p == '\t' || *d->p == '\n' || *d->p == '\r'))
        d->p++;
}

static int jnew(jdoc *d, int type)
{
    if (d->count >= J_MAX_NODES)
        return jfail(d, "too many values");
    memset(&d->n[d->count], 0, sizeof d->n[0]);
    d->n[d->count].type = type;
    d->n[d->count].child = -1;
    d->n[d->count].next = -1;
    return d->count++;
}

static int jpool_put(jdoc *d, uint32_t cp)
{
    char tmp[4];
    size_t n;
    if (cp < 0x80u) {
        tmp[0] = (char)cp;
        n = 1;
    } else if (cp < 0x800u) {
        tmp[0] = (char)(0xC0u | (cp >> 6));
        tmp[1] = (char)(0x80u | (cp & 0x3Fu));
        n = 2;
    } else if (cp < 0x10000u) {
        tmp[0] = (char)(0xE0u | (cp >> 12));
        tmp[1] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        tmp[2] = (char)(0x80u | (cp & 0x3Fu));
        n = 3;
    } else {
        tmp[0] = (char)(0xF0u | (cp >> 18));
        tmp[1] = (char)(0x80u | ((cp >> 12) & 0x3Fu));
        tmp[2] = (char)(0x80u | ((cp >> 6) & 0x3Fu));
        tmp[3] = (char)(0x80u | (cp & 0x3Fu));
        n = 4;
    }
    if (d->pool_len + n + 1u > sizeof d->pool)
        return -1;
    memcpy(d->pool + d->pool_len, tmp, n);
    d->pool_len += n;
    return 0;
}

static int jhex4(jdoc *d, uint32_t *out)
{
    uint32_t v = 0;
    if (d->end - d->p < 4)
        return jfail(d, "short \\u escape");
    for (int i = 0; i < 4; i++) {
        char c = *d->p++;
        v <<= 4;
        if (c >= '0' && c <= '9')
            v |= (uint32_t)(c - '0');
        else if (c >= 'a' && c <= 'f')
            v |= (uint32_t)(c - 'a' + 10);
        else if (c >= 'A' && c <= 'F')
            v |= (uint32_t)(c - 'A' + 10);
        else
            return jfail(d, "bad \\u escape");
    }
    *out = v;
    return 0;
}

/* Parses a string at d->p (on the quote) into the pool. */
static int jstring(jdoc *d, char **out, size_t *len)
{
    size_t start = d->pool_len;
    d->p++; /* opening quote */
    for (;;) {
        unsigned char c;
        if (d->p >= d->end)
            return jfail(d, "unterminated string");
        c = (unsigned char)*d->p++;
        if (c == '"')
            break;
        if (c < 0x20u)
            return jfail(d, "control character in string");
        if (c == '\\') {
            uint32_t cp;
            if (d->p >= d->end)
                return jfail(d, "unterminated escape");
            c = (unsigned char)*d->p++;
            switch (c) {
            case '"':
                cp = '"';
                break;
            case '\\':
                cp = '\\';
                break;
            case '/':
                cp = '/';
                break;
            case 'b':
                cp = '\b';
                break;
            case 'f':
                cp = '\f';
                break;
            case 'n':
                cp = '\n';
                break;
            case 'r':
                cp = '\r';
                break;
            case 't':
                cp = '\t';
                break;
            case 'u':
                if (jhex4(d, &cp))
                    return -1;
                if (cp >= 0xD800u && cp <= 0xDBFFu) {
                    uint32_t lo;
                    if (d->end - d->p < 2 || d->p[0] != '\\' || d->p[1] != 'u')
                        return jfail(d, "lone high surrogate");
                    d->p += 2;
                    if (jhex4(d, &lo))
                        return -1;
                    if (lo < 0xDC00u || lo > 0xDFFFu)
                        return jfail(d, "bad low surrogate");
                    cp = 0x10000u + ((cp - 0xD800u) << 10) + (lo - 0xDC00u);
                } else if (cp >= 0xDC00u && cp <= 0xDFFFu) {
                    return jfail(d, "lone low surrogate");
                }
                break;
            default:
                return jfail(d, "unknown escape");
            }
            if (jpool_put(d, cp))
                return jfail(d, "string pool full");
        } else {
            if (d->pool_len + 2u > sizeof d->pool)
                return jfail(d, "string pool full");
            d->pool[d->pool_len++] = (char)c;
        }
    }
    d->pool[d->pool_len++] = '\0';
    *out = d->pool + start;
    *len = d->pool_len - start - 1u;
    return 0;
}

static int jvalue(jdoc *d, int depth);

static int jcontainer(jdoc *d, int depth, int is_obj)
{
    int self = jnew(d, is_obj ? J_OBJ : J_ARR), last = -1;
    if (self < 0)
        return -1;
    if (depth >= J_MAX_DEPTH)
        return jfail(d, "nesting too deep");
    d->p++;
    jws(d);
    if (d->p < d->end && *d->p == (is_obj ? '}' : ']')) {
        d->p++;
        return self;
    }
    for (;;) {
        char *key = NULL;
        size_t klen;
        int v;
        jws(d);
        if (is_obj) {
            if (d->p >= d->end || *d->p != '"')
                return jfail(d, "expected a key");
            if (jstring(d, &key, &klen))
                return -1;
            for (int c = d->n[self].child; c >= 0; c = d->n[c].next) {
                if (strcmp(d->n[c].key, key) == 0)
                    return jfail(d, "duplicate key");
            }
            jws(d);
            if (d->p >= d->end || *d->p != ':')
                return jfail(d, "expected ':'");
            d->p++;
        }
        v = jvalue(d, depth + 1);
        if (v < 0)
            return -1;
        d->n[v].key = key;
        if (last < 0)
            d->n[self].child = v;
        else
            d->n[last].next = v;
        last = v;
        jws(d);
        if (d->p >= d->end)
            return jfail(d, "unterminated container");
        if (*d->p == ',') {
            d->p++;
            continue;
        }
        if (*d->p == (is_obj ? '}' : ']')) {
            d->p++;
            return self;
        }
        return jfail(d, "expected ',' or end of container");
    }
}

static int jvalue(jdoc *d, int depth)
{
    int v;
    jws(d);
    if (d->p >= d->end)
        return jfail(d, "expected a value");
    switch (*d->p) {
    case '{':
        return jcontainer(d, depth, 1);
    case '[':
        return jcontainer(d, depth, 0);
    case '"':
        v = jnew(d, J_STR);
        if (v < 0 || jstring(d, &d->n[v].str, &d->n[v].len))
            return -1;
        return v;
    default:
        break;
    }
    if (d->end - d->p >= 4 && memcmp(d->p, "true", 4) == 0) {
        v = jnew(d, J_BOOL);
        d->n[v].num = 1;
        d->p += 4;
        return v;
    }
    if (d->end - d->p >= 5 && memcmp(d->p, "false", 5) == 0) {
        v = jnew(d, J_BOOL);
        d->p += 5;
        return v;
    }
    if (d->end - d->p >= 4 && memcmp(d->p, "null", 4) == 0) {
        v = jnew(d, J_NULL);
        d->p += 4;
        return v;
    }
    if (*d->p == '-' || (*d->p >= '0' && *d->p <= '9')) {
        int neg = 0;
        uint64_t mag = 0;
        const char *digits;
        if (*d->p == '-') {
            neg = 1;
            d->p++;
        }
        digits = d->p;
        while (d->p < d->end && *d->p >= '0' && *d->p <= '9') {
            if (mag > (uint64_t)INT64_MAX / 10u)
                return jfail(d, "integer too large");
            mag = mag * 10u + (uint64_t)(*d->p - '0');
            d->p++;
        }
        if (d->p == digits || (d->p - digits > 1 && *digits == '0'))
            return jfail(d, "bad integer");
        if (d->p < d->end && (*d->p == '.' || *d->p == 'e' || *d->p == 'E'))
            return jfail(d, "only integers are expected");
        if (mag > (uint64_t)INT64_MAX)
            return jfail(d, "integer too large");
        v = jnew(d, J_INT);
        if (v < 0)
            return -1;
        d->n[v].num = neg ? -(int64_t)mag : (int64_t)mag;
        return v;
    }
    return jfail(d, "unexpected character");
}

static int jparse(jdoc *d, const char *text, size_t len)
{
    int root;
    d->count = 0;
    d->pool_len = 0;
    d->err[0] = '\0';
    d->start = text;
    d->p = text;
    d->end = text + len;
    root = jvalue(d, 0);
    if (root < 0)
        return -1;
    jws(d);
    if (d->p != d->end)
        return jfail(d, "text after the value");
    return root;
}

/* ---------------- the vector schema ---------------- */

typedef struct vector {
    char path[1400];
    char name[300];
    char load_error[1600]; /* non-empty: the file is unusable */
    char description[256];
    const char *qr[4]; /* the last one carries the expectation */
    size_t nqr;
    int qr_owned; /* qr[] are our own copies (free them) */
    int64_t time, build_floor, freshness, skew;
    int revocation;
    /* trust lifecycle (docs/trust-lifecycle.md); defaults when absent */
    int64_t revocation_max_age;
    int revocation_warn_only;
    char trust_file[64], revocation_file[64];
    char purpose[128];
    int expect_valid;
    char failed_check[32];
    char error[64];
    int64_t error_code;
    /* view */
    int has_view;
    uint32_t items;
    char name_v[128], rrn[32], birth_date[16], issue_date[16];
    char licence_number[32], licence_status[16], licence_expiry[16];
    int adult, age, licence_class, doctype; /* -1: absent */
    int portrait_unavailable;               /* -1: absent */
    int has_portrait;
    int64_t portrait_w, portrait_h, portrait_bytes;
    char portrait_sha[65];
} vector;

static vector *g_vec[MAX_VECTORS];
static size_t g_nvec;
static char g_dir[1024];
static int g_dir_error;
static uint8_t g_root[MID_P256_POINT_LEN];
static mid_trust_store g_trust;
static mid_revocation g_revocation;
static uint8_t g_trust_bundle[MID_MAX_BUNDLE_BYTES], g_rev_bundle[MID_MAX_BUNDLE_BYTES];

static int bad(vector *v, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records the first problem with a vector file (its test then fails). */
static int bad(vector *v, const char *fmt, ...)
{
    va_list ap;
    if (!v->load_error[0]) {
        va_start(ap, fmt);
        vsnprintf(v->load_error, sizeof v->load_error, fmt, ap);
        va_end(ap);
    }
    return -1;
}

static int copy_str(vector *v, const jnode *n, char *out, size_t cap, const char *key)
{
    if (n->type != J_STR)
        return bad(v, "\"%s\" must be a string", key);
    if (n->len + 1u > cap)
        return bad(v, "\"%s\" too long", key);
    memcpy(out, n->str, n->len + 1u);
    return 0;
}

static int get_int(vector *v, const jnode *n, int64_t *out, const char *key)
{
    if (n->type != J_INT)
        return bad(v, "\"%s\" must be an integer", key);
    *out = n->num;
    return 0;
}

static int item_bit(const char *id, uint32_t *bit)
{
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        const char *s = mid_item_id((mid_item)(1u << i));
        if (s && strcmp(s, id) == 0) {
            *bit = 1u << i;
            return 0;
        }
    }
    return -1;
}

static int read_view(vector *v, const jdoc *d, int obj)
{
    for (int c = d->n[obj].child; c >= 0; c = d->n[c].next) {
        const jnode *n = &d->n[c];
        const char *k = n->key;
        int64_t i64 = 0;
        if (strcmp(k, "items") == 0) {
            if (n->type != J_ARR)
                return bad(v, "\"%s\" must be an array", k);
            for (int e = n->child; e >= 0; e = d->n[e].next) {
                uint32_t bit;
                if (d->n[e].type != J_STR || item_bit(d->n[e].str, &bit))
                    return bad(v, "unknown item in \"%s\"", k);
                v->items |= bit;
            }
        } else if (strcmp(k, "portrait") == 0) {
            if (n->type != J_OBJ)
                return bad(v, "\"%s\" must be an object", k);
            v->has_portrait = 1;
            for (int e = n->child; e >= 0; e = d->n[e].next) {
                const jnode *p = &d->n[e];
                if (strcmp(p->key, "width") == 0) {
                    if (get_int(v, p, &v->portrait_w, "width"))
                        return -1;
                } else if (strcmp(p->key, "height") == 0) {
                    if (get_int(v, p, &v->portrait_h, "height"))
                        return -1;
                } else if (strcmp(p->key, "bytes") == 0) {
                    if (get_int(v, p, &v->portrait_bytes, "bytes"))
                        return -1;
                } else if (strcmp(p->key, "sha256") == 0) {
                    if (copy_str(v, p, v->portrait_sha, sizeof v->portrait_sha, "sha256"))
                        return -1;
                } else {
                    return bad(v, "unknown portrait key \"%s\"", p->key);
                }
            }
        } else if (strcmp(k, "portrait_unavailable") == 0 || strcmp(k, "adult") == 0) {
            if (n->type != J_BOOL)
                return bad(v, "\"%s\" must be true or false", k);
            if (k[0] == 'p')
                v->portrait_unavailable = (int)n->num;
            else
                v->adult = (int)n->num;
        } else if (strcmp(k, "name") == 0) {
            if (copy_str(v, n, v->name_v, sizeof v->name_v, k))
                return -1;
        } else if (strcmp(k, "rrn") == 0) {
            if (copy_str(v, n, v->rrn, sizeof v->rrn, k))
                return -1;
        } else if (strcmp(k, "birth_date") == 0) {
            if (copy_str(v, n, v->birth_date, sizeof v->birth_date, k))
                return -1;
        } else if (strcmp(k, "issue_date") == 0) {
            if (copy_str(v, n, v->issue_date, sizeof v->issue_date, k))
                return -1;
        } else if (strcmp(k, "licence_number") == 0) {
            if (copy_str(v, n, v->licence_number, sizeof v->licence_number, k))
                return -1;
        } else if (strcmp(k, "licence_status") == 0) {
            if (copy_str(v, n, v->licence_status, sizeof v->licence_status, k))
                return -1;
        } else if (strcmp(k, "licence_expiry") == 0) {
            if (copy_str(v, n, v->licence_expiry, sizeof v->licence_expiry, k))
                return -1;
        } else if (strcmp(k, "age") == 0 || strcmp(k, "licence_class") == 0 ||
                   strcmp(k, "doctype") == 0) {
            if (get_int(v, n, &i64, k))
                return -1;
            if (i64 < 0 || i64 > 1000)
                return bad(v, "\"%s\" out of range", k);
            if (k[0] == 'a')
                v->age = (int)i64;
            else if (k[0] == 'l')
                v->licence_class = (int)i64;
            else
                v->doctype = (int)i64;
        } else {
            return bad(v, "unknown view key \"%s\"", k);
        }
    }
    return 0;
}

static int read_expect(vector *v, const jdoc *d, int obj)
{
    int have_verdict = 0, have_error = 0, have_code = 0;
    char verdict[16] = "";
    for (int c = d->n[obj].child; c >= 0; c = d->n[c].next) {
        const jnode *n = &d->n[c];
        if (strcmp(n->key, "verdict") == 0) {
            if (copy_str(v, n, verdict, sizeof verdict, n->key))
                return -1;
            have_verdict = 1;
        } else if (strcmp(n->key, "failed_check") == 0) {
            if (copy_str(v, n, v->failed_check, sizeof v->failed_check, n->key))
                return -1;
        } else if (strcmp(n->key, "error") == 0) {
            if (copy_str(v, n, v->error, sizeof v->error, n->key))
                return -1;
            have_error = 1;
        } else if (strcmp(n->key, "error_code") == 0) {
            if (get_int(v, n, &v->error_code, n->key))
                return -1;
            have_code = 1;
        } else {
            return bad(v, "unknown expect key \"%s\"", n->key);
        }
    }
    if (!have_verdict || !have_error || !have_code)
        return bad(v, "%s", "expect needs verdict, error and error_code");
    if (strcmp(verdict, "valid") == 0)
        v->expect_valid = 1;
    else if (strcmp(verdict, "invalid") == 0)
        v->expect_valid = 0;
    else
        return bad(v, "bad verdict \"%s\"", verdict);
    if (!v->expect_valid && !v->failed_check[0])
        return bad(v, "%s", "an invalid vector needs failed_check");
    if (v->expect_valid && v->failed_check[0])
        return bad(v, "%s", "a valid vector has no failed_check");
    return 0;
}

static int read_vector(vector *v)
{
    static jdoc d;
    static char text[MAX_FILE + 1u];
    FILE *f = fopen(v->path, "rb");
    size_t len;
    int root, have_time = 0, have_purpose = 0, have_fresh = 0, have_floor = 0, have_expect = 0;

    if (!f)
        return bad(v, "cannot open %s", v->path);
    len = fread(text, 1, sizeof text, f);
    if (ferror(f)) {
        fclose(f);
        return bad(v, "cannot read %s", v->path);
    }
    fclose(f);
    if (len > MAX_FILE)
        return bad(v, "%s is too large", v->path);
    root = jparse(&d, text, len);
    if (root < 0)
        return bad(v, "JSON: %s", d.err);
    if (d.n[root].type != J_OBJ)
        return bad(v, "%s", "top level is not an object");
    v->adult = v->age = v->licence_class = v->doctype = v->portrait_unavailable = -1;
    v->skew = MID_DEFAULT_SKEW_S;
    v->revocation = 1;
    v->revocation_max_age = MID_DEFAULT_REVOCATION_MAX_S;
    snprintf(v->trust_file, sizeof v->trust_file, "trust.bundle");
    snprintf(v->revocation_file, sizeof v->revocation_file, "revocation.bundle");
    for (int c = d.n[root].child; c >= 0; c = d.n[c].next) {
        const jnode *n = &d.n[c];
        const char *k = n->key;
        if (strcmp(k, "description") == 0) {
            if (copy_str(v, n, v->description, sizeof v->description, k))
                return -1;
        } else if (strcmp(k, "qr") == 0 || strcmp(k, "sequence") == 0) {
            if (v->nqr)
                return bad(v, "%s", "both \"qr\" and \"sequence\"");
            if (k[0] == 'q') {
                if (n->type != J_STR)
                    return bad(v, "\"%s\" must be a string", k);
                v->qr[v->nqr++] = n->str;
            } else {
                if (n->type != J_ARR || n->child < 0)
                    return bad(v, "\"%s\" must be a non-empty array", k);
                for (int e = n->child; e >= 0; e = d.n[e].next) {
                    if (d.n[e].type != J_STR || v->nqr >= sizeof v->qr / sizeof v->qr[0])
                        return bad(v, "\"%s\": strings, at most 4", k);
                    v->qr[v->nqr++] = d.n[e].str;
                }
            }
        } else if (strcmp(k, "time") == 0) {
            if (get_int(v, n, &v->time, k))
                return -1;
            have_time = 1;
        } else if (strcmp(k, "purpose") == 0) {
            if (copy_str(v, n, v->purpose, sizeof v->purpose, k))
                return -1;
            have_purpose = 1;
        } else if (strcmp(k, "freshness") == 0) {
            if (get_int(v, n, &v->freshness, k))
                return -1;
            have_fresh = 1;
        } else if (strcmp(k, "skew") == 0) {
            if (get_int(v, n, &v->skew, k))
                return -1;
        } else if (strcmp(k, "build_floor") == 0) {
            if (get_int(v, n, &v->build_floor, k))
                return -1;
            have_floor = 1;
        } else if (strcmp(k, "revocation") == 0) {
            if (n->type != J_BOOL)
                return bad(v, "\"%s\" must be true or false", k);
            v->revocation = (int)n->num;
        } else if (strcmp(k, "revocation_max_age") == 0) {
            if (get_int(v, n, &v->revocation_max_age, k))
                return -1;
            if (v->revocation_max_age < 0)
                return bad(v, "\"%s\" must be 0 or more", k);
        } else if (strcmp(k, "revocation_policy") == 0) {
            char pol[8];
            if (copy_str(v, n, pol, sizeof pol, k))
                return -1;
            if (strcmp(pol, "fail") != 0 && strcmp(pol, "warn") != 0)
                return bad(v, "\"%s\" must be fail or warn", k);
            v->revocation_warn_only = pol[0] == 'w';
        } else if (strcmp(k, "trust_bundle") == 0 || strcmp(k, "revocation_bundle") == 0) {
            char *dst = k[0] == 't' ? v->trust_file : v->revocation_file;
            if (copy_str(v, n, dst, sizeof v->trust_file, k))
                return -1;
            if (strchr(dst, '/') || dst[0] == '.' || !strstr(dst, ".bundle"))
                return bad(v, "\"%s\" must name a .bundle file of the vector directory", k);
        } else if (strcmp(k, "expect") == 0) {
            if (n->type != J_OBJ || read_expect(v, &d, c))
                return bad(v, "bad \"%s\"", k);
            have_expect = 1;
        } else if (strcmp(k, "view") == 0) {
            if (n->type != J_OBJ || read_view(v, &d, c))
                return bad(v, "bad \"%s\"", k);
            v->has_view = 1;
        } else {
            return bad(v, "unknown key \"%s\"", k);
        }
    }
    if (!v->nqr || !have_time || !have_purpose || !have_fresh || !have_floor || !have_expect ||
        !v->description[0])
        return bad(v, "%s", "missing a required key");
    if (v->expect_valid != v->has_view)
        return bad(v, "%s", "a valid vector needs a view, an invalid one has none");
    /* the QR strings point into the pool, which the next file reuses */
    for (size_t i = 0; i < v->nqr; i++) {
        size_t l = strlen(v->qr[i]);
        char *q = malloc(l + 1u);
        if (!q) {
            v->nqr = i;
            v->qr_owned = 1;
            return bad(v, "%s", "out of memory");
        }
        memcpy(q, v->qr[i], l + 1u);
        v->qr[i] = q;
    }
    v->qr_owned = 1;
    return 0;
}

static int request_of(const char *purpose, mid_request *req)
{
    if (strcmp(purpose, "adult") == 0) {
        *req = mid_request_for(MID_PURPOSE_ADULT);
    } else if (strcmp(purpose, "real_name") == 0) {
        *req = mid_request_for(MID_PURPOSE_REAL_NAME);
    } else if (strcmp(purpose, "licence") == 0) {
        *req = mid_request_for(MID_PURPOSE_LICENCE);
    } else if (strncmp(purpose, "custom:", 7) == 0) {
        char id[64];
        const char *p = purpose + 7;
        *req = mid_request_for(MID_PURPOSE_CUSTOM);
        while (*p) {
            size_t n = strcspn(p, ",");
            uint32_t bit;
            if (n == 0 || n >= sizeof id)
                return -1;
            memcpy(id, p, n);
            id[n] = '\0';
            if (item_bit(id, &bit))
                return -1;
            req->items |= bit;
            p += n;
            if (*p == ',')
                p++;
        }
    } else {
        return -1;
    }
    return 0;
}

static void fmt_date(mid_date d, char out[16])
{
    snprintf(out, 16, "%04d-%02u-%02u", (int)d.year, (unsigned)d.month, (unsigned)d.day);
}

static const char *licence_state_str(mid_licence_state s)
{
    switch (s) {
    case MID_LICSTATE_VALID:
        return "valid";
    case MID_LICSTATE_EXPIRED:
        return "expired";
    case MID_LICSTATE_SUSPENDED:
        return "suspended";
    case MID_LICSTATE_CANCELLED:
        return "cancelled";
    }
    return "?";
}

static int all_zero(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        if (b[i])
            return 0;
    }
    return 1;
}

static void check_view(const vector *v, const mid_result *r, const mid_request *req)
{
    static mid_view view;
    char buf[16];
    assert_int_equal(mid_view_build(&r->claims, req, v->time, &view), MID_OK);
    assert_int_equal(view.items, v->items);
    assert_int_equal(req->items, v->items);

    if (v->items & MID_ITEM_PORTRAIT) {
        if (v->has_portrait) {
            uint8_t h[MID_SHA256_LEN];
            char hex[65];
            mid_span part = {view.portrait, view.portrait_len};
            assert_int_equal(view.portrait_unavailable, 0);
            assert_int_equal(view.portrait_len, v->portrait_bytes);
            assert_int_equal(view.portrait[0], v->portrait_w);
            assert_int_equal(view.portrait[1], v->portrait_h);
            assert_int_equal(mid_crypto_sha256(&part, 1, h), MID_OK);
            for (size_t i = 0; i < sizeof h; i++)
                snprintf(hex + 2 * i, 3, "%02x", h[i]);
            assert_string_equal(hex, v->portrait_sha);
        } else {
            assert_int_equal(v->portrait_unavailable, 1);
            assert_int_equal(view.portrait_unavailable, 1);
            assert_int_equal(view.portrait_len, 0);
        }
    } else {
        assert_false(v->has_portrait);
        assert_int_equal(v->portrait_unavailable, -1);
        assert_int_equal(view.portrait_len, 0);
        assert_true(all_zero(view.portrait, sizeof view.portrait));
    }
    /* each requested item is described by the vector, each other one is
     * absent from the view (data minimisation) */
    if (v->items & MID_ITEM_NAME) {
        assert_true(v->name_v[0] != '\0');
        assert_string_equal(view.name, v->name_v);
    } else {
        assert_false(v->name_v[0]);
        assert_true(all_zero(view.name, sizeof view.name));
    }
    if (v->items & MID_ITEM_RRN) {
        assert_string_equal(view.rrn, v->rrn);
    } else {
        assert_false(v->rrn[0]);
        assert_true(all_zero(view.rrn, sizeof view.rrn));
    }
    if (v->items & MID_ITEM_ADULT) {
        assert_true(v->adult >= 0);
        assert_int_equal(view.adult != 0, v->adult);
    } else {
        assert_int_equal(v->adult, -1);
        assert_int_equal(view.adult, 0);
    }
    if (v->items & MID_ITEM_AGE) {
        assert_true(v->age >= 0);
        assert_int_equal(view.age, v->age);
    } else {
        assert_int_equal(v->age, -1);
        assert_int_equal(view.age, 0);
    }
    if (v->items & MID_ITEM_BIRTH_DATE) {
        fmt_date(view.birth, buf);
        assert_string_equal(buf, v->birth_date);
    } else {
        assert_false(v->birth_date[0]);
        assert_true(all_zero(&view.birth, sizeof view.birth));
    }
    if (v->items & MID_ITEM_ISSUE_DATE) {
        fmt_date(view.issue_date, buf);
        assert_string_equal(buf, v->issue_date);
    } else {
        assert_false(v->issue_date[0]);
        assert_true(all_zero(&view.issue_date, sizeof view.issue_date));
    }
    if (v->items & MID_ITEM_LICENCE_CLASS) {
        assert_true(v->licence_class > 0);
        assert_int_equal(view.licence_class, v->licence_class);
    } else {
        assert_int_equal(v->licence_class, -1);
        assert_int_equal(view.licence_class, 0);
    }
    if (v->items & MID_ITEM_LICENCE_NUMBER) {
        assert_string_equal(view.licence_number, v->licence_number);
    } else {
        assert_false(v->licence_number[0]);
        assert_true(all_zero(view.licence_number, sizeof view.licence_number));
    }
    if (v->items & MID_ITEM_LICENCE_STATUS) {
        assert_string_equal(licence_state_str(view.licence_state), v->licence_status);
    } else {
        assert_false(v->licence_status[0]);
        assert_int_equal(view.licence_state, 0);
    }
    if (v->items & MID_ITEM_LICENCE_EXPIRY) {
        fmt_date(view.licence_expiry, buf);
        assert_string_equal(buf, v->licence_expiry);
    } else {
        assert_false(v->licence_expiry[0]);
        assert_true(all_zero(&view.licence_expiry, sizeof view.licence_expiry));
    }
    if (v->items & MID_ITEM_DOCTYPE) {
        assert_int_equal(view.doctype, v->doctype);
    } else {
        assert_int_equal(v->doctype, -1);
        assert_int_equal(view.doctype, 0);
    }
    mid_view_wipe(&view);
}

static int load_file(const char *name, uint8_t *buf, size_t cap, size_t *len);
static const char *status_str(mid_check_status s)
{
    return s == MID_CHECK_PASS ? "pass" : s == MID_CHECK_FAIL ? "fail"
                                                              : "not_run";
}

static void run_vector(void **state)
{
    const vector *v = *state;
    static mid_verify_ctx ctx;
    mid_verify_config cfg;
    mid_request req;
    static mid_result r;

    if (v->load_error[0])
        fail_msg("%s: %s", v->path, v->load_error);
    if (request_of(v->purpose, &req))
        fail_msg("%s: unknown purpose \"%s\"", v->path, v->purpose);
    mid_verify_config_default(&cfg);
    cfg.build_floor = v->build_floor;
    cfg.freshness_s = v->freshness;
    cfg.skew_s = v->skew;
    cfg.revocation_max_s = v->revocation_max_age;
    cfg.revocation_warn_only = v->revocation_warn_only;
    if (strcmp(v->trust_file, "trust.bundle") != 0 ||
        strcmp(v->revocation_file, "revocation.bundle") != 0) {
        /* a vector with its own bundles (expired, legacy format) */
        static mid_trust_store ts;
        static mid_revocation rv;
        static uint8_t tb[MID_MAX_BUNDLE_BYTES], rb[MID_MAX_BUNDLE_BYTES];
        size_t tl, rl;
        if (load_file(v->trust_file, tb, sizeof tb, &tl) ||
            mid_trust_load(&ts, tb, tl, g_root) != MID_OK)
            fail_msg("%s: trust bundle %s does not load", v->path, v->trust_file);
        if (load_file(v->revocation_file, rb, sizeof rb, &rl) ||
            mid_revocation_load(&rv, rb, rl, g_root) != MID_OK)
            fail_msg("%s: revocation bundle %s does not load", v->path, v->revocation_file);
        assert_int_equal(mid_verify_init(&ctx, &ts, v->revocation ? &rv : NULL, &cfg), MID_OK);
    } else {
        assert_int_equal(mid_verify_init(&ctx, &g_trust, v->revocation ? &g_revocation : NULL, &cfg),
                         MID_OK);
    }
    for (size_t i = 0; i < v->nqr; i++) {
        mid_err ret = mid_verify(&ctx, (const uint8_t *)v->qr[i], strlen(v->qr[i]), &req,
                                 v->time, &r);
        assert_int_equal(ret, r.err);
        if (i + 1u < v->nqr) {
            if (r.verdict != MID_VERDICT_VALID)
                fail_msg("%s: step %zu of the sequence: %s", v->name, i, mid_err_str(r.err));
            mid_result_wipe(&r);
        }
    }
    if (v->expect_valid) {
        if (r.verdict != MID_VERDICT_VALID)
            fail_msg("%s: expected valid, got %s / %s", v->name, mid_check_id_str(r.failed_check),
                     mid_err_str(r.err));
        assert_int_equal(r.err, MID_OK);
        assert_string_equal(mid_err_str(r.err), v->error);
        assert_int_equal(v->error_code, 0);
        for (int c = 0; c < MID_CHECK_COUNT; c++) {
            assert_int_equal(r.checks[c], MID_CHECK_PASS);
            assert_int_equal(r.check_err[c], MID_OK);
        }
        check_view(v, &r, &req);
    } else {
        if (r.verdict != MID_VERDICT_INVALID)
            fail_msg("%s: expected invalid (%s), got valid", v->name, v->failed_check);
        if (strcmp(mid_check_id_str(r.failed_check), v->failed_check) != 0 ||
            strcmp(mid_err_str(r.err), v->error) != 0 || (int64_t)r.err != v->error_code)
            fail_msg("%s: expected %s / %s (%lld), got %s / %s (%d)", v->name, v->failed_check,
                     v->error, (long long)v->error_code, mid_check_id_str(r.failed_check),
                     mid_err_str(r.err), (int)r.err);
        /* The checks rule (docs/payload-format.md §5, mid_verify.h): a
         * reader that takes the first entry that is not "pass" names the
         * failed check. */
        for (int c = 0; c < MID_CHECK_COUNT; c++) {
            mid_check_status want = c < (int)r.failed_check    ? MID_CHECK_PASS
                                    : c == (int)r.failed_check ? MID_CHECK_FAIL
                                                               : MID_CHECK_NOT_RUN;
            if (r.checks[c] != want || r.check_err[c] != (c == (int)r.failed_check ? r.err : MID_OK))
                fail_msg("%s: check %s is %s (error %s), the rule says %s", v->name,
                         mid_check_id_str((mid_check_id)c), status_str(r.checks[c]),
                         mid_err_str(r.check_err[c]), status_str(want));
        }
        /* nothing personal survives an invalid verdict */
        assert_true(all_zero(&r.claims, sizeof r.claims));
    }
    mid_result_wipe(&r);
}

/* The set as a whole: vectors exist in both directories and every check
 * fails in at least one vector. */
static void test_vector_set(void **state)
{
    size_t nvalid = 0, ninvalid = 0;
    int seen[MID_CHECK_COUNT] = {0};
    (void)state;
    if (g_dir_error)
        fail_msg("cannot read the vector directories under %s", g_dir);
    for (size_t i = 0; i < g_nvec; i++) {
        const vector *v = g_vec[i];
        if (v->load_error[0])
            continue;
        if (v->expect_valid) {
            nvalid++;
        } else {
            ninvalid++;
            for (int c = 0; c < MID_CHECK_COUNT; c++) {
                if (strcmp(mid_check_id_str((mid_check_id)c), v->failed_check) == 0)
                    seen[c] = 1;
            }
        }
    }
    print_message("%zu valid and %zu invalid vectors in %s\n", nvalid, ninvalid, g_dir);
    assert_true(nvalid > 0);
    assert_true(ninvalid > 0);
    for (int c = 0; c < MID_CHECK_COUNT; c++) {
        if (!seen[c])
            fail_msg("no invalid vector fails check %s", mid_check_id_str((mid_check_id)c));
    }
}

static int load_file(const char *name, uint8_t *buf, size_t cap, size_t *len)
{
    char path[1200];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    f = fopen(path, "rb");
    if (!f)
        return -1;
    *len = fread(buf, 1, cap, f);
    fclose(f);
    return *len < cap ? 0 : -1;
}

static int setup_trust(void **state)
{
    size_t len;
    char pem[1024];
    (void)state;
    if (mid_crypto_init() != MID_OK)
        return -1;
    if (load_file("root.pub.pem", (uint8_t *)pem, sizeof pem - 1u, &len))
        return -1;
    pem[len] = '\0';
    if (mid_crypto_p256_pub_from_pem(pem, len, g_root) != MID_OK)
        return -1;
    if (load_file("trust.bundle", g_trust_bundle, sizeof g_trust_bundle, &len) ||
        mid_trust_load(&g_trust, g_trust_bundle, len, g_root) != MID_OK)
        return -1;
    if (load_file("revocation.bundle", g_rev_bundle, sizeof g_rev_bundle, &len) ||
        mid_revocation_load(&g_revocation, g_rev_bundle, len, g_root) != MID_OK)
        return -1;
    return 0;
}

static int name_cmp(const void *a, const void *b)
{
    const vector *const *x = a, *const *y = b;
    return strcmp((*x)->path, (*y)->path);
}

static void scan(const char *sub)
{
    char path[1100];
    DIR *d;
    struct dirent *e;
    snprintf(path, sizeof path, "%s/%s", g_dir, sub);
    d = opendir(path);
    if (!d) {
        g_dir_error = 1;
        return;
    }
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        vector *v;
        if (e->d_name[0] == '.')
            continue;
        v = calloc(1, sizeof *v);
        if (!v || g_nvec >= MAX_VECTORS) {
            g_dir_error = 1;
            free(v);
            break;
        }
        snprintf(v->path, sizeof v->path, "%s/%s", path, e->d_name);
        snprintf(v->name, sizeof v->name, "%s/%s", sub, e->d_name);
        if (l <= 5 || strcmp(e->d_name + l - 5, ".json") != 0)
            bad(v, "%s: only .json files belong here", v->name);
        else
            read_vector(v);
        /* the directory says what the verdict must be */
        if (!v->load_error[0] && v->expect_valid != (strcmp(sub, "valid") == 0))
            bad(v, "%s: verdict does not match its directory", v->name);
        g_vec[g_nvec++] = v;
    }
    closedir(d);
}

int main(void)
{
    const char *env = getenv("MID_VECTORS_DIR");
    struct CMUnitTest *tests;
    size_t n = 0;
    int rc;

    snprintf(g_dir, sizeof g_dir, "%s", env && *env ? env : "tests/vectors");
    scan("valid");
    scan("invalid");
    qsort(g_vec, g_nvec, sizeof g_vec[0], name_cmp);
    tests = calloc(g_nvec + 1u, sizeof *tests);
    if (!tests)
        return 1;
    tests[n].name = "vector_set";
    tests[n].test_func = test_vector_set;
    n++;
    for (size_t i = 0; i < g_nvec; i++) {
        tests[n].name = g_vec[i]->name;
        tests[n].test_func = run_vector;
        tests[n].initial_state = g_vec[i];
        n++;
    }
    rc = _cmocka_run_group_tests("vectors", tests, n, setup_trust, NULL);
    for (size_t i = 0; i < g_nvec; i++) {
        for (size_t k = 0; g_vec[i]->qr_owned && k < g_vec[i]->nqr; k++)
            free((void *)(uintptr_t)g_vec[i]->qr[k]);
        free(g_vec[i]);
    }
    free(tests);
    return rc;
}
