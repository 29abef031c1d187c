/* Credential claims (mid_cwt_parse) and what is built from them: the
 * request check and the view of every purpose. In the verifier these run
 * only on bytes an issuer signed, so fuzzing through mid_verify never gets
 * here; this harness feeds the claims map directly. Accepted claims must
 * satisfy the documented invariants. */
#include "core/payload_private.h"
#include "fuzz_common.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return mid_crypto_init() == MID_OK ? 0 : -1;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mid_claims c;
    static mid_view v;
    uint8_t pub[MID_P256_POINT_LEN];
    mid_err err;

    if (size > MID_MAX_PAYLOAD)
        return 0;
    err = mid_cwt_parse(data, size, &c, pub);
    if (err != MID_OK) {
        FUZZ_ASSERT(mid_err_is_malformed(err));
        return 0;
    }
    FUZZ_ASSERT(c.doctype >= 1 && c.doctype <= MID_DOC_MAX);
    FUZZ_ASSERT(c.name_len >= 1 && c.name_len <= MID_MAX_NAME_BYTES);
    FUZZ_ASSERT(strlen(c.name) == c.name_len);
    FUZZ_ASSERT(strlen(c.rrn) == MID_RRN_DIGITS);
    FUZZ_ASSERT(c.nbf < c.exp);
    FUZZ_ASSERT((c.doctype == MID_DOC_DRIVER_LICENCE) == (c.has_licence != 0));
    FUZZ_ASSERT(c.portrait_len <= MID_MAX_PORTRAIT_BYTES);
    if (c.portrait_len)
        FUZZ_ASSERT(mid_portrait_check(c.portrait, c.portrait_len, NULL, NULL) == MID_OK);
    FUZZ_ASSERT(pub[0] == 0x04);
    FUZZ_ASSERT(mid_crypto_p256_check_point(pub) == MID_OK);

    for (int p = 0; p < MID_PURPOSE_COUNT; p++) {
        mid_request req = mid_request_for((mid_purpose)p);
        if (p == MID_PURPOSE_CUSTOM)
            req.items = MID_ITEM_ALL;
        for (int full = 0; full <= 1; full++) {
            req.rrn_show_full = full;
            err = mid_view_build(&c, &req, FUZZ_TIME, &v);
            FUZZ_ASSERT(err == mid_request_check(&req, &c) || err == MID_ERR_CLAIM_VALUE);
            if (err == MID_OK) {
                FUZZ_ASSERT(v.items == req.items);
                FUZZ_ASSERT(v.portrait_len <= sizeof v.portrait);
                FUZZ_ASSERT(memchr(v.name, 0, sizeof v.name) != NULL);
                FUZZ_ASSERT(memchr(v.rrn, 0, sizeof v.rrn) != NULL);
                if (!(req.items & MID_ITEM_NAME))
                    FUZZ_ASSERT(v.name[0] == 0);
            }
            mid_view_wipe(&v);
        }
    }
    mid_claims_wipe(&c);
    return 0;
}
