/* mid-kiosk — Base45 (RFC 9285), strict: only the 45-character alphabet,
 * no whitespace, no value above 65535 (or 255 for a trailing pair), and a
 * dangling single character is an error. */
#ifndef MID_BASE45_H
#define MID_BASE45_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

/* Bytes needed to decode in_len characters (upper bound), and characters
 * produced by encoding n bytes. */
#define MID_BASE45_DECODED_MAX(in_len) (((in_len) / 3u) * 2u + 1u)
#define MID_BASE45_ENCODED_LEN(n) (((n) / 2u) * 3u + ((n) % 2u) * 2u)

mid_err mid_base45_decode(const uint8_t *in, size_t in_len, uint8_t *out,
                          size_t out_cap, size_t *out_len);
mid_err mid_base45_encode(const uint8_t *in, size_t in_len, char *out,
                          size_t out_cap, size_t *out_len);

#endif
