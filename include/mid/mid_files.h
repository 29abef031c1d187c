/* mid-kiosk — bounded file reads and power-cut-safe writes. */
#ifndef MID_FILES_H
#define MID_FILES_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_limits.h"

/* Reads a whole file of at most cap bytes (MID_ERR_TOO_LARGE if longer). */
mid_err mid_file_read(const char *path, uint8_t *buf, size_t cap, size_t *len);
/* Write to "path.tmp.PID", fsync, rename over path, fsync the directory:
 * a power cut leaves either the old or the new file, never half of one. */
mid_err mid_file_write_atomic(const char *path, const void *data, size_t len);
/* The same with the new file's mode (0600 for the PIN's files). */
mid_err mid_file_write_atomic_mode(const char *path, const void *data, size_t len,
                                   unsigned mode);
mid_err mid_pub_load_pem(const char *path, uint8_t pub[MID_P256_POINT_LEN]);
/* Unix seconds from a file holding a decimal number (the build time). */
mid_err mid_file_read_time(const char *path, int64_t *out);

#endif
