/* mid-kiosk tests — see fake_decoder.h. */
#include "fake_decoder.h"

#include <stdlib.h>
#include <string.h>

struct fake_decoder {
    mid_decoder base;
    fake_decoder_step *steps;
    size_t n, pos, calls;
    int loop;
    uint64_t last_seq;
};

static unsigned g_destroyed;

static struct fake_decoder *to_fake(mid_decoder *dec)
{
    return (struct fake_decoder *)(void *)dec;
}

static const struct fake_decoder *to_fake_const(const mid_decoder *dec)
{
    return (const struct fake_decoder *)(const void *)dec;
}

static mid_err fake_scan(mid_decoder *dec, const mid_frame *frame,
                         uint8_t *out, size_t cap, size_t *out_len)
{
    struct fake_decoder *d = to_fake(dec);

    d->calls++;
    if (!frame || !out_len || (!out && cap > 0))
        return MID_ERR_ARG;
    d->last_seq = frame->seq;
    *out_len = 0;
    if (d->pos >= d->n) {
        if (!d->loop || d->n == 0)
            return MID_ERR_NO_CODE;
        d->pos = 0;
    }
    const fake_decoder_step *s = &d->steps[d->pos++];
    if (s->err != MID_OK)
        return s->err;
    if (s->len > cap)
        return MID_ERR_TOO_LARGE;
    if (s->len > 0)
        memcpy(out, s->data, s->len);
    *out_len = s->len;
    return MID_OK;
}

static void fake_destroy(mid_decoder *dec)
{
    struct fake_decoder *d = to_fake(dec);

    g_destroyed++;
    free(d->steps);
    free(d);
}

static const struct mid_decoder_ops fake_ops = {
    .name = "fake",
    .scan = fake_scan,
    .destroy = fake_destroy,
};

mid_err fake_decoder_create(const fake_decoder_step *steps, size_t n,
                            int loop, mid_decoder **out)
{
    struct fake_decoder *d;

    if (!out || (n > 0 && !steps) || n > FAKE_DECODER_MAX_STEPS)
        return MID_ERR_ARG;
    *out = NULL;
    d = calloc(1, sizeof *d);
    if (!d)
        return MID_ERR_NOMEM;
    if (n > 0) {
        d->steps = calloc(n, sizeof *d->steps);
        if (!d->steps) {
            free(d);
            return MID_ERR_NOMEM;
        }
        memcpy(d->steps, steps, n * sizeof *steps);
    }
    d->base.ops = &fake_ops;
    d->n = n;
    d->loop = loop != 0;
    *out = &d->base;
    return MID_OK;
}

size_t fake_decoder_calls(const mid_decoder *dec)
{
    return to_fake_const(dec)->calls;
}

uint64_t fake_decoder_last_seq(const mid_decoder *dec)
{
    return to_fake_const(dec)->last_seq;
}

unsigned fake_decoder_destroyed(void)
{
    return g_destroyed;
}
