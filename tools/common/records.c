/* mid-kiosk tools — strict parser of the resident records file. */
#include "common/records.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "common/cli.h"

static const char *const COLUMNS[REC_COLUMNS] = {
    "id", "doctype", "name", "rrn",
    "issue_date", "licence_class", "licence_number", "licence_expiry",
    "licence_status", "portrait", "revoked", "note"};

enum {
    COL_ID,
    COL_DOCTYPE,
    COL_NAME,
    COL_RRN,
    COL_ISSUE_DATE,
    COL_LIC_CLASS,
    COL_LIC_NUMBER,
    COL_LIC_EXPIRY,
    COL_LIC_STATUS,
    COL_PORTRAIT,
    COL_REVOKED,
    COL_NOTE
};

typedef struct field {
    const char *p;
    size_t len;
} field;

typedef struct parse_ctx {
    const char *label;
    unsigned line;
    char *msg;
    size_t msg_cap;
} parse_ctx;

static mid_err fail(parse_ctx *c, int col, const char *why)
{
    if (c->msg && c->msg_cap) {
        if (col >= 0)
            snprintf(c->msg, c->msg_cap, "%s:%u: column %s: %s", c->label,
                     c->line, COLUMNS[col], why);
        else
            snprintf(c->msg, c->msg_cap, "%s:%u: %s", c->label, c->line, why);
    }
    return MID_ERR_FORMAT;
}

static int eq(field f, const char *s)
{
    size_t n = strlen(s);
    return f.len == n && memcmp(f.p, s, n) == 0;
}

static int all_digits(field f)
{
    for (size_t i = 0; i < f.len; i++) {
        if (f.p[i] < '0' || f.p[i] > '9')
            return 0;
    }
    return f.len > 0;
}

/* UTF-8 text without control characters. */
static int clean_text(field f)
{
    for (size_t i = 0; i < f.len; i++) {
        uint8_t b = (uint8_t)f.p[i];
        if (b < 0x20u || b == 0x7Fu)
            return 0;
    }
    return mid_cbor_utf8_valid((const uint8_t *)f.p, f.len);
}

static mid_err parse_date(parse_ctx *c, int col, field f, uint32_t *out)
{
    uint32_t v = 0;
    mid_date d;
    if (f.len != 8 || !all_digits(f))
        return fail(c, col, "expected a date YYYYMMDD");
    for (size_t i = 0; i < 8; i++)
        v = v * 10u + (uint32_t)(f.p[i] - '0');
    if (mid_date_unpack(v, &d) != MID_OK)
        return fail(c, col, "not a real calendar date");
    *out = v;
    return MID_OK;
}

static mid_err parse_row(parse_ctx *c, field *f, mid_record *r)
{
    mid_rrn_info info;
    mid_date issue;
    mid_err err;

    memset(r, 0, sizeof *r);
    r->line = c->line;

    /* id: also a file name, so a closed alphabet */
    if (f[COL_ID].len == 0 || f[COL_ID].len > REC_MAX_ID)
        return fail(c, COL_ID, "1 to 32 characters");
    for (size_t i = 0; i < f[COL_ID].len; i++) {
        char ch = f[COL_ID].p[i];
        if (!((ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
              (ch >= '0' && ch <= '9') || ch == '_' || ch == '-'))
            return fail(c, COL_ID, "only A-Z a-z 0-9 _ - allowed");
    }
    memcpy(r->id, f[COL_ID].p, f[COL_ID].len);

    if (eq(f[COL_DOCTYPE], "resident"))
        r->doctype = MID_DOC_RESIDENT_CARD;
    else if (eq(f[COL_DOCTYPE], "licence"))
        r->doctype = MID_DOC_DRIVER_LICENCE;
    else
        return fail(c, COL_DOCTYPE, "expected resident or licence");

    if (f[COL_NAME].len == 0 || f[COL_NAME].len > MID_MAX_NAME_BYTES)
        return fail(c, COL_NAME, "1 to 63 bytes of UTF-8");
    if (!clean_text(f[COL_NAME]))
        return fail(c, COL_NAME, "not valid UTF-8 text");
    if (f[COL_NAME].p[0] == ' ' || f[COL_NAME].p[f[COL_NAME].len - 1] == ' ')
        return fail(c, COL_NAME, "leading or trailing space");
    /* the kiosk's own rule: never issue a name every kiosk refuses */
    if (!mid_unicode_name_text_ok((const uint8_t *)f[COL_NAME].p, f[COL_NAME].len))
        return fail(c, COL_NAME, "a character names may not hold (docs/payload-format.md 3.1)");
    memcpy(r->name, f[COL_NAME].p, f[COL_NAME].len);

    if (f[COL_RRN].len != MID_RRN_DIGITS || !all_digits(f[COL_RRN]))
        return fail(c, COL_RRN, "expected 13 digits without a dash");
    if (mid_rrn_parse(f[COL_RRN].p, f[COL_RRN].len, &info) != MID_OK)
        return fail(c, COL_RRN, "birth date or 7th digit invalid");
    memcpy(r->rrn, f[COL_RRN].p, MID_RRN_DIGITS);

    if ((err = parse_date(c, COL_ISSUE_DATE, f[COL_ISSUE_DATE],
                          &r->issue_date)) != MID_OK)
        return err;
    (void)mid_date_unpack(r->issue_date, &issue);
    if (mid_date_cmp(issue, info.birth) < 0)
        return fail(c, COL_ISSUE_DATE, "before the birth date");

    if (r->doctype == MID_DOC_DRIVER_LICENCE) {
        field cls = f[COL_LIC_CLASS], num = f[COL_LIC_NUMBER];
        r->has_licence = 1;
        if (cls.len != 1 || cls.p[0] < '1' ||
            cls.p[0] > (char)('0' + MID_LIC_CLASS_MAX))
            return fail(c, COL_LIC_CLASS, "expected 1 to 9");
        r->licence.cls = (uint8_t)(cls.p[0] - '0');
        if (num.len == 0 || num.len > MID_MAX_LICENCE_NO)
            return fail(c, COL_LIC_NUMBER, "1 to 20 characters");
        for (size_t i = 0; i < num.len; i++) {
            if (!((num.p[i] >= '0' && num.p[i] <= '9') || num.p[i] == '-'))
                return fail(c, COL_LIC_NUMBER, "only digits and '-'");
        }
        if (num.p[0] == '-' || num.p[num.len - 1] == '-')
            return fail(c, COL_LIC_NUMBER, "must start and end with a digit");
        memcpy(r->licence.number, num.p, num.len);
        if ((err = parse_date(c, COL_LIC_EXPIRY, f[COL_LIC_EXPIRY],
                              &r->licence.expiry)) != MID_OK)
            return err;
        if (eq(f[COL_LIC_STATUS], "valid"))
            r->licence.status = MID_LICSTAT_VALID;
        else if (eq(f[COL_LIC_STATUS], "suspended"))
            r->licence.status = MID_LICSTAT_SUSPENDED;
        else if (eq(f[COL_LIC_STATUS], "cancelled"))
            r->licence.status = MID_LICSTAT_CANCELLED;
        else
            return fail(c, COL_LIC_STATUS,
                        "expected valid, suspended or cancelled");
    } else {
        for (int col = COL_LIC_CLASS; col <= COL_LIC_STATUS; col++) {
            if (f[col].len != 0)
                return fail(c, col, "must be empty for a resident card");
        }
    }

    if (eq(f[COL_PORTRAIT], "yes"))
        r->portrait = 1;
    else if (!eq(f[COL_PORTRAIT], "no"))
        return fail(c, COL_PORTRAIT, "expected yes or no");

    if (eq(f[COL_REVOKED], "1"))
        r->revoked = 1;
    else if (!eq(f[COL_REVOKED], "0"))
        return fail(c, COL_REVOKED, "expected 0 or 1");

    if (f[COL_NOTE].len > REC_MAX_NOTE)
        return fail(c, COL_NOTE, "longer than 255 bytes");
    if (!clean_text(f[COL_NOTE]))
        return fail(c, COL_NOTE, "not valid UTF-8 text");
    memcpy(r->note, f[COL_NOTE].p, f[COL_NOTE].len);
    mid_wipe(&info, sizeof info);
    return MID_OK;
}

/* Splits one line into exactly REC_COLUMNS fields. */
static mid_err split(parse_ctx *c, const char *p, size_t len, field *f)
{
    size_t n = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || p[i] == '\t') {
            if (n == REC_COLUMNS)
                return fail(c, -1, "more than 12 tab-separated columns");
            f[n].p = p + start;
            f[n].len = i - start;
            n++;
            start = i + 1;
        }
    }
    if (n != REC_COLUMNS) {
        char why[64];
        snprintf(why, sizeof why, "expected 12 tab-separated columns, got %zu",
                 n);
        return fail(c, -1, why);
    }
    return MID_OK;
}

static int cmp_rec_id(const void *a, const void *b)
{
    const mid_record *const *ra = a;
    const mid_record *const *rb = b;
    int d = strcmp((*ra)->id, (*rb)->id);
    if (d != 0)
        return d;
    return (*ra)->line < (*rb)->line ? -1 : (*ra)->line > (*rb)->line;
}

/* Ids name files: two records with one id would overwrite each other. */
static mid_err check_unique(parse_ctx *c, const mid_records *rs)
{
    const mid_record **order;
    mid_err err = MID_OK;

    if (rs->n < 2)
        return MID_OK;
    order = malloc(rs->n * sizeof *order);
    if (!order)
        return MID_ERR_NOMEM;
    for (size_t i = 0; i < rs->n; i++)
        order[i] = &rs->v[i];
    qsort(order, rs->n, sizeof *order, cmp_rec_id);
    for (size_t i = 1; i < rs->n; i++) {
        if (strcmp(order[i - 1]->id, order[i]->id) == 0) {
            char why[64];
            snprintf(why, sizeof why, "duplicate id (first on line %u)",
                     order[i - 1]->line);
            c->line = order[i]->line;
            err = fail(c, COL_ID, why);
            break;
        }
    }
    free(order);
    return err;
}

mid_err mid_records_parse(const char *text, size_t len, const char *label,
                          mid_records *out, char *msg, size_t msg_cap)
{
    parse_ctx c;
    size_t pos = 0, cap = 0;
    int header_seen = 0;
    mid_err err = MID_OK;
    field f[REC_COLUMNS];

    memset(out, 0, sizeof *out);
    c.label = label ? label : "records";
    c.line = 0;
    c.msg = msg;
    c.msg_cap = msg_cap;
    if (msg && msg_cap)
        msg[0] = '\0';
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) {
        c.line = 1;
        return fail(&c, -1, "byte order mark at the start: save as plain UTF-8");
    }
    while (pos < len) {
        const char *line = text + pos;
        const char *nl = memchr(line, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - line) : len - pos;

        pos += ll + (nl ? 1u : 0u);
        c.line++;
        if (ll > REC_MAX_LINE) {
            err = fail(&c, -1, "line longer than 1024 bytes");
            goto done;
        }
        if (memchr(line, '\r', ll)) {
            err = fail(&c, -1, "carriage return (use Unix line endings)");
            goto done;
        }
        if (memchr(line, '\0', ll)) {
            err = fail(&c, -1, "NUL byte");
            goto done;
        }
        if (ll == 0 || line[0] == '#')
            continue;
        if ((err = split(&c, line, ll, f)) != MID_OK)
            goto done;
        if (!header_seen) {
            for (size_t k = 0; k < REC_COLUMNS; k++) {
                if (!eq(f[k], COLUMNS[k])) {
                    err = fail(&c, -1,
                               "header must be: id doctype name rrn "
                               "issue_date licence_class licence_number "
                               "licence_expiry licence_status portrait "
                               "revoked note (tab-separated)");
                    goto done;
                }
            }
            header_seen = 1;
            continue;
        }
        if (out->n == REC_MAX_RECORDS) {
            err = fail(&c, -1, "more than 100000 records");
            goto done;
        }
        if (out->n == cap) {
            size_t ncap = cap ? cap * 2u : 32u;
            mid_record *nv = malloc(ncap * sizeof *nv);
            if (!nv) {
                err = MID_ERR_NOMEM;
                goto done;
            }
            if (out->v) {
                memcpy(nv, out->v, out->n * sizeof *nv);
                mid_wipe(out->v, out->n * sizeof *nv);
                free(out->v);
            }
            out->v = nv;
            cap = ncap;
        }
        if ((err = parse_row(&c, f, &out->v[out->n])) != MID_OK) {
            mid_wipe(&out->v[out->n], sizeof out->v[out->n]);
            goto done;
        }
        out->n++;
    }
    if (!header_seen) {
        c.line = c.line ? c.line : 1;
        err = fail(&c, -1, "no header line");
        goto done;
    }
    err = check_unique(&c, out);
done:
    if (err)
        mid_records_free(out);
    return err;
}

mid_err mid_records_load(const char *path, mid_records *out, char *msg,
                         size_t msg_cap)
{
    uint8_t *buf = NULL;
    size_t len = 0;
    mid_err err = cli_read_file(path, REC_MAX_FILE, &buf, &len);

    memset(out, 0, sizeof *out);
    if (err) {
        if (msg && msg_cap)
            snprintf(msg, msg_cap, "%s: %s", path,
                     err == MID_ERR_TOO_LARGE ? "file larger than 16 MiB"
                                              : "cannot read");
        return err;
    }
    err = mid_records_parse((const char *)buf, len, path, out, msg, msg_cap);
    cli_free_wiped(buf, len);
    return err;
}

void mid_records_free(mid_records *r)
{
    if (!r)
        return;
    if (r->v) {
        mid_wipe(r->v, r->n * sizeof *r->v);
        free(r->v);
    }
    r->v = NULL;
    r->n = 0;
}

mid_err mid_record_cred_id(const mid_record *rec,
                           uint8_t id[MID_CRED_ID_LEN])
{
    static const char tag[] = "mid-kiosk/cti/v1";
    static const uint8_t zero = 0;
    char date[16];
    uint8_t h[MID_SHA256_LEN];
    mid_span parts[5];
    mid_err err;

    snprintf(date, sizeof date, "%08u", (unsigned)rec->issue_date);
    parts[0].ptr = (const uint8_t *)tag;
    parts[0].len = sizeof tag - 1u;
    parts[1].ptr = &zero;
    parts[1].len = 1;
    parts[2].ptr = (const uint8_t *)rec->id;
    parts[2].len = strlen(rec->id);
    parts[3].ptr = &zero;
    parts[3].len = 1;
    parts[4].ptr = (const uint8_t *)date;
    parts[4].len = strlen(date);
    err = mid_crypto_sha256(parts, 5, h);
    if (!err)
        memcpy(id, h, MID_CRED_ID_LEN);
    return err;
}

void mid_record_to_input(const mid_record *rec, mid_cred_input *in)
{
    in->doctype = rec->doctype;
    in->name = rec->name;
    in->rrn = rec->rrn;
    in->issue_date = rec->issue_date;
    in->has_licence = rec->has_licence;
    if (rec->has_licence)
        in->licence = rec->licence;
}

uint32_t mid_record_portrait_seed(const mid_record *rec)
{
    /* FNV-1a of the id: stable across runs and machines */
    uint32_t h = 2166136261u;
    for (const char *p = rec->id; *p; p++) {
        h ^= (uint8_t)*p;
        h *= 16777619u;
    }
    return h ? h : 1u;
}
