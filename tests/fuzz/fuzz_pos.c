/* The POS line layer on arbitrary bytes: the framer splits the input into
 * lines (the input is also fed in two pieces, which must give the same
 * lines), every line goes through mid_pos_parse and the session rules.
 * Invariants: no line handed on is longer than MID_POS_MAX_LINE or holds a
 * newline; an accepted message has a valid transaction id where it has
 * one and a known purpose; every refusal is a named POS error with a
 * detail text, and the error message for it is valid JSON on one line. */
#include <jansson.h>

#include "fuzz_common.h"
#include "mid/mid_pos.h"

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    return 0;
}

typedef struct run {
    mid_pos_session s;
    unsigned lines, too_long;
    uint32_t sig; /* a digest of the lines, to compare the two feeds */
} run;

static void on_line(void *ctx, const char *line, size_t len, mid_err err)
{
    run *r = ctx;
    mid_pos_msg m;
    const char *detail = NULL;
    char out[MID_POS_MAX_OUT];
    size_t olen, i;

    if (err != MID_OK) {
        FUZZ_ASSERT(err == MID_ERR_POS_TOO_LONG && line == NULL);
        r->too_long++;
        r->sig = r->sig * 31u + 7u;
        return;
    }
    FUZZ_ASSERT(len > 0 && len <= MID_POS_MAX_LINE && line[len] == '\0');
    FUZZ_ASSERT(memchr(line, '\n', len) == NULL);
    r->lines++;
    for (i = 0; i < len; i++)
        r->sig = r->sig * 31u + (uint8_t)line[i];
    err = mid_pos_parse(line, len, &m, &detail);
    if (err == MID_OK) {
        FUZZ_ASSERT(detail == NULL);
        if (m.type == MID_POS_REQUEST || m.type == MID_POS_CANCEL)
            FUZZ_ASSERT(mid_receipt_txn_valid(m.txn, strlen(m.txn)));
        if (m.type == MID_POS_REQUEST) {
            FUZZ_ASSERT((unsigned)m.request.purpose < (unsigned)MID_PURPOSE_COUNT);
            FUZZ_ASSERT(m.request.purpose != MID_PURPOSE_CUSTOM || m.request.items != 0);
        }
        if (m.type == MID_POS_HELLO)
            FUZZ_ASSERT(m.version == MID_POS_PROTOCOL_VERSION);
        err = mid_pos_session_accept(&r->s, &m);
        FUZZ_ASSERT(err == MID_OK || err == MID_ERR_POS_BUSY || err == MID_ERR_POS_STATE);
        if (err == MID_OK && m.type == MID_POS_REQUEST && (r->lines & 1u))
            mid_pos_session_done(&r->s);
        if (err == MID_OK)
            return;
    } else {
        FUZZ_ASSERT(detail != NULL);
        FUZZ_ASSERT(err >= MID_ERR_POS_JSON && err <= MID_ERR_POS_STATE);
    }
    FUZZ_ASSERT(strcmp(mid_pos_reason(err), "internal") != 0);
    FUZZ_ASSERT(mid_pos_write_error(err, NULL, detail, out, sizeof out, &olen) == MID_OK);
    {
        json_error_t e;
        json_t *j = json_loadb(out, olen - 1u, JSON_REJECT_DUPLICATES, &e);
        FUZZ_ASSERT(j != NULL && out[olen - 1u] == '\n');
        json_decref(j);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static mid_pos_framer f1, f2;
    run a, b;
    size_t cut = size ? data[0] % (size + 1u) : 0;

    if (size > 8192u)
        return 0;
    memset(&a, 0, sizeof a);
    memset(&b, 0, sizeof b);
    mid_pos_framer_init(&f1);
    mid_pos_framer_init(&f2);
    mid_pos_framer_feed(&f1, data, size, on_line, &a);
    mid_pos_framer_feed(&f2, data, cut, on_line, &b);
    mid_pos_framer_feed(&f2, data + cut, size - cut, on_line, &b);
    FUZZ_ASSERT(a.lines == b.lines && a.too_long == b.too_long && a.sig == b.sig);
    /* the whole input as one line too (the parser's own length limit) */
    {
        mid_pos_msg m;
        const char *detail;
        mid_err err = mid_pos_parse((const char *)data, size, &m, &detail);
        FUZZ_ASSERT(err == MID_OK || (err >= MID_ERR_POS_JSON && err <= MID_ERR_POS_STATE));
    }
    return 0;
}
