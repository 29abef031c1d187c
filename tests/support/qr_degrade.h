/* mid-kiosk tests and benchmarks — the degradations a real counter adds on
 * top of tools/common/qrimage.h's (blur, noise, contrast, moire, glare,
 * keystone): a phone screen's pixel grid photographed closely, reflections
 * on the glass, motion blur. Deterministic for given parameters. Include
 * "../support/qr_degrade.c" (tests) or "support/qr_degrade.c" (bench) from
 * the one file that uses it; it needs tools/common/qrimage.h. */
#ifndef QR_DEGRADE_H
#define QR_DEGRADE_H

#include "common/qrimage.h"

/* The black matrix between a screen's pixels, seen from close up: dark
 * lines gap_px wide every period_px, both ways, from (ox, oy); a pixel is
 * darkened by depth (0..1) times the share of it the lines cover (4x4
 * supersampling), on light and dark modules alike. */
void qr_degrade_pixel_grid(qrimg_luma *img, double period_px, double gap_px,
                           double ox, double oy, double depth);

/* A reflection on the phone's glass: the scene itself, shifted by (dx, dy)
 * pixels and mixed in at alpha (0..1), plus a bright diagonal band (a
 * window) of the given width adding `band` grey levels at its centre. */
mid_err qr_degrade_reflection(qrimg_luma *img, int dx, int dy, double alpha,
                              double band_pos, double band_width,
                              double band);

/* Motion blur: a box of len pixels along x (vertical 0) or y (1). */
mid_err qr_degrade_motion(qrimg_luma *img, unsigned len, int vertical);

#endif
