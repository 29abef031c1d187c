/* Credential claims (docs/payload-format.md §3). Runs only on bytes whose
 * issuer signature has been verified, yet stays strict: an issuer bug must
 * not become a kiosk bug. */
#include <string.h>

#include "mid/mid_cbor.h"
#include "mid/mid_crypto.h"
#include "mid/mid_korean.h"
#include "mid/mid_unicode.h"
#include "payload_private.h"

#define COSE_KEY_KTY 1
#define COSE_KEY_CRV (-1)
#define COSE_KEY_X (-2)
#define COSE_KEY_Y (-3)
#define COSE_KTY_EC2 2
#define COSE_CRV_P256 1
#define CNF_COSE_KEY 1

void mid_claims_wipe(mid_claims *c)
{
    mid_wipe(c, sizeof *c);
}

mid_err mid_portrait_check(const uint8_t *p, size_t len, unsigned *w,
                           unsigned *h)
{
    unsigned pw, ph;
    size_t need;

    if (!p || len < 2u)
        return MID_ERR_CLAIM_VALUE;
    pw = p[0];
    ph = p[1];
    if (pw == 0 || ph == 0 || pw > MID_MAX_PORTRAIT_W || ph > MID_MAX_PORTRAIT_H)
        return MID_ERR_CLAIM_VALUE;
    need = 2u + ((size_t)pw * ph + 1u) / 2u;
    if (len != need)
        return MID_ERR_CLAIM_VALUE;
    if (w)
        *w = pw;
    if (h)
        *h = ph;
    return MID_OK;
}

uint8_t mid_portrait_pixel(const uint8_t *p, unsigned w, unsigned x, unsigned y)
{
    size_t i = (size_t)y * w + x;
    uint8_t b = p[2u + i / 2u];
    uint8_t v = (i % 2u == 0u) ? (uint8_t)(b >> 4) : (uint8_t)(b & 0x0Fu);
    return (uint8_t)(v * 17u); /* 0..15 -> 0..255 */
}

/* A name shown to the clerk must read as it is: no control, invisible,
 * direction-changing, filler or look-alike characters, so one name cannot
 * be made to look like another. The rule is Unicode's properties, in
 * mid_unicode (docs/payload-format.md, "Characters in names"). */
static int name_text_ok(const uint8_t *s, size_t len)
{
    return mid_unicode_name_text_ok(s, len);
}

/* The readers below run straight through on the sticky error of r
 * (mid_cbor.h) and report through it; their callers check once. */

static void read_date(mid_cbor_reader *r, uint32_t *out)
{
    uint64_t v = 0;
    mid_date d;
    mid_cbor_read_uint_max(r, 99991231u, &v);
    if (!r->err && mid_date_unpack((uint32_t)v, &d) != MID_OK)
        mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
    *out = (uint32_t)v;
}

static void read_cose_key(mid_cbor_reader *r,
                          uint8_t pub[MID_P256_POINT_LEN])
{
    size_t pairs = 0, i, xl = 0, yl = 0;
    int64_t label = 0, v = 0;
    const uint8_t *x = NULL, *y = NULL;
    int y_bool = -1, have_kty = 0, have_crv = 0;

    mid_cbor_read_map(r, &pairs);
    for (i = 0; i < pairs && !r->err; i++) {
        mid_cbor_read_int(r, &label);
        switch (label) {
        case COSE_KEY_KTY:
            mid_cbor_read_int(r, &v);
            if (v != COSE_KTY_EC2)
                mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
            have_kty = 1;
            break;
        case COSE_KEY_CRV:
            mid_cbor_read_int(r, &v);
            if (v != COSE_CRV_P256)
                mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
            have_crv = 1;
            break;
        case COSE_KEY_X:
            mid_cbor_read_bstr(r, &x, &xl);
            if (xl != MID_P256_COORD_LEN)
                mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
            break;
        case COSE_KEY_Y:
            if (mid_cbor_peek(r) == MID_CBOR_SIMPLE) {
                mid_cbor_read_bool(r, &y_bool);
            } else {
                mid_cbor_read_bstr(r, &y, &yl);
                if (yl != MID_P256_COORD_LEN)
                    mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
            }
            break;
        default:
            mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
        }
    }
    if (r->err)
        return;
    if (!have_kty || !have_crv || !x || (!y && y_bool < 0)) {
        mid_cbor_fail(r, MID_ERR_KEY_FORMAT);
    } else if (y) {
        pub[0] = 0x04;
        memcpy(pub + 1, x, MID_P256_COORD_LEN);
        memcpy(pub + 1 + MID_P256_COORD_LEN, y, MID_P256_COORD_LEN);
        mid_cbor_fail(r, mid_crypto_p256_check_point(pub));
    } else {
        /* RFC 9053 §7.1.1: y as a bool is the sign bit (point compression). */
        mid_cbor_fail(r, mid_crypto_p256_decompress(x, y_bool, pub));
    }
}

/* One entry of a uint-keyed claims map: reads the value of key into out
 * (a mid_licence or a mid_claims), or fails r with MID_ERR_CLAIM_UNKNOWN
 * for a key it does not know. */
typedef void (*claim_reader)(mid_cbor_reader *r, uint64_t key, void *out);

/* The licence map and our claims map have one shape: unsigned keys below
 * 32, each known key at most once (the decoder refuses duplicates), every
 * key of `required` present. A key that is not an unsigned integer is an
 * unknown claim, not a type error. */
static void read_claim_map(mid_cbor_reader *r, claim_reader one, void *out,
                           unsigned required)
{
    size_t pairs = 0, i;
    uint64_t key = 0;
    unsigned seen = 0;

    mid_cbor_read_map(r, &pairs);
    for (i = 0; i < pairs && !r->err; i++) {
        if (mid_cbor_peek(r) != MID_CBOR_UINT)
            mid_cbor_fail(r, MID_ERR_CLAIM_UNKNOWN);
        mid_cbor_read_uint(r, &key);
        if (!r->err && key >= 32u)
            mid_cbor_fail(r, MID_ERR_CLAIM_UNKNOWN);
        if (r->err)
            break;
        one(r, key, out);
        seen |= 1u << key;
    }
    if ((seen & required) != required)
        mid_cbor_fail(r, MID_ERR_CLAIM_MISSING);
}

static void licence_claim(mid_cbor_reader *r, uint64_t key, void *out)
{
    mid_licence *lic = out;
    const uint8_t *s = NULL;
    size_t sl = 0;
    uint64_t v = 0;

    switch (key) {
    case MID_LIC_CLASS:
        mid_cbor_read_uint_max(r, MID_LIC_CLASS_MAX, &v);
        if (v < 1u)
            mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
        lic->cls = (uint8_t)v;
        break;
    case MID_LIC_NUMBER:
        mid_cbor_read_tstr(r, &s, &sl);
        if (sl == 0 || sl > MID_MAX_LICENCE_NO)
            mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
        if (r->err)
            break;
        for (size_t k = 0; k < sl; k++) {
            if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '-'))
                mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
        }
        if (r->err)
            break;
        memcpy(lic->number, s, sl);
        lic->number[sl] = '\0';
        break;
    case MID_LIC_EXPIRY:
        read_date(r, &lic->expiry);
        break;
    case MID_LIC_STATUS:
        mid_cbor_read_uint_max(r, MID_LICSTAT_MAX, &v);
        lic->status = (uint8_t)v;
        break;
    default:
        mid_cbor_fail(r, MID_ERR_CLAIM_UNKNOWN);
    }
}

static void mid_claim(mid_cbor_reader *r, uint64_t key, void *out)
{
    mid_claims *c = out;
    const uint8_t *s = NULL;
    size_t sl = 0;
    uint64_t v = 0;
    mid_rrn_info info;

    switch (key) {
    case MID_CLAIM_DOCTYPE:
        mid_cbor_read_uint_max(r, MID_DOC_MAX, &v);
        if (v < 1u)
            mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
        c->doctype = (uint8_t)v;
        break;
    case MID_CLAIM_NAME:
        mid_cbor_read_tstr(r, &s, &sl);
        if (r->err)
            break;
        if (sl == 0 || sl > MID_MAX_NAME_BYTES || !name_text_ok(s, sl)) {
            mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
            break;
        }
        memcpy(c->name, s, sl);
        c->name[sl] = '\0';
        c->name_len = sl;
        break;
    case MID_CLAIM_RRN:
        mid_cbor_read_tstr(r, &s, &sl);
        if (r->err)
            break;
        if (sl != MID_RRN_DIGITS ||
            mid_rrn_parse((const char *)s, sl, &info) != MID_OK) {
            mid_cbor_fail(r, MID_ERR_RRN_FORMAT);
            break;
        }
        memcpy(c->rrn, s, sl);
        c->rrn[sl] = '\0';
        break;
    case MID_CLAIM_ISSUE_DATE:
        read_date(r, &c->issue_date);
        break;
    case MID_CLAIM_LICENCE:
        read_claim_map(r, licence_claim, &c->licence,
                       (1u << MID_LIC_CLASS) | (1u << MID_LIC_NUMBER) |
                           (1u << MID_LIC_EXPIRY) | (1u << MID_LIC_STATUS));
        c->has_licence = 1;
        break;
    case MID_CLAIM_PORTRAIT:
        mid_cbor_read_bstr(r, &s, &sl);
        if (r->err)
            break;
        if (sl > MID_MAX_PORTRAIT_BYTES ||
            mid_portrait_check(s, sl, NULL, NULL)) {
            mid_cbor_fail(r, MID_ERR_CLAIM_VALUE);
            break;
        }
        memcpy(c->portrait, s, sl);
        c->portrait_len = sl;
        break;
    default:
        mid_cbor_fail(r, MID_ERR_CLAIM_UNKNOWN);
    }
}

static void read_mid_claims(mid_cbor_reader *r, mid_claims *c)
{
    read_claim_map(r, mid_claim, c,
                   (1u << MID_CLAIM_DOCTYPE) | (1u << MID_CLAIM_NAME) |
                       (1u << MID_CLAIM_RRN) | (1u << MID_CLAIM_ISSUE_DATE));
    if (r->err)
        return;
    /* A licence credential carries licence data; a resident card does not. */
    if ((c->doctype == MID_DOC_DRIVER_LICENCE) != (c->has_licence != 0))
        mid_cbor_fail(r, c->has_licence ? MID_ERR_CLAIM_VALUE
                                        : MID_ERR_CLAIM_MISSING);
}

mid_err mid_cwt_parse(const uint8_t *cwt, size_t len, mid_claims *c,
                      uint8_t device_pub[MID_P256_POINT_LEN])
{
    mid_cbor_reader r;
    size_t pairs = 0, i, n = 0;
    int64_t key = 0;
    uint64_t v = 0;
    const uint8_t *s = NULL;
    size_t sl = 0;
    unsigned seen = 0;
    mid_err err;

    if (!cwt || !c || !device_pub)
        return MID_ERR_ARG;
    memset(c, 0, sizeof *c);
    if ((err = mid_cbor_validate(cwt, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, cwt, len);
    mid_cbor_read_map(&r, &pairs);
    for (i = 0; i < pairs && !r.err; i++) {
        mid_cbor_read_int(&r, &key);
        if (r.err)
            break;
        switch (key) {
        case MID_CWT_EXP:
        case MID_CWT_NBF:
            /* NumericDate as an integer; floats are refused by the decoder. */
            mid_cbor_read_uint_max(&r, (uint64_t)INT64_MAX / 2u, &v);
            if (key == MID_CWT_EXP)
                c->exp = (int64_t)v;
            else
                c->nbf = (int64_t)v;
            seen |= 1u << key;
            break;
        case MID_CWT_CTI:
            mid_cbor_read_bstr(&r, &s, &sl);
            if (r.err)
                break;
            if (sl != MID_CRED_ID_LEN) {
                mid_cbor_fail(&r, MID_ERR_CLAIM_VALUE);
                break;
            }
            memcpy(c->cred_id, s, sl);
            seen |= 1u << key;
            break;
        case MID_CWT_CNF:
            mid_cbor_read_map(&r, &n);
            if (n != 1u)
                mid_cbor_fail(&r, MID_ERR_KEY_FORMAT);
            mid_cbor_read_int(&r, &key);
            if (key != CNF_COSE_KEY)
                mid_cbor_fail(&r, MID_ERR_KEY_FORMAT);
            read_cose_key(&r, device_pub);
            seen |= 1u << MID_CWT_CNF;
            break;
        case MID_CWT_MID:
            read_mid_claims(&r, c);
            seen |= 1u << 9;
            break;
        default:
            mid_cbor_fail(&r, MID_ERR_CLAIM_UNKNOWN);
        }
    }
    if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
        return err;
    if (seen != ((1u << MID_CWT_EXP) | (1u << MID_CWT_NBF) | (1u << MID_CWT_CTI) |
                 (1u << MID_CWT_CNF) | (1u << 9)))
        return MID_ERR_CLAIM_MISSING;
    if (c->nbf >= c->exp)
        return MID_ERR_CLAIM_VALUE;
    return MID_OK;
}
