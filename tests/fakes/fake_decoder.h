/* mid-kiosk tests — a scripted mid_decoder for app-level tests.
 *
 * Each scan() call plays the next step: MID_OK with its bytes (copied to
 * the caller; MID_ERR_TOO_LARGE if they exceed cap, as ZBar's adapter
 * does) or the step's error (MID_ERR_NO_CODE, MID_ERR_MULTIPLE_CODES...).
 * After the last step every scan is MID_ERR_NO_CODE, or the script starts
 * again if loop. Payload bytes are NOT copied at create: they must
 * outlive the decoder (string literals are fine). */
#ifndef FAKE_DECODER_H
#define FAKE_DECODER_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_decoder.h"

typedef struct fake_decoder_step {
    mid_err err;         /* MID_OK: return data/len */
    const uint8_t *data; /* may hold any byte, NUL included */
    size_t len;
} fake_decoder_step;

#define FAKE_DECODER_MAX_STEPS 256u
mid_err fake_decoder_create(const fake_decoder_step *steps, size_t n,
                            int loop, mid_decoder **out);

/* What the code under test did. */
size_t fake_decoder_calls(const mid_decoder *dec);      /* scan() calls */
uint64_t fake_decoder_last_seq(const mid_decoder *dec); /* frame->seq */
unsigned fake_decoder_destroyed(void);                  /* process-wide */

#endif
