/* kiosk.conf: every bad line is refused with its line number, and a bad
 * file leaves the kiosk on complete defaults, never half-applied. */
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

#include "mid/mid_config.h"

static mid_err parse(const char *text, mid_config *cfg, char *msg)
{
    mid_config_default(cfg);
    return mid_config_parse(text, strlen(text), cfg, msg, 128);
}

static void test_good_file(void **state)
{
    mid_config c;
    char msg[128];
    (void)state;
    assert_int_equal(parse("# bar entrance\n"
                           "purposes = adult, real_name\n"
                           "fixed_purpose = adult   # only adult checks\n"
                           "result_timeout = 40\n"
                           "extend_seconds=20\n"
                           "language = en\n"
                           "sound = off\n"
                           "camera_device = /dev/video2\n"
                           "camera_format = yuyv\n"
                           "custom_items = portrait, name, issue_date\r\n"
                           "return_to = purpose\n"
                           "usb_export_dir = /media/usb0\n"
                           "\n",
                           &c, msg),
                     MID_OK);
    assert_int_equal(c.purposes, 0x3u);
    assert_int_equal(c.fixed_purpose, MID_PURPOSE_ADULT);
    assert_int_equal(c.result_timeout_s, 40);
    assert_int_equal(c.extend_s, 20);
    assert_int_equal(c.lang, MID_LANG_EN);
    assert_int_equal(c.sound, 0);
    assert_string_equal(c.camera_device, "/dev/video2");
    assert_int_equal(c.camera_format, MID_PIXFMT_YUYV);
    assert_int_equal(c.custom_items, MID_ITEM_PORTRAIT | MID_ITEM_NAME | MID_ITEM_ISSUE_DATE);
    assert_int_equal(c.return_to, MID_RETURN_PURPOSE);
    assert_string_equal(c.usb_export_dir, "/media/usb0");
    /* a USB mount point must be named */
    assert_int_equal(parse("usb_export_dir =\n", &c, msg), MID_ERR_CONFIG);
    assert_string_equal(c.usb_export_dir, "/media/mid-usb");
}

static void test_defaults(void **state)
{
    mid_config c;
    (void)state;
    mid_config_default(&c);
    assert_int_equal(c.result_timeout_s, 55);
    assert_int_equal(c.extend_s, 30);
    assert_int_equal(c.freshness_s, 60);
    assert_int_equal(c.fixed_purpose, -1);
    assert_int_equal(c.rrn_show_full, 0);
    assert_int_equal(c.camera_power_line_hz, 60);
}

static void test_bad_lines(void **state)
{
    static const struct {
        const char *text;
        const char *msg;
    } cases[] = {
        {"result_timeout = 40\nbogus = 1\n", "line 2: unknown key"},
        {"result_timeout = 4\n", "line 1: out of range"},
        {"result_timeout = 40x\n", "line 1: not a number"},
        {"result_timeout = \n", "line 1: not a number"},
        {"result_timeout = 40\nresult_timeout = 41\n", "line 2: key given twice"},
        {"\n\nlanguage = jp\n", "line 3: must be ko or en"},
        {"purposes = adult, beer\n", "line 1: unknown purpose (adult, real_name, licence, custom)"},
        {"purposes = adult,,licence\n", "line 1: unknown purpose (adult, real_name, licence, custom)"},
        {"just words\n", "line 1: expected key = value"},
        {"purposes = adult\nfixed_purpose = licence\n", "fixed_purpose is not among purposes"},
        {"camera_power_line_hz = 55\n", "line 1: must be 0, 50 or 60"},
        {"sound = maybe\n", "line 1: must be yes or no"},
        {"decoder_fallback = 2\n", "line 1: out of range"},
        {"decoder_zxing_first = 2\n", "line 1: out of range"},
        {"decoder_skip_idle = 2\n", "line 1: out of range"},
        {"decoder_prefilter = sometimes\n", "line 1: must be no, always or alternate"},
        {"kiosk_id = 0123456789012345678901234567890123456789\n", "line 1: empty or too long"},
    };
    (void)state;
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mid_config c;
        char msg[128];
        mid_config_default(&c);
        c.result_timeout_s = 77; /* must be reset, not kept */
        assert_int_equal(mid_config_parse(cases[i].text, strlen(cases[i].text), &c, msg, sizeof msg),
                         MID_ERR_CONFIG);
        assert_string_equal(msg, cases[i].msg);
        assert_int_equal(c.result_timeout_s, 55);
    }
}

/* Trust lifecycle keys (docs/trust-lifecycle.md), and what happens to the
 * deprecated revocation_max_age_days. */
static void test_revocation_keys(void **state)
{
    static const struct {
        const char *text;
        const char *msg;
    } bad[] = {
        {"revocation_policy = maybe\n", "line 1: must be fail or warn"},
        {"revocation_max_hours = 0\n", "line 1: out of range"},
        {"revocation_warn_hours = 8761\n", "line 1: out of range"},
        {"revocation_warn_hours = 24h\n", "line 1: not a number"},
        {"revocation_warn_hours = 48\nrevocation_max_hours = 48\n",
         "revocation_warn_hours (48) must be less than revocation_max_hours (48)"},
        {"revocation_max_age_days = 7\nrevocation_warn_hours = 100\n",
         "revocation_max_age_days is replaced by revocation_warn_hours: give only one"},
        /* the old key meant "warn after 30 days": past the failing limit
         * that would be a contradiction, refused rather than guessed at */
        {"revocation_max_age_days = 30\n",
         "revocation_warn_hours (720 from revocation_max_age_days) must be less than "
         "revocation_max_hours (336)"},
    };
    mid_config c;
    char msg[128];
    (void)state;
    mid_config_default(&c);
    assert_int_equal(c.revocation_warn_hours, 168);
    assert_int_equal(c.revocation_max_hours, 336);
    assert_int_equal(c.revocation_policy, MID_REVOCATION_POLICY_FAIL);
    assert_int_equal(c.revocation_max_age_days, 7);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        assert_int_equal(parse(bad[i].text, &c, msg), MID_ERR_CONFIG);
        assert_string_equal(msg, bad[i].msg);
        assert_int_equal(c.revocation_warn_hours, 168);
    }
    assert_int_equal(parse("revocation_warn_hours = 36\nrevocation_max_hours = 72\n"
                           "revocation_policy = warn\n",
                           &c, msg),
                     MID_OK);
    assert_string_equal(msg, "");
    assert_int_equal(c.revocation_warn_hours, 36);
    assert_int_equal(c.revocation_max_hours, 72);
    assert_int_equal(c.revocation_policy, MID_REVOCATION_POLICY_WARN);
    assert_int_equal(c.revocation_max_age_days, 2); /* for the status screen */
    /* the deprecated key still works, as the warn threshold, and says so */
    assert_int_equal(parse("revocation_max_age_days = 5\n", &c, msg), MID_OK);
    assert_int_equal(c.revocation_warn_hours, 120);
    assert_int_equal(c.revocation_max_hours, 336);
    assert_string_equal(msg, "revocation_max_age_days is deprecated: read as revocation_warn_hours = 120");
    assert_int_equal(parse("revocation_max_age_days = 20\nrevocation_max_hours = 720\n", &c, msg),
                     MID_OK);
    assert_int_equal(c.revocation_warn_hours, 480);
}

static void test_nul_and_long_line(void **state)
{
    mid_config c;
    char msg[128];
    char text[MID_CONFIG_MAX_LINE + 40];
    (void)state;
    mid_config_default(&c);
    assert_int_equal(mid_config_parse("sound = on\0x\n", 12, &c, msg, sizeof msg), MID_ERR_CONFIG);
    assert_string_equal(msg, "line 1: NUL byte");
    memset(text, ' ', sizeof text);
    memcpy(text, "sound = on", 10);
    text[sizeof text - 1] = '\n';
    assert_int_equal(mid_config_parse(text, sizeof text, &c, msg, sizeof msg), MID_ERR_CONFIG);
    assert_string_equal(msg, "line 1: line too long");
}

static void test_load_missing_and_file(void **state)
{
    mid_config c;
    char msg[256];
    char path[] = "/tmp/mid-conf-XXXXXX";
    int fd;
    (void)state;
    assert_int_equal(mid_config_load("/nonexistent/kiosk.conf", &c, msg, sizeof msg), MID_OK);
    assert_non_null(strstr(msg, "not found"));
    fd = mkstemp(path);
    assert_true(fd >= 0);
    assert_int_equal(write(fd, "freshness = 30\n", 15), 15);
    close(fd);
    assert_int_equal(mid_config_load(path, &c, msg, sizeof msg), MID_OK);
    assert_int_equal(c.freshness_s, 30);
    unlink(path);
    /* the shipped default file is valid and says what the defaults say */
    assert_int_equal(mid_config_load("assets/kiosk.conf", &c, msg, sizeof msg), MID_OK);
    assert_string_equal(msg, "");
    {
        mid_config d;
        mid_config_default(&d);
        assert_int_equal(c.result_timeout_s, d.result_timeout_s);
        assert_int_equal(c.fixed_purpose, d.fixed_purpose);
        assert_int_equal(c.purposes, d.purposes);
        assert_string_equal(c.pin_file, d.pin_file);
        assert_string_equal(c.dropin_dir, d.dropin_dir);
        assert_string_equal(c.time_file, d.time_file);
        assert_string_equal(c.pin_lock_file, d.pin_lock_file);
        assert_string_equal(c.trust_path, d.trust_path);
        assert_string_equal(c.usb_export_dir, d.usb_export_dir);
        assert_string_equal(c.usb_export_dir, "/media/mid-usb");
    }
}

/* ---- per-device drop-ins (kiosk.conf.d) ---- */

static char ddir[] = "/tmp/mid-test-dropin-XXXXXX";

static void put(const char *name, const char *text)
{
    char path[512];
    FILE *f;
    snprintf(path, sizeof path, "%s/%s", ddir, name);
    f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

static void rm(const char *name)
{
    char path[512];
    snprintf(path, sizeof path, "%s/%s", ddir, name);
    unlink(path);
}

static mid_err load_with_dropins(mid_config *c, char *msg)
{
    char base[600];
    snprintf(base, sizeof base, "%s/kiosk.conf", ddir);
    return mid_config_load(base, c, msg, 256);
}

static void test_dropins(void **state)
{
    mid_config c, d;
    char msg[256], sub[400];
    (void)state;
    assert_non_null(mkdtemp(ddir));
    snprintf(sub, sizeof sub, "%s/kiosk.conf.d", ddir);
    assert_int_equal(mkdir(sub, 0750), 0);
    {
        char text[600];
        snprintf(text, sizeof text, "dropin_dir = %s\nfreshness = 45\nkiosk_id = IMAGE\n", sub);
        put("kiosk.conf", text);
    }
    /* no drop-ins: the image's file alone */
    assert_int_equal(load_with_dropins(&c, msg), MID_OK);
    assert_string_equal(c.kiosk_id, "IMAGE");
    /* applied in byte order after kiosk.conf; the later one wins */
    put("kiosk.conf.d/20-site.conf", "kiosk_id = SITE-7\npurposes = adult\nfixed_purpose = adult\n");
    put("kiosk.conf.d/10-fleet.conf", "kiosk_id = FLEET\nfreshness = 30\n");
    put("kiosk.conf.d/README", "not a drop-in, ignored\n");
    put("kiosk.conf.d/.hidden.conf", "garbage\n");
    put("kiosk.conf.d/30-x.conf~", "garbage\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_OK);
    assert_string_equal(c.kiosk_id, "SITE-7");
    assert_int_equal(c.freshness_s, 30);
    assert_int_equal(c.purposes, 1u << MID_PURPOSE_ADULT);
    assert_int_equal(c.fixed_purpose, MID_PURPOSE_ADULT);
    /* a bad drop-in: all defaults (not the image's file either), and the
     * message names the drop-in and its line */
    put("kiosk.conf.d/15-bad.conf", "kiosk_id = X\nfreshnes = 30\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
    mid_config_default(&d);
    assert_memory_equal(&c, &d, sizeof c);
    assert_non_null(strstr(msg, "15-bad.conf: line 2: unknown key"));
    rm("kiosk.conf.d/15-bad.conf");
    /* the same parser: a key twice in one drop-in, a plain PIN */
    put("kiosk.conf.d/15-bad.conf", "freshness = 30\nfreshness = 31\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
    assert_non_null(strstr(msg, "key given twice"));
    put("kiosk.conf.d/15-bad.conf", "operator_pin = 583920\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
    assert_non_null(strstr(msg, "mid-issue pin-hash"));
    /* a drop-in cannot move the drop-in directory */
    put("kiosk.conf.d/15-bad.conf", "dropin_dir = /tmp\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
    assert_non_null(strstr(msg, "only in kiosk.conf"));
    rm("kiosk.conf.d/15-bad.conf");
    /* a symlink or a directory named like a drop-in */
    {
        char link[600];
        snprintf(link, sizeof link, "%s/kiosk.conf.d/16-link.conf", ddir);
        assert_int_equal(symlink("/etc/hostname", link), 0);
        assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
        assert_non_null(strstr(msg, "not a regular file"));
        unlink(link);
    }
    /* bounded count */
    for (unsigned i = 0; i < MID_CONFIG_DROPIN_MAX; i++) {
        char name[64];
        snprintf(name, sizeof name, "kiosk.conf.d/%02u-n.conf", 40 + i);
        put(name, "# nothing\n");
    }
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG_DROPIN);
    assert_non_null(strstr(msg, "more than"));
    for (unsigned i = 0; i < MID_CONFIG_DROPIN_MAX; i++) {
        char name[64];
        snprintf(name, sizeof name, "kiosk.conf.d/%02u-n.conf", 40 + i);
        rm(name);
    }
    assert_int_equal(load_with_dropins(&c, msg), MID_OK);
    /* a bad kiosk.conf: defaults, drop-ins not applied on top */
    put("kiosk.conf", "nonsense\n");
    assert_int_equal(load_with_dropins(&c, msg), MID_ERR_CONFIG);
    assert_string_equal(c.kiosk_id, "KIOSK-0001");
    rm("kiosk.conf.d/20-site.conf");
    rm("kiosk.conf.d/10-fleet.conf");
    rm("kiosk.conf.d/README");
    rm("kiosk.conf.d/.hidden.conf");
    rm("kiosk.conf.d/30-x.conf~");
    rm("kiosk.conf");
    assert_int_equal(rmdir(sub), 0);
    assert_int_equal(rmdir(ddir), 0);
}

static void test_plain_pin_refused(void **state)
{
    mid_config c;
    char msg[128];
    (void)state;
    assert_int_equal(parse("kiosk_id = A\noperator_pin = 2580\n", &c, msg), MID_ERR_CONFIG);
    assert_non_null(strstr(msg, "line 2: operator_pin is no longer read"));
    assert_string_equal(c.kiosk_id, "KIOSK-0001");
    /* even empty, as the old shipped file had it: the migration is one
     * line to delete */
    assert_int_equal(parse("operator_pin =\n", &c, msg), MID_ERR_CONFIG);
    assert_int_equal(parse("operator_pin_file = /var/lib/mid-kiosk/pin\n", &c, msg), MID_OK);
    assert_string_equal(c.pin_file, "/var/lib/mid-kiosk/pin");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_dropins),
        cmocka_unit_test(test_plain_pin_refused),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_revocation_keys),
        cmocka_unit_test(test_nul_and_long_line),
        cmocka_unit_test(test_load_missing_and_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
