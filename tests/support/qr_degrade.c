/* mid-kiosk tests and benchmarks — see qr_degrade.h. */
#include "qr_degrade.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Share of [x, x + 1) covered by lines [k * period + o, + gap). */
static double qr_degrade_cover(double x, double period, double gap, double o)
{
    int inside = 0;

    for (int s = 0; s < 4; s++) {
        double p = fmod(x + (s + 0.5) / 4.0 - o, period);
        if (p < 0)
            p += period;
        inside += p < gap;
    }
    return inside / 4.0;
}

void qr_degrade_pixel_grid(qrimg_luma *img, double period_px, double gap_px,
                           double ox, double oy, double depth)
{
    double *cx = malloc(img->w * sizeof *cx);

    if (!cx)
        return;
    for (uint32_t x = 0; x < img->w; x++)
        cx[x] = qr_degrade_cover((double)x, period_px, gap_px, ox);
    for (uint32_t y = 0; y < img->h; y++) {
        double cy = qr_degrade_cover((double)y, period_px, gap_px, oy);
        uint8_t *row = img->px + (size_t)y * img->w;
        for (uint32_t x = 0; x < img->w; x++) {
            /* covered by either line set */
            double c = 1.0 - (1.0 - cx[x]) * (1.0 - cy);
            row[x] = (uint8_t)(row[x] * (1.0 - depth * c) + 0.5);
        }
    }
    free(cx);
}

mid_err qr_degrade_reflection(qrimg_luma *img, int dx, int dy, double alpha,
                              double band_pos, double band_width, double band)
{
    size_t n = (size_t)img->w * img->h;
    uint8_t *src = malloc(n);

    if (!src)
        return MID_ERR_NOMEM;
    memcpy(src, img->px, n);
    for (uint32_t y = 0; y < img->h; y++) {
        for (uint32_t x = 0; x < img->w; x++) {
            long sx = (long)x - dx, sy = (long)y - dy;
            if (sx < 0)
                sx = 0;
            if (sy < 0)
                sy = 0;
            if (sx >= (long)img->w)
                sx = (long)img->w - 1;
            if (sy >= (long)img->h)
                sy = (long)img->h - 1;
            double ghost = src[(size_t)sy * img->w + (size_t)sx];
            /* distance from the band's centre line x + y = band_pos */
            double t = ((double)x + (double)y - band_pos) / band_width;
            double v = (1.0 - alpha) * src[(size_t)y * img->w + x] +
                       alpha * ghost + band * exp(-t * t);
            img->px[(size_t)y * img->w + x] =
                (uint8_t)(v < 0 ? 0 : v > 255 ? 255
                                              : v + 0.5);
        }
    }
    free(src);
    return MID_OK;
}

mid_err qr_degrade_motion(qrimg_luma *img, unsigned len, int vertical)
{
    uint32_t n = vertical ? img->h : img->w, lines = vertical ? img->w : img->h;
    size_t step = vertical ? img->w : 1;
    uint8_t *line = malloc(n);

    if (!line)
        return MID_ERR_NOMEM;
    if (len < 1)
        len = 1;
    for (uint32_t l = 0; l < lines; l++) {
        uint8_t *p = img->px + (vertical ? l : (size_t)l * img->w);
        for (uint32_t i = 0; i < n; i++)
            line[i] = p[i * step];
        for (uint32_t i = 0; i < n; i++) {
            unsigned sum = 0;
            /* the box centred on i, edge pixels repeated */
            for (unsigned k = 0; k < len; k++) {
                long j = (long)i + (long)k - (long)(len / 2);
                j = j < 0 ? 0 : j >= (long)n ? (long)n - 1
                                             : j;
                sum += line[j];
            }
            p[i * step] = (uint8_t)((sum + len / 2) / len);
        }
    }
    free(line);
    return MID_OK;
}
