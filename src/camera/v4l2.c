/* mid-kiosk — V4L2 frame source through libv4l2 (which also converts
 * MJPEG for cameras that only offer it).
 *
 * Life cycle: open (O_NONBLOCK) → QUERYCAP → S_FMT → REQBUFS/mmap →
 * controls → QBUF all → STREAMON; each next() polls with the caller's
 * timeout, dequeues one buffer, copies its luma into a private buffer and
 * queues it again. When the camera is unplugged the old buffers are dead
 * (ENODEV/EIO/POLLERR): everything is torn down and next() returns
 * MID_ERR_CAMERA_GONE, then retries the whole open sequence at most every
 * reopen_interval_ms. Controls reset on reopen, so they are applied every
 * time. A blocking DQBUF may never return after an unplug, hence poll. */
#include <errno.h>
#include <fcntl.h>
#include <libv4l2.h>
#include <linux/videodev2.h>
#include <poll.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>

#include "camera/v4l2_private.h"
#include "mid/mid_camera.h"

#define V4L2_MAX_PATH 256u
/* The driver may grant more than requested (some need a minimum). */
#define V4L2_MAX_BUFFERS 8u
#define V4L2_MAX_ENUM_FMT 64u
#define V4L2_DEFAULT_REOPEN_MS 1000

struct v4l2_map {
    void *start;
    size_t length;
};

struct v4l2_cam {
    mid_camera base;
    struct mid_v4l2_sys sys;
    mid_v4l2_config cfg;
    char device[V4L2_MAX_PATH];

    int fd; /* < 0 while the camera is gone */
    struct v4l2_map maps[V4L2_MAX_BUFFERS];
    uint32_t nbufs;
    int streaming;
    uint32_t pixfmt;
    uint32_t width, height, bytesperline;
    size_t min_bytes; /* a buffer shorter than this has no whole luma */

    uint8_t *luma;
    size_t luma_cap;
    uint64_t seq;
    uint64_t last_attempt_ms;
};

/* ---- the default system layer ------------------------------------------- */

static int sys_open(const char *path, int flags)
{
    return v4l2_open(path, flags);
}

static int sys_close(int fd)
{
    return v4l2_close(fd);
}

static int sys_ioctl(int fd, unsigned long request, void *arg)
{
    return v4l2_ioctl(fd, request, arg);
}

static void *sys_mmap(void *addr, size_t len, int prot, int flags, int fd,
                      int64_t offset)
{
    return v4l2_mmap(addr, len, prot, flags, fd, offset);
}

static int sys_munmap(void *addr, size_t len)
{
    return v4l2_munmap(addr, len);
}

static int sys_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
    return poll(fds, nfds, timeout_ms);
}

static uint64_t sys_now_ms(void)
{
    struct timespec ts;

    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        return 0;
    return (uint64_t)ts.tv_sec * 1000u + (uint64_t)ts.tv_nsec / 1000000u;
}

#ifdef MID_RELEASE
static const struct mid_v4l2_sys g_sys = {
#else
static struct mid_v4l2_sys g_sys = {
#endif
    .open = sys_open,
    .close = sys_close,
    .ioctl = sys_ioctl,
    .mmap = sys_mmap,
    .munmap = sys_munmap,
    .poll = sys_poll,
    .now_ms = sys_now_ms,
};

#ifndef MID_RELEASE
void mid_v4l2_set_sys_for_test(const struct mid_v4l2_sys *sys)
{
    static const struct mid_v4l2_sys defaults = {
        .open = sys_open,
        .close = sys_close,
        .ioctl = sys_ioctl,
        .mmap = sys_mmap,
        .munmap = sys_munmap,
        .poll = sys_poll,
        .now_ms = sys_now_ms,
    };
    g_sys = sys ? *sys : defaults;
}
#endif

/* ---- helpers ------------------------------------------------------------ */

static struct v4l2_cam *to_v4l2_cam(mid_camera *cam)
{
    return (struct v4l2_cam *)(void *)cam;
}

static int xioctl(const struct v4l2_cam *c, unsigned long request, void *arg)
{
    int r;

    do
        r = c->sys.ioctl(c->fd, request, arg);
    while (r < 0 && errno == EINTR);
    return r;
}

/* Errors that mean "no camera there (any more)": worth retrying later. */
static mid_err map_errno(int e)
{
    switch (e) {
    case ENODEV:
    case ENXIO:
    case ENOENT:
    case EIO:
    case EBUSY: /* v4l2loopback with exclusive_caps before its producer */
        return MID_ERR_CAMERA_GONE;
    default:
        return MID_ERR_IO;
    }
}

static void sleep_ms(const struct v4l2_cam *c, uint64_t ms)
{
    if (ms > 0)
        (void)c->sys.poll(NULL, 0, ms > INT32_MAX ? INT32_MAX : (int)ms);
}

static void set_ctrl(const struct v4l2_cam *c, uint32_t id, int value)
{
    struct v4l2_control ctrl;

    memset(&ctrl, 0, sizeof ctrl);
    ctrl.id = id;
    ctrl.value = value;
    /* Best effort: a camera without the control still gives frames. */
    (void)xioctl(c, VIDIOC_S_CTRL, &ctrl);
}

static void apply_controls(const struct v4l2_cam *c)
{
    if (c->cfg.exposure_absolute >= 0) {
        set_ctrl(c, V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL);
        set_ctrl(c, V4L2_CID_EXPOSURE_ABSOLUTE, c->cfg.exposure_absolute);
    }
    if (c->cfg.focus_absolute >= 0) {
        set_ctrl(c, V4L2_CID_FOCUS_AUTO, 0);
        set_ctrl(c, V4L2_CID_FOCUS_ABSOLUTE, c->cfg.focus_absolute);
    }
    if (c->cfg.power_line_hz == 50)
        set_ctrl(c, V4L2_CID_POWER_LINE_FREQUENCY,
                 V4L2_CID_POWER_LINE_FREQUENCY_50HZ);
    else if (c->cfg.power_line_hz == 60)
        set_ctrl(c, V4L2_CID_POWER_LINE_FREQUENCY,
                 V4L2_CID_POWER_LINE_FREQUENCY_60HZ);
}

/* AUTO: a native format whose luma can be copied directly, else YUV420
 * produced by libv4lconvert (e.g. from MJPEG). libv4lconvert cannot
 * produce GREY, so an emulated GREY is never chosen. */
static uint32_t choose_auto_format(const struct v4l2_cam *c)
{
    static const uint32_t pref[] = {V4L2_PIX_FMT_GREY, V4L2_PIX_FMT_YUYV,
                                    V4L2_PIX_FMT_YUV420};
    size_t best = sizeof pref / sizeof pref[0];

    for (uint32_t i = 0; i < V4L2_MAX_ENUM_FMT; i++) {
        struct v4l2_fmtdesc d;
        memset(&d, 0, sizeof d);
        d.index = i;
        d.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        if (xioctl(c, VIDIOC_ENUM_FMT, &d) != 0)
            break;
        if (d.flags & V4L2_FMT_FLAG_EMULATED)
            continue;
        for (size_t k = 0; k < best; k++)
            if (d.pixelformat == pref[k])
                best = k;
    }
    return best < sizeof pref / sizeof pref[0] ? pref[best]
                                               : V4L2_PIX_FMT_YUV420;
}

static uint32_t wanted_format(const struct v4l2_cam *c)
{
    switch (c->cfg.format) {
    case MID_PIXFMT_YUYV:
        return V4L2_PIX_FMT_YUYV;
    case MID_PIXFMT_GREY:
        return V4L2_PIX_FMT_GREY;
    case MID_PIXFMT_YUV420:
    case MID_PIXFMT_MJPEG: /* libv4lconvert decodes; we take the Y plane */
        return V4L2_PIX_FMT_YUV420;
    case MID_PIXFMT_AUTO:
    default:
        return choose_auto_format(c);
    }
}

static mid_err set_format(struct v4l2_cam *c)
{
    struct v4l2_format f;
    uint32_t want = wanted_format(c);

    memset(&f, 0, sizeof f);
    f.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    f.fmt.pix.width = c->cfg.width;
    f.fmt.pix.height = c->cfg.height;
    f.fmt.pix.pixelformat = want;
    f.fmt.pix.field = V4L2_FIELD_NONE;
    if (xioctl(c, VIDIOC_S_FMT, &f) != 0)
        return errno == EINVAL ? MID_ERR_FORMAT : map_errno(errno);
    /* Drivers adjust instead of failing: check what we got. The size may
     * differ from the request; the luma buffer follows it. */
    if (f.fmt.pix.pixelformat != want || f.fmt.pix.width == 0 ||
        f.fmt.pix.height == 0 || f.fmt.pix.width > MID_CAMERA_MAX_W ||
        f.fmt.pix.height > MID_CAMERA_MAX_H)
        return MID_ERR_FORMAT;
    uint32_t bpp = want == V4L2_PIX_FMT_YUYV ? 2u : 1u;
    uint32_t row = f.fmt.pix.width * bpp;
    uint32_t bpl = f.fmt.pix.bytesperline ? f.fmt.pix.bytesperline : row;
    if (bpl < row || bpl > MID_CAMERA_MAX_W * 4u)
        return MID_ERR_FORMAT;
    c->pixfmt = want;
    c->width = f.fmt.pix.width;
    c->height = f.fmt.pix.height;
    c->bytesperline = bpl;
    c->min_bytes = (size_t)bpl * (c->height - 1u) + row;

    size_t need = (size_t)c->width * c->height;
    if (need > c->luma_cap) {
        uint8_t *p = realloc(c->luma, need);
        if (!p)
            return MID_ERR_NOMEM;
        c->luma = p;
        c->luma_cap = need;
    }
    return MID_OK;
}

static mid_err map_buffers(struct v4l2_cam *c)
{
    struct v4l2_requestbuffers req;

    memset(&req, 0, sizeof req);
    req.count = MID_V4L2_BUFFERS;
    req.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    req.memory = V4L2_MEMORY_MMAP;
    if (xioctl(c, VIDIOC_REQBUFS, &req) != 0)
        return map_errno(errno);
    if (req.count < MID_V4L2_MIN_BUFFERS || req.count > V4L2_MAX_BUFFERS)
        return MID_ERR_IO;
    for (uint32_t i = 0; i < req.count; i++) {
        struct v4l2_buffer b;
        memset(&b, 0, sizeof b);
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        b.index = i;
        if (xioctl(c, VIDIOC_QUERYBUF, &b) != 0)
            return map_errno(errno);
        if (b.length < c->min_bytes)
            return MID_ERR_FORMAT;
        void *p = c->sys.mmap(NULL, b.length, PROT_READ | PROT_WRITE,
                              MAP_SHARED, c->fd, (int64_t)b.m.offset);
        if (p == MAP_FAILED)
            return map_errno(errno);
        c->maps[i].start = p;
        c->maps[i].length = b.length;
        c->nbufs = i + 1;
    }
    return MID_OK;
}

static int queue_buffer(const struct v4l2_cam *c, uint32_t index)
{
    struct v4l2_buffer b;

    memset(&b, 0, sizeof b);
    b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b.memory = V4L2_MEMORY_MMAP;
    b.index = index;
    return xioctl(c, VIDIOC_QBUF, &b);
}

/* Best effort all the way: the device may already be gone. */
static void device_stop(struct v4l2_cam *c)
{
    if (c->fd < 0)
        return;
    if (c->streaming) {
        int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        (void)xioctl(c, VIDIOC_STREAMOFF, &type);
        c->streaming = 0;
    }
    for (uint32_t i = 0; i < c->nbufs; i++) {
        (void)c->sys.munmap(c->maps[i].start, c->maps[i].length);
        c->maps[i].start = NULL;
        c->maps[i].length = 0;
    }
    c->nbufs = 0;
    (void)c->sys.close(c->fd);
    c->fd = -1;
}

static mid_err device_start(struct v4l2_cam *c)
{
    struct v4l2_capability cap;
    mid_err err;

    c->fd = c->sys.open(c->device, O_RDWR | O_NONBLOCK | O_CLOEXEC);
    if (c->fd < 0) {
        c->fd = -1;
        return map_errno(errno);
    }
    memset(&cap, 0, sizeof cap);
    if (xioctl(c, VIDIOC_QUERYCAP, &cap) != 0) {
        err = errno == ENOTTY ? MID_ERR_FORMAT : map_errno(errno);
        goto done;
    }
    uint32_t caps = (cap.capabilities & V4L2_CAP_DEVICE_CAPS)
                        ? cap.device_caps
                        : cap.capabilities;
    if (!(caps & V4L2_CAP_VIDEO_CAPTURE) || !(caps & V4L2_CAP_STREAMING)) {
        err = MID_ERR_FORMAT;
        goto done;
    }
    err = set_format(c);
    if (err != MID_OK)
        goto done;
    err = map_buffers(c);
    if (err != MID_OK)
        goto done;
    apply_controls(c);
    for (uint32_t i = 0; i < c->nbufs; i++) {
        if (queue_buffer(c, i) != 0) {
            err = map_errno(errno);
            goto done;
        }
    }
    int type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    if (xioctl(c, VIDIOC_STREAMON, &type) != 0) {
        err = map_errno(errno);
        goto done;
    }
    c->streaming = 1;
done:
    if (err != MID_OK)
        device_stop(c);
    return err;
}

static void extract_luma(struct v4l2_cam *c, const uint8_t *src)
{
    uint8_t *dst = c->luma;

    for (uint32_t y = 0; y < c->height; y++) {
        const uint8_t *row = src + (size_t)y * c->bytesperline;
        if (c->pixfmt == V4L2_PIX_FMT_YUYV) {
            for (uint32_t x = 0; x < c->width; x++)
                dst[x] = row[2u * x]; /* Y0 U Y1 V */
        } else {
            memcpy(dst, row, c->width); /* GREY, or YUV420's Y plane */
        }
        dst += c->width;
    }
}

/* Unplugged: drop everything; the next attempt waits a full interval. */
static mid_err camera_gone(struct v4l2_cam *c)
{
    device_stop(c);
    c->last_attempt_ms = c->sys.now_ms();
    return MID_ERR_CAMERA_GONE;
}

/* While gone: at most one open attempt per call and per interval; when
 * none is due, wait (up to the timeout) so callers do not spin. */
static mid_err try_reopen(struct v4l2_cam *c, uint64_t deadline)
{
    uint64_t now = c->sys.now_ms();
    uint64_t interval = (uint64_t)c->cfg.reopen_interval_ms;
    uint64_t due = c->last_attempt_ms + interval;

    if (now >= due) {
        c->last_attempt_ms = now;
        if (device_start(c) == MID_OK)
            return MID_OK;
        due = now + interval;
    }
    now = c->sys.now_ms();
    uint64_t until = due < deadline ? due : deadline;
    if (until > now)
        sleep_ms(c, until - now);
    return MID_ERR_CAMERA_GONE;
}

static mid_err v4l2_next(mid_camera *cam, int timeout_ms, mid_frame *out)
{
    struct v4l2_cam *c = to_v4l2_cam(cam);
    uint64_t deadline;

    if (!out || timeout_ms < 0)
        return MID_ERR_ARG;
    deadline = c->sys.now_ms() + (uint64_t)timeout_ms;
    if (c->fd < 0) {
        mid_err err = try_reopen(c, deadline);
        if (err != MID_OK)
            return err;
    }
    /* Every way round this loop checks the deadline first, so a camera
     * sending only corrupt frames, or a stray POLLPRI, ends in a timeout
     * rather than a spin. */
    for (int first = 1;; first = 0) {
        struct pollfd pfd = {.fd = c->fd, .events = POLLIN, .revents = 0};
        uint64_t now = c->sys.now_ms();
        if (!first && now >= deadline)
            return MID_ERR_CAMERA_TIMEOUT;
        int wait = now >= deadline ? 0 : (int)(deadline - now);
        int r = c->sys.poll(&pfd, 1, wait);
        if (r < 0) {
            if (errno == EINTR)
                continue;
            return camera_gone(c);
        }
        if (r == 0)
            return MID_ERR_CAMERA_TIMEOUT;
        if (pfd.revents & (POLLERR | POLLHUP | POLLNVAL))
            return camera_gone(c);
        if (!(pfd.revents & POLLIN))
            continue;

        struct v4l2_buffer b;
        memset(&b, 0, sizeof b);
        b.type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
        b.memory = V4L2_MEMORY_MMAP;
        if (xioctl(c, VIDIOC_DQBUF, &b) != 0) {
            if (errno == EAGAIN)
                continue;
            /* ENODEV/EIO: unplugged; anything else leaves the queue in
             * an unknown state, and a full reopen is the cure for both. */
            return camera_gone(c);
        }
        if (b.index >= c->nbufs)
            return camera_gone(c);
        size_t used = b.bytesused ? b.bytesused : c->maps[b.index].length;
        if ((b.flags & V4L2_BUF_FLAG_ERROR) || used < c->min_bytes ||
            used > c->maps[b.index].length) {
            /* A corrupt or short frame: give the buffer back, wait on. */
            if (queue_buffer(c, b.index) != 0)
                return camera_gone(c);
            continue;
        }
        extract_luma(c, c->maps[b.index].start);
        out->luma = c->luma;
        out->width = c->width;
        out->height = c->height;
        out->stride = c->width;
        out->seq = c->seq++;
        /* The luma is already copied: if the buffer cannot go back, the
         * frame is still good and the next call starts the reopen. */
        if (queue_buffer(c, b.index) != 0)
            (void)camera_gone(c);
        return MID_OK;
    }
}

static void v4l2_destroy(mid_camera *cam)
{
    struct v4l2_cam *c = to_v4l2_cam(cam);

    device_stop(c);
    free(c->luma);
    free(c);
}

static const struct mid_camera_ops v4l2_ops = {
    .name = "v4l2",
    .next = v4l2_next,
    .destroy = v4l2_destroy,
};

void mid_v4l2_config_default(mid_v4l2_config *cfg)
{
    if (!cfg)
        return;
    memset(cfg, 0, sizeof *cfg);
    cfg->device = "/dev/video0";
    /* 1280x720 YUYV at 30 fps does not fit USB 2.0; 640x480 does. */
    cfg->width = 640;
    cfg->height = 480;
    cfg->format = MID_PIXFMT_AUTO;
    cfg->exposure_absolute = -1;
    cfg->focus_absolute = -1;
    cfg->power_line_hz = 60;
    cfg->reopen_interval_ms = V4L2_DEFAULT_REOPEN_MS;
}

static int config_ok(const mid_v4l2_config *cfg)
{
    if (!cfg->device || strlen(cfg->device) >= V4L2_MAX_PATH)
        return 0;
    if (cfg->width == 0 || cfg->height == 0 ||
        cfg->width > MID_CAMERA_MAX_W || cfg->height > MID_CAMERA_MAX_H)
        return 0;
    if (cfg->format < MID_PIXFMT_AUTO || cfg->format > MID_PIXFMT_MJPEG)
        return 0;
    if (cfg->power_line_hz > 0 && cfg->power_line_hz != 50 &&
        cfg->power_line_hz != 60)
        return 0;
    return cfg->reopen_interval_ms >= 0;
}

mid_err mid_camera_v4l2_open(const mid_v4l2_config *cfg, mid_camera **out)
{
    struct v4l2_cam *c;
    mid_err err;

    if (!out)
        return MID_ERR_ARG;
    *out = NULL;
    if (!cfg || !config_ok(cfg))
        return MID_ERR_ARG;
    c = calloc(1, sizeof *c);
    if (!c)
        return MID_ERR_NOMEM;
    c->base.ops = &v4l2_ops;
    c->sys = g_sys;
    c->cfg = *cfg;
    memcpy(c->device, cfg->device, strlen(cfg->device) + 1);
    c->cfg.device = c->device;
    c->fd = -1;

    err = device_start(c);
    c->last_attempt_ms = c->sys.now_ms();
    /* A camera that is absent at boot is the same as one unplugged later:
     * the source starts "gone" and next() keeps retrying. A camera that is
     * there but cannot deliver a usable format is a configuration error. */
    if (err == MID_ERR_CAMERA_GONE)
        err = MID_OK;
    if (err != MID_OK) {
        v4l2_destroy(&c->base);
        return err;
    }
    *out = &c->base;
    return MID_OK;
}
