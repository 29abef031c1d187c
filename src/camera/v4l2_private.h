/* mid-kiosk — the system calls the V4L2 source makes, gathered in one
 * struct so tests can put a scripted kernel behind them (this machine has
 * no /dev/video*). Defaults are libv4l2's v4l2_open/v4l2_ioctl/v4l2_mmap…,
 * poll(2) and CLOCK_MONOTONIC. Not part of the public API. */
#ifndef MID_V4L2_PRIVATE_H
#define MID_V4L2_PRIVATE_H

#include <poll.h>
#include <stddef.h>
#include <stdint.h>

struct mid_v4l2_sys {
    int (*open)(const char *path, int flags);
    int (*close)(int fd);
    int (*ioctl)(int fd, unsigned long request, void *arg);
    void *(*mmap)(void *addr, size_t len, int prot, int flags, int fd,
                  int64_t offset);
    int (*munmap)(void *addr, size_t len);
    /* Also used with nfds == 0 as the source's only way to sleep, so a
     * fake can advance its clock instead. */
    int (*poll)(struct pollfd *fds, nfds_t nfds, int timeout_ms);
    uint64_t (*now_ms)(void); /* monotonic milliseconds */
};

/* Each source copies the layer in force when it is opened. */
#define MID_V4L2_BUFFERS 4u /* requested; the driver may grant fewer */
#define MID_V4L2_MIN_BUFFERS 2u

#ifndef MID_RELEASE
/* Tests only: replaces the layer for sources opened afterwards; NULL
 * restores the defaults. Compiled out of release builds. */
void mid_v4l2_set_sys_for_test(const struct mid_v4l2_sys *sys);
#endif

#endif
