/* Error and check texts: one table, so the UI, the logs, mid-verify's JSON
 * and the tests all use the same words. */
#include <stddef.h>

#include "mid/mid_err.h"
#include "mid/mid_verify.h"

typedef struct err_text {
    mid_err err;
    const char *id; /* stable, for logs and JSON */
    const char *ko; /* short, for the customer and the clerk */
    const char *en;
} err_text;

static const err_text ERRS[] = {
    {MID_OK, "ok", "확인되었습니다", "Verified"},
    {MID_ERR_PREFIX, "not a mobile ID code", "모바일 신분증 QR코드가 아닙니다", "Not a mobile ID QR code"},
    {MID_ERR_TOO_LARGE, "too large", "QR코드가 너무 큽니다", "QR code too large"},
    {MID_ERR_BASE45, "bad base45", "QR코드를 해석할 수 없습니다", "QR code cannot be read"},
    {MID_ERR_CBOR_TRUNCATED, "truncated", "QR코드 내용이 잘렸습니다", "QR content is truncated"},
    {MID_ERR_CBOR_INDEFINITE, "indefinite length", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_NONCANONICAL, "non-canonical encoding", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_DEPTH, "nesting too deep", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_TOO_MANY, "too many items", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_TRAILING, "trailing bytes", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_DUP_KEY, "duplicate key", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_UNSUPPORTED, "unsupported item", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_TYPE, "wrong item type", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_UTF8, "invalid utf-8", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_CBOR_KEY_ORDER, "keys out of order", "QR코드 형식이 잘못되었습니다", "Malformed QR content"},
    {MID_ERR_COSE_STRUCTURE, "bad cose structure", "서명 형식이 잘못되었습니다", "Malformed signature envelope"},
    {MID_ERR_COSE_ALG, "unsupported algorithm", "지원하지 않는 서명 방식입니다", "Unsupported signature algorithm"},
    {MID_ERR_COSE_HEADER, "bad cose header", "서명 형식이 잘못되었습니다", "Malformed signature envelope"},
    {MID_ERR_CLAIM_MISSING, "claim missing", "필수 정보가 빠져 있습니다", "Required data missing"},
    {MID_ERR_CLAIM_UNKNOWN, "unknown claim", "알 수 없는 정보가 들어 있습니다", "Unknown data in credential"},
    {MID_ERR_CLAIM_VALUE, "claim out of range", "정보 값이 올바르지 않습니다", "Invalid data value"},
    {MID_ERR_KEY_FORMAT, "bad key", "기기 키가 올바르지 않습니다", "Invalid device key"},
    {MID_ERR_RRN_FORMAT, "bad rrn", "주민등록번호 형식이 올바르지 않습니다", "Invalid resident registration number"},
    {MID_ERR_UNKNOWN_KID, "unknown issuer key", "등록되지 않은 발급기관 키입니다", "Unknown issuer key"},
    {MID_ERR_KEY_DOCTYPE, "key not allowed for document", "이 신분증을 발급할 수 없는 키입니다", "Issuer key not allowed for this document"},
    {MID_ERR_KEY_PERIOD, "key outside validity", "발급기관 키의 유효기간이 아닙니다", "Issuer key outside its validity"},
    {MID_ERR_ISSUER_SIG, "issuer signature invalid", "위조된 신분증입니다 (발급 서명 불일치)", "Forged credential (issuer signature)"},
    {MID_ERR_DEVICE_SIG, "device signature invalid", "위조된 QR코드입니다 (기기 서명 불일치)", "Forged QR code (device signature)"},
    {MID_ERR_BUNDLE_SIG, "bundle signature invalid", "업데이트 서명이 올바르지 않습니다", "Update signature invalid"},
    {MID_ERR_BUNDLE_FOREIGN, "bundle from unknown signer", "알 수 없는 기관의 업데이트입니다", "Update from an unknown signer"},
    {MID_ERR_NOT_YET_VALID, "not yet valid", "아직 유효하지 않은 신분증입니다", "Credential not yet valid"},
    {MID_ERR_EXPIRED, "expired", "유효기간이 지난 신분증입니다", "Credential expired"},
    {MID_ERR_STALE, "stale", "만료된 QR코드입니다. 새로 고쳐 주세요", "QR code expired. Refresh it"},
    {MID_ERR_FUTURE, "dated in the future", "QR코드 시각이 맞지 않습니다", "QR code dated in the future"},
    {MID_ERR_CLOCK, "kiosk clock untrusted", "단말기 시계가 맞지 않아 확인할 수 없습니다", "Kiosk clock is wrong; cannot verify"},
    {MID_ERR_BUNDLE_EXPIRED, "bundle expired", "신뢰 데이터의 유효기간이 지났습니다. 업데이트가 필요합니다", "Trust data expired; update needed"},
    {MID_ERR_REVOCATION_STALE, "revocation data stale", "폐지목록이 너무 오래되어 확인할 수 없습니다", "Revocation list too old; cannot verify"},
    {MID_ERR_REPLAY_RESTART, "presented before restart", "이미 사용되었을 수 있는 QR코드입니다. 새로 고쳐 주세요", "QR code may have been used before. Refresh it"},
    {MID_ERR_TIME_FILE, "bad time file", "시각 기록 파일 오류", "Time record file damaged"},
    {MID_ERR_REPLAY, "replayed", "이미 사용된 QR코드입니다", "QR code already used"},
    {MID_ERR_REVOKED, "revoked", "분실 또는 폐기된 신분증입니다", "Credential revoked (lost or replaced)"},
    {MID_ERR_PURPOSE, "cannot answer request", "요청한 정보를 확인할 수 없는 신분증입니다", "This ID cannot answer the request"},
    {MID_ERR_BUNDLE_OLDER, "bundle not newer", "설치된 것보다 오래된 업데이트입니다", "Update is not newer than installed"},
    {MID_ERR_BUNDLE_KIND, "wrong bundle kind", "업데이트 종류가 맞지 않습니다", "Wrong kind of update"},
    {MID_ERR_NO_REVOCATION, "no revocation data", "폐지목록이 없어 확인할 수 없습니다", "No revocation list installed"},
    {MID_ERR_BUNDLE_ROLLBACK, "bundle below accepted floor", "이미 받은 것보다 오래된 신뢰 데이터입니다 (변조 의심)", "Trust data older than already accepted (tampering?)"},
    {MID_ERR_BUNDLE_VERSION, "unknown bundle version", "지원하지 않는 업데이트 형식입니다", "Unsupported update format"},
    {MID_ERR_BUNDLE_LEGACY, "legacy bundle refused", "더 이상 받지 않는 옛 형식의 업데이트입니다", "Old update format no longer accepted"},
    {MID_ERR_FLOOR, "floor file damaged", "설치 기록 파일이 손상되었습니다", "Install record damaged"},
    {MID_ERR_PIN_FILE, "bad pin file", "운영자 PIN 파일 오류", "Operator PIN file damaged"},
    {MID_ERR_PIN_FILE_MODE, "pin file not private", "운영자 PIN 파일 권한 오류 (0600 필요)", "Operator PIN file not private (needs 0600)"},
    {MID_ERR_PIN_LOCK_FILE, "bad pin lock file", "운영자 PIN 잠금 파일 오류", "Operator PIN lockout file damaged"},
    {MID_ERR_ARG, "invalid argument", "내부 오류", "Internal error"},
    {MID_ERR_CRYPTO, "crypto failure", "내부 오류 (암호)", "Internal error (crypto)"},
    {MID_ERR_IO, "i/o error", "입출력 오류", "I/O error"},
    {MID_ERR_NOMEM, "out of memory", "메모리 부족", "Out of memory"},
    {MID_ERR_BUFFER, "buffer too small", "내부 오류", "Internal error"},
    {MID_ERR_CAMERA_GONE, "camera disconnected", "카메라 연결이 끊어졌습니다", "Camera disconnected"},
    {MID_ERR_CAMERA_TIMEOUT, "camera timeout", "카메라 응답이 없습니다", "Camera not responding"},
    {MID_ERR_CONFIG, "configuration error", "설정 파일 오류", "Configuration error"},
    {MID_ERR_DECODER, "decoder failure", "QR 인식 오류", "QR decoder error"},
    {MID_ERR_MULTIPLE_CODES, "multiple codes", "QR코드를 하나만 보여 주세요", "Show only one QR code"},
    {MID_ERR_NO_CODE, "no code", "QR코드가 없습니다", "No QR code"},
    {MID_ERR_END_OF_STREAM, "end of stream", "영상이 끝났습니다", "End of video"},
    {MID_ERR_FORMAT, "unsupported format", "지원하지 않는 형식입니다", "Unsupported format"},
    {MID_ERR_CONFIG_DROPIN, "configuration drop-in error", "기기별 설정 파일 오류", "Per-device configuration error"},
    {MID_ERR_SYNC_CONNECT, "sync server unreachable", "업데이트 서버에 연결할 수 없습니다", "Update server unreachable"},
    {MID_ERR_SYNC_TIMEOUT, "sync timed out", "업데이트 서버 응답 시간 초과", "Update server timed out"},
    {MID_ERR_SYNC_HTTP, "sync http error", "업데이트 서버 오류 응답", "Update server error"},
    {MID_ERR_SYNC_TOO_LARGE, "sync body too large", "업데이트 파일이 너무 큽니다", "Update file too large"},
    {MID_ERR_SYNC_TRUNCATED, "sync body truncated", "업데이트 파일이 잘렸습니다", "Update file truncated"},
    {MID_ERR_SYNC_TLS, "sync tls failed", "업데이트 서버 인증서 오류", "Update server certificate error"},
    {MID_ERR_SYNC_URL, "sync url not allowed", "업데이트 주소가 허용되지 않습니다", "Update URL not allowed"},
    {MID_ERR_SYNC_TRANSPORT, "sync transfer failed", "업데이트 전송 실패", "Update transfer failed"},
    {MID_ERR_SYNC_STATUS, "sync status malformed", "동기화 상태 파일 오류", "Sync status file malformed"},
    {MID_ERR_SYNC_ROLLBACK, "sync rollback refused", "이전 버전 목록 거부", "Older list refused"},
    {MID_ERR_RECEIPT_FORMAT, "receipt malformed", "영수증 형식이 잘못되었습니다", "Malformed receipt"},
    {MID_ERR_RECEIPT_UNKNOWN, "receipt unknown key", "영수증에 알 수 없는 항목이 있습니다", "Unknown item in receipt"},
    {MID_ERR_RECEIPT_VERSION, "receipt version", "지원하지 않는 영수증 버전입니다", "Unsupported receipt version"},
    {MID_ERR_RECEIPT_SIG, "receipt altered", "영수증이 변조되었습니다 (서명 불일치)", "Receipt altered (signature)"},
    {MID_ERR_RECEIPT_FOREIGN, "receipt foreign", "다른 단말기의 영수증입니다", "Receipt from another device"},
    {MID_ERR_RECEIPT_GAP, "receipt missing", "영수증이 빠져 있습니다", "Receipts missing"},
    {MID_ERR_RECEIPT_ORDER, "receipt reordered", "영수증 순서가 바뀌었습니다", "Receipts reordered or repeated"},
    {MID_ERR_RECEIPT_PREV, "receipt chain broken", "영수증 연결이 끊어졌습니다", "Receipt chain broken"},
    {MID_ERR_RECEIPT_TORN, "receipt torn", "마지막 영수증이 잘렸습니다", "Last receipt incomplete"},
    {MID_ERR_RECEIPT_RECORD, "receipt log damaged", "영수증 기록이 손상되었습니다", "Receipt log damaged"},
    {MID_ERR_DEVKEY, "device key", "단말기 키 오류", "Device key error"},
    {MID_ERR_POS_JSON, "bad_json", "POS 메시지 형식 오류", "POS message is not JSON"},
    {MID_ERR_POS_TOO_LONG, "line_too_long", "POS 메시지가 너무 깁니다", "POS message too long"},
    {MID_ERR_POS_TYPE, "unknown_type", "알 수 없는 POS 메시지", "Unknown POS message type"},
    {MID_ERR_POS_SCHEMA, "bad_field", "POS 메시지 항목 오류", "POS message field missing or wrong"},
    {MID_ERR_POS_PURPOSE, "unknown_purpose", "알 수 없는 확인 목적", "Unknown purpose or item"},
    {MID_ERR_POS_BUSY, "busy", "이미 확인 중입니다", "A request is already open"},
    {MID_ERR_POS_RATE, "rate_limited", "POS 메시지가 너무 많습니다", "Too many POS messages"},
    {MID_ERR_POS_VERSION, "unsupported_version", "지원하지 않는 POS 프로토콜 버전", "Unsupported POS protocol version"},
    {MID_ERR_POS_TXN, "bad_transaction_id", "거래 번호 오류", "Bad transaction id"},
    {MID_ERR_POS_STATE, "unexpected", "지금 처리할 수 없는 POS 메시지", "POS message not expected now"},
};

static const err_text *find(mid_err err)
{
    for (size_t i = 0; i < sizeof ERRS / sizeof ERRS[0]; i++) {
        if (ERRS[i].err == err)
            return &ERRS[i];
    }
    return NULL;
}

const char *mid_err_str(mid_err err)
{
    const err_text *t = find(err);
    return t ? t->id : "unknown error";
}

const char *mid_err_message(mid_err err, mid_lang lang)
{
    const err_text *t = find(err);
    if (!t)
        return lang == MID_LANG_EN ? "Unknown error" : "알 수 없는 오류";
    return lang == MID_LANG_EN ? t->en : t->ko;
}

int mid_err_is_malformed(mid_err err)
{
    return err >= 100 && err < 200;
}

int mid_err_is_system(mid_err err)
{
    return err >= 500 && err < 600;
}

typedef struct check_text {
    const char *id;
    const char *ko;
    const char *en;
} check_text;

static const check_text CHECKS[MID_CHECK_COUNT] = {
    [MID_CHECK_CLOCK] = {"CLOCK", "단말기 시계", "Kiosk clock"},
    [MID_CHECK_FORMAT] = {"FORMAT", "QR 형식", "QR format"},
    [MID_CHECK_STRUCTURE] = {"STRUCTURE", "데이터 구조", "Data structure"},
    [MID_CHECK_ISSUER_KEY] = {"ISSUER_KEY", "발급기관 키", "Issuer key"},
    [MID_CHECK_ISSUER_SIGNATURE] = {"ISSUER_SIGNATURE", "발급 서명", "Issuer signature"},
    [MID_CHECK_CREDENTIAL_VALIDITY] = {"CREDENTIAL_VALIDITY", "유효기간", "Validity period"},
    [MID_CHECK_DEVICE_SIGNATURE] = {"DEVICE_SIGNATURE", "기기 서명", "Device signature"},
    [MID_CHECK_FRESHNESS] = {"FRESHNESS", "QR 생성 시각", "QR freshness"},
    [MID_CHECK_REPLAY] = {"REPLAY", "재사용 확인", "Replay"},
    [MID_CHECK_REVOKED] = {"REVOKED", "분실·폐지 확인", "Revocation"},
    [MID_CHECK_PURPOSE] = {"PURPOSE", "요청 정보", "Requested information"},
    [MID_CHECK_REVOCATION_STALE] = {"REVOCATION_STALE", "폐지목록 최신성", "Revocation list age"},
};

const char *mid_check_id_str(mid_check_id id)
{
    if ((unsigned)id >= MID_CHECK_COUNT)
        return "UNKNOWN";
    return CHECKS[id].id;
}

const char *mid_check_label(mid_check_id id, mid_lang lang)
{
    if ((unsigned)id >= MID_CHECK_COUNT)
        return "?";
    return lang == MID_LANG_EN ? CHECKS[id].en : CHECKS[id].ko;
}
