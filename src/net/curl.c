/* libcurl transport for the sync agent (include/mid/mid_net.h). One easy
 * handle per GET: a round is two small requests every hour, connection
 * reuse would buy nothing and keep state between rounds. */
#include <stdio.h>
#include <string.h>

#include <curl/curl.h>

#include "mid/mid_net.h"

#ifndef MID_VERSION
#define MID_VERSION "0.1.0"
#endif

typedef struct xfer {
    mid_sync_response *rs;
    mid_sync_write_fn write;
    void *wctx;
    mid_err write_err;
} xfer;

static size_t on_body(char *p, size_t size, size_t nmemb, void *arg)
{
    xfer *x = arg;
    size_t n = size * nmemb;
    mid_err err = x->write(x->wctx, p, n);
    if (err) {
        x->write_err = err;
        return 0; /* CURLE_WRITE_ERROR */
    }
    return n;
}

/* "Name: value\r\n" into out when the header is name (case-insensitive);
 * only printable ASCII is kept, anything else leaves the tag empty. */
static void take_header(const char *p, size_t n, const char *name, char *out, size_t cap)
{
    size_t nl = strlen(name), a, b;
    if (n <= nl || strncasecmp(p, name, nl) != 0 || p[nl] != ':')
        return;
    a = nl + 1;
    b = n;
    while (a < b && (p[a] == ' ' || p[a] == '\t'))
        a++;
    while (b > a && (p[b - 1] == '\r' || p[b - 1] == '\n' || p[b - 1] == ' '))
        b--;
    out[0] = '\0';
    if (b - a >= cap)
        return;
    for (size_t i = a; i < b; i++)
        if ((unsigned char)p[i] < 0x20 || (unsigned char)p[i] > 0x7e)
            return;
    memcpy(out, p + a, b - a);
    out[b - a] = '\0';
}

static size_t on_header(char *p, size_t size, size_t nmemb, void *arg)
{
    xfer *x = arg;
    size_t n = size * nmemb;
    /* a new status line (e.g. after "100 Continue") starts afresh */
    if (n >= 5 && strncmp(p, "HTTP/", 5) == 0)
        x->rs->etag[0] = x->rs->last_modified[0] = '\0';
    take_header(p, n, "ETag", x->rs->etag, sizeof x->rs->etag);
    take_header(p, n, "Last-Modified", x->rs->last_modified, sizeof x->rs->last_modified);
    return n;
}

static mid_err map_curl(CURLcode c)
{
    switch (c) {
    case CURLE_OK:
        return MID_OK;
    case CURLE_COULDNT_CONNECT:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_RESOLVE_PROXY:
        return MID_ERR_SYNC_CONNECT;
    case CURLE_OPERATION_TIMEDOUT:
        return MID_ERR_SYNC_TIMEOUT;
    case CURLE_FILESIZE_EXCEEDED:
        return MID_ERR_SYNC_TOO_LARGE;
    case CURLE_PARTIAL_FILE:
    case CURLE_GOT_NOTHING:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
        return MID_ERR_SYNC_TRUNCATED;
    case CURLE_PEER_FAILED_VERIFICATION:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CIPHER:
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
        return MID_ERR_SYNC_TLS;
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
        return MID_ERR_SYNC_URL;
    default:
        return MID_ERR_SYNC_TRANSPORT;
    }
}

static mid_err curl_get(void *ctx, const mid_sync_request *rq, mid_sync_response *rs,
                        mid_sync_write_fn write, void *wctx)
{
    const mid_sync_config *c = rq->cfg;
    CURL *h = curl_easy_init();
    struct curl_slist *hdr = NULL, *t;
    char line[MID_SYNC_TAG_MAX + 32];
    xfer x;
    CURLcode cc = CURLE_OK;
    long code = 0;
    mid_err err;

    (void)ctx;
    memset(rs, 0, sizeof *rs);
    if (!h)
        return MID_ERR_NOMEM;
    x.rs = rs;
    x.write = write;
    x.wctx = wctx;
    x.write_err = MID_OK;
    if (rq->etag && rq->etag[0]) {
        snprintf(line, sizeof line, "If-None-Match: %s", rq->etag);
        if ((t = curl_slist_append(hdr, line)) == NULL)
            goto nomem;
        hdr = t;
    }
    if (rq->last_modified && rq->last_modified[0]) {
        snprintf(line, sizeof line, "If-Modified-Since: %s", rq->last_modified);
        if ((t = curl_slist_append(hdr, line)) == NULL)
            goto nomem;
        hdr = t;
    }
#define SET(opt, val)   \
    if (cc == CURLE_OK) \
    cc = curl_easy_setopt(h, opt, val)
    SET(CURLOPT_URL, rq->url);
    /* https only; http only when the config allowed it, which it does
     * for loopback hosts only (mid_sync_config_parse) */
    SET(CURLOPT_PROTOCOLS_STR, c->allow_http ? "https,http" : "https");
    SET(CURLOPT_REDIR_PROTOCOLS_STR, "https");
    SET(CURLOPT_FOLLOWLOCATION, 0L);
    SET(CURLOPT_NOSIGNAL, 1L);
    /* environment proxies are not followed: the unit has none, the
     * tests must not pick up the host's */
    SET(CURLOPT_PROXY, "");
    SET(CURLOPT_CONNECTTIMEOUT, (long)c->connect_timeout_s);
    SET(CURLOPT_TIMEOUT, (long)c->timeout_s);
    SET(CURLOPT_LOW_SPEED_LIMIT, (long)MID_SYNC_LOW_SPEED);
    SET(CURLOPT_LOW_SPEED_TIME, (long)c->low_speed_time_s);
    SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)c->max_bytes);
    SET(CURLOPT_SSL_VERIFYPEER, 1L);
    SET(CURLOPT_SSL_VERIFYHOST, 2L);
    if (c->ca_file[0])
        SET(CURLOPT_CAINFO, c->ca_file);
    SET(CURLOPT_USERAGENT, "mid-sync/" MID_VERSION);
    SET(CURLOPT_HTTPHEADER, hdr);
    SET(CURLOPT_WRITEFUNCTION, on_body);
    SET(CURLOPT_WRITEDATA, &x);
    SET(CURLOPT_HEADERFUNCTION, on_header);
    SET(CURLOPT_HEADERDATA, &x);
#undef SET
    if (cc == CURLE_OK)
        cc = curl_easy_perform(h);
    if (curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK)
        rs->http_status = (int)code;
    err = x.write_err ? x.write_err : map_curl(cc);
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return err;
nomem:
    curl_slist_free_all(hdr);
    curl_easy_cleanup(h);
    return MID_ERR_NOMEM;
}

mid_err mid_net_curl_init(mid_sync_transport *tp)
{
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK)
        return MID_ERR_SYNC_TRANSPORT;
    tp->get = curl_get;
    tp->ctx = NULL;
    return MID_OK;
}

void mid_net_curl_cleanup(void)
{
    curl_global_cleanup();
}
