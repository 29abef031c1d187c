/* The small files on the data partition a kiosk reads at start: the
 * operator PIN hash, the lockout state and the last-known-good time
 * (include/mid/mid_pin.h, mid_timefloor.h). Whatever parses must format
 * back to an equal value (hash) or to the very same bytes (lockout, time:
 * one spelling each); a lockout that parses never locks longer than its
 * own delay; nothing reads past the input. */
#include "fuzz_common.h"

#include "mid/mid_pin.h"
#include "mid/mid_timefloor.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

/* the canonical text ends in exactly one '\n'; the parsers also take it
 * without */
static int same_text(const uint8_t *data, size_t size, const char *fmt, size_t n)
{
    if (size == n)
        return memcmp(data, fmt, n) == 0;
    return size + 1u == n && memcmp(data, fmt, size) == 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size ? size : 1u); /* exact size: ASan sees overreads */
    char out[MID_PIN_FILE_MAX];
    mid_pin_hash h, back;
    mid_pin_lock l, lb;
    int64_t t;
    size_t n;
    mid_err err;

    FUZZ_ASSERT(text != NULL);
    if (size)
        memcpy(text, data, size);

    err = mid_pin_hash_parse(text, size, &h);
    FUZZ_ASSERT(err == MID_OK || err == MID_ERR_PIN_FILE);
    if (err == MID_OK) {
        FUZZ_ASSERT(h.iterations >= MID_PIN_ITER_MIN && h.iterations <= MID_PIN_ITER_MAX);
        FUZZ_ASSERT(mid_pin_hash_format(&h, out, sizeof out, &n) == MID_OK);
        FUZZ_ASSERT(same_text(data, size, out, n));
        FUZZ_ASSERT(mid_pin_hash_parse(out, n, &back) == MID_OK);
        FUZZ_ASSERT(memcmp(&back, &h, sizeof h) == 0);
    }

    err = mid_pin_lock_parse(text, size, &l);
    FUZZ_ASSERT(err == MID_OK || err == MID_ERR_PIN_LOCK_FILE);
    if (err == MID_OK) {
        int64_t d = mid_pin_lock_delay_s(l.failures);
        FUZZ_ASSERT(l.failures <= MID_PIN_FAILURES_MAX);
        FUZZ_ASSERT(l.until == 0 || d > 0);
        FUZZ_ASSERT(mid_pin_lock_remaining(&l, 0) <= d);
        FUZZ_ASSERT(mid_pin_lock_remaining(&l, FUZZ_TIME) <= d);
        FUZZ_ASSERT(mid_pin_lock_format(&l, out, sizeof out, &n) == MID_OK);
        FUZZ_ASSERT(same_text(data, size, out, n));
        FUZZ_ASSERT(mid_pin_lock_parse(out, n, &lb) == MID_OK);
        FUZZ_ASSERT(lb.failures == l.failures && lb.until == l.until);
    }

    err = mid_time_parse(text, size, &t);
    FUZZ_ASSERT(err == MID_OK || err == MID_ERR_TIME_FILE);
    if (err == MID_OK) {
        FUZZ_ASSERT(t >= MID_TIME_MIN && t <= MID_TIME_MAX);
        n = (size_t)snprintf(out, sizeof out, "%lld\n", (long long)t);
        FUZZ_ASSERT(same_text(data, size, out, n));
        /* the stored time is a floor less its slack (mid_timefloor.h) */
        FUZZ_ASSERT(mid_time_floor(1, 0, t) == t - MID_TIME_FLOOR_SLACK_S);
    }
    free(text);
    return 0;
}
