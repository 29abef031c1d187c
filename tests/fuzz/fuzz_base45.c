/* Base45: decode arbitrary text; whatever decodes must re-encode to the
 * very same text (the strict alphabet and range rules make the encoding
 * unique), and must not fit in one byte less. Arbitrary bytes must encode
 * and decode back. Buffers are exactly sized so ASan sees any overflow. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    size_t cap = MID_BASE45_DECODED_MAX(size), n = 0, tl = 0, bl = 0;
    uint8_t *out, *back;
    char *text;
    mid_err err;

    if (size > 8192u)
        return 0;
    out = malloc(cap);
    FUZZ_ASSERT(out != NULL);
    err = mid_base45_decode(data, size, out, cap, &n);
    FUZZ_ASSERT(err == MID_OK || err == MID_ERR_BASE45);
    if (err == MID_OK) {
        FUZZ_ASSERT(n <= cap);
        FUZZ_ASSERT(size == MID_BASE45_ENCODED_LEN(n));
        text = malloc(size + 1u);
        FUZZ_ASSERT(text != NULL);
        FUZZ_ASSERT(mid_base45_encode(out, n, text, size + 1u, &tl) == MID_OK);
        FUZZ_ASSERT(tl == size && memcmp(text, data, size) == 0);
        free(text);
        if (n > 0) {
            size_t n2;
            FUZZ_ASSERT(mid_base45_decode(data, size, out, n - 1u, &n2) == MID_ERR_TOO_LARGE);
        }
    } else {
        FUZZ_ASSERT(n == 0);
    }
    free(out);

    /* the other direction: any bytes */
    tl = MID_BASE45_ENCODED_LEN(size);
    text = malloc(tl + 1u);
    back = malloc(size ? size : 1u);
    FUZZ_ASSERT(text != NULL && back != NULL);
    FUZZ_ASSERT(mid_base45_encode(data, size, text, tl + 1u, &n) == MID_OK && n == tl);
    FUZZ_ASSERT(mid_base45_encode(data, size, text, tl, &n) == MID_ERR_BUFFER);
    FUZZ_ASSERT(mid_base45_decode((const uint8_t *)text, tl, back, size, &bl) == MID_OK);
    FUZZ_ASSERT(bl == size && (size == 0 || memcmp(back, data, size) == 0));
    free(text);
    free(back);
    return 0;
}
