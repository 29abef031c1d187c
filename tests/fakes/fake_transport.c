/* Scripted sync transport (tests/fakes/fake_transport.h). */
#include <stdio.h>
#include <string.h>

#include "fakes/fake_transport.h"

static mid_err fake_get(void *ctx, const mid_sync_request *rq, mid_sync_response *rs,
                        mid_sync_write_fn write, void *wctx)
{
    fake_transport *f = ctx;
    int c = f->calls;
    fake_reply r;
    memset(rs, 0, sizeof *rs);
    if (c < FAKE_TP_MAX) {
        snprintf(f->url[c], sizeof f->url[c], "%s", rq->url);
        snprintf(f->etag[c], sizeof f->etag[c], "%s", rq->etag ? rq->etag : "");
        snprintf(f->last_modified[c], sizeof f->last_modified[c], "%s",
                 rq->last_modified ? rq->last_modified : "");
    }
    f->calls++;
    if (f->next >= f->n)
        return MID_ERR_SYNC_CONNECT; /* nothing scripted: server down */
    r = f->q[f->next++];
    rs->http_status = r.status;
    snprintf(rs->etag, sizeof rs->etag, "%s", r.etag ? r.etag : "");
    snprintf(rs->last_modified, sizeof rs->last_modified, "%s",
             r.last_modified ? r.last_modified : "");
    if (r.body && r.len) {
        /* in two pieces, as a network delivers it */
        size_t half = r.len / 2;
        mid_err e = write(wctx, r.body, half);
        if (!e)
            e = write(wctx, r.body + half, r.len - half);
        if (c < FAKE_TP_MAX)
            f->write_result[c] = e;
        if (e)
            return e;
    }
    return r.err;
}

void fake_transport_init(fake_transport *f, mid_sync_transport *tp)
{
    memset(f, 0, sizeof *f);
    tp->get = fake_get;
    tp->ctx = f;
}

void fake_transport_push(fake_transport *f, fake_reply r)
{
    if (f->n < FAKE_TP_MAX)
        f->q[f->n++] = r;
}
