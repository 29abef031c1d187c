/* The anti-rollback floor file (src/app/floor.c, docs/trust-lifecycle.md):
 * mid_floor_parse on arbitrary bytes. Accepted input must round-trip:
 * formatting what was parsed gives the same bytes back (there is exactly
 * one spelling of a floor), and entries satisfy the documented ranges. */
#include "fuzz_common.h"
#include "mid/mid_floor.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    mid_floor f, g;
    char out[MID_FLOOR_MAX_BYTES];
    size_t len = 0;
    mid_err err = mid_floor_parse(data, size, &f);
    FUZZ_ASSERT(err == MID_OK || err == MID_ERR_FLOOR);
    if (err != MID_OK) {
        for (int k = 0; k < 3; k++)
            FUZZ_ASSERT(!f.e[k].have); /* nothing half-read */
        return 0;
    }
    FUZZ_ASSERT(!f.e[0].have);
    for (int k = MID_BUNDLE_KIND_TRUST; k <= MID_BUNDLE_KIND_REVOCATION; k++) {
        if (!f.e[k].have)
            continue;
        FUZZ_ASSERT(f.e[k].format == MID_BUNDLE_FORMAT_LEGACY ||
                    f.e[k].format == MID_BUNDLE_FORMAT_CURRENT);
        FUZZ_ASSERT(f.e[k].seq <= UINT64_MAX / 2u && f.e[k].issued >= 0);
    }
    FUZZ_ASSERT(mid_floor_format(&f, out, sizeof out, &len) == MID_OK);
    FUZZ_ASSERT(len == size && memcmp(out, data, size) == 0);
    FUZZ_ASSERT(mid_floor_parse((const uint8_t *)out, len, &g) == MID_OK);
    FUZZ_ASSERT(memcmp(&f, &g, sizeof f) == 0);
    return 0;
}
