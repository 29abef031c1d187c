/* mid-kiosk — one error enum for the whole project.
 *
 * Append-only: a number, once published, keeps its meaning forever (logs,
 * the check log and point-of-sale software read them). Grouped in ranges so
 * "is this a malformed payload?" is a range compare (the QCBOR idea). */
#ifndef MID_ERR_H
#define MID_ERR_H

typedef enum mid_err {
    MID_OK = 0,

    /* 100-199: the payload is malformed (hostile or broken input). */
    MID_ERR_PREFIX = 100,            /* missing or unknown "MID1:" prefix */
    MID_ERR_TOO_LARGE = 101,         /* over a named size limit */
    MID_ERR_BASE45 = 102,            /* not valid Base45 (RFC 9285) */
    MID_ERR_CBOR_TRUNCATED = 103,    /* item runs past the end of the buffer */
    MID_ERR_CBOR_INDEFINITE = 104,   /* indefinite lengths are refused */
    MID_ERR_CBOR_NONCANONICAL = 105, /* integer/length not in shortest form */
    MID_ERR_CBOR_DEPTH = 106,        /* nesting deeper than MID_CBOR_MAX_DEPTH */
    MID_ERR_CBOR_TOO_MANY = 107,     /* more items than a named limit */
    MID_ERR_CBOR_TRAILING = 108,     /* bytes after the top-level item */
    MID_ERR_CBOR_DUP_KEY = 109,      /* the same map key twice */
    MID_ERR_CBOR_UNSUPPORTED = 110,  /* floats, undefined, unknown simple/tags */
    MID_ERR_CBOR_TYPE = 111,         /* item of the wrong major type */
    MID_ERR_CBOR_UTF8 = 112,         /* text string is not valid UTF-8 */
    MID_ERR_CBOR_KEY_ORDER = 113,    /* map keys not in deterministic order */
    MID_ERR_COSE_STRUCTURE = 114,    /* not a COSE_Sign1 of the expected shape */
    MID_ERR_COSE_ALG = 115,          /* algorithm other than ES256 */
    MID_ERR_COSE_HEADER = 116,       /* unknown or misplaced header parameter */
    MID_ERR_CLAIM_MISSING = 117,     /* a required claim is absent */
    MID_ERR_CLAIM_UNKNOWN = 118,     /* a claim key this version does not know */
    MID_ERR_CLAIM_VALUE = 119,       /* claim present but out of range */
    MID_ERR_KEY_FORMAT = 120,        /* public key is not a valid P-256 point */
    MID_ERR_RRN_FORMAT = 121,        /* RRN is not 13 digits / bad date / digit */

    /* 200-299: keys and signatures. */
    MID_ERR_UNKNOWN_KID = 200,    /* issuer key id not in the trust store */
    MID_ERR_KEY_DOCTYPE = 201,    /* key not allowed to sign this document */
    MID_ERR_KEY_PERIOD = 202,     /* key outside its validity period */
    MID_ERR_ISSUER_SIG = 203,     /* issuer signature does not verify */
    MID_ERR_DEVICE_SIG = 204,     /* device signature does not verify */
    MID_ERR_BUNDLE_SIG = 205,     /* trust/revocation bundle signature bad */
    MID_ERR_BUNDLE_FOREIGN = 206, /* bundle signed by a key we do not pin */

    /* 300-399: time. */
    MID_ERR_NOT_YET_VALID = 300,    /* credential nbf is in the future */
    MID_ERR_EXPIRED = 301,          /* credential exp has passed */
    MID_ERR_STALE = 302,            /* presentation older than the window */
    MID_ERR_FUTURE = 303,           /* presentation dated beyond the skew */
    MID_ERR_CLOCK = 304,            /* kiosk clock before the build floor */
    MID_ERR_BUNDLE_EXPIRED = 305,   /* bundle past its signed valid_until */
    MID_ERR_REVOCATION_STALE = 306, /* revocation data older than policy */
    /* 310-314: trusted time (docs/trusted-time.md) */
    MID_ERR_REPLAY_RESTART = 310, /* presented before the kiosk restarted:
                                      its replay memory was lost, refused */
    MID_ERR_TIME_FILE = 311,      /* last-known-good time file malformed */

    /* 400-499: policy. */
    MID_ERR_REPLAY = 400,          /* nonce already accepted on this kiosk */
    MID_ERR_REVOKED = 401,         /* credential id on the revocation list */
    MID_ERR_PURPOSE = 402,         /* credential cannot answer this request */
    MID_ERR_BUNDLE_OLDER = 403,    /* bundle not newer than the installed */
    MID_ERR_BUNDLE_KIND = 404,     /* trust bundle where revocation expected */
    MID_ERR_NO_REVOCATION = 405,   /* no valid revocation data installed */
    MID_ERR_BUNDLE_ROLLBACK = 406, /* installed bundle below the accepted floor */
    MID_ERR_BUNDLE_VERSION = 407,  /* bundle format version not known */
    MID_ERR_BUNDLE_LEGACY = 408,   /* old bundle format no longer accepted */
    MID_ERR_FLOOR = 409,           /* the floor file is damaged */
    /* 415-419: the operator PIN (docs/operator.md) */
    MID_ERR_PIN_FILE = 415,      /* PIN hash file malformed */
    MID_ERR_PIN_FILE_MODE = 416, /* PIN hash file readable by others or
                                      owned by another user: refused */
    MID_ERR_PIN_LOCK_FILE = 417, /* lockout file malformed (fails locked) */

    /* 500-599: system (never caused by the customer's code). */
    MID_ERR_ARG = 500,            /* invalid argument (programming error) */
    MID_ERR_CRYPTO = 501,         /* crypto library failed internally */
    MID_ERR_IO = 502,             /* file or device I/O failed */
    MID_ERR_NOMEM = 503,          /* an adapter could not allocate */
    MID_ERR_BUFFER = 504,         /* caller's output buffer too small */
    MID_ERR_CAMERA_GONE = 505,    /* camera unplugged (ENODEV) */
    MID_ERR_CAMERA_TIMEOUT = 506, /* no frame within the timeout */
    MID_ERR_CONFIG = 507,         /* configuration file problem */
    MID_ERR_DECODER = 508,        /* barcode decoder failed */
    MID_ERR_MULTIPLE_CODES = 509, /* two different codes in one frame */
    MID_ERR_NO_CODE = 510,        /* no code in the frame */
    MID_ERR_END_OF_STREAM = 511,  /* file source has no more frames */
    MID_ERR_FORMAT = 512,         /* unsupported pixel or file format */
    /* 530-539: per-device settings, PIN store, time store */
    MID_ERR_CONFIG_DROPIN = 530, /* a kiosk.conf.d drop-in is bad */

    /* 600-699: network sync (mid-sync, docs/sync.md). 600-619 so far. */
    MID_ERR_SYNC_CONNECT = 600,   /* server unreachable (refused, DNS) */
    MID_ERR_SYNC_TIMEOUT = 601,   /* connect or transfer took too long */
    MID_ERR_SYNC_HTTP = 602,      /* HTTP status other than 200 / 304 */
    MID_ERR_SYNC_TOO_LARGE = 603, /* body over the configured size cap */
    MID_ERR_SYNC_TRUNCATED = 604, /* body shorter than announced, or none */
    MID_ERR_SYNC_TLS = 605,       /* TLS handshake or certificate failed */
    MID_ERR_SYNC_URL = 606,       /* URL or protocol not allowed */
    MID_ERR_SYNC_TRANSPORT = 607, /* any other transfer failure */
    MID_ERR_SYNC_STATUS = 608,    /* sync status file malformed */
    MID_ERR_SYNC_ROLLBACK = 609,  /* server offered an older bundle */

    /* 700-799: point-of-sale link and receipts (docs/receipts.md,
     * docs/pos-protocol.md). 700-719 receipts, 720-729 POS messages. */
    MID_ERR_RECEIPT_FORMAT = 700,  /* receipt malformed: key missing, type, range */
    MID_ERR_RECEIPT_UNKNOWN = 701, /* receipt carries a key this kiosk does not know */
    MID_ERR_RECEIPT_VERSION = 702, /* receipt version not supported */
    MID_ERR_RECEIPT_SIG = 703,     /* receipt signature invalid (altered) */
    MID_ERR_RECEIPT_FOREIGN = 704, /* receipt signed by another device key */
    MID_ERR_RECEIPT_GAP = 705,     /* sequence number skips: records missing */
    MID_ERR_RECEIPT_ORDER = 706,   /* sequence number goes back: reordered or repeated */
    MID_ERR_RECEIPT_PREV = 707,    /* previous-receipt hash does not match */
    MID_ERR_RECEIPT_TORN = 708,    /* incomplete last record (power cut) */
    MID_ERR_RECEIPT_RECORD = 709,  /* damaged record inside a receipt log */
    MID_ERR_DEVKEY = 710,          /* device key file missing, unreadable or bad */
    MID_ERR_POS_JSON = 720,        /* POS line is not valid JSON */
    MID_ERR_POS_TOO_LONG = 721,    /* POS line over MID_POS_MAX_LINE */
    MID_ERR_POS_TYPE = 722,        /* unknown POS message type */
    MID_ERR_POS_SCHEMA = 723,      /* POS message key missing, unknown or wrong type */
    MID_ERR_POS_PURPOSE = 724,     /* unknown purpose or item in a POS request */
    MID_ERR_POS_BUSY = 725,        /* a request is already open */
    MID_ERR_POS_RATE = 726,        /* POS sends too many messages */
    MID_ERR_POS_VERSION = 727,     /* POS protocol version not supported */
    MID_ERR_POS_TXN = 728,         /* transaction id empty, too long or bad characters */
    MID_ERR_POS_STATE = 729        /* message not valid now (no hello, nothing to cancel) */
} mid_err;

/* Stable short English identifier-like text, e.g. "signature invalid". */
const char *mid_err_str(mid_err err);

/* Category helpers: range compares, no tables. */
int mid_err_is_malformed(mid_err err);
int mid_err_is_system(mid_err err);

#endif
