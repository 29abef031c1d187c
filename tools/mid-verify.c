/* mid-verify — verifies one presentation offline and prints the result as
 * JSON: the integration point for point-of-sale software. The same core
 * as the kiosk (mid_verify, mid_view_build); only the requested items
 * reach stdout, and stderr never carries personal data.
 * Exit status: 0 valid, 1 invalid, 2 usage or system error.
 * See docs/man/mid-verify.1 for the JSON schema. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/cli.h"
#include "common/issue.h"
#include "common/qrimage.h"
#include "mid/mid_camera.h"
#include "mid/mid_decoder.h"

#define PROG "mid-verify"
#define STDIN_CAP 8192u /* more than any QR can hold: longer is TOO_LARGE */

static void usage(FILE *f)
{
    fputs(
        "usage: mid-verify --root ROOT.pub.pem --trust trust.bundle\n"
        "         [--revocation revocation.bundle]\n"
        "         --purpose adult|real_name|licence|custom:ITEM[,ITEM...]\n"
        "         (--time T | --now) [--freshness S] [--skew S]\n"
        "         [--build-floor T] [--show-rrn]\n"
        "         [--revocation-max-hours N | --revocation-max-age S] [--revocation-policy fail|warn]\n"
        "         (--text 'MID1:...' | --stdin | --image FILE.png|FILE.pgm)\n"
        "ITEM: portrait name rrn adult age birth_date issue_date licence_class\n"
        "      licence_number licence_status licence_expiry doctype\n"
        "T: Unix seconds, YYYY-MM-DD (KST) or YYYY-MM-DDTHH:MM:SS+09:00.\n"
        "Exit: 0 valid, 1 invalid, 2 usage or system error. See mid-verify(1).\n",
        f);
}

static int bad_usage(const char *why)
{
    return cli_usage_error(PROG, usage, why);
}

/* A system problem after the arguments were understood: still one JSON
 * object on stdout, so a caller that only reads stdout sees it. */
static int emit_error(mid_err err, const char *what)
{
    printf("{\"verdict\":\"error\",\"failed_check\":null,\"error\":");
    cli_json_cstr(stdout, mid_err_str(err));
    printf(",\"error_code\":%d,\"message_ko\":", (int)err);
    cli_json_cstr(stdout, mid_err_message(err, MID_LANG_KO));
    printf(",\"message_en\":");
    cli_json_cstr(stdout, mid_err_message(err, MID_LANG_EN));
    printf(",\"detail\":");
    cli_json_cstr(stdout, what);
    printf("}\n");
    fflush(stdout);
    fprintf(stderr, PROG ": %s (%s, %d)\n", what, mid_err_str(err), (int)err);
    return 2;
}

static const char *check_status(mid_check_status s)
{
    switch (s) {
    case MID_CHECK_PASS:
        return "pass";
    case MID_CHECK_FAIL:
        return "fail";
    default:
        return "not_run";
    }
}

static void json_date(const char *key, mid_date d)
{
    char s[16];
    cli_format_date(d, s, sizeof s);
    printf(",\"%s\":\"%s\"", key, s);
}

/* Exactly the items of v->items, in item order. */
static void print_view(const mid_view *v)
{
    const char *sep = "";
    printf("{\"items\":[");
    for (unsigned b = 0; b < MID_ITEM_COUNT; b++) {
        if (v->items & (1u << b)) {
            printf("%s\"%s\"", sep, mid_item_id((mid_item)(1u << b)));
            sep = ",";
        }
    }
    printf("]");
    if (v->items & MID_ITEM_PORTRAIT) {
        unsigned pw = 0, ph = 0;
        if (v->portrait_len &&
            mid_portrait_check(v->portrait, v->portrait_len, &pw, &ph) == MID_OK) {
            static char hex[2 * MID_MAX_PORTRAIT_BYTES + 1];
            cli_hex_encode(v->portrait + 2, v->portrait_len - 2u, hex, sizeof hex);
            printf(",\"portrait\":{\"width\":%u,\"height\":%u,\"format\":"
                   "\"grey4\",\"data\":\"%s\"}",
                   pw, ph, hex);
            mid_wipe(hex, sizeof hex);
        } else {
            printf(",\"portrait\":null");
        }
        printf(",\"portrait_unavailable\":%s",
               v->portrait_unavailable ? "true" : "false");
    }
    if (v->items & MID_ITEM_NAME) {
        printf(",\"name\":");
        cli_json_str(stdout, v->name, strnlen(v->name, sizeof v->name));
    }
    if (v->items & MID_ITEM_RRN) {
        printf(",\"rrn\":");
        cli_json_str(stdout, v->rrn, strnlen(v->rrn, sizeof v->rrn));
    }
    if (v->items & MID_ITEM_ADULT)
        printf(",\"adult\":%s", v->adult ? "true" : "false");
    if (v->items & MID_ITEM_AGE)
        printf(",\"age\":%d", v->age);
    if (v->items & MID_ITEM_BIRTH_DATE)
        json_date("birth_date", v->birth);
    if (v->items & MID_ITEM_ISSUE_DATE)
        json_date("issue_date", v->issue_date);
    if (v->items & MID_ITEM_LICENCE_CLASS) {
        printf(",\"licence_class\":{\"code\":%u,\"ko\":", (unsigned)v->licence_class);
        cli_json_cstr(stdout, mid_licence_class_label(v->licence_class, MID_LANG_KO));
        printf(",\"en\":");
        cli_json_cstr(stdout, mid_licence_class_label(v->licence_class, MID_LANG_EN));
        printf("}");
    }
    if (v->items & MID_ITEM_LICENCE_NUMBER) {
        printf(",\"licence_number\":");
        cli_json_str(stdout, v->licence_number,
                     strnlen(v->licence_number, sizeof v->licence_number));
    }
    if (v->items & MID_ITEM_LICENCE_STATUS)
        printf(",\"licence_status\":\"%s\"", mid_licence_state_id(v->licence_state));
    if (v->items & MID_ITEM_LICENCE_EXPIRY)
        json_date("licence_expiry", v->licence_expiry);
    if (v->items & MID_ITEM_DOCTYPE)
        printf(",\"doctype\":\"%s\"", cli_doctype_name(v->doctype));
    printf("}");
}

static void print_result(const mid_result *res, const mid_request *req,
                         int64_t now, const mid_view *view)
{
    int valid = res->verdict == MID_VERDICT_VALID;
    char iso[CLI_TIME_LEN + 1];
    const char *sep = "";

    printf("{\"verdict\":\"%s\",\"failed_check\":", valid ? "valid" : "invalid");
    if (valid)
        printf("null,\"error\":null");
    else
        printf("\"%s\",\"error\":\"%s\"", mid_check_id_str(res->failed_check),
               mid_err_str(res->err));
    printf(",\"error_code\":%d,\"message_ko\":", (int)res->err);
    cli_json_cstr(stdout, mid_err_message(res->err, MID_LANG_KO));
    printf(",\"message_en\":");
    cli_json_cstr(stdout, mid_err_message(res->err, MID_LANG_EN));
    cli_format_time(now, iso, sizeof iso);
    printf(",\"purpose\":\"%s\",\"time\":%lld,\"time_kst\":\"%s\"",
           mid_purpose_id(req->purpose), (long long)now, iso);
    printf(",\"checks\":[");
    for (int c = 0; c < MID_CHECK_COUNT; c++) {
        printf("%s{\"id\":\"%s\",\"status\":\"%s\",\"error\":", sep,
               mid_check_id_str((mid_check_id)c), check_status(res->checks[c]));
        if (res->checks[c] == MID_CHECK_FAIL)
            printf("\"%s\",\"error_code\":%d}", mid_err_str(res->check_err[c]),
                   (int)res->check_err[c]);
        else
            printf("null,\"error_code\":0}");
        sep = ",";
    }
    printf("],\"revocation_age_s\":%lld,\"revocation_stale_warned\":%s",
           (long long)res->revocation_age_s, res->revocation_stale_warned ? "true" : "false");
    printf(",\"view\":");
    if (valid && view)
        print_view(view);
    else
        printf("null");
    printf("}\n");
}

/* Reads the QR text from stdin: one line, the newline dropped. */
static mid_err read_stdin(uint8_t *buf, size_t cap, size_t *len)
{
    size_t n = fread(buf, 1, cap, stdin);
    if (ferror(stdin))
        return MID_ERR_IO;
    if (n > 0 && buf[n - 1] == '\n')
        n--;
    if (n > 0 && buf[n - 1] == '\r')
        n--;
    *len = n;
    return MID_OK;
}

static mid_err scan_image(const char *path, uint8_t *out, size_t cap,
                          size_t *len, const char **what)
{
    qrimg_luma img = {0, 0, NULL};
    mid_zbar_config cfg;
    mid_decoder *dec = NULL;
    mid_frame fr;
    mid_err err;

    *what = "cannot read the image";
    if ((err = qrimg_image_read(path, &img)) != MID_OK)
        return err;
    memset(&fr, 0, sizeof fr);
    fr.luma = img.px;
    fr.width = img.w;
    fr.height = img.h;
    fr.stride = img.w;
    *what = "QR decoder";
    mid_zbar_config_default(&cfg);
    /* a second pass with the decoder's blur helps noisy photos */
    for (int pass = 0; pass < 2; pass++) {
        cfg.prefilter_blur = pass;
        if ((err = mid_decoder_zbar_create(&cfg, &dec)) != MID_OK)
            break;
        err = mid_decoder_scan(dec, &fr, out, cap, len);
        mid_decoder_destroy(dec);
        dec = NULL;
        if (err != MID_ERR_NO_CODE)
            break;
    }
    if (err == MID_ERR_NO_CODE)
        *what = "no QR code found in the image";
    else if (err == MID_ERR_MULTIPLE_CODES)
        *what = "more than one QR code in the image";
    qrimg_luma_free(&img);
    return err;
}

int main(int argc, char **argv)
{
    const char *root_path = NULL, *trust_path = NULL, *rev_path = NULL;
    const char *purpose_s = NULL, *time_s = NULL, *fresh_s = NULL;
    const char *skew_s = NULL, *floor_s = NULL, *text = NULL, *image = NULL;
    const char *rmax_s = NULL, *rmax_age_s = NULL, *rpolicy_s = NULL;
    int use_now = 0, use_stdin = 0, show_rrn = 0, r, rc = 2;
    uint8_t root_pub[MID_P256_POINT_LEN];
    uint8_t *trust_buf = NULL, *rev_buf = NULL;
    size_t trust_len = 0, rev_len = 0, qr_len = 0;
    static uint8_t qr[STDIN_CAP + 1];
    static mid_trust_store trust;
    static mid_verify_ctx ctx;
    static mid_result res;
    static mid_view view;
    mid_revocation rev;
    mid_verify_config cfg;
    mid_request req;
    int64_t now = 0, v;
    mid_err err;
    const cli_optdef opts[] = {{"--root", &root_path, NULL},
                               {"--trust", &trust_path, NULL},
                               {"--revocation", &rev_path, NULL},
                               {"--purpose", &purpose_s, NULL},
                               {"--time", &time_s, NULL},
                               {"--freshness", &fresh_s, NULL},
                               {"--skew", &skew_s, NULL},
                               {"--build-floor", &floor_s, NULL},
                               {"--image", &image, NULL},
                               {"--now", NULL, &use_now},
                               {"--stdin", NULL, &use_stdin},
                               {"--show-rrn", NULL, &show_rrn},
                               {"--revocation-max-hours", &rmax_s, NULL},
                               {"--revocation-max-age", &rmax_age_s, NULL},
                               {"--revocation-policy", &rpolicy_s, NULL},
                               {NULL, NULL, NULL}};

    mid_verify_config_default(&cfg);
    for (int i = 1; i < argc; i++) {
        /* --text has no length bound here: longer than any QR is the
         * verifier's FORMAT / too large, exactly as on --stdin */
        if ((r = cli_opt_unbounded(argc, argv, &i, "--text", &text)) != 0) {
            if (r < 0)
                return 2;
        } else if ((r = cli_opts(argc, argv, &i, opts)) != 0) {
            if (r < 0)
                return 2;
        } else if (cli_flag(argv[i], "--help") || cli_flag(argv[i], "-h")) {
            usage(stdout);
            return 0;
        } else {
            return bad_usage("unknown argument");
        }
    }
    if (!root_path || !trust_path || !purpose_s)
        return bad_usage("--root, --trust and --purpose are required");
    if (!!time_s + use_now != 1)
        return bad_usage("give exactly one of --time T and --now");
    if (!!text + use_stdin + !!image != 1)
        return bad_usage("give exactly one of --text, --stdin and --image");
    if (cli_parse_purpose(purpose_s, &req) != MID_OK)
        return bad_usage("bad --purpose");
    req.rrn_show_full = show_rrn;
    if (time_s && cli_parse_time(time_s, &now))
        return bad_usage("bad --time");
    if (use_now)
        now = (int64_t)time(NULL);
    if (fresh_s) {
        if (cli_parse_i64(fresh_s, 1, 86400, &v))
            return bad_usage("bad --freshness (1 to 86400 seconds)");
        cfg.freshness_s = v;
    }
    if (skew_s) {
        if (cli_parse_i64(skew_s, 0, 3600, &v))
            return bad_usage("bad --skew (0 to 3600 seconds)");
        cfg.skew_s = v;
    }
    if (floor_s && cli_parse_time(floor_s, &cfg.build_floor))
        return bad_usage("bad --build-floor");
    /* the kiosk's kiosk.conf revocation_max_hours / revocation_policy */
    if (rmax_s) {
        if (cli_parse_i64(rmax_s, 0, 87600, &v))
            return bad_usage("bad --revocation-max-hours (0 = no age limit, to 87600)");
        cfg.revocation_max_s = v * 3600;
    }
    /* the same limit in seconds, as the test vectors state it */
    if (rmax_age_s) {
        if (rmax_s)
            return bad_usage("give at most one of --revocation-max-hours and --revocation-max-age");
        if (cli_parse_i64(rmax_age_s, 0, (int64_t)87600 * 3600, &v))
            return bad_usage("bad --revocation-max-age (seconds; 0 = no age limit)");
        cfg.revocation_max_s = v;
    }
    if (rpolicy_s) {
        if (strcmp(rpolicy_s, "fail") != 0 && strcmp(rpolicy_s, "warn") != 0)
            return bad_usage("bad --revocation-policy (fail or warn)");
        cfg.revocation_warn_only = rpolicy_s[0] == 'w';
    }

    if ((err = mid_crypto_init()) != MID_OK)
        return emit_error(err, "crypto init failed");
    if ((err = mid_pub_load_pem(root_path, root_pub)) != MID_OK) {
        rc = emit_error(err, "cannot load the root public key");
        goto done;
    }
    if ((err = cli_read_file(trust_path, MID_MAX_BUNDLE_BYTES, &trust_buf,
                             &trust_len)) != MID_OK ||
        (err = mid_trust_load(&trust, trust_buf, trust_len, root_pub)) != MID_OK) {
        rc = emit_error(err, "cannot load the trust bundle");
        goto done;
    }
    if (rev_path &&
        ((err = cli_read_file(rev_path, MID_MAX_BUNDLE_BYTES, &rev_buf,
                              &rev_len)) != MID_OK ||
         (err = mid_revocation_load(&rev, rev_buf, rev_len, root_pub)) != MID_OK)) {
        rc = emit_error(err, "cannot load the revocation bundle");
        goto done;
    }
    if ((err = mid_verify_init(&ctx, &trust, rev_path ? &rev : NULL, &cfg)) != MID_OK) {
        rc = emit_error(err, "verifier init failed");
        goto done;
    }

    if (text) {
        qr_len = strlen(text);
        if (qr_len > STDIN_CAP)
            qr_len = STDIN_CAP; /* still over MID_MAX_QR_TEXT: TOO_LARGE */
        memcpy(qr, text, qr_len);
    } else if (use_stdin) {
        if ((err = read_stdin(qr, STDIN_CAP, &qr_len)) != MID_OK) {
            rc = emit_error(err, "cannot read standard input");
            goto done;
        }
    } else {
        const char *what = NULL;
        if ((err = scan_image(image, qr, MID_MAX_QR_TEXT + 1u, &qr_len,
                              &what)) != MID_OK) {
            rc = emit_error(err, what);
            goto done;
        }
    }

    (void)mid_verify(&ctx, qr, qr_len, &req, now, &res);
    if (res.verdict == MID_VERDICT_VALID) {
        err = mid_view_build(&res.claims, &req, now, &view);
        if (err) {
            /* verified, but the claims cannot answer the request on this
             * day (e.g. a birth date after today): not a valid answer */
            mid_result_fail(&res, MID_CHECK_PURPOSE, err);
        }
    }
    print_result(&res, &req, now, &view);
    rc = res.verdict == MID_VERDICT_VALID ? 0 : 1;
    if (fflush(stdout) != 0)
        rc = 2;
done:
    mid_result_wipe(&res);
    mid_view_wipe(&view);
    mid_wipe(qr, sizeof qr);
    free(trust_buf);
    free(rev_buf);
    return rc;
}
