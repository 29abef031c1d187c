/* Unit tests: src/core/korean.c (dates in KST, RRN, age, Youth Act,
 * licence classes). All numbers are synthetic. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_korean.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))
#define KST (9 * 3600)
/* 1800-01-01T00:00:00Z (date -u -d 1800-01-01 +%s) */
#define UNIX_1800_01_01 (-5364662400LL)

static mid_date D(int y, int m, int d)
{
    mid_date r;
    r.year = (int16_t)y;
    r.month = (uint8_t)m;
    r.day = (uint8_t)d;
    return r;
}

static void assert_date(mid_date got, int y, int m, int d)
{
    assert_int_equal(got.year, y);
    assert_int_equal(got.month, m);
    assert_int_equal(got.day, d);
}

/* The test's own calendar, written independently of the code under test:
 * plain day-by-day stepping. */
static int ref_leap(int y)
{
    if (y % 400 == 0) {
        return 1;
    }
    if (y % 100 == 0) {
        return 0;
    }
    return y % 4 == 0;
}

static int ref_mdays(int y, int m)
{
    switch (m) {
    case 2:
        return ref_leap(y) ? 29 : 28;
    case 4:
    case 6:
    case 9:
    case 11:
        return 30;
    default:
        return 31;
    }
}

static mid_date ref_next_day(mid_date d)
{
    int y = d.year, m = d.month, day = d.day + 1;
    if (day > ref_mdays(y, m)) {
        day = 1;
        m++;
        if (m > 12) {
            m = 1;
            y++;
        }
    }
    return D(y, m, day);
}

/* ---- dates ---------------------------------------------------------- */

static void test_date_valid_table(void **state)
{
    static const struct {
        int y, m, d, ok;
    } t[] = {
        {2026, 1, 1, 1},
        {2026, 12, 31, 1},
        {2026, 13, 1, 0},
        {2026, 0, 1, 0},
        {2026, 1, 0, 0},
        {2026, 1, 32, 0},
        {2026, 4, 30, 1},
        {2026, 4, 31, 0},
        {2026, 6, 31, 0},
        {2026, 9, 31, 0},
        {2026, 11, 31, 0},
        {2026, 2, 28, 1},
        {2026, 2, 29, 0},
        {2026, 2, 30, 0},
        {2024, 2, 29, 1},
        {2024, 2, 30, 0},
        {1900, 2, 29, 0},
        {2000, 2, 29, 1},
        {2100, 2, 29, 0},
        {2400, 2, 29, 1},
        {1800, 2, 29, 0},
        {1804, 2, 29, 1},
        {1, 1, 1, 1},
        {0, 12, 31, 0},
        {9999, 12, 31, 1},
        {10000, 1, 1, 0},
        {-1, 1, 1, 0},
        {2026, -1, 1, 0},
        {2026, 1, -1, 0},
        {2026, 255, 1, 0},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal(mid_date_valid(t[i].y, t[i].m, t[i].d), t[i].ok);
    }
}

static void test_date_pack_unpack(void **state)
{
    static const struct {
        uint32_t packed;
        mid_err err;
        int y, m, d;
    } t[] = {
        {20260101u, MID_OK, 2026, 1, 1},
        {19900101u, MID_OK, 1990, 1, 1},
        {20000229u, MID_OK, 2000, 2, 29},
        {20240229u, MID_OK, 2024, 2, 29},
        {99991231u, MID_OK, 9999, 12, 31},
        {10101u, MID_OK, 1, 1, 1},
        {19000229u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20230229u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20260230u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20261301u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20260001u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20260100u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {20260431u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {0u, MID_ERR_CLAIM_VALUE, 0, 0, 0},
        {1231u, MID_ERR_CLAIM_VALUE, 0, 0, 0},      /* year 0 */
        {100000101u, MID_ERR_CLAIM_VALUE, 0, 0, 0}, /* year 10000 */
        {UINT32_MAX, MID_ERR_CLAIM_VALUE, 0, 0, 0},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_date d = D(1234, 5, 6); /* must be overwritten either way */
        assert_int_equal(mid_date_unpack(t[i].packed, &d), t[i].err);
        assert_date(d, t[i].y, t[i].m, t[i].d);
        if (t[i].err == MID_OK) {
            assert_int_equal(mid_date_pack(d), t[i].packed);
        }
    }
    assert_int_equal(mid_date_unpack(20260101u, NULL), MID_ERR_ARG);
    /* invalid dates never pack to something that looks valid */
    assert_int_equal(mid_date_pack(D(2026, 2, 29)), 0);
    assert_int_equal(mid_date_pack(D(2026, 13, 1)), 0);
    assert_int_equal(mid_date_pack(D(0, 1, 1)), 0);
    assert_int_equal(mid_date_pack(D(1900, 2, 29)), 0);
    assert_int_equal(mid_date_pack(D(2000, 2, 29)), 20000229u);
}

static void test_date_cmp(void **state)
{
    static const struct {
        mid_date a, b;
        int want;
    } t[] = {
        {{2026, 1, 1}, {2026, 1, 1}, 0},
        {{2025, 12, 31}, {2026, 1, 1}, -1},
        {{2026, 1, 1}, {2025, 12, 31}, 1},
        {{2026, 2, 1}, {2026, 1, 31}, 1},
        {{2026, 1, 30}, {2026, 1, 31}, -1},
        {{1899, 12, 31}, {1900, 1, 1}, -1},
        {{-5, 1, 1}, {5, 1, 1}, -1},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        int got = mid_date_cmp(t[i].a, t[i].b);
        assert_int_equal((got > 0) - (got < 0), t[i].want);
        int rev = mid_date_cmp(t[i].b, t[i].a);
        assert_int_equal((rev > 0) - (rev < 0), -t[i].want);
    }
}

/* Every day from 1800-01-01 to 2200-12-31: the first and last second of
 * the KST day map to that day, pack/unpack round-trips, the calendar agrees
 * with the reference stepping. */
static void test_kst_every_day_1800_2200(void **state)
{
    (void)state;
    mid_date want = D(1800, 1, 1);
    int64_t midnight_kst = UNIX_1800_01_01 - KST;
    long days = 0;
    while (want.year <= 2200) {
        mid_date got = mid_date_from_unix_kst(midnight_kst);
        assert_int_equal(mid_date_cmp(got, want), 0);
        got = mid_date_from_unix_kst(midnight_kst + 86399);
        assert_int_equal(mid_date_cmp(got, want), 0);
        got = mid_date_from_unix_kst(midnight_kst + 43200);
        assert_int_equal(mid_date_cmp(got, want), 0);
        assert_true(mid_date_valid(want.year, want.month, want.day));
        uint32_t p = mid_date_pack(want);
        assert_int_equal(p, (uint32_t)want.year * 10000u +
                                (uint32_t)want.month * 100u + want.day);
        mid_date back;
        assert_int_equal(mid_date_unpack(p, &back), MID_OK);
        assert_int_equal(mid_date_cmp(back, want), 0);
        mid_date next = ref_next_day(want);
        assert_true(mid_date_cmp(want, next) < 0);
        want = next;
        midnight_kst += 86400;
        days++;
    }
    /* 401 years from 1800: 97 leap years (1800, 1900, 2100, 2200 are not) */
    assert_int_equal(days, 401L * 365 + 97);
    /* and 2201-01-01 00:00 KST is where the walk stopped */
    assert_date(mid_date_from_unix_kst(midnight_kst), 2201, 1, 1);
    assert_date(mid_date_from_unix_kst(midnight_kst - 1), 2200, 12, 31);
}

static void test_kst_across_utc_midnight(void **state)
{
    static const struct {
        int64_t t;
        int y, m, d;
    } t[] = {
        {0, 1970, 1, 1},          /* 09:00 KST */
        {-KST, 1970, 1, 1},       /* 1969-12-31T15:00Z */
        {-KST - 1, 1969, 12, 31}, /* 14:59:59Z */
        {-86400, 1969, 12, 31},
        {-86400 - KST - 1, 1969, 12, 30},
        {1767193199, 2025, 12, 31}, /* 2025-12-31T14:59:59Z */
        {1767193200, 2026, 1, 1},   /* 2025-12-31T15:00:00Z */
        {1767225599, 2026, 1, 1},   /* 2025-12-31T23:59:59Z */
        {1767225600, 2026, 1, 1},   /* 2026-01-01T00:00:00Z */
        {1709132399, 2024, 2, 28},  /* 2024-02-28T14:59:59Z */
        {1709132400, 2024, 2, 29},  /* 2024-02-28T15:00:00Z */
        {1709218800, 2024, 3, 1},   /* 2024-02-29T15:00:00Z */
        {951750000, 2000, 2, 29},   /* 2000-02-28T15:00:00Z */
        {-2203923600, 1900, 3, 1},  /* 1900-02-28T15:00:00Z */
        {-2203923601, 1900, 2, 28},
        {7289535600, 2200, 12, 31}, /* 2200-12-30T15:00:00Z */
        {7289621999, 2200, 12, 31}, /* 2200-12-31T14:59:59Z */
        {7289622000, 2201, 1, 1},   /* 2200-12-31T15:00:00Z */
        {UNIX_1800_01_01 - KST, 1800, 1, 1},
        {UNIX_1800_01_01 - KST - 1, 1799, 12, 31},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_date(mid_date_from_unix_kst(t[i].t), t[i].y, t[i].m, t[i].d);
    }
}

static void test_kst_extremes_saturate(void **state)
{
    (void)state;
    assert_date(mid_date_from_unix_kst(INT64_MIN), INT16_MIN, 1, 1);
    assert_date(mid_date_from_unix_kst(INT64_MAX), INT16_MAX, 12, 31);
    assert_date(mid_date_from_unix_kst(INT64_MAX - KST), INT16_MAX, 12, 31);
    /* the last representable day itself is not clamped away */
    mid_date d = mid_date_from_unix_kst(INT64_C(971890876800) - KST);
    assert_date(d, INT16_MAX, 12, 31); /* 32767-12-31T00:00 KST */
    d = mid_date_from_unix_kst(INT64_C(971890876800) - KST - 86400);
    assert_date(d, INT16_MAX, 12, 30);
}

/* ---- RRN -------------------------------------------------------------- */

static void test_rrn_every_code(void **state)
{
    /* front 010203 = born 2 March of the century's year 01; each back
     * part carries a correct check digit. */
    static const struct {
        const char *rrn;
        int year;
        mid_sex sex;
        int foreign;
    } t[] = {
        {"0102030123452", 1801, MID_SEX_FEMALE, 0},
        {"0102031123455", 1901, MID_SEX_MALE, 0},
        {"0102032123458", 1901, MID_SEX_FEMALE, 0},
        {"0102033123451", 2001, MID_SEX_MALE, 0},
        {"0102034123453", 2001, MID_SEX_FEMALE, 0},
        {"0102035123456", 1901, MID_SEX_MALE, 1},
        {"0102036123459", 1901, MID_SEX_FEMALE, 1},
        {"0102037123451", 2001, MID_SEX_MALE, 1},
        {"0102038123454", 2001, MID_SEX_FEMALE, 1},
        {"0102039123457", 1801, MID_SEX_MALE, 0},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_rrn_info info;
        memset(&info, 0xA5, sizeof info);
        assert_int_equal(mid_rrn_parse(t[i].rrn, 13, &info), MID_OK);
        assert_date(info.birth, t[i].year, 2, 3);
        assert_int_equal(info.code, i);
        assert_int_equal(info.sex, t[i].sex);
        assert_int_equal(info.foreign_resident, t[i].foreign);
        assert_int_equal(info.check_digit_ok, 1);
    }
}

static void test_rrn_dates(void **state)
{
    static const struct {
        const char *rrn;
        mid_err err;
        int y, m, d;
    } t[] = {
        {"9001011123459", MID_OK, 1990, 1, 1},
        {"0712314123450", MID_OK, 2007, 12, 31},
        {"0002293123454", MID_OK, 2000, 2, 29}, /* 2000 is leap */
        {"0402293123453", MID_OK, 2004, 2, 29},
        {"0002291123459", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* 1900-02-29 */
        {"0002299123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* 1800-02-29 */
        {"0402299123450", MID_OK, 1804, 2, 29},
        {"0002297123450", MID_OK, 2000, 2, 29},
        {"0002295123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* foreign 1900 */
        {"2302293123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* 2023 common */
        {"9002301123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* 30 February */
        {"9013011123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* month 13 */
        {"9000011123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* month 0 */
        {"9001001123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* day 0 */
        {"9001321123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* day 32 */
        {"9004311123450", MID_ERR_RRN_FORMAT, 0, 0, 0}, /* 31 April */
        {"9912312123452", MID_OK, 1999, 12, 31},
        {"0001014123450", MID_OK, 2000, 1, 1},
        {"9999999999999", MID_ERR_RRN_FORMAT, 0, 0, 0},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_rrn_info info;
        memset(&info, 0xA5, sizeof info);
        assert_int_equal(mid_rrn_parse(t[i].rrn, 13, &info), t[i].err);
        assert_date(info.birth, t[i].y, t[i].m, t[i].d);
        if (t[i].err != MID_OK) {
            /* nothing half-parsed is left behind */
            assert_int_equal(info.code, 0);
            assert_int_equal(info.check_digit_ok, 0);
        }
    }
}

static void test_rrn_not_digits_or_wrong_length(void **state)
{
    static const char good[] = "9001011123459";
    /* the characters either side of '0'..'9' in ASCII, and others */
    static const char bad[] = {'/', ':', ' ', '-', 'a', 'O', '\0',
                               '\t', '+', (char)0xEF, (char)0x80};
    mid_rrn_info info;
    (void)state;
    assert_int_equal(mid_rrn_parse(good, 13, &info), MID_OK);
    for (size_t pos = 0; pos < 13; pos++) {
        for (size_t b = 0; b < sizeof bad; b++) {
            char s[14];
            memcpy(s, good, sizeof s);
            s[pos] = bad[b];
            assert_int_equal(mid_rrn_parse(s, 13, &info), MID_ERR_RRN_FORMAT);
            assert_int_equal(mid_rrn_check_digit_ok(s), 0);
        }
    }
    /* every length but 13, over a buffer of digits */
    static const char many[] = "90010111234591234567";
    for (size_t len = 0; len < sizeof many; len++) {
        mid_err want = len == 13 ? MID_OK : MID_ERR_RRN_FORMAT;
        assert_int_equal(mid_rrn_parse(many, len, &info), want);
    }
    assert_int_equal(mid_rrn_parse("900101-1123459", 14, &info),
                     MID_ERR_RRN_FORMAT);
    assert_int_equal(mid_rrn_parse("900101-112345", 13, &info),
                     MID_ERR_RRN_FORMAT);
    assert_int_equal(mid_rrn_parse(NULL, 13, &info), MID_ERR_RRN_FORMAT);
    assert_int_equal(mid_rrn_parse(good, 13, NULL), MID_ERR_ARG);
}

static void test_rrn_check_digit_informational(void **state)
{
    (void)state;
    /* With one front, exactly one of the ten final digits is the check
     * digit; all ten parse (post-2020 numbers are random there). */
    char s[14] = "9001011123450";
    int ok_count = 0;
    for (char last = '0'; last <= '9'; last++) {
        mid_rrn_info info;
        s[12] = last;
        assert_int_equal(mid_rrn_parse(s, 13, &info), MID_OK);
        assert_date(info.birth, 1990, 1, 1);
        assert_int_equal(info.check_digit_ok, last == '9');
        assert_int_equal(mid_rrn_check_digit_ok(s), last == '9');
        ok_count += info.check_digit_ok;
    }
    assert_int_equal(ok_count, 1);
    static const struct {
        const char *rrn;
        int ok;
    } t[] = {
        {"0712314123450", 1},
        {"0712314123451", 0},
        {"8506151123453", 1},
        {"8506151123454", 0},
        {"0701013123451", 1},
        {"0701013123452", 0},
        /* sum mod 11 == 0 -> 11 mod 10 == 1 */
        {"8506151000001", 1},
        {"8506151000000", 0},
        /* sum mod 11 == 1 -> 10 mod 10 == 0 */
        {"8506151000090", 1},
        {"8506151000091", 0},
        /* sum mod 11 == 10 -> 1 */
        {"8506151000021", 1},
        {"8506151000020", 0},
    };
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_rrn_info info;
        assert_int_equal(mid_rrn_parse(t[i].rrn, 13, &info), MID_OK);
        assert_int_equal(info.check_digit_ok, t[i].ok);
    }
    assert_int_equal(mid_rrn_check_digit_ok(NULL), 0);
}

static void test_rrn_format(void **state)
{
    char out[32];
    (void)state;
    memset(out, 'X', sizeof out);
    assert_int_equal(mid_rrn_format("9001011123459", 0, out, 15), MID_OK);
    assert_string_equal(out, "900101-1******");
    assert_int_equal(out[15], 'X'); /* nothing past cap */
    memset(out, 'X', sizeof out);
    assert_int_equal(mid_rrn_format("9001011123459", 1, out, 15), MID_OK);
    assert_string_equal(out, "900101-1123459");
    assert_int_equal(out[15], 'X');
    assert_int_equal(strlen(out), MID_RRN_DISPLAY_LEN);
    assert_int_equal(mid_rrn_format("0712314123450", 0, out, sizeof out),
                     MID_OK);
    assert_string_equal(out, "071231-4******");
    /* any non-zero show_full shows everything */
    assert_int_equal(mid_rrn_format("0712314123450", 7, out, sizeof out),
                     MID_OK);
    assert_string_equal(out, "071231-4123450");
    /* the masked form hides the back six digits whatever they are */
    assert_int_equal(mid_rrn_format("0712314999999", 0, out, sizeof out),
                     MID_OK);
    assert_null(strchr(out, '9'));

    memset(out, 'X', sizeof out);
    assert_int_equal(mid_rrn_format("9001011123459", 0, out, 14),
                     MID_ERR_BUFFER);
    assert_int_equal(out[0], '\0');
    assert_int_equal(out[1], 'X');
    assert_int_equal(mid_rrn_format("9001011123459", 0, out, 0),
                     MID_ERR_BUFFER);
    assert_int_equal(mid_rrn_format("9001011123459", 0, NULL, 15),
                     MID_ERR_ARG);
    memset(out, 'X', sizeof out);
    assert_int_equal(mid_rrn_format("900101-123459", 0, out, sizeof out),
                     MID_ERR_RRN_FORMAT);
    assert_int_equal(out[0], '\0');
    assert_int_equal(mid_rrn_format("900101112345a", 1, out, sizeof out),
                     MID_ERR_RRN_FORMAT);
    assert_int_equal(mid_rrn_format(NULL, 0, out, sizeof out),
                     MID_ERR_RRN_FORMAT);
}

/* ---- age and adult ---------------------------------------------------- */

static void test_age_table(void **state)
{
    static const struct {
        mid_date birth, today;
        int age;
    } t[] = {
        {{2000, 5, 15}, {2020, 5, 14}, 19},
        {{2000, 5, 15}, {2020, 5, 15}, 20},
        {{2000, 5, 15}, {2020, 5, 16}, 20},
        {{2000, 5, 15}, {2020, 4, 30}, 19},
        {{2000, 5, 15}, {2020, 6, 1}, 20},
        {{2000, 5, 15}, {2000, 5, 15}, 0},
        {{2000, 5, 15}, {2001, 5, 14}, 0},
        {{2000, 5, 15}, {2001, 5, 15}, 1},
        {{2000, 5, 15}, {2000, 5, 14}, -1}, /* not born yet */
        {{2000, 5, 15}, {1990, 1, 1}, -1},
        {{2007, 12, 31}, {2025, 12, 30}, 17},
        {{2007, 12, 31}, {2025, 12, 31}, 18},
        {{2007, 12, 31}, {2026, 1, 1}, 18},
        {{2007, 1, 1}, {2025, 12, 31}, 18},
        {{2007, 1, 1}, {2026, 1, 1}, 19},
        /* 29 February births: common years -> 1 March (Civil Act 160(3)) */
        {{2004, 2, 29}, {2023, 2, 28}, 18},
        {{2004, 2, 29}, {2023, 3, 1}, 19},
        {{2004, 2, 29}, {2024, 2, 28}, 19},
        {{2004, 2, 29}, {2024, 2, 29}, 20},
        {{2004, 2, 29}, {2024, 3, 1}, 20},
        {{2004, 2, 29}, {2025, 2, 28}, 20},
        {{2004, 2, 29}, {2025, 3, 1}, 21},
        {{2004, 2, 29}, {2005, 2, 28}, 0},
        {{2004, 2, 29}, {2005, 3, 1}, 1},
        {{2000, 2, 29}, {2100, 2, 28}, 99}, /* 2100 is common */
        {{2000, 2, 29}, {2100, 3, 1}, 100},
        {{2000, 2, 29}, {2400, 2, 29}, 400},
        {{2000, 2, 29}, {2400, 2, 28}, 399},
        /* born 28 Feb / 1 March are unaffected */
        {{2004, 2, 28}, {2023, 2, 28}, 19},
        {{2004, 3, 1}, {2023, 2, 28}, 18},
        {{2004, 3, 1}, {2023, 3, 1}, 19},
        {{1899, 12, 31}, {2026, 1, 1}, 126},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal(mid_age_full_years(t[i].birth, t[i].today),
                         t[i].age);
    }
}

/* Walking every day: the age goes up by one exactly on the birthday
 * (1 March in common years for a 29 February birth) and nowhere else. */
static void test_age_steps_once_a_year(void **state)
{
    static const mid_date births[] = {
        {2004, 2, 29},
        {2007, 12, 31},
        {2008, 1, 1},
        {1996, 3, 1},
        {1999, 2, 28},
        {2000, 2, 29},
    };
    (void)state;
    for (size_t b = 0; b < ARRAY_LEN(births); b++) {
        mid_date birth = births[b];
        mid_date day = birth;
        int prev = mid_age_full_years(birth, day);
        assert_int_equal(prev, 0);
        int steps = 0;
        for (int i = 0; i < 366 * 30; i++) {
            day = ref_next_day(day);
            int age = mid_age_full_years(birth, day);
            if (age != prev) {
                assert_int_equal(age, prev + 1);
                steps++;
                if (birth.month == 2 && birth.day == 29 &&
                    !ref_leap(day.year)) {
                    assert_int_equal(day.month, 3);
                    assert_int_equal(day.day, 1);
                } else {
                    assert_int_equal(day.month, birth.month);
                    assert_int_equal(day.day, birth.day);
                }
                assert_int_equal(age, day.year - birth.year);
            }
            prev = age;
        }
        assert_int_equal(steps, 30);
    }
}

static void test_adult_youth_act(void **state)
{
    static const struct {
        mid_date birth, today;
        int adult;
        int age; /* full years, to show where the two rules differ */
    } t[] = {
        /* born 31 Dec 2007: adult on 1 Jan 2026 although still 18 */
        {{2007, 12, 31}, {2025, 12, 31}, 0, 18},
        {{2007, 12, 31}, {2026, 1, 1}, 1, 18},
        {{2007, 12, 31}, {2026, 12, 30}, 1, 18},
        {{2007, 12, 31}, {2026, 12, 31}, 1, 19},
        /* born 1 Jan 2007: 18 all through 2025, still a youth */
        {{2007, 1, 1}, {2025, 1, 1}, 0, 18},
        {{2007, 1, 1}, {2025, 12, 31}, 0, 18},
        {{2007, 1, 1}, {2026, 1, 1}, 1, 19},
        /* mid-year birthday: adult from 1 January, before the birthday */
        {{2007, 6, 15}, {2026, 1, 1}, 1, 18},
        {{2007, 6, 15}, {2026, 6, 14}, 1, 18},
        {{2007, 6, 15}, {2025, 12, 31}, 0, 18},
        {{2008, 1, 1}, {2026, 12, 31}, 0, 18},
        {{2008, 1, 1}, {2027, 1, 1}, 1, 19},
        {{2008, 2, 29}, {2026, 12, 31}, 0, 18},
        {{2008, 2, 29}, {2027, 1, 1}, 1, 18},
        {{2008, 2, 29}, {2027, 3, 1}, 1, 19},
        {{1990, 1, 1}, {2026, 3, 10}, 1, 36},
        {{2015, 5, 5}, {2026, 3, 10}, 0, 10},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal(mid_is_adult_youth_act(t[i].birth, t[i].today),
                         t[i].adult);
        assert_int_equal(mid_age_full_years(t[i].birth, t[i].today),
                         t[i].age);
    }
}

/* Every day of 2025-2026 for a 2007-12-31 birth: the first adult day is
 * exactly 1 January 2026. */
static void test_adult_flips_on_1_january(void **state)
{
    mid_date birth = D(2007, 12, 31);
    mid_date day = D(2025, 1, 1);
    (void)state;
    while (day.year < 2027) {
        assert_int_equal(mid_is_adult_youth_act(birth, day), day.year >= 2026);
        day = ref_next_day(day);
    }
}

/* ---- licence classes -------------------------------------------------- */

static void test_licence_class_labels(void **state)
{
    static const struct {
        int cls;
        const char *ko, *en;
    } t[] = {
        {MID_LIC_1_LARGE, "1종 대형", "Class 1 large"},
        {MID_LIC_1_ORDINARY, "1종 보통", "Class 1 ordinary"},
        {MID_LIC_1_SMALL, "1종 소형", "Class 1 small"},
        {MID_LIC_1_LARGE_TRAILER, "1종 특수(대형견인차)",
         "Class 1 special (large trailer)"},
        {MID_LIC_1_SMALL_TRAILER, "1종 특수(소형견인차)",
         "Class 1 special (small trailer)"},
        {MID_LIC_1_WRECKER, "1종 특수(구난차)", "Class 1 special (wrecker)"},
        {MID_LIC_2_ORDINARY, "2종 보통", "Class 2 ordinary"},
        {MID_LIC_2_SMALL, "2종 소형", "Class 2 small"},
        {MID_LIC_2_MOPED, "2종 원동기장치자전거", "Class 2 moped"},
    };
    (void)state;
    assert_int_equal(ARRAY_LEN(t), MID_LIC_CLASS_MAX);
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal(t[i].cls, (int)i + 1);
        assert_string_equal(mid_licence_class_label(t[i].cls, MID_LANG_KO),
                            t[i].ko);
        assert_string_equal(mid_licence_class_label(t[i].cls, MID_LANG_EN),
                            t[i].en);
    }
    static const int unknown[] = {0, -1, 10, 255, INT_MIN, INT_MAX};
    for (size_t i = 0; i < ARRAY_LEN(unknown); i++) {
        assert_null(mid_licence_class_label(unknown[i], MID_LANG_KO));
        assert_null(mid_licence_class_label(unknown[i], MID_LANG_EN));
    }
    assert_null(mid_licence_class_label(1, (mid_lang)2));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_date_valid_table),
        cmocka_unit_test(test_date_pack_unpack),
        cmocka_unit_test(test_date_cmp),
        cmocka_unit_test(test_kst_every_day_1800_2200),
        cmocka_unit_test(test_kst_across_utc_midnight),
        cmocka_unit_test(test_kst_extremes_saturate),
        cmocka_unit_test(test_rrn_every_code),
        cmocka_unit_test(test_rrn_dates),
        cmocka_unit_test(test_rrn_not_digits_or_wrong_length),
        cmocka_unit_test(test_rrn_check_digit_informational),
        cmocka_unit_test(test_rrn_format),
        cmocka_unit_test(test_age_table),
        cmocka_unit_test(test_age_steps_once_a_year),
        cmocka_unit_test(test_adult_youth_act),
        cmocka_unit_test(test_adult_flips_on_1_january),
        cmocka_unit_test(test_licence_class_labels),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
