/* mid-kiosk — wiping memory that held personal data or keys.
 *
 * In the core (src/core/wipe.c), not in the crypto adapter: the UI and the
 * app wipe frames, names and PINs too, and they should not need the crypto
 * header, nor the core a crypto library, for a loop of stores. */
#ifndef MID_WIPE_H
#define MID_WIPE_H

#include <stddef.h>

/* Sets n bytes at p to zero through a volatile pointer, so the compiler
 * cannot drop the stores as dead even right before free() or a return
 * (the Monocypher crypto_wipe idea). p may be NULL when n is 0. */
void mid_wipe(void *p, size_t n);

#endif
