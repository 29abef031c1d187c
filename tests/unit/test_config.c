/* kiosk.conf: every bad line is refused with its line number, and a bad
 * file leaves the kiosk on complete defaults, never half-applied. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
        assert_int_equal(c.operator_pin[0], 0);
        assert_string_equal(c.trust_path, d.trust_path);
        assert_string_equal(c.usb_export_dir, d.usb_export_dir);
        assert_string_equal(c.usb_export_dir, "/media/mid-usb");
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_good_file),
        cmocka_unit_test(test_defaults),
        cmocka_unit_test(test_bad_lines),
        cmocka_unit_test(test_nul_and_long_line),
        cmocka_unit_test(test_load_missing_and_file),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
