/* mid-log — checks a kiosk's signed receipt log offline (docs/receipts.md,
 * docs/man/mid-log.1): an export from the USB stick, or the receipts a
 * point-of-sale system collected. Reports the first missing, reordered,
 * altered or foreign record by number. Receipts carry no personal data,
 * so `show` may print everything in them.
 * Exit status: 0 the chain holds, 1 a bad record, 2 usage or system error. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cli.h"
#include "mid/mid_files.h"
#include "mid/mid_receipt.h"
#include "mid/mid_receipts.h"

#define PROG "mid-log"
#define FILE_CAP (16u * 1024u * 1024u) /* ~55,000 receipts in one day file */

static void usage(FILE *f)
{
    fputs("usage: mid-log verify --device-key PUB.pem [--genesis] [--subset] FILE...\n"
          "       mid-log show FILE...\n"
          "       mid-log fingerprint --device-key PUB.pem\n"
          "       mid-log sample --key KEY.pem --dir DIR [--count N] [--kiosk ID]\n"
          "                      [--time T] [--pub PUB.pem]\n"
          "FILE: receipts-YYYYMMDD.cbor (a kiosk's day files, oldest first; the\n"
          "      chain runs on from one file into the next) or a POS's collection.\n"
          "--genesis  the first record must be the device's very first (seq 1)\n"
          "--subset   a POS's own receipts: seq gaps are allowed, order and the\n"
          "           links between consecutive receipts are still checked\n"
          "Exit: 0 chain holds, 1 bad record, 2 usage or system error. See mid-log(1).\n",
          f);
}

static int bad_usage(const char *why)
{
    return cli_usage_error(PROG, usage, why);
}

/* The four words, then the detail. */
static const char *kind_of(mid_err err)
{
    switch (err) {
    case MID_ERR_RECEIPT_GAP:
        return "missing";
    case MID_ERR_RECEIPT_ORDER:
        return "reordered";
    case MID_ERR_RECEIPT_PREV:
        return "missing or reordered";
    case MID_ERR_RECEIPT_FOREIGN:
        return "foreign";
    case MID_ERR_RECEIPT_TORN:
        return "incomplete";
    default:
        return "altered";
    }
}

static void explain(const mid_receipt_report *rep, const uint8_t *rec, size_t len,
                    const uint8_t *pub)
{
    char hex[2 * MID_KID_LEN + 1];
    switch (rep->err) {
    case MID_ERR_RECEIPT_GAP:
        printf("expected seq %llu, found seq %llu: %llu receipt(s) missing before it",
               (unsigned long long)rep->want_seq, (unsigned long long)rep->bad_seq,
               (unsigned long long)(rep->bad_seq - rep->want_seq));
        break;
    case MID_ERR_RECEIPT_ORDER:
        printf("expected seq %llu, found seq %llu (out of order or repeated)",
               (unsigned long long)rep->want_seq, (unsigned long long)rep->bad_seq);
        break;
    case MID_ERR_RECEIPT_PREV:
        printf("seq %llu does not link to the record before it (previous-receipt hash "
               "differs: a receipt before it was removed, replaced or moved)",
               (unsigned long long)rep->bad_seq);
        break;
    case MID_ERR_RECEIPT_FOREIGN: {
        mid_cbor_reader r;
        mid_cose_sign1 m;
        uint8_t kid[MID_KID_LEN];
        mid_cbor_reader_init(&r, rec, len);
        if (mid_cose_sign1_read(&r, 1, &m) == MID_OK && mid_kid_of(pub, kid) == MID_OK) {
            cli_hex_encode(m.kid, MID_KID_LEN, hex, sizeof hex);
            printf("signed by key id %s", hex);
            cli_hex_encode(kid, MID_KID_LEN, hex, sizeof hex);
            printf(", not by this device (%s)", hex);
        } else {
            printf("signed by another key");
        }
        break;
    }
    case MID_ERR_RECEIPT_SIG:
        printf("signature does not verify: the record was changed after signing");
        break;
    default:
        printf("not a well-formed receipt (%s)", mid_err_str(rep->err));
        break;
    }
}

/* After a gap: does the expected seq turn up later in the same file?
 * Then the records were reordered, not removed. Returns its record
 * number (1-based, as reported) or 0. */
static uint64_t find_later(const uint8_t *buf, size_t len, size_t from, uint64_t index,
                           uint64_t want, const uint8_t *pub)
{
    size_t off = from;
    for (;;) {
        const uint8_t *rec;
        size_t rl;
        int end;
        mid_receipt r;
        if (mid_receipt_next(buf, len, &off, &rec, &rl, &end) != MID_OK || end)
            return 0;
        index++;
        if (mid_receipt_verify(rec, rl, pub, &r) == MID_OK && r.seq == want)
            return index;
    }
}

static int cmd_verify(int argc, char **argv)
{
    const char *key_path = NULL;
    int genesis = 0, subset = 0, i, r, rc = 0;
    const cli_optdef opts[] = {{"--device-key", &key_path, NULL},
                               {"--genesis", NULL, &genesis},
                               {"--subset", NULL, &subset},
                               {NULL, NULL, NULL}};
    const char *files[256];
    size_t nfiles = 0, f;
    uint8_t pub[MID_P256_POINT_LEN], kid[MID_KID_LEN];
    char fpr[MID_DEVKEY_FPR_LEN + 1];
    mid_receipt_chain chain;
    uint64_t index = 0, first_seq = 0, last_seq = 0;
    mid_err err;

    for (i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 1)
            continue;
        if (argv[i][0] == '-')
            return bad_usage("unknown option");
        if (nfiles == sizeof files / sizeof files[0])
            return bad_usage("too many files");
        files[nfiles++] = argv[i];
    }
    if (!key_path)
        return bad_usage("--device-key is required");
    if (nfiles == 0)
        return bad_usage("no receipt file given");
    if (genesis && subset)
        return bad_usage("--genesis and --subset exclude each other");
    if ((err = mid_pub_load_pem(key_path, pub)) != MID_OK || (err = mid_kid_of(pub, kid)) != MID_OK) {
        cli_error(PROG, err, "cannot read the device key %s", key_path);
        return 2;
    }
    mid_devkey_fingerprint(pub, fpr, sizeof fpr);
    printf("device key %s\n", fpr);
    if (genesis)
        mid_receipt_chain_init(&chain, kid);
    else
        mid_receipt_chain_init_any(&chain, kid);
    for (f = 0; f < nfiles && rc == 0; f++) {
        uint8_t *buf = NULL;
        size_t len = 0;
        mid_receipt_report rep;
        if ((err = cli_read_file(files[f], FILE_CAP, &buf, &len)) != MID_OK) {
            cli_error(PROG, err, "cannot read %s", files[f]);
            return 2;
        }
        mid_receipt_check_log(&chain, pub, buf, len, index, subset, &rep);
        if (rep.records && first_seq == 0)
            first_seq = rep.first_seq;
        if (rep.records)
            last_seq = rep.last_seq;
        index += rep.records;
        printf("%s: %llu record(s)", files[f], (unsigned long long)rep.records);
        if (rep.records)
            printf(", seq %llu..%llu", (unsigned long long)rep.first_seq,
                   (unsigned long long)rep.last_seq);
        printf("\n");
        if (rep.err == MID_ERR_RECEIPT_TORN) {
            /* a power cut during the kiosk's last append: the chain up to
             * here is whole, the next file may go on from it */
            printf("%s: warning: ends with %zu byte(s) of an incomplete record "
                   "(power cut while writing); verified up to record %llu\n",
                   files[f], len - rep.good_len, (unsigned long long)index);
        } else if (rep.err != MID_OK) {
            const uint8_t *rec = buf + rep.bad_offset;
            size_t rlen = len - rep.bad_offset;
            printf("record %llu (%s, byte %zu): %s: ", (unsigned long long)rep.bad_index,
                   files[f], rep.bad_offset, kind_of(rep.err));
            explain(&rep, rec, rlen < MID_RECEIPT_MAX_COSE ? rlen : MID_RECEIPT_MAX_COSE, pub);
            if (rep.err == MID_ERR_RECEIPT_GAP) {
                uint64_t at = find_later(buf, len, rep.bad_offset, rep.bad_index - 1u,
                                         rep.want_seq, pub);
                if (at) {
                    printf("; seq %llu comes later, at record %llu: reordered",
                           (unsigned long long)rep.want_seq, (unsigned long long)at);
                    rep.err = MID_ERR_RECEIPT_ORDER;
                }
            }
            printf("\nFAIL: the first %llu record(s) verify; record %llu is %s\n",
                   (unsigned long long)index, (unsigned long long)rep.bad_index,
                   kind_of(rep.err));
            rc = 1;
        }
        cli_free_wiped(buf, len);
    }
    if (rc == 0) {
        if (index == 0) {
            printf("FAIL: no receipt in the files\n");
            return 1;
        }
        printf("OK: %llu record(s), seq %llu..%llu, chained and signed by this device",
               (unsigned long long)index, (unsigned long long)first_seq,
               (unsigned long long)last_seq);
        if (!subset && first_seq > 1)
            printf(" (starts at seq %llu: earlier receipts are not in these files)",
                   (unsigned long long)first_seq);
        if (subset)
            printf(" (a subset: gaps between receipts were allowed)");
        printf("\n");
    }
    return rc;
}

static void show_one(const mid_receipt *r)
{
    char t[CLI_TIME_LEN + 1];
    cli_format_time(r->time, t, sizeof t);
    printf("%llu %s %s %s %s %s %d %s %s trust=%llu revocation=%llu%s\n",
           (unsigned long long)r->seq, t, r->kiosk_id, mid_purpose_id(r->purpose),
           r->verdict == MID_VERDICT_VALID ? "valid" : "invalid",
           r->verdict == MID_VERDICT_VALID ? "-" : mid_check_id_str(r->failed_check),
           (int)r->err, mid_decision_id(r->decision), r->txn[0] ? r->txn : "-",
           (unsigned long long)r->trust_seq, (unsigned long long)r->revocation_seq,
           r->has_cred_tag ? " cred_tag" : "");
}

/* Prints the records as they are, without checking signatures: to read a
 * log, not to trust it (that is `verify`). */
static int cmd_show(int argc, char **argv)
{
    int i, rc = 0;
    if (argc == 0)
        return bad_usage("no receipt file given");
    printf("# seq time kiosk purpose verdict check error decision transaction (NOT verified: "
           "use mid-log verify)\n");
    for (i = 0; i < argc; i++) {
        uint8_t *buf = NULL;
        size_t len = 0, off = 0;
        mid_err err;
        if (argv[i][0] == '-')
            return bad_usage("unknown option");
        if ((err = cli_read_file(argv[i], FILE_CAP, &buf, &len)) != MID_OK) {
            cli_error(PROG, err, "cannot read %s", argv[i]);
            return 2;
        }
        for (;;) {
            const uint8_t *rec;
            size_t rl;
            int end;
            mid_cbor_reader rd;
            mid_cose_sign1 m;
            mid_receipt r;
            err = mid_receipt_next(buf, len, &off, &rec, &rl, &end);
            if (err == MID_OK && end)
                break;
            if (err == MID_OK) {
                mid_cbor_reader_init(&rd, rec, rl);
                err = mid_cose_sign1_read(&rd, 1, &m);
            }
            if (err == MID_OK)
                err = mid_receipt_parse(m.payload, m.payload_len, &r);
            if (err != MID_OK) {
                printf("%s: byte %zu: %s\n", argv[i], off, mid_err_str(err));
                rc = 1;
                break;
            }
            show_one(&r);
        }
        cli_free_wiped(buf, len);
    }
    return rc;
}

/* Synthetic receipts through the kiosk's own log code (mid_receipts_*):
 * for testing a POS integration or mid-log itself. The key is created
 * (0600) when KEY.pem does not exist, exactly as on a kiosk's first boot. */
static int cmd_sample(int argc, char **argv)
{
    const char *key_path = NULL, *dir = NULL, *count_s = "3", *kiosk = "KIOSK-0001";
    const char *time_s = NULL, *pub_path = NULL;
    const cli_optdef opts[] = {{"--key", &key_path, NULL}, {"--dir", &dir, NULL}, {"--count", &count_s, NULL}, {"--kiosk", &kiosk, NULL}, {"--time", &time_s, NULL}, {"--pub", &pub_path, NULL}, {NULL, NULL, NULL}};
    static mid_receipts log;
    mid_devkey key;
    uint64_t count, k;
    int64_t t = 1795662000; /* 2026-11-26T12:00:00+09:00 */
    int i, r, created = 0, rc = 2;
    mid_err err;

    for (i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return bad_usage("unknown argument");
    }
    if (!key_path || !dir)
        return bad_usage("--key and --dir are required");
    if (cli_parse_u64(count_s, 100000, &count) != MID_OK)
        return bad_usage("--count: 0..100000");
    if (time_s && cli_parse_time(time_s, &t) != MID_OK)
        return bad_usage("--time: a time");
    if ((err = mid_devkey_load_or_create(key_path, &key, &created)) != MID_OK) {
        cli_error(PROG, err, "device key %s", key_path);
        return 2;
    }
    if (pub_path && (err = mid_devkey_export_pub(&key, pub_path)) != MID_OK) {
        cli_error(PROG, err, "cannot write %s", pub_path);
        goto done;
    }
    if ((err = mid_receipts_open(&log, dir, kiosk, &key)) != MID_OK) {
        cli_error(PROG, err, "cannot open the receipt log in %s", dir);
        goto done;
    }
    if (log.torn_bytes)
        printf("cut %llu byte(s) of an incomplete last record\n",
               (unsigned long long)log.torn_bytes);
    for (k = 0; k < count; k++) {
        mid_result res;
        mid_view v;
        mid_receipt rec;
        uint8_t cose[MID_RECEIPT_MAX_COSE];
        size_t len;
        char txn[32];
        memset(&res, 0, sizeof res);
        memset(&v, 0, sizeof v);
        /* every third check fails as a replay, the others are adults */
        res.verdict = k % 3u == 2u ? MID_VERDICT_INVALID : MID_VERDICT_VALID;
        res.failed_check = MID_CHECK_REPLAY;
        res.err = MID_ERR_REPLAY;
        v.items = MID_ITEM_ADULT;
        v.adult = 1;
        snprintf(txn, sizeof txn, "SAMPLE-%llu", (unsigned long long)k);
        if ((err = mid_receipt_from_result(&rec, t + (int64_t)k * 60, MID_PURPOSE_ADULT, &res,
                                           &v, txn, 1, 1)) != MID_OK ||
            (err = mid_receipts_append(&log, &rec, cose, sizeof cose, &len)) != MID_OK) {
            cli_error(PROG, err, "append failed");
            mid_receipts_close(&log);
            goto done;
        }
    }
    printf("%s key, next seq %llu\n", created ? "new" : "existing",
           (unsigned long long)log.next_seq);
    mid_receipts_close(&log);
    rc = 0;
done:
    mid_devkey_wipe(&key);
    return rc;
}

static int cmd_fingerprint(int argc, char **argv)
{
    const char *key_path = NULL;
    const cli_optdef opts[] = {{"--device-key", &key_path, NULL}, {NULL, NULL, NULL}};
    uint8_t pub[MID_P256_POINT_LEN];
    char fpr[MID_DEVKEY_FPR_LEN + 1];
    int i, r;
    mid_err err;
    for (i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return bad_usage("unknown argument");
    }
    if (!key_path)
        return bad_usage("--device-key is required");
    if ((err = mid_pub_load_pem(key_path, pub)) != MID_OK) {
        cli_error(PROG, err, "cannot read the device key %s", key_path);
        return 2;
    }
    mid_devkey_fingerprint(pub, fpr, sizeof fpr);
    printf("%s\n", fpr);
    return 0;
}

int main(int argc, char **argv)
{
    static const cli_command commands[] = {{"verify", cmd_verify},
                                           {"show", cmd_show},
                                           {"fingerprint", cmd_fingerprint},
                                           {"sample", cmd_sample},
                                           {NULL, NULL}};
    return cli_main(PROG, argc, argv, commands, usage);
}
