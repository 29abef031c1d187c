/* mid-kiosk — frame source reading files: a YUV4MPEG2 (Y4M) stream or a
 * numbered sequence of binary PGM (P5) images. Used by the demo and by
 * tests; only the luma plane is kept, chroma is read past.
 *
 * Both parsers are strict and bounded: every header has a maximum length,
 * every number a maximum value, and anything unexpected is
 * MID_ERR_FORMAT. An error in the middle of a stream is sticky. */
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <time.h>

#include "mid/mid_camera.h"

/* "YUV4MPEG2 W1280 H720 F30:1 Ip A1:1 C420jpeg XYSCSS=420JPEG" is ~60
 * bytes; ffmpeg adds a few X tags. */
#define Y4M_MAX_HEADER 512u
#define Y4M_MAX_FRAME_HEADER 256u
#define Y4M_MAGIC "YUV4MPEG2"
/* PGM headers are tiny, but comments are allowed: bound them. */
#define PGM_MAX_HEADER 4096u
#define FILE_MAX_PATH 4096u
/* Largest field width accepted in "%0Nd". */
#define PGM_MAX_FIELD_WIDTH 16
/* Digits of the largest number accepted anywhere in a header. */
#define HDR_MAX_DIGITS 9u
#define SKIP_CHUNK 4096u

enum file_kind { KIND_Y4M,
                 KIND_PGM };

struct file_cam {
    mid_camera base;
    enum file_kind kind;
    int loop;
    uint8_t *buf; /* width * height, allocated at open */
    uint32_t width, height;
    uint64_t seq;
    mid_err sticky; /* a broken stream stays broken */
    int eos;

    /* Y4M */
    FILE *fp;
    off_t data_start;   /* first FRAME line */
    size_t chroma_size; /* bytes after the luma plane in each frame */
    uint64_t frames_this_pass;

    /* PGM: prefix, number, suffix ('%%' already unescaped). */
    char prefix[FILE_MAX_PATH];
    char suffix[FILE_MAX_PATH];
    int field_width;
    int zero_pad;
    int single; /* a plain .pgm path, not a pattern: one frame */
    int first_index;
    int next_index;

    /* Real-time pacing (mid_camera_file_pace): frame n is delivered no
     * earlier than n frame intervals after the first. */
    uint32_t fps_num, fps_den; /* from the Y4M F tag; 0 if none */
    int64_t pace_ns;           /* frame interval; 0 = as fast as read */
    int64_t pace_start_ns;
    uint64_t paced;
};

static struct file_cam *to_file_cam(mid_camera *cam)
{
    return (struct file_cam *)(void *)cam;
}

/* Digits only, no sign, at most HDR_MAX_DIGITS, value <= max. */
static int parse_uint(const char *s, size_t n, uint32_t max, uint32_t *out)
{
    uint32_t v = 0;

    if (n == 0 || n > HDR_MAX_DIGITS)
        return -1;
    for (size_t i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10u + (uint32_t)(s[i] - '0');
    }
    if (v > max)
        return -1;
    *out = v;
    return 0;
}

/* "N:D" with both parts plain unsigned numbers. */
static int parse_ratio(const char *s, size_t n, uint32_t *num, uint32_t *den)
{
    const char *colon = memchr(s, ':', n);

    if (!colon)
        return -1;
    size_t a = (size_t)(colon - s);
    if (parse_uint(s, a, 999999999u, num) != 0)
        return -1;
    return parse_uint(colon + 1, n - a - 1, 999999999u, den);
}

/* Reads one '\n'-terminated line of at most max bytes (newline excluded)
 * into line. Returns 1 on a line, 0 on EOF before any byte, -1 on a line
 * that is too long or cut by EOF. */
static int read_line(FILE *fp, char *line, size_t max, size_t *len)
{
    size_t n = 0;

    for (;;) {
        int c = getc(fp);
        if (c == EOF)
            return n == 0 ? 0 : -1;
        if (c == '\n')
            break;
        if (n >= max)
            return -1;
        line[n++] = (char)c;
    }
    line[n] = '\0';
    *len = n;
    return 1;
}

static int tag_is(const char *tok, size_t n, const char *s)
{
    size_t k = strlen(s);
    return n == k && memcmp(tok, s, k) == 0;
}

/* Parses the stream header after the magic. Tags are separated by one
 * space; unknown tags other than X (comments/extensions) are refused. */
static mid_err y4m_parse_header(const char *line, size_t len, uint32_t *w,
                                uint32_t *h, int *mono, uint32_t *fnum,
                                uint32_t *fden)
{
    int seen_w = 0, seen_h = 0, seen_f = 0, seen_i = 0, seen_a = 0, seen_c = 0;
    size_t pos = sizeof(Y4M_MAGIC) - 1;

    if (len < pos || memcmp(line, Y4M_MAGIC, pos) != 0)
        return MID_ERR_FORMAT;
    *mono = 0; /* no C tag means 4:2:0 (jpeg siting) */
    while (pos < len) {
        if (line[pos] != ' ')
            return MID_ERR_FORMAT;
        pos++;
        const char *tok = line + pos;
        const char *end = memchr(tok, ' ', len - pos);
        size_t n = end ? (size_t)(end - tok) : len - pos;
        if (n == 0)
            return MID_ERR_FORMAT;
        const char *val = tok + 1;
        size_t vn = n - 1;
        uint32_t a, b;
        switch (tok[0]) {
        case 'W':
            if (seen_w++ || parse_uint(val, vn, MID_CAMERA_MAX_W, w) != 0 ||
                *w == 0)
                return MID_ERR_FORMAT;
            break;
        case 'H':
            if (seen_h++ || parse_uint(val, vn, MID_CAMERA_MAX_H, h) != 0 ||
                *h == 0)
                return MID_ERR_FORMAT;
            break;
        case 'F':
            if (seen_f++ || parse_ratio(val, vn, &a, &b) != 0 || a == 0 ||
                b == 0)
                return MID_ERR_FORMAT;
            *fnum = a;
            *fden = b;
            break;
        case 'I':
            if (seen_i++ || vn != 1 || !strchr("ptbm", val[0]))
                return MID_ERR_FORMAT;
            break;
        case 'A':
            /* 0:0 means unknown; otherwise both parts are non-zero */
            if (seen_a++ || parse_ratio(val, vn, &a, &b) != 0 ||
                ((a == 0) != (b == 0)))
                return MID_ERR_FORMAT;
            break;
        case 'C':
            if (seen_c++)
                return MID_ERR_FORMAT;
            if (tag_is(val, vn, "mono"))
                *mono = 1;
            else if (!tag_is(val, vn, "420jpeg") &&
                     !tag_is(val, vn, "420paldv") &&
                     !tag_is(val, vn, "420mpeg2") && !tag_is(val, vn, "420"))
                return MID_ERR_FORMAT;
            break;
        case 'X':
            break;
        default:
            return MID_ERR_FORMAT;
        }
        pos += n;
    }
    if (!seen_w || !seen_h)
        return MID_ERR_FORMAT;
    return MID_OK;
}

/* Reads and discards n bytes; a short read means a truncated file. */
static int skip_bytes(FILE *fp, size_t n)
{
    uint8_t chunk[SKIP_CHUNK];

    while (n > 0) {
        size_t k = n < sizeof chunk ? n : sizeof chunk;
        if (fread(chunk, 1, k, fp) != k)
            return -1;
        n -= k;
    }
    return 0;
}

/* 1 on a FRAME line, 0 on a clean end of file, -1 on anything else. */
static int y4m_frame_header(FILE *fp)
{
    char line[Y4M_MAX_FRAME_HEADER + 1];
    size_t len = 0;
    int r = read_line(fp, line, Y4M_MAX_FRAME_HEADER, &len);

    if (r <= 0)
        return r;
    /* Frame parameters may follow after one space; they never matter for
     * the luma plane. */
    if (len < 5 || memcmp(line, "FRAME", 5) != 0 ||
        (len > 5 && line[5] != ' '))
        return -1;
    return 1;
}

static mid_err y4m_next(struct file_cam *c)
{
    int r = y4m_frame_header(c->fp);

    if (r == 0 && c->loop && c->frames_this_pass > 0) {
        if (fseeko(c->fp, c->data_start, SEEK_SET) != 0)
            return MID_ERR_IO;
        c->frames_this_pass = 0;
        r = y4m_frame_header(c->fp);
    }
    if (r == 0) {
        c->eos = 1;
        return MID_ERR_END_OF_STREAM;
    }
    if (r < 0)
        return ferror(c->fp) ? MID_ERR_IO : MID_ERR_FORMAT;
    size_t luma = (size_t)c->width * c->height;
    if (fread(c->buf, 1, luma, c->fp) != luma ||
        skip_bytes(c->fp, c->chroma_size) != 0)
        return ferror(c->fp) ? MID_ERR_IO : MID_ERR_FORMAT;
    c->frames_this_pass++;
    return MID_OK;
}

static mid_err y4m_open(struct file_cam *c, FILE *fp)
{
    char line[Y4M_MAX_HEADER + 1];
    size_t len = 0;
    int mono = 0;

    if (read_line(fp, line, Y4M_MAX_HEADER, &len) != 1)
        return MID_ERR_FORMAT;
    mid_err err = y4m_parse_header(line, len, &c->width, &c->height, &mono,
                                   &c->fps_num, &c->fps_den);
    if (err != MID_OK)
        return err;
    c->data_start = ftello(fp);
    if (c->data_start < 0)
        return MID_ERR_IO;
    size_t cw = ((size_t)c->width + 1) / 2, ch = ((size_t)c->height + 1) / 2;
    c->chroma_size = mono ? 0 : 2 * cw * ch;
    c->fp = fp;
    c->kind = KIND_Y4M;
    return MID_OK;
}

/* ---- PGM ---------------------------------------------------------------- */

/* Splits "dir/%04d.pgm" into prefix, width/flags and suffix. Exactly one
 * %d conversion with an optional '0' flag and width; "%%" is a literal.
 * Returns 0, or -1 when the pattern is not of that form. */
static int pgm_parse_pattern(struct file_cam *c, const char *pat)
{
    char *dst = c->prefix;
    size_t di = 0;
    int convs = 0;

    for (size_t i = 0; pat[i] != '\0'; i++) {
        if (pat[i] == '%') {
            if (pat[i + 1] == '%') {
                i++;
            } else {
                if (convs++)
                    return -1;
                i++;
                c->zero_pad = 0;
                if (pat[i] == '0') {
                    c->zero_pad = 1;
                    i++;
                }
                int width = 0;
                while (pat[i] >= '0' && pat[i] <= '9') {
                    width = width * 10 + (pat[i] - '0');
                    if (width > PGM_MAX_FIELD_WIDTH)
                        return -1;
                    i++;
                }
                if (pat[i] != 'd')
                    return -1;
                c->field_width = width;
                dst[di] = '\0';
                dst = c->suffix;
                di = 0;
                continue;
            }
        }
        if (di + 1 >= FILE_MAX_PATH)
            return -1;
        dst[di++] = pat[i];
    }
    dst[di] = '\0';
    return convs == 1 ? 0 : -1;
}

static int pgm_make_path(const struct file_cam *c, int index, char *out,
                         size_t cap)
{
    int n;

    if (c->single)
        n = snprintf(out, cap, "%s", c->prefix);
    else if (c->zero_pad)
        n = snprintf(out, cap, "%s%0*d%s", c->prefix, c->field_width, index,
                     c->suffix);
    else
        n = snprintf(out, cap, "%s%*d%s", c->prefix, c->field_width, index,
                     c->suffix);
    return n > 0 && (size_t)n < cap ? 0 : -1;
}

/* Skips whitespace and '#' comments, then reads a decimal number. The
 * header budget counts every byte consumed. */
static int pgm_number(FILE *fp, size_t *budget, uint32_t max, uint32_t *out)
{
    char digits[HDR_MAX_DIGITS + 1];
    size_t n = 0;
    int c;

    for (;;) {
        if (*budget == 0)
            return -1;
        (*budget)--;
        c = getc(fp);
        if (c == '#') {
            do {
                if (*budget == 0)
                    return -1;
                (*budget)--;
                c = getc(fp);
            } while (c != '\n' && c != '\r' && c != EOF);
        }
        if (c == EOF)
            return -1;
        if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' &&
            c != '\f')
            break;
    }
    while (c >= '0' && c <= '9') {
        if (n >= HDR_MAX_DIGITS || *budget == 0)
            return -1;
        digits[n++] = (char)c;
        (*budget)--;
        c = getc(fp);
    }
    /* The number ends with exactly one whitespace byte; for the maxval
     * that byte is the last of the header. */
    if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\v' &&
        c != '\f')
        return -1;
    return parse_uint(digits, n, max, out);
}

static mid_err pgm_header(FILE *fp, uint32_t *w, uint32_t *h)
{
    size_t budget = PGM_MAX_HEADER;
    uint32_t maxval = 0;

    if (getc(fp) != 'P' || getc(fp) != '5')
        return MID_ERR_FORMAT;
    int sep = getc(fp);
    if (sep != ' ' && sep != '\t' && sep != '\n' && sep != '\r' && sep != '#')
        return MID_ERR_FORMAT;
    ungetc(sep, fp);
    if (pgm_number(fp, &budget, MID_CAMERA_MAX_W, w) != 0 || *w == 0 ||
        pgm_number(fp, &budget, MID_CAMERA_MAX_H, h) != 0 || *h == 0 ||
        pgm_number(fp, &budget, 65535u, &maxval) != 0)
        return ferror(fp) ? MID_ERR_IO : MID_ERR_FORMAT;
    /* 16-bit samples (maxval > 255) or other scales are not camera-like */
    if (maxval != 255)
        return MID_ERR_FORMAT;
    return MID_OK;
}

/* Opens frame index; *missing is set when the file does not exist (the
 * end of the sequence). */
static FILE *pgm_fopen(const struct file_cam *c, int index, int *missing,
                       mid_err *err)
{
    char path[FILE_MAX_PATH + 32];

    *missing = 0;
    *err = MID_OK;
    if (c->single && index != c->first_index) {
        *missing = 1;
        return NULL;
    }
    if (pgm_make_path(c, index, path, sizeof path) != 0) {
        *err = MID_ERR_ARG;
        return NULL;
    }
    FILE *fp = fopen(path, "rb");
    if (!fp) {
        if (errno == ENOENT)
            *missing = 1;
        else
            *err = MID_ERR_IO;
    }
    return fp;
}

static mid_err pgm_load(struct file_cam *c, int index, int *missing)
{
    mid_err err;
    FILE *fp = pgm_fopen(c, index, missing, &err);
    uint32_t w = 0, h = 0;

    if (!fp)
        return err;
    err = pgm_header(fp, &w, &h);
    if (err == MID_OK && (w != c->width || h != c->height))
        err = MID_ERR_FORMAT; /* one buffer, one size per sequence */
    if (err == MID_OK) {
        size_t n = (size_t)w * h;
        if (fread(c->buf, 1, n, fp) != n)
            err = ferror(fp) ? MID_ERR_IO : MID_ERR_FORMAT;
    }
    fclose(fp);
    return err;
}

static mid_err pgm_next(struct file_cam *c)
{
    int missing = 0;
    mid_err err = MID_OK;

    if (c->next_index < INT32_MAX)
        err = pgm_load(c, c->next_index, &missing);
    else
        missing = 1;
    if (err != MID_OK)
        return err;
    if (missing) {
        if (!c->loop || c->next_index == c->first_index) {
            c->eos = 1;
            return MID_ERR_END_OF_STREAM;
        }
        c->next_index = c->first_index;
        err = pgm_load(c, c->next_index, &missing);
        if (err != MID_OK)
            return err;
        if (missing) {
            c->eos = 1;
            return MID_ERR_END_OF_STREAM;
        }
    }
    c->next_index++;
    return MID_OK;
}

/* Reads the first frame's header to learn the size; frames are numbered
 * from 0 or from 1. */
static mid_err pgm_open(struct file_cam *c)
{
    int missing = 1;
    mid_err err = MID_OK;
    FILE *fp = NULL;

    for (int first = 0; first <= 1 && missing; first++) {
        c->first_index = first;
        fp = pgm_fopen(c, first, &missing, &err);
        if (err != MID_OK)
            return err;
        if (c->single)
            break;
    }
    if (!fp)
        return MID_ERR_IO;
    err = pgm_header(fp, &c->width, &c->height);
    fclose(fp);
    c->next_index = c->first_index;
    c->kind = KIND_PGM;
    return err;
}

/* ---- the source --------------------------------------------------------- */

static const struct mid_camera_ops file_ops;

static int64_t mono_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000000000 + ts.tv_nsec;
}

static void pace(struct file_cam *c)
{
    int64_t due, now = mono_ns();
    if (c->pace_ns <= 0)
        return;
    if (c->paced == 0)
        c->pace_start_ns = now;
    due = c->pace_start_ns + (int64_t)c->paced * c->pace_ns;
    c->paced++;
    if (due > now) {
        struct timespec ts;
        ts.tv_sec = (time_t)((due - now) / 1000000000);
        ts.tv_nsec = (long)((due - now) % 1000000000);
        while (nanosleep(&ts, &ts) != 0 && errno == EINTR)
            ;
    }
}

mid_err mid_camera_file_pace(mid_camera *cam, int fps)
{
    struct file_cam *c;
    if (!cam || cam->ops != &file_ops)
        return MID_ERR_ARG;
    c = to_file_cam(cam);
    if (fps > 0)
        c->pace_ns = 1000000000 / fps;
    else if (fps == 0 && c->fps_num > 0)
        c->pace_ns = (int64_t)1000000000 * c->fps_den / c->fps_num;
    else if (fps == 0)
        c->pace_ns = 1000000000 / 30; /* PGM sequences: 30 fps */
    else
        c->pace_ns = 0;
    c->paced = 0;
    return MID_OK;
}

static mid_err file_next(mid_camera *cam, int timeout_ms, mid_frame *out)
{
    struct file_cam *c = to_file_cam(cam);
    mid_err err;

    (void)timeout_ms; /* a file never makes anyone wait */
    if (!out)
        return MID_ERR_ARG;
    if (c->sticky != MID_OK)
        return c->sticky;
    if (c->eos)
        return MID_ERR_END_OF_STREAM;
    err = c->kind == KIND_Y4M ? y4m_next(c) : pgm_next(c);
    if (err == MID_ERR_END_OF_STREAM)
        return err;
    if (err != MID_OK) {
        c->sticky = err;
        return err;
    }
    pace(c);
    out->luma = c->buf;
    out->width = c->width;
    out->height = c->height;
    out->stride = c->width;
    out->seq = c->seq++;
    return MID_OK;
}

static void file_destroy(mid_camera *cam)
{
    struct file_cam *c = to_file_cam(cam);

    if (c->fp)
        fclose(c->fp);
    free(c->buf);
    free(c);
}

static const struct mid_camera_ops file_ops = {
    .name = "file",
    .next = file_next,
    .destroy = file_destroy,
};

mid_err mid_camera_file_open(const char *path, int loop, mid_camera **out)
{
    struct file_cam *c = NULL;
    FILE *fp = NULL;
    mid_err err;

    if (!path || !out)
        return MID_ERR_ARG;
    *out = NULL;
    if (strlen(path) >= FILE_MAX_PATH)
        return MID_ERR_ARG;
    c = calloc(1, sizeof *c);
    if (!c)
        return MID_ERR_NOMEM;
    c->base.ops = &file_ops;
    c->loop = loop != 0;

    /* A path that exists is a Y4M stream or a single PGM; otherwise it
     * must be a pattern with one %d. */
    fp = fopen(path, "rb");
    if (fp) {
        char magic[sizeof(Y4M_MAGIC)];
        size_t n = fread(magic, 1, sizeof magic, fp);
        if (fseeko(fp, 0, SEEK_SET) != 0) {
            err = MID_ERR_IO;
            goto done;
        }
        if (n == sizeof magic && memcmp(magic, Y4M_MAGIC " ", n) == 0) {
            err = y4m_open(c, fp);
            if (err == MID_OK)
                fp = NULL; /* owned by c now */
        } else if (n >= 2 && magic[0] == 'P' && magic[1] == '5') {
            c->single = 1;
            memcpy(c->prefix, path, strlen(path) + 1);
            err = pgm_open(c);
        } else {
            err = MID_ERR_FORMAT;
        }
    } else if (errno == ENOENT && strchr(path, '%')) {
        err = pgm_parse_pattern(c, path) == 0 ? pgm_open(c) : MID_ERR_ARG;
    } else {
        err = MID_ERR_IO;
    }
    if (err != MID_OK)
        goto done;
    c->buf = malloc((size_t)c->width * c->height);
    if (!c->buf) {
        err = MID_ERR_NOMEM;
        goto done;
    }
    *out = &c->base;
    c = NULL;
done:
    if (fp)
        fclose(fp);
    if (c)
        file_destroy(&c->base);
    return err;
}
