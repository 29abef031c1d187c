/* Unit tests: src/core/purpose.c (purposes, items, request check, view).
 * All names and numbers are synthetic. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_purpose.h"

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* 2026-01-01 00:00:00 KST = 2025-12-31T15:00:00Z */
#define NOW_2026_01_01_KST INT64_C(1767193200)
/* 2026-03-31 00:00:00 KST = 2026-03-30T15:00:00Z */
#define NOW_2026_03_31_KST INT64_C(1774882800)
#define DAY INT64_C(86400)

static const uint8_t PORTRAIT[] = {4, 2, 0x01, 0x23, 0x45, 0x67, 0x89, 0xAB};

/* Expected content of the fixtures, written out by hand. */
#define LIC_NAME "김가상"       /* synthetic */
#define LIC_RRN "0712314123450" /* 2007-12-31, female */
#define LIC_RRN_MASKED "071231-4******"
#define LIC_RRN_FULL "071231-4123450"
#define LIC_NUMBER "11-26-123456-78"
#define RES_NAME "이보기"       /* synthetic */
#define RES_RRN "9001011123459" /* 1990-01-01, male */
#define RES_RRN_MASKED "900101-1******"
#define RES_RRN_FULL "900101-1123459"

static void make_licence(mid_claims *c)
{
    memset(c, 0, sizeof *c);
    c->doctype = MID_DOC_DRIVER_LICENCE;
    memcpy(c->name, LIC_NAME, strlen(LIC_NAME));
    c->name_len = strlen(LIC_NAME);
    memcpy(c->rrn, LIC_RRN, 13);
    c->issue_date = 20240115u;
    c->has_licence = 1;
    c->licence.cls = MID_LIC_2_ORDINARY;
    memcpy(c->licence.number, LIC_NUMBER, strlen(LIC_NUMBER));
    c->licence.expiry = 20301231u;
    /* suspended, so a filled state is distinguishable from zero */
    c->licence.status = MID_LICSTAT_SUSPENDED;
    memcpy(c->portrait, PORTRAIT, sizeof PORTRAIT);
    c->portrait_len = sizeof PORTRAIT;
    memset(c->cred_id, 0x5A, sizeof c->cred_id);
}

static void make_resident(mid_claims *c)
{
    memset(c, 0, sizeof *c);
    c->doctype = MID_DOC_RESIDENT_CARD;
    memcpy(c->name, RES_NAME, strlen(RES_NAME));
    c->name_len = strlen(RES_NAME);
    memcpy(c->rrn, RES_RRN, 13);
    c->issue_date = 20200301u;
    c->has_licence = 0;
    memcpy(c->portrait, PORTRAIT, sizeof PORTRAIT);
    c->portrait_len = sizeof PORTRAIT;
}

static void assert_zero_bytes(const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(b[i], 0);
    }
}

/* A char array holds exactly `want` followed by NULs to its end. */
static void assert_array_string(const char *arr, size_t cap, const char *want)
{
    size_t n = strlen(want);
    assert_true(n < cap);
    assert_memory_equal(arr, want, n);
    assert_zero_bytes(arr + n, cap - n);
}

static void assert_date_is(mid_date d, int y, int m, int day)
{
    assert_int_equal(d.year, y);
    assert_int_equal(d.month, m);
    assert_int_equal(d.day, day);
}

typedef struct expect {
    uint8_t doctype;
    const char *name;
    const char *rrn_masked;
    const char *rrn_full;
    int adult;
    int age;
    mid_date birth;
    mid_date issue;
    uint8_t licence_class;
    const char *licence_number;
    mid_licence_state state;
    mid_date expiry;
} expect;

/* Licence fixture on 2026-01-01 KST: adult under the Youth Act at 18. */
static const expect LIC_EXPECT = {
    MID_DOC_DRIVER_LICENCE,
    LIC_NAME,
    LIC_RRN_MASKED,
    LIC_RRN_FULL,
    1,
    18,
    {2007, 12, 31},
    {2024, 1, 15},
    MID_LIC_2_ORDINARY,
    LIC_NUMBER,
    MID_LICSTATE_SUSPENDED,
    {2030, 12, 31},
};

static const expect RES_EXPECT = {
    MID_DOC_RESIDENT_CARD,
    RES_NAME,
    RES_RRN_MASKED,
    RES_RRN_FULL,
    1,
    36,
    {1990, 1, 1},
    {2020, 3, 1},
    0,
    "",
    MID_LICSTATE_VALID,
    {0, 0, 0},
};

/* Every field: the expected value when requested, zero otherwise. */
static void check_view(const mid_view *v, uint32_t items, int show_full,
                       const expect *e, int has_portrait)
{
    assert_int_equal(v->items, items);

    if (items & MID_ITEM_PORTRAIT) {
        if (has_portrait) {
            assert_int_equal(v->portrait_len, sizeof PORTRAIT);
            assert_memory_equal(v->portrait, PORTRAIT, sizeof PORTRAIT);
            assert_zero_bytes(v->portrait + sizeof PORTRAIT,
                              sizeof v->portrait - sizeof PORTRAIT);
            assert_int_equal(v->portrait_unavailable, 0);
        } else {
            assert_int_equal(v->portrait_len, 0);
            assert_zero_bytes(v->portrait, sizeof v->portrait);
            assert_int_equal(v->portrait_unavailable, 1);
        }
    } else {
        assert_int_equal(v->portrait_len, 0);
        assert_zero_bytes(v->portrait, sizeof v->portrait);
        assert_int_equal(v->portrait_unavailable, 0);
    }

    if (items & MID_ITEM_NAME) {
        assert_array_string(v->name, sizeof v->name, e->name);
    } else {
        assert_zero_bytes(v->name, sizeof v->name);
    }

    if (items & MID_ITEM_RRN) {
        assert_array_string(v->rrn, sizeof v->rrn,
                            show_full ? e->rrn_full : e->rrn_masked);
    } else {
        assert_zero_bytes(v->rrn, sizeof v->rrn);
    }

    assert_int_equal(v->adult, (items & MID_ITEM_ADULT) ? e->adult : 0);
    assert_int_equal(v->age, (items & MID_ITEM_AGE) ? e->age : 0);

    if (items & MID_ITEM_BIRTH_DATE) {
        assert_date_is(v->birth, e->birth.year, e->birth.month, e->birth.day);
    } else {
        assert_date_is(v->birth, 0, 0, 0);
    }
    if (items & MID_ITEM_ISSUE_DATE) {
        assert_date_is(v->issue_date, e->issue.year, e->issue.month,
                       e->issue.day);
    } else {
        assert_date_is(v->issue_date, 0, 0, 0);
    }

    assert_int_equal(v->licence_class,
                     (items & MID_ITEM_LICENCE_CLASS) ? e->licence_class : 0);
    if (items & MID_ITEM_LICENCE_NUMBER) {
        assert_array_string(v->licence_number, sizeof v->licence_number,
                            e->licence_number);
    } else {
        assert_zero_bytes(v->licence_number, sizeof v->licence_number);
    }
    assert_int_equal(v->licence_state,
                     (items & MID_ITEM_LICENCE_STATUS) ? e->state : 0);
    if (items & MID_ITEM_LICENCE_EXPIRY) {
        assert_date_is(v->licence_expiry, e->expiry.year, e->expiry.month,
                       e->expiry.day);
    } else {
        assert_date_is(v->licence_expiry, 0, 0, 0);
    }
    assert_int_equal(v->doctype, (items & MID_ITEM_DOCTYPE) ? e->doctype : 0);
}

/* ---- purposes and items as data --------------------------------------- */

static void test_purpose_defaults(void **state)
{
    (void)state;
    assert_int_equal(mid_purpose_items(MID_PURPOSE_ADULT),
                     MID_ITEM_PORTRAIT | MID_ITEM_ADULT);
    assert_int_equal(mid_purpose_items(MID_PURPOSE_REAL_NAME),
                     MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN);
    assert_int_equal(mid_purpose_items(MID_PURPOSE_LICENCE),
                     MID_ITEM_PORTRAIT | MID_ITEM_NAME |
                         MID_ITEM_LICENCE_CLASS | MID_ITEM_LICENCE_STATUS);
    assert_int_equal(mid_purpose_items(MID_PURPOSE_CUSTOM), 0);
    assert_int_equal(mid_purpose_items(MID_PURPOSE_COUNT), 0);
    assert_int_equal(mid_purpose_items((mid_purpose)-1), 0);
    /* an adult check must not reveal who the person is */
    assert_int_equal(mid_purpose_items(MID_PURPOSE_ADULT) &
                         (MID_ITEM_NAME | MID_ITEM_RRN | MID_ITEM_AGE |
                          MID_ITEM_BIRTH_DATE),
                     0);
}

static void test_purpose_labels_hints_ids(void **state)
{
    static const struct {
        mid_purpose p;
        const char *id, *ko, *en, *hint_ko, *hint_en;
    } t[] = {
        {MID_PURPOSE_ADULT, "adult", "성인인증", "Adult check",
         "편의점, 술집 등", "Convenience stores, bars, etc."},
        {MID_PURPOSE_REAL_NAME, "real_name", "실명인증", "Real-name check",
         "공공기관, 금융기관 등", "Public offices, banks, etc."},
        {MID_PURPOSE_LICENCE, "licence", "면허확인", "Licence check",
         "렌터카, 킥보드 등", "Rental cars, kick-scooters, etc."},
        {MID_PURPOSE_CUSTOM, "custom", "기타", "Custom",
         "필요한 정보를 직접 선택하세요.", "Choose the items you need."},
    };
    (void)state;
    assert_int_equal(ARRAY_LEN(t), MID_PURPOSE_COUNT);
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal(t[i].p, (int)i);
        assert_string_equal(mid_purpose_id(t[i].p), t[i].id);
        assert_string_equal(mid_purpose_label(t[i].p, MID_LANG_KO), t[i].ko);
        assert_string_equal(mid_purpose_label(t[i].p, MID_LANG_EN), t[i].en);
        assert_string_equal(mid_purpose_hint(t[i].p, MID_LANG_KO),
                            t[i].hint_ko);
        assert_string_equal(mid_purpose_hint(t[i].p, MID_LANG_EN),
                            t[i].hint_en);
        assert_null(mid_purpose_label(t[i].p, (mid_lang)2));
        assert_null(mid_purpose_hint(t[i].p, (mid_lang)-1));
    }
    static const int bad[] = {-1, MID_PURPOSE_COUNT, 100};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        mid_purpose p = (mid_purpose)bad[i];
        assert_null(mid_purpose_id(p));
        assert_null(mid_purpose_label(p, MID_LANG_KO));
        assert_null(mid_purpose_label(p, MID_LANG_EN));
        assert_null(mid_purpose_hint(p, MID_LANG_KO));
        assert_null(mid_purpose_hint(p, MID_LANG_EN));
    }
}

static void test_item_labels_ids(void **state)
{
    static const struct {
        mid_item item;
        const char *id, *ko, *en;
    } t[] = {
        {MID_ITEM_PORTRAIT, "portrait", "사진", "Photo"},
        {MID_ITEM_NAME, "name", "이름", "Name"},
        {MID_ITEM_RRN, "rrn", "주민등록번호", "Resident reg. no."},
        {MID_ITEM_ADULT, "adult", "성인 여부", "Adult"},
        {MID_ITEM_AGE, "age", "만 나이", "Age"},
        {MID_ITEM_BIRTH_DATE, "birth_date", "생년월일", "Date of birth"},
        {MID_ITEM_ISSUE_DATE, "issue_date", "발급일자", "Issue date"},
        {MID_ITEM_LICENCE_CLASS, "licence_class", "면허 종류",
         "Licence class"},
        {MID_ITEM_LICENCE_NUMBER, "licence_number", "면허 번호",
         "Licence no."},
        {MID_ITEM_LICENCE_STATUS, "licence_status", "면허 상태",
         "Licence status"},
        {MID_ITEM_LICENCE_EXPIRY, "licence_expiry", "적성검사 만료일",
         "Licence expiry"},
        {MID_ITEM_DOCTYPE, "doctype", "신분증 종류", "Document"},
    };
    (void)state;
    assert_int_equal(ARRAY_LEN(t), MID_ITEM_COUNT);
    uint32_t seen = 0;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        assert_int_equal((uint32_t)t[i].item, 1u << i);
        seen |= (uint32_t)t[i].item;
        assert_string_equal(mid_item_id(t[i].item), t[i].id);
        assert_string_equal(mid_item_label(t[i].item, MID_LANG_KO), t[i].ko);
        assert_string_equal(mid_item_label(t[i].item, MID_LANG_EN), t[i].en);
        assert_null(mid_item_label(t[i].item, (mid_lang)2));
        for (size_t j = 0; j < i; j++) {
            assert_string_not_equal(t[i].id, t[j].id);
        }
    }
    assert_int_equal(seen, MID_ITEM_ALL);
    /* not a single known item: none, two at once, past the end */
    static const uint32_t bad[] = {0u, 3u, MID_ITEM_ALL, 1u << MID_ITEM_COUNT,
                                   1u << 31, 0xFFFFFFFFu};
    for (size_t i = 0; i < ARRAY_LEN(bad); i++) {
        assert_null(mid_item_id((mid_item)bad[i]));
        assert_null(mid_item_label((mid_item)bad[i], MID_LANG_KO));
        assert_null(mid_item_label((mid_item)bad[i], MID_LANG_EN));
    }
}

static void test_request_for(void **state)
{
    (void)state;
    for (int p = 0; p < MID_PURPOSE_COUNT; p++) {
        mid_request r = mid_request_for((mid_purpose)p);
        assert_int_equal(r.purpose, p);
        assert_int_equal(r.items, mid_purpose_items((mid_purpose)p));
        assert_int_equal(r.rrn_show_full, 0);
    }
    mid_request r = mid_request_for(MID_PURPOSE_REAL_NAME);
    assert_int_equal(r.items, MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN);
}

/* ---- request check ---------------------------------------------------- */

enum fixture { FIX_RESIDENT,
               FIX_LICENCE,
               FIX_BAD_RRN,
               FIX_SHORT_RRN,
               FIX_UNTERMINATED_RRN };

static void make_fixture(enum fixture f, mid_claims *c)
{
    switch (f) {
    case FIX_RESIDENT:
        make_resident(c);
        break;
    case FIX_LICENCE:
        make_licence(c);
        break;
    case FIX_BAD_RRN: /* 30 February */
        make_resident(c);
        memcpy(c->rrn, "9002301123450", 13);
        break;
    case FIX_SHORT_RRN:
        make_resident(c);
        c->rrn[12] = '\0';
        break;
    case FIX_UNTERMINATED_RRN:
        make_resident(c);
        memset(c->rrn, '1', sizeof c->rrn);
        break;
    }
}

static void test_request_check_table(void **state)
{
    static const struct {
        enum fixture fix;
        int purpose;
        uint32_t items;
        mid_err want;
    } t[] = {
        /* a licence request on a resident card */
        {FIX_RESIDENT, MID_PURPOSE_LICENCE,
         MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_LICENCE_CLASS |
             MID_ITEM_LICENCE_STATUS,
         MID_ERR_PURPOSE},
        {FIX_RESIDENT, MID_PURPOSE_CUSTOM, MID_ITEM_LICENCE_CLASS,
         MID_ERR_PURPOSE},
        {FIX_RESIDENT, MID_PURPOSE_CUSTOM, MID_ITEM_LICENCE_NUMBER,
         MID_ERR_PURPOSE},
        {FIX_RESIDENT, MID_PURPOSE_CUSTOM, MID_ITEM_LICENCE_STATUS,
         MID_ERR_PURPOSE},
        {FIX_RESIDENT, MID_PURPOSE_CUSTOM,
         MID_ITEM_NAME | MID_ITEM_LICENCE_EXPIRY, MID_ERR_PURPOSE},
        {FIX_RESIDENT, MID_PURPOSE_ADULT, MID_ITEM_PORTRAIT | MID_ITEM_ADULT,
         MID_OK},
        {FIX_RESIDENT, MID_PURPOSE_REAL_NAME,
         MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN, MID_OK},
        {FIX_RESIDENT, MID_PURPOSE_CUSTOM, MID_ITEM_ALL & ~(uint32_t)MID_ITEMS_LICENCE,
         MID_OK},
        {FIX_LICENCE, MID_PURPOSE_LICENCE,
         MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_LICENCE_CLASS |
             MID_ITEM_LICENCE_STATUS,
         MID_OK},
        {FIX_LICENCE, MID_PURPOSE_CUSTOM, MID_ITEM_ALL, MID_OK},
        /* empty, or bits that are no item */
        {FIX_LICENCE, MID_PURPOSE_CUSTOM, 0u, MID_ERR_PURPOSE},
        {FIX_LICENCE, MID_PURPOSE_CUSTOM, 1u << MID_ITEM_COUNT,
         MID_ERR_PURPOSE},
        {FIX_LICENCE, MID_PURPOSE_CUSTOM, MID_ITEM_NAME | (1u << 31),
         MID_ERR_PURPOSE},
        {FIX_LICENCE, MID_PURPOSE_COUNT, MID_ITEM_NAME, MID_ERR_PURPOSE},
        {FIX_LICENCE, -1, MID_ITEM_NAME, MID_ERR_PURPOSE},
        /* items derived from the RRN need a parseable one */
        {FIX_BAD_RRN, MID_PURPOSE_ADULT, MID_ITEM_PORTRAIT | MID_ITEM_ADULT,
         MID_ERR_PURPOSE},
        {FIX_BAD_RRN, MID_PURPOSE_CUSTOM, MID_ITEM_AGE, MID_ERR_PURPOSE},
        {FIX_BAD_RRN, MID_PURPOSE_CUSTOM, MID_ITEM_BIRTH_DATE,
         MID_ERR_PURPOSE},
        {FIX_BAD_RRN, MID_PURPOSE_CUSTOM, MID_ITEM_RRN, MID_ERR_PURPOSE},
        {FIX_BAD_RRN, MID_PURPOSE_CUSTOM,
         MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_ISSUE_DATE |
             MID_ITEM_DOCTYPE,
         MID_OK},
        {FIX_SHORT_RRN, MID_PURPOSE_ADULT, MID_ITEM_PORTRAIT | MID_ITEM_ADULT,
         MID_ERR_PURPOSE},
        {FIX_SHORT_RRN, MID_PURPOSE_CUSTOM, MID_ITEM_NAME, MID_OK},
        {FIX_UNTERMINATED_RRN, MID_PURPOSE_CUSTOM, MID_ITEM_AGE,
         MID_ERR_PURPOSE},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_claims c;
        mid_request r;
        make_fixture(t[i].fix, &c);
        r.purpose = (mid_purpose)t[i].purpose;
        r.items = t[i].items;
        r.rrn_show_full = 0;
        assert_int_equal(mid_request_check(&r, &c), t[i].want);
    }
    mid_claims c;
    make_resident(&c);
    mid_request r = mid_request_for(MID_PURPOSE_ADULT);
    assert_int_equal(mid_request_check(NULL, &c), MID_ERR_ARG);
    assert_int_equal(mid_request_check(&r, NULL), MID_ERR_ARG);
    /* custom starts empty: it must be chosen before it can be checked */
    r = mid_request_for(MID_PURPOSE_CUSTOM);
    assert_int_equal(mid_request_check(&r, &c), MID_ERR_PURPOSE);
}

/* ---- view --------------------------------------------------------------- */

/* Every one of the 4095 item sets, masked and full, on a driver's licence:
 * exactly the requested fields are filled. */
static void test_view_every_item_set_licence(void **state)
{
    mid_claims c;
    mid_view v;
    (void)state;
    make_licence(&c);
    for (uint32_t items = 1; items <= MID_ITEM_ALL; items++) {
        for (int full = 0; full <= 1; full++) {
            mid_request r = {MID_PURPOSE_CUSTOM, items, full};
            memset(&v, 0xA5, sizeof v);
            assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v),
                             MID_OK);
            check_view(&v, items, full, &LIC_EXPECT, 1);
        }
    }
}

/* The same on a resident card: every set without licence items works,
 * every set with one is refused and leaves an all-zero view. */
static void test_view_every_item_set_resident(void **state)
{
    mid_claims c;
    mid_view v;
    (void)state;
    make_resident(&c);
    for (uint32_t items = 1; items <= MID_ITEM_ALL; items++) {
        mid_request r = {MID_PURPOSE_CUSTOM, items, 0};
        memset(&v, 0xA5, sizeof v);
        mid_err err = mid_view_build(&c, &r, NOW_2026_01_01_KST, &v);
        if (items & MID_ITEMS_LICENCE) {
            assert_int_equal(err, MID_ERR_PURPOSE);
            assert_zero_bytes(&v, sizeof v);
        } else {
            assert_int_equal(err, MID_OK);
            check_view(&v, items, 0, &RES_EXPECT, 1);
        }
    }
}

static void test_view_default_purposes(void **state)
{
    mid_claims res, lic;
    mid_view v;
    (void)state;
    make_resident(&res);
    make_licence(&lic);

    mid_request r = mid_request_for(MID_PURPOSE_ADULT);
    assert_int_equal(mid_view_build(&res, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_int_equal(v.adult, 1);
    assert_int_equal(v.portrait_len, sizeof PORTRAIT);
    assert_zero_bytes(v.name, sizeof v.name); /* no identity shown */
    assert_zero_bytes(v.rrn, sizeof v.rrn);
    check_view(&v, MID_ITEM_PORTRAIT | MID_ITEM_ADULT, 0, &RES_EXPECT, 1);

    r = mid_request_for(MID_PURPOSE_REAL_NAME);
    assert_int_equal(mid_view_build(&res, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_string_equal(v.rrn, "900101-1******");
    assert_string_equal(v.name, RES_NAME);
    check_view(&v, r.items, 0, &RES_EXPECT, 1);
    r.rrn_show_full = 1;
    assert_int_equal(mid_view_build(&res, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_string_equal(v.rrn, "900101-1123459");

    r = mid_request_for(MID_PURPOSE_LICENCE);
    assert_int_equal(mid_view_build(&lic, &r, NOW_2026_01_01_KST, &v), MID_OK);
    check_view(&v, r.items, 0, &LIC_EXPECT, 1);
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&res, &r, NOW_2026_01_01_KST, &v),
                     MID_ERR_PURPOSE);
    assert_zero_bytes(&v, sizeof v);
}

/* The adult flag follows the KST day: born 2007-12-31, the kiosk turns
 * the answer at 15:00 UTC on 31 December 2025. */
static void test_view_adult_on_kst_day(void **state)
{
    static const struct {
        int64_t now;
        int adult, age;
    } t[] = {
        {NOW_2026_01_01_KST - 1, 0, 18},         /* 2025-12-31 23:59:59 KST */
        {NOW_2026_01_01_KST, 1, 18},             /* 2026-01-01 00:00:00 KST */
        {NOW_2026_01_01_KST + 9 * 3600, 1, 18},  /* 2026-01-01T00:00Z */
        {NOW_2026_01_01_KST - 9 * 3600, 0, 18},  /* 2025-12-31T06:00Z */
        {NOW_2026_01_01_KST - DAY - 1, 0, 17},   /* 2025-12-30 KST */
        {NOW_2026_01_01_KST + 364 * DAY, 1, 19}, /* 2026-12-31 KST */
    };
    mid_claims c;
    (void)state;
    make_licence(&c); /* born 2007-12-31 */
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_view v;
        mid_request r = {MID_PURPOSE_CUSTOM, MID_ITEM_ADULT | MID_ITEM_AGE, 0};
        assert_int_equal(mid_view_build(&c, &r, t[i].now, &v), MID_OK);
        assert_int_equal(v.adult, t[i].adult);
        assert_int_equal(v.age, t[i].age);
    }
}

static void test_view_licence_state(void **state)
{
    static const struct {
        uint8_t status;
        uint32_t expiry;
        int64_t now;
        mid_err err;
        mid_licence_state want;
    } t[] = {
        {MID_LICSTAT_VALID, 20301231u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_VALID},
        /* valid through the whole expiry day (KST) */
        {MID_LICSTAT_VALID, 20260331u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_VALID},
        {MID_LICSTAT_VALID, 20260331u, NOW_2026_03_31_KST + DAY - 1, MID_OK,
         MID_LICSTATE_VALID},
        {MID_LICSTAT_VALID, 20260331u, NOW_2026_03_31_KST + DAY, MID_OK,
         MID_LICSTATE_EXPIRED},
        {MID_LICSTAT_VALID, 20260330u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_EXPIRED},
        {MID_LICSTAT_VALID, 20251231u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_EXPIRED},
        /* status wins over the date */
        {MID_LICSTAT_SUSPENDED, 20301231u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_SUSPENDED},
        {MID_LICSTAT_SUSPENDED, 20200101u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_SUSPENDED},
        {MID_LICSTAT_CANCELLED, 20301231u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_CANCELLED},
        {MID_LICSTAT_CANCELLED, 20200101u, NOW_2026_03_31_KST, MID_OK,
         MID_LICSTATE_CANCELLED},
        /* broken values fail closed */
        {3, 20301231u, NOW_2026_03_31_KST, MID_ERR_CLAIM_VALUE, 0},
        {MID_LICSTAT_VALID, 20261301u, NOW_2026_03_31_KST,
         MID_ERR_CLAIM_VALUE, 0},
        {MID_LICSTAT_VALID, 0u, NOW_2026_03_31_KST, MID_ERR_CLAIM_VALUE, 0},
    };
    (void)state;
    for (size_t i = 0; i < ARRAY_LEN(t); i++) {
        mid_claims c;
        mid_view v;
        make_licence(&c);
        c.licence.status = t[i].status;
        c.licence.expiry = t[i].expiry;
        mid_request r = {MID_PURPOSE_CUSTOM, MID_ITEM_LICENCE_STATUS, 0};
        memset(&v, 0xA5, sizeof v);
        assert_int_equal(mid_view_build(&c, &r, t[i].now, &v), t[i].err);
        if (t[i].err == MID_OK) {
            assert_int_equal(v.licence_state, t[i].want);
            assert_int_equal(v.items, MID_ITEM_LICENCE_STATUS);
            assert_date_is(v.licence_expiry, 0, 0, 0); /* not requested */
        } else {
            assert_zero_bytes(&v, sizeof v);
        }
    }
}

static void test_view_portrait(void **state)
{
    mid_claims c;
    mid_view v;
    mid_request r = {MID_PURPOSE_CUSTOM, MID_ITEM_PORTRAIT | MID_ITEM_NAME, 0};
    (void)state;

    make_resident(&c);
    assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v), MID_OK);
    check_view(&v, r.items, 0, &RES_EXPECT, 1);

    /* requested, but the credential carries none */
    c.portrait_len = 0;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_int_equal(v.portrait_unavailable, 1);
    check_view(&v, r.items, 0, &RES_EXPECT, 0);

    /* present but not requested: nothing copied, nothing flagged */
    make_resident(&c);
    r.items = MID_ITEM_NAME;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_int_equal(v.portrait_unavailable, 0);
    check_view(&v, r.items, 0, &RES_EXPECT, 1);

    /* a full-size portrait fits; a length past the buffer is refused */
    r.items = MID_ITEM_PORTRAIT;
    memset(c.portrait, 0x77, sizeof c.portrait);
    c.portrait_len = MID_MAX_PORTRAIT_BYTES;
    assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v), MID_OK);
    assert_int_equal(v.portrait_len, MID_MAX_PORTRAIT_BYTES);
    assert_memory_equal(v.portrait, c.portrait, MID_MAX_PORTRAIT_BYTES);
    c.portrait_len = MID_MAX_PORTRAIT_BYTES + 1;
    assert_int_equal(mid_view_build(&c, &r, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);
}

/* Any failure leaves a view with no personal data at all. */
static void test_view_errors_leave_nothing(void **state)
{
    mid_claims c;
    mid_view v;
    mid_request all = {MID_PURPOSE_CUSTOM, MID_ITEM_ALL, 1};
    (void)state;

    /* fails late (doctype is the last item filled) after name, RRN... */
    make_licence(&c);
    c.doctype = 9;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);

    make_licence(&c);
    c.name_len = MID_MAX_NAME_BYTES + 1;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);

    make_licence(&c);
    c.issue_date = 20240230u;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);

    make_licence(&c);
    c.licence.cls = 0;
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);

    make_licence(&c);
    memset(c.licence.number, '7', sizeof c.licence.number); /* no NUL */
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);

    /* born after "today": no negative age, no adult answer */
    make_resident(&c);
    memcpy(c.rrn, "3001013123450", 13); /* 2030-01-01 */
    mid_request adult = mid_request_for(MID_PURPOSE_ADULT);
    memset(&v, 0xA5, sizeof v);
    assert_int_equal(mid_view_build(&c, &adult, NOW_2026_01_01_KST, &v),
                     MID_ERR_CLAIM_VALUE);
    assert_zero_bytes(&v, sizeof v);
    mid_request birth = {MID_PURPOSE_CUSTOM, MID_ITEM_BIRTH_DATE, 0};
    assert_int_equal(mid_view_build(&c, &birth, NOW_2026_01_01_KST, &v),
                     MID_OK);
    assert_date_is(v.birth, 2030, 1, 1);

    /* the longest name fits exactly */
    make_resident(&c);
    memset(c.name, 'N', MID_MAX_NAME_BYTES);
    c.name_len = MID_MAX_NAME_BYTES;
    mid_request name = {MID_PURPOSE_CUSTOM, MID_ITEM_NAME, 0};
    assert_int_equal(mid_view_build(&c, &name, NOW_2026_01_01_KST, &v),
                     MID_OK);
    assert_int_equal(strlen(v.name), MID_MAX_NAME_BYTES);

    make_resident(&c);
    assert_int_equal(mid_view_build(NULL, &name, NOW_2026_01_01_KST, &v),
                     MID_ERR_ARG);
    assert_int_equal(mid_view_build(&c, NULL, NOW_2026_01_01_KST, &v),
                     MID_ERR_ARG);
    assert_int_equal(mid_view_build(&c, &name, NOW_2026_01_01_KST, NULL),
                     MID_ERR_ARG);
}

static void test_view_wipe(void **state)
{
    mid_claims c;
    mid_view v;
    mid_request all = {MID_PURPOSE_CUSTOM, MID_ITEM_ALL, 1};
    (void)state;
    make_licence(&c);
    assert_int_equal(mid_view_build(&c, &all, NOW_2026_01_01_KST, &v), MID_OK);
    assert_true(v.name[0] != 0 && v.rrn[0] != 0 && v.portrait_len != 0);
    mid_view_wipe(&v);
    assert_zero_bytes(&v, sizeof v);
    memset(&v, 0xA5, sizeof v);
    mid_view_wipe(&v);
    assert_zero_bytes(&v, sizeof v);
    mid_view_wipe(NULL); /* harmless */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_purpose_defaults),
        cmocka_unit_test(test_purpose_labels_hints_ids),
        cmocka_unit_test(test_item_labels_ids),
        cmocka_unit_test(test_request_for),
        cmocka_unit_test(test_request_check_table),
        cmocka_unit_test(test_view_every_item_set_licence),
        cmocka_unit_test(test_view_every_item_set_resident),
        cmocka_unit_test(test_view_default_purposes),
        cmocka_unit_test(test_view_adult_on_kst_day),
        cmocka_unit_test(test_view_licence_state),
        cmocka_unit_test(test_view_portrait),
        cmocka_unit_test(test_view_errors_leave_nothing),
        cmocka_unit_test(test_view_wipe),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
