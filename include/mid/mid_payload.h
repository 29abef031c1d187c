/* mid-kiosk — the claims of a credential (docs/payload-format.md). */
#ifndef MID_PAYLOAD_H
#define MID_PAYLOAD_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_limits.h"

#define MID_QR_PREFIX "MID1:"
#define MID_QR_PREFIX_LEN 5u

/* COSE / CWT labels used by the format. */
#define MID_COSE_TAG_SIGN1 18u
#define MID_COSE_HDR_ALG 1
#define MID_COSE_HDR_KID 4
#define MID_COSE_ALG_ES256 (-7)
#define MID_CWT_EXP 4
#define MID_CWT_NBF 5
#define MID_CWT_CTI 7
#define MID_CWT_CNF 8
#define MID_CWT_MID (-65537) /* private-use claim holding our claims map */
/* presentation payload map */
#define MID_PRES_CRED 1
#define MID_PRES_IAT 2
#define MID_PRES_NONCE 3
/* our claims map (inside MID_CWT_MID) */
#define MID_CLAIM_DOCTYPE 1
#define MID_CLAIM_NAME 2
#define MID_CLAIM_RRN 3
#define MID_CLAIM_ISSUE_DATE 4
#define MID_CLAIM_LICENCE 5
#define MID_CLAIM_PORTRAIT 6
/* licence map */
#define MID_LIC_CLASS 1
#define MID_LIC_NUMBER 2
#define MID_LIC_EXPIRY 3
#define MID_LIC_STATUS 4

typedef enum mid_doctype {
    MID_DOC_RESIDENT_CARD = 1,  /* 주민등록증 */
    MID_DOC_DRIVER_LICENCE = 2, /* 운전면허증 */
    MID_DOC_MAX = 2
} mid_doctype;
#define MID_DOCTYPE_BIT(d) (1u << (unsigned)(d))

typedef enum mid_licence_status {
    MID_LICSTAT_VALID = 0,     /* 정상 */
    MID_LICSTAT_SUSPENDED = 1, /* 정지 */
    MID_LICSTAT_CANCELLED = 2, /* 취소 */
    MID_LICSTAT_MAX = 2
} mid_licence_status;

typedef struct mid_licence {
    uint8_t cls; /* mid_licence_class */
    char number[MID_MAX_LICENCE_NO + 1];
    uint32_t expiry; /* YYYYMMDD */
    uint8_t status;  /* mid_licence_status */
} mid_licence;

/* Personal data. Exists only after both signatures verified; wiped with
 * mid_claims_wipe() when the result closes. */
typedef struct mid_claims {
    uint8_t doctype;
    char name[MID_MAX_NAME_BYTES + 1];
    size_t name_len;
    char rrn[MID_RRN_DIGITS + 1];
    uint32_t issue_date; /* 발급일자, YYYYMMDD */
    int has_licence;
    mid_licence licence;
    uint8_t portrait[MID_MAX_PORTRAIT_BYTES];
    size_t portrait_len; /* 0 = no portrait */
    uint8_t cred_id[MID_CRED_ID_LEN];
    int64_t nbf, exp, iat;
} mid_claims;

void mid_claims_wipe(mid_claims *c);

/* Portrait: byte 0 width, byte 1 height, then width*height 4-bit grey
 * pixels, high nibble first, rows top to bottom. */
mid_err mid_portrait_check(const uint8_t *p, size_t len, unsigned *w,
                           unsigned *h);
/* Grey level 0-255 of pixel (x, y) of a checked portrait. */
uint8_t mid_portrait_pixel(const uint8_t *p, unsigned w, unsigned x,
                           unsigned y);

#endif
