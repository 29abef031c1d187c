/* Trust and revocation bundles (docs/payload-format.md §5-6): COSE_Sign1
 * by the root key pinned in the image, verified before any field is used. */
#include <string.h>

#include "mid/mid_cbor.h"
#include "mid/mid_cose.h"
#include "mid/mid_crypto.h"
#include "mid/mid_payload.h"
#include "mid/mid_trust.h"

mid_err mid_kid_of(const uint8_t pub[MID_P256_POINT_LEN],
                   uint8_t kid[MID_KID_LEN])
{
    uint8_t h[MID_SHA256_LEN];
    mid_span part;
    mid_err err;

    if (!pub || !kid)
        return MID_ERR_ARG;
    part.ptr = pub;
    part.len = MID_P256_POINT_LEN;
    if ((err = mid_crypto_sha256(&part, 1, h)) != MID_OK)
        return err;
    memcpy(kid, h, MID_KID_LEN);
    return MID_OK;
}

/* Verifies the bundle and positions r at its body (key 4). */
static mid_err bundle_open(const uint8_t *bundle, size_t len,
                           const uint8_t root_pub[MID_P256_POINT_LEN],
                           mid_cbor_reader *r, int *kind, int64_t *issued,
                           uint64_t *seq)
{
    mid_cbor_reader outer;
    mid_cose_sign1 m;
    uint8_t root_kid[MID_KID_LEN], hash[MID_SHA256_LEN];
    size_t pairs;
    int64_t key;
    uint64_t v;
    mid_err err;

    if (!bundle || !root_pub)
        return MID_ERR_ARG;
    if (len > MID_MAX_BUNDLE_BYTES)
        return MID_ERR_TOO_LARGE;
    if ((err = mid_cbor_validate(bundle, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&outer, bundle, len);
    if ((err = mid_cose_sign1_read(&outer, 1, &m)) != MID_OK)
        return err;
    if ((err = mid_cbor_reader_finish(&outer)) != MID_OK)
        return err;
    if ((err = mid_kid_of(root_pub, root_kid)) != MID_OK)
        return err;
    if (memcmp(root_kid, m.kid, MID_KID_LEN) != 0)
        return MID_ERR_BUNDLE_FOREIGN;
    if ((err = mid_cose_sign1_tbs_hash(&m, hash)) != MID_OK)
        return err;
    if ((err = mid_crypto_p256_verify(root_pub, hash, m.sig, MID_ERR_BUNDLE_SIG)) != MID_OK)
        return err;
    if ((err = mid_cbor_validate(m.payload, m.payload_len)) != MID_OK)
        return err;
    mid_cbor_reader_init(r, m.payload, m.payload_len);
    if (mid_cbor_read_map(r, &pairs) || pairs != 4u)
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    if (mid_cbor_read_int(r, &key) || key != MID_BUNDLE_KIND || mid_cbor_read_uint(r, &v))
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    if (v != MID_BUNDLE_KIND_TRUST && v != MID_BUNDLE_KIND_REVOCATION)
        return MID_ERR_BUNDLE_KIND;
    *kind = (int)v;
    if (mid_cbor_read_int(r, &key) || key != MID_BUNDLE_ISSUED || mid_cbor_read_uint(r, &v))
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    if (v > (uint64_t)INT64_MAX / 2u)
        return MID_ERR_CLAIM_VALUE;
    *issued = (int64_t)v;
    if (mid_cbor_read_int(r, &key) || key != MID_BUNDLE_SEQ || mid_cbor_read_uint(r, seq))
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    if (mid_cbor_read_int(r, &key) || key != MID_BUNDLE_BODY)
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    return MID_OK;
}

mid_err mid_bundle_info(const uint8_t *bundle, size_t len,
                        const uint8_t root_pub[MID_P256_POINT_LEN], int *kind,
                        int64_t *issued, uint64_t *seq)
{
    mid_cbor_reader r;
    if (!kind || !issued || !seq)
        return MID_ERR_ARG;
    return bundle_open(bundle, len, root_pub, &r, kind, issued, seq);
}

static mid_err read_trust_key(mid_cbor_reader *r, mid_trust_key *k)
{
    size_t pairs, i, sl;
    int64_t key;
    uint64_t v;
    const uint8_t *s;
    uint8_t kid[MID_KID_LEN];
    mid_err err;

    if (mid_cbor_read_map(r, &pairs) || pairs != 5u)
        return r->err ? r->err : MID_ERR_CLAIM_MISSING;
    for (i = 1; i <= 5u; i++) {
        /* validated order means keys 1..5 arrive in sequence */
        if (mid_cbor_read_int(r, &key) || key != (int64_t)i)
            return r->err ? r->err : MID_ERR_CLAIM_UNKNOWN;
        switch (i) {
        case MID_TKEY_KID:
            if (mid_cbor_read_bstr(r, &s, &sl) || sl != MID_KID_LEN)
                return r->err ? r->err : MID_ERR_CLAIM_VALUE;
            memcpy(k->kid, s, MID_KID_LEN);
            break;
        case MID_TKEY_PUB:
            if (mid_cbor_read_bstr(r, &s, &sl) || sl != MID_P256_POINT_LEN)
                return r->err ? r->err : MID_ERR_KEY_FORMAT;
            memcpy(k->pub, s, MID_P256_POINT_LEN);
            break;
        case MID_TKEY_DOCTYPES:
            if (mid_cbor_read_uint(r, &v))
                return r->err;
            if (v == 0 || (v & ~(uint64_t)(MID_DOCTYPE_BIT(1) | MID_DOCTYPE_BIT(2))))
                return MID_ERR_CLAIM_VALUE;
            k->doctypes = (uint32_t)v;
            break;
        default:
            if (mid_cbor_read_uint(r, &v))
                return r->err;
            if (v > (uint64_t)INT64_MAX / 2u)
                return MID_ERR_CLAIM_VALUE;
            if (i == MID_TKEY_NBF)
                k->nbf = (int64_t)v;
            else
                k->exp = (int64_t)v;
        }
    }
    if (k->nbf >= k->exp)
        return MID_ERR_CLAIM_VALUE;
    if ((err = mid_crypto_p256_check_point(k->pub)) != MID_OK)
        return err;
    /* The kid must be the key's own fingerprint: no aliasing. */
    if ((err = mid_kid_of(k->pub, kid)) != MID_OK)
        return err;
    return memcmp(kid, k->kid, MID_KID_LEN) == 0 ? MID_OK : MID_ERR_CLAIM_VALUE;
}

mid_err mid_trust_load(mid_trust_store *ts, const uint8_t *bundle, size_t len,
                       const uint8_t root_pub[MID_P256_POINT_LEN])
{
    mid_cbor_reader r;
    int kind;
    size_t n, i;
    mid_err err;
    mid_trust_store tmp;

    if (!ts)
        return MID_ERR_ARG;
    memset(&tmp, 0, sizeof tmp);
    if ((err = bundle_open(bundle, len, root_pub, &r, &kind, &tmp.issued, &tmp.seq)) != MID_OK)
        return err;
    if (kind != MID_BUNDLE_KIND_TRUST)
        return MID_ERR_BUNDLE_KIND;
    if (mid_cbor_read_array(&r, &n))
        return r.err;
    if (n == 0 || n > MID_MAX_TRUST_KEYS)
        return MID_ERR_TOO_LARGE;
    for (i = 0; i < n; i++) {
        if ((err = read_trust_key(&r, &tmp.keys[i])) != MID_OK)
            return err;
        for (size_t j = 0; j < i; j++) {
            if (memcmp(tmp.keys[j].kid, tmp.keys[i].kid, MID_KID_LEN) == 0)
                return MID_ERR_CBOR_DUP_KEY;
        }
    }
    if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
        return err;
    tmp.count = n;
    *ts = tmp; /* all or nothing */
    return MID_OK;
}

const mid_trust_key *mid_trust_find(const mid_trust_store *ts,
                                    const uint8_t kid[MID_KID_LEN])
{
    if (!ts || !kid)
        return NULL;
    for (size_t i = 0; i < ts->count; i++) {
        if (memcmp(ts->keys[i].kid, kid, MID_KID_LEN) == 0)
            return &ts->keys[i];
    }
    return NULL;
}

mid_err mid_revocation_load(mid_revocation *rv, const uint8_t *bundle,
                            size_t len,
                            const uint8_t root_pub[MID_P256_POINT_LEN])
{
    mid_cbor_reader r;
    int kind;
    const uint8_t *ids;
    size_t ids_len, n, i;
    mid_revocation tmp;
    mid_err err;

    if (!rv)
        return MID_ERR_ARG;
    memset(&tmp, 0, sizeof tmp);
    if ((err = bundle_open(bundle, len, root_pub, &r, &kind, &tmp.issued, &tmp.seq)) != MID_OK)
        return err;
    if (kind != MID_BUNDLE_KIND_REVOCATION)
        return MID_ERR_BUNDLE_KIND;
    if (mid_cbor_read_bstr(&r, &ids, &ids_len))
        return r.err;
    if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
        return err;
    if (ids_len % MID_CRED_ID_LEN != 0)
        return MID_ERR_CLAIM_VALUE;
    n = ids_len / MID_CRED_ID_LEN;
    if (n > MID_MAX_REVOKED)
        return MID_ERR_TOO_LARGE;
    /* Strictly ascending: sorted for binary search, and no duplicates. */
    for (i = 1; i < n; i++) {
        if (memcmp(ids + (i - 1u) * MID_CRED_ID_LEN, ids + i * MID_CRED_ID_LEN,
                   MID_CRED_ID_LEN) >= 0)
            return MID_ERR_CBOR_KEY_ORDER;
    }
    tmp.ids = ids;
    tmp.count = n;
    *rv = tmp;
    return MID_OK;
}

int mid_revocation_contains(const mid_revocation *rv,
                            const uint8_t id[MID_CRED_ID_LEN])
{
    size_t lo = 0, hi;

    if (!rv || !id || !rv->ids)
        return 0;
    hi = rv->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2u;
        int c = memcmp(rv->ids + mid * MID_CRED_ID_LEN, id, MID_CRED_ID_LEN);
        if (c == 0)
            return 1;
        if (c < 0)
            lo = mid + 1u;
        else
            hi = mid;
    }
    return 0;
}
