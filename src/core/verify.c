/* Offline verification as named checks (include/mid/mid_verify.h). The
 * order is the order of trust: nothing from the credential is used before
 * the issuer signature holds, and nothing reaches the caller before the
 * device signature, freshness, replay, revocation and purpose all pass. */
#include <string.h>

#include "mid/mid_base45.h"
#include "mid/mid_cbor.h"
#include "mid/mid_cose.h"
#include "mid/mid_crypto.h"
#include "mid/mid_verify.h"
#include "payload_private.h"

void mid_verify_config_default(mid_verify_config *cfg)
{
    if (!cfg)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->build_floor = 0;
    cfg->freshness_s = MID_DEFAULT_FRESHNESS_S;
    cfg->skew_s = MID_DEFAULT_SKEW_S;
    cfg->cache_issuer = 1;
    cfg->revocation_max_s = MID_DEFAULT_REVOCATION_MAX_S;
    cfg->revocation_warn_only = 0;
}

mid_err mid_verify_init(mid_verify_ctx *ctx, const mid_trust_store *trust,
                        const mid_revocation *revocation,
                        const mid_verify_config *cfg)
{
    if (!ctx || !trust)
        return MID_ERR_ARG;
    memset(ctx, 0, sizeof *ctx);
    if (cfg)
        ctx->cfg = *cfg;
    else
        mid_verify_config_default(&ctx->cfg);
    if (ctx->cfg.freshness_s <= 0 || ctx->cfg.skew_s < 0 || ctx->cfg.revocation_max_s < 0)
        return MID_ERR_ARG;
    ctx->trust = trust;
    ctx->revocation = revocation;
    return mid_crypto_init();
}

void mid_verify_set_floor(mid_verify_ctx *ctx, int64_t floor)
{
    if (ctx)
        ctx->cfg.build_floor = floor;
}

void mid_verify_set_trust(mid_verify_ctx *ctx, const mid_trust_store *trust,
                          const mid_revocation *revocation)
{
    if (!ctx || !trust)
        return;
    ctx->trust = trust;
    ctx->revocation = revocation;
    /* Verified-credential cache entries were made under the old keys. */
    memset(ctx->cache, 0, sizeof ctx->cache);
    ctx->cache_next = 0;
}

void mid_result_wipe(mid_result *r)
{
    if (r)
        mid_wipe(r, sizeof *r);
}

/* The presentation as parsed in STRUCTURE; spans point into the decoded
 * buffer, which lives in mid_verify's frame. */
typedef struct presentation {
    mid_cose_sign1 outer;
    mid_cose_sign1 cred;
    int64_t iat;
    const uint8_t *nonce;
} presentation;

static mid_err parse_presentation(const uint8_t *buf, size_t len,
                                  presentation *p)
{
    mid_cbor_reader r;
    size_t pairs;
    int64_t key;
    uint64_t v;
    size_t nl;
    mid_err err;

    if ((err = mid_cbor_validate(buf, len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, buf, len);
    if ((err = mid_cose_sign1_read(&r, 0, &p->outer)) != MID_OK)
        return err;
    if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
        return err;
    if ((err = mid_cbor_validate(p->outer.payload, p->outer.payload_len)) != MID_OK)
        return err;
    mid_cbor_reader_init(&r, p->outer.payload, p->outer.payload_len);
    if (mid_cbor_read_map(&r, &pairs))
        return r.err;
    if (pairs != 3u)
        return MID_ERR_CLAIM_MISSING;
    /* Deterministic order is enforced, so the keys come as 1, 2, 3. */
    if (mid_cbor_read_int(&r, &key) || key != MID_PRES_CRED)
        return r.err ? r.err : MID_ERR_CLAIM_UNKNOWN;
    if ((err = mid_cose_sign1_read(&r, 1, &p->cred)) != MID_OK)
        return err;
    if ((err = mid_cbor_validate(p->cred.payload, p->cred.payload_len)) != MID_OK)
        return err;
    if (mid_cbor_read_int(&r, &key) || key != MID_PRES_IAT)
        return r.err ? r.err : MID_ERR_CLAIM_UNKNOWN;
    if (mid_cbor_read_uint(&r, &v))
        return r.err;
    if (v > (uint64_t)INT64_MAX / 2u)
        return MID_ERR_CLAIM_VALUE;
    p->iat = (int64_t)v;
    if (mid_cbor_read_int(&r, &key) || key != MID_PRES_NONCE)
        return r.err ? r.err : MID_ERR_CLAIM_UNKNOWN;
    if (mid_cbor_read_bstr(&r, &p->nonce, &nl))
        return r.err;
    if (nl != MID_NONCE_LEN)
        return MID_ERR_CLAIM_VALUE;
    return mid_cbor_reader_finish(&r);
}

static int cache_has(const mid_verify_ctx *ctx, const uint8_t hash[MID_SHA256_LEN],
                     const uint8_t kid[MID_KID_LEN])
{
    for (size_t i = 0; i < MID_ISSUER_CACHE_SLOTS; i++) {
        const mid_issuer_cache_slot *s = &ctx->cache[i];
        if (s->used && memcmp(s->hash, hash, MID_SHA256_LEN) == 0 &&
            memcmp(s->kid, kid, MID_KID_LEN) == 0)
            return 1;
    }
    return 0;
}

static void cache_put(mid_verify_ctx *ctx, const uint8_t hash[MID_SHA256_LEN],
                      const uint8_t kid[MID_KID_LEN])
{
    mid_issuer_cache_slot *s = &ctx->cache[ctx->cache_next];
    memcpy(s->hash, hash, MID_SHA256_LEN);
    memcpy(s->kid, kid, MID_KID_LEN);
    s->used = 1;
    ctx->cache_next = (ctx->cache_next + 1u) % MID_ISSUER_CACHE_SLOTS;
}

static int replay_seen(const mid_verify_ctx *ctx, const uint8_t *nonce, int64_t now)
{
    int64_t horizon = now - ctx->cfg.freshness_s - ctx->cfg.skew_s;
    for (size_t i = 0; i < MID_REPLAY_SLOTS; i++) {
        const mid_replay_slot *s = &ctx->replay[i];
        if (s->used && s->iat >= horizon &&
            memcmp(s->nonce, nonce, MID_NONCE_LEN) == 0)
            return 1;
    }
    return 0;
}

static void replay_put(mid_verify_ctx *ctx, const uint8_t *nonce, int64_t iat)
{
    mid_replay_slot *s = &ctx->replay[ctx->replay_next];
    memcpy(s->nonce, nonce, MID_NONCE_LEN);
    s->iat = iat;
    s->used = 1;
    ctx->replay_next = (ctx->replay_next + 1u) % MID_REPLAY_SLOTS;
}

static void pass(mid_result *res, mid_check_id id)
{
    res->checks[id] = MID_CHECK_PASS;
    res->check_err[id] = MID_OK;
}

/* The checks array follows one rule whatever ran (mid_verify.h): the
 * evaluation is not in check order (the claims of STRUCTURE and the
 * document type of ISSUER_KEY are read after ISSUER_SIGNATURE), so the
 * states are set here from the failing check alone rather than from what
 * happened to run before it. */
void mid_result_fail(mid_result *r, mid_check_id id, mid_err err)
{
    if (!r || (unsigned)id >= (unsigned)MID_CHECK_COUNT)
        return;
    for (unsigned c = 0; c < (unsigned)MID_CHECK_COUNT; c++) {
        r->checks[c] = c < (unsigned)id    ? MID_CHECK_PASS
                       : c == (unsigned)id ? MID_CHECK_FAIL
                                           : MID_CHECK_NOT_RUN;
        r->check_err[c] = c == (unsigned)id ? err : MID_OK;
    }
    r->failed_check = id;
    r->err = err;
    r->verdict = MID_VERDICT_INVALID;
}

static mid_err fail(mid_result *res, mid_check_id id, mid_err err)
{
    mid_result_fail(res, id, err);
    return err;
}

mid_err mid_verify(mid_verify_ctx *ctx, const uint8_t *qr, size_t qr_len,
                   const mid_request *req, int64_t now, mid_result *res)
{
    uint8_t buf[MID_MAX_PAYLOAD];
    uint8_t device_pub[MID_P256_POINT_LEN];
    uint8_t hash[MID_SHA256_LEN];
    size_t len = 0;
    presentation p;
    const mid_trust_key *key;
    mid_err err;

    if (!res)
        return MID_ERR_ARG;
    memset(res, 0, sizeof *res);
    res->verdict = MID_VERDICT_INVALID;
    res->revocation_age_s = -1;
    if (!ctx || !ctx->trust || !req || (!qr && qr_len)) {
        res->err = MID_ERR_ARG;
        return MID_ERR_ARG;
    }
    memset(&p, 0, sizeof p);

    /* CLOCK: before the image was built, time itself is a lie. */
    if (now < ctx->cfg.build_floor) {
        err = fail(res, MID_CHECK_CLOCK, MID_ERR_CLOCK);
        goto done;
    }
    pass(res, MID_CHECK_CLOCK);

    /* FORMAT */
    if (qr_len > MID_MAX_QR_TEXT) {
        err = fail(res, MID_CHECK_FORMAT, MID_ERR_TOO_LARGE);
        goto done;
    }
    if (qr_len < MID_QR_PREFIX_LEN || memcmp(qr, MID_QR_PREFIX, MID_QR_PREFIX_LEN) != 0) {
        err = fail(res, MID_CHECK_FORMAT, MID_ERR_PREFIX);
        goto done;
    }
    err = mid_base45_decode(qr + MID_QR_PREFIX_LEN, qr_len - MID_QR_PREFIX_LEN,
                            buf, sizeof buf, &len);
    if (err) {
        err = fail(res, MID_CHECK_FORMAT, err);
        goto done;
    }
    pass(res, MID_CHECK_FORMAT);

    /* STRUCTURE (the credential's claims are parsed only after its
     * signature; a failure there is reported under STRUCTURE too). */
    if ((err = parse_presentation(buf, len, &p)) != MID_OK) {
        err = fail(res, MID_CHECK_STRUCTURE, err);
        goto done;
    }
    pass(res, MID_CHECK_STRUCTURE);

    /* ISSUER_KEY: pinned and inside its period (doc type after parsing). */
    key = mid_trust_find(ctx->trust, p.cred.kid);
    if (!key) {
        err = fail(res, MID_CHECK_ISSUER_KEY, MID_ERR_UNKNOWN_KID);
        goto done;
    }
    if (now < key->nbf || now >= key->exp) {
        err = fail(res, MID_CHECK_ISSUER_KEY, MID_ERR_KEY_PERIOD);
        goto done;
    }
    /* The whole trust store ends at its signed valid_until (format 1:
     * the legacy sunset). 0 only in hand-built stores (tests). */
    if (ctx->trust->valid_until > 0 && now >= ctx->trust->valid_until) {
        err = fail(res, MID_CHECK_ISSUER_KEY,
                   ctx->trust->format == MID_BUNDLE_FORMAT_LEGACY ? MID_ERR_BUNDLE_LEGACY
                                                                  : MID_ERR_BUNDLE_EXPIRED);
        goto done;
    }

    /* ISSUER_SIGNATURE, remembered per credential: the phone re-signs the
     * same credential every 30 s, only the device signature changes. */
    if ((err = mid_cose_sign1_tbs_hash(&p.cred, hash)) != MID_OK) {
        err = fail(res, MID_CHECK_ISSUER_SIGNATURE, err);
        goto done;
    }
    if (ctx->cfg.cache_issuer && cache_has(ctx, hash, key->kid)) {
        ctx->cache_hits++;
    } else {
        err = mid_crypto_p256_verify(key->pub, hash, p.cred.sig, MID_ERR_ISSUER_SIG);
        if (err) {
            err = fail(res, MID_CHECK_ISSUER_SIGNATURE, err);
            goto done;
        }
        if (ctx->cfg.cache_issuer)
            cache_put(ctx, hash, key->kid);
    }
    pass(res, MID_CHECK_ISSUER_SIGNATURE);

    if ((err = mid_cwt_parse(p.cred.payload, p.cred.payload_len, &res->claims,
                             device_pub)) != MID_OK) {
        err = fail(res, MID_CHECK_STRUCTURE, err);
        goto done;
    }
    {
        /* A birth date after today cannot be right, whatever signed it. */
        mid_rrn_info info;
        mid_date today = mid_date_from_unix_kst(now);
        if (mid_rrn_parse(res->claims.rrn, MID_RRN_DIGITS, &info) != MID_OK ||
            mid_date_cmp(info.birth, today) > 0) {
            err = fail(res, MID_CHECK_STRUCTURE, MID_ERR_RRN_FORMAT);
            goto done;
        }
    }
    res->doctype = res->claims.doctype;
    if (!(key->doctypes & MID_DOCTYPE_BIT(res->claims.doctype))) {
        err = fail(res, MID_CHECK_ISSUER_KEY, MID_ERR_KEY_DOCTYPE);
        goto done;
    }
    pass(res, MID_CHECK_ISSUER_KEY);

    /* CREDENTIAL_VALIDITY */
    if (now < res->claims.nbf) {
        err = fail(res, MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_NOT_YET_VALID);
        goto done;
    }
    if (now >= res->claims.exp) {
        err = fail(res, MID_CHECK_CREDENTIAL_VALIDITY, MID_ERR_EXPIRED);
        goto done;
    }
    pass(res, MID_CHECK_CREDENTIAL_VALIDITY);

    /* DEVICE_SIGNATURE: the holder's phone signed this presentation. */
    if ((err = mid_cose_sign1_tbs_hash(&p.outer, hash)) == MID_OK)
        err = mid_crypto_p256_verify(device_pub, hash, p.outer.sig, MID_ERR_DEVICE_SIG);
    if (err) {
        err = fail(res, MID_CHECK_DEVICE_SIGNATURE, err);
        goto done;
    }
    pass(res, MID_CHECK_DEVICE_SIGNATURE);

    /* FRESHNESS: a screenshot dies within the window. */
    if (p.iat > now + ctx->cfg.skew_s) {
        err = fail(res, MID_CHECK_FRESHNESS, MID_ERR_FUTURE);
        goto done;
    }
    if (now - p.iat > ctx->cfg.freshness_s) {
        err = fail(res, MID_CHECK_FRESHNESS, MID_ERR_STALE);
        goto done;
    }
    pass(res, MID_CHECK_FRESHNESS);

    /* REPLAY: one accepted presentation, one entry (anti-passback). */
    if (replay_seen(ctx, p.nonce, now)) {
        err = fail(res, MID_CHECK_REPLAY, MID_ERR_REPLAY);
        goto done;
    }
    /* The nonces accepted before a restart are gone with the RAM; every one
     * of them was dated at or before replay_floor (docs/trusted-time.md). */
    if (p.iat <= ctx->cfg.replay_floor) {
        err = fail(res, MID_CHECK_REPLAY, MID_ERR_REPLAY_RESTART);
        goto done;
    }
    pass(res, MID_CHECK_REPLAY);

    /* REVOKED: fail closed when there is no revocation data at all. */
    if (!ctx->revocation) {
        err = fail(res, MID_CHECK_REVOKED, MID_ERR_NO_REVOCATION);
        goto done;
    }
    if (mid_revocation_contains(ctx->revocation, res->claims.cred_id)) {
        err = fail(res, MID_CHECK_REVOKED, MID_ERR_REVOKED);
        goto done;
    }
    pass(res, MID_CHECK_REVOKED);

    /* PURPOSE */
    if ((err = mid_request_check(req, &res->claims)) != MID_OK) {
        err = fail(res, MID_CHECK_PURPOSE, err);
        goto done;
    }
    pass(res, MID_CHECK_PURPOSE);

    /* REVOCATION_STALE: a list that is too old may lack a revocation.
     * The issuer's signed valid_until always holds; the kiosk's age limit
     * may be relaxed to a warning by the operator (revocation_policy). */
    {
        const mid_revocation *rv = ctx->revocation;
        int64_t age = now - rv->issued;
        res->revocation_age_s = age < 0 ? 0 : age;
        if (rv->valid_until > 0 && now >= rv->valid_until) {
            err = fail(res, MID_CHECK_REVOCATION_STALE,
                       rv->format == MID_BUNDLE_FORMAT_LEGACY ? MID_ERR_BUNDLE_LEGACY
                                                              : MID_ERR_BUNDLE_EXPIRED);
            goto done;
        }
        if (ctx->cfg.revocation_max_s > 0 && age > ctx->cfg.revocation_max_s) {
            if (!ctx->cfg.revocation_warn_only) {
                err = fail(res, MID_CHECK_REVOCATION_STALE, MID_ERR_REVOCATION_STALE);
                goto done;
            }
            res->revocation_stale_warned = 1;
        }
    }
    pass(res, MID_CHECK_REVOCATION_STALE);

    res->claims.iat = p.iat;
    replay_put(ctx, p.nonce, p.iat);
    res->verdict = MID_VERDICT_VALID;
    res->err = MID_OK;
    err = MID_OK;
done:
    if (res->verdict != MID_VERDICT_VALID)
        mid_claims_wipe(&res->claims);
    mid_wipe(buf, sizeof buf);
    mid_wipe(&p, sizeof p);
    mid_wipe(device_pub, sizeof device_pub);
    return err;
}
