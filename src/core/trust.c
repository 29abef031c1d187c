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

/* Verifies the bundle, reads its whole signed header and positions r on
 * the body alone (a reader over exactly the body item). Read straight
 * through with the sticky reader error, checked once; the keys are
 * compared after that (the validator already enforced canonical order and
 * no duplicates, so a wrong key is an unknown one). */
static mid_err bundle_open(const uint8_t *bundle, size_t len,
                           const uint8_t root_pub[MID_P256_POINT_LEN],
                           mid_cbor_reader *r, mid_bundle_meta *meta)
{
    mid_cbor_reader outer, p;
    mid_cose_sign1 m;
    uint8_t root_kid[MID_KID_LEN], hash[MID_SHA256_LEN];
    const uint8_t *body = NULL;
    size_t pairs = 0, body_len = 0;
    int64_t k0 = -1, k1 = -1, k2 = -1, k3 = -1, k4 = -1, k5 = -1, k6 = -1;
    uint64_t format = 0, kind = 0, issued = 0, seq = 0, until = 0, refresh = 0;
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
    /* Only signed bytes from here on. */
    if ((err = mid_cbor_validate(m.payload, m.payload_len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&p, m.payload, m.payload_len);
    mid_cbor_read_map(&p, &pairs);
    if (mid_cbor_peek(&p) == MID_CBOR_UINT && p.pos < p.end && *p.pos == MID_BUNDLE_FORMAT) {
        /* format 2 or later: the version decides how to read the rest */
        mid_cbor_read_int(&p, &k0);
        mid_cbor_read_uint(&p, &format);
        if (p.err)
            return p.err;
        if (format != MID_BUNDLE_FORMAT_CURRENT)
            return MID_ERR_BUNDLE_VERSION;
        if (pairs != 7u)
            return pairs < 7u ? MID_ERR_CLAIM_MISSING : MID_ERR_CLAIM_UNKNOWN;
    } else {
        format = MID_BUNDLE_FORMAT_LEGACY;
        k0 = MID_BUNDLE_FORMAT;
        if (!p.err && pairs != 4u)
            return pairs < 4u ? MID_ERR_CLAIM_MISSING : MID_ERR_CLAIM_UNKNOWN;
    }
    mid_cbor_read_int(&p, &k1);
    mid_cbor_read_uint(&p, &kind);
    mid_cbor_read_int(&p, &k2);
    mid_cbor_read_uint(&p, &issued);
    mid_cbor_read_int(&p, &k3);
    mid_cbor_read_uint(&p, &seq);
    mid_cbor_read_int(&p, &k4);
    mid_cbor_skip(&p, &body, &body_len);
    if (format == MID_BUNDLE_FORMAT_CURRENT) {
        mid_cbor_read_int(&p, &k5);
        mid_cbor_read_uint(&p, &until);
        mid_cbor_read_int(&p, &k6);
        mid_cbor_read_uint(&p, &refresh);
    } else {
        k5 = MID_BUNDLE_VALID_UNTIL;
        k6 = MID_BUNDLE_REFRESH;
        until = (uint64_t)MID_BUNDLE_LEGACY_SUNSET;
    }
    if ((err = mid_cbor_reader_finish(&p)) != MID_OK)
        return err;
    if (k0 != MID_BUNDLE_FORMAT || k1 != MID_BUNDLE_KIND || k2 != MID_BUNDLE_ISSUED ||
        k3 != MID_BUNDLE_SEQ || k4 != MID_BUNDLE_BODY || k5 != MID_BUNDLE_VALID_UNTIL ||
        k6 != MID_BUNDLE_REFRESH)
        return MID_ERR_CLAIM_UNKNOWN;
    if (kind != MID_BUNDLE_KIND_TRUST && kind != MID_BUNDLE_KIND_REVOCATION)
        return MID_ERR_BUNDLE_KIND;
    if (issued > (uint64_t)INT64_MAX / 2u || seq > UINT64_MAX / 2u ||
        until > (uint64_t)INT64_MAX / 2u || refresh > (uint64_t)INT64_MAX / 2u)
        return MID_ERR_CLAIM_VALUE;
    /* format 2: a validity that ends after it starts, and a refresh
     * interval inside it (the issuer promises a newer one by then) */
    if (format == MID_BUNDLE_FORMAT_CURRENT &&
        (until <= issued || refresh == 0 || refresh > until - issued))
        return MID_ERR_CLAIM_VALUE;
    meta->kind = (int)kind;
    meta->format = (int)format;
    meta->issued = (int64_t)issued;
    meta->seq = seq;
    meta->valid_until = (int64_t)until;
    meta->refresh_s = (int64_t)refresh;
    mid_cbor_reader_init(r, body, body_len);
    return MID_OK;
}

mid_err mid_bundle_read_meta(const uint8_t *bundle, size_t len,
                             const uint8_t root_pub[MID_P256_POINT_LEN],
                             mid_bundle_meta *meta)
{
    mid_cbor_reader r;
    mid_bundle_meta tmp;
    mid_err err;
    if (!meta)
        return MID_ERR_ARG;
    memset(&tmp, 0, sizeof tmp);
    if ((err = bundle_open(bundle, len, root_pub, &r, &tmp)) != MID_OK)
        return err;
    *meta = tmp;
    return MID_OK;
}

mid_err mid_bundle_info(const uint8_t *bundle, size_t len,
                        const uint8_t root_pub[MID_P256_POINT_LEN], int *kind,
                        int64_t *issued, uint64_t *seq)
{
    mid_bundle_meta m;
    mid_err err;
    if (!kind || !issued || !seq)
        return MID_ERR_ARG;
    if ((err = mid_bundle_read_meta(bundle, len, root_pub, &m)) != MID_OK)
        return err;
    *kind = m.kind;
    *issued = m.issued;
    *seq = m.seq;
    return MID_OK;
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
    mid_bundle_meta meta;
    size_t n, i;
    mid_err err;
    mid_trust_store tmp;

    if (!ts)
        return MID_ERR_ARG;
    memset(&tmp, 0, sizeof tmp);
    memset(&meta, 0, sizeof meta);
    if ((err = bundle_open(bundle, len, root_pub, &r, &meta)) != MID_OK)
        return err;
    tmp.issued = meta.issued;
    tmp.seq = meta.seq;
    tmp.format = meta.format;
    tmp.valid_until = meta.valid_until;
    tmp.refresh_s = meta.refresh_s;
    if (meta.kind != MID_BUNDLE_KIND_TRUST)
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
    mid_bundle_meta meta;
    const uint8_t *ids;
    size_t ids_len, n, i;
    mid_revocation tmp;
    mid_err err;

    if (!rv)
        return MID_ERR_ARG;
    memset(&tmp, 0, sizeof tmp);
    memset(&meta, 0, sizeof meta);
    if ((err = bundle_open(bundle, len, root_pub, &r, &meta)) != MID_OK)
        return err;
    tmp.issued = meta.issued;
    tmp.seq = meta.seq;
    tmp.format = meta.format;
    tmp.valid_until = meta.valid_until;
    tmp.refresh_s = meta.refresh_s;
    if (meta.kind != MID_BUNDLE_KIND_REVOCATION)
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
