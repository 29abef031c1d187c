/* mid-kiosk tests — a scripted mid_camera for app-level tests.
 *
 * Each next() call plays the next step: a frame (err == MID_OK) or an
 * error code (MID_ERR_CAMERA_TIMEOUT, MID_ERR_CAMERA_GONE, ...). After the
 * last step: MID_ERR_END_OF_STREAM, or the script starts again if loop.
 * Frames get seq 0, 1, 2... counting only MID_OK steps, like the real
 * sources. The pixels are NOT copied: they must outlive the camera. */
#ifndef FAKE_CAMERA_H
#define FAKE_CAMERA_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_camera.h"

typedef struct fake_camera_step {
    mid_err err;         /* MID_OK: deliver the frame below */
    const uint8_t *luma; /* width x height, rows stride bytes apart */
    uint32_t width, height;
    size_t stride; /* 0 means width */
} fake_camera_step;

/* Copies the steps (at most FAKE_CAMERA_MAX_STEPS). */
#define FAKE_CAMERA_MAX_STEPS 256u
mid_err fake_camera_create(const fake_camera_step *steps, size_t n, int loop,
                           mid_camera **out);

/* What the code under test did. */
size_t fake_camera_calls(const mid_camera *cam);     /* next() calls */
int fake_camera_last_timeout(const mid_camera *cam); /* its timeout_ms */
/* Destroyed cameras, process-wide: proves the app releases its source. */
unsigned fake_camera_destroyed(void);

#endif
