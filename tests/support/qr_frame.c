/* mid-kiosk tests — see qr_frame.h. */
#include "qr_frame.h"

#include <qrencode.h>
#include <stdlib.h>
#include <string.h>

static uint32_t qr_frame_rand(uint32_t *s)
{
    /* xorshift32: deterministic, good enough for noise */
    uint32_t x = *s ? *s : 0x9e3779b9u;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *s = x;
    return x;
}

void qr_frame_fill(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                   uint8_t v)
{
    for (uint32_t y = 0; y < h; y++)
        memset(luma + (size_t)y * stride, v, w);
}

static QRcode *qr_frame_encode(const uint8_t *data, size_t len, int binary)
{
    QRcode *qr = NULL;

    if (binary) {
        if (len > INT32_MAX)
            return NULL;
        qr = QRcode_encodeData((int)len, data, 0, QR_ECLEVEL_M);
    } else {
        char *s = malloc(len + 1);
        if (!s)
            return NULL;
        memcpy(s, data, len);
        s[len] = '\0';
        qr = QRcode_encodeString(s, 0, QR_ECLEVEL_M, QR_MODE_8, 1);
        free(s);
    }
    return qr;
}

/* 1 when module (mx, my) of the code with its quiet zone is dark. */
static int qr_frame_dark(const QRcode *qr, int mx, int my)
{
    int q = (int)QR_FRAME_QUIET;

    if (mx < q || my < q || mx >= qr->width + q || my >= qr->width + q)
        return 0;
    return qr->data[(size_t)(my - q) * (size_t)qr->width + (size_t)(mx - q)] &
           1;
}

uint32_t qr_frame_draw_scaled(uint8_t *luma, uint32_t w, uint32_t h,
                              size_t stride, const uint8_t *data, size_t len,
                              const qr_frame_style *style, double module_px,
                              double x0, double y0)
{
    QRcode *qr = qr_frame_encode(data, len, style->binary);

    if (!qr)
        return 0;
    int modules = qr->width + 2 * (int)QR_FRAME_QUIET;
    double side = modules * module_px;
    if (x0 < 0)
        x0 = ((double)w - side) / 2.0;
    if (y0 < 0)
        y0 = ((double)h - side) / 2.0;
    if (x0 < 0 || y0 < 0 || x0 + side > (double)w || y0 + side > (double)h) {
        QRcode_free(qr);
        return 0;
    }
    uint32_t px0 = (uint32_t)x0, py0 = (uint32_t)y0;
    uint32_t px1 = (uint32_t)(x0 + side + 1.0), py1 = (uint32_t)(y0 + side + 1.0);
    if (px1 > w)
        px1 = w;
    if (py1 > h)
        py1 = h;
    for (uint32_t py = py0; py < py1; py++) {
        for (uint32_t px = px0; px < px1; px++) {
            int dark = 0;
            for (int sy = 0; sy < 4; sy++) {
                for (int sx = 0; sx < 4; sx++) {
                    double fx = ((double)px + (sx + 0.5) / 4.0 - x0) / module_px;
                    double fy = ((double)py + (sy + 0.5) / 4.0 - y0) / module_px;
                    if (fx >= 0 && fy >= 0 && fx < modules && fy < modules)
                        dark += qr_frame_dark(qr, (int)fx, (int)fy);
                }
            }
            int v = (style->dark * dark + style->light * (16 - dark) + 8) / 16;
            luma[(size_t)py * stride + px] = (uint8_t)v;
        }
    }
    QRcode_free(qr);
    return (uint32_t)side;
}

uint32_t qr_frame_draw(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                       const uint8_t *data, size_t len,
                       const qr_frame_style *style, uint32_t x0, uint32_t y0)
{
    QRcode *qr = qr_frame_encode(data, len, style->binary);

    if (!qr)
        return 0;
    uint32_t modules = (uint32_t)qr->width + 2u * QR_FRAME_QUIET;
    uint32_t side = modules * style->module_px;
    if (x0 == QR_FRAME_CENTER)
        x0 = side <= w ? (w - side) / 2u : 0;
    if (y0 == QR_FRAME_CENTER)
        y0 = side <= h ? (h - side) / 2u : 0;
    if (side > w || side > h || x0 > w - side || y0 > h - side) {
        QRcode_free(qr);
        return 0;
    }
    for (uint32_t my = 0; my < modules; my++) {
        for (uint32_t mx = 0; mx < modules; mx++) {
            int dark = 0;
            if (my >= QR_FRAME_QUIET && mx >= QR_FRAME_QUIET &&
                my < modules - QR_FRAME_QUIET &&
                mx < modules - QR_FRAME_QUIET) {
                size_t i = (size_t)(my - QR_FRAME_QUIET) * (size_t)qr->width +
                           (mx - QR_FRAME_QUIET);
                dark = qr->data[i] & 1;
            }
            uint8_t v = dark ? style->dark : style->light;
            for (uint32_t py = 0; py < style->module_px; py++) {
                uint8_t *row = luma +
                               (size_t)(y0 + my * style->module_px + py) *
                                   stride +
                               x0 + mx * style->module_px;
                memset(row, v, style->module_px);
            }
        }
    }
    QRcode_free(qr);
    return side;
}

void qr_frame_noise(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                    unsigned sigma, uint32_t seed)
{
    uint32_t s = seed;

    for (uint32_t y = 0; y < h; y++) {
        uint8_t *row = luma + (size_t)y * stride;
        for (uint32_t x = 0; x < w; x++) {
            /* Irwin-Hall of 4 uniforms on [0,1): mean 2, variance 1/3 */
            int32_t sum = 0;
            for (int k = 0; k < 4; k++)
                sum += (int32_t)(qr_frame_rand(&s) & 0xffffu);
            /* (sum/65536 - 2) * sqrt(3) * sigma, in integers */
            int64_t n = ((int64_t)sum - 2 * 65536) * 1732 * (int64_t)sigma /
                        (65536 * 1000);
            int64_t v = (int64_t)row[x] + n;
            row[x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255
                                                   : v);
        }
    }
}

void qr_frame_mid_text(char *out, size_t cap, size_t n, uint32_t seed)
{
    static const char b45[] = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
    uint32_t s = seed;

    if (cap < n + 6)
        return;
    memcpy(out, "MID1:", 5);
    for (size_t i = 0; i < n; i++)
        out[5 + i] = b45[qr_frame_rand(&s) % (sizeof b45 - 1)];
    out[5 + n] = '\0';
}
