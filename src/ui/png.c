/* mid-kiosk — screenshots as PNG through libpng (demo and tests only; the
 * only caller is the SDL adapter's screenshot op, absent in release). */
#include <png.h>
#include <stdio.h>

#include "ui/png.h"

#ifndef MID_RELEASE
/* The setjmp lives alone here: no local changes after it, so the longjmp
 * libpng uses for errors cannot leave a stale value behind. */
static int png_rows(png_structp png, png_infop info, FILE *f,
                    const uint8_t *rgb, int w, int h, size_t stride)
{
    if (setjmp(png_jmpbuf(png)))
        return 0;
    png_init_io(png, f);
    png_set_IHDR(png, info, (png_uint_32)w, (png_uint_32)h, 8,
                 PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                 PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
    png_set_compression_level(png, 3);
    png_write_info(png, info);
    for (int y = 0; y < h; y++)
        png_write_row(png, rgb + (size_t)y * stride);
    png_write_end(png, NULL);
    return 1;
}

mid_err ui_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                         size_t stride)
{
    FILE *f = NULL;
    png_structp png = NULL;
    png_infop info = NULL;
    mid_err err = MID_ERR_IO;
    if (!path || !rgb || w <= 0 || h <= 0 || stride < (size_t)w * 3u)
        return MID_ERR_ARG;
    f = fopen(path, "wb");
    if (!f)
        return MID_ERR_IO;
    png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    if (!png)
        goto done;
    info = png_create_info_struct(png);
    if (!info)
        goto done;
    if (png_rows(png, info, f, rgb, w, h, stride))
        err = MID_OK;
done:
    png_destroy_write_struct(png ? &png : NULL, info ? &info : NULL);
    if (fclose(f) != 0)
        err = MID_ERR_IO;
    return err;
}
#else
mid_err ui_png_write_rgb(const char *path, const uint8_t *rgb, int w, int h,
                         size_t stride)
{
    (void)path;
    (void)rgb;
    (void)w;
    (void)h;
    (void)stride;
    return MID_ERR_ARG;
}
#endif
