/* Base45 (RFC 9285): the RFC's own examples both ways, round trips of every
 * length, and the strict decoder's rejections (alphabet, dangling
 * character, chunk values out of range, output buffer). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_base45.h"

typedef struct example {
    const char *bytes;
    const char *text;
} example;

/* RFC 9285 §4.3 and §4.4. */
static const example RFC_EXAMPLES[] = {
    {"AB", "BB8"},
    {"Hello!!", "%69 VD92EX0"},
    {"base-45", "UJCLQE7W581"},
    {"ietf!", "QED8WEX0"},
};
#define N_EXAMPLES (sizeof RFC_EXAMPLES / sizeof RFC_EXAMPLES[0])

static mid_err decode_str(const char *text, uint8_t *out, size_t cap,
                          size_t *len)
{
    return mid_base45_decode((const uint8_t *)text, strlen(text), out, cap, len);
}

static void test_rfc_examples_encode(void **state)
{
    char out[64];
    size_t len = 99;
    (void)state;
    for (size_t i = 0; i < N_EXAMPLES; i++) {
        const example *e = &RFC_EXAMPLES[i];
        assert_int_equal(mid_base45_encode((const uint8_t *)e->bytes,
                                           strlen(e->bytes), out, sizeof out, &len),
                         MID_OK);
        assert_int_equal(len, strlen(e->text));
        assert_string_equal(out, e->text); /* NUL-terminated */
        assert_int_equal(len, MID_BASE45_ENCODED_LEN(strlen(e->bytes)));
    }
}

static void test_rfc_examples_decode(void **state)
{
    uint8_t out[64];
    size_t len = 99;
    (void)state;
    for (size_t i = 0; i < N_EXAMPLES; i++) {
        const example *e = &RFC_EXAMPLES[i];
        assert_int_equal(decode_str(e->text, out, sizeof out, &len), MID_OK);
        assert_int_equal(len, strlen(e->bytes));
        assert_memory_equal(out, e->bytes, len);
        assert_true(len <= MID_BASE45_DECODED_MAX(strlen(e->text)));
    }
}

/* Chunk boundaries: 0, 255 and 65535 are the largest values that fit. */
static void test_boundary_values(void **state)
{
    uint8_t out[8];
    size_t len;
    char text[16];
    (void)state;
    assert_int_equal(decode_str("000", out, sizeof out, &len), MID_OK);
    assert_int_equal(len, 2);
    assert_int_equal(out[0], 0);
    assert_int_equal(out[1], 0);
    /* 65535 = 30 + 36*45 + 32*2025 -> "FGW" (RFC 9285 §4) */
    assert_int_equal(decode_str("FGW", out, sizeof out, &len), MID_OK);
    assert_int_equal(len, 2);
    assert_int_equal(out[0], 0xFF);
    assert_int_equal(out[1], 0xFF);
    /* 255 = 30 + 5*45 -> "U5" */
    assert_int_equal(decode_str("U5", out, sizeof out, &len), MID_OK);
    assert_int_equal(len, 1);
    assert_int_equal(out[0], 0xFF);
    /* and the encoder agrees */
    static const uint8_t ffff[] = {0xFF, 0xFF, 0xFF};
    assert_int_equal(mid_base45_encode(ffff, 3, text, sizeof text, &len), MID_OK);
    assert_string_equal(text, "FGWU5");
}

static void test_empty(void **state)
{
    uint8_t out[1];
    char text[1];
    size_t len = 7;
    (void)state;
    assert_int_equal(mid_base45_decode((const uint8_t *)"", 0, out, sizeof out, &len), MID_OK);
    assert_int_equal(len, 0);
    len = 7;
    assert_int_equal(mid_base45_decode(NULL, 0, out, sizeof out, &len), MID_OK);
    assert_int_equal(len, 0);
    len = 7;
    assert_int_equal(mid_base45_encode(NULL, 0, text, sizeof text, &len), MID_OK);
    assert_int_equal(len, 0);
    assert_int_equal(text[0], '\0');
}

static uint32_t xs32(uint32_t *s)
{
    uint32_t x = *s;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

/* Every length 0..200, pseudo-random content (fixed seed: reproducible). */
static void test_round_trip_every_length(void **state)
{
    uint8_t in[200], back[200];
    char text[MID_BASE45_ENCODED_LEN(200u) + 1u];
    uint32_t seed = 0xC0FFEEu;
    (void)state;
    for (size_t n = 0; n <= sizeof in; n++) {
        size_t tl = 0, bl = 0;
        for (size_t i = 0; i < n; i++)
            in[i] = (uint8_t)xs32(&seed);
        /* extreme bytes too: all 0x00 and all 0xFF on some lengths */
        if (n % 50u == 7u)
            memset(in, 0xFF, n);
        if (n % 50u == 8u)
            memset(in, 0x00, n);
        assert_int_equal(mid_base45_encode(in, n, text, sizeof text, &tl), MID_OK);
        assert_int_equal(tl, MID_BASE45_ENCODED_LEN(n));
        assert_int_equal(strlen(text), tl);
        assert_int_equal(mid_base45_decode((const uint8_t *)text, tl, back,
                                           MID_BASE45_DECODED_MAX(tl), &bl),
                         MID_OK);
        assert_int_equal(bl, n);
        assert_memory_equal(back, in, n);
    }
}

static void test_reject_alphabet(void **state)
{
    /* Each replaces one character of a valid "BB8" / "QED8WEX0". */
    static const char *const bad[] = {
        "bB8",      /* lower case */
        "qED8WEX0", /* lower case first character */
        "B#8",      /* '#' is not in the alphabet */
        "BB=",      /* '=' neither (no padding in Base45) */
        "B\t8",     /* whitespace other than ' ' */
        "BB\n",     /* newline */
        "_B8",
        "EX0,Q", /* ',' in the trailing pair */
    };
    uint8_t out[32];
    size_t len = 99;
    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        len = 99;
        assert_int_equal(decode_str(bad[i], out, sizeof out, &len), MID_ERR_BASE45);
        assert_int_equal(len, 0);
    }
    /* NUL and bytes >= 0x80 inside the text (strlen would stop at NUL) */
    static const uint8_t nul[] = {'B', 0x00, '8'};
    static const uint8_t high[] = {'B', 'B', 0x80};
    static const uint8_t high2[] = {0xC3, 0x89, 'A'}; /* "ÉA" in UTF-8 */
    assert_int_equal(mid_base45_decode(nul, sizeof nul, out, sizeof out, &len), MID_ERR_BASE45);
    assert_int_equal(mid_base45_decode(high, sizeof high, out, sizeof out, &len), MID_ERR_BASE45);
    assert_int_equal(mid_base45_decode(high2, sizeof high2, out, sizeof out, &len), MID_ERR_BASE45);
}

/* Every one of the 256 byte values: exactly the 45 alphabet characters
 * decode (as the first character of a pair), everything else is refused. */
static void test_alphabet_exhaustive(void **state)
{
    static const char alphabet[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    uint8_t out[4], in[2];
    size_t len, accepted = 0;
    (void)state;
    for (unsigned c = 0; c < 256u; c++) {
        in[0] = (uint8_t)c;
        in[1] = '0'; /* value c + 0: always <= 255 */
        mid_err e = mid_base45_decode(in, 2, out, sizeof out, &len);
        int member = c != 0 && memchr(alphabet, (int)c, sizeof alphabet - 1u) != NULL;
        if (member) {
            assert_int_equal(e, MID_OK);
            assert_int_equal(out[0], (uint8_t)(strchr(alphabet, (int)c) - alphabet));
            accepted++;
        } else {
            assert_int_equal(e, MID_ERR_BASE45);
        }
    }
    assert_int_equal(accepted, 45);
}

static void test_reject_dangling(void **state)
{
    uint8_t out[32];
    size_t len;
    (void)state;
    assert_int_equal(decode_str("A", out, sizeof out, &len), MID_ERR_BASE45);
    assert_int_equal(decode_str("BB8A", out, sizeof out, &len), MID_ERR_BASE45);
    assert_int_equal(decode_str("BB8BB8A", out, sizeof out, &len), MID_ERR_BASE45);
    /* 1, 4, 7, ... characters are never a valid length */
    for (size_t n = 1; n < 30; n += 3) {
        char t[32];
        memset(t, '0', n);
        t[n] = '\0';
        assert_int_equal(decode_str(t, out, sizeof out, &len), MID_ERR_BASE45);
    }
}

static void test_reject_triplet_over_65535(void **state)
{
    uint8_t out[32];
    size_t len;
    (void)state;
    /* 65536 = 16 + 16*45 + 32*2025 -> "GGW": one past "FGW" */
    assert_int_equal(decode_str("GGW", out, sizeof out, &len), MID_ERR_BASE45);
    /* ":::" = 44 * (1 + 45 + 2025) = 91124 */
    assert_int_equal(decode_str(":::", out, sizeof out, &len), MID_ERR_BASE45);
    /* "00:" = 44*2025 = 89100 */
    assert_int_equal(decode_str("00:", out, sizeof out, &len), MID_ERR_BASE45);
    /* after a valid chunk, too */
    assert_int_equal(decode_str("BB8:::", out, sizeof out, &len), MID_ERR_BASE45);
}

static void test_reject_pair_over_255(void **state)
{
    uint8_t out[32];
    size_t len;
    (void)state;
    /* 256 = 31 + 5*45 -> "V5": one past "U5" */
    assert_int_equal(decode_str("V5", out, sizeof out, &len), MID_ERR_BASE45);
    /* "::" = 44 + 44*45 = 2024 */
    assert_int_equal(decode_str("::", out, sizeof out, &len), MID_ERR_BASE45);
    /* "06" = 0 + 6*45 = 270 */
    assert_int_equal(decode_str("06", out, sizeof out, &len), MID_ERR_BASE45);
    assert_int_equal(decode_str("BB8V5", out, sizeof out, &len), MID_ERR_BASE45);
}

/* The decoder reports an output buffer that is too small as TOO_LARGE
 * (the input decodes to more than the caller allows), the encoder as
 * BUFFER; neither writes past the capacity. */
static void test_buffer_too_small(void **state)
{
    uint8_t out[8];
    char text[16];
    size_t len = 99;
    (void)state;
    memset(out, 0xAA, sizeof out);
    /* "Hello!!" needs 7 bytes */
    assert_int_equal(decode_str("%69 VD92EX0", out, 6, &len), MID_ERR_TOO_LARGE);
    assert_int_equal(len, 0);
    assert_int_equal(out[6], 0xAA);
    assert_int_equal(out[7], 0xAA);
    assert_int_equal(decode_str("%69 VD92EX0", out, 7, &len), MID_OK);
    assert_int_equal(len, 7);
    /* odd byte left over with no room */
    assert_int_equal(decode_str("BB8U5", out, 2, &len), MID_ERR_TOO_LARGE);
    assert_int_equal(decode_str("BB8", out, 0, &len), MID_ERR_TOO_LARGE);

    /* encoder: 11 characters + NUL */
    memset(text, 'Z', sizeof text);
    assert_int_equal(mid_base45_encode((const uint8_t *)"Hello!!", 7, text, 11, &len),
                     MID_ERR_BUFFER);
    assert_int_equal(text[0], 'Z');
    assert_int_equal(mid_base45_encode((const uint8_t *)"Hello!!", 7, text, 12, &len), MID_OK);
    assert_string_equal(text, "%69 VD92EX0");
    assert_int_equal(mid_base45_encode(NULL, 0, text, 0, &len), MID_ERR_BUFFER);
}

static void test_arguments(void **state)
{
    uint8_t out[4];
    char text[8];
    size_t len;
    (void)state;
    assert_int_equal(mid_base45_decode(NULL, 3, out, sizeof out, &len), MID_ERR_ARG);
    assert_int_equal(mid_base45_decode((const uint8_t *)"BB8", 3, NULL, 4, &len), MID_ERR_ARG);
    assert_int_equal(mid_base45_decode((const uint8_t *)"BB8", 3, out, sizeof out, NULL), MID_ERR_ARG);
    assert_int_equal(mid_base45_encode(NULL, 2, text, sizeof text, &len), MID_ERR_ARG);
    assert_int_equal(mid_base45_encode((const uint8_t *)"AB", 2, NULL, 8, &len), MID_ERR_ARG);
    assert_int_equal(mid_base45_encode((const uint8_t *)"AB", 2, text, sizeof text, NULL), MID_ERR_ARG);
}

/* The size macros against the largest QR the kiosk reads. */
static void test_size_macros(void **state)
{
    (void)state;
    assert_int_equal(MID_BASE45_ENCODED_LEN(0u), 0);
    assert_int_equal(MID_BASE45_ENCODED_LEN(1u), 2);
    assert_int_equal(MID_BASE45_ENCODED_LEN(2u), 3);
    assert_int_equal(MID_BASE45_ENCODED_LEN(3u), 5);
    assert_int_equal(MID_BASE45_DECODED_MAX(2u), 1);
    assert_int_equal(MID_BASE45_DECODED_MAX(3u), 3);
    assert_int_equal(MID_BASE45_DECODED_MAX(5u), 3);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_rfc_examples_encode),
        cmocka_unit_test(test_rfc_examples_decode),
        cmocka_unit_test(test_boundary_values),
        cmocka_unit_test(test_empty),
        cmocka_unit_test(test_round_trip_every_length),
        cmocka_unit_test(test_reject_alphabet),
        cmocka_unit_test(test_alphabet_exhaustive),
        cmocka_unit_test(test_reject_dangling),
        cmocka_unit_test(test_reject_triplet_over_65535),
        cmocka_unit_test(test_reject_pair_over_255),
        cmocka_unit_test(test_buffer_too_small),
        cmocka_unit_test(test_arguments),
        cmocka_unit_test(test_size_macros),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
