/* make bench: QR decoding, side by side in one run.
 *
 * 1. Time per frame of our decoder adapter (mid_decoder_zbar_create) under
 *    named schedules — "zbar" (ZBar alone), "legacy" (ZBar first, zxing-cpp
 *    on frames ZBar found nothing in: the default until issue 12),
 *    "zx-first" (zxing-cpp first, ZBar on every frame it found nothing in),
 *    "new" (the default: zx-first, ZBar skipped on frames without code-like
 *    texture) — and zxing-cpp alone, at 640x480 and 1280x720, on
 *    phone-screen frames showing a real presentation (QR version 13 without
 *    a portrait, version 26 with one) and on frames of an empty counter.
 *    Rounds interleave every contender (the order rotates from round to
 *    round); we report medians of the rounds and the ratios.
 * 2. A corpus of degraded phone-screen frames (blur, sensor noise, low
 *    contrast, moire, glare, keystone, small modules; and since issue 12 a
 *    screen's pixel grid, strong perspective, a code filling the frame,
 *    reflections, motion blur, two phones), every frame handed to every
 *    schedule and to zxing-cpp alike; success = the decoded bytes equal the
 *    presentation (two phones: MID_ERR_MULTIPLE_CODES). The rule new >=
 *    max(ZBar alone, zxing-cpp alone), new >= legacy, and the same bytes
 *    as legacy on every frame legacy decodes is printed PASS/FAIL per
 *    condition; a FAIL makes the exit status 1. Our default (prefilter 2, alternate) needs a stream: each
 *    corpus item is two consecutive frames of the same scene (fresh sensor
 *    noise, moire phase moved on), the first scanned blurred and the second
 *    raw, as on a video; zxing-cpp gets the same two frames.
 *
 * zxing-cpp is C++ (bench/bench_zxing.cc): bench/bench.mk links it in when
 * the Makefile includes it; otherwise tools/bench-e2e.sh links a copy of
 * this program with it and runs the corpus (`--corpus`).
 *
 *   bench_decode [--time] [--corpus] [--n ITEMS] [--rounds R] [--dump DIR]
 *              [--candidates]   (also: 2x upscale and unsharp before ZBar)
 * (no option: both parts; the corpus only when zxing-cpp is linked) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/qrimage.h"
#include "decoder/zxing_private.h"
#include "fixtures/world.h"
#include "mid/mid_decoder.h"

#include "support/qr_degrade.c"

/* bench/bench_zxing.cc; absent (NULL) when it is not linked in. */
int bench_zxing_decode(const uint8_t *luma, int w, int h, int stride,
                       uint8_t *out, size_t cap, size_t *out_len)
    __attribute__((weak));

#define NPRES 8
#define OUT_CAP (MID_MAX_QR_TEXT + 1u)
#define SCANS_PER_CELL 4 /* even: alternate gets as many blurred as raw */
#define DEFAULT_ROUNDS 7
#define DEFAULT_ITEMS 40
#define MAX_ROUNDS 31

static world W;
/* [0] no portrait (version 13), [1] 32x40 portrait (version 25-26) */
static char texts[2][NPRES][MID_MAX_QR_TEXT + 1];
static size_t lens[2][NPRES];
static qrimg_code codes[2][NPRES];
static uint8_t outbuf[OUT_CAP];
static const char *dump_dir; /* --dump DIR: corpus frames as PNG */

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double median(double *v, int n)
{
    qsort(v, (size_t)n, sizeof *v, cmp_double);
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

static void die(const char *what)
{
    fprintf(stderr, "bench_decode: %s\n", what);
    exit(1);
}

static void make_presentations(void)
{
    static uint8_t portrait[MID_MAX_PORTRAIT_BYTES];
    size_t plen = 0;
    mid_cred_input in;

    world_init(&W);
    for (int kind = 0; kind < 2; kind++) {
        for (int i = 0; i < NPRES; i++) {
            world_resident(&W, &in);
            in.cred_id[0] = (uint8_t)(0x40 + i);
            in.cred_id[1] = (uint8_t)kind;
            if (kind == 1) {
                if (mid_portrait_generate((uint32_t)(1000 + i), 32, 40, portrait,
                                          sizeof portrait, &plen) != MID_OK)
                    die("portrait");
                in.portrait = portrait;
                in.portrait_len = plen;
            }
            lens[kind][i] = world_qr(&W, &in, &W.issuer, &W.device, WORLD_NOW, NULL,
                                     texts[kind][i], sizeof texts[kind][i]);
            if (qrimg_encode(texts[kind][i], lens[kind][i], &codes[kind][i]) != MID_OK)
                die("QR encoding");
        }
    }
}

/* ---- scenes ------------------------------------------------------------ */

/* A phone held over the counter: desk gradient, dark phone body, lit
 * screen, the code on it. (x0, y0): the code's corner, quiet zone included. */
static void draw_phone(qrimg_luma *img, const qrimg_code *c, double module,
                       double x0, double y0)
{
    double side = qrimg_side(c, module);

    qrimg_fill_rect(img, (int)(x0 - side * 0.12), (int)(y0 - side * 0.40),
                    (int)(side * 1.24), (int)(side * 1.90), (int)(side / 10.0), 22);
    qrimg_fill_rect(img, (int)(x0 - side * 0.05), (int)(y0 - side * 0.32),
                    (int)(side * 1.10), (int)(side * 1.72), (int)(side / 30.0), 235);
    if (c)
        qrimg_draw(img, c, x0, y0, module, 25, 235);
}

static void draw_scene(qrimg_luma *img, const qrimg_code *c, double module,
                       double x0, double y0)
{
    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
    draw_phone(img, c, module, x0, y0);
}

static void draw_empty(qrimg_luma *img)
{
    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
    /* a receipt and a card reader on the counter: edges, no code */
    qrimg_fill_rect(img, (int)(img->w / 8), (int)(img->h / 3), (int)(img->w / 5),
                    (int)(img->h / 2), 4, 225);
    qrimg_fill_rect(img, (int)(img->w * 3 / 5), (int)(img->h / 4), (int)(img->w / 4),
                    (int)(img->h / 3), 12, 35);
}

static void alloc_img(qrimg_luma *img, uint32_t w, uint32_t h)
{
    if (qrimg_luma_alloc(img, w, h, 0) != MID_OK)
        die("out of memory");
}

/* ---- contenders -------------------------------------------------------- */

/* A named schedule of the adapter: all at density 1 and prefilter 2
 * (alternate), the defaults. */
typedef struct sched {
    const char *name;
    int fallback, zxing_first, skip_idle;
} sched;

enum { S_ZBAR,
       S_LEGACY,
       S_ZXFIRST,
       S_NEW,
       NS };
static const sched SCHEDS[NS] = {
    {"zbar", 0, 0, 0},     /* ZBar alone */
    {"legacy", 1, 0, 0},   /* ZBar first, zxing-cpp when it saw nothing */
    {"zx-first", 1, 1, 0}, /* zxing-cpp first, ZBar when it saw nothing */
    {"new", 1, 1, 1},      /* the default: zx-first, idle frames skip ZBar */
};

static mid_decoder *sched_new(int s, int prefilter)
{
    mid_zbar_config cfg;
    mid_decoder *d = NULL;

    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = prefilter;
    cfg.fallback_zxing = SCHEDS[s].fallback;
    cfg.zxing_first = SCHEDS[s].zxing_first;
    cfg.skip_idle = SCHEDS[s].skip_idle;
    if (mid_decoder_zbar_create(&cfg, &d) != MID_OK)
        die("decoder adapter");
    return d;
}

/* The scan's result and bytes (into out, cap OUT_CAP). */
static mid_err dec_scan(mid_decoder *d, const qrimg_luma *img, uint8_t *out, size_t *len)
{
    mid_frame f;

    memset(&f, 0, sizeof f);
    f.luma = img->px;
    f.width = img->w;
    f.height = img->h;
    f.stride = img->w;
    *len = 0;
    return mid_decoder_scan(d, &f, out, OUT_CAP, len);
}

/* Success: exactly the expected bytes, or with want_multi the refusal of
 * two different codes. */
static int result_ok(mid_err e, const uint8_t *out, size_t len, const char *exp, size_t exp_len,
                     int want_multi)
{
    if (want_multi)
        return e == MID_ERR_MULTIPLE_CODES;
    return exp && e == MID_OK && len == exp_len && memcmp(out, exp, len) == 0;
}

static int zbar_ok(mid_decoder *d, const qrimg_luma *img, const char *exp, size_t exp_len)
{
    size_t len = 0;
    mid_err e = dec_scan(d, img, outbuf, &len);
    int ok = result_ok(e, outbuf, len, exp, exp_len, 0);
    mid_wipe(outbuf, len);
    return ok;
}

static int zxing_ok(const qrimg_luma *img, const char *exp, size_t exp_len)
{
    size_t len = 0;
    int r = bench_zxing_decode(img->px, (int)img->w, (int)img->h, (int)img->w, outbuf,
                               sizeof outbuf, &len);
    int ok = exp && r == 1 && len == exp_len && memcmp(outbuf, exp, len) == 0;
    mid_wipe(outbuf, len);
    return ok;
}

/* zxing-cpp alone on a two-code frame: ReadBarcodes (our glue), since
 * ReadBarcode stops at the first code and cannot see the second. */
static int zxing_multi_ok(const qrimg_luma *img)
{
    size_t len = 0;
    mid_err e = mid_zxing_scan(img->px, img->w, img->h, img->w, outbuf, sizeof outbuf, &len);
    mid_wipe(outbuf, len);
    return e == MID_ERR_MULTIPLE_CODES;
}

/* ---- part 1: time per frame ------------------------------------------- */

typedef struct tframe {
    const char *label;
    qrimg_luma img;
    const char *exp; /* NULL: no code in view */
    size_t exp_len;
} tframe;

static int part_time(int rounds)
{
    static const uint32_t sizes[2][2] = {{640, 480}, {1280, 720}};
    static const char *labels[2][3] = {
        {"640x480  V13 code", "640x480  V26 code", "640x480  no code"},
        {"1280x720 V13 code", "1280x720 V26 code", "1280x720 no code"}};
    tframe fr[6];
    int nc = NS + (bench_zxing_decode ? 1 : 0);
    mid_decoder *dec[NS];
    /* [frame][contender][round] */
    static double wall[6][NS + 1][MAX_ROUNDS], cpu[6][NS + 1][MAX_ROUNDS];
    static int decoded[6][NS + 1];
    double med[6][NS + 1];
    int fails = 0;
    qrimg_rng rng;

    for (int s = 0; s < 2; s++) {
        for (int k = 0; k < 3; k++) {
            tframe *t = &fr[s * 3 + k];
            uint32_t w = sizes[s][0], h = sizes[s][1];
            t->label = labels[s][k];
            alloc_img(&t->img, w, h);
            if (k < 2) {
                const qrimg_code *c = &codes[k][0];
                double module = 0.70 * (double)h / (double)(c->width + 2 * (int)QRIMG_QUIET);
                double side = qrimg_side(c, module);
                draw_scene(&t->img, c, module, ((double)w - side) / 2.0 + 0.3,
                           ((double)h - side) / 2.0 + 0.6);
                t->exp = texts[k][0];
                t->exp_len = lens[k][0];
            } else {
                draw_empty(&t->img);
                t->exp = NULL;
                t->exp_len = 0;
            }
            qrimg_rng_seed(&rng, (uint64_t)(77 + s * 3 + k));
            qrimg_noise(&t->img, 3.0, &rng);
        }
    }
    for (int c = 0; c < NS; c++)
        dec[c] = sched_new(c, 2);
    memset(decoded, 0, sizeof decoded);
    for (int r = 0; r < rounds; r++) {
        for (int fi = 0; fi < 6; fi++) {
            for (int j = 0; j < nc; j++) {
                int c = (j + r + fi) % nc; /* rotate the order */
                double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
                for (int k = 0; k < SCANS_PER_CELL; k++) {
                    int ok = c < NS ? zbar_ok(dec[c], &fr[fi].img, fr[fi].exp, fr[fi].exp_len)
                                    : zxing_ok(&fr[fi].img, fr[fi].exp, fr[fi].exp_len);
                    decoded[fi][c] += ok;
                }
                wall[fi][c][r] = (now_s(CLOCK_MONOTONIC) - w0) * 1000.0 / SCANS_PER_CELL;
                cpu[fi][c][r] = (now_s(CLOCK_THREAD_CPUTIME_ID) - c0) * 1000.0 / SCANS_PER_CELL;
            }
        }
    }
    printf("bench_decode part 1: ms per frame, %d rounds x %d scans per cell, interleaved "
           "(order rotated); medians of the rounds\n",
           rounds, SCANS_PER_CELL);
    printf("  frames: phone-screen scene + sensor noise sigma 3; code ~70 %% of the frame "
           "height; V13 = %zu chars, V26 = %zu chars\n",
           lens[0][0], lens[1][0]);
    printf("  schedules (adapter, prefilter 2 = alternate, density 1): zbar = ZBar alone; "
           "legacy = ZBar, then zxing-cpp if it saw nothing;\n"
           "  zx-first = zxing-cpp, then ZBar if it saw nothing; new (default) = zx-first, "
           "ZBar skipped on frames without code-like texture; zxing = zxing-cpp alone\n");
    printf("  suffix: ' ' every scan decoded, '~' some, 'x' none (frames with a code)\n");
    for (int pass = 0; pass < 2; pass++) {
        printf("\n  %s ms per frame\n  %-18s", pass ? "CPU (thread)" : "wall", "frame");
        for (int c = 0; c < nc; c++)
            printf(" %8s", c < NS ? SCHEDS[c].name : "zxing");
        printf("\n");
        for (int fi = 0; fi < 6; fi++) {
            printf("  %-18s", fr[fi].label);
            for (int c = 0; c < nc; c++) {
                double m = median(pass ? cpu[fi][c] : wall[fi][c], rounds);
                int n = decoded[fi][c], tot = rounds * SCANS_PER_CELL;
                char mark = !fr[fi].exp ? ' ' : n == tot ? ' '
                                            : n == 0     ? 'x'
                                                         : '~';
                if (pass)
                    med[fi][c] = m;
                printf(" %7.1f%c", m, mark);
            }
            printf("\n");
        }
    }
    printf("\n  ratios (CPU medians); targets (issue 12): code frames new <= 1.5 x zxing; "
           "no-code frames new <= 0.5 x legacy\n");
    for (int fi = 0; fi < 6; fi++) {
        double leg = med[fi][S_LEGACY], nw = med[fi][S_NEW];
        printf("  %-18s new/legacy %5.2f", fr[fi].label, leg > 0 ? nw / leg : 0);
        if (bench_zxing_decode) {
            double zx = med[fi][NS];
            printf("  new/zxing %5.2f", zx > 0 ? nw / zx : 0);
            if (fr[fi].exp) {
                int ok = nw <= 1.5 * zx && decoded[fi][S_NEW] == rounds * SCANS_PER_CELL;
                fails += !ok;
                printf("  %s", ok ? "PASS" : "FAIL");
            }
        }
        if (!fr[fi].exp) {
            int ok = nw <= 0.5 * leg;
            fails += !ok;
            printf("                  %s", ok ? "PASS" : "FAIL");
        }
        printf("\n");
    }
    printf("\n");
    for (int c = 0; c < NS; c++)
        mid_decoder_destroy(dec[c]);
    for (int fi = 0; fi < 6; fi++)
        qrimg_luma_free(&fr[fi].img);
    return fails;
}

/* ---- part 2: degraded corpus ------------------------------------------ */

typedef enum dkind {
    D_CLEAN,
    D_BLUR,
    D_NOISE,
    D_CONTRAST,
    D_MOIRE,
    D_GLARE,
    D_KEYSTONE,
    D_SMALL,
    /* what a real counter adds (issue 12) */
    D_GRID,
    D_FILL,
    D_REFLECT,
    D_MOTION,
    D_TWO
} dkind;

typedef struct cond {
    const char *name;
    dkind kind;
    double p;
} cond;

static const cond CONDS[] = {
    {"clean", D_CLEAN, 0},
    {"blur sigma 1", D_BLUR, 1.0},
    {"blur sigma 2", D_BLUR, 2.0},
    {"noise sigma 10", D_NOISE, 10.0},
    {"noise sigma 25", D_NOISE, 25.0},
    {"noise sigma 40", D_NOISE, 40.0},
    {"contrast x0.3", D_CONTRAST, 0.3},
    {"contrast x0.15", D_CONTRAST, 0.15},
    {"moire", D_MOIRE, 28.0},
    {"glare", D_GLARE, 150.0},
    {"keystone 0.20", D_KEYSTONE, 0.20},
    {"keystone 0.35", D_KEYSTONE, 0.35},
    {"modules 1.5 px", D_SMALL, 1.5},
    {"modules 2.0 px", D_SMALL, 2.0},
    {"modules 2.5 px", D_SMALL, 2.5},
    {"pixel grid", D_GRID, 0.55},
    {"keystone 0.50", D_KEYSTONE, 0.50},
    {"fills frame", D_FILL, 0},
    {"reflection", D_REFLECT, 0.30},
    {"motion 5 px", D_MOTION, 5},
    {"motion 7 px", D_MOTION, 7},
    {"two phones", D_TWO, 0},
};
#define NCOND ((int)(sizeof CONDS / sizeof CONDS[0]))
#define BASE_NOISE 2.0 /* every camera adds some */
#define CW 640u
#define CH 480u

/* What varies from item to item, drawn once per item. */
typedef struct item {
    int kind, pres;
    double module, x0, y0;
    double sign;                 /* keystone direction */
    double period, angle, phase; /* moire */
    double gx, gy;               /* glare centre */
    double grid, gap, gox, goy;  /* pixel grid */
    int rdx, rdy;                /* reflection offset */
    double band_pos, band_w;     /* reflection band */
    int vertical;                /* motion direction */
    int pres2;                   /* two phones: the other presentation */
    double module2, x2, y2;
    uint64_t seed;
} item;

static double uni(qrimg_rng *r, double lo, double hi)
{
    return lo + (hi - lo) * qrimg_rng_uniform(r);
}

static void item_make(const cond *cd, int ci, int i, item *it)
{
    qrimg_rng r;
    const qrimg_code *c;
    double total, side;

    qrimg_rng_seed(&r, 0x5eed0000u + (uint64_t)ci * 1000u + (uint64_t)i);
    it->kind = cd->kind == D_TWO ? 0 : i % 2;
    it->pres = (i / 2) % NPRES;
    c = &codes[it->kind][it->pres];
    total = (double)(c->width + 2 * (int)QRIMG_QUIET);
    if (cd->kind == D_SMALL)
        it->module = cd->p;
    else if (cd->kind == D_FILL) /* the symbol 92-99 % of the height: quiet zone cut off */
        it->module = uni(&r, 0.92, 0.99) * (double)CH / (double)c->width;
    else if (cd->kind == D_TWO) /* two version 13 codes side by side */
        it->module = uni(&r, 0.30, 0.36) * (double)CW / total;
    else /* the code fills 55-85 % of the frame height */
        it->module = uni(&r, 0.55, 0.85) * (double)CH / total;
    side = total * it->module;
    if (cd->kind == D_FILL) {
        it->x0 = uni(&r, 2.0, (double)CW - side - 2.0);
        it->y0 = ((double)CH - side) / 2.0 + uni(&r, -0.3, 0.3) * QRIMG_QUIET * it->module;
    } else if (cd->kind == D_TWO) {
        it->x0 = uni(&r, 2.0, (double)CW / 2.0 - side - 2.0);
        it->y0 = uni(&r, 2.0, (double)CH - side - 2.0);
    } else {
        it->x0 = uni(&r, 2.0, (double)CW - side - 2.0);
        it->y0 = uni(&r, 2.0, (double)CH - side - 2.0);
    }
    it->sign = qrimg_rng_uniform(&r) < 0.5 ? -1.0 : 1.0;
    it->period = uni(&r, 2.8, 4.0);
    it->angle = uni(&r, 0.05, 0.30);
    it->phase = uni(&r, 0.0, 6.283);
    it->gx = it->x0 + uni(&r, 0.2, 0.8) * side;
    it->gy = it->y0 + uni(&r, 0.2, 0.8) * side;
    it->grid = uni(&r, 2.2, 3.4);
    it->gap = uni(&r, 0.6, 1.0);
    it->gox = uni(&r, 0.0, it->grid);
    it->goy = uni(&r, 0.0, it->grid);
    it->rdx = (int)uni(&r, 4.0, 11.0);
    it->rdy = (int)uni(&r, 3.0, 9.0);
    it->band_pos = uni(&r, 0.3, 1.2) * (double)(CW + CH) / 2.0;
    it->band_w = uni(&r, 40.0, 90.0);
    it->vertical = qrimg_rng_uniform(&r) < 0.5;
    it->pres2 = (it->pres + 3) % NPRES;
    it->module2 = uni(&r, 0.30, 0.36) * (double)CW / total;
    it->x2 = uni(&r, (double)CW / 2.0 + 2.0, (double)CW - total * it->module2 - 2.0);
    it->y2 = uni(&r, 2.0, (double)CH - total * it->module2 - 2.0);
    it->seed = qrimg_rng_next(&r);
}

static void item_scene(const cond *cd, const item *it, qrimg_luma *base)
{
    draw_scene(base, &codes[it->kind][it->pres], it->module, it->x0, it->y0);
    if (cd->kind == D_TWO)
        draw_phone(base, &codes[0][it->pres2], it->module2, it->x2, it->y2);
}

/* Frame f (0, 1) of the item: the same scene, the next frame of a video. */
static void item_frame(const cond *cd, const item *it, const qrimg_luma *base, int f,
                       qrimg_luma *out)
{
    qrimg_rng r;
    double noise = BASE_NOISE;

    memcpy(out->px, base->px, (size_t)base->w * base->h);
    qrimg_rng_seed(&r, it->seed + (uint64_t)f);
    switch (cd->kind) {
    case D_KEYSTONE:
        if (qrimg_perspective(out, it->sign * cd->p, 60) != MID_OK)
            die("perspective");
        break;
    case D_GLARE:
        qrimg_glare(out, it->gx + 2.0 * f, it->gy, CW * 0.10, CH * 0.07, cd->p);
        break;
    case D_MOIRE: /* 0.1 rad per frame: the beat drifts as in a video */
        qrimg_moire(out, cd->p, it->period, it->angle, it->phase + 0.1 * f);
        break;
    case D_BLUR:
        if (qrimg_blur(out, cd->p) != MID_OK)
            die("blur");
        break;
    case D_CONTRAST:
        qrimg_contrast(out, cd->p);
        break;
    case D_NOISE:
        noise = cd->p;
        break;
    case D_GRID: /* the phone does not move: the same grid in both frames */
        qr_degrade_pixel_grid(out, it->grid, it->gap, it->gox, it->goy, cd->p);
        break;
    case D_REFLECT: /* the window's band moves 3 px a frame */
        if (qr_degrade_reflection(out, it->rdx, it->rdy, cd->p, it->band_pos + 3.0 * f,
                                  it->band_w, 45.0) != MID_OK)
            die("reflection");
        break;
    case D_MOTION:
        if (qr_degrade_motion(out, (unsigned)cd->p, it->vertical) != MID_OK)
            die("motion");
        break;
    case D_CLEAN:
    case D_SMALL:
    case D_FILL:
    case D_TWO:
        break;
    }
    qrimg_noise(out, noise, &r);
}

typedef struct tally {
    int n;
    int ok[NS];         /* item decoded (either frame) per schedule */
    int f1[NS], f2[NS]; /* per frame */
    int zx1, zx2;
    int up2, unsharp;
    int mismatch; /* new gave other bytes than legacy on a frame */
    int new_lost; /* items legacy decoded and new did not */
    double ms[NS], ms_zx;
} tally;

/* ---- candidate preprocessings (--candidates): numbers for a decoder
 * change, measured on the corpus frames through the adapter with
 * prefilter 0 on the transformed frame ---- */

/* 2x bilinear upscale (a 1.5 px module becomes 3 px). */
static void upscale2(const qrimg_luma *s, qrimg_luma *o)
{
    for (uint32_t y = 0; y < o->h; y++) {
        double sy = ((double)y + 0.5) / 2.0 - 0.5;
        uint32_t y0 = sy < 0 ? 0 : (uint32_t)sy;
        uint32_t y1 = y0 + 1 < s->h ? y0 + 1 : y0;
        double fy = sy < 0 ? 0 : sy - (double)y0;
        for (uint32_t x = 0; x < o->w; x++) {
            double sx = ((double)x + 0.5) / 2.0 - 0.5;
            uint32_t x0 = sx < 0 ? 0 : (uint32_t)sx;
            uint32_t x1 = x0 + 1 < s->w ? x0 + 1 : x0;
            double fx = sx < 0 ? 0 : sx - (double)x0;
            const uint8_t *r0 = s->px + (size_t)y0 * s->w, *r1 = s->px + (size_t)y1 * s->w;
            double v = (1 - fy) * ((1 - fx) * r0[x0] + fx * r0[x1]) +
                       fy * ((1 - fx) * r1[x0] + fx * r1[x1]);
            o->px[(size_t)y * o->w + x] = (uint8_t)(v + 0.5);
        }
    }
}

/* Unsharp mask, 3x3 binomial, amount 1: out = 2 x - blur(x). */
static void unsharp(const qrimg_luma *s, qrimg_luma *o)
{
    for (uint32_t y = 0; y < s->h; y++) {
        uint32_t ym = y ? y - 1 : y, yp = y + 1 < s->h ? y + 1 : y;
        for (uint32_t x = 0; x < s->w; x++) {
            uint32_t xm = x ? x - 1 : x, xp = x + 1 < s->w ? x + 1 : x;
#define P(yy, xx) ((int)s->px[(size_t)(yy)*s->w + (xx)])
            int b = (P(ym, xm) + 2 * P(ym, x) + P(ym, xp) + 2 * P(y, xm) + 4 * P(y, x) +
                     2 * P(y, xp) + P(yp, xm) + 2 * P(yp, x) + P(yp, xp) + 8) /
                    16;
            int v = 2 * P(y, x) - b;
#undef P
            o->px[(size_t)y * s->w + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255
                                                                        : v);
        }
    }
}

static int part_corpus(int items, int candidates)
{
    qrimg_luma base, fr[2], big, sharp;
    mid_decoder *dec[NS], *plain;
    static uint8_t outs[NS][OUT_CAP];
    static tally t[NCOND];
    int fails = 0, have_zx = bench_zxing_decode != NULL;

    for (int c = 0; c < NS; c++)
        dec[c] = sched_new(c, 2);
    plain = sched_new(S_ZBAR, 0);
    alloc_img(&base, CW, CH);
    alloc_img(&fr[0], CW, CH);
    alloc_img(&fr[1], CW, CH);
    alloc_img(&big, 2 * CW, 2 * CH);
    alloc_img(&sharp, CW, CH);
    memset(t, 0, sizeof t);
    /* items outer, conditions inner: every condition sees the machine alike */
    for (int i = 0; i < items; i++) {
        for (int ci = 0; ci < NCOND; ci++) {
            const cond *cd = &CONDS[ci];
            tally *tl = &t[ci];
            int multi = cd->kind == D_TWO;
            item it;
            const char *exp;
            size_t el;
            int got[NS] = {0}, x[2] = {0, 0};

            item_make(cd, ci, i, &it);
            exp = texts[it.kind][it.pres];
            el = lens[it.kind][it.pres];
            item_scene(cd, &it, &base);
            item_frame(cd, &it, &base, 0, &fr[0]);
            item_frame(cd, &it, &base, 1, &fr[1]);
            if (dump_dir) {
                char path[512];
                snprintf(path, sizeof path, "%s/%02d-%03d.png", dump_dir, ci, i);
                (void)qrimg_png_write(path, fr[0].px, fr[0].w, fr[0].h, 1);
            }
            tl->n++;
            /* every schedule on the stream of two frames: frame 1 is a
             * blurred ZBar pass, frame 2 a raw one; rotate the order */
            for (int f = 0; f < 2; f++) {
                mid_err e[NS];
                size_t len[NS];
                for (int j = 0; j < NS; j++) {
                    int c = (j + i + ci) % NS;
                    double t0 = now_s(CLOCK_MONOTONIC);
                    e[c] = dec_scan(dec[c], &fr[f], outs[c], &len[c]);
                    tl->ms[c] += (now_s(CLOCK_MONOTONIC) - t0) * 1000.0;
                    int ok = result_ok(e[c], outs[c], len[c], exp, el, multi);
                    got[c] |= ok;
                    if (f == 0)
                        tl->f1[c] += ok;
                    else
                        tl->f2[c] += ok;
                }
                /* the same frames give the same bytes */
                if (e[S_LEGACY] == MID_OK &&
                    (e[S_NEW] != MID_OK || len[S_NEW] != len[S_LEGACY] ||
                     memcmp(outs[S_NEW], outs[S_LEGACY], len[S_LEGACY]) != 0) &&
                    e[S_NEW] != MID_ERR_NO_CODE)
                    tl->mismatch++;
                for (int c = 0; c < NS; c++)
                    mid_wipe(outs[c], len[c]);
                if (have_zx) {
                    double t0 = now_s(CLOCK_MONOTONIC);
                    x[f] = multi ? zxing_multi_ok(&fr[f]) : zxing_ok(&fr[f], exp, el);
                    tl->ms_zx += (now_s(CLOCK_MONOTONIC) - t0) * 1000.0;
                }
            }
            for (int c = 0; c < NS; c++)
                tl->ok[c] += got[c];
            tl->new_lost += got[S_LEGACY] && !got[S_NEW];
            tl->zx1 += x[0];
            tl->zx2 += x[0] || x[1];
            if (candidates && !multi) {
                upscale2(&fr[0], &big);
                tl->up2 += zbar_ok(plain, &big, exp, el);
                unsharp(&fr[0], &sharp);
                tl->unsharp += zbar_ok(plain, &sharp, exp, el);
            }
        }
    }
    printf("bench_decode part 2: degraded phone-screen corpus, %ux%u, %d items per condition "
           "(half V13, half V26 codes; positions, sizes and seeds varied)\n",
           CW, CH, items);
    printf("  every item = two consecutive frames of one scene (fresh noise); success = decoded "
           "bytes equal the presentation\n"
           "  ('two phones': two different codes in view; success = MULTIPLE_CODES, the "
           "refusal)\n");
    printf("  every schedule as in part 1, prefilter 2: frame 1 a blurred ZBar pass, frame 2 a "
           "raw one; an item counts when either frame succeeds\n");
    printf("  zx1f/zx2f = zxing-cpp alone on frame 1 / either frame; better = max(zbar, zx2f); "
           "rule: new >= better and new >= legacy\n");
    printf("  same = frames on which legacy decoded and new gave other bytes or another error "
           "(must be 0)\n");
    if (!have_zx)
        printf("  zxing-cpp NOT linked into this binary: its columns are empty\n");
    printf("\n  %-15s %3s %6s %6s %8s %6s %5s %5s %6s %-5s %4s   %s\n", "condition", "N",
           "zbar", "legacy", "zx-first", "new", "zx1f", "zx2f", "better", "rule", "same",
           "wall ms/frame: legacy zx-first new zxing");
    for (int ci = 0; ci < NCOND; ci++) {
        const tally *tl = &t[ci];
        int better = tl->ok[S_ZBAR] > tl->zx2 ? tl->ok[S_ZBAR] : tl->zx2;
        int pass = tl->ok[S_NEW] >= better && tl->ok[S_NEW] >= tl->ok[S_LEGACY] &&
                   tl->mismatch == 0;
        double nf = 2.0 * (tl->n ? tl->n : 1);
        fails += !pass;
        printf("  %-15s %3d %6d %6d %8d %6d %5d %5d %6d %-5s %4d   %6.1f %6.1f %6.1f %6.1f\n",
               CONDS[ci].name, tl->n, tl->ok[S_ZBAR], tl->ok[S_LEGACY], tl->ok[S_ZXFIRST],
               tl->ok[S_NEW], tl->zx1, tl->zx2, better, pass ? "PASS" : "FAIL", tl->mismatch,
               tl->ms[S_LEGACY] / nf, tl->ms[S_ZXFIRST] / nf, tl->ms[S_NEW] / nf,
               tl->ms_zx / nf);
    }
    printf("\n  per frame (frame 1 blurred pass / frame 2 raw pass):\n");
    for (int ci = 0; ci < NCOND; ci++) {
        const tally *tl = &t[ci];
        printf("  %-15s", CONDS[ci].name);
        for (int c = 0; c < NS; c++)
            printf("  %s %2d/%2d", SCHEDS[c].name, tl->f1[c], tl->f2[c]);
        printf("  items legacy-only %d\n", tl->new_lost);
    }
    printf("\n  rule (new >= better-of-ZBar-and-zxing-cpp, >= legacy, same bytes) holds in %d of "
           "%d conditions: %s\n",
           NCOND - fails, NCOND, fails ? "FAIL" : "PASS");
    if (candidates) {
        printf("\n  candidates, ZBar prefilter 0 on a transformed frame 1 (single frame):\n");
        printf("  %-15s %5s %5s %7s\n", "condition", "raw f2", "up2", "unsharp");
        for (int ci = 0; ci < NCOND; ci++)
            printf("  %-15s %5d %5d %7d\n", CONDS[ci].name, t[ci].f2[S_ZBAR], t[ci].up2,
                   t[ci].unsharp);
    }
    printf("\n");
    for (int c = 0; c < NS; c++)
        mid_decoder_destroy(dec[c]);
    mid_decoder_destroy(plain);
    qrimg_luma_free(&base);
    qrimg_luma_free(&fr[0]);
    qrimg_luma_free(&fr[1]);
    qrimg_luma_free(&big);
    qrimg_luma_free(&sharp);
    return fails;
}

static int arg_int(const char *s, int lo, int hi)
{
    char *end;
    long v = strtol(s, &end, 10);
    if (*end || v < lo || v > hi)
        die("bad number");
    return (int)v;
}

int main(int argc, char **argv)
{
    int do_time = 0, do_corpus = 0, candidates = 0, items = DEFAULT_ITEMS, rounds = DEFAULT_ROUNDS;
    int fails = 0;

    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--time"))
            do_time = 1;
        else if (!strcmp(argv[i], "--corpus"))
            do_corpus = 1;
        else if (!strcmp(argv[i], "--candidates"))
            do_corpus = candidates = 1;
        else if (!strcmp(argv[i], "--n") && i + 1 < argc)
            items = arg_int(argv[++i], 1, 100000);
        else if (!strcmp(argv[i], "--dump") && i + 1 < argc)
            dump_dir = argv[++i];
        else if (!strcmp(argv[i], "--rounds") && i + 1 < argc)
            rounds = arg_int(argv[++i], 1, MAX_ROUNDS);
        else
            die("usage: bench_decode [--time] [--corpus] [--candidates] [--n ITEMS] [--rounds R] [--dump DIR]");
    }
    if (!do_time && !do_corpus) {
        do_time = 1;
        do_corpus = bench_zxing_decode != NULL;
    }
    make_presentations();
    if (do_time)
        (void)part_time(rounds); /* times are printed, never asserted: a shared machine */
    if (do_corpus)
        fails = part_corpus(items, candidates);
    else if (!bench_zxing_decode)
        printf("bench_decode part 2 (degraded corpus, ZBar vs zxing-cpp): zxing-cpp is not "
               "linked into this binary; tools/bench-e2e.sh links it and runs "
               "`bench_decode --corpus`\n");
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < NPRES; i++)
            qrimg_code_free(&codes[k][i]);
    return fails ? 1 : 0; /* the corpus rule is an assertion */
}
