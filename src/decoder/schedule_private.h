/* mid-kiosk — which decoder runs on which frame (the ZBar adapter, zbar.c).
 * Pure and allocation-free: the same frame sequence always gives the same
 * plan, so tests and benchmarks can replay it. Not part of the public API.
 *
 * Measured in bench_decode (docs/camera-and-decoder.md, "Scheduling"):
 * zxing-cpp costs 1.0 ms at 640x480 and 2.4 ms at 1280x720 where ZBar
 * costs 6-20 ms, and reads every frame of the corpus ZBar reads except
 * low-contrast, very noisy and moire ones. So zxing-cpp runs first on
 * every frame, and ZBar only when zxing-cpp found nothing and the frame
 * passes mid_sched_may_hold_code(): an empty counter costs one zxing-cpp
 * pass and the test, not a ZBar pass. */
#ifndef MID_DECODER_SCHEDULE_PRIVATE_H
#define MID_DECODER_SCHEDULE_PRIVATE_H

#include <stddef.h>
#include <stdint.h>

/* The test samples every MID_SCHED_ROW_STEP-th row. On a sampled row an
 * "edge" is a grey step |p[x+2] - p[x]| >= MID_SCHED_EDGE; a run of edges
 * of one sign counts once, so a row through a code alternates dark/light
 * edges about once per two modules. A row with >= MID_SCHED_MIN_ALT
 * alternations of sign within MID_SCHED_WINDOW pixels is code-like; the
 * frame may hold a code once MID_SCHED_MIN_ROWS sampled rows are. Chosen
 * to pass a code at contrast x0.15 (steps of ~30 grey levels), 1.5 px
 * modules and modules up to ~12 px, and to fail an empty counter with
 * sensor noise sigma <= 4 (a noisier idle frame passes and costs a ZBar
 * pass, as before). Measured in tests/unit/test_decoder_schedule.c. */
#define MID_SCHED_ROW_STEP 4u
#define MID_SCHED_EDGE 18
#define MID_SCHED_WINDOW 160u
#define MID_SCHED_MIN_ALT 8u
#define MID_SCHED_MIN_ROWS 3u

/* What to run on a frame. */
enum mid_sched_step {
    MID_SCHED_ZBAR_FIRST = 0, /* legacy: ZBar, zxing-cpp if it saw nothing */
    MID_SCHED_ZXING_FIRST = 1 /* zxing-cpp, ZBar if it saw nothing (gated) */
};

/* 1 when the luma plane has code-like texture somewhere (see above), 0
 * when it cannot hold a code ZBar would read. Reads at most every
 * MID_SCHED_ROW_STEP-th row; stops at the first MID_SCHED_MIN_ROWS
 * code-like rows. w, h >= 1, stride >= w. */
int mid_sched_may_hold_code(const uint8_t *luma, uint32_t w, uint32_t h,
                            size_t stride);

/* mid_sched_may_hold_code on the frame without the box (x0, y0, x1, y1,
 * inclusive) grown by MID_SCHED_BOX_MARGIN_PCT of its size on every side
 * (the quiet zone and the phone's screen): 1 when there is code-like
 * texture elsewhere, i.e. possibly a second code zxing-cpp did not read.
 * Then ZBar looks too, so two different codes are refused as before. */
#define MID_SCHED_BOX_MARGIN_PCT 20u
int mid_sched_may_hold_code_outside(const uint8_t *luma, uint32_t w,
                                    uint32_t h, size_t stride,
                                    const uint32_t box[4]);

/* 1 when ZBar's pass on frame number `scan` (0, 1, ... counted over every
 * scan of the decoder, whether ZBar runs or not) uses the blurred copy:
 * prefilter 0 never, 1 always, 2 on even scans. Counting every scan keeps
 * a frame's pass the same under both orders, so zxing-first reads
 * everything the legacy order's ZBar reads on frames it cannot. */
int mid_sched_zbar_blur(int prefilter, uint64_t scan);

#endif
