/* Encoding side of the payload format (docs/payload-format.md). */
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "issue.h"

#define PEM_CAP 1024u

mid_err mid_keypair_generate(mid_keypair *kp)
{
    mid_err err = mid_crypto_p256_keygen(kp->priv, kp->pub);
    if (err)
        return err;
    return mid_kid_of(kp->pub, kp->kid);
}

mid_err mid_keypair_load_pem(const char *path, mid_keypair *kp)
{
    uint8_t buf[PEM_CAP];
    size_t len;
    mid_err err = mid_file_read(path, buf, sizeof buf - 1u, &len);
    if (err)
        return err;
    err = mid_crypto_p256_priv_from_pem((const char *)buf, len, kp->priv, kp->pub);
    mid_wipe(buf, sizeof buf);
    if (err)
        return err;
    return mid_kid_of(kp->pub, kp->kid);
}

mid_err mid_keypair_save_pem(const char *path, const mid_keypair *kp)
{
    char pem[PEM_CAP];
    mid_err err = mid_crypto_p256_priv_to_pem(kp->priv, pem, sizeof pem);
    if (!err)
        err = mid_file_write_atomic(path, pem, strlen(pem));
    mid_wipe(pem, sizeof pem);
    if (!err && chmod(path, 0600) != 0)
        err = MID_ERR_IO;
    return err;
}

mid_err mid_pub_save_pem(const char *path, const uint8_t pub[MID_P256_POINT_LEN])
{
    char pem[PEM_CAP];
    mid_err err = mid_crypto_p256_pub_to_pem(pub, pem, sizeof pem);
    if (err)
        return err;
    return mid_file_write_atomic(path, pem, strlen(pem));
}

mid_err mid_cwt_put_cnf(mid_cbor_writer *w, const mid_cred_input *in)
{
    mid_cbor_put_int(w, MID_CWT_CNF);
    mid_cbor_put_map(w, 1);
    mid_cbor_put_int(w, 1); /* COSE_Key */
    mid_cbor_put_map(w, 4);
    mid_cbor_put_int(w, 1);  /* kty */
    mid_cbor_put_int(w, 2);  /* EC2 */
    mid_cbor_put_int(w, -1); /* crv */
    mid_cbor_put_int(w, 1);  /* P-256 */
    mid_cbor_put_int(w, -2); /* x */
    mid_cbor_put_bstr(w, in->device_pub + 1, MID_P256_COORD_LEN);
    mid_cbor_put_int(w, -3); /* y, or its sign bit (RFC 9053 §7.1.1) */
    if (in->device_key_full)
        mid_cbor_put_bstr(w, in->device_pub + 1 + MID_P256_COORD_LEN, MID_P256_COORD_LEN);
    else
        mid_cbor_put_bool(w, in->device_pub[MID_P256_POINT_LEN - 1] & 1u);
    return w->err;
}

mid_err mid_cwt_put_claims(mid_cbor_writer *w, const mid_cred_input *in,
                           size_t extra)
{
    size_t nmid = 4u + (in->has_licence ? 1u : 0u) + (in->portrait ? 1u : 0u);

    mid_cbor_put_int(w, MID_CWT_MID);
    mid_cbor_put_map(w, nmid + extra);
    mid_cbor_put_uint(w, MID_CLAIM_DOCTYPE);
    mid_cbor_put_uint(w, in->doctype);
    mid_cbor_put_uint(w, MID_CLAIM_NAME);
    mid_cbor_put_tstr(w, in->name, strlen(in->name));
    mid_cbor_put_uint(w, MID_CLAIM_RRN);
    mid_cbor_put_tstr(w, in->rrn, strlen(in->rrn));
    mid_cbor_put_uint(w, MID_CLAIM_ISSUE_DATE);
    mid_cbor_put_uint(w, in->issue_date);
    if (in->has_licence) {
        mid_cbor_put_uint(w, MID_CLAIM_LICENCE);
        mid_cbor_put_map(w, 4);
        mid_cbor_put_uint(w, MID_LIC_CLASS);
        mid_cbor_put_uint(w, in->licence.cls);
        mid_cbor_put_uint(w, MID_LIC_NUMBER);
        mid_cbor_put_tstr(w, in->licence.number, strlen(in->licence.number));
        mid_cbor_put_uint(w, MID_LIC_EXPIRY);
        mid_cbor_put_uint(w, in->licence.expiry);
        mid_cbor_put_uint(w, MID_LIC_STATUS);
        mid_cbor_put_uint(w, in->licence.status);
    }
    if (in->portrait) {
        mid_cbor_put_uint(w, MID_CLAIM_PORTRAIT);
        mid_cbor_put_bstr(w, in->portrait, in->portrait_len);
    }
    return w->err;
}

mid_err mid_cwt_encode(const mid_cred_input *in, uint8_t *out, size_t cap,
                       size_t *len)
{
    mid_cbor_writer w;

    mid_cbor_writer_init(&w, out, cap);
    /* Deterministic order: 4, 5, 7, 8, then -65537 (0x3a sorts last). */
    mid_cbor_put_map(&w, 5);
    mid_cbor_put_int(&w, MID_CWT_EXP);
    mid_cbor_put_int(&w, in->exp);
    mid_cbor_put_int(&w, MID_CWT_NBF);
    mid_cbor_put_int(&w, in->nbf);
    mid_cbor_put_int(&w, MID_CWT_CTI);
    mid_cbor_put_bstr(&w, in->cred_id, MID_CRED_ID_LEN);
    /* a writer error sticks to w: checked once, below */
    mid_cwt_put_cnf(&w, in);
    mid_cwt_put_claims(&w, in, 0);
    *len = w.len;
    return w.err;
}

mid_err mid_sign1_sig(const uint8_t *prot, size_t prot_len,
                      const uint8_t *payload, size_t payload_len,
                      const mid_keypair *signer,
                      uint8_t sig[MID_P256_SIG_LEN])
{
    return mid_cose_sign1_sign(prot, prot_len, payload, payload_len, signer->priv, sig);
}

mid_err mid_sign1(const uint8_t *payload, size_t payload_len,
                  const mid_keypair *signer, int with_kid, uint8_t *out,
                  size_t cap, size_t *len)
{
    uint8_t prot[32], sig[MID_P256_SIG_LEN];
    size_t prot_len;
    mid_cbor_writer w;
    mid_err err;

    err = mid_cose_protected_encode(with_kid ? signer->kid : NULL, prot, sizeof prot, &prot_len);
    if (err)
        return err;
    if ((err = mid_sign1_sig(prot, prot_len, payload, payload_len, signer,
                             sig)) != MID_OK)
        return err;
    mid_cbor_writer_init(&w, out, cap);
    err = mid_cose_sign1_encode(prot, prot_len, payload, payload_len, sig, &w);
    *len = w.len;
    return err;
}

mid_err mid_cred_encode(const mid_cred_input *in, const mid_keypair *issuer,
                        uint8_t *out, size_t cap, size_t *len)
{
    uint8_t cwt[MID_MAX_PAYLOAD];
    size_t cwt_len;
    mid_err err = mid_cwt_encode(in, cwt, sizeof cwt, &cwt_len);
    if (!err)
        err = mid_sign1(cwt, cwt_len, issuer, 1, out, cap, len);
    mid_wipe(cwt, sizeof cwt);
    return err;
}

mid_err mid_presentation_payload(const uint8_t *cred, size_t cred_len,
                                 int64_t iat,
                                 const uint8_t nonce[MID_NONCE_LEN],
                                 uint8_t *out, size_t cap, size_t *len)
{
    mid_cbor_writer w;
    mid_cbor_writer_init(&w, out, cap);
    mid_cbor_put_map(&w, 3);
    mid_cbor_put_uint(&w, MID_PRES_CRED);
    mid_cbor_put_raw(&w, cred, cred_len);
    mid_cbor_put_uint(&w, MID_PRES_IAT);
    mid_cbor_put_int(&w, iat);
    mid_cbor_put_uint(&w, MID_PRES_NONCE);
    mid_cbor_put_bstr(&w, nonce, MID_NONCE_LEN);
    *len = w.len;
    return w.err;
}

mid_err mid_presentation_encode(const uint8_t *cred, size_t cred_len,
                                int64_t iat,
                                const uint8_t nonce[MID_NONCE_LEN],
                                const mid_keypair *device, uint8_t *out,
                                size_t cap, size_t *len)
{
    uint8_t payload[MID_MAX_PAYLOAD];
    size_t plen;
    mid_err err = mid_presentation_payload(cred, cred_len, iat, nonce, payload,
                                           sizeof payload, &plen);
    if (!err)
        err = mid_sign1(payload, plen, device, 0, out, cap, len);
    mid_wipe(payload, sizeof payload);
    return err;
}

mid_err mid_qr_text(const uint8_t *cbor, size_t len, char *out, size_t cap,
                    size_t *out_len)
{
    size_t n;
    mid_err err;
    if (cap < MID_QR_PREFIX_LEN + 1u)
        return MID_ERR_BUFFER;
    memcpy(out, MID_QR_PREFIX, MID_QR_PREFIX_LEN);
    err = mid_base45_encode(cbor, len, out + MID_QR_PREFIX_LEN,
                            cap - MID_QR_PREFIX_LEN, &n);
    if (err)
        return err;
    *out_len = n + MID_QR_PREFIX_LEN;
    return MID_OK;
}

/* Everything up to the body key; the body follows, then bundle_trailer. */
static mid_err bundle_header(mid_cbor_writer *w, int kind, const mid_bundle_meta *m)
{
    if (m->format == MID_BUNDLE_FORMAT_LEGACY) {
        mid_cbor_put_map(w, 4);
    } else {
        mid_cbor_put_map(w, 7);
        mid_cbor_put_uint(w, MID_BUNDLE_FORMAT);
        mid_cbor_put_uint(w, (uint64_t)m->format);
    }
    mid_cbor_put_uint(w, MID_BUNDLE_KIND);
    mid_cbor_put_uint(w, (uint64_t)kind);
    mid_cbor_put_uint(w, MID_BUNDLE_ISSUED);
    mid_cbor_put_int(w, m->issued);
    mid_cbor_put_uint(w, MID_BUNDLE_SEQ);
    mid_cbor_put_uint(w, m->seq);
    mid_cbor_put_uint(w, MID_BUNDLE_BODY);
    return w->err;
}

static mid_err bundle_trailer(mid_cbor_writer *w, const mid_bundle_meta *m)
{
    if (m->format != MID_BUNDLE_FORMAT_LEGACY) {
        mid_cbor_put_uint(w, MID_BUNDLE_VALID_UNTIL);
        mid_cbor_put_int(w, m->valid_until);
        mid_cbor_put_uint(w, MID_BUNDLE_REFRESH);
        mid_cbor_put_int(w, m->refresh_s);
    }
    return w->err;
}

void mid_bundle_meta_default(mid_bundle_meta *m, int kind, int64_t issued,
                             uint64_t seq)
{
    memset(m, 0, sizeof *m);
    m->kind = kind;
    m->format = MID_BUNDLE_FORMAT_CURRENT;
    m->issued = issued;
    m->seq = seq;
    if (kind == MID_BUNDLE_KIND_TRUST) {
        m->valid_until = issued + MID_TRUST_DEFAULT_VALIDITY_S;
        m->refresh_s = MID_TRUST_DEFAULT_REFRESH_S;
    } else {
        m->valid_until = issued + MID_REVOCATION_DEFAULT_VALIDITY_S;
        m->refresh_s = MID_REVOCATION_DEFAULT_REFRESH_S;
    }
}

mid_err mid_trust_bundle_encode_meta(const mid_trust_key *keys, size_t n,
                                     const mid_bundle_meta *m,
                                     const mid_keypair *root, uint8_t *out,
                                     size_t cap, size_t *len)
{
    static uint8_t payload[MID_MAX_TRUST_KEYS * 128u + 96u];
    mid_cbor_writer w;
    mid_cbor_writer_init(&w, payload, sizeof payload);
    bundle_header(&w, MID_BUNDLE_KIND_TRUST, m);
    mid_cbor_put_array(&w, n);
    for (size_t i = 0; i < n; i++) {
        mid_cbor_put_map(&w, 5);
        mid_cbor_put_uint(&w, MID_TKEY_KID);
        mid_cbor_put_bstr(&w, keys[i].kid, MID_KID_LEN);
        mid_cbor_put_uint(&w, MID_TKEY_PUB);
        mid_cbor_put_bstr(&w, keys[i].pub, MID_P256_POINT_LEN);
        mid_cbor_put_uint(&w, MID_TKEY_DOCTYPES);
        mid_cbor_put_uint(&w, keys[i].doctypes);
        mid_cbor_put_uint(&w, MID_TKEY_NBF);
        mid_cbor_put_int(&w, keys[i].nbf);
        mid_cbor_put_uint(&w, MID_TKEY_EXP);
        mid_cbor_put_int(&w, keys[i].exp);
    }
    bundle_trailer(&w, m);
    if (w.err)
        return w.err;
    return mid_sign1(payload, w.len, root, 1, out, cap, len);
}

mid_err mid_trust_bundle_encode(const mid_trust_key *keys, size_t n,
                                int64_t issued, uint64_t seq,
                                const mid_keypair *root, uint8_t *out,
                                size_t cap, size_t *len)
{
    mid_bundle_meta m;
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, issued, seq);
    return mid_trust_bundle_encode_meta(keys, n, &m, root, out, cap, len);
}

mid_err mid_revocation_bundle_encode_meta(const uint8_t *ids, size_t n,
                                          const mid_bundle_meta *m,
                                          const mid_keypair *root,
                                          uint8_t *out, size_t cap,
                                          size_t *len)
{
    static uint8_t payload[MID_MAX_BUNDLE_BYTES];
    mid_cbor_writer w;
    mid_cbor_writer_init(&w, payload, sizeof payload);
    bundle_header(&w, MID_BUNDLE_KIND_REVOCATION, m);
    mid_cbor_put_bstr(&w, ids, n * MID_CRED_ID_LEN);
    bundle_trailer(&w, m);
    if (w.err)
        return w.err;
    return mid_sign1(payload, w.len, root, 1, out, cap, len);
}

mid_err mid_revocation_bundle_encode(const uint8_t *ids, size_t n,
                                     int64_t issued, uint64_t seq,
                                     const mid_keypair *root, uint8_t *out,
                                     size_t cap, size_t *len)
{
    mid_bundle_meta m;
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_REVOCATION, issued, seq);
    return mid_revocation_bundle_encode_meta(ids, n, &m, root, out, cap, len);
}

/* xorshift32: deterministic portraits from a seed, no randomness needed. */
static uint32_t xs32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

mid_err mid_portrait_generate(uint32_t seed, unsigned w, unsigned h,
                              uint8_t *out, size_t cap, size_t *len)
{
    size_t need = 2u + ((size_t)w * h + 1u) / 2u;
    uint32_t s = seed ? seed : 0x9E3779B9u;
    int bg, face, hair, eye;
    unsigned x, y;

    if (w == 0 || h == 0 || w > MID_MAX_PORTRAIT_W || h > MID_MAX_PORTRAIT_H)
        return MID_ERR_ARG;
    if (cap < need)
        return MID_ERR_BUFFER;
    memset(out, 0, need);
    out[0] = (uint8_t)w;
    out[1] = (uint8_t)h;
    bg = 12 + (int)(xs32(&s) % 4u);
    face = 8 + (int)(xs32(&s) % 4u);
    hair = (int)(xs32(&s) % 5u);
    eye = (int)(xs32(&s) % 3u);
    for (y = 0; y < h; y++) {
        for (x = 0; x < w; x++) {
            /* an ellipse head on shoulders: a drawn avatar, not a photo */
            int cx = (int)w / 2, cy = (int)h * 2 / 5;
            int dx = (int)x - cx, dy = (int)y - cy;
            int rx = (int)w * 3 / 10, ry = (int)h * 3 / 10;
            int v = bg;
            if (dx * dx * ry * ry + dy * dy * rx * rx <= rx * rx * ry * ry) {
                v = face;
                if (dy < -ry / 2)
                    v = hair;
                if ((dy == -ry / 6 || dy == -ry / 6 + 1) && (dx == -rx / 2 || dx == rx / 2))
                    v = eye;
                if (dy == ry / 2 && dx > -rx / 3 && dx < rx / 3)
                    v = 4;
            } else if ((int)y > cy + ry + 1 && dx * dx < (int)(w * w) / 6) {
                v = hair + 2;
            }
            {
                size_t i = (size_t)y * w + x;
                uint8_t nib = (uint8_t)(v & 0x0F);
                if (i % 2u == 0u)
                    out[2u + i / 2u] |= (uint8_t)(nib << 4);
                else
                    out[2u + i / 2u] |= nib;
            }
        }
    }
    *len = need;
    return MID_OK;
}
