/* mid-issue — the issuer's side of the demo and the tests: key pairs,
 * signed trust and revocation bundles, credentials from a records file,
 * and a description of any of these files. See docs/man/mid-issue.1.
 *
 * Output never contains a name, RRN or licence number: only record ids
 * (the issuer's own row ids), key ids, credential ids, times and sizes. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "common/cli.h"
#include "common/issue.h"
#include "common/records.h"
#include "mid/mid_crypto.h"
#include "mid/mid_pin.h"
#include "mid/mid_pinstore.h"

#define PROG "mid-issue"
#define MAX_ID_LINES (4u * MID_MAX_REVOKED) /* before de-duplication */
#define IDS_FILE_MAX (64u * 1024u * 1024u)
#define DEFAULT_DAYS 365
#define MAX_DAYS (366 * 20)

static void usage(FILE *f)
{
    fputs(
        "usage:\n"
        "  mid-issue keygen --out KEY.pem [--pub PUB.pem] [--force]\n"
        "  mid-issue trust --root ROOT.pem --issuer PUB.pem:DOCTYPES:NBF:EXP\n"
        "                  [--issuer ...] --seq N [--issued T] [VALIDITY] --out FILE\n"
        "  mid-issue revoke --root ROOT.pem (--ids FILE | --records FILE)\n"
        "                  --seq N [--issued T] [VALIDITY] --out FILE\n"
        "    VALIDITY: [--valid-until T | --valid-hours N] [--refresh-hours N]\n"
        "              [--format 2|1]  (defaults: trust 365 days / refresh 30\n"
        "              days, revocation 30 days / refresh 24 h; format 1 = the\n"
        "              legacy format without expiry, for migration tests only)\n"
        "  mid-issue sign --issuer ISSUER.pem --records FILE --devices DIR\n"
        "                  --out DIR [--nbf T] [--days N | --exp T]\n"
        "                  [--portrait-size WxH] [--only ID] [--full-device-key]\n"
        "  mid-issue info FILE [--root ROOT.pub.pem] [--issuer ISSUER.pub.pem]\n"
        "                  [--list]\n"
        "  mid-issue pin-hash --out FILE [--iterations N]   (PIN on stdin)\n"
        "DOCTYPES: resident,licence. T: Unix seconds, YYYY-MM-DD (KST),\n"
        "or YYYY-MM-DDTHH:MM:SS+09:00. See mid-issue(1).\n",
        f);
}

static int bad_usage(const char *why)
{
    return cli_usage_error(PROG, usage, why);
}

static int64_t now_s(void)
{
    return (int64_t)time(NULL);
}

/* ---- keygen ---- */

static int cmd_keygen(int argc, char **argv)
{
    return cli_keygen(PROG, usage, argc, argv, 0);
}

/* ---- bundle validity (docs/trust-lifecycle.md) ---- */

static void print_validity(const mid_bundle_meta *m)
{
    if (m->format == MID_BUNDLE_FORMAT_LEGACY)
        printf("  format 1 (legacy, no expiry; accepted until the sunset)\n");
    else
        printf("  format %d, valid until %lld, refresh every %lld h\n", m->format,
               (long long)m->valid_until, (long long)(m->refresh_s / 3600));
}

typedef struct validity_opts {
    const char *until, *hours, *refresh, *format;
} validity_opts;

/* The signed header from the options, or a usage error message. */
static const char *validity_meta(const validity_opts *v, int kind, int64_t issued,
                                 uint64_t seq, mid_bundle_meta *m)
{
    uint64_t x;
    mid_bundle_meta_default(m, kind, issued, seq);
    if (v->format) {
        if (!strcmp(v->format, "1"))
            m->format = MID_BUNDLE_FORMAT_LEGACY;
        else if (strcmp(v->format, "2") != 0)
            return "bad --format (1 or 2)";
    }
    if (m->format == MID_BUNDLE_FORMAT_LEGACY) {
        if (v->until || v->hours || v->refresh)
            return "--format 1 carries no validity";
        m->valid_until = 0;
        m->refresh_s = 0;
        return NULL;
    }
    if (v->until && v->hours)
        return "give --valid-until or --valid-hours, not both";
    if (v->until && (cli_parse_time(v->until, &m->valid_until) || m->valid_until <= issued))
        return "bad --valid-until (a time after --issued)";
    if (v->hours) {
        if (cli_parse_u64(v->hours, 24u * 365u * 10u, &x) || x == 0)
            return "bad --valid-hours (1 to 87600)";
        m->valid_until = issued + (int64_t)x * 3600;
    }
    if (v->refresh) {
        if (cli_parse_u64(v->refresh, 24u * 365u * 10u, &x) || x == 0)
            return "bad --refresh-hours (1 to 87600)";
        m->refresh_s = (int64_t)x * 3600;
    }
    if (m->refresh_s > m->valid_until - issued)
        m->refresh_s = v->refresh ? -1 : m->valid_until - issued;
    if (m->refresh_s < 0)
        return "--refresh-hours longer than the validity";
    return NULL;
}

/* ---- trust ---- */

/* "PUB.pem:DOCTYPES:NBF:EXP"; times may contain ':' themselves. */
static mid_err parse_issuer_spec(const char *spec, mid_trust_key *k)
{
    const char *c1 = strchr(spec, ':');
    const char *c2 = c1 ? strchr(c1 + 1, ':') : NULL;
    char path[CLI_MAX_ARG];
    size_t used;
    mid_err err;

    if (!c1 || !c2 || c1 == spec || (size_t)(c1 - spec) >= sizeof path)
        return MID_ERR_ARG;
    memcpy(path, spec, (size_t)(c1 - spec));
    path[c1 - spec] = '\0';
    memset(k, 0, sizeof *k);
    if (cli_parse_doctypes(c1 + 1, (size_t)(c2 - c1 - 1), &k->doctypes))
        return MID_ERR_ARG;
    if (cli_parse_time_prefix(c2 + 1, &k->nbf, &used) || c2[1 + used] != ':')
        return MID_ERR_ARG;
    if (cli_parse_time(c2 + 2 + used, &k->exp) || k->exp <= k->nbf)
        return MID_ERR_ARG;
    if ((err = mid_pub_load_pem(path, k->pub)) != MID_OK)
        return err;
    return mid_kid_of(k->pub, k->kid);
}

static int cmd_trust(int argc, char **argv)
{
    const char *root_path = NULL, *out = NULL, *seq_s = NULL, *issued_s = NULL;
    const char *spec;
    static mid_trust_key keys[MID_MAX_TRUST_KEYS];
    static uint8_t bundle[MID_MAX_TRUST_KEYS * 160u + 512u];
    static mid_trust_store check;
    size_t nkeys = 0, len;
    uint64_t seq;
    int64_t issued = now_s();
    mid_keypair root;
    mid_bundle_meta meta;
    validity_opts vo = {NULL, NULL, NULL, NULL};
    const char *why;
    mid_err err;
    int r;
    const cli_optdef opts[] = {{"--root", &root_path, NULL},
                               {"--out", &out, NULL},
                               {"--seq", &seq_s, NULL},
                               {"--issued", &issued_s, NULL},
                               {"--valid-until", &vo.until, NULL},
                               {"--valid-hours", &vo.hours, NULL},
                               {"--refresh-hours", &vo.refresh, NULL},
                               {"--format", &vo.format, NULL},
                               {NULL, NULL, NULL}};

    for (int i = 0; i < argc; i++) {
        if ((r = cli_opt(argc, argv, &i, "--issuer", &spec)) != 0) {
            if (r < 0)
                return 2;
            if (nkeys == MID_MAX_TRUST_KEYS)
                return bad_usage("trust: more than 32 issuer keys");
            err = parse_issuer_spec(spec, &keys[nkeys]);
            if (err) {
                cli_error(PROG, err, "trust: bad --issuer (want "
                                     "PUB.pem:DOCTYPES:NBF:EXP with NBF < EXP)");
                return 2;
            }
            for (size_t k = 0; k < nkeys; k++) {
                if (memcmp(keys[k].kid, keys[nkeys].kid, MID_KID_LEN) == 0)
                    return bad_usage("trust: the same issuer key twice");
            }
            nkeys++;
        } else if ((r = cli_opts(argc, argv, &i, opts)) != 0) {
            if (r < 0)
                return 2;
        } else {
            return bad_usage("trust: unknown argument");
        }
    }
    if (!root_path || !out || !seq_s || nkeys == 0)
        return bad_usage("trust: --root, --issuer, --seq and --out are required");
    if (cli_parse_u64(seq_s, UINT64_MAX / 2u, &seq))
        return bad_usage("trust: bad --seq");
    if (issued_s && cli_parse_time(issued_s, &issued))
        return bad_usage("trust: bad --issued");
    if ((why = validity_meta(&vo, MID_BUNDLE_KIND_TRUST, issued, seq, &meta)) != NULL)
        return bad_usage(why);
    if ((err = mid_keypair_load_pem(root_path, &root)) != MID_OK) {
        cli_error(PROG, err, "cannot load root key %s", root_path);
        return 2;
    }
    err = mid_trust_bundle_encode_meta(keys, nkeys, &meta, &root, bundle,
                                       sizeof bundle, &len);
    /* read it back as the kiosk will, before anyone installs it */
    if (!err)
        err = mid_trust_load(&check, bundle, len, root.pub);
    mid_wipe(&root, sizeof root);
    if (!err)
        err = mid_file_write_atomic(out, bundle, len);
    if (err) {
        cli_error(PROG, err, "trust bundle not written");
        return 2;
    }
    printf("trust bundle %s: %zu key(s), seq %llu, %zu bytes\n", out, nkeys,
           (unsigned long long)seq, len);
    print_validity(&meta);
    return 0;
}

/* ---- revoke ---- */

static int cmp_id(const void *a, const void *b)
{
    return memcmp(a, b, MID_CRED_ID_LEN);
}

typedef struct id_list {
    uint8_t *v;
    size_t n, cap;
} id_list;

static mid_err ids_push(id_list *l, const uint8_t id[MID_CRED_ID_LEN])
{
    if (l->n == l->cap) {
        size_t ncap = l->cap ? l->cap * 2u : 1024u;
        uint8_t *nv;
        if (ncap > MAX_ID_LINES)
            ncap = MAX_ID_LINES;
        if (l->n == ncap)
            return MID_ERR_TOO_LARGE;
        nv = realloc(l->v, ncap * MID_CRED_ID_LEN);
        if (!nv)
            return MID_ERR_NOMEM;
        l->v = nv;
        l->cap = ncap;
    }
    memcpy(l->v + l->n * MID_CRED_ID_LEN, id, MID_CRED_ID_LEN);
    l->n++;
    return MID_OK;
}

static mid_err ids_from_records(const char *path, id_list *l)
{
    mid_records recs;
    char msg[256];
    uint8_t id[MID_CRED_ID_LEN];
    mid_err err = mid_records_load(path, &recs, msg, sizeof msg);

    if (err) {
        fprintf(stderr, PROG ": %s\n", msg);
        return err;
    }
    for (size_t i = 0; i < recs.n && !err; i++) {
        if (!recs.v[i].revoked)
            continue;
        err = mid_record_cred_id(&recs.v[i], id);
        if (!err)
            err = ids_push(l, id);
    }
    mid_records_free(&recs);
    return err;
}

/* One 16-hex-digit id per line; blank lines and '#' comments skipped. A
 * file that starts with the records header is read as records. */
static mid_err ids_from_file(const char *path, id_list *l)
{
    uint8_t *buf = NULL;
    size_t len = 0, pos = 0;
    unsigned line = 0;
    mid_err err = cli_read_file(path, IDS_FILE_MAX, &buf, &len);

    if (err) {
        cli_error(PROG, err, "cannot read %s", path);
        return err;
    }
    if (len >= 3 && memcmp(buf, "id\t", 3) == 0) {
        free(buf);
        return ids_from_records(path, l);
    }
    while (pos < len && !err) {
        const char *s = (const char *)buf + pos;
        const char *nl = memchr(s, '\n', len - pos);
        size_t ll = nl ? (size_t)(nl - s) : len - pos;
        size_t a = 0, b = ll, got;
        uint8_t id[MID_CRED_ID_LEN];

        pos += ll + (nl ? 1u : 0u);
        line++;
        while (a < b && (s[a] == ' ' || s[a] == '\t'))
            a++;
        while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\t' || s[b - 1] == '\r'))
            b--;
        if (a == b || s[a] == '#')
            continue;
        if (b - a != 2u * MID_CRED_ID_LEN ||
            cli_hex_decode(s + a, b - a, id, sizeof id, &got) != MID_OK) {
            fprintf(stderr, PROG ": %s:%u: expected 16 hex digits\n", path,
                    line);
            err = MID_ERR_FORMAT;
            break;
        }
        err = ids_push(l, id);
    }
    free(buf);
    return err;
}

static int cmd_revoke(int argc, char **argv)
{
    const char *root_path = NULL, *out = NULL, *seq_s = NULL, *issued_s = NULL;
    const char *ids_path = NULL, *rec_path = NULL;
    id_list l = {NULL, 0, 0};
    uint8_t *bundle = NULL;
    size_t len = 0, n = 0;
    uint64_t seq;
    int64_t issued = now_s();
    mid_keypair root;
    mid_revocation check;
    mid_bundle_meta meta;
    validity_opts vo = {NULL, NULL, NULL, NULL};
    const char *why;
    mid_err err;
    int r, rc = 2;
    const cli_optdef opts[] = {{"--root", &root_path, NULL},
                               {"--out", &out, NULL},
                               {"--seq", &seq_s, NULL},
                               {"--issued", &issued_s, NULL},
                               {"--valid-until", &vo.until, NULL},
                               {"--valid-hours", &vo.hours, NULL},
                               {"--refresh-hours", &vo.refresh, NULL},
                               {"--format", &vo.format, NULL},
                               {"--ids", &ids_path, NULL},
                               {"--records", &rec_path, NULL},
                               {NULL, NULL, NULL}};

    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return bad_usage("revoke: unknown argument");
    }
    if (!root_path || !out || !seq_s || (!ids_path && !rec_path))
        return bad_usage("revoke: --root, --ids or --records, --seq and "
                         "--out are required");
    if (cli_parse_u64(seq_s, UINT64_MAX / 2u, &seq))
        return bad_usage("revoke: bad --seq");
    if (issued_s && cli_parse_time(issued_s, &issued))
        return bad_usage("revoke: bad --issued");
    if ((why = validity_meta(&vo, MID_BUNDLE_KIND_REVOCATION, issued, seq, &meta)) != NULL)
        return bad_usage(why);
    if (ids_path && (err = ids_from_file(ids_path, &l)) != MID_OK)
        goto done;
    if (rec_path && (err = ids_from_records(rec_path, &l)) != MID_OK)
        goto done;
    if (l.n > 0) {
        qsort(l.v, l.n, MID_CRED_ID_LEN, cmp_id);
        n = 1;
        for (size_t i = 1; i < l.n; i++) {
            if (memcmp(l.v + (i - 1) * MID_CRED_ID_LEN, l.v + i * MID_CRED_ID_LEN,
                       MID_CRED_ID_LEN) != 0) {
                memmove(l.v + n * MID_CRED_ID_LEN, l.v + i * MID_CRED_ID_LEN,
                        MID_CRED_ID_LEN);
                n++;
            }
        }
    }
    if (n > MID_MAX_REVOKED) {
        cli_error(PROG, MID_ERR_TOO_LARGE,
                  "revoke: %zu ids, more than the kiosk accepts (%u)", n,
                  MID_MAX_REVOKED);
        goto done;
    }
    bundle = malloc(MID_MAX_BUNDLE_BYTES);
    if (!bundle) {
        cli_error(PROG, MID_ERR_NOMEM, "revoke");
        goto done;
    }
    if ((err = mid_keypair_load_pem(root_path, &root)) != MID_OK) {
        cli_error(PROG, err, "cannot load root key %s", root_path);
        goto done;
    }
    err = mid_revocation_bundle_encode_meta(l.v ? l.v : bundle, n, &meta,
                                            &root, bundle, MID_MAX_BUNDLE_BYTES,
                                            &len);
    if (!err)
        err = mid_revocation_load(&check, bundle, len, root.pub);
    mid_wipe(&root, sizeof root);
    if (!err)
        err = mid_file_write_atomic(out, bundle, len);
    if (err) {
        cli_error(PROG, err, "revocation bundle not written");
        goto done;
    }
    printf("revocation bundle %s: %zu id(s), seq %llu, %zu bytes\n", out, n,
           (unsigned long long)seq, len);
    print_validity(&meta);
    rc = 0;
done:
    free(l.v);
    free(bundle);
    return rc;
}

/* ---- sign ---- */

static int cmd_sign(int argc, char **argv)
{
    const char *issuer_path = NULL, *rec_path = NULL, *dev_dir = NULL;
    const char *out_dir = NULL, *nbf_s = NULL, *days_s = NULL, *exp_s = NULL;
    const char *psize_s = NULL, *only = NULL;
    int full_key = 0, r, rc = 2;
    uint32_t pw = 32, ph = 40;
    int64_t nbf = now_s(), exp = 0, days = DEFAULT_DAYS;
    mid_keypair issuer;
    mid_records recs = {NULL, 0};
    char msg[256], path[CLI_MAX_ARG + 64];
    static uint8_t cred[MID_MAX_PAYLOAD], portrait[MID_MAX_PORTRAIT_BYTES];
    FILE *index = NULL;
    size_t signed_n = 0;
    mid_err err;
    const cli_optdef opts[] = {{"--issuer", &issuer_path, NULL},
                               {"--records", &rec_path, NULL},
                               {"--devices", &dev_dir, NULL},
                               {"--out", &out_dir, NULL},
                               {"--nbf", &nbf_s, NULL},
                               {"--days", &days_s, NULL},
                               {"--exp", &exp_s, NULL},
                               {"--portrait-size", &psize_s, NULL},
                               {"--only", &only, NULL},
                               {"--full-device-key", NULL, &full_key},
                               {NULL, NULL, NULL}};

    memset(&issuer, 0, sizeof issuer);
    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) < 0)
            return 2;
        if (r == 0)
            return bad_usage("sign: unknown argument");
    }
    if (!issuer_path || !rec_path || !dev_dir || !out_dir)
        return bad_usage("sign: --issuer, --records, --devices and --out are "
                         "required");
    if (nbf_s && cli_parse_time(nbf_s, &nbf))
        return bad_usage("sign: bad --nbf");
    if (days_s && exp_s)
        return bad_usage("sign: give --days or --exp, not both");
    if (days_s && cli_parse_i64(days_s, 1, MAX_DAYS, &days))
        return bad_usage("sign: bad --days (1 to 7320)");
    if (exp_s) {
        if (cli_parse_time(exp_s, &exp) || exp <= nbf)
            return bad_usage("sign: bad --exp (must be after --nbf)");
    } else {
        exp = nbf + days * 86400;
    }
    if (psize_s && cli_parse_size(psize_s, MID_MAX_PORTRAIT_W,
                                  MID_MAX_PORTRAIT_H, &pw, &ph))
        return bad_usage("sign: bad --portrait-size (at most 48x40)");
    if ((err = mid_records_load(rec_path, &recs, msg, sizeof msg)) != MID_OK) {
        fprintf(stderr, PROG ": %s\n", msg);
        return 2;
    }
    if ((err = mid_keypair_load_pem(issuer_path, &issuer)) != MID_OK) {
        cli_error(PROG, err, "cannot load issuer key %s", issuer_path);
        goto done;
    }
    if ((err = cli_mkdir(out_dir)) != MID_OK) {
        cli_error(PROG, err, "cannot create %s", out_dir);
        goto done;
    }
    if (cli_path(path, sizeof path, out_dir, "credentials", ".tsv") ||
        !(index = fopen(path, "w"))) {
        cli_error(PROG, MID_ERR_IO, "cannot write %s", path);
        goto done;
    }
    fprintf(index, "id\tcred_id\tdoctype\tnbf\texp\tportrait\tbytes\n");
    for (size_t i = 0; i < recs.n; i++) {
        const mid_record *rec = &recs.v[i];
        mid_cred_input in;
        size_t clen = 0, plen = 0;
        char hex[2 * MID_CRED_ID_LEN + 1];

        if (only && strcmp(only, rec->id) != 0)
            continue;
        memset(&in, 0, sizeof in);
        mid_record_to_input(rec, &in);
        in.nbf = nbf;
        in.exp = exp;
        in.device_key_full = full_key;
        if ((err = mid_record_cred_id(rec, in.cred_id)) != MID_OK)
            goto rec_fail;
        if ((err = cli_path(path, sizeof path, dev_dir, rec->id, ".pub.pem")) !=
            MID_OK)
            goto rec_fail;
        if ((err = mid_pub_load_pem(path, in.device_pub)) != MID_OK) {
            cli_error(PROG, err,
                      "record %s (line %u): no device key %s; create it "
                      "with: mid-holder keygen --out %s/%s.pem --pub %s",
                      rec->id, rec->line, path, dev_dir, rec->id, path);
            mid_wipe(&in, sizeof in);
            goto done;
        }
        if (rec->portrait) {
            err = mid_portrait_generate(mid_record_portrait_seed(rec), pw, ph,
                                        portrait, sizeof portrait, &plen);
            if (err)
                goto rec_fail;
            in.portrait = portrait;
            in.portrait_len = plen;
        }
        err = mid_cred_encode(&in, &issuer, cred, sizeof cred, &clen);
        mid_wipe(&in, sizeof in);
        if (err)
            goto rec_fail;
        if ((err = cli_path(path, sizeof path, out_dir, rec->id, ".cred")) !=
                MID_OK ||
            (err = mid_file_write_atomic(path, cred, clen)) != MID_OK)
            goto rec_fail;
        mid_wipe(cred, sizeof cred);
        {
            uint8_t id[MID_CRED_ID_LEN];
            (void)mid_record_cred_id(rec, id);
            cli_hex_encode(id, sizeof id, hex, sizeof hex);
        }
        fprintf(index, "%s\t%s\t%s\t%lld\t%lld\t%s\t%zu\n", rec->id, hex,
                cli_doctype_name(rec->doctype), (long long)nbf, (long long)exp,
                rec->portrait ? "yes" : "no", clen);
        printf("%s\t%s\t%s\t%zu bytes\n", rec->id, hex,
               cli_doctype_name(rec->doctype), clen);
        signed_n++;
        continue;
    rec_fail:
        mid_wipe(&in, sizeof in);
        cli_error(PROG, err, "record %s (line %u) not signed", rec->id,
                  rec->line);
        goto done;
    }
    if (only && signed_n == 0) {
        cli_error(PROG, MID_OK, "no record with id %s", only);
        goto done;
    }
    rc = 0;
done:
    if (index && fclose(index) != 0 && rc == 0) {
        cli_error(PROG, MID_ERR_IO, "cannot write the credentials index");
        rc = 2;
    }
    mid_wipe(&issuer, sizeof issuer);
    mid_wipe(cred, sizeof cred);
    mid_records_free(&recs);
    return rc;
}

/* ---- info ---- */

static void print_kid(const char *label, const uint8_t *kid)
{
    char hex[2 * MID_KID_LEN + 1];
    cli_hex_encode(kid, MID_KID_LEN, hex, sizeof hex);
    printf("%s: %s\n", label, hex);
}

static void print_time(const char *label, int64_t t)
{
    char iso[CLI_TIME_LEN + 1];
    cli_format_time(t, iso, sizeof iso);
    printf("%s: %s (%lld)\n", label, iso, (long long)t);
}

static void print_doctypes(uint32_t bits)
{
    const char *sep = "";
    for (unsigned d = 1; d <= MID_DOC_MAX; d++) {
        if (bits & MID_DOCTYPE_BIT(d)) {
            printf("%s%s", sep, cli_doctype_name(d));
            sep = ",";
        }
    }
    if (!*sep)
        printf("none");
}

static int info_credential(const uint8_t *buf, size_t len,
                           const char *issuer_pub)
{
    cli_cred_info ci;
    char hex[2 * MID_P256_COORD_LEN + 1];
    mid_err err = cli_cred_describe(buf, len, &ci);

    if (err) {
        cli_error(PROG, err, "not a readable credential");
        return 1;
    }
    printf("kind: credential\n");
    printf("doctype: %s\n", cli_doctype_name(ci.doctype));
    print_kid("issuer_kid", ci.issuer_kid);
    cli_hex_encode(ci.cred_id, MID_CRED_ID_LEN, hex, sizeof hex);
    printf("cred_id: %s\n", hex);
    print_time("nbf", ci.nbf);
    print_time("exp", ci.exp);
    printf("licence: %s\n", ci.has_licence ? "yes" : "no");
    if (ci.portrait_len)
        printf("portrait: %ux%u, %zu bytes\n", ci.portrait_w, ci.portrait_h,
               ci.portrait_len);
    else
        printf("portrait: none\n");
    printf("device_key: %s\n", ci.device_y_full ? "x and y" : "x and sign of y");
    printf("bytes: %zu (claims %zu)\n", len, ci.cwt_len);
    if (issuer_pub) {
        uint8_t pub[MID_P256_POINT_LEN], kid[MID_KID_LEN], hash[MID_SHA256_LEN];
        mid_cbor_reader r;
        mid_cose_sign1 m;
        if ((err = mid_pub_load_pem(issuer_pub, pub)) != MID_OK) {
            cli_error(PROG, err, "cannot load %s", issuer_pub);
            return 2;
        }
        mid_cbor_reader_init(&r, buf, len);
        err = mid_cose_sign1_read(&r, 1, &m);
        if (!err)
            err = mid_kid_of(pub, kid);
        if (!err && memcmp(kid, m.kid, MID_KID_LEN) != 0)
            err = MID_ERR_UNKNOWN_KID;
        if (!err)
            err = mid_cose_sign1_tbs_hash(&m, hash);
        if (!err)
            err = mid_crypto_p256_verify(pub, hash, m.sig, MID_ERR_ISSUER_SIG);
        printf("signature: %s\n", err ? mid_err_str(err) : "ok");
        return err ? 1 : 0;
    }
    printf("signature: not checked (give --issuer)\n");
    return 0;
}

static int info_bundle(const uint8_t *buf, size_t len, const mid_cose_sign1 *m,
                       const char *root_pub, int list)
{
    mid_cbor_reader r;
    size_t pairs;
    uint64_t key, kind = 0, seq = 0, format = MID_BUNDLE_FORMAT_LEGACY;
    int64_t issued = 0;
    mid_err err;

    mid_cbor_reader_init(&r, m->payload, m->payload_len);
    if (mid_cbor_read_map(&r, &pairs))
        goto bad;
    for (size_t i = 0; i < pairs; i++) {
        if (mid_cbor_read_uint(&r, &key))
            goto bad;
        if (key == MID_BUNDLE_FORMAT) {
            if (mid_cbor_read_uint(&r, &format))
                goto bad;
            printf("format: %llu\n", (unsigned long long)format);
        } else if (key == MID_BUNDLE_VALID_UNTIL && format != MID_BUNDLE_FORMAT_LEGACY) {
            int64_t t;
            if (mid_cbor_read_int(&r, &t))
                goto bad;
            print_time("valid_until", t);
        } else if (key == MID_BUNDLE_REFRESH && format != MID_BUNDLE_FORMAT_LEGACY) {
            int64_t t;
            if (mid_cbor_read_int(&r, &t))
                goto bad;
            printf("refresh_hours: %lld\n", (long long)(t / 3600));
        } else if (key == MID_BUNDLE_KIND) {
            if (format == MID_BUNDLE_FORMAT_LEGACY)
                printf("format: 1 (legacy, no expiry)\n");
            if (mid_cbor_read_uint(&r, &kind))
                goto bad;
            printf("kind: %s\n", kind == MID_BUNDLE_KIND_TRUST ? "trust bundle"
                                 : kind == MID_BUNDLE_KIND_REVOCATION
                                     ? "revocation bundle"
                                     : "unknown bundle");
            print_kid("signer_kid", m->kid);
        } else if (key == MID_BUNDLE_ISSUED) {
            if (mid_cbor_read_int(&r, &issued))
                goto bad;
            print_time("issued", issued);
        } else if (key == MID_BUNDLE_SEQ) {
            if (mid_cbor_read_uint(&r, &seq))
                goto bad;
            printf("seq: %llu\n", (unsigned long long)seq);
        } else if (key == MID_BUNDLE_BODY && kind == MID_BUNDLE_KIND_TRUST) {
            size_t n;
            if (mid_cbor_read_array(&r, &n))
                goto bad;
            printf("keys: %zu\n", n);
            for (size_t k = 0; k < n; k++) {
                size_t kp;
                uint64_t kk, v;
                int64_t t;
                const uint8_t *p;
                size_t pl;
                char hex[2 * MID_P256_POINT_LEN + 1];
                if (mid_cbor_read_map(&r, &kp))
                    goto bad;
                printf("key[%zu]:", k);
                for (size_t j = 0; j < kp; j++) {
                    if (mid_cbor_read_uint(&r, &kk))
                        goto bad;
                    if (kk == MID_TKEY_KID || kk == MID_TKEY_PUB) {
                        if (mid_cbor_read_bstr(&r, &p, &pl) || pl > MID_P256_POINT_LEN)
                            goto bad;
                        if (kk == MID_TKEY_KID) {
                            cli_hex_encode(p, pl, hex, sizeof hex);
                            printf(" kid=%s", hex);
                        }
                    } else if (kk == MID_TKEY_DOCTYPES) {
                        if (mid_cbor_read_uint(&r, &v))
                            goto bad;
                        printf(" doctypes=");
                        print_doctypes((uint32_t)v);
                    } else if (kk == MID_TKEY_NBF || kk == MID_TKEY_EXP) {
                        char iso[CLI_TIME_LEN + 1];
                        if (mid_cbor_read_int(&r, &t))
                            goto bad;
                        cli_format_time(t, iso, sizeof iso);
                        printf(" %s=%s", kk == MID_TKEY_NBF ? "nbf" : "exp", iso);
                    } else if (mid_cbor_skip(&r, &p, &pl)) {
                        goto bad;
                    }
                }
                printf("\n");
            }
        } else if (key == MID_BUNDLE_BODY && kind == MID_BUNDLE_KIND_REVOCATION) {
            const uint8_t *p;
            size_t pl;
            if (mid_cbor_read_bstr(&r, &p, &pl) || pl % MID_CRED_ID_LEN)
                goto bad;
            printf("revoked_ids: %zu\n", pl / MID_CRED_ID_LEN);
            for (size_t k = 0; list && k < pl / MID_CRED_ID_LEN; k++) {
                char hex[2 * MID_CRED_ID_LEN + 1];
                cli_hex_encode(p + k * MID_CRED_ID_LEN, MID_CRED_ID_LEN, hex,
                               sizeof hex);
                printf("  %s\n", hex);
            }
        } else {
            const uint8_t *p;
            size_t pl;
            if (mid_cbor_skip(&r, &p, &pl))
                goto bad;
        }
    }
    printf("bytes: %zu\n", len);
    if (root_pub) {
        uint8_t pub[MID_P256_POINT_LEN];
        int k2;
        int64_t iss2;
        uint64_t seq2;
        if ((err = mid_pub_load_pem(root_pub, pub)) != MID_OK) {
            cli_error(PROG, err, "cannot load %s", root_pub);
            return 2;
        }
        err = mid_bundle_info(buf, len, pub, &k2, &iss2, &seq2);
        printf("signature: %s\n", err ? mid_err_str(err) : "ok");
        return err ? 1 : 0;
    }
    printf("signature: not checked (give --root)\n");
    return 0;
bad:
    cli_error(PROG, r.err ? r.err : MID_ERR_FORMAT, "malformed bundle");
    return 1;
}

static int info_presentation(const uint8_t *buf, size_t len,
                             const char *issuer_pub)
{
    mid_cbor_reader r;
    mid_cose_sign1 m;
    size_t pairs;
    int64_t key, iat = 0;
    const uint8_t *cred = NULL, *p;
    size_t cred_len = 0, pl;

    mid_cbor_reader_init(&r, buf, len);
    if (mid_cose_sign1_read(&r, 0, &m) || mid_cbor_reader_finish(&r))
        goto bad;
    mid_cbor_reader_init(&r, m.payload, m.payload_len);
    if (mid_cbor_read_map(&r, &pairs))
        goto bad;
    for (size_t i = 0; i < pairs; i++) {
        if (mid_cbor_read_int(&r, &key))
            goto bad;
        if (key == MID_PRES_CRED) {
            if (mid_cbor_skip(&r, &cred, &cred_len))
                goto bad;
        } else if (key == MID_PRES_IAT) {
            if (mid_cbor_read_int(&r, &iat))
                goto bad;
        } else if (mid_cbor_skip(&r, &p, &pl)) {
            goto bad;
        }
    }
    if (!cred)
        goto bad;
    printf("kind: presentation\n");
    print_time("iat", iat);
    printf("presentation_bytes: %zu\n", len);
    printf("--- embedded credential ---\n");
    return info_credential(cred, cred_len, issuer_pub);
bad:
    cli_error(PROG, r.err ? r.err : MID_ERR_FORMAT, "malformed presentation");
    return 1;
}

static int cmd_info(int argc, char **argv)
{
    const char *file = NULL, *root_pub = NULL, *issuer_pub = NULL;
    int list = 0, r, rc;
    uint8_t *buf = NULL, *cbor = NULL;
    size_t len = 0, clen = 0;
    mid_cbor_reader rd;
    mid_cose_sign1 m;
    mid_err err;
    const cli_optdef opts[] = {{"--root", &root_pub, NULL},
                               {"--issuer", &issuer_pub, NULL},
                               {"--list", NULL, &list},
                               {NULL, NULL, NULL}};

    for (int i = 0; i < argc; i++) {
        if ((r = cli_opts(argc, argv, &i, opts)) != 0) {
            if (r < 0)
                return 2;
        } else if (argv[i][0] != '-' && !file) {
            file = argv[i];
        } else {
            return bad_usage("info: unknown argument");
        }
    }
    if (!file)
        return bad_usage("info: FILE is required");
    if ((err = cli_read_file(file, MID_MAX_BUNDLE_BYTES, &buf, &len)) != MID_OK) {
        cli_error(PROG, err, "cannot read %s", file);
        return 2;
    }
    cbor = buf;
    clen = len;
    /* QR text: "MID1:" + Base45, possibly with a trailing newline */
    if (len >= MID_QR_PREFIX_LEN && memcmp(buf, MID_QR_PREFIX, MID_QR_PREFIX_LEN) == 0) {
        size_t tl = len;
        while (tl > 0 && (buf[tl - 1] == '\n' || buf[tl - 1] == '\r'))
            tl--;
        cbor = malloc(MID_BASE45_DECODED_MAX(tl));
        if (!cbor ||
            mid_base45_decode(buf + MID_QR_PREFIX_LEN, tl - MID_QR_PREFIX_LEN,
                              cbor, MID_BASE45_DECODED_MAX(tl), &clen) != MID_OK) {
            cli_error(PROG, MID_ERR_BASE45, "not valid QR text");
            rc = 1;
            goto done;
        }
        printf("qr_text_chars: %zu\n", tl);
    }
    if ((err = mid_cbor_validate(cbor, clen)) != MID_OK) {
        cli_error(PROG, err, "%s is not a mid-kiosk file", file);
        rc = 1;
        goto done;
    }
    mid_cbor_reader_init(&rd, cbor, clen);
    if (mid_cose_sign1_read(&rd, 1, &m) != MID_OK) {
        rc = info_presentation(cbor, clen, issuer_pub);
        goto done;
    }
    {
        /* bundles start with key 0 (format 2) or 1 (kind, format 1),
         * credentials with 4 (exp) */
        mid_cbor_reader pr;
        size_t pairs;
        int64_t first = 0;
        mid_cbor_reader_init(&pr, m.payload, m.payload_len);
        if (mid_cbor_read_map(&pr, &pairs) || pairs == 0 ||
            mid_cbor_read_int(&pr, &first)) {
            cli_error(PROG, MID_ERR_FORMAT, "unknown payload");
            rc = 1;
        } else if (first == MID_BUNDLE_FORMAT || first == MID_BUNDLE_KIND) {
            rc = info_bundle(cbor, clen, &m, root_pub, list);
        } else {
            rc = info_credential(cbor, clen, issuer_pub);
        }
    }
done:
    if (cbor != buf)
        cli_free_wiped(cbor, clen);
    cli_free_wiped(buf, len);
    return rc;
}

/* ---- pin-hash: the operator PIN's file for a kiosk (docs/operator.md) ---- */

/* The PIN comes on standard input, never on the command line (where ps
 * and the shell history would keep it): one line of 1-15 digits. */
static int cmd_pin_hash(int argc, char **argv)
{
    const char *out = NULL;
    unsigned long iters = MID_PIN_ITER_DEFAULT;
    char line[64];
    uint8_t salt[MID_PIN_SALT_LEN];
    mid_pin_hash h;
    size_t n;
    int rc = 1;

    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "--out") && i + 1 < argc) {
            out = argv[++i];
        } else if (!strcmp(argv[i], "--iterations") && i + 1 < argc) {
            char *end;
            iters = strtoul(argv[++i], &end, 10);
            if (*end || iters < MID_PIN_ITER_MIN || iters > MID_PIN_ITER_MAX)
                return bad_usage("pin-hash: --iterations out of range (10000 to 2000000)");
        } else {
            return bad_usage("pin-hash: unknown argument");
        }
    }
    if (!out)
        return bad_usage("pin-hash: --out is required");
    if (!fgets(line, sizeof line, stdin)) {
        fprintf(stderr, PROG ": pin-hash: no PIN on standard input\n");
        return 1;
    }
    n = strcspn(line, "\r\n");
    if (!mid_pin_digits_ok(line, n)) {
        fprintf(stderr, PROG ": pin-hash: the PIN must be 1 to 15 digits 0-9\n");
        goto done;
    }
    if (n < 6)
        fprintf(stderr, PROG ": pin-hash: warning: fewer than 6 digits (docs/operator.md)\n");
    if (mid_crypto_random(salt, sizeof salt) != MID_OK ||
        mid_pin_hash_make(line, n, (uint32_t)iters, salt, &h) != MID_OK) {
        fprintf(stderr, PROG ": pin-hash: hashing failed\n");
        goto done;
    }
    if (mid_pinfile_store(out, &h) != MID_OK) {
        fprintf(stderr, PROG ": pin-hash: cannot write %s\n", out);
        goto done;
    }
    printf("wrote %s (pbkdf2-sha256, %lu iterations, mode 0600)\n", out, iters);
    rc = 0;
done:
    mid_wipe(line, sizeof line);
    mid_wipe(&h, sizeof h);
    return rc;
}

int main(int argc, char **argv)
{
    static const cli_command commands[] = {{"keygen", cmd_keygen},
                                           {"trust", cmd_trust},
                                           {"revoke", cmd_revoke},
                                           {"sign", cmd_sign},
                                           {"info", cmd_info},
                                           {"pin-hash", cmd_pin_hash},
                                           {NULL, NULL}};
    return cli_main(PROG, argc, argv, commands, usage);
}
