/* mid-kiosk — the kiosk's time floor and its last-known-good time
 * (docs/trusted-time.md). Pure: the program feeds the wall clock, the
 * monotonic clock and the kernel's "synchronised" flag, and stores
 * last_good when mid_timekeeper_tick says so (src/app/timestore.c).
 *
 * The floor is the latest of: the image's build time, the newest accepted
 * bundle's signed issue time, and the last-known-good time persisted on the
 * data partition. A clock below it is a clock that went back: CLOCK. */
#ifndef MID_TIMEFLOOR_H
#define MID_TIMEFLOOR_H

#include <stddef.h>
#include <stdint.h>

#include "mid_err.h"

/* Times outside this range are not times this kiosk can meet. */
#define MID_TIME_MIN 1577836800 /* 2020-01-01T00:00:00Z */
#define MID_TIME_MAX 4102444800 /* 2100-01-01T00:00:00Z */
#define MID_TIME_FILE_MAX 32u
/* last_good is written this often while the clock runs steadily */
#define MID_TIME_STORE_S 300
/* the wall clock moving this much further than the monotonic clock
 * between two ticks is a step (chrony slews at most 0.083 % here) */
#define MID_TIME_STEP_S 120
/* an unconfirmed forward step becomes last_good after this long */
#define MID_TIME_CONFIRM_S 3600
/* The floor from last_good lies this much below it: a clock slewed or
 * stepped back by chrony by a second or two right after a store must not
 * flash the CLOCK screen (and close a result). The replay case does not
 * depend on it (replay_floor is last_good itself plus the skew). */
#define MID_TIME_FLOOR_SLACK_S 10

/* Latest of the sources (last_good less MID_TIME_FLOOR_SLACK_S); a
 * source <= 0 is absent. build <= 0 or INT64_MAX
 * (no build time) gives INT64_MAX: no floor we can trust, CLOCK always. */
int64_t mid_time_floor(int64_t build, int64_t bundle_issued, int64_t last_good);

typedef struct mid_timekeeper {
    int64_t build;         /* INT64_MAX: missing */
    int64_t bundle_issued; /* newest accepted bundle's signed issue time */
    int64_t last_good;     /* persisted last-known-good time, 0: none */
    int64_t floor;
    /* step detection */
    int have_prev;
    int64_t prev_wall, prev_mono_ms;
    int step_pending;        /* a forward step not yet confirmed */
    int64_t steady_since_ms; /* monotonic ms since the step */
    int64_t last_store_ms;
    int stored_once;
} mid_timekeeper;

void mid_timekeeper_init(mid_timekeeper *tk, int64_t build, int64_t bundle_issued,
                         int64_t last_good);
/* A bundle with a newer signed issue time was accepted: the floor rises. */
void mid_timekeeper_bundle(mid_timekeeper *tk, int64_t issued);

typedef enum mid_time_event {
    MID_TIME_TICK = 0,     /* about once a second */
    MID_TIME_VERIFIED = 1, /* a presentation was accepted at now: the
                              holder's phone agreed with the clock within
                              the freshness window, and the replay memory
                              (RAM) must survive a restart through last_good */
    MID_TIME_SHUTDOWN = 2  /* clean exit: store if steady */
} mid_time_event;

/* Returns 1 when tk->last_good was set to now and must be persisted now
 * (atomically); 0 otherwise. synced: the kernel says an NTP client
 * (chronyd with NTS) disciplines the clock. */
int mid_timekeeper_tick(mid_timekeeper *tk, int64_t now, int64_t mono_ms, int synced,
                        mid_time_event ev);

/* Strict parse of the last-known-good file: decimal Unix seconds in
 * [MID_TIME_MIN, MID_TIME_MAX], no sign or leading zero, one optional
 * '\n'. MID_ERR_TIME_FILE otherwise. */
mid_err mid_time_parse(const char *text, size_t len, int64_t *out);

#endif
