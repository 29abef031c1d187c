/* mid-kiosk tools — the resident records file that mid-issue signs from.
 *
 * Tab-separated, UTF-8, one header line naming exactly these columns:
 *   id doctype name rrn issue_date licence_class licence_number
 *   licence_expiry licence_status portrait revoked note
 * Empty lines and lines starting with '#' are skipped. Everything else is
 * checked strictly; an error names the file, the line and the column, but
 * never repeats the value (it may be personal data). */
#ifndef MID_TOOLS_RECORDS_H
#define MID_TOOLS_RECORDS_H

#include <stddef.h>
#include <stdint.h>

#include "common/issue.h"
#include "mid/mid.h"

#define REC_MAX_LINE 1024u /* bytes per line, newline excluded */
#define REC_MAX_FILE (16u * 1024u * 1024u)
#define REC_MAX_RECORDS 100000u
#define REC_MAX_ID 32u /* [A-Za-z0-9_-]: also a file name */
#define REC_MAX_NOTE 255u
#define REC_COLUMNS 12u

typedef struct mid_record {
    unsigned line; /* 1-based line in the file */
    char id[REC_MAX_ID + 1];
    uint8_t doctype; /* mid_doctype */
    char name[MID_MAX_NAME_BYTES + 1];
    char rrn[MID_RRN_DIGITS + 1];
    uint32_t issue_date; /* YYYYMMDD */
    int has_licence;
    mid_licence licence;
    int portrait; /* 1: issue with a generated portrait */
    int revoked;  /* 1: goes on the revocation list */
    char note[REC_MAX_NOTE + 1];
} mid_record;

typedef struct mid_records {
    mid_record *v;
    size_t n;
} mid_records;

/* Parses text (len bytes, need not be NUL-terminated). label names the
 * source in messages. On failure msg holds "label:LINE: column: reason". */
mid_err mid_records_parse(const char *text, size_t len, const char *label,
                          mid_records *out, char *msg, size_t msg_cap);
mid_err mid_records_load(const char *path, mid_records *out, char *msg,
                         size_t msg_cap);
/* Wipes (personal data) and frees. */
void mid_records_free(mid_records *r);

/* The credential id (cti) of a record's card: the first 8 bytes of
 * SHA-256("mid-kiosk/cti/v1" 0x00 id 0x00 issue_date-as-YYYYMMDD). A card
 * re-issued with a new issue date gets a new id, so revoking the old card
 * never hits the new one; the issuer can compute it again from the records
 * alone (mid-issue revoke --records). */
mid_err mid_record_cred_id(const mid_record *rec,
                           uint8_t id[MID_CRED_ID_LEN]);

/* Fills the personal part of a credential input (doctype, name, rrn,
 * issue date, licence). Pointers refer into rec. */
void mid_record_to_input(const mid_record *rec, mid_cred_input *in);

/* Seed for the record's generated portrait (from its id). */
uint32_t mid_record_portrait_seed(const mid_record *rec);

#endif
