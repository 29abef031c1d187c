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
#include "mid_limits.h"
#include "mid_purpose.h"
#include "mid_verify.h"

typedef enum mid_screen {
    MID_SCREEN_PURPOSE = 0,     /* 상대방에게 요청할 정보를 선택해 주세요. */
    MID_SCREEN_REQUEST = 1,     /* 요청 정보 (+ 추가 정보 선택 for custom) */
    MID_SCREEN_SCAN = 2,        /* 상대방의 모바일 신분증 QR코드를 스캔하세요. */
    MID_SCREEN_RESULT = 3,      /* 확인 결과 */
    MID_SCREEN_CAMERA_LOST = 4, /* camera disconnected, retrying */
    MID_SCREEN_CLOCK = 5,       /* clock before build floor: cannot verify */
    MID_SCREEN_NOTICE = 6,      /* a message (bad config, update applied) */
    MID_SCREEN_PIN = 7,         /* operator PIN: number pad, digits as dots */
    MID_SCREEN_STATUS = 8       /* operator status (docs/operator.md) */
} mid_screen;

typedef enum mid_scan_hint {
    MID_HINT_NONE = 0,
    MID_HINT_ONE_CODE = 1, /* two codes in view: show only one */
    MID_HINT_NOT_MID = 2   /* a QR code, but not a mobile ID */
} mid_scan_hint;

/* PIN screen state. */
typedef enum mid_pin_state {
    MID_PIN_ENTER = 0, /* "PIN을 입력한 뒤 확인을 누르세요." */
    MID_PIN_WRONG = 1, /* the last PIN was wrong; pin_tries_left */
    MID_PIN_LOCKED = 2 /* too many wrong PINs; pin_locked_s */
} mid_pin_state;

/* USB export of the check log, as the status screen reports it. */
typedef enum mid_export_state {
    MID_EXPORT_NONE = 0,    /* not asked for on this visit */
    MID_EXPORT_PENDING = 1, /* asked; the program exports within a second */
    MID_EXPORT_DONE = 2,    /* export_files files copied */
    MID_EXPORT_NO_USB = 3,  /* nothing mounted at export_dir */
    MID_EXPORT_FAILED = 4   /* mounted, but only export_files of
                                export_total files could be written */
} mid_export_state;

/* A trust key as the status screen shows it (never the key itself). */
typedef enum mid_key_period {
    MID_KEY_VALID = 0,   /* nbf <= now < exp */
    MID_KEY_NOT_YET = 1, /* now < nbf */
    MID_KEY_EXPIRED = 2  /* now >= exp */
} mid_key_period;

typedef struct mid_status_key {
    uint8_t kid[MID_KID_LEN];
    uint32_t doctypes; /* MID_DOCTYPE_BIT() set */
    int64_t nbf, exp;  /* Unix seconds */
    mid_key_period period;
} mid_status_key;

#define MID_STATUS_TEXT_MAX 32u
#define MID_STATUS_PATH_MAX 256u

/* What the operator status screen shows: device facts, trust data,
 * counters and the check log, never personal data. Plain values in fixed
 * arrays (no pointers), so it never dangles when trust data is swapped.
 * Filled partly by the program (main.c's housekeeping, about once a
 * second: it holds the trust data and the check log) and partly by the
 * app (every tick: time, camera, counters, key periods). */
typedef struct mid_status_info {
    /* the program */
    char version[MID_STATUS_TEXT_MAX];
    char kiosk_id[MID_STATUS_TEXT_MAX];
    int64_t build_time; /* image build time (clock floor); 0: none */
    int have_trust;
    uint64_t trust_seq;
    int64_t trust_issued;
    unsigned n_keys; /* <= MID_MAX_TRUST_KEYS */
    mid_status_key keys[MID_MAX_TRUST_KEYS];
    int have_revocation;
    uint64_t revocation_seq;
    int64_t revocation_issued;
    uint64_t revocation_ids;  /* revoked credentials listed */
    uint64_t log_lines_today; /* check log lines of the current KST day */
    uint64_t log_dropped;     /* lines not kept because the day was full */
    mid_export_state export_state;
    unsigned export_files, export_total;
    char export_dir[MID_STATUS_PATH_MAX];
    /* mid-sync's status file (docs/sync.md); sync_present 0: none */
    int sync_present;
    int64_t sync_last_success; /* 0: never */
    int sync_last_error;       /* mid_err of its last round, 0 none */
    /* the app */
    int64_t now;             /* Unix seconds, shown in KST */
    int revocation_age_days; /* < 0: no revocation data */
    int revocation_stale;    /* older than revocation_max_age_days */
    int revocation_max_age_days;
    int camera_ok;
    uint64_t camera_reconnects; /* times the camera came back */
    uint64_t frames, codes, valid, invalid;
    uint64_t by_check[MID_CHECK_COUNT]; /* invalid verdicts by failed check */
    uint64_t multiple_codes, not_mid;
} mid_status_info;

typedef struct mid_ui_model {
    mid_screen screen;
    mid_lang lang;
    /* purpose / request screens */
    uint32_t purposes_offered; /* cards drawn: bit (1 << mid_purpose);
                                  0 is read as all four */
    mid_purpose purpose;
    uint32_t items;    /* requested items */
    int focus;         /* keypad focus index on the current screen */
    int purpose_fixed; /* no way back to purpose selection */
    /* scan screen */
    const mid_frame *preview; /* NULL: no preview this frame */
    mid_scan_hint hint;
    /* result screen */
    mid_verdict verdict;
    mid_check_id failed_check;
    mid_err reason;
    const mid_view *view; /* VALID only */
    int seconds_left;     /* "55초 뒤 자동으로 창이 닫힙니다."; PIN and
                                STATUS: until they close for lack of input */
    int can_extend;       /* 30초 연장 still allowed (cap) */
    /* status line, all screens */
    int revocation_age_days; /* < 0: no revocation data */
    int revocation_stale;    /* older than the configured limit */
    /* notice screen */
    const char *notice; /* plain text, no personal data */
    /* PIN screen */
    int pin_len; /* digits typed so far: dots, never digits */
    mid_pin_state pin_state;
    int pin_tries_left; /* MID_PIN_WRONG: tries before the lockout */
    int pin_locked_s;   /* MID_PIN_LOCKED: seconds left */
    /* status screen */
    const mid_status_info *status; /* MID_SCREEN_STATUS only, else NULL */
} mid_ui_model;

typedef enum mid_ui_event_kind {
    MID_EV_NONE = 0,
    MID_EV_QUIT = 1,
    MID_EV_SELECT_PURPOSE = 2, /* arg: mid_purpose */
    MID_EV_TOGGLE_ITEM = 3,    /* arg: mid_item bit */
    MID_EV_NEXT = 4,           /* 다음; 확인 on the PIN screen */
    MID_EV_CHANGE_REQUEST = 5, /* 요청정보 변경 */
    MID_EV_EXTEND = 6,         /* 30초 연장 */
    MID_EV_CLOSE = 7,          /* 닫기 (RESULT, STATUS) */
    MID_EV_TOGGLE_LANG = 8,
    MID_EV_FOCUS_NEXT = 9, /* keypad: move focus */
    MID_EV_FOCUS_PREV = 10,
    MID_EV_ACTIVATE = 11,  /* keypad: press the focused control */
    MID_EV_BACK = 12,      /* 이전; 취소 on the PIN screen */
    MID_EV_OPERATOR = 13,  /* key combination or long press: PIN screen */
    MID_EV_PIN_DIGIT = 14, /* arg: 0-9 */
    MID_EV_PIN_ERASE = 15, /* ← */
    MID_EV_EXPORT = 16,    /* USB로 내보내기 */
    MID_EV_KEY = 17        /* a key whose meaning depends on the screen:
                                  arg = mid_ui_key | MID_KEY_REPEAT |
                                  MID_KEY_SHIFT; the app decides what it
                                  means (mid_app_on_event, docs/ui.md) */
} mid_ui_event_kind;

/* MID_EV_KEY: the keys a UI reports as they are. Arrows and Tab (focus),
 * L (language) and the operator combinations mean the same on every
 * screen, so the UI sends their events directly. */
typedef enum mid_ui_key {
    MID_KEY_0 = 0, /* 0-9: digit row or keypad, arg = the digit */
    MID_KEY_9 = 9,
    MID_KEY_ENTER = 10,     /* Enter, keypad Enter */
    MID_KEY_SPACE = 11,     /* Space, keypad Space */
    MID_KEY_ESCAPE = 12,    /* Escape, AC Back */
    MID_KEY_BACKSPACE = 13, /* Backspace */
    MID_KEY_DELETE = 14,    /* Delete, keypad Backspace */
    MID_KEY_PLUS = 15       /* +, Shift+=, keypad +, F5 */
} mid_ui_key;
#define MID_KEY_MASK 0xFFu
#define MID_KEY_REPEAT 0x100u /* key repeat, not a new press */
#define MID_KEY_SHIFT 0x200u  /* with Shift held */

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
    int width, height; /* 0: desktop size when fullscreen */
    int fullscreen;
    int sound;
    const char *font_regular; /* NULL: search Debian's Noto CJK / Nanum */
    const char *font_bold;
} mid_sdl_config;

void mid_sdl_config_default(mid_sdl_config *cfg);
mid_err mid_ui_sdl_create(const mid_sdl_config *cfg, mid_ui **out);

#endif
