/* mid-kiosk — purposes as data, and the view that shows exactly the
 * requested items of verified claims. Choices: docs/korean-rules.md. */
#include "mid/mid_purpose.h"

#include <string.h>

#include "mid/mid_wipe.h"

typedef struct purpose_row {
    uint32_t items;
    const char *id;
    const char *label[2]; /* indexed by mid_lang */
    const char *hint[2];
} purpose_row;

static const purpose_row purposes[MID_PURPOSE_COUNT] = {
    [MID_PURPOSE_ADULT] = {MID_ITEM_PORTRAIT | MID_ITEM_ADULT,
                           "adult",
                           {"성인인증", "Adult check"},
                           {"편의점, 술집 등", "Convenience stores, bars, etc."}},
    [MID_PURPOSE_REAL_NAME] = {MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_RRN,
                               "real_name",
                               {"실명인증", "Real-name check"},
                               {"공공기관, 금융기관 등",
                                "Public offices, banks, etc."}},
    [MID_PURPOSE_LICENCE] = {MID_ITEM_PORTRAIT | MID_ITEM_NAME |
                                 MID_ITEM_LICENCE_CLASS |
                                 MID_ITEM_LICENCE_STATUS,
                             "licence",
                             {"면허확인", "Licence check"},
                             {"렌터카, 킥보드 등",
                              "Rental cars, kick-scooters, etc."}},
    [MID_PURPOSE_CUSTOM] = {0u,
                            "custom",
                            {"기타", "Custom"},
                            {"필요한 정보를 직접 선택하세요.",
                             "Choose the items you need."}},
};

typedef struct item_row {
    const char *id;
    const char *label[2];
} item_row;

/* Indexed by bit position. */
static const item_row items[MID_ITEM_COUNT] = {
    {"portrait", {"사진", "Photo"}},
    {"name", {"이름", "Name"}},
    {"rrn", {"주민등록번호", "Resident reg. no."}},
    {"adult", {"성인 여부", "Adult"}},
    {"age", {"만 나이", "Age"}},
    {"birth_date", {"생년월일", "Date of birth"}},
    {"issue_date", {"발급일자", "Issue date"}},
    {"licence_class", {"면허 종류", "Licence class"}},
    {"licence_number", {"면허 번호", "Licence no."}},
    {"licence_status", {"면허 상태", "Licence status"}},
    {"licence_expiry", {"적성검사 만료일", "Licence expiry"}},
    {"doctype", {"신분증 종류", "Document"}},
};

/* Items computed from the birth date inside the RRN. */
#define ITEMS_FROM_RRN \
    (MID_ITEM_RRN | MID_ITEM_ADULT | MID_ITEM_AGE | MID_ITEM_BIRTH_DATE)

static int purpose_ok(mid_purpose p)
{
    return (unsigned)p < (unsigned)MID_PURPOSE_COUNT;
}

static int lang_ok(mid_lang lang)
{
    return lang == MID_LANG_KO || lang == MID_LANG_EN;
}

/* Bit position of a single-bit item, or -1. */
static int item_index(mid_item item)
{
    uint32_t v = (uint32_t)item;
    if (v == 0 || (v & (v - 1u)) != 0 || (v & ~MID_ITEM_ALL) != 0) {
        return -1;
    }
    int i = 0;
    while ((v >>= 1) != 0) {
        i++;
    }
    return i;
}

uint32_t mid_purpose_items(mid_purpose p)
{
    return purpose_ok(p) ? purposes[p].items : 0u;
}

const char *mid_purpose_label(mid_purpose p, mid_lang lang)
{
    return purpose_ok(p) && lang_ok(lang) ? purposes[p].label[lang] : NULL;
}

const char *mid_purpose_hint(mid_purpose p, mid_lang lang)
{
    return purpose_ok(p) && lang_ok(lang) ? purposes[p].hint[lang] : NULL;
}

const char *mid_licence_state_id(mid_licence_state s)
{
    switch (s) {
    case MID_LICSTATE_VALID:
        return "valid";
    case MID_LICSTATE_EXPIRED:
        return "expired";
    case MID_LICSTATE_SUSPENDED:
        return "suspended";
    case MID_LICSTATE_CANCELLED:
        return "cancelled";
    default:
        return "unknown";
    }
}

const char *mid_purpose_id(mid_purpose p)
{
    return purpose_ok(p) ? purposes[p].id : NULL;
}

const char *mid_item_label(mid_item item, mid_lang lang)
{
    int i = item_index(item);
    return i >= 0 && lang_ok(lang) ? items[i].label[lang] : NULL;
}

const char *mid_item_id(mid_item item)
{
    int i = item_index(item);
    return i >= 0 ? items[i].id : NULL;
}

mid_request mid_request_for(mid_purpose p)
{
    mid_request r;
    r.purpose = p;
    r.items = mid_purpose_items(p);
    r.rrn_show_full = 0;
    return r;
}

/* Length of a NUL-terminated string inside a fixed array, or cap when it
 * is not terminated there. */
static size_t bounded_len(const char *s, size_t cap)
{
    const char *nul = memchr(s, '\0', cap);
    return nul != NULL ? (size_t)(nul - s) : cap;
}

static mid_err parse_claims_rrn(const mid_claims *c, mid_rrn_info *info)
{
    size_t len = bounded_len(c->rrn, sizeof c->rrn);
    return mid_rrn_parse(c->rrn, len, info);
}

mid_err mid_request_check(const mid_request *req, const mid_claims *c)
{
    if (req == NULL || c == NULL) {
        return MID_ERR_ARG;
    }
    if (!purpose_ok(req->purpose) || req->items == 0 ||
        (req->items & ~MID_ITEM_ALL) != 0) {
        return MID_ERR_PURPOSE;
    }
    if ((req->items & MID_ITEMS_LICENCE) != 0 && !c->has_licence) {
        return MID_ERR_PURPOSE;
    }
    if ((req->items & ITEMS_FROM_RRN) != 0) {
        mid_rrn_info info;
        mid_err err = parse_claims_rrn(c, &info);
        mid_wipe(&info, sizeof info);
        if (err != MID_OK) {
            return MID_ERR_PURPOSE;
        }
    }
    return MID_OK;
}

static mid_licence_state licence_state(const mid_licence *lic,
                                       mid_date today, mid_err *err)
{
    mid_date expiry;
    *err = MID_OK;
    switch (lic->status) {
    case MID_LICSTAT_CANCELLED:
        return MID_LICSTATE_CANCELLED;
    case MID_LICSTAT_SUSPENDED:
        return MID_LICSTATE_SUSPENDED;
    case MID_LICSTAT_VALID:
        break;
    default:
        *err = MID_ERR_CLAIM_VALUE;
        return MID_LICSTATE_VALID;
    }
    *err = mid_date_unpack(lic->expiry, &expiry);
    if (*err != MID_OK) {
        return MID_LICSTATE_VALID;
    }
    /* Valid through the whole expiry day, in KST. */
    return mid_date_cmp(expiry, today) < 0 ? MID_LICSTATE_EXPIRED
                                           : MID_LICSTATE_VALID;
}

mid_err mid_view_build(const mid_claims *c, const mid_request *req,
                       int64_t now, mid_view *out)
{
    mid_err err = MID_OK;
    mid_rrn_info info;
    mid_date today = mid_date_from_unix_kst(now);
    uint32_t want = 0;
    memset(&info, 0, sizeof info);
    if (out == NULL) {
        return MID_ERR_ARG;
    }
    memset(out, 0, sizeof *out);
    err = mid_request_check(req, c);
    if (err != MID_OK) {
        goto done;
    }
    want = req->items;
    out->items = want;

    if (want & ITEMS_FROM_RRN) {
        err = parse_claims_rrn(c, &info); /* cannot fail after the check */
        if (err != MID_OK) {
            goto done;
        }
    }
    if (want & MID_ITEM_PORTRAIT) {
        if (c->portrait_len == 0) {
            out->portrait_unavailable = 1;
        } else if (c->portrait_len > sizeof out->portrait) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        } else {
            memcpy(out->portrait, c->portrait, c->portrait_len);
            out->portrait_len = c->portrait_len;
        }
    }
    if (want & MID_ITEM_NAME) {
        if (c->name_len > MID_MAX_NAME_BYTES) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        }
        memcpy(out->name, c->name, c->name_len);
    }
    if (want & MID_ITEM_RRN) {
        err = mid_rrn_format(c->rrn, req->rrn_show_full, out->rrn,
                             sizeof out->rrn);
        if (err != MID_OK) {
            goto done;
        }
    }
    if (want & (MID_ITEM_ADULT | MID_ITEM_AGE)) {
        /* A birth after today is broken data or a broken clock: refuse
         * rather than show a negative age. */
        if (mid_date_cmp(info.birth, today) > 0) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        }
    }
    if (want & MID_ITEM_ADULT) {
        out->adult = mid_is_adult_youth_act(info.birth, today);
    }
    if (want & MID_ITEM_AGE) {
        out->age = mid_age_full_years(info.birth, today);
    }
    if (want & MID_ITEM_BIRTH_DATE) {
        out->birth = info.birth;
    }
    if (want & MID_ITEM_ISSUE_DATE) {
        err = mid_date_unpack(c->issue_date, &out->issue_date);
        if (err != MID_OK) {
            goto done;
        }
    }
    if (want & MID_ITEM_LICENCE_CLASS) {
        if (mid_licence_class_label(c->licence.cls, MID_LANG_KO) == NULL) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        }
        out->licence_class = c->licence.cls;
    }
    if (want & MID_ITEM_LICENCE_NUMBER) {
        size_t n = bounded_len(c->licence.number, sizeof c->licence.number);
        if (n == sizeof c->licence.number) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        }
        memcpy(out->licence_number, c->licence.number, n);
    }
    if (want & MID_ITEM_LICENCE_STATUS) {
        out->licence_state = licence_state(&c->licence, today, &err);
        if (err != MID_OK) {
            goto done;
        }
    }
    if (want & MID_ITEM_LICENCE_EXPIRY) {
        err = mid_date_unpack(c->licence.expiry, &out->licence_expiry);
        if (err != MID_OK) {
            goto done;
        }
    }
    if (want & MID_ITEM_DOCTYPE) {
        if (c->doctype < MID_DOC_RESIDENT_CARD || c->doctype > MID_DOC_MAX) {
            err = MID_ERR_CLAIM_VALUE;
            goto done;
        }
        out->doctype = c->doctype;
    }

done:
    mid_wipe(&info, sizeof info);
    if (err != MID_OK) {
        /* No half-built view: nothing personal survives a failure. */
        mid_wipe(out, sizeof *out);
    }
    return err;
}

void mid_view_wipe(mid_view *v)
{
    if (v != NULL) {
        mid_wipe(v, sizeof *v);
    }
}
