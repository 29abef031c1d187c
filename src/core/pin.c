/* Operator PIN hash and lockout state (include/mid/mid_pin.h). */
#include <string.h>

#include "mid/mid_crypto.h"
#include "mid/mid_pin.h"

static const char PREFIX[] = "pbkdf2-sha256$";

/* Appends text (its NUL not included) at out[*pos]; 0 if it does not fit
 * with room for a final NUL. The core has no stdio. */
static int put_str(char *out, size_t cap, size_t *pos, const char *text)
{
    size_t n = strlen(text);
    if (n >= cap - *pos)
        return 0;
    memcpy(out + *pos, text, n);
    *pos += n;
    out[*pos] = '\0';
    return 1;
}

/* Appends v in decimal, shortest form. */
static int put_u64(char *out, size_t cap, size_t *pos, uint64_t v)
{
    char digits[21];
    size_t i = sizeof digits - 1u;
    digits[i] = '\0';
    do {
        digits[--i] = (char)('0' + (int)(v % 10u));
        v /= 10u;
    } while (v);
    return put_str(out, cap, pos, digits + i);
}

int mid_pin_digits_ok(const char *pin, size_t len)
{
    if (!pin || len == 0 || len > MID_PIN_MAX_DIGITS)
        return 0;
    for (size_t i = 0; i < len; i++)
        if (pin[i] < '0' || pin[i] > '9')
            return 0;
    return 1;
}

mid_err mid_pin_hash_make(const char *pin, size_t len, uint32_t iterations,
                          const uint8_t salt[MID_PIN_SALT_LEN], mid_pin_hash *out)
{
    if (!out || !salt || !mid_pin_digits_ok(pin, len) || iterations < MID_PIN_ITER_MIN ||
        iterations > MID_PIN_ITER_MAX)
        return MID_ERR_ARG;
    out->iterations = iterations;
    memcpy(out->salt, salt, MID_PIN_SALT_LEN);
    return mid_crypto_pbkdf2_sha256((const uint8_t *)pin, len, salt, MID_PIN_SALT_LEN,
                                    iterations, out->hash, MID_PIN_HASH_LEN);
}

int mid_pin_hash_verify(const mid_pin_hash *h, const char *pin, size_t len)
{
    uint8_t got[MID_PIN_HASH_LEN];
    int ok = 0;

    if (!h || !mid_pin_digits_ok(pin, len) || h->iterations < MID_PIN_ITER_MIN ||
        h->iterations > MID_PIN_ITER_MAX)
        return 0;
    if (mid_crypto_pbkdf2_sha256((const uint8_t *)pin, len, h->salt, MID_PIN_SALT_LEN,
                                 h->iterations, got, sizeof got) == MID_OK)
        ok = mid_crypto_ct_equal(got, h->hash, sizeof got);
    mid_wipe(got, sizeof got);
    return ok;
}

static int hexval(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1; /* upper case refused: one spelling per hash */
}

static int hex_field(const char *s, size_t n, uint8_t *out, size_t out_len)
{
    if (n != out_len * 2u)
        return -1;
    for (size_t i = 0; i < out_len; i++) {
        int hi = hexval(s[2 * i]), lo = hexval(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return -1;
        out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* Decimal without sign, leading zero or overflow, in [lo, hi]. */
static int dec_field(const char *s, size_t n, uint64_t lo, uint64_t hi, uint64_t *out)
{
    uint64_t v = 0;
    if (n == 0 || n > 19 || (n > 1 && s[0] == '0'))
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10u + (uint64_t)(s[i] - '0');
    }
    if (v < lo || v > hi)
        return -1;
    *out = v;
    return 0;
}

/* One line: drop a single trailing '\n'; anything else non-printable is
 * an error later (no field accepts it). */
static size_t strip_newline(const char *text, size_t len)
{
    return len > 0 && text[len - 1] == '\n' ? len - 1 : len;
}

mid_err mid_pin_hash_parse(const char *text, size_t len, mid_pin_hash *out)
{
    mid_pin_hash h;
    const char *p, *end, *d1, *d2;
    uint64_t it;

    if (!text || !out)
        return MID_ERR_ARG;
    if (len > MID_PIN_FILE_MAX)
        return MID_ERR_PIN_FILE;
    len = strip_newline(text, len);
    if (len < sizeof PREFIX - 1u || memcmp(text, PREFIX, sizeof PREFIX - 1u) != 0)
        return MID_ERR_PIN_FILE;
    p = text + sizeof PREFIX - 1u;
    end = text + len;
    d1 = memchr(p, '$', (size_t)(end - p));
    if (!d1)
        return MID_ERR_PIN_FILE;
    d2 = memchr(d1 + 1, '$', (size_t)(end - d1 - 1));
    if (!d2)
        return MID_ERR_PIN_FILE;
    if (dec_field(p, (size_t)(d1 - p), MID_PIN_ITER_MIN, MID_PIN_ITER_MAX, &it) ||
        hex_field(d1 + 1, (size_t)(d2 - d1 - 1), h.salt, sizeof h.salt) ||
        hex_field(d2 + 1, (size_t)(end - d2 - 1), h.hash, sizeof h.hash))
        return MID_ERR_PIN_FILE;
    h.iterations = (uint32_t)it;
    *out = h;
    mid_wipe(&h, sizeof h);
    return MID_OK;
}

static void hex_put(char *dst, const uint8_t *src, size_t n)
{
    static const char X[] = "0123456789abcdef";
    for (size_t i = 0; i < n; i++) {
        dst[2 * i] = X[src[i] >> 4];
        dst[2 * i + 1] = X[src[i] & 15u];
    }
}

mid_err mid_pin_hash_format(const mid_pin_hash *h, char *out, size_t cap, size_t *len)
{
    size_t pos = 0;

    if (!h || !out || !len || h->iterations < MID_PIN_ITER_MIN || h->iterations > MID_PIN_ITER_MAX)
        return MID_ERR_ARG;
    if (cap < MID_PIN_FILE_MAX)
        return MID_ERR_BUFFER;
    if (!put_str(out, cap, &pos, PREFIX) || !put_u64(out, cap, &pos, h->iterations) ||
        !put_str(out, cap, &pos, "$"))
        return MID_ERR_BUFFER;
    hex_put(out + pos, h->salt, sizeof h->salt);
    pos += 2u * sizeof h->salt;
    out[pos++] = '$';
    hex_put(out + pos, h->hash, sizeof h->hash);
    pos += 2u * sizeof h->hash;
    out[pos++] = '\n';
    out[pos] = '\0';
    *len = pos;
    return MID_OK;
}

int64_t mid_pin_lock_delay_s(uint32_t failures)
{
    uint32_t nth;
    int64_t d = MID_PIN_LOCK_BASE_S;
    if (failures == 0 || failures % MID_PIN_TRIES != 0)
        return 0;
    nth = failures / MID_PIN_TRIES; /* the nth lockout */
    while (--nth > 0 && d < MID_PIN_LOCK_MAX_S)
        d *= 2;
    return d > MID_PIN_LOCK_MAX_S ? MID_PIN_LOCK_MAX_S : d;
}

mid_err mid_pin_lock_parse(const char *text, size_t len, mid_pin_lock *out)
{
    static const char A[] = "v1 failures=", B[] = " until=";
    const char *p, *end, *sp;
    uint64_t f, u;

    if (!text || !out)
        return MID_ERR_ARG;
    if (len > MID_PIN_LOCK_FILE_MAX)
        return MID_ERR_PIN_LOCK_FILE;
    len = strip_newline(text, len);
    end = text + len;
    if (len < sizeof A - 1u || memcmp(text, A, sizeof A - 1u) != 0)
        return MID_ERR_PIN_LOCK_FILE;
    p = text + sizeof A - 1u;
    sp = memchr(p, ' ', (size_t)(end - p));
    if (!sp || (size_t)(end - sp) < sizeof B - 1u || memcmp(sp, B, sizeof B - 1u) != 0)
        return MID_ERR_PIN_LOCK_FILE;
    if (dec_field(p, (size_t)(sp - p), 0, MID_PIN_FAILURES_MAX, &f) ||
        dec_field(sp + sizeof B - 1u, (size_t)(end - sp) - (sizeof B - 1u), 0,
                  4102444800u /* 2100-01-01 */, &u))
        return MID_ERR_PIN_LOCK_FILE;
    /* a lockout end without the failures that cause one cannot be written
     * by us: someone or something else made this file */
    if (u != 0 && (mid_pin_lock_delay_s((uint32_t)f) == 0 || u < 1577836800u /* 2020 */))
        return MID_ERR_PIN_LOCK_FILE;
    out->failures = (uint32_t)f;
    out->until = (int64_t)u;
    return MID_OK;
}

mid_err mid_pin_lock_format(const mid_pin_lock *l, char *out, size_t cap, size_t *len)
{
    size_t pos = 0;
    if (!l || !out || !len || l->failures > MID_PIN_FAILURES_MAX || l->until < 0)
        return MID_ERR_ARG;
    if (cap == 0 || !put_str(out, cap, &pos, "v1 failures=") ||
        !put_u64(out, cap, &pos, l->failures) || !put_str(out, cap, &pos, " until=") ||
        !put_u64(out, cap, &pos, (uint64_t)l->until) || !put_str(out, cap, &pos, "\n"))
        return MID_ERR_BUFFER;
    *len = pos;
    return MID_OK;
}

int64_t mid_pin_lock_remaining(const mid_pin_lock *l, int64_t now)
{
    int64_t d, left;
    if (!l || l->until <= 0)
        return 0;
    d = mid_pin_lock_delay_s(l->failures);
    left = l->until - now;
    if (left <= 0)
        return 0;
    return left > d ? d : left;
}

void mid_pin_lock_fail_safe(mid_pin_lock *l, int64_t now)
{
    l->failures = MID_PIN_TRIES;
    l->until = now + mid_pin_lock_delay_s(MID_PIN_TRIES);
}
