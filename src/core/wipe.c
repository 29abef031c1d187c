/* mid_wipe (include/mid/mid_wipe.h). A plain memset before a buffer dies is
 * a dead store the optimiser may remove; stores through a volatile pointer
 * are observable behaviour and stay. No memset_explicit (C23) or
 * explicit_bzero (glibc 2.25+, not in every libc we cross-build for). */
#include "mid/mid_wipe.h"

#include <stdint.h>

void mid_wipe(void *p, size_t n)
{
    volatile uint8_t *v = p;

    if (!p)
        return;
    while (n--)
        *v++ = 0;
}
