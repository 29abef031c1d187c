/* mid-kiosk — the device key and the receipt log on the data partition
 * (docs/receipts.md). The core (mid_receipt.h) encodes, signs and checks
 * receipts; this file keeps them:
 *
 *   mid_devkey key;  mid_receipts log;  mid_receipt r;
 *   mid_devkey_load_or_create("/data/mid/device.key.pem", &key, &created);
 *   mid_receipts_open(&log, "/data/mid/receipts", cfg.kiosk_id, &key);
 *   ... per check:
 *   mid_receipt_from_result(&r, now, purpose, &result, &view, txn,
 *                           trust.seq, revocation.seq);
 *   mid_receipts_append(&log, &r, cose, sizeof cose, &cose_len);
 *   ... cose/cose_len go to the POS in the result message.
 *
 * Files: receipts-YYYYMMDD.cbor, one per KST day, each a CBOR sequence
 * (RFC 8742) of COSE receipts; the chain runs on across days and restarts.
 * Every append is one write() and an fdatasync() before the call returns,
 * so a receipt handed to a POS is on disk. Opening the log cuts off a torn
 * last record (a power cut during an append) and continues the chain from
 * the last whole one. */
#ifndef MID_RECEIPTS_H
#define MID_RECEIPTS_H

#include <stddef.h>
#include <stdint.h>

#include "mid_config.h"
#include "mid_receipt.h"

#define MID_DEVKEY_FPR_LEN 19u      /* "1a2b 3c4d 5e6f 7a8b" */
#define MID_RECEIPTS_MAX_DAYS 4096u /* day files looked at when opening */

typedef struct mid_devkey {
    uint8_t priv[MID_P256_COORD_LEN];
    uint8_t pub[MID_P256_POINT_LEN];
    uint8_t kid[MID_KID_LEN];
} mid_devkey;

/* Loads the device key from path (PEM, SEC1), or, only when the file does
 * not exist, creates a new P-256 key there with mode 0600 (written to a
 * temp file and hard-linked into place, so an existing key is never
 * overwritten, even by a concurrent first boot). A file that exists but
 * cannot be read or parsed is MID_ERR_DEVKEY and is left alone: replacing
 * it would silently give the kiosk a new identity. A key file readable by
 * group or others is tightened to 0600. *created (may be NULL) says which. */
mid_err mid_devkey_load_or_create(const char *path, mid_devkey *key,
                                  int *created);
/* The public half as PEM (SubjectPublicKeyInfo), written atomically: what
 * provisioning exports and `mid-log verify --device-key` reads. */
mid_err mid_devkey_export_pub(const mid_devkey *key, const char *path);
/* The key id (first 8 bytes of SHA-256 of the public point, as for every
 * key in this project) in four groups of hex, for the status screen. */
void mid_devkey_fingerprint(const uint8_t pub[MID_P256_POINT_LEN], char *out,
                            size_t cap);
void mid_devkey_wipe(mid_devkey *key);

typedef struct mid_receipts {
    char dir[MID_CONFIG_PATH_MAX];
    char kiosk_id[MID_RECEIPT_KIOSK_ID_MAX + 1];
    mid_devkey key;
    uint32_t day;                 /* KST YYYYMMDD of the open file, 0 none */
    uint32_t newest_day;          /* newest day file found or written */
    int fd;                       /* -1: no file open */
    uint64_t size;                /* bytes of whole records in the open file */
    uint64_t next_seq;            /* seq of the next receipt */
    uint8_t prev[MID_SHA256_LEN]; /* its prev hash */
    uint64_t appended;            /* since open */
    uint64_t failed;              /* appends that could not be written */
    uint64_t torn_bytes;          /* bytes of torn tail cut off by open */
} mid_receipts;

/* Finds the newest day file, cuts a torn tail, and takes the chain head
 * from its last whole record (an older day's file when the newest holds
 * none; genesis when there is none). MID_ERR_RECEIPT_RECORD when a file
 * is damaged before its end (not the trace of a power cut): the log is not
 * touched and stays closed, so nothing is appended after damage.
 * MID_ERR_RECEIPT_FOREIGN when the last record is another device key's
 * (the key file was replaced): also untouched and closed. */
mid_err mid_receipts_open(mid_receipts *log, const char *dir,
                          const char *kiosk_id, const mid_devkey *key);
/* Numbers, chains, signs and durably appends one receipt. r holds the
 * check facts (mid_receipt_from_result); version, kiosk id, seq and prev
 * are set here and written back into *r. The file is the one of r->time's
 * KST day, or the newest day file if the clock has gone back (the chain
 * never goes back to an older file). On failure nothing is appended and
 * the chain does not move. */
mid_err mid_receipts_append(mid_receipts *log, mid_receipt *r, uint8_t *out,
                            size_t cap, size_t *len);
void mid_receipts_close(mid_receipts *log);
/* Copies every receipts-*.cbor to dest_dir as KIOSK-receipts-DAY.cbor
 * (atomically, synced) and the public key as KIOSK-device.pub.pem.
 * Returns the number of day files copied or -1. */
int mid_receipts_export(const mid_receipts *log, const char *dest_dir);

#endif
