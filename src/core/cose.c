/* COSE_Sign1 (RFC 9052 §4.2) with ES256, strictly shaped. */
#include <string.h>

#include "mid/mid_cose.h"
#include "mid/mid_crypto.h"
#include "mid/mid_payload.h"

/* Protected header: {1: -7} or {1: -7, 4: kid}. Anything else — another
 * algorithm, crit, an extra parameter — is refused (fail closed). Read
 * straight through in three parts, because each part has its own error:
 * the shape (a map, MID_ERR_COSE_STRUCTURE), the algorithm
 * (MID_ERR_COSE_ALG) and the rest of the header (MID_ERR_COSE_HEADER). */
static mid_err read_protected(const uint8_t *p, size_t len, int kid_required,
                              mid_cose_sign1 *out)
{
    mid_cbor_reader r;
    size_t pairs, kid_len = 0;
    int64_t alg = 0;
    const uint8_t *kid = NULL;
    mid_err err;

    if ((err = mid_cbor_validate(p, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, p, len);
    if (mid_cbor_read_map(&r, &pairs))
        return MID_ERR_COSE_STRUCTURE;
    if (pairs != (kid_required ? 2u : 1u))
        return MID_ERR_COSE_HEADER;
    if (mid_cbor_read_key(&r, MID_COSE_HDR_ALG))
        return MID_ERR_COSE_HEADER;
    mid_cbor_read_int(&r, &alg);
    if (r.err || alg != MID_COSE_ALG_ES256)
        return MID_ERR_COSE_ALG;
    if (kid_required) {
        mid_cbor_read_key(&r, MID_COSE_HDR_KID);
        mid_cbor_read_bstr(&r, &kid, &kid_len);
        if (r.err || kid_len != MID_KID_LEN)
            return MID_ERR_COSE_HEADER;
        memcpy(out->kid, kid, MID_KID_LEN);
        out->has_kid = 1;
    }
    return mid_cbor_reader_finish(&r);
}

mid_err mid_cose_sign1_read(mid_cbor_reader *r, int kid_required,
                            mid_cose_sign1 *out)
{
    uint64_t tag = 0;
    size_t n = 0, sig_len = 0;
    mid_err err;

    if (!r || !out)
        return MID_ERR_ARG;
    memset(out, 0, sizeof *out);
    mid_cbor_read_tag(r, &tag);
    if (tag != MID_COSE_TAG_SIGN1)
        mid_cbor_fail(r, MID_ERR_COSE_STRUCTURE);
    mid_cbor_read_array(r, &n);
    if (n != 4u)
        mid_cbor_fail(r, MID_ERR_COSE_STRUCTURE);
    mid_cbor_read_bstr(r, &out->protected_raw, &out->protected_len);
    if (r->err)
        return r->err;
    /* Its own reader over the bstr contents: an error there is the
     * header's, not r's. */
    if ((err = read_protected(out->protected_raw, out->protected_len,
                              kid_required, out)) != MID_OK)
        return err;
    mid_cbor_read_map(r, &n);
    if (n != 0u)
        mid_cbor_fail(r, MID_ERR_COSE_HEADER); /* unprotected must be empty */
    /* a detached (nil) payload is a type error here */
    mid_cbor_read_bstr(r, &out->payload, &out->payload_len);
    mid_cbor_read_bstr(r, &out->sig, &sig_len);
    if (sig_len != MID_P256_SIG_LEN)
        mid_cbor_fail(r, MID_ERR_COSE_STRUCTURE);
    return r->err;
}

/* Encodes the head of a bstr of length len into h, returns its length. */
static size_t bstr_head(uint8_t h[9], size_t len)
{
    mid_cbor_writer w;
    mid_cbor_writer_init(&w, h, 9);
    mid_cbor_put_uint(&w, len);
    h[0] = (uint8_t)((h[0] & 0x1Fu) | (MID_CBOR_BSTR << 5));
    return w.len;
}

mid_err mid_cose_sign1_tbs_hash(const mid_cose_sign1 *m,
                                uint8_t hash[MID_SHA256_LEN])
{
    /* ["Signature1", protected, h'', payload] */
    static const uint8_t prefix[] = {0x84, 0x6A, 'S', 'i', 'g', 'n', 'a',
                                     't', 'u', 'r', 'e', '1'};
    static const uint8_t empty_bstr = 0x40;
    uint8_t ph[9], plh[9];
    mid_span parts[6];

    if (!m || !hash)
        return MID_ERR_ARG;
    parts[0].ptr = prefix;
    parts[0].len = sizeof prefix;
    parts[1].ptr = ph;
    parts[1].len = bstr_head(ph, m->protected_len);
    parts[2].ptr = m->protected_raw;
    parts[2].len = m->protected_len;
    parts[3].ptr = &empty_bstr;
    parts[3].len = 1;
    parts[4].ptr = plh;
    parts[4].len = bstr_head(plh, m->payload_len);
    parts[5].ptr = m->payload;
    parts[5].len = m->payload_len;
    return mid_crypto_sha256(parts, 6, hash);
}

mid_err mid_cose_protected_encode(const uint8_t *kid, uint8_t *out, size_t cap,
                                  size_t *len)
{
    mid_cbor_writer w;
    if (!out || !len)
        return MID_ERR_ARG;
    mid_cbor_writer_init(&w, out, cap);
    mid_cbor_put_map(&w, kid ? 2u : 1u);
    mid_cbor_put_int(&w, MID_COSE_HDR_ALG);
    mid_cbor_put_int(&w, MID_COSE_ALG_ES256);
    if (kid) {
        mid_cbor_put_int(&w, MID_COSE_HDR_KID);
        mid_cbor_put_bstr(&w, kid, MID_KID_LEN);
    }
    *len = w.len;
    return w.err;
}

mid_err mid_cose_sign1_encode(const uint8_t *prot, size_t prot_len,
                              const uint8_t *payload, size_t payload_len,
                              const uint8_t sig[MID_P256_SIG_LEN],
                              mid_cbor_writer *w)
{
    if (!w)
        return MID_ERR_ARG;
    mid_cbor_put_tag(w, MID_COSE_TAG_SIGN1);
    mid_cbor_put_array(w, 4);
    mid_cbor_put_bstr(w, prot, prot_len);
    mid_cbor_put_map(w, 0);
    mid_cbor_put_bstr(w, payload, payload_len);
    mid_cbor_put_bstr(w, sig, MID_P256_SIG_LEN);
    return w->err;
}

mid_err mid_cose_sign1_sign(const uint8_t *prot, size_t prot_len,
                            const uint8_t *payload, size_t payload_len,
                            const uint8_t priv[MID_P256_COORD_LEN],
                            uint8_t sig[MID_P256_SIG_LEN])
{
    uint8_t hash[MID_SHA256_LEN];
    mid_cose_sign1 m;
    mid_err err;

    if (!priv || !sig)
        return MID_ERR_ARG;
    memset(&m, 0, sizeof m);
    m.protected_raw = prot;
    m.protected_len = prot_len;
    m.payload = payload;
    m.payload_len = payload_len;
    if ((err = mid_cose_sign1_tbs_hash(&m, hash)) != MID_OK)
        return err;
    return mid_crypto_p256_sign(priv, hash, sig);
}
