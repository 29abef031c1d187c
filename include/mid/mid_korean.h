/* mid-kiosk — Korean rules: resident registration numbers, civil dates in
 * Korea Standard Time, age in full years, the Youth Protection Act adult
 * rule, and licence classes. Pure functions, no allocation. */
#ifndef MID_KOREAN_H
#define MID_KOREAN_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

/* Korea has used UTC+9 without daylight saving since 1988; the legal
 * calendar day of a check is the KST day. */
#define MID_KST_OFFSET_S (9 * 3600)

typedef struct mid_date {
    int16_t year;
    uint8_t month; /* 1-12 */
    uint8_t day;   /* 1-31 */
} mid_date;

/* KST calendar date of a Unix time (seconds). */
mid_date mid_date_from_unix_kst(int64_t unix_s);
/* YYYYMMDD packed as a decimal integer, as in the payload. */
uint32_t mid_date_pack(mid_date d);
mid_err mid_date_unpack(uint32_t yyyymmdd, mid_date *out); /* validates */
int mid_date_valid(int year, int month, int day);
/* Days from 1970-01-01 to d (proleptic Gregorian, negative before 1970);
 * the KST midnight starting d is mid_date_days(d) * 86400 -
 * MID_KST_OFFSET_S. d need not be valid: 31 April counts as 1 May. */
int64_t mid_date_days(mid_date d);
int mid_date_cmp(mid_date a, mid_date b);

typedef enum mid_sex { MID_SEX_MALE = 1,
                       MID_SEX_FEMALE = 2 } mid_sex;

typedef struct mid_rrn_info {
    mid_date birth;
    uint8_t code; /* the 7th digit, 0-9 */
    mid_sex sex;
    int foreign_resident; /* codes 5-8 */
    /* Before October 2020 the 13th digit was a check digit; numbers issued
     * since are random there, so this is informational and never rejects. */
    int check_digit_ok;
} mid_rrn_info;

/* Accepts exactly 13 ASCII digits. Code 9/0 -> 1800s, 1/2 and 5/6 ->
 * 1900s, 3/4 and 7/8 -> 2000s. The date must exist. */
mid_err mid_rrn_parse(const char *digits, size_t len, mid_rrn_info *out);
int mid_rrn_check_digit_ok(const char digits[13]);

/* "900101-1******" (back six digits hidden) or, with show_full,
 * "900101-1234567". out must hold MID_RRN_DISPLAY_LEN + 1 bytes. */
#define MID_RRN_DISPLAY_LEN 14u
mid_err mid_rrn_format(const char digits[13], int show_full, char *out,
                       size_t cap);

/* Age in full years on `today` (Korean Civil Act: a person born on
 * 29 February turns a year older on 1 March in common years). */
int mid_age_full_years(mid_date birth, mid_date today);
/* Youth Protection Act §2(1): adult from 1 January of the year in which
 * the person turns 19, i.e. today.year - birth.year >= 19. */
int mid_is_adult_youth_act(mid_date birth, mid_date today);

/* Driver's licence classes (도로교통법 시행규칙 별표 18), payload codes. */
typedef enum mid_licence_class {
    MID_LIC_1_LARGE = 1,         /* 1종 대형 */
    MID_LIC_1_ORDINARY = 2,      /* 1종 보통 */
    MID_LIC_1_SMALL = 3,         /* 1종 소형 */
    MID_LIC_1_LARGE_TRAILER = 4, /* 1종 특수(대형견인차) */
    MID_LIC_1_SMALL_TRAILER = 5, /* 1종 특수(소형견인차) */
    MID_LIC_1_WRECKER = 6,       /* 1종 특수(구난차) */
    MID_LIC_2_ORDINARY = 7,      /* 2종 보통 */
    MID_LIC_2_SMALL = 8,         /* 2종 소형 */
    MID_LIC_2_MOPED = 9,         /* 2종 원동기장치자전거 */
    MID_LIC_CLASS_MAX = 9
} mid_licence_class;

typedef enum mid_lang { MID_LANG_KO = 0,
                        MID_LANG_EN = 1 } mid_lang;

/* NULL for an unknown class. */
const char *mid_licence_class_label(int cls, mid_lang lang);

#endif
