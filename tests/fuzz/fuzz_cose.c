/* COSE_Sign1 reading on arbitrary bytes, with and without a kid, and with
 * and without validating first (verify validates; the reader must be safe
 * either way). When a message is accepted: every span lies inside the
 * input, the protected header is byte for byte what the encoder writes,
 * re-encoding the parts gives back exactly the bytes read, and the
 * Sig_structure hash can be computed. */
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return mid_crypto_init() == MID_OK ? 0 : -1;
}

static int inside(const uint8_t *p, size_t n, const uint8_t *data, size_t size)
{
    return p >= data && n <= size && (size_t)(p - data) <= size - n;
}

static void one(const uint8_t *data, size_t size, int kid_required)
{
    static uint8_t enc[1u << 16];
    mid_cbor_reader r;
    mid_cose_sign1 m;
    mid_err err;

    mid_cbor_reader_init(&r, data, size);
    err = mid_cose_sign1_read(&r, kid_required, &m);
    if (err != MID_OK) {
        FUZZ_ASSERT(mid_err_is_malformed(err));
        return;
    }
    FUZZ_ASSERT(m.has_kid == kid_required);
    FUZZ_ASSERT(inside(m.protected_raw, m.protected_len, data, size));
    FUZZ_ASSERT(inside(m.payload, m.payload_len, data, size));
    FUZZ_ASSERT(inside(m.sig, MID_P256_SIG_LEN, data, size));
    {
        uint8_t prot[32];
        size_t pl;
        FUZZ_ASSERT(mid_cose_protected_encode(kid_required ? m.kid : NULL, prot, sizeof prot,
                                              &pl) == MID_OK);
        FUZZ_ASSERT(pl == m.protected_len && memcmp(prot, m.protected_raw, pl) == 0);
    }
    {
        mid_cbor_writer w;
        size_t used = (size_t)(r.pos - data);
        mid_cbor_writer_init(&w, enc, sizeof enc);
        FUZZ_ASSERT(mid_cose_sign1_encode(m.protected_raw, m.protected_len, m.payload,
                                          m.payload_len, m.sig, &w) == MID_OK);
        FUZZ_ASSERT(w.len == used && memcmp(enc, data, used) == 0);
    }
    {
        uint8_t hash[MID_SHA256_LEN];
        FUZZ_ASSERT(mid_cose_sign1_tbs_hash(&m, hash) == MID_OK);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size > 8192u)
        return 0;
    one(data, size, 0);
    one(data, size, 1);
    if (mid_cbor_validate(data, size) == MID_OK) {
        mid_cbor_reader r;
        mid_cose_sign1 m;
        mid_cbor_reader_init(&r, data, size);
        if (mid_cose_sign1_read(&r, 1, &m) == MID_OK)
            FUZZ_ASSERT(mid_cbor_reader_finish(&r) == MID_OK);
    }
    return 0;
}
