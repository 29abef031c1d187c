/* mid-kiosk — decoder scheduling; see schedule_private.h. */
#include "schedule_private.h"

/* Alternations of edge sign in row[0..w), counted in windows of
 * MID_SCHED_WINDOW pixels that overlap by half (a code straddling a
 * window border is still seen whole by one of them): 1 when one window
 * reaches MID_SCHED_MIN_ALT. */
static int row_is_code_like(const uint8_t *row, uint32_t w)
{
    const uint32_t half = MID_SCHED_WINDOW / 2u;

    if (w < 3u)
        return 0;
    for (uint32_t x0 = 0; x0 == 0 || x0 + half < w; x0 += half) {
        uint32_t end = x0 + MID_SCHED_WINDOW < w ? x0 + MID_SCHED_WINDOW : w;
        unsigned alt = 0;
        int last = 0; /* sign of the last counted edge, 0 none yet */

        for (uint32_t x = x0; x + 2u < end; x++) {
            int d = (int)row[x + 2u] - (int)row[x];
            int s = d >= MID_SCHED_EDGE ? 1 : d <= -MID_SCHED_EDGE ? -1
                                                                   : 0;
            if (s == 0 || s == last)
                continue;
            if (last != 0 && ++alt >= MID_SCHED_MIN_ALT)
                return 1;
            last = s;
        }
        if (end == w)
            break;
    }
    return 0;
}

/* Rows [y0, y1] of the frame are searched only left of x0 and right of
 * x1 (x0 > x1: whole rows). */
static int may_hold(const uint8_t *luma, uint32_t w, uint32_t h, size_t stride,
                    uint32_t x0, uint32_t y0, uint32_t x1, uint32_t y1)
{
    unsigned rows = 0;

    /* start half a step in: no bias towards the top edge */
    for (uint32_t y = MID_SCHED_ROW_STEP / 2u; y < h; y += MID_SCHED_ROW_STEP) {
        const uint8_t *row = luma + (size_t)y * stride;
        int like;
        if (x0 <= x1 && y >= y0 && y <= y1)
            like = row_is_code_like(row, x0) ||
                   (x1 + 1u < w && row_is_code_like(row + x1 + 1u, w - x1 - 1u));
        else
            like = row_is_code_like(row, w);
        if (like && ++rows >= MID_SCHED_MIN_ROWS)
            return 1;
    }
    return 0;
}

int mid_sched_may_hold_code_outside(const uint8_t *luma, uint32_t w,
                                    uint32_t h, size_t stride,
                                    const uint32_t box[4])
{
    uint32_t mx, my, x0, y0, x1, y1;

    if (!luma || w == 0 || h == 0 || stride < w)
        return 1;
    if (!box || box[0] > box[2] || box[1] > box[3] || box[2] >= w || box[3] >= h)
        return may_hold(luma, w, h, stride, 1, 0, 0, 0);
    mx = (box[2] - box[0] + 1u) * MID_SCHED_BOX_MARGIN_PCT / 100u;
    my = (box[3] - box[1] + 1u) * MID_SCHED_BOX_MARGIN_PCT / 100u;
    x0 = box[0] > mx ? box[0] - mx : 0;
    y0 = box[1] > my ? box[1] - my : 0;
    x1 = box[2] + mx < w ? box[2] + mx : w - 1u;
    y1 = box[3] + my < h ? box[3] + my : h - 1u;
    return may_hold(luma, w, h, stride, x0, y0, x1, y1);
}

int mid_sched_may_hold_code(const uint8_t *luma, uint32_t w, uint32_t h,
                            size_t stride)
{
    if (!luma || w == 0 || h == 0 || stride < w)
        return 1; /* not ours to refuse: the decoders check their input */
    return may_hold(luma, w, h, stride, 1, 0, 0, 0);
}

int mid_sched_zbar_blur(int prefilter, uint64_t scan)
{
    if (prefilter == 1)
        return 1;
    if (prefilter == 2)
        return (scan & 1u) == 0;
    return 0;
}
