/* The POS link's message layer on jansson (include/mid/mid_pos.h,
 * docs/pos-protocol.md). jansson parses and writes every JSON byte; this
 * file only says which objects are allowed. */
#include <stdio.h>
#include <string.h>

#include <jansson.h>

#include "mid/mid_pos.h"

/* ---- framing ---- */

void mid_pos_framer_init(mid_pos_framer *f)
{
    if (f)
        memset(f, 0, sizeof *f);
}

void mid_pos_framer_feed(mid_pos_framer *f, const uint8_t *data, size_t n,
                         mid_pos_line_fn fn, void *ctx)
{
    size_t i;
    if (!f || (!data && n) || !fn)
        return;
    for (i = 0; i < n; i++) {
        uint8_t c = data[i];
        if (c == '\n') {
            size_t len = f->len;
            int was_discarding = f->discarding;
            f->len = 0;
            f->discarding = 0;
            if (was_discarding)
                continue; /* the long line ends here; reported already */
            if (len && f->buf[len - 1u] == '\r')
                len--;
            if (len > MID_POS_MAX_LINE) {
                fn(ctx, NULL, 0, MID_ERR_POS_TOO_LONG);
                continue;
            }
            f->buf[len] = '\0';
            if (len)
                fn(ctx, f->buf, len, MID_OK);
            continue;
        }
        if (f->discarding)
            continue;
        /* room for the limit plus a '\r' that may precede the newline */
        if (f->len == MID_POS_MAX_LINE + 1u) {
            f->discarding = 1;
            f->len = 0;
            fn(ctx, NULL, 0, MID_ERR_POS_TOO_LONG);
            continue;
        }
        f->buf[f->len++] = (char)c;
    }
}

/* ---- parsing ---- */

static const char *const PURPOSES[MID_PURPOSE_COUNT] = {"adult", "real_name", "licence",
                                                        "custom"};

static int lookup_purpose(const char *s, mid_purpose *out)
{
    size_t i;
    for (i = 0; i < MID_PURPOSE_COUNT; i++) {
        if (strcmp(s, PURPOSES[i]) == 0) {
            *out = (mid_purpose)i;
            return 1;
        }
    }
    return 0;
}

static uint32_t lookup_item(const char *s, size_t len)
{
    unsigned i;
    for (i = 0; i < MID_ITEM_COUNT; i++) {
        const char *id = mid_item_id((mid_item)(1u << i));
        if (id && strlen(id) == len && memcmp(id, s, len) == 0)
            return 1u << i;
    }
    return 0;
}

/* Every key of obj must be in allowed (NULL-terminated). */
static int only_keys(json_t *obj, const char *const *allowed)
{
    const char *key;
    json_t *v;
    json_object_foreach(obj, key, v)
    {
        size_t i;
        int ok = 0;
        (void)v;
        for (i = 0; allowed[i]; i++) {
            if (strcmp(key, allowed[i]) == 0)
                ok = 1;
        }
        if (!ok)
            return 0;
    }
    return 1;
}

static mid_err get_txn(json_t *obj, char out[MID_RECEIPT_TXN_MAX + 1], const char **detail)
{
    json_t *t = json_object_get(obj, "txn");
    const char *s;
    size_t n;
    if (!t) {
        *detail = "txn missing";
        return MID_ERR_POS_SCHEMA;
    }
    if (!json_is_string(t)) {
        *detail = "txn must be a string";
        return MID_ERR_POS_SCHEMA;
    }
    s = json_string_value(t);
    n = json_string_length(t);
    if (!mid_receipt_txn_valid(s, n)) {
        *detail = "txn: 1-64 of A-Z a-z 0-9 . _ : -";
        return MID_ERR_POS_TXN;
    }
    memcpy(out, s, n);
    out[n] = '\0';
    return MID_OK;
}

static mid_err parse_request(json_t *obj, mid_pos_msg *out, const char **detail)
{
    static const char *const keys[] = {"type", "txn", "purpose", "items", NULL};
    json_t *p, *items;
    mid_err err;

    if (!only_keys(obj, keys)) {
        *detail = "unknown key in request";
        return MID_ERR_POS_SCHEMA;
    }
    if ((err = get_txn(obj, out->txn, detail)) != MID_OK)
        return err;
    p = json_object_get(obj, "purpose");
    if (!p || !json_is_string(p)) {
        *detail = "purpose missing or not a string";
        return MID_ERR_POS_SCHEMA;
    }
    if (strlen(json_string_value(p)) != json_string_length(p) ||
        !lookup_purpose(json_string_value(p), &out->request.purpose)) {
        *detail = "purpose: adult, real_name, licence or custom";
        return MID_ERR_POS_PURPOSE;
    }
    out->request = mid_request_for(out->request.purpose);
    items = json_object_get(obj, "items");
    if (out->request.purpose != MID_PURPOSE_CUSTOM) {
        if (items) {
            *detail = "items only with purpose custom";
            return MID_ERR_POS_SCHEMA;
        }
        return MID_OK;
    }
    if (!items || !json_is_array(items) || json_array_size(items) == 0 ||
        json_array_size(items) > MID_ITEM_COUNT) {
        *detail = "custom needs items: an array of 1-12 item ids";
        return MID_ERR_POS_SCHEMA;
    }
    {
        size_t i;
        json_t *it;
        uint32_t bits = 0;
        json_array_foreach(items, i, it)
        {
            uint32_t b;
            if (!json_is_string(it)) {
                *detail = "items must be strings";
                return MID_ERR_POS_SCHEMA;
            }
            b = lookup_item(json_string_value(it), json_string_length(it));
            if (!b) {
                *detail = "unknown item";
                return MID_ERR_POS_PURPOSE;
            }
            if (bits & b) {
                *detail = "item listed twice";
                return MID_ERR_POS_SCHEMA;
            }
            bits |= b;
        }
        out->request.items = bits;
    }
    return MID_OK;
}

mid_err mid_pos_parse(const char *line, size_t len, mid_pos_msg *out,
                      const char **detail)
{
    static const char *const hello_keys[] = {"type", "version", NULL};
    static const char *const cancel_keys[] = {"type", "txn", NULL};
    static const char *const status_keys[] = {"type", NULL};
    const char *dummy;
    json_error_t jerr;
    json_t *root = NULL, *t;
    const char *type;
    mid_err err = MID_ERR_POS_SCHEMA;

    if (!detail)
        detail = &dummy;
    *detail = NULL;
    if (!line || !out)
        return MID_ERR_ARG;
    memset(out, 0, sizeof *out);
    if (len > MID_POS_MAX_LINE) {
        *detail = "line too long";
        return MID_ERR_POS_TOO_LONG;
    }
    /* REJECT_DUPLICATES: {"txn":"a","txn":"b"} must not mean either.
     * Without DISABLE_EOF_CHECK anything after the object is an error. */
    root = json_loadb(line, len, JSON_REJECT_DUPLICATES, &jerr);
    if (!root) {
        *detail = "not valid JSON";
        return MID_ERR_POS_JSON;
    }
    if (!json_is_object(root)) {
        *detail = "a message is a JSON object";
        goto done;
    }
    t = json_object_get(root, "type");
    if (!t || !json_is_string(t)) {
        *detail = "type missing or not a string";
        goto done;
    }
    type = json_string_value(t);
    if (strlen(type) != json_string_length(t)) {
        err = MID_ERR_POS_TYPE;
        *detail = "unknown type";
        goto done;
    }
    if (strcmp(type, "hello") == 0) {
        json_t *v = json_object_get(root, "version");
        json_int_t n;
        out->type = MID_POS_HELLO;
        if (!only_keys(root, hello_keys)) {
            *detail = "unknown key in hello";
            goto done;
        }
        if (!v || !json_is_integer(v)) {
            *detail = "version missing or not an integer";
            goto done;
        }
        n = json_integer_value(v);
        if (n < 1 || n > (json_int_t)MID_POS_MAX_VERSION) {
            *detail = "version out of range";
            goto done;
        }
        out->version = (uint32_t)n;
        if (out->version != MID_POS_PROTOCOL_VERSION) {
            err = MID_ERR_POS_VERSION;
            *detail = "this kiosk speaks version 1";
            goto done;
        }
        err = MID_OK;
    } else if (strcmp(type, "request") == 0) {
        out->type = MID_POS_REQUEST;
        err = parse_request(root, out, detail);
    } else if (strcmp(type, "cancel") == 0) {
        out->type = MID_POS_CANCEL;
        if (!only_keys(root, cancel_keys)) {
            *detail = "unknown key in cancel";
            goto done;
        }
        err = get_txn(root, out->txn, detail);
    } else if (strcmp(type, "status") == 0) {
        out->type = MID_POS_STATUS;
        if (!only_keys(root, status_keys)) {
            *detail = "unknown key in status";
            goto done;
        }
        err = MID_OK;
    } else {
        err = MID_ERR_POS_TYPE;
        *detail = "type: hello, request, cancel or status";
    }
done:
    json_decref(root);
    if (err != MID_OK && err != MID_ERR_POS_VERSION) {
        mid_pos_type keep = out->type;
        memset(out, 0, sizeof *out);
        out->type = keep;
    }
    return err;
}

/* ---- session ---- */

void mid_pos_session_init(mid_pos_session *s)
{
    if (s)
        memset(s, 0, sizeof *s);
}

mid_err mid_pos_session_accept(mid_pos_session *s, const mid_pos_msg *m)
{
    if (!s || !m)
        return MID_ERR_ARG;
    switch (m->type) {
    case MID_POS_HELLO:
        s->hello = 1;
        return MID_OK;
    case MID_POS_STATUS:
        return MID_OK; /* harmless, PII-free: allowed before hello */
    case MID_POS_REQUEST:
        if (!s->hello)
            return MID_ERR_POS_STATE;
        if (s->open)
            return MID_ERR_POS_BUSY;
        s->open = 1;
        snprintf(s->txn, sizeof s->txn, "%s", m->txn);
        return MID_OK;
    case MID_POS_CANCEL:
        if (!s->hello || !s->open || strcmp(s->txn, m->txn) != 0)
            return MID_ERR_POS_STATE;
        mid_pos_session_done(s);
        return MID_OK;
    default:
        return MID_ERR_ARG;
    }
}

void mid_pos_session_done(mid_pos_session *s)
{
    if (!s)
        return;
    s->open = 0;
    memset(s->txn, 0, sizeof s->txn);
}

/* ---- rate limit ---- */

void mid_pos_rate_init(mid_pos_rate *r, uint32_t per_s, uint32_t burst,
                       int64_t now_ms)
{
    if (!r)
        return;
    memset(r, 0, sizeof *r);
    r->per_s = per_s;
    r->burst = burst ? burst : 1u;
    r->milli_tokens = (uint64_t)r->burst * 1000u;
    r->last_ms = now_ms;
    r->last_report_ms = INT64_MIN;
}

mid_pos_rate_verdict mid_pos_rate_take(mid_pos_rate *r, int64_t now_ms)
{
    uint64_t cap;
    if (!r)
        return MID_POS_RATE_DROP;
    cap = (uint64_t)r->burst * 1000u;
    /* a clock that steps back refills nothing (monotonic expected) */
    if (now_ms > r->last_ms) {
        uint64_t dt = (uint64_t)(now_ms - r->last_ms);
        uint64_t add;
        if (dt > 3600000u)
            dt = 3600000u; /* an hour refills any bucket; no overflow below */
        /* per_s tokens a second = per_s milli-tokens a millisecond */
        add = dt * r->per_s;
        r->milli_tokens = r->milli_tokens + add > cap ? cap : r->milli_tokens + add;
        r->last_ms = now_ms;
    }
    if (r->milli_tokens >= 1000u) {
        r->milli_tokens -= 1000u;
        return MID_POS_RATE_PASS;
    }
    r->dropped++;
    if (r->last_report_ms == INT64_MIN || now_ms - r->last_report_ms >= MID_POS_RATE_REPORT_MS) {
        r->last_report_ms = now_ms;
        return MID_POS_RATE_REPORT;
    }
    return MID_POS_RATE_DROP;
}

/* ---- personal-data filter ---- */

static const char *const FIELD_KEYS[MID_PURPOSE_COUNT] = {
    "pos_fields_adult", "pos_fields_real_name", "pos_fields_licence", "pos_fields_custom"};

int mid_pos_fields_config(mid_pos_fields_cfg *cfg, const char *key,
                          const char *value)
{
    size_t p;
    uint32_t bits = 0;
    const char *s;

    if (!cfg || !key || !value)
        return MID_ERR_ARG;
    for (p = 0; p < MID_PURPOSE_COUNT; p++) {
        if (strcmp(key, FIELD_KEYS[p]) == 0)
            break;
    }
    if (p == MID_PURPOSE_COUNT)
        return 1;
    if (p == MID_PURPOSE_ADULT)
        return MID_ERR_CONFIG; /* never: an adult check sends only its decision */
    if (strcmp(value, "none") == 0 || value[0] == '\0') {
        cfg->allow[p] = 0;
        return MID_OK;
    }
    s = value;
    for (;;) {
        const char *comma = strchr(s, ',');
        size_t n = comma ? (size_t)(comma - s) : strlen(s);
        uint32_t b = lookup_item(s, n);
        if (!b || !(b & MID_POS_SENDABLE) || (bits & b))
            return MID_ERR_CONFIG;
        /* a fixed purpose can only send what it shows */
        if (p != MID_PURPOSE_CUSTOM && !(b & mid_purpose_items((mid_purpose)p)))
            return MID_ERR_CONFIG;
        bits |= b;
        if (!comma)
            break;
        s = comma + 1;
    }
    cfg->allow[p] = bits;
    return MID_OK;
}

uint32_t mid_pos_fields_allowed(const mid_pos_fields_cfg *cfg,
                                mid_purpose purpose, mid_verdict verdict,
                                const mid_view *view)
{
    if (!cfg || !view || verdict != MID_VERDICT_VALID || purpose == MID_PURPOSE_ADULT ||
        (unsigned)purpose >= (unsigned)MID_PURPOSE_COUNT)
        return 0;
    return cfg->allow[purpose] & view->items & MID_POS_SENDABLE;
}

/* ---- writing ---- */

const char *mid_pos_reason(mid_err err)
{
    switch (err) {
    case MID_ERR_POS_JSON:
        return "bad_json";
    case MID_ERR_POS_TOO_LONG:
        return "line_too_long";
    case MID_ERR_POS_TYPE:
        return "unknown_type";
    case MID_ERR_POS_SCHEMA:
        return "bad_field";
    case MID_ERR_POS_PURPOSE:
        return "unknown_purpose";
    case MID_ERR_POS_BUSY:
        return "busy";
    case MID_ERR_POS_RATE:
        return "rate_limited";
    case MID_ERR_POS_VERSION:
        return "unsupported_version";
    case MID_ERR_POS_TXN:
        return "bad_transaction_id";
    case MID_ERR_POS_STATE:
        return "unexpected";
    default:
        return "internal";
    }
}

size_t mid_pos_base64(const uint8_t *in, size_t n, char *out, size_t cap)
{
    static const char A[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    size_t need = (n + 2u) / 3u * 4u, i, o = 0;
    if (!out || (!in && n) || cap < need + 1u)
        return 0;
    for (i = 0; i + 2u < n; i += 3u) {
        uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63u];
        out[o++] = A[(v >> 6) & 63u];
        out[o++] = A[v & 63u];
    }
    if (i < n) {
        uint32_t v = (uint32_t)in[i] << 16 | (i + 1u < n ? (uint32_t)in[i + 1] << 8 : 0u);
        out[o++] = A[v >> 18];
        out[o++] = A[(v >> 12) & 63u];
        out[o++] = i + 1u < n ? A[(v >> 6) & 63u] : '=';
        out[o++] = '=';
    }
    out[o] = '\0';
    return o;
}

/* Dumps obj compactly with a newline; takes the reference. */
static mid_err finish(json_t *obj, char *out, size_t cap, size_t *len)
{
    size_t n;
    mid_err err = MID_ERR_BUFFER;
    if (!obj)
        return MID_ERR_NOMEM;
    if (!out || !len) {
        json_decref(obj);
        return MID_ERR_ARG;
    }
    n = json_dumpb(obj, out, cap, JSON_COMPACT | JSON_ENSURE_ASCII);
    if (n > 0 && n + 2u <= cap) {
        out[n] = '\n';
        out[n + 1u] = '\0';
        *len = n + 1u;
        err = MID_OK;
    }
    json_decref(obj);
    return err;
}

/* json_object_set_new that remembers a failure instead of crashing. */
static void put(json_t *obj, const char *key, json_t *v, int *bad)
{
    if (!v || json_object_set_new(obj, key, v) != 0)
        *bad = 1;
}

static json_t *str_or_null(const char *s)
{
    return s ? json_string(s) : json_null();
}

mid_err mid_pos_write_ready(const char *kiosk_id, const char *fingerprint,
                            char *out, size_t cap, size_t *len)
{
    json_t *o = json_object();
    int bad = !o;
    if (o) {
        put(o, "type", json_string("ready"), &bad);
        put(o, "version", json_integer(MID_POS_PROTOCOL_VERSION), &bad);
        put(o, "kiosk_id", str_or_null(kiosk_id), &bad);
        put(o, "device_key", str_or_null(fingerprint), &bad);
    }
    if (bad) {
        json_decref(o);
        return MID_ERR_NOMEM;
    }
    return finish(o, out, cap, len);
}

static json_t *date_str(mid_date d)
{
    char b[16];
    snprintf(b, sizeof b, "%04d-%02u-%02u", (int)d.year, (unsigned)d.month, (unsigned)d.day);
    return json_string(b);
}

static size_t bounded(const char *s, size_t cap)
{
    size_t n = 0;
    while (n < cap && s[n])
        n++;
    return n;
}

/* The personal fields a deployer allowed: only bits in `fields`. */
static json_t *fields_obj(uint32_t fields, const mid_view *v, int *bad)
{
    json_t *f = json_object();
    if (!f) {
        *bad = 1;
        return NULL;
    }
    fields &= MID_POS_SENDABLE & v->items;
    if (fields & MID_ITEM_NAME)
        put(f, "name", json_stringn(v->name, bounded(v->name, sizeof v->name)), bad);
    if (fields & MID_ITEM_RRN) /* as the screen shows it: masked unless the policy says */
        put(f, "rrn", json_stringn(v->rrn, bounded(v->rrn, sizeof v->rrn)), bad);
    if (fields & MID_ITEM_AGE)
        put(f, "age", json_integer(v->age), bad);
    if (fields & MID_ITEM_BIRTH_DATE)
        put(f, "birth_date", date_str(v->birth), bad);
    if (fields & MID_ITEM_ISSUE_DATE)
        put(f, "issue_date", date_str(v->issue_date), bad);
    if (fields & MID_ITEM_DOCTYPE)
        put(f, "doctype", json_string(v->doctype == MID_DOC_DRIVER_LICENCE ? "licence" : "resident"),
            bad);
    if (fields & MID_ITEM_LICENCE_CLASS)
        put(f, "licence_class", json_integer(v->licence_class), bad);
    if (fields & MID_ITEM_LICENCE_NUMBER)
        put(f, "licence_number",
            json_stringn(v->licence_number, bounded(v->licence_number, sizeof v->licence_number)),
            bad);
    if (fields & MID_ITEM_LICENCE_STATUS)
        put(f, "licence_status", json_string(mid_licence_state_id(v->licence_state)), bad);
    if (fields & MID_ITEM_LICENCE_EXPIRY)
        put(f, "licence_expiry", date_str(v->licence_expiry), bad);
    return f;
}

mid_err mid_pos_write_result(const mid_pos_result *r, char *out, size_t cap,
                             size_t *len)
{
    char b64[(MID_RECEIPT_MAX_COSE + 2u) / 3u * 4u + 1u];
    json_t *o;
    int bad = 0, invalid;

    if (!r || !r->txn || !r->kiosk_id || (r->fields && !r->view) ||
        r->receipt_len > MID_RECEIPT_MAX_COSE || (r->receipt_len && !r->receipt))
        return MID_ERR_ARG;
    invalid = r->verdict != MID_VERDICT_VALID;
    if (invalid && r->fields)
        return MID_ERR_ARG; /* nothing personal about a refused ID */
    o = json_object();
    if (!o)
        return MID_ERR_NOMEM;
    put(o, "type", json_string("result"), &bad);
    put(o, "txn", json_string(r->txn), &bad);
    put(o, "verdict", json_string(invalid ? "invalid" : "valid"), &bad);
    put(o, "failed_check", invalid ? json_string(mid_check_id_str(r->failed_check)) : json_null(),
        &bad);
    put(o, "error", json_integer(invalid ? (json_int_t)r->err : 0), &bad);
    put(o, "error_id", json_string(mid_err_str(invalid ? r->err : MID_OK)), &bad);
    put(o, "decision", json_string(mid_decision_id(r->decision)), &bad);
    put(o, "time", json_integer((json_int_t)r->time), &bad);
    put(o, "kiosk_id", json_string(r->kiosk_id), &bad);
    if (r->receipt_len) {
        if (!mid_pos_base64(r->receipt, r->receipt_len, b64, sizeof b64))
            bad = 1;
        put(o, "receipt", json_string(b64), &bad);
    } else {
        put(o, "receipt", json_null(), &bad);
    }
    if (r->fields)
        put(o, "fields", fields_obj(r->fields, r->view, &bad), &bad);
    if (bad) {
        json_decref(o);
        return MID_ERR_NOMEM;
    }
    return finish(o, out, cap, len);
}

mid_err mid_pos_write_cancelled(const char *txn, const char *kiosk_id,
                                int64_t time, char *out, size_t cap,
                                size_t *len)
{
    json_t *o;
    int bad = 0;
    if (!txn || !kiosk_id)
        return MID_ERR_ARG;
    o = json_object();
    if (!o)
        return MID_ERR_NOMEM;
    put(o, "type", json_string("result"), &bad);
    put(o, "txn", json_string(txn), &bad);
    put(o, "verdict", json_string("cancelled"), &bad);
    put(o, "time", json_integer((json_int_t)time), &bad);
    put(o, "kiosk_id", json_string(kiosk_id), &bad);
    put(o, "receipt", json_null(), &bad);
    if (bad) {
        json_decref(o);
        return MID_ERR_NOMEM;
    }
    return finish(o, out, cap, len);
}

mid_err mid_pos_write_error(mid_err reason, const char *txn,
                            const char *detail, char *out, size_t cap,
                            size_t *len)
{
    json_t *o = json_object();
    int bad = !o;
    if (!o)
        return MID_ERR_NOMEM;
    put(o, "type", json_string("error"), &bad);
    put(o, "reason", json_string(mid_pos_reason(reason)), &bad);
    put(o, "txn", str_or_null(txn), &bad);
    if (detail)
        put(o, "detail", json_string(detail), &bad);
    if (reason == MID_ERR_POS_VERSION) {
        json_t *a = json_array();
        if (!a || json_array_append_new(a, json_integer(MID_POS_PROTOCOL_VERSION)) != 0)
            bad = 1;
        put(o, "supported", a, &bad);
    }
    if (bad) {
        json_decref(o);
        return MID_ERR_NOMEM;
    }
    return finish(o, out, cap, len);
}

mid_err mid_pos_write_status(const mid_status_info *st, int busy,
                             const char *fingerprint, char *out, size_t cap,
                             size_t *len)
{
    json_t *o, *trust, *rev, *counts, *by;
    int bad = 0;
    unsigned i;

    if (!st)
        return MID_ERR_ARG;
    o = json_object();
    trust = json_object();
    rev = json_object();
    counts = json_object();
    by = json_object();
    if (!o || !trust || !rev || !counts || !by) {
        json_decref(o);
        json_decref(trust);
        json_decref(rev);
        json_decref(counts);
        json_decref(by);
        return MID_ERR_NOMEM;
    }
    put(o, "type", json_string("status"), &bad);
    put(o, "version", json_integer(MID_POS_PROTOCOL_VERSION), &bad);
    put(o, "kiosk_id", json_stringn(st->kiosk_id, bounded(st->kiosk_id, sizeof st->kiosk_id)),
        &bad);
    put(o, "software", json_stringn(st->version, bounded(st->version, sizeof st->version)), &bad);
    put(o, "device_key", str_or_null(fingerprint), &bad);
    put(o, "time", json_integer((json_int_t)st->now), &bad);
    put(o, "busy", json_boolean(busy), &bad);
    put(o, "camera_ok", json_boolean(st->camera_ok), &bad);
    put(trust, "installed", json_boolean(st->have_trust), &bad);
    put(trust, "seq", json_integer((json_int_t)st->trust_seq), &bad);
    put(trust, "issued", json_integer((json_int_t)st->trust_issued), &bad);
    put(trust, "keys", json_integer((json_int_t)st->n_keys), &bad);
    put(o, "trust", trust, &bad);
    put(rev, "installed", json_boolean(st->have_revocation), &bad);
    put(rev, "seq", json_integer((json_int_t)st->revocation_seq), &bad);
    put(rev, "issued", json_integer((json_int_t)st->revocation_issued), &bad);
    put(rev, "ids", json_integer((json_int_t)st->revocation_ids), &bad);
    put(rev, "age_days", json_integer(st->revocation_age_days), &bad);
    put(rev, "stale", json_boolean(st->revocation_stale), &bad);
    put(o, "revocation", rev, &bad);
    put(counts, "valid", json_integer((json_int_t)st->valid), &bad);
    put(counts, "invalid", json_integer((json_int_t)st->invalid), &bad);
    for (i = 0; i < MID_CHECK_COUNT; i++) {
        if (st->by_check[i])
            put(by, mid_check_id_str((mid_check_id)i), json_integer((json_int_t)st->by_check[i]),
                &bad);
    }
    put(counts, "invalid_by_check", by, &bad);
    put(counts, "log_lines_today", json_integer((json_int_t)st->log_lines_today), &bad);
    put(o, "counters", counts, &bad);
    if (bad) {
        json_decref(o);
        return MID_ERR_NOMEM;
    }
    return finish(o, out, cap, len);
}
