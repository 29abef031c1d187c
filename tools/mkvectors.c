/* mkvectors — writes the conformance test vectors in tests/vectors/.
 *
 *   make BUILD=build-x build-x/bin/mkvectors && build-x/bin/mkvectors tests/vectors
 *   build-x/bin/mkvectors --new-keys DIR   (first time only: makes the
 *                                           test keys in DIR/keys/)
 *
 * Every vector is verified at one fixed time (VEC_TIME) with the fixed
 * test keys in DIR/keys/ (committed, test-only). Signatures are
 * deterministic (RFC 6979), so a rerun writes the same bytes; the
 * committed vectors predate that and differ only in signature bytes.
 *
 * The expectation of each vector (verdict, failed check, error, and the
 * view of a valid one) is written here by hand from what the vector was
 * built to be, not computed by the verifier; before writing, the
 * generator runs the verifier on each vector and refuses to write one
 * whose verdict, check or error disagrees (a generator bug, or a verifier
 * bug to report). The views are checked by tests/unit/test_vectors.c.
 * Schema: docs/testing.md. All people and numbers are invented. */
#include <dirent.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/cli.h"
#include "common/issue.h"
#include "mid/mid.h"
#include "mid/mid_files.h"

/* 2026-11-26T12:00:00+09:00 (= 03:00:00Z). */
#define VEC_TIME ((int64_t)1795662000)
#define DAY ((int64_t)86400)
#define VEC_FLOOR (VEC_TIME - 30 * DAY) /* 2026-10-27T12:00:00+09:00 */
#define CRED_NBF (VEC_TIME - 10 * DAY)
#define CRED_EXP (VEC_TIME + 20 * DAY)
#define FRESHNESS 60
#define SKEW 5

#define OUT_CAP 16384u
#define BUF_CAP 4096u

static const char *g_dir;
static int g_count_valid, g_count_invalid, g_failures;

typedef struct keys {
    mid_keypair root, issuer, cards_only, retired, stranger, device, device2;
} keys;
static keys K;
static mid_trust_store g_trust;
static mid_revocation g_revocation;
static uint8_t g_trust_bundle[8192], g_rev_bundle[1024];
static size_t g_trust_bundle_len, g_rev_bundle_len;
/* Extra bundles for the trust-lifecycle vectors (docs/trust-lifecycle.md):
 * an expired trust list, the same keys in the legacy format 1, and an
 * expired revocation list. Indexed by EXTRA_*. */
enum { EXTRA_TRUST_EXPIRED,
       EXTRA_TRUST_LEGACY,
       EXTRA_REV_EXPIRED,
       EXTRA_COUNT };
static const char *const EXTRA_FILE[EXTRA_COUNT] = {
    "trust-expired.bundle", "trust-legacy.bundle", "revocation-expired.bundle"};
static mid_trust_store g_extra_trust[EXTRA_COUNT];
static mid_revocation g_extra_rev[EXTRA_COUNT];
static uint8_t g_extra_bundle[EXTRA_COUNT][8192];

/* The id of the revoked credential (the middle one of three). */
static const uint8_t REVOKED_IDS[3][MID_CRED_ID_LEN] = {
    {0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01},
    {0x7e, 0x57, 0x00, 0x00, 0x00, 0x00, 0x00, 0x02},
    {0xf0, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x03},
};

static void die(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
static void die(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fputs("mkvectors: ", stderr);
    vfprintf(stderr, fmt, ap);
    fputc('\n', stderr);
    va_end(ap);
    exit(1);
}

static void check(mid_err err, const char *what)
{
    if (err != MID_OK)
        die("%s: %s", what, mid_err_str(err));
}

/* ---------------- output text ---------------- */

typedef struct sb {
    char buf[OUT_CAP];
    size_t len;
} sb;

static void sb_add(sb *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void sb_add(sb *s, const char *fmt, ...)
{
    va_list ap;
    int n;
    va_start(ap, fmt);
    n = vsnprintf(s->buf + s->len, sizeof s->buf - s->len, fmt, ap);
    va_end(ap);
    if (n < 0 || (size_t)n >= sizeof s->buf - s->len)
        die("output buffer full");
    s->len += (size_t)n;
}

/* JSON string: UTF-8 passes through; quote, backslash and controls are
 * escaped. */
static void sb_str(sb *s, const char *str)
{
    sb_add(s, "\"");
    for (const unsigned char *p = (const unsigned char *)str; *p; p++) {
        if (*p == '"' || *p == '\\')
            sb_add(s, "\\%c", *p);
        else if (*p < 0x20u)
            sb_add(s, "\\u%04x", *p);
        else
            sb_add(s, "%c", *p);
    }
    sb_add(s, "\"");
}

/* ---------------- keys and bundles ---------------- */

static void key_path(char *out, size_t cap, const char *name)
{
    int n = snprintf(out, cap, "%s/keys/%s.pem", g_dir, name);
    if (n < 0 || (size_t)n >= cap)
        die("path too long");
}

static void load_key(const char *name, mid_keypair *kp, int new_keys)
{
    char path[4096];
    key_path(path, sizeof path, name);
    if (access(path, F_OK) != 0) {
        if (!new_keys)
            die("%s missing (use --new-keys once to create the test keys)", path);
        check(mid_keypair_generate(kp), "keygen");
        check(mid_keypair_save_pem(path, kp), path);
        fprintf(stderr, "mkvectors: created %s\n", path);
    }
    check(mid_keypair_load_pem(path, kp), path);
}

static void trust_entry(mid_trust_key *k, const mid_keypair *kp, uint32_t doctypes,
                        int64_t nbf, int64_t exp)
{
    memset(k, 0, sizeof *k);
    memcpy(k->kid, kp->kid, MID_KID_LEN);
    memcpy(k->pub, kp->pub, MID_P256_POINT_LEN);
    k->doctypes = doctypes;
    k->nbf = nbf;
    k->exp = exp;
}

static void write_file(const char *name, const void *data, size_t len)
{
    char path[4096];
    int n = snprintf(path, sizeof path, "%s/%s", g_dir, name);
    if (n < 0 || (size_t)n >= sizeof path)
        die("path too long");
    check(mid_file_write_atomic(path, data, len), path);
}

static void make_bundles(void)
{
    mid_trust_key tk[3];
    const uint32_t both = MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD) |
                          MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE);
    char pem[1024];

    trust_entry(&tk[0], &K.issuer, both, VEC_TIME - 365 * DAY, VEC_TIME + 3 * 365 * DAY);
    trust_entry(&tk[1], &K.cards_only, MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD),
                VEC_TIME - 365 * DAY, VEC_TIME + 3 * 365 * DAY);
    /* retired 30 days before the vector time */
    trust_entry(&tk[2], &K.retired, both, VEC_TIME - 3 * 365 * DAY, VEC_TIME - 30 * DAY);
    check(mid_trust_bundle_encode(tk, 3, VEC_TIME - DAY, 1, &K.root, g_trust_bundle,
                                  sizeof g_trust_bundle, &g_trust_bundle_len),
          "trust bundle");
    check(mid_revocation_bundle_encode(&REVOKED_IDS[0][0], 3, VEC_TIME - 3600, 1, &K.root,
                                       g_rev_bundle, sizeof g_rev_bundle, &g_rev_bundle_len),
          "revocation bundle");
    check(mid_trust_load(&g_trust, g_trust_bundle, g_trust_bundle_len, K.root.pub),
          "trust load");
    check(mid_revocation_load(&g_revocation, g_rev_bundle, g_rev_bundle_len, K.root.pub),
          "revocation load");
    write_file("trust.bundle", g_trust_bundle, g_trust_bundle_len);
    write_file("revocation.bundle", g_rev_bundle, g_rev_bundle_len);
    {
        mid_bundle_meta m;
        size_t n;
        /* a year-long trust list that ended yesterday */
        mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, VEC_TIME - 366 * DAY, 1);
        m.valid_until = VEC_TIME - DAY;
        check(mid_trust_bundle_encode_meta(tk, 3, &m, &K.root, g_extra_bundle[EXTRA_TRUST_EXPIRED],
                                           sizeof g_extra_bundle[0], &n),
              "expired trust");
        check(mid_trust_load(&g_extra_trust[EXTRA_TRUST_EXPIRED], g_extra_bundle[EXTRA_TRUST_EXPIRED],
                             n, K.root.pub),
              "expired trust load");
        write_file(EXTRA_FILE[EXTRA_TRUST_EXPIRED], g_extra_bundle[EXTRA_TRUST_EXPIRED], n);
        /* the shipped keys in the legacy format (no expiry) */
        mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, VEC_TIME - DAY, 1);
        m.format = MID_BUNDLE_FORMAT_LEGACY;
        check(mid_trust_bundle_encode_meta(tk, 3, &m, &K.root, g_extra_bundle[EXTRA_TRUST_LEGACY],
                                           sizeof g_extra_bundle[0], &n),
              "legacy trust");
        check(mid_trust_load(&g_extra_trust[EXTRA_TRUST_LEGACY], g_extra_bundle[EXTRA_TRUST_LEGACY],
                             n, K.root.pub),
              "legacy trust load");
        write_file(EXTRA_FILE[EXTRA_TRUST_LEGACY], g_extra_bundle[EXTRA_TRUST_LEGACY], n);
        /* a revocation list valid for a week, issued ten days ago */
        mid_bundle_meta_default(&m, MID_BUNDLE_KIND_REVOCATION, VEC_TIME - 10 * DAY, 1);
        m.valid_until = VEC_TIME - 3 * DAY;
        check(mid_revocation_bundle_encode_meta(&REVOKED_IDS[0][0], 3, &m, &K.root,
                                                g_extra_bundle[EXTRA_REV_EXPIRED],
                                                sizeof g_extra_bundle[0], &n),
              "expired revocation");
        check(mid_revocation_load(&g_extra_rev[EXTRA_REV_EXPIRED], g_extra_bundle[EXTRA_REV_EXPIRED],
                                  n, K.root.pub),
              "expired revocation load");
        write_file(EXTRA_FILE[EXTRA_REV_EXPIRED], g_extra_bundle[EXTRA_REV_EXPIRED], n);
    }
    check(mid_crypto_p256_pub_to_pem(K.root.pub, pem, sizeof pem), "root pem");
    write_file("root.pub.pem", pem, strlen(pem));
}

/* ---------------- people (all invented) ---------------- */

static uint8_t g_portrait[MID_MAX_PORTRAIT_BYTES];
static size_t g_portrait_len;

static void person(mid_cred_input *in, int which)
{
    memset(in, 0, sizeof *in);
    in->doctype = MID_DOC_RESIDENT_CARD;
    in->nbf = CRED_NBF;
    in->exp = CRED_EXP;
    memcpy(in->device_pub, K.device.pub, MID_P256_POINT_LEN);
    memcpy(in->cred_id, "\x4d\x49\x44\x76\x65\x63\x00\x00", 8);
    in->cred_id[7] = (uint8_t)which;
    switch (which) {
    case 1: /* 1990-01-01, male */
        in->name = "한가람";
        in->rrn = "9001011234568";
        in->issue_date = 20200315;
        break;
    case 2: /* 2002-03-15, female; driver's licence */
        in->doctype = MID_DOC_DRIVER_LICENCE;
        in->name = "도윤서";
        in->rrn = "0203154123456";
        in->issue_date = 20230610;
        in->has_licence = 1;
        in->licence.cls = MID_LIC_2_ORDINARY;
        snprintf(in->licence.number, sizeof in->licence.number, "%s", "11-24-012345-67");
        in->licence.expiry = 20301231;
        in->licence.status = MID_LICSTAT_VALID;
        break;
    case 3: /* 1985-11-30, female; with portrait */
        in->name = "이바다";
        in->rrn = "8511302345671";
        in->issue_date = 20190902;
        in->portrait = g_portrait;
        in->portrait_len = g_portrait_len;
        break;
    case 4: /* 2008-05-15, male: 18, not an adult */
        in->name = "서하늘";
        in->rrn = "0805153234564";
        in->issue_date = 20240105;
        break;
    case 5: /* 2007-12-31, female: 18 today, adult by the year rule */
        in->name = "윤슬기";
        in->rrn = "0712314234567";
        in->issue_date = 20250301;
        break;
    case 6: /* 1995-07-12, foreign resident (code 5), Latin name */
        in->name = "Aria Lindqvist";
        in->rrn = "9507125123458";
        in->issue_date = 20210720;
        break;
    case 7: /* licence, suspended, 1979-02-28 male, 1st class large */
        in->doctype = MID_DOC_DRIVER_LICENCE;
        in->name = "마루한";
        in->rrn = "7902281345672";
        in->issue_date = 20180811;
        in->has_licence = 1;
        in->licence.cls = MID_LIC_1_LARGE;
        snprintf(in->licence.number, sizeof in->licence.number, "%s", "26-18-998877-01");
        in->licence.expiry = 20281130;
        in->licence.status = MID_LICSTAT_SUSPENDED;
        break;
    case 8: /* licence whose renewal date passed yesterday (KST) */
        in->doctype = MID_DOC_DRIVER_LICENCE;
        in->name = "강나래";
        in->rrn = "9608082345675";
        in->issue_date = 20161125;
        in->has_licence = 1;
        in->licence.cls = MID_LIC_2_SMALL;
        snprintf(in->licence.number, sizeof in->licence.number, "%s", "12-16-445566-89");
        in->licence.expiry = 20261125;
        in->licence.status = MID_LICSTAT_VALID;
        break;
    default:
        die("no person %d", which);
    }
}

/* ---------------- encoders with deliberate defects ---------------- */

typedef struct cwt_tweak {
    int dup_nbf;      /* key 5 twice */
    int noncanon_exp; /* exp as an 8-byte integer */
    int omit_nbf;
    int extra_cwt_iat;    /* CWT claim 6 (iat), unknown to this format */
    int extra_mid_key;    /* our claims map with key 7 */
    int omit_licence;     /* doctype 2 without the licence map */
    int bad_point;        /* full y that is not on the curve */
    const char *name_raw; /* name bytes as given (invalid UTF-8, no NUL) */
} cwt_tweak;

/* The CWT claims map with the defects of t. Its top level is written out
 * here so a defect can be put anywhere in it; cnf and our claims map are
 * issue.c's, written from a copy of the input that carries the defect.
 * Untweaked, it equals mid_cwt_encode. */
static size_t cwt_build(const mid_cred_input *in, const cwt_tweak *t, uint8_t *out,
                        size_t cap)
{
    static const cwt_tweak none;
    mid_cred_input c;
    mid_cbor_writer w;
    size_t top = 5;
    if (!t)
        t = &none;
    if (t->dup_nbf || t->extra_cwt_iat)
        top++;
    if (t->omit_nbf)
        top--;
    c = *in;
    if (t->omit_licence)
        c.has_licence = 0;
    if (t->bad_point) {
        c.device_key_full = 1;
        c.device_pub[MID_P256_POINT_LEN - 1] ^= 0x01; /* last byte of y */
    }
    if (t->name_raw)
        c.name = t->name_raw;
    mid_cbor_writer_init(&w, out, cap);
    mid_cbor_put_map(&w, top);
    mid_cbor_put_int(&w, MID_CWT_EXP);
    if (t->noncanon_exp) {
        uint8_t b[9] = {0x1b, 0, 0, 0, 0, 0, 0, 0, 0};
        for (int i = 0; i < 8; i++)
            b[8 - i] = (uint8_t)((uint64_t)in->exp >> (8 * i));
        mid_cbor_put_raw(&w, b, sizeof b);
    } else {
        mid_cbor_put_int(&w, in->exp);
    }
    if (!t->omit_nbf) {
        mid_cbor_put_int(&w, MID_CWT_NBF);
        mid_cbor_put_int(&w, in->nbf);
    }
    if (t->dup_nbf) {
        mid_cbor_put_int(&w, MID_CWT_NBF);
        mid_cbor_put_int(&w, in->nbf);
    }
    if (t->extra_cwt_iat) {
        mid_cbor_put_int(&w, 6);
        mid_cbor_put_int(&w, in->nbf);
    }
    mid_cbor_put_int(&w, MID_CWT_CTI);
    mid_cbor_put_bstr(&w, in->cred_id, MID_CRED_ID_LEN);
    mid_cwt_put_cnf(&w, &c);
    mid_cwt_put_claims(&w, &c, t->extra_mid_key ? 1u : 0u);
    if (t->extra_mid_key) {
        mid_cbor_put_uint(&w, 7);
        mid_cbor_put_uint(&w, 1);
    }
    check(w.err, "cwt");
    return w.len;
}

typedef struct cose_opts {
    const uint8_t *prot; /* NULL: {1: -7} / {1: -7, 4: kid} */
    size_t prot_len;
    int with_kid;
    const uint8_t *unprot; /* NULL: {} */
    size_t unprot_len;
    int nil_payload; /* null instead of the payload bstr */
    int untagged;
    uint64_t tag;       /* 0: 18 (COSE_Sign1) */
    size_t sig_len;     /* 0: 64 */
    const uint8_t *sig; /* NULL: sign; else this signature */
} cose_opts;

/* COSE_Sign1 over payload by signer, with the shape given by o. */
static size_t cose_build(const uint8_t *payload, size_t payload_len, const mid_keypair *signer,
                         const cose_opts *o, uint8_t *out, size_t cap)
{
    uint8_t prot[64], sig[MID_P256_SIG_LEN];
    size_t prot_len;
    mid_cbor_writer w;

    if (o->prot) {
        memcpy(prot, o->prot, o->prot_len);
        prot_len = o->prot_len;
    } else {
        check(mid_cose_protected_encode(o->with_kid ? signer->kid : NULL, prot, sizeof prot,
                                        &prot_len),
              "protected");
    }
    if (o->sig)
        memcpy(sig, o->sig, sizeof sig);
    else
        check(mid_sign1_sig(prot, prot_len, payload, payload_len, signer, sig), "sign");
    mid_cbor_writer_init(&w, out, cap);
    if (!o->untagged)
        mid_cbor_put_tag(&w, o->tag ? o->tag : MID_COSE_TAG_SIGN1);
    mid_cbor_put_array(&w, 4);
    mid_cbor_put_bstr(&w, prot, prot_len);
    if (o->unprot)
        mid_cbor_put_raw(&w, o->unprot, o->unprot_len);
    else
        mid_cbor_put_map(&w, 0);
    if (o->nil_payload) {
        uint8_t nil = 0xf6;
        mid_cbor_put_raw(&w, &nil, 1);
    } else {
        mid_cbor_put_bstr(&w, payload, payload_len);
    }
    mid_cbor_put_bstr(&w, sig, o->sig_len && o->sig_len < sizeof sig ? o->sig_len : sizeof sig);
    check(w.err, "cose");
    return w.len;
}

static size_t cred_build(const mid_cred_input *in, const cwt_tweak *t,
                         const mid_keypair *issuer, uint8_t *out, size_t cap)
{
    uint8_t cwt[BUF_CAP];
    cose_opts o;
    size_t n = cwt_build(in, t, cwt, sizeof cwt);
    memset(&o, 0, sizeof o);
    o.with_kid = 1;
    return cose_build(cwt, n, issuer, &o, out, cap);
}

typedef enum pres_tweak {
    PT_NONE,
    PT_FLOAT_IAT, /* iat as a double */
    PT_HALF_ZERO, /* iat as the half float 0.0 (f9 00 00) */
    PT_KEY_ORDER, /* keys 1, 3, 2 */
    PT_NONCE15,   /* 15-byte nonce */
    PT_NO_NONCE   /* map of 2 */
} pres_tweak;

/* The presentation payload: issue.c's, or written out here with the
 * defect t. */
static size_t pres_payload(const uint8_t *cred, size_t cred_len, int64_t iat,
                           const uint8_t nonce[MID_NONCE_LEN], pres_tweak t, uint8_t *out,
                           size_t cap)
{
    mid_cbor_writer w;
    size_t n;
    if (t == PT_NONE) {
        check(mid_presentation_payload(cred, cred_len, iat, nonce, out, cap, &n),
              "presentation payload");
        return n;
    }
    mid_cbor_writer_init(&w, out, cap);
    mid_cbor_put_map(&w, t == PT_NO_NONCE ? 2u : 3u);
    mid_cbor_put_uint(&w, MID_PRES_CRED);
    mid_cbor_put_raw(&w, cred, cred_len);
    if (t == PT_KEY_ORDER) {
        mid_cbor_put_uint(&w, MID_PRES_NONCE);
        mid_cbor_put_bstr(&w, nonce, MID_NONCE_LEN);
    }
    mid_cbor_put_uint(&w, MID_PRES_IAT);
    if (t == PT_FLOAT_IAT) {
        /* IEEE 754 double of iat (exact: < 2^53) */
        double d = (double)iat;
        uint64_t bits;
        uint8_t b[9];
        memcpy(&bits, &d, sizeof bits);
        b[0] = 0xfb;
        for (int i = 0; i < 8; i++)
            b[8 - i] = (uint8_t)(bits >> (8 * i));
        mid_cbor_put_raw(&w, b, sizeof b);
    } else if (t == PT_HALF_ZERO) {
        static const uint8_t half_zero[] = {0xf9, 0x00, 0x00};
        mid_cbor_put_raw(&w, half_zero, sizeof half_zero);
    } else {
        mid_cbor_put_int(&w, iat);
    }
    if (t != PT_KEY_ORDER && t != PT_NO_NONCE) {
        mid_cbor_put_uint(&w, MID_PRES_NONCE);
        mid_cbor_put_bstr(&w, nonce, t == PT_NONCE15 ? MID_NONCE_LEN - 1u : MID_NONCE_LEN);
    }
    check(w.err, "presentation payload");
    return w.len;
}

static void nonce_for(const char *name, uint8_t nonce[MID_NONCE_LEN])
{
    uint8_t h[MID_SHA256_LEN];
    mid_span parts[2] = {{(const uint8_t *)"mid-kiosk test vector ", 22},
                         {(const uint8_t *)name, strlen(name)}};
    check(mid_crypto_sha256(parts, 2, h), "sha256");
    memcpy(nonce, h, MID_NONCE_LEN);
}

/* A whole presentation in CBOR. */
static size_t pres_build(const char *name, const uint8_t *cred, size_t cred_len, int64_t iat,
                         pres_tweak t, const mid_keypair *device, const cose_opts *o,
                         uint8_t *out, size_t cap)
{
    uint8_t payload[BUF_CAP], nonce[MID_NONCE_LEN];
    static const cose_opts plain;
    size_t n;
    nonce_for(name, nonce);
    n = pres_payload(cred, cred_len, iat, nonce, t, payload, sizeof payload);
    return cose_build(payload, n, device, o ? o : &plain, out, cap);
}

static void qr_of(const uint8_t *cbor, size_t len, char *out, size_t cap)
{
    size_t n;
    check(mid_qr_text(cbor, len, out, cap, &n), "qr text");
}

/* The usual path: person -> credential by issuer -> presentation by device. */
static void qr_simple(const char *name, const mid_cred_input *in, const mid_keypair *issuer,
                      const mid_keypair *device, int64_t iat, char *qr, size_t cap)
{
    uint8_t cred[BUF_CAP], pres[BUF_CAP];
    size_t cl = cred_build(in, NULL, issuer, cred, sizeof cred);
    size_t pl = pres_build(name, cred, cl, iat, PT_NONE, device, NULL, pres, sizeof pres);
    qr_of(pres, pl, qr, cap);
}

/* ---------------- vectors ---------------- */

typedef struct vview {
    const char *items; /* comma-separated item ids, in bit order */
    const char *name;
    const char *rrn;
    int adult; /* -1: absent */
    int age;   /* -1: absent */
    const char *birth_date;
    const char *issue_date;
    int licence_class; /* 0: absent */
    const char *licence_number;
    const char *licence_status;
    const char *licence_expiry;
    int doctype;  /* 0: absent */
    int portrait; /* 1: the portrait of person 3 */
    int portrait_unavailable;
} vview;

typedef struct vec {
    const char *name;
    const char *desc;
    const char *purpose;
    int64_t time;
    int64_t build_floor;
    int no_revocation;
    int64_t revocation_max_age; /* REVOCATION_STALE limit, seconds */
    int revocation_warn_only;
    int trust_extra, rev_extra; /* -1: the shared bundle, else EXTRA_* */
    const char *qr[2];          /* one, or a sequence of two */
    int valid;
    mid_check_id check;
    mid_err err;
    const vview *view;
} vec;

/* Runs the verifier on the vector: the generator's own sanity check. */
static int self_check(const vec *v)
{
    static mid_verify_ctx ctx;
    mid_verify_config cfg;
    mid_request req;
    mid_result r;
    size_t nq = v->qr[1] ? 2u : 1u;
    int ok = 1;

    mid_verify_config_default(&cfg);
    cfg.build_floor = v->build_floor;
    cfg.freshness_s = FRESHNESS;
    cfg.skew_s = SKEW;
    cfg.revocation_max_s = v->revocation_max_age;
    cfg.revocation_warn_only = v->revocation_warn_only;
    check(cli_parse_purpose(v->purpose, &req), v->purpose);
    check(mid_verify_init(&ctx, v->trust_extra >= 0 ? &g_extra_trust[v->trust_extra] : &g_trust,
                          v->no_revocation    ? NULL
                          : v->rev_extra >= 0 ? &g_extra_rev[v->rev_extra]
                                              : &g_revocation,
                          &cfg),
          "verify init");
    for (size_t i = 0; i < nq; i++) {
        mid_verify(&ctx, (const uint8_t *)v->qr[i], strlen(v->qr[i]), &req, v->time, &r);
        if (i + 1u < nq) {
            if (r.verdict != MID_VERDICT_VALID) {
                fprintf(stderr, "%s: step %zu not valid (%s)\n", v->name, i, mid_err_str(r.err));
                ok = 0;
            }
        } else if (v->valid) {
            if (r.verdict != MID_VERDICT_VALID) {
                fprintf(stderr, "%s: expected valid, got %s at %s\n", v->name,
                        mid_err_str(r.err), mid_check_id_str(r.failed_check));
                ok = 0;
            }
        } else if (r.verdict != MID_VERDICT_INVALID || r.failed_check != v->check ||
                   r.err != v->err) {
            fprintf(stderr, "%s: expected %s/%s, got %s %s/%s\n", v->name,
                    mid_check_id_str(v->check), mid_err_str(v->err),
                    r.verdict == MID_VERDICT_VALID ? "VALID" : "INVALID",
                    mid_check_id_str(r.failed_check), mid_err_str(r.err));
            ok = 0;
        }
        mid_result_wipe(&r);
    }
    return ok;
}

static void add_items_json(sb *s, const char *items)
{
    const char *p = items;
    int first = 1;
    sb_add(s, "[");
    while (*p) {
        size_t n = strcspn(p, ",");
        sb_add(s, "%s\"%.*s\"", first ? "" : ", ", (int)n, p);
        first = 0;
        p += n;
        if (*p == ',')
            p++;
    }
    sb_add(s, "]");
}

static void add_view_json(sb *s, const vview *v)
{
    sb_add(s, ",\n  \"view\": {\n    \"items\": ");
    add_items_json(s, v->items);
    if (v->portrait) {
        uint8_t h[MID_SHA256_LEN];
        mid_span part = {g_portrait, g_portrait_len};
        check(mid_crypto_sha256(&part, 1, h), "sha256");
        sb_add(s, ",\n    \"portrait\": {\"width\": %u, \"height\": %u, \"bytes\": %zu, "
                  "\"sha256\": \"",
               g_portrait[0], g_portrait[1], g_portrait_len);
        for (size_t i = 0; i < sizeof h; i++)
            sb_add(s, "%02x", h[i]);
        sb_add(s, "\"}");
    }
    if (v->portrait_unavailable)
        sb_add(s, ",\n    \"portrait_unavailable\": true");
    if (v->name) {
        sb_add(s, ",\n    \"name\": ");
        sb_str(s, v->name);
    }
    if (v->rrn) {
        sb_add(s, ",\n    \"rrn\": ");
        sb_str(s, v->rrn);
    }
    if (v->adult >= 0)
        sb_add(s, ",\n    \"adult\": %s", v->adult ? "true" : "false");
    if (v->age >= 0)
        sb_add(s, ",\n    \"age\": %d", v->age);
    if (v->birth_date)
        sb_add(s, ",\n    \"birth_date\": \"%s\"", v->birth_date);
    if (v->issue_date)
        sb_add(s, ",\n    \"issue_date\": \"%s\"", v->issue_date);
    if (v->licence_class)
        sb_add(s, ",\n    \"licence_class\": %d", v->licence_class);
    if (v->licence_number)
        sb_add(s, ",\n    \"licence_number\": \"%s\"", v->licence_number);
    if (v->licence_status)
        sb_add(s, ",\n    \"licence_status\": \"%s\"", v->licence_status);
    if (v->licence_expiry)
        sb_add(s, ",\n    \"licence_expiry\": \"%s\"", v->licence_expiry);
    if (v->doctype)
        sb_add(s, ",\n    \"doctype\": %d", v->doctype);
    sb_add(s, "\n  }");
}

static void emit(const vec *v)
{
    static sb s;
    char path[4096];
    int n;

    if (!self_check(v)) {
        g_failures++;
        return;
    }
    s.len = 0;
    sb_add(&s, "{\n  \"description\": ");
    sb_str(&s, v->desc);
    if (v->qr[1]) {
        sb_add(&s, ",\n  \"sequence\": [\n    ");
        sb_str(&s, v->qr[0]);
        sb_add(&s, ",\n    ");
        sb_str(&s, v->qr[1]);
        sb_add(&s, "\n  ]");
    } else {
        sb_add(&s, ",\n  \"qr\": ");
        sb_str(&s, v->qr[0]);
    }
    sb_add(&s, ",\n  \"time\": %lld", (long long)v->time);
    sb_add(&s, ",\n  \"purpose\": ");
    sb_str(&s, v->purpose);
    sb_add(&s, ",\n  \"freshness\": %d,\n  \"skew\": %d", FRESHNESS, SKEW);
    sb_add(&s, ",\n  \"build_floor\": %lld", (long long)v->build_floor);
    sb_add(&s, ",\n  \"revocation\": %s", v->no_revocation ? "false" : "true");
    sb_add(&s, ",\n  \"revocation_max_age\": %lld", (long long)v->revocation_max_age);
    sb_add(&s, ",\n  \"revocation_policy\": \"%s\"", v->revocation_warn_only ? "warn" : "fail");
    sb_add(&s, ",\n  \"trust_bundle\": \"%s\"",
           v->trust_extra >= 0 ? EXTRA_FILE[v->trust_extra] : "trust.bundle");
    sb_add(&s, ",\n  \"revocation_bundle\": \"%s\"",
           v->rev_extra >= 0 ? EXTRA_FILE[v->rev_extra] : "revocation.bundle");
    if (v->valid) {
        sb_add(&s, ",\n  \"expect\": {\"verdict\": \"valid\", \"error\": \"%s\", "
                   "\"error_code\": 0}",
               mid_err_str(MID_OK));
        add_view_json(&s, v->view);
    } else {
        sb_add(&s, ",\n  \"expect\": {\"verdict\": \"invalid\", \"failed_check\": \"%s\", "
                   "\"error\": \"%s\", \"error_code\": %d}",
               mid_check_id_str(v->check), mid_err_str(v->err), (int)v->err);
    }
    sb_add(&s, "\n}\n");
    n = snprintf(path, sizeof path, "%s/%s/%s.json", g_dir, v->valid ? "valid" : "invalid",
                 v->name);
    if (n < 0 || (size_t)n >= sizeof path)
        die("path too long");
    check(mid_file_write_atomic(path, s.buf, s.len), path);
    if (v->valid)
        g_count_valid++;
    else
        g_count_invalid++;
}

static vec V(const char *name, const char *desc, const char *purpose, const char *qr)
{
    vec v;
    memset(&v, 0, sizeof v);
    v.name = name;
    v.desc = desc;
    v.purpose = purpose;
    v.time = VEC_TIME;
    v.build_floor = VEC_FLOOR;
    v.revocation_max_age = MID_DEFAULT_REVOCATION_MAX_S;
    v.trust_extra = v.rev_extra = -1;
    v.qr[0] = qr;
    return v;
}

static void invalid(vec v, mid_check_id check_id, mid_err err)
{
    v.valid = 0;
    v.check = check_id;
    v.err = err;
    emit(&v);
}

static void valid(vec v, const vview *view)
{
    v.valid = 1;
    v.view = view;
    emit(&v);
}

static char *qr_buf(void)
{
    /* vectors are emitted one at a time; a few live at once */
    static char bufs[4][MID_MAX_QR_TEXT + 64];
    static unsigned next;
    return bufs[next++ % 4u];
}
#define QR_CAP (MID_MAX_QR_TEXT + 64u)

static void valid_vectors(void)
{
    mid_cred_input in;
    char *qr;

    person(&in, 1);
    qr = qr_buf();
    qr_simple("valid_adult_compressed_key", &in, &K.issuer, &K.device, VEC_TIME - 3, qr, QR_CAP);
    {
        static const vview vw = {"portrait,adult", NULL, NULL, 1, -1, NULL, NULL, 0, NULL,
                                 NULL, NULL, 0, 0, 1};
        valid(V("valid_adult_compressed_key",
                "Resident card, device key as x and the sign of y (bool), adult check; "
                "no portrait in the credential",
                "adult", qr),
              &vw);
    }

    qr = qr_buf();
    qr_simple("valid_real_name_resident", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        static const vview vw = {"portrait,name,rrn", "한가람", "900101-1******", -1, -1,
                                 NULL, NULL, 0, NULL, NULL, NULL, 0, 0, 1};
        valid(V("valid_real_name_resident", "Resident card, real-name check (RRN masked)",
                "real_name", qr),
              &vw);
    }

    qr = qr_buf();
    qr_simple("valid_custom_age_dates_doctype", &in, &K.cards_only, &K.device, VEC_TIME - 30,
              qr, QR_CAP);
    {
        static const vview vw = {"age,birth_date,issue_date,doctype", NULL, NULL, -1, 36,
                                 "1990-01-01", "2020-03-15", 0, NULL, NULL, NULL, 1, 0, 0};
        valid(V("valid_custom_age_dates_doctype",
                "Resident card signed by the cards-only issuer key; custom items age, "
                "birth date, issue date, document type",
                "custom:age,birth_date,issue_date,doctype", qr),
              &vw);
    }

    person(&in, 2);
    in.device_key_full = 1;
    qr = qr_buf();
    qr_simple("valid_licence_full_key", &in, &K.issuer, &K.device, VEC_TIME - 10, qr, QR_CAP);
    {
        static const vview vw = {"portrait,name,licence_class,licence_status", "도윤서", NULL,
                                 -1, -1, NULL, NULL, MID_LIC_2_ORDINARY, NULL, "valid", NULL,
                                 0, 0, 1};
        valid(V("valid_licence_full_key",
                "Driver's licence, device key with y in full (bstr), licence check",
                "licence", qr),
              &vw);
    }

    person(&in, 3);
    qr = qr_buf();
    qr_simple("valid_real_name_portrait", &in, &K.issuer, &K.device, VEC_TIME - 1, qr, QR_CAP);
    {
        static const vview vw = {"portrait,name,rrn", "이바다", "851130-2******", -1, -1, NULL,
                                 NULL, 0, NULL, NULL, NULL, 0, 1, 0};
        valid(V("valid_real_name_portrait",
                "Resident card with a 32x40 generated portrait (not a photograph)",
                "real_name", qr),
              &vw);
    }
    qr = qr_buf();
    qr_simple("valid_adult_portrait_age", &in, &K.issuer, &K.device, VEC_TIME - 2, qr, QR_CAP);
    {
        /* born 1985-11-30: 40 on 2026-11-26, 41 only on the 30th */
        static const vview vw = {"portrait,adult,age", NULL, NULL, 1, 40, NULL, NULL, 0, NULL,
                                 NULL, NULL, 0, 1, 0};
        valid(V("valid_adult_portrait_age",
                "Portrait, adult and age; the birthday four days later does not count yet",
                "custom:portrait,adult,age", qr),
              &vw);
    }

    person(&in, 4);
    qr = qr_buf();
    qr_simple("valid_minor_not_adult", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        static const vview vw = {"portrait,adult,age", NULL, NULL, 0, 18, NULL, NULL, 0, NULL,
                                 NULL, NULL, 0, 0, 1};
        valid(V("valid_minor_not_adult",
                "Born 2008-05-15: the presentation is valid, the answer is not adult (18)",
                "custom:portrait,adult,age", qr),
              &vw);
    }

    person(&in, 5);
    qr = qr_buf();
    qr_simple("valid_adult_by_year_rule", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        static const vview vw = {"adult,age,birth_date", NULL, NULL, 1, 18, "2007-12-31", NULL,
                                 0, NULL, NULL, NULL, 0, 0, 0};
        valid(V("valid_adult_by_year_rule",
                "Born 2007-12-31: 18 in full years, yet an adult under the Youth Protection "
                "Act (turns 19 this calendar year)",
                "custom:adult,age,birth_date", qr),
              &vw);
    }

    person(&in, 6);
    in.device_key_full = 1;
    memcpy(in.device_pub, K.device2.pub, MID_P256_POINT_LEN);
    qr = qr_buf();
    qr_simple("valid_foreign_resident_latin_name", &in, &K.issuer, &K.device2, VEC_TIME, qr,
              QR_CAP);
    {
        static const vview vw = {"portrait,name,rrn", "Aria Lindqvist", "950712-5******", -1,
                                 -1, NULL, NULL, 0, NULL, NULL, NULL, 0, 0, 1};
        valid(V("valid_foreign_resident_latin_name",
                "Foreign resident (7th digit 5), Latin-script name, second device key",
                "real_name", qr),
              &vw);
    }

    person(&in, 7);
    qr = qr_buf();
    qr_simple("valid_licence_suspended", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        static const vview vw = {"licence_class,licence_number,licence_status,licence_expiry",
                                 NULL, NULL, -1, -1, NULL, NULL, MID_LIC_1_LARGE,
                                 "26-18-998877-01", "suspended", "2028-11-30", 0, 0, 0};
        valid(V("valid_licence_suspended",
                "Valid presentation of a suspended licence: the view says suspended",
                "custom:licence_class,licence_number,licence_status,licence_expiry", qr),
              &vw);
    }

    person(&in, 8);
    qr = qr_buf();
    qr_simple("valid_licence_renewal_overdue", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        static const vview vw = {"name,licence_status,licence_expiry", "강나래", NULL, -1, -1,
                                 NULL, NULL, 0, NULL, "expired", "2026-11-25", 0, 0, 0};
        valid(V("valid_licence_renewal_overdue",
                "Licence renewal date 2026-11-25 passed yesterday (KST): status expired",
                "custom:name,licence_status,licence_expiry", qr),
              &vw);
    }

    /* edges of the freshness window and of the credential */
    static const vview adult_only = {"portrait,adult", NULL, NULL, 1, -1, NULL, NULL, 0, NULL,
                                     NULL, NULL, 0, 0, 1};
    person(&in, 1);
    qr = qr_buf();
    qr_simple("valid_freshness_oldest", &in, &K.issuer, &K.device, VEC_TIME - FRESHNESS, qr,
              QR_CAP);
    valid(V("valid_freshness_oldest", "Presentation exactly 60 s old: still fresh", "adult", qr),
          &adult_only);
    qr = qr_buf();
    qr_simple("valid_freshness_skew", &in, &K.issuer, &K.device, VEC_TIME + SKEW, qr, QR_CAP);
    valid(V("valid_freshness_skew", "Presentation dated 5 s ahead (allowed clock skew)",
            "adult", qr),
          &adult_only);
    in.exp = VEC_TIME + 1;
    qr = qr_buf();
    qr_simple("valid_credential_last_second", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    valid(V("valid_credential_last_second", "Credential expires one second after the check",
            "adult", qr),
          &adult_only);
    person(&in, 1);
    in.nbf = VEC_TIME;
    qr = qr_buf();
    qr_simple("valid_credential_first_second", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("valid_credential_first_second", "Credential valid from this very second",
                  "adult", qr);
        valid(v, &adult_only);
    }
    person(&in, 1);
    qr = qr_buf();
    qr_simple("valid_at_build_floor", &in, &K.issuer, &K.device, VEC_FLOOR + 20 * DAY, qr,
              QR_CAP);
    {
        vec v = V("valid_at_build_floor",
                  "Kiosk time equal to the build floor is trusted", "adult", qr);
        v.time = VEC_FLOOR + 20 * DAY;
        v.build_floor = v.time;
        valid(v, &adult_only);
    }

    /* trust lifecycle (docs/trust-lifecycle.md) */
    qr = qr_buf();
    qr_simple("valid_revocation_stale_warn_only", &in, &K.issuer, &K.device, VEC_TIME, qr,
              QR_CAP);
    {
        vec v = V("valid_revocation_stale_warn_only",
                  "Revocation list older than the kiosk's limit under revocation_policy = warn: "
                  "valid (the kiosk shows the age in amber)",
                  "adult", qr);
        v.revocation_max_age = 1800;
        v.revocation_warn_only = 1;
        valid(v, &adult_only);
    }
    qr = qr_buf();
    qr_simple("valid_legacy_trust_bundle", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("valid_legacy_trust_bundle",
                  "Trust list in the legacy format 1 (no expiry) before its sunset "
                  "(2027-07-01 KST): accepted",
                  "adult", qr);
        v.trust_extra = EXTRA_TRUST_LEGACY;
        valid(v, &adult_only);
    }
}

static void format_vectors(void)
{
    mid_cred_input in;
    uint8_t cred[BUF_CAP], pres[BUF_CAP];
    size_t cl, pl, n;
    char *qr;
    static char base[QR_CAP];

    person(&in, 1);
    cl = cred_build(&in, NULL, &K.issuer, cred, sizeof cred);
    pl = pres_build("format", cred, cl, VEC_TIME, PT_NONE, &K.device, NULL, pres, sizeof pres);
    qr_of(pres, pl, base, QR_CAP);

    /* CLOCK */
    {
        vec v = V("clock_before_build_floor",
                  "Kiosk clock a day before the image build time: nothing is checked", "adult",
                  base);
        v.build_floor = VEC_TIME + DAY;
        invalid(v, MID_CHECK_CLOCK, MID_ERR_CLOCK);
    }

    qr = qr_buf();
    snprintf(qr, QR_CAP, "HC1:%s", base + MID_QR_PREFIX_LEN);
    invalid(V("format_wrong_prefix", "EU DCC prefix instead of MID1:", "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_PREFIX);
    qr = qr_buf();
    snprintf(qr, QR_CAP, "mid1:%s", base + MID_QR_PREFIX_LEN);
    invalid(V("format_lowercase_prefix", "Prefix in lower case", "adult", qr), MID_CHECK_FORMAT,
            MID_ERR_PREFIX);
    invalid(V("format_empty", "Empty QR text", "adult", ""), MID_CHECK_FORMAT, MID_ERR_PREFIX);
    invalid(V("format_prefix_cut", "Only \"MID1\" without the colon", "adult", "MID1"),
            MID_CHECK_FORMAT, MID_ERR_PREFIX);

    qr = qr_buf();
    snprintf(qr, QR_CAP, "%s", base);
    for (char *p = qr + MID_QR_PREFIX_LEN; *p; p++) {
        if (*p >= 'A' && *p <= 'Z') {
            *p = (char)(*p - 'A' + 'a');
            break;
        }
    }
    invalid(V("format_base45_lowercase", "One Base45 letter in lower case", "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_BASE45);

    qr = qr_buf();
    n = (size_t)snprintf(qr, QR_CAP, "%s", base);
    while ((n - MID_QR_PREFIX_LEN) % 3u != 1u)
        qr[n++] = '0';
    qr[n] = '\0';
    invalid(V("format_base45_dangling", "Base45 text with a dangling single character", "adult",
              qr),
            MID_CHECK_FORMAT, MID_ERR_BASE45);

    qr = qr_buf();
    snprintf(qr, QR_CAP, "%s", base);
    memcpy(qr + MID_QR_PREFIX_LEN, ":::", 3);
    invalid(V("format_base45_triplet_overflow",
              "First Base45 triplet \":::\" = 91124, more than 65535", "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_BASE45);

    qr = qr_buf();
    n = (size_t)snprintf(qr, QR_CAP, "%s", base);
    while ((n - MID_QR_PREFIX_LEN) % 3u != 0u)
        qr[n++] = '0';
    memcpy(qr + n, "::", 2);
    qr[n + 2] = '\0';
    invalid(V("format_base45_pair_overflow", "Final Base45 pair \"::\" = 2024, more than 255",
              "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_BASE45);

    qr = qr_buf();
    n = (size_t)snprintf(qr, QR_CAP, "%s", base);
    qr[n - 1] = '\n';
    invalid(V("format_base45_newline", "A scanner's newline in place of the last character",
              "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_BASE45);

    qr = qr_buf();
    memcpy(qr, MID_QR_PREFIX, MID_QR_PREFIX_LEN);
    memset(qr + MID_QR_PREFIX_LEN, '0', MID_MAX_QR_TEXT + 1u - MID_QR_PREFIX_LEN);
    qr[MID_MAX_QR_TEXT + 1u] = '\0';
    invalid(V("format_too_large", "3392 characters: one more than a version-40 QR holds",
              "adult", qr),
            MID_CHECK_FORMAT, MID_ERR_TOO_LARGE);
}

static void structure_vectors(void)
{
    mid_cred_input in;
    uint8_t cred[BUF_CAP], pres[BUF_CAP], buf[BUF_CAP];
    size_t cl, pl;
    char *qr;
    cose_opts o;

    person(&in, 1);
    cl = cred_build(&in, NULL, &K.issuer, cred, sizeof cred);

    invalid(V("structure_empty_payload", "\"MID1:\" and nothing after it", "adult", "MID1:"),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_TRUNCATED);

    qr = qr_buf();
    qr_of((const uint8_t *)"\x01", 1, qr, QR_CAP);
    invalid(V("structure_not_cose", "The CBOR integer 1 instead of a COSE_Sign1", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_TYPE);

    pl = pres_build("structure_truncated", cred, cl, VEC_TIME, PT_NONE, &K.device, NULL, pres,
                    sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl - 1u, qr, QR_CAP);
    invalid(V("structure_truncated", "Presentation without its last byte", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_TRUNCATED);

    pl = pres_build("structure_trailing_byte", cred, cl, VEC_TIME, PT_NONE, &K.device, NULL,
                    pres, sizeof pres);
    pres[pl++] = 0x00;
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_trailing_byte", "A signed presentation followed by one 0x00 byte",
              "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_TRAILING);

    pl = pres_build("structure_indefinite_array", cred, cl, VEC_TIME, PT_NONE, &K.device, NULL,
                    pres, sizeof pres);
    pres[1] = 0x9f;    /* 0x84 -> indefinite array ... */
    pres[pl++] = 0xff; /* ... closed by a break */
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_indefinite_array",
              "COSE_Sign1 array with indefinite length (0x9f ... 0xff)", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_INDEFINITE);

    {
        static const uint8_t deep[] = {0xd2, 0x81, 0x81, 0x81, 0x81, 0x81,
                                       0x81, 0x81, 0x81, 0x00};
        qr = qr_buf();
        qr_of(deep, sizeof deep, qr, QR_CAP);
        invalid(V("structure_too_deep", "Tag 18 around eight nested arrays: nine levels",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_CBOR_DEPTH);
    }
    {
        uint8_t many[3 + 33];
        memset(many, 0, sizeof many);
        many[0] = 0xd2;
        many[1] = 0x98;
        many[2] = 0x21;
        qr = qr_buf();
        qr_of(many, sizeof many, qr, QR_CAP);
        invalid(V("structure_too_many_items", "Array of 33 items", "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_CBOR_TOO_MANY);
    }

    /* defects inside a credential that the issuer really signed */
    {
        cwt_tweak t;
        memset(&t, 0, sizeof t);
        t.dup_nbf = 1;
        size_t n = cred_build(&in, &t, &K.issuer, buf, sizeof buf);
        pl = pres_build("structure_duplicate_key_in_credential", buf, n, VEC_TIME, PT_NONE,
                        &K.device, NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_duplicate_key_in_credential",
                  "Properly signed credential whose claims map has nbf (5) twice", "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_CBOR_DUP_KEY);
    }
    {
        cwt_tweak t;
        memset(&t, 0, sizeof t);
        t.noncanon_exp = 1;
        size_t n = cred_build(&in, &t, &K.issuer, buf, sizeof buf);
        pl = pres_build("structure_noncanonical_int_in_credential", buf, n, VEC_TIME, PT_NONE,
                        &K.device, NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_noncanonical_int_in_credential",
                  "Properly signed credential with exp as an 8-byte integer (0x1b)", "adult",
                  qr),
                MID_CHECK_STRUCTURE, MID_ERR_CBOR_NONCANONICAL);
    }
    {
        cwt_tweak t;
        memset(&t, 0, sizeof t);
        t.name_raw = "\xed\x95\x9c\xc0\x80";
        size_t n = cred_build(&in, &t, &K.issuer, buf, sizeof buf);
        pl = pres_build("structure_invalid_utf8_name", buf, n, VEC_TIME, PT_NONE, &K.device,
                        NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_invalid_utf8_name",
                  "Properly signed credential whose name holds an overlong NUL (C0 80)",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_CBOR_UTF8);
    }

    pl = pres_build("structure_float_iat", cred, cl, VEC_TIME, PT_FLOAT_IAT, &K.device, NULL,
                    pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_float_iat", "Presentation time as a double (0xfb), signed", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_UNSUPPORTED);

    pl = pres_build("structure_half_float_iat", cred, cl, VEC_TIME, PT_HALF_ZERO, &K.device,
                    NULL, pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_half_float_iat",
              "Presentation time as the half float 0.0 (f9 00 00): a float, not a "
              "non-canonical integer",
              "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_UNSUPPORTED);

    pl = pres_build("structure_presentation_key_order", cred, cl, VEC_TIME, PT_KEY_ORDER,
                    &K.device, NULL, pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_presentation_key_order",
              "Presentation map with keys 1, 3, 2 (not deterministic order), signed", "adult",
              qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_KEY_ORDER);

    pl = pres_build("structure_short_nonce", cred, cl, VEC_TIME, PT_NONCE15, &K.device, NULL,
                    pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_short_nonce", "15-byte nonce", "adult", qr), MID_CHECK_STRUCTURE,
            MID_ERR_CLAIM_VALUE);

    pl = pres_build("structure_missing_nonce", cred, cl, VEC_TIME, PT_NO_NONCE, &K.device, NULL,
                    pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_missing_nonce", "Presentation map without the nonce", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CLAIM_MISSING);

    /* COSE shape */
    {
        static const uint8_t es384_kid_head[] = {0xa2, 0x01, 0x38, 0x22, 0x04, 0x48};
        uint8_t prot[sizeof es384_kid_head + MID_KID_LEN], cwt[BUF_CAP];
        size_t cwl = cwt_build(&in, NULL, cwt, sizeof cwt);
        memcpy(prot, es384_kid_head, sizeof es384_kid_head);
        memcpy(prot + sizeof es384_kid_head, K.issuer.kid, MID_KID_LEN);
        memset(&o, 0, sizeof o);
        o.prot = prot;
        o.prot_len = sizeof prot;
        size_t n = cose_build(cwt, cwl, &K.issuer, &o, buf, sizeof buf);
        pl = pres_build("structure_credential_alg_es384", buf, n, VEC_TIME, PT_NONE, &K.device,
                        NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_credential_alg_es384",
                  "Credential protected header says alg -35 (ES384); the bytes are an ES256 "
                  "signature",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_COSE_ALG);
    }
    {
        static const uint8_t eddsa[] = {0xa1, 0x01, 0x27};
        memset(&o, 0, sizeof o);
        o.prot = eddsa;
        o.prot_len = sizeof eddsa;
        pl = pres_build("structure_presentation_alg_eddsa", cred, cl, VEC_TIME, PT_NONE,
                        &K.device, &o, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_presentation_alg_eddsa",
                  "Presentation protected header says alg -8 (EdDSA)", "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_COSE_ALG);
    }
    {
        uint8_t prot[32], cwt[BUF_CAP];
        static const uint8_t crit_head[] = {0xa3, 0x01, 0x26, 0x02, 0x81, 0x04, 0x04, 0x48};
        size_t cwl = cwt_build(&in, NULL, cwt, sizeof cwt);
        memcpy(prot, crit_head, sizeof crit_head);
        memcpy(prot + sizeof crit_head, K.issuer.kid, MID_KID_LEN);
        memset(&o, 0, sizeof o);
        o.prot = prot;
        o.prot_len = sizeof crit_head + MID_KID_LEN;
        size_t n = cose_build(cwt, cwl, &K.issuer, &o, buf, sizeof buf);
        pl = pres_build("structure_credential_crit_header", buf, n, VEC_TIME, PT_NONE,
                        &K.device, NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_credential_crit_header",
                  "Credential protected header {1: -7, 2: [4], 4: kid}: crit is refused",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_COSE_HEADER);
    }
    {
        uint8_t unprot[2 + 2 + MID_KID_LEN];
        unprot[0] = 0xa1;
        unprot[1] = 0x04;
        unprot[2] = 0x48;
        memcpy(unprot + 3, K.device.kid, MID_KID_LEN);
        memset(&o, 0, sizeof o);
        o.unprot = unprot;
        o.unprot_len = 3 + MID_KID_LEN;
        pl = pres_build("structure_unprotected_header", cred, cl, VEC_TIME, PT_NONE, &K.device,
                        &o, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("structure_unprotected_header",
                  "Presentation with a kid in the (unsigned) unprotected header", "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_COSE_HEADER);
    }
    memset(&o, 0, sizeof o);
    o.nil_payload = 1;
    pl = pres_build("structure_nil_payload", cred, cl, VEC_TIME, PT_NONE, &K.device, &o, pres,
                    sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_nil_payload", "Detached payload (null): refused by the decoder",
              "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_UNSUPPORTED);
    memset(&o, 0, sizeof o);
    o.untagged = 1;
    pl = pres_build("structure_untagged", cred, cl, VEC_TIME, PT_NONE, &K.device, &o, pres,
                    sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_untagged", "COSE_Sign1 array without tag 18", "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_CBOR_TYPE);
    memset(&o, 0, sizeof o);
    o.tag = 17;
    pl = pres_build("structure_cose_mac0_tag", cred, cl, VEC_TIME, PT_NONE, &K.device, &o, pres,
                    sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_cose_mac0_tag", "Presentation tagged 17 (COSE_Mac0) instead of 18",
              "adult", qr),
            MID_CHECK_STRUCTURE, MID_ERR_COSE_STRUCTURE);
    memset(&o, 0, sizeof o);
    o.sig_len = 63;
    pl = pres_build("structure_signature_63_bytes", cred, cl, VEC_TIME, PT_NONE, &K.device, &o,
                    pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("structure_signature_63_bytes", "Presentation signature cut to 63 bytes", "adult",
              qr),
            MID_CHECK_STRUCTURE, MID_ERR_COSE_STRUCTURE);

    /* claims: parsed only after the issuer signature, reported as STRUCTURE */
    {
        static const struct {
            const char *name, *desc;
            int which;
            cwt_tweak t;
            mid_err err;
        } C[] = {
            {"structure_missing_claim", "Signed credential without nbf (5)", 1, {.omit_nbf = 1}, MID_ERR_CLAIM_MISSING},
            {"structure_missing_licence", "Signed licence credential without the licence map", 2, {.omit_licence = 1}, MID_ERR_CLAIM_MISSING},
            {"structure_unknown_claim", "Signed credential with CWT claim 6 (iat)", 1, {.extra_cwt_iat = 1}, MID_ERR_CLAIM_UNKNOWN},
            {"structure_unknown_mid_claim", "Signed credential with claim 7 in our claims map", 1, {.extra_mid_key = 1}, MID_ERR_CLAIM_UNKNOWN},
            {"structure_device_key_not_on_curve",
             "Signed credential whose device key (x, y) is not a P-256 point",
             1,
             {.bad_point = 1},
             MID_ERR_KEY_FORMAT},
        };
        for (size_t i = 0; i < sizeof C / sizeof C[0]; i++) {
            mid_cred_input pi;
            person(&pi, C[i].which);
            size_t n = cred_build(&pi, &C[i].t, &K.issuer, buf, sizeof buf);
            pl = pres_build(C[i].name, buf, n, VEC_TIME, PT_NONE, &K.device, NULL, pres,
                            sizeof pres);
            qr = qr_buf();
            qr_of(pres, pl, qr, QR_CAP);
            invalid(V(C[i].name, C[i].desc, pi.has_licence ? "licence" : "adult", qr),
                    MID_CHECK_STRUCTURE, C[i].err);
        }
    }
    {
        mid_cred_input pi;
        person(&pi, 1);
        pi.rrn = "9013011234567"; /* month 13 */
        qr = qr_buf();
        qr_simple("structure_bad_rrn", &pi, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
        invalid(V("structure_bad_rrn", "Signed credential with RRN 901301-1...: month 13",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_RRN_FORMAT);
        person(&pi, 1);
        pi.doctype = 3;
        qr = qr_buf();
        qr_simple("structure_unknown_doctype", &pi, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
        invalid(V("structure_unknown_doctype", "Signed credential with document type 3",
                  "adult", qr),
                MID_CHECK_STRUCTURE, MID_ERR_CLAIM_VALUE);
    }

    /* Names with characters refused by their Unicode properties, one per
     * class (docs/payload-format.md, "Characters in names"); each in a
     * credential the issuer really signed. Most were accepted before the
     * rule was the Unicode Character Database's. */
    {
        static const struct {
            const char *name, *desc, *text;
            mid_err err;
        } N[] = {
            {"structure_name_control", "Name with U+009B, a C1 control (CSI)",
             "한\xc2\x9b가람", MID_ERR_CLAIM_VALUE},
            {"structure_name_soft_hyphen",
             "Name with U+00AD SOFT HYPHEN (format, default-ignorable: invisible)",
             "한\xc2\xad가람", MID_ERR_CLAIM_VALUE},
            {"structure_name_bidi_arabic_letter_mark",
             "Name starting with U+061C ARABIC LETTER MARK (bidi control)",
             "\xd8\x9c한가람", MID_ERR_CLAIM_VALUE},
            {"structure_name_hangul_filler", "Name that is only U+3164 HANGUL FILLER: blank",
             "\xe3\x85\xa4", MID_ERR_CLAIM_VALUE},
            {"structure_name_variation_selector",
             "Name ending in U+FE0F VARIATION SELECTOR-16", "한가람\xef\xb8\x8f",
             MID_ERR_CLAIM_VALUE},
            {"structure_name_variation_selector_supplement",
             "Name ending in U+E0100 VARIATION SELECTOR-17 (plane 14, 4 bytes)",
             "한가람\xf3\xa0\x84\x80", MID_ERR_CLAIM_VALUE},
            {"structure_name_tag_characters",
             "Name followed by the invisible tags U+E0041 U+E007F (plane 14, 4 bytes)",
             "한가람\xf3\xa0\x81\x81\xf3\xa0\x81\xbf", MID_ERR_CLAIM_VALUE},
            {"structure_name_musical_invisible_formatting",
             "Name with U+1D173 MUSICAL SYMBOL BEGIN BEAM (invisible format, plane 1)",
             "한\xf0\x9d\x85\xb3가람", MID_ERR_CLAIM_VALUE},
            {"structure_name_private_use", "Name ending in U+100000 (plane-16 private use)",
             "한가람\xf4\x80\x80\x80", MID_ERR_CLAIM_VALUE},
            {"structure_name_unassigned",
             "Name with U+D7A4, unassigned (just after the Hangul syllables)",
             "한가\xed\x9e\xa4람", MID_ERR_CLAIM_VALUE},
            {"structure_name_noncharacter", "Name ending in U+10FFFF, a noncharacter",
             "한가람\xf4\x8f\xbf\xbf", MID_ERR_CLAIM_VALUE},
            {"structure_name_surrogate",
             "Name with the UTF-8 form of surrogate U+D800: not UTF-8 at all",
             "한\xed\xa0\x80가람", MID_ERR_CBOR_UTF8},
            {"structure_name_combining_mark",
             "Latin name with e + U+0301 COMBINING ACUTE ACCENT: looks like the NFC \"Jos\xc3\xa9\"",
             "Jose\xcc\x81 Lindqvist", MID_ERR_CLAIM_VALUE},
            {"structure_name_conjoining_jamo",
             "Name whose first syllable is conjoining jamo U+1112 U+1161 U+11AB: looks like "
             "\"한\" (not NFC)",
             "\xe1\x84\x92\xe1\x85\xa1\xe1\x86\xab가람", MID_ERR_CLAIM_VALUE},
            {"structure_name_not_nfc_singleton",
             "Latin name starting with U+212B ANGSTROM SIGN instead of U+00C5 (not NFC)",
             "\xe2\x84\xabsa Lindqvist", MID_ERR_CLAIM_VALUE},
            {"structure_name_no_break_space", "Latin name with U+00A0 NO-BREAK SPACE",
             "Aria\xc2\xa0Lindqvist", MID_ERR_CLAIM_VALUE},
            {"structure_name_paragraph_separator",
             "Name ending in U+2029 PARAGRAPH SEPARATOR", "한가람\xe2\x80\xa9",
             MID_ERR_CLAIM_VALUE},
            {"structure_name_braille_blank",
             "Name ending in U+2800 BRAILLE PATTERN BLANK (shows as nothing)",
             "한가람\xe2\xa0\x80", MID_ERR_CLAIM_VALUE},
            {"structure_name_trailing_space", "Latin name ending in a space (U+0020)",
             "Aria Lindqvist ", MID_ERR_CLAIM_VALUE},
        };
        for (size_t i = 0; i < sizeof N / sizeof N[0]; i++) {
            mid_cred_input pi;
            person(&pi, 1);
            pi.name = N[i].text;
            qr = qr_buf();
            qr_simple(N[i].name, &pi, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
            invalid(V(N[i].name, N[i].desc, "real_name", qr), MID_CHECK_STRUCTURE, N[i].err);
        }
    }
}

static void key_and_signature_vectors(void)
{
    mid_cred_input in;
    uint8_t cred[BUF_CAP], pres[BUF_CAP], cwt[BUF_CAP];
    size_t cl, pl, cwl;
    char *qr;

    person(&in, 1);
    qr = qr_buf();
    qr_simple("issuer_key_unknown_kid", &in, &K.stranger, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("issuer_key_unknown_kid", "Credential signed by a key not in the trust bundle",
              "adult", qr),
            MID_CHECK_ISSUER_KEY, MID_ERR_UNKNOWN_KID);

    person(&in, 2);
    qr = qr_buf();
    qr_simple("issuer_key_doctype_not_allowed", &in, &K.cards_only, &K.device, VEC_TIME, qr,
              QR_CAP);
    invalid(V("issuer_key_doctype_not_allowed",
              "Driver's licence signed by the key allowed for resident cards only", "licence",
              qr),
            MID_CHECK_ISSUER_KEY, MID_ERR_KEY_DOCTYPE);

    person(&in, 1);
    qr = qr_buf();
    qr_simple("issuer_key_retired", &in, &K.retired, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("issuer_key_retired",
              "Credential signed by a pinned key whose period ended 30 days ago", "adult", qr),
            MID_CHECK_ISSUER_KEY, MID_ERR_KEY_PERIOD);

    /* one bit of the issuer's s flipped */
    cl = cred_build(&in, NULL, &K.issuer, cred, sizeof cred);
    cred[cl - 5u] ^= 0x01;
    pl = pres_build("issuer_signature_bit_flip", cred, cl, VEC_TIME, PT_NONE, &K.device, NULL,
                    pres, sizeof pres);
    qr = qr_buf();
    qr_of(pres, pl, qr, QR_CAP);
    invalid(V("issuer_signature_bit_flip", "One bit of the issuer signature flipped", "adult",
              qr),
            MID_CHECK_ISSUER_SIGNATURE, MID_ERR_ISSUER_SIG);

    /* a name changed after issuing, under the original signature */
    {
        mid_cose_sign1 m;
        mid_cbor_reader r;
        mid_cred_input forged;
        cose_opts o;
        uint8_t sig[MID_P256_SIG_LEN];
        cl = cred_build(&in, NULL, &K.issuer, cred, sizeof cred);
        mid_cbor_reader_init(&r, cred, cl);
        check(mid_cose_sign1_read(&r, 1, &m), "read back");
        memcpy(sig, m.sig, sizeof sig);
        forged = in;
        forged.name = "한가온"; /* same length in UTF-8 */
        cwl = cwt_build(&forged, NULL, cwt, sizeof cwt);
        memset(&o, 0, sizeof o);
        o.with_kid = 1;
        o.sig = sig;
        cl = cose_build(cwt, cwl, &K.issuer, &o, cred, sizeof cred);
        pl = pres_build("issuer_signature_altered_name", cred, cl, VEC_TIME, PT_NONE, &K.device,
                        NULL, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("issuer_signature_altered_name",
                  "Name changed after issuing; the issuer signature is the original one",
                  "real_name", qr),
                MID_CHECK_ISSUER_SIGNATURE, MID_ERR_ISSUER_SIG);
    }

    person(&in, 1);
    in.nbf = VEC_TIME + 1;
    in.exp = VEC_TIME + 30 * DAY;
    qr = qr_buf();
    qr_simple("credential_not_yet_valid", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("credential_not_yet_valid", "Credential valid from one second after the check",
              "adult", qr),
            MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_NOT_YET_VALID);
    person(&in, 1);
    in.nbf = VEC_TIME - 30 * DAY;
    in.exp = VEC_TIME - DAY;
    qr = qr_buf();
    qr_simple("credential_expired", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("credential_expired", "Credential expired a day before the check", "adult", qr),
            MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_EXPIRED);
    person(&in, 1);
    in.exp = VEC_TIME;
    qr = qr_buf();
    qr_simple("credential_expired_this_second", &in, &K.issuer, &K.device, VEC_TIME, qr,
              QR_CAP);
    invalid(V("credential_expired_this_second", "exp equal to the check time (exp is exclusive)",
              "adult", qr),
            MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_EXPIRED);

    person(&in, 1);
    qr = qr_buf();
    qr_simple("device_signature_other_device", &in, &K.issuer, &K.device2, VEC_TIME, qr,
              QR_CAP);
    invalid(V("device_signature_other_device",
              "Presentation signed by a device other than the credential's", "adult", qr),
            MID_CHECK_DEVICE_SIGNATURE, MID_ERR_DEVICE_SIG);

    /* iat changed after the device signed (same encoded length) */
    {
        uint8_t payload[BUF_CAP], nonce[MID_NONCE_LEN], sig[MID_P256_SIG_LEN];
        mid_cose_sign1 m;
        mid_cbor_reader r;
        cose_opts o;
        size_t n;
        cl = cred_build(&in, NULL, &K.issuer, cred, sizeof cred);
        pl = pres_build("device_signature_altered_iat", cred, cl, VEC_TIME - 600, PT_NONE,
                        &K.device, NULL, pres, sizeof pres);
        mid_cbor_reader_init(&r, pres, pl);
        check(mid_cose_sign1_read(&r, 0, &m), "read back");
        memcpy(sig, m.sig, sizeof sig);
        nonce_for("device_signature_altered_iat", nonce);
        n = pres_payload(cred, cl, VEC_TIME, nonce, PT_NONE, payload, sizeof payload);
        memset(&o, 0, sizeof o);
        o.sig = sig;
        pl = cose_build(payload, n, &K.device, &o, pres, sizeof pres);
        qr = qr_buf();
        qr_of(pres, pl, qr, QR_CAP);
        invalid(V("device_signature_altered_iat",
                  "A 10-minute-old presentation re-dated to now without re-signing", "adult",
                  qr),
                MID_CHECK_DEVICE_SIGNATURE, MID_ERR_DEVICE_SIG);
    }
}

static void time_and_policy_vectors(void)
{
    mid_cred_input in;
    char *qr;

    person(&in, 1);
    qr = qr_buf();
    qr_simple("freshness_stale", &in, &K.issuer, &K.device, VEC_TIME - FRESHNESS - 1, qr,
              QR_CAP);
    invalid(V("freshness_stale", "Presentation 61 s old (a screenshot)", "adult", qr),
            MID_CHECK_FRESHNESS, MID_ERR_STALE);
    qr = qr_buf();
    qr_simple("freshness_future", &in, &K.issuer, &K.device, VEC_TIME + SKEW + 1, qr, QR_CAP);
    invalid(V("freshness_future", "Presentation dated 6 s in the future", "adult", qr),
            MID_CHECK_FRESHNESS, MID_ERR_FUTURE);

    qr = qr_buf();
    qr_simple("replay_same_presentation", &in, &K.issuer, &K.device, VEC_TIME - 2, qr, QR_CAP);
    {
        vec v = V("replay_same_presentation",
                  "The same presentation shown twice to one kiosk: the first is valid, the "
                  "second a replay",
                  "adult", qr);
        v.qr[1] = qr;
        invalid(v, MID_CHECK_REPLAY, MID_ERR_REPLAY);
    }

    person(&in, 1);
    memcpy(in.cred_id, REVOKED_IDS[1], MID_CRED_ID_LEN);
    qr = qr_buf();
    qr_simple("revoked_credential", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("revoked_credential", "Credential id on the revocation list (lost card)", "adult",
              qr),
            MID_CHECK_REVOKED, MID_ERR_REVOKED);

    person(&in, 1);
    qr = qr_buf();
    qr_simple("revocation_data_missing", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("revocation_data_missing",
                  "Valid presentation on a kiosk without revocation data: fail closed",
                  "adult", qr);
        v.no_revocation = 1;
        invalid(v, MID_CHECK_REVOKED, MID_ERR_NO_REVOCATION);
    }

    /* trust lifecycle (docs/trust-lifecycle.md) */
    qr = qr_buf();
    qr_simple("trust_bundle_expired", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("trust_bundle_expired",
                  "Trust list past its signed valid_until (yesterday): no issuer key is trusted",
                  "adult", qr);
        v.trust_extra = EXTRA_TRUST_EXPIRED;
        invalid(v, MID_CHECK_ISSUER_KEY, MID_ERR_BUNDLE_EXPIRED);
    }
    qr = qr_buf();
    qr_simple("revocation_stale", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("revocation_stale",
                  "Revocation list issued 1 h ago on a kiosk that allows 30 min (policy fail)",
                  "adult", qr);
        v.revocation_max_age = 1800;
        invalid(v, MID_CHECK_REVOCATION_STALE, MID_ERR_REVOCATION_STALE);
    }
    qr = qr_buf();
    qr_simple("revocation_bundle_expired", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    {
        vec v = V("revocation_bundle_expired",
                  "Revocation list past its signed valid_until: fails even under the warn-only "
                  "policy (the issuer's limit)",
                  "adult", qr);
        v.rev_extra = EXTRA_REV_EXPIRED;
        v.revocation_warn_only = 1;
        invalid(v, MID_CHECK_REVOCATION_STALE, MID_ERR_BUNDLE_EXPIRED);
    }

    qr = qr_buf();
    qr_simple("purpose_licence_from_resident_card", &in, &K.issuer, &K.device, VEC_TIME, qr,
              QR_CAP);
    invalid(V("purpose_licence_from_resident_card",
              "Licence check answered with a resident card", "licence", qr),
            MID_CHECK_PURPOSE, MID_ERR_PURPOSE);
    qr = qr_buf();
    qr_simple("purpose_custom_licence_number", &in, &K.issuer, &K.device, VEC_TIME, qr, QR_CAP);
    invalid(V("purpose_custom_licence_number",
              "Custom request for name and licence number from a resident card",
              "custom:name,licence_number", qr),
            MID_CHECK_PURPOSE, MID_ERR_PURPOSE);
}

static void clean_dir(const char *sub)
{
    char path[4096];
    DIR *d;
    struct dirent *e;
    int n = snprintf(path, sizeof path, "%s/%s", g_dir, sub);
    if (n < 0 || (size_t)n >= sizeof path)
        die("path too long");
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        die("mkdir %s: %s", path, strerror(errno));
    d = opendir(path);
    if (!d)
        die("opendir %s: %s", path, strerror(errno));
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name);
        char file[4096 + 256];
        if (l > 5 && strcmp(e->d_name + l - 5, ".json") == 0) {
            snprintf(file, sizeof file, "%s/%s", path, e->d_name);
            if (unlink(file) != 0)
                die("unlink %s: %s", file, strerror(errno));
        }
    }
    closedir(d);
}

int main(int argc, char **argv)
{
    int new_keys = 0;
    char path[4096];

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--new-keys") == 0)
            new_keys = 1;
        else if (argv[i][0] == '-')
            die("usage: mkvectors [--new-keys] DIR");
        else
            g_dir = argv[i];
    }
    if (!g_dir)
        die("usage: mkvectors [--new-keys] DIR");
    check(mid_crypto_init(), "crypto init");
    snprintf(path, sizeof path, "%s/keys", g_dir);
    if (mkdir(g_dir, 0755) != 0 && errno != EEXIST)
        die("mkdir %s: %s", g_dir, strerror(errno));
    if (mkdir(path, 0755) != 0 && errno != EEXIST)
        die("mkdir %s: %s", path, strerror(errno));
    load_key("root", &K.root, new_keys);
    load_key("issuer", &K.issuer, new_keys);
    load_key("issuer-cards-only", &K.cards_only, new_keys);
    load_key("issuer-retired", &K.retired, new_keys);
    load_key("stranger", &K.stranger, new_keys);
    load_key("device", &K.device, new_keys);
    load_key("device2", &K.device2, new_keys);
    check(mid_portrait_generate(0x1A2B3C4Du, 32, 40, g_portrait, sizeof g_portrait,
                                &g_portrait_len),
          "portrait");
    /* the generator's CWT encoder agrees with the library's */
    {
        mid_cred_input in;
        uint8_t a[BUF_CAP], b[BUF_CAP];
        size_t al, bl;
        for (int who = 1; who <= 8; who++) {
            person(&in, who);
            in.device_key_full = who % 2;
            al = cwt_build(&in, NULL, a, sizeof a);
            check(mid_cwt_encode(&in, b, sizeof b, &bl), "cwt encode");
            if (al != bl || memcmp(a, b, al) != 0)
                die("generator CWT encoder differs from mid_cwt_encode (person %d)", who);
        }
    }
    make_bundles();
    clean_dir("valid");
    clean_dir("invalid");
    valid_vectors();
    format_vectors();
    structure_vectors();
    key_and_signature_vectors();
    time_and_policy_vectors();
    fprintf(stderr, "mkvectors: %d valid, %d invalid vectors in %s; %d refused\n",
            g_count_valid, g_count_invalid, g_dir, g_failures);
    return g_failures ? 1 : 0;
}
