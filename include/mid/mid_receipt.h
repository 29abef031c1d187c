/* mid-kiosk — signed, hash-chained evidence receipts (docs/receipts.md).
 *
 * One receipt per check: a COSE_Sign1 (tag 18, ES256, protected
 * {1: -7, 4: device kid}) whose payload is a deterministic CBOR map of
 * PII-free facts. Receipt n+1 carries seq(n)+1 and SHA-256 of receipt n's
 * whole COSE bytes; the first receipt of a device carries seq 1 and the
 * genesis hash, SHA-256("mid-kiosk receipt genesis v1" || device kid).
 *
 * Pure and allocation-free (core): encoding, strict parsing, the chain
 * rule and a walker over a receipt log's bytes (a CBOR sequence, RFC 8742).
 * Files, fsync and the device key file live in src/app/receipts.c. */
#ifndef MID_RECEIPT_H
#define MID_RECEIPT_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"
#include "mid_limits.h"
#include "mid_purpose.h"
#include "mid_verify.h"

#define MID_RECEIPT_VERSION 1u
#define MID_RECEIPT_KIOSK_ID_MAX 31u /* bytes, printable ASCII */
#define MID_RECEIPT_TXN_MAX 64u      /* POS transaction id, [A-Za-z0-9._:-] */
#define MID_RECEIPT_CRED_TAG_LEN 16u /* keyed hash of the credential id */
#define MID_RECEIPT_MAX_PAYLOAD 256u /* largest payload the encoder makes is ~190 */
#define MID_RECEIPT_MAX_COSE 384u    /* payload + 8+64+~20 bytes of envelope */

/* Payload keys (all small unsigned integers, so ascending = CBOR order). */
enum {
    MID_RK_VERSION = 1,
    MID_RK_KIOSK = 2,
    MID_RK_TIME = 3,
    MID_RK_PURPOSE = 4,
    MID_RK_VERDICT = 5,
    MID_RK_CHECK = 6, /* only when the verdict is invalid */
    MID_RK_ERROR = 7, /* only when the verdict is invalid */
    MID_RK_DECISION = 8,
    MID_RK_TXN = 9, /* optional */
    MID_RK_PREV = 10,
    MID_RK_SEQ = 11,
    MID_RK_TRUST_SEQ = 12,
    MID_RK_REVOCATION_SEQ = 13,
    MID_RK_CRED_TAG = 14 /* optional, only when the deployer configured it */
};

/* What the purpose decided, without the data it was decided from. */
typedef enum mid_decision {
    MID_DECISION_NONE = 0, /* verdict invalid: nothing decided */
    MID_DECISION_ADULT = 1,
    MID_DECISION_MINOR = 2,
    MID_DECISION_IDENTIFIED = 3, /* real-name check: the ID is valid */
    MID_DECISION_LICENCE_VALID = 4,
    MID_DECISION_LICENCE_SUSPENDED = 5,
    MID_DECISION_LICENCE_EXPIRED = 6,
    MID_DECISION_LICENCE_CANCELLED = 7,
    MID_DECISION_SHOWN = 8, /* custom check: items were shown */
    MID_DECISION_COUNT = 9
} mid_decision;

/* "adult", "minor", "identified", "licence_valid", ... */
const char *mid_decision_id(mid_decision d);

typedef struct mid_receipt {
    uint32_t version; /* MID_RECEIPT_VERSION */
    char kiosk_id[MID_RECEIPT_KIOSK_ID_MAX + 1];
    int64_t time; /* Unix seconds, >= 0 */
    mid_purpose purpose;
    mid_verdict verdict;
    mid_check_id failed_check;         /* when INVALID */
    mid_err err;                       /* when INVALID, 1..999 */
    mid_decision decision;             /* NONE iff INVALID */
    char txn[MID_RECEIPT_TXN_MAX + 1]; /* "" = no POS transaction */
    uint8_t prev[MID_SHA256_LEN];
    uint64_t seq;            /* >= 1 */
    uint64_t trust_seq;      /* 0 = no trust list installed */
    uint64_t revocation_seq; /* 0 = no revocation list */
    int has_cred_tag;
    uint8_t cred_tag[MID_RECEIPT_CRED_TAG_LEN];
} mid_receipt;

/* The decision a verified check reached: from the view's items (adult
 * flag, licence state), NONE for an invalid verdict. view may be NULL for
 * an invalid result. */
mid_decision mid_receipt_decision(mid_purpose purpose, const mid_result *r,
                                  const mid_view *view);

/* Fills the check facts of a receipt from a result (version, kiosk id,
 * seq and prev are the log's business). txn may be NULL. */
mid_err mid_receipt_from_result(mid_receipt *out, int64_t now,
                                mid_purpose purpose, const mid_result *r,
                                const mid_view *view, const char *txn,
                                uint64_t trust_seq, uint64_t revocation_seq);

/* Transaction id rule shared with the POS protocol: 1..64 of
 * [A-Za-z0-9._:-]. Returns 1 when valid. */
int mid_receipt_txn_valid(const char *s, size_t len);

/* HMAC-SHA256(key, credential id) cut to 16 bytes: lets a deployer who
 * holds the key link receipts to a credential it already knows, without
 * the receipt naming it (docs/receipts.md, "privacy"). */
mid_err mid_receipt_cred_tag(const uint8_t *key, size_t key_len,
                             const uint8_t cred_id[MID_CRED_ID_LEN],
                             uint8_t out[MID_RECEIPT_CRED_TAG_LEN]);

/* Deterministic payload; every field checked as the parser would. */
mid_err mid_receipt_encode(const mid_receipt *r, uint8_t *out, size_t cap,
                           size_t *len);
/* Strict payload parse: deterministic CBOR, version 1, every required key,
 * no unknown key, every value in range, the invalid/valid rules. */
mid_err mid_receipt_parse(const uint8_t *payload, size_t len, mid_receipt *out);

/* Encodes and signs r with the device private key as a COSE_Sign1. */
mid_err mid_receipt_sign(const mid_receipt *r,
                         const uint8_t priv[MID_P256_COORD_LEN],
                         const uint8_t kid[MID_KID_LEN], uint8_t *out,
                         size_t cap, size_t *len);

/* Checks one COSE receipt against the device public key, in this order:
 * envelope (malformed), kid (FOREIGN), signature (SIG: altered), then the
 * payload is parsed (never before the signature holds). */
mid_err mid_receipt_verify(const uint8_t *cose, size_t len,
                           const uint8_t pub[MID_P256_POINT_LEN],
                           mid_receipt *out);

/* SHA-256("mid-kiosk receipt genesis v1" || kid): prev of receipt seq 1. */
mid_err mid_receipt_genesis(const uint8_t kid[MID_KID_LEN],
                            uint8_t out[MID_SHA256_LEN]);
/* SHA-256 of a receipt's whole COSE bytes (the next one's prev). */
mid_err mid_receipt_hash(const uint8_t *cose, size_t len,
                         uint8_t out[MID_SHA256_LEN]);

/* The chain rule as a small state machine. */
typedef struct mid_receipt_chain {
    int started;       /* a receipt has been accepted */
    uint64_t next_seq; /* seq the next receipt must carry */
    uint8_t next_prev[MID_SHA256_LEN];
    uint8_t kid[MID_KID_LEN];
} mid_receipt_chain;

/* Expecting seq 1 with the genesis prev of this device. */
mid_err mid_receipt_chain_init(mid_receipt_chain *c,
                               const uint8_t kid[MID_KID_LEN]);
/* A chain that accepts whatever seq the first receipt carries (an export
 * that starts mid-chain, a POS's collection); later ones must follow. */
void mid_receipt_chain_init_any(mid_receipt_chain *c,
                                const uint8_t kid[MID_KID_LEN]);
/* GAP: seq too high; ORDER: seq too low or repeated; PREV: seq right but
 * prev differs. On MID_OK the chain moves on to this receipt. When
 * allow_gaps is set (a POS's own subset of a kiosk's receipts) a higher
 * seq is accepted and only the link between consecutive seqs is checked. */
mid_err mid_receipt_chain_check(mid_receipt_chain *c, const mid_receipt *r,
                                const uint8_t *cose, size_t len,
                                int allow_gaps);

/* Walks a receipt log (a CBOR sequence of COSE receipts) record by record.
 * On MID_OK with *end 0, *rec and *rec_len are the next whole item and *off
 * moves past it; MID_OK with *end 1 at the end of the buffer; MID_ERR_RECEIPT_TORN when the rest of the
 * buffer is a cut-off item (or zero fill) no longer than one receipt, the
 * trace of a power cut during an append; MID_ERR_RECEIPT_RECORD for
 * anything else that is not a well-formed item of at most
 * MID_RECEIPT_MAX_COSE bytes. */
mid_err mid_receipt_next(const uint8_t *buf, size_t len, size_t *off,
                         const uint8_t **rec, size_t *rec_len, int *end);

/* Result of checking a whole log buffer: counts and the first problem. */
typedef struct mid_receipt_report {
    uint64_t records; /* whole, good records before the first problem */
    uint64_t first_seq, last_seq;
    mid_err err;                       /* MID_OK or the first problem */
    uint64_t bad_index;                /* 1-based record number of the problem */
    size_t bad_offset;                 /* byte offset of the problem in the buffer */
    uint64_t bad_seq;                  /* seq the bad record carried, 0 if unreadable */
    uint64_t want_seq;                 /* seq expected there */
    size_t good_len;                   /* bytes of whole good records (a truncation point) */
    uint8_t last_hash[MID_SHA256_LEN]; /* hash of the last good record */
} mid_receipt_report;

/* Checks every record of buf against pub and the chain c (which carries
 * over between the files of one export). index_base numbers the records
 * (records before this buffer). Stops at the first problem. */
mid_err mid_receipt_check_log(mid_receipt_chain *c,
                              const uint8_t pub[MID_P256_POINT_LEN],
                              const uint8_t *buf, size_t len,
                              uint64_t index_base, int allow_gaps,
                              mid_receipt_report *rep);

#endif
