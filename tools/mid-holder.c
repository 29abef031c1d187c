/* mid-holder — the holder's phone, simulated: a device key, presentations
 * of a credential as QR text or PNG, Y4M test videos of a phone screen
 * under camera-like degradations, and an SDL2 window that shows the basic
 * screen (QR renewed every 30 s, a countdown, and the scrolling
 * "capture prevention" line), and the same phone in front of a virtual
 * V4L2 camera in real time. See docs/man/mid-holder.1.
 *
 * The look is our own and neutral, marked DEMO: it must never pass for a
 * government or carrier app. Nothing personal is printed. */
#define SDL_MAIN_HANDLED
#include <SDL.h>
#include <SDL_ttf.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/videodev2.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "common/cli.h"
#include "common/issue.h"
#include "common/qrimage.h"
#include "mid/mid_camera.h"

#define PROG "mid-holder"
#define MAX_SEGMENTS 16
#define DEFAULT_MODULE_PX 6u
#define DEFAULT_REFRESH_S 30
#define MAX_VIDEO_FRAMES 200000u
#define MAX_FPS 120
#define TICKER_TEXT "캡처방지시스템이 적용중입니다"
#define FONT_NOTO "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
#define FONT_NOTO_FACE 1 /* "Noto Sans CJK KR" inside the collection */
#define FONT_NANUM "/usr/share/fonts/truetype/nanum/NanumGothic.ttf"

typedef struct holder {
    uint8_t cred[MID_MAX_PAYLOAD];
    size_t cred_len;
    mid_keypair key;
    cli_cred_info info;
} holder;

static void usage(FILE *f)
{
    fputs(
        "usage:\n"
        "  mid-holder keygen --out DEV.pem --pub DEV.pub.pem [--force]\n"
        "  mid-holder present --cred X.cred --key DEV.pem (--time T | --now)\n"
        "                  [--nonce HEX32] (--text | --png OUT.png [--module N])\n"
        "                  [--stats]\n"
        "  mid-holder video --cred X.cred --key DEV.pem [--cred ... --key ...]\n"
        "                  --start T --seconds S --out OUT.y4m [--fps F]\n"
        "                  [--size WxH] [--refresh S] [--module PX] [--seed N]\n"
        "                  [--blank-lead S] [--gap S] [--blur SIGMA]\n"
        "                  [--noise SIGMA] [--contrast K] [--moire]\n"
        "                  [--perspective K] [--glare] [--second-code]\n"
        "                  [--foreign-key]\n"
        "  mid-holder camera --cred X.cred --key DEV.pem (--device /dev/videoN |\n"
        "                  --out RAW.yuv)\n"
        "                  [--fps F] [--size WxH] [--refresh S] [--module PX]\n"
        "                  [--frames N] [--hidden]   (SIGUSR1: into view)\n"
        "  mid-holder window --cred X.cred --key DEV.pem [--time T]\n"
        "                  [--refresh S] [--frames N] [--screenshot F.png]\n"
        "                  [--size WxH] [--font PATH]\n"
        "T: Unix seconds, YYYY-MM-DD (KST) or YYYY-MM-DDTHH:MM:SS+09:00.\n"
        "See mid-holder(1).\n",
        f);
}

static int bad_usage(const char *why)
{
    return cli_usage_error(PROG, usage, why);
}

/* --foreign-key: sign with a key the credential does not name, to make a
 * forged presentation on purpose (tests of DEVICE_SIGNATURE). */
static int g_foreign_key;

/* Loads a credential and the device key, and refuses a key that is not
 * the one the credential was issued to (the verifier would say "forged"). */
static mid_err holder_load(holder *h, const char *cred_path,
                           const char *key_path)
{
    mid_err err;

    memset(h, 0, sizeof *h);
    if ((err = mid_file_read(cred_path, h->cred, sizeof h->cred,
                             &h->cred_len)) != MID_OK) {
        cli_error(PROG, err, "cannot read credential %s", cred_path);
        return err;
    }
    if ((err = cli_cred_describe(h->cred, h->cred_len, &h->info)) != MID_OK) {
        cli_error(PROG, err, "%s is not a credential", cred_path);
        return err;
    }
    if ((err = mid_keypair_load_pem(key_path, &h->key)) != MID_OK) {
        cli_error(PROG, err, "cannot load device key %s", key_path);
        return err;
    }
    if (!g_foreign_key && memcmp(h->key.pub + 1, h->info.device_x, MID_P256_COORD_LEN) != 0) {
        cli_error(PROG, MID_ERR_KEY_FORMAT,
                  "%s is not the device key %s was issued to", key_path,
                  cred_path);
        return MID_ERR_KEY_FORMAT;
    }
    return MID_OK;
}

static void holder_wipe(holder *h)
{
    mid_wipe(h, sizeof *h);
}

/* Presentation for iat and nonce as "MID1:..." text. */
static mid_err holder_text(const holder *h, int64_t iat,
                           const uint8_t nonce[MID_NONCE_LEN], char *text,
                           size_t cap, size_t *text_len, size_t *cbor_len)
{
    uint8_t pres[MID_MAX_PAYLOAD];
    size_t plen = 0;
    mid_err err = mid_presentation_encode(h->cred, h->cred_len, iat, nonce,
                                          &h->key, pres, sizeof pres, &plen);
    if (!err)
        err = mid_qr_text(pres, plen, text, cap, text_len);
    if (!err && *text_len < cap)
        text[*text_len] = '\0';
    if (!err && cbor_len)
        *cbor_len = plen;
    mid_wipe(pres, sizeof pres);
    return err;
}

/* ---- keygen ---- */

static int cmd_keygen(int argc, char **argv)
{
    return cli_keygen(PROG, usage, argc, argv, 1);
}

/* ---- present ---- */

static int cmd_present(int argc, char **argv)
{
    const char *cred = NULL, *key = NULL, *time_s = NULL, *nonce_s = NULL;
    const char *png = NULL, *module_s = NULL;
    int text = 0, now = 0, stats = 0, r, rc = 2;
    int64_t iat = 0, module = DEFAULT_MODULE_PX;
    uint8_t nonce[MID_NONCE_LEN];
    static char qr[MID_MAX_QR_TEXT + 64];
    static holder h;
    size_t qlen = 0, clen = 0, got;
    qrimg_code code = {0, 0, NULL};
    qrimg_luma img = {0, 0, NULL};
    mid_err err;
    const cli_optdef opts[] = {{"--cred", &cred, NULL},
                               {"--key", &key, NULL},
                               {"--time", &time_s, NULL},
                               {"--nonce", &nonce_s, NULL},
                               {"--png", &png, NULL},
                               {"--module", &module_s, NULL},
                               {"--text", NULL, &text},
                               {"--now", NULL, &now},
                               {"--stats", NULL, &stats},
                               {NULL, NULL, NULL}};

    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return bad_usage("present: unknown argument");
    }
    if (!cred || !key)
        return bad_usage("present: --cred and --key are required");
    if (!!time_s + now != 1)
        return bad_usage("present: give exactly one of --time T and --now");
    if (!text && !png && !stats)
        return bad_usage("present: give --text, --png OUT.png or --stats");
    if (time_s && cli_parse_time(time_s, &iat))
        return bad_usage("present: bad --time");
    if (now)
        iat = (int64_t)time(NULL);
    if (module_s && cli_parse_i64(module_s, 1, 64, &module))
        return bad_usage("present: bad --module (1 to 64)");
    if (nonce_s) {
        if (strlen(nonce_s) != 2u * MID_NONCE_LEN ||
            cli_hex_decode(nonce_s, strlen(nonce_s), nonce, sizeof nonce, &got))
            return bad_usage("present: --nonce takes 32 hex digits");
    } else if ((err = mid_crypto_random(nonce, sizeof nonce)) != MID_OK) {
        cli_error(PROG, err, "no random nonce");
        return 2;
    }
    if (holder_load(&h, cred, key) != MID_OK)
        goto done;
    if ((err = holder_text(&h, iat, nonce, qr, sizeof qr, &qlen, &clen)) != MID_OK) {
        cli_error(PROG, err, "presentation not made");
        goto done;
    }
    if (png || stats) {
        if ((err = qrimg_encode(qr, qlen, &code)) != MID_OK) {
            cli_error(PROG, err, "QR encoding failed");
            goto done;
        }
    }
    if (stats)
        fprintf(stderr,
                "presentation: %zu CBOR bytes, %zu QR characters, QR version "
                "%d-M (%d modules)\n",
                clen, qlen, code.version, code.width);
    if (text)
        printf("%s\n", qr);
    if (png) {
        if ((err = qrimg_render(&code, (unsigned)module, &img)) != MID_OK ||
            (err = qrimg_png_write(png, img.px, img.w, img.h, 1)) != MID_OK) {
            cli_error(PROG, err, "cannot write %s", png);
            goto done;
        }
    }
    rc = 0;
done:
    if (fflush(stdout) != 0)
        rc = 2;
    qrimg_code_free(&code);
    qrimg_luma_free(&img);
    mid_wipe(qr, sizeof qr);
    holder_wipe(&h);
    return rc;
}

/* ---- video ---- */

typedef struct video_opts {
    uint32_t w, h;
    int64_t fps;
    int64_t start;
    double seconds, refresh, blank_lead, gap;
    double module; /* 0: fit to the frame */
    double blur, noise, contrast, perspective;
    int moire, glare, second_code;
    uint64_t seed;
} video_opts;

/* The options video and camera share (--fps, --size, --refresh,
 * --module): 0 when argv[*i] is none of them, 1 when taken, -1 after a usage
 * error was printed. */
static int scene_opt(int argc, char **argv, int *i, const char *cmd,
                     video_opts *o)
{
    const char *v = NULL;
    char why[96];
    int r;

    if ((r = cli_opt(argc, argv, i, "--fps", &v)) != 0) {
        if (r > 0 && !cli_parse_i64(v, 1, MAX_FPS, &o->fps))
            return 1;
        snprintf(why, sizeof why, "%s: bad --fps (1 to 120)", cmd);
    } else if ((r = cli_opt(argc, argv, i, "--size", &v)) != 0) {
        if (r > 0 && !cli_parse_size(v, MID_CAMERA_MAX_W, MID_CAMERA_MAX_H, &o->w, &o->h) &&
            o->w % 2u == 0 && o->h % 2u == 0 && o->w >= 64 && o->h >= 64)
            return 1;
        snprintf(why, sizeof why, "%s: bad --size (even, 64x64 to 1920x1080)", cmd);
    } else if ((r = cli_opt(argc, argv, i, "--refresh", &v)) != 0) {
        if (r > 0 && !cli_parse_double(v, 1, 3600, &o->refresh))
            return 1;
        snprintf(why, sizeof why, "%s: bad --refresh", cmd);
    } else if ((r = cli_opt(argc, argv, i, "--module", &v)) != 0) {
        if (r > 0 && !cli_parse_double(v, 1, 64, &o->module))
            return 1;
        snprintf(why, sizeof why, "%s: bad --module (1 to 64 px)", cmd);
    } else {
        return 0;
    }
    (void)bad_usage(why);
    return -1;
}

/* A pseudo-text band: word-like dark blocks scrolling left, standing in
 * for the rendered "capture prevention" line (no font rendering here). */
static void draw_ticker(qrimg_luma *f, int x, int y, int w, int h, double t)
{
    int shift = (int)(t * 40.0); /* pixels per second */
    qrimg_fill_rect(f, x, y, w, h, 0, 225);
    for (int px = 0; px < w; px++) {
        int u = px + shift;
        int word = u / 64, in = u % 64;
        /* each 64-px cell holds a word of 3 to 6 glyph blocks */
        uint32_t hsh = (uint32_t)word * 2654435761u;
        int glyphs = 3 + (int)(hsh >> 29) % 4;
        int gw = 9, g = in / gw;
        if (g >= glyphs || in % gw >= 7)
            continue;
        {
            int top = y + h / 4 + (int)((hsh >> (g * 3)) & 1u);
            int bot = y + h - h / 4;
            for (int yy = top; yy < bot; yy++) {
                if (yy >= 0 && yy < (int)f->h && x + px >= 0 &&
                    x + px < (int)f->w)
                    f->px[(size_t)yy * f->w + (size_t)(x + px)] = 70;
            }
        }
    }
}

static void draw_background(qrimg_luma *f)
{
    /* a desk under a lamp: a soft vertical gradient */
    for (uint32_t y = 0; y < f->h; y++) {
        uint8_t v = (uint8_t)(110 - (40 * y) / f->h);
        memset(f->px + (size_t)y * f->w, v, f->w);
    }
}

typedef struct scene {
    double module, qr_side, qx, qy;
    int phone_x, phone_y, phone_w, phone_h;
    int scr_x, scr_y, scr_w, scr_h;
} scene;

static mid_err layout(const video_opts *o, const qrimg_code *code, scene *s)
{
    double modules = (double)(code->width + 2 * (int)QRIMG_QUIET);
    double short_side = o->w < o->h ? o->w : o->h;

    s->module = o->module > 0 ? o->module : floor(short_side * 0.66 / modules * 4.0) / 4.0;
    if (s->module < 1.0)
        return MID_ERR_TOO_LARGE;
    s->qr_side = modules * s->module;
    if (s->qr_side > short_side)
        return MID_ERR_TOO_LARGE;
    s->qx = ((double)o->w - s->qr_side) / 2.0;
    s->qy = ((double)o->h - s->qr_side) / 2.0 + s->qr_side * 0.06;
    s->scr_w = (int)(s->qr_side / 0.86);
    s->scr_h = s->scr_w * 2;
    s->scr_x = (int)(o->w / 2) - s->scr_w / 2;
    s->scr_y = (int)(s->qy + s->qr_side / 2.0) - s->scr_h / 2;
    s->phone_w = s->scr_w + s->scr_w / 10;
    s->phone_h = s->scr_h + s->scr_w / 3;
    s->phone_x = (int)(o->w / 2) - s->phone_w / 2;
    s->phone_y = s->scr_y - s->scr_w / 6;
    return MID_OK;
}

static void draw_phone(qrimg_luma *f, const scene *s, const qrimg_code *code,
                       double t_in_code, double refresh, double t_video)
{
    int band_h = (int)(s->qr_side * 0.07) + 4;
    int band_y = (int)s->qy - band_h - (int)(s->qr_side * 0.06);
    int bar_y = (int)(s->qy + s->qr_side) + (int)(s->qr_side * 0.05);
    int bar_w = (int)s->qr_side;
    double left = 1.0 - t_in_code / refresh;

    qrimg_fill_rect(f, s->phone_x, s->phone_y, s->phone_w, s->phone_h,
                    s->phone_w / 9, 22);
    qrimg_fill_rect(f, s->scr_x, s->scr_y, s->scr_w, s->scr_h, s->scr_w / 30,
                    246);
    /* header strip of the screen (neutral, DEMO look) */
    qrimg_fill_rect(f, s->scr_x, band_y - band_h * 3, s->scr_w, band_h * 2, 0,
                    205);
    draw_ticker(f, s->scr_x, band_y, s->scr_w, band_h, t_video);
    qrimg_draw(f, code, s->qx, s->qy, s->module, 0, 250);
    /* countdown bar until the code renews */
    if (left < 0)
        left = 0;
    qrimg_fill_rect(f, (int)s->qx, bar_y, bar_w, 6, 3, 215);
    qrimg_fill_rect(f, (int)s->qx, bar_y, (int)(bar_w * left), 6, 3, 120);
}

static void degrade(qrimg_luma *f, const video_opts *o, double t,
                    qrimg_rng *rng)
{
    if (o->perspective != 0.0)
        (void)qrimg_perspective(f, o->perspective, 60);
    if (o->glare) {
        double cx = f->w * (0.45 + 0.2 * sin(t * 0.7));
        double cy = f->h * (0.40 + 0.1 * cos(t * 0.5));
        qrimg_glare(f, cx, cy, f->w * 0.10, f->h * 0.07, 150.0);
    }
    if (o->moire)
        qrimg_moire(f, 28.0, 3.3, 0.12, t * 3.0);
    if (o->blur > 0.0)
        (void)qrimg_blur(f, o->blur);
    if (o->contrast != 1.0)
        qrimg_contrast(f, o->contrast);
    if (o->noise > 0.0)
        qrimg_noise(f, o->noise, rng);
}

static int cmd_video(int argc, char **argv)
{
    const char *creds[MAX_SEGMENTS], *keys[MAX_SEGMENTS];
    size_t ncred = 0, nkey = 0;
    const char *out = NULL, *v = NULL;
    video_opts o;
    static holder h;
    static char qr[MID_MAX_QR_TEXT + 64];
    qrimg_code code = {0, 0, NULL}, extra = {0, 0, NULL};
    qrimg_luma frame = {0, 0, NULL};
    qrimg_y4m y4m;
    qrimg_rng rng, nonce_rng;
    int have_start = 0, have_seconds = 0, rc = 2, y4m_open = 0, r;
    uint64_t total_frames, fi = 0;
    mid_err err = MID_OK;

    memset(&o, 0, sizeof o);
    memset(&y4m, 0, sizeof y4m);
    o.w = 640;
    o.h = 480;
    o.fps = 15;
    o.refresh = DEFAULT_REFRESH_S;
    o.contrast = 1.0;
    o.gap = 1.0;
    o.seed = 1;
    for (int i = 0; i < argc; i++) {
        if ((r = cli_opt(argc, argv, &i, "--cred", &v)) != 0) {
            if (r < 0)
                return 2;
            if (ncred == MAX_SEGMENTS)
                return bad_usage("video: at most 16 --cred");
            creds[ncred++] = v;
        } else if ((r = cli_opt(argc, argv, &i, "--key", &v)) != 0) {
            if (r < 0)
                return 2;
            if (nkey == MAX_SEGMENTS)
                return bad_usage("video: at most 16 --key");
            keys[nkey++] = v;
        } else if ((r = cli_opt(argc, argv, &i, "--out", &out)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt(argc, argv, &i, "--start", &v)) != 0) {
            if (r < 0 || cli_parse_time(v, &o.start))
                return bad_usage("video: bad --start");
            have_start = 1;
        } else if ((r = cli_opt(argc, argv, &i, "--seconds", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0.1, 3600, &o.seconds))
                return bad_usage("video: bad --seconds (0.1 to 3600)");
            have_seconds = 1;
        } else if ((r = scene_opt(argc, argv, &i, "video", &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt(argc, argv, &i, "--blank-lead", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0, 600, &o.blank_lead))
                return bad_usage("video: bad --blank-lead");
        } else if ((r = cli_opt(argc, argv, &i, "--gap", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0, 600, &o.gap))
                return bad_usage("video: bad --gap");
        } else if ((r = cli_opt(argc, argv, &i, "--blur", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0, 20, &o.blur))
                return bad_usage("video: bad --blur (0 to 20)");
        } else if ((r = cli_opt(argc, argv, &i, "--noise", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0, 128, &o.noise))
                return bad_usage("video: bad --noise (0 to 128)");
        } else if ((r = cli_opt(argc, argv, &i, "--contrast", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 0.01, 4, &o.contrast))
                return bad_usage("video: bad --contrast (0.01 to 4)");
        } else if ((r = cli_opt(argc, argv, &i, "--perspective", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, -0.8, 0.8, &o.perspective))
                return bad_usage("video: bad --perspective (-0.8 to 0.8)");
        } else if ((r = cli_opt(argc, argv, &i, "--seed", &v)) != 0) {
            if (r < 0 || cli_parse_u64(v, UINT64_MAX, &o.seed))
                return bad_usage("video: bad --seed");
        } else if (cli_flag(argv[i], "--moire")) {
            o.moire = 1;
        } else if (cli_flag(argv[i], "--glare")) {
            o.glare = 1;
        } else if (cli_flag(argv[i], "--second-code")) {
            o.second_code = 1;
        } else if (cli_flag(argv[i], "--foreign-key")) {
            g_foreign_key = 1;
        } else {
            return bad_usage("video: unknown argument");
        }
    }
    if (ncred == 0 || ncred != nkey)
        return bad_usage("video: give --cred and --key in pairs");
    if (!out || !have_start || !have_seconds)
        return bad_usage("video: --start, --seconds and --out are required");
    {
        /* frames are counted per segment so each one lasts exactly
         * seconds*fps frames */
        double per = (o.blank_lead + o.seconds) * (double)o.fps;
        double total = per * (double)ncred + o.gap * (double)o.fps * (double)(ncred - 1);
        if (total > MAX_VIDEO_FRAMES)
            return bad_usage("video: more than 200000 frames");
        total_frames = (uint64_t)llround(total);
    }
    qrimg_rng_seed(&rng, o.seed);
    qrimg_rng_seed(&nonce_rng, o.seed ^ 0x6E6F6E6365ull);
    if (o.second_code &&
        (err = qrimg_encode("DEMO-COUPON-0042", 16, &extra)) != MID_OK)
        goto fail;
    if ((err = qrimg_luma_alloc(&frame, o.w, o.h, 0)) != MID_OK)
        goto fail;
    if ((err = qrimg_y4m_open(&y4m, out, o.w, o.h, (unsigned)o.fps)) != MID_OK)
        goto fail;
    y4m_open = 1;
    for (size_t seg = 0; seg < ncred; seg++) {
        uint64_t lead = (uint64_t)llround(o.blank_lead * (double)o.fps);
        uint64_t shown = (uint64_t)llround(o.seconds * (double)o.fps);
        uint64_t gap = seg + 1 < ncred ? (uint64_t)llround(o.gap * (double)o.fps) : 0;
        uint64_t refresh_frames = (uint64_t)llround(o.refresh * (double)o.fps);
        uint64_t code_frame = 0;
        scene sc;

        memset(&sc, 0, sizeof sc);
        if (refresh_frames == 0)
            refresh_frames = 1;
        if (holder_load(&h, creds[seg], keys[seg]) != MID_OK)
            goto done;
        for (uint64_t k = 0; k < lead + shown + gap; k++, fi++) {
            double t = (double)fi / (double)o.fps;
            draw_background(&frame);
            if (k >= lead && k < lead + shown) {
                uint64_t ks = k - lead;
                if (ks % refresh_frames == 0) {
                    uint8_t nonce[MID_NONCE_LEN];
                    size_t qlen;
                    for (size_t b = 0; b < sizeof nonce; b++)
                        nonce[b] = (uint8_t)qrimg_rng_next(&nonce_rng);
                    /* iat = start + video time, whole seconds */
                    err = holder_text(&h, o.start + (int64_t)floor(t), nonce,
                                      qr, sizeof qr, &qlen, NULL);
                    qrimg_code_free(&code);
                    if (!err)
                        err = qrimg_encode(qr, qlen, &code);
                    if (!err)
                        err = layout(&o, &code, &sc);
                    if (err == MID_ERR_TOO_LARGE)
                        cli_error(PROG, err, "the QR code (%d modules) does not "
                                             "fit a %ux%u frame; use a larger --size",
                                  code.width, (unsigned)o.w, (unsigned)o.h);
                    if (err)
                        goto fail;
                    code_frame = ks;
                }
                draw_phone(&frame, &sc, &code,
                           (double)(ks - code_frame) / (double)o.fps, o.refresh, t);
            }
            if (o.second_code) {
                double m = 3.0, side = qrimg_side(&extra, m);
                int cx = (int)(o.w - side) - 6, cy = (int)(o.h - side) - 6;
                qrimg_fill_rect(&frame, cx - 4, cy - 4, (int)side + 8,
                                (int)side + 8, 4, 235);
                qrimg_draw(&frame, &extra, cx, cy, m, 10, 240);
            }
            degrade(&frame, &o, t, &rng);
            if ((err = qrimg_y4m_write(&y4m, &frame)) != MID_OK)
                goto fail;
        }
        holder_wipe(&h);
    }
    if (fi != total_frames) {
        err = MID_ERR_ARG; /* rounding disagreement: a bug, not input */
        goto fail;
    }
    y4m_open = 0;
    if ((err = qrimg_y4m_close(&y4m, 1)) != MID_OK)
        goto fail;
    printf("%s: %llu frames %ux%u at %lld fps\n", out, (unsigned long long)fi,
           (unsigned)o.w, (unsigned)o.h, (long long)o.fps);
    rc = 0;
    goto done;
fail:
    cli_error(PROG, err, "video not written");
done:
    if (y4m_open)
        (void)qrimg_y4m_close(&y4m, 0);
    qrimg_code_free(&code);
    qrimg_code_free(&extra);
    qrimg_luma_free(&frame);
    mid_wipe(qr, sizeof qr);
    holder_wipe(&h);
    return rc;
}

/* ---- camera ---- */

/* `mid-holder camera`: the phone held up to a camera that is really a V4L2
 * output device (v4l2loopback), in real time, so the kiosk's own V4L2 path
 * can be driven end to end (the QEMU image test does this inside the
 * guest). Presentations are signed with the current time, renewed every
 * --refresh seconds, as the phone does. With --hidden the phone stays out of
 * view until SIGUSR1 (SIGUSR2 takes it away again): a test can bring it into
 * view when the kiosk is scanning, and measure from that frame. --out
 * writes the same raw YU12 frames to a file instead (for tests). */

#define CAMERA_DEFAULT_FPS 15

static volatile sig_atomic_t g_cam_stop, g_cam_view = -1;

static void cam_signal(int sig)
{
    if (sig == SIGUSR1)
        g_cam_view = 1;
    else if (sig == SIGUSR2)
        g_cam_view = 0;
    else
        g_cam_stop = 1;
}

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Declares YU12 frames of w x h on a V4L2 output device. */
static int cam_set_format(int fd, const char *dev, uint32_t w, uint32_t h,
                          int64_t fps)
{
    struct v4l2_format fmt;
    struct v4l2_streamparm parm;

    memset(&fmt, 0, sizeof fmt);
    fmt.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    fmt.fmt.pix.width = w;
    fmt.fmt.pix.height = h;
    fmt.fmt.pix.pixelformat = V4L2_PIX_FMT_YUV420;
    fmt.fmt.pix.field = V4L2_FIELD_NONE;
    fmt.fmt.pix.bytesperline = w;
    fmt.fmt.pix.sizeimage = w * h * 3u / 2u;
    fmt.fmt.pix.colorspace = V4L2_COLORSPACE_SRGB;
    if (ioctl(fd, VIDIOC_S_FMT, &fmt) != 0) {
        fprintf(stderr, "%s: %s: VIDIOC_S_FMT (output, YU12 %ux%u): %s\n",
                PROG, dev, (unsigned)w, (unsigned)h, strerror(errno));
        return -1;
    }
    if (fmt.fmt.pix.width != w || fmt.fmt.pix.height != h ||
        fmt.fmt.pix.pixelformat != V4L2_PIX_FMT_YUV420) {
        fprintf(stderr, "%s: %s: the device will not take YU12 %ux%u\n", PROG,
                dev, (unsigned)w, (unsigned)h);
        return -1;
    }
    memset(&parm, 0, sizeof parm);
    parm.type = V4L2_BUF_TYPE_VIDEO_OUTPUT;
    parm.parm.output.timeperframe.numerator = 1;
    parm.parm.output.timeperframe.denominator = (uint32_t)fps;
    (void)ioctl(fd, VIDIOC_S_PARM, &parm); /* a hint; the pacing is ours */
    return 0;
}

static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return -1;
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

static int cmd_camera(int argc, char **argv)
{
    const char *cred = NULL, *key = NULL, *dev = NULL, *out = NULL, *v = NULL;
    video_opts o;
    static holder h;
    static char qr[MID_MAX_QR_TEXT + 64];
    qrimg_code code = {0, 0, NULL};
    qrimg_luma frame = {0, 0, NULL};
    qrimg_rng nonce_rng;
    scene sc;
    uint8_t *yuv = NULL;
    size_t yuv_len;
    uint64_t max_frames = 0, n = 0;
    int fd = -1, rc = 2, r, hidden = 0, in_view, announced = 0;
    double code_t = 0, next_t, period;
    struct stat st;
    struct sigaction sa;
    mid_err err = MID_OK;

    memset(&o, 0, sizeof o);
    memset(&sc, 0, sizeof sc);
    o.w = 640;
    o.h = 480;
    o.fps = CAMERA_DEFAULT_FPS;
    o.refresh = DEFAULT_REFRESH_S;
    for (int i = 0; i < argc; i++) {
        if ((r = cli_opt(argc, argv, &i, "--cred", &cred)) != 0 ||
            (r = cli_opt(argc, argv, &i, "--key", &key)) != 0 ||
            (r = cli_opt(argc, argv, &i, "--device", &dev)) != 0 ||
            (r = cli_opt(argc, argv, &i, "--out", &out)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = scene_opt(argc, argv, &i, "camera", &o)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt(argc, argv, &i, "--frames", &v)) != 0) {
            if (r < 0 || cli_parse_u64(v, UINT64_MAX, &max_frames))
                return bad_usage("camera: bad --frames");
        } else if (cli_flag(argv[i], "--hidden")) {
            hidden = 1;
        } else {
            return bad_usage("camera: unknown argument");
        }
    }
    if (!cred || !key || !dev == !out)
        return bad_usage("camera: --cred, --key and one of --device or --out are required");
    if (holder_load(&h, cred, key) != MID_OK)
        goto done;
    /* never O_CREAT on --device: a missing /dev node must not become a file */
    fd = dev ? open(dev, O_WRONLY | O_CLOEXEC)
             : open(out, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) {
        fprintf(stderr, "%s: cannot open %s: %s\n", PROG, dev ? dev : out, strerror(errno));
        goto done;
    }
    if (dev) {
        if (fstat(fd, &st) != 0 || !S_ISCHR(st.st_mode)) {
            fprintf(stderr, "%s: %s is not a video device\n", PROG, dev);
            goto done;
        }
        if (cam_set_format(fd, dev, o.w, o.h, o.fps) != 0)
            goto done;
    } else {
        dev = out;
    }
    yuv_len = (size_t)o.w * o.h * 3u / 2u;
    yuv = malloc(yuv_len);
    if (!yuv || (err = qrimg_luma_alloc(&frame, o.w, o.h, 0)) != MID_OK) {
        err = MID_ERR_NOMEM;
        goto fail;
    }
    /* no colour: the chroma planes stay neutral */
    memset(yuv + (size_t)o.w * o.h, 128, yuv_len - (size_t)o.w * o.h);
    qrimg_rng_seed(&nonce_rng, (uint64_t)clock_s(CLOCK_REALTIME) ^
                                   ((uint64_t)getpid() << 32));
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = cam_signal;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGUSR1, &sa, NULL);
    sigaction(SIGUSR2, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGINT, &sa, NULL);
    in_view = !hidden;
    period = 1.0 / (double)o.fps;
    next_t = clock_s(CLOCK_MONOTONIC);
    while (!g_cam_stop && (max_frames == 0 || n < max_frames)) {
        double now = clock_s(CLOCK_MONOTONIC);
        int show = g_cam_view >= 0 ? (int)g_cam_view : in_view;
        int fresh = show && (!in_view || code.dark == NULL ||
                             now - code_t >= o.refresh);

        in_view = show;
        if (fresh) {
            uint8_t nonce[MID_NONCE_LEN];
            size_t qlen;
            int64_t iat = (int64_t)floor(clock_s(CLOCK_REALTIME));
            for (size_t b = 0; b < sizeof nonce; b++)
                nonce[b] = (uint8_t)qrimg_rng_next(&nonce_rng);
            err = holder_text(&h, iat, nonce, qr, sizeof qr, &qlen, NULL);
            qrimg_code_free(&code);
            if (!err)
                err = qrimg_encode(qr, qlen, &code);
            if (!err)
                err = layout(&o, &code, &sc);
            mid_wipe(qr, sizeof qr);
            if (err)
                goto fail;
            code_t = now;
        }
        draw_background(&frame);
        if (in_view)
            draw_phone(&frame, &sc, &code, now - code_t, o.refresh, now);
        memcpy(yuv, frame.px, (size_t)o.w * o.h);
        if (write_all(fd, yuv, yuv_len) != 0) {
            fprintf(stderr, "%s: %s: write: %s\n", PROG, dev, strerror(errno));
            goto done;
        }
        n++;
        /* markers on stdout, line by line: uptime is CLOCK_BOOTTIME, the
         * clock of /proc/uptime and of the kernel's and journal's stamps */
        if (!announced) {
            printf("camera: streaming %ux%u YU12 at %lld fps to %s\n",
                   (unsigned)o.w, (unsigned)o.h, (long long)o.fps, dev);
            announced = 1;
        }
        if (fresh)
            printf("camera: code in view uptime=%.3f\n", clock_s(CLOCK_BOOTTIME));
        fflush(stdout);
        /* absolute deadlines; after a stall, start again from now rather
         * than bursting the missed frames */
        next_t += period;
        now = clock_s(CLOCK_MONOTONIC);
        if (next_t < now - period)
            next_t = now;
        if (next_t > now) {
            struct timespec ts;
            ts.tv_sec = (time_t)next_t;
            ts.tv_nsec = (long)((next_t - (double)ts.tv_sec) * 1e9);
            while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR &&
                   !g_cam_stop)
                ;
        }
    }
    printf("camera: stopped after %llu frames\n", (unsigned long long)n);
    rc = 0;
    goto done;
fail:
    cli_error(PROG, err, "camera stopped");
done:
    if (fd >= 0)
        close(fd);
    free(yuv);
    qrimg_code_free(&code);
    qrimg_luma_free(&frame);
    mid_wipe(qr, sizeof qr);
    holder_wipe(&h);
    return rc;
}

/* ---- window ---- */

typedef struct win {
    SDL_Window *w;
    SDL_Renderer *r;
    TTF_Font *font, *small;
    SDL_Texture *qr_tex, *ticker;
    int qr_modules;
    int ticker_w, ticker_h;
    int width, height;
} win;

static TTF_Font *open_font(const char *path, int px)
{
    TTF_Font *f;
    if (path)
        return TTF_OpenFont(path, px);
    f = TTF_OpenFontIndex(FONT_NOTO, px, FONT_NOTO_FACE);
    if (!f)
        f = TTF_OpenFont(FONT_NANUM, px);
    return f;
}

static SDL_Texture *text_tex(win *w, TTF_Font *f, const char *s, SDL_Color c,
                             int *tw, int *th)
{
    SDL_Surface *surf = TTF_RenderUTF8_Blended(f, s, c);
    SDL_Texture *t;
    if (!surf)
        return NULL;
    t = SDL_CreateTextureFromSurface(w->r, surf);
    if (tw)
        *tw = surf->w;
    if (th)
        *th = surf->h;
    SDL_FreeSurface(surf);
    return t;
}

static void draw_text(win *w, TTF_Font *f, const char *s, SDL_Color c, int x,
                      int y, int centre)
{
    int tw = 0, th = 0;
    SDL_Texture *t = text_tex(w, f, s, c, &tw, &th);
    SDL_Rect dst;
    if (!t)
        return;
    dst.x = centre ? x - tw / 2 : x;
    dst.y = y;
    dst.w = tw;
    dst.h = th;
    SDL_RenderCopy(w->r, t, NULL, &dst);
    SDL_DestroyTexture(t);
}

static mid_err win_set_qr(win *w, const char *text, size_t len)
{
    qrimg_code code;
    int side;
    uint32_t *px;
    mid_err err = qrimg_encode(text, len, &code);

    if (err)
        return err;
    side = code.width + 2 * (int)QRIMG_QUIET;
    px = malloc(sizeof *px * (size_t)side * (size_t)side);
    if (!px) {
        qrimg_code_free(&code);
        return MID_ERR_NOMEM;
    }
    for (int y = 0; y < side; y++) {
        for (int x = 0; x < side; x++) {
            int mx = x - (int)QRIMG_QUIET, my = y - (int)QRIMG_QUIET;
            int dark = mx >= 0 && my >= 0 && mx < code.width && my < code.width &&
                       code.dark[(size_t)my * (size_t)code.width + (size_t)mx];
            px[(size_t)y * (size_t)side + (size_t)x] = dark ? 0xFF000000u : 0xFFFFFFFFu;
        }
    }
    if (w->qr_tex)
        SDL_DestroyTexture(w->qr_tex);
    SDL_SetHint(SDL_HINT_RENDER_SCALE_QUALITY, "0"); /* crisp modules */
    w->qr_tex = SDL_CreateTexture(w->r, SDL_PIXELFORMAT_ARGB8888,
                                  SDL_TEXTUREACCESS_STATIC, side, side);
    if (w->qr_tex)
        SDL_UpdateTexture(w->qr_tex, NULL, px, side * 4);
    w->qr_modules = side;
    free(px);
    qrimg_code_free(&code);
    return w->qr_tex ? MID_OK : MID_ERR_NOMEM;
}

static void win_draw(win *w, const holder *h, double t_code, double refresh,
                     double t)
{
    SDL_Color ink = {30, 34, 40, 255}, muted = {110, 116, 124, 255};
    SDL_Color white = {255, 255, 255, 255};
    SDL_Rect r;
    char line[96];
    int qside, qx, qy, left = (int)ceil(refresh - t_code);

    if (left < 0)
        left = 0;
    SDL_SetRenderDrawColor(w->r, 243, 244, 246, 255);
    SDL_RenderClear(w->r);
    /* header: neutral slate, clearly a demo */
    r.x = 0;
    r.y = 0;
    r.w = w->width;
    r.h = 64;
    SDL_SetRenderDrawColor(w->r, 52, 64, 84, 255);
    SDL_RenderFillRect(w->r, &r);
    draw_text(w, w->font, "모바일 신분증 데모", white, 20, 14, 0);
    draw_text(w, w->small, "DEMO · 시험용", white, w->width - 20 - 90, 24, 0);
    /* card title */
    draw_text(w, w->font,
              h->info.doctype == MID_DOC_DRIVER_LICENCE ? "운전면허증 (시험용)"
                                                        : "주민등록증 (시험용)",
              ink, w->width / 2, 84, 1);
    /* the QR */
    qside = w->width - 80;
    if (qside > w->height - 300)
        qside = w->height - 300;
    if (w->qr_modules > 0 && qside >= w->qr_modules)
        qside -= qside % w->qr_modules; /* whole pixels per module */
    else if (w->qr_modules > 0)
        qside = w->qr_modules;
    qx = (w->width - qside) / 2;
    qy = 130;
    r.x = qx - 8;
    r.y = qy - 8;
    r.w = qside + 16;
    r.h = qside + 16;
    SDL_SetRenderDrawColor(w->r, 255, 255, 255, 255);
    SDL_RenderFillRect(w->r, &r);
    r.x = qx;
    r.y = qy;
    r.w = qside;
    r.h = qside;
    if (w->qr_tex)
        SDL_RenderCopy(w->r, w->qr_tex, NULL, &r);
    /* countdown */
    snprintf(line, sizeof line, "QR 유효시간 %d초", left);
    draw_text(w, w->font, line, ink, w->width / 2, qy + qside + 18, 1);
    r.x = qx;
    r.y = qy + qside + 56;
    r.w = qside;
    r.h = 6;
    SDL_SetRenderDrawColor(w->r, 214, 218, 224, 255);
    SDL_RenderFillRect(w->r, &r);
    r.w = (int)(qside * (1.0 - t_code / refresh));
    if (r.w < 0)
        r.w = 0;
    SDL_SetRenderDrawColor(w->r, 70, 110, 160, 255);
    SDL_RenderFillRect(w->r, &r);
    draw_text(w, w->small, "R: 새로고침   Esc: 닫기", muted, w->width / 2,
              qy + qside + 72, 1);
    /* the left-scrolling line, clipped to its band */
    r.x = 0;
    r.y = qy + qside + 112;
    if (r.y > w->height - 56)
        r.y = w->height - 56;
    r.w = w->width;
    r.h = 40;
    SDL_SetRenderDrawColor(w->r, 228, 231, 236, 255);
    SDL_RenderFillRect(w->r, &r);
    if (w->ticker) {
        int period = w->ticker_w + 80;
        int off = (int)fmod(t * 60.0, (double)period);
        SDL_Rect dst;
        SDL_RenderSetClipRect(w->r, &r);
        for (int x = w->width - off; x > -period; x -= period) {
            dst.x = x;
            dst.y = r.y + (r.h - w->ticker_h) / 2;
            dst.w = w->ticker_w;
            dst.h = w->ticker_h;
            SDL_RenderCopy(w->r, w->ticker, NULL, &dst);
        }
        for (int x = w->width - off + period; x < w->width; x += period) {
            dst.x = x;
            SDL_RenderCopy(w->r, w->ticker, NULL, &dst);
        }
        SDL_RenderSetClipRect(w->r, NULL);
    }
}

static mid_err win_screenshot(win *w, const char *path)
{
    int pw = 0, ph = 0;
    uint8_t *px;
    mid_err err;

    if (SDL_GetRendererOutputSize(w->r, &pw, &ph) != 0 || pw <= 0 || ph <= 0)
        return MID_ERR_IO;
    px = malloc((size_t)pw * (size_t)ph * 3u);
    if (!px)
        return MID_ERR_NOMEM;
    if (SDL_RenderReadPixels(w->r, NULL, SDL_PIXELFORMAT_RGB24, px, pw * 3) != 0) {
        free(px);
        return MID_ERR_IO;
    }
    err = qrimg_png_write(path, px, (uint32_t)pw, (uint32_t)ph, 3);
    free(px);
    return err;
}

static int cmd_window(int argc, char **argv)
{
    const char *cred = NULL, *key = NULL, *time_s = NULL, *shot = NULL;
    const char *font = NULL, *v = NULL;
    double refresh = DEFAULT_REFRESH_S;
    int64_t frames = 0, start = 0;
    uint32_t ww = 420, wh = 760;
    static holder h;
    static char qr[MID_MAX_QR_TEXT + 64];
    win w;
    int rc = 2, r, sdl_up = 0, ttf_up = 0;
    double code_t0 = 0;
    uint64_t n = 0;
    Uint64 t0;
    mid_err err;
    const cli_optdef opts[] = {{"--cred", &cred, NULL},
                               {"--key", &key, NULL},
                               {"--time", &time_s, NULL},
                               {"--screenshot", &shot, NULL},
                               {"--font", &font, NULL},
                               {NULL, NULL, NULL}};

    memset(&w, 0, sizeof w);
    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opt(argc, argv, &i, "--frames", &v)) != 0) {
            if (r < 0 || cli_parse_i64(v, 1, 100000000, &frames))
                return bad_usage("window: bad --frames");
        } else if ((r = cli_opt(argc, argv, &i, "--refresh", &v)) != 0) {
            if (r < 0 || cli_parse_double(v, 1, 3600, &refresh))
                return bad_usage("window: bad --refresh");
        } else if ((r = cli_opt(argc, argv, &i, "--size", &v)) != 0) {
            if (r < 0 || cli_parse_size(v, 4096, 4096, &ww, &wh) || ww < 240 ||
                wh < 420)
                return bad_usage("window: bad --size (at least 240x420)");
        } else {
            return bad_usage("window: unknown argument");
        }
    }
    if (!cred || !key)
        return bad_usage("window: --cred and --key are required");
    if (time_s && cli_parse_time(time_s, &start))
        return bad_usage("window: bad --time");
    if (holder_load(&h, cred, key) != MID_OK)
        goto done;
    if (SDL_Init(SDL_INIT_VIDEO) != 0) {
        fprintf(stderr, PROG ": SDL_Init: %s\n", SDL_GetError());
        goto done;
    }
    sdl_up = 1;
    if (TTF_Init() != 0) {
        fprintf(stderr, PROG ": TTF_Init: %s\n", TTF_GetError());
        goto done;
    }
    ttf_up = 1;
    w.width = (int)ww;
    w.height = (int)wh;
    w.w = SDL_CreateWindow("mid-holder (DEMO)", SDL_WINDOWPOS_CENTERED,
                           SDL_WINDOWPOS_CENTERED, w.width, w.height, 0);
    if (!w.w) {
        fprintf(stderr, PROG ": window: %s\n", SDL_GetError());
        goto done;
    }
    w.r = SDL_CreateRenderer(w.w, -1, SDL_RENDERER_ACCELERATED);
    if (!w.r)
        w.r = SDL_CreateRenderer(w.w, -1, SDL_RENDERER_SOFTWARE);
    if (!w.r) {
        fprintf(stderr, PROG ": renderer: %s\n", SDL_GetError());
        goto done;
    }
    w.font = open_font(font, 22);
    w.small = open_font(font, 15);
    if (!w.font || !w.small) {
        fprintf(stderr, PROG ": no Korean font (install fonts-noto-cjk or "
                             "fonts-nanum, or give --font)\n");
        goto done;
    }
    {
        SDL_Color c = {60, 66, 76, 255};
        w.ticker = text_tex(&w, w.font, TICKER_TEXT, c, &w.ticker_w, &w.ticker_h);
    }
    t0 = SDL_GetTicks64();
    code_t0 = -1e9;
    for (;;) {
        SDL_Event ev;
        int quit = 0, renew = 0;
        /* with --time the clock is simulated at 30 frames per second, so a
         * run is reproducible; otherwise it is the wall clock */
        double t = time_s ? (double)n / 30.0 : (double)(SDL_GetTicks64() - t0) / 1000.0;
        int64_t now = time_s ? start + (int64_t)t : (int64_t)time(NULL);

        while (SDL_PollEvent(&ev)) {
            if (ev.type == SDL_QUIT)
                quit = 1;
            else if (ev.type == SDL_KEYDOWN &&
                     (ev.key.keysym.sym == SDLK_ESCAPE || ev.key.keysym.sym == SDLK_q))
                quit = 1;
            else if (ev.type == SDL_KEYDOWN && ev.key.keysym.sym == SDLK_r)
                renew = 1;
        }
        if (quit)
            break;
        if (renew || t - code_t0 >= refresh) {
            uint8_t nonce[MID_NONCE_LEN];
            size_t qlen;
            if ((err = mid_crypto_random(nonce, sizeof nonce)) != MID_OK ||
                (err = holder_text(&h, now, nonce, qr, sizeof qr, &qlen, NULL)) != MID_OK ||
                (err = win_set_qr(&w, qr, qlen)) != MID_OK) {
                cli_error(PROG, err, "cannot make the QR code");
                goto done;
            }
            code_t0 = t;
        }
        win_draw(&w, &h, t - code_t0, refresh, t);
        n++;
        if (frames && (int64_t)n >= frames) {
            if (shot && (err = win_screenshot(&w, shot)) != MID_OK) {
                cli_error(PROG, err, "screenshot not written");
                goto done;
            }
            SDL_RenderPresent(w.r);
            break;
        }
        SDL_RenderPresent(w.r);
        SDL_Delay(33);
    }
    rc = 0;
done:
    if (w.qr_tex)
        SDL_DestroyTexture(w.qr_tex);
    if (w.ticker)
        SDL_DestroyTexture(w.ticker);
    if (w.font)
        TTF_CloseFont(w.font);
    if (w.small)
        TTF_CloseFont(w.small);
    if (w.r)
        SDL_DestroyRenderer(w.r);
    if (w.w)
        SDL_DestroyWindow(w.w);
    if (ttf_up)
        TTF_Quit();
    if (sdl_up)
        SDL_Quit();
    mid_wipe(qr, sizeof qr);
    holder_wipe(&h);
    return rc;
}

int main(int argc, char **argv)
{
    static const cli_command commands[] = {{"keygen", cmd_keygen},
                                           {"present", cmd_present},
                                           {"video", cmd_video},
                                           {"camera", cmd_camera},
                                           {"window", cmd_window},
                                           {NULL, NULL}};
    return cli_main(PROG, argc, argv, commands, usage);
}
