/* mid-kiosk — Korean rules: civil dates in KST, resident registration
 * numbers, age and the Youth Protection Act adult rule, licence classes.
 * Rules, sources and choices: docs/korean-rules.md. */
#include "mid/mid_korean.h"

#include <stdint.h>
#include <string.h>

#include "mid/mid_limits.h"

#define SECONDS_PER_DAY 86400
/* Years a packed YYYYMMDD can carry; year 0 would pack into fewer than
 * eight digits and is never a real date in our payloads. */
#define YEAR_MIN 1
#define YEAR_MAX 9999

static int is_leap(int64_t y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int64_t y, int m)
{
    static const uint8_t days[12] = {31, 28, 31, 30, 31, 30,
                                     31, 31, 30, 31, 30, 31};
    if (m == 2 && is_leap(y)) {
        return 29;
    }
    return days[m - 1];
}

/* Floor division: C truncates towards zero, and a time before 1970 must
 * still land on the day it belongs to. */
static int64_t floor_div(int64_t a, int64_t b)
{
    int64_t q = a / b;
    if (a % b != 0 && ((a < 0) != (b < 0))) {
        q--;
    }
    return q;
}

/* Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
 * days_from_civil; exact for any year, negative days included). */
static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = floor_div(y, 400);
    int64_t yoe = y - era * 400;                         /* [0, 399] */
    int64_t mp = m > 2 ? m - 3 : m + 9;                  /* March = 0 */
    int64_t doy = (153 * mp + 2) / 5 + d - 1;            /* [0, 365] */
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; /* [0, 146096] */
    return era * 146097 + doe - 719468;
}

int64_t mid_date_days(mid_date d)
{
    return days_from_civil(d.year, d.month, d.day);
}

static mid_date civil_from_days(int64_t z)
{
    z += 719468;
    int64_t era = floor_div(z, 146097);
    int64_t doe = z - era * 146097; /* [0, 146096] */
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t y = yoe + era * 400;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100); /* [0, 365] */
    int64_t mp = (5 * doy + 2) / 153;                      /* [0, 11] */
    int64_t d = doy - (153 * mp + 2) / 5 + 1;              /* [1, 31] */
    int64_t m = mp < 10 ? mp + 3 : mp - 9;                 /* [1, 12] */
    if (m <= 2) {
        y++;
    }
    mid_date out;
    out.year = (int16_t)y;
    out.month = (uint8_t)m;
    out.day = (uint8_t)d;
    return out;
}

mid_date mid_date_from_unix_kst(int64_t unix_s)
{
    /* Split before adding the offset so that no input can overflow. */
    int64_t days = floor_div(unix_s, SECONDS_PER_DAY);
    int64_t secs = unix_s % SECONDS_PER_DAY;
    if (secs < 0) {
        secs += SECONDS_PER_DAY; /* now [0, 86399] */
    }
    if (secs + MID_KST_OFFSET_S >= SECONDS_PER_DAY) {
        days++;
    }
    /* mid_date holds an int16_t year: saturate rather than wrap. */
    int64_t lo = days_from_civil(INT16_MIN, 1, 1);
    int64_t hi = days_from_civil(INT16_MAX, 12, 31);
    if (days < lo) {
        days = lo;
    } else if (days > hi) {
        days = hi;
    }
    return civil_from_days(days);
}

int mid_date_valid(int year, int month, int day)
{
    if (year < YEAR_MIN || year > YEAR_MAX || month < 1 || month > 12 ||
        day < 1) {
        return 0;
    }
    return day <= days_in_month(year, month);
}

uint32_t mid_date_pack(mid_date d)
{
    if (!mid_date_valid(d.year, d.month, d.day)) {
        return 0; /* never a valid packed date */
    }
    return (uint32_t)d.year * 10000u + (uint32_t)d.month * 100u +
           (uint32_t)d.day;
}

mid_err mid_date_unpack(uint32_t yyyymmdd, mid_date *out)
{
    if (out == NULL) {
        return MID_ERR_ARG;
    }
    memset(out, 0, sizeof *out);
    uint32_t y = yyyymmdd / 10000u;
    uint32_t m = (yyyymmdd / 100u) % 100u;
    uint32_t d = yyyymmdd % 100u;
    if (y > YEAR_MAX || !mid_date_valid((int)y, (int)m, (int)d)) {
        return MID_ERR_CLAIM_VALUE;
    }
    out->year = (int16_t)y;
    out->month = (uint8_t)m;
    out->day = (uint8_t)d;
    return MID_OK;
}

int mid_date_cmp(mid_date a, mid_date b)
{
    if (a.year != b.year) {
        return a.year < b.year ? -1 : 1;
    }
    if (a.month != b.month) {
        return a.month < b.month ? -1 : 1;
    }
    if (a.day != b.day) {
        return a.day < b.day ? -1 : 1;
    }
    return 0;
}

static int all_digits(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        if (s[i] < '0' || s[i] > '9') {
            return 0;
        }
    }
    return 1;
}

static int digit(char c)
{
    return c - '0';
}

int mid_rrn_check_digit_ok(const char digits[13])
{
    static const uint8_t weights[12] = {2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5};
    if (digits == NULL || !all_digits(digits, MID_RRN_DIGITS)) {
        return 0;
    }
    int sum = 0;
    for (size_t i = 0; i < 12; i++) {
        sum += digit(digits[i]) * weights[i];
    }
    return (11 - sum % 11) % 10 == digit(digits[12]);
}

mid_err mid_rrn_parse(const char *digits, size_t len, mid_rrn_info *out)
{
    /* Century of each 7th digit: 9/0 1800s, 1/2 1900s, 3/4 2000s,
     * 5/6 foreign 1900s, 7/8 foreign 2000s. */
    static const int16_t century[10] = {1800, 1900, 1900, 2000, 2000,
                                        1900, 1900, 2000, 2000, 1800};
    if (out == NULL) {
        return MID_ERR_ARG;
    }
    memset(out, 0, sizeof *out);
    if (digits == NULL || len != MID_RRN_DIGITS || !all_digits(digits, len)) {
        return MID_ERR_RRN_FORMAT;
    }
    int code = digit(digits[6]);
    int year = century[code] + digit(digits[0]) * 10 + digit(digits[1]);
    int month = digit(digits[2]) * 10 + digit(digits[3]);
    int day = digit(digits[4]) * 10 + digit(digits[5]);
    if (!mid_date_valid(year, month, day)) {
        return MID_ERR_RRN_FORMAT;
    }
    out->birth.year = (int16_t)year;
    out->birth.month = (uint8_t)month;
    out->birth.day = (uint8_t)day;
    out->code = (uint8_t)code;
    /* Odd codes are men, even women; 9 (male) and 0 (female), the 1800s
     * codes, follow the same parity. */
    out->sex = (code % 2 == 1) ? MID_SEX_MALE : MID_SEX_FEMALE;
    out->foreign_resident = code >= 5 && code <= 8;
    out->check_digit_ok = mid_rrn_check_digit_ok(digits);
    return MID_OK;
}

mid_err mid_rrn_format(const char digits[13], int show_full, char *out,
                       size_t cap)
{
    if (out == NULL) {
        return MID_ERR_ARG;
    }
    if (cap < MID_RRN_DISPLAY_LEN + 1) {
        if (cap > 0) {
            out[0] = '\0';
        }
        return MID_ERR_BUFFER;
    }
    out[0] = '\0';
    if (digits == NULL || !all_digits(digits, MID_RRN_DIGITS)) {
        return MID_ERR_RRN_FORMAT;
    }
    memcpy(out, digits, 6);
    out[6] = '-';
    out[7] = digits[6];
    for (size_t i = 7; i < MID_RRN_DIGITS; i++) {
        out[i + 1] = show_full ? digits[i] : '*';
    }
    out[MID_RRN_DISPLAY_LEN] = '\0';
    return MID_OK;
}

int mid_age_full_years(mid_date birth, mid_date today)
{
    if (mid_date_cmp(today, birth) < 0) {
        return -1;
    }
    int age = today.year - birth.year;
    /* Civil Act Art. 160(3): with no 29 February in the final year the
     * year ends on 28 February, so a 29 February birth turns a year older
     * on 1 March. The plain month/day comparison already does that: no
     * date of a common year is on or after 02-29 but before 03-01. */
    if (today.month < birth.month ||
        (today.month == birth.month && today.day < birth.day)) {
        age--;
    }
    return age;
}

int mid_is_adult_youth_act(mid_date birth, mid_date today)
{
    return today.year - birth.year >= 19;
}

const char *mid_licence_class_label(int cls, mid_lang lang)
{
    static const char *const ko[MID_LIC_CLASS_MAX] = {
        "1종 대형",
        "1종 보통",
        "1종 소형",
        "1종 특수(대형견인차)",
        "1종 특수(소형견인차)",
        "1종 특수(구난차)",
        "2종 보통",
        "2종 소형",
        "2종 원동기장치자전거",
    };
    static const char *const en[MID_LIC_CLASS_MAX] = {
        "Class 1 large",
        "Class 1 ordinary",
        "Class 1 small",
        "Class 1 special (large trailer)",
        "Class 1 special (small trailer)",
        "Class 1 special (wrecker)",
        "Class 2 ordinary",
        "Class 2 small",
        "Class 2 moped",
    };
    if (cls < MID_LIC_1_LARGE || cls > MID_LIC_CLASS_MAX) {
        return NULL;
    }
    switch (lang) {
    case MID_LANG_KO:
        return ko[cls - 1];
    case MID_LANG_EN:
        return en[cls - 1];
    }
    return NULL;
}
