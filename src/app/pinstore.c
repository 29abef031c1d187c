/* Operator PIN and time files (include/mid/mid_pinstore.h). */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mid/mid_crypto.h"
#include "mid/mid_files.h"
#include "mid/mid_pinstore.h"
#include "mid/mid_timefloor.h"

/* Reads a small file through one descriptor, so the mode checked is the
 * mode of the file read (no swap between stat and open). */
static mid_err read_small(const char *path, char *buf, size_t cap, size_t *len,
                          struct stat *st)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    size_t n = 0;
    mid_err err = MID_ERR_IO;

    if (fd < 0)
        return errno == ELOOP ? MID_ERR_PIN_FILE_MODE : MID_ERR_IO;
    if (fstat(fd, st) != 0)
        goto done;
    while (n < cap) {
        ssize_t r = read(fd, buf + n, cap - n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        n += (size_t)r;
    }
    *len = n;
    err = n == cap ? MID_ERR_TOO_LARGE : MID_OK;
done:
    close(fd);
    return err;
}

mid_err mid_pinfile_load(const char *path, mid_pin_hash *out)
{
    char buf[MID_PIN_FILE_MAX + 1u];
    struct stat st;
    size_t len = 0;
    mid_err err = read_small(path, buf, sizeof buf, &len, &st);

    if (err == MID_ERR_IO || err == MID_ERR_PIN_FILE_MODE)
        goto done;
    /* a hash others can read is a PIN others can brute-force offline */
    if (!S_ISREG(st.st_mode) || (st.st_mode & 077) != 0 ||
        (st.st_uid != geteuid() && st.st_uid != 0)) {
        err = MID_ERR_PIN_FILE_MODE;
        goto done;
    }
    if (err)
        err = MID_ERR_PIN_FILE;
    else
        err = mid_pin_hash_parse(buf, len, out);
done:
    mid_wipe(buf, sizeof buf);
    return err;
}

mid_err mid_pinfile_store(const char *path, const mid_pin_hash *h)
{
    char line[MID_PIN_FILE_MAX];
    size_t len;
    mid_err err = mid_pin_hash_format(h, line, sizeof line, &len);
    if (!err)
        err = mid_file_write_atomic_mode(path, line, len, 0600);
    mid_wipe(line, sizeof line);
    return err;
}

mid_err mid_pinlock_load(const char *path, int64_t now, mid_pin_lock *out)
{
    char buf[MID_PIN_LOCK_FILE_MAX + 1u];
    struct stat st;
    size_t len = 0;
    mid_err err;

    out->failures = 0;
    out->until = 0;
    err = read_small(path, buf, sizeof buf, &len, &st);
    if (err == MID_ERR_IO && errno == ENOENT)
        return MID_OK; /* never a wrong PIN yet */
    if (!err && S_ISREG(st.st_mode))
        err = mid_pin_lock_parse(buf, len, out);
    else
        err = MID_ERR_PIN_LOCK_FILE;
    if (err) {
        mid_pin_lock_fail_safe(out, now);
        return MID_ERR_PIN_LOCK_FILE;
    }
    return MID_OK;
}

mid_err mid_pinlock_store(const char *path, const mid_pin_lock *l)
{
    char line[MID_PIN_LOCK_FILE_MAX];
    size_t len;
    mid_err err = mid_pin_lock_format(l, line, sizeof line, &len);
    return err ? err : mid_file_write_atomic_mode(path, line, len, 0600);
}

mid_err mid_timefile_load(const char *path, int64_t *out)
{
    char buf[MID_TIME_FILE_MAX + 1u];
    struct stat st;
    size_t len = 0;
    mid_err err = read_small(path, buf, sizeof buf, &len, &st);

    *out = 0;
    if (err == MID_ERR_IO && errno == ENOENT)
        return MID_OK;
    if (err || !S_ISREG(st.st_mode))
        return MID_ERR_TIME_FILE;
    return mid_time_parse(buf, len, out);
}

mid_err mid_timefile_store(const char *path, int64_t t)
{
    char line[32];
    int n = snprintf(line, sizeof line, "%lld\n", (long long)t);
    if (t < MID_TIME_MIN || t > MID_TIME_MAX || n < 0 || (size_t)n >= sizeof line)
        return MID_ERR_ARG;
    return mid_file_write_atomic_mode(path, line, (size_t)n, 0644);
}
