/* mid-kiosk — file frame source: Y4M streams and PGM sequences written by
 * the test itself into temporary files, read back, looped, and a table of
 * malformed inputs that must be refused. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <time.h>

#include "mid/mid_camera.h"

#define CHROMA 0x80u

static char g_path[64];
static char g_dir[64];
static mid_camera g_dummy; /* proves open clears *out on failure */

static uint8_t pattern(uint32_t frame, uint32_t x, uint32_t y)
{
    return (uint8_t)(x * 5u + y * 3u + frame * 17u + 1u);
}

static void put_plane(FILE *fp, uint32_t frame, uint32_t w, uint32_t h)
{
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            assert_int_equal(fputc(pattern(frame, x, y), fp),
                             pattern(frame, x, y));
}

static void put_fill(FILE *fp, size_t n, int v)
{
    while (n--)
        assert_int_not_equal(fputc(v, fp), EOF);
}

static FILE *temp_file(void)
{
    snprintf(g_path, sizeof g_path, "/tmp/mid-test-XXXXXX");
    int fd = mkstemp(g_path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    return fp;
}

/* Writes header + nframes complete frames; returns the path. */
static const char *write_y4m(const char *header, uint32_t w, uint32_t h,
                             int mono, uint32_t nframes)
{
    FILE *fp = temp_file();
    size_t chroma = mono ? 0 : 2u * ((w + 1u) / 2u) * ((h + 1u) / 2u);

    fputs(header, fp);
    for (uint32_t i = 0; i < nframes; i++) {
        fputs("FRAME\n", fp);
        put_plane(fp, i, w, h);
        put_fill(fp, chroma, CHROMA);
    }
    assert_int_equal(fclose(fp), 0);
    return g_path;
}

static void expect_frame(const mid_frame *f, uint32_t frame, uint32_t w,
                         uint32_t h)
{
    assert_int_equal(f->width, w);
    assert_int_equal(f->height, h);
    assert_int_equal(f->stride, w);
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w; x++)
            if (f->luma[(size_t)y * f->stride + x] != pattern(frame, x, y))
                fail_msg("pixel (%u,%u) of frame %u", x, y, frame);
}

static int cleanup(void **state)
{
    (void)state;
    if (g_path[0])
        unlink(g_path);
    g_path[0] = '\0';
    return 0;
}

static void test_y4m_round_trip(void **state)
{
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    const char *p = write_y4m("YUV4MPEG2 W64 H48 F30:1 Ip A1:1 C420jpeg\n",
                              64, 48, 0, 3);
    assert_int_equal(mid_camera_file_open(p, 0, &cam), MID_OK);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, i, 64, 48);
        assert_int_equal(f.seq, i);
    }
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    mid_camera_destroy(cam);
}

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Paced at the file's own F rate (here 50 fps), 6 frames cannot come in
 * less than 5 intervals (100 ms). Only a lower bound: sleeping can take
 * longer on a busy machine, never shorter. Unpaced is the default. */
static void test_y4m_pacing(void **state)
{
    mid_camera *cam = NULL;
    mid_frame f;
    int64_t t0;

    (void)state;
    const char *p = write_y4m("YUV4MPEG2 W32 H16 F50:1\n", 32, 16, 0, 6);
    assert_int_equal(mid_camera_file_open(p, 0, &cam), MID_OK);
    assert_int_equal(mid_camera_file_pace(cam, 0), MID_OK);
    t0 = now_ms();
    for (int i = 0; i < 6; i++)
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    assert_true(now_ms() - t0 >= 100);
    mid_camera_destroy(cam);
    /* only file sources can be paced */
    assert_int_equal(mid_camera_file_pace(NULL, 0), MID_ERR_ARG);
}

static void test_y4m_loop(void **state)
{
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    const char *p = write_y4m("YUV4MPEG2 W32 H16\n", 32, 16, 0, 3);
    assert_int_equal(mid_camera_file_open(p, 1, &cam), MID_OK);
    for (uint32_t i = 0; i < 8; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, i % 3, 32, 16);
        assert_int_equal(f.seq, i); /* keeps counting across the loop */
    }
    mid_camera_destroy(cam);
}

/* Odd sizes (chroma rounds up), mono, every accepted colourspace and tag,
 * frame parameters. */
static void test_y4m_variants(void **state)
{
    static const struct {
        const char *header;
        int mono;
    } ok[] = {
        {"YUV4MPEG2 W33 H17 C420\n", 0},
        {"YUV4MPEG2 W33 H17 C420paldv\n", 0},
        {"YUV4MPEG2 W33 H17 C420mpeg2 XYSCSS=420MPEG2\n", 0},
        {"YUV4MPEG2 W33 H17 Cmono\n", 1},
        {"YUV4MPEG2 H17 W33 F30000:1001 It A0:0 XCOLORRANGE=FULL\n", 0},
        {"YUV4MPEG2 W33 H17 Im A128:117 C420jpeg\n", 0},
    };
    mid_frame f;

    (void)state;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        mid_camera *cam = NULL;
        const char *p = write_y4m(ok[i].header, 33, 17, ok[i].mono, 2);
        assert_int_equal(mid_camera_file_open(p, 0, &cam), MID_OK);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 0, 33, 17);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 1, 33, 17);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
        mid_camera_destroy(cam);
        cleanup(NULL);
    }

    /* frame parameters after "FRAME " are allowed and ignored */
    FILE *fp = temp_file();
    fputs("YUV4MPEG2 W8 H2 Cmono\nFRAME Ixyz XFOO=1\n", fp);
    put_plane(fp, 0, 8, 2);
    assert_int_equal(fclose(fp), 0);
    mid_camera *cam = NULL;
    assert_int_equal(mid_camera_file_open(g_path, 0, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    expect_frame(&f, 0, 8, 2);
    mid_camera_destroy(cam);
}

static void test_y4m_bad_headers(void **state)
{
    static const char *bad[] = {
        "YUV4MPEG2 W0 H48\n",
        "YUV4MPEG2 Wabc H48\n",
        "YUV4MPEG2 W-64 H48\n",
        "YUV4MPEG2 W+64 H48\n",
        "YUV4MPEG2 W1921 H48\n",
        "YUV4MPEG2 W64 H1081\n",
        "YUV4MPEG2 W9999999999 H48\n",
        "YUV4MPEG2 W H48\n",
        "YUV4MPEG2 H48\n",
        "YUV4MPEG2 W64\n",
        "YUV4MPEG2 W64 W64 H48\n",
        "YUV4MPEG2 W64 H48 C444\n",
        "YUV4MPEG2 W64 H48 C422\n",
        "YUV4MPEG2 W64 H48 C420p10\n",
        "YUV4MPEG2 W64 H48 Cmono16\n",
        "YUV4MPEG2 W64 H48 C420 C420\n",
        "YUV4MPEG2 W64 H48 F30\n",
        "YUV4MPEG2 W64 H48 F0:1\n",
        "YUV4MPEG2 W64 H48 F30:0\n",
        "YUV4MPEG2 W64 H48 Ix\n",
        "YUV4MPEG2 W64 H48 Ipp\n",
        "YUV4MPEG2 W64 H48 A1:0\n",
        "YUV4MPEG2 W64 H48 Q1\n",
        "YUV4MPEG2  W64 H48\n",
        "YUV4MPEG2 W64 H48 \n",
        "YUV4MPEG2 W64\tH48\n",
        "YUV4MPEG2 W64 H48",   /* no newline */
        "YUV4MPEG2\n",         /* no tags at all */
        "YUV4MPEG3 W64 H48\n", /* not a Y4M (nor a PGM) */
        "",
    };
    mid_camera *cam = NULL;

    (void)state;
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FILE *fp = temp_file();
        fputs(bad[i], fp);
        put_fill(fp, 64u * 48u * 2u, 0x10); /* enough bytes for a frame */
        assert_int_equal(fclose(fp), 0);
        cam = &g_dummy;
        if (mid_camera_file_open(g_path, 0, &cam) != MID_ERR_FORMAT)
            fail_msg("accepted header %zu: %s", i, bad[i]);
        assert_null(cam);
        cleanup(NULL);
    }

    /* a header longer than the bound */
    FILE *fp = temp_file();
    fputs("YUV4MPEG2 W64 H48 X", fp);
    put_fill(fp, 600, 'a');
    fputs("\n", fp);
    assert_int_equal(fclose(fp), 0);
    assert_int_equal(mid_camera_file_open(g_path, 0, &cam), MID_ERR_FORMAT);
}

/* Damage after a valid header is found when the frame is read; the
 * error stays. */
static void test_y4m_bad_frames(void **state)
{
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    static const char *hdr = "YUV4MPEG2 W16 H8 C420jpeg\n";
    const size_t chroma = 2u * 8u * 4u;
    for (int k = 0; k < 6; k++) {
        FILE *fp = temp_file();
        fputs(hdr, fp);
        /* one good frame first */
        fputs("FRAME\n", fp);
        put_plane(fp, 0, 16, 8);
        put_fill(fp, chroma, CHROMA);
        switch (k) {
        case 0: /* missing FRAME: raw data follows */
            put_plane(fp, 1, 16, 8);
            put_fill(fp, chroma, CHROMA);
            break;
        case 1: /* luma cut short */
            fputs("FRAME\n", fp);
            put_fill(fp, 100, 1);
            break;
        case 2: /* chroma cut short */
            fputs("FRAME\n", fp);
            put_plane(fp, 1, 16, 8);
            put_fill(fp, chroma - 1, CHROMA);
            break;
        case 3: /* FRAME glued to something else */
            fputs("FRAMES\n", fp);
            put_plane(fp, 1, 16, 8);
            put_fill(fp, chroma, CHROMA);
            break;
        case 4: /* an endless frame header */
            fputs("FRAME ", fp);
            put_fill(fp, 1000, 'x');
            break;
        default: /* FRAME without its newline at EOF */
            fputs("FRAME", fp);
            break;
        }
        assert_int_equal(fclose(fp), 0);
        assert_int_equal(mid_camera_file_open(g_path, 1, &cam), MID_OK);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 0, 16, 8);
        if (mid_camera_next(cam, 0, &f) != MID_ERR_FORMAT)
            fail_msg("damage %d not detected", k);
        /* sticky, even with loop on */
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_FORMAT);
        mid_camera_destroy(cam);
        cleanup(NULL);
    }
}

/* A header and no frames: end of stream, even when looping. */
static void test_y4m_empty(void **state)
{
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    const char *p = write_y4m("YUV4MPEG2 W16 H8\n", 16, 8, 0, 0);
    assert_int_equal(mid_camera_file_open(p, 1, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    mid_camera_destroy(cam);
}

static void test_open_errors(void **state)
{
    mid_camera *cam = NULL;

    (void)state;
    assert_int_equal(mid_camera_file_open(NULL, 0, &cam), MID_ERR_ARG);
    assert_int_equal(mid_camera_file_open("/tmp/x.y4m", 0, NULL),
                     MID_ERR_ARG);
    assert_int_equal(
        mid_camera_file_open("/nonexistent/mid/clip.y4m", 0, &cam),
        MID_ERR_IO);
    assert_null(cam);
    /* a pattern without any frame 0 or 1 */
    assert_int_equal(
        mid_camera_file_open("/nonexistent/mid/f%04d.pgm", 0, &cam),
        MID_ERR_IO);
}

/* ---- PGM ---------------------------------------------------------------- */

static void make_dir(void)
{
    snprintf(g_dir, sizeof g_dir, "/tmp/mid-pgm-XXXXXX");
    assert_non_null(mkdtemp(g_dir));
}

static void write_pgm(const char *name, const char *header, uint32_t frame,
                      uint32_t w, uint32_t h, size_t cut)
{
    char path[128];

    snprintf(path, sizeof path, "%s/%s", g_dir, name);
    FILE *fp = fopen(path, "wb");
    assert_non_null(fp);
    fputs(header, fp);
    size_t n = (size_t)w * h - cut;
    for (uint32_t y = 0; y < h; y++)
        for (uint32_t x = 0; x < w && n > 0; x++, n--)
            fputc(pattern(frame, x, y), fp);
    assert_int_equal(fclose(fp), 0);
}

static int cleanup_dir(void **state)
{
    char cmd[128];

    (void)state;
    if (g_dir[0]) {
        /* only our own mkdtemp directory */
        snprintf(cmd, sizeof cmd, "rm -rf '%s'", g_dir);
        assert_int_equal(system(cmd), 0);
    }
    g_dir[0] = '\0';
    return 0;
}

static void dir_pattern(char *out, size_t cap, const char *pat)
{
    snprintf(out, cap, "%s/%s", g_dir, pat);
}

static void test_pgm_sequence_from_0(void **state)
{
    char pat[128];
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    make_dir();
    write_pgm("frame_000.pgm", "P5\n# made by a test\n24 10\n255\n", 0, 24,
              10, 0);
    write_pgm("frame_001.pgm", "P5 24 10 255\n", 1, 24, 10, 0);
    write_pgm("frame_002.pgm", "P5\n24 # width\n10\n# maxval next\n255\n", 2,
              24, 10, 0);
    dir_pattern(pat, sizeof pat, "frame_%03d.pgm");

    assert_int_equal(mid_camera_file_open(pat, 0, &cam), MID_OK);
    for (uint32_t i = 0; i < 3; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, i, 24, 10);
        assert_int_equal(f.seq, i);
    }
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    mid_camera_destroy(cam);

    assert_int_equal(mid_camera_file_open(pat, 1, &cam), MID_OK);
    for (uint32_t i = 0; i < 7; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, i % 3, 24, 10);
        assert_int_equal(f.seq, i);
    }
    mid_camera_destroy(cam);
}

static void test_pgm_sequence_from_1(void **state)
{
    char pat[128];
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    make_dir();
    write_pgm("p%_1.pgm", "P5\n8 4\n255\n", 1, 8, 4, 0);
    write_pgm("p%_2.pgm", "P5\n8 4\n255\n", 2, 8, 4, 0);
    dir_pattern(pat, sizeof pat, "p%%_%d.pgm"); /* "%%" is a literal % */
    assert_int_equal(mid_camera_file_open(pat, 1, &cam), MID_OK);
    for (uint32_t i = 0; i < 5; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 1 + i % 2, 8, 4);
    }
    mid_camera_destroy(cam);
}

/* A plain .pgm path is a one-frame source. */
static void test_pgm_single_file(void **state)
{
    char path[128];
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    make_dir();
    write_pgm("still.pgm", "P5\n8 4\n255\n", 0, 8, 4, 0);
    dir_pattern(path, sizeof path, "still.pgm");
    assert_int_equal(mid_camera_file_open(path, 0, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    expect_frame(&f, 0, 8, 4);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    mid_camera_destroy(cam);
    assert_int_equal(mid_camera_file_open(path, 1, &cam), MID_OK);
    for (int i = 0; i < 3; i++) {
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 0, 8, 4);
    }
    mid_camera_destroy(cam);
}

static void test_pgm_bad(void **state)
{
    static const char *bad_headers[] = {
        "P5\n8 4\n65535\n", /* 16-bit samples */
        "P5\n8 4\n15\n",    /* another scale */
        "P2\n8 4\n255\n",   /* plain (ASCII) PGM */
        "P6\n8 4\n255\n",   /* PPM */
        "P58 4\n255\n",     /* no separator after the magic */
        "P5\n0 4\n255\n",
        "P5\n8 0\n255\n",
        "P5\n1921 4\n255\n",
        "P5\n8 -4\n255\n",
        "P5\n8 4\n255", /* no byte after maxval */
        "P5\n8\n",
        "P5\n9999999999 4\n255\n",
    };
    static const char *bad_patterns[] = {"%s.pgm", "%d_%d.pgm", "%x.pgm",
                                         "%ld.pgm", "%-4d.pgm", "%99d.pgm",
                                         "%.pgm"};
    char pat[128];
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    for (size_t i = 0; i < sizeof bad_headers / sizeof bad_headers[0]; i++) {
        make_dir();
        write_pgm("f0.pgm", bad_headers[i], 0, 8, 4, 0);
        dir_pattern(pat, sizeof pat, "f%d.pgm");
        cam = &g_dummy;
        if (mid_camera_file_open(pat, 0, &cam) != MID_ERR_FORMAT)
            fail_msg("accepted PGM header %zu", i);
        assert_null(cam);
        cleanup_dir(NULL);
    }

    /* a comment longer than the header bound */
    make_dir();
    {
        char big[5000];
        memset(big, 'c', sizeof big);
        memcpy(big, "P5\n#", 4);
        /* ends the comment and the string */
        memcpy(big + sizeof big - 10, "\n8 4\n255\n", 10);
        write_pgm("f0.pgm", big, 0, 8, 4, 0);
    }
    dir_pattern(pat, sizeof pat, "f%d.pgm");
    assert_int_equal(mid_camera_file_open(pat, 0, &cam), MID_ERR_FORMAT);
    cleanup_dir(NULL);

    for (size_t i = 0; i < sizeof bad_patterns / sizeof bad_patterns[0];
         i++) {
        make_dir();
        dir_pattern(pat, sizeof pat, bad_patterns[i]);
        if (mid_camera_file_open(pat, 0, &cam) != MID_ERR_ARG)
            fail_msg("accepted pattern %s", bad_patterns[i]);
        cleanup_dir(NULL);
    }

    /* truncated raster, then a frame of another size: found when read */
    make_dir();
    write_pgm("f0.pgm", "P5\n8 4\n255\n", 0, 8, 4, 0);
    write_pgm("f1.pgm", "P5\n8 4\n255\n", 1, 8, 4, 3);
    write_pgm("g0.pgm", "P5\n8 4\n255\n", 0, 8, 4, 0);
    write_pgm("g1.pgm", "P5\n8 5\n255\n", 1, 8, 5, 0);
    for (int k = 0; k < 2; k++) {
        dir_pattern(pat, sizeof pat, k == 0 ? "f%d.pgm" : "g%d.pgm");
        assert_int_equal(mid_camera_file_open(pat, 1, &cam), MID_OK);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
        expect_frame(&f, 0, 8, 4);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_FORMAT);
        assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_FORMAT);
        mid_camera_destroy(cam);
    }
}

/* A gap in the numbering ends the sequence. */
static void test_pgm_gap_ends(void **state)
{
    char pat[128];
    mid_camera *cam = NULL;
    mid_frame f;

    (void)state;
    make_dir();
    write_pgm("0.pgm", "P5\n4 2\n255\n", 0, 4, 2, 0);
    write_pgm("1.pgm", "P5\n4 2\n255\n", 1, 4, 2, 0);
    write_pgm("3.pgm", "P5\n4 2\n255\n", 3, 4, 2, 0);
    dir_pattern(pat, sizeof pat, "%d.pgm");
    assert_int_equal(mid_camera_file_open(pat, 0, &cam), MID_OK);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_OK);
    expect_frame(&f, 1, 4, 2);
    assert_int_equal(mid_camera_next(cam, 0, &f), MID_ERR_END_OF_STREAM);
    mid_camera_destroy(cam);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_teardown(test_y4m_round_trip, cleanup),
        cmocka_unit_test_teardown(test_y4m_loop, cleanup),
        cmocka_unit_test_teardown(test_y4m_pacing, cleanup),
        cmocka_unit_test_teardown(test_y4m_variants, cleanup),
        cmocka_unit_test_teardown(test_y4m_bad_headers, cleanup),
        cmocka_unit_test_teardown(test_y4m_bad_frames, cleanup),
        cmocka_unit_test_teardown(test_y4m_empty, cleanup),
        cmocka_unit_test(test_open_errors),
        cmocka_unit_test_teardown(test_pgm_sequence_from_0, cleanup_dir),
        cmocka_unit_test_teardown(test_pgm_sequence_from_1, cleanup_dir),
        cmocka_unit_test_teardown(test_pgm_single_file, cleanup_dir),
        cmocka_unit_test_teardown(test_pgm_bad, cleanup_dir),
        cmocka_unit_test_teardown(test_pgm_gap_ends, cleanup_dir),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
