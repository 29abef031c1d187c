/* mid-kiosk tests — the fake crypto adapter (see fake_crypto.h). */
#include "fake_crypto.h"

#include <string.h>

/* ---- SHA-256 (FIPS 180-4), straightforward and slow enough for tests */

typedef struct sha256_ctx {
    uint32_t h[8];
    uint8_t block[64];
    size_t fill;
    uint64_t bytes;
} sha256_ctx;

static const uint32_t K256[64] = {
    0x428a2f98u, 0x71374491u, 0xb5c0fbcfu, 0xe9b5dba5u, 0x3956c25bu, 0x59f111f1u, 0x923f82a4u, 0xab1c5ed5u,
    0xd807aa98u, 0x12835b01u, 0x243185beu, 0x550c7dc3u, 0x72be5d74u, 0x80deb1feu, 0x9bdc06a7u, 0xc19bf174u,
    0xe49b69c1u, 0xefbe4786u, 0x0fc19dc6u, 0x240ca1ccu, 0x2de92c6fu, 0x4a7484aau, 0x5cb0a9dcu, 0x76f988dau,
    0x983e5152u, 0xa831c66du, 0xb00327c8u, 0xbf597fc7u, 0xc6e00bf3u, 0xd5a79147u, 0x06ca6351u, 0x14292967u,
    0x27b70a85u, 0x2e1b2138u, 0x4d2c6dfcu, 0x53380d13u, 0x650a7354u, 0x766a0abbu, 0x81c2c92eu, 0x92722c85u,
    0xa2bfe8a1u, 0xa81a664bu, 0xc24b8b70u, 0xc76c51a3u, 0xd192e819u, 0xd6990624u, 0xf40e3585u, 0x106aa070u,
    0x19a4c116u, 0x1e376c08u, 0x2748774cu, 0x34b0bcb5u, 0x391c0cb3u, 0x4ed8aa4au, 0x5b9cca4fu, 0x682e6ff3u,
    0x748f82eeu, 0x78a5636fu, 0x84c87814u, 0x8cc70208u, 0x90befffau, 0xa4506cebu, 0xbef9a3f7u, 0xc67178f2u};

static uint32_t ror(uint32_t x, unsigned n)
{
    return (x >> n) | (x << (32u - n));
}

static void sha256_block(sha256_ctx *c, const uint8_t *p)
{
    uint32_t w[64], a, b, d, e, f, g, h, cc, t1, t2;
    unsigned i;

    for (i = 0; i < 16; i++)
        w[i] = (uint32_t)p[4 * i] << 24 | (uint32_t)p[4 * i + 1] << 16 |
               (uint32_t)p[4 * i + 2] << 8 | p[4 * i + 3];
    for (i = 16; i < 64; i++) {
        uint32_t s0 = ror(w[i - 15], 7) ^ ror(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = ror(w[i - 2], 17) ^ ror(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    a = c->h[0];
    b = c->h[1];
    cc = c->h[2];
    d = c->h[3];
    e = c->h[4];
    f = c->h[5];
    g = c->h[6];
    h = c->h[7];
    for (i = 0; i < 64; i++) {
        t1 = h + (ror(e, 6) ^ ror(e, 11) ^ ror(e, 25)) + ((e & f) ^ (~e & g)) + K256[i] + w[i];
        t2 = (ror(a, 2) ^ ror(a, 13) ^ ror(a, 22)) + ((a & b) ^ (a & cc) ^ (b & cc));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = cc;
        cc = b;
        b = a;
        a = t1 + t2;
    }
    c->h[0] += a;
    c->h[1] += b;
    c->h[2] += cc;
    c->h[3] += d;
    c->h[4] += e;
    c->h[5] += f;
    c->h[6] += g;
    c->h[7] += h;
}

static void sha256_init(sha256_ctx *c)
{
    static const uint32_t iv[8] = {0x6a09e667u, 0xbb67ae85u, 0x3c6ef372u, 0xa54ff53au,
                                   0x510e527fu, 0x9b05688cu, 0x1f83d9abu, 0x5be0cd19u};
    memcpy(c->h, iv, sizeof iv);
    c->fill = 0;
    c->bytes = 0;
}

static void sha256_update(sha256_ctx *c, const uint8_t *p, size_t n)
{
    c->bytes += n;
    while (n > 0) {
        size_t k = 64u - c->fill < n ? 64u - c->fill : n;
        memcpy(c->block + c->fill, p, k);
        c->fill += k;
        p += k;
        n -= k;
        if (c->fill == 64u) {
            sha256_block(c, c->block);
            c->fill = 0;
        }
    }
}

static void sha256_final(sha256_ctx *c, uint8_t out[MID_SHA256_LEN])
{
    uint64_t bits = c->bytes * 8u;
    uint8_t pad = 0x80u, zero = 0, len[8];
    unsigned i;

    sha256_update(c, &pad, 1);
    while (c->fill != 56u)
        sha256_update(c, &zero, 1);
    for (i = 0; i < 8; i++)
        len[i] = (uint8_t)(bits >> (56u - 8u * i));
    sha256_update(c, len, 8);
    for (i = 0; i < 8; i++) {
        out[4 * i] = (uint8_t)(c->h[i] >> 24);
        out[4 * i + 1] = (uint8_t)(c->h[i] >> 16);
        out[4 * i + 2] = (uint8_t)(c->h[i] >> 8);
        out[4 * i + 3] = (uint8_t)c->h[i];
    }
}

/* SHA-256 of a label and up to two byte strings. */
static void hash3(const char *label, const uint8_t *a, size_t alen, const uint8_t *b,
                  size_t blen, uint8_t out[MID_SHA256_LEN])
{
    sha256_ctx c;
    sha256_init(&c);
    sha256_update(&c, (const uint8_t *)label, strlen(label));
    if (alen)
        sha256_update(&c, a, alen);
    if (blen)
        sha256_update(&c, b, blen);
    sha256_final(&c, out);
}

/* ---- the interface */

static unsigned long g_verify_calls;
static uint64_t g_random_counter;

unsigned long fake_crypto_verify_calls(void)
{
    return g_verify_calls;
}

mid_err mid_crypto_init(void)
{
    return MID_OK;
}

void mid_crypto_deinit(void)
{
}

mid_err mid_crypto_sha256(const mid_span *parts, size_t nparts, uint8_t out[MID_SHA256_LEN])
{
    sha256_ctx c;
    if (!out || (!parts && nparts))
        return MID_ERR_ARG;
    sha256_init(&c);
    for (size_t i = 0; i < nparts; i++) {
        if (parts[i].len)
            sha256_update(&c, parts[i].ptr, parts[i].len);
    }
    sha256_final(&c, out);
    return MID_OK;
}

/* Y for X with the given parity: the fake "curve equation". */
static void fake_y(const uint8_t x[MID_P256_COORD_LEN], int odd, uint8_t y[MID_P256_COORD_LEN])
{
    hash3("fake-y", x, MID_P256_COORD_LEN, NULL, 0, y);
    y[MID_P256_COORD_LEN - 1] = (uint8_t)((y[MID_P256_COORD_LEN - 1] & 0xFEu) | (odd ? 1u : 0u));
}

mid_err mid_crypto_p256_check_point(const uint8_t pub[MID_P256_POINT_LEN])
{
    uint8_t y[MID_P256_COORD_LEN];
    const uint8_t *x, *py;

    if (!pub)
        return MID_ERR_ARG;
    if (pub[0] != 0x04u)
        return MID_ERR_KEY_FORMAT;
    x = pub + 1;
    py = pub + 1 + MID_P256_COORD_LEN;
    fake_y(x, py[MID_P256_COORD_LEN - 1] & 1u, y);
    return memcmp(y, py, MID_P256_COORD_LEN) == 0 ? MID_OK : MID_ERR_KEY_FORMAT;
}

mid_err mid_crypto_p256_decompress(const uint8_t x[MID_P256_COORD_LEN], int y_odd,
                                   uint8_t pub[MID_P256_POINT_LEN])
{
    if (!x || !pub)
        return MID_ERR_ARG;
    pub[0] = 0x04;
    memcpy(pub + 1, x, MID_P256_COORD_LEN);
    fake_y(x, y_odd, pub + 1 + MID_P256_COORD_LEN);
    return MID_OK;
}

static void fake_sig(const uint8_t pub[MID_P256_POINT_LEN], const uint8_t hash[MID_SHA256_LEN],
                     uint8_t sig[MID_P256_SIG_LEN])
{
    hash3("fake-r", pub, MID_P256_POINT_LEN, hash, MID_SHA256_LEN, sig);
    hash3("fake-s", pub, MID_P256_POINT_LEN, hash, MID_SHA256_LEN, sig + 32);
}

mid_err mid_crypto_p256_verify(const uint8_t pub[MID_P256_POINT_LEN],
                               const uint8_t hash[MID_SHA256_LEN],
                               const uint8_t sig[MID_P256_SIG_LEN], mid_err on_mismatch)
{
    uint8_t want[MID_P256_SIG_LEN];
    mid_err err;

    if (!pub || !hash || !sig)
        return MID_ERR_ARG;
    g_verify_calls++;
    if ((err = mid_crypto_p256_check_point(pub)) != MID_OK)
        return err;
    fake_sig(pub, hash, want);
    return memcmp(want, sig, MID_P256_SIG_LEN) == 0 ? MID_OK : on_mismatch;
}

mid_err mid_crypto_random(uint8_t *out, size_t len)
{
    uint8_t block[MID_SHA256_LEN], ctr[8];

    if (!out && len)
        return MID_ERR_ARG;
    while (len > 0) {
        size_t k = len < sizeof block ? len : sizeof block;
        for (unsigned i = 0; i < 8; i++)
            ctr[i] = (uint8_t)(g_random_counter >> (8u * i));
        g_random_counter++;
        hash3("fake-random", ctr, sizeof ctr, NULL, 0, block);
        memcpy(out, block, k);
        out += k;
        len -= k;
    }
    return MID_OK;
}

static void pub_of(const uint8_t priv[MID_P256_COORD_LEN], uint8_t pub[MID_P256_POINT_LEN])
{
    uint8_t x[MID_P256_COORD_LEN];
    hash3("fake-x", priv, MID_P256_COORD_LEN, NULL, 0, x);
    (void)mid_crypto_p256_decompress(x, priv[0] & 1u, pub);
}

mid_err mid_crypto_p256_keygen(uint8_t priv[MID_P256_COORD_LEN], uint8_t pub[MID_P256_POINT_LEN])
{
    if (!priv || !pub)
        return MID_ERR_ARG;
    (void)mid_crypto_random(priv, MID_P256_COORD_LEN);
    pub_of(priv, pub);
    return MID_OK;
}

mid_err mid_crypto_p256_sign(const uint8_t priv[MID_P256_COORD_LEN],
                             const uint8_t hash[MID_SHA256_LEN], uint8_t sig[MID_P256_SIG_LEN])
{
    uint8_t pub[MID_P256_POINT_LEN];
    if (!priv || !hash || !sig)
        return MID_ERR_ARG;
    pub_of(priv, pub);
    fake_sig(pub, hash, sig);
    return MID_OK;
}

mid_err mid_crypto_p256_priv_from_pem(const char *pem, size_t len, uint8_t priv[MID_P256_COORD_LEN],
                                      uint8_t pub[MID_P256_POINT_LEN])
{
    (void)pem;
    (void)len;
    (void)priv;
    (void)pub;
    return MID_ERR_CRYPTO;
}

mid_err mid_crypto_p256_priv_to_pem(const uint8_t priv[MID_P256_COORD_LEN], char *out, size_t cap)
{
    (void)priv;
    (void)out;
    (void)cap;
    return MID_ERR_CRYPTO;
}

mid_err mid_crypto_p256_pub_from_pem(const char *pem, size_t len, uint8_t pub[MID_P256_POINT_LEN])
{
    (void)pem;
    (void)len;
    (void)pub;
    return MID_ERR_CRYPTO;
}

mid_err mid_crypto_p256_pub_to_pem(const uint8_t pub[MID_P256_POINT_LEN], char *out, size_t cap)
{
    (void)pub;
    (void)out;
    (void)cap;
    return MID_ERR_CRYPTO;
}
