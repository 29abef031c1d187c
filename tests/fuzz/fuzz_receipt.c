/* Receipt parsing on arbitrary bytes: as a payload (mid_receipt_parse)
 * and as a whole COSE receipt (mid_receipt_verify with the fixed key of
 * fuzz_receipt_key.h). Invariants: an accepted payload re-encodes to
 * exactly the bytes read (one encoding per receipt: deterministic), and
 * the encoder accepts everything the parser accepts; a receipt that
 * verifies has a payload that parses the same way. */
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mid_receipt r, v;
    uint8_t enc[MID_RECEIPT_MAX_PAYLOAD];
    size_t n;
    mid_err err;

    if (size > 4096u)
        return 0;
    err = mid_receipt_parse(data, size, &r);
    if (err == MID_OK) {
        FUZZ_ASSERT(mid_receipt_encode(&r, enc, sizeof enc, &n) == MID_OK);
        FUZZ_ASSERT(n == size && memcmp(enc, data, n) == 0);
        FUZZ_ASSERT(r.seq >= 1 && r.version == MID_RECEIPT_VERSION);
    } else {
        FUZZ_ASSERT(mid_err_is_malformed(err) || (err >= MID_ERR_RECEIPT_FORMAT &&
                                                  err <= MID_ERR_RECEIPT_VERSION));
    }
    err = mid_receipt_verify(data, size, PUB, &v);
    if (err == MID_OK) {
        mid_cbor_reader rd;
        mid_cose_sign1 m;
        mid_receipt again;
        mid_cbor_reader_init(&rd, data, size);
        FUZZ_ASSERT(mid_cose_sign1_read(&rd, 1, &m) == MID_OK);
        FUZZ_ASSERT(memcmp(m.kid, KID, MID_KID_LEN) == 0);
        FUZZ_ASSERT(mid_receipt_parse(m.payload, m.payload_len, &again) == MID_OK);
        FUZZ_ASSERT(memcmp(&again, &v, sizeof v) == 0);
    } else {
        FUZZ_ASSERT(err != MID_ERR_CRYPTO && err != MID_ERR_ARG);
    }
    return 0;
}
