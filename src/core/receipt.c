/* Signed, hash-chained receipts (include/mid/mid_receipt.h,
 * docs/receipts.md). Pure: no I/O, no allocation. */
#include <string.h>

#include "mid/mid_cbor.h"
#include "mid/mid_cose.h"
#include "mid/mid_crypto.h"
#include "mid/mid_receipt.h"
#include "mid/mid_trust.h"

/* Times past this are refused: year 36812, far beyond any clock, small
 * enough that int64 arithmetic on it never overflows. */
#define RECEIPT_MAX_TIME ((uint64_t)1 << 40)
#define RECEIPT_MAX_ERR 999u
#define HMAC_BLOCK 64u

static const char GENESIS_LABEL[] = "mid-kiosk receipt genesis v1";

static const char *const DECISIONS[MID_DECISION_COUNT] = {
    "none",
    "adult",
    "minor",
    "identified",
    "licence_valid",
    "licence_suspended",
    "licence_expired",
    "licence_cancelled",
    "shown",
};

const char *mid_decision_id(mid_decision d)
{
    return (unsigned)d < (unsigned)MID_DECISION_COUNT ? DECISIONS[d] : "unknown";
}

static int is_licence_decision(mid_decision d)
{
    return d >= MID_DECISION_LICENCE_VALID && d <= MID_DECISION_LICENCE_CANCELLED;
}

/* Which decisions a purpose can reach: a receipt saying "adult" for a
 * licence check is not one this kiosk wrote. */
static int decision_fits(mid_purpose p, mid_verdict v, mid_decision d)
{
    if (v != MID_VERDICT_VALID)
        return d == MID_DECISION_NONE;
    switch (p) {
    case MID_PURPOSE_ADULT:
        return d == MID_DECISION_ADULT || d == MID_DECISION_MINOR;
    case MID_PURPOSE_REAL_NAME:
        return d == MID_DECISION_IDENTIFIED;
    case MID_PURPOSE_LICENCE:
        return is_licence_decision(d);
    case MID_PURPOSE_CUSTOM:
        return d == MID_DECISION_ADULT || d == MID_DECISION_MINOR ||
               is_licence_decision(d) || d == MID_DECISION_SHOWN;
    default:
        return 0;
    }
}

static mid_decision licence_decision(mid_licence_state s)
{
    switch (s) {
    case MID_LICSTATE_VALID:
        return MID_DECISION_LICENCE_VALID;
    case MID_LICSTATE_SUSPENDED:
        return MID_DECISION_LICENCE_SUSPENDED;
    case MID_LICSTATE_EXPIRED:
        return MID_DECISION_LICENCE_EXPIRED;
    case MID_LICSTATE_CANCELLED:
        return MID_DECISION_LICENCE_CANCELLED;
    default:
        return MID_DECISION_NONE;
    }
}

mid_decision mid_receipt_decision(mid_purpose purpose, const mid_result *r,
                                  const mid_view *view)
{
    if (!r || r->verdict != MID_VERDICT_VALID)
        return MID_DECISION_NONE;
    if (purpose == MID_PURPOSE_REAL_NAME)
        return MID_DECISION_IDENTIFIED;
    if (!view)
        return MID_DECISION_NONE;
    /* The adult question wins in a custom check that asks it; then the
     * licence state; a custom check that asked neither just "showed". */
    if (purpose == MID_PURPOSE_ADULT || purpose == MID_PURPOSE_CUSTOM) {
        if (view->items & MID_ITEM_ADULT)
            return view->adult ? MID_DECISION_ADULT : MID_DECISION_MINOR;
        if (purpose == MID_PURPOSE_ADULT)
            return MID_DECISION_NONE;
    }
    if (view->items & MID_ITEM_LICENCE_STATUS)
        return licence_decision(view->licence_state);
    return purpose == MID_PURPOSE_CUSTOM ? MID_DECISION_SHOWN : MID_DECISION_NONE;
}

int mid_receipt_txn_valid(const char *s, size_t len)
{
    size_t i;
    if (!s || len == 0 || len > MID_RECEIPT_TXN_MAX)
        return 0;
    for (i = 0; i < len; i++) {
        char c = s[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') ||
              (c >= '0' && c <= '9') || c == '.' || c == '_' || c == ':' || c == '-'))
            return 0;
    }
    return 1;
}

static int kiosk_id_valid(const char *s, size_t len)
{
    size_t i;
    if (!s || len == 0 || len > MID_RECEIPT_KIOSK_ID_MAX)
        return 0;
    for (i = 0; i < len; i++) {
        if ((unsigned char)s[i] < 0x20u || (unsigned char)s[i] > 0x7Eu)
            return 0;
    }
    return 1;
}

static size_t bounded_strlen(const char *s, size_t cap)
{
    size_t n = 0;
    while (n < cap && s[n])
        n++;
    return n;
}

mid_err mid_receipt_from_result(mid_receipt *out, int64_t now,
                                mid_purpose purpose, const mid_result *r,
                                const mid_view *view, const char *txn,
                                uint64_t trust_seq, uint64_t revocation_seq)
{
    size_t tl = txn ? bounded_strlen(txn, MID_RECEIPT_TXN_MAX + 1u) : 0;
    if (!out || !r || now < 0 || (unsigned)purpose >= (unsigned)MID_PURPOSE_COUNT)
        return MID_ERR_ARG;
    if (tl && !mid_receipt_txn_valid(txn, tl))
        return MID_ERR_POS_TXN;
    memset(out, 0, sizeof *out);
    out->version = MID_RECEIPT_VERSION;
    out->time = now;
    out->purpose = purpose;
    out->verdict = r->verdict == MID_VERDICT_VALID ? MID_VERDICT_VALID : MID_VERDICT_INVALID;
    if (out->verdict == MID_VERDICT_INVALID) {
        out->failed_check = r->failed_check;
        out->err = r->err;
    }
    out->decision = mid_receipt_decision(purpose, r, view);
    if (out->verdict == MID_VERDICT_VALID && out->decision == MID_DECISION_NONE)
        return MID_ERR_ARG; /* a valid check without the view that decided it */
    if (tl)
        memcpy(out->txn, txn, tl);
    out->trust_seq = trust_seq;
    out->revocation_seq = revocation_seq;
    return MID_OK;
}

mid_err mid_receipt_cred_tag(const uint8_t *key, size_t key_len,
                             const uint8_t cred_id[MID_CRED_ID_LEN],
                             uint8_t out[MID_RECEIPT_CRED_TAG_LEN])
{
    /* HMAC-SHA256 (RFC 2104) over the crypto adapter's SHA-256. */
    uint8_t k[HMAC_BLOCK], pad[HMAC_BLOCK], inner[MID_SHA256_LEN], mac[MID_SHA256_LEN];
    mid_span parts[2];
    mid_err err;
    size_t i;

    if (!key || key_len == 0 || !cred_id || !out)
        return MID_ERR_ARG;
    memset(k, 0, sizeof k);
    if (key_len > HMAC_BLOCK) {
        parts[0].ptr = key;
        parts[0].len = key_len;
        if ((err = mid_crypto_sha256(parts, 1, k)) != MID_OK)
            goto done;
    } else {
        memcpy(k, key, key_len);
    }
    for (i = 0; i < HMAC_BLOCK; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x36u);
    parts[0].ptr = pad;
    parts[0].len = HMAC_BLOCK;
    parts[1].ptr = cred_id;
    parts[1].len = MID_CRED_ID_LEN;
    if ((err = mid_crypto_sha256(parts, 2, inner)) != MID_OK)
        goto done;
    for (i = 0; i < HMAC_BLOCK; i++)
        pad[i] = (uint8_t)(k[i] ^ 0x5Cu);
    parts[1].ptr = inner;
    parts[1].len = MID_SHA256_LEN;
    if ((err = mid_crypto_sha256(parts, 2, mac)) != MID_OK)
        goto done;
    memcpy(out, mac, MID_RECEIPT_CRED_TAG_LEN);
done:
    mid_wipe(k, sizeof k);
    mid_wipe(pad, sizeof pad);
    mid_wipe(inner, sizeof inner);
    mid_wipe(mac, sizeof mac);
    return err;
}

/* Every rule the parser applies, so the encoder cannot write a receipt
 * the verifier would refuse. */
static mid_err check_fields(const mid_receipt *r)
{
    size_t kl = bounded_strlen(r->kiosk_id, sizeof r->kiosk_id);
    size_t tl = bounded_strlen(r->txn, sizeof r->txn);
    if (r->version != MID_RECEIPT_VERSION)
        return MID_ERR_RECEIPT_VERSION;
    if (!kiosk_id_valid(r->kiosk_id, kl) || kl == sizeof r->kiosk_id)
        return MID_ERR_RECEIPT_FORMAT;
    if (r->time < 0 || (uint64_t)r->time >= RECEIPT_MAX_TIME)
        return MID_ERR_RECEIPT_FORMAT;
    if ((unsigned)r->purpose >= (unsigned)MID_PURPOSE_COUNT ||
        (r->verdict != MID_VERDICT_VALID && r->verdict != MID_VERDICT_INVALID))
        return MID_ERR_RECEIPT_FORMAT;
    if (r->verdict == MID_VERDICT_INVALID &&
        ((unsigned)r->failed_check >= (unsigned)MID_CHECK_COUNT || (int)r->err <= 0 ||
         (unsigned)r->err > RECEIPT_MAX_ERR))
        return MID_ERR_RECEIPT_FORMAT;
    if (!decision_fits(r->purpose, r->verdict, r->decision))
        return MID_ERR_RECEIPT_FORMAT;
    if (tl == sizeof r->txn || (tl && !mid_receipt_txn_valid(r->txn, tl)))
        return MID_ERR_RECEIPT_FORMAT;
    if (r->seq == 0)
        return MID_ERR_RECEIPT_FORMAT;
    return MID_OK;
}

mid_err mid_receipt_encode(const mid_receipt *r, uint8_t *out, size_t cap,
                           size_t *len)
{
    mid_cbor_writer w;
    size_t pairs;
    size_t tl;
    mid_err err;
    int invalid;

    if (!r || !out || !len)
        return MID_ERR_ARG;
    if ((err = check_fields(r)) != MID_OK)
        return err;
    invalid = r->verdict == MID_VERDICT_INVALID;
    tl = bounded_strlen(r->txn, sizeof r->txn);
    pairs = 10u + (invalid ? 2u : 0u) + (tl ? 1u : 0u) + (r->has_cred_tag ? 1u : 0u);
    mid_cbor_writer_init(&w, out, cap);
    mid_cbor_put_map(&w, pairs);
    mid_cbor_put_uint(&w, MID_RK_VERSION);
    mid_cbor_put_uint(&w, r->version);
    mid_cbor_put_uint(&w, MID_RK_KIOSK);
    mid_cbor_put_tstr(&w, r->kiosk_id, bounded_strlen(r->kiosk_id, sizeof r->kiosk_id));
    mid_cbor_put_uint(&w, MID_RK_TIME);
    mid_cbor_put_uint(&w, (uint64_t)r->time);
    mid_cbor_put_uint(&w, MID_RK_PURPOSE);
    mid_cbor_put_uint(&w, (uint64_t)r->purpose);
    mid_cbor_put_uint(&w, MID_RK_VERDICT);
    mid_cbor_put_uint(&w, (uint64_t)r->verdict);
    if (invalid) {
        mid_cbor_put_uint(&w, MID_RK_CHECK);
        mid_cbor_put_uint(&w, (uint64_t)r->failed_check);
        mid_cbor_put_uint(&w, MID_RK_ERROR);
        mid_cbor_put_uint(&w, (uint64_t)r->err);
    }
    mid_cbor_put_uint(&w, MID_RK_DECISION);
    mid_cbor_put_uint(&w, (uint64_t)r->decision);
    if (tl) {
        mid_cbor_put_uint(&w, MID_RK_TXN);
        mid_cbor_put_tstr(&w, r->txn, tl);
    }
    mid_cbor_put_uint(&w, MID_RK_PREV);
    mid_cbor_put_bstr(&w, r->prev, MID_SHA256_LEN);
    mid_cbor_put_uint(&w, MID_RK_SEQ);
    mid_cbor_put_uint(&w, r->seq);
    mid_cbor_put_uint(&w, MID_RK_TRUST_SEQ);
    mid_cbor_put_uint(&w, r->trust_seq);
    mid_cbor_put_uint(&w, MID_RK_REVOCATION_SEQ);
    mid_cbor_put_uint(&w, r->revocation_seq);
    if (r->has_cred_tag) {
        mid_cbor_put_uint(&w, MID_RK_CRED_TAG);
        mid_cbor_put_bstr(&w, r->cred_tag, MID_RECEIPT_CRED_TAG_LEN);
    }
    *len = w.len;
    return w.err;
}

/* Reads a uint value below max (exclusive) into *out. */
static mid_err read_small(mid_cbor_reader *rd, uint64_t max, uint64_t *out)
{
    if (mid_cbor_peek(rd) != MID_CBOR_UINT || mid_cbor_read_uint(rd, out) != MID_OK)
        return MID_ERR_RECEIPT_FORMAT;
    return *out < max ? MID_OK : MID_ERR_RECEIPT_FORMAT;
}

mid_err mid_receipt_parse(const uint8_t *payload, size_t len, mid_receipt *out)
{
    mid_cbor_reader rd;
    size_t pairs, i, n;
    uint32_t seen = 0;
    uint64_t v;
    const uint8_t *p;
    mid_err err;

    if (!payload || !out)
        return MID_ERR_ARG;
    memset(out, 0, sizeof *out);
    if ((err = mid_cbor_validate(payload, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&rd, payload, len);
    if (mid_cbor_peek(&rd) != MID_CBOR_MAP || mid_cbor_read_map(&rd, &pairs) != MID_OK)
        return MID_ERR_RECEIPT_FORMAT;
    for (i = 0; i < pairs; i++) {
        uint64_t key;
        if (mid_cbor_peek(&rd) != MID_CBOR_UINT || mid_cbor_read_uint(&rd, &key) != MID_OK)
            return MID_ERR_RECEIPT_UNKNOWN; /* this format has uint keys only */
        /* The version comes first (key 1 sorts first): a newer receipt is
         * refused as a version, not as a pile of unknown keys. */
        if (i == 0 && key != MID_RK_VERSION)
            return MID_ERR_RECEIPT_FORMAT;
        if (key < MID_RK_VERSION || key > MID_RK_CRED_TAG)
            return MID_ERR_RECEIPT_UNKNOWN;
        seen |= 1u << key;
        switch (key) {
        case MID_RK_VERSION:
            if (mid_cbor_peek(&rd) != MID_CBOR_UINT || mid_cbor_read_uint(&rd, &v) != MID_OK)
                return MID_ERR_RECEIPT_FORMAT;
            if (v != MID_RECEIPT_VERSION)
                return MID_ERR_RECEIPT_VERSION;
            out->version = (uint32_t)v;
            break;
        case MID_RK_KIOSK:
            if (mid_cbor_peek(&rd) != MID_CBOR_TSTR || mid_cbor_read_tstr(&rd, &p, &n) != MID_OK ||
                !kiosk_id_valid((const char *)p, n))
                return MID_ERR_RECEIPT_FORMAT;
            memcpy(out->kiosk_id, p, n);
            break;
        case MID_RK_TIME:
            if ((err = read_small(&rd, RECEIPT_MAX_TIME, &v)) != MID_OK)
                return err;
            out->time = (int64_t)v;
            break;
        case MID_RK_PURPOSE:
            if ((err = read_small(&rd, MID_PURPOSE_COUNT, &v)) != MID_OK)
                return err;
            out->purpose = (mid_purpose)v;
            break;
        case MID_RK_VERDICT:
            if ((err = read_small(&rd, 2u, &v)) != MID_OK)
                return err;
            out->verdict = (mid_verdict)v;
            break;
        case MID_RK_CHECK:
            if ((err = read_small(&rd, MID_CHECK_COUNT, &v)) != MID_OK)
                return err;
            out->failed_check = (mid_check_id)v;
            break;
        case MID_RK_ERROR:
            if ((err = read_small(&rd, RECEIPT_MAX_ERR + 1u, &v)) != MID_OK)
                return err;
            if (v == 0)
                return MID_ERR_RECEIPT_FORMAT;
            out->err = (mid_err)v;
            break;
        case MID_RK_DECISION:
            if ((err = read_small(&rd, MID_DECISION_COUNT, &v)) != MID_OK)
                return err;
            out->decision = (mid_decision)v;
            break;
        case MID_RK_TXN:
            if (mid_cbor_peek(&rd) != MID_CBOR_TSTR || mid_cbor_read_tstr(&rd, &p, &n) != MID_OK ||
                !mid_receipt_txn_valid((const char *)p, n))
                return MID_ERR_RECEIPT_FORMAT;
            memcpy(out->txn, p, n);
            break;
        case MID_RK_PREV:
            if (mid_cbor_peek(&rd) != MID_CBOR_BSTR || mid_cbor_read_bstr(&rd, &p, &n) != MID_OK ||
                n != MID_SHA256_LEN)
                return MID_ERR_RECEIPT_FORMAT;
            memcpy(out->prev, p, n);
            break;
        case MID_RK_SEQ:
            if (mid_cbor_peek(&rd) != MID_CBOR_UINT || mid_cbor_read_uint(&rd, &out->seq) != MID_OK ||
                out->seq == 0)
                return MID_ERR_RECEIPT_FORMAT;
            break;
        case MID_RK_TRUST_SEQ:
            if (mid_cbor_peek(&rd) != MID_CBOR_UINT ||
                mid_cbor_read_uint(&rd, &out->trust_seq) != MID_OK)
                return MID_ERR_RECEIPT_FORMAT;
            break;
        case MID_RK_REVOCATION_SEQ:
            if (mid_cbor_peek(&rd) != MID_CBOR_UINT ||
                mid_cbor_read_uint(&rd, &out->revocation_seq) != MID_OK)
                return MID_ERR_RECEIPT_FORMAT;
            break;
        default: /* MID_RK_CRED_TAG */
            if (mid_cbor_peek(&rd) != MID_CBOR_BSTR || mid_cbor_read_bstr(&rd, &p, &n) != MID_OK ||
                n != MID_RECEIPT_CRED_TAG_LEN)
                return MID_ERR_RECEIPT_FORMAT;
            memcpy(out->cred_tag, p, n);
            out->has_cred_tag = 1;
            break;
        }
    }
    if ((err = mid_cbor_reader_finish(&rd)) != MID_OK)
        return err;
    {
        const uint32_t required = (1u << MID_RK_VERSION) | (1u << MID_RK_KIOSK) |
                                  (1u << MID_RK_TIME) | (1u << MID_RK_PURPOSE) |
                                  (1u << MID_RK_VERDICT) | (1u << MID_RK_DECISION) |
                                  (1u << MID_RK_PREV) | (1u << MID_RK_SEQ) |
                                  (1u << MID_RK_TRUST_SEQ) | (1u << MID_RK_REVOCATION_SEQ);
        const uint32_t failure = (1u << MID_RK_CHECK) | (1u << MID_RK_ERROR);
        if ((seen & required) != required)
            return MID_ERR_RECEIPT_FORMAT;
        /* check and error exactly when the verdict is invalid */
        if (out->verdict == MID_VERDICT_INVALID ? (seen & failure) != failure : (seen & failure) != 0)
            return MID_ERR_RECEIPT_FORMAT;
    }
    if (!decision_fits(out->purpose, out->verdict, out->decision))
        return MID_ERR_RECEIPT_FORMAT;
    return MID_OK;
}

mid_err mid_receipt_sign(const mid_receipt *r,
                         const uint8_t priv[MID_P256_COORD_LEN],
                         const uint8_t kid[MID_KID_LEN], uint8_t *out,
                         size_t cap, size_t *len)
{
    uint8_t payload[MID_RECEIPT_MAX_PAYLOAD], prot[16];
    uint8_t sig[MID_P256_SIG_LEN];
    size_t payload_len, prot_len;
    mid_cbor_writer w;
    mid_err err;

    if (!r || !priv || !kid || !out || !len)
        return MID_ERR_ARG;
    if ((err = mid_receipt_encode(r, payload, sizeof payload, &payload_len)) != MID_OK)
        return err;
    if ((err = mid_cose_protected_encode(kid, prot, sizeof prot, &prot_len)) != MID_OK)
        return err;
    if ((err = mid_cose_sign1_sign(prot, prot_len, payload, payload_len, priv, sig)) != MID_OK)
        return err;
    mid_cbor_writer_init(&w, out, cap);
    err = mid_cose_sign1_encode(prot, prot_len, payload, payload_len, sig, &w);
    *len = w.len;
    return err;
}

mid_err mid_receipt_verify(const uint8_t *cose, size_t len,
                           const uint8_t pub[MID_P256_POINT_LEN],
                           mid_receipt *out)
{
    uint8_t kid[MID_KID_LEN], hash[MID_SHA256_LEN];
    mid_cbor_reader rd;
    mid_cose_sign1 m;
    mid_err err;

    if (!cose || !pub || !out)
        return MID_ERR_ARG;
    memset(out, 0, sizeof *out);
    if (len > MID_RECEIPT_MAX_COSE)
        return MID_ERR_RECEIPT_RECORD;
    if ((err = mid_cbor_validate(cose, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&rd, cose, len);
    if ((err = mid_cose_sign1_read(&rd, 1, &m)) != MID_OK)
        return err;
    if ((err = mid_cbor_reader_finish(&rd)) != MID_OK)
        return err;
    if ((err = mid_kid_of(pub, kid)) != MID_OK)
        return err;
    if (memcmp(kid, m.kid, MID_KID_LEN) != 0)
        return MID_ERR_RECEIPT_FOREIGN;
    if ((err = mid_cose_sign1_tbs_hash(&m, hash)) != MID_OK)
        return err;
    if ((err = mid_crypto_p256_verify(pub, hash, m.sig, MID_ERR_RECEIPT_SIG)) != MID_OK)
        return err;
    return mid_receipt_parse(m.payload, m.payload_len, out);
}

mid_err mid_receipt_genesis(const uint8_t kid[MID_KID_LEN],
                            uint8_t out[MID_SHA256_LEN])
{
    mid_span parts[2];
    if (!kid || !out)
        return MID_ERR_ARG;
    parts[0].ptr = (const uint8_t *)GENESIS_LABEL;
    parts[0].len = sizeof GENESIS_LABEL - 1u;
    parts[1].ptr = kid;
    parts[1].len = MID_KID_LEN;
    return mid_crypto_sha256(parts, 2, out);
}

mid_err mid_receipt_hash(const uint8_t *cose, size_t len,
                         uint8_t out[MID_SHA256_LEN])
{
    mid_span part;
    if (!cose || !out)
        return MID_ERR_ARG;
    part.ptr = cose;
    part.len = len;
    return mid_crypto_sha256(&part, 1, out);
}

mid_err mid_receipt_chain_init(mid_receipt_chain *c,
                               const uint8_t kid[MID_KID_LEN])
{
    if (!c || !kid)
        return MID_ERR_ARG;
    memset(c, 0, sizeof *c);
    memcpy(c->kid, kid, MID_KID_LEN);
    c->next_seq = 1;
    return mid_receipt_genesis(kid, c->next_prev);
}

void mid_receipt_chain_init_any(mid_receipt_chain *c,
                                const uint8_t kid[MID_KID_LEN])
{
    if (!c || !kid)
        return;
    memset(c, 0, sizeof *c);
    memcpy(c->kid, kid, MID_KID_LEN);
    c->next_seq = 0; /* 0: take the first receipt's seq */
}

mid_err mid_receipt_chain_check(mid_receipt_chain *c, const mid_receipt *r,
                                const uint8_t *cose, size_t len,
                                int allow_gaps)
{
    mid_err err;
    int linked = 1;

    if (!c || !r || !cose)
        return MID_ERR_ARG;
    if (c->next_seq == 0) {
        /* an anchor-less start: seq 1 must still be the genesis one */
        if (r->seq == 1) {
            uint8_t g[MID_SHA256_LEN];
            if ((err = mid_receipt_genesis(c->kid, g)) != MID_OK)
                return err;
            if (memcmp(g, r->prev, MID_SHA256_LEN) != 0)
                return MID_ERR_RECEIPT_PREV;
        }
    } else if (r->seq < c->next_seq) {
        return MID_ERR_RECEIPT_ORDER;
    } else if (r->seq > c->next_seq) {
        if (!allow_gaps)
            return MID_ERR_RECEIPT_GAP;
        linked = 0;
    }
    if (c->next_seq != 0 && linked && memcmp(c->next_prev, r->prev, MID_SHA256_LEN) != 0)
        return MID_ERR_RECEIPT_PREV;
    if (r->seq == UINT64_MAX)
        return MID_ERR_RECEIPT_FORMAT; /* no successor could follow */
    if ((err = mid_receipt_hash(cose, len, c->next_prev)) != MID_OK)
        return err;
    c->next_seq = r->seq + 1u;
    c->started = 1;
    return MID_OK;
}

static int all_zero(const uint8_t *p, size_t n)
{
    size_t i;
    for (i = 0; i < n; i++) {
        if (p[i])
            return 0;
    }
    return 1;
}

mid_err mid_receipt_next(const uint8_t *buf, size_t len, size_t *off,
                         const uint8_t **rec, size_t *rec_len, int *end)
{
    mid_cbor_reader rd;
    size_t rest, window;
    mid_err err;

    if (!buf || !off || !rec || !rec_len || !end || *off > len)
        return MID_ERR_ARG;
    *end = 0;
    rest = len - *off;
    if (rest == 0) {
        *end = 1;
        return MID_OK;
    }
    /* Zero fill after the last record: what a file system may leave when
     * the power goes while an append extends the file. */
    if (rest <= MID_RECEIPT_MAX_COSE && all_zero(buf + *off, rest))
        return MID_ERR_RECEIPT_TORN;
    /* Look at no more than one receipt's worth: a damaged length cannot
     * make the walker swallow the records after it. */
    window = rest < MID_RECEIPT_MAX_COSE ? rest : MID_RECEIPT_MAX_COSE;
    mid_cbor_reader_init(&rd, buf + *off, window);
    err = mid_cbor_skip(&rd, rec, rec_len);
    if (err == MID_ERR_CBOR_TRUNCATED)
        return rest <= MID_RECEIPT_MAX_COSE ? MID_ERR_RECEIPT_TORN : MID_ERR_RECEIPT_RECORD;
    if (err != MID_OK)
        return MID_ERR_RECEIPT_RECORD;
    *off += *rec_len;
    return MID_OK;
}

mid_err mid_receipt_check_log(mid_receipt_chain *c,
                              const uint8_t pub[MID_P256_POINT_LEN],
                              const uint8_t *buf, size_t len,
                              uint64_t index_base, int allow_gaps,
                              mid_receipt_report *rep)
{
    size_t off = 0;
    mid_err err = MID_OK;

    if (!c || !pub || (!buf && len) || !rep)
        return MID_ERR_ARG;
    memset(rep, 0, sizeof *rep);
    if (!buf)
        return MID_OK;
    for (;;) {
        const uint8_t *rec;
        size_t rec_len, start = off;
        int end;
        mid_receipt r;

        err = mid_receipt_next(buf, len, &off, &rec, &rec_len, &end);
        if (err == MID_OK && end)
            break;
        if (err == MID_OK)
            err = mid_receipt_verify(rec, rec_len, pub, &r);
        if (err == MID_OK) {
            uint64_t want = c->next_seq;
            err = mid_receipt_chain_check(c, &r, rec, rec_len, allow_gaps);
            if (err != MID_OK) {
                rep->bad_seq = r.seq;
                rep->want_seq = want;
            }
        }
        if (err != MID_OK) {
            rep->err = err;
            rep->bad_index = index_base + rep->records + 1u;
            rep->bad_offset = start;
            if (rep->want_seq == 0)
                rep->want_seq = c->next_seq;
            break;
        }
        if (rep->records == 0)
            rep->first_seq = r.seq;
        rep->last_seq = r.seq;
        rep->records++;
        rep->good_len = off;
        memcpy(rep->last_hash, c->next_prev, MID_SHA256_LEN);
    }
    return err;
}
