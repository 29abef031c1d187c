/* mid-kiosk tools — QR symbols, grey images, PNG/PGM/Y4M, degradations
 * (qrimage.h). */
#include "common/qrimage.h"

#include <errno.h>
#include <math.h>
#include <png.h>
#include <qrencode.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "common/issue.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

#define SUPERSAMPLE 4
#define PGM_MAX_HEADER 1024u

/* ---- symbols ---- */

mid_err qrimg_encode(const char *text, size_t len, qrimg_code *out)
{
    char *s;
    QRcode *qr;
    size_t n;

    memset(out, 0, sizeof *out);
    if (!text || len == 0 || memchr(text, '\0', len))
        return MID_ERR_ARG;
    s = malloc(len + 1u);
    if (!s)
        return MID_ERR_NOMEM;
    memcpy(s, text, len);
    s[len] = '\0';
    /* Case-sensitive with an 8-bit hint: libqrencode still splits the
     * text into the densest modes, alphanumeric for Base45. */
    qr = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
    free(s);
    if (!qr)
        return errno == ERANGE ? MID_ERR_TOO_LARGE : MID_ERR_NOMEM;
    n = (size_t)qr->width * (size_t)qr->width;
    out->dark = malloc(n);
    if (!out->dark) {
        QRcode_free(qr);
        return MID_ERR_NOMEM;
    }
    for (size_t i = 0; i < n; i++)
        out->dark[i] = qr->data[i] & 1u;
    out->width = qr->width;
    out->version = qr->version;
    QRcode_free(qr);
    return MID_OK;
}

void qrimg_code_free(qrimg_code *c)
{
    if (!c)
        return;
    free(c->dark);
    memset(c, 0, sizeof *c);
}

/* ---- images ---- */

mid_err qrimg_luma_alloc(qrimg_luma *img, uint32_t w, uint32_t h,
                         uint8_t fill)
{
    memset(img, 0, sizeof *img);
    if (w == 0 || h == 0 || w > QRIMG_MAX_SIDE || h > QRIMG_MAX_SIDE)
        return MID_ERR_ARG;
    img->px = malloc((size_t)w * h);
    if (!img->px)
        return MID_ERR_NOMEM;
    memset(img->px, fill, (size_t)w * h);
    img->w = w;
    img->h = h;
    return MID_OK;
}

void qrimg_luma_free(qrimg_luma *img)
{
    if (!img)
        return;
    free(img->px);
    memset(img, 0, sizeof *img);
}

double qrimg_side(const qrimg_code *c, double module_px)
{
    return (double)(c->width + 2 * (int)QRIMG_QUIET) * module_px;
}

mid_err qrimg_render(const qrimg_code *c, unsigned module_px,
                     qrimg_luma *out)
{
    uint32_t modules = (uint32_t)c->width + 2u * QRIMG_QUIET;
    uint32_t side;
    mid_err err;

    if (module_px == 0 || module_px > 64u || modules * module_px > QRIMG_MAX_SIDE)
        return MID_ERR_ARG;
    side = modules * module_px;
    if ((err = qrimg_luma_alloc(out, side, side, 255)) != MID_OK)
        return err;
    for (int my = 0; my < c->width; my++) {
        for (int mx = 0; mx < c->width; mx++) {
            if (!c->dark[(size_t)my * (size_t)c->width + (size_t)mx])
                continue;
            for (uint32_t y = 0; y < module_px; y++) {
                uint8_t *row = out->px + ((size_t)(QRIMG_QUIET + (uint32_t)my) * module_px + y) * side;
                memset(row + (QRIMG_QUIET + (uint32_t)mx) * module_px, 0, module_px);
            }
        }
    }
    return MID_OK;
}

static int module_dark(const qrimg_code *c, int mx, int my)
{
    int q = (int)QRIMG_QUIET;
    if (mx < q || my < q || mx >= c->width + q || my >= c->width + q)
        return 0;
    return c->dark[(size_t)(my - q) * (size_t)c->width + (size_t)(mx - q)];
}

void qrimg_draw(qrimg_luma *img, const qrimg_code *c, double x0, double y0,
                double module_px, uint8_t dark, uint8_t light)
{
    double side = qrimg_side(c, module_px);
    int px0 = (int)floor(x0), py0 = (int)floor(y0);
    int px1 = (int)ceil(x0 + side), py1 = (int)ceil(y0 + side);
    const int ss = SUPERSAMPLE;

    if (module_px <= 0.0)
        return;
    if (px0 < 0)
        px0 = 0;
    if (py0 < 0)
        py0 = 0;
    if (px1 > (int)img->w)
        px1 = (int)img->w;
    if (py1 > (int)img->h)
        py1 = (int)img->h;
    for (int y = py0; y < py1; y++) {
        for (int x = px0; x < px1; x++) {
            int in = 0, nd = 0;
            for (int sy = 0; sy < ss; sy++) {
                double fy = (y + (sy + 0.5) / ss - y0) / module_px;
                for (int sx = 0; sx < ss; sx++) {
                    double fx = (x + (sx + 0.5) / ss - x0) / module_px;
                    if (fx < 0 || fy < 0 || fx >= side / module_px ||
                        fy >= side / module_px)
                        continue;
                    in++;
                    nd += module_dark(c, (int)fx, (int)fy);
                }
            }
            if (in == 0)
                continue;
            {
                uint8_t *p = &img->px[(size_t)y * img->w + (size_t)x];
                int outside = ss * ss - in;
                int sum = nd * dark + (in - nd) * light + outside * *p;
                *p = (uint8_t)((sum + ss * ss / 2) / (ss * ss));
            }
        }
    }
}

void qrimg_fill_rect(qrimg_luma *img, int x, int y, int w, int h,
                     int radius, uint8_t v)
{
    for (int yy = y < 0 ? 0 : y; yy < y + h && yy < (int)img->h; yy++) {
        for (int xx = x < 0 ? 0 : x; xx < x + w && xx < (int)img->w; xx++) {
            if (radius > 0) {
                /* distance to the nearest corner centre, if in a corner */
                int cx = xx < x + radius        ? x + radius
                         : xx >= x + w - radius ? x + w - radius - 1
                                                : xx;
                int cy = yy < y + radius        ? y + radius
                         : yy >= y + h - radius ? y + h - radius - 1
                                                : yy;
                int dx = xx - cx, dy = yy - cy;
                if (dx * dx + dy * dy > radius * radius)
                    continue;
            }
            img->px[(size_t)yy * img->w + (size_t)xx] = v;
        }
    }
}

/* ---- PNG / PGM ---- */

mid_err qrimg_png_write(const char *path, const uint8_t *px, uint32_t w,
                        uint32_t h, unsigned channels)
{
    png_image im;
    char tmp[4200];
    FILE *f;
    int n, ok;

    if (!path || !px || (channels != 1u && channels != 3u) || w == 0 ||
        h == 0 || w > QRIMG_MAX_SIDE || h > QRIMG_MAX_SIDE)
        return MID_ERR_ARG;
    n = snprintf(tmp, sizeof tmp, "%s.tmp.%ld", path, (long)getpid());
    if (n < 0 || (size_t)n >= sizeof tmp)
        return MID_ERR_ARG;
    f = fopen(tmp, "wb");
    if (!f)
        return MID_ERR_IO;
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    im.width = w;
    im.height = h;
    im.format = channels == 1u ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
    ok = png_image_write_to_stdio(&im, f, 0, px, (png_int_32)(w * channels),
                                  NULL);
    png_image_free(&im);
    if (fflush(f) != 0 || fsync(fileno(f)) != 0)
        ok = 0;
    if (fclose(f) != 0)
        ok = 0;
    if (!ok || rename(tmp, path) != 0) {
        unlink(tmp);
        return MID_ERR_IO;
    }
    return MID_OK;
}

mid_err qrimg_png_read(const char *path, qrimg_luma *out)
{
    png_image im;
    mid_err err;

    memset(out, 0, sizeof *out);
    memset(&im, 0, sizeof im);
    im.version = PNG_IMAGE_VERSION;
    if (!png_image_begin_read_from_file(&im, path))
        return access(path, R_OK) == 0 ? MID_ERR_FORMAT : MID_ERR_IO;
    if (im.width == 0 || im.height == 0 || im.width > QRIMG_MAX_SIDE ||
        im.height > QRIMG_MAX_SIDE) {
        png_image_free(&im);
        return MID_ERR_TOO_LARGE;
    }
    im.format = PNG_FORMAT_GRAY;
    if ((err = qrimg_luma_alloc(out, im.width, im.height, 0)) != MID_OK) {
        png_image_free(&im);
        return err;
    }
    /* a transparent pixel is composed on white, as a screen would show */
    {
        png_color white = {255, 255, 255};
        if (!png_image_finish_read(&im, &white, out->px, (png_int_32)out->w,
                                   NULL)) {
            png_image_free(&im);
            qrimg_luma_free(out);
            return MID_ERR_FORMAT;
        }
    }
    png_image_free(&im);
    return MID_OK;
}

/* Next header token of a PGM: skips whitespace and comments. */
static int pgm_token(const uint8_t *b, size_t len, size_t *pos, long *v)
{
    long n = 0;
    size_t digits = 0;
    for (;;) {
        if (*pos >= len)
            return 0;
        if (b[*pos] == '#') {
            while (*pos < len && b[*pos] != '\n')
                (*pos)++;
        } else if (b[*pos] == ' ' || b[*pos] == '\t' || b[*pos] == '\n' ||
                   b[*pos] == '\r') {
            (*pos)++;
        } else {
            break;
        }
    }
    while (*pos < len && b[*pos] >= '0' && b[*pos] <= '9') {
        if (++digits > 6)
            return 0;
        n = n * 10 + (b[*pos] - '0');
        (*pos)++;
    }
    if (digits == 0 || *pos >= len)
        return 0;
    *v = n;
    return 1;
}

mid_err qrimg_pgm_read(const char *path, qrimg_luma *out)
{
    uint8_t hdr[PGM_MAX_HEADER];
    FILE *f = fopen(path, "rb");
    size_t got, pos = 2;
    long w, h, maxv;
    mid_err err;

    memset(out, 0, sizeof *out);
    if (!f)
        return MID_ERR_IO;
    got = fread(hdr, 1, sizeof hdr, f);
    if (got < 2 || hdr[0] != 'P' || hdr[1] != '5' ||
        !pgm_token(hdr, got, &pos, &w) || !pgm_token(hdr, got, &pos, &h) ||
        !pgm_token(hdr, got, &pos, &maxv) || maxv != 255 || w < 1 || h < 1 ||
        w > (long)QRIMG_MAX_SIDE || h > (long)QRIMG_MAX_SIDE) {
        fclose(f);
        return MID_ERR_FORMAT;
    }
    pos++; /* the single whitespace after maxval */
    if ((err = qrimg_luma_alloc(out, (uint32_t)w, (uint32_t)h, 0)) != MID_OK) {
        fclose(f);
        return err;
    }
    {
        size_t need = (size_t)w * (size_t)h;
        size_t have = got > pos ? got - pos : 0;
        if (have > need)
            have = need;
        memcpy(out->px, hdr + pos, have);
        if (fseek(f, (long)(pos + have), SEEK_SET) != 0 ||
            fread(out->px + have, 1, need - have, f) != need - have) {
            fclose(f);
            qrimg_luma_free(out);
            return MID_ERR_FORMAT;
        }
    }
    fclose(f);
    return MID_OK;
}

mid_err qrimg_image_read(const char *path, qrimg_luma *out)
{
    uint8_t magic[8];
    FILE *f = fopen(path, "rb");
    size_t n;

    memset(out, 0, sizeof *out);
    if (!f)
        return MID_ERR_IO;
    n = fread(magic, 1, sizeof magic, f);
    fclose(f);
    if (n >= 8 && memcmp(magic, "\x89PNG\r\n\x1a\n", 8) == 0)
        return qrimg_png_read(path, out);
    if (n >= 2 && magic[0] == 'P' && magic[1] == '5')
        return qrimg_pgm_read(path, out);
    return MID_ERR_FORMAT;
}

/* ---- Y4M ---- */

mid_err qrimg_y4m_open(qrimg_y4m *y, const char *path, uint32_t w,
                       uint32_t h, unsigned fps)
{
    int n;

    memset(y, 0, sizeof *y);
    if (w == 0 || h == 0 || w % 2u || h % 2u || w > QRIMG_MAX_SIDE ||
        h > QRIMG_MAX_SIDE || fps == 0 || fps > 240u)
        return MID_ERR_ARG;
    n = snprintf(y->path, sizeof y->path, "%s", path);
    if (n < 0 || (size_t)n >= sizeof y->path)
        return MID_ERR_ARG;
    snprintf(y->tmp, sizeof y->tmp, "%s.tmp.%ld", path, (long)getpid());
    y->chroma_len = (size_t)(w / 2u) * (h / 2u) * 2u;
    y->chroma = malloc(y->chroma_len);
    if (!y->chroma)
        return MID_ERR_NOMEM;
    memset(y->chroma, 128, y->chroma_len);
    y->f = fopen(y->tmp, "wb");
    if (!y->f) {
        free(y->chroma);
        y->chroma = NULL;
        return MID_ERR_IO;
    }
    y->w = w;
    y->h = h;
    if (fprintf(y->f, "YUV4MPEG2 W%u H%u F%u:1 Ip A1:1 C420jpeg\n",
                (unsigned)w, (unsigned)h, fps) < 0) {
        qrimg_y4m_close(y, 0);
        return MID_ERR_IO;
    }
    return MID_OK;
}

mid_err qrimg_y4m_write(qrimg_y4m *y, const qrimg_luma *frame)
{
    size_t luma = (size_t)y->w * y->h;
    if (!y->f || frame->w != y->w || frame->h != y->h)
        return MID_ERR_ARG;
    if (fwrite("FRAME\n", 1, 6, y->f) != 6 ||
        fwrite(frame->px, 1, luma, y->f) != luma ||
        fwrite(y->chroma, 1, y->chroma_len, y->f) != y->chroma_len)
        return MID_ERR_IO;
    y->frames++;
    return MID_OK;
}

mid_err qrimg_y4m_close(qrimg_y4m *y, int ok)
{
    mid_err err = MID_OK;
    if (y->f) {
        if (fflush(y->f) != 0 || fsync(fileno(y->f)) != 0)
            err = MID_ERR_IO;
        if (fclose(y->f) != 0)
            err = MID_ERR_IO;
        y->f = NULL;
        if (ok && !err) {
            if (rename(y->tmp, y->path) != 0)
                err = MID_ERR_IO;
        }
        if (!ok || err)
            unlink(y->tmp);
    }
    free(y->chroma);
    y->chroma = NULL;
    return err;
}

/* ---- PRNG ---- */

void qrimg_rng_seed(qrimg_rng *r, uint64_t seed)
{
    r->s = seed;
}

uint64_t qrimg_rng_next(qrimg_rng *r)
{
    uint64_t z = (r->s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

double qrimg_rng_uniform(qrimg_rng *r)
{
    return (double)(qrimg_rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

double qrimg_rng_gauss(qrimg_rng *r)
{
    double u1 = qrimg_rng_uniform(r), u2 = qrimg_rng_uniform(r);
    if (u1 < 1e-300)
        u1 = 1e-300;
    return sqrt(-2.0 * log(u1)) * cos(2.0 * M_PI * u2);
}

/* ---- degradations ---- */

static uint8_t clamp_u8(double v)
{
    if (v <= 0.0)
        return 0;
    if (v >= 255.0)
        return 255;
    return (uint8_t)(v + 0.5);
}

/* Square [0,1]^2 -> quad homography (Heckbert), as a 3x3 matrix m with
 * x = (m0 u + m1 v + m2) / (m6 u + m7 v + 1) and likewise y with m3..m5. */
static void square_to_quad(const double q[8], double m[9])
{
    double x0 = q[0], y0 = q[1], x1 = q[2], y1 = q[3];
    double x2 = q[4], y2 = q[5], x3 = q[6], y3 = q[7];
    double dx1 = x1 - x2, dx2 = x3 - x2, dx3 = x0 - x1 + x2 - x3;
    double dy1 = y1 - y2, dy2 = y3 - y2, dy3 = y0 - y1 + y2 - y3;
    double g = 0, h = 0;

    if (fabs(dx3) > 1e-12 || fabs(dy3) > 1e-12) {
        double den = dx1 * dy2 - dx2 * dy1;
        g = (dx3 * dy2 - dx2 * dy3) / den;
        h = (dx1 * dy3 - dx3 * dy1) / den;
    }
    m[0] = x1 - x0 + g * x1;
    m[1] = x3 - x0 + h * x3;
    m[2] = x0;
    m[3] = y1 - y0 + g * y1;
    m[4] = y3 - y0 + h * y3;
    m[5] = y0;
    m[6] = g;
    m[7] = h;
    m[8] = 1.0;
}

static void adjugate3(const double m[9], double a[9])
{
    a[0] = m[4] * m[8] - m[5] * m[7];
    a[1] = m[2] * m[7] - m[1] * m[8];
    a[2] = m[1] * m[5] - m[2] * m[4];
    a[3] = m[5] * m[6] - m[3] * m[8];
    a[4] = m[0] * m[8] - m[2] * m[6];
    a[5] = m[2] * m[3] - m[0] * m[5];
    a[6] = m[3] * m[7] - m[4] * m[6];
    a[7] = m[1] * m[6] - m[0] * m[7];
    a[8] = m[0] * m[4] - m[1] * m[3];
}

mid_err qrimg_perspective(qrimg_luma *img, double k, uint8_t fill)
{
    double W = (double)img->w - 1.0, H = (double)img->h - 1.0;
    double q[8], m[9], inv[9];
    uint8_t *src;
    double top = k > 0 ? k * W / 2.0 : 0.0, bot = k < 0 ? -k * W / 2.0 : 0.0;

    if (k <= -0.9 || k >= 0.9)
        return MID_ERR_ARG;
    if (k == 0.0)
        return MID_OK;
    src = malloc((size_t)img->w * img->h);
    if (!src)
        return MID_ERR_NOMEM;
    memcpy(src, img->px, (size_t)img->w * img->h);
    /* destination trapezoid: TL, TR, BR, BL */
    q[0] = top;
    q[1] = 0;
    q[2] = W - top;
    q[3] = 0;
    q[4] = W - bot;
    q[5] = H;
    q[6] = bot;
    q[7] = H;
    square_to_quad(q, m);
    adjugate3(m, inv);
    for (uint32_t y = 0; y < img->h; y++) {
        for (uint32_t x = 0; x < img->w; x++) {
            double uw = inv[0] * x + inv[1] * y + inv[2];
            double vw = inv[3] * x + inv[4] * y + inv[5];
            double ww = inv[6] * x + inv[7] * y + inv[8];
            double u, v, sx, sy, fx, fy;
            int ix, iy;
            uint8_t *dst = &img->px[(size_t)y * img->w + x];
            if (fabs(ww) < 1e-12) {
                *dst = fill;
                continue;
            }
            u = uw / ww;
            v = vw / ww;
            if (u < 0 || u > 1 || v < 0 || v > 1) {
                *dst = fill;
                continue;
            }
            sx = u * W;
            sy = v * H;
            ix = (int)sx;
            iy = (int)sy;
            if (ix >= (int)img->w - 1)
                ix = (int)img->w - 2;
            if (iy >= (int)img->h - 1)
                iy = (int)img->h - 2;
            if (ix < 0)
                ix = 0;
            if (iy < 0)
                iy = 0;
            fx = sx - ix;
            fy = sy - iy;
            {
                const uint8_t *p = &src[(size_t)iy * img->w + (size_t)ix];
                double a = p[0] * (1 - fx) + p[1] * fx;
                double b = p[img->w] * (1 - fx) + p[img->w + 1] * fx;
                *dst = clamp_u8(a * (1 - fy) + b * fy);
            }
        }
    }
    free(src);
    return MID_OK;
}

void qrimg_glare(qrimg_luma *img, double cx, double cy, double rx, double ry,
                 double strength)
{
    if (rx <= 0 || ry <= 0)
        return;
    for (uint32_t y = 0; y < img->h; y++) {
        double dy = ((double)y - cy) / ry;
        if (dy * dy > 12.0)
            continue;
        for (uint32_t x = 0; x < img->w; x++) {
            double dx = ((double)x - cx) / rx;
            double e = dx * dx + dy * dy;
            uint8_t *p = &img->px[(size_t)y * img->w + x];
            if (e > 12.0)
                continue;
            *p = clamp_u8(*p + strength * exp(-e));
        }
    }
}

void qrimg_moire(qrimg_luma *img, double amplitude, double period,
                 double angle, double phase)
{
    /* two gratings 8 % apart in period and a little apart in angle beat
     * into the slow bands a camera sees on a screen */
    double c1 = cos(angle), s1 = sin(angle);
    double c2 = cos(angle + 0.05), s2 = sin(angle + 0.05);
    double k1 = 2.0 * M_PI / period, k2 = 2.0 * M_PI / (period * 1.08);
    if (period <= 0)
        return;
    for (uint32_t y = 0; y < img->h; y++) {
        for (uint32_t x = 0; x < img->w; x++) {
            double a = sin(k1 * (x * c1 + y * s1) + phase);
            double b = sin(k2 * (x * c2 + y * s2));
            uint8_t *p = &img->px[(size_t)y * img->w + x];
            *p = clamp_u8(*p + amplitude * a * b);
        }
    }
}

mid_err qrimg_blur(qrimg_luma *img, double sigma)
{
    int r;
    double *k, *tmp;
    size_t n = (size_t)img->w * img->h;

    if (sigma <= 0.0)
        return MID_OK;
    if (sigma > 50.0)
        return MID_ERR_ARG;
    r = (int)ceil(3.0 * sigma);
    k = malloc(sizeof *k * (size_t)(2 * r + 1));
    tmp = malloc(sizeof *tmp * n);
    if (!k || !tmp) {
        free(k);
        free(tmp);
        return MID_ERR_NOMEM;
    }
    {
        double sum = 0;
        for (int i = -r; i <= r; i++) {
            k[i + r] = exp(-(double)(i * i) / (2.0 * sigma * sigma));
            sum += k[i + r];
        }
        for (int i = 0; i <= 2 * r; i++)
            k[i] /= sum;
    }
    /* horizontal into tmp, vertical back; edges clamp */
    for (uint32_t y = 0; y < img->h; y++) {
        const uint8_t *row = img->px + (size_t)y * img->w;
        for (uint32_t x = 0; x < img->w; x++) {
            double acc = 0;
            for (int i = -r; i <= r; i++) {
                int xx = (int)x + i;
                xx = xx < 0 ? 0 : xx >= (int)img->w ? (int)img->w - 1
                                                    : xx;
                acc += k[i + r] * row[xx];
            }
            tmp[(size_t)y * img->w + x] = acc;
        }
    }
    for (uint32_t y = 0; y < img->h; y++) {
        for (uint32_t x = 0; x < img->w; x++) {
            double acc = 0;
            for (int i = -r; i <= r; i++) {
                int yy = (int)y + i;
                yy = yy < 0 ? 0 : yy >= (int)img->h ? (int)img->h - 1
                                                    : yy;
                acc += k[i + r] * tmp[(size_t)yy * img->w + x];
            }
            img->px[(size_t)y * img->w + x] = clamp_u8(acc);
        }
    }
    free(k);
    free(tmp);
    return MID_OK;
}

void qrimg_contrast(qrimg_luma *img, double k)
{
    size_t n = (size_t)img->w * img->h;
    for (size_t i = 0; i < n; i++)
        img->px[i] = clamp_u8(128.0 + k * ((double)img->px[i] - 128.0));
}

void qrimg_noise(qrimg_luma *img, double sigma, qrimg_rng *rng)
{
    size_t n = (size_t)img->w * img->h;
    if (sigma <= 0)
        return;
    for (size_t i = 0; i < n; i++)
        img->px[i] = clamp_u8((double)img->px[i] + sigma * qrimg_rng_gauss(rng));
}
