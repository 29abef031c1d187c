/* A scripted transport for the sync agent's unit tests: answers each GET
 * with the next queued response and records what was asked. */
#ifndef MID_FAKE_TRANSPORT_H
#define MID_FAKE_TRANSPORT_H

#include <stddef.h>
#include <stdint.h>

#include "mid/mid_sync.h"

#define FAKE_TP_MAX 64

typedef struct fake_reply {
    mid_err err; /* transport result */
    int status;
    const uint8_t *body;
    size_t len;
    const char *etag, *last_modified;
} fake_reply;

typedef struct fake_transport {
    fake_reply q[FAKE_TP_MAX];
    int n, next;
    /* what the agent asked, per call */
    char url[FAKE_TP_MAX][MID_SYNC_URL_MAX + 32];
    char etag[FAKE_TP_MAX][MID_SYNC_TAG_MAX];
    char last_modified[FAKE_TP_MAX][MID_SYNC_TAG_MAX];
    mid_err write_result[FAKE_TP_MAX];
    int calls;
} fake_transport;

void fake_transport_init(fake_transport *f, mid_sync_transport *tp);
void fake_transport_push(fake_transport *f, fake_reply r);

#endif
