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

static mid_err read_date(mid_cbor_reader *r, uint32_t *out)
{
    uint64_t v;
    mid_date d;
    if (mid_cbor_read_uint(r, &v))
        return r->err;
    if (v > 99991231u || mid_date_unpack((uint32_t)v, &d) != MID_OK)
        return MID_ERR_CLAIM_VALUE;
    *out = (uint32_t)v;
    return MID_OK;
}

static mid_err read_cose_key(mid_cbor_reader *r, uint8_t pub[MID_P256_POINT_LEN])
{
    size_t pairs, i, xl = 0;
    int64_t label, v;
    const uint8_t *x = NULL, *y = NULL;
    size_t yl = 0;
    int y_bool = -1, have_kty = 0, have_crv = 0;
    mid_err err;

    if (mid_cbor_read_map(r, &pairs))
        return r->err;
    for (i = 0; i < pairs; i++) {
        if (mid_cbor_read_int(r, &label))
            return r->err;
        switch (label) {
        case COSE_KEY_KTY:
            if (mid_cbor_read_int(r, &v))
                return r->err;
            if (v != COSE_KTY_EC2)
                return MID_ERR_KEY_FORMAT;
            have_kty = 1;
            break;
        case COSE_KEY_CRV:
            if (mid_cbor_read_int(r, &v))
                return r->err;
            if (v != COSE_CRV_P256)
                return MID_ERR_KEY_FORMAT;
            have_crv = 1;
            break;
        case COSE_KEY_X:
            if (mid_cbor_read_bstr(r, &x, &xl))
                return r->err;
            if (xl != MID_P256_COORD_LEN)
                return MID_ERR_KEY_FORMAT;
            break;
        case COSE_KEY_Y:
            if (mid_cbor_peek(r) == MID_CBOR_SIMPLE) {
                if (mid_cbor_read_bool(r, &y_bool))
                    return r->err;
            } else {
                if (mid_cbor_read_bstr(r, &y, &yl))
                    return r->err;
                if (yl != MID_P256_COORD_LEN)
                    return MID_ERR_KEY_FORMAT;
            }
            break;
        default:
            return MID_ERR_KEY_FORMAT;
        }
    }
    if (!have_kty || !have_crv || !x || (!y && y_bool < 0))
        return MID_ERR_KEY_FORMAT;
    if (y) {
        pub[0] = 0x04;
        memcpy(pub + 1, x, MID_P256_COORD_LEN);
        memcpy(pub + 1 + MID_P256_COORD_LEN, y, MID_P256_COORD_LEN);
        err = mid_crypto_p256_check_point(pub);
    } else {
        /* RFC 9053 §7.1.1: y as a bool is the sign bit (point compression). */
        err = mid_crypto_p256_decompress(x, y_bool, pub);
    }
    return err;
}

static mid_err read_licence(mid_cbor_reader *r, mid_licence *lic)
{
    size_t pairs, i;
    uint64_t key, v;
    const uint8_t *s;
    size_t sl;
    unsigned seen = 0;
    mid_err err;

    if (mid_cbor_read_map(r, &pairs))
        return r->err;
    for (i = 0; i < pairs; i++) {
        if (mid_cbor_read_uint(r, &key))
            return MID_ERR_CLAIM_UNKNOWN;
        switch (key) {
        case MID_LIC_CLASS:
            if (mid_cbor_read_uint(r, &v))
                return r->err;
            if (v < 1u || v > MID_LIC_CLASS_MAX)
                return MID_ERR_CLAIM_VALUE;
            lic->cls = (uint8_t)v;
            break;
        case MID_LIC_NUMBER:
            if (mid_cbor_read_tstr(r, &s, &sl))
                return r->err;
            if (sl == 0 || sl > MID_MAX_LICENCE_NO)
                return MID_ERR_CLAIM_VALUE;
            for (size_t k = 0; k < sl; k++) {
                if (!((s[k] >= '0' && s[k] <= '9') || s[k] == '-'))
                    return MID_ERR_CLAIM_VALUE;
            }
            memcpy(lic->number, s, sl);
            lic->number[sl] = '\0';
            break;
        case MID_LIC_EXPIRY:
            if ((err = read_date(r, &lic->expiry)) != MID_OK)
                return err;
            break;
        case MID_LIC_STATUS:
            if (mid_cbor_read_uint(r, &v))
                return r->err;
            if (v > MID_LICSTAT_MAX)
                return MID_ERR_CLAIM_VALUE;
            lic->status = (uint8_t)v;
            break;
        default:
            return MID_ERR_CLAIM_UNKNOWN;
        }
        seen |= 1u << key;
    }
    if (seen != ((1u << MID_LIC_CLASS) | (1u << MID_LIC_NUMBER) |
                 (1u << MID_LIC_EXPIRY) | (1u << MID_LIC_STATUS)))
        return MID_ERR_CLAIM_MISSING;
    return MID_OK;
}

static mid_err read_mid_claims(mid_cbor_reader *r, mid_claims *c)
{
    size_t pairs, i;
    uint64_t key, v;
    const uint8_t *s;
    size_t sl;
    unsigned seen = 0;
    mid_err err;
    mid_rrn_info info;

    if (mid_cbor_read_map(r, &pairs))
        return r->err;
    for (i = 0; i < pairs; i++) {
        if (mid_cbor_read_uint(r, &key))
            return MID_ERR_CLAIM_UNKNOWN;
        switch (key) {
        case MID_CLAIM_DOCTYPE:
            if (mid_cbor_read_uint(r, &v))
                return r->err;
            if (v < 1u || v > MID_DOC_MAX)
                return MID_ERR_CLAIM_VALUE;
            c->doctype = (uint8_t)v;
            break;
        case MID_CLAIM_NAME:
            if (mid_cbor_read_tstr(r, &s, &sl))
                return r->err;
            if (sl == 0 || sl > MID_MAX_NAME_BYTES || !name_text_ok(s, sl))
                return MID_ERR_CLAIM_VALUE;
            memcpy(c->name, s, sl);
            c->name[sl] = '\0';
            c->name_len = sl;
            break;
        case MID_CLAIM_RRN:
            if (mid_cbor_read_tstr(r, &s, &sl))
                return r->err;
            if (sl != MID_RRN_DIGITS ||
                mid_rrn_parse((const char *)s, sl, &info) != MID_OK)
                return MID_ERR_RRN_FORMAT;
            memcpy(c->rrn, s, sl);
            c->rrn[sl] = '\0';
            break;
        case MID_CLAIM_ISSUE_DATE:
            if ((err = read_date(r, &c->issue_date)) != MID_OK)
                return err;
            break;
        case MID_CLAIM_LICENCE:
            if ((err = read_licence(r, &c->licence)) != MID_OK)
                return err;
            c->has_licence = 1;
            break;
        case MID_CLAIM_PORTRAIT:
            if (mid_cbor_read_bstr(r, &s, &sl))
                return r->err;
            if (sl > MID_MAX_PORTRAIT_BYTES || mid_portrait_check(s, sl, NULL, NULL))
                return MID_ERR_CLAIM_VALUE;
            memcpy(c->portrait, s, sl);
            c->portrait_len = sl;
            break;
        default:
            return MID_ERR_CLAIM_UNKNOWN;
        }
        seen |= 1u << key;
    }
    if ((seen & 0x1Eu) != 0x1Eu) /* doctype, name, rrn, issue date */
        return MID_ERR_CLAIM_MISSING;
    /* A licence credential carries licence data; a resident card does not. */
    if ((c->doctype == MID_DOC_DRIVER_LICENCE) != (c->has_licence != 0))
        return c->has_licence ? MID_ERR_CLAIM_VALUE : MID_ERR_CLAIM_MISSING;
    return MID_OK;
}

mid_err mid_cwt_parse(const uint8_t *cwt, size_t len, mid_claims *c,
                      uint8_t device_pub[MID_P256_POINT_LEN])
{
    mid_cbor_reader r;
    size_t pairs, i, n;
    int64_t key;
    uint64_t v;
    const uint8_t *s;
    size_t sl;
    unsigned seen = 0;
    mid_err err;

    if (!cwt || !c || !device_pub)
        return MID_ERR_ARG;
    memset(c, 0, sizeof *c);
    if ((err = mid_cbor_validate(cwt, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, cwt, len);
    if (mid_cbor_read_map(&r, &pairs))
        return r.err;
    for (i = 0; i < pairs; i++) {
        if (mid_cbor_read_int(&r, &key))
            return r.err;
        switch (key) {
        case MID_CWT_EXP:
        case MID_CWT_NBF:
            /* NumericDate as an integer; floats are refused by the decoder. */
            if (mid_cbor_read_uint(&r, &v))
                return r.err;
            if (v > (uint64_t)INT64_MAX / 2u)
                return MID_ERR_CLAIM_VALUE;
            if (key == MID_CWT_EXP)
                c->exp = (int64_t)v;
            else
                c->nbf = (int64_t)v;
            seen |= 1u << key;
            break;
        case MID_CWT_CTI:
            if (mid_cbor_read_bstr(&r, &s, &sl))
                return r.err;
            if (sl != MID_CRED_ID_LEN)
                return MID_ERR_CLAIM_VALUE;
            memcpy(c->cred_id, s, sl);
            seen |= 1u << key;
            break;
        case MID_CWT_CNF:
            if (mid_cbor_read_map(&r, &n))
                return r.err;
            if (n != 1u)
                return MID_ERR_KEY_FORMAT;
            if (mid_cbor_read_int(&r, &key))
                return r.err;
            if (key != CNF_COSE_KEY)
                return MID_ERR_KEY_FORMAT;
            if ((err = read_cose_key(&r, device_pub)) != MID_OK)
                return err;
            seen |= 1u << MID_CWT_CNF;
            break;
        case MID_CWT_MID:
            if ((err = read_mid_claims(&r, c)) != MID_OK)
                return err;
            seen |= 1u << 9;
            break;
        default:
            return MID_ERR_CLAIM_UNKNOWN;
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
