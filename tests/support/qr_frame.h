/* mid-kiosk tests — draws synthetic QR codes into luma frames with
 * libqrencode, so decoder tests need no image files. Include
 * "../support/qr_frame.c" from the one test file that uses it. */
#ifndef QR_FRAME_H
#define QR_FRAME_H

#include <stddef.h>
#include <stdint.h>

#define QR_FRAME_CENTER UINT32_MAX /* as x0/y0: centre the symbol */
#define QR_FRAME_QUIET 4u          /* quiet zone, modules */

typedef struct qr_frame_style {
    unsigned module_px; /* pixels per module */
    uint8_t dark, light;
    int binary; /* 1: one 8-bit segment of exactly len bytes (may hold
                 * NUL); 0: libqrencode picks modes (alnum for Base45) */
} qr_frame_style;

void qr_frame_fill(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                   uint8_t v);

/* Draws the code with its quiet zone, top-left corner at (x0, y0).
 * Returns the drawn side in pixels, 0 if it cannot be encoded or does not
 * fit. */
uint32_t qr_frame_draw(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                       const uint8_t *data, size_t len,
                       const qr_frame_style *style, uint32_t x0, uint32_t y0);

/* Like qr_frame_draw with a fractional module size (pixels per module,
 * e.g. 2.5) and a fractional origin; each pixel is the area average of the
 * modules it covers (4x4 supersampling), as a sensor would see it. */
uint32_t qr_frame_draw_scaled(uint8_t *luma, uint32_t w, uint32_t h,
                              size_t stride, const uint8_t *data, size_t len,
                              const qr_frame_style *style, double module_px,
                              double x0, double y0);

/* Adds roughly Gaussian noise of the given standard deviation
 * (deterministic for a seed), clamped to 0..255. */
void qr_frame_noise(uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                    unsigned sigma, uint32_t seed);

/* Fills out with "MID1:" and n characters of the Base45 alphabet
 * (deterministic), NUL-terminated; cap must exceed 5 + n. */
void qr_frame_mid_text(char *out, size_t cap, size_t n, uint32_t seed);

#endif
