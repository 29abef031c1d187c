/* The sync agent's logic over a fake transport: the strict sync.conf and
 * status-file parsers, the schedule (backoff growth and cap, jitter
 * range), and rounds: 200 installs a newer bundle and keeps its ETag,
 * the next GET is conditional, 304 installs nothing, errors and refusals
 * change nothing and back off, the size cap holds, a leftover temp file
 * is never used. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cmocka.h>

#include "fakes/fake_transport.h"
#include "fixtures/world.h"
#include "mid/mid_files.h"
#include "mid/mid_sync.h"

static world W;
static char dir[64];
static char kpath[128], spath[128];
static mid_keypair other_root;
static uint32_t rnd_value;

static uint32_t rnd(void *ctx)
{
    (void)ctx;
    return rnd_value;
}

static void put(const char *name, const void *b, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
}

static size_t get(const char *name, uint8_t *b, size_t cap)
{
    char p[256];
    size_t n = 0;
    snprintf(p, sizeof p, "%s/%s", dir, name);
    assert_int_equal(mid_file_read(p, b, cap, &n), MID_OK);
    return n;
}

static size_t trust_bundle(uint64_t seq, const mid_keypair *signer, uint8_t *out, size_t cap)
{
    mid_trust_key k;
    size_t len;
    memset(&k, 0, sizeof k);
    memcpy(k.kid, W.issuer.kid, MID_KID_LEN);
    memcpy(k.pub, W.issuer.pub, MID_P256_POINT_LEN);
    k.doctypes = MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD);
    k.nbf = WORLD_NOW - 10;
    k.exp = WORLD_NOW + 1000;
    assert_int_equal(mid_trust_bundle_encode(&k, 1, WORLD_NOW, seq, signer, out, cap, &len), MID_OK);
    return len;
}

static size_t rev_bundle(uint64_t seq, const mid_keypair *signer, uint8_t *out, size_t cap)
{
    static const uint8_t ids[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    size_t len;
    assert_int_equal(mid_revocation_bundle_encode(ids, 1, WORLD_NOW, seq, signer, out, cap, &len),
                     MID_OK);
    return len;
}

static const char *CONF_OK = "base_url = https://updates.example/mid/\n";

static void fresh_world(mid_sync_config *sc)
{
    char pem[1024], text[1024];
    char msg[160];
    assert_int_equal(system("true"), 0);
    /* a new device: no sync state and no anti-rollback floor from an
     * earlier test (docs/trust-lifecycle.md) */
    snprintf(text, sizeof text, "rm -rf %s/sync %s/bundle.floor && mkdir -p %s/sync", dir, dir, dir);
    assert_int_equal(system(text), 0);
    assert_int_equal(mid_crypto_p256_pub_to_pem(W.root.pub, pem, sizeof pem), MID_OK);
    put("root.pub.pem", pem, strlen(pem));
    put("build-time", "1700000000\n", 11);
    put("trust.bundle", W.trust_bundle, W.trust_bundle_len);  /* seq 7 */
    put("revocation.bundle", W.rev_bundle, W.rev_bundle_len); /* seq 3 */
    snprintf(text, sizeof text,
             "root_key = %s/root.pub.pem\ntrust_bundle = %s/trust.bundle\n"
             "revocation_bundle = %s/revocation.bundle\nbuild_time_file = %s/build-time\n",
             dir, dir, dir, dir);
    put("kiosk.conf", text, strlen(text));
    snprintf(kpath, sizeof kpath, "%s/kiosk.conf", dir);
    snprintf(spath, sizeof spath, "%s/sync/status", dir);
    snprintf(text, sizeof text,
             "base_url = https://updates.example/mid/\nkiosk_config = %s\n"
             "interval = 3600\njitter = 600\nbackoff_min = 10\nbackoff_max = 300\n"
             "max_bytes = 4096\n",
             kpath);
    assert_int_equal(mid_sync_config_parse(text, strlen(text), sc, msg, sizeof msg), MID_OK);
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    assert_int_equal(mid_keypair_generate(&other_root), MID_OK);
    snprintf(dir, sizeof dir, "/tmp/mid-sync-XXXXXX");
    return mkdtemp(dir) ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static mid_err parse(const char *t, char *msg)
{
    mid_sync_config c;
    return mid_sync_config_parse(t, strlen(t), &c, msg, 160);
}

static void test_config_strict(void **state)
{
    mid_sync_config c;
    char msg[160];
    (void)state;
    assert_int_equal(mid_sync_config_parse(CONF_OK, strlen(CONF_OK), &c, msg, sizeof msg), MID_OK);
    assert_string_equal(c.base_url, "https://updates.example/mid/");
    assert_int_equal(c.interval_s, 3600);
    assert_int_equal(c.max_bytes, MID_MAX_BUNDLE_BYTES);
    assert_int_equal(c.allow_http, 0);
    {
        const char *t = "# comment\nbase_url = https://a.example:8443/x/ # trailing\n"
                        "interval = 60\njitter = 60\nbackoff_min = 1\nbackoff_max = 1\n"
                        "ca_file = /etc/ssl/ca.pem\nstate_dir = /var/lib/x\n"
                        "connect_timeout = 5\ntimeout = 5\nlow_speed_time = 5\nmax_bytes = 1024\n";
        assert_int_equal(mid_sync_config_parse(t, strlen(t), &c, msg, sizeof msg), MID_OK);
        assert_int_equal(c.jitter_s, 60);
        assert_string_equal(c.ca_file, "/etc/ssl/ca.pem");
    }
    assert_int_equal(parse("", msg), MID_ERR_CONFIG);
    assert_string_equal(msg, "base_url is missing");
    assert_int_equal(parse("base_url = https://a/x/\nfoo = 1\n", msg), MID_ERR_CONFIG);
    assert_string_equal(msg, "line 2: unknown key");
    assert_int_equal(parse("base_url = https://a/x/\nbase_url = https://a/x/\n", msg), MID_ERR_CONFIG);
    assert_string_equal(msg, "line 2: key given twice");
    assert_int_equal(parse("base_url = https://a/x/\ninterval = 5\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\ninterval = 60x\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\nmax_bytes = 2000000\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = ftp://a/x/\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://u@a/x/\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/?q\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https:///x/\n", msg), MID_ERR_CONFIG);
    /* plain http: only when allowed, and only to loopback */
    assert_int_equal(parse("base_url = http://127.0.0.1:8080/x/\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = http://127.0.0.1:8080/x/\nallow_http = yes\n", msg), MID_OK);
    assert_int_equal(parse("base_url = http://localhost/\nallow_http = yes\n", msg), MID_OK);
    assert_int_equal(parse("base_url = http://10.0.0.1/x/\nallow_http = yes\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = http://[::1]:8080/x/\nallow_http = yes\n", msg), MID_OK);
    assert_int_equal(parse("base_url = http://[::2]/x/\nallow_http = yes\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://[2001:db8::1]:443/x/\n", msg), MID_OK);
    assert_int_equal(parse("base_url = https://[2001:db8::1/x/\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = http://127.0.0.1.evil.example/x/\nallow_http = yes\n", msg),
                     MID_ERR_CONFIG);
    /* consistency */
    assert_int_equal(parse("base_url = https://a/x/\ninterval = 60\njitter = 61\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\nbackoff_min = 100\nbackoff_max = 10\n", msg),
                     MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\nca_file = relative.pem\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\nallow_http = maybe\n", msg), MID_ERR_CONFIG);
    assert_int_equal(parse("base_url = https://a/x/\n\x01\n", msg), MID_ERR_CONFIG);
    /* a failed parse leaves the defaults, never half a file */
    {
        const char *t = "base_url = https://a/x/\ninterval = 60\nbogus = 1\n";
        assert_int_equal(mid_sync_config_parse(t, strlen(t), &c, msg, sizeof msg), MID_ERR_CONFIG);
        assert_int_equal(c.interval_s, 3600);
        assert_string_equal(c.base_url, "");
    }
}

static void test_status_roundtrip_and_strictness(void **state)
{
    mid_sync_status st, back;
    char buf[MID_SYNC_STATUS_MAX_BYTES], bad[MID_SYNC_STATUS_MAX_BYTES];
    size_t n;
    (void)state;
    memset(&st, 0, sizeof st);
    st.last_attempt = 1795000100;
    st.last_success = 1795000000;
    st.next_attempt = 1795003700;
    st.last_error = MID_ERR_SYNC_TIMEOUT;
    st.failures = 3;
    st.rounds = 10;
    st.full_downloads = 4;
    st.not_modified = 16;
    st.installs = 2;
    st.b[0].seq = 8;
    st.b[0].issued = WORLD_NOW;
    snprintf(st.b[0].etag, sizeof st.b[0].etag, "%s", "W/\"5f-6a#b\"");
    snprintf(st.b[1].last_modified, sizeof st.b[1].last_modified, "%s",
             "Wed, 21 Oct 2026 07:28:00 GMT");
    n = mid_sync_status_format(&st, buf, sizeof buf);
    assert_true(n > 0);
    assert_int_equal(mid_sync_status_parse(buf, n, &back), MID_OK);
    assert_memory_equal(&st, &back, sizeof st);
    /* every cut before the last line is refused (a half file is no state) */
    {
        size_t last = n - 1;
        while (last > 0 && buf[last - 1] != '\n')
            last--;
        for (size_t k = 0; k < last; k++)
            assert_int_equal(mid_sync_status_parse(buf, k, &back), MID_ERR_SYNC_STATUS);
    }
    /* a duplicated or unknown key, a bad magic, a control byte */
    snprintf(bad, sizeof bad, "%.*sfailures = 1\n", (int)n, buf);
    assert_int_equal(mid_sync_status_parse(bad, strlen(bad), &back), MID_ERR_SYNC_STATUS);
    snprintf(bad, sizeof bad, "%.*shello = 1\n", (int)n, buf);
    assert_int_equal(mid_sync_status_parse(bad, strlen(bad), &back), MID_ERR_SYNC_STATUS);
    memcpy(bad, buf, n);
    bad[3] = 'X';
    assert_int_equal(mid_sync_status_parse(bad, n, &back), MID_ERR_SYNC_STATUS);
    memcpy(bad, buf, n);
    bad[n - 3] = '\x02';
    assert_int_equal(mid_sync_status_parse(bad, n, &back), MID_ERR_SYNC_STATUS);
    /* numbers out of range */
    {
        char *p;
        memcpy(bad, buf, n);
        bad[n] = '\0';
        p = strstr(bad, "failures = 3");
        assert_non_null(p);
        memcpy(p, "failures =-3", 12);
        assert_int_equal(mid_sync_status_parse(bad, n, &back), MID_ERR_SYNC_STATUS);
    }
    /* an ETag a server sent with a control character is not kept */
    st.b[0].etag[2] = '\n';
    n = mid_sync_status_format(&st, buf, sizeof buf);
    assert_int_equal(mid_sync_status_parse(buf, n, &back), MID_OK);
    assert_string_equal(back.b[0].etag, "");
}

static void test_schedule(void **state)
{
    mid_sync_config c;
    (void)state;
    mid_sync_config_default(&c);
    c.interval_s = 3600;
    c.jitter_s = 600;
    c.backoff_min_s = 10;
    c.backoff_max_s = 300;
    assert_int_equal(mid_sync_delay_ok(&c, 0), 3600);
    assert_int_equal(mid_sync_delay_ok(&c, 600), 4200);
    assert_int_equal(mid_sync_delay_ok(&c, 601), 3600);
    for (uint32_t r = 0; r < 5000; r += 7) {
        int64_t d = mid_sync_delay_ok(&c, r * 2654435761u);
        assert_true(d >= 3600 && d <= 4200);
    }
    /* growth 10, 20, 40, ... capped at 300; each in [d/2, d] */
    {
        int64_t expect[] = {10, 20, 40, 80, 160, 300, 300, 300};
        for (uint32_t k = 1; k <= 8; k++) {
            int64_t d = expect[k - 1];
            assert_int_equal(mid_sync_delay_fail(&c, k, 0), d / 2);
            assert_int_equal(mid_sync_delay_fail(&c, k, (uint32_t)(d / 2)), d);
            assert_int_equal(mid_sync_delay_fail(&c, k, (uint32_t)(d / 2 + 1)), d / 2);
            for (uint32_t r = 0; r < 2000; r += 13) {
                int64_t v = mid_sync_delay_fail(&c, k, r * 2654435761u);
                assert_true(v >= d / 2 && v <= d);
            }
        }
        assert_int_equal(mid_sync_delay_fail(&c, UINT32_MAX, UINT32_MAX) <= 300, 1);
        /* never an immediate retry */
        c.backoff_min_s = 1;
        assert_int_equal(mid_sync_delay_fail(&c, 1, 0), 1);
        assert_int_equal(mid_sync_delay_fail(&c, 1, 12345), 1);
    }
}

static void init_agent(mid_sync_agent *a, const mid_sync_config *sc, fake_transport *f)
{
    mid_sync_transport tp;
    char msg[160];
    fake_transport_init(f, &tp);
    assert_int_equal(mid_sync_agent_init(a, sc, &tp, rnd, NULL, msg, sizeof msg), MID_OK);
}

static void test_round_200_then_304(void **state)
{
    static mid_sync_agent a;
    static uint8_t t8[8192], r4[4096], got[8192];
    mid_sync_config sc;
    fake_transport f;
    mid_sync_round_result r;
    size_t tl, rl, n;
    mid_sync_status st;
    (void)state;
    fresh_world(&sc);
    tl = trust_bundle(8, &W.root, t8, sizeof t8);
    rl = rev_bundle(4, &W.root, r4, sizeof r4);
    init_agent(&a, &sc, &f);
    assert_true(mid_sync_due(&a, WORLD_NOW));
    fake_transport_push(&f, (fake_reply){MID_OK, 200, t8, tl, "\"t8\"", "Mon, 01 Dec 2026 00:00:00 GMT"});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, r4, rl, "\"r4\"", NULL});
    rnd_value = 5;
    assert_int_equal(mid_sync_round(&a, WORLD_NOW, &r), MID_OK);
    assert_true(r.installed[0] && r.installed[1]);
    assert_string_equal(f.url[0], "https://updates.example/mid/trust.bundle");
    assert_string_equal(f.url[1], "https://updates.example/mid/revocation.bundle");
    /* installed seq 7 / 3 had no recorded tags: unconditional */
    assert_string_equal(f.etag[0], "");
    n = get("trust.bundle", got, sizeof got);
    assert_int_equal(n, tl);
    assert_memory_equal(got, t8, tl);
    n = get("revocation.bundle", got, sizeof got);
    assert_memory_equal(got, r4, rl);
    assert_int_equal(a.st.next_attempt, WORLD_NOW + 3600 + 5);
    /* the status file on disk says the same */
    assert_int_equal(mid_sync_status_load(spath, &st), MID_OK);
    assert_int_equal(st.b[0].seq, 8);
    assert_int_equal(st.b[1].seq, 4);
    assert_string_equal(st.b[0].etag, "\"t8\"");
    assert_string_equal(st.b[0].last_modified, "Mon, 01 Dec 2026 00:00:00 GMT");
    assert_int_equal(st.last_success, WORLD_NOW);
    assert_int_equal(st.last_error, 0);
    assert_int_equal(st.installs, 2);
    assert_int_equal(st.full_downloads, 2);
    /* a new process: conditional GETs with the stored tags; 304 */
    init_agent(&a, &sc, &f);
    assert_false(mid_sync_due(&a, WORLD_NOW + 100));
    fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, WORLD_NOW + 4000, &r), MID_OK);
    assert_string_equal(f.etag[0], "\"t8\"");
    assert_string_equal(f.last_modified[0], "Mon, 01 Dec 2026 00:00:00 GMT");
    assert_string_equal(f.etag[1], "\"r4\"");
    assert_false(r.installed[0] || r.installed[1]);
    assert_int_equal(a.st.not_modified, 2);
    assert_int_equal(a.st.installs, 2);
    /* the same bundle again under a new ETag: fine, nothing installed */
    fake_transport_push(&f, (fake_reply){MID_OK, 200, t8, tl, "\"t8b\"", NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, WORLD_NOW + 8000, &r), MID_OK);
    assert_false(r.installed[0]);
    assert_string_equal(a.st.b[0].etag, "\"t8b\"");
    /* the installed file replaced by other means (a USB stick): the
     * stored tag no longer describes it, the GET is unconditional */
    {
        uint8_t t9[8192];
        size_t l9 = trust_bundle(9, &W.root, t9, sizeof t9);
        put("trust.bundle", t9, l9);
        fake_transport_push(&f, (fake_reply){MID_OK, 200, t8, tl, "\"t8b\"", NULL});
        fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
        assert_int_equal(mid_sync_round(&a, WORLD_NOW + 12000, &r), MID_ERR_SYNC_ROLLBACK);
        assert_string_equal(f.etag[f.calls - 2], "");
        n = get("trust.bundle", got, sizeof got);
        assert_int_equal(n, l9);
        assert_memory_equal(got, t9, l9);
    }
}

static void expect_nothing_installed(void)
{
    static uint8_t got[8192];
    size_t n = get("trust.bundle", got, sizeof got);
    assert_int_equal(n, W.trust_bundle_len);
    assert_memory_equal(got, W.trust_bundle, n);
    n = get("revocation.bundle", got, sizeof got);
    assert_int_equal(n, W.rev_bundle_len);
    assert_memory_equal(got, W.rev_bundle, n);
}

typedef struct fcase {
    fake_reply reply;
    mid_err want;
} fcase;

static void test_failures_change_nothing_and_back_off(void **state)
{
    static mid_sync_agent a;
    static uint8_t b[8192], big[5000];
    mid_sync_config sc;
    fake_transport f;
    mid_sync_round_result r;
    size_t l;
    int64_t t = WORLD_NOW;
    fcase cases[8];
    int nc = 0;
    (void)state;
    fresh_world(&sc);
    init_agent(&a, &sc, &f);
    rnd_value = 0; /* lowest delay of each range: d/2 */
    memset(big, 0x41, sizeof big);
    cases[nc++] = (fcase){{MID_ERR_SYNC_CONNECT, 0, NULL, 0, NULL, NULL}, MID_ERR_SYNC_CONNECT};
    cases[nc++] = (fcase){{MID_OK, 500, NULL, 0, NULL, NULL}, MID_ERR_SYNC_HTTP};
    cases[nc++] = (fcase){{MID_OK, 404, NULL, 0, NULL, NULL}, MID_ERR_SYNC_HTTP};
    /* over the 4096-byte cap: the sink refuses, whatever the transport */
    cases[nc++] = (fcase){{MID_OK, 200, big, sizeof big, NULL, NULL}, MID_ERR_SYNC_TOO_LARGE};
    l = trust_bundle(8, &other_root, b, sizeof b);
    cases[nc++] = (fcase){{MID_OK, 200, b, l, NULL, NULL}, MID_ERR_BUNDLE_FOREIGN};
    /* 304 to an unconditional GET: a broken or hostile server */
    cases[nc++] = (fcase){{MID_OK, 304, NULL, 0, NULL, NULL}, MID_ERR_SYNC_HTTP};
    cases[nc++] = (fcase){{MID_ERR_SYNC_TIMEOUT, 200, NULL, 0, NULL, NULL}, MID_ERR_SYNC_TIMEOUT};
    for (int k = 0; k < nc; k++) {
        int64_t d = 10;
        for (int j = 0; j < k; j++)
            d = d * 2 > 300 ? 300 : d * 2;
        fake_transport_push(&f, cases[k].reply);
        fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
        assert_int_equal(mid_sync_round(&a, t, &r), cases[k].want);
        assert_int_equal(r.bundle_err[0], cases[k].want);
        assert_int_equal(a.st.failures, (uint32_t)k + 1);
        assert_int_equal(a.st.last_error, (int)cases[k].want);
        assert_int_equal(a.st.next_attempt, t + d / 2);
        assert_int_equal(a.st.last_success, 0);
        expect_nothing_installed();
        t += 1000;
    }
    /* the wrong kind at the trust URL, a corrupted and a truncated bundle */
    l = rev_bundle(9, &W.root, b, sizeof b);
    fake_transport_push(&f, (fake_reply){MID_OK, 200, b, l, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, b, l / 2, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, t, &r), MID_ERR_BUNDLE_KIND);
    assert_true(r.bundle_err[1] != MID_OK);
    expect_nothing_installed();
    l = trust_bundle(8, &W.root, b, sizeof b);
    b[l / 2] ^= 0x04;
    fake_transport_push(&f, (fake_reply){MID_OK, 200, b, l, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, W.rev_bundle, W.rev_bundle_len, NULL, NULL});
    assert_true(mid_sync_round(&a, t, &r) != MID_OK);
    expect_nothing_installed();
    /* an older genuine bundle is a rollback */
    l = rev_bundle(2, &W.root, b, sizeof b);
    fake_transport_push(&f, (fake_reply){MID_OK, 200, W.trust_bundle, W.trust_bundle_len, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, b, l, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, t, &r), MID_ERR_SYNC_ROLLBACK);
    expect_nothing_installed();
    /* success resets the backoff */
    fake_transport_push(&f, (fake_reply){MID_OK, 200, W.trust_bundle, W.trust_bundle_len, "\"a\"", NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, W.rev_bundle, W.rev_bundle_len, "\"b\"", NULL});
    assert_int_equal(mid_sync_round(&a, t, &r), MID_OK);
    assert_int_equal(a.st.failures, 0);
    assert_int_equal(a.st.next_attempt, t + 3600);
    expect_nothing_installed();
}

static void test_temp_file_restart(void **state)
{
    static mid_sync_agent a;
    static uint8_t t8[8192];
    mid_sync_config sc;
    fake_transport f;
    mid_sync_round_result r;
    char part[256];
    size_t tl;
    struct stat sb;
    (void)state;
    fresh_world(&sc);
    tl = trust_bundle(8, &W.root, t8, sizeof t8);
    /* a killed run left half a download behind */
    put("sync/download.part", t8, tl / 2);
    snprintf(part, sizeof part, "%s/sync/download.part", dir);
    init_agent(&a, &sc, &f);
    assert_int_equal(stat(part, &sb), -1);
    /* a transfer dying midway leaves no temp file and no install */
    fake_transport_push(&f, (fake_reply){MID_ERR_SYNC_TRUNCATED, 200, t8, tl / 2, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 304, NULL, 0, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, WORLD_NOW, &r), MID_ERR_SYNC_TRUNCATED);
    assert_int_equal(stat(part, &sb), -1);
    expect_nothing_installed();
    /* the restart downloads it whole */
    fake_transport_push(&f, (fake_reply){MID_OK, 200, t8, tl, NULL, NULL});
    fake_transport_push(&f, (fake_reply){MID_OK, 200, W.rev_bundle, W.rev_bundle_len, NULL, NULL});
    assert_int_equal(mid_sync_round(&a, WORLD_NOW + 10, &r), MID_OK);
    assert_true(r.installed[0]);
    assert_int_equal(stat(part, &sb), -1);
    /* a malformed status file: fresh state, said so */
    put("sync/status", "garbage\n", 8);
    {
        mid_sync_transport tp;
        char msg[160];
        fake_transport_init(&f, &tp);
        assert_int_equal(mid_sync_agent_init(&a, &sc, &tp, rnd, NULL, msg, sizeof msg), MID_OK);
        assert_int_equal(a.st.last_error, MID_ERR_SYNC_STATUS);
        assert_true(strstr(msg, "malformed") != NULL);
    }
}

static void test_kiosk_config_fails_closed(void **state)
{
    static mid_sync_agent a;
    mid_sync_config sc;
    mid_sync_transport tp;
    fake_transport f;
    char msg[160];
    (void)state;
    fresh_world(&sc);
    put("kiosk.conf", "no_such_key = 1\n", 16);
    fake_transport_init(&f, &tp);
    assert_int_equal(mid_sync_agent_init(&a, &sc, &tp, rnd, NULL, msg, sizeof msg), MID_ERR_CONFIG);
    assert_true(strstr(msg, "line 1") != NULL);
}

/* The shipped example is the defaults plus a base_url. */
static void test_example_is_defaults(void **state)
{
    mid_sync_config c, d;
    char msg[160];
    (void)state;
    assert_int_equal(mid_sync_config_load("assets/sync.conf.example", &c, msg, sizeof msg), MID_OK);
    mid_sync_config_default(&d);
    snprintf(d.base_url, sizeof d.base_url, "%s", c.base_url);
    assert_memory_equal(&c, &d, sizeof c);
}

static void test_default_state_dir(void **state)
{
    char out[64];
    (void)state;
    assert_int_equal(mid_sync_default_state_dir("/var/lib/mid-kiosk/trust.bundle", out, sizeof out),
                     MID_OK);
    assert_string_equal(out, "/var/lib/mid-kiosk/sync");
    assert_int_equal(mid_sync_default_state_dir("trust.bundle", out, sizeof out), MID_ERR_CONFIG);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_config_strict),
        cmocka_unit_test(test_status_roundtrip_and_strictness),
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_round_200_then_304),
        cmocka_unit_test(test_failures_change_nothing_and_back_off),
        cmocka_unit_test(test_temp_file_restart),
        cmocka_unit_test(test_kiosk_config_fails_closed),
        cmocka_unit_test(test_default_state_dir),
        cmocka_unit_test(test_example_is_defaults),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
