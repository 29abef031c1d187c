/* mid-kiosk — the screen behind one interface. The app state machine fills
 * a mid_ui_model; the UI adapter (SDL2 + SDL2_ttf, or the fake in tests)
 * draws it and turns touches and keys into mid_ui_events. The UI owns no
 * state of its own beyond layout, so a screenshot of a model is the whole
 * truth of a screen. */
#ifndef MID_UI_H
#define MID_UI_H

#include <stddef.h>
#include <stdint.h>

#include "mid_camera.h"
#include "mid_err.h"
#include "mid_korean.h"
#include "mid_purpose.h"
#include "mid_verify.h"

typedef enum mid_screen {
    MID_SCREEN_PURPOSE = 0,  /* 상대방에게 요청할 정보를 선택해 주세요. */
    MID_SCREEN_REQUEST = 1,  /* 요청 정보 (+ 추가 정보 선택 for custom) */
    MID_SCREEN_SCAN = 2,     /* 상대방의 모바일 신분증 QR코드를 스캔하세요. */
    MID_SCREEN_RESULT = 3,   /* 확인 결과 */
    MID_SCREEN_CAMERA_LOST = 4, /* camera disconnected, retrying */
    MID_SCREEN_CLOCK = 5,    /* clock before build floor: cannot verify */
    MID_SCREEN_NOTICE = 6    /* a message (bad config, update applied) */
} mid_screen;

typedef enum mid_scan_hint {
    MID_HINT_NONE = 0,
    MID_HINT_ONE_CODE = 1,   /* two codes in view: show only one */
    MID_HINT_NOT_MID = 2     /* a QR code, but not a mobile ID */
} mid_scan_hint;

typedef struct mid_ui_model {
    mid_screen screen;
    mid_lang lang;
    /* purpose / request screens */
    mid_purpose purpose;
    uint32_t items;          /* requested items */
    int focus;               /* keypad focus index on the current screen */
    int purpose_fixed;       /* no way back to purpose selection */
    /* scan screen */
    const mid_frame *preview;/* NULL: no preview this frame */
    mid_scan_hint hint;
    /* result screen */
    mid_verdict verdict;
    mid_check_id failed_check;
    mid_err reason;
    const mid_view *view;    /* VALID only */
    int seconds_left;        /* "55초 뒤 자동으로 창이 닫힙니다." */
    int can_extend;          /* 30초 연장 still allowed (cap) */
    /* status line, all screens */
    int revocation_age_days; /* < 0: no revocation data */
    int revocation_stale;    /* older than the configured limit */
    /* notice screen */
    const char *notice;      /* plain text, no personal data */
} mid_ui_model;

typedef enum mid_ui_event_kind {
    MID_EV_NONE = 0,
    MID_EV_QUIT = 1,
    MID_EV_SELECT_PURPOSE = 2, /* arg: mid_purpose */
    MID_EV_TOGGLE_ITEM = 3,    /* arg: mid_item bit */
    MID_EV_NEXT = 4,           /* 다음 */
    MID_EV_CHANGE_REQUEST = 5, /* 요청정보 변경 */
    MID_EV_EXTEND = 6,         /* 30초 연장 */
    MID_EV_CLOSE = 7,          /* 닫기 */
    MID_EV_TOGGLE_LANG = 8,
    MID_EV_FOCUS_NEXT = 9,     /* keypad: move focus */
    MID_EV_FOCUS_PREV = 10,
    MID_EV_ACTIVATE = 11,      /* keypad: press the focused control */
    MID_EV_BACK = 12
} mid_ui_event_kind;

typedef struct mid_ui_event {
    mid_ui_event_kind kind;
    uint32_t arg;
} mid_ui_event;

typedef struct mid_ui mid_ui;

struct mid_ui_ops {
    const char *name;
    mid_err (*render)(mid_ui *ui, const mid_ui_model *m);
    /* Non-blocking: MID_EV_NONE when nothing is pending. */
    mid_ui_event (*poll)(mid_ui *ui, const mid_ui_model *m);
    /* Demo and tests only: writes the last rendered screen as PNG. */
    mid_err (*screenshot)(mid_ui *ui, const char *png_path);
    void (*beep)(mid_ui *ui, int pass);
    void (*destroy)(mid_ui *ui);
};

struct mid_ui {
    const struct mid_ui_ops *ops;
};

typedef struct mid_sdl_config {
    int width, height;       /* 0: desktop size when fullscreen */
    int fullscreen;
    int sound;
    const char *font_regular;/* NULL: search Debian's Noto CJK / Nanum */
    const char *font_bold;
} mid_sdl_config;

void mid_sdl_config_default(mid_sdl_config *cfg);
mid_err mid_ui_sdl_create(const mid_sdl_config *cfg, mid_ui **out);

#endif
