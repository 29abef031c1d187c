/* mid-kiosk — what each screen shows and where (docs/ui.md has the
 * wording, the keypad focus order and the key map). The look is our own:
 * a neutral dark theme, white primary buttons, a yellow focus ring and one
 * full-width coloured band for the verdict. Everything is sized from the
 * output size, so any landscape or portrait panel works. */
#include <stdio.h>
#include <string.h>

#include "mid/mid_crypto.h"
#include "mid/mid_korean.h"
#include "mid/mid_payload.h"
#include "ui/sdl_private.h"

/* Dots drawn for the digits typed (the app takes at most 15). */
#define UI_PIN_DOTS_MAX 15

/* ---- theme ---- */
static const SDL_Color C_BG = {0x14, 0x17, 0x1C, 0xFF};
static const SDL_Color C_STATUS_BG = {0x0C, 0x0E, 0x11, 0xFF};
static const SDL_Color C_PANEL = {0x23, 0x28, 0x30, 0xFF};
static const SDL_Color C_PANEL_HI = {0x31, 0x38, 0x43, 0xFF};
static const SDL_Color C_LINE = {0x48, 0x51, 0x5E, 0xFF};
static const SDL_Color C_TEXT = {0xF4, 0xF6, 0xF8, 0xFF};
static const SDL_Color C_DIM = {0xA9, 0xB2, 0xBE, 0xFF};
static const SDL_Color C_FAINT = {0x6A, 0x73, 0x7F, 0xFF};
static const SDL_Color C_WHITE = {0xFF, 0xFF, 0xFF, 0xFF};
static const SDL_Color C_INK = {0x12, 0x14, 0x18, 0xFF};
static const SDL_Color C_FOCUS = {0xFF, 0xC4, 0x00, 0xFF};
static const SDL_Color C_WARN = {0xFF, 0xB0, 0x20, 0xFF};
static const SDL_Color C_GOOD = {0x1E, 0x9E, 0x4A, 0xFF};  /* valid band */
static const SDL_Color C_BAD = {0xD3, 0x2F, 0x2F, 0xFF};   /* invalid band */
static const SDL_Color C_AMBER = {0xE8, 0x6A, 0x00, 0xFF}; /* refusal band */
static const SDL_Color C_GOOD_TEXT = {0x6B, 0xDB, 0x8E, 0xFF};
static const SDL_Color C_BAD_TEXT = {0xFF, 0x7A, 0x6E, 0xFF};
static const SDL_Color C_BLACK = {0x00, 0x00, 0x00, 0xFF};

/* ---- wording (walkthrough flow 6; English beside each) ---- */
typedef enum ui_str {
    S_PURPOSE_TITLE,
    S_NEXT,
    S_BACK,
    S_REQUEST_TITLE,
    S_REQUEST_MORE,
    S_SCAN_TITLE,
    S_CHANGE_REQUEST,
    S_HINT_ONE_CODE,
    S_HINT_NOT_MID,
    S_RESULT_TITLE,
    S_VALID,
    S_VALID_SUB,
    S_INVALID,
    S_INVALID_SUB,
    S_ADULT,
    S_ADULT_SUB,
    S_MINOR,
    S_ADULT_FIELD,
    S_MINOR_FIELD,
    S_MINOR_SUB,
    S_LICENCE_SUB,
    S_PORTRAIT_NOTICE,
    S_EXTEND,
    S_CLOSE,
    S_CAMERA_LOST,
    S_CLOCK_TITLE,
    S_CLOCK_BODY,
    S_NOTICE_TITLE,
    S_REVOCATION_TODAY,
    S_REVOCATION_NONE,
    S_LANG_OTHER,
    S_LIC_VALID,
    S_LIC_EXPIRED,
    S_LIC_SUSPENDED,
    S_LIC_CANCELLED,
    S_DOC_RESIDENT,
    S_DOC_LICENCE,
    S_NO_ITEMS,
    /* operator screens */
    S_PIN_TITLE,
    S_PIN_PROMPT,
    S_PIN_OK,
    S_PIN_CANCEL,
    S_STATUS_TITLE,
    S_EXPORT,
    S_EXPORTING,
    S_SEC_DEVICE,
    S_SEC_LOG,
    S_SEC_REVOCATION,
    S_SEC_COUNTERS,
    S_SEC_KEYS,
    S_L_VERSION,
    S_L_KIOSK,
    S_L_BUILD,
    S_L_CAMERA,
    S_L_RECONNECTS,
    S_L_LINES,
    S_L_DROPPED,
    S_L_SEQ,
    S_L_ISSUED,
    S_L_REVOKED,
    S_L_FRAMES,
    S_L_CODES,
    S_L_VALID,
    S_L_INVALID,
    S_L_MULTI,
    S_L_NOT_MID,
    S_CAM_OK,
    S_CAM_LOST,
    S_NONE,
    S_NOT_INSTALLED,
    S_KEYS_NONE,
    S_DOC_RES_SHORT,
    S_DOC_LIC_SHORT,
    S_DOC_RES_ABBR,
    S_DOC_LIC_ABBR,
    S_KEY_VALID,
    S_KEY_NOT_YET,
    S_KEY_EXPIRED,
    S_COUNT
} ui_str;

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

static const char *tr(const mid_ui_model *m, ui_str s)
{
    return k_str[s][lang_ix(m)];
}

/* Formatted wording: literal formats only (-Wformat-nonliteral). */
static void fmt_revocation(const mid_ui_model *m, int days, char *out,
                           size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Revocation list %d day%s old", days,
                 days == 1 ? "" : "s");
    else
        snprintf(out, cap, "폐지목록 %d일 전", days);
}

static void fmt_countdown(const mid_ui_model *m, int s, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Closes automatically in %d s.", s);
    else
        snprintf(out, cap, "%d초 뒤 자동으로 창이 닫힙니다.", s);
}

static void fmt_age(const mid_ui_model *m, int age, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%d years", age);
    else
        snprintf(out, cap, "만 %d세", age);
}

static void fmt_selected(const mid_ui_model *m, const char *label, char *out,
                         size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Selected: %s", label);
    else
        snprintf(out, cap, "%s 선택", label);
}

static void fmt_licence(const mid_ui_model *m, const char *state, char *out,
                        size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "LICENCE %s", state);
    else
        snprintf(out, cap, "면허 %s", state);
}

static const char *or_q(const char *s)
{
    return (s && s[0]) ? s : "?";
}

static const char *purpose_label(const mid_ui_model *m)
{
    if ((unsigned)m->purpose >= (unsigned)MID_PURPOSE_COUNT)
        return "?";
    return or_q(mid_purpose_label(m->purpose, m->lang));
}

/* Requested items in the order a person reads an ID card. */
static const mid_item k_item_order[MID_ITEM_COUNT] = {
    MID_ITEM_PORTRAIT,       MID_ITEM_NAME,           MID_ITEM_RRN,
    MID_ITEM_BIRTH_DATE,     MID_ITEM_AGE,            MID_ITEM_ADULT,
    MID_ITEM_DOCTYPE,        MID_ITEM_ISSUE_DATE,     MID_ITEM_LICENCE_CLASS,
    MID_ITEM_LICENCE_NUMBER, MID_ITEM_LICENCE_STATUS, MID_ITEM_LICENCE_EXPIRY,
};

/* ---- metrics ---- */
typedef struct metrics {
    int w, h;
    int m;        /* outer margin */
    int gap;      /* between controls */
    int bh;       /* button height */
    int status_h; /* status line */
    int footer_y; /* top of the footer buttons */
    int ring;     /* focus ring thickness */
    int landscape;
} metrics;

static metrics metrics_of(mid_ui_sdl *u)
{
    metrics k;
    int md = ui_font_px(u, UI_MD);
    k.w = u->w;
    k.h = u->h;
    k.landscape = u->w >= u->h;
    k.m = md * 4 / 5;
    k.gap = md / 2;
    k.bh = md * 2;
    k.status_h = ui_line_h(u, UI_REG, UI_XS) + md / 3;
    k.footer_y = k.h - k.status_h - k.m * 2 / 3 - k.bh;
    k.ring = md / 8 < 3 ? 3 : md / 8;
    return k;
}

static SDL_Rect rect(int x, int y, int w, int h)
{
    SDL_Rect r;
    r.x = x;
    r.y = y;
    r.w = w;
    r.h = h;
    return r;
}

static int imax(int a, int b)
{
    return a > b ? a : b;
}

static int imin(int a, int b)
{
    return a < b ? a : b;
}

/* ---- controls ---- */
typedef enum btn_style { BTN_PRIMARY, BTN_SECONDARY } btn_style;

static void focus_ring(mid_ui_sdl *u, const metrics *k,
                       const mid_ui_model *m, int idx, SDL_Rect r, int rad)
{
    int t = k->ring, off = k->ring * 2;
    if (idx < 0 || m->focus != idx)
        return;
    ui_round_frame(u, rect(r.x - off, r.y - off, r.w + 2 * off, r.h + 2 * off),
                   rad + off, t, C_FOCUS);
}

static void button_ex(mid_ui_sdl *u, const metrics *k, const mid_ui_model *m,
                      SDL_Rect r, const char *label, btn_style st,
                      int enabled, int focus_idx, mid_ui_event_kind kind,
                      uint32_t arg, ui_size max_size)
{
    int rad = r.h / 4;
    int pad = k->gap;
    SDL_Color bg = C_PANEL_HI, fg = C_TEXT;
    ui_size sz;
    if (!enabled) {
        bg = C_PANEL;
        fg = C_FAINT;
    } else if (st == BTN_PRIMARY) {
        bg = C_WHITE;
        fg = C_INK;
    }
    ui_round(u, r, rad, bg);
    if (st == BTN_SECONDARY || !enabled)
        ui_round_frame(u, r, rad, 2, enabled ? C_LINE : C_PANEL_HI);
    sz = ui_fit(u, UI_BOLD, max_size, UI_XS, label, r.w - 2 * pad);
    ui_text(u, UI_BOLD, sz, fg, label, r.x + r.w / 2, r.y + r.h / 2,
            UI_AL_CENTER | UI_AV_MIDDLE, r.w - pad, 0);
    focus_ring(u, k, m, focus_idx, r, rad);
    ui_add_button(u, r, kind, arg, focus_idx, enabled);
}

static void button(mid_ui_sdl *u, const metrics *k, const mid_ui_model *m,
                   SDL_Rect r, const char *label, btn_style st, int enabled,
                   int focus_idx, mid_ui_event_kind kind, uint32_t arg)
{
    button_ex(u, k, m, r, label, st, enabled, focus_idx, kind, arg, UI_MD);
}

/* Width of a footer button: a fifth of the screen, or its label. */
static int button_w(mid_ui_sdl *u, const metrics *k, const char *label)
{
    int w = ui_text_w(u, UI_BOLD, UI_MD, label) + 3 * k->m;
    return imin(imax(w, k->w / 5), k->w / 2 - k->m);
}

static void check_mark(mid_ui_sdl *u, float cx, float cy, float s, float t,
                       SDL_Color c)
{
    /* short stroke down-right, long stroke up-right; s = half size */
    ui_line(u, cx - s * 0.62f, cy + s * 0.02f, cx - s * 0.16f, cy + s * 0.48f,
            t, c);
    ui_line(u, cx - s * 0.16f, cy + s * 0.48f, cx + s * 0.66f, cy - s * 0.46f,
            t, c);
}

static void cross_mark(mid_ui_sdl *u, float cx, float cy, float s, float t,
                       SDL_Color c)
{
    ui_line(u, cx - s * 0.48f, cy - s * 0.48f, cx + s * 0.48f, cy + s * 0.48f,
            t, c);
    ui_line(u, cx - s * 0.48f, cy + s * 0.48f, cx + s * 0.48f, cy - s * 0.48f,
            t, c);
}

static void checkbox(mid_ui_sdl *u, SDL_Rect r, int on)
{
    int rad = r.w / 5;
    if (on) {
        ui_round(u, r, rad, C_WHITE);
        check_mark(u, (float)r.x + (float)r.w / 2.0f,
                   (float)r.y + (float)r.h / 2.0f, (float)r.w * 0.42f,
                   (float)r.w * 0.14f, C_INK);
    } else {
        ui_round_frame(u, r, rad, imax(2, r.w / 12), C_DIM);
    }
}

/* A chip: short text on a rounded pill, right- or left-anchored. */
static SDL_Rect chip(mid_ui_sdl *u, const metrics *k, const char *s, int x,
                     int y_mid, int right_anchor)
{
    int tw = ui_text_w(u, UI_BOLD, UI_SM, s);
    int ch = ui_line_h(u, UI_BOLD, UI_SM) + k->gap / 3;
    int cw = tw + 2 * k->gap;
    SDL_Rect r = rect(right_anchor ? x - cw : x, y_mid - ch / 2, cw, ch);
    ui_round(u, r, ch / 2, C_PANEL_HI);
    ui_text(u, UI_BOLD, UI_SM, C_TEXT, s, r.x + r.w / 2, r.y + r.h / 2,
            UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
    return r;
}

static SDL_Rect title(mid_ui_sdl *u, const metrics *k, const char *s,
                      int max_w)
{
    SDL_Rect r = ui_text(u, UI_BOLD, UI_LG, C_TEXT, s, k->m, k->m, 0, max_w,
                         0);
    ui_set_region(u, MID_UI_REGION_TITLE, r);
    return r;
}

/* ---- status line (every screen) ---- */
static void status_line(mid_ui_sdl *u, const metrics *k,
                        const mid_ui_model *m)
{
    char buf[96];
    const char *s = buf;
    int y = k->h - k->status_h;
    int warn = m->revocation_stale || m->revocation_age_days < 0;
    SDL_Color c = warn ? C_WARN : C_DIM;
    int dot = ui_font_px(u, UI_XS) / 4;
    SDL_Rect r, lb;
    const char *other = tr(m, S_LANG_OTHER);
    int lw;
    ui_fill(u, rect(0, y, k->w, k->status_h), C_STATUS_BG);
    ui_fill(u, rect(0, y, k->w, 1), C_PANEL_HI);
    if (m->revocation_age_days < 0)
        s = tr(m, S_REVOCATION_NONE);
    else if (m->revocation_age_days == 0)
        s = tr(m, S_REVOCATION_TODAY);
    else
        fmt_revocation(m, m->revocation_age_days, buf, sizeof(buf));
    ui_disc(u, (float)(k->m + dot), (float)(y + k->status_h / 2), (float)dot,
            warn ? C_WARN : C_GOOD_TEXT);
    r = ui_text(u, warn ? UI_BOLD : UI_REG, UI_XS, c, s, k->m + 3 * dot,
                y + k->status_h / 2, UI_AV_MIDDLE, 0, 0);
    ui_set_region(u, MID_UI_REGION_STATUS, r);
    /* a 3 s press here opens the operator PIN screen (touch panels have no
     * F12); nothing is drawn for it and a tap does nothing */
    ui_set_region(u, MID_UI_REGION_HOLD,
                  rect(0, y, imax(r.x + r.w + k->m, k->w / 4), k->status_h));
    /* language switch for customers who read English; L on a keyboard */
    lw = ui_text_w(u, UI_BOLD, UI_XS, other) + 2 * k->gap;
    lb = rect(k->w - k->m - lw, y + 3, lw, k->status_h - 6);
    ui_round_frame(u, lb, lb.h / 2, 1, C_LINE);
    ui_text(u, UI_BOLD, UI_XS, C_DIM, other, lb.x + lb.w / 2,
            lb.y + lb.h / 2, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
    ui_add_button(u, lb, MID_EV_TOGGLE_LANG, 0, -1, 1);
}

/* ---- PURPOSE ---- */
/* Only the purposes offered (config `purposes`) are drawn, numbered 1..n
 * in order (the digit keys follow the numbers): four as a 2x2 grid in
 * landscape, fewer as full-width rows no taller than the four-card ones. */
static void screen_purpose(mid_ui_sdl *u, const metrics *k,
                           const mid_ui_model *m)
{
    SDL_Rect t = title(u, k, tr(m, S_PURPOSE_TITLE), k->w - 2 * k->m);
    uint32_t all = (1u << MID_PURPOSE_COUNT) - 1u;
    uint32_t offered = m->purposes_offered & all;
    int list[MID_PURPOSE_COUNT], n = 0;
    int cols, rows, full_rows = k->landscape ? 2 : (int)MID_PURPOSE_COUNT;
    int top = t.y + t.h + k->m * 2 / 3;
    int bottom = k->footer_y - k->m * 2 / 3;
    int cw, ch;
    const char *next = tr(m, S_NEXT);
    int bw = button_w(u, k, next);
    if (offered == 0)
        offered = all;
    for (int i = 0; i < (int)MID_PURPOSE_COUNT; i++)
        if (offered & (1u << i))
            list[n++] = i;
    cols = k->landscape && n == (int)MID_PURPOSE_COUNT ? 2 : 1;
    rows = (n + cols - 1) / cols;
    cw = (k->w - 2 * k->m - (cols - 1) * k->gap) / cols;
    ch = imin((bottom - top - (rows - 1) * k->gap) / rows,
              (bottom - top - (full_rows - 1) * k->gap) / full_rows);
    for (int i = 0; i < n; i++) {
        mid_purpose p = (mid_purpose)list[i];
        SDL_Rect c = rect(k->m + (i % cols) * (cw + k->gap),
                          top + (i / cols) * (ch + k->gap), cw, ch);
        int sel = m->purpose == p;
        int rad = imin(k->m / 2, ch / 4);
        float br = (float)imin(ch / 4, ui_font_px(u, UI_LG) * 3 / 4);
        float bx = (float)c.x + (float)k->gap + br;
        float by = (float)c.y + (float)c.h / 2.0f;
        int tx = (int)(bx + br) + k->gap;
        int tw = c.x + c.w - tx - k->gap;
        const char *label = or_q(mid_purpose_label(p, m->lang));
        const char *hint = mid_purpose_hint(p, m->lang);
        char num[12];
        int lh = ui_line_h(u, UI_BOLD, UI_LG);
        int hh = (hint && hint[0]) ? ui_line_h(u, UI_REG, UI_SM) : 0;
        ui_size lsz = ui_fit(u, UI_BOLD, UI_LG, UI_MD, label, tw);
        ui_round(u, c, rad, sel ? C_PANEL_HI : C_PANEL);
        if (sel)
            ui_round_frame(u, c, rad, k->ring, C_WHITE);
        /* keypad number badge: white when selected */
        ui_disc(u, bx, by, br, sel ? C_WHITE : C_PANEL_HI);
        if (!sel)
            ui_ring(u, bx, by, br, 2.0f, C_LINE);
        snprintf(num, sizeof(num), "%d", i + 1);
        ui_text(u, UI_BOLD, UI_MD, sel ? C_INK : C_TEXT, num, (int)bx,
                (int)by, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
        ui_text(u, UI_BOLD, lsz, C_TEXT, label, tx,
                (int)by - (lh + hh) / 2 + lh / 2, UI_AV_MIDDLE, 0, 0);
        if (hh)
            ui_text(u, UI_REG, UI_SM, C_DIM, hint, tx,
                    (int)by + (lh + hh) / 2 - hh / 2, UI_AV_MIDDLE, tw, 0);
        /* the focus index is the purpose, as the app counts it */
        focus_ring(u, k, m, (int)p, c, rad);
        ui_add_button(u, c, MID_EV_SELECT_PURPOSE, (uint32_t)p, (int)p, 1);
    }
    button(u, k, m, rect(k->w - k->m - bw, k->footer_y, bw, k->bh), next,
           BTN_PRIMARY, 1, -1, MID_EV_NEXT, 0);
}

/* ---- REQUEST ---- */
static void item_list(mid_ui_sdl *u, const mid_ui_model *m, uint32_t items,
                      SDL_Rect box, ui_size sz)
{
    int n = 0, rows, cols, colw, rh = ui_line_h(u, UI_BOLD, sz) * 6 / 5;
    int idx = 0;
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++)
        if (items & (uint32_t)k_item_order[i])
            n++;
    if (n == 0) {
        ui_text(u, UI_REG, sz, C_DIM, tr(m, S_NO_ITEMS), box.x, box.y, 0,
                box.w, 0);
        return;
    }
    rows = imax(1, box.h / rh);
    cols = (n + rows - 1) / rows;
    if (cols < 1)
        cols = 1;
    rows = (n + cols - 1) / cols;
    colw = box.w / cols;
    for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
        mid_item it = k_item_order[i];
        int x, y, d = ui_font_px(u, sz) / 5;
        if (!(items & (uint32_t)it))
            continue;
        x = box.x + (idx / rows) * colw;
        y = box.y + (idx % rows) * rh + rh / 2;
        ui_disc(u, (float)(x + d), (float)y, (float)d, C_GOOD_TEXT);
        ui_text(u, UI_BOLD, sz, C_TEXT, or_q(mid_item_label(it, m->lang)),
                x + 4 * d, y, UI_AV_MIDDLE, 0, 0);
        idx++;
    }
}

static void screen_request(mid_ui_sdl *u, const metrics *k,
                           const mid_ui_model *m)
{
    SDL_Rect t = title(u, k, tr(m, S_REQUEST_TITLE), k->w / 2);
    int top = t.y + t.h + k->m / 2;
    int bottom = k->footer_y - k->m * 2 / 3;
    int custom = m->purpose == MID_PURPOSE_CUSTOM;
    const char *next = tr(m, S_NEXT), *back = tr(m, S_BACK);
    int bw = button_w(u, k, next);
    chip(u, k, purpose_label(m), k->w - k->m, t.y + t.h / 2, 1);
    if (!custom) {
        SDL_Rect card = rect(k->m, top, k->w - 2 * k->m, bottom - top);
        ui_round(u, card, k->m / 2, C_PANEL);
        item_list(u, m, m->items,
                  rect(card.x + k->m, card.y + k->m / 2, card.w - 2 * k->m,
                       card.h - k->m),
                  UI_LG);
    } else {
        int cols = k->landscape ? 3 : 2;
        int rows = ((int)MID_ITEM_COUNT + cols - 1) / cols;
        SDL_Rect sub = ui_text(u, UI_BOLD, UI_MD, C_DIM, tr(m, S_REQUEST_MORE),
                               k->m, top, 0, k->w - 2 * k->m, 0);
        int gtop = sub.y + sub.h + k->gap / 2;
        int tw = (k->w - 2 * k->m - (cols - 1) * k->gap) / cols;
        int th = imin(k->bh, (bottom - gtop - (rows - 1) * k->gap / 2) / rows);
        for (unsigned i = 0; i < MID_ITEM_COUNT; i++) {
            /* bit order: the app moves the keypad focus by bit index */
            mid_item it = (mid_item)(1u << i);
            int on = (m->items & (uint32_t)it) != 0;
            SDL_Rect r = rect(k->m + (int)(i % (unsigned)cols) * (tw + k->gap),
                              gtop + (int)(i / (unsigned)cols) *
                                         (th + k->gap / 2),
                              tw, th);
            int bs = th * 9 / 20;
            const char *label = or_q(mid_item_label(it, m->lang));
            int lx = r.x + k->gap + bs + k->gap;
            ui_size sz = ui_fit(u, UI_REG, UI_MD, UI_XS, label,
                                r.x + r.w - lx - k->gap / 2);
            ui_round(u, r, th / 4, on ? C_PANEL_HI : C_PANEL);
            if (on)
                ui_round_frame(u, r, th / 4, 2, C_WHITE);
            checkbox(u, rect(r.x + k->gap, r.y + (th - bs) / 2, bs, bs), on);
            ui_text(u, on ? UI_BOLD : UI_REG, sz, on ? C_TEXT : C_DIM, label,
                    lx, r.y + th / 2, UI_AV_MIDDLE, 0, 0);
            focus_ring(u, k, m, (int)i, r, th / 4);
            ui_add_button(u, r, MID_EV_TOGGLE_ITEM, (uint32_t)it, (int)i, 1);
        }
    }
    button(u, k, m, rect(k->w - k->m - bw, k->footer_y, bw, k->bh), next,
           BTN_PRIMARY, !custom || m->items != 0, -1, MID_EV_NEXT, 0);
    if (!m->purpose_fixed)
        button(u, k, m,
               rect(k->m, k->footer_y, button_w(u, k, back), k->bh), back,
               BTN_SECONDARY, 1, -1, MID_EV_BACK, 0);
}

/* ---- SCAN ---- */
static void viewfinder(mid_ui_sdl *u, SDL_Rect box)
{
    int s = imin(box.w, box.h) * 3 / 5;
    int x0 = box.x + (box.w - s) / 2, y0 = box.y + (box.h - s) / 2;
    float len = (float)s / 5.0f, t = (float)imax(4, s / 40);
    float xa = (float)x0, ya = (float)y0, xb = (float)(x0 + s),
          yb = (float)(y0 + s);
    SDL_Color c = {0xFF, 0xFF, 0xFF, 0xD0};
    ui_line(u, xa, ya, xa + len, ya, t, c);
    ui_line(u, xa, ya, xa, ya + len, t, c);
    ui_line(u, xb, ya, xb - len, ya, t, c);
    ui_line(u, xb, ya, xb, ya + len, t, c);
    ui_line(u, xa, yb, xa + len, yb, t, c);
    ui_line(u, xa, yb, xa, yb - len, t, c);
    ui_line(u, xb, yb, xb - len, yb, t, c);
    ui_line(u, xb, yb, xb, yb - len, t, c);
}

static void screen_scan(mid_ui_sdl *u, const metrics *k,
                        const mid_ui_model *m)
{
    SDL_Rect t = title(u, k, tr(m, S_SCAN_TITLE), k->w - 2 * k->m);
    int top = t.y + t.h + k->m * 2 / 3;
    int bottom = k->h - k->status_h - k->m * 2 / 3;
    SDL_Rect pv, panel, drawn;
    if (k->landscape) {
        int pw = imin((bottom - top) * 4 / 3, (k->w - 2 * k->m) * 3 / 5);
        pv = rect(k->m, top, pw, bottom - top);
        panel = rect(pv.x + pv.w + k->m, top, k->w - pv.w - 3 * k->m,
                     bottom - top);
    } else {
        int ph = imin((k->w - 2 * k->m) * 3 / 4, (bottom - top) * 3 / 5);
        pv = rect(k->m, top, k->w - 2 * k->m, ph);
        panel = rect(k->m, pv.y + pv.h + k->m, k->w - 2 * k->m,
                     bottom - pv.y - pv.h - k->m);
    }
    ui_round(u, pv, k->m / 2, C_BLACK);
    if (ui_preview(u, m->preview, pv, &drawn))
        ui_set_region(u, MID_UI_REGION_PREVIEW, drawn);
    else
        ui_set_region(u, MID_UI_REGION_PREVIEW, pv);
    viewfinder(u, pv);
    if (m->hint == MID_HINT_ONE_CODE || m->hint == MID_HINT_NOT_MID) {
        const char *h = tr(m, m->hint == MID_HINT_ONE_CODE ? S_HINT_ONE_CODE
                                                           : S_HINT_NOT_MID);
        int bh = ui_line_h(u, UI_BOLD, UI_MD) * 3 / 2;
        ui_size sz = ui_fit(u, UI_BOLD, UI_MD, UI_SM, h, pv.w - 2 * k->gap);
        SDL_Rect b = rect(pv.x, pv.y + pv.h - bh, pv.w, bh);
        ui_fill(u, b, C_WARN);
        ui_text(u, UI_BOLD, sz, C_INK, h, b.x + b.w / 2, b.y + b.h / 2,
                UI_AL_CENTER | UI_AV_MIDDLE, b.w - k->gap, 0);
        ui_set_region(u, MID_UI_REGION_HINT, b);
    }
    /* right panel: what will be asked for, and the way to change it */
    {
        SDL_Rect c, head;
        int list_bottom = panel.y + panel.h;
        const char *chg = tr(m, S_CHANGE_REQUEST);
        c = chip(u, k, purpose_label(m), panel.x, panel.y + k->gap, 0);
        head = ui_text(u, UI_BOLD, UI_MD, C_DIM, tr(m, S_REQUEST_TITLE),
                       panel.x, c.y + c.h + k->gap / 2, 0, panel.w, 0);
        if (!m->purpose_fixed) {
            SDL_Rect b = rect(panel.x, panel.y + panel.h - k->bh, panel.w,
                              k->bh);
            button(u, k, m, b, chg, BTN_SECONDARY, 1, -1,
                   MID_EV_CHANGE_REQUEST, 0);
            list_bottom = b.y - k->gap;
        }
        item_list(u, m, m->items,
                  rect(panel.x, head.y + head.h + k->gap / 3, panel.w,
                       list_bottom - head.y - head.h - k->gap / 3),
                  UI_MD);
    }
}

/* ---- RESULT ---- */
typedef enum band_kind {
    BAND_VALID,
    BAND_INVALID,
    BAND_ADULT,
    BAND_MINOR,
    BAND_LICENCE
} band_kind;

static const char *licence_state_str(const mid_ui_model *m,
                                     mid_licence_state s)
{
    switch (s) {
    case MID_LICSTATE_VALID:
        return tr(m, S_LIC_VALID);
    case MID_LICSTATE_EXPIRED:
        return tr(m, S_LIC_EXPIRED);
    case MID_LICSTATE_SUSPENDED:
        return tr(m, S_LIC_SUSPENDED);
    case MID_LICSTATE_CANCELLED:
        return tr(m, S_LIC_CANCELLED);
    }
    return "?";
}

static band_kind band_of(const mid_ui_model *m)
{
    const mid_view *v = m->view;
    if (m->verdict != MID_VERDICT_VALID)
        return BAND_INVALID;
    if (!v)
        return BAND_VALID;
    /* for these purposes the decision itself is the headline */
    if (m->purpose == MID_PURPOSE_ADULT && (v->items & MID_ITEM_ADULT))
        return v->adult ? BAND_ADULT : BAND_MINOR;
    if (m->purpose == MID_PURPOSE_LICENCE &&
        (v->items & MID_ITEM_LICENCE_STATUS) &&
        v->licence_state != MID_LICSTATE_VALID)
        return BAND_LICENCE;
    return BAND_VALID;
}

static int band_height(mid_ui_sdl *u, const metrics *k, ui_size big)
{
    return ui_line_h(u, UI_BOLD, big) + ui_line_h(u, UI_BOLD, UI_SM) +
           k->gap / 2;
}

/* The verdict: a full-width band, a symbol drawn with primitives, a word
 * in the largest type that fits (big_max: XL, or LG when the fields need
 * the room) and one line saying what it means. */
static SDL_Rect band(mid_ui_sdl *u, const metrics *k, const mid_ui_model *m,
                     int y, ui_size big_max)
{
    band_kind bk = band_of(m);
    SDL_Color bg = C_GOOD;
    char big[64];
    const char *sub = tr(m, S_VALID_SUB);
    int h = band_height(u, k, big_max);
    float r = (float)h * 0.36f;
    float cx = (float)k->m + r, cy = (float)y + (float)h / 2.0f;
    int tx = (int)(cx + r) + k->m;
    ui_size bsz;
    SDL_Rect br;
    snprintf(big, sizeof(big), "%s", tr(m, S_VALID));
    switch (bk) {
    case BAND_VALID:
        break;
    case BAND_INVALID:
        bg = C_BAD;
        snprintf(big, sizeof(big), "%s", tr(m, S_INVALID));
        sub = tr(m, S_INVALID_SUB);
        break;
    case BAND_ADULT:
        snprintf(big, sizeof(big), "%s", tr(m, S_ADULT));
        sub = tr(m, S_ADULT_SUB);
        break;
    case BAND_MINOR:
        bg = C_AMBER;
        snprintf(big, sizeof(big), "%s", tr(m, S_MINOR));
        sub = tr(m, S_MINOR_SUB);
        break;
    case BAND_LICENCE:
        bg = C_AMBER;
        fmt_licence(m, licence_state_str(m, m->view->licence_state), big,
                    sizeof(big));
        sub = tr(m, S_LICENCE_SUB);
        break;
    }
    br = rect(0, y, k->w, h);
    ui_fill(u, br, bg);
    ui_set_region(u, MID_UI_REGION_VERDICT, br);
    /* the symbol: white disc, mark in the band colour */
    ui_disc(u, cx, cy, r, C_WHITE);
    switch (bk) {
    case BAND_VALID:
    case BAND_ADULT:
        check_mark(u, cx, cy, r * 0.95f, r * 0.26f, bg);
        break;
    case BAND_INVALID:
        cross_mark(u, cx, cy, r * 0.95f, r * 0.26f, bg);
        break;
    case BAND_MINOR:
        /* the familiar "19" prohibition sign */
        ui_ring(u, cx, cy, r * 0.86f, r * 0.16f, bg);
        ui_text(u, UI_BOLD, big_max == UI_XL ? UI_LG : UI_MD, bg, "19",
                (int)cx, (int)cy, UI_AL_CENTER | UI_AV_MIDDLE, 0, 0);
        ui_line(u, cx - r * 0.55f, cy + r * 0.55f, cx + r * 0.55f,
                cy - r * 0.55f, r * 0.14f, bg);
        break;
    case BAND_LICENCE:
        ui_line(u, cx, cy - r * 0.55f, cx, cy + r * 0.12f, r * 0.22f, bg);
        ui_disc(u, cx, cy + r * 0.50f, r * 0.13f, bg);
        break;
    }
    bsz = ui_fit(u, UI_BOLD, big_max, UI_MD, big, k->w - tx - k->m);
    ui_text(u, UI_BOLD, bsz, C_WHITE, big, tx, y + k->gap / 4, 0, 0, 0);
    ui_text(u, UI_BOLD, ui_fit(u, UI_BOLD, UI_SM, UI_XS, sub,
                               k->w - tx - k->m),
            C_WHITE, sub, tx, y + h - k->gap / 4, UI_AV_BOTTOM, 0, 0);
    return br;
}

typedef struct field {
    const char *label;
    char value[96];
    SDL_Color colour;
} field;

static void fmt_date(const mid_ui_model *m, mid_date d, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%04d-%02u-%02u", (int)d.year, (unsigned)d.month,
                 (unsigned)d.day);
    else
        snprintf(out, cap, "%04d.%02u.%02u", (int)d.year, (unsigned)d.month,
                 (unsigned)d.day);
}

static int fields_of(const mid_ui_model *m, field *f, int cap)
{
    const mid_view *v = m->view;
    int n = 0;
    band_kind bk = band_of(m);
    for (unsigned i = 0; i < MID_ITEM_COUNT && n < cap; i++) {
        mid_item it = k_item_order[i];
        field *x = &f[n];
        if (!(v->items & (uint32_t)it) || it == MID_ITEM_PORTRAIT)
            continue;
        if (it == MID_ITEM_ADULT && (bk == BAND_ADULT || bk == BAND_MINOR))
            continue; /* the band says it */
        x->label = or_q(mid_item_label(it, m->lang));
        x->colour = C_TEXT;
        x->value[0] = '\0';
        switch (it) {
        case MID_ITEM_NAME:
            snprintf(x->value, sizeof(x->value), "%s", v->name);
            break;
        case MID_ITEM_RRN:
            snprintf(x->value, sizeof(x->value), "%s", v->rrn);
            break;
        case MID_ITEM_ADULT:
            snprintf(x->value, sizeof(x->value), "%s",
                     tr(m, v->adult ? S_ADULT_FIELD : S_MINOR_FIELD));
            x->colour = v->adult ? C_GOOD_TEXT : C_BAD_TEXT;
            break;
        case MID_ITEM_AGE:
            fmt_age(m, v->age, x->value, sizeof(x->value));
            break;
        case MID_ITEM_BIRTH_DATE:
            fmt_date(m, v->birth, x->value, sizeof(x->value));
            break;
        case MID_ITEM_ISSUE_DATE:
            fmt_date(m, v->issue_date, x->value, sizeof(x->value));
            break;
        case MID_ITEM_LICENCE_CLASS:
            snprintf(x->value, sizeof(x->value), "%s",
                     or_q(mid_licence_class_label(v->licence_class,
                                                  m->lang)));
            break;
        case MID_ITEM_LICENCE_NUMBER:
            snprintf(x->value, sizeof(x->value), "%s", v->licence_number);
            break;
        case MID_ITEM_LICENCE_STATUS:
            snprintf(x->value, sizeof(x->value), "%s",
                     licence_state_str(m, v->licence_state));
            x->colour = v->licence_state == MID_LICSTATE_VALID ? C_GOOD_TEXT
                                                               : C_BAD_TEXT;
            break;
        case MID_ITEM_LICENCE_EXPIRY:
            fmt_date(m, v->licence_expiry, x->value, sizeof(x->value));
            break;
        case MID_ITEM_DOCTYPE:
            snprintf(x->value, sizeof(x->value), "%s",
                     tr(m, v->doctype == MID_DOC_DRIVER_LICENCE
                               ? S_DOC_LICENCE
                               : S_DOC_RESIDENT));
            break;
        case MID_ITEM_PORTRAIT:
            break;
        }
        n++;
    }
    return n;
}

/* How the fields are set: value and label sizes, rows and columns. */
typedef struct field_fit {
    ui_size value, label;
    int rows, cols, rh;
} field_fit;

static int fields_fit(mid_ui_sdl *u, int n, int h, ui_size vs, field_fit *out)
{
    int rh = ui_line_h(u, UI_BOLD, vs) * 21 / 20;
    int rows = imax(1, h / rh);
    int cols = imax(1, (n + rows - 1) / rows);
    out->value = vs;
    out->label = vs == UI_LG ? UI_MD : vs == UI_MD ? UI_SM : UI_XS;
    out->rh = rh;
    out->cols = cols;
    out->rows = (n + cols - 1) / cols;
    /* large values read well only in one column */
    return vs == UI_LG ? cols == 1 : cols <= 2;
}

static void result_fields(mid_ui_sdl *u, const metrics *k, const field *f,
                          int n, SDL_Rect box, const field_fit *fit)
{
    int colw = box.w / fit->cols;
    SDL_Rect all = rect(box.x, box.y, 0, 0);
    if (n == 0)
        return;
    for (int c = 0; c < fit->cols; c++) {
        int lw = 0;
        int first = c * fit->rows, last = imin(n, (c + 1) * fit->rows);
        for (int i = first; i < last; i++)
            lw = imax(lw, ui_text_w(u, UI_REG, fit->label, f[i].label));
        lw = imin(lw, colw * 2 / 5);
        for (int i = first; i < last; i++) {
            int x = box.x + c * colw;
            int y = box.y + (i - first) * fit->rh + fit->rh / 2;
            int vx = x + lw + k->gap;
            ui_size vs = ui_fit(u, UI_BOLD, fit->value, UI_XS, f[i].value,
                                colw - lw - k->gap * 2);
            SDL_Rect r;
            /* value centred on the row, label on the value's baseline */
            int base = y - ui_line_h(u, UI_BOLD, vs) / 2 +
                       ui_ascent(u, UI_BOLD, vs);
            ui_size ls = ui_fit(u, UI_REG, fit->label, UI_XS, f[i].label, lw);
            ui_text(u, UI_REG, ls, C_DIM, f[i].label, x,
                    base - ui_ascent(u, UI_REG, ls), 0, 0, 0);
            /* values are personal: wiped when the result closes */
            r = ui_text(u, UI_BOLD, vs, f[i].colour, f[i].value, vx, y,
                        UI_AV_MIDDLE, 0, 1);
            all.w = imax(all.w, r.x + r.w - all.x);
            all.h = imax(all.h, r.y + r.h - all.y);
        }
    }
    ui_set_region(u, MID_UI_REGION_FIELDS, all);
}

static void screen_result(mid_ui_sdl *u, const metrics *k,
                          const mid_ui_model *m)
{
    /* band size / value size, most generous first */
    static const ui_size k_try[][2] = {
        {UI_XL, UI_LG}, {UI_XL, UI_MD}, {UI_LG, UI_MD}, {UI_LG, UI_SM}};
    char buf[160];
    SDL_Rect t = title(u, k, tr(m, S_RESULT_TITLE), k->w / 2);
    int band_y = t.y + t.h + k->m / 2;
    int body_top, body_bottom = k->footer_y - k->m / 2;
    const char *close = tr(m, S_CLOSE), *ext = tr(m, S_EXTEND);
    int cw = button_w(u, k, close), ew = button_w(u, k, ext);
    const mid_view *v = m->verdict == MID_VERDICT_VALID ? m->view : NULL;
    field f[MID_ITEM_COUNT];
    field_fit fit;
    int n = v ? fields_of(m, f, (int)MID_ITEM_COUNT) : 0;
    int pick = 0;
    int has_portrait = v && v->portrait_len > 0 &&
                       (v->items & MID_ITEM_PORTRAIT) != 0;
    SDL_Rect cd, bd;
    fmt_selected(m, purpose_label(m), buf, sizeof(buf));
    chip(u, k, buf, k->w - k->m, t.y + t.h / 2, 1);
    if (v && v->portrait_unavailable) {
        const char *s = tr(m, S_PORTRAIT_NOTICE);
        int nh = ui_line_h(u, UI_BOLD, UI_SM);
        SDL_Rect nr;
        if (ui_text_w(u, UI_BOLD, UI_SM, s) > k->w - 2 * k->m)
            nh *= 2;
        nr = ui_text(u, UI_BOLD, UI_SM, C_WARN, s, k->m, body_bottom - nh, 0,
                     k->w - 2 * k->m, 0);
        ui_set_region(u, MID_UI_REGION_NOTICE, nr);
        body_bottom = nr.y - k->gap / 2;
    }
    for (pick = 0; pick < (int)(sizeof(k_try) / sizeof(k_try[0])); pick++) {
        int top = band_y + band_height(u, k, k_try[pick][0]) + k->m * 2 / 3;
        if (n == 0 || fields_fit(u, n, body_bottom - top, k_try[pick][1],
                                 &fit))
            break;
    }
    if (pick == (int)(sizeof(k_try) / sizeof(k_try[0])))
        pick--;
    bd = band(u, k, m, band_y, k_try[pick][0]);
    body_top = bd.y + bd.h + k->m * 2 / 3;
    if (v) {
        SDL_Rect fb = rect(k->m, body_top, k->w - 2 * k->m,
                           body_bottom - body_top);
        SDL_Rect pr;
        if (has_portrait) {
            /* landscape: photo left of the fields; portrait: above them */
            SDL_Rect pb;
            if (k->landscape) {
                int pw = fb.h * (int)MID_MAX_PORTRAIT_W /
                         (int)MID_MAX_PORTRAIT_H;
                pb = rect(fb.x + 3, fb.y + 3, imin(pw, fb.w / 2) - 6,
                          fb.h - 6);
            } else {
                int ph = imin(fb.h / 2, fb.w * (int)MID_MAX_PORTRAIT_H /
                                            (int)MID_MAX_PORTRAIT_W);
                pb = rect(fb.x + 3, fb.y + 3, fb.w - 6, ph - 6);
            }
            if (ui_portrait(u, v->portrait, v->portrait_len, pb, &pr)) {
                /* a plain frame around, never over, the picture */
                ui_fill(u, rect(pr.x - 3, pr.y - 3, pr.w + 6, 3), C_LINE);
                ui_fill(u, rect(pr.x - 3, pr.y + pr.h, pr.w + 6, 3), C_LINE);
                ui_fill(u, rect(pr.x - 3, pr.y, 3, pr.h), C_LINE);
                ui_fill(u, rect(pr.x + pr.w, pr.y, 3, pr.h), C_LINE);
                ui_set_region(u, MID_UI_REGION_PORTRAIT, pr);
                if (k->landscape) {
                    fb.x = pr.x + pr.w + 3 + k->m;
                    fb.w = k->w - k->m - fb.x;
                } else {
                    fb.y = pr.y + pr.h + 3 + k->m / 2;
                    fb.h = body_bottom - fb.y;
                }
            }
        }
        if (n > 0) {
            (void)fields_fit(u, n, fb.h, k_try[pick][1], &fit);
            if (fit.cols > 2) {
                fit.cols = 2;
                fit.rows = (n + 1) / 2;
                fit.rh = fb.h / fit.rows;
            }
            result_fields(u, k, f, n, fb, &fit);
        }
    } else if (m->verdict != MID_VERDICT_VALID) {
        /* the reason in plain words: which check, and what it found */
        const char *chk =
            (unsigned)m->failed_check < (unsigned)MID_CHECK_COUNT
                ? mid_check_label(m->failed_check, m->lang)
                : NULL;
        const char *why = mid_err_message(m->reason, m->lang);
        SDL_Rect a = rect(k->m, body_top, 0, 0), b2;
        if (chk && chk[0])
            a = ui_text(u, UI_REG, UI_MD, C_DIM, chk, k->m, body_top, 0,
                        k->w - 2 * k->m, 0);
        b2 = ui_text(u, UI_BOLD, UI_LG, C_TEXT, or_q(why), k->m,
                     a.y + a.h + (a.h ? k->gap / 3 : 0), 0, k->w - 2 * k->m,
                     0);
        ui_set_region(u, MID_UI_REGION_REASON,
                      rect(k->m, a.h ? a.y : b2.y, imax(a.w, b2.w),
                           b2.y + b2.h - (a.h ? a.y : b2.y)));
    }
    mid_wipe(f, sizeof(f));
    /* footer: countdown, 30초 연장, 닫기 */
    fmt_countdown(m, m->seconds_left < 0 ? 0 : m->seconds_left, buf,
                  sizeof(buf));
    cd = ui_text(u, UI_REG,
                 ui_fit(u, UI_REG, UI_MD, UI_XS, buf,
                        k->w - cw - ew - 2 * k->gap - 3 * k->m),
                 C_DIM, buf, k->m, k->footer_y + k->bh / 2, UI_AV_MIDDLE, 0,
                 0);
    ui_set_region(u, MID_UI_REGION_COUNTDOWN, cd);
    button(u, k, m,
           rect(k->w - k->m - cw - k->gap - ew, k->footer_y, ew, k->bh), ext,
           BTN_SECONDARY, m->can_extend, 0, MID_EV_EXTEND, 0);
    button(u, k, m, rect(k->w - k->m - cw, k->footer_y, cw, k->bh), close,
           BTN_PRIMARY, 1, 1, MID_EV_CLOSE, 0);
}

/* ---- CAMERA_LOST / CLOCK / NOTICE ---- */
static void screen_message(mid_ui_sdl *u, const metrics *k,
                           const mid_ui_model *m)
{
    int avail = k->h - k->status_h;
    float r = (float)ui_font_px(u, UI_XL) * 0.75f;
    float cx = (float)k->w / 2.0f, cy = (float)avail * 0.30f;
    int ty = (int)(cy + r) + k->m;
    int wrap = k->w - 4 * k->m;
    SDL_Rect a, b = rect(0, 0, 0, 0);
    const char *head = NULL, *body = NULL;
    SDL_Color ic = C_WARN;
    switch (m->screen) {
    case MID_SCREEN_CAMERA_LOST:
        head = tr(m, S_CAMERA_LOST);
        break;
    case MID_SCREEN_CLOCK:
        ic = C_BAD;
        head = tr(m, S_CLOCK_TITLE);
        body = tr(m, S_CLOCK_BODY);
        break;
    default:
        ic = C_TEXT;
        head = tr(m, S_NOTICE_TITLE);
        body = m->notice;
        break;
    }
    ui_disc(u, cx, cy, r, ic);
    if (m->screen == MID_SCREEN_NOTICE) {
        /* "i" */
        ui_disc(u, cx, cy - r * 0.45f, r * 0.13f, C_BG);
        ui_line(u, cx, cy - r * 0.12f, cx, cy + r * 0.52f, r * 0.22f, C_BG);
    } else {
        /* "!" */
        ui_line(u, cx, cy - r * 0.55f, cx, cy + r * 0.12f, r * 0.22f, C_BG);
        ui_disc(u, cx, cy + r * 0.50f, r * 0.13f, C_BG);
    }
    a = ui_text(u, UI_BOLD, UI_LG, C_TEXT, head, k->w / 2, ty, UI_AL_CENTER,
                wrap, 0);
    ui_set_region(u, MID_UI_REGION_TITLE, a);
    if (body && body[0])
        b = ui_text(u, UI_REG, UI_MD, m->screen == MID_SCREEN_NOTICE
                                          ? C_TEXT
                                          : C_DIM,
                    body, k->w / 2, a.y + a.h + k->gap, UI_AL_CENTER, wrap,
                    0);
    if (b.w > 0)
        ui_set_region(u, MID_UI_REGION_MESSAGE,
                      rect(imin(a.x, b.x), a.y, imax(a.w, b.w),
                           b.y + b.h - a.y));
    else
        ui_set_region(u, MID_UI_REGION_MESSAGE, a);
}

/* ---- PIN (operator) ---- */
static void fmt_pin_message(const mid_ui_model *m, char *out, size_t cap,
                            SDL_Color *c)
{
    *c = C_DIM;
    switch (m->pin_state) {
    case MID_PIN_WRONG:
        *c = C_WARN;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Wrong PIN. %d %s left.", m->pin_tries_left,
                     m->pin_tries_left == 1 ? "try" : "tries");
        else
            snprintf(out, cap, "PIN이 올바르지 않습니다. 남은 시도 %d회",
                     m->pin_tries_left);
        return;
    case MID_PIN_LOCKED:
        *c = C_BAD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Too many wrong PINs. Try again in %d s.",
                     m->pin_locked_s);
        else
            snprintf(out, cap,
                     "PIN을 여러 번 잘못 입력했습니다. %d초 뒤에 다시 "
                     "시도하세요.",
                     m->pin_locked_s);
        return;
    case MID_PIN_ENTER:
        break;
    }
    snprintf(out, cap, "%s", tr(m, S_PIN_PROMPT));
}

/* The ← key: a backspace outline with a cross, drawn (no glyph needed). */
static void erase_mark(mid_ui_sdl *u, SDL_Rect r, SDL_Color c)
{
    float h = (float)imin(r.h, r.w) * 0.34f;
    float w = h * 1.5f, t = (float)imax(2, (int)(h / 7.0f));
    float cx = (float)r.x + (float)r.w / 2.0f, cy = (float)r.y + (float)r.h / 2.0f;
    float x0 = cx - w / 2.0f, x1 = cx + w / 2.0f, xt = x0 + h / 2.0f;
    ui_line(u, x0, cy, xt, cy - h / 2.0f, t, c);
    ui_line(u, x0, cy, xt, cy + h / 2.0f, t, c);
    ui_line(u, xt, cy - h / 2.0f, x1, cy - h / 2.0f, t, c);
    ui_line(u, xt, cy + h / 2.0f, x1, cy + h / 2.0f, t, c);
    ui_line(u, x1, cy - h / 2.0f, x1, cy + h / 2.0f, t, c);
    cx = (xt + x1) / 2.0f + h * 0.05f;
    ui_line(u, cx - h * 0.2f, cy - h * 0.2f, cx + h * 0.2f, cy + h * 0.2f, t, c);
    ui_line(u, cx - h * 0.2f, cy + h * 0.2f, cx + h * 0.2f, cy - h * 0.2f, t, c);
}

/* Number pad 1-9 / ← 0 확인, keys 4:3 to 8:5, centred in area. */
static void pin_pad(mid_ui_sdl *u, const metrics *k, const mid_ui_model *m,
                    SDL_Rect area)
{
    static const int k_keys[12] = {1, 2, 3, 4, 5, 6, 7, 8, 9, -1, 0, -2};
    int locked = m->pin_state == MID_PIN_LOCKED;
    int g = k->gap * 2 / 3;
    int kh0 = (area.h - 3 * g) / 4;
    int kw = imin((area.w - 2 * g) / 3, kh0 * 8 / 5);
    int kh = imin(kh0, kw * 3 / 4); /* never taller than wide */
    int pw = 3 * kw + 2 * g, ph = 4 * kh + 3 * g;
    int x0 = area.x + (area.w - pw) / 2, y0 = area.y + (area.h - ph) / 2;
    for (int i = 0; i < 12; i++) {
        SDL_Rect r = rect(x0 + (i % 3) * (kw + g), y0 + (i / 3) * (kh + g),
                          kw, kh);
        char num[12];
        if (k_keys[i] >= 0) {
            snprintf(num, sizeof(num), "%d", k_keys[i]);
            button_ex(u, k, m, r, num, BTN_SECONDARY, !locked, -1,
                      MID_EV_PIN_DIGIT, (uint32_t)k_keys[i], UI_LG);
        } else if (k_keys[i] == -1) {
            int on = !locked && m->pin_len > 0;
            button_ex(u, k, m, r, "", BTN_SECONDARY, on, -1, MID_EV_PIN_ERASE,
                      0, UI_LG);
            erase_mark(u, r, on ? C_TEXT : C_FAINT);
        } else {
            button_ex(u, k, m, r, tr(m, S_PIN_OK), BTN_PRIMARY,
                      !locked && m->pin_len > 0, -1, MID_EV_NEXT, 0, UI_LG);
        }
    }
    ui_set_region(u, MID_UI_REGION_PIN_PAD, rect(x0, y0, pw, ph));
}

static void screen_pin(mid_ui_sdl *u, const metrics *k, const mid_ui_model *m)
{
    char msg[160];
    SDL_Color mc;
    const char *cancel = tr(m, S_PIN_CANCEL);
    int left_w = k->landscape ? k->w / 2 - k->m : k->w - 2 * k->m;
    SDL_Rect t = title(u, k, tr(m, S_PIN_TITLE), left_w);
    SDL_Rect a, box, pad;
    int fh = k->bh, dot = ui_font_px(u, UI_MD) / 3;
    int bottom = k->h - k->status_h - k->m * 2 / 3;
    fmt_pin_message(m, msg, sizeof(msg), &mc);
    a = ui_text(u, m->pin_state == MID_PIN_ENTER ? UI_REG : UI_BOLD, UI_MD, mc,
                msg, k->m, t.y + t.h + k->gap, 0, left_w, 0);
    ui_set_region(u, MID_UI_REGION_MESSAGE, a);
    /* the field: one dot per digit, never the digits, nor how many the
     * PIN has */
    box = rect(k->m, a.y + a.h + k->m * 2 / 3, left_w, fh);
    ui_round(u, box, fh / 4, C_PANEL);
    ui_round_frame(u, box, fh / 4, 2,
                   m->pin_state == MID_PIN_LOCKED ? C_PANEL_HI : C_LINE);
    for (int i = 0; i < m->pin_len && i < UI_PIN_DOTS_MAX; i++)
        ui_disc(u, (float)(box.x + k->gap + dot + i * dot * 3),
                (float)(box.y + fh / 2), (float)dot, C_TEXT);
    ui_set_region(u, MID_UI_REGION_PIN_DOTS, box);
    if (k->landscape)
        pad = rect(k->w / 2 + k->m / 2, k->m, k->w / 2 - k->m * 3 / 2,
                   bottom - k->m);
    else
        pad = rect(k->m, box.y + fh + k->m, k->w - 2 * k->m,
                   k->footer_y - k->m - (box.y + fh + k->m));
    pin_pad(u, k, m, pad);
    button(u, k, m, rect(k->m, k->footer_y, button_w(u, k, cancel), k->bh),
           cancel, BTN_SECONDARY, 1, -1, MID_EV_BACK, 0);
}

/* ---- STATUS (operator) ----
 * Dense and read up close: sections of label/value rows and the trust key
 * rows flow top to bottom into as many columns as needed, in the largest
 * type (SM, XS, then XXS, and short document names) with which everything
 * fits. Nothing personal exists here to draw. */
typedef enum srow_kind { SR_HEAD, SR_PAIR, SR_KEY, SR_NOTE } srow_kind;

#define UI_STATUS_ROWS (40 + (int)MID_CHECK_COUNT + (int)MID_MAX_TRUST_KEYS)
#define UI_STATUS_CELL 64

typedef struct srow {
    srow_kind kind;
    int indent;       /* PAIR: a sub-item (invalid by check) */
    int is_age;       /* PAIR: the revocation age (a test region) */
    char cell[4][UI_STATUS_CELL];
    SDL_Color colour[4];
} srow;

typedef struct srows {
    srow r[UI_STATUS_ROWS];
    int n;
} srows;

static srow *srow_add(srows *t, srow_kind kind)
{
    srow *r;
    if (t->n >= UI_STATUS_ROWS)
        return NULL;
    r = &t->r[t->n++];
    memset(r, 0, sizeof(*r));
    r->kind = kind;
    for (int i = 0; i < 4; i++)
        r->colour[i] = C_TEXT;
    return r;
}

static void s_head(srows *t, const char *text)
{
    srow *r = srow_add(t, SR_HEAD);
    if (r)
        snprintf(r->cell[0], sizeof(r->cell[0]), "%s", text);
}

static srow *s_pair(srows *t, const char *label, const char *value,
                    SDL_Color c)
{
    srow *r = srow_add(t, SR_PAIR);
    if (!r)
        return NULL;
    snprintf(r->cell[0], sizeof(r->cell[0]), "%s", label);
    snprintf(r->cell[1], sizeof(r->cell[1]), "%s", value);
    r->colour[0] = C_DIM;
    r->colour[1] = c;
    return r;
}

static void s_note(srows *t, const char *text, SDL_Color c)
{
    srow *r = srow_add(t, SR_NOTE);
    if (!r)
        return;
    snprintf(r->cell[0], sizeof(r->cell[0]), "%s", text);
    r->colour[0] = c;
}

/* 1234567 → "1,234,567" */
static void fmt_count(uint64_t v, char *out, size_t cap)
{
    char digits[24];
    size_t n = (size_t)snprintf(digits, sizeof(digits), "%llu",
                                (unsigned long long)v);
    size_t o = 0;
    for (size_t i = 0; i < n && o + 2 < cap; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            out[o++] = ',';
        out[o++] = digits[i];
    }
    out[o < cap ? o : cap - 1] = '\0';
}

static void fmt_times(const mid_ui_model *m, uint64_t v, char *out,
                      size_t cap)
{
    char c[32];
    fmt_count(v, c, sizeof(c));
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%s", c);
    else
        snprintf(out, cap, "%s회", c);
}

/* KST date (and time) of a Unix time: 2026.11.02 14:05 / 2026-11-02 14:05 */
static void fmt_kst(const mid_ui_model *m, int64_t t, int with_time,
                    char *out, size_t cap)
{
    mid_date d = mid_date_from_unix_kst(t);
    int64_t sec = ((t + MID_KST_OFFSET_S) % 86400 + 86400) % 86400;
    char date[24];
    fmt_date(m, d, date, sizeof(date));
    if (with_time)
        snprintf(out, cap, "%s %02d:%02d", date, (int)(sec / 3600),
                 (int)(sec / 60 % 60));
    else
        snprintf(out, cap, "%s", date);
}

/* "경과 (기준 7일)" / "Age (limit 7 d)": the limit goes with the label so
 * the value column stays narrow. */
static void fmt_age_label(const mid_ui_model *m, int limit, char *out,
                          size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "Age (limit %d d)", limit);
    else
        snprintf(out, cap, "경과 (기준 %d일)", limit);
}

static void fmt_days(const mid_ui_model *m, int days, char *out, size_t cap)
{
    if (m->lang == MID_LANG_EN)
        snprintf(out, cap, "%d day%s", days, days == 1 ? "" : "s");
    else
        snprintf(out, cap, "%d일", days);
}

static void key_row(srows *t, const mid_ui_model *m, const mid_status_key *key,
                    int short_docs, int tight)
{
    srow *r = srow_add(t, SR_KEY);
    char a[24], b[24];
    int res = (key->doctypes & MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD)) != 0;
    int lic = (key->doctypes & MID_DOCTYPE_BIT(MID_DOC_DRIVER_LICENCE)) != 0;
    /* 0: full names, 1: short, 2: abbreviations (docs/operator.md) */
    const char *rs = tr(m, short_docs == 2   ? S_DOC_RES_ABBR
                           : short_docs == 1 ? S_DOC_RES_SHORT
                                             : S_DOC_RESIDENT);
    const char *ls = tr(m, short_docs == 2   ? S_DOC_LIC_ABBR
                           : short_docs == 1 ? S_DOC_LIC_SHORT
                                             : S_DOC_LICENCE);
    if (!r)
        return;
    for (unsigned i = 0; i < MID_KID_LEN; i++)
        snprintf(r->cell[0] + 2 * i, sizeof(r->cell[0]) - 2 * i, "%02x",
                 key->kid[i]);
    if (res && lic)
        snprintf(r->cell[1], sizeof(r->cell[1]), tight ? "%s·%s" : "%s · %s",
                 rs, ls);
    else
        snprintf(r->cell[1], sizeof(r->cell[1]), "%s",
                 res ? rs : lic ? ls : "-");
    /* the last day the key is trusted (exp itself is the first day not) */
    fmt_kst(m, key->nbf, 0, a, sizeof(a));
    fmt_kst(m, key->exp - 1, 0, b, sizeof(b));
    snprintf(r->cell[2], sizeof(r->cell[2]), tight ? "%s–%s" : "%s – %s", a,
             b);
    r->colour[1] = C_DIM;
    switch (key->period) {
    case MID_KEY_VALID:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", tr(m, S_KEY_VALID));
        r->colour[3] = C_GOOD_TEXT;
        break;
    case MID_KEY_NOT_YET:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", tr(m, S_KEY_NOT_YET));
        r->colour[3] = C_WARN;
        break;
    case MID_KEY_EXPIRED:
    default:
        snprintf(r->cell[3], sizeof(r->cell[3]), "%s", tr(m, S_KEY_EXPIRED));
        r->colour[3] = C_BAD_TEXT;
        break;
    }
}

static void status_rows(srows *t, const mid_ui_model *m,
                        const mid_status_info *st, int short_docs, int tight)
{
    char v[UI_STATUS_CELL], w[UI_STATUS_CELL];
    srow *r;
    t->n = 0;
    s_head(t, tr(m, S_SEC_DEVICE));
    s_pair(t, tr(m, S_L_VERSION), or_q(st->version), C_TEXT);
    s_pair(t, tr(m, S_L_KIOSK), or_q(st->kiosk_id), C_TEXT);
    if (st->build_time > 0)
        fmt_kst(m, st->build_time, 0, v, sizeof(v));
    else
        snprintf(v, sizeof(v), "%s", tr(m, S_NONE));
    s_pair(t, tr(m, S_L_BUILD), v, st->build_time > 0 ? C_TEXT : C_WARN);
    s_pair(t, tr(m, S_L_CAMERA), tr(m, st->camera_ok ? S_CAM_OK : S_CAM_LOST),
           st->camera_ok ? C_GOOD_TEXT : C_BAD_TEXT);
    fmt_times(m, st->camera_reconnects, v, sizeof(v));
    s_pair(t, tr(m, S_L_RECONNECTS), v, C_TEXT);

    s_head(t, tr(m, S_SEC_LOG));
    fmt_count(st->log_lines_today, v, sizeof(v));
    s_pair(t, tr(m, S_L_LINES), v, C_TEXT);
    fmt_count(st->log_dropped, v, sizeof(v));
    s_pair(t, tr(m, S_L_DROPPED), v, st->log_dropped ? C_WARN : C_TEXT);

    s_head(t, tr(m, S_SEC_REVOCATION));
    if (st->have_revocation) {
        fmt_count(st->revocation_seq, v, sizeof(v));
        s_pair(t, tr(m, S_L_SEQ), v, C_TEXT);
        fmt_kst(m, st->revocation_issued, 0, v, sizeof(v));
        s_pair(t, tr(m, S_L_ISSUED), v, C_TEXT);
        fmt_days(m, st->revocation_age_days < 0 ? 0 : st->revocation_age_days,
                 v, sizeof(v));
        fmt_age_label(m, st->revocation_max_age_days, w, sizeof(w));
        r = s_pair(t, w, v, st->revocation_stale ? C_WARN : C_GOOD_TEXT);
        if (r)
            r->is_age = 1;
        fmt_count(st->revocation_ids, v, sizeof(v));
        s_pair(t, tr(m, S_L_REVOKED), v, C_TEXT);
    } else {
        fmt_age_label(m, st->revocation_max_age_days, w, sizeof(w));
        r = s_pair(t, w, tr(m, S_NOT_INSTALLED), C_WARN);
        if (r)
            r->is_age = 1;
    }

    s_head(t, tr(m, S_SEC_COUNTERS));
    fmt_count(st->frames, v, sizeof(v));
    s_pair(t, tr(m, S_L_FRAMES), v, C_TEXT);
    fmt_count(st->codes, v, sizeof(v));
    s_pair(t, tr(m, S_L_CODES), v, C_TEXT);
    fmt_count(st->valid, v, sizeof(v));
    s_pair(t, tr(m, S_L_VALID), v, st->valid ? C_GOOD_TEXT : C_TEXT);
    fmt_count(st->invalid, v, sizeof(v));
    s_pair(t, tr(m, S_L_INVALID), v, st->invalid ? C_BAD_TEXT : C_TEXT);
    /* refusals by the check that failed, only those that happened */
    for (int c = 0; c < (int)MID_CHECK_COUNT; c++) {
        if (!st->by_check[c])
            continue;
        fmt_count(st->by_check[c], v, sizeof(v));
        snprintf(w, sizeof(w), "%s",
                 or_q(mid_check_label((mid_check_id)c, m->lang)));
        r = s_pair(t, w, v, C_TEXT);
        if (r)
            r->indent = 1;
    }
    fmt_count(st->multiple_codes, v, sizeof(v));
    s_pair(t, tr(m, S_L_MULTI), v, C_TEXT);
    fmt_count(st->not_mid, v, sizeof(v));
    s_pair(t, tr(m, S_L_NOT_MID), v, C_TEXT);

    s_head(t, tr(m, S_SEC_KEYS));
    if (!st->have_trust || st->n_keys == 0) {
        s_note(t, tr(m, S_KEYS_NONE), C_WARN);
        return;
    }
    fmt_count(st->trust_seq, v, sizeof(v));
    s_pair(t, tr(m, S_L_SEQ), v, C_TEXT);
    fmt_kst(m, st->trust_issued, 0, v, sizeof(v));
    s_pair(t, tr(m, S_L_ISSUED), v, C_TEXT);
    for (unsigned i = 0; i < st->n_keys && i < MID_MAX_TRUST_KEYS; i++)
        key_row(t, m, &st->keys[i], short_docs, tight);
    /* mid-sync's last result (docs/sync.md); last, so that on a screen
     * already full (32 keys) it is what gets cut, never a key */
    if (st->sync_present) {
        int en = m->lang == MID_LANG_EN;
        s_head(t, en ? "Network sync" : "네트워크 동기화");
        if (st->sync_last_success > 0)
            fmt_kst(m, st->sync_last_success, 1, v, sizeof(v));
        s_pair(t, en ? "Last success" : "마지막 성공", st->sync_last_success > 0 ? v : "-",
               st->sync_last_success > 0 ? C_TEXT : C_WARN);
        s_pair(t, en ? "Last error" : "마지막 오류",
               st->sync_last_error ? mid_err_message((mid_err)st->sync_last_error, m->lang) : "-",
               st->sync_last_error ? C_WARN : C_GOOD_TEXT);
    }
}

/* Where each row goes for one type size. */
typedef struct sflow {
    ui_size sz;
    int pitch, head_gap, indent, cg;
    int kw[4];           /* key row cells (the same in every column) */
    int ncol;
    int lw[UI_STATUS_ROWS], vw[UI_STATUS_ROWS]; /* pairs, per column */
    int colw[UI_STATUS_ROWS];
    int col[UI_STATUS_ROWS], y[UI_STATUS_ROWS];
    int total_w;
} sflow;

static int srow_w(const sflow *f, const srow *r, int col, mid_ui_sdl *u)
{
    switch (r->kind) {
    case SR_HEAD:
        return ui_text_w(u, UI_BOLD, f->sz, r->cell[0]);
    case SR_PAIR:
        return f->lw[col] + f->cg + f->vw[col];
    case SR_KEY:
        return f->kw[0] + f->kw[1] + f->kw[2] + f->kw[3] + 3 * f->cg;
    case SR_NOTE:
        return ui_text_w(u, UI_REG, f->sz, r->cell[0]);
    }
    return 0;
}

/* Rows of the section that starts at row i (a heading) up to the next. */
static int section_rows(const srows *t, int i)
{
    int n = 1;
    while (i + n < t->n && t->r[i + n].kind != SR_HEAD)
        n++;
    return n;
}

/* keep: a section that fits a column whole never starts in one that
 * cannot hold it (else only a lone heading moves on). */
static void status_flow(mid_ui_sdl *u, const srows *t, ui_size sz, int tight,
                        int keep, int body_h, int colgap, sflow *f)
{
    int px = ui_font_px(u, sz), y = 0;
    memset(f, 0, sizeof(*f));
    f->sz = sz;
    f->pitch = tight ? px * 5 / 4 : px * 27 / 20;
    f->head_gap = f->pitch / 2;
    f->indent = px;
    f->cg = tight ? px / 2 : px * 3 / 4;
    for (int i = 0; i < t->n; i++) {
        const srow *r = &t->r[i];
        if (r->kind == SR_KEY)
            for (int c = 0; c < 4; c++)
                f->kw[c] = imax(f->kw[c],
                                ui_text_w(u, c == 3 ? UI_BOLD : UI_REG, sz,
                                          r->cell[c]));
    }
    f->ncol = t->n > 0 ? 1 : 0;
    for (int i = 0; i < t->n; i++) {
        const srow *r = &t->r[i];
        int pre = 0, need = f->pitch;
        if (r->kind == SR_HEAD) {
            int whole = section_rows(t, i) * f->pitch;
            pre = y > 0 ? f->head_gap : 0;
            /* a heading never ends a column on its own */
            need = pre + f->pitch + (i + 1 < t->n ? f->pitch : 0);
            if (keep && whole <= body_h)
                need = pre + whole;
        }
        if (y > 0 && y + need > body_h) {
            f->ncol++;
            y = 0;
            pre = 0;
        }
        f->col[i] = f->ncol - 1;
        f->y[i] = y + pre;
        y += pre + f->pitch;
        if (r->kind == SR_PAIR) {
            int c = f->col[i];
            f->lw[c] = imax(f->lw[c], ui_text_w(u, UI_REG, sz, r->cell[0]) +
                                          (r->indent ? f->indent : 0));
            f->vw[c] = imax(f->vw[c], ui_text_w(u, UI_BOLD, sz, r->cell[1]));
        }
    }
    for (int i = 0; i < t->n; i++)
        f->colw[f->col[i]] =
            imax(f->colw[f->col[i]], srow_w(f, &t->r[i], f->col[i], u));
    f->total_w = 0;
    for (int c = 0; c < f->ncol; c++)
        f->total_w += f->colw[c] + (c > 0 ? colgap : 0);
}

static void fmt_export(const mid_ui_model *m, const mid_status_info *st,
                       char *out, size_t cap, SDL_Color *c)
{
    *c = C_DIM;
    out[0] = '\0';
    switch (st->export_state) {
    case MID_EXPORT_NONE:
        fmt_countdown(m, m->seconds_left < 0 ? 0 : m->seconds_left, out,
                      cap);
        return;
    case MID_EXPORT_PENDING:
        *c = C_TEXT;
        snprintf(out, cap, "%s", tr(m, S_EXPORTING));
        return;
    case MID_EXPORT_DONE:
        *c = C_GOOD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "Exported %u file%s.", st->export_files,
                     st->export_files == 1 ? "" : "s");
        else
            snprintf(out, cap, "%u개 파일을 내보냈습니다.", st->export_files);
        return;
    case MID_EXPORT_NO_USB:
        *c = C_WARN;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap, "No USB stick at %s", or_q(st->export_dir));
        else
            snprintf(out, cap, "USB 저장장치가 없습니다 (%s)",
                     or_q(st->export_dir));
        return;
    case MID_EXPORT_FAILED:
        *c = C_BAD_TEXT;
        if (m->lang == MID_LANG_EN)
            snprintf(out, cap,
                     "Only %u of %u files exported. Check the USB stick.",
                     st->export_files, st->export_total);
        else
            snprintf(out, cap,
                     "%u개 중 %u개만 내보냈습니다. USB 저장장치를 "
                     "확인하세요.",
                     st->export_total, st->export_files);
        return;
    }
}

static void screen_status(mid_ui_sdl *u, const metrics *k,
                          const mid_ui_model *m)
{
    static srows t;
    static sflow f;
    /* most readable first; short document names only when needed */
    static const struct {
        ui_size sz;
        int short_docs, tight, keep;
    } k_try[] = {{UI_SM, 0, 0, 1},  {UI_XS, 0, 0, 1},  {UI_XS, 1, 0, 1},
                 {UI_XS, 1, 0, 0},  {UI_XXS, 0, 0, 1}, {UI_XXS, 1, 0, 1},
                 {UI_XXS, 1, 0, 0}, {UI_XXS, 2, 1, 1}, {UI_XXS, 2, 1, 0}};
    const int n_try = (int)(sizeof(k_try) / sizeof(k_try[0]));
    const mid_status_info *st = m->status;
    SDL_Rect t0 = ui_text(u, UI_BOLD, UI_MD, C_TEXT, tr(m, S_STATUS_TITLE),
                          k->m, k->m * 2 / 3, 0, k->w / 2, 0);
    uint32_t sig;
    const char *close = tr(m, S_CLOSE), *exp = tr(m, S_EXPORT);
    int cw = button_w(u, k, close), ew = button_w(u, k, exp);
    /* slimmer buttons than elsewhere, bottoms aligned: rows need the room */
    int bh = k->bh * 4 / 5, by = k->footer_y + k->bh - bh;
    int top = t0.y + t0.h + k->gap / 2;
    int bottom = by - k->gap / 2;
    int avail = k->w - 2 * k->m, colgap = k->m;
    int x, pick, keys = 0, cut = 0;
    SDL_Rect keys_r = rect(0, 0, 0, 0), msg_r;
    char msg[MID_STATUS_PATH_MAX + 128];
    SDL_Color mc;
    ui_set_region(u, MID_UI_REGION_TITLE, t0);
    ui_set_region(u, MID_UI_REGION_STATUS_BODY,
                  rect(k->m, top, avail, bottom - top));
    u->status_keys_drawn = 0;
    u->status_rows_cut = 0;
    if (!st) {
        ui_text(u, UI_REG, UI_MD, C_DIM, "-", k->m, top, 0, 0, 0);
    } else {
        char now[40];
        /* now, in the title row */
        fmt_kst(m, st->now, 1, now, sizeof(now));
        snprintf(now + strlen(now), sizeof(now) - strlen(now), " KST");
        chip(u, k, now, k->w - k->m, t0.y + t0.h / 2, 1);
        /* Trying every size measures every string: start from the last
         * pick while the shape of the content and the screen stay the
         * same (values only grow within a run). */
        sig = (uint32_t)m->lang * 2654435761u ^ (uint32_t)k->w * 40503u ^
              (uint32_t)k->h * 97u ^ st->n_keys * 7919u ^
              (uint32_t)st->have_trust * 31u ^ (uint32_t)st->have_revocation;
        for (int c = 0; c < (int)MID_CHECK_COUNT; c++)
            sig = sig * 3u + (st->by_check[c] != 0);
        pick = sig == u->status_sig ? u->status_pick : 0;
        for (; pick < n_try; pick++) {
            status_rows(&t, m, st, k_try[pick].short_docs, k_try[pick].tight);
            status_flow(u, &t, k_try[pick].sz, k_try[pick].tight,
                        k_try[pick].keep, bottom - top,
                        k_try[pick].tight ? k->gap : colgap, &f);
            if (f.total_w <= avail)
                break;
        }
        if (pick == n_try)
            pick--;
        if (k_try[pick].tight)
            colgap = k->gap;
        u->status_sig = sig;
        u->status_pick = pick;
        /* room to spare: spread the columns a little, not across a void */
        if (f.ncol > 1 && f.total_w < avail)
            colgap += imin((avail - f.total_w) / (f.ncol - 1), 2 * k->m);
        x = k->m;
        for (int c = 0; c < f.ncol; c++) {
            int cx = x;
            x += f.colw[c] + colgap;
            for (int i = 0; i < t.n; i++) {
                const srow *r = &t.r[i];
                int ry = top + f.y[i], mid = ry + f.pitch / 2;
                SDL_Rect d;
                if (f.col[i] != c)
                    continue;
                /* a column that would leave the screen is not drawn */
                if (cx + f.colw[c] > k->w - k->m) {
                    cut++;
                    continue;
                }
                switch (r->kind) {
                case SR_HEAD:
                    ui_text(u, UI_BOLD, f.sz, C_TEXT, r->cell[0], cx, mid,
                            UI_AV_MIDDLE, 0, 0);
                    ui_fill(u, rect(cx, ry + f.pitch - 2, f.colw[c], 1),
                            C_LINE);
                    break;
                case SR_PAIR:
                    ui_text(u, UI_REG, f.sz, r->colour[0], r->cell[0],
                            cx + (r->indent ? f.indent : 0), mid,
                            UI_AV_MIDDLE, 0, 0);
                    d = ui_text(u, UI_BOLD, f.sz, r->colour[1], r->cell[1],
                                cx + f.lw[c] + f.cg, mid, UI_AV_MIDDLE, 0, 0);
                    if (r->is_age)
                        ui_set_region(u, MID_UI_REGION_REVOCATION_AGE, d);
                    break;
                case SR_KEY: {
                    int kx = cx;
                    for (int cc = 0; cc < 4; cc++) {
                        ui_text(u, cc == 3 ? UI_BOLD : UI_REG, f.sz,
                                r->colour[cc], r->cell[cc], kx, mid,
                                UI_AV_MIDDLE, 0, 0);
                        kx += f.kw[cc] + f.cg;
                    }
                    d = rect(cx, ry, kx - f.cg - cx, f.pitch);
                    if (keys_r.w == 0) {
                        keys_r = d;
                    } else {
                        int x1 = imax(keys_r.x + keys_r.w, d.x + d.w);
                        int y1 = imax(keys_r.y + keys_r.h, d.y + d.h);
                        keys_r.x = imin(keys_r.x, d.x);
                        keys_r.y = imin(keys_r.y, d.y);
                        keys_r.w = x1 - keys_r.x;
                        keys_r.h = y1 - keys_r.y;
                    }
                    keys++;
                    break;
                }
                case SR_NOTE:
                    ui_text(u, UI_REG, f.sz, r->colour[0], r->cell[0], cx,
                            mid, UI_AV_MIDDLE, 0, 0);
                    break;
                }
            }
        }
        if (keys_r.w > 0)
            ui_set_region(u, MID_UI_REGION_KEYS, keys_r);
        u->status_keys_drawn = keys;
        u->status_rows_cut = cut;
    }
    /* footer: what the export did (or when the screen closes), buttons */
    if (st)
        fmt_export(m, st, msg, sizeof(msg), &mc);
    else
        fmt_countdown(m, m->seconds_left, msg, sizeof(msg)), mc = C_DIM;
    {
        ui_weight wt = st && st->export_state != MID_EXPORT_NONE ? UI_BOLD
                                                                  : UI_REG;
        int mw = k->w - cw - ew - 2 * k->gap - 3 * k->m;
        msg_r = ui_text(u, wt, ui_fit(u, wt, UI_SM, UI_XXS, msg, mw), mc, msg,
                        k->m, by + bh / 2, UI_AV_MIDDLE, mw, 0);
    }
    ui_set_region(u, MID_UI_REGION_EXPORT, msg_r);
    button(u, k, m, rect(k->w - k->m - cw - k->gap - ew, by, ew, bh), exp,
           BTN_SECONDARY, st && st->export_state != MID_EXPORT_PENDING, 0,
           MID_EV_EXPORT, 0);
    button(u, k, m, rect(k->w - k->m - cw, by, cw, bh), close, BTN_PRIMARY,
           1, 1, MID_EV_CLOSE, 0);
}

void ui_layout_draw(mid_ui_sdl *u, const mid_ui_model *m)
{
    metrics k = metrics_of(u);
    SDL_SetRenderDrawColor(u->ren, C_BG.r, C_BG.g, C_BG.b, 0xFF);
    SDL_RenderClear(u->ren);
    switch (m->screen) {
    case MID_SCREEN_PURPOSE:
        screen_purpose(u, &k, m);
        break;
    case MID_SCREEN_REQUEST:
        screen_request(u, &k, m);
        break;
    case MID_SCREEN_SCAN:
        screen_scan(u, &k, m);
        break;
    case MID_SCREEN_RESULT:
        screen_result(u, &k, m);
        break;
    case MID_SCREEN_CAMERA_LOST:
    case MID_SCREEN_CLOCK:
    case MID_SCREEN_NOTICE:
        screen_message(u, &k, m);
        break;
    case MID_SCREEN_PIN:
        screen_pin(u, &k, m);
        break;
    case MID_SCREEN_STATUS:
        screen_status(u, &k, m);
        break;
    }
    status_line(u, &k, m);
}
