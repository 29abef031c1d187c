/* Strict CBOR subset: see include/mid/mid_cbor.h for what is accepted. */
#include <string.h>

#include "mid/mid_cbor.h"
#include "mid/mid_limits.h"
#include "mid/mid_unicode.h"

/* Reads one item head in shortest form. Advances *pp only on success. */
static mid_err read_head(const uint8_t **pp, const uint8_t *end, int *major,
                         uint64_t *arg)
{
    const uint8_t *p = *pp;
    uint8_t ib, ai;
    uint64_t v = 0;
    size_t n, i;

    if (p >= end)
        return MID_ERR_CBOR_TRUNCATED;
    ib = *p++;
    *major = ib >> 5;
    ai = ib & 0x1Fu;
    if (ai < 24u) {
        v = ai;
    } else if (ai <= 27u) {
        n = (size_t)1u << (ai - 24u);
        if ((size_t)(end - p) < n)
            return MID_ERR_CBOR_TRUNCATED;
        for (i = 0; i < n; i++)
            v = (v << 8) | p[i];
        p += n;
        /* Shortest form only: each width must be needed. Not for major
         * type 7, where ai 25-27 are floats (refused below as such, not
         * as "non-canonical" when their bits happen to be small). */
        if (*major != MID_CBOR_SIMPLE &&
            ((ai == 24u && v < 24u) || (ai == 25u && v <= 0xFFu) ||
             (ai == 26u && v <= 0xFFFFu) || (ai == 27u && v <= 0xFFFFFFFFu)))
            return MID_ERR_CBOR_NONCANONICAL;
    } else if (ai == 31u) {
        return MID_ERR_CBOR_INDEFINITE;
    } else {
        return MID_ERR_CBOR_UNSUPPORTED; /* 28-30 reserved */
    }
    if (*major == MID_CBOR_SIMPLE) {
        /* Only false (20) and true (21): no floats, null, undefined. */
        if (ai != 20u && ai != 21u)
            return MID_ERR_CBOR_UNSUPPORTED;
    }
    *arg = v;
    *pp = p;
    return MID_OK;
}

/* Strict UTF-8 (mid_utf8_decode): no overlong forms, no surrogates,
 * nothing above U+10FFFF. */
size_t mid_cbor_utf8_len(const uint8_t *s, size_t n)
{
    uint32_t cp;
    return mid_utf8_decode(s, n, &cp);
}

int mid_cbor_utf8_valid(const uint8_t *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        size_t k = mid_cbor_utf8_len(s + i, len - i);
        if (k == 0)
            return 0;
        i += k;
    }
    return 1;
}

typedef struct frame {
    uint64_t left; /* items (maps: keys + values) still to read */
    int is_map;
    const uint8_t *prev_key;
    size_t prev_key_len;
} frame;

static int key_cmp(const uint8_t *a, size_t alen, const uint8_t *b,
                   size_t blen)
{
    size_t n = alen < blen ? alen : blen;
    int c = memcmp(a, b, n);
    if (c)
        return c;
    return (alen > blen) - (alen < blen);
}

mid_err mid_cbor_validate(const uint8_t *buf, size_t len)
{
    frame stack[MID_CBOR_MAX_DEPTH];
    size_t depth = 0;
    uint64_t top_left = 1;
    const uint8_t *p = buf, *end;
    mid_err err;

    if (!buf)
        return MID_ERR_ARG;
    end = buf + len;
    for (;;) {
        const uint8_t *start;
        int major, is_key = 0;
        uint64_t arg;

        if (depth == 0 && top_left == 0)
            break;
        if (depth > 0 && stack[depth - 1].left == 0) {
            depth--;
            continue;
        }
        start = p;
        err = read_head(&p, end, &major, &arg);
        if (err)
            return err;
        if (depth == 0) {
            top_left--;
        } else {
            frame *f = &stack[depth - 1];
            is_key = f->is_map && (f->left % 2u == 0u);
            f->left--;
        }
        switch (major) {
        case MID_CBOR_UINT:
        case MID_CBOR_NINT:
        case MID_CBOR_SIMPLE:
            break;
        case MID_CBOR_BSTR:
        case MID_CBOR_TSTR:
            if (arg > (uint64_t)(end - p))
                return MID_ERR_CBOR_TRUNCATED;
            if (major == MID_CBOR_TSTR && !mid_cbor_utf8_valid(p, (size_t)arg))
                return MID_ERR_CBOR_UTF8;
            p += arg;
            break;
        case MID_CBOR_ARRAY:
        case MID_CBOR_MAP:
        case MID_CBOR_TAG:
            if (is_key)
                return MID_ERR_CBOR_UNSUPPORTED;
            if (major != MID_CBOR_TAG && arg > MID_CBOR_MAX_ITEMS)
                return MID_ERR_CBOR_TOO_MANY;
            if (depth >= MID_CBOR_MAX_DEPTH)
                return MID_ERR_CBOR_DEPTH;
            stack[depth].left = major == MID_CBOR_MAP     ? arg * 2u
                                : major == MID_CBOR_ARRAY ? arg
                                                          : 1u;
            stack[depth].is_map = major == MID_CBOR_MAP;
            stack[depth].prev_key = NULL;
            stack[depth].prev_key_len = 0;
            depth++;
            break;
        default:
            return MID_ERR_CBOR_UNSUPPORTED;
        }
        if (is_key) {
            /* Keys are integers or text; deterministic (bytewise) order
             * also rules out duplicates (RFC 8949 §4.2.1). */
            frame *f = &stack[depth - 1];
            size_t klen = (size_t)(p - start);
            if (major != MID_CBOR_UINT && major != MID_CBOR_NINT &&
                major != MID_CBOR_TSTR)
                return MID_ERR_CBOR_UNSUPPORTED;
            if (f->prev_key) {
                int c = key_cmp(start, klen, f->prev_key, f->prev_key_len);
                if (c == 0)
                    return MID_ERR_CBOR_DUP_KEY;
                if (c < 0)
                    return MID_ERR_CBOR_KEY_ORDER;
            }
            f->prev_key = start;
            f->prev_key_len = klen;
        }
    }
    return p == end ? MID_OK : MID_ERR_CBOR_TRAILING;
}

void mid_cbor_reader_init(mid_cbor_reader *r, const uint8_t *buf, size_t len)
{
    r->pos = buf;
    r->end = buf ? buf + len : buf;
    r->err = buf ? MID_OK : MID_ERR_ARG;
}

mid_err mid_cbor_reader_finish(const mid_cbor_reader *r)
{
    if (r->err)
        return r->err;
    return r->pos == r->end ? MID_OK : MID_ERR_CBOR_TRAILING;
}

int mid_cbor_peek(const mid_cbor_reader *r)
{
    if (r->err || r->pos >= r->end)
        return -1;
    return *r->pos >> 5;
}

/* Reads a head of the expected major type; sticky errors. */
static mid_err expect(mid_cbor_reader *r, int want, uint64_t *arg)
{
    const uint8_t *p = r->pos;
    int major;
    mid_err err;

    if (r->err)
        return r->err;
    err = read_head(&p, r->end, &major, arg);
    if (!err && major != want)
        err = MID_ERR_CBOR_TYPE;
    if (err) {
        r->err = err;
        return err;
    }
    r->pos = p;
    return MID_OK;
}

void mid_cbor_fail(mid_cbor_reader *r, mid_err err)
{
    if (r && !r->err)
        r->err = err;
}

mid_err mid_cbor_read_uint(mid_cbor_reader *r, uint64_t *out)
{
    return expect(r, MID_CBOR_UINT, out);
}

mid_err mid_cbor_read_int(mid_cbor_reader *r, int64_t *out)
{
    const uint8_t *p = r->pos;
    int major;
    uint64_t arg;
    mid_err err;

    if (r->err)
        return r->err;
    err = read_head(&p, r->end, &major, &arg);
    if (!err && major != MID_CBOR_UINT && major != MID_CBOR_NINT)
        err = MID_ERR_CBOR_TYPE;
    if (!err && arg > (uint64_t)INT64_MAX)
        err = MID_ERR_CLAIM_VALUE;
    if (err) {
        r->err = err;
        return err;
    }
    *out = major == MID_CBOR_UINT ? (int64_t)arg : -1 - (int64_t)arg;
    r->pos = p;
    return MID_OK;
}

static mid_err read_string(mid_cbor_reader *r, int major,
                           const uint8_t **data, size_t *len)
{
    uint64_t n;
    const uint8_t *save = r->pos;

    if (expect(r, major, &n))
        return r->err;
    if (n > (uint64_t)(r->end - r->pos)) {
        r->pos = save;
        r->err = MID_ERR_CBOR_TRUNCATED;
        return r->err;
    }
    if (major == MID_CBOR_TSTR && !mid_cbor_utf8_valid(r->pos, (size_t)n)) {
        r->pos = save;
        r->err = MID_ERR_CBOR_UTF8;
        return r->err;
    }
    *data = r->pos;
    *len = (size_t)n;
    r->pos += n;
    return MID_OK;
}

mid_err mid_cbor_read_bstr(mid_cbor_reader *r, const uint8_t **data,
                           size_t *len)
{
    return read_string(r, MID_CBOR_BSTR, data, len);
}

mid_err mid_cbor_read_tstr(mid_cbor_reader *r, const uint8_t **data,
                           size_t *len)
{
    return read_string(r, MID_CBOR_TSTR, data, len);
}

static mid_err read_container(mid_cbor_reader *r, int major, size_t *count)
{
    uint64_t n;
    if (expect(r, major, &n))
        return r->err;
    if (n > MID_CBOR_MAX_ITEMS) {
        r->err = MID_ERR_CBOR_TOO_MANY;
        return r->err;
    }
    *count = (size_t)n;
    return MID_OK;
}

mid_err mid_cbor_read_array(mid_cbor_reader *r, size_t *count)
{
    return read_container(r, MID_CBOR_ARRAY, count);
}

mid_err mid_cbor_read_map(mid_cbor_reader *r, size_t *pairs)
{
    return read_container(r, MID_CBOR_MAP, pairs);
}

mid_err mid_cbor_read_tag(mid_cbor_reader *r, uint64_t *tag)
{
    return expect(r, MID_CBOR_TAG, tag);
}

mid_err mid_cbor_read_bool(mid_cbor_reader *r, int *out)
{
    uint64_t v;
    if (expect(r, MID_CBOR_SIMPLE, &v))
        return r->err;
    *out = v == 21u;
    return MID_OK;
}

mid_err mid_cbor_read_uint_max(mid_cbor_reader *r, uint64_t max, uint64_t *out)
{
    uint64_t v;
    if (expect(r, MID_CBOR_UINT, &v))
        return r->err;
    if (v > max) {
        r->err = MID_ERR_CLAIM_VALUE;
        return r->err;
    }
    *out = v;
    return MID_OK;
}

mid_err mid_cbor_read_key(mid_cbor_reader *r, int64_t want)
{
    int64_t key;
    if (mid_cbor_read_int(r, &key))
        return r->err;
    if (key != want)
        r->err = MID_ERR_CLAIM_UNKNOWN;
    return r->err;
}

mid_err mid_cbor_skip(mid_cbor_reader *r, const uint8_t **start, size_t *len)
{
    const uint8_t *p, *begin;
    uint64_t pending = 1;
    size_t visited = 0;

    if (r->err)
        return r->err;
    p = begin = r->pos;
    while (pending > 0) {
        int major;
        uint64_t arg;
        mid_err err = read_head(&p, r->end, &major, &arg);
        if (!err && ++visited > MID_MAX_PAYLOAD)
            err = MID_ERR_CBOR_TOO_MANY;
        if (err) {
            r->err = err;
            return err;
        }
        pending--;
        if (major == MID_CBOR_BSTR || major == MID_CBOR_TSTR) {
            if (arg > (uint64_t)(r->end - p)) {
                r->err = MID_ERR_CBOR_TRUNCATED;
                return r->err;
            }
            p += arg;
        } else if (major == MID_CBOR_ARRAY || major == MID_CBOR_MAP) {
            if (arg > MID_CBOR_MAX_ITEMS) {
                r->err = MID_ERR_CBOR_TOO_MANY;
                return r->err;
            }
            pending += major == MID_CBOR_MAP ? arg * 2u : arg;
        } else if (major == MID_CBOR_TAG) {
            pending += 1u;
        }
    }
    if (start)
        *start = begin;
    if (len)
        *len = (size_t)(p - begin);
    r->pos = p;
    return MID_OK;
}

/* ---- writer ---- */

void mid_cbor_writer_init(mid_cbor_writer *w, uint8_t *buf, size_t cap)
{
    w->buf = buf;
    w->cap = cap;
    w->len = 0;
    w->err = buf ? MID_OK : MID_ERR_ARG;
}

static void put_bytes(mid_cbor_writer *w, const uint8_t *data, size_t len)
{
    if (w->err)
        return;
    if (len > w->cap - w->len) {
        w->err = MID_ERR_BUFFER;
        return;
    }
    if (len)
        memcpy(w->buf + w->len, data, len);
    w->len += len;
}

static void put_head(mid_cbor_writer *w, int major, uint64_t v)
{
    uint8_t h[9];
    size_t n, i;
    uint8_t mt = (uint8_t)(major << 5);

    if (v < 24u) {
        h[0] = (uint8_t)(mt | v);
        n = 0;
    } else if (v <= 0xFFu) {
        h[0] = mt | 24u;
        n = 1;
    } else if (v <= 0xFFFFu) {
        h[0] = mt | 25u;
        n = 2;
    } else if (v <= 0xFFFFFFFFu) {
        h[0] = mt | 26u;
        n = 4;
    } else {
        h[0] = mt | 27u;
        n = 8;
    }
    for (i = 0; i < n; i++)
        h[1 + i] = (uint8_t)(v >> (8u * (n - 1u - i)));
    put_bytes(w, h, n + 1u);
}

void mid_cbor_put_uint(mid_cbor_writer *w, uint64_t v)
{
    put_head(w, MID_CBOR_UINT, v);
}

void mid_cbor_put_int(mid_cbor_writer *w, int64_t v)
{
    if (v >= 0)
        put_head(w, MID_CBOR_UINT, (uint64_t)v);
    else
        put_head(w, MID_CBOR_NINT, (uint64_t)(-1 - v));
}

void mid_cbor_put_bstr(mid_cbor_writer *w, const uint8_t *data, size_t len)
{
    put_head(w, MID_CBOR_BSTR, len);
    put_bytes(w, data, len);
}

void mid_cbor_put_tstr(mid_cbor_writer *w, const char *data, size_t len)
{
    put_head(w, MID_CBOR_TSTR, len);
    put_bytes(w, (const uint8_t *)data, len);
}

void mid_cbor_put_array(mid_cbor_writer *w, size_t count)
{
    put_head(w, MID_CBOR_ARRAY, count);
}

void mid_cbor_put_map(mid_cbor_writer *w, size_t pairs)
{
    put_head(w, MID_CBOR_MAP, pairs);
}

void mid_cbor_put_tag(mid_cbor_writer *w, uint64_t tag)
{
    put_head(w, MID_CBOR_TAG, tag);
}

void mid_cbor_put_bool(mid_cbor_writer *w, int v)
{
    uint8_t b = v ? 0xF5u : 0xF4u;
    put_bytes(w, &b, 1);
}

void mid_cbor_put_raw(mid_cbor_writer *w, const uint8_t *data, size_t len)
{
    put_bytes(w, data, len);
}
