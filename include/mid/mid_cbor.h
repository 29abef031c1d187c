/* mid-kiosk — a strict, allocation-free CBOR (RFC 8949) subset.
 *
 * Why our own and not a Debian library: Debian 12 ships libcbor (allocates
 * a tree with malloc, accepts indefinite lengths and non-canonical forms)
 * and no QCBOR/tinycbor. We need the opposite: no heap, hard limits, and
 * rejection of everything that is not deterministically encoded. The subset
 * is small (see docs/payload-format.md), so a few hundred audited lines
 * beat a permissive dependency. It is fuzzed (tests/fuzz/).
 *
 * Accepted: unsigned/negative integers, byte/text strings, arrays, maps,
 * tags, true/false. Refused: indefinite lengths, floats, null/undefined and
 * other simple values, non-shortest integers and lengths, invalid UTF-8,
 * duplicate or unordered map keys (RFC 8949 §4.2.1 bytewise order), nesting
 * deeper than MID_CBOR_MAX_DEPTH, containers over MID_CBOR_MAX_ITEMS, and
 * any byte after the top-level item. */
#ifndef MID_CBOR_H
#define MID_CBOR_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

enum {
    MID_CBOR_UINT = 0,
    MID_CBOR_NINT = 1,
    MID_CBOR_BSTR = 2,
    MID_CBOR_TSTR = 3,
    MID_CBOR_ARRAY = 4,
    MID_CBOR_MAP = 5,
    MID_CBOR_TAG = 6,
    MID_CBOR_SIMPLE = 7
};

/* Validates that buf holds exactly one well-formed item under all the
 * rules above. Iterative (explicit stack), so hostile nesting cannot
 * exhaust the C stack. Call before any accessor. */
mid_err mid_cbor_validate(const uint8_t *buf, size_t len);

/* Cursor over validated (or untrusted: every read is bounds-checked
 * anyway) CBOR. The first error sticks: later reads fail with it and
 * leave their outputs untouched (so initialise what you read into), and a
 * parser reads a whole structure straight through and checks once, at
 * mid_cbor_reader_finish (QCBOR's spiffy decode):
 *
 *   mid_cbor_read_map(&r, &n);
 *   if (n != 2u)
 *       mid_cbor_fail(&r, MID_ERR_CLAIM_MISSING);
 *   mid_cbor_read_key(&r, 1);
 *   mid_cbor_read_uint_max(&r, 9, &cls);
 *   mid_cbor_read_key(&r, 2);
 *   mid_cbor_read_bstr(&r, &id, &id_len);
 *   if (id_len != 8u)
 *       mid_cbor_fail(&r, MID_ERR_CLAIM_VALUE);
 *   if ((err = mid_cbor_reader_finish(&r)) != MID_OK)
 *       return err;   // only now are cls and id used
 *
 * A map loop stops early with `i < n && !r.err`. Semantic checks go into
 * the same sticky error with mid_cbor_fail, so the first problem found is
 * the one reported, exactly as if each read had been checked. */
typedef struct mid_cbor_reader {
    const uint8_t *pos;
    const uint8_t *end;
    mid_err err;
} mid_cbor_reader;

void mid_cbor_reader_init(mid_cbor_reader *r, const uint8_t *buf, size_t len);
/* MID_OK if no error and every byte consumed, else the error. */
mid_err mid_cbor_reader_finish(const mid_cbor_reader *r);
/* Major type of the next item, or -1 at end / on error. */
int mid_cbor_peek(const mid_cbor_reader *r);

/* Records err as the reader's error unless one is already set. */
void mid_cbor_fail(mid_cbor_reader *r, mid_err err);

mid_err mid_cbor_read_uint(mid_cbor_reader *r, uint64_t *out);
/* An unsigned integer <= max; above it: MID_ERR_CLAIM_VALUE (and *out
 * untouched, like every failed read). */
mid_err mid_cbor_read_uint_max(mid_cbor_reader *r, uint64_t max,
                               uint64_t *out);
/* A map key (major 0 or 1) that must equal want: deterministic order
 * fixes where each key comes, so any other key (or a missing one) is
 * MID_ERR_CLAIM_UNKNOWN. */
mid_err mid_cbor_read_key(mid_cbor_reader *r, int64_t want);
/* Major 0 or 1, must fit int64_t. */
mid_err mid_cbor_read_int(mid_cbor_reader *r, int64_t *out);
mid_err mid_cbor_read_bstr(mid_cbor_reader *r, const uint8_t **data, size_t *len);
mid_err mid_cbor_read_tstr(mid_cbor_reader *r, const uint8_t **data, size_t *len);
mid_err mid_cbor_read_array(mid_cbor_reader *r, size_t *count);
mid_err mid_cbor_read_map(mid_cbor_reader *r, size_t *pairs);
mid_err mid_cbor_read_tag(mid_cbor_reader *r, uint64_t *tag);
mid_err mid_cbor_read_bool(mid_cbor_reader *r, int *out);
/* Skips one whole item (iteratively), returning its encoded span. */
mid_err mid_cbor_skip(mid_cbor_reader *r, const uint8_t **start, size_t *len);

/* The strict UTF-8 rule the reader applies to text strings (RFC 3629: no
 * overlong forms, no surrogates, nothing above U+10FFFF), for the tools'
 * own text. _len: bytes of the valid sequence at s (at most n), 0 if the
 * bytes there are not one. */
size_t mid_cbor_utf8_len(const uint8_t *s, size_t n);
int mid_cbor_utf8_valid(const uint8_t *s, size_t len);

/* Encoder for the tools and tests: always shortest form. The caller
 * emits map keys in deterministic order. Errors stick like the reader. */
typedef struct mid_cbor_writer {
    uint8_t *buf;
    size_t cap;
    size_t len;
    mid_err err;
} mid_cbor_writer;

void mid_cbor_writer_init(mid_cbor_writer *w, uint8_t *buf, size_t cap);
void mid_cbor_put_uint(mid_cbor_writer *w, uint64_t v);
void mid_cbor_put_int(mid_cbor_writer *w, int64_t v);
void mid_cbor_put_bstr(mid_cbor_writer *w, const uint8_t *data, size_t len);
void mid_cbor_put_tstr(mid_cbor_writer *w, const char *data, size_t len);
void mid_cbor_put_array(mid_cbor_writer *w, size_t count);
void mid_cbor_put_map(mid_cbor_writer *w, size_t pairs);
void mid_cbor_put_tag(mid_cbor_writer *w, uint64_t tag);
void mid_cbor_put_bool(mid_cbor_writer *w, int v);
/* Copies already-encoded CBOR verbatim (an embedded item). */
void mid_cbor_put_raw(mid_cbor_writer *w, const uint8_t *data, size_t len);

#endif
