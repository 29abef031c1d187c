/* The strict CBOR subset (include/mid/mid_cbor.h).
 *
 * A table of inputs that are not well-formed or not accepted, in the style
 * of QCBOR's test/not_well_formed_cbor.h, each with the exact mid_err that
 * mid_cbor_validate must return; the accepted items at every width
 * boundary; the reader's sticky errors, overflow and skip spans; and the
 * writer's shortest forms and round trips. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "mid/mid_cbor.h"
#include "mid/mid_limits.h"

typedef struct cbor_case {
    const char *what;
    const uint8_t *bytes;
    size_t len;
    mid_err want;
} cbor_case;

/* Bytes and their length from one list (file-scope compound literals have
 * static storage). */
#define B(...) \
    (const uint8_t[]){__VA_ARGS__}, sizeof((const uint8_t[]){__VA_ARGS__})

static const cbor_case REJECTED[] = {
    /* ---- truncated heads: the argument bytes are missing ---- */
    {"uint 1-byte arg missing", B(0x18), MID_ERR_CBOR_TRUNCATED},
    {"uint 2-byte arg short", B(0x19, 0x01), MID_ERR_CBOR_TRUNCATED},
    {"uint 4-byte arg short", B(0x1a, 0x01, 0x02, 0x03), MID_ERR_CBOR_TRUNCATED},
    {"uint 8-byte arg short", B(0x1b, 1, 2, 3, 4, 5, 6, 7), MID_ERR_CBOR_TRUNCATED},
    {"nint 1-byte arg missing", B(0x38), MID_ERR_CBOR_TRUNCATED},
    {"nint 2-byte arg short", B(0x39, 0x01), MID_ERR_CBOR_TRUNCATED},
    {"nint 8-byte arg short", B(0x3b, 0x01), MID_ERR_CBOR_TRUNCATED},
    {"bstr length missing", B(0x58), MID_ERR_CBOR_TRUNCATED},
    {"bstr 2-byte length short", B(0x59, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"bstr 8-byte length short", B(0x5b, 0, 0, 0, 0, 0, 0, 0), MID_ERR_CBOR_TRUNCATED},
    {"tstr length missing", B(0x78), MID_ERR_CBOR_TRUNCATED},
    {"tstr 4-byte length missing", B(0x7a), MID_ERR_CBOR_TRUNCATED},
    {"array count missing", B(0x98), MID_ERR_CBOR_TRUNCATED},
    {"array 2-byte count short", B(0x99, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"map count missing", B(0xb8), MID_ERR_CBOR_TRUNCATED},
    {"map 8-byte count missing", B(0xbb), MID_ERR_CBOR_TRUNCATED},
    {"tag number missing", B(0xd8), MID_ERR_CBOR_TRUNCATED},
    {"tag 2-byte number short", B(0xd9, 0x01), MID_ERR_CBOR_TRUNCATED},
    {"simple value byte missing", B(0xf8), MID_ERR_CBOR_TRUNCATED},
    {"half float short", B(0xf9, 0x3c), MID_ERR_CBOR_TRUNCATED},
    {"double short", B(0xfb, 0x3f, 0xf0, 0, 0), MID_ERR_CBOR_TRUNCATED},
    /* ---- truncated strings: the content is shorter than the length ---- */
    {"bstr(1) empty", B(0x41), MID_ERR_CBOR_TRUNCATED},
    {"bstr(2) one byte", B(0x42, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"tstr(1) empty", B(0x61), MID_ERR_CBOR_TRUNCATED},
    {"tstr(3) two bytes", B(0x63, 'a', 'b'), MID_ERR_CBOR_TRUNCATED},
    {"bstr(24) empty", B(0x58, 0x18), MID_ERR_CBOR_TRUNCATED},
    {"bstr(256) 2 bytes", B(0x59, 0x01, 0x00, 0x00, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"bstr(65536) 1 byte", B(0x5a, 0x00, 0x01, 0x00, 0x00, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"bstr(2^32)", B(0x5b, 0, 0, 0, 1, 0, 0, 0, 0), MID_ERR_CBOR_TRUNCATED},
    {"bstr(2^64-1)", B(0x5b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
     MID_ERR_CBOR_TRUNCATED},
    {"tstr(2^64-1)", B(0x7b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
     MID_ERR_CBOR_TRUNCATED},
    {"bstr in array truncated", B(0x82, 0x00, 0x42, 0x00), MID_ERR_CBOR_TRUNCATED},
    /* ---- truncated containers: fewer items than announced ---- */
    {"array(1) empty", B(0x81), MID_ERR_CBOR_TRUNCATED},
    {"array(2) one item", B(0x82, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"map(1) no key", B(0xa1), MID_ERR_CBOR_TRUNCATED},
    {"map(1) key without value", B(0xa1, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"map(2) one pair", B(0xa2, 0x00, 0x00), MID_ERR_CBOR_TRUNCATED},
    {"tag without content", B(0xc0), MID_ERR_CBOR_TRUNCATED},
    {"tag 18 without content", B(0xd2), MID_ERR_CBOR_TRUNCATED},
    {"nested array truncated", B(0x81, 0x81, 0x81), MID_ERR_CBOR_TRUNCATED},
    {"COSE_Sign1 missing signature", B(0xd2, 0x84, 0x40, 0xa0, 0x40), MID_ERR_CBOR_TRUNCATED},
    /* ---- indefinite lengths (every major type) and the break ---- */
    {"uint ai 31", B(0x1f), MID_ERR_CBOR_INDEFINITE},
    {"nint ai 31", B(0x3f), MID_ERR_CBOR_INDEFINITE},
    {"indefinite bstr", B(0x5f, 0x41, 0x00, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"indefinite tstr", B(0x7f, 0x61, 0x61, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"indefinite array", B(0x9f, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"indefinite map", B(0xbf, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"tag ai 31", B(0xdf, 0x00), MID_ERR_CBOR_INDEFINITE},
    {"lone break", B(0xff), MID_ERR_CBOR_INDEFINITE},
    {"break inside definite array", B(0x81, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"indefinite array nested", B(0x82, 0x00, 0x9f, 0x00, 0xff), MID_ERR_CBOR_INDEFINITE},
    {"indefinite map as value", B(0xa1, 0x01, 0xbf, 0xff), MID_ERR_CBOR_INDEFINITE},
    /* ---- non-shortest integers and lengths, at every width ---- */
    {"uint 0 in 1 byte", B(0x18, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"uint 23 in 1 byte", B(0x18, 0x17), MID_ERR_CBOR_NONCANONICAL},
    {"uint 0 in 2 bytes", B(0x19, 0x00, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"uint 255 in 2 bytes", B(0x19, 0x00, 0xff), MID_ERR_CBOR_NONCANONICAL},
    {"uint 0 in 4 bytes", B(0x1a, 0, 0, 0, 0), MID_ERR_CBOR_NONCANONICAL},
    {"uint 65535 in 4 bytes", B(0x1a, 0x00, 0x00, 0xff, 0xff), MID_ERR_CBOR_NONCANONICAL},
    {"uint 0 in 8 bytes", B(0x1b, 0, 0, 0, 0, 0, 0, 0, 0), MID_ERR_CBOR_NONCANONICAL},
    {"uint 2^32-1 in 8 bytes", B(0x1b, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff),
     MID_ERR_CBOR_NONCANONICAL},
    {"nint -24 in 1 byte", B(0x38, 0x17), MID_ERR_CBOR_NONCANONICAL},
    {"nint -256 in 2 bytes", B(0x39, 0x00, 0xff), MID_ERR_CBOR_NONCANONICAL},
    {"nint -65536 in 4 bytes", B(0x3a, 0x00, 0x00, 0xff, 0xff), MID_ERR_CBOR_NONCANONICAL},
    {"nint -2^32 in 8 bytes", B(0x3b, 0, 0, 0, 0, 0xff, 0xff, 0xff, 0xff),
     MID_ERR_CBOR_NONCANONICAL},
    {"bstr length 0 in 1 byte", B(0x58, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"bstr length 1 in 2 bytes", B(0x59, 0x00, 0x01, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"bstr length 1 in 4 bytes", B(0x5a, 0, 0, 0, 1, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"bstr length 1 in 8 bytes", B(0x5b, 0, 0, 0, 0, 0, 0, 0, 1, 0x00),
     MID_ERR_CBOR_NONCANONICAL},
    {"tstr length 1 in 1 byte", B(0x78, 0x01, 'a'), MID_ERR_CBOR_NONCANONICAL},
    {"array count 0 in 1 byte", B(0x98, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"array count 1 in 2 bytes", B(0x99, 0x00, 0x01, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"map count 0 in 1 byte", B(0xb8, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"map count 1 in 4 bytes", B(0xba, 0, 0, 0, 1, 0x01, 0x02), MID_ERR_CBOR_NONCANONICAL},
    {"tag 18 in 1 byte", B(0xd8, 0x12, 0x80), MID_ERR_CBOR_NONCANONICAL},
    {"tag 0 in 2 bytes", B(0xd9, 0x00, 0x00, 0x00), MID_ERR_CBOR_NONCANONICAL},
    {"non-shortest inside array", B(0x82, 0x01, 0x18, 0x05), MID_ERR_CBOR_NONCANONICAL},
    {"non-shortest map key", B(0xa1, 0x18, 0x01, 0x00), MID_ERR_CBOR_NONCANONICAL},
    /* ---- reserved additional information (28-30) ---- */
    {"uint ai 28", B(0x1c), MID_ERR_CBOR_UNSUPPORTED},
    {"nint ai 29", B(0x3d), MID_ERR_CBOR_UNSUPPORTED},
    {"bstr ai 30", B(0x5e), MID_ERR_CBOR_UNSUPPORTED},
    {"tstr ai 28", B(0x7c), MID_ERR_CBOR_UNSUPPORTED},
    {"array ai 29", B(0x9d), MID_ERR_CBOR_UNSUPPORTED},
    {"map ai 30", B(0xbe), MID_ERR_CBOR_UNSUPPORTED},
    {"tag ai 28", B(0xdc, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"simple ai 28", B(0xfc), MID_ERR_CBOR_UNSUPPORTED},
    {"simple ai 29", B(0xfd), MID_ERR_CBOR_UNSUPPORTED},
    {"simple ai 30", B(0xfe), MID_ERR_CBOR_UNSUPPORTED},
    {"reserved inside array", B(0x81, 0x1e), MID_ERR_CBOR_UNSUPPORTED},
    /* ---- floats, whatever their bits ---- */
    {"half 0.0", B(0xf9, 0x00, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"half 1.0", B(0xf9, 0x3c, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"half NaN", B(0xf9, 0x7e, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"half infinity", B(0xf9, 0x7c, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"single 0.0", B(0xfa, 0, 0, 0, 0), MID_ERR_CBOR_UNSUPPORTED},
    {"single 1.0", B(0xfa, 0x3f, 0x80, 0x00, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"double 0.0", B(0xfb, 0, 0, 0, 0, 0, 0, 0, 0), MID_ERR_CBOR_UNSUPPORTED},
    {"double 1.0", B(0xfb, 0x3f, 0xf0, 0, 0, 0, 0, 0, 0), MID_ERR_CBOR_UNSUPPORTED},
    {"double NumericDate", B(0xfb, 0x41, 0xda, 0xc1, 0xe8, 0x2c, 0, 0, 0),
     MID_ERR_CBOR_UNSUPPORTED},
    {"float as map value", B(0xa1, 0x04, 0xfa, 0x4f, 0x00, 0x00, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    /* ---- null, undefined and other simple values ---- */
    {"null", B(0xf6), MID_ERR_CBOR_UNSUPPORTED},
    {"undefined", B(0xf7), MID_ERR_CBOR_UNSUPPORTED},
    {"simple(0)", B(0xe0), MID_ERR_CBOR_UNSUPPORTED},
    {"simple(19)", B(0xf3), MID_ERR_CBOR_UNSUPPORTED},
    {"simple(0) in 2 bytes", B(0xf8, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"false in 2 bytes", B(0xf8, 0x14), MID_ERR_CBOR_UNSUPPORTED},
    {"true in 2 bytes", B(0xf8, 0x15), MID_ERR_CBOR_UNSUPPORTED},
    {"simple(32)", B(0xf8, 0x20), MID_ERR_CBOR_UNSUPPORTED},
    {"simple(255)", B(0xf8, 0xff), MID_ERR_CBOR_UNSUPPORTED},
    {"null in array", B(0x82, 0xf5, 0xf6), MID_ERR_CBOR_UNSUPPORTED},
    /* ---- text strings that are not UTF-8 ---- */
    {"overlong NUL (C0 80)", B(0x62, 0xc0, 0x80), MID_ERR_CBOR_UTF8},
    {"overlong '/' (C1 AF)", B(0x62, 0xc1, 0xaf), MID_ERR_CBOR_UTF8},
    {"overlong 3-byte (E0 80 80)", B(0x63, 0xe0, 0x80, 0x80), MID_ERR_CBOR_UTF8},
    {"overlong U+07FF in 3 bytes", B(0x63, 0xe0, 0x9f, 0xbf), MID_ERR_CBOR_UTF8},
    {"overlong 4-byte (F0 80 80 80)", B(0x64, 0xf0, 0x80, 0x80, 0x80), MID_ERR_CBOR_UTF8},
    {"overlong U+FFFF in 4 bytes", B(0x64, 0xf0, 0x8f, 0xbf, 0xbf), MID_ERR_CBOR_UTF8},
    {"surrogate U+D800", B(0x63, 0xed, 0xa0, 0x80), MID_ERR_CBOR_UTF8},
    {"surrogate U+DFFF", B(0x63, 0xed, 0xbf, 0xbf), MID_ERR_CBOR_UTF8},
    {"U+110000", B(0x64, 0xf4, 0x90, 0x80, 0x80), MID_ERR_CBOR_UTF8},
    {"lead byte F5", B(0x64, 0xf5, 0x80, 0x80, 0x80), MID_ERR_CBOR_UTF8},
    {"5-byte sequence", B(0x65, 0xf8, 0x88, 0x80, 0x80, 0x80), MID_ERR_CBOR_UTF8},
    {"byte FF", B(0x61, 0xff), MID_ERR_CBOR_UTF8},
    {"lone continuation", B(0x61, 0x80), MID_ERR_CBOR_UTF8},
    {"truncated 2-byte sequence", B(0x61, 0xc3), MID_ERR_CBOR_UTF8},
    {"truncated 3-byte Hangul", B(0x62, 0xed, 0x95), MID_ERR_CBOR_UTF8},
    {"truncated 4-byte sequence", B(0x63, 0xf0, 0x9f, 0x98), MID_ERR_CBOR_UTF8},
    {"bad continuation", B(0x62, 0xc3, 0x41), MID_ERR_CBOR_UTF8},
    {"sequence cut by string end", B(0x82, 0x61, 0xc3, 0x61, 0xa9), MID_ERR_CBOR_UTF8},
    {"invalid UTF-8 map key", B(0xa1, 0x61, 0xfe, 0x00), MID_ERR_CBOR_UTF8},
    /* ---- map keys: duplicates and deterministic (bytewise) order ---- */
    {"duplicate uint key", B(0xa2, 0x01, 0x00, 0x01, 0x00), MID_ERR_CBOR_DUP_KEY},
    {"duplicate nint key", B(0xa2, 0x20, 0x00, 0x20, 0x01), MID_ERR_CBOR_DUP_KEY},
    {"duplicate text key", B(0xa2, 0x61, 'a', 0x00, 0x61, 'a', 0x01), MID_ERR_CBOR_DUP_KEY},
    {"duplicate -65537 key", B(0xa2, 0x3a, 0, 1, 0, 0, 0x00, 0x3a, 0, 1, 0, 0, 0x00),
     MID_ERR_CBOR_DUP_KEY},
    {"duplicate key, not adjacent", B(0xa3, 0x01, 0x00, 0x02, 0x00, 0x02, 0x00),
     MID_ERR_CBOR_DUP_KEY},
    {"duplicate key in nested map", B(0xa1, 0x01, 0xa2, 0x05, 0x00, 0x05, 0x00),
     MID_ERR_CBOR_DUP_KEY},
    {"keys 2, 1", B(0xa2, 0x02, 0x00, 0x01, 0x00), MID_ERR_CBOR_KEY_ORDER},
    {"keys -1, 1 (0x20 > 0x01)", B(0xa2, 0x20, 0x00, 0x01, 0x00), MID_ERR_CBOR_KEY_ORDER},
    {"keys -1, 24 (bytewise, not length-first)", B(0xa2, 0x20, 0x00, 0x18, 0x18, 0x00),
     MID_ERR_CBOR_KEY_ORDER},
    {"keys 'b', 'a'", B(0xa2, 0x61, 'b', 0x00, 0x61, 'a', 0x00), MID_ERR_CBOR_KEY_ORDER},
    {"keys 'aa', 'b' (length in head)", B(0xa2, 0x62, 'a', 'a', 0x00, 0x61, 'b', 0x00),
     MID_ERR_CBOR_KEY_ORDER},
    {"keys 'a', 1", B(0xa2, 0x61, 'a', 0x00, 0x01, 0x00), MID_ERR_CBOR_KEY_ORDER},
    {"keys -65537, 8 (CWT order)", B(0xa2, 0x3a, 0, 1, 0, 0, 0x00, 0x08, 0x00),
     MID_ERR_CBOR_KEY_ORDER},
    {"keys 1, 3, 2", B(0xa3, 0x01, 0x00, 0x03, 0x00, 0x02, 0x00), MID_ERR_CBOR_KEY_ORDER},
    /* ---- map keys of types the format never uses ---- */
    {"array as key", B(0xa1, 0x80, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"map as key", B(0xa1, 0xa0, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"tag as key", B(0xa1, 0xc1, 0x00, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"bstr as key", B(0xa1, 0x40, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"bool as key", B(0xa1, 0xf5, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    {"array as second key", B(0xa2, 0x01, 0x00, 0x81, 0x00, 0x00), MID_ERR_CBOR_UNSUPPORTED},
    /* ---- container limits ---- */
    {"array of 33", B(0x98, 0x21), MID_ERR_CBOR_TOO_MANY},
    {"map of 33 pairs", B(0xb8, 0x21), MID_ERR_CBOR_TOO_MANY},
    {"array of 65536", B(0x9a, 0x00, 0x01, 0x00, 0x00), MID_ERR_CBOR_TOO_MANY},
    {"array of 2^64-1", B(0x9b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
     MID_ERR_CBOR_TOO_MANY},
    {"map of 2^63 pairs (x2 would wrap)", B(0xbb, 0x80, 0, 0, 0, 0, 0, 0, 0),
     MID_ERR_CBOR_TOO_MANY},
    {"nested array of 33", B(0x81, 0x98, 0x21), MID_ERR_CBOR_TOO_MANY},
    /* ---- bytes after the top-level item ---- */
    {"two integers", B(0x01, 0x02), MID_ERR_CBOR_TRAILING},
    {"empty array then 0", B(0x80, 0x00), MID_ERR_CBOR_TRAILING},
    {"empty map then break", B(0xa0, 0xff), MID_ERR_CBOR_TRAILING},
    {"bstr then NUL", B(0x41, 0x00, 0x00), MID_ERR_CBOR_TRAILING},
    {"true true", B(0xf5, 0xf5), MID_ERR_CBOR_TRAILING},
    {"tagged item then 0", B(0xc1, 0x00, 0x00), MID_ERR_CBOR_TRAILING},
};

static const cbor_case ACCEPTED[] = {
    {"uint 0", B(0x00), MID_OK},
    {"uint 23", B(0x17), MID_OK},
    {"uint 24", B(0x18, 0x18), MID_OK},
    {"uint 255", B(0x18, 0xff), MID_OK},
    {"uint 256", B(0x19, 0x01, 0x00), MID_OK},
    {"uint 65535", B(0x19, 0xff, 0xff), MID_OK},
    {"uint 65536", B(0x1a, 0x00, 0x01, 0x00, 0x00), MID_OK},
    {"uint 2^32-1", B(0x1a, 0xff, 0xff, 0xff, 0xff), MID_OK},
    {"uint 2^32", B(0x1b, 0, 0, 0, 1, 0, 0, 0, 0), MID_OK},
    {"uint 2^64-1", B(0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), MID_OK},
    {"nint -1", B(0x20), MID_OK},
    {"nint -24", B(0x37), MID_OK},
    {"nint -25", B(0x38, 0x18), MID_OK},
    {"nint -65537", B(0x3a, 0x00, 0x01, 0x00, 0x00), MID_OK},
    {"nint -2^64 (min)", B(0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff), MID_OK},
    {"empty bstr", B(0x40), MID_OK},
    {"empty tstr", B(0x60), MID_OK},
    {"empty array", B(0x80), MID_OK},
    {"empty map", B(0xa0), MID_OK},
    {"false", B(0xf4), MID_OK},
    {"true", B(0xf5), MID_OK},
    {"tag 0 on text", B(0xc0, 0x61, '0'), MID_OK},
    {"tag 24 (1-byte number)", B(0xd8, 0x18, 0x40), MID_OK},
    {"self-describe tag 55799", B(0xd9, 0xd9, 0xf7, 0x00), MID_OK},
    {"tag 2^64-1", B(0xdb, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x00), MID_OK},
    {"tag on tag", B(0xc1, 0xd2, 0x80), MID_OK},
    {"COSE_Sign1 shape", B(0xd2, 0x84, 0x43, 0xa1, 0x01, 0x26, 0xa0, 0x41, 0x00, 0x40), MID_OK},
    {"Hangul text", B(0x63, 0xed, 0x95, 0x9c), MID_OK},
    {"U+0000 in text", B(0x61, 0x00), MID_OK},
    {"U+0080", B(0x62, 0xc2, 0x80), MID_OK},
    {"U+07FF", B(0x62, 0xdf, 0xbf), MID_OK},
    {"U+0800", B(0x63, 0xe0, 0xa0, 0x80), MID_OK},
    {"U+D7FF", B(0x63, 0xed, 0x9f, 0xbf), MID_OK},
    {"U+E000", B(0x63, 0xee, 0x80, 0x80), MID_OK},
    {"U+FFFF", B(0x63, 0xef, 0xbf, 0xbf), MID_OK},
    {"U+10000", B(0x64, 0xf0, 0x90, 0x80, 0x80), MID_OK},
    {"U+10FFFF", B(0x64, 0xf4, 0x8f, 0xbf, 0xbf), MID_OK},
    {"map keys 0, 23, 24, -1, 'a' (bytewise)",
     B(0xa5, 0x00, 0x00, 0x17, 0x00, 0x18, 0x18, 0x00, 0x20, 0x00, 0x61, 'a', 0x00), MID_OK},
    {"map keys 'a', 'b', 'aa'", B(0xa3, 0x61, 'a', 0, 0x61, 'b', 0, 0x62, 'a', 'a', 0), MID_OK},
    {"CWT keys 4, 5, 7, 8, -65537",
     B(0xa5, 0x04, 0x00, 0x05, 0x00, 0x07, 0x40, 0x08, 0xa0, 0x3a, 0, 1, 0, 0, 0xa0), MID_OK},
    {"same key in sibling maps", B(0x82, 0xa1, 0x01, 0x00, 0xa1, 0x01, 0x00), MID_OK},
    {"same key at two levels", B(0xa1, 0x01, 0xa1, 0x01, 0x00), MID_OK},
    {"nested maps", B(0xa2, 0x01, 0xa1, 0x02, 0xa1, 0x03, 0x80, 0x02, 0x81, 0xa0), MID_OK},
    {"bstr containing bad CBOR", B(0x42, 0xff, 0x1f), MID_OK},
};

static void check_cases(const cbor_case *cases, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        mid_err got = mid_cbor_validate(cases[i].bytes, cases[i].len);
        if (got != cases[i].want)
            print_error("case \"%s\": got %d (%s), want %d (%s)\n", cases[i].what,
                        (int)got, mid_err_str(got), (int)cases[i].want,
                        mid_err_str(cases[i].want));
        assert_int_equal(got, cases[i].want);
    }
}

static void test_not_well_formed_table(void **state)
{
    (void)state;
    check_cases(REJECTED, sizeof REJECTED / sizeof REJECTED[0]);
}

static void test_accepted_table(void **state)
{
    (void)state;
    check_cases(ACCEPTED, sizeof ACCEPTED / sizeof ACCEPTED[0]);
}

/* Every accepted item, cut at every shorter length, is refused (never
 * read past the end); most as TRUNCATED. */
static void test_every_prefix_of_accepted_is_refused(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof ACCEPTED / sizeof ACCEPTED[0]; i++) {
        const cbor_case *c = &ACCEPTED[i];
        for (size_t cut = 0; cut < c->len; cut++) {
            /* a heap copy of exactly cut bytes, so ASan sees overreads */
            uint8_t *p = malloc(cut ? cut : 1u);
            assert_non_null(p);
            memcpy(p, c->bytes, cut);
            mid_err got = mid_cbor_validate(p, cut);
            free(p);
            if (got != MID_ERR_CBOR_TRUNCATED)
                print_error("case \"%s\" cut at %zu: %s\n", c->what, cut, mid_err_str(got));
            assert_int_equal(got, MID_ERR_CBOR_TRUNCATED);
        }
    }
}

/* All 8 major types x reserved additional information 28..30. */
static void test_reserved_ai_every_major(void **state)
{
    (void)state;
    for (unsigned major = 0; major < 8u; major++) {
        for (unsigned ai = 28; ai <= 30u; ai++) {
            uint8_t b[2] = {(uint8_t)(major << 5 | ai), 0x00};
            assert_int_equal(mid_cbor_validate(b, sizeof b), MID_ERR_CBOR_UNSUPPORTED);
        }
        uint8_t ind[2] = {(uint8_t)(major << 5 | 31u), 0xff};
        assert_int_equal(mid_cbor_validate(ind, sizeof ind), MID_ERR_CBOR_INDEFINITE);
    }
}

static void test_empty_and_null(void **state)
{
    static const uint8_t one[1] = {0};
    (void)state;
    assert_int_equal(mid_cbor_validate(one, 0), MID_ERR_CBOR_TRUNCATED);
    assert_int_equal(mid_cbor_validate(NULL, 0), MID_ERR_ARG);
    assert_int_equal(mid_cbor_validate(NULL, 5), MID_ERR_ARG);
}

/* depth arrays (or maps, or tags) around a 0. */
static size_t nest(uint8_t *buf, size_t depth, uint8_t head, int map)
{
    size_t n = 0;
    for (size_t i = 0; i < depth; i++) {
        buf[n++] = head;
        if (map)
            buf[n++] = 0x01; /* key; the value is the next level */
    }
    buf[n++] = 0x00;
    return n;
}

static void test_depth_limit(void **state)
{
    uint8_t buf[64];
    size_t n;
    (void)state;
    assert_int_equal(MID_CBOR_MAX_DEPTH, 8);
    /* arrays */
    n = nest(buf, MID_CBOR_MAX_DEPTH, 0x81, 0);
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    n = nest(buf, MID_CBOR_MAX_DEPTH + 1u, 0x81, 0);
    assert_int_equal(mid_cbor_validate(buf, n), MID_ERR_CBOR_DEPTH);
    /* maps */
    n = nest(buf, MID_CBOR_MAX_DEPTH, 0xa1, 1);
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    n = nest(buf, MID_CBOR_MAX_DEPTH + 1u, 0xa1, 1);
    assert_int_equal(mid_cbor_validate(buf, n), MID_ERR_CBOR_DEPTH);
    /* tags count as a level: they wrap an item */
    n = nest(buf, MID_CBOR_MAX_DEPTH, 0xd2, 0);
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    n = nest(buf, MID_CBOR_MAX_DEPTH + 1u, 0xd2, 0);
    assert_int_equal(mid_cbor_validate(buf, n), MID_ERR_CBOR_DEPTH);
    /* an empty container is a level too */
    n = nest(buf, MID_CBOR_MAX_DEPTH, 0x81, 0);
    buf[n - 1] = 0x80;
    assert_int_equal(mid_cbor_validate(buf, n), MID_ERR_CBOR_DEPTH);
    /* depth is about nesting, not about how many containers: 8 siblings
     * at depth 2 are fine */
    {
        static const uint8_t wide[] = {0x88, 0x80, 0x80, 0x80, 0x80,
                                       0x80, 0x80, 0x80, 0x80};
        assert_int_equal(mid_cbor_validate(wide, sizeof wide), MID_OK);
    }
    /* hostile nesting far beyond the limit stops early (iterative) */
    {
        static uint8_t deep[100000];
        memset(deep, 0x81, sizeof deep);
        assert_int_equal(mid_cbor_validate(deep, sizeof deep), MID_ERR_CBOR_DEPTH);
    }
}

static void test_item_limit(void **state)
{
    uint8_t buf[1 + 2 * 2 * 40];
    size_t n = 0;
    (void)state;
    assert_int_equal(MID_CBOR_MAX_ITEMS, 32);
    /* array of exactly 32 */
    buf[n++] = 0x98;
    buf[n++] = 0x20;
    for (unsigned i = 0; i < 32u; i++)
        buf[n++] = 0x00;
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    /* map of exactly 32 pairs, keys 0..23 then 24..31 in 1 byte */
    n = 0;
    buf[n++] = 0xb8;
    buf[n++] = 0x20;
    for (unsigned i = 0; i < 32u; i++) {
        if (i < 24u) {
            buf[n++] = (uint8_t)i;
        } else {
            buf[n++] = 0x18;
            buf[n++] = (uint8_t)i;
        }
        buf[n++] = 0xf5;
    }
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    /* 33 announced, 33 present */
    n = 0;
    buf[n++] = 0x98;
    buf[n++] = 0x21;
    for (unsigned i = 0; i < 33u; i++)
        buf[n++] = 0x00;
    assert_int_equal(mid_cbor_validate(buf, n), MID_ERR_CBOR_TOO_MANY);
}

/* ---- reader ---- */

static void test_read_uint_boundaries(void **state)
{
    static const struct {
        uint8_t bytes[9];
        size_t len;
        uint64_t v;
    } T[] = {
        {{0x00}, 1, 0},
        {{0x17}, 1, 23},
        {{0x18, 0x18}, 2, 24},
        {{0x18, 0xff}, 2, 255},
        {{0x19, 0x01, 0x00}, 3, 256},
        {{0x19, 0xff, 0xff}, 3, 65535},
        {{0x1a, 0x00, 0x01, 0x00, 0x00}, 5, 65536},
        {{0x1a, 0xff, 0xff, 0xff, 0xff}, 5, 0xFFFFFFFFu},
        {{0x1b, 0, 0, 0, 1, 0, 0, 0, 0}, 9, 0x100000000u},
        {{0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9, UINT64_MAX},
    };
    (void)state;
    for (size_t i = 0; i < sizeof T / sizeof T[0]; i++) {
        mid_cbor_reader r;
        uint64_t v = 12345;
        assert_int_equal(mid_cbor_validate(T[i].bytes, T[i].len), MID_OK);
        mid_cbor_reader_init(&r, T[i].bytes, T[i].len);
        assert_int_equal(mid_cbor_peek(&r), MID_CBOR_UINT);
        assert_int_equal(mid_cbor_read_uint(&r, &v), MID_OK);
        assert_true(v == T[i].v);
        assert_int_equal(mid_cbor_peek(&r), -1); /* at end */
        assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    }
}

static void test_read_int_range(void **state)
{
    static const uint8_t int64_min[] = {0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t below_min[] = {0x3b, 0x80, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t nint_min[] = {0x3b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t int64_max[] = {0x1b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff};
    static const uint8_t above_max[] = {0x1b, 0x80, 0, 0, 0, 0, 0, 0, 0};
    static const uint8_t m65537[] = {0x3a, 0x00, 0x01, 0x00, 0x00};
    mid_cbor_reader r;
    int64_t v;
    uint64_t u;
    (void)state;

    mid_cbor_reader_init(&r, int64_min, sizeof int64_min);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_OK);
    assert_true(v == INT64_MIN);
    mid_cbor_reader_init(&r, int64_max, sizeof int64_max);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_OK);
    assert_true(v == INT64_MAX);
    mid_cbor_reader_init(&r, m65537, sizeof m65537);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_OK);
    assert_true(v == -65537);

    /* well-formed CBOR beyond int64_t: refused, value untouched, sticky */
    v = 42;
    mid_cbor_reader_init(&r, below_min, sizeof below_min);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_ERR_CLAIM_VALUE);
    assert_true(v == 42);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_ERR_CLAIM_VALUE);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CLAIM_VALUE);
    mid_cbor_reader_init(&r, nint_min, sizeof nint_min);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_ERR_CLAIM_VALUE);
    mid_cbor_reader_init(&r, above_max, sizeof above_max);
    assert_int_equal(mid_cbor_read_int(&r, &v), MID_ERR_CLAIM_VALUE);
    /* the same bytes are a fine uint */
    mid_cbor_reader_init(&r, above_max, sizeof above_max);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_OK);
    assert_true(u == 0x8000000000000000u);
    /* read_uint refuses negatives */
    mid_cbor_reader_init(&r, m65537, sizeof m65537);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_ERR_CBOR_TYPE);
}

static void test_reader_sticky_error(void **state)
{
    /* ["a", 1] */
    static const uint8_t buf[] = {0x82, 0x61, 'a', 0x01};
    mid_cbor_reader r;
    size_t n;
    uint64_t u;
    const uint8_t *s = NULL;
    size_t sl = 0;
    const uint8_t *pos;
    (void)state;
    mid_cbor_reader_init(&r, buf, sizeof buf);
    assert_int_equal(mid_cbor_peek(&r), MID_CBOR_ARRAY);
    assert_int_equal(mid_cbor_read_array(&r, &n), MID_OK);
    assert_int_equal(n, 2);
    pos = r.pos;
    /* wrong type: the error sticks and the cursor does not move */
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_ERR_CBOR_TYPE);
    assert_ptr_equal(r.pos, pos);
    /* the right call now fails too: a parser can check once at the end */
    assert_int_equal(mid_cbor_read_tstr(&r, &s, &sl), MID_ERR_CBOR_TYPE);
    assert_null(s);
    assert_int_equal(mid_cbor_peek(&r), -1);
    assert_int_equal(mid_cbor_skip(&r, NULL, NULL), MID_ERR_CBOR_TYPE);
    assert_int_equal(mid_cbor_read_bool(&r, &(int){0}), MID_ERR_CBOR_TYPE);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_TYPE);
    assert_ptr_equal(r.pos, pos);
}

static void test_reader_strings(void **state)
{
    static const uint8_t trunc[] = {0x43, 0x01, 0x02};
    static const uint8_t bad_utf8[] = {0x62, 0xc0, 0x80};
    static const uint8_t hangul[] = {0x66, 0xed, 0x95, 0x9c, 0xea, 0xb0, 0x80};
    static const uint8_t bstr[] = {0x42, 0xde, 0xad};
    mid_cbor_reader r;
    const uint8_t *s;
    size_t sl;
    (void)state;
    mid_cbor_reader_init(&r, trunc, sizeof trunc);
    assert_int_equal(mid_cbor_read_bstr(&r, &s, &sl), MID_ERR_CBOR_TRUNCATED);
    assert_ptr_equal(r.pos, trunc); /* not advanced over the head */
    mid_cbor_reader_init(&r, bad_utf8, sizeof bad_utf8);
    assert_int_equal(mid_cbor_read_tstr(&r, &s, &sl), MID_ERR_CBOR_UTF8);
    assert_ptr_equal(r.pos, bad_utf8);
    /* the same bytes as a bstr: any content */
    static const uint8_t bad_as_bstr[] = {0x42, 0xc0, 0x80};
    mid_cbor_reader_init(&r, bad_as_bstr, sizeof bad_as_bstr);
    assert_int_equal(mid_cbor_read_bstr(&r, &s, &sl), MID_OK);
    mid_cbor_reader_init(&r, hangul, sizeof hangul);
    assert_int_equal(mid_cbor_read_tstr(&r, &s, &sl), MID_OK);
    assert_int_equal(sl, 6);
    assert_ptr_equal(s, hangul + 1);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    mid_cbor_reader_init(&r, bstr, sizeof bstr);
    assert_int_equal(mid_cbor_read_tstr(&r, &s, &sl), MID_ERR_CBOR_TYPE);
}

static void test_reader_containers_tags_bools(void **state)
{
    static const uint8_t many[] = {0x98, 0x21};
    static const uint8_t tagged[] = {0xd2, 0xa1, 0x01, 0xf4};
    static const uint8_t bools[] = {0x83, 0xf5, 0xf4, 0xf6};
    mid_cbor_reader r;
    size_t n;
    uint64_t tag, u;
    int b = -1;
    (void)state;
    mid_cbor_reader_init(&r, many, sizeof many);
    assert_int_equal(mid_cbor_read_array(&r, &n), MID_ERR_CBOR_TOO_MANY);
    mid_cbor_reader_init(&r, many, sizeof many);
    assert_int_equal(mid_cbor_read_map(&r, &n), MID_ERR_CBOR_TYPE);

    mid_cbor_reader_init(&r, tagged, sizeof tagged);
    assert_int_equal(mid_cbor_peek(&r), MID_CBOR_TAG);
    assert_int_equal(mid_cbor_read_tag(&r, &tag), MID_OK);
    assert_int_equal(tag, 18);
    assert_int_equal(mid_cbor_read_map(&r, &n), MID_OK);
    assert_int_equal(n, 1);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_OK);
    assert_int_equal(mid_cbor_peek(&r), MID_CBOR_SIMPLE);
    assert_int_equal(mid_cbor_read_bool(&r, &b), MID_OK);
    assert_int_equal(b, 0);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);

    mid_cbor_reader_init(&r, bools, sizeof bools);
    assert_int_equal(mid_cbor_read_array(&r, &n), MID_OK);
    assert_int_equal(mid_cbor_read_bool(&r, &b), MID_OK);
    assert_int_equal(b, 1);
    assert_int_equal(mid_cbor_read_bool(&r, &b), MID_OK);
    assert_int_equal(b, 0);
    assert_int_equal(mid_cbor_read_bool(&r, &b), MID_ERR_CBOR_UNSUPPORTED); /* null */
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_UNSUPPORTED);
}

static void test_reader_end_and_null(void **state)
{
    static const uint8_t two[] = {0x01, 0x02};
    mid_cbor_reader r;
    uint64_t u;
    (void)state;
    /* finish detects what the parser did not read */
    mid_cbor_reader_init(&r, two, sizeof two);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_OK);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_TRAILING);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_OK);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    /* reading past the end */
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_ERR_CBOR_TRUNCATED);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_TRUNCATED);
    /* no buffer */
    mid_cbor_reader_init(&r, NULL, 10);
    assert_int_equal(mid_cbor_peek(&r), -1);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_ERR_ARG);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_ARG);
    /* an empty buffer */
    mid_cbor_reader_init(&r, two, 0);
    assert_int_equal(mid_cbor_peek(&r), -1);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
}

/* The straight-through readers: read_key, read_uint_max and fail feed the
 * one sticky error, the first problem wins, outputs stay untouched. */
static void test_reader_straight_through(void **state)
{
    /* {1: 9, 2: 10, -1: h'00'} */
    static const uint8_t buf[] = {0xA3, 0x01, 0x09, 0x02, 0x0A, 0x20, 0x41, 0x00};
    mid_cbor_reader r;
    size_t n = 0;
    uint64_t a = 7, b = 7;
    const uint8_t *s = NULL;
    size_t sl = 0;
    (void)state;

    /* all well: one check at the end */
    mid_cbor_reader_init(&r, buf, sizeof buf);
    mid_cbor_read_map(&r, &n);
    mid_cbor_read_key(&r, 1);
    mid_cbor_read_uint_max(&r, 9, &a);
    mid_cbor_read_key(&r, 2);
    mid_cbor_read_uint_max(&r, 10, &b);
    mid_cbor_read_key(&r, -1);
    mid_cbor_read_bstr(&r, &s, &sl);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    assert_int_equal(n, 3);
    assert_true(a == 9 && b == 10 && sl == 1 && s == buf + 7);

    /* over the maximum: CLAIM_VALUE, value untouched, later reads no-ops */
    a = b = 7;
    mid_cbor_reader_init(&r, buf, sizeof buf);
    mid_cbor_read_map(&r, &n);
    mid_cbor_read_key(&r, 1);
    assert_int_equal(mid_cbor_read_uint_max(&r, 8, &a), MID_ERR_CLAIM_VALUE);
    assert_true(a == 7);
    assert_int_equal(mid_cbor_read_key(&r, 2), MID_ERR_CLAIM_VALUE);
    mid_cbor_read_uint_max(&r, 10, &b);
    assert_true(b == 7);
    mid_cbor_fail(&r, MID_ERR_KEY_FORMAT); /* the first error stays */
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CLAIM_VALUE);

    /* a key out of place is an unknown claim; a text key a type error */
    mid_cbor_reader_init(&r, buf, sizeof buf);
    mid_cbor_read_map(&r, &n);
    assert_int_equal(mid_cbor_read_key(&r, 2), MID_ERR_CLAIM_UNKNOWN);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CLAIM_UNKNOWN);
    {
        static const uint8_t tkey[] = {0xA1, 0x61, 'a', 0x01};
        mid_cbor_reader_init(&r, tkey, sizeof tkey);
        mid_cbor_read_map(&r, &n);
        assert_int_equal(mid_cbor_read_key(&r, 1), MID_ERR_CBOR_TYPE);
    }

    /* fail with MID_OK changes nothing; fail on a clean reader sticks */
    mid_cbor_reader_init(&r, buf, sizeof buf);
    mid_cbor_fail(&r, MID_OK);
    assert_int_equal(r.err, MID_OK);
    mid_cbor_fail(&r, MID_ERR_CLAIM_MISSING);
    assert_int_equal(mid_cbor_read_map(&r, &n), MID_ERR_CLAIM_MISSING);
}

/* The exported UTF-8 rule the tools share with the reader. */
static void test_utf8_len(void **state)
{
    static const uint8_t hangul[] = {0xED, 0x95, 0x9C};    /* U+D55C */
    static const uint8_t surrogate[] = {0xED, 0xA0, 0x80}; /* U+D800 */
    static const uint8_t overlong[] = {0xC0, 0xAF};
    static const uint8_t too_big[] = {0xF4, 0x90, 0x80, 0x80};
    static const uint8_t max[] = {0xF4, 0x8F, 0xBF, 0xBF};
    (void)state;
    assert_int_equal(mid_cbor_utf8_len((const uint8_t *)"A", 1), 1);
    assert_int_equal(mid_cbor_utf8_len(hangul, 3), 3);
    assert_int_equal(mid_cbor_utf8_len(hangul, 2), 0); /* cut short */
    assert_int_equal(mid_cbor_utf8_len(surrogate, 3), 0);
    assert_int_equal(mid_cbor_utf8_len(overlong, 2), 0);
    assert_int_equal(mid_cbor_utf8_len(too_big, 4), 0);
    assert_int_equal(mid_cbor_utf8_len(max, 4), 4);
    assert_int_equal(mid_cbor_utf8_len(NULL, 0), 0);
    assert_true(mid_cbor_utf8_valid(hangul, 3));
    assert_false(mid_cbor_utf8_valid(overlong, 2));
    assert_true(mid_cbor_utf8_valid(NULL, 0));
}

static void test_skip_spans(void **state)
{
    /* [1, {"a": h'0102'}, 18([h'', {}, h'', h'']), 3] */
    static const uint8_t buf[] = {0x84, 0x01, 0xa1, 0x61, 'a', 0x42, 0x01, 0x02,
                                  0xd2, 0x84, 0x40, 0xa0, 0x40, 0x40, 0x03};
    mid_cbor_reader r;
    const uint8_t *start;
    size_t len, n;
    uint64_t u;
    (void)state;
    assert_int_equal(mid_cbor_validate(buf, sizeof buf), MID_OK);
    mid_cbor_reader_init(&r, buf, sizeof buf);
    assert_int_equal(mid_cbor_read_array(&r, &n), MID_OK);
    assert_int_equal(n, 4);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_OK);
    assert_ptr_equal(start, buf + 1);
    assert_int_equal(len, 1);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_OK);
    assert_ptr_equal(start, buf + 2);
    assert_int_equal(len, 6);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_OK); /* tag + content */
    assert_ptr_equal(start, buf + 8);
    assert_int_equal(len, 6);
    assert_int_equal(mid_cbor_read_uint(&r, &u), MID_OK);
    assert_int_equal(u, 3);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    /* the whole item at once; NULL span pointers are allowed */
    mid_cbor_reader_init(&r, buf, sizeof buf);
    assert_int_equal(mid_cbor_skip(&r, NULL, NULL), MID_OK);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    /* skip leaves trailing bytes for finish to find */
    {
        static const uint8_t two[] = {0x81, 0x00, 0x00};
        mid_cbor_reader_init(&r, two, sizeof two);
        assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_OK);
        assert_int_equal(len, 2);
        assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_TRAILING);
    }
}

static void test_skip_errors(void **state)
{
    static const uint8_t trunc[] = {0x82, 0x01, 0x43, 0x00};
    static const uint8_t many[] = {0x81, 0x98, 0x21};
    static const uint8_t indef[] = {0x81, 0x9f, 0xff};
    mid_cbor_reader r;
    const uint8_t *start = NULL;
    size_t len = 77;
    (void)state;
    mid_cbor_reader_init(&r, trunc, sizeof trunc);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_ERR_CBOR_TRUNCATED);
    assert_null(start);
    assert_int_equal(len, 77);
    assert_ptr_equal(r.pos, trunc);
    assert_int_equal(mid_cbor_reader_finish(&r), MID_ERR_CBOR_TRUNCATED);
    mid_cbor_reader_init(&r, many, sizeof many);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_ERR_CBOR_TOO_MANY);
    mid_cbor_reader_init(&r, indef, sizeof indef);
    assert_int_equal(mid_cbor_skip(&r, &start, &len), MID_ERR_CBOR_INDEFINITE);
}

/* Skip bounds its work: 32 x 32 x 32 x 32 items (valid, depth 4) are more
 * than any payload could hold. */
static void test_skip_item_budget(void **state)
{
    static uint8_t buf[1u + 32u * (2u + 32u * (2u + 32u * 2u))];
    size_t n = 0;
    mid_cbor_reader r;
    (void)state;
    buf[n++] = 0x98;
    buf[n++] = 0x20;
    for (unsigned i = 0; i < 32u; i++) {
        buf[n++] = 0x98;
        buf[n++] = 0x20;
        for (unsigned j = 0; j < 32u; j++) {
            buf[n++] = 0x98;
            buf[n++] = 0x20;
            for (unsigned k = 0; k < 32u; k++)
                buf[n++] = 0x00;
        }
    }
    assert_true(n <= sizeof buf);
    assert_int_equal(mid_cbor_validate(buf, n), MID_OK);
    mid_cbor_reader_init(&r, buf, n);
    assert_int_equal(mid_cbor_skip(&r, NULL, NULL), MID_ERR_CBOR_TOO_MANY);
}

/* ---- writer ---- */

typedef struct enc_case {
    int64_t v;
    uint8_t bytes[9];
    size_t len;
} enc_case;
static void test_writer_shortest_forms(void **state)
{
    static const struct {
        uint64_t v;
        uint8_t bytes[9];
        size_t len;
    } U[] = {
        {0, {0x00}, 1},
        {23, {0x17}, 1},
        {24, {0x18, 0x18}, 2},
        {255, {0x18, 0xff}, 2},
        {256, {0x19, 0x01, 0x00}, 3},
        {65535, {0x19, 0xff, 0xff}, 3},
        {65536, {0x1a, 0x00, 0x01, 0x00, 0x00}, 5},
        {0xFFFFFFFFu, {0x1a, 0xff, 0xff, 0xff, 0xff}, 5},
        {0x100000000u, {0x1b, 0, 0, 0, 1, 0, 0, 0, 0}, 9},
        {UINT64_MAX, {0x1b, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9},
    };
    static const enc_case I[] = {
        {-1, {0x20}, 1},
        {-24, {0x37}, 1},
        {-25, {0x38, 0x18}, 2},
        {-256, {0x38, 0xff}, 2},
        {-257, {0x39, 0x01, 0x00}, 3},
        {-65537, {0x3a, 0x00, 0x01, 0x00, 0x00}, 5},
        {-4294967297, {0x3b, 0, 0, 0, 1, 0, 0, 0, 0}, 9},
        {INT64_MIN, {0x3b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9},
        {INT64_MAX, {0x1b, 0x7f, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff}, 9},
        {1795662000, {0x1a, 0x6b, 0x07, 0xa0, 0xb0}, 5},
    };
    uint8_t buf[16];
    mid_cbor_writer w;
    mid_cbor_reader r;
    (void)state;
    for (size_t i = 0; i < sizeof U / sizeof U[0]; i++) {
        uint64_t back;
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_uint(&w, U[i].v);
        assert_int_equal(w.err, MID_OK);
        assert_int_equal(w.len, U[i].len);
        assert_memory_equal(buf, U[i].bytes, U[i].len);
        assert_int_equal(mid_cbor_validate(buf, w.len), MID_OK);
        mid_cbor_reader_init(&r, buf, w.len);
        assert_int_equal(mid_cbor_read_uint(&r, &back), MID_OK);
        assert_true(back == U[i].v);
        assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
        /* tags, lengths and counts use the same head */
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_tag(&w, U[i].v);
        assert_int_equal(w.len, U[i].len);
        assert_int_equal(buf[0], (uint8_t)(0xc0u | (U[i].bytes[0] & 0x1fu)));
    }
    for (size_t i = 0; i < sizeof I / sizeof I[0]; i++) {
        int64_t back;
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_int(&w, I[i].v);
        assert_int_equal(w.err, MID_OK);
        assert_int_equal(w.len, I[i].len);
        assert_memory_equal(buf, I[i].bytes, I[i].len);
        assert_int_equal(mid_cbor_validate(buf, w.len), MID_OK);
        mid_cbor_reader_init(&r, buf, w.len);
        assert_int_equal(mid_cbor_read_int(&r, &back), MID_OK);
        assert_true(back == I[i].v);
        assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
    }
}

static void test_writer_string_lengths(void **state)
{
    static const size_t lens[] = {0, 1, 23, 24, 255, 256, 65535, 65536};
    static const uint8_t head_len[] = {1, 1, 1, 2, 2, 3, 3, 5};
    static uint8_t data[65536], buf[65536 + 16];
    mid_cbor_writer w;
    mid_cbor_reader r;
    (void)state;
    memset(data, 'x', sizeof data);
    for (size_t i = 0; i < sizeof lens / sizeof lens[0]; i++) {
        const uint8_t *s;
        size_t sl;
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_bstr(&w, data, lens[i]);
        assert_int_equal(w.err, MID_OK);
        assert_int_equal(w.len, head_len[i] + lens[i]);
        assert_int_equal(mid_cbor_validate(buf, w.len), MID_OK);
        mid_cbor_reader_init(&r, buf, w.len);
        assert_int_equal(mid_cbor_read_bstr(&r, &s, &sl), MID_OK);
        assert_int_equal(sl, lens[i]);
        assert_ptr_equal(s, buf + head_len[i]);
        mid_cbor_writer_init(&w, buf, sizeof buf);
        mid_cbor_put_tstr(&w, (const char *)data, lens[i]);
        assert_int_equal(w.len, head_len[i] + lens[i]);
        assert_int_equal(buf[0] >> 5, MID_CBOR_TSTR);
        mid_cbor_reader_init(&r, buf, w.len);
        assert_int_equal(mid_cbor_read_tstr(&r, &s, &sl), MID_OK);
        assert_int_equal(sl, lens[i]);
    }
}

/* A structure like the payload's, written then read back field by field. */
static void test_writer_round_trip_structure(void **state)
{
    static const uint8_t kid[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    static const uint8_t expect[] = {
        0xd2, 0x83, 0xa3, 0x01, 0x26, 0x04, 0x48, 1, 2, 3, 4, 5, 6, 7, 8,
        0x3a, 0x00, 0x01, 0x00, 0x00, 0xa2, 0x61, 'a', 0xf5, 0x61, 'b', 0xf4,
        0x80, 0x63, 0xed, 0x95, 0x9c, 0x01, 0x02};
    uint8_t buf[64];
    mid_cbor_writer w;
    mid_cbor_reader r;
    size_t n;
    uint64_t tag;
    int64_t v;
    int b;
    const uint8_t *s;
    size_t sl;
    (void)state;
    mid_cbor_writer_init(&w, buf, sizeof buf);
    mid_cbor_put_tag(&w, 18);
    mid_cbor_put_array(&w, 3);
    mid_cbor_put_map(&w, 3);
    mid_cbor_put_int(&w, 1);
    mid_cbor_put_int(&w, -7);
    mid_cbor_put_int(&w, 4);
    mid_cbor_put_bstr(&w, kid, sizeof kid);
    mid_cbor_put_int(&w, -65537);
    mid_cbor_put_map(&w, 2);
    mid_cbor_put_tstr(&w, "a", 1);
    mid_cbor_put_bool(&w, 1);
    mid_cbor_put_tstr(&w, "b", 1);
    mid_cbor_put_bool(&w, 0);
    mid_cbor_put_array(&w, 0);
    mid_cbor_put_tstr(&w, "\xed\x95\x9c", 3);
    mid_cbor_put_raw(&w, (const uint8_t *)"\x01\x02", 2);
    assert_int_equal(w.err, MID_OK);
    assert_int_equal(w.len, sizeof expect);
    assert_memory_equal(buf, expect, sizeof expect);
    /* the raw tail makes two top-level items: validate the array alone */
    assert_int_equal(mid_cbor_validate(buf, w.len), MID_ERR_CBOR_TRAILING);
    assert_int_equal(mid_cbor_validate(buf, w.len - 2u), MID_OK);

    mid_cbor_reader_init(&r, buf, w.len - 2u);
    mid_cbor_read_tag(&r, &tag);
    mid_cbor_read_array(&r, &n);
    assert_int_equal(n, 3);
    mid_cbor_read_map(&r, &n);
    assert_int_equal(n, 3);
    mid_cbor_read_int(&r, &v);
    assert_int_equal(v, 1);
    mid_cbor_read_int(&r, &v);
    assert_int_equal(v, -7);
    mid_cbor_read_int(&r, &v);
    mid_cbor_read_bstr(&r, &s, &sl);
    assert_int_equal(sl, 8);
    assert_memory_equal(s, kid, 8);
    mid_cbor_read_int(&r, &v);
    assert_int_equal(v, -65537);
    mid_cbor_read_map(&r, &n);
    mid_cbor_read_tstr(&r, &s, &sl);
    mid_cbor_read_bool(&r, &b);
    assert_int_equal(b, 1);
    mid_cbor_read_tstr(&r, &s, &sl);
    mid_cbor_read_bool(&r, &b);
    assert_int_equal(b, 0);
    mid_cbor_read_array(&r, &n);
    assert_int_equal(n, 0);
    mid_cbor_read_tstr(&r, &s, &sl);
    assert_int_equal(sl, 3);
    /* one check for the whole walk (sticky errors) */
    assert_int_equal(mid_cbor_reader_finish(&r), MID_OK);
}

static void test_writer_buffer_full(void **state)
{
    uint8_t buf[8];
    mid_cbor_writer w;
    (void)state;
    memset(buf, 0xAA, sizeof buf);
    mid_cbor_writer_init(&w, buf, 0);
    mid_cbor_put_uint(&w, 0);
    assert_int_equal(w.err, MID_ERR_BUFFER);
    assert_int_equal(w.len, 0);
    assert_int_equal(buf[0], 0xAA);

    /* 256 needs 3 bytes; 2 available: nothing written, and later puts
     * that would fit do not write either (sticky) */
    mid_cbor_writer_init(&w, buf, 2);
    mid_cbor_put_uint(&w, 256);
    assert_int_equal(w.err, MID_ERR_BUFFER);
    assert_int_equal(w.len, 0);
    mid_cbor_put_uint(&w, 1);
    assert_int_equal(w.len, 0);
    assert_int_equal(buf[0], 0xAA);
    assert_int_equal(w.err, MID_ERR_BUFFER);

    /* exactly full is fine */
    mid_cbor_writer_init(&w, buf, 3);
    mid_cbor_put_uint(&w, 256);
    assert_int_equal(w.err, MID_OK);
    assert_int_equal(w.len, 3);
    mid_cbor_put_bool(&w, 1);
    assert_int_equal(w.err, MID_ERR_BUFFER);
    assert_int_equal(w.len, 3);

    /* string content that does not fit after its head */
    mid_cbor_writer_init(&w, buf, sizeof buf);
    mid_cbor_put_bstr(&w, (const uint8_t *)"0123456789", 10);
    assert_int_equal(w.err, MID_ERR_BUFFER);
    assert_true(w.len < sizeof buf);
    assert_int_equal(buf[sizeof buf - 1u], 0xAA);
    mid_cbor_writer_init(&w, buf, sizeof buf);
    mid_cbor_put_raw(&w, (const uint8_t *)"012345678", 9);
    assert_int_equal(w.err, MID_ERR_BUFFER);

    /* no buffer at all */
    mid_cbor_writer_init(&w, NULL, 100);
    mid_cbor_put_uint(&w, 1);
    assert_int_equal(w.err, MID_ERR_ARG);
    assert_int_equal(w.len, 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_not_well_formed_table),
        cmocka_unit_test(test_accepted_table),
        cmocka_unit_test(test_every_prefix_of_accepted_is_refused),
        cmocka_unit_test(test_reserved_ai_every_major),
        cmocka_unit_test(test_empty_and_null),
        cmocka_unit_test(test_depth_limit),
        cmocka_unit_test(test_item_limit),
        cmocka_unit_test(test_read_uint_boundaries),
        cmocka_unit_test(test_read_int_range),
        cmocka_unit_test(test_reader_sticky_error),
        cmocka_unit_test(test_reader_strings),
        cmocka_unit_test(test_reader_containers_tags_bools),
        cmocka_unit_test(test_reader_end_and_null),
        cmocka_unit_test(test_reader_straight_through),
        cmocka_unit_test(test_utf8_len),
        cmocka_unit_test(test_skip_spans),
        cmocka_unit_test(test_skip_errors),
        cmocka_unit_test(test_skip_item_budget),
        cmocka_unit_test(test_writer_shortest_forms),
        cmocka_unit_test(test_writer_string_lengths),
        cmocka_unit_test(test_writer_round_trip_structure),
        cmocka_unit_test(test_writer_buffer_full),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
