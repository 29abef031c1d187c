/* The POS message layer: strict parsing of every POS message and a named
 * error for each kind of bad input, the line framer, the token bucket on
 * an injected clock, the session rules, the personal-data settings and
 * filter, and the kiosk's messages read back with jansson. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "mid/mid_pos.h"

static mid_err P(const char *line, mid_pos_msg *m)
{
    const char *detail = NULL;
    mid_err err = mid_pos_parse(line, strlen(line), m, &detail);
    if (err != MID_OK)
        assert_non_null(detail); /* every refusal is named */
    return err;
}

static void test_parse_good(void **state)
{
    mid_pos_msg m;
    (void)state;
    assert_int_equal(P("{\"type\":\"hello\",\"version\":1}", &m), MID_OK);
    assert_int_equal(m.type, MID_POS_HELLO);
    assert_int_equal(m.version, 1);
    assert_int_equal(P(" {\"purpose\":\"adult\",\"type\":\"request\",\"txn\":\"T-1.a_b:c\"} ", &m),
                     MID_OK);
    assert_int_equal(m.type, MID_POS_REQUEST);
    assert_string_equal(m.txn, "T-1.a_b:c");
    assert_int_equal(m.request.purpose, MID_PURPOSE_ADULT);
    assert_int_equal(m.request.items, mid_purpose_items(MID_PURPOSE_ADULT));
    assert_int_equal(P("{\"type\":\"request\",\"txn\":\"9\",\"purpose\":\"custom\","
                       "\"items\":[\"name\",\"licence_number\"]}",
                       &m),
                     MID_OK);
    assert_int_equal(m.request.purpose, MID_PURPOSE_CUSTOM);
    assert_int_equal(m.request.items, MID_ITEM_NAME | MID_ITEM_LICENCE_NUMBER);
    assert_int_equal(P("{\"type\":\"cancel\",\"txn\":\"9\"}", &m), MID_OK);
    assert_int_equal(m.type, MID_POS_CANCEL);
    assert_int_equal(P("{\"type\":\"status\"}", &m), MID_OK);
    assert_int_equal(m.type, MID_POS_STATUS);
}

static void test_parse_bad(void **state)
{
    static const struct {
        const char *line;
        mid_err want;
    } cases[] = {
        {"{\"type\":\"hello\",\"version\":1", MID_ERR_POS_JSON},
        {"not json", MID_ERR_POS_JSON},
        {"{\"type\":\"status\"} {}", MID_ERR_POS_JSON},
        {"{\"type\":\"status\",\"type\":\"status\"}", MID_ERR_POS_JSON}, /* duplicate key */
        {"{\"type\":\"x\\u0000\"}", MID_ERR_POS_JSON},                   /* NUL refused by jansson */
        {"{\"type\":\"\xff\"}", MID_ERR_POS_JSON},                       /* invalid UTF-8 */
        {"[1,2]", MID_ERR_POS_SCHEMA},
        {"{}", MID_ERR_POS_SCHEMA},
        {"{\"type\":7}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"launch\"}", MID_ERR_POS_TYPE},
        {"{\"type\":\"status\",\"extra\":1}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"hello\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"hello\",\"version\":\"1\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"hello\",\"version\":1.0}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"hello\",\"version\":0}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"hello\",\"version\":2}", MID_ERR_POS_VERSION},
        {"{\"type\":\"request\",\"purpose\":\"adult\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":5,\"purpose\":\"adult\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"\",\"purpose\":\"adult\"}", MID_ERR_POS_TXN},
        {"{\"type\":\"request\",\"txn\":\"a b\",\"purpose\":\"adult\"}", MID_ERR_POS_TXN},
        {"{\"type\":\"request\",\"txn\":\"12345678901234567890123456789012345678901234567890123456789012345\","
         "\"purpose\":\"adult\"}",
         MID_ERR_POS_TXN},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"casino\"}", MID_ERR_POS_PURPOSE},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"adult\",\"items\":[\"name\"]}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"custom\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"custom\",\"items\":[]}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"custom\",\"items\":[\"soul\"]}", MID_ERR_POS_PURPOSE},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"custom\",\"items\":[\"name\",\"name\"]}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"custom\",\"items\":[1]}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"request\",\"txn\":\"1\",\"purpose\":\"adult\",\"name\":\"x\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"cancel\"}", MID_ERR_POS_SCHEMA},
        {"{\"type\":\"cancel\",\"txn\":\"1\",\"why\":\"x\"}", MID_ERR_POS_SCHEMA},
    };
    mid_pos_msg m;
    size_t i;
    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mid_err got = P(cases[i].line, &m);
        if (got != cases[i].want)
            fail_msg("case %zu (%s): got %d, want %d", i, cases[i].line, (int)got,
                     (int)cases[i].want);
    }
    /* the version reply can say what was asked */
    assert_int_equal(P("{\"type\":\"hello\",\"version\":2}", &m), MID_ERR_POS_VERSION);
    assert_int_equal(m.version, 2);
    /* over the limit, before any parsing */
    {
        static char big[MID_POS_MAX_LINE + 2];
        memset(big, ' ', sizeof big - 1);
        big[0] = '{';
        assert_int_equal(mid_pos_parse(big, MID_POS_MAX_LINE + 1u, &m, NULL), MID_ERR_POS_TOO_LONG);
    }
}

typedef struct lines {
    int n, errors;
    char last[MID_POS_MAX_LINE + 1];
    size_t last_len;
} lines;

static void on_line(void *ctx, const char *line, size_t len, mid_err err)
{
    lines *l = ctx;
    if (err != MID_OK) {
        assert_int_equal(err, MID_ERR_POS_TOO_LONG);
        assert_null(line);
        l->errors++;
        return;
    }
    assert_int_equal(strlen(line), len);
    memcpy(l->last, line, len + 1);
    l->last_len = len;
    l->n++;
}

static void test_framer(void **state)
{
    static uint8_t big[3 * MID_POS_MAX_LINE];
    mid_pos_framer f;
    lines l;
    (void)state;
    memset(&l, 0, sizeof l);
    mid_pos_framer_init(&f);
    mid_pos_framer_feed(&f, (const uint8_t *)"{\"type\":", 8, on_line, &l);
    assert_int_equal(l.n, 0);
    mid_pos_framer_feed(&f, (const uint8_t *)"\"status\"}\r\n\n\r\n", 14, on_line, &l);
    assert_int_equal(l.n, 1);
    assert_string_equal(l.last, "{\"type\":\"status\"}");
    /* exactly the limit passes (with or without \r); one more does not */
    memset(big, 'a', sizeof big);
    big[MID_POS_MAX_LINE] = '\n';
    mid_pos_framer_feed(&f, big, MID_POS_MAX_LINE + 1u, on_line, &l);
    assert_int_equal(l.n, 2);
    assert_int_equal(l.last_len, MID_POS_MAX_LINE);
    big[MID_POS_MAX_LINE] = '\r';
    big[MID_POS_MAX_LINE + 1] = '\n';
    mid_pos_framer_feed(&f, big, MID_POS_MAX_LINE + 2u, on_line, &l);
    assert_int_equal(l.n, 3);
    assert_int_equal(l.errors, 0);
    memset(big, 'a', sizeof big);
    big[MID_POS_MAX_LINE + 1] = '\n';
    mid_pos_framer_feed(&f, big, MID_POS_MAX_LINE + 2u, on_line, &l);
    assert_int_equal(l.errors, 1);
    assert_int_equal(l.n, 3);
    /* a 3 KiB line fed in small pieces: one error, the next line is fine */
    memset(big, 'b', sizeof big);
    for (size_t i = 0; i < sizeof big; i += 100)
        mid_pos_framer_feed(&f, big + i, sizeof big - i < 100 ? sizeof big - i : 100, on_line, &l);
    assert_int_equal(l.errors, 2);
    mid_pos_framer_feed(&f, (const uint8_t *)"bbb\n{\"type\":\"status\"}\n", 23, on_line, &l);
    assert_int_equal(l.errors, 2);
    assert_int_equal(l.n, 4);
    assert_string_equal(l.last, "{\"type\":\"status\"}");
}

static void test_rate(void **state)
{
    mid_pos_rate r;
    int i;
    (void)state;
    mid_pos_rate_init(&r, MID_POS_RATE_PER_S, MID_POS_RATE_BURST, 1000);
    for (i = 0; i < (int)MID_POS_RATE_BURST; i++)
        assert_int_equal(mid_pos_rate_take(&r, 1000), MID_POS_RATE_PASS);
    assert_int_equal(mid_pos_rate_take(&r, 1000), MID_POS_RATE_REPORT);
    assert_int_equal(mid_pos_rate_take(&r, 1001), MID_POS_RATE_DROP);
    assert_int_equal(mid_pos_rate_take(&r, 1100), MID_POS_RATE_DROP);
    /* 5 a second: one token per 200 ms */
    assert_int_equal(mid_pos_rate_take(&r, 1200), MID_POS_RATE_PASS);
    assert_int_equal(mid_pos_rate_take(&r, 1200), MID_POS_RATE_DROP);
    /* a flood: only one report a second, nothing queued */
    {
        int pass = 0, report = 0;
        int64_t t;
        for (t = 1200; t < 11200; t++) { /* 10 s at 1000 messages/s */
            mid_pos_rate_verdict v = mid_pos_rate_take(&r, t);
            pass += v == MID_POS_RATE_PASS;
            report += v == MID_POS_RATE_REPORT;
        }
        assert_true(pass >= 49 && pass <= 51);
        assert_true(report >= 9 && report <= 11);
    }
    /* a long pause refills to the burst, no more; a clock step back refills nothing */
    for (i = 0; i < (int)MID_POS_RATE_BURST; i++)
        assert_int_equal(mid_pos_rate_take(&r, 100000000), MID_POS_RATE_PASS);
    assert_int_not_equal(mid_pos_rate_take(&r, 100000000), MID_POS_RATE_PASS);
    assert_int_not_equal(mid_pos_rate_take(&r, 5), MID_POS_RATE_PASS);
}

static void test_session(void **state)
{
    mid_pos_session s;
    mid_pos_msg hello, req, req2, cancel, cancel_other, status;
    (void)state;
    assert_int_equal(P("{\"type\":\"hello\",\"version\":1}", &hello), MID_OK);
    assert_int_equal(P("{\"type\":\"request\",\"txn\":\"A\",\"purpose\":\"adult\"}", &req), MID_OK);
    assert_int_equal(P("{\"type\":\"request\",\"txn\":\"B\",\"purpose\":\"adult\"}", &req2), MID_OK);
    assert_int_equal(P("{\"type\":\"cancel\",\"txn\":\"A\"}", &cancel), MID_OK);
    assert_int_equal(P("{\"type\":\"cancel\",\"txn\":\"B\"}", &cancel_other), MID_OK);
    assert_int_equal(P("{\"type\":\"status\"}", &status), MID_OK);
    mid_pos_session_init(&s);
    assert_int_equal(mid_pos_session_accept(&s, &req), MID_ERR_POS_STATE);
    assert_int_equal(mid_pos_session_accept(&s, &status), MID_OK);
    assert_int_equal(mid_pos_session_accept(&s, &hello), MID_OK);
    assert_int_equal(mid_pos_session_accept(&s, &req), MID_OK);
    assert_int_equal(mid_pos_session_accept(&s, &req2), MID_ERR_POS_BUSY);
    assert_int_equal(mid_pos_session_accept(&s, &status), MID_OK);
    assert_int_equal(mid_pos_session_accept(&s, &cancel_other), MID_ERR_POS_STATE);
    assert_int_equal(mid_pos_session_accept(&s, &cancel), MID_OK);
    assert_int_equal(mid_pos_session_accept(&s, &cancel), MID_ERR_POS_STATE);
    assert_int_equal(mid_pos_session_accept(&s, &req2), MID_OK);
    mid_pos_session_done(&s);
    assert_int_equal(mid_pos_session_accept(&s, &req), MID_OK);
}

static void test_fields(void **state)
{
    mid_pos_fields_cfg cfg;
    mid_view v;
    (void)state;
    memset(&cfg, 0, sizeof cfg);
    assert_int_equal(mid_pos_fields_config(&cfg, "kiosk_id", "X"), 1);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_adult", "none"), MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_adult", "name"), MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_real_name", "name"), MID_OK);
    assert_int_equal(cfg.allow[MID_PURPOSE_REAL_NAME], MID_ITEM_NAME);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_real_name", "portrait"), MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_real_name", "licence_number"),
                     MID_ERR_CONFIG); /* the real-name check never shows it */
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_real_name", "name,name"), MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_real_name", "name,"), MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_custom", "licence_number,name,soul"),
                     MID_ERR_CONFIG);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_custom", "licence_number,name"), MID_OK);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_licence", "licence_class,licence_status"),
                     MID_OK);
    assert_int_equal(mid_pos_fields_config(&cfg, "pos_fields_licence", "none"), MID_OK);
    assert_int_equal(cfg.allow[MID_PURPOSE_LICENCE], 0);
    memset(&v, 0, sizeof v);
    v.items = MID_ITEM_NAME | MID_ITEM_ADULT | MID_ITEM_PORTRAIT;
    assert_int_equal(mid_pos_fields_allowed(&cfg, MID_PURPOSE_REAL_NAME, MID_VERDICT_VALID, &v),
                     MID_ITEM_NAME);
    assert_int_equal(mid_pos_fields_allowed(&cfg, MID_PURPOSE_REAL_NAME, MID_VERDICT_INVALID, &v), 0);
    /* custom allows licence_number, but this view has none: only the name */
    assert_int_equal(mid_pos_fields_allowed(&cfg, MID_PURPOSE_CUSTOM, MID_VERDICT_VALID, &v),
                     MID_ITEM_NAME);
    /* even a hand-set allow list cannot open the adult check or the portrait */
    cfg.allow[MID_PURPOSE_ADULT] = MID_ITEM_ALL;
    cfg.allow[MID_PURPOSE_CUSTOM] = MID_ITEM_ALL;
    assert_int_equal(mid_pos_fields_allowed(&cfg, MID_PURPOSE_ADULT, MID_VERDICT_VALID, &v), 0);
    assert_int_equal(mid_pos_fields_allowed(&cfg, MID_PURPOSE_CUSTOM, MID_VERDICT_VALID, &v),
                     MID_ITEM_NAME);
}

static json_t *load(const char *out, size_t len)
{
    json_error_t e;
    json_t *j;
    assert_true(len > 0 && out[len - 1] == '\n');
    assert_null(memchr(out, '\n', len - 1)); /* one line */
    j = json_loadb(out, len - 1, JSON_REJECT_DUPLICATES, &e);
    assert_non_null(j);
    return j;
}

static void test_write(void **state)
{
    char out[MID_POS_MAX_OUT], b64[64];
    size_t len;
    json_t *j;
    mid_view v;
    uint8_t receipt[] = {'f', 'o', 'o', 'b', 'a', 'r'};
    mid_pos_result r;
    (void)state;
    assert_int_equal(mid_pos_base64((const uint8_t *)"f", 1, b64, sizeof b64), 4);
    assert_string_equal(b64, "Zg==");
    assert_int_equal(mid_pos_base64((const uint8_t *)"fo", 2, b64, sizeof b64), 4);
    assert_string_equal(b64, "Zm8=");
    assert_int_equal(mid_pos_base64((const uint8_t *)"foob", 4, b64, sizeof b64), 8);
    assert_string_equal(b64, "Zm9vYg==");
    assert_int_equal(mid_pos_base64(receipt, 6, b64, 8), 0); /* no room for the NUL */

    memset(&v, 0, sizeof v);
    v.items = MID_ITEM_NAME | MID_ITEM_RRN | MID_ITEM_ADULT;
    snprintf(v.name, sizeof v.name, "%s", "한가람");
    snprintf(v.rrn, sizeof v.rrn, "%s", "900101-1******");
    v.adult = 1;
    memset(&r, 0, sizeof r);
    r.txn = "T-7";
    r.verdict = MID_VERDICT_VALID;
    r.decision = MID_DECISION_ADULT;
    r.time = 1795662000;
    r.kiosk_id = "KIOSK-0001";
    r.receipt = receipt;
    r.receipt_len = sizeof receipt;
    r.view = &v;
    /* default: the decision only, no personal data anywhere in the line */
    assert_int_equal(mid_pos_write_result(&r, out, sizeof out, &len), MID_OK);
    assert_null(strstr(out, "fields"));
    assert_null(strstr(out, "name"));
    assert_null(strstr(out, "900101"));
    j = load(out, len);
    assert_string_equal(json_string_value(json_object_get(j, "type")), "result");
    assert_string_equal(json_string_value(json_object_get(j, "decision")), "adult");
    assert_string_equal(json_string_value(json_object_get(j, "receipt")), "Zm9vYmFy");
    assert_true(json_is_null(json_object_get(j, "failed_check")));
    json_decref(j);
    /* allowed fields go in, and only those */
    r.fields = MID_ITEM_NAME;
    assert_int_equal(mid_pos_write_result(&r, out, sizeof out, &len), MID_OK);
    j = load(out, len);
    assert_string_equal(json_string_value(json_object_get(json_object_get(j, "fields"), "name")),
                        "한가람");
    assert_null(json_object_get(json_object_get(j, "fields"), "rrn"));
    json_decref(j);
    assert_int_equal(mid_pos_write_result(&r, out, 40, &len), MID_ERR_BUFFER);
    /* invalid: the failed check and code, never fields */
    r.fields = 0;
    r.verdict = MID_VERDICT_INVALID;
    r.failed_check = MID_CHECK_REVOKED;
    r.err = MID_ERR_REVOKED;
    r.decision = MID_DECISION_NONE;
    assert_int_equal(mid_pos_write_result(&r, out, sizeof out, &len), MID_OK);
    j = load(out, len);
    assert_string_equal(json_string_value(json_object_get(j, "failed_check")), "REVOKED");
    assert_int_equal(json_integer_value(json_object_get(j, "error")), 401);
    json_decref(j);
    r.fields = MID_ITEM_NAME;
    assert_int_equal(mid_pos_write_result(&r, out, sizeof out, &len), MID_ERR_ARG);

    assert_int_equal(mid_pos_write_error(MID_ERR_POS_BUSY, "T-8", NULL, out, sizeof out, &len), MID_OK);
    j = load(out, len);
    assert_string_equal(json_string_value(json_object_get(j, "reason")), "busy");
    json_decref(j);
    assert_int_equal(mid_pos_write_error(MID_ERR_POS_VERSION, NULL, "x", out, sizeof out, &len),
                     MID_OK);
    j = load(out, len);
    assert_int_equal(json_integer_value(json_array_get(json_object_get(j, "supported"), 0)), 1);
    assert_true(json_is_null(json_object_get(j, "txn")));
    json_decref(j);
    assert_int_equal(mid_pos_write_ready("KIOSK-0001", "4501 a2a4 de13 2c33", out, sizeof out, &len),
                     MID_OK);
    j = load(out, len);
    assert_int_equal(json_integer_value(json_object_get(j, "version")), 1);
    json_decref(j);
    assert_int_equal(mid_pos_write_cancelled("T-9", "KIOSK-0001", 5, out, sizeof out, &len), MID_OK);
    j = load(out, len);
    assert_string_equal(json_string_value(json_object_get(j, "verdict")), "cancelled");
    json_decref(j);
    {
        static mid_status_info st;
        memset(&st, 0, sizeof st);
        snprintf(st.kiosk_id, sizeof st.kiosk_id, "%s", "KIOSK-0001");
        st.have_trust = 1;
        st.trust_seq = 4;
        st.by_check[MID_CHECK_REPLAY] = 3;
        st.invalid = 3;
        assert_int_equal(mid_pos_write_status(&st, 1, "4501 a2a4 de13 2c33", out, sizeof out, &len),
                         MID_OK);
        j = load(out, len);
        assert_int_equal(json_integer_value(json_object_get(json_object_get(j, "trust"), "seq")), 4);
        assert_int_equal(json_integer_value(json_object_get(
                             json_object_get(json_object_get(j, "counters"), "invalid_by_check"),
                             "REPLAY")),
                         3);
        assert_true(json_is_true(json_object_get(j, "busy")));
        json_decref(j);
    }
}

/* Every reason code has its own name. */
static void test_reasons(void **state)
{
    mid_err e, f;
    (void)state;
    for (e = MID_ERR_POS_JSON; e <= MID_ERR_POS_STATE; e++) {
        assert_string_not_equal(mid_pos_reason(e), "internal");
        for (f = MID_ERR_POS_JSON; f < e; f++)
            assert_string_not_equal(mid_pos_reason(e), mid_pos_reason(f));
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_parse_good),
        cmocka_unit_test(test_parse_bad),
        cmocka_unit_test(test_framer),
        cmocka_unit_test(test_rate),
        cmocka_unit_test(test_session),
        cmocka_unit_test(test_fields),
        cmocka_unit_test(test_write),
        cmocka_unit_test(test_reasons),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
