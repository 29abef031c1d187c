/* mid-kiosk — purposes as data. A purpose is a set of items; the core
 * builds a view holding exactly those items and nothing more. */
#ifndef MID_PURPOSE_H
#define MID_PURPOSE_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_korean.h"
#include "mid_limits.h"
#include "mid_payload.h"

typedef enum mid_purpose {
    MID_PURPOSE_ADULT = 0,     /* 성인인증 */
    MID_PURPOSE_REAL_NAME = 1, /* 실명인증 */
    MID_PURPOSE_LICENCE = 2,   /* 면허확인 */
    MID_PURPOSE_CUSTOM = 3,    /* 기타 */
    MID_PURPOSE_COUNT = 4
} mid_purpose;

typedef enum mid_item {
    MID_ITEM_PORTRAIT = 1u << 0,        /* 사진 */
    MID_ITEM_NAME = 1u << 1,            /* 이름 */
    MID_ITEM_RRN = 1u << 2,             /* 주민등록번호 */
    MID_ITEM_ADULT = 1u << 3,           /* 성인 여부 */
    MID_ITEM_AGE = 1u << 4,             /* 만 나이 */
    MID_ITEM_BIRTH_DATE = 1u << 5,      /* 생년월일 */
    MID_ITEM_ISSUE_DATE = 1u << 6,      /* 발급일자 */
    MID_ITEM_LICENCE_CLASS = 1u << 7,   /* 면허 종류 */
    MID_ITEM_LICENCE_NUMBER = 1u << 8,  /* 면허 번호 */
    MID_ITEM_LICENCE_STATUS = 1u << 9,  /* 면허 상태 */
    MID_ITEM_LICENCE_EXPIRY = 1u << 10, /* 적성검사 만료일 */
    MID_ITEM_DOCTYPE = 1u << 11         /* 신분증 종류 */
} mid_item;
#define MID_ITEM_COUNT 12u
#define MID_ITEM_ALL ((1u << MID_ITEM_COUNT) - 1u)
/* Items only a driver's licence can answer. */
#define MID_ITEMS_LICENCE                                          \
    ((uint32_t)(MID_ITEM_LICENCE_CLASS | MID_ITEM_LICENCE_NUMBER | \
                MID_ITEM_LICENCE_STATUS | MID_ITEM_LICENCE_EXPIRY))

/* Default item set of a purpose (custom: none until chosen). */
uint32_t mid_purpose_items(mid_purpose p);
const char *mid_purpose_label(mid_purpose p, mid_lang lang);
/* "편의점, 술집 등" and so on. */
const char *mid_purpose_hint(mid_purpose p, mid_lang lang);
const char *mid_item_label(mid_item item, mid_lang lang);
/* Stable id for logs/JSON, e.g. "adult", "real_name". */
const char *mid_purpose_id(mid_purpose p);
const char *mid_item_id(mid_item item);

typedef struct mid_request {
    mid_purpose purpose;
    uint32_t items;    /* mid_item bits; for fixed purposes = defaults */
    int rrn_show_full; /* policy: show the back digits (default: masked) */
} mid_request;

/* Request for a purpose with its default items. */
mid_request mid_request_for(mid_purpose p);
/* MID_OK if the document type can answer every requested item,
 * MID_ERR_PURPOSE otherwise (licence items from a resident card). */
mid_err mid_request_check(const mid_request *req, const mid_claims *c);

typedef enum mid_licence_state {
    MID_LICSTATE_VALID = 0,
    MID_LICSTATE_EXPIRED = 1,
    MID_LICSTATE_SUSPENDED = 2,
    MID_LICSTATE_CANCELLED = 3
} mid_licence_state;

/* Stable id of a licence state for JSON (mid-verify, the POS link):
 * "valid", "expired", "suspended", "cancelled". */
const char *mid_licence_state_id(mid_licence_state s);

/* What the screen may show: only `items` are filled, the rest zero, so a
 * zero field (adult 0, licence_state VALID) means nothing unless its item
 * bit is set: readers must test `items` first. */
typedef struct mid_view {
    uint32_t items;
    uint8_t doctype;
    char name[MID_MAX_NAME_BYTES + 1];
    char rrn[MID_RRN_DISPLAY_LEN + 1];
    int adult;
    int age;
    mid_date birth;
    mid_date issue_date;
    uint8_t licence_class;
    char licence_number[MID_MAX_LICENCE_NO + 1];
    mid_licence_state licence_state;
    mid_date licence_expiry;
    uint8_t portrait[MID_MAX_PORTRAIT_BYTES];
    size_t portrait_len;
    /* requested a portrait, but the credential carries none: the UI says
     * "사진 등 일부 정보를 확인할 수 없습니다" */
    int portrait_unavailable;
} mid_view;

/* Builds the view of verified claims for the request on KST day of now. */
mid_err mid_view_build(const mid_claims *c, const mid_request *req,
                       int64_t now, mid_view *out);
void mid_view_wipe(mid_view *v);

#endif
