/* The device key file and the receipt log on disk: created once, 0600,
 * never overwritten; the chain continues across restarts and KST days; a
 * power cut at any byte of the last record leaves a log that verifies up
 * to the record before and reopens to continue; damage stops appends. */
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

#include "mid/mid.h"
#include "mid/mid_files.h"
#include "mid/mid_receipts.h"

/* 2026-11-26 23:59:50 KST */
#define T0 ((int64_t)1795705190)

static char TMP[64];
static mid_devkey KEY;
static mid_receipts LOG;

static int setup(void **state)
{
    char path[128];
    (void)state;
    if (mid_crypto_init() != MID_OK)
        return -1;
    snprintf(TMP, sizeof TMP, "%s", "/tmp/mid-receipts-XXXXXX");
    if (!mkdtemp(TMP))
        return -1;
    snprintf(path, sizeof path, "%s/device.key.pem", TMP);
    return mid_devkey_load_or_create(path, &KEY, NULL) == MID_OK ? 0 : -1;
}

static int teardown(void **state)
{
    char cmd[128];
    (void)state;
    snprintf(cmd, sizeof cmd, "rm -rf %s", TMP);
    return system(cmd) == 0 ? 0 : -1;
}

static void fresh_dir(const char *name, char *out, size_t cap)
{
    char cmd[300];
    snprintf(out, cap, "%s/%s", TMP, name);
    snprintf(cmd, sizeof cmd, "rm -rf %s && mkdir -p %s", out, out);
    assert_int_equal(system(cmd), 0);
}

static mid_receipt facts(int64_t t, int ok)
{
    mid_result res;
    mid_view v;
    mid_receipt r;
    memset(&res, 0, sizeof res);
    memset(&v, 0, sizeof v);
    res.verdict = ok ? MID_VERDICT_VALID : MID_VERDICT_INVALID;
    res.failed_check = MID_CHECK_FRESHNESS;
    res.err = MID_ERR_STALE;
    v.items = MID_ITEM_ADULT;
    v.adult = 1;
    assert_int_equal(mid_receipt_from_result(&r, t, MID_PURPOSE_ADULT, &res, &v,
                                             ok ? "POS-1" : NULL, 3, 9),
                     MID_OK);
    return r;
}

static uint64_t append(int64_t t)
{
    uint8_t cose[MID_RECEIPT_MAX_COSE];
    size_t len;
    mid_receipt r = facts(t, (t & 1) == 0);
    assert_int_equal(mid_receipts_append(&LOG, &r, cose, sizeof cose, &len), MID_OK);
    assert_true(len > 0);
    return r.seq;
}

static size_t slurp(const char *path, uint8_t *buf, size_t cap)
{
    size_t n = 0;
    assert_int_equal(mid_file_read(path, buf, cap, &n), MID_OK);
    return n;
}

/* The named files, in order, as one chain from genesis: records verified. */
static uint64_t verify_files(const char *dir, const char *const *names, size_t n)
{
    static uint8_t buf[64 * 1024];
    mid_receipt_chain c;
    uint64_t total = 0;
    size_t i;
    assert_int_equal(mid_receipt_chain_init(&c, KEY.kid), MID_OK);
    for (i = 0; i < n; i++) {
        char path[300];
        mid_receipt_report rep;
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        len = slurp(path, buf, sizeof buf);
        assert_int_equal(mid_receipt_check_log(&c, KEY.pub, buf, len, total, 0, &rep), MID_OK);
        total += rep.records;
    }
    return total;
}

static void test_devkey_once_0600(void **state)
{
    char path[128], fpr[MID_DEVKEY_FPR_LEN + 1], pub_path[128];
    mid_devkey a, b;
    struct stat st;
    int created = -1;
    uint8_t before[1024], after[1024];
    size_t bl, al;
    uint8_t pub[MID_P256_POINT_LEN];
    (void)state;
    snprintf(path, sizeof path, "%s/k1.pem", TMP);
    assert_int_equal(mid_devkey_load_or_create(path, &a, &created), MID_OK);
    assert_int_equal(created, 1);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* a second boot loads the same key, the file untouched */
    bl = slurp(path, before, sizeof before);
    assert_int_equal(mid_devkey_load_or_create(path, &b, &created), MID_OK);
    assert_int_equal(created, 0);
    assert_memory_equal(a.pub, b.pub, sizeof a.pub);
    al = slurp(path, after, sizeof after);
    assert_int_equal(al, bl);
    assert_memory_equal(before, after, bl);
    /* too open: tightened, not refused */
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(mid_devkey_load_or_create(path, &b, &created), MID_OK);
    assert_int_equal(stat(path, &st), 0);
    assert_int_equal(st.st_mode & 0777, 0600);
    /* damaged: refused and left alone, never silently replaced */
    assert_int_equal(mid_file_write_atomic(path, "garbage", 7), MID_OK);
    assert_int_equal(mid_devkey_load_or_create(path, &b, &created), MID_ERR_DEVKEY);
    assert_int_equal(created, 0);
    al = slurp(path, after, sizeof after);
    assert_int_equal(al, 7);
    /* fingerprint = kid in groups; the exported PEM reads back */
    mid_devkey_fingerprint(a.pub, fpr, sizeof fpr);
    assert_int_equal(strlen(fpr), MID_DEVKEY_FPR_LEN);
    {
        char hex[17];
        snprintf(hex, sizeof hex, "%02x%02x", a.kid[0], a.kid[1]);
        assert_memory_equal(fpr, hex, 4);
        assert_int_equal(fpr[4], ' ');
    }
    snprintf(pub_path, sizeof pub_path, "%s/k1.pub.pem", TMP);
    assert_int_equal(mid_devkey_export_pub(&a, pub_path), MID_OK);
    assert_int_equal(mid_pub_load_pem(pub_path, pub), MID_OK);
    assert_memory_equal(pub, a.pub, sizeof pub);
    mid_devkey_wipe(&a);
    mid_devkey_wipe(&b);
}

static void test_chain_restart_and_days(void **state)
{
    char dir[200], usb[200];
    static const char *const names[] = {"receipts-20261126.cbor", "receipts-20261127.cbor"};
    static const char *const exported[] = {"SHOP-7-receipts-20261126.cbor",
                                           "SHOP-7-receipts-20261127.cbor"};
    (void)state;
    fresh_dir("log1", dir, sizeof dir);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    assert_int_equal(LOG.next_seq, 1);
    assert_int_equal(append(T0), 1);
    assert_int_equal(append(T0 + 1), 2);
    mid_receipts_close(&LOG);
    /* restart: the chain goes on */
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    assert_int_equal(LOG.next_seq, 3);
    assert_int_equal(append(T0 + 2), 3);
    /* past midnight KST: a new file, the same chain */
    assert_int_equal(append(T0 + 20), 4);
    /* the clock goes back a day: still the newest file, never the old one */
    assert_int_equal(append(T0 - 3600), 5);
    mid_receipts_close(&LOG);
    assert_int_equal(verify_files(dir, names, 2), 5);
    {
        uint8_t b[4096];
        char p[300];
        snprintf(p, sizeof p, "%s/%s", dir, names[0]);
        assert_int_equal(slurp(p, b, sizeof b) > 0, 1);
    }
    /* an empty newest file (created, then the power went) hands the head
     * to the day before */
    {
        char p[300];
        snprintf(p, sizeof p, "%s/receipts-20261128.cbor", dir);
        assert_int_equal(mid_file_write_atomic(p, "", 0), MID_OK);
        assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
        assert_int_equal(LOG.next_seq, 6);
        mid_receipts_close(&LOG);
        unlink(p);
    }
    /* export: every day file and the public key */
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    fresh_dir("usb", usb, sizeof usb);
    assert_int_equal(mid_receipts_export(&LOG, usb), 2);
    mid_receipts_close(&LOG);
    assert_int_equal(verify_files(usb, exported, 2), 5);
    {
        char p[300];
        uint8_t pub[MID_P256_POINT_LEN];
        snprintf(p, sizeof p, "%s/SHOP-7-device.pub.pem", usb);
        assert_int_equal(mid_pub_load_pem(p, pub), MID_OK);
        assert_memory_equal(pub, KEY.pub, sizeof pub);
    }
}

/* Truncates the day file at every byte offset inside its last record: the
 * log reopens with the record before as its head, the cut bytes gone, and
 * the next append makes a chain that verifies whole. */
static void test_power_cut_every_offset(void **state)
{
    char dir[200], path[300];
    static uint8_t full[8192];
    static const char *const names[] = {"receipts-20261126.cbor"};
    size_t full_len, last_off, cut;
    uint64_t want;
    (void)state;
    fresh_dir("cut", dir, sizeof dir);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    append(T0);
    append(T0 + 1);
    last_off = (size_t)LOG.size;
    append(T0 + 2);
    mid_receipts_close(&LOG);
    snprintf(path, sizeof path, "%s/%s", dir, names[0]);
    full_len = slurp(path, full, sizeof full);
    for (cut = last_off; cut < full_len; cut++) {
        assert_int_equal(mid_file_write_atomic(path, full, cut), MID_OK);
        assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
        assert_int_equal(LOG.torn_bytes, cut - last_off);
        assert_int_equal(LOG.next_seq, 3);
        assert_int_equal(verify_files(dir, names, 1), 2); /* cut off on disk */
        want = append(T0 + 5);
        assert_int_equal(want, 3);
        mid_receipts_close(&LOG);
        assert_int_equal(verify_files(dir, names, 1), 3);
    }
    /* zero fill after the last whole record (an extent allocated, not written) */
    {
        static uint8_t z[8192];
        memcpy(z, full, full_len);
        memset(z + full_len, 0, 200);
        assert_int_equal(mid_file_write_atomic(path, z, full_len + 200), MID_OK);
        assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
        assert_int_equal(LOG.torn_bytes, 200);
        assert_int_equal(LOG.next_seq, 4);
        mid_receipts_close(&LOG);
    }
    /* a whole but unsigned last record at the very end: also an interrupted
     * append's trace (cut, not trusted) */
    {
        static uint8_t z[8192];
        memcpy(z, full, full_len);
        z[full_len - 1] ^= 0x01u;
        assert_int_equal(mid_file_write_atomic(path, z, full_len), MID_OK);
        assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
        assert_int_equal(LOG.next_seq, 3);
        mid_receipts_close(&LOG);
    }
}

static void test_damage_stops_appends(void **state)
{
    char dir[200], path[300];
    static uint8_t full[8192];
    uint8_t cose[MID_RECEIPT_MAX_COSE];
    size_t n, len;
    mid_receipt r;
    (void)state;
    fresh_dir("damage", dir, sizeof dir);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    append(T0);
    append(T0 + 1);
    append(T0 + 2);
    mid_receipts_close(&LOG);
    snprintf(path, sizeof path, "%s/receipts-20261126.cbor", dir);
    n = slurp(path, full, sizeof full);
    full[0] = 0xFF; /* the first record's head */
    assert_int_equal(mid_file_write_atomic(path, full, n), MID_OK);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_ERR_RECEIPT_RECORD);
    r = facts(T0 + 3, 1);
    assert_int_equal(mid_receipts_append(&LOG, &r, cose, sizeof cose, &len), MID_ERR_RECEIPT_RECORD);
    mid_receipts_close(&LOG);
    assert_int_equal(slurp(path, full, sizeof full), n); /* left as found */
}

/* A replaced device key: the old key's records are not cut off as torn. */
static void test_foreign_key_refused(void **state)
{
    char dir[200], path[300], kp[300];
    static uint8_t before[8192], after[8192];
    mid_devkey other;
    size_t n;
    (void)state;
    fresh_dir("foreign", dir, sizeof dir);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &KEY), MID_OK);
    append(T0);
    append(T0 + 1);
    mid_receipts_close(&LOG);
    snprintf(path, sizeof path, "%s/receipts-20261126.cbor", dir);
    n = slurp(path, before, sizeof before);
    snprintf(kp, sizeof kp, "%s/other.key.pem", dir);
    assert_int_equal(mid_devkey_load_or_create(kp, &other, NULL), MID_OK);
    assert_int_equal(mid_receipts_open(&LOG, dir, "SHOP-7", &other), MID_ERR_RECEIPT_FOREIGN);
    mid_receipts_close(&LOG);
    assert_int_equal(slurp(path, after, sizeof after), n);
    assert_memory_equal(before, after, n);
    mid_devkey_wipe(&other);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_devkey_once_0600),
        cmocka_unit_test(test_chain_restart_and_days),
        cmocka_unit_test(test_power_cut_every_offset),
        cmocka_unit_test(test_damage_stops_appends),
        cmocka_unit_test(test_foreign_key_refused),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
