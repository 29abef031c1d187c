/* mid-kiosk — the UI's own wording, Korean and English (docs/ui.md), and
 * the formatted strings the screens share. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/layout_private.h"

static const char *const k_str[S_COUNT][2] = {
    [S_PURPOSE_TITLE] = {"상대방에게 요청할 정보를 선택해 주세요.",
                         "Select the information to request from the other "
                         "person."},
    [S_NEXT] = {"다음", "Next"},
    [S_BACK] = {"이전", "Back"},
    [S_REQUEST_TITLE] = {"요청 정보", "Requested information"},
    [S_REQUEST_MORE] = {"추가 정보 선택", "Select additional information"},
    [S_SCAN_TITLE] = {"상대방의 모바일 신분증 QR코드를 스캔하세요.",
                      "Scan the other person's mobile ID QR code."},
    [S_CHANGE_REQUEST] = {"요청정보 변경", "Change request"},
    [S_HINT_ONE_CODE] = {"QR코드를 하나만 보여 주세요.",
                         "Show only one QR code."},
    [S_HINT_NOT_MID] = {"모바일 신분증 QR코드가 아닙니다.",
                        "This QR code is not a mobile ID."},
    [S_RESULT_TITLE] = {"확인 결과", "Result"},
    [S_VALID] = {"유효한 신분증", "VALID ID"},
    [S_VALID_SUB] = {"진위확인 완료", "Authenticity confirmed"},
    [S_INVALID] = {"유효하지 않은 신분증", "ID NOT VALID"},
    [S_INVALID_SUB] = {"신분증으로 인정하지 마세요.", "Do not accept this ID."},
    [S_ADULT] = {"성인", "ADULT"},
    [S_ADULT_SUB] = {"유효한 신분증 · 청소년보호법 기준 성인",
                     "Valid ID · adult under the Youth Protection Act"},
    [S_MINOR] = {"미성년자", "MINOR"},
    [S_ADULT_FIELD] = {"성인", "Adult"},
    [S_MINOR_FIELD] = {"미성년자", "Minor"},
    [S_MINOR_SUB] = {"유효한 신분증 · 청소년보호법상 청소년입니다",
                     "Valid ID · a youth under the Youth Protection Act"},
    [S_LICENCE_SUB] = {"신분증은 유효하지만 면허가 유효하지 않습니다.",
                       "The ID is genuine, but the licence is not valid."},
    [S_PORTRAIT_NOTICE] = {"! 주민증 진위확인 서비스는 사진 등 일부 정보를 "
                           "확인할 수 없습니다.",
                           "! The resident card authenticity service cannot "
                           "confirm some information, such as the photo."},
    [S_EXTEND] = {"30초 연장", "Extend 30 s"},
    [S_CLOSE] = {"닫기", "Close"},
    [S_CAMERA_LOST] = {"카메라 연결이 끊어졌습니다. 다시 연결하는 중…",
                       "Camera disconnected. Reconnecting…"},
    [S_CLOCK_TITLE] = {"기기 시계가 올바르지 않습니다.",
                       "The kiosk clock is wrong."},
    [S_CLOCK_BODY] = {"시계가 맞춰질 때까지 신분증을 확인할 수 없습니다. "
                      "관리자에게 문의하세요.",
                      "IDs cannot be verified until the clock is corrected. "
                      "Please call the administrator."},
    [S_NOTICE_TITLE] = {"알림", "Notice"},
    [S_REVOCATION_TODAY] = {"폐지목록 오늘 갱신",
                            "Revocation list updated today"},
    [S_REVOCATION_NONE] = {"폐지목록 없음", "No revocation list"},
    [S_LANG_OTHER] = {"English", "한국어"},
    [S_LIC_VALID] = {"정상", "Valid"},
    [S_LIC_EXPIRED] = {"만료", "Expired"},
    [S_LIC_SUSPENDED] = {"정지", "Suspended"},
    [S_LIC_CANCELLED] = {"취소", "Cancelled"},
    [S_DOC_RESIDENT] = {"주민등록증", "Resident registration card"},
    [S_DOC_LICENCE] = {"운전면허증", "Driver's licence"},
    [S_NO_ITEMS] = {"선택한 정보가 없습니다.", "No information selected."},
    [S_PIN_TITLE] = {"운영자 PIN 입력", "Operator PIN"},
    [S_PIN_PROMPT] = {"PIN을 입력한 뒤 확인을 누르세요.",
                      "Enter the PIN, then press OK."},
    [S_PIN_OK] = {"확인", "OK"},
    [S_PIN_CANCEL] = {"취소", "Cancel"},
    [S_STATUS_TITLE] = {"운영자 상태", "Operator status"},
    [S_EXPORT] = {"USB로 내보내기", "Export to USB"},
    [S_EXPORTING] = {"점검 기록을 내보내는 중…", "Exporting the check log…"},
    [S_SEC_DEVICE] = {"기기", "Kiosk"},
    [S_SEC_LOG] = {"점검 기록", "Check log"},
    [S_SEC_REVOCATION] = {"폐지목록", "Revocation list"},
    [S_SEC_COUNTERS] = {"집계 (시작 이후)", "Counters (since start)"},
    [S_SEC_KEYS] = {"신뢰 키", "Trust keys"},
    [S_L_VERSION] = {"버전", "Version"},
    [S_L_KIOSK] = {"키오스크 ID", "Kiosk ID"},
    [S_L_BUILD] = {"빌드 시각", "Built"},
    [S_L_CAMERA] = {"카메라", "Camera"},
    [S_L_RECONNECTS] = {"재연결", "Reconnected"},
    [S_L_LINES] = {"오늘 기록", "Lines today"},
    [S_L_DROPPED] = {"누락", "Dropped"},
    [S_L_SEQ] = {"일련번호", "Sequence"},
    [S_L_ISSUED] = {"발급", "Issued"},
    [S_L_REVOKED] = {"폐지 건수", "Revoked IDs"},
    [S_L_FRAMES] = {"프레임", "Frames"},
    [S_L_CODES] = {"확인한 신분증", "IDs checked"},
    [S_L_VALID] = {"유효", "Valid"},
    [S_L_INVALID] = {"무효", "Invalid"},
    [S_L_MULTI] = {"여러 코드 동시", "Several codes"},
    [S_L_NOT_MID] = {"신분증 아닌 QR", "Non-ID QR codes"},
    [S_CAM_OK] = {"연결됨", "Connected"},
    [S_CAM_LOST] = {"연결 끊김", "Disconnected"},
    [S_NONE] = {"없음", "none"},
    [S_NOT_INSTALLED] = {"설치되지 않음", "Not installed"},
    [S_KEYS_NONE] = {"신뢰 키 없음: 모든 신분증이 거절됩니다.",
                     "No trust keys: every ID is refused."},
    [S_DOC_RES_SHORT] = {"주민", "Resident"},
    [S_DOC_LIC_SHORT] = {"면허", "Licence"},
    [S_DOC_RES_ABBR] = {"주민", "RC"},
    [S_DOC_LIC_ABBR] = {"면허", "DL"},
    [S_KEY_VALID] = {"유효", "valid"},
    [S_KEY_NOT_YET] = {"시작 전", "not yet"},
    [S_KEY_EXPIRED] = {"만료", "expired"},
};

static int lang_ix(const mid_ui_model *m)
{
    return m->lang == MID_LANG_EN ? 1 : 0;
}

const char *ui_tr(const mid_ui_model *m, ui_str s)
{
    return k_str[s][lang_ix(m)];
}

/* Formatted wording: literal formats only (-Wformat-nonliteral). */
void ui_fmt_revocation(const mid_ui_model *m, int days, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Revocation list %d day%s old", days,
                 days == 1 ? "" : "s");
    else
        snprintf(out, cap, "폐지목록 %d일 전", days);
}

void ui_fmt_countdown(const mid_ui_model *m, int s, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Closes automatically in %d s.", s);
    else
        snprintf(out, cap, "%d초 뒤 자동으로 창이 닫힙니다.", s);
}

void ui_fmt_age(const mid_ui_model *m, int age, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%d years", age);
    else
        snprintf(out, cap, "만 %d세", age);
}

void ui_fmt_selected(const mid_ui_model *m, const char *label, char *out,
                     size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Selected: %s", label);
    else
        snprintf(out, cap, "%s 선택", label);
}

void ui_fmt_licence(const mid_ui_model *m, const char *state, char *out,
                    size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "LICENCE %s", state);
    else
        snprintf(out, cap, "면허 %s", state);
}

const char *ui_or_q(const char *s)
{
    return (s && s[0]) ? s : "?";
}

const char *ui_purpose_label(const mid_ui_model *m)
{
    if ((unsigned)m->purpose >= (unsigned)MID_PURPOSE_COUNT)
        return "?";
    return ui_or_q(mid_purpose_label(m->purpose, m->lang));
}

/* Requested items in the order a person reads an ID card. */
const mid_item ui_item_order[MID_ITEM_COUNT] = {
    MID_ITEM_PORTRAIT,
    MID_ITEM_NAME,
    MID_ITEM_RRN,
    MID_ITEM_BIRTH_DATE,
    MID_ITEM_AGE,
    MID_ITEM_ADULT,
    MID_ITEM_DOCTYPE,
    MID_ITEM_ISSUE_DATE,
    MID_ITEM_LICENCE_CLASS,
    MID_ITEM_LICENCE_NUMBER,
    MID_ITEM_LICENCE_STATUS,
    MID_ITEM_LICENCE_EXPIRY,
};
