/* Base45 (RFC 9285), strict. */
#include "mid/mid_base45.h"

static const char ALPHABET[45] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

static int b45_value(uint8_t c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    switch (c) {
    case ' ':
        return 36;
    case '$':
        return 37;
    case '%':
        return 38;
    case '*':
        return 39;
    case '+':
        return 40;
    case '-':
        return 41;
    case '.':
        return 42;
    case '/':
        return 43;
    case ':':
        return 44;
    default:
        return -1;
    }
}

mid_err mid_base45_decode(const uint8_t *in, size_t in_len, uint8_t *out,
                          size_t out_cap, size_t *out_len)
{
    size_t i = 0, o = 0;

    if ((!in && in_len) || !out || !out_len)
        return MID_ERR_ARG;
    *out_len = 0;
    /* A lone trailing character carries no byte: malformed. */
    if (in_len % 3u == 1u)
        return MID_ERR_BASE45;
    while (i < in_len) {
        size_t chunk = (in_len - i >= 3u) ? 3u : 2u;
        uint32_t v = 0, mul = 1;
        size_t k;
        for (k = 0; k < chunk; k++) {
            int d = b45_value(in[i + k]);
            if (d < 0)
                return MID_ERR_BASE45;
            v += (uint32_t)d * mul;
            mul *= 45u;
        }
        if (chunk == 3u) {
            if (v > 0xFFFFu)
                return MID_ERR_BASE45;
            if (o + 2u > out_cap)
                return MID_ERR_TOO_LARGE;
            out[o++] = (uint8_t)(v >> 8);
            out[o++] = (uint8_t)(v & 0xFFu);
        } else {
            if (v > 0xFFu)
                return MID_ERR_BASE45;
            if (o + 1u > out_cap)
                return MID_ERR_TOO_LARGE;
            out[o++] = (uint8_t)v;
        }
        i += chunk;
    }
    *out_len = o;
    return MID_OK;
}

mid_err mid_base45_encode(const uint8_t *in, size_t in_len, char *out,
                          size_t out_cap, size_t *out_len)
{
    size_t i = 0, o = 0;

    if ((!in && in_len) || !out || !out_len)
        return MID_ERR_ARG;
    if (MID_BASE45_ENCODED_LEN(in_len) + 1u > out_cap)
        return MID_ERR_BUFFER;
    while (i < in_len) {
        if (in_len - i >= 2u) {
            uint32_t v = ((uint32_t)in[i] << 8) | in[i + 1];
            out[o++] = ALPHABET[v % 45u];
            out[o++] = ALPHABET[(v / 45u) % 45u];
            out[o++] = ALPHABET[v / 2025u];
            i += 2;
        } else {
            uint32_t v = in[i];
            out[o++] = ALPHABET[v % 45u];
            out[o++] = ALPHABET[v / 45u];
            i += 1;
        }
    }
    out[o] = '\0';
    *out_len = o;
    return MID_OK;
}
