/* mid-kiosk — SDL UI screenshots (png.c). Private to src/ui. */
#ifndef MID_UI_PNG_H
#define MID_UI_PNG_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_err.h"

/* 8-bit RGB rows (stride bytes apart) to a PNG file. */
mid_err ui_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                         size_t stride);

#endif
