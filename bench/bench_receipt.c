/* make bench: the cost of one evidence receipt (docs/receipts.md).
 *
 * Interleaved rounds (the machine is shared and noisy), medians:
 *   sign     encode the payload + Sig_structure hash + ECDSA P-256 sign
 *            (RFC 6979 deterministic k, blinded) — the CPU cost per check
 *   verify   what mid-log pays per record
 *   append   mid_receipts_append: sign + write + fdatasync into a log in
 *            $TMPDIR (default /tmp) — the wall time a check waits for its
 *            receipt to be durable; depends on the file system under it */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "mid/mid.h"
#include "mid/mid_receipt.h"
#include "mid/mid_receipts.h"

#define ROUNDS 7
#define ROUND_SECONDS 0.3

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static mid_devkey KEY;
static mid_receipt R;
static uint8_t COSE[MID_RECEIPT_MAX_COSE];
static size_t COSE_LEN;
static mid_receipts LOG;

static double run_sign(void)
{
    double t0 = now_s(), t;
    long n = 0;
    do {
        uint8_t out[MID_RECEIPT_MAX_COSE];
        size_t len;
        mid_err err;
        R.seq++;
        if ((err = mid_receipt_sign(&R, KEY.priv, KEY.kid, out, sizeof out, &len)) != MID_OK) {
            fprintf(stderr, "bench_receipt: sign: %s (%ld)\n", mid_err_str(err), n);
            abort();
        }
        n++;
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (t - t0) / (double)n * 1e6;
}

static double run_verify(void)
{
    double t0 = now_s(), t;
    long n = 0;
    mid_receipt out;
    do {
        if (mid_receipt_verify(COSE, COSE_LEN, KEY.pub, &out) != MID_OK)
            abort();
        n++;
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (t - t0) / (double)n * 1e6;
}

static double run_append(void)
{
    double t0 = now_s(), t;
    long n = 0;
    do {
        mid_receipt r = R;
        uint8_t out[MID_RECEIPT_MAX_COSE];
        size_t len;
        if (mid_receipts_append(&LOG, &r, out, sizeof out, &len) != MID_OK)
            abort();
        n++;
        t = now_s();
    } while (t - t0 < ROUND_SECONDS);
    return (t - t0) / (double)n * 1e6;
}

int main(void)
{
    char dir[256], key[300], cmd[300];
    double s[ROUNDS], v[ROUNDS], a[ROUNDS];
    const char *tmp = getenv("TMPDIR");
    int i;

    snprintf(dir, sizeof dir, "%s/mid-bench-receipt-XXXXXX", tmp && *tmp ? tmp : "/tmp");
    if (mid_crypto_init() != MID_OK || !mkdtemp(dir))
        return 1;
    snprintf(key, sizeof key, "%s/device.key.pem", dir);
    if (mid_devkey_load_or_create(key, &KEY, NULL) != MID_OK ||
        mid_receipts_open(&LOG, dir, "KIOSK-0001", &KEY) != MID_OK)
        return 1;
    memset(&R, 0, sizeof R);
    R.version = MID_RECEIPT_VERSION;
    snprintf(R.kiosk_id, sizeof R.kiosk_id, "%s", "KIOSK-0001");
    R.time = 1795662000;
    R.purpose = MID_PURPOSE_ADULT;
    R.verdict = MID_VERDICT_VALID;
    R.decision = MID_DECISION_ADULT;
    snprintf(R.txn, sizeof R.txn, "%s", "POS-2026-000001");
    R.seq = 1;
    R.trust_seq = 3;
    R.revocation_seq = 17;
    if (mid_receipt_sign(&R, KEY.priv, KEY.kid, COSE, sizeof COSE, &COSE_LEN) != MID_OK)
        return 1;
    for (i = 0; i < ROUNDS; i++) {
        s[i] = run_sign();
        v[i] = run_verify();
        a[i] = run_append();
    }
    qsort(s, ROUNDS, sizeof *s, cmp_double);
    qsort(v, ROUNDS, sizeof *v, cmp_double);
    qsort(a, ROUNDS, sizeof *a, cmp_double);
    printf("bench_receipt: %d rounds of %.1f s each, interleaved; medians\n", ROUNDS, ROUND_SECONDS);
    printf("  sign one receipt (encode+hash+ECDSA)    %8.0f us   %zu bytes\n", s[ROUNDS / 2], COSE_LEN);
    printf("  verify one receipt                      %8.0f us\n", v[ROUNDS / 2]);
    printf("  append (sign+write+fdatasync) in %s  %8.0f us\n", tmp && *tmp ? tmp : "/tmp",
           a[ROUNDS / 2]);
    mid_receipts_close(&LOG);
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    return system(cmd) == 0 ? 0 : 1;
}
