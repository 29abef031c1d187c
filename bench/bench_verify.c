/* make bench: verification throughput, measured side by side in one run.
 *
 * Rounds alternate between the contenders (A B C A B C ...) so a noisy,
 * shared machine slows them alike; we report the median of the rounds and
 * the ratios the targets are stated in:
 *   full path (no issuer cache) >= 0.9 x raw / 2   (two ECDSA per presentation)
 * and show what the issuer-signature cache adds on top. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mbedtls/ecdsa.h>
#include <mbedtls/ecp.h>
#include <mbedtls/pk.h>

#include "fixtures/world.h"

#define NPRES 300
#define ROUNDS 7
#define ROUND_SECONDS 0.4

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return v[n / 2];
}

static world W;
static char *texts[NPRES];
static size_t lens[NPRES];
static char *same_cred[NPRES];
static size_t same_lens[NPRES];

/* raw: mbedtls_ecdsa_verify with the group kept loaded */
static mbedtls_ecp_group grp;
static mbedtls_ecp_point Q;
static mbedtls_mpi r, s;
static uint8_t hash[32];
static mbedtls_pk_context pk;
static uint8_t der_sig[80];
static size_t der_len;

static double run_raw(void)
{
    double t0 = now_s(), t;
    long n = 0;
    do {
        for (int i = 0; i < 20; i++) {
            if (mbedtls_ecdsa_verify(&grp, hash, 32, &Q, &r, &s) != 0)
                abort();
        }
        n += 20;
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (double)n / (t - t0);
}

static double run_pk(void)
{
    double t0 = now_s(), t;
    long n = 0;
    do {
        for (int i = 0; i < 20; i++) {
            if (mbedtls_pk_verify(&pk, MBEDTLS_MD_SHA256, hash, 32, der_sig, der_len) != 0)
                abort();
        }
        n += 20;
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (double)n / (t - t0);
}

static double run_full(char **t_, size_t *l_, int cache)
{
    static mid_verify_ctx ctx;
    mid_verify_config cfg = W.cfg;
    mid_request req = mid_request_for(MID_PURPOSE_ADULT);
    mid_result res;
    double t0, t;
    long n = 0;
    cfg.cache_issuer = cache;
    if (mid_verify_init(&ctx, &W.trust, &W.revocation, &cfg) != MID_OK)
        abort();
    t0 = now_s();
    do {
        for (int i = 0; i < 10; i++) {
            int k = (int)(n % NPRES);
            if (k == 0 && n > 0)
                mid_verify_init(&ctx, &W.trust, &W.revocation, &cfg); /* forget nonces */
            mid_verify(&ctx, (const uint8_t *)t_[k], l_[k], &req, WORLD_NOW, &res);
            if (res.verdict != MID_VERDICT_VALID) {
                fprintf(stderr, "unexpected verdict %s\n", mid_err_str(res.err));
                abort();
            }
            mid_result_wipe(&res);
            n++;
        }
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (double)n / (t - t0);
}

int main(void)
{
    mid_cred_input in;
    double raw[ROUNDS], pkv[ROUNDS], full[ROUNDS], cached[ROUNDS];
    uint8_t sig[64];

    world_init(&W);
    /* NPRES different credentials (no cache can help) and NPRES
     * presentations of one credential (the phone's 30 s rotation). */
    for (int i = 0; i < NPRES; i++) {
        world_resident(&W, &in);
        in.cred_id[0] = (uint8_t)i;
        in.cred_id[1] = (uint8_t)(i >> 8);
        texts[i] = malloc(MID_MAX_QR_TEXT + 1);
        lens[i] = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, texts[i], MID_MAX_QR_TEXT + 1);
        world_resident(&W, &in);
        same_cred[i] = malloc(MID_MAX_QR_TEXT + 1);
        same_lens[i] = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL, same_cred[i], MID_MAX_QR_TEXT + 1);
    }
    /* raw contender: one real signature over a fixed hash */
    memset(hash, 0x5a, sizeof hash);
    if (mid_crypto_p256_sign(W.issuer.priv, hash, sig) != MID_OK)
        abort();
    mbedtls_ecp_group_init(&grp);
    mbedtls_ecp_point_init(&Q);
    mbedtls_mpi_init(&r);
    mbedtls_mpi_init(&s);
    if (mbedtls_ecp_group_load(&grp, MBEDTLS_ECP_DP_SECP256R1) ||
        mbedtls_ecp_point_read_binary(&grp, &Q, W.issuer.pub, 65) ||
        mbedtls_mpi_read_binary(&r, sig, 32) || mbedtls_mpi_read_binary(&s, sig + 32, 32))
        abort();
    /* pk contender: the same key and signature through mbedtls_pk_verify,
     * which wants the signature DER-encoded: SEQUENCE { INTEGER r, INTEGER s } */
    {
        char pem[1024];
        unsigned char body[76];
        size_t k = 0;
        mbedtls_pk_init(&pk);
        if (mid_crypto_p256_pub_to_pem(W.issuer.pub, pem, sizeof pem) != MID_OK ||
            mbedtls_pk_parse_public_key(&pk, (const unsigned char *)pem, strlen(pem) + 1))
            abort();
        for (int part = 0; part < 2; part++) {
            const uint8_t *v = sig + part * 32;
            size_t lead = 0;
            while (lead < 31 && v[lead] == 0)
                lead++;
            int pad = (v[lead] & 0x80) != 0;
            body[k++] = 0x02;
            body[k++] = (unsigned char)(32 - lead + (size_t)pad);
            if (pad)
                body[k++] = 0;
            memcpy(body + k, v + lead, 32 - lead);
            k += 32 - lead;
        }
        der_sig[0] = 0x30;
        der_sig[1] = (unsigned char)k;
        memcpy(der_sig + 2, body, k);
        der_len = k + 2;
    }
    for (int i = 0; i < ROUNDS; i++) {
        raw[i] = run_raw();
        pkv[i] = run_pk();
        full[i] = run_full(texts, lens, 0);
        cached[i] = run_full(same_cred, same_lens, 1);
    }
    double mraw = median(raw, ROUNDS), mpk = median(pkv, ROUNDS);
    double mfull = median(full, ROUNDS), mcached = median(cached, ROUNDS);
    printf("bench_verify: %d rounds of %.1f s each, interleaved; medians\n", ROUNDS, ROUND_SECONDS);
    printf("  raw mbedtls_ecdsa_verify (group kept)   %8.0f /s\n", mraw);
    printf("  mbedtls_pk_verify                        %8.0f /s   (%.2f x raw)\n", mpk, mpk / mraw);
    printf("  full path, distinct credentials          %8.0f /s   %.2f ms each (Base45+CBOR+COSE+2 ECDSA+checks)\n",
           mfull, 1000.0 / mfull);
    printf("  full path, same credential (cache)       %8.0f /s   %.2f ms each\n", mcached, 1000.0 / mcached);
    printf("  ratio full / (raw/2) = %.2f   (target >= 0.90)\n", mfull / (mraw / 2.0));
    printf("  ratio cached / (raw/2) = %.2f\n", mcached / (mraw / 2.0));
    printf("  presentation text %zu chars\n", lens[0]);
    return 0;
}
