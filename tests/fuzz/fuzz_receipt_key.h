/* The fixed device key of the receipt harnesses and their seeds
 * (tests/fuzz/mkseeds.c): the private scalar is SHA-256 of a label, so
 * the seeds' signatures verify in the harness and the fuzzer can reach
 * the code behind the signature check. Test material only. */
#ifndef MID_FUZZ_RECEIPT_KEY_H
#define MID_FUZZ_RECEIPT_KEY_H

#include <string.h>

#include "mid/mid.h"

static inline int fuzz_receipt_key(uint8_t priv[MID_P256_COORD_LEN],
                                   uint8_t pub[MID_P256_POINT_LEN],
                                   uint8_t kid[MID_KID_LEN])
{
    static const char label[] = "mid-kiosk fuzz receipt key";
    char pem[1024];
    uint8_t back[MID_P256_COORD_LEN];
    mid_span s;
    s.ptr = (const uint8_t *)label;
    s.len = sizeof label - 1u;
    if (mid_crypto_init() != MID_OK || mid_crypto_sha256(&s, 1, priv) != MID_OK ||
        mid_crypto_p256_priv_to_pem(priv, pem, sizeof pem) != MID_OK ||
        mid_crypto_p256_priv_from_pem(pem, strlen(pem), back, pub) != MID_OK ||
        mid_kid_of(pub, kid) != MID_OK)
        return -1;
    return memcmp(back, priv, sizeof back) == 0 ? 0 : -1;
}

#endif
