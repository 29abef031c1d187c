/* The check log: one line per check with reason codes only, a restart
 * keeps the day's lines, a new KST day starts a new file, export copies. */
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

#include "fixtures/world.h"
#include "mid/mid_checklog.h"

static mid_checklog LOG;

static void read_file(const char *path, char *buf, size_t cap)
{
    size_t n = 0;
    assert_int_equal(mid_file_read(path, (uint8_t *)buf, cap - 1, &n), MID_OK);
    buf[n] = '\0';
}

static void test_lines_restart_rollover_export(void **state)
{
    char dir[] = "/tmp/mid-log-XXXXXX", usb[256], path[512], cmd[600];
    static char text[8192];
    mid_result r;
    /* 2026-11-26 23:59:58 KST = 14:59:58 UTC */
    const int64_t t = 1795705198;
    (void)state;
    assert_non_null(mkdtemp(dir));
    mid_checklog_init(&LOG, dir, "SHOP-7", t);
    memset(&r, 0, sizeof r);
    r.verdict = MID_VERDICT_VALID;
    /* personal data in the result must not reach the log */
    snprintf(r.claims.name, sizeof r.claims.name, "%s", "한가람");
    snprintf(r.claims.rrn, sizeof r.claims.rrn, "%s", "9001011234568");
    mid_checklog_add(&LOG, t, MID_PURPOSE_ADULT, &r);
    r.verdict = MID_VERDICT_INVALID;
    r.failed_check = MID_CHECK_FRESHNESS;
    r.err = MID_ERR_STALE;
    mid_checklog_add(&LOG, t + 1, MID_PURPOSE_REAL_NAME, &r);
    /* not yet due, then forced */
    assert_int_equal(mid_checklog_flush(&LOG, t + 1, 0), MID_OK);
    snprintf(path, sizeof path, "%s/checklog-20261126.csv", dir);
    assert_int_not_equal(access(path, F_OK), 0);
    assert_int_equal(mid_checklog_flush(&LOG, t + 1, 1), MID_OK);
    read_file(path, text, sizeof text);
    assert_string_equal(text,
                        "time_kst,kiosk_id,purpose,verdict,check,error\n"
                        "2026-11-26T23:59:58+09:00,SHOP-7,adult,valid,-,0\n"
                        "2026-11-26T23:59:59+09:00,SHOP-7,real_name,invalid,FRESHNESS,302\n");
    assert_null(strstr(text, "한가람"));
    assert_null(strstr(text, "900101"));
    /* a restart the same day keeps the lines */
    mid_checklog_init(&LOG, dir, "SHOP-7", t + 1);
    assert_int_equal(LOG.len, strlen(text));
    /* midnight KST: yesterday is flushed, today starts a new file */
    mid_checklog_add(&LOG, t + 3, MID_PURPOSE_ADULT, &r);
    assert_int_equal(mid_checklog_flush(&LOG, t + 100, 0), MID_OK);
    snprintf(path, sizeof path, "%s/checklog-20261127.csv", dir);
    read_file(path, text, sizeof text);
    assert_non_null(strstr(text, "2026-11-27T00:00:01+09:00,SHOP-7,adult,invalid,FRESHNESS,302\n"));
    /* export to a "USB stick" */
    snprintf(usb, sizeof usb, "%s/usb", dir);
    mkdir(usb, 0700);
    assert_int_equal(mid_checklog_export(&LOG, usb), 2);
    snprintf(path, sizeof path, "%s/SHOP-7-checklog-20261126.csv", usb);
    assert_int_equal(access(path, F_OK), 0);
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    assert_int_equal(system(cmd), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_restart_rollover_export),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
