/* A camera that goes away for a while (test hook; see mid_camera.h). */
#include <stdlib.h>

#include "mid/mid_camera.h"

#ifndef MID_RELEASE
typedef struct flaky {
    mid_camera base;
    mid_camera *inner;
    uint64_t calls, from, count;
} flaky;

static mid_err flaky_next(mid_camera *cam, int timeout_ms, mid_frame *out)
{
    flaky *f = (flaky *)cam;
    uint64_t n = f->calls++;
    if (n >= f->from && n < f->from + f->count)
        return MID_ERR_CAMERA_GONE;
    return mid_camera_next(f->inner, timeout_ms, out);
}

static void flaky_destroy(mid_camera *cam)
{
    flaky *f = (flaky *)cam;
    mid_camera_destroy(f->inner);
    free(f);
}

static const struct mid_camera_ops FLAKY_OPS = {"flaky", flaky_next, flaky_destroy};

mid_err mid_camera_flaky_wrap(mid_camera *inner, uint64_t from_call,
                              uint64_t count, mid_camera **out)
{
    flaky *f;
    if (!inner || !out)
        return MID_ERR_ARG;
    f = calloc(1, sizeof *f);
    if (!f)
        return MID_ERR_NOMEM;
    f->base.ops = &FLAKY_OPS;
    f->inner = inner;
    f->from = from_call;
    f->count = count;
    *out = &f->base;
    return MID_OK;
}
#else
/* ISO C forbids an empty translation unit. */
typedef int mid_flaky_release_empty;
#endif
