/* Internal: credential claim parsing shared by verify and the tools. */
#ifndef MID_PAYLOAD_PRIVATE_H
#define MID_PAYLOAD_PRIVATE_H

#include "mid/mid_payload.h"

/* Parses a CWT claims map (already signature-checked) into c and the
 * holder device's uncompressed public key. */
mid_err mid_cwt_parse(const uint8_t *cwt, size_t len, mid_claims *c,
                      uint8_t device_pub[MID_P256_POINT_LEN]);

#endif
