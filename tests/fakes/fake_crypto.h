/* mid-kiosk tests — a deterministic fake of the crypto adapter
 * (include/mid/mid_crypto.h) with no library behind it.
 *
 * It exists to prove the core needs nothing but libc and this interface:
 * tests/unit/test_core_only.c links libmid_core.a with this file and
 * cmocka, and no mbedTLS, SDL, ZBar or V4L2 (see the Makefile's rule for
 * it). It is NOT a signature scheme: anyone can "sign" for any key.
 *
 *   sha256      a real, small, portable SHA-256 (FIPS 180-4), so kids and
 *               Sig_structure hashes are the real ones
 *   keys        priv: 32 bytes; pub = 04 || X || Y with
 *               X = SHA-256("fake-x" || priv) and Y = SHA-256("fake-y" || X)
 *               whose last bit is replaced by the parity bit. Only such
 *               points are "on the curve"; decompress rebuilds Y from X.
 *   signatures  sig = SHA-256("fake-r" || pub || hash) ||
 *               SHA-256("fake-s" || pub || hash); verify recomputes
 *   random      a SHA-256 counter stream from a fixed seed (reproducible)
 *   PEM         not implemented: MID_ERR_CRYPTO
 *
 * Not in FAKE_SRC: every other test links the real adapter. */
#ifndef FAKE_CRYPTO_H
#define FAKE_CRYPTO_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_crypto.h"

/* Calls of mid_crypto_p256_verify so far (the issuer cache shows here). */
unsigned long fake_crypto_verify_calls(void);

#endif
