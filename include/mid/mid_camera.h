/* mid-kiosk — frame sources behind one interface: V4L2 (libv4l2) on the
 * device, Y4M/PGM files for tests and the demo, a fake in tests/fakes.
 * Only the luma plane travels: QR decoding needs nothing else. */
#ifndef MID_CAMERA_H
#define MID_CAMERA_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

#define MID_CAMERA_MAX_W 1920u
#define MID_CAMERA_MAX_H 1080u

typedef struct mid_frame {
    const uint8_t *luma; /* valid until the next call on the source */
    uint32_t width, height;
    size_t stride;
    uint64_t seq; /* counts frames delivered since open */
} mid_frame;

typedef struct mid_camera mid_camera;

struct mid_camera_ops {
    const char *name;
    /* MID_OK with a frame; MID_ERR_CAMERA_TIMEOUT (nothing within
     * timeout_ms); MID_ERR_CAMERA_GONE (unplugged: later calls try to
     * reopen and return MID_OK again once it is back);
     * MID_ERR_END_OF_STREAM (file source, not looping). */
    mid_err (*next)(mid_camera *cam, int timeout_ms, mid_frame *out);
    void (*destroy)(mid_camera *cam);
};

struct mid_camera {
    const struct mid_camera_ops *ops;
};

static inline mid_err mid_camera_next(mid_camera *cam, int timeout_ms,
                                      mid_frame *out)
{
    return cam->ops->next(cam, timeout_ms, out);
}

static inline void mid_camera_destroy(mid_camera *cam)
{
    if (cam)
        cam->ops->destroy(cam);
}

/* Y4M (C420* or mono, any size up to the maximum) or a printf-style PGM
 * pattern such as "frames/%04d.pgm". loop: start again at the end. */
mid_err mid_camera_file_open(const char *path, int loop, mid_camera **out);
/* Delivers frames in real time: fps > 0 that rate, 0 the Y4M's own F rate
 * (30 for PGM sequences), < 0 as fast as they are read (the default). */
mid_err mid_camera_file_pace(mid_camera *cam, int fps);

typedef enum mid_pixfmt {
    MID_PIXFMT_AUTO = 0,
    MID_PIXFMT_YUYV = 1,
    MID_PIXFMT_GREY = 2,
    MID_PIXFMT_YUV420 = 3,
    MID_PIXFMT_MJPEG = 4 /* converted by libv4lconvert to YUV420 */
} mid_pixfmt;

typedef struct mid_v4l2_config {
    const char *device; /* "/dev/video0" */
    uint32_t width, height;
    mid_pixfmt format;
    /* Controls re-applied after every (re)open; < 0 leaves the driver's. */
    int exposure_absolute;
    int focus_absolute;
    int power_line_hz;      /* 50 or 60; Korea's grid is 60 Hz */
    int reopen_interval_ms; /* how often to retry an unplugged camera */
} mid_v4l2_config;

void mid_v4l2_config_default(mid_v4l2_config *cfg);
mid_err mid_camera_v4l2_open(const mid_v4l2_config *cfg, mid_camera **out);

#ifndef MID_RELEASE
/* Test hook (absent from release builds): wraps a source so that calls
 * number from_call .. from_call+count-1 report MID_ERR_CAMERA_GONE, as a
 * pulled cable would, then frames flow again. Takes ownership of inner. */
mid_err mid_camera_flaky_wrap(mid_camera *inner, uint64_t from_call,
                              uint64_t count, mid_camera **out);
#endif

#endif
