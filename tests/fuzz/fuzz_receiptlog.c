/* The receipt-log reader (mid_receipt_next, mid_receipt_check_log) on
 * arbitrary file contents, with the fixed key of fuzz_receipt_key.h, in
 * the three chain modes mid-log offers. Invariants: the good prefix lies
 * inside the input and holds exactly the records counted; checking that
 * prefix alone succeeds with the same count and head (a torn or damaged
 * tail never changes what came before it); the problem, if any, is
 * reported at the record after the good ones. */
#include "fuzz_common.h"
#include "fuzz_receipt_key.h"
#include "mid/mid_receipt.h"

static uint8_t PRIV[MID_P256_COORD_LEN], PUB[MID_P256_POINT_LEN], KID[MID_KID_LEN];

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return fuzz_receipt_key(PRIV, PUB, KID);
}

static void one(const uint8_t *data, size_t size, int mode)
{
    mid_receipt_chain c, c2;
    mid_receipt_report rep, rep2;
    mid_err err;

    if (mode == 0)
        FUZZ_ASSERT(mid_receipt_chain_init(&c, KID) == MID_OK);
    else
        mid_receipt_chain_init_any(&c, KID);
    c2 = c;
    err = mid_receipt_check_log(&c, PUB, data, size, 7, mode == 2, &rep);
    FUZZ_ASSERT(err == rep.err);
    FUZZ_ASSERT(rep.good_len <= size);
    FUZZ_ASSERT(err == MID_OK ? rep.good_len == size || rep.records == 0
                              : rep.bad_index == 7u + rep.records + 1u);
    FUZZ_ASSERT(err == MID_OK || rep.bad_offset == rep.good_len);
    FUZZ_ASSERT(err != MID_ERR_CRYPTO && err != MID_ERR_ARG);
    /* the good prefix alone */
    FUZZ_ASSERT(mid_receipt_check_log(&c2, PUB, data, rep.good_len, 7, mode == 2, &rep2) ==
                MID_OK);
    FUZZ_ASSERT(rep2.records == rep.records && rep2.good_len == rep.good_len);
    if (rep.records)
        FUZZ_ASSERT(memcmp(rep2.last_hash, rep.last_hash, MID_SHA256_LEN) == 0 &&
                    rep2.last_seq == rep.last_seq);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    int mode;
    if (size > 16384u)
        return 0;
    for (mode = 0; mode < 3; mode++)
        one(data, size, mode);
    return 0;
}
