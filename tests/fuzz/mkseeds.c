/* mkseeds VECTORS_DIR PREFIX — seeds the fuzz corpora from the test
 * vectors: PREFIX-verify (QR text), PREFIX-base45 (the Base45 part),
 * PREFIX-verify_raw and PREFIX-cbor and PREFIX-cose (the decoded CBOR,
 * and the credential and claims inside it), PREFIX-cwt (the claims maps)
 * and PREFIX-bundle (the bundles, whole and as payloads; see
 * fuzz_bundle.c for the mode byte). Build with any C compiler; no
 * instrumentation needed. Reads the vector JSON just enough to take the
 * "qr" and "sequence" strings out. */
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "fuzz_receipt_key.h"
#include "mid/mid.h"
#include "mid/mid_receipt.h"

static const char *g_prefix;
static unsigned long g_written;

static void put(const char *harness, const char *name, const uint8_t *data, size_t len,
                int mode_byte)
{
    char path[4096];
    FILE *f;
    snprintf(path, sizeof path, "%s-%s", g_prefix, harness);
    if (mkdir(path, 0755) != 0 && errno != EEXIST) {
        perror(path);
        exit(1);
    }
    snprintf(path, sizeof path, "%s-%s/seed-%s", g_prefix, harness, name);
    f = fopen(path, "wb");
    if (!f) {
        perror(path);
        exit(1);
    }
    if (mode_byte >= 0)
        fputc(mode_byte, f);
    if (len)
        fwrite(data, 1, len, f);
    if (fclose(f) != 0) {
        perror(path);
        exit(1);
    }
    g_written++;
}

/* The credential inside a presentation, and the claims inside that. */
static void put_parts(const char *name, const uint8_t *cbor, size_t len)
{
    mid_cbor_reader r;
    mid_cose_sign1 outer, cred;
    const uint8_t *span;
    size_t n, slen;
    int64_t key;
    char sub[600];

    mid_cbor_reader_init(&r, cbor, len);
    if (mid_cose_sign1_read(&r, 0, &outer) != MID_OK)
        return;
    snprintf(sub, sizeof sub, "%s-pres", name);
    put("cbor", sub, outer.payload, outer.payload_len, -1);
    mid_cbor_reader_init(&r, outer.payload, outer.payload_len);
    if (mid_cbor_read_map(&r, &n) || mid_cbor_read_int(&r, &key) || key != 1 ||
        mid_cbor_skip(&r, &span, &slen))
        return;
    snprintf(sub, sizeof sub, "%s-cred", name);
    put("cose", sub, span, slen, -1);
    put("cbor", sub, span, slen, -1);
    mid_cbor_reader_init(&r, span, slen);
    if (mid_cose_sign1_read(&r, 1, &cred) != MID_OK)
        return;
    put("cwt", name, cred.payload, cred.payload_len, -1);
    snprintf(sub, sizeof sub, "%s-cwt", name);
    put("cbor", sub, cred.payload, cred.payload_len, -1);
}

static void put_qr(const char *name, const char *qr, size_t len)
{
    static uint8_t cbor[MID_MAX_PAYLOAD];
    size_t n;
    put("verify", name, (const uint8_t *)qr, len, -1);
    if (len < MID_QR_PREFIX_LEN || memcmp(qr, MID_QR_PREFIX, MID_QR_PREFIX_LEN) != 0)
        return;
    put("base45", name, (const uint8_t *)qr + MID_QR_PREFIX_LEN, len - MID_QR_PREFIX_LEN, -1);
    if (mid_base45_decode((const uint8_t *)qr + MID_QR_PREFIX_LEN, len - MID_QR_PREFIX_LEN,
                          cbor, sizeof cbor, &n) != MID_OK)
        return;
    put("verify_raw", name, cbor, n, -1);
    put("cbor", name, cbor, n, -1);
    put("cose", name, cbor, n, -1);
    put_parts(name, cbor, n);
}

/* Reads the JSON string starting at p (on the opening quote). */
static const char *json_string(const char *p, char *out, size_t cap, size_t *len)
{
    size_t n = 0;
    if (*p != '"')
        return NULL;
    p++;
    while (*p && *p != '"') {
        char c = *p++;
        if (c == '\\') {
            c = *p++;
            if (c == 'n')
                c = '\n';
            else if (c == 't')
                c = '\t';
            else if (c == 'r')
                c = '\r';
            else if (c == 'u') {
                unsigned v = 0;
                for (int i = 0; i < 4 && *p; i++, p++)
                    v = v * 16u + (unsigned)(*p <= '9' ? *p - '0' : (*p | 0x20) - 'a' + 10);
                c = (char)v; /* the vectors escape only control characters */
            }
        }
        if (n + 1u >= cap)
            return NULL;
        out[n++] = c;
    }
    out[n] = '\0';
    *len = n;
    return *p == '"' ? p + 1 : NULL;
}

static void from_vector(const char *path, const char *base)
{
    static char text[1u << 16], s[8192];
    FILE *f = fopen(path, "rb");
    size_t len, n;
    const char *p;
    char name[600];
    int k = 0;
    if (!f)
        return;
    len = fread(text, 1, sizeof text - 1u, f);
    fclose(f);
    text[len] = '\0';
    if ((p = strstr(text, "\"qr\":")) != NULL) {
        p += 5;
        while (*p == ' ')
            p++;
        if (json_string(p, s, sizeof s, &n))
            put_qr(base, s, n);
    }
    if ((p = strstr(text, "\"sequence\":")) != NULL) {
        p = strchr(p, '[');
        while (p && *p && *p != ']') {
            p = strchr(p, '"');
            if (!p)
                break;
            p = json_string(p, s, sizeof s, &n);
            if (!p)
                break;
            snprintf(name, sizeof name, "%s-%d", base, k++);
            put_qr(name, s, n);
            while (*p == ',' || *p == ' ' || *p == '\n')
                p++;
        }
    }
}

static void from_bundle(const char *dir, const char *file)
{
    static uint8_t b[1u << 16];
    char path[4096];
    FILE *f;
    size_t len;
    mid_cbor_reader r;
    mid_cose_sign1 m;
    snprintf(path, sizeof path, "%s/%s", dir, file);
    f = fopen(path, "rb");
    if (!f) {
        perror(path);
        exit(1);
    }
    len = fread(b, 1, sizeof b, f);
    fclose(f);
    put("bundle", file, b, len, 0);
    put("cbor", file, b, len, -1);
    put("cose", file, b, len, -1);
    mid_cbor_reader_init(&r, b, len);
    if (mid_cose_sign1_read(&r, 1, &m) == MID_OK) {
        char sub[600];
        snprintf(sub, sizeof sub, "%s-payload", file);
        put("bundle", sub, m.payload, m.payload_len, 1);
        put("cbor", sub, m.payload, m.payload_len, -1);
    }
}

/* PREFIX-receipt (payloads and whole receipts) and PREFIX-receiptlog (a
 * short chained log, whole and cut), signed with the harnesses' fixed key. */
static void receipt_seeds(void)
{
    uint8_t priv[MID_P256_COORD_LEN], pub[MID_P256_POINT_LEN], kid[MID_KID_LEN];
    uint8_t log[4 * MID_RECEIPT_MAX_COSE], cose[MID_RECEIPT_MAX_COSE];
    uint8_t payload[MID_RECEIPT_MAX_PAYLOAD], prev[MID_SHA256_LEN];
    size_t log_len = 0, n, pl;
    char name[32];
    uint64_t i;

    if (fuzz_receipt_key(priv, pub, kid) != 0 || mid_receipt_genesis(kid, prev) != MID_OK) {
        fprintf(stderr, "mkseeds: receipt key\n");
        exit(1);
    }
    for (i = 1; i <= 4; i++) {
        mid_receipt r;
        memset(&r, 0, sizeof r);
        r.version = MID_RECEIPT_VERSION;
        snprintf(r.kiosk_id, sizeof r.kiosk_id, "KIOSK-%04u", (unsigned)i);
        r.time = 1795662000 + (int64_t)i;
        r.purpose = (mid_purpose)(i % 4u);
        r.verdict = i == 3 ? MID_VERDICT_INVALID : MID_VERDICT_VALID;
        r.failed_check = MID_CHECK_REPLAY;
        r.err = i == 3 ? MID_ERR_REPLAY : MID_OK;
        r.decision = i == 3                               ? MID_DECISION_NONE
                     : r.purpose == MID_PURPOSE_ADULT     ? MID_DECISION_MINOR
                     : r.purpose == MID_PURPOSE_REAL_NAME ? MID_DECISION_IDENTIFIED
                     : r.purpose == MID_PURPOSE_LICENCE   ? MID_DECISION_LICENCE_VALID
                                                          : MID_DECISION_SHOWN;
        if (i % 2u)
            snprintf(r.txn, sizeof r.txn, "POS-%u", (unsigned)i);
        r.has_cred_tag = i == 4;
        memset(r.cred_tag, 0x5A, sizeof r.cred_tag);
        memcpy(r.prev, prev, sizeof prev);
        r.seq = i;
        r.trust_seq = 2;
        r.revocation_seq = i * 1000u;
        if (mid_receipt_encode(&r, payload, sizeof payload, &pl) != MID_OK ||
            mid_receipt_sign(&r, priv, kid, cose, sizeof cose, &n) != MID_OK ||
            mid_receipt_hash(cose, n, prev) != MID_OK) {
            fprintf(stderr, "mkseeds: receipt %u\n", (unsigned)i);
            exit(1);
        }
        snprintf(name, sizeof name, "payload-%u", (unsigned)i);
        put("receipt", name, payload, pl, -1);
        snprintf(name, sizeof name, "cose-%u", (unsigned)i);
        put("receipt", name, cose, n, -1);
        memcpy(log + log_len, cose, n);
        log_len += n;
    }
    put("receiptlog", "whole", log, log_len, -1);
    put("receiptlog", "torn", log, log_len - 40u, -1);
}

int main(int argc, char **argv)
{
    static const char *const subs[] = {"valid", "invalid"};
    if (argc != 3) {
        fprintf(stderr, "usage: mkseeds VECTORS_DIR PREFIX\n");
        return 2;
    }
    g_prefix = argv[2];
    for (size_t i = 0; i < 2; i++) {
        char dir[4096];
        DIR *d;
        struct dirent *e;
        snprintf(dir, sizeof dir, "%s/%s", argv[1], subs[i]);
        d = opendir(dir);
        if (!d) {
            perror(dir);
            return 1;
        }
        while ((e = readdir(d)) != NULL) {
            size_t l = strlen(e->d_name);
            char path[4400], base[300];
            if (l <= 5 || strcmp(e->d_name + l - 5, ".json") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            snprintf(base, sizeof base, "%.*s", (int)(l - 5), e->d_name);
            from_vector(path, base);
        }
        closedir(d);
    }
    from_bundle(argv[1], "trust.bundle");
    from_bundle(argv[1], "revocation.bundle");
    /* both bundle formats (2 and legacy 1) and expired ones
     * (docs/trust-lifecycle.md) */
    from_bundle(argv[1], "trust-legacy.bundle");
    from_bundle(argv[1], "trust-expired.bundle");
    from_bundle(argv[1], "revocation-expired.bundle");
    receipt_seeds();
    fprintf(stderr, "mkseeds: %lu seed files under %s-*\n", g_written, g_prefix);
    return g_written ? 0 : 1;
}
