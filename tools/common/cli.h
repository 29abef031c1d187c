/* mid-kiosk tools — small helpers shared by mid-issue, mid-holder and
 * mid-verify: option parsing, the subcommand dispatcher and keygen, hex,
 * time parsing/printing, purposes, JSON strings, and a read-only summary
 * of a credential's non-personal fields.
 *
 * Nothing here prints personal data: the credential summary deliberately
 * has no name, RRN or licence number in it. */
#ifndef MID_TOOLS_CLI_H
#define MID_TOOLS_CLI_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "mid/mid.h"

/* Longest option value a tool accepts: more than any QR text (3391). */
#define CLI_MAX_ARG 8192u

/* Option matcher for hand-written argument loops:
 *   for (i = 1; i < argc; i++) {
 *       if (cli_opt(argc, argv, &i, "--out", &out)) continue;
 *       ...
 *   }
 * Matches "--name VALUE" and "--name=VALUE". Returns 1 on a match (and
 * advances *i past a separate value), 0 when argv[*i] is another option,
 * -1 when the option matches but its value is missing or too long (an
 * error has been printed). */
int cli_opt(int argc, char **argv, int *i, const char *name,
            const char **val);
/* cli_opt without the CLI_MAX_ARG bound, for a value whose size the
 * program judges itself (mid-verify --text: an oversized QR text must get
 * the verifier's FORMAT / too large verdict, not a usage error). */
int cli_opt_unbounded(int argc, char **argv, int *i, const char *name,
                      const char **val);
/* Flag without a value ("--text"). 1 on a match, else 0. */
int cli_flag(const char *arg, const char *name);

/* The same loop from a table, for options that need no check of their
 * own while the arguments are read:
 *   const cli_optdef opts[] = {{"--out", &out, NULL},
 *                              {"--force", NULL, &force},
 *                              {NULL, NULL, NULL}};
 *   for (i = 0; i < argc; i++) {
 *       if ((r = cli_opts(argc, argv, &i, opts)) < 0)
 *           return 2;
 *       if (r == 0)
 *           return bad_usage("unknown argument");
 *   }
 * Entries are tried in order: val set, cli_opt into *val; else cli_flag,
 * setting *flag to 1. Returns like cli_opt. */
typedef struct cli_optdef {
    const char *name;
    const char **val;
    int *flag;
} cli_optdef;
int cli_opts(int argc, char **argv, int *i, const cli_optdef *defs);

/* ---- programs ---- */

/* Usage error: "PROG: why" (when why is not NULL) and the usage text on
 * stderr. Returns 2, the exit status of a usage error. */
int cli_usage_error(const char *prog, void (*usage)(FILE *f),
                    const char *why);

/* One subcommand; run() gets the arguments after the command name. */
typedef struct cli_command {
    const char *name;
    int (*run)(int argc, char **argv);
} cli_command;

/* main() of a "PROG COMMAND [ARGS]" tool: --help, -h and help print the
 * usage on stdout; the crypto library is initialised before any command
 * runs. commands ends with {NULL, NULL}. Returns the exit status. */
int cli_main(const char *prog, int argc, char **argv,
             const cli_command *commands, void (*usage)(FILE *f));

/* "keygen --out KEY.pem [--pub PUB.pem] [--force]": a new P-256 key pair,
 * its kid in hex on stdout. Refuses to overwrite an existing file without
 * --force. pub_required: --pub must be given (a device key, whose public
 * half goes to the issuer). Returns the exit status. */
int cli_keygen(const char *prog, void (*usage)(FILE *f), int argc,
               char **argv, int pub_required);

/* Strict integer parsing: whole string, base 10, inside [min, max]. */
mid_err cli_parse_i64(const char *s, int64_t min, int64_t max, int64_t *out);
mid_err cli_parse_u64(const char *s, uint64_t max, uint64_t *out);
/* Decimal number such as "1.5" or "2" inside [min, max]. */
mid_err cli_parse_double(const char *s, double min, double max, double *out);
/* "640x480". */
mid_err cli_parse_size(const char *s, uint32_t max_w, uint32_t max_h,
                       uint32_t *w, uint32_t *h);

/* Time: Unix seconds ("1795000000"), an ISO 8601 date-time with a zone
 * ("2026-11-26T12:00:00+09:00", "2026-11-26T03:00:00Z") or a date alone
 * ("2026-11-26" = 00:00:00 KST that day). A date-time without a zone is
 * refused: the kiosk lives in KST, a shell often does not.
 * cli_parse_time_prefix reads the longest valid time at the start of s and
 * reports how many characters it used (for "PUB:DOCTYPES:NBF:EXP"). */
mid_err cli_parse_time(const char *s, int64_t *out);
mid_err cli_parse_time_prefix(const char *s, int64_t *out, size_t *used);
/* "2026-11-26T12:00:00+09:00" (KST); cap >= CLI_TIME_LEN + 1. */
#define CLI_TIME_LEN 25u
void cli_format_time(int64_t t, char *out, size_t cap);
/* "2026-11-26" from YYYYMMDD or a mid_date. */
void cli_format_date(mid_date d, char *out, size_t cap);

/* Hex: lower case out; decode accepts either case, even length only. */
void cli_hex_encode(const uint8_t *in, size_t len, char *out, size_t cap);
mid_err cli_hex_decode(const char *s, size_t slen, uint8_t *out, size_t cap,
                       size_t *out_len);

/* JSON string literal of len bytes (quotes included). Control characters
 * are escaped, valid UTF-8 passes through, invalid bytes become U+FFFD. */
void cli_json_str(FILE *f, const char *s, size_t len);
void cli_json_cstr(FILE *f, const char *s); /* NULL prints null */

/* --purpose: adult, real_name, licence or custom:ITEM[,ITEM...] (item
 * ids of mid_item_id, at least one, no trailing comma). */
mid_err cli_parse_purpose(const char *s, mid_request *req);

/* Doctype names used on command lines and in output. */
const char *cli_doctype_name(unsigned doctype); /* "resident", "licence" */
/* "resident,licence" -> MID_DOCTYPE_BIT set. */
mid_err cli_parse_doctypes(const char *s, size_t len, uint32_t *bits);

/* What a credential reveals without its personal claims. */
typedef struct cli_cred_info {
    uint8_t issuer_kid[MID_KID_LEN];
    uint8_t cred_id[MID_CRED_ID_LEN];
    int64_t nbf, exp;
    uint8_t doctype;
    int has_licence;
    size_t portrait_len; /* 0: none */
    unsigned portrait_w, portrait_h;
    uint8_t device_x[MID_P256_COORD_LEN];
    int device_y_full; /* y carried in full (else its sign bit) */
    size_t cwt_len;    /* bytes of the signed claims */
} cli_cred_info;

/* Parses the COSE_Sign1 shape and the CWT without verifying anything
 * (the tools use it on their own output and to describe files). */
mid_err cli_cred_describe(const uint8_t *cred, size_t len,
                          cli_cred_info *out);

/* Reads a whole file of at most cap bytes into a malloc'd buffer with a
 * NUL after the data (callers free with cli_free_wiped). */
mid_err cli_read_file(const char *path, size_t cap, uint8_t **out,
                      size_t *len);
void cli_free_wiped(void *p, size_t len);

/* Creates a directory (and no parents) if it does not exist. */
mid_err cli_mkdir(const char *path);
/* Joins dir + "/" + name + suffix into out; MID_ERR_BUFFER if too long. */
mid_err cli_path(char *out, size_t cap, const char *dir, const char *name,
                 const char *suffix);

/* Prints "PROG: message (error id)" to stderr. Messages must never carry
 * personal data. */
void cli_error(const char *prog, mid_err err, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

#endif
