/* make bench: the cost of one operator-PIN guess (PBKDF2-HMAC-SHA256 via
 * the crypto adapter, mbedTLS), to size MID_PIN_ITER_DEFAULT so that one
 * guess costs >= 100 ms on a Raspberry Pi 4 (docs/operator.md, "How the
 * PIN is stored"). Median of ROUNDS, CPU time of this thread (the machine
 * is shared), and the iteration count this machine would need for 100 ms. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "mid/mid_crypto.h"
#include "mid/mid_pin.h"

#define ROUNDS 7

static double cpu_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(void)
{
    static const uint8_t salt[MID_PIN_SALT_LEN] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    static const unsigned iters[] = {MID_PIN_ITER_MIN, MID_PIN_ITER_DEFAULT};
    double per_iter_us = 0;

    if (mid_crypto_init() != MID_OK)
        return 1;
    printf("PBKDF2-HMAC-SHA256 (mbedTLS), 6-digit PIN, 16-byte salt, CPU time, median of %d\n",
           ROUNDS);
    for (size_t k = 0; k < sizeof iters / sizeof iters[0]; k++) {
        double t[ROUNDS];
        for (int r = 0; r < ROUNDS; r++) {
            mid_pin_hash h;
            double t0 = cpu_s();
            if (mid_pin_hash_make("583920", 6, iters[k], salt, &h) != MID_OK)
                return 1;
            t[r] = cpu_s() - t0;
        }
        qsort(t, ROUNDS, sizeof t[0], cmp_double);
        per_iter_us = t[ROUNDS / 2] * 1e6 / iters[k];
        printf("  %7u iterations: %8.1f ms per guess (%.3f us per iteration)\n", iters[k],
               t[ROUNDS / 2] * 1e3, per_iter_us);
    }
    printf("  iterations for 100 ms on this machine: %.0f\n", 100e3 / per_iter_us);
    return 0;
}
