/* Offline updates: a valid newer bundle is applied; foreign, corrupted,
 * truncated, older and wrong-kind bundles change nothing; a power cut at
 * any step of the write leaves a complete old or new file, never half. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>

#include "fixtures/world.h"
#include "mid/mid_update.h"

static world W;
static char dir[64];
static mid_config cfg;
static mid_trustdata td;
static uint8_t rev_buf[MID_MAX_BUNDLE_BYTES];

static void put(const char *name, const uint8_t *b, size_t n)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
}

static size_t get(const char *path, uint8_t *b, size_t cap)
{
    size_t n = 0;
    assert_int_equal(mid_file_read(path, b, cap, &n), MID_OK);
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

static void install_initial(void)
{
    char p[256], msg[256];
    char pem[1024];
    assert_int_equal(mid_crypto_p256_pub_to_pem(W.root.pub, pem, sizeof pem), MID_OK);
    put("root.pub.pem", (const uint8_t *)pem, strlen(pem));
    put("build-time", (const uint8_t *)"1700000000\n", 11);
    put("trust.bundle", W.trust_bundle, W.trust_bundle_len);   /* seq 7 */
    put("revocation.bundle", W.rev_bundle, W.rev_bundle_len); /* seq 3 */
    snprintf(p, sizeof p, "%s/spool", dir);
    mkdir(p, 0700);
    mid_config_default(&cfg);
    snprintf(cfg.root_key_path, sizeof cfg.root_key_path, "%s/root.pub.pem", dir);
    snprintf(cfg.trust_path, sizeof cfg.trust_path, "%s/trust.bundle", dir);
    snprintf(cfg.revocation_path, sizeof cfg.revocation_path, "%s/revocation.bundle", dir);
    snprintf(cfg.build_time_path, sizeof cfg.build_time_path, "%s/build-time", dir);
    snprintf(cfg.spool_dir, sizeof cfg.spool_dir, "%s/spool", dir);
    assert_int_equal(mid_trustdata_load(&td, &cfg, rev_buf, sizeof rev_buf, msg, sizeof msg), MID_OK);
    assert_true(td.have_root && td.have_trust && td.have_revocation);
    assert_int_equal(td.build_floor, 1700000000);
    assert_int_equal(td.trust.seq, 7);
}

static int setup(void **state)
{
    (void)state;
    world_init(&W);
    snprintf(dir, sizeof dir, "/tmp/mid-update-XXXXXX");
    if (!mkdtemp(dir))
        return -1;
    return 0;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    return system(cmd) == 0 ? 0 : -1;
}

static void expect_unchanged(void)
{
    static uint8_t b[16384];
    size_t n = get(cfg.trust_path, b, sizeof b);
    assert_int_equal(n, W.trust_bundle_len);
    assert_memory_equal(b, W.trust_bundle, n);
}

static void test_refusals_change_nothing(void **state)
{
    static uint8_t b[16384];
    mid_update_result r;
    size_t n;
    char p[256];
    (void)state;
    install_initial();
    snprintf(p, sizeof p, "%s/spool/x.bundle", dir);

    n = trust_bundle(7, &W.root, b, sizeof b); /* not newer */
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    expect_unchanged();

    n = trust_bundle(9, &W.stranger, b, sizeof b); /* foreign signer */
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_FOREIGN);
    expect_unchanged();

    n = trust_bundle(9, &W.root, b, sizeof b);
    b[n - 10] ^= 0x01; /* corrupted signature */
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_SIG);
    expect_unchanged();

    n = trust_bundle(9, &W.root, b, sizeof b);
    assert_int_equal(mid_file_write_atomic(p, b, n / 2), MID_OK); /* truncated */
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_CBOR_TRUNCATED);
    expect_unchanged();

    assert_int_equal(mid_file_write_atomic(p, (const uint8_t *)"", 0), MID_OK); /* empty */
    assert_int_not_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    expect_unchanged();
}

static void test_apply_newer_trust_and_revocation(void **state)
{
    static uint8_t b[16384], got[16384];
    mid_update_result r;
    char p[256], msg[256];
    size_t n;
    (void)state;
    install_initial();
    snprintf(p, sizeof p, "%s/spool/t.bundle", dir);
    n = trust_bundle(8, &W.root, b, sizeof b);
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    assert_int_equal(r.kind, MID_BUNDLE_KIND_TRUST);
    assert_int_equal(r.seq, 8);
    assert_int_equal(get(cfg.trust_path, got, sizeof got), n);
    assert_memory_equal(got, b, n);
    /* after a reload the kiosk runs on it */
    assert_int_equal(mid_trustdata_load(&td, &cfg, rev_buf, sizeof rev_buf, msg, sizeof msg), MID_OK);
    assert_int_equal(td.trust.seq, 8);
    assert_int_equal(td.trust.count, 1);

    /* a revocation bundle lands in the revocation path */
    {
        static const uint8_t ids[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        assert_int_equal(mid_revocation_bundle_encode(ids, 1, WORLD_NOW, 4, &W.root, b, sizeof b, &n), MID_OK);
        assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
        assert_int_equal(r.kind, MID_BUNDLE_KIND_REVOCATION);
        assert_int_equal(mid_trustdata_load(&td, &cfg, rev_buf, sizeof rev_buf, msg, sizeof msg), MID_OK);
        assert_int_equal(td.revocation.seq, 4);
        assert_true(mid_revocation_contains(&td.revocation, ids));
    }
}

static void test_spool_scan(void **state)
{
    static uint8_t b[16384];
    char msg[256], p[256];
    size_t n;
    int refused = 0;
    (void)state;
    install_initial();
    n = trust_bundle(9, &W.stranger, b, sizeof b);
    snprintf(p, sizeof p, "%s/spool/1-foreign.bundle", dir);
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    n = trust_bundle(10, &W.root, b, sizeof b);
    snprintf(p, sizeof p, "%s/spool/2-good.bundle", dir);
    assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
    snprintf(p, sizeof p, "%s/spool/notes.txt", dir);
    assert_int_equal(mid_file_write_atomic(p, (const uint8_t *)"x", 1), MID_OK);
    assert_int_equal(mid_update_scan_spool(&cfg, &td, &refused, msg, sizeof msg), 1);
    assert_int_equal(refused, 1);
    assert_non_null(strstr(msg, "seq 10"));
    /* both bundles left the spool; other files are not touched */
    snprintf(p, sizeof p, "%s/spool/2-good.bundle", dir);
    assert_int_not_equal(access(p, F_OK), 0);
    snprintf(p, sizeof p, "%s/spool/1-foreign.bundle", dir);
    assert_int_not_equal(access(p, F_OK), 0);
    snprintf(p, sizeof p, "%s/spool/notes.txt", dir);
    assert_int_equal(access(p, F_OK), 0);
}

/* Kill the writer at each step of the atomic write; what is on disk must
 * always be a whole bundle that loads: the old one before the rename, the
 * new one after it. */
static void test_power_cut_at_each_step(void **state)
{
    static uint8_t b[16384];
    size_t n;
    char p[256];
    (void)state;
#ifdef MID_RELEASE
    skip();
#endif
    for (int step = 1; step <= 4; step++) {
        mid_trust_store ts;
        static uint8_t got[16384];
        size_t gl;
        int status;
        pid_t pid;
        install_initial();
        n = trust_bundle(20 + (uint64_t)step, &W.root, b, sizeof b);
        snprintf(p, sizeof p, "%s/spool/cut.bundle", dir);
        assert_int_equal(mid_file_write_atomic(p, b, n), MID_OK);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char s[2] = {(char)('0' + step), 0};
            mid_update_result r;
            setenv("MID_TEST_CRASH_AT", s, 1);
            mid_update_apply_file(p, &cfg, &td, &r);
            _exit(0); /* not reached when the hook fires */
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 77);
        gl = get(cfg.trust_path, got, sizeof got);
        assert_int_equal(mid_trust_load(&ts, got, gl, W.root.pub), MID_OK);
        if (step < 4) {
            assert_int_equal(ts.seq, 7); /* old data intact */
        } else {
            assert_int_equal(ts.seq, 24); /* renamed: the new one, whole */
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals_change_nothing),
        cmocka_unit_test(test_apply_newer_trust_and_revocation),
        cmocka_unit_test(test_spool_scan),
        cmocka_unit_test(test_power_cut_at_each_step),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
