/* mid-kiosk — the operator PIN: its salted slow hash and the lockout state
 * (docs/operator.md). Pure: no I/O, the crypto adapter for PBKDF2. The
 * program reads and writes the two files (src/app/pinstore.c).
 *
 * Hash file, one line:  pbkdf2-sha256$ITERATIONS$SALT_HEX$HASH_HEX
 *   ITERATIONS decimal, no leading zero, MID_PIN_ITER_MIN..MID_PIN_ITER_MAX;
 *   SALT_HEX 32 lowercase hex digits (16 bytes); HASH_HEX 64 (32 bytes);
 *   optionally one '\n' at the end, nothing else.
 * Lockout file, one line:  v1 failures=N until=UNIX
 *   N wrong PINs since the last right one (0..MID_PIN_FAILURES_MAX), UNIX
 *   the wall-clock second the current lockout ends (0: none). */
#ifndef MID_PIN_H
#define MID_PIN_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

#define MID_PIN_MAX_DIGITS 15u
#define MID_PIN_SALT_LEN 16u
#define MID_PIN_HASH_LEN 32u
/* Below the minimum a hash file is refused: a typo must not leave a PIN
 * that can be brute-forced from a copied file in seconds. The maximum
 * bounds how long one check can stall the UI (≈ 4 s on a Pi 4). */
#define MID_PIN_ITER_MIN 10000u
#define MID_PIN_ITER_MAX 2000000u
/* What `mid-issue pin-hash` writes: ≥ 100 ms per guess on a Pi 4
 * (sizing in docs/operator.md, "How the PIN is stored"). */
#define MID_PIN_ITER_DEFAULT 210000u
#define MID_PIN_FILE_MAX 160u /* the hash line is 135 bytes */
#define MID_PIN_LOCK_FILE_MAX 64u

/* Lockout: every MID_PIN_TRIES-th wrong PIN in a row locks the pad, for
 * MID_PIN_LOCK_BASE_S, doubling with each further lockout, at most
 * MID_PIN_LOCK_MAX_S. Only the right PIN resets the count. */
#define MID_PIN_TRIES 3u
#define MID_PIN_LOCK_BASE_S 60
#define MID_PIN_LOCK_MAX_S 3840 /* 60 s · 2^6: the 7th lockout and later */
#define MID_PIN_FAILURES_MAX 1000000u

typedef struct mid_pin_hash {
    uint32_t iterations;
    uint8_t salt[MID_PIN_SALT_LEN];
    uint8_t hash[MID_PIN_HASH_LEN];
} mid_pin_hash;

typedef struct mid_pin_lock {
    uint32_t failures;
    int64_t until; /* Unix seconds; 0: not locked */
} mid_pin_lock;

/* 1 when pin is 1..MID_PIN_MAX_DIGITS digits 0-9 (the pad has no more). */
int mid_pin_digits_ok(const char *pin, size_t len);
/* Derives the hash of pin with salt and iterations (in range). */
mid_err mid_pin_hash_make(const char *pin, size_t len, uint32_t iterations,
                          const uint8_t salt[MID_PIN_SALT_LEN], mid_pin_hash *out);
/* 1 when pin hashes to h (derived hash compared in constant time). A PIN
 * that is not digits is never hashed and never matches. */
int mid_pin_hash_verify(const mid_pin_hash *h, const char *pin, size_t len);
/* Strict parse of the hash file (MID_ERR_PIN_FILE on anything else). */
mid_err mid_pin_hash_parse(const char *text, size_t len, mid_pin_hash *out);
/* Writes the line with its '\n' and a NUL; *len excludes the NUL. */
mid_err mid_pin_hash_format(const mid_pin_hash *h, char *out, size_t cap, size_t *len);

/* Lockout length after the failures-th wrong PIN in a row: 0 unless
 * failures is a non-zero multiple of MID_PIN_TRIES. */
int64_t mid_pin_lock_delay_s(uint32_t failures);
/* Strict parse of the lockout file (MID_ERR_PIN_LOCK_FILE otherwise). */
mid_err mid_pin_lock_parse(const char *text, size_t len, mid_pin_lock *out);
mid_err mid_pin_lock_format(const mid_pin_lock *l, char *out, size_t cap, size_t *len);
/* Seconds still locked at now. A lockout that ends further ahead than
 * its own length allows (the clock was set back) is cut to that length,
 * never lengthened; one that ended already gives 0. */
int64_t mid_pin_lock_remaining(const mid_pin_lock *l, int64_t now);
/* What a missing-but-expected, torn or garbage lockout file means: locked,
 * as after MID_PIN_TRIES wrong PINs, from now. Fails safe, never open. */
void mid_pin_lock_fail_safe(mid_pin_lock *l, int64_t now);

#endif
