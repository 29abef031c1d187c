/* The sync agent's two parsers (src/app/sync.c): sync.conf and the status
 * file the kiosk also reads. The first input byte selects which; the rest
 * is the text. Invariants: an accepted config satisfies the documented
 * ranges and URL rules; an accepted status file formats back to text that
 * parses to the same state. */
#include "fuzz_common.h"
#include "mid/mid_sync.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    if (data[0] & 1) {
        mid_sync_status st, back;
        char buf[MID_SYNC_STATUS_MAX_BYTES];
        size_t n;
        if (mid_sync_status_parse((const char *)data + 1, size - 1, &st) != MID_OK)
            return 0;
        n = mid_sync_status_format(&st, buf, sizeof buf);
        FUZZ_ASSERT(n > 0 && n < sizeof buf);
        FUZZ_ASSERT(mid_sync_status_parse(buf, n, &back) == MID_OK);
        FUZZ_ASSERT(memcmp(&st, &back, sizeof st) == 0);
    } else {
        mid_sync_config c;
        char msg[160];
        if (mid_sync_config_parse((const char *)data + 1, size - 1, &c, msg, sizeof msg) != MID_OK) {
            FUZZ_ASSERT(memchr(msg, '\0', sizeof msg) != NULL);
            return 0;
        }
        FUZZ_ASSERT(strncmp(c.base_url, "https://", 8) == 0 ||
                    (c.allow_http && strncmp(c.base_url, "http://", 7) == 0));
        FUZZ_ASSERT(c.base_url[strlen(c.base_url) - 1] == '/');
        FUZZ_ASSERT(strchr(c.base_url, '@') == NULL && strchr(c.base_url, ' ') == NULL);
        FUZZ_ASSERT(c.interval_s >= 10 && c.jitter_s >= 0 && c.jitter_s <= c.interval_s);
        FUZZ_ASSERT(c.backoff_min_s >= 1 && c.backoff_max_s >= c.backoff_min_s);
        FUZZ_ASSERT(c.max_bytes >= MID_SYNC_MIN_BYTES && c.max_bytes <= MID_MAX_BUNDLE_BYTES);
        FUZZ_ASSERT(c.connect_timeout_s <= c.timeout_s);
        FUZZ_ASSERT(mid_sync_delay_fail(&c, 1000, 0xffffffffu) <= c.backoff_max_s);
        FUZZ_ASSERT(mid_sync_delay_fail(&c, 1, 0) >= 1);
    }
    return 0;
}
