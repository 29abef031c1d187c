/* Time floor and last-known-good time (include/mid/mid_timefloor.h). */
#include <string.h>

#include "mid/mid_timefloor.h"

int64_t mid_time_floor(int64_t build, int64_t bundle_issued, int64_t last_good)
{
    int64_t f;
    if (build <= 0 || build == INT64_MAX)
        return INT64_MAX;
    f = build;
    if (bundle_issued > f && bundle_issued <= MID_TIME_MAX)
        f = bundle_issued;
    if (last_good > 0 && last_good - MID_TIME_FLOOR_SLACK_S > f && last_good <= MID_TIME_MAX)
        f = last_good - MID_TIME_FLOOR_SLACK_S;
    return f;
}

static void refloor(mid_timekeeper *tk)
{
    tk->floor = mid_time_floor(tk->build, tk->bundle_issued, tk->last_good);
}

void mid_timekeeper_init(mid_timekeeper *tk, int64_t build, int64_t bundle_issued,
                         int64_t last_good)
{
    memset(tk, 0, sizeof *tk);
    tk->build = build;
    tk->bundle_issued = bundle_issued > 0 ? bundle_issued : 0;
    tk->last_good = last_good > 0 ? last_good : 0;
    refloor(tk);
}

void mid_timekeeper_bundle(mid_timekeeper *tk, int64_t issued)
{
    if (issued > tk->bundle_issued && issued <= MID_TIME_MAX) {
        tk->bundle_issued = issued;
        refloor(tk);
    }
}

int mid_timekeeper_tick(mid_timekeeper *tk, int64_t now, int64_t mono_ms, int synced,
                        mid_time_event ev)
{
    int due;

    if (!tk->have_prev) {
        /* The first sample: the downtime before it is unknown. A clock far
         * ahead of the last time we stored (or with nothing stored) is
         * treated like a forward step: usable, but not stored until
         * confirmed, so a bogus RTC or a hand-set date cannot raise the
         * floor for ever. A restart after a few minutes is no step. */
        tk->have_prev = 1;
        tk->step_pending = tk->last_good == 0 ||
                           now - tk->last_good > MID_TIME_STORE_S + MID_TIME_STEP_S;
        tk->steady_since_ms = mono_ms;
    } else {
        int64_t dwall = now - tk->prev_wall;
        int64_t dmono = (mono_ms - tk->prev_mono_ms) / 1000;
        if (dwall - dmono > MID_TIME_STEP_S) {
            tk->step_pending = 1;
            tk->steady_since_ms = mono_ms;
        } else if (dmono - dwall > MID_TIME_STEP_S) {
            /* stepped back, yet at or above the floor (else CLOCK):
             * restart the steady count, the new time is not confirmed */
            tk->steady_since_ms = mono_ms;
        }
    }
    tk->prev_wall = now;
    tk->prev_mono_ms = mono_ms;

    if (now < tk->floor || now > MID_TIME_MAX)
        return 0; /* the clock is wrong: never store it */
    if (tk->step_pending &&
        (synced || ev == MID_TIME_VERIFIED ||
         mono_ms - tk->steady_since_ms >= (int64_t)MID_TIME_CONFIRM_S * 1000))
        tk->step_pending = 0;
    if (tk->step_pending)
        return 0;
    due = ev != MID_TIME_TICK || !tk->stored_once ||
          mono_ms - tk->last_store_ms >= (int64_t)MID_TIME_STORE_S * 1000;
    if (!due || now <= tk->last_good)
        return 0;
    tk->last_good = now;
    tk->last_store_ms = mono_ms;
    tk->stored_once = 1;
    refloor(tk);
    return 1;
}

mid_err mid_time_parse(const char *text, size_t len, int64_t *out)
{
    int64_t v = 0;
    if (!text || !out)
        return MID_ERR_ARG;
    if (len > MID_TIME_FILE_MAX)
        return MID_ERR_TIME_FILE;
    if (len > 0 && text[len - 1] == '\n')
        len--;
    if (len == 0 || len > 12 || text[0] == '0')
        return MID_ERR_TIME_FILE;
    for (size_t i = 0; i < len; i++) {
        if (text[i] < '0' || text[i] > '9')
            return MID_ERR_TIME_FILE;
        v = v * 10 + (text[i] - '0');
    }
    if (v < MID_TIME_MIN || v > MID_TIME_MAX)
        return MID_ERR_TIME_FILE;
    *out = v;
    return MID_OK;
}
