/* mid-kiosk — fake UI (see fake_ui.h). */
#include "fake_ui.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct fake_event {
    int screen; /* -1: any */
    mid_ui_event ev;
} fake_event;

typedef struct fake_ui {
    mid_ui base;         /* first */
    fake_ui_frame *ring; /* FAKE_UI_FRAMES, heap: a frame holds a view */
    uint64_t renders;
    fake_event script[FAKE_UI_SCRIPT];
    size_t head, count;
    mid_screen history[FAKE_UI_HISTORY];
    size_t n_history;
    unsigned beeps[2];
    unsigned screenshots;
    uint64_t polls;
    mid_err fail_next;
} fake_ui;

static void wipe(void *p, size_t n)
{
    volatile unsigned char *q = p;
    while (n--)
        *q++ = 0;
}

static mid_err fake_render(mid_ui *ui, const mid_ui_model *m)
{
    fake_ui *f = (fake_ui *)ui;
    fake_ui_frame *fr;
    if (!f || !m)
        return MID_ERR_ARG;
    if (f->fail_next != MID_OK) {
        mid_err e = f->fail_next;
        f->fail_next = MID_OK;
        return e;
    }
    f->renders++;
    fr = &f->ring[(f->renders - 1) % FAKE_UI_FRAMES];
    wipe(fr, sizeof(*fr));
    fr->seq = f->renders;
    fr->screen = m->screen;
    fr->lang = m->lang;
    fr->purposes_offered = m->purposes_offered;
    fr->purpose = m->purpose;
    fr->items = m->items;
    fr->focus = m->focus;
    fr->purpose_fixed = m->purpose_fixed;
    fr->has_preview = m->preview != NULL;
    fr->preview_seq = m->preview ? m->preview->seq : 0;
    fr->hint = m->hint;
    fr->verdict = m->verdict;
    fr->failed_check = m->failed_check;
    fr->reason = m->reason;
    fr->has_view = m->view != NULL;
    if (m->view)
        fr->view = *m->view;
    fr->seconds_left = m->seconds_left;
    fr->can_extend = m->can_extend;
    fr->revocation_age_days = m->revocation_age_days;
    fr->revocation_stale = m->revocation_stale;
    fr->has_notice = m->notice != NULL;
    if (m->notice)
        snprintf(fr->notice, sizeof(fr->notice), "%s", m->notice);
    fr->pin_len = m->pin_len;
    fr->pin_state = m->pin_state;
    fr->pin_tries_left = m->pin_tries_left;
    fr->pin_locked_s = m->pin_locked_s;
    fr->has_status = m->status != NULL;
    if (m->status)
        fr->status = *m->status;
    if (f->n_history == 0 ||
        (f->history[f->n_history - 1] != m->screen &&
         f->n_history < FAKE_UI_HISTORY))
        f->history[f->n_history++] = m->screen;
    return MID_OK;
}

static mid_ui_event fake_poll(mid_ui *ui, const mid_ui_model *m)
{
    fake_ui *f = (fake_ui *)ui;
    mid_ui_event none = {MID_EV_NONE, 0};
    fake_event *e;
    int screen;
    if (!f)
        return none;
    f->polls++;
    if (f->count == 0)
        return none;
    e = &f->script[f->head];
    screen = m ? (int)m->screen
               : (f->renders ? (int)fake_ui_last(ui)->screen : -1);
    if (e->screen >= 0 && e->screen != screen)
        return none;
    f->head = (f->head + 1) % FAKE_UI_SCRIPT;
    f->count--;
    return e->ev;
}

static mid_err fake_screenshot(mid_ui *ui, const char *png_path)
{
    fake_ui *f = (fake_ui *)ui;
    if (!f || !png_path)
        return MID_ERR_ARG;
    f->screenshots++;
    return MID_OK;
}

static void fake_beep(mid_ui *ui, int pass)
{
    fake_ui *f = (fake_ui *)ui;
    if (f)
        f->beeps[pass ? 1 : 0]++;
}

static void fake_destroy(mid_ui *ui)
{
    fake_ui *f = (fake_ui *)ui;
    if (!f)
        return;
    if (f->ring) {
        wipe(f->ring, sizeof(fake_ui_frame) * FAKE_UI_FRAMES);
        free(f->ring);
    }
    free(f);
}

static const struct mid_ui_ops k_fake_ops = {
    "fake",
    fake_render,
    fake_poll,
    fake_screenshot,
    fake_beep,
    fake_destroy,
};

mid_err fake_ui_create(mid_ui **out)
{
    fake_ui *f;
    if (!out)
        return MID_ERR_ARG;
    f = calloc(1, sizeof(*f));
    if (!f)
        return MID_ERR_NOMEM;
    f->ring = calloc(FAKE_UI_FRAMES, sizeof(fake_ui_frame));
    if (!f->ring) {
        free(f);
        return MID_ERR_NOMEM;
    }
    f->base.ops = &k_fake_ops;
    *out = &f->base;
    return MID_OK;
}

static int push(mid_ui *ui, int screen, mid_ui_event_kind kind, uint32_t arg)
{
    fake_ui *f = (fake_ui *)ui;
    fake_event *e;
    if (!f || f->count >= FAKE_UI_SCRIPT)
        return 0;
    e = &f->script[(f->head + f->count) % FAKE_UI_SCRIPT];
    e->screen = screen;
    e->ev.kind = kind;
    e->ev.arg = arg;
    f->count++;
    return 1;
}

int fake_ui_push(mid_ui *ui, mid_ui_event_kind kind, uint32_t arg)
{
    return push(ui, -1, kind, arg);
}

int fake_ui_push_on(mid_ui *ui, mid_screen screen, mid_ui_event_kind kind,
                    uint32_t arg)
{
    return push(ui, (int)screen, kind, arg);
}

size_t fake_ui_pending(const mid_ui *ui)
{
    return ui ? ((const fake_ui *)ui)->count : 0;
}

uint64_t fake_ui_render_count(const mid_ui *ui)
{
    return ui ? ((const fake_ui *)ui)->renders : 0;
}

const fake_ui_frame *fake_ui_frame_at(const mid_ui *ui, uint64_t seq)
{
    const fake_ui *f = (const fake_ui *)ui;
    if (!f || seq == 0 || seq > f->renders ||
        f->renders - seq >= FAKE_UI_FRAMES)
        return NULL;
    return &f->ring[(seq - 1) % FAKE_UI_FRAMES];
}

const fake_ui_frame *fake_ui_last(const mid_ui *ui)
{
    return ui ? fake_ui_frame_at(ui, ((const fake_ui *)ui)->renders) : NULL;
}

size_t fake_ui_history(const mid_ui *ui, mid_screen *out, size_t cap)
{
    const fake_ui *f = (const fake_ui *)ui;
    size_t n;
    if (!f)
        return 0;
    n = f->n_history < cap ? f->n_history : cap;
    if (out)
        memcpy(out, f->history, n * sizeof(*out));
    return f->n_history;
}

int fake_ui_saw(const mid_ui *ui, mid_screen screen)
{
    const fake_ui *f = (const fake_ui *)ui;
    if (!f)
        return 0;
    for (size_t i = 0; i < f->n_history; i++)
        if (f->history[i] == screen)
            return 1;
    return 0;
}

unsigned fake_ui_beeps(const mid_ui *ui, int pass)
{
    return ui ? ((const fake_ui *)ui)->beeps[pass ? 1 : 0] : 0;
}

unsigned fake_ui_screenshots(const mid_ui *ui)
{
    return ui ? ((const fake_ui *)ui)->screenshots : 0;
}

uint64_t fake_ui_polls(const mid_ui *ui)
{
    return ui ? ((const fake_ui *)ui)->polls : 0;
}

void fake_ui_fail_next_render(mid_ui *ui, mid_err err)
{
    if (ui)
        ((fake_ui *)ui)->fail_next = err;
}
