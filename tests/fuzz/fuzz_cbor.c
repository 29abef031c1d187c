/* The strict CBOR decoder: mid_cbor_validate, a generic walk with the
 * reader (peek + typed reads), and mid_cbor_skip, on arbitrary bytes.
 *
 * Oracles (besides ASan/UBSan):
 *   - a walk that reads every item and finishes cleanly re-encodes, with
 *     the shortest-form writer, to exactly the input (the reader accepts
 *     only shortest forms, so decoding is injective);
 *   - whatever validate accepts, the walk and skip accept too, and skip
 *     spans the whole input. */
#include "fuzz_common.h"

#define WALK_DEPTH 64u

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* Walks one top-level item; returns MID_OK when all of it was read. The
 * items are re-encoded into w as they are read. exact is cleared when an
 * item cannot be read through the typed API (a negative integer below
 * INT64_MIN), which ends the re-encoding comparison but not the walk. */
static mid_err walk(mid_cbor_reader *r, mid_cbor_writer *w, int *exact)
{
    uint64_t left[WALK_DEPTH];
    size_t depth = 0;
    left[0] = 1;
    for (;;) {
        int major;
        uint64_t u;
        int64_t i;
        const uint8_t *s;
        size_t n;
        int b;

        while (depth > 0 && left[depth] == 0)
            depth--;
        if (depth == 0 && left[0] == 0)
            return MID_OK;
        left[depth]--;
        major = mid_cbor_peek(r);
        switch (major) {
        case MID_CBOR_UINT:
            if (mid_cbor_read_uint(r, &u))
                return r->err;
            mid_cbor_put_uint(w, u);
            break;
        case MID_CBOR_NINT:
            if (mid_cbor_read_int(r, &i)) {
                if (r->err != MID_ERR_CLAIM_VALUE)
                    return r->err;
                /* below INT64_MIN: step over it */
                r->err = MID_OK;
                *exact = 0;
                if (mid_cbor_skip(r, &s, &n))
                    return r->err;
                break;
            }
            FUZZ_ASSERT(i < 0);
            mid_cbor_put_int(w, i);
            break;
        case MID_CBOR_BSTR:
            if (mid_cbor_read_bstr(r, &s, &n))
                return r->err;
            FUZZ_ASSERT(s >= r->pos - n && s + n == r->pos && r->pos <= r->end);
            mid_cbor_put_bstr(w, s, n);
            break;
        case MID_CBOR_TSTR:
            if (mid_cbor_read_tstr(r, &s, &n))
                return r->err;
            FUZZ_ASSERT(s + n == r->pos && r->pos <= r->end);
            mid_cbor_put_tstr(w, (const char *)s, n);
            break;
        case MID_CBOR_ARRAY:
        case MID_CBOR_MAP:
            if (major == MID_CBOR_ARRAY ? mid_cbor_read_array(r, &n) : mid_cbor_read_map(r, &n))
                return r->err;
            FUZZ_ASSERT(n <= MID_CBOR_MAX_ITEMS);
            if (major == MID_CBOR_ARRAY)
                mid_cbor_put_array(w, n);
            else
                mid_cbor_put_map(w, n);
            if (depth + 1u >= WALK_DEPTH)
                return MID_ERR_CBOR_DEPTH;
            left[++depth] = major == MID_CBOR_MAP ? 2u * n : n;
            break;
        case MID_CBOR_TAG:
            if (mid_cbor_read_tag(r, &u))
                return r->err;
            mid_cbor_put_tag(w, u);
            if (depth + 1u >= WALK_DEPTH)
                return MID_ERR_CBOR_DEPTH;
            left[++depth] = 1;
            break;
        case MID_CBOR_SIMPLE:
            if (mid_cbor_read_bool(r, &b))
                return r->err;
            FUZZ_ASSERT(b == 0 || b == 1);
            mid_cbor_put_bool(w, b);
            break;
        default:
            /* end of input, or an error already stuck */
            FUZZ_ASSERT(major == -1);
            return r->err ? r->err : MID_ERR_CBOR_TRUNCATED;
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static uint8_t enc[1u << 16];
    mid_cbor_reader r;
    mid_cbor_writer w;
    mid_err valid, walked, skipped;
    const uint8_t *start = NULL;
    size_t span = 0;
    int exact = 1;

    if (size > sizeof enc / 2u)
        return 0;
    valid = mid_cbor_validate(data, size);
    FUZZ_ASSERT(valid == MID_OK || mid_err_is_malformed(valid));

    mid_cbor_reader_init(&r, data, size);
    mid_cbor_writer_init(&w, enc, sizeof enc);
    walked = walk(&r, &w, &exact);
    if (walked == MID_OK)
        walked = mid_cbor_reader_finish(&r);
    FUZZ_ASSERT(r.pos >= data && r.pos <= data + size);
    if (walked == MID_OK && exact) {
        FUZZ_ASSERT(w.err == MID_OK);
        FUZZ_ASSERT(w.len == size && memcmp(enc, data, size) == 0);
    }

    mid_cbor_reader_init(&r, data, size);
    skipped = mid_cbor_skip(&r, &start, &span);
    if (skipped == MID_OK) {
        FUZZ_ASSERT(start == data && span >= 1u && span <= size);
        FUZZ_ASSERT(r.pos == data + span);
    } else {
        FUZZ_ASSERT(r.pos == data && r.err == skipped);
    }

    if (valid == MID_OK) {
        FUZZ_ASSERT(walked == MID_OK);
        if (size <= MID_MAX_PAYLOAD) {
            FUZZ_ASSERT(skipped == MID_OK);
            FUZZ_ASSERT(span == size);
        }
    }
    return 0;
}
