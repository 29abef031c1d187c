/* mid-kiosk tests — see fake_camera.h. */
#include "fake_camera.h"

#include <stdlib.h>
#include <string.h>

struct fake_camera {
    mid_camera base;
    fake_camera_step *steps;
    size_t n, pos, calls;
    int loop;
    int last_timeout;
    uint64_t seq;
};

static unsigned g_destroyed;

static struct fake_camera *to_fake(mid_camera *cam)
{
    return (struct fake_camera *)(void *)cam;
}

static const struct fake_camera *to_fake_const(const mid_camera *cam)
{
    return (const struct fake_camera *)(const void *)cam;
}

static mid_err fake_next(mid_camera *cam, int timeout_ms, mid_frame *out)
{
    struct fake_camera *c = to_fake(cam);

    c->calls++;
    c->last_timeout = timeout_ms;
    if (!out)
        return MID_ERR_ARG;
    if (c->pos >= c->n) {
        if (!c->loop || c->n == 0)
            return MID_ERR_END_OF_STREAM;
        c->pos = 0;
    }
    const fake_camera_step *s = &c->steps[c->pos++];
    if (s->err != MID_OK)
        return s->err;
    out->luma = s->luma;
    out->width = s->width;
    out->height = s->height;
    out->stride = s->stride ? s->stride : s->width;
    out->seq = c->seq++;
    return MID_OK;
}

static void fake_destroy(mid_camera *cam)
{
    struct fake_camera *c = to_fake(cam);

    g_destroyed++;
    free(c->steps);
    free(c);
}

static const struct mid_camera_ops fake_ops = {
    .name = "fake",
    .next = fake_next,
    .destroy = fake_destroy,
};

mid_err fake_camera_create(const fake_camera_step *steps, size_t n, int loop,
                           mid_camera **out)
{
    struct fake_camera *c;

    if (!out || (n > 0 && !steps) || n > FAKE_CAMERA_MAX_STEPS)
        return MID_ERR_ARG;
    *out = NULL;
    c = calloc(1, sizeof *c);
    if (!c)
        return MID_ERR_NOMEM;
    if (n > 0) {
        c->steps = calloc(n, sizeof *c->steps);
        if (!c->steps) {
            free(c);
            return MID_ERR_NOMEM;
        }
        memcpy(c->steps, steps, n * sizeof *steps);
    }
    c->base.ops = &fake_ops;
    c->n = n;
    c->loop = loop != 0;
    *out = &c->base;
    return MID_OK;
}

size_t fake_camera_calls(const mid_camera *cam)
{
    return to_fake_const(cam)->calls;
}

int fake_camera_last_timeout(const mid_camera *cam)
{
    return to_fake_const(cam)->last_timeout;
}

unsigned fake_camera_destroyed(void)
{
    return g_destroyed;
}
