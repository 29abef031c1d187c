/* Offline updates: a valid newer bundle is applied; foreign, corrupted,
 * truncated, older and wrong-kind bundles change nothing; a power cut at
 * any step of the write leaves a complete old or new file, never half.
 * Anti-rollback (docs/trust-lifecycle.md): the floor file refuses older
 * genuine bundles on every way in, survives a power cut at each step of
 * its own write, a deleted or damaged floor file, and concurrent
 * installers; expired and legacy bundles. */
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
#include "mid/mid_floor.h"
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

static size_t trust_bundle_meta(const mid_bundle_meta *m, const mid_keypair *signer,
                                uint8_t *out, size_t cap)
{
    mid_trust_key k;
    size_t len;
    memset(&k, 0, sizeof k);
    memcpy(k.kid, W.issuer.kid, MID_KID_LEN);
    memcpy(k.pub, W.issuer.pub, MID_P256_POINT_LEN);
    k.doctypes = MID_DOCTYPE_BIT(MID_DOC_RESIDENT_CARD);
    k.nbf = WORLD_NOW - 10;
    k.exp = WORLD_NOW + 1000;
    assert_int_equal(mid_trust_bundle_encode_meta(&k, 1, m, signer, out, cap, &len), MID_OK);
    return len;
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
    /* a fresh data directory: no floor, no lock from an earlier test */
    snprintf(p, sizeof p, "%s/%s", dir, MID_FLOOR_FILE);
    unlink(p);
    snprintf(p, sizeof p, "%s/%s", dir, MID_FLOOR_LOCK_FILE);
    unlink(p);
    snprintf(p, sizeof p, "rm -rf %s/spool", dir);
    assert_int_equal(system(p), 0);
    assert_int_equal(mid_crypto_p256_pub_to_pem(W.root.pub, pem, sizeof pem), MID_OK);
    put("root.pub.pem", (const uint8_t *)pem, strlen(pem));
    put("build-time", (const uint8_t *)"1700000000\n", 11);
    put("trust.bundle", W.trust_bundle, W.trust_bundle_len);  /* seq 7 */
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
    /* the install clock (test builds): the world's time */
    setenv("MID_TEST_NOW", "1795000000", 1);
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
            setenv("MID_TEST_CRASH_PATH", "trust.bundle", 1);
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

/* ---- anti-rollback (docs/trust-lifecycle.md) ---- */

static void floor_now(mid_floor *f, int *missing)
{
    char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, MID_FLOOR_FILE);
    assert_int_equal(mid_floor_read(p, f, missing), MID_OK);
}

static void spool_put(const char *name, const uint8_t *b, size_t n, char *path, size_t cap)
{
    snprintf(path, cap, "%s/spool/%s", dir, name);
    assert_int_equal(mid_file_write_atomic(path, b, n), MID_OK);
}

static size_t rev_bundle(uint64_t seq, int64_t issued, const uint8_t *ids, size_t n,
                         uint8_t *out, size_t cap)
{
    size_t len;
    mid_bundle_meta m;
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_REVOCATION, issued, seq);
    assert_int_equal(mid_revocation_bundle_encode_meta(ids, n, &m, &W.root, out, cap, &len), MID_OK);
    return len;
}

static void reload(void)
{
    char msg[256];
    mid_trustdata_load(&td, &cfg, rev_buf, sizeof rev_buf, msg, sizeof msg);
}

static void test_floor_written_after_install(void **state)
{
    static uint8_t b[16384];
    mid_update_result r;
    mid_floor f;
    int missing = 0;
    char p[256];
    (void)state;
    install_initial();
    floor_now(&f, &missing);
    assert_true(missing); /* first start: no floor yet */
    assert_int_equal(td.floor_missing, 1);
    spool_put("t.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    assert_true(r.floor_written);
    assert_int_equal(r.floor_seq, 7);
    assert_int_equal(r.format, MID_BUNDLE_FORMAT_CURRENT);
    floor_now(&f, &missing);
    assert_false(missing);
    /* the new trust bundle, and the revocation list already on disk */
    assert_true(f.e[MID_BUNDLE_KIND_TRUST].have);
    assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, 8);
    assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].issued, WORLD_NOW);
    assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].format, MID_BUNDLE_FORMAT_CURRENT);
    assert_true(f.e[MID_BUNDLE_KIND_REVOCATION].have);
    assert_int_equal(f.e[MID_BUNDLE_KIND_REVOCATION].seq, 3);
    reload();
    assert_true(td.have_trust);
    assert_int_equal(td.trust.seq, 8);
    assert_false(td.floor_missing);
    /* the highest accepted issue time, for the clock's floor */
    assert_int_equal(td.floor_issued, WORLD_NOW);
}

/* An older genuine bundle, offered on each way in, after seq 8 was
 * accepted. The USB stick copies into the spool and provisioning calls
 * mid_update_apply_file (mid-kiosk --install-bundle), so the spool and the
 * install function cover them; the start-up load is the direct copy a
 * shell `mv` used to make. */
static void test_rollback_refused_on_every_path(void **state)
{
    static uint8_t b[16384], old[16384], same[16384];
    mid_update_result r;
    mid_trustdata stale;
    mid_bundle_meta m;
    char p[256], msg[256];
    size_t n, on, sn;
    int refused = 0;
    (void)state;
    install_initial();
    /* genuine, older: the seq 7 bundle the kiosk was provisioned with */
    memcpy(old, W.trust_bundle, W.trust_bundle_len);
    on = W.trust_bundle_len;
    stale = td; /* a process that loaded before the update (mid-sync) */
    spool_put("t.bundle", b, n = trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    reload();

    /* install function (provisioning, mid-sync): equal and lower seq */
    spool_put("x.bundle", old, on, p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    assert_int_equal(r.floor_seq, 8);
    spool_put("x.bundle", b, n, p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    /* against the persisted floor, not what the caller has in RAM */
    spool_put("x.bundle", old, on, p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &stale, &r), MID_ERR_BUNDLE_OLDER);
    /* a higher seq but an earlier issue time than accepted */
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW - 60, 30);
    spool_put("x.bundle", same, trust_bundle_meta(&m, &W.root, same, sizeof same), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);

    /* spool (and USB stick, which copies into it) */
    snprintf(p, sizeof p, "%s/spool/x.bundle", dir);
    unlink(p);
    snprintf(p, sizeof p, "%s/spool/t.bundle", dir);
    unlink(p);
    spool_put("1-old.bundle", old, on, p, sizeof p);
    assert_int_equal(mid_update_scan_spool(&cfg, &stale, &refused, msg, sizeof msg), 0);
    assert_int_equal(refused, 1);
    assert_non_null(strstr(msg, "bundle not newer"));

    /* start-up load: someone copied the old one over the installed file */
    put("trust.bundle", old, on);
    reload();
    assert_false(td.have_trust);
    assert_int_equal(td.trust_err, MID_ERR_BUNDLE_ROLLBACK);
    /* ... or another genuine bundle with the accepted seq */
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW + 5, 8);
    sn = trust_bundle_meta(&m, &W.root, same, sizeof same);
    put("trust.bundle", same, sn);
    reload();
    assert_false(td.have_trust);
    assert_int_equal(td.trust_err, MID_ERR_BUNDLE_ROLLBACK);
    /* the accepted one loads again */
    put("trust.bundle", b, n);
    reload();
    assert_true(td.have_trust);
    assert_int_equal(td.trust.seq, 8);
}

/* The case: an older genuine revocation list that lacks a revoked
 * card must not make the card verify again. */
static void test_revocation_rollback(void **state)
{
    static uint8_t b[16384], old[16384];
    static const uint8_t card[8] = {9, 9, 9, 9, 9, 9, 9, 9};
    mid_update_result r;
    char p[256];
    size_t n, on;
    (void)state;
    install_initial();
    memcpy(old, W.rev_bundle, W.rev_bundle_len); /* seq 3: lacks the card */
    on = W.rev_bundle_len;
    spool_put("r.bundle", b, n = rev_bundle(4, WORLD_NOW, card, 1, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    reload();
    assert_true(mid_revocation_contains(&td.revocation, card));
    spool_put("r.bundle", old, on, p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    put("revocation.bundle", old, on);
    reload();
    /* no revocation data rather than the old list: verdicts fail closed */
    assert_false(td.have_revocation);
    assert_int_equal(td.revocation_err, MID_ERR_BUNDLE_ROLLBACK);
    assert_true(td.have_trust);
}

/* A power cut at each step of the floor write, after the bundle was
 * installed: the floor is the old one or the new one, whole; the bundle on
 * disk loads; the older bundle stays refused in both cases. */
static void test_floor_power_cut_at_each_step(void **state)
{
    static uint8_t b[16384];
    (void)state;
#ifdef MID_RELEASE
    skip();
#endif
    for (int step = 1; step <= 4; step++) {
        char p[256], fp[256];
        mid_update_result r;
        mid_floor f;
        int status, missing;
        pid_t pid;
        size_t n;
        install_initial();
        /* a first install writes a floor (seq 8) */
        spool_put("a.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
        reload();
        n = trust_bundle(30 + (uint64_t)step, &W.root, b, sizeof b);
        spool_put("cut.bundle", b, n, p, sizeof p);
        pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            char s[2] = {(char)('0' + step), 0};
            setenv("MID_TEST_CRASH_AT", s, 1);
            setenv("MID_TEST_CRASH_PATH", MID_FLOOR_FILE, 1);
            mid_update_apply_file(p, &cfg, &td, &r);
            _exit(0);
        }
        assert_int_equal(waitpid(pid, &status, 0), pid);
        assert_true(WIFEXITED(status));
        assert_int_equal(WEXITSTATUS(status), 77);
        floor_now(&f, &missing); /* parses: never torn */
        assert_false(missing);
        assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, step < 4 ? 8 : 30 + (uint64_t)step);
        /* the lock died with the process; the bundle is the new one and
         * loads (it is above the floor either way) */
        reload();
        assert_true(td.have_trust);
        assert_int_equal(td.trust.seq, 30 + (uint64_t)step);
        /* the floor lags by one install at most, yet 8 and the new one
         * itself stay refused: the installed bundle holds the line */
        spool_put("x.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
        n = trust_bundle(30 + (uint64_t)step, &W.root, b, sizeof b);
        spool_put("x.bundle", b, n, p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
        /* and the next install repairs the floor */
        spool_put("x.bundle", b, trust_bundle(40, &W.root, b, sizeof b), p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
        floor_now(&f, &missing);
        assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, 40);
        snprintf(fp, sizeof fp, "%s/%s.tmp.%ld", dir, MID_FLOOR_FILE, (long)pid);
        unlink(fp); /* the cut child's temp file, as fsck would leave it */
    }
}

/* Deleted floor file: the installed bundles hold the line (nothing below
 * them is accepted), the loader accepts what is installed, and the next
 * install writes the floor again for both kinds. */
static void test_deleted_floor(void **state)
{
    static uint8_t b[16384];
    mid_update_result r;
    mid_floor f;
    char p[256];
    int missing;
    (void)state;
    install_initial();
    spool_put("t.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    snprintf(p, sizeof p, "%s/%s", dir, MID_FLOOR_FILE);
    assert_int_equal(unlink(p), 0);
    reload();
    assert_true(td.have_trust && td.have_revocation);
    assert_true(td.floor_missing);
    spool_put("x.bundle", W.trust_bundle, W.trust_bundle_len, p, sizeof p); /* seq 7 */
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    spool_put("x.bundle", W.rev_bundle, W.rev_bundle_len, p, sizeof p); /* seq 3 = installed */
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
    spool_put("x.bundle", b, trust_bundle(9, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    floor_now(&f, &missing);
    assert_false(missing);
    assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, 9);
    assert_int_equal(f.e[MID_BUNDLE_KIND_REVOCATION].seq, 3);
}

static void test_damaged_floor(void **state)
{
    static uint8_t b[16384];
    static const char *const bad[] = {
        "garbage\n",
        MID_FLOOR_MAGIC "\ntrust 2 8 1795000000 00\n",
        MID_FLOOR_MAGIC "\ntrust 2 08 1795000000 "
                        "0000000000000000000000000000000000000000000000000000000000000000\n",
        MID_FLOOR_MAGIC "\nrevocation 2 3 1 "
                        "0000000000000000000000000000000000000000000000000000000000000000\n"
                        "trust 2 8 1 "
                        "0000000000000000000000000000000000000000000000000000000000000000\n",
        MID_FLOOR_MAGIC "\ntrust 3 8 1 "
                        "0000000000000000000000000000000000000000000000000000000000000000\n",
        MID_FLOOR_MAGIC "\ntrust 2 8 1 "
                        "0000000000000000000000000000000000000000000000000000000000000000",
    };
    mid_update_result r;
    mid_floor f;
    char p[256];
    int missing;
    (void)state;
    {
        /* an embedded NUL (found by tests/fuzz/fuzz_floor.c) */
        static const char nul[] = MID_FLOOR_MAGIC "\nrevocation 1 3 1 "
                                                  "0000000000000000000000000000000000000000000000000000000000000000"
                                                  "\0\0\n";
        assert_int_equal(mid_floor_parse((const uint8_t *)nul, sizeof nul - 1u, &f), MID_ERR_FLOOR);
        assert_int_equal(mid_floor_parse((const uint8_t *)nul, sizeof nul - 4u, &f), MID_ERR_FLOOR);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        install_initial();
        snprintf(p, sizeof p, "%s/%s", dir, MID_FLOOR_FILE);
        assert_int_equal(mid_floor_read(p, &f, &missing), MID_OK); /* absent */
        put(MID_FLOOR_FILE, (const uint8_t *)bad[i], strlen(bad[i]));
        assert_int_equal(mid_floor_read(p, &f, &missing), MID_ERR_FLOOR);
        assert_false(f.e[MID_BUNDLE_KIND_TRUST].have);
        reload();
        /* reported, treated like a deleted one */
        assert_int_equal(td.floor_err, MID_ERR_FLOOR);
        assert_true(td.have_trust);
        spool_put("x.bundle", W.trust_bundle, W.trust_bundle_len, p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_OLDER);
        assert_int_equal(r.floor_err, MID_ERR_FLOOR);
        spool_put("x.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
        floor_now(&f, &missing); /* rewritten whole */
        assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, 8);
    }
}

static void test_expired_and_legacy(void **state)
{
    static uint8_t b[16384];
    mid_update_result r;
    mid_bundle_meta m;
    char p[256];
    (void)state;
    install_initial();
    /* expired trust bundle: refused */
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW, 8);
    m.valid_until = WORLD_NOW; /* the kiosk's now is WORLD_NOW */
    m.refresh_s = 0;
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW - 100, 8);
    m.valid_until = WORLD_NOW;
    m.refresh_s = 50;
    spool_put("x.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_EXPIRED);
    expect_unchanged();
    /* a legacy trust bundle before the sunset, newer: accepted? No: the
     * installed one is format 2, and there is no way back to format 1 */
    mid_bundle_meta_default(&m, MID_BUNDLE_KIND_TRUST, WORLD_NOW, 9);
    m.format = MID_BUNDLE_FORMAT_LEGACY;
    spool_put("x.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_LEGACY);
    assert_int_equal(r.format, MID_BUNDLE_FORMAT_LEGACY);
    expect_unchanged();
    /* after the sunset a legacy bundle is refused whatever is installed */
    setenv("MID_TEST_NOW", "1814367600", 1);
    spool_put("x.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_ERR_BUNDLE_LEGACY);
    setenv("MID_TEST_NOW", "1795000000", 1);
    /* on a kiosk that has only legacy data, a legacy update still goes in
     * until the sunset (the migration window), then format 2 replaces it */
    spool_put("l.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b), p, sizeof p);
    put("trust.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b)); /* seq 9, format 1 */
    reload();
    assert_true(td.have_trust);
    assert_int_equal(td.trust.format, MID_BUNDLE_FORMAT_LEGACY);
    assert_int_equal(td.trust.valid_until, MID_BUNDLE_LEGACY_SUNSET);
    m.seq = 10;
    spool_put("l.bundle", b, trust_bundle_meta(&m, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    spool_put("n.bundle", b, trust_bundle(11, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    /* an expired but newer revocation list still replaces an older one */
    {
        static const uint8_t ids[8] = {1, 2, 3, 4, 5, 6, 7, 8};
        size_t n;
        mid_bundle_meta_default(&m, MID_BUNDLE_KIND_REVOCATION, WORLD_NOW - 100, 5);
        m.valid_until = WORLD_NOW - 1;
        m.refresh_s = 10;
        assert_int_equal(mid_revocation_bundle_encode_meta(ids, 1, &m, &W.root, b, sizeof b, &n),
                         MID_OK);
        spool_put("r.bundle", b, n, p, sizeof p);
        assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    }
}

/* Several installers at once (kiosk, mid-sync, provisioning): whatever
 * the interleaving, the highest offered bundle ends up installed and in
 * the floor, and the floor file is whole. */
static void test_concurrent_installers(void **state)
{
    static uint8_t b[16384];
    enum { N = 6 };
    pid_t pids[N];
    mid_floor f;
    char p[256];
    int missing;
    (void)state;
    install_initial();
    for (int i = 0; i < N; i++) {
        char name[32];
        snprintf(name, sizeof name, "c%d.bundle", i);
        spool_put(name, b, trust_bundle(10 + (uint64_t)i, &W.root, b, sizeof b), p, sizeof p);
    }
    for (int i = 0; i < N; i++) {
        pids[i] = fork();
        assert_true(pids[i] >= 0);
        if (pids[i] == 0) {
            char q[256];
            mid_update_result r;
            /* each one repeats, and pauses between its comparison and its
             * write, so without the lock the installs would interleave */
            setenv("MID_TEST_INSTALL_PAUSE_MS", "15", 1);
            for (int k = 0; k < 3; k++) {
                snprintf(q, sizeof q, "%s/spool/c%d.bundle", dir, (i + k) % N);
                mid_update_apply_file(q, &cfg, &td, &r);
            }
            _exit(0);
        }
    }
    for (int i = 0; i < N; i++) {
        int status;
        assert_int_equal(waitpid(pids[i], &status, 0), pids[i]);
        assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    }
    floor_now(&f, &missing);
    assert_int_equal(f.e[MID_BUNDLE_KIND_TRUST].seq, 10 + N - 1);
    reload();
    assert_true(td.have_trust);
    assert_int_equal(td.trust.seq, 10 + N - 1);
}

/* The kiosk's periodic look: another process installed; a tampered file
 * keeps the last good copy in RAM. */
static void test_changed_and_keep_good(void **state)
{
    static uint8_t b[16384], rb2[MID_MAX_BUNDLE_BYTES];
    static mid_trustdata prev, next;
    static const uint8_t card[8] = {9, 9, 9, 9, 9, 9, 9, 9};
    mid_update_result r;
    char p[256], msg[256];
    (void)state;
    install_initial();
    assert_false(mid_trustdata_changed(&td, &cfg));
    spool_put("t.bundle", b, trust_bundle(8, &W.root, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    assert_true(mid_trustdata_changed(&td, &cfg));
    spool_put("r.bundle", b, rev_bundle(4, WORLD_NOW, card, 1, b, sizeof b), p, sizeof p);
    assert_int_equal(mid_update_apply_file(p, &cfg, &td, &r), MID_OK);
    reload();
    assert_false(mid_trustdata_changed(&td, &cfg));
    prev = td;
    /* someone puts the old files back */
    put("trust.bundle", W.trust_bundle, W.trust_bundle_len);
    put("revocation.bundle", W.rev_bundle, W.rev_bundle_len);
    assert_true(mid_trustdata_changed(&prev, &cfg));
    mid_trustdata_load(&next, &cfg, rb2, sizeof rb2, msg, sizeof msg);
    assert_false(next.have_trust);
    assert_false(next.have_revocation);
    assert_non_null(strstr(msg, "bundle below accepted floor"));
    mid_trustdata_keep_good(&next, &prev);
    assert_true(next.have_trust && next.kept_trust);
    assert_int_equal(next.trust.seq, 8);
    assert_true(next.have_revocation && next.kept_revocation);
    assert_int_equal(next.revocation.seq, 4);
    /* the kept list lives in next's own buffer */
    assert_true(next.revocation.ids >= rb2 && next.revocation.ids < rb2 + sizeof rb2);
    assert_true(mid_revocation_contains(&next.revocation, card));
    assert_false(mid_trustdata_changed(&next, &cfg)); /* no reload loop */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_refusals_change_nothing),
        cmocka_unit_test(test_apply_newer_trust_and_revocation),
        cmocka_unit_test(test_spool_scan),
        cmocka_unit_test(test_power_cut_at_each_step),
        cmocka_unit_test(test_floor_written_after_install),
        cmocka_unit_test(test_rollback_refused_on_every_path),
        cmocka_unit_test(test_revocation_rollback),
        cmocka_unit_test(test_floor_power_cut_at_each_step),
        cmocka_unit_test(test_deleted_floor),
        cmocka_unit_test(test_damaged_floor),
        cmocka_unit_test(test_expired_and_legacy),
        cmocka_unit_test(test_concurrent_installers),
        cmocka_unit_test(test_changed_and_keep_good),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
