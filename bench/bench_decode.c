/* make bench: QR decoding, side by side in one run.
 *
 * 1. Time per frame of our ZBar adapter (mid_decoder_zbar_create), prefilter
 *    0/1/2 x density 1/2, at 640x480 and 1280x720, on phone-screen frames
 *    showing a real presentation (QR version 13 without a portrait, version
 *    26 with one) and on frames of an empty counter; zxing-cpp on the same
 *    frames when it is linked in. Rounds interleave every contender (the
 *    order rotates from round to round); we report medians of the rounds.
 * 2. A corpus of degraded phone-screen frames (blur, sensor noise, low
 *    contrast, moire, glare, keystone, small modules), every frame handed to
 *    ZBar and to zxing-cpp alike; success = the decoded bytes equal the
 *    presentation. Our default (prefilter 2, alternate) needs a stream: each
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
#include "fixtures/world.h"
#include "mid/mid_decoder.h"

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
static void draw_scene(qrimg_luma *img, const qrimg_code *c, double module,
                       double x0, double y0)
{
    double side = qrimg_side(c, module);

    for (uint32_t y = 0; y < img->h; y++)
        memset(img->px + (size_t)y * img->w, (int)(110u - (40u * y) / img->h), img->w);
    qrimg_fill_rect(img, (int)(x0 - side * 0.12), (int)(y0 - side * 0.40),
                    (int)(side * 1.24), (int)(side * 1.90), (int)(side / 10.0), 22);
    qrimg_fill_rect(img, (int)(x0 - side * 0.05), (int)(y0 - side * 0.32),
                    (int)(side * 1.10), (int)(side * 1.72), (int)(side / 30.0), 235);
    if (c)
        qrimg_draw(img, c, x0, y0, module, 25, 235);
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

typedef struct zcfg {
    const char *name;
    int prefilter, density;
} zcfg;

static const zcfg ZCFGS[] = {
    {"p0d1", 0, 1}, {"p1d1", 1, 1}, {"p2d1", 2, 1},
    {"p0d2", 0, 2}, {"p1d2", 1, 2}, {"p2d2", 2, 2},
};
#define NZ ((int)(sizeof ZCFGS / sizeof ZCFGS[0]))

static mid_decoder *zbar_new(int prefilter, int density)
{
    mid_zbar_config cfg;
    mid_decoder *d = NULL;

    mid_zbar_config_default(&cfg);
    cfg.prefilter_blur = prefilter;
    cfg.density = density;
    if (mid_decoder_zbar_create(&cfg, &d) != MID_OK)
        die("zbar adapter");
    return d;
}

static int zbar_ok(mid_decoder *d, const qrimg_luma *img, const char *exp, size_t exp_len)
{
    mid_frame f;
    size_t len = 0;
    mid_err e;
    int ok;

    memset(&f, 0, sizeof f);
    f.luma = img->px;
    f.width = img->w;
    f.height = img->h;
    f.stride = img->w;
    e = mid_decoder_scan(d, &f, outbuf, sizeof outbuf, &len);
    ok = exp && e == MID_OK && len == exp_len && memcmp(outbuf, exp, len) == 0;
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

/* ---- part 1: time per frame ------------------------------------------- */

typedef struct tframe {
    const char *label;
    qrimg_luma img;
    const char *exp; /* NULL: no code in view */
    size_t exp_len;
} tframe;

static void part_time(int rounds)
{
    static const uint32_t sizes[2][2] = {{640, 480}, {1280, 720}};
    static const char *labels[2][3] = {
        {"640x480  V13 code", "640x480  V26 code", "640x480  no code"},
        {"1280x720 V13 code", "1280x720 V26 code", "1280x720 no code"}};
    tframe fr[6];
    int nc = NZ + (bench_zxing_decode ? 1 : 0);
    mid_decoder *dec[NZ];
    /* [frame][contender][round] */
    static double wall[6][NZ + 1][MAX_ROUNDS], cpu[6][NZ + 1][MAX_ROUNDS];
    static int decoded[6][NZ + 1];
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
    for (int c = 0; c < NZ; c++)
        dec[c] = zbar_new(ZCFGS[c].prefilter, ZCFGS[c].density);
    memset(decoded, 0, sizeof decoded);
    for (int r = 0; r < rounds; r++) {
        for (int fi = 0; fi < 6; fi++) {
            for (int j = 0; j < nc; j++) {
                int c = (j + r + fi) % nc; /* rotate the order */
                double w0 = now_s(CLOCK_MONOTONIC), c0 = now_s(CLOCK_THREAD_CPUTIME_ID);
                for (int k = 0; k < SCANS_PER_CELL; k++) {
                    int ok = c < NZ ? zbar_ok(dec[c], &fr[fi].img, fr[fi].exp, fr[fi].exp_len)
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
    printf("  pNdM = ZBar adapter, prefilter N (0 off, 1 blur, 2 alternate = default), "
           "density M (1 = default)\n");
    printf("  suffix: ' ' every scan decoded, '~' some, 'x' none (frames with a code)\n");
    for (int pass = 0; pass < 2; pass++) {
        printf("\n  %s ms per frame\n  %-18s", pass ? "CPU (thread)" : "wall", "frame");
        for (int c = 0; c < nc; c++)
            printf(" %8s", c < NZ ? ZCFGS[c].name : "zxing");
        printf("\n");
        for (int fi = 0; fi < 6; fi++) {
            printf("  %-18s", fr[fi].label);
            for (int c = 0; c < nc; c++) {
                double m = median(pass ? cpu[fi][c] : wall[fi][c], rounds);
                int n = decoded[fi][c], tot = rounds * SCANS_PER_CELL;
                char mark = !fr[fi].exp ? ' ' : n == tot ? ' ' : n == 0 ? 'x' : '~';
                printf(" %7.1f%c", m, mark);
            }
            printf("\n");
        }
    }
    printf("\n");
    for (int c = 0; c < NZ; c++)
        mid_decoder_destroy(dec[c]);
    for (int fi = 0; fi < 6; fi++)
        qrimg_luma_free(&fr[fi].img);
}

/* ---- part 2: degraded corpus ------------------------------------------ */

typedef enum dkind {
    D_CLEAN, D_BLUR, D_NOISE, D_CONTRAST, D_MOIRE, D_GLARE, D_KEYSTONE, D_SMALL
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
};
#define NCOND ((int)(sizeof CONDS / sizeof CONDS[0]))
#define BASE_NOISE 2.0 /* every camera adds some */
#define CW 640u
#define CH 480u

/* What varies from item to item, drawn once per item. */
typedef struct item {
    int kind, pres;
    double module, x0, y0;
    double sign;                  /* keystone direction */
    double period, angle, phase;  /* moire */
    double gx, gy;                /* glare centre */
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
    it->kind = i % 2;
    it->pres = (i / 2) % NPRES;
    c = &codes[it->kind][it->pres];
    total = (double)(c->width + 2 * (int)QRIMG_QUIET);
    if (cd->kind == D_SMALL)
        it->module = cd->p;
    else /* the code fills 55-85 % of the frame height */
        it->module = uni(&r, 0.55, 0.85) * (double)CH / total;
    side = total * it->module;
    it->x0 = uni(&r, 2.0, (double)CW - side - 2.0);
    it->y0 = uni(&r, 2.0, (double)CH - side - 2.0);
    it->sign = qrimg_rng_uniform(&r) < 0.5 ? -1.0 : 1.0;
    it->period = uni(&r, 2.8, 4.0);
    it->angle = uni(&r, 0.05, 0.30);
    it->phase = uni(&r, 0.0, 6.283);
    it->gx = it->x0 + uni(&r, 0.2, 0.8) * side;
    it->gy = it->y0 + uni(&r, 0.2, 0.8) * side;
    it->seed = qrimg_rng_next(&r);
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
    case D_CLEAN:
    case D_SMALL:
        break;
    }
    qrimg_noise(out, noise, &r);
}

typedef struct tally {
    int n, blur, raw, ours, zx1, zx2, hybrid;
    int up2, unsharp;
    int by_kind_ours[2], by_kind_zx[2];
    double ms_ours, ms_zx, ms_hybrid;
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
#define P(yy, xx) ((int)s->px[(size_t)(yy) * s->w + (xx)])
            int b = (P(ym, xm) + 2 * P(ym, x) + P(ym, xp) + 2 * P(y, xm) + 4 * P(y, x) +
                     2 * P(y, xp) + P(yp, xm) + 2 * P(yp, x) + P(yp, xp) + 8) / 16;
            int v = 2 * P(y, x) - b;
#undef P
            o->px[(size_t)y * s->w + x] = (uint8_t)(v < 0 ? 0 : v > 255 ? 255 : v);
        }
    }
}

static void part_corpus(int items, int candidates)
{
    qrimg_luma base, fa, fb, big, sharp;
    mid_decoder *alt = zbar_new(2, 1), *plain = zbar_new(0, 1);
    tally t[NCOND];
    int lost = 0, lost_h = 0;
    int have_zx = bench_zxing_decode != NULL;

    alloc_img(&base, CW, CH);
    alloc_img(&fa, CW, CH);
    alloc_img(&fb, CW, CH);
    alloc_img(&big, 2 * CW, 2 * CH);
    alloc_img(&sharp, CW, CH);
    memset(t, 0, sizeof t);
    /* items outer, conditions inner: every condition sees the machine alike */
    for (int i = 0; i < items; i++) {
        for (int ci = 0; ci < NCOND; ci++) {
            const cond *cd = &CONDS[ci];
            tally *tl = &t[ci];
            item it;
            const char *exp;
            size_t el;
            int a_ok, b_ok, x1 = 0, x2 = 0;
            double t0, ta, tb, xa = 0, xb = 0;

            item_make(cd, ci, i, &it);
            exp = texts[it.kind][it.pres];
            el = lens[it.kind][it.pres];
            draw_scene(&base, &codes[it.kind][it.pres], it.module, it.x0, it.y0);
            item_frame(cd, &it, &base, 0, &fa);
            item_frame(cd, &it, &base, 1, &fb);
            if (dump_dir) {
                char path[512];
                snprintf(path, sizeof path, "%s/%02d-%03d.png", dump_dir, ci, i);
                (void)qrimg_png_write(path, fa.px, fa.w, fa.h, 1);
            }
            tl->n++;
            /* our default on a stream: frame 1 blurred, frame 2 raw */
            t0 = now_s(CLOCK_MONOTONIC);
            a_ok = zbar_ok(alt, &fa, exp, el);
            ta = now_s(CLOCK_MONOTONIC) - t0;
            t0 = now_s(CLOCK_MONOTONIC);
            b_ok = zbar_ok(alt, &fb, exp, el);
            tb = now_s(CLOCK_MONOTONIC) - t0;
            tl->ms_ours += (ta + tb) * 1000.0;
            tl->blur += a_ok;
            tl->raw += b_ok;
            tl->ours += a_ok || b_ok;
            tl->by_kind_ours[it.kind] += a_ok || b_ok;
            if (have_zx) {
                t0 = now_s(CLOCK_MONOTONIC);
                x1 = zxing_ok(&fa, exp, el);
                xa = now_s(CLOCK_MONOTONIC) - t0;
                t0 = now_s(CLOCK_MONOTONIC);
                x2 = zxing_ok(&fb, exp, el);
                xb = now_s(CLOCK_MONOTONIC) - t0;
                tl->ms_zx += (xa + xb) * 1000.0;
                tl->zx1 += x1;
                tl->zx2 += x1 || x2;
                tl->by_kind_zx[it.kind] += x1 || x2;
                /* hybrid: zxing-cpp only on frames ZBar found nothing in */
                tl->hybrid += a_ok || b_ok || x1 || x2;
                tl->ms_hybrid += (ta + tb + (a_ok ? 0 : xa) + (b_ok ? 0 : xb)) * 1000.0;
            }
            if (candidates) {
                upscale2(&fa, &big);
                tl->up2 += zbar_ok(plain, &big, exp, el);
                unsharp(&fa, &sharp);
                tl->unsharp += zbar_ok(plain, &sharp, exp, el);
            }
        }
    }
    printf("bench_decode part 2: degraded phone-screen corpus, %ux%u, %d items per condition "
           "(half V13, half V26 codes; positions, sizes and seeds varied)\n",
           CW, CH, items);
    printf("  every item = two consecutive frames of one scene (fresh noise); success = decoded "
           "bytes equal the presentation\n");
    printf("  ours = ZBar adapter, default config (prefilter 2 = alternate): frame 1 blurred "
           "('blur f1'), frame 2 raw ('raw f2'); either decodes\n");
    printf("  zx 1f = zxing-cpp on frame 1; zx 2f = either frame (the same chances as ours); "
           "better = max(ours, zx 2f)\n");
    printf("  hybrid = ours, and zxing-cpp on a frame only when ZBar found nothing in it "
           "(proposal, docs/benchmarks.md)\n");
    if (!have_zx)
        printf("  zxing-cpp NOT linked into this binary: its columns are empty "
               "(tools/bench-e2e.sh runs the comparison)\n");
    printf("\n  %-15s %3s %5s %5s %5s %5s %5s %6s %-7s %-9s %-9s %6s %s\n", "condition", "N",
           "blur", "raw", "ours", "zx1f", "zx2f", "better", "ours>=?", "ours13/26", "zx13/26",
           "hybrid", "ms/frame: ours zxing hybrid");
    for (int ci = 0; ci < NCOND; ci++) {
        const tally *tl = &t[ci];
        int better = tl->ours > tl->zx2 ? tl->ours : tl->zx2;
        int win = tl->ours >= better;
        double fr = 2.0 * (tl->n ? tl->n : 1);
        char k1[32], k2[32];
        snprintf(k1, sizeof k1, "%d/%d", tl->by_kind_ours[0], tl->by_kind_ours[1]);
        snprintf(k2, sizeof k2, "%d/%d", tl->by_kind_zx[0], tl->by_kind_zx[1]);
        if (have_zx) {
            lost += !win;
            lost_h += tl->hybrid < better;
            printf("  %-15s %3d %5d %5d %5d %5d %5d %6d %-7s %-9s %-9s %6d %10.1f %6.1f %6.1f\n",
                   CONDS[ci].name, tl->n, tl->blur, tl->raw, tl->ours, tl->zx1, tl->zx2, better,
                   win ? "yes" : "NO", k1, k2, tl->hybrid, tl->ms_ours / fr, tl->ms_zx / fr,
                   tl->ms_hybrid / fr);
        } else {
            printf("  %-15s %3d %5d %5d %5d %5s %5s %6s %-7s %-9s %-9s %6s %10.1f\n",
                   CONDS[ci].name, tl->n, tl->blur, tl->raw, tl->ours, "-", "-", "-", "-", k1,
                   "-", "-", tl->ms_ours / fr);
        }
    }
    if (have_zx) {
        printf("\n  ours >= better-of-two in %d of %d conditions", NCOND - lost, NCOND);
        printf("; hybrid >= better-of-two in %d of %d\n", NCOND - lost_h, NCOND);
    }
    if (candidates) {
        printf("\n  candidates, ZBar prefilter 0 on a transformed frame 1 (single frame):\n");
        printf("  %-15s %5s %5s %7s\n", "condition", "raw f2", "up2", "unsharp");
        for (int ci = 0; ci < NCOND; ci++)
            printf("  %-15s %5d %5d %7d\n", CONDS[ci].name, t[ci].raw, t[ci].up2,
                   t[ci].unsharp);
    }
    printf("\n");
    mid_decoder_destroy(alt);
    mid_decoder_destroy(plain);
    qrimg_luma_free(&base);
    qrimg_luma_free(&fa);
    qrimg_luma_free(&fb);
    qrimg_luma_free(&big);
    qrimg_luma_free(&sharp);
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
        part_time(rounds);
    if (do_corpus)
        part_corpus(items, candidates);
    else
        printf("bench_decode part 2 (degraded corpus, ZBar vs zxing-cpp): zxing-cpp is not "
               "linked into this binary; tools/bench-e2e.sh links it and runs "
               "`bench_decode --corpus`\n");
    for (int k = 0; k < 2; k++)
        for (int i = 0; i < NPRES; i++)
            qrimg_code_free(&codes[k][i]);
    return 0;
}
