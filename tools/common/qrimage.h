/* mid-kiosk tools — QR symbols and grey images: text to a module matrix
 * (libqrencode, ECC level M), matrices to luma frames (quiet zone, integer
 * or fractional scaling), PNG/PGM in and out (libpng), a Y4M writer, and
 * the camera-like degradations mid-holder puts on test videos. Images are
 * 8-bit luma, rows packed (stride = width). */
#ifndef MID_TOOLS_QRIMAGE_H
#define MID_TOOLS_QRIMAGE_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mid/mid_err.h"

#define QRIMG_QUIET 4u       /* quiet zone in modules (ISO 18004) */
#define QRIMG_MAX_SIDE 8192u /* largest image read or made */

typedef struct qrimg_code {
    int width;     /* modules per side, quiet zone excluded */
    int version;   /* 1..40 */
    uint8_t *dark; /* width*width, 1 = dark module */
} qrimg_code;

/* Encodes text at ECC level M; libqrencode chooses the modes, so the
 * "MID1:"+Base45 text is one alphanumeric segment. */
mid_err qrimg_encode(const char *text, size_t len, qrimg_code *out);
void qrimg_code_free(qrimg_code *c);

typedef struct qrimg_luma {
    uint32_t w, h;
    uint8_t *px;
} qrimg_luma;

mid_err qrimg_luma_alloc(qrimg_luma *img, uint32_t w, uint32_t h,
                         uint8_t fill);
void qrimg_luma_free(qrimg_luma *img);

/* The symbol with its quiet zone, module_px pixels per module, black on
 * white. */
mid_err qrimg_render(const qrimg_code *c, unsigned module_px,
                     qrimg_luma *out);
/* Draws the symbol and its quiet zone into img with its top-left corner at
 * (x0, y0) and a fractional module size; each pixel is the area average of
 * what it covers (4x4 supersampling), as a sensor sees it. Clipped. */
void qrimg_draw(qrimg_luma *img, const qrimg_code *c, double x0, double y0,
                double module_px, uint8_t dark, uint8_t light);
/* Side in pixels of the symbol with its quiet zone. */
double qrimg_side(const qrimg_code *c, double module_px);

/* Shapes for scenes. Clipped; radius 0 is a plain rectangle. */
void qrimg_fill_rect(qrimg_luma *img, int x, int y, int w, int h,
                     int radius, uint8_t v);

/* PNG (libpng's simplified API): write grey (channels 1) or RGB (3),
 * through a temporary file renamed into place. Read converts any PNG to
 * 8-bit grey. */
mid_err qrimg_png_write(const char *path, const uint8_t *px, uint32_t w,
                        uint32_t h, unsigned channels);
mid_err qrimg_png_read(const char *path, qrimg_luma *out);
/* Binary PGM (P5, maxval 255). */
mid_err qrimg_pgm_read(const char *path, qrimg_luma *out);
/* PNG or PGM, told apart by the first bytes. */
mid_err qrimg_image_read(const char *path, qrimg_luma *out);

/* YUV4MPEG2 4:2:0 writer: "YUV4MPEG2 W H F<fps>:1 Ip A1:1 C420jpeg\n",
 * then per frame "FRAME\n", the luma plane and two neutral (128) chroma
 * planes. Width and height must be even. Written to PATH.tmp.<pid> and
 * renamed on close. */
typedef struct qrimg_y4m {
    FILE *f;
    uint32_t w, h;
    uint8_t *chroma;
    size_t chroma_len;
    uint64_t frames;
    char path[4096];
    char tmp[4200];
} qrimg_y4m;

mid_err qrimg_y4m_open(qrimg_y4m *y, const char *path, uint32_t w,
                       uint32_t h, unsigned fps);
mid_err qrimg_y4m_write(qrimg_y4m *y, const qrimg_luma *frame);
/* ok = 0 discards the file (error path). */
mid_err qrimg_y4m_close(qrimg_y4m *y, int ok);

/* Seeded PRNG (splitmix64): the degradations are reproducible. */
typedef struct qrimg_rng {
    uint64_t s;
} qrimg_rng;

void qrimg_rng_seed(qrimg_rng *r, uint64_t seed);
uint64_t qrimg_rng_next(qrimg_rng *r);
double qrimg_rng_uniform(qrimg_rng *r); /* [0, 1) */
double qrimg_rng_gauss(qrimg_rng *r);   /* N(0, 1), Box-Muller */

/* Degradations, in the order a camera applies them: perspective (the
 * phone held at an angle), glare (a lamp on the glass), moire (screen
 * pixels against sensor pixels), blur (focus), contrast (exposure), noise
 * (the sensor). */
/* Keystone: the top edge is (1 - k) as wide as the bottom (k < 0: the
 * bottom narrower); bilinear sampling; uncovered pixels get `fill`. */
mid_err qrimg_perspective(qrimg_luma *img, double k, uint8_t fill);
/* Adds strength * exp(-(dx^2/rx^2 + dy^2/ry^2)), saturating. */
void qrimg_glare(qrimg_luma *img, double cx, double cy, double rx, double ry,
                 double strength);
/* Beat of two gratings of close periods (pixels) at an angle (radians),
 * added with the given amplitude (grey levels). */
void qrimg_moire(qrimg_luma *img, double amplitude, double period,
                 double angle, double phase);
/* Separable Gaussian blur of standard deviation sigma (pixels). */
mid_err qrimg_blur(qrimg_luma *img, double sigma);
/* v' = 128 + k * (v - 128). */
void qrimg_contrast(qrimg_luma *img, double k);
/* Additive Gaussian noise of standard deviation sigma. */
void qrimg_noise(qrimg_luma *img, double sigma, qrimg_rng *rng);

#endif
