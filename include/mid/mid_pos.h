/* mid-kiosk — the point-of-sale link's message layer (docs/pos-protocol.md).
 *
 * Newline-delimited JSON, one message per line, parsed with jansson (never
 * by hand): a line framer with a hard line limit, a strict parser of the
 * POS's messages into typed structs, writers for the kiosk's messages, a
 * token-bucket rate limiter, the session rules (hello first, one open
 * request), and the personal-data filter of a result.
 *
 * Transports (USB CDC-ACM gadget / pty, mutual-TLS TCP), the kiosk wiring
 * and tools/mid-pos are not built yet: the docs say so. */
#ifndef MID_POS_H
#define MID_POS_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_purpose.h"
#include "mid_receipt.h"
#include "mid_ui.h"
#include "mid_verify.h"

#define MID_POS_PROTOCOL_VERSION 1u
#define MID_POS_MAX_LINE 1024u      /* bytes of one POS message, without '\n' */
#define MID_POS_MAX_OUT 4096u       /* the largest kiosk message, '\n' included */
#define MID_POS_MAX_VERSION 1000u   /* a hello's version beyond this is malformed */
#define MID_POS_RATE_PER_S 5u       /* messages a second, sustained */
#define MID_POS_RATE_BURST 10u      /* messages at once */
#define MID_POS_RATE_REPORT_MS 1000 /* at most one rate_limited error a second */

/* ---- framing ---- */

/* Collects bytes from a transport into lines. A line longer than
 * MID_POS_MAX_LINE is reported once (MID_ERR_POS_TOO_LONG) and discarded
 * up to its newline; memory is fixed whatever the peer sends. "\r\n" is
 * accepted as a newline; empty lines are ignored (keep-alives). */
typedef struct mid_pos_framer {
    char buf[MID_POS_MAX_LINE + 2]; /* the line, a '\r', a NUL */
    size_t len;
    int discarding;
} mid_pos_framer;

/* err MID_OK: line/len is one message (NUL-terminated, no newline);
 * MID_ERR_POS_TOO_LONG: an over-long line was dropped (line NULL). */
typedef void (*mid_pos_line_fn)(void *ctx, const char *line, size_t len,
                                mid_err err);

void mid_pos_framer_init(mid_pos_framer *f);
void mid_pos_framer_feed(mid_pos_framer *f, const uint8_t *data, size_t n,
                         mid_pos_line_fn fn, void *ctx);

/* ---- POS -> kiosk ---- */

typedef enum mid_pos_type {
    MID_POS_HELLO = 0,
    MID_POS_REQUEST = 1,
    MID_POS_CANCEL = 2,
    MID_POS_STATUS = 3
} mid_pos_type;

typedef struct mid_pos_msg {
    mid_pos_type type;
    uint32_t version;                  /* hello */
    char txn[MID_RECEIPT_TXN_MAX + 1]; /* request, cancel */
    mid_request request;               /* request: purpose and items */
} mid_pos_msg;

/* Parses one line strictly: a JSON object (duplicate keys refused) with a
 * known "type", exactly the keys of that type with the right JSON types,
 * values in range. Errors: POS_TOO_LONG, POS_JSON, POS_TYPE, POS_SCHEMA,
 * POS_VERSION (a hello for a version this kiosk does not speak: *out is
 * still filled so the reply can say which it does), POS_TXN, POS_PURPOSE.
 * *detail (may be NULL) gets a fixed text naming the problem; it never
 * repeats the POS's bytes. */
mid_err mid_pos_parse(const char *line, size_t len, mid_pos_msg *out,
                      const char **detail);

/* ---- session rules ---- */

typedef struct mid_pos_session {
    int hello;                         /* a good hello was received */
    int open;                          /* a request is being checked */
    char txn[MID_RECEIPT_TXN_MAX + 1]; /* its transaction id */
} mid_pos_session;

void mid_pos_session_init(mid_pos_session *s);
/* Applies a parsed message: POS_STATE for anything but hello or status
 * before hello, or a cancel of no open request (or another txn);
 * POS_BUSY for a request while one is open. On MID_OK a request opens
 * and a cancel closes the session's transaction. */
mid_err mid_pos_session_accept(mid_pos_session *s, const mid_pos_msg *m);
/* The open request got its result. */
void mid_pos_session_done(mid_pos_session *s);

/* ---- rate limit ---- */

/* Token bucket on an injected millisecond clock (monotonic). */
typedef struct mid_pos_rate {
    uint32_t per_s, burst;
    uint64_t milli_tokens; /* tokens x 1000 */
    int64_t last_ms;
    int64_t last_report_ms; /* INT64_MIN: never */
    uint64_t dropped;
} mid_pos_rate;

typedef enum mid_pos_rate_verdict {
    MID_POS_RATE_PASS = 0,   /* handle the message */
    MID_POS_RATE_REPORT = 1, /* drop it and send one rate_limited error */
    MID_POS_RATE_DROP = 2    /* drop it silently (already reported lately) */
} mid_pos_rate_verdict;

void mid_pos_rate_init(mid_pos_rate *r, uint32_t per_s, uint32_t burst,
                       int64_t now_ms);
mid_pos_rate_verdict mid_pos_rate_take(mid_pos_rate *r, int64_t now_ms);

/* ---- personal data in a result ---- */

/* Items a result may ever carry. Never the portrait (a biometric image),
 * never the adult flag (that is the decision). */
#define MID_POS_SENDABLE                                                       \
    ((uint32_t)(MID_ITEM_NAME | MID_ITEM_RRN | MID_ITEM_AGE |                  \
                MID_ITEM_BIRTH_DATE | MID_ITEM_ISSUE_DATE | MID_ITEM_DOCTYPE | \
                MID_ITEMS_LICENCE))

/* Per-purpose allow lists from the per-device configuration; all zero by
 * default (no personal data to the POS). */
typedef struct mid_pos_fields_cfg {
    uint32_t allow[MID_PURPOSE_COUNT];
} mid_pos_fields_cfg;

/* One kiosk.conf line: key "pos_fields_real_name", "pos_fields_licence" or
 * "pos_fields_custom", value "none" or a comma list of item ids
 * (mid_item_id: "name", "rrn", "licence_number", ...). Returns 1 when the
 * key is not one of these (the config reader goes on), MID_OK when taken,
 * MID_ERR_CONFIG for "pos_fields_adult" (the adult check never sends
 * personal data), an unknown or unsendable item, or an item that purpose
 * never shows. */
int mid_pos_fields_config(mid_pos_fields_cfg *cfg, const char *key,
                          const char *value);
/* Items of this verification that may go into the result: the purpose's
 * allow list, cut to what the view really holds and to MID_POS_SENDABLE;
 * always 0 for the adult check and for an invalid verdict. */
uint32_t mid_pos_fields_allowed(const mid_pos_fields_cfg *cfg,
                                mid_purpose purpose, mid_verdict verdict,
                                const mid_view *view);

/* ---- kiosk -> POS ---- */

/* Stable reason names of the error message ("bad_json", "busy", ...). */
const char *mid_pos_reason(mid_err err);

typedef struct mid_pos_result {
    const char *txn;
    mid_verdict verdict;
    mid_check_id failed_check; /* when invalid */
    mid_err err;               /* when invalid */
    mid_decision decision;
    int64_t time;
    const char *kiosk_id;
    const uint8_t *receipt; /* the COSE bytes of this check's receipt */
    size_t receipt_len;     /* 0: no receipt (the log failed) */
    uint32_t fields;        /* from mid_pos_fields_allowed */
    const mid_view *view;   /* needed when fields != 0 */
} mid_pos_result;

/* Each writes one compact JSON object and '\n' into out (NUL-terminated;
 * *len without the NUL). MID_ERR_BUFFER if it does not fit. */
mid_err mid_pos_write_ready(const char *kiosk_id, const char *fingerprint,
                            char *out, size_t cap, size_t *len);
mid_err mid_pos_write_result(const mid_pos_result *r, char *out, size_t cap,
                             size_t *len);
/* A cancelled request: a result with verdict "cancelled" and no receipt. */
mid_err mid_pos_write_cancelled(const char *txn, const char *kiosk_id,
                                int64_t time, char *out, size_t cap,
                                size_t *len);
/* reason: a MID_ERR_POS_* code; txn may be NULL; detail may be NULL. */
mid_err mid_pos_write_error(mid_err reason, const char *txn,
                            const char *detail, char *out, size_t cap,
                            size_t *len);
mid_err mid_pos_write_status(const mid_status_info *st, int busy,
                             const char *fingerprint, char *out, size_t cap,
                             size_t *len);

/* Standard base64 (RFC 4648 §4, with padding) of n bytes; cap must hold
 * 4*ceil(n/3)+1. Returns the length or 0 if it does not fit. */
size_t mid_pos_base64(const uint8_t *in, size_t n, char *out, size_t cap);

#endif
