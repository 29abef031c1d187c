/* Bounded reads and atomic writes (include/mid/mid_files.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mid/mid_crypto.h"
#include "mid/mid_files.h"

#define PEM_CAP 1024u

#ifdef MID_RELEASE
#define crash_point(path, step) ((void)(path), (void)0)
#else
/* Test hook (absent from release builds): MID_TEST_CRASH_AT=N ends the
 * process abruptly at step N of an atomic write, as a power cut would:
 * 1 temp file created, 2 half the data written, 3 data synced, 4 renamed.
 * With MID_TEST_CRASH_PATH set, only writes to a path containing it are
 * cut (a bundle install writes the bundle, then the floor file). */
static void crash_point(const char *path, int step)
{
    const char *s = getenv("MID_TEST_CRASH_AT");
    const char *only = getenv("MID_TEST_CRASH_PATH");
    if (only && !strstr(path, only))
        return;
    if (s && s[0] == (char)('0' + step) && s[1] == '\0')
        _exit(77);
}
#endif

mid_err mid_file_read(const char *path, uint8_t *buf, size_t cap, size_t *len)
{
    FILE *f = fopen(path, "rb");
    size_t n;
    int extra;

    if (!f)
        return MID_ERR_IO;
    n = fread(buf, 1, cap, f);
    extra = fgetc(f);
    if (ferror(f)) {
        fclose(f);
        return MID_ERR_IO;
    }
    fclose(f);
    if (extra != EOF)
        return MID_ERR_TOO_LARGE;
    *len = n;
    return MID_OK;
}

mid_err mid_file_write_atomic(const char *path, const void *data, size_t len)
{
    return mid_file_write_atomic_mode(path, data, len, 0644);
}

mid_err mid_file_write_atomic_mode(const char *path, const void *data, size_t len,
                                   unsigned mode)
{
    char tmp[4096];
    const uint8_t *p = data;
    size_t off = 0;
    int fd, n;
    mid_err err = MID_ERR_IO;

    n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return MID_ERR_ARG;
    fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, (mode_t)mode);
    if (fd < 0)
        return MID_ERR_IO;
    /* open() applies the umask, which only takes bits away: a 0600
     * secret stays 0600 or stricter */
    crash_point(path, 1);
    while (off < len) {
        /* two halves, so a crash can land between them (test hook) */
        size_t chunk = off < len / 2 ? len / 2 - off : len - off;
        ssize_t w;
        if (off >= len / 2)
            crash_point(path, 2);
        w = write(fd, p + off, chunk);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            goto done;
        }
        off += (size_t)w;
    }
    if (fsync(fd) != 0)
        goto done;
    crash_point(path, 3);
    if (close(fd) != 0) {
        fd = -1;
        goto done;
    }
    fd = -1;
    if (rename(tmp, path) != 0)
        goto done;
    crash_point(path, 4);
    /* make the rename itself durable */
    {
        char dir[4096];
        char *slash;
        int dfd;
        snprintf(dir, sizeof dir, "%s", path);
        slash = strrchr(dir, '/');
        if (!slash)
            snprintf(dir, sizeof dir, ".");
        else if (slash == dir)
            dir[1] = '\0'; /* the root directory */
        else
            *slash = '\0';
        dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            (void)fsync(dfd);
            close(dfd);
        }
    }
    err = MID_OK;
done:
    if (fd >= 0)
        close(fd);
    if (err)
        unlink(tmp);
    return err;
}

mid_err mid_pub_load_pem(const char *path, uint8_t pub[MID_P256_POINT_LEN])
{
    uint8_t buf[PEM_CAP];
    size_t len;
    mid_err err = mid_file_read(path, buf, sizeof buf - 1u, &len);
    if (err)
        return err;
    return mid_crypto_p256_pub_from_pem((const char *)buf, len, pub);
}

mid_err mid_file_read_time(const char *path, int64_t *out)
{
    uint8_t buf[32];
    char txt[33];
    size_t len;
    char *end;
    long long v;
    mid_err err = mid_file_read(path, buf, sizeof buf, &len);
    if (err)
        return err;
    while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == '\r' || buf[len - 1] == ' '))
        len--;
    if (len == 0)
        return MID_ERR_CONFIG;
    memcpy(txt, buf, len);
    txt[len] = '\0';
    errno = 0;
    v = strtoll(txt, &end, 10);
    if (errno || *end != '\0' || v < 0)
        return MID_ERR_CONFIG;
    *out = (int64_t)v;
    return MID_OK;
}
