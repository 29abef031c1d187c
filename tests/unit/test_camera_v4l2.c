/* mid-kiosk — V4L2 source against a scripted fake kernel (no /dev/video*
 * here): formats, mmap buffers in malloc'd memory, frames with a known
 * pattern, unplug (ENODEV/EIO/POLLERR), failed reopens, replug. The fake
 * also owns the clock, so reopen rate limiting is checked exactly. */
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

#include <cmocka.h>

#include "mid/mid_camera.h"

#ifndef MID_RELEASE
#include "camera/v4l2_private.h"

#define FAKE_FD_BASE 100
#define FAKE_MAX_BUFS 8u
#define FAKE_MAX_FORMATS 8u
#define FAKE_MAX_CTRLS 64u
#define FAKE_MAX_ATTEMPTS 64u
#define FAKE_OFFSET_STEP 0x10000u
#define U_VALUE 0x11u /* chroma that must never leak into the luma */
#define V_VALUE 0xeeu

struct fake_buf {
    uint8_t *mem;
    size_t len;
    int mapped;
    int queued;
    uint64_t order; /* FIFO position while queued */
};

struct fake_dev {
    /* script */
    uint32_t formats[FAKE_MAX_FORMATS];
    uint32_t emulated[FAKE_MAX_FORMATS];
    size_t nformats;
    uint32_t max_w, max_h;
    uint32_t pad;         /* extra bytes at the end of each line */
    uint32_t grant;       /* buffers granted per REQBUFS (0: as asked) */
    int frames_ready;     /* < 0: a frame is always ready */
    int unplug_after;     /* unplug once this many frames went out */
    int unplug_in_dqbuf;  /* ...right inside that DQBUF (QBUF fails) */
    int gone_errno;       /* what DQBUF/ioctls fail with when unplugged */
    int gone_pollerr;     /* poll reports POLLERR when unplugged */
    unsigned fail_opens;  /* opens failing (ENOENT) before the replug */
    uint32_t error_frame; /* frame number flagged V4L2_BUF_FLAG_ERROR */
    int error_frame_set;
    int all_frames_error; /* a camera sending only corrupt frames */
    unsigned frame_ms;    /* clock advance per dequeued frame */

    /* state */
    int unplugged;
    int fd; /* current open fd, -1 if none */
    int streaming;
    uint32_t fmt, w, h, bpl;
    size_t frame_size;
    struct fake_buf bufs[FAKE_MAX_BUFS];
    uint32_t nbufs;
    uint64_t qorder;
    uint32_t frame_no;
    uint64_t clock_ms;

    /* what the source did */
    unsigned open_attempts, opens, closes, mmaps, munmaps, bad_munmaps;
    unsigned streamons, streamoffs, sleeps, leaked_maps;
    uint64_t attempt_ms[FAKE_MAX_ATTEMPTS];
    uint32_t last_sfmt;
    unsigned nctrls;
    struct v4l2_control ctrls[FAKE_MAX_CTRLS];
    int last_open_flags;
};

static struct fake_dev g;

static uint8_t pattern(uint32_t frame, uint32_t x, uint32_t y)
{
    return (uint8_t)(x * 3u + y * 7u + frame * 13u);
}

static uint32_t bytes_per_pixel(uint32_t fmt)
{
    return fmt == V4L2_PIX_FMT_YUYV ? 2u : 1u;
}

static void fake_reset(void)
{
    memset(&g, 0, sizeof g);
    g.formats[0] = V4L2_PIX_FMT_YUYV;
    g.nformats = 1;
    g.max_w = 1280;
    g.max_h = 720;
    g.frames_ready = -1;
    g.unplug_after = -1;
    g.gone_errno = ENODEV;
    g.fd = -1;
}

static void free_bufs(void)
{
    for (uint32_t i = 0; i < g.nbufs; i++) {
        if (g.bufs[i].mapped)
            g.leaked_maps++;
        free(g.bufs[i].mem);
        memset(&g.bufs[i], 0, sizeof g.bufs[i]);
    }
    g.nbufs = 0;
}

static int fake_open(const char *path, int flags)
{
    (void)path;
    if (g.open_attempts < FAKE_MAX_ATTEMPTS)
        g.attempt_ms[g.open_attempts] = g.clock_ms;
    g.open_attempts++;
    g.last_open_flags = flags;
    if (g.unplugged) {
        if (g.fail_opens > 0) {
            g.fail_opens--;
            errno = ENOENT;
            return -1;
        }
        g.unplugged = 0; /* plugged back in */
    }
    if (g.fd >= 0) {
        errno = EBUSY;
        return -1;
    }
    g.opens++;
    g.fd = FAKE_FD_BASE + (int)g.opens;
    return g.fd;
}

static int fake_close(int fd)
{
    if (fd != g.fd) {
        errno = EBADF;
        return -1;
    }
    g.closes++;
    g.streaming = 0;
    free_bufs();
    g.fd = -1;
    return 0;
}

static void fill_frame(struct fake_buf *b)
{
    uint32_t bpp = bytes_per_pixel(g.fmt);

    memset(b->mem, 0x5a, b->len); /* padding */
    for (uint32_t y = 0; y < g.h; y++) {
        uint8_t *row = b->mem + (size_t)y * g.bpl;
        for (uint32_t x = 0; x < g.w; x++) {
            row[x * bpp] = pattern(g.frame_no, x, y);
            if (bpp == 2)
                row[x * 2 + 1] = (x & 1) ? V_VALUE : U_VALUE;
        }
    }
    if (g.fmt == V4L2_PIX_FMT_YUV420) {
        size_t y_size = (size_t)g.bpl * g.h;
        memset(b->mem + y_size, U_VALUE, g.frame_size - y_size);
    }
}

static int find_dequeue(void)
{
    int best = -1;

    for (uint32_t i = 0; i < g.nbufs; i++)
        if (g.bufs[i].queued &&
            (best < 0 || g.bufs[i].order < g.bufs[best].order))
            best = (int)i;
    return best;
}

static int frame_available(void)
{
    return g.streaming && find_dequeue() >= 0 && g.frames_ready != 0;
}

/* The cable is pulled between frames (or, with unplug_in_dqbuf, while
 * the source holds a dequeued buffer). */
static void maybe_unplug(void)
{
    if (g.unplug_after >= 0 && g.frame_no >= (uint32_t)g.unplug_after) {
        g.unplugged = 1;
        g.unplug_after = -1;
    }
}

static int ioctl_dqbuf(struct v4l2_buffer *b)
{
    if (!g.streaming || !frame_available()) {
        errno = EAGAIN;
        return -1;
    }
    int i = find_dequeue();
    struct fake_buf *fb = &g.bufs[i];
    fill_frame(fb);
    memset(b, 0, sizeof *b);
    b->type = V4L2_BUF_TYPE_VIDEO_CAPTURE;
    b->memory = V4L2_MEMORY_MMAP;
    b->index = (uint32_t)i;
    b->bytesused = (uint32_t)g.frame_size;
    b->length = (uint32_t)fb->len;
    b->sequence = g.frame_no;
    if ((g.error_frame_set && g.frame_no == g.error_frame) ||
        g.all_frames_error)
        b->flags |= V4L2_BUF_FLAG_ERROR;
    g.clock_ms += g.frame_ms;
    fb->queued = 0;
    g.frame_no++;
    if (g.frames_ready > 0)
        g.frames_ready--;
    if (g.unplug_in_dqbuf)
        maybe_unplug();
    return 0;
}

static int fake_ioctl(int fd, unsigned long request, void *arg)
{
    if (fd != g.fd) {
        errno = EBADF;
        return -1;
    }
    if (g.unplugged) {
        errno = g.gone_errno;
        return -1;
    }
    switch (request) {
    case VIDIOC_QUERYCAP: {
        struct v4l2_capability *c = arg;
        memset(c, 0, sizeof *c);
        memcpy(c->driver, "fake", 5);
        c->capabilities = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING |
                          V4L2_CAP_DEVICE_CAPS;
        c->device_caps = V4L2_CAP_VIDEO_CAPTURE | V4L2_CAP_STREAMING;
        return 0;
    }
    case VIDIOC_ENUM_FMT: {
        struct v4l2_fmtdesc *d = arg;
        if (d->index >= g.nformats) {
            errno = EINVAL;
            return -1;
        }
        d->pixelformat = g.formats[d->index];
        d->flags = g.emulated[d->index] ? V4L2_FMT_FLAG_EMULATED : 0;
        return 0;
    }
    case VIDIOC_S_FMT: {
        struct v4l2_format *f = arg;
        if (g.nbufs > 0) {
            errno = EBUSY;
            return -1;
        }
        g.last_sfmt = f->fmt.pix.pixelformat;
        uint32_t fmt = g.formats[0]; /* drivers adjust, they do not fail */
        for (size_t i = 0; i < g.nformats; i++)
            if (g.formats[i] == f->fmt.pix.pixelformat)
                fmt = g.formats[i];
        g.fmt = fmt;
        g.w = f->fmt.pix.width < g.max_w ? f->fmt.pix.width : g.max_w;
        g.h = f->fmt.pix.height < g.max_h ? f->fmt.pix.height : g.max_h;
        g.bpl = g.w * bytes_per_pixel(fmt) + g.pad;
        g.frame_size = (size_t)g.bpl * g.h;
        if (fmt == V4L2_PIX_FMT_YUV420)
            g.frame_size += 2u * ((g.w + 1u) / 2u) * ((g.h + 1u) / 2u);
        f->fmt.pix.pixelformat = fmt;
        f->fmt.pix.width = g.w;
        f->fmt.pix.height = g.h;
        f->fmt.pix.bytesperline = g.bpl;
        f->fmt.pix.sizeimage = (uint32_t)g.frame_size;
        return 0;
    }
    case VIDIOC_REQBUFS: {
        struct v4l2_requestbuffers *r = arg;
        if (g.streaming || r->memory != V4L2_MEMORY_MMAP) {
            errno = EBUSY;
            return -1;
        }
        free_bufs();
        uint32_t n = g.grant ? g.grant : r->count;
        if (n > FAKE_MAX_BUFS)
            n = FAKE_MAX_BUFS;
        for (uint32_t i = 0; i < n; i++) {
            g.bufs[i].len = g.frame_size;
            g.bufs[i].mem = calloc(1, g.frame_size);
            assert_non_null(g.bufs[i].mem);
        }
        g.nbufs = n;
        r->count = n;
        return 0;
    }
    case VIDIOC_QUERYBUF: {
        struct v4l2_buffer *b = arg;
        if (b->index >= g.nbufs) {
            errno = EINVAL;
            return -1;
        }
        b->length = (uint32_t)g.bufs[b->index].len;
        b->m.offset = b->index * FAKE_OFFSET_STEP;
        return 0;
    }
    case VIDIOC_QBUF: {
        struct v4l2_buffer *b = arg;
        if (b->index >= g.nbufs || g.bufs[b->index].queued) {
            errno = EINVAL;
            return -1;
        }
        g.bufs[b->index].queued = 1;
        g.bufs[b->index].order = g.qorder++;
        return 0;
    }
    case VIDIOC_DQBUF:
        return ioctl_dqbuf(arg);
    case VIDIOC_STREAMON:
        g.streaming = 1;
        g.streamons++;
        return 0;
    case VIDIOC_STREAMOFF:
        g.streaming = 0;
        g.streamoffs++;
        for (uint32_t i = 0; i < g.nbufs; i++)
            g.bufs[i].queued = 0;
        return 0;
    case VIDIOC_S_CTRL: {
        struct v4l2_control *c = arg;
        if (g.nctrls < FAKE_MAX_CTRLS)
            g.ctrls[g.nctrls] = *c;
        g.nctrls++;
        return 0;
    }
    default:
        errno = ENOTTY;
        return -1;
    }
}

static void *fake_mmap(void *addr, size_t len, int prot, int flags, int fd,
                       int64_t offset)
{
    (void)addr;
    (void)prot;
    (void)flags;
    if (fd != g.fd || g.unplugged || offset < 0 ||
        (uint64_t)offset % FAKE_OFFSET_STEP != 0 ||
        (uint64_t)offset / FAKE_OFFSET_STEP >= g.nbufs) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    struct fake_buf *b = &g.bufs[(uint64_t)offset / FAKE_OFFSET_STEP];
    if (len != b->len || b->mapped) {
        errno = EINVAL;
        return MAP_FAILED;
    }
    b->mapped = 1;
    g.mmaps++;
    return b->mem;
}

static int fake_munmap(void *addr, size_t len)
{
    for (uint32_t i = 0; i < g.nbufs; i++) {
        if (g.bufs[i].mem == addr && g.bufs[i].len == len &&
            g.bufs[i].mapped) {
            g.bufs[i].mapped = 0;
            g.munmaps++;
            return 0;
        }
    }
    g.bad_munmaps++;
    errno = EINVAL;
    return -1;
}

static int fake_poll(struct pollfd *fds, nfds_t nfds, int timeout_ms)
{
    if (nfds == 0) {
        g.sleeps++;
        g.clock_ms += (uint64_t)timeout_ms;
        return 0;
    }
    assert_int_equal(nfds, 1);
    fds[0].revents = 0;
    maybe_unplug();
    if (fds[0].fd != g.fd) {
        fds[0].revents = POLLNVAL;
        return 1;
    }
    if (g.unplugged) {
        fds[0].revents = g.gone_pollerr ? POLLERR : POLLIN;
        return 1;
    }
    if (frame_available()) {
        fds[0].revents = POLLIN;
        return 1;
    }
    g.clock_ms += (uint64_t)timeout_ms;
    return 0;
}

static uint64_t fake_now_ms(void)
{
    return g.clock_ms;
}

static const struct mid_v4l2_sys fake_sys = {
    .open = fake_open,
    .close = fake_close,
    .ioctl = fake_ioctl,
    .mmap = fake_mmap,
    .munmap = fake_munmap,
    .poll = fake_poll,
    .now_ms = fake_now_ms,
};

static int setup(void **state)
{
    (void)state;
    fake_reset();
    g.clock_ms = 1000000; /* not zero: the first attempt is not special */
    mid_v4l2_set_sys_for_test(&fake_sys);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    mid_v4l2_set_sys_for_test(NULL);
    free_bufs();
    return 0;
}

static mid_v4l2_config cfg_of(mid_pixfmt fmt)
{
    mid_v4l2_config cfg;

    mid_v4l2_config_default(&cfg);
    cfg.format = fmt;
    cfg.width = 640;
    cfg.height = 480;
    cfg.exposure_absolute = 150;
    cfg.focus_absolute = 30;
    cfg.power_line_hz = 60;
    cfg.reopen_interval_ms = 500;
    return cfg;
}

static void expect_frame(const mid_frame *f, uint32_t frame_no, uint32_t w,
                         uint32_t h)
{
    assert_int_equal(f->width, w);
    assert_int_equal(f->height, h);
    assert_true(f->stride >= w);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            if (f->luma[(size_t)y * f->stride + x] != pattern(frame_no, x, y))
                fail_msg("luma (%u,%u) of frame %u", x, y, frame_no);
}

/* After destroy (or an unplug): nothing mapped, nothing open. */
static void expect_released(void)
{
    assert_int_equal(g.mmaps, g.munmaps);
    assert_int_equal(g.bad_munmaps, 0);
    assert_int_equal(g.leaked_maps, 0);
    assert_int_equal(g.opens, g.closes);
    assert_int_equal(g.fd, -1);
}

static void expect_controls(unsigned from)
{
    static const struct v4l2_control want[] = {
        {V4L2_CID_EXPOSURE_AUTO, V4L2_EXPOSURE_MANUAL},
        {V4L2_CID_EXPOSURE_ABSOLUTE, 150},
        {V4L2_CID_FOCUS_AUTO, 0},
        {V4L2_CID_FOCUS_ABSOLUTE, 30},
        {V4L2_CID_POWER_LINE_FREQUENCY, V4L2_CID_POWER_LINE_FREQUENCY_60HZ},
    };
    for (unsigned i = 0; i < 5; i++) {
        assert_int_equal(g.ctrls[from + i].id, want[i].id);
        assert_int_equal(g.ctrls[from + i].value, want[i].value);
    }
}

static void test_yuyv_frames(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_non_null(cam);
    assert_true(g.last_open_flags & O_NONBLOCK);
    assert_int_equal(g.last_sfmt, V4L2_PIX_FMT_YUYV);
    assert_int_equal(g.mmaps, MID_V4L2_BUFFERS);
    assert_int_equal(g.streamons, 1);
    assert_int_equal(g.nctrls, 5);
    expect_controls(0);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
        assert_int_equal(f.seq, i);
        assert_int_equal(f.stride, 640);
        expect_frame(&f, i, 640, 480);
    }
    mid_camera_destroy(cam);
    assert_int_equal(g.streamoffs, 1);
    expect_released();
}

/* Lines padded by the driver, for each format the source reads. */
static void test_padded_lines(void **state)
{
    static const struct {
        mid_pixfmt cfg;
        uint32_t v4l2;
    } cases[] = {{MID_PIXFMT_YUYV, V4L2_PIX_FMT_YUYV},
                 {MID_PIXFMT_GREY, V4L2_PIX_FMT_GREY},
                 {MID_PIXFMT_YUV420, V4L2_PIX_FMT_YUV420}};
    mid_frame f;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fake_reset();
        g.formats[0] = cases[i].v4l2;
        g.pad = 64;
        mid_v4l2_config cfg = cfg_of(cases[i].cfg);
        cfg.width = 320;
        cfg.height = 240;
        mid_camera *cam = NULL;
        assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
        assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
        expect_frame(&f, 0, 320, 240);
        assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
        expect_frame(&f, 1, 320, 240);
        mid_camera_destroy(cam);
        expect_released();
    }
}

/* MJPEG: libv4lconvert is asked for YUV420 (it cannot make GREY) and the
 * Y plane is used. */
static void test_mjpeg_asks_yuv420(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_MJPEG);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.formats[0] = V4L2_PIX_FMT_MJPEG;
    g.formats[1] = V4L2_PIX_FMT_YUV420;
    g.emulated[1] = 1;
    g.nformats = 2;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(g.last_sfmt, V4L2_PIX_FMT_YUV420);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 0, 640, 480);
    mid_camera_destroy(cam);
    expect_released();
}

static void test_auto_format(void **state)
{
    static const struct {
        uint32_t fmts[4];
        uint32_t emulated[4];
        size_t n;
        uint32_t want;
    } cases[] = {
        /* a UVC webcam: MJPEG and YUYV native, libv4l2 adds the rest */
        {{V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_YUV420,
          V4L2_PIX_FMT_GREY},
         {0, 0, 1, 1},
         4,
         V4L2_PIX_FMT_YUYV},
        /* MJPEG only: converted YUV420 */
        {{V4L2_PIX_FMT_MJPEG, V4L2_PIX_FMT_YUV420, V4L2_PIX_FMT_RGB24, 0},
         {0, 1, 1, 0},
         3,
         V4L2_PIX_FMT_YUV420},
        /* a monochrome sensor */
        {{V4L2_PIX_FMT_YUYV, V4L2_PIX_FMT_GREY, 0, 0}, {0, 0, 0, 0}, 2, V4L2_PIX_FMT_GREY},
    };
    mid_frame f;

    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        fake_reset();
        memcpy(g.formats, cases[i].fmts, sizeof cases[i].fmts);
        memcpy(g.emulated, cases[i].emulated, sizeof cases[i].emulated);
        g.nformats = cases[i].n;
        mid_v4l2_config cfg = cfg_of(MID_PIXFMT_AUTO);
        mid_camera *cam = NULL;
        assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
        assert_int_equal(g.last_sfmt, cases[i].want);
        assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
        expect_frame(&f, 0, 640, 480);
        mid_camera_destroy(cam);
        expect_released();
    }
}

/* The driver substitutes another format: refused, and nothing leaks. */
static void test_format_refused(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_GREY);
    mid_camera *cam = NULL;

    (void)state;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_FORMAT);
    assert_null(cam);
    assert_int_equal(g.opens, 1);
    expect_released();
}

/* The driver grants a smaller size than asked: the source follows it. */
static void test_size_adjusted(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.max_w = 352;
    g.max_h = 288;
    cfg.width = 1920;
    cfg.height = 1080;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 0, 352, 288);
    mid_camera_destroy(cam);
    expect_released();
}

static void test_timeout(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.frames_ready = 1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    uint64_t t0 = g.clock_ms;
    assert_int_equal(mid_camera_next(cam, 250, &f), MID_ERR_CAMERA_TIMEOUT);
    assert_int_equal(g.clock_ms - t0, 250);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_CAMERA_TIMEOUT);
    g.frames_ready = 1; /* the stream resumes */
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 1, 640, 480);
    assert_int_equal(g.opens, 1); /* a timeout is not an unplug */
    mid_camera_destroy(cam);
    expect_released();
}

/* Unplug after 2 frames, three failed reopens, then the camera is back:
 * frames flow again with the controls applied a second time. */
static void unplug_and_recover(int gone_errno, int pollerr)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;
    int calls = 0;
    mid_err err;

    g.unplug_after = 2;
    g.gone_errno = gone_errno;
    g.gone_pollerr = pollerr;
    g.fail_opens = 3;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    assert_int_equal(g.nctrls, 5);

    uint64_t t_gone = g.clock_ms;
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_ERR_CAMERA_GONE);
    assert_int_equal(g.clock_ms, t_gone); /* reported at once */
    expect_released();                    /* torn down completely */

    while ((err = mid_camera_next(cam, 100, &f)) == MID_ERR_CAMERA_GONE) {
        assert_true(++calls < 100);
    }
    assert_int_equal(err, MID_OK);
    expect_frame(&f, 2, 640, 480);
    assert_int_equal(f.seq, 2); /* counts since open, across reopens */

    /* 1 initial + 3 failed + 1 good, each at least the interval apart and
     * the first retry one interval after the unplug. */
    assert_int_equal(g.open_attempts, 5);
    assert_true(g.attempt_ms[1] - t_gone >= 500);
    for (unsigned i = 2; i < 5; i++)
        assert_true(g.attempt_ms[i] - g.attempt_ms[i - 1] >= 500);
    /* no busy loop: each GONE call waited up to its timeout */
    assert_true(calls >= 15);
    assert_int_equal(g.opens, 2);
    assert_int_equal(g.nctrls, 10);
    expect_controls(5);

    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 3, 640, 480);
    mid_camera_destroy(cam);
    expect_released();
}

static void test_unplug_enodev_dqbuf(void **state)
{
    (void)state;
    unplug_and_recover(ENODEV, 0);
}

static void test_unplug_eio_dqbuf(void **state)
{
    (void)state;
    unplug_and_recover(EIO, 0);
}

static void test_unplug_pollerr(void **state)
{
    (void)state;
    unplug_and_recover(ENODEV, 1);
}

/* Absent at open: the source starts gone and picks the camera up. */
static void test_absent_at_open(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;
    int calls = 0;

    (void)state;
    g.unplugged = 1;
    g.fail_opens = 2;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_non_null(cam);
    assert_int_equal(g.opens, 0);
    while (mid_camera_next(cam, 200, &f) == MID_ERR_CAMERA_GONE)
        assert_true(++calls < 100);
    expect_frame(&f, 0, 640, 480);
    assert_int_equal(f.seq, 0);
    assert_int_equal(g.open_attempts, 3);
    mid_camera_destroy(cam);
    expect_released();
}

/* Destroy while gone, and destroy right after a teardown. */
static void test_destroy_while_gone(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.unplug_after = 1;
    g.fail_opens = 1000;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_ERR_CAMERA_GONE);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_ERR_CAMERA_GONE);
    mid_camera_destroy(cam);
    expect_released();
}

/* Unplugged while the source holds a dequeued buffer: QBUF fails, the
 * frame (already copied) is still delivered, the next call reports GONE. */
static void test_unplug_during_qbuf(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.unplug_after = 1;
    g.unplug_in_dqbuf = 1;
    g.fail_opens = 1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 0, 640, 480);
    expect_released(); /* already torn down */
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_ERR_CAMERA_GONE);
    int calls = 0;
    while (mid_camera_next(cam, 100, &f) == MID_ERR_CAMERA_GONE)
        assert_true(++calls < 100);
    expect_frame(&f, 1, 640, 480);
    assert_int_equal(g.opens, 2);
    mid_camera_destroy(cam);
    expect_released();
}

/* A frame the driver flags as corrupt is given back and skipped. */
static void test_error_frame_skipped(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.error_frame_set = 1;
    g.error_frame = 1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 0, 640, 480);
    assert_int_equal(mid_camera_next(cam, 100, &f), MID_OK);
    expect_frame(&f, 2, 640, 480);
    assert_int_equal(f.seq, 1);
    mid_camera_destroy(cam);
    expect_released();
}

/* Only corrupt frames: the call ends at its deadline, it does not spin. */
static void test_only_corrupt_frames(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    g.all_frames_error = 1;
    g.frame_ms = 33;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    uint64_t t0 = g.clock_ms;
    assert_int_equal(mid_camera_next(cam, 200, &f), MID_ERR_CAMERA_TIMEOUT);
    assert_true(g.clock_ms - t0 >= 200 && g.clock_ms - t0 < 240);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_CAMERA_TIMEOUT);
    g.all_frames_error = 0;
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    mid_camera_destroy(cam);
    expect_released();
}

/* Fewer buffers than useful: refused without leaks. */
static void test_too_few_buffers(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;

    (void)state;
    g.grant = 1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_IO);
    expect_released();
}

static void test_controls_left_alone(void **state)
{
    mid_v4l2_config cfg = cfg_of(MID_PIXFMT_YUYV);
    mid_camera *cam = NULL;

    (void)state;
    cfg.exposure_absolute = -1;
    cfg.focus_absolute = -1;
    cfg.power_line_hz = 50;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(g.nctrls, 1);
    assert_int_equal(g.ctrls[0].id, V4L2_CID_POWER_LINE_FREQUENCY);
    assert_int_equal(g.ctrls[0].value, V4L2_CID_POWER_LINE_FREQUENCY_50HZ);
    mid_camera_destroy(cam);
    expect_released();
}

static void test_bad_config(void **state)
{
    mid_v4l2_config cfg;
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    assert_int_equal(mid_camera_v4l2_open(NULL, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    assert_int_equal(mid_camera_v4l2_open(&cfg, NULL), MID_ERR_ARG);
    cfg.device = NULL;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    cfg.width = 0;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    cfg.height = MID_CAMERA_MAX_H + 1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    cfg.power_line_hz = 55;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    cfg.reopen_interval_ms = -1;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    cfg = cfg_of(MID_PIXFMT_YUYV);
    cfg.format = (mid_pixfmt)9;
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_ERR_ARG);
    assert_int_equal(g.open_attempts, 0);

    cfg = cfg_of(MID_PIXFMT_YUYV);
    assert_int_equal(mid_camera_v4l2_open(&cfg, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, -1, &f), MID_ERR_ARG);
    assert_int_equal(mid_camera_next(cam, 10, NULL), MID_ERR_ARG);
    mid_camera_destroy(cam);
    expect_released();
}

static void test_config_default(void **state)
{
    mid_v4l2_config cfg;

    (void)state;
    mid_v4l2_config_default(&cfg);
    assert_string_equal(cfg.device, "/dev/video0");
    assert_int_equal(cfg.width, 640);
    assert_int_equal(cfg.height, 480);
    assert_int_equal(cfg.format, MID_PIXFMT_AUTO);
    assert_int_equal(cfg.exposure_absolute, -1);
    assert_int_equal(cfg.focus_absolute, -1);
    assert_int_equal(cfg.power_line_hz, 60);
    assert_true(cfg.reopen_interval_ms > 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(test_yuyv_frames, setup, teardown),
        cmocka_unit_test_setup_teardown(test_padded_lines, setup, teardown),
        cmocka_unit_test_setup_teardown(test_mjpeg_asks_yuv420, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_auto_format, setup, teardown),
        cmocka_unit_test_setup_teardown(test_format_refused, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_size_adjusted, setup, teardown),
        cmocka_unit_test_setup_teardown(test_timeout, setup, teardown),
        cmocka_unit_test_setup_teardown(test_unplug_enodev_dqbuf, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unplug_eio_dqbuf, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unplug_pollerr, setup, teardown),
        cmocka_unit_test_setup_teardown(test_absent_at_open, setup, teardown),
        cmocka_unit_test_setup_teardown(test_destroy_while_gone, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_unplug_during_qbuf, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_error_frame_skipped, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_only_corrupt_frames, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_too_few_buffers, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_controls_left_alone, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(test_bad_config, setup, teardown),
        cmocka_unit_test(test_config_default),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}

#else /* MID_RELEASE: the syscall hook must not exist in the library */

/* Declared weak only here: it resolves to NULL unless something defines
 * it, which a release build of src/camera/v4l2.c must not. */
struct mid_v4l2_sys;
void mid_v4l2_set_sys_for_test(const struct mid_v4l2_sys *sys)
    __attribute__((weak));

static void test_release_has_no_hook(void **state)
{
    (void)state;
    assert_true(mid_v4l2_set_sys_for_test == NULL);
    /* and the library itself is linked in */
    mid_v4l2_config cfg;
    mid_v4l2_config_default(&cfg);
    assert_int_equal(cfg.power_line_hz, 60);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_release_has_no_hook),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
#endif
