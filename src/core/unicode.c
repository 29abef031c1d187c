/* Characters in names (include/mid/mid_unicode.h). The refused set is the
 * generated table; this file only decodes UTF-8 and searches it. */
#include "unicode_private.h"

#define SPACE 0x20u

const char *mid_unicode_version(void)
{
    return mid_unicode_table_version;
}

int mid_unicode_refused(uint32_t cp)
{
    size_t lo, hi;
    uint16_t low;

    if (cp > MID_UNICODE_MAX)
        return 1;
    lo = mid_unicode_plane_first[cp >> 16];
    hi = mid_unicode_plane_first[(cp >> 16) + 1u];
    low = (uint16_t)(cp & 0xFFFFu);
    /* the last range of the plane whose low end is <= low */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2u;
        if (mid_unicode_ranges[mid][0] <= low)
            lo = mid + 1u;
        else
            hi = mid;
    }
    if (lo == mid_unicode_plane_first[cp >> 16])
        return 0;
    return low <= mid_unicode_ranges[lo - 1u][1];
}

size_t mid_utf8_decode(const uint8_t *s, size_t avail, uint32_t *cp)
{
    uint8_t b;
    size_t n;
    uint32_t v, min;

    if (!s || avail == 0 || !cp)
        return 0;
    b = s[0];
    if (b < 0x80u) {
        *cp = b;
        return 1;
    }
    if ((b & 0xE0u) == 0xC0u) {
        n = 2;
        v = b & 0x1Fu;
        min = 0x80u;
    } else if ((b & 0xF0u) == 0xE0u) {
        n = 3;
        v = b & 0x0Fu;
        min = 0x800u;
    } else if ((b & 0xF8u) == 0xF0u) {
        n = 4;
        v = b & 0x07u;
        min = 0x10000u;
    } else {
        return 0;
    }
    if (avail < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((s[i] & 0xC0u) != 0x80u)
            return 0;
        v = (v << 6) | (s[i] & 0x3Fu);
    }
    if (v < min || v > MID_UNICODE_MAX || (v >= 0xD800u && v <= 0xDFFFu))
        return 0;
    *cp = v;
    return n;
}

int mid_unicode_name_text_ok(const uint8_t *s, size_t len)
{
    size_t i = 0;
    uint32_t prev = 0;

    if (!s)
        return len == 0;
    while (i < len) {
        uint32_t cp = 0;
        size_t n = mid_utf8_decode(s + i, len - i, &cp);
        if (n == 0 || mid_unicode_refused(cp))
            return 0;
        /* a space at either end or doubled is invisible on screen */
        if (cp == SPACE && (i == 0 || prev == SPACE))
            return 0;
        prev = cp;
        i += n;
    }
    return prev != SPACE;
}
